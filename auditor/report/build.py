"""Build the one report object every renderer reads, once, from a finished Assessment.

The Assessment already holds the requirement results (folded in before this runs) and the verdict
is decided by ``auditor.assess.verdict``; nothing here judges, and nothing patches the result later.
"""

from __future__ import annotations

from auditor import __version__
from auditor.model.assessment import Assessment, Verdict
from auditor.model.evidence import EvidenceItem
from auditor.model.vendor import Vendor
from auditor.report.model import LedgerHead, ManifestEntry, ReportData, manifest_digest

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
    "Each attestation (certificate, audit report, signed agreement) has one standing on the audit date: valid "
    "(current evidence collected), expired, rejected, denied, claimed, hedged, uncited or absent; every section "
    "of this report reads that one answer.",
    "The verdict follows the policy's rules in order: hard rules (a sanctions match, a denied BAA with health "
    "data, a denied DPA with personal data, PCI DSS denied with cardholder data), critical findings, failed "
    "requirement scenarios, the floor of verified coverage (below it: insufficient evidence), then the worst "
    "remaining finding. The rule that set it is named beside it.",
    "Support SLAs are compared in worst-case calendar time: a promise counted in business hours is converted "
    "with the vendor's support hours in the vendor's time zone, so a Friday-evening ticket waits for Monday.",
]

LIMITATIONS = [
    "A claim in a vendor's own document is a claim, not evidence; unverified requirements rest on the vendor's word.",
    "Claims were extracted automatically and checked by a reviewer; wording the extractor does not know is missed.",
    "Sanctions screening uses the lists dated as shown; a list updated since may differ. Fuzzy matches marked "
    "review need a person's judgement. A screening status of not_screened means names were compared against "
    "no list at all.",
    "Live checks show the state of a host at the moment of collection only.",
]


def manifest_for(evidence: list[EvidenceItem]) -> list[ManifestEntry]:
    return [ManifestEntry(sha256=e.sha256, kind=e.kind.value, covers=list(e.covers), effective=e.effective,
                          valid_until=e.valid_until, source=e.source, added_at=e.added_at)
            for e in sorted(evidence, key=lambda e: e.sha256)]


def build_report_data(assessment: Assessment, vendor: Vendor, evidence: list[EvidenceItem], verdict: Verdict,
                      reviewer: str | None = None, ledger_head: LedgerHead | None = None) -> ReportData:
    manifest = manifest_for(evidence)
    return ReportData(
        title=f"Vendor audit: {vendor.name}", tool_version=__version__, reviewer=reviewer,
        verdict=verdict.text, decision=verdict, assessment=assessment, vendor=vendor, evidence=manifest,
        evidence_manifest_digest=manifest_digest(manifest), method=list(METHOD), limitations=list(LIMITATIONS),
        ledger_head=ledger_head,
    )
