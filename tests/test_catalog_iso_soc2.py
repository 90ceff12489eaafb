"""The ISO/IEC 27001:2022 and SOC 2 (TSC 2017) catalogs: every requirement, right id, right order.

The expected id lists are built here independently of the YAML (from the standards' own
numbering), so a dropped, duplicated, renumbered or reordered requirement fails.
"""

from __future__ import annotations

import re

import pytest

from auditor.catalog.loader import load_catalog
from auditor.claims.normalise import normalise, normalise_pattern
from auditor.model.enums import Coverage

# ISO/IEC 27001:2022 clauses at their lowest numbered level: 6.1, 7.5, 9.2 and 9.3 are
# represented by their sub-clauses only, every other clause by itself.
ISO_CLAUSES = [
    "4.1", "4.2", "4.3", "4.4",
    "5.1", "5.2", "5.3",
    "6.1.1", "6.1.2", "6.1.3", "6.2", "6.3",
    "7.1", "7.2", "7.3", "7.4", "7.5.1", "7.5.2", "7.5.3",
    "8.1", "8.2", "8.3",
    "9.1", "9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3",
    "10.1", "10.2",
]
ISO_THEMES = {5: ("organizational", 37), 6: ("people", 8), 7: ("physical", 14), 8: ("technological", 34)}
ISO_ANNEX_A = [f"A.{theme}.{n}" for theme, (_, count) in ISO_THEMES.items() for n in range(1, count + 1)]

SOC2_COUNTS = [
    ("CC1", 5), ("CC2", 3), ("CC3", 4), ("CC4", 2), ("CC5", 3), ("CC6", 8), ("CC7", 5), ("CC8", 1), ("CC9", 2),
    ("A1", 3), ("C1", 2), ("PI1", 5),
    ("P1", 1), ("P2", 1), ("P3", 2), ("P4", 3), ("P5", 2), ("P6", 7), ("P7", 1), ("P8", 1),
]
SOC2_IDS = [f"{group}.{n}" for group, count in SOC2_COUNTS for n in range(1, count + 1)]
SOC2_CATEGORY = {"CC": "security", "A": "availability", "C": "confidentiality",
                 "PI": "processing-integrity", "P": "privacy"}
# COSO 2013 principle restated by each CC1-CC5 criterion.
COSO_PRINCIPLE = {"CC1.1": 1, "CC1.2": 2, "CC1.3": 3, "CC1.4": 4, "CC1.5": 5,
                  "CC2.1": 13, "CC2.2": 14, "CC2.3": 15,
                  "CC3.1": 6, "CC3.2": 7, "CC3.3": 8, "CC3.4": 9,
                  "CC4.1": 16, "CC4.2": 17,
                  "CC5.1": 10, "CC5.2": 11, "CC5.3": 12}

# Controls this catalog added beyond the contract's minimum, with a sentence in each language
# that a vendor document could contain and the control's vocabulary must recognise.
ADDED_CONTROLS = {
    "threat-intelligence": ("Our SOC subscribes to commercial threat intelligence feeds.",
                            "نعتمد على استخبارات التهديدات لتحديث قواعد الكشف."),
    "data-leakage-prevention": ("Data loss prevention (DLP) policies cover e-mail and web uploads.",
                                "نستخدم أنظمة منع تسرب البيانات على البريد الإلكتروني."),
    "capacity-management": ("Capacity planning is reviewed monthly against growth forecasts.",
                            "نقوم بمراقبة السعة الاستيعابية للخوادم بشكل مستمر."),
    "endpoint-security": ("All employee laptops are enrolled in mobile device management (MDM).",
                          "جميع الحواسيب المحمولة المشفرة تخضع لإدارة مركزية."),
    "processing-integrity": ("Input validation rejects malformed records at the API.",
                             "يتم التحقق من صحة المدخلات قبل معالجتها."),
    "regulatory-compliance": ("We maintain a register of applicable legal and regulatory requirements.",
                              "نقوم بتحديد المتطلبات القانونية والتنظيمية ومراجعتها سنويا."),
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(None)


@pytest.fixture(scope="module")
def iso(catalog):
    return catalog.framework("iso27001-2022")


@pytest.fixture(scope="module")
def soc2(catalog):
    return catalog.framework("soc2-2017")


def _mapping(req, control):
    return next((m.coverage for m in req.controls if m.control == control), None)


# ------------------------------------------------------------------ ISO/IEC 27001:2022

def test_iso_metadata(iso):
    assert iso.name == "ISO/IEC 27001:2022"
    assert iso.version == "2022"
    assert iso.publisher == "ISO/IEC"
    assert iso.source.startswith("https://www.iso.org/")
    assert iso.attestations == ["iso27001"]
    assert iso.applies_when == []
    assert "not reproduced" in iso.licence_note and "Amd 1:2024" in iso.licence_note


def test_iso_has_every_clause_then_all_93_annex_a_controls_in_order(iso):
    ids = [r.id for r in iso.requirements]
    assert len(ISO_ANNEX_A) == 93
    assert ids == ISO_CLAUSES + ISO_ANNEX_A
    assert len(ids) == 123


def test_iso_clause_granularity_is_consistent(iso):
    """A clause with numbered sub-clauses is listed through them only, never also as itself."""
    ids = {r.id for r in iso.requirements if not r.id.startswith("A.")}
    for rid in ids:
        parent = rid.rsplit(".", 1)[0]
        assert parent not in ids, f"{rid} and its parent {parent} are both listed"
    subclauses = [r for r in iso.requirements if r.id.count(".") == 2 and not r.id.startswith("A.")]
    assert {r.id.rsplit(".", 1)[0] for r in subclauses} == {"6.1", "7.5", "9.2", "9.3"}
    assert all(r.attributes.get("parent") == r.id.rsplit(".", 1)[0] for r in subclauses)


def test_iso_sections_and_themes(iso):
    for req in iso.requirements:
        if req.id.startswith("A."):
            theme_no = int(req.id.split(".")[1])
            theme, _ = ISO_THEMES[theme_no]
            assert req.attributes["theme"] == theme, req.id
            assert req.section == f"A.{theme_no} {theme.capitalize()} controls", req.id
        else:
            assert req.attributes["kind"] == "clause", req.id
            assert req.section.startswith(f"Clause {req.id.split('.')[0]} "), req.id


@pytest.mark.parametrize("rid, title", [
    ("6.3", "Planning of changes"),
    ("9.1", "Monitoring, measurement, analysis and evaluation"),
    ("10.1", "Continual improvement"),
    ("10.2", "Nonconformity and corrective action"),
    ("A.5.7", "Threat intelligence"),
    ("A.5.21", "Managing information security in the information and communication technology (ICT) "
               "supply chain"),
    ("A.5.22", "Monitoring, review and change management of supplier services"),
    ("A.5.23", "Information security for use of cloud services"),
    ("A.5.30", "ICT readiness for business continuity"),
    ("A.5.34", "Privacy and protection of personal identifiable information (PII)"),
    ("A.5.37", "Documented operating procedures"),
    ("A.6.1", "Screening"),
    ("A.6.8", "Information security event reporting"),
    ("A.7.4", "Physical security monitoring"),
    ("A.7.14", "Secure disposal or re-use of equipment"),
    ("A.8.1", "User end point devices"),
    ("A.8.12", "Data leakage prevention"),
    ("A.8.16", "Monitoring activities"),
    ("A.8.20", "Networks security"),
    ("A.8.24", "Use of cryptography"),
    ("A.8.28", "Secure coding"),
    ("A.8.34", "Protection of information systems during audit testing"),
])
def test_iso_official_titles(iso, rid, title):
    assert iso.requirement(rid).title == title


def test_iso_key_mappings(iso):
    a85 = iso.requirement("A.8.5")
    assert _mapping(a85, "mfa") is Coverage.FULL
    assert _mapping(a85, "password-policy") is Coverage.PARTIAL
    a824 = iso.requirement("A.8.24")
    assert {"encryption-at-rest", "encryption-in-transit", "key-management"} <= set(a824.control_ids)
    for rid in ("A.5.19", "A.5.20", "A.5.21", "A.5.22"):
        assert _mapping(iso.requirement(rid), "third-party-risk-management") is Coverage.FULL, rid
    assert _mapping(iso.requirement("A.6.1"), "background-checks") is Coverage.FULL
    assert _mapping(iso.requirement("A.8.13"), "backup") is Coverage.FULL
    assert _mapping(iso.requirement("A.5.7"), "threat-intelligence") is Coverage.FULL
    for rid in ("9.2.1", "9.2.2"):
        assert _mapping(iso.requirement(rid), "internal-audit") is Coverage.FULL
    for rid in ("6.1.2", "6.1.3", "8.2", "8.3"):
        assert _mapping(iso.requirement(rid), "risk-assessment") is Coverage.FULL


# ------------------------------------------------------------------ SOC 2

def test_soc2_metadata(soc2):
    assert soc2.name == "AICPA Trust Services Criteria (2017, revised points of focus 2022)"
    assert soc2.version == "2017 (rev. 2022)"
    assert soc2.publisher == "AICPA"
    assert soc2.attestations == ["soc2-type2"]
    assert soc2.applies_when == []
    assert "not" in soc2.licence_note and "AICPA" in soc2.licence_note


def test_soc2_has_all_61_criteria_in_order(soc2):
    assert len(SOC2_IDS) == 61
    assert [r.id for r in soc2.requirements] == SOC2_IDS


def test_soc2_categories_sections_and_coso_principles(soc2):
    for req in soc2.requirements:
        prefix = re.match(r"[A-Z]+", req.id).group(0)
        assert req.attributes["category"] == SOC2_CATEGORY[prefix], req.id
        assert req.section.startswith(req.id.split(".")[0] + " "), req.id
        assert req.attributes.get("coso_principle") == COSO_PRINCIPLE.get(req.id), req.id


def test_soc2_key_mappings(soc2):
    cc61 = soc2.requirement("CC6.1")
    assert {"access-control-rbac", "encryption-at-rest", "mfa", "key-management"} <= set(cc61.control_ids)
    assert _mapping(soc2.requirement("CC6.4"), "physical-security") is Coverage.FULL
    assert _mapping(soc2.requirement("CC8.1"), "change-management") is Coverage.FULL
    assert _mapping(soc2.requirement("CC9.2"), "third-party-risk-management") is Coverage.FULL
    assert _mapping(soc2.requirement("A1.2"), "backup") is Coverage.FULL
    assert _mapping(soc2.requirement("P6.6"), "breach-notification") is Coverage.FULL
    for rid in ("PI1.1", "PI1.2", "PI1.3", "PI1.4", "PI1.5"):
        assert _mapping(soc2.requirement(rid), "processing-integrity") is Coverage.FULL, rid


# ------------------------------------------------------------------ both

@pytest.mark.parametrize("framework_id", ["iso27001-2022", "soc2-2017"])
def test_every_requirement_is_described_and_mapped_to_existing_controls(catalog, framework_id):
    fw = catalog.framework(framework_id)
    for req in fw.requirements:
        assert req.title.strip() and req.description.strip(), req.id
        assert req.description.strip() != req.title.strip(), req.id
        assert req.section, req.id
        for control in req.control_ids:
            assert control in catalog.controls, f"{req.id} -> {control}"
        # a requirement is met through at least one core control, not only through fragments
        assert any(m.coverage is Coverage.FULL for m in req.controls), req.id


@pytest.mark.parametrize("framework_id", ["iso27001-2022", "soc2-2017"])
def test_reverse_index_finds_each_requirement(catalog, framework_id):
    fw = catalog.framework(framework_id)
    for req in fw.requirements:
        for control in req.control_ids:
            assert any(m.framework.id == fw.id and m.requirement.id == req.id
                       for m in catalog.mapped_to(control)), (req.id, control)


@pytest.mark.parametrize("control_id", sorted(ADDED_CONTROLS))
def test_added_controls_are_used_and_recognise_their_phrases(catalog, control_id):
    control = catalog.control(control_id)
    users = {(m.framework.id, m.requirement.id) for m in catalog.mapped_to(control_id)}
    assert any(fw in ("iso27001-2022", "soc2-2017") for fw, _ in users), control_id
    assert control.vocabulary.en and control.vocabulary.ar and control.questions
    for lang, sentence in zip(("en", "ar"), ADDED_CONTROLS[control_id]):
        patterns = [re.compile(normalise_pattern(p), re.IGNORECASE) for p in getattr(control.vocabulary, lang)]
        assert any(p.search(normalise(sentence)) for p in patterns), (control_id, lang, sentence)


def test_added_controls_stay_quiet_on_unrelated_vendor_text(catalog):
    """Phrases from the seed documents that name other safeguards must not trigger these controls."""
    unrelated = [
        "يتم إجراء النسخ الاحتياطي بانتظام لضمان سلامة البيانات وتوفرها.",
        "يضمن Cliently أن العنوان، وجميع حقوق الملكية الفكرية في بيانات العميل تبقى ملكًا للعميل.",
        "هذه الخطوة مهمة لضمان نقل البيانات التاريخية بدقة دون فقدان البيانات.",
        "يدعم Zoho CRM مجموعة واسعة من التكاملات.",
        "Backups are taken daily to prevent data loss.",
        "We comply with GDPR and CCPA.",
    ]
    for control_id in ADDED_CONTROLS:
        vocab = catalog.control(control_id).vocabulary
        for pattern in vocab.en + vocab.ar:
            rx = re.compile(normalise_pattern(pattern), re.IGNORECASE)
            for line in unrelated:
                assert not rx.search(normalise(line)), (control_id, pattern, line)


# ------------------------------------------------------------------ the CLI

@pytest.mark.parametrize("framework_id, expected", [
    ("iso27001-2022", ISO_CLAUSES + ISO_ANNEX_A),
    ("soc2-2017", SOC2_IDS),
])
def test_frameworks_show_json_lists_requirements_in_order(cli, catalog, framework_id, expected):
    data = cli.json("frameworks", "show", framework_id)
    assert data["id"] == framework_id
    assert data["name"] and data["version"]
    assert [r["id"] for r in data["requirements"]] == expected
    fw = catalog.framework(framework_id)
    for shown, req in zip(data["requirements"], fw.requirements):
        assert shown["title"] == req.title
        assert shown["controls"] == req.control_ids and shown["controls"]


def test_frameworks_list_counts(cli):
    rows = {r["id"]: r for r in cli.json("frameworks", "list")}
    assert rows["iso27001-2022"]["requirement_count"] == 123
    assert rows["soc2-2017"]["requirement_count"] == 61
    assert rows["soc2-2017"]["version"] == "2017 (rev. 2022)"
