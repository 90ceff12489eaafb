"""Evidence as the audit sees it: what is stored, what it covers and until when it counts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import Field

from auditor.model.base import Frozen, Sha256
from auditor.model.enums import CheckStatus, EvidenceKind


class CheckResult(Frozen):
    """One live check (tls, hsts, security.txt ...) as observed."""

    name: str
    status: CheckStatus
    observed: dict[str, Any] = Field(default_factory=dict)
    message: str | None = None
    controls: list[str] = Field(default_factory=list)


class EvidenceItem(Frozen):
    """The current state of one piece of evidence for a vendor (after supersede/revoke)."""

    sha256: Sha256
    vendor: str
    kind: EvidenceKind
    covers: list[str] = Field(default_factory=list, description="common control ids")
    effective: date | None = None
    period_start: date | None = Field(default=None, description="start of the period covered; effective is its end")
    valid_until: date | None = None
    source: str | None = Field(default=None, description="original path or URL")
    added_at: datetime
    added_by: str | None = None
    revoked: bool = False
    superseded_by: Sha256 | None = None
    checks: list[CheckResult] = Field(default_factory=list, description="for collected live checks")
    metadata: dict[str, Any] = Field(default_factory=dict)
    ledger_seq: int | None = None

    def is_valid_on(self, day: date) -> bool:
        if self.revoked or self.superseded_by:
            return False
        return self.valid_until is None or day <= self.valid_until
