"""Evidence as the audit sees it: what is stored, what it covers and until when it counts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import Field, model_validator

from auditor.model.attestation import AttestationFacts, ReviewerAcceptance
from auditor.model.base import Frozen, Sha256
from auditor.model.enums import AttestationType, CheckStatus, EvidenceKind


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
    attests: list[AttestationType] = Field(
        default_factory=list, description="attestations this file is (a SOC 2 Type 2 report, a signed BAA ...)")
    facts: AttestationFacts | None = Field(default=None, description="what the document says, read by "
                                                                       "auditor.attestations (evidence add)")
    accepted_unread: ReviewerAcceptance | None = Field(
        default=None, description="a reviewer accepted a document the readers could not read (--accept-unread)")
    metadata: dict[str, Any] = Field(default_factory=dict)
    ledger_seq: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _facts_from_metadata(cls, data: Any) -> Any:
        """The ledger keeps the facts read from a document (and a reviewer's acceptance) in the record's
        metadata, hash-chained with it; the item carries them typed."""
        metadata = data.get("metadata") if isinstance(data, dict) else None
        if not isinstance(metadata, dict) or not ({"facts", "accepted_unread"} & metadata.keys()):
            return data
        data, metadata = dict(data), dict(metadata)
        for key in ("facts", "accepted_unread"):
            if key in metadata and data.get(key) is None:
                data[key] = metadata.pop(key)
        data["metadata"] = metadata
        return data

    @model_validator(mode="before")
    @classmethod
    def _attests_from_metadata(cls, data: Any) -> Any:
        """Ledger records written before ``attests`` was a field kept it as ``metadata["attests"]``
        (one type as a string): read it into the typed field so old stores keep their meaning."""
        if not isinstance(data, dict) or data.get("attests"):
            return data
        metadata = data.get("metadata")
        legacy = metadata.get("attests") if isinstance(metadata, dict) else None
        if not legacy:
            return data
        data = dict(data)
        data["attests"] = [legacy] if isinstance(legacy, str) else list(legacy)
        return data

    def is_valid_on(self, day: date) -> bool:
        if self.revoked or self.superseded_by:
            return False
        return self.valid_until is None or day <= self.valid_until
