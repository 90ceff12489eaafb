"""Small hand-built catalogs and dossiers for engine tests: every expectation is visible in the test."""

from __future__ import annotations

from datetime import date, datetime, timezone

from auditor.assess.engine import AuditInputs, run_audit
from auditor.assess.policy import load_policy
from auditor.catalog.loader import Catalog
from auditor.model.catalog import Control, Framework
from auditor.model.vendor import Citation, Vendor

DOC = "a" * 64
TODAY = date(2026, 11, 23)


def control(cid: str) -> Control:
    return Control.model_validate({
        "id": cid, "domain": "test", "title": cid.replace("-", " ").capitalize(), "description": "d",
        "evidence": [{"kind": "audit-report", "max_age": "P12M"}, {"kind": "scan", "max_age": "P90D"}],
        "questions": [f"How do you handle {cid}?", "Second question?"],
    })


def framework(fid: str, reqs: list[tuple[str, dict[str, str]]], applies_when=None, attestations=None) -> Framework:
    return Framework.model_validate({
        "id": fid, "name": fid.upper(), "version": "1", "publisher": "p", "source": "s", "licence_note": "l",
        "applies_when": applies_when or [], "attestations": attestations or [],
        "requirements": [{"id": rid, "title": f"{rid} title", "description": "d",
                          "controls": [{"control": c, "coverage": cov} for c, cov in mapping.items()]}
                         for rid, mapping in reqs],
    })


CONTROL_IDS = ["mfa", "password-policy", "encryption-at-rest", "encryption-in-transit", "support-sla",
               "embargoed-jurisdictions", "sanctions-screening", "termination-data-export", "auto-renewal-notice",
               "refund-policy", "terms-change-notice", "hipaa-baa", "data-processing-agreement", "backup"]


def catalog() -> Catalog:
    frameworks = [
        framework("iso27001-2022", [("A.8.5", {"mfa": "full", "password-policy": "partial"}),
                                    ("A.8.24", {"encryption-at-rest": "full", "encryption-in-transit": "full"}),
                                    ("A.8.13", {"backup": "full"})], attestations=["iso27001"]),
        framework("pci-dss-4.0.1", [("8.4.2", {"mfa": "full"})], applies_when=["cardholder data"]),
        framework("gdpr", [("Art.28(3)(g)", {"termination-data-export": "full"}),
                           ("Art.32(1)(a)", {"encryption-at-rest": "full"})], applies_when=["personal data"]),
        framework("ear-ofac", [("OFAC-EMBARGO", {"embargoed-jurisdictions": "full"}),
                               ("OFAC-SDN", {"sanctions-screening": "full"})]),
        framework("vendor-due-diligence", [("VDD-SLA", {"support-sla": "full"}),
                                           ("VDD-RENEWAL", {"auto-renewal-notice": "full", "refund-policy": "partial",
                                                            "terms-change-notice": "partial"}),
                                           ("VDD-BAA", {"hipaa-baa": "full", "data-processing-agreement": "full"})]),
    ]
    return Catalog(frameworks={f.id: f for f in frameworks}, controls={c: control(c) for c in CONTROL_IDS})


def cite(line: int, text: str) -> dict:
    return {"document": DOC, "line": line, "text": text}


def vendor(**fields) -> Vendor:
    data = {"id": "acme", "name": "Acme", "engagement": {"data": ["personal data"]}}
    data.update(fields)
    return Vendor.model_validate(data)


def audit(v: Vendor, *, evidence=None, screening=None, policy=None, scope=None, cat=None):
    return run_audit(AuditInputs(catalog=cat or catalog(), vendor=v, policy=policy or load_policy(None),
                                 evidence=evidence or [], screening=screening, as_of=TODAY, scope=scope))


def requirement(assessment, fw: str, rid: str):
    framework_result = next(f for f in assessment.frameworks if f.id == fw)
    return next(r for r in framework_result.requirements if r.id == rid)


def evidence_item(sha: str, covers: list[str], *, kind="audit-report", effective=None, valid_until=None, checks=None):
    from auditor.model.evidence import EvidenceItem

    return EvidenceItem.model_validate({
        "sha256": sha * 64 if len(sha) == 1 else sha, "vendor": "acme", "kind": kind, "covers": covers,
        "effective": effective, "valid_until": valid_until, "added_at": datetime(2026, 11, 1, tzinfo=timezone.utc),
        "checks": checks or []})


__all__ = ["Citation"]
