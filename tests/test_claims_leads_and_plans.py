"""Lead-ins that hedge their lists, per-plan support tables, and other readings of whole structures.

Each document is written in our own words, after shapes met on public vendor pages.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import assert_affirmed, controls, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


# --- a lead-in that hedges its list --------------------------------------------------------------

PURSUING = """# Compliance

Harbourline is currently pursuing the following certifications:

- **ISO 27001:** the standard for running an information security management system.
- **SOC 2 Type 2:** an independent audit of our controls over a period of months.

Harbourline holds these today:

- **PCI DSS:** our card flows are assessed every year.
"""


def test_items_under_a_hedged_lead_in_are_hedged(extractor):
    found = read(extractor, PURSUING)
    by_type = {a.type.value: a for a in found.attestations}
    assert by_type["iso27001"].hedged and by_type["soc2-type2"].hedged, found.explain()


def test_items_under_a_plain_lead_in_keep_their_own_reading(extractor):
    found = read(extractor, PURSUING)
    pci = [a for a in found.attestations if a.type.value == "pci-dss-aoc"] + \
          [r for r in found.regulations if r.id.value == "pci-dss"]
    assert pci and not any(x.hedged for x in pci), found.explain()


# --- a line that states the type, then names the family bare -------------------------------------

def test_a_bare_soc2_after_a_typed_one_on_the_same_line_adds_no_untyped_report(extractor):
    found = read(extractor, "# Security\n\nKestrel is SOC 2 Type 2 audited. Under SOC 2, only two engineers "
                            "can reach production.\n")
    assert [(a.type.value, a.type_stated) for a in found.attestations] == [("soc2-type2", True)], found.explain()


def test_a_bare_soc2_alone_still_asks_for_its_type(extractor):
    found = read(extractor, "# Security\n\nKestrel is SOC 2 audited every year.\n")
    assert [a.type_stated for a in found.attestations] == [False], found.explain()


# --- tables: a qualified name header, a second plan's support times ------------------------------

def test_a_third_party_entity_column_names_the_sub_processors(extractor):
    found = read(extractor, "# Sub-processors\n\n| Third-party entity | Processing | Corporate location |\n"
                            "| --- | --- | --- |\n| Pelican Storage Inc. | Object storage | Canada |\n")
    assert {(s.name, s.country) for s in found.subprocessors} == {("Pelican Storage Inc.", "CA")}, found.explain()


PLANS = """# Support

## Team plan

| Severity | First response |
| --- | --- |
| Critical | 2 hours |
| Low | 3 days |

## Business plan

| Severity | First response |
| --- | --- |
| Critical | 30 minutes |
| Low | 1 day |
"""


def test_every_row_of_a_second_plans_support_table_is_read(extractor):
    found = read(extractor, PLANS)
    lines = {c.citation.line for c in found.claims if c.control == "support-sla"} | \
            {s.citation.line for s in found.sla}
    assert lines >= {7, 8, 14, 15}, found.explain()
    assert {(s.severity.value, s.response) for s in found.sla} == {("critical", "PT2H"), ("low", "P3D")}


def test_a_severity_defined_without_a_time_is_not_a_support_sla(extractor):
    found = read(extractor, "# Severities\n\n- **Sev 1 - Urgent**: every user is locked out of the product.\n"
                            "- **Sev 2 - High**: one feature fails for many users.\n")
    assert "support-sla" not in controls(found), found.explain()


def test_a_severity_with_its_time_is_a_support_sla(extractor):
    found = read(extractor, "# Severities\n\nSev 1 tickets get a first answer in 1 hour, day or night.\n")
    assert "support-sla" in controls(found), found.explain()


# --- whose rights ---------------------------------------------------------------------------------

def test_the_rights_of_data_subjects_do_not_deny_data_ownership(extractor):
    found = read(extractor, "# Privacy\n\nWe comply with the GDPR, which includes honouring the rights of data "
                            "subjects to access and erase their personal data.\n")
    assert "data-ownership" not in controls(found, "denied"), found.explain()


# --- phrasings of controls first met on held-out pages -------------------------------------------

@pytest.mark.parametrize("line, control", [
    ("Kestrel audits staff access to production every quarter.", "access-reviews"),
    ("Kestrel erases workspace data on request from an owner.", "data-retention-deletion"),
    ("Any suspected breach is investigated and reported to affected clients without delay.", "breach-notification"),
    ("Staff laptops are centrally managed and encrypted.", "endpoint-security"),
    ("The platform is available in four regions across three continents.", "data-residency"),
    ("Secure media destruction procedures apply to every retired disk.", "secure-disposal"),
])
def test_a_control_stated_in_these_words_is_read(extractor, line, control):
    found = read(extractor, "# Practices\n\n" + line + "\n")
    assert control in controls(found), found.explain()


def test_auditing_who_has_access_is_not_an_internal_audit(extractor):
    found = read(extractor, "# Practices\n\nKestrel regularly audits employee access to its build systems.\n")
    assert "internal-audit" not in controls(found), found.explain()


def test_secure_as_an_adjective_opens_no_imperative(extractor):
    found = read(extractor, "# Practices\n\n- Secure key destruction routines are in place for retired tenants.\n")
    assert not any(r.reason.startswith("advice") for r in found.rejected), found.explain()


def test_may_in_a_relative_clause_does_not_hedge_the_control(extractor):
    found = read(extractor, "# Practices\n\n- Audit logs are kept for every job that could touch health records.\n")
    claim = next(c for c in found.claims if c.control == "audit-logging")
    assert not claim.hedged, found.explain()


def test_may_in_the_main_clause_still_hedges(extractor):
    found = read(extractor, "# Practices\n\n- Audit logs may be kept for some jobs.\n")
    claim = next(c for c in found.claims if c.control == "audit-logging")
    assert claim.hedged, found.explain()


def test_no_data_without_a_backup_affirms_the_backup(extractor):
    found = read(extractor, "# Backups\n\nSnapshots are taken hourly, so no record older than an hour is "
                            "without a backup.\n")
    assert_affirmed(found, "backup")


def test_a_name_header_with_a_note_in_brackets_names_the_sub_processors(extractor):
    found = read(extractor, "# Sub-processors\n\n| Name of sub-processor (with link) | Country | Use |\n"
                            "| --- | --- | --- |\n| [Wrenfield](https://wrenfield.example) | Norway | Email |\n")
    assert {(s.name, s.country) for s in found.subprocessors} == {("Wrenfield", "NO")}, found.explain()


def test_a_short_title_with_a_colon_is_a_heading_not_a_claim(extractor):
    found = read(extractor, "# Protection\n\nData Encryption In Transit:\n\n- Every connection uses TLS 1.3.\n")
    assert {c.citation.line for c in found.claims if c.control == "encryption-in-transit"} == {5}, found.explain()


@pytest.mark.parametrize("line", [
    "A reply will be available within one business day of your email.",
    "Engineers acknowledge each ticket and begin their investigation within 2 hours of receipt.",
])
def test_a_response_time_in_these_words_is_a_support_sla(extractor, line):
    found = read(extractor, "# Support\n\n" + line + "\n")
    assert "support-sla" in controls(found), found.explain()


@pytest.mark.parametrize("line, control", [
    ("Next quarter we will be conducting yearly penetration tests with an outside firm.", "penetration-testing"),
])
def test_a_future_under_way_is_hedged(extractor, line, control):
    found = read(extractor, "# Plans\n\n" + line + "\n")
    claim = next(c for c in found.claims if c.control == control)
    assert claim.hedged, found.explain()


def test_a_report_still_being_audited_is_hedged(extractor):
    found = read(extractor, "# Compliance\n\nOur platform is currently undergoing SOC 2 Type 2 auditing.\n")
    assert all(a.hedged for a in found.attestations) and found.attestations, found.explain()


def test_a_front_matter_title_is_the_pages_section(extractor):
    found = read(extractor, "---\ntitle: Our sub-processors\n---\n\n<b>Canada:</b>\n\n| Name | Purpose | Location |\n"
                            "| --- | --- | --- |\n| Otterline | Backups | Canada |\n")
    assert {(s.name, s.country) for s in found.subprocessors} == {("Otterline", "CA")}, found.explain()


def test_databases_located_in_a_country_are_where_data_is_hosted(extractor):
    found = read(extractor, "# Hosting\n\nOur databases are all located in Canada.\n\nCustomer files are located "
                            "in Japan.\n")
    assert {(loc.country, loc.role.value) for loc in found.locations} == {("CA", "hosting"), ("JP", "hosting")}, \
        found.explain()


@pytest.mark.parametrize("title", ["**Encryption At Rest:**", "Encryption at rest:", "- **Encryption At Rest:**"])
def test_a_colon_title_over_its_text_in_one_block_is_a_heading(extractor, title):
    found = read(extractor, f"# Protection\n\n{title}\nStored files are encrypted with AES-256 on every volume.\n")
    assert {c.citation.line for c in found.claims if c.control == "encryption-at-rest"} == {4}, found.explain()


def test_a_statement_ending_in_a_colon_over_its_list_still_speaks(extractor):
    found = read(extractor, "# Protection\n\nWe encrypt stored data:\nevery volume uses AES-256.\n")
    assert 3 in {c.citation.line for c in found.claims if c.control == "encryption-at-rest"}, found.explain()


def test_marked_lines_under_an_exclusion_lead_in_are_a_list_left_out(extractor):
    found = read(extractor, "# Uptime commitment\n\nThe commitment does not cover:\n\n"
                            "❌ Planned maintenance windows announced in advance  \n❌ Outages caused by the customer's own network\n")
    assert "change-communication" not in controls(found), found.explain()
    assert any(r.reason.startswith("out of scope") for r in found.rejected), found.explain()


def test_a_capitalised_hedged_lead_in_hedges_its_list(extractor):
    found = read(extractor, "# Compliance\n\nPlanned for next year:\n\n- ISO 27001 certification\n")
    assert found.attestations and all(a.hedged for a in found.attestations), found.explain()


def test_a_list_under_a_heading_that_plans_is_planned(extractor):
    found = read(extractor, "# Trust\n\n### Planned in the next 12 months\n\n- **Q2:** an independent penetration test\n"
                            "- **Later:** SOC 2 Type II\n\n### In place today\n\n- Multi-factor authentication for all staff\n")
    hedged = {c.control for c in found.claims if c.hedged}
    assert "penetration-testing" in hedged and all(a.hedged for a in found.attestations), found.explain()
    assert "mfa" in controls(found) and "mfa" not in hedged, found.explain()
