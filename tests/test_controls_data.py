"""The common controls catalog and the vendor-due-diligence framework, as shipped in the repository."""

from __future__ import annotations

import re

import pytest

from auditor.claims.normalise import normalise, normalise_pattern
from auditor.model.catalog import Control, Framework
from auditor.yamlio import load_model
from conftest import REPO, SEEDS

CONTROLS_DIR = REPO / "controls"
VDD_PATH = REPO / "frameworks" / "vendor-due-diligence.yaml"

# Every common control CONTRACT.md names, by group.
CONTRACT_CONTROLS: dict[str, list[str]] = {
    "governance": ["isms-governance", "security-policy", "risk-assessment", "security-roles", "internal-audit",
                   "asset-inventory", "data-classification"],
    "people": ["security-awareness-training", "background-checks", "confidentiality-agreements"],
    "access": ["access-control-rbac", "mfa", "access-reviews", "privileged-access", "password-policy"],
    "cryptography": ["encryption-at-rest", "encryption-in-transit", "key-management"],
    "operations": ["audit-logging", "intrusion-detection", "vulnerability-management", "penetration-testing",
                   "malware-protection", "change-management", "secure-development", "configuration-hardening",
                   "network-security", "tenant-isolation", "patch-management"],
    "resilience": ["backup", "disaster-recovery", "incident-response", "breach-notification"],
    "physical": ["physical-security", "secure-disposal"],
    "privacy": ["data-processing-agreement", "consent-management", "data-subject-rights", "data-portability",
                "data-retention-deletion", "records-of-processing", "privacy-by-design", "data-protection-officer",
                "international-transfers", "subprocessor-management", "data-residency"],
    "sector": ["hipaa-baa", "cardholder-data-scope"],
    "suppliers": ["third-party-risk-management"],
    "trade": ["sanctions-screening", "embargoed-jurisdictions", "export-classification"],
    "support": ["support-sla", "support-channels", "support-hours", "escalation-process", "documentation",
                "training-onboarding", "change-communication"],
    "contract": ["auto-renewal-notice", "refund-policy", "data-ownership", "termination-data-export",
                 "terms-change-notice", "service-scalability"],
}
ALL_CONTRACT_IDS = [cid for ids in CONTRACT_CONTROLS.values() for cid in ids]
DOMAIN_OF = {cid: domain for domain, ids in CONTRACT_CONTROLS.items() for cid in ids}
MUST_BE_IN_VDD = CONTRACT_CONTROLS["support"] + CONTRACT_CONTROLS["contract"]

# A quantified group that itself contains a quantifier: the shape of catastrophic backtracking.
NESTED_QUANTIFIER = re.compile(r"\((?:\?:)?[^()]*[+*][^()]*\)[+*{]")


def load_control(control_id: str) -> Control:
    return load_model(Control, CONTROLS_DIR / f"{control_id}.yaml")


@pytest.fixture(scope="module")
def vdd() -> Framework:
    return load_model(Framework, VDD_PATH)


def test_contract_lists_every_group_once():
    assert len(ALL_CONTRACT_IDS) == len(set(ALL_CONTRACT_IDS)) == 65


@pytest.mark.parametrize("control_id", ALL_CONTRACT_IDS)
def test_contract_control_file_loads_and_is_complete(control_id: str):
    control = load_control(control_id)
    assert control.id == control_id
    assert control.domain == DOMAIN_OF[control_id]
    assert len(control.evidence) >= 1
    assert len(control.questions) >= 2
    assert len(control.description.split()) >= 20, "description should say what the safeguard is and why it matters"
    assert control.vocabulary.en and control.vocabulary.ar


@pytest.mark.parametrize("control_id", ALL_CONTRACT_IDS)
def test_vocabulary_patterns_compile_and_never_match_nothing(control_id: str):
    control = load_control(control_id)
    for pattern in control.vocabulary.en + control.vocabulary.ar:
        for form in (pattern, normalise_pattern(pattern)):
            compiled = re.compile(form, re.IGNORECASE)
            assert compiled.search("") is None, f"{control_id}: {pattern!r} matches the empty string"
            assert compiled.search(" ") is None, f"{control_id}: {pattern!r} matches a blank line"
        assert not NESTED_QUANTIFIER.search(pattern), f"{control_id}: nested quantifier in {pattern!r}"


def test_every_control_file_in_the_repository_loads():
    files = sorted(CONTROLS_DIR.glob("*.yaml"))
    assert len(files) >= len(ALL_CONTRACT_IDS)
    for path in files:
        assert load_model(Control, path).id == path.stem


def test_vdd_framework_header(vdd: Framework):
    assert vdd.id == "vendor-due-diligence"
    assert vdd.applies_when == []
    assert vdd.publisher == "auditor project"
    ids = [r.id for r in vdd.requirements]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"VDD-[A-Z]+(?:-[A-Z0-9]+)?", i) for i in ids), ids
    assert all(r.section for r in vdd.requirements)


def test_vdd_maps_only_to_existing_controls(vdd: Framework):
    existing = {p.stem for p in CONTROLS_DIR.glob("*.yaml")}
    unknown = {(r.id, c) for r in vdd.requirements for c in r.control_ids if c not in existing}
    assert not unknown


@pytest.mark.parametrize("control_id", MUST_BE_IN_VDD)
def test_support_and_contract_controls_are_mapped_from_vdd(vdd: Framework, control_id: str):
    assert any(control_id in r.control_ids for r in vdd.requirements)


def test_vdd_sla_covers_every_severity(vdd: Framework):
    for severity in ("critical", "high", "medium", "low"):
        req = vdd.requirement(f"VDD-SLA-{severity.upper()}")
        assert req is not None and "support-sla" in req.control_ids
        assert req.attributes.get("severity") == severity


# Plain claims of the source documents that the vocabulary must recognise (seed file, fragment, control).
SEED_CLAIMS = [
    ("001", "المصادقة الثنائية: يدعم", "mfa"),
    ("001", "فصل البيانات المنطقي", "tenant-isolation"),
    ("001", "الكشف عن التطفل والوقاية منه: يستخدم", "intrusion-detection"),
    ("001", "سجلات التدقيق: يوفر", "audit-logging"),
    ("001", "النسخ الاحتياطي واستعادة الكوارث: لدى", "disaster-recovery"),
    ("000", "4. التحكم في الوصول: يستخدم", "access-control-rbac"),
    ("000", "3. نقل البيانات بشكل آمن", "encryption-in-transit"),
    ("000", "1. ملكية البيانات: يضمن", "data-ownership"),
    ("000", "1. تجديد تلقائي", "auto-renewal-notice"),
    ("000", "2. لا رد للأموال", "refund-policy"),
    ("000", "3. الوصول إلى البيانات بعد الإلغاء", "termination-data-export"),
    ("000", "4. تعديل الشروط: يحتفظ", "terms-change-notice"),
    ("003", "التصعيد للفريق المناسب خلال ساعة واحدة", "escalation-process"),
    ("003", "الاستجابة للتذكرة خلال ١٢ ساعة", "support-sla"),
    ("004", "ساعات الدعم | على مدار الساعة", "support-hours"),
]


def _seed_line(prefix: str, fragment: str) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if fragment in line)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents not present")
@pytest.mark.parametrize(("seed", "fragment", "control_id"), SEED_CLAIMS)
def test_vocabulary_recognises_the_source_documents(seed: str, fragment: str, control_id: str):
    line = normalise(_seed_line(seed, fragment))
    patterns = load_control(control_id).vocabulary.ar
    assert any(re.search(normalise_pattern(p), line, re.IGNORECASE) for p in patterns), line


def test_controls_show_json_lists_the_control_and_its_requirements(cli):
    shown = cli.json("controls", "show", "encryption-at-rest")
    assert shown["id"] == "encryption-at-rest"
    assert shown["domain"] == "cryptography"
    assert {e["kind"] for e in shown["evidence"]} >= {"audit-report", "policy"}
    assert "algorithm" in shown["attributes"]
    mapped = {(r["framework"], r["id"]) for r in shown["requirements"]}
    assert ("vendor-due-diligence", "VDD-SEC-1") in mapped


def test_frameworks_show_vdd_json_keeps_file_order(cli, vdd: Framework):
    shown = cli.json("frameworks", "show", "vendor-due-diligence")
    assert [r["id"] for r in shown["requirements"]] == [r.id for r in vdd.requirements]
    sla = next(r for r in shown["requirements"] if r["id"] == "VDD-SLA-CRITICAL")
    assert "support-sla" in sla["controls"]
