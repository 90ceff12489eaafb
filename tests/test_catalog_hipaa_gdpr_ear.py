"""The HIPAA Security Rule, GDPR and EAR/OFAC catalogs, checked against the structure of the texts.

The expected figures come from the regulations themselves: 45 CFR 164.308-316 has 22 standards and
43 implementation specifications, 22 of them addressable (the 36 specifications of 164.308-312 split
14 required / 22 addressable, as in the rule's appendix A matrix; 164.314 and 164.316 add 7 required).
"""

from __future__ import annotations

import re

import pytest

from auditor.catalog.loader import load_catalog
from auditor.claims.normalise import normalise, normalise_pattern
from auditor.model.enums import Coverage, DataCategory


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(None)


@pytest.fixture(scope="module")
def hipaa(catalog):
    return catalog.framework("hipaa-security")


@pytest.fixture(scope="module")
def gdpr(catalog):
    return catalog.framework("gdpr")


@pytest.fixture(scope="module")
def ear(catalog):
    return catalog.framework("ear-ofac")


def _mapping(fw, req_id: str) -> dict[str, Coverage]:
    req = fw.requirement(req_id)
    assert req is not None, f"{fw.id} lacks {req_id}"
    return {m.control: m.coverage for m in req.controls}


# ----------------------------------------------------------------------------------------- HIPAA

ADDRESSABLE = {
    "164.308(a)(3)(ii)(A)", "164.308(a)(3)(ii)(B)", "164.308(a)(3)(ii)(C)",
    "164.308(a)(4)(ii)(B)", "164.308(a)(4)(ii)(C)",
    "164.308(a)(5)(ii)(A)", "164.308(a)(5)(ii)(B)", "164.308(a)(5)(ii)(C)", "164.308(a)(5)(ii)(D)",
    "164.308(a)(7)(ii)(D)", "164.308(a)(7)(ii)(E)",
    "164.310(a)(2)(i)", "164.310(a)(2)(ii)", "164.310(a)(2)(iii)", "164.310(a)(2)(iv)",
    "164.310(d)(2)(iii)", "164.310(d)(2)(iv)",
    "164.312(a)(2)(iii)", "164.312(a)(2)(iv)", "164.312(c)(2)", "164.312(e)(2)(i)", "164.312(e)(2)(ii)",
}

# section -> (standards, required specifications, addressable specifications)
HIPAA_SECTIONS = {
    "164.308": (9, 10, 11),
    "164.310": (4, 2, 6),
    "164.312": (5, 2, 5),
    "164.314": (2, 4, 0),
    "164.316": (2, 3, 0),
}

HIPAA_ID = re.compile(r"^164\.\d{3}(?:\([a-z]\))(?:\(\d+\))?(?:\((?:i|ii|iii|iv|v)\))?(?:\([A-J]\))?$")


def _security_rule(hipaa):
    return [r for r in hipaa.requirements if r.attributes.get("rule") == "security"]


def test_hipaa_security_rule_has_the_published_standards_and_specifications(hipaa):
    rule = _security_rule(hipaa)
    kinds = [r.attributes["kind"] for r in rule]
    assert kinds.count("standard") == 22
    assert kinds.count("implementation-specification") == 43
    specs = [r for r in rule if r.attributes["kind"] == "implementation-specification"]
    split = [r.attributes["implementation"] for r in specs]
    assert split.count("required") == 21
    assert split.count("addressable") == 22
    in_308_to_312 = [r for r in specs if r.id[:7] in ("164.308", "164.310", "164.312")]
    assert len(in_308_to_312) == 36
    assert sum(r.attributes["implementation"] == "required" for r in in_308_to_312) == 14


def test_hipaa_counts_per_section(hipaa):
    for section, (standards, required, addressable) in HIPAA_SECTIONS.items():
        reqs = [r for r in _security_rule(hipaa) if r.id.startswith(section + "(")]
        assert sum(r.attributes["kind"] == "standard" for r in reqs) == standards, section
        assert sum(r.attributes.get("implementation") == "required" for r in reqs) == required, section
        assert sum(r.attributes.get("implementation") == "addressable" for r in reqs) == addressable, section


def test_hipaa_addressable_specifications_are_exactly_the_cfr_ones(hipaa):
    found = {r.id for r in hipaa.requirements if r.attributes.get("implementation") == "addressable"}
    assert found == ADDRESSABLE


def test_hipaa_kind_and_implementation_attributes_are_consistent(hipaa):
    for req in hipaa.requirements:
        kind = req.attributes.get("kind")
        assert kind in ("standard", "implementation-specification"), req.id
        if kind == "standard":
            assert "implementation" not in req.attributes, req.id
        else:
            assert req.attributes["implementation"] in ("required", "addressable"), req.id
        assert req.attributes.get("rule") in ("security", "breach-notification", "privacy"), req.id


def test_hipaa_ids_are_written_as_the_cfr_writes_them(hipaa):
    for req in hipaa.requirements:
        assert req.id == "164.410" or HIPAA_ID.match(req.id), req.id
    for wanted in ("164.308(a)(1)(ii)(A)", "164.312(d)", "164.314(a)(1)", "164.410", "164.308(a)(2)",
                   "164.308(a)(6)(ii)", "164.308(b)(3)", "164.316(b)(2)(iii)", "164.504(e)(2)(ii)(J)"):
        assert hipaa.requirement(wanted) is not None, wanted


def test_hipaa_specifications_follow_their_standard(hipaa):
    """Each specification comes after the standard of the same paragraph, e.g. (a)(1)(ii)(A) after (a)(1)(i)."""
    current_standard = None
    for req in hipaa.requirements:
        if req.attributes["kind"] == "standard":
            current_standard = req.id
            continue
        assert current_standard is not None, req.id
        paragraph = re.match(r"^164\.\d{3}\([a-z]\)", req.id).group(0)
        assert current_standard.startswith(paragraph), (current_standard, req.id)


def test_hipaa_titles_are_the_cfr_headings(hipaa):
    headings = {
        "164.308(a)(1)(i)": "Security management process",
        "164.308(a)(1)(ii)(A)": "Risk analysis",
        "164.308(a)(2)": "Assigned security responsibility",
        "164.308(a)(5)(ii)(C)": "Log-in monitoring",
        "164.310(d)(2)(ii)": "Media re-use",
        "164.312(a)(2)(iv)": "Encryption and decryption",
        "164.312(d)": "Person or entity authentication",
        "164.314(a)(1)": "Business associate contracts or other arrangements",
        "164.316(b)(2)(i)": "Time limit",
    }
    for req_id, title in headings.items():
        assert hipaa.requirement(req_id).title == title


def test_hipaa_maps_to_the_expected_controls(hipaa):
    assert _mapping(hipaa, "164.312(a)(2)(iv)")["encryption-at-rest"] == Coverage.FULL
    assert _mapping(hipaa, "164.312(e)(2)(ii)")["encryption-in-transit"] == Coverage.FULL
    assert _mapping(hipaa, "164.314(a)(1)")["hipaa-baa"] == Coverage.FULL
    assert _mapping(hipaa, "164.410")["breach-notification"] == Coverage.FULL
    assert hipaa.requirement("164.410").attributes["notify_within"] == "P60D"
    assert {"termination-data-export", "data-retention-deletion"} <= set(_mapping(hipaa, "164.504(e)(2)(ii)(J)"))
    assert "subprocessor-management" in _mapping(hipaa, "164.314(a)(2)(iii)")


def test_hipaa_applies_to_health_data_only(hipaa):
    assert hipaa.applies_when == [DataCategory.HEALTH_DATA]
    assert all(r.applies_when is None for r in hipaa.requirements)


# ------------------------------------------------------------------------------------------ GDPR

GDPR_ID = re.compile(r"^Art\.(\d+)((?:\(\d+\))?)((?:\([a-z]\))?)$")


def _gdpr_key(req_id: str) -> tuple[int, int, int]:
    match = GDPR_ID.match(req_id)
    assert match, req_id
    article, paragraph, point = match.groups()
    return (int(article), int(paragraph[1:-1]) if paragraph else 0, ord(point[1]) - 96 if point else 0)


def test_gdpr_processor_and_security_points_are_separate_entries(gdpr):
    for letter in "abcdefgh":
        assert gdpr.requirement(f"Art.28(3)({letter})") is not None, letter
    for letter in "abcd":
        assert gdpr.requirement(f"Art.32(1)({letter})") is not None, letter
    for req_id in ("Art.28", "Art.28(1)", "Art.28(2)", "Art.28(4)", "Art.32", "Art.33", "Art.34", "Art.46(2)(c)"):
        assert gdpr.requirement(req_id) is not None, req_id


def test_gdpr_every_article_from_5_to_49_has_its_own_entry(gdpr):
    ids = {r.id for r in gdpr.requirements}
    missing = [n for n in range(5, 50) if f"Art.{n}" not in ids]
    assert missing == []
    articles = {_gdpr_key(r.id)[0] for r in gdpr.requirements}
    assert articles == set(range(5, 50))


def test_gdpr_keeps_the_order_of_the_regulation(gdpr):
    keys = [_gdpr_key(r.id) for r in gdpr.requirements]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))


def test_gdpr_chapters(gdpr):
    chapters = {range(5, 12): "Chapter II -", range(12, 24): "Chapter III -", range(24, 44): "Chapter IV,",
                range(44, 50): "Chapter V -"}
    for req in gdpr.requirements:
        article = _gdpr_key(req.id)[0]
        chapter = next(name for span, name in chapters.items() if article in span)
        assert req.section.startswith(chapter), (req.id, req.section)


def test_gdpr_titles_are_the_article_titles(gdpr):
    titles = {
        "Art.5": "Principles relating to processing of personal data",
        "Art.17": "Right to erasure ('right to be forgotten')",
        "Art.28": "Processor",
        "Art.30": "Records of processing activities",
        "Art.32": "Security of processing",
        "Art.33": "Notification of a personal data breach to the supervisory authority",
        "Art.44": "General principle for transfers",
        "Art.49": "Derogations for specific situations",
    }
    for req_id, title in titles.items():
        assert gdpr.requirement(req_id).title == title
    # split points carry the article title first
    assert gdpr.requirement("Art.32(1)(a)").title.startswith("Security of processing: ")


def test_gdpr_maps_to_the_expected_controls(gdpr):
    assert {"encryption-at-rest", "encryption-in-transit"} <= set(_mapping(gdpr, "Art.32(1)(a)"))
    assert {"termination-data-export", "data-retention-deletion"} <= set(_mapping(gdpr, "Art.28(3)(g)"))
    for req_id in ("Art.28(2)", "Art.28(3)(d)", "Art.28(4)"):
        assert "subprocessor-management" in _mapping(gdpr, req_id), req_id
    assert _mapping(gdpr, "Art.33")["breach-notification"] == Coverage.FULL
    assert _mapping(gdpr, "Art.20")["data-portability"] == Coverage.FULL
    transfers = [r for r in gdpr.requirements if 44 <= _gdpr_key(r.id)[0] <= 49]
    assert len(transfers) == 7
    assert all("international-transfers" in r.control_ids for r in transfers)


def test_gdpr_applies_to_personal_data(gdpr):
    assert gdpr.applies_when == [DataCategory.PERSONAL_DATA]
    assert gdpr.version == "2016/679"


# --------------------------------------------------------------------------------------- EAR/OFAC

EAR_IDS = ["OFAC-SDN", "OFAC-NON-SDN", "OFAC-50-PERCENT", "OFAC-EMBARGO", "EAR-744-ENTITY-LIST", "EAR-764-DPL",
           "EAR-744-UVL", "EAR-744-MEU", "CSL-SCREENING", "EAR-ECCN-5X002", "EAR-740-ENC", "EAR-RECORDKEEPING",
           "OFAC-RECORDKEEPING"]


def test_ear_ofac_every_entry_cites_the_cfr(ear):
    for req in ear.requirements:
        citation = req.attributes.get("citation")
        assert isinstance(citation, str) and re.search(r"\b(?:15|22|31) CFR\b", citation), req.id


def test_ear_ofac_ids_are_unique_stable_and_readable(ear):
    ids = [r.id for r in ear.requirements]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Z]+(?:-[A-Z0-9]+)+", i) for i in ids), ids
    assert set(EAR_IDS) <= set(ids)


def test_ear_ofac_maps_the_trade_controls(ear, catalog):
    used = {c for r in ear.requirements for c in r.control_ids}
    assert {"sanctions-screening", "embargoed-jurisdictions", "export-classification"} <= used
    assert _mapping(ear, "OFAC-EMBARGO")["embargoed-jurisdictions"] == Coverage.FULL
    for list_id in ("OFAC-SDN", "EAR-744-ENTITY-LIST", "EAR-764-DPL", "EAR-744-UVL", "EAR-744-MEU", "CSL-SCREENING"):
        assert _mapping(ear, list_id)["sanctions-screening"] == Coverage.FULL, list_id
    assert _mapping(ear, "EAR-ECCN-5X002")["export-classification"] == Coverage.FULL
    # and the catalog's reverse index finds them
    assert {m.requirement.id for m in catalog.mapped_to("embargoed-jurisdictions")
            if m.framework.id == "ear-ofac"} >= {"OFAC-EMBARGO"}


def test_ear_ofac_scope(ear):
    assert ear.applies_when == []
    encryption = {"EAR-ECCN-5X002", "EAR-740-ENC"}
    for req in ear.requirements:
        if req.id in encryption:
            assert req.applies_when == [DataCategory.EXPORT_CONTROLLED], req.id
        if req.id.startswith(("OFAC-", "CSL-")) or "744" in req.id or "764" in req.id:
            assert req.applies_when is None, req.id


def test_ear_ofac_recordkeeping_periods(ear):
    ofac = ear.requirement("OFAC-RECORDKEEPING")
    assert "501.601" in ofac.attributes["citation"]
    assert ofac.attributes["retention"] == "P10Y"  # five years until March 2025
    export = ear.requirement("EAR-RECORDKEEPING")
    assert "Part 762" in export.attributes["citation"]
    assert export.attributes["retention"] == "P5Y"


# ------------------------------------------------------------------------- controls added for them

@pytest.mark.parametrize("control_id, english, arabic", [
    ("privacy-notice", "Read our Privacy Policy to learn how we use your personal data.",
     "يرجى الاطلاع على سياسة الخصوصية الخاصة بنا."),
    ("eu-representative", "Our EU representative under Article 27 is Example GmbH.",
     "ممثلنا في الاتحاد الأوروبي هو شركة مثال."),
    ("customer-audit-rights", "The customer has the right to audit our processing once a year.",
     "يحق للعميل التدقيق في عمليات المعالجة مرة سنوياً."),
    ("trade-compliance-program", "We maintain a sanctions compliance program overseen by our counsel.",
     "لدينا برنامج امتثال لضوابط التصدير والعقوبات."),
])
def test_added_controls_recognise_their_wording(catalog, control_id, english, arabic):
    control = catalog.control(control_id)
    for patterns, sentence in ((control.vocabulary.en, english), (control.vocabulary.ar, arabic)):
        text = normalise(sentence)
        assert any(re.search(normalise_pattern(p), text, re.IGNORECASE) for p in patterns), (control_id, sentence)
    assert catalog.mapped_to(control_id), control_id


def test_added_controls_do_not_fire_on_unrelated_text(catalog):
    unrelated = normalise("We encrypt all customer data at rest with AES-256 and keep backups for 30 days.")
    for control_id in ("privacy-notice", "eu-representative", "customer-audit-rights", "trade-compliance-program"):
        control = catalog.control(control_id)
        assert not any(re.search(normalise_pattern(p), unrelated, re.IGNORECASE) for p in control.vocabulary.en)


# ------------------------------------------------------------------------------------------- CLI

def test_cli_shows_gdpr_in_the_regulation_order(cli, gdpr):
    data = cli.json("frameworks", "show", "gdpr")
    assert data["id"] == "gdpr"
    assert data["name"] == "General Data Protection Regulation (EU) 2016/679"
    assert data["version"] == "2016/679"
    assert [r["id"] for r in data["requirements"]] == [r.id for r in gdpr.requirements]
    by_id = {r["id"]: r for r in data["requirements"]}
    assert by_id["Art.28(3)(g)"]["title"].startswith("Processor")
    assert {"termination-data-export", "data-retention-deletion"} <= set(by_id["Art.28(3)(g)"]["controls"])


def test_cli_lists_the_three_frameworks_with_their_counts(cli, hipaa, gdpr, ear):
    rows = {row["id"]: row for row in cli.json("frameworks", "list")}
    for fw in (hipaa, gdpr, ear):
        assert rows[fw.id]["requirement_count"] == len(fw.requirements)
        assert rows[fw.id]["name"] == fw.name
