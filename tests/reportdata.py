"""Realistic ReportData objects for the PDF and signing tests (until the audit engine builds them).

Frameworks with hundreds of requirement rows, findings of every severity, SLA and contract rows,
a screening result, evidence entries and vendor statements cited from the Arabic Zoho CRM
profile in the shared seeds (the lines are copied as the vendor wrote them).
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from conftest import SEEDS

from auditor.model.assessment import (
    Assessment,
    ContractAssessment,
    Finding,
    FrameworkCounts,
    FrameworkResult,
    Reason,
    RequirementResult,
    RequirementsRun,
    SlaAssessment,
)
from auditor.model.enums import ScreeningStatus, Severity, Status
from auditor.model.screening import Hit, ListInfo, ScreeningResult
from auditor.model.vendor import Attestation, Citation, Claim, DocumentRef, RegulationClaim, Vendor
from auditor.report.model import ManifestEntry, ReportData, manifest_digest


SEED_FILE = SEEDS / "001_1b8df0b9a5395975.txt"
# Lines of the Zoho CRM profile (seed 001), by line number, exactly as written.
ZOHO_LINES = {
    60: "البيانات أثناء الراحة: يستخدم Zoho CRM معيار التشفير المتقدم (AES) بمفاتيح بطول 256 بت لتشفير "
        "البيانات المخزنة على خوادمه. يضمن ذلك أن تبقى المعلومات الحساسة محمية حتى في حال الوصول غير المصرح "
        "به إلى التخزين.",
    61: "المصادقة الثنائية: يدعم Zoho CRM المصادقة الثنائية لإضافة طبقة أمان إضافية.",
    65: "يمتثل Zoho CRM لمجموعة من المعايير واللوائح الدولية، بما في ذلك ISO 27001، ISO 27017، ISO 27018، "
        "SOC 2 Type II، و GDPR.",
    97: "قانون قابلية النقل والمساءلة عن التأمين الصحي (HIPAA): يمتثل Zoho CRM لـ HIPAA، وهو الذي ينظم حماية "
        "وكشف المعلومات الصحية المحمية إلكترونيًا (ePHI).",
}
ARABIC_CITATION = ZOHO_LINES[60]
AS_OF = date(2026, 11, 23)
GENERATED = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)


def seed_sha256() -> str:
    if SEED_FILE.is_file():
        return hashlib.sha256(SEED_FILE.read_bytes()).hexdigest()
    return hashlib.sha256("\n".join(ZOHO_LINES.values()).encode()).hexdigest()


def _cite(line: int) -> Citation:
    return Citation(document=seed_sha256(), line=line, text=ZOHO_LINES[line])


def _ids(scale: int) -> dict[str, tuple[str, str, list[str]]]:
    """framework id -> (name, version, requirement ids) shaped like the real catalogs."""
    iso = [f"{c}.{i}" for c, n in ((4, 4), (5, 3), (6, 3), (7, 5), (8, 3), (9, 3), (10, 2)) for i in range(1, n + 1)]
    iso += [f"A.{t}.{i}" for t, n in ((5, 37), (6, 8), (7, 14), (8, 34)) for i in range(1, n + 1)]
    soc2 = [f"CC{g}.{i}" for g, n in ((1, 5), (2, 3), (3, 4), (4, 2), (5, 3), (6, 8), (7, 5), (8, 1), (9, 2))
            for i in range(1, n + 1)] + ["A1.1", "A1.2", "A1.3", "C1.1", "C1.2"] + [f"PI1.{i}" for i in range(1, 6)]
    gdpr = [f"Art.{n}" for n in range(5, 50)] + [f"Art.28(3)({x})" for x in "abcdefgh"] + \
        [f"Art.32(1)({x})" for x in "abcd"]
    hipaa = [f"164.308(a)({i})(ii)({x})" for i in range(1, 9) for x in "ABCD"] + \
        [f"164.312({x})" for x in "abcde"] + ["164.314(a)(1)", "164.316(b)(1)", "164.410"]
    pci = [f"{r}.{s}.{i}" for r in range(1, 13) for s in range(1, 6) for i in range(1, 3 + scale)]
    return {
        "gdpr": ("EU General Data Protection Regulation", "2016/679", gdpr),
        "iso27001-2022": ("ISO/IEC 27001:2022", "2022", iso),
        "soc2-2017": ("SOC 2 Trust Services Criteria", "2017 (rev. 2022)", soc2),
        "hipaa-security": ("HIPAA Security Rule", "45 CFR 164", hipaa),
        "pci-dss-4.0.1": ("PCI DSS", "4.0.1", pci),
        "ear-ofac": ("EAR and OFAC screening", "2026", ["EAR-744-entity-list", "OFAC-SDN", "OFAC-embargo",
                                                        "EAR-country-groups"]),
        "vendor-due-diligence": ("Vendor due diligence", "1", ["vdd-security", "vdd-data-ownership",
                                                               "vdd-support-sla", "vdd-renewal", "vdd-costs"]),
    }


_TITLES = {
    "A.8.24": "Use of cryptography", "A.5.1": "Policies for information security", "Art.28": "Processor",
    "Art.32": "Security of processing", "CC6.1": "Logical access security", "164.312(d)": "Person or entity "
    "authentication", "OFAC-embargo": "No business in comprehensively sanctioned jurisdictions",
}
_CONTROLS = ["encryption-at-rest", "mfa", "access-control-rbac", "backup", "audit-logging", "incident-response",
             "data-processing-agreement", "vulnerability-management", "sanctions-screening", "support-sla"]


def _requirement(rng: random.Random, rid: str, evidence: list[str]) -> RequirementResult:
    status = rng.choices(list(Status), weights=[8, 30, 3, 2, 20, 3])[0]
    control = rng.choice(_CONTROLS)
    reasons: list[Reason] = []
    claims: list[str] = []
    if status in (Status.SATISFIED, Status.UNVERIFIED, Status.STALE, Status.CONTRADICTED):
        line = rng.choice(list(ZOHO_LINES))
        claims.append(ZOHO_LINES[line])
        reasons.append(Reason(kind="claim", text=f"the vendor states: {ZOHO_LINES[line]}", control=control,
                              ref=f"{seed_sha256()}:{line}"))
    if status == Status.SATISFIED:
        reasons.append(Reason(kind="evidence", text="SOC 2 Type II report covers this control", ref=evidence[0]))
    elif status == Status.STALE:
        reasons.append(Reason(kind="evidence", text="the audit report period ended more than 12 months ago",
                              ref=evidence[1]))
    elif status == Status.GAP:
        reasons.append(Reason(kind="rule", text=f"no statement about {control} in the vendor's documents"))
    elif status == Status.NOT_APPLICABLE:
        reasons.append(Reason(kind="scope", text="no cardholder data in this engagement"))
    return RequirementResult(id=rid, title=_TITLES.get(rid, f"Requirement {rid}: {control.replace('-', ' ')}"),
                             status=status, controls=[control], reasons=reasons, claims=claims,
                             evidence=[evidence[0]] if status == Status.SATISFIED else [])


def _framework(rng, fid, name, version, ids, evidence, applicable=True) -> FrameworkResult:
    reqs = [_requirement(rng, rid, evidence) for rid in ids]
    counts = FrameworkCounts(**{s.value: sum(r.status == s for r in reqs) for s in Status})
    applicable_n = max(1, len(reqs) - counts.not_applicable)
    return FrameworkResult(
        id=fid, name=name, version=version, applicable=applicable,
        scope_reason=None if applicable else "the engagement involves no cardholder data",
        coverage=round(100.0 * (counts.satisfied + counts.unverified) / applicable_n, 1),
        verified=round(100.0 * counts.satisfied / applicable_n, 1), counts=counts, requirements=reqs)


def _findings(count: int) -> list[Finding]:
    base = [
        Finding(severity=Severity.CRITICAL, framework="ear-ofac", requirement="OFAC-embargo",
                control="embargoed-jurisdictions", title="A sub-processor is located in a sanctioned jurisdiction",
                detail="The sub-processor list names a support centre in IR.", kind="screening",
                question="Which services does the sub-processor in IR perform, and on whose behalf?",
                basis=[Reason(kind="screening", text="31 CFR 560: Iran is comprehensively sanctioned")]),
        Finding(severity=Severity.HIGH, framework="iso27001-2022", requirement="A.8.24",
                control="encryption-at-rest", title="Encryption at rest is claimed but not evidenced",
                question="Please send the key-management section of your SOC 2 Type II report.",
                basis=[Reason(kind="claim", text=ARABIC_CITATION, ref=f"{seed_sha256()}:60")]),
        Finding(severity=Severity.MEDIUM, framework="vendor-due-diligence", requirement="vdd-support-sla",
                control="support-sla", title="Critical support is 24x5, not 24x7", kind="sla",
                question="Is a critical incident on Saturday acknowledged before Monday?"),
        Finding(severity=Severity.LOW, framework="vendor-due-diligence", requirement="vdd-renewal",
                control="auto-renewal-notice", title="Contract renews automatically without notice", kind="contract",
                question="How many days before renewal are customers notified?"),
        Finding(severity=Severity.INFO, framework="gdpr", requirement="Art.28(3)(h)",
                control="data-processing-agreement", title="HIPAA compliance is claimed in hedged words",
                kind="hedge", basis=[Reason(kind="claim", text=ZOHO_LINES[97], ref=f"{seed_sha256()}:97")]),
    ]
    out = list(base)
    for i in range(count - len(base)):
        sev = list(Severity)[i % 5]
        out.append(Finding(severity=sev, framework="pci-dss-4.0.1", requirement=f"{i % 12 + 1}.1.{i % 3 + 1}",
                           control=_CONTROLS[i % len(_CONTROLS)], title=f"Control {_CONTROLS[i % 10]} is a gap",
                           question="Which document describes this safeguard?"))
    return out


def build(*, scale: int = 1, findings: int = 12, evidence_items: int = 6, seed: int = 7,
          reviewer: str = "Layla Haddad", with_run: bool = True) -> ReportData:
    """A Zoho CRM report; `scale` grows PCI DSS (scale 3 gives about 900 requirement rows)."""
    rng = random.Random(seed)
    digests = [hashlib.sha256(f"evidence {i}".encode()).hexdigest() for i in range(max(2, evidence_items))]
    entries = [ManifestEntry(sha256=d, kind=["audit-report", "certificate", "scan", "policy"][i % 4],
                             covers=[_CONTROLS[i % 10]], effective=AS_OF - timedelta(days=200 + i),
                             valid_until=AS_OF + timedelta(days=165 - i), source=f"https://example.test/{i}",
                             added_at=GENERATED - timedelta(days=i)) for i, d in enumerate(digests[:evidence_items])]
    frameworks = [_framework(rng, fid, name, version, ids, digests, applicable=fid != "pci-dss-4.0.1" or scale > 0)
                  for fid, (name, version, ids) in _ids(max(scale, 0)).items()]
    screening = ScreeningResult(
        status=ScreeningStatus.MATCH,
        hits=[Hit(list="jurisdictions", name="Iran", score=1.0, reason="sub-processor located in IR",
                  status=ScreeningStatus.MATCH, query="IR", party_role="subprocessor", citation="31 CFR 560"),
              Hit(list="SDN", name="ZOHO TRADING LLC", score=0.82, reason="fuzzy name match, different address",
                  query="Zoho Corporation", party_role="parent", programs=["SDGT"], entry_id="36001")],
        lists=[ListInfo(name="SDN", source="OFAC sdn.csv", date=date(2026, 11, 20), entries=18234),
               ListInfo(name="CSL", source="trade.gov consolidated list", date=date(2026, 11, 2), entries=11876,
                        stale=True)],
        screened=["Zoho CRM", "Zoho Corporation", "IN", "US", "IR"])
    sla = [SlaAssessment(severity="critical", required_response="PT1H", promised_response="PT1H",
                         worst_case_calendar="P2DT1H", required_coverage="24x7", promised_coverage="24x5", meets=False,
                         reason="critical tickets are handled on weekdays only: a Friday-night outage waits "
                                "until Monday"),
           SlaAssessment(severity="high", required_response="PT4H", promised_response="PT12H",
                         worst_case_calendar="P3D", meets=False, reason="12 business hours exceed the 4 hours required"),
           SlaAssessment(severity="low", required_response=None, promised_response="P3D", worst_case_calendar="P5D",
                         meets=None, reason="no requirement set for low severity")]
    contract = [ContractAssessment(term="auto-renewal notice", meets=False, severity=Severity.LOW,
                                   reason="renews automatically; no notice period stated"),
                ContractAssessment(term="refunds", meets=True, reason="refund within 15 days after annual renewal"),
                ContractAssessment(term="export at termination", meets=True,
                                   reason="export in a machine-readable format on request")]
    run = RequirementsRun(scenarios=[
        {"feature": "security.feature", "name": "Encryption at rest is claimed", "status": "passed", "message": ""},
        {"feature": "support.feature", "name": "Critical support 24x7", "status": "failed",
         "message": "expected 24x7 critical support; the dossier says 24x5"}], passed=1, failed=1) if with_run else None
    assessment = Assessment(
        vendor_id="zoho-crm", vendor_name="Zoho CRM", generated_at=GENERATED, as_of=AS_OF,
        scope=["personal data", "health data"], frameworks=frameworks, findings=_findings(findings),
        screening=screening, sla=sla, contract=contract, requirements_run=run,
        warnings=["the Consolidated Screening List is 21 days old"])
    vendor = Vendor(
        id="zoho-crm", name="Zoho CRM", legal_name="Zoho Corporation Pvt. Ltd.", website="https://www.zoho.com/crm/",
        claims=[Claim(control="encryption-at-rest", attributes={"algorithm": "AES-256"}, citation=_cite(60)),
                Claim(control="mfa", citation=_cite(61))],
        attestations=[Attestation(type="iso27001", citation=_cite(65)), Attestation(type="soc2-type2",
                                                                                    citation=_cite(65))],
        regulations=[RegulationClaim(id="gdpr", citation=_cite(65)), RegulationClaim(id="hipaa", citation=_cite(97))],
        documents=[DocumentRef(path="documents/profile-ar.txt", sha256=seed_sha256(), language="ar")])
    return ReportData(
        title="Vendor audit report", tool_version="0.1.0", reviewer=reviewer,
        verdict="Do not proceed until the sanctions match is resolved; 1 critical and "
                "several high findings remain open.",
        assessment=assessment, vendor=vendor, evidence=entries, evidence_manifest_digest=manifest_digest(entries),
        method=["Claims were read from the vendor's own documents, each cited to its line; evidence was "
                "collected separately and hashed into the store; each requirement's status follows from both."],
        limitations=["A vendor's statement is a claim, not evidence.", "Screening depends on the lists' dates."])


def write_json(path: Path, **kwargs) -> Path:
    """A ReportData saved as JSON, the form `auditor report --data` reads."""
    path.write_text(build(**kwargs).model_dump_json(indent=1), encoding="utf-8")
    return path
