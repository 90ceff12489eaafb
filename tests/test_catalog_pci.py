"""The PCI DSS v4.0.1 catalog: every defined requirement, in the standard's order, with its attributes.

The expected numbers were established against the standard's own numbering (v4.0.1, June 2024),
so a requirement dropped, duplicated or invented by a careless edit fails here.
"""

from __future__ import annotations

import re

import pytest

from auditor.catalog.loader import load_catalog

FRAMEWORK = "pci-dss-4.0.1"

# Defined requirements per principal requirement and appendix (280 in all).
PER_PRINCIPAL = {
    "1": 19, "2": 11, "3": 29, "4": 6, "5": 13, "6": 19, "7": 12, "8": 29, "9": 27, "10": 27,
    "11": 21, "12": 37, "A1": 7, "A2": 3, "A3": 20,
}
TOTAL = 280

# "Additional requirement for service providers only" (and the multi-tenant provider ones).
SERVICE_PROVIDER_ONLY = {
    "3.6.1.1", "3.7.9", "8.2.3", "8.3.10", "8.3.10.1", "10.7.1", "11.4.6", "11.4.7", "11.5.1.1",
    "12.4.1", "12.4.2", "12.4.2.1", "12.5.2.1", "12.5.3", "12.9.1", "12.9.2",
    "A1.1.1", "A1.1.2", "A1.1.3", "A1.1.4", "A1.2.1", "A1.2.2", "A1.2.3", "A2.1.2", "A2.1.3",
}

# Best practices until 31 March 2025 (whole requirements or one of their bullets): 51 in v4.0/4.0.1.
FUTURE_DATED = {
    "3.2.1", "3.3.2", "3.3.3", "3.4.2", "3.5.1.1", "3.5.1.2", "3.6.1.1",
    "4.2.1", "4.2.1.1",
    "5.2.3.1", "5.3.2.1", "5.3.3", "5.4.1",
    "6.3.2", "6.4.2", "6.4.3",
    "7.2.4", "7.2.5", "7.2.5.1",
    "8.3.6", "8.3.10.1", "8.4.2", "8.5.1", "8.6.1", "8.6.2", "8.6.3",
    "9.5.1.2.1",
    "10.4.1.1", "10.4.2.1", "10.7.2", "10.7.3",
    "11.3.1.1", "11.3.1.2", "11.4.7", "11.5.1.1", "11.6.1",
    "12.3.1", "12.3.3", "12.3.4", "12.5.2.1", "12.5.3", "12.6.2", "12.6.3.1", "12.6.3.2",
    "12.10.4.1", "12.10.5", "12.10.7",
    "A1.1.1", "A1.1.4", "A1.2.3",
    "A3.3.1",
}

ID_SHAPE = re.compile(r"^(?:[1-9]|1[0-2]|A[1-3])(?:\.[1-9][0-9]?){2,4}$")


def principal(req_id: str) -> str:
    return req_id.split(".", 1)[0]


def standard_order(req_id: str) -> tuple[int, ...]:
    """Main body by its numeric parts, then appendices A1, A2, A3 by theirs."""
    head, *rest = req_id.split(".")
    if head.startswith("A"):
        return (1, int(head[1:]), *map(int, rest))
    return (0, int(head), *map(int, rest))


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(None)


@pytest.fixture(scope="module")
def pci(catalog):
    return catalog.framework(FRAMEWORK)


def test_framework_header(pci):
    assert (pci.name, pci.version, pci.publisher) == ("PCI DSS", "4.0.1", "PCI Security Standards Council")
    assert pci.source.startswith("https://www.pcisecuritystandards.org/")
    assert [c.value for c in pci.applies_when] == ["cardholder data"]
    assert pci.attestations == ["pci-dss-aoc"]
    note = pci.licence_note.lower()
    assert "not" in note and "reproduced" in note and "31 march 2025" in note


def test_total_and_per_principal_counts(pci):
    ids = [r.id for r in pci.requirements]
    assert len(ids) == TOTAL == sum(PER_PRINCIPAL.values())
    assert len(set(ids)) == TOTAL
    counts: dict[str, int] = {}
    for req_id in ids:
        counts[principal(req_id)] = counts.get(principal(req_id), 0) + 1
    assert counts == PER_PRINCIPAL


def test_ids_have_the_standards_shape_and_order(pci):
    ids = [r.id for r in pci.requirements]
    assert [i for i in ids if not ID_SHAPE.match(i)] == []
    assert ids == sorted(ids, key=standard_order)
    assert ids[0] == "1.1.1" and ids[-1] == "A3.5.1"
    assert ids.index("12.10.7") < ids.index("A1.1.1")


def test_known_ids_exist_and_known_gaps_do_not(pci):
    ids = {r.id for r in pci.requirements}
    for known in ("3.5.1.2", "8.4.2", "12.8.1", "12.10.7", "A1.1.1", "A3.5.1", "9.5.1.2.1", "8.3.10.1",
                  "11.5.1.1", "12.1.2", "8.4.1", "A2.1.1", "A3.3.1.1", "10.2.1.7", "6.2.3.1"):
        assert known in ids, known
    # Ids that public catalogs get wrong: typos, headings counted as requirements, renumbered appendices.
    for wrong in ("11.5.11", "A3.3.1.2", "12.1", "8.4", "3.3.1.4", "A1.1.5", "12.10.8", "1.1"):
        assert wrong not in ids, wrong


def test_every_principal_requirement_starts_with_policies_and_roles(pci):
    ids = {r.id for r in pci.requirements}
    for n in range(1, 13):
        assert f"{n}.1.1" in ids and f"{n}.1.2" in ids, n


def test_service_provider_only_requirements(pci):
    marked = {r.id for r in pci.requirements if r.attributes.get("service_provider_only") is True}
    assert len(marked) == 25
    assert marked == SERVICE_PROVIDER_ONLY
    multi_tenant = {r.id for r in pci.requirements if r.attributes.get("multi_tenant_only") is True}
    assert multi_tenant == {"11.4.7"} | {i for i in SERVICE_PROVIDER_ONLY if i.startswith("A1.")}
    assert multi_tenant <= marked
    # 12.8.x governs an entity's own providers and applies to everyone.
    assert not any(i.startswith("12.8.") for i in marked)


def test_future_dated_requirements(pci):
    dated = {r.id: r.attributes["future_dated"] for r in pci.requirements if "future_dated" in r.attributes}
    assert len(dated) == 51
    assert set(dated) == FUTURE_DATED
    assert set(dated.values()) == {"2025-03-31"}
    partly = {r.id for r in pci.requirements if r.attributes.get("future_dated_scope") == "bullet"}
    assert partly == {"3.2.1", "3.3.3", "3.6.1.1", "4.2.1", "12.10.5", "A3.3.1"}
    assert partly <= set(dated)


def test_appendix_a3_is_designated_entities_only(pci):
    desv = {r.id for r in pci.requirements if r.attributes.get("designated_entities_only") is True}
    assert desv == {r.id for r in pci.requirements if r.id.startswith("A3.")}
    assert {r.id for r in pci.requirements if r.attributes.get("issuers_only")} == {"3.3.3"}


def test_superseded_requirements_point_forward(pci):
    ids = {r.id for r in pci.requirements}
    superseded = {r.id: r.attributes["superseded_by"] for r in pci.requirements if "superseded_by" in r.attributes}
    assert superseded == {"6.4.1": "6.4.2", "10.7.1": "10.7.2"}
    assert set(superseded.values()) <= ids & FUTURE_DATED


def test_sections_follow_the_principal_requirements(pci):
    for req in pci.requirements:
        head = principal(req.id)
        expected = f"Appendix {head}:" if head.startswith("A") else f"Requirement {head}:"
        assert req.section and req.section.startswith(expected), (req.id, req.section)
    assert len({r.section for r in pci.requirements}) == len(PER_PRINCIPAL)


def test_every_mapping_points_at_an_existing_control(pci, catalog):
    for req in pci.requirements:
        assert req.controls, req.id
        ids = req.control_ids
        assert len(ids) == len(set(ids)), req.id
        for control in ids:
            assert control in catalog.controls, (req.id, control)
        assert len(req.title) <= 70 and len(req.description) >= 40, req.id


@pytest.mark.parametrize(
    ("req_id", "control", "coverage"),
    [
        ("3.5.1", "encryption-at-rest", "full"),
        ("3.5.1", "cardholder-data-scope", "partial"),
        ("4.2.1", "encryption-in-transit", "full"),
        ("8.4.2", "mfa", "full"),
        ("11.3.2", "vulnerability-management", "full"),
        ("11.4.3", "penetration-testing", "full"),
        ("11.5.2", "file-integrity-monitoring", "full"),
        ("11.6.1", "payment-page-security", "full"),
        ("10.6.1", "time-synchronisation", "full"),
        ("12.8.1", "third-party-risk-management", "full"),
        ("12.10.1", "incident-response", "full"),
        ("A1.1.1", "tenant-isolation", "full"),
    ],
)
def test_reviewer_mappings(pci, req_id, control, coverage):
    mapping = {m.control: m.coverage.value for m in pci.requirement(req_id).controls}
    assert mapping.get(control) == coverage, (req_id, mapping)


def test_themed_subsections_map_to_their_control(pci):
    themes = {"11.3.": "vulnerability-management", "11.4.": "penetration-testing",
              "12.8.": "third-party-risk-management", "12.10.": "incident-response", "3.7.": "key-management"}
    for req in pci.requirements:
        for prefix, control in themes.items():
            if req.id.startswith(prefix):
                assert control in req.control_ids, (req.id, control)


def test_cli_shows_the_catalog_in_order(cli, pci):
    data = cli.json("frameworks", "show", FRAMEWORK)
    assert (data["id"], data["name"], data["version"]) == (FRAMEWORK, "PCI DSS", "4.0.1")
    rows = data["requirements"]
    assert [r["id"] for r in rows] == [r.id for r in pci.requirements]
    by_id = {r["id"]: r for r in rows}
    assert by_id["8.4.2"]["controls"] == ["mfa"]
    assert by_id["8.4.2"]["attributes"] == {"future_dated": "2025-03-31"}
    assert by_id["12.9.2"]["attributes"]["service_provider_only"] is True
    assert by_id["3.5.1.2"]["title"] == pci.requirement("3.5.1.2").title
    listed = {f["id"]: f for f in cli.json("frameworks", "list")}
    assert listed[FRAMEWORK]["requirement_count"] == TOTAL


def test_cli_table_names_partial_mappings(cli):
    result = cli("frameworks", "show", FRAMEWORK)
    assert result.exit_code == 0, result.output
    assert "280 requirements" in result.output
    assert "cardholder-data-scope (partial)" in result.output
