"""Regions a vendor names instead of a country: read as region codes, audited, screened and held
against data-residency requirements without error (issue #15). Documents written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REFERENCE

SDN = str(REFERENCE / "ofac" / "sdn_sample.csv")

MIDDLE_EAST = """# Hosting

Our production servers run in the Middle East.

We do not keep backups anywhere in the Middle East.

Customers in the Middle East can reach our sales team by phone.

نستضيف بيانات العملاء في الشرق الأوسط.
"""

RESIDENCY = """# Where your data lives

All customer data is stored in the European Union.

## Sub-processors

We use the following sub-processors:

| Name | Purpose | Location |
|---|---|---|
| Ferrybridge Mail | Email delivery | EEA |
| Sandgate Analytics | Usage analytics | GCC |
| Qasr Support | Support desk | Middle East |
"""


def _write(cli, name: str, text: str) -> Path:
    path = cli.workspace / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_middle_east_is_a_region_code_in_english_and_arabic(cli):
    data = cli.json("claims", "extract", str(_write(cli, "me.md", MIDDLE_EAST)))
    found = {(loc["country"], loc["role"], loc["citation"]["line"]) for loc in data["locations"]}
    # line 5 denies, line 7 is where customers are (not where data goes): neither is a location
    assert found == {("MIDDLE-EAST", "hosting", 3), ("MIDDLE-EAST", "hosting", 9)}


def test_a_middle_east_dossier_audits_and_screening_asks_which_country(cli):
    doc = _write(cli, "me.md", MIDDLE_EAST)
    assert cli("vendor", "init", "meco", "--from", str(doc), "--legal-name", "Meco Hosting LLC").exit_code == 0
    audit = cli("audit", "meco", "--format", "json")
    assert audit.exit_code in (0, 1), audit.output  # a verdict, not an error
    assert json.loads(audit.stdout)["vendor"]
    screen = cli("screen", "meco", "--list", SDN, "--list-date", "2026-11-30", "--format", "json")
    assert screen.exit_code in (0, 1), screen.output
    result = json.loads(screen.stdout)
    places = [h for h in result["hits"] if h.get("query") == "MIDDLE-EAST"]
    assert {h["entry_id"] for h in places} >= {"IR", "SY"}
    assert all(h["status"] == "review" for h in places) and result["status"] == "review"


@pytest.mark.parametrize(("scenario", "expected"), [
    ('the vendor must host customer data only in "EEA"', "passed"),  # EU lies inside the EEA
    ('the vendor must host customer data only in "DE, FR"', "failed"),  # the EU is wider than two countries
    ('sub-processors must be located only in "EEA"', "failed"),  # GCC and the Middle East are not
    ('no sub-processor may be located in "CN, RU"', "passed"),
])
def test_residency_requirements_read_region_codes(cli, scenario, expected):
    doc = _write(cli, "eu.md", RESIDENCY)
    assert cli("vendor", "init", "euco", "--from", str(doc)).exit_code == 0
    feature = _write(cli, "residency.feature", f"Feature: Residency\n  Scenario: One\n    Then {scenario}\n")
    result = cli("requirements", "run", str(feature), "--vendor", "euco", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    (outcome,) = json.loads(result.stdout)["scenarios"]
    assert outcome["status"] == expected, outcome
    if "sub-processors must" in scenario:
        assert "Sandgate Analytics (GCC)" in outcome["message"] and "Qasr Support (MIDDLE-EAST)" in outcome["message"]


def test_region_codes_are_valid_dossier_countries():
    from pydantic import TypeAdapter, ValidationError

    from auditor.model.base import CountryCode

    adapter = TypeAdapter(CountryCode)
    for code in ("EU", "EEA", "GCC", "MIDDLE-EAST", "DE"):
        assert adapter.validate_python(code) == code
    with pytest.raises(ValidationError):
        adapter.validate_python("MIDDLE EAST")


NEGATED_PLACES = """# Data location

Customer data never passes through a US-based cloud provider and stays in Germany.

We never store data in the United States.

Backups are not replicated to any US region.

Our data centres are located in Frankfurt, and no data is ever hosted in China.

لا يتم تخزين البيانات أبداً في الولايات المتحدة.

Files are never copied to a cloud region in the United States or in Canada.
"""


def test_a_denied_placement_gives_no_location(cli):
    data = cli.json("claims", "extract", str(_write(cli, "neg.md", NEGATED_PLACES)))
    found = {(loc["country"], loc["citation"]["line"]) for loc in data["locations"]}
    # Germany (line 3) and Frankfurt (line 9) are affirmed; every US, China and Canada mention is denied
    assert found == {("DE", 3), ("DE", 9)}


ALL_REGIONS = """# Hosting

Customer data is stored in the European Union.

Backups are stored in the European Economic Area.

Our servers in the GCC host regional tenants.

A disaster recovery site is hosted in the Middle East.
"""


def test_every_region_code_audits_with_residency_in_scope(cli):
    doc = _write(cli, "regions.md", ALL_REGIONS)
    assert cli("vendor", "init", "regco", "--from", str(doc), "--data", "personal data").exit_code == 0
    dossier = (cli.workspace / "evidence" / "regco" / "vendor.yaml").read_text(encoding="utf-8")
    for code in ("EU", "EEA", "GCC", "MIDDLE-EAST"):
        assert f"country: {code}" in dossier
    for framework in ("gdpr", "ear-ofac", "vendor-due-diligence"):  # the frameworks that map data-residency
        result = cli("audit", "regco", "--framework", framework, "--format", "json")
        assert result.exit_code in (0, 1), result.output
        assert json.loads(result.stdout)["frameworks"]



EUROPE = """# Hosting

All workspaces are hosted in Europe.

Our backups run in the Europe (Stockholm) region of our cloud provider.

Our sub-processors:

| Name | Purpose | Location |
|---|---|---|
| Larkspur Mail | Email delivery | Europe |
| Tidewater Logs | Log storage | Europe (Netherlands) |
"""


def test_europe_is_a_vague_region_unless_its_clause_names_the_country(cli):
    data = cli.json("claims", "extract", str(_write(cli, "eu.md", EUROPE)))
    found = {(loc["country"], loc["role"], loc["citation"]["line"]) for loc in data["locations"]}
    assert found == {("EUROPE", "hosting", 3), ("SE", "hosting", 5), ("EUROPE", "subprocessor", 11),
                     ("NL", "subprocessor", 12)}
    assert {(s["name"], s["country"]) for s in data["subprocessors"]} >= {("Larkspur Mail", "EUROPE"),
                                                                          ("Tidewater Logs", "NL")}


def test_hosting_somewhere_in_europe_does_not_meet_an_eu_only_requirement(cli):
    doc = _write(cli, "eu-only.md", "# Hosting\n\nAll workspaces are hosted in Europe.\n")
    assert cli("vendor", "init", "euro", "--from", str(doc), "--data", "personal data").exit_code == 0
    feature = cli.workspace / "eu.feature"
    feature.write_text('Feature: Residency\n  Scenario: EU only\n'
                       '    Then the vendor must host customer data only in "EEA"\n', encoding="utf-8")
    result = cli("requirements", "run", str(feature), "--vendor", "euro", "--format", "json")
    (scenario,) = json.loads(result.stdout)["scenarios"]
    assert result.exit_code == 1 and "hosting in EUROPE" in scenario["message"], result.output
