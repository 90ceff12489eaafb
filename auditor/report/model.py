"""One plain object with everything a report shows; every renderer reads only this."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

from pydantic import Field

from auditor.evidence.anchor import LedgerHead  # the one definition of {seq, hash}; re-exported here
from auditor.model.assessment import Assessment, Verdict
from auditor.model.base import Frozen
from auditor.model.vendor import Vendor


class ManifestEntry(Frozen):
    """One piece of evidence behind the report, as the auditor can re-check it."""

    sha256: str
    kind: str
    covers: list[str] = Field(default_factory=list)
    effective: date | None = None
    valid_until: date | None = None
    source: str | None = None
    added_at: datetime | None = None


def manifest_digest(entries: list[ManifestEntry]) -> str:
    """sha256 over the canonical JSON of the manifest (sorted by sha256): embedded in the PDF."""
    canonical = [e.model_dump(mode="json") for e in sorted(entries, key=lambda e: e.sha256)]
    blob = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


class ReportData(Frozen):
    title: str
    tool_version: str
    reviewer: str | None = None
    verdict: str = Field(description="one line: the overall judgement shown on the cover")
    decision: Verdict | None = Field(default=None, description="the verdict with the policy rule that set it")
    assessment: Assessment
    vendor: Vendor
    evidence: list[ManifestEntry] = Field(default_factory=list)
    evidence_manifest_digest: str
    method: list[str] = Field(default_factory=list, description="paragraphs: how the audit was made")
    limitations: list[str] = Field(default_factory=list, description="paragraphs: what it cannot tell")
    ledger_head: LedgerHead | None = Field(default=None, description="the evidence ledger head {seq, hash}")

    def summary(self) -> str:
        a = self.assessment
        rule = f" [rule: {self.decision.rule}]" if self.decision else ""
        return f"{a.vendor_name} ({a.vendor_id}) as of {a.as_of.isoformat()}: {self.verdict}{rule}"
