"""Turn an Assessment into the one report object every renderer reads."""

from __future__ import annotations

from auditor import __version__
from auditor.model.assessment import Assessment
from auditor.model.enums import Severity
from auditor.model.evidence import EvidenceItem
from auditor.model.vendor import Vendor
from auditor.report.model import ManifestEntry, ReportData, manifest_digest

METHOD = [
    "Every requirement of each applicable framework is mapped to common controls. Each control is judged "
    "once for the vendor, from the vendor's own statements (each cited to the exact line of its document), "
    "the evidence collected into the tamper-evident store, live checks, and the tool's own rules for support "
    "SLAs, contract terms and sanctions screening. A requirement is as strong as the weakest control that "
    "fully covers it.",
    "Statuses: satisfied (claimed or required and backed by valid evidence), unverified (claimed, no evidence), "
    "stale (evidence expired or too old), contradicted (evidence or the vendor's own words say otherwise), gap "
    "(not claimed, or denied), not applicable (outside the engagement's scope, with the reason).",
    "Coverage is the share of applicable requirements that are satisfied or unverified (what the vendor claims); "
    "verified is the share that are satisfied (what evidence shows).",
    "Support SLAs are compared in worst-case calendar time: a promise counted in business hours is converted "
    "with the vendor's support hours, so a Friday-evening ticket waits for Monday.",
]

LIMITATIONS = [
    "A claim in a vendor's own document is a claim, not evidence; unverified requirements rest on the vendor's word.",
    "Claims were extracted automatically and checked by a reviewer; wording the extractor does not know is missed.",
    "Sanctions screening uses the lists dated as shown; a list updated since may differ. Fuzzy matches marked "
    "review need a person's judgement.",
    "Live checks show the state of a host at the moment of collection only.",
]


def verdict_for(assessment: Assessment) -> str:
    counts = {s: 0 for s in Severity}
    for finding in assessment.findings:
        counts[finding.severity] += 1
    if counts[Severity.CRITICAL]:
        return f"Not acceptable: {counts[Severity.CRITICAL]} critical finding(s) must be resolved first"
    if counts[Severity.HIGH]:
        return f"Acceptable only after remediation of {counts[Severity.HIGH]} high finding(s)"
    if counts[Severity.MEDIUM]:
        return f"Acceptable with {counts[Severity.MEDIUM]} medium finding(s) to follow up"
    return "Acceptable: no finding above low severity"


def manifest_for(evidence: list[EvidenceItem]) -> list[ManifestEntry]:
    return [ManifestEntry(sha256=e.sha256, kind=e.kind.value, covers=list(e.covers), effective=e.effective,
                          valid_until=e.valid_until, source=e.source, added_at=e.added_at)
            for e in sorted(evidence, key=lambda e: e.sha256)]


def build_report_data(assessment: Assessment, vendor: Vendor, evidence: list[EvidenceItem],
                      reviewer: str | None = None) -> ReportData:
    manifest = manifest_for(evidence)
    return ReportData(
        title=f"Vendor audit: {vendor.name}", tool_version=__version__, reviewer=reviewer,
        verdict=verdict_for(assessment), assessment=assessment, vendor=vendor, evidence=manifest,
        evidence_manifest_digest=manifest_digest(manifest), method=list(METHOD), limitations=list(LIMITATIONS),
    )
