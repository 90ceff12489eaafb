"""Classes of misreading found on held-out vendor pages at stop 32, each written in our own words
after shapes met on public vendor pages: protective negations ("never co-mingled", "never leaves the region"),
per-tenant signing keys and key versions (key management), a practice the vendor forbids, a region
whose name holds a country's ("South America" in a hosting table), numbered bold section titles and
defined terms in contracts, other vendors' SLAs and reports, a customer's export duties and
"Start by ..." instructions, "no plans to", the company's home named as "a business located in" or
"X-based", and phrasings of integrity checks, monitoring, incident alerting, IP allow lists,
private addresses, availability zones and advance notice of downtime.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import assert_affirmed, controls, items, read, reasons


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


@pytest.mark.parametrize("line, control", [
    # mingling named plainly says nothing of isolation
    ("Logs from all services are commingled in one stream for search.", "tenant-isolation"),
    # a kind of storage not used is no promise about storing
    ("We do not use object storage for customer data; volumes are block devices.", "privacy-by-design"),
    # a DNS resolver is no resolution time
    ("The DNS resolver logs are deleted within 24 hours.", "support-sla"),
])
def test_words_that_only_look_like_a_control_say_nothing_of_it(extractor, line, control):
    found = read(extractor, f"# Notes\n\n{line}\n")
    assert control not in controls(found) | controls(found, "denied"), found.explain()


@pytest.mark.parametrize("line", [
    "Every workspace gets dedicated signing keys for the tokens it issues.",
    "Signing keys are versioned, so a token signed before a change can still be checked.",
])
def test_signing_keys_per_tenant_or_versioned_are_key_management(extractor, line):
    assert_affirmed(read(extractor, f"# Tokens\n\n{line}\n"), "key-management")


@pytest.mark.parametrize("line", [
    "- Shared admin accounts are prohibited.",
    "- The use of shared credentials is forbidden.",
    "- We prohibit shared logins on every production system.",
])
def test_a_practice_the_vendor_forbids_is_not_a_denial(extractor, line):
    assert_affirmed(read(extractor, f"# Access\n\n{line}\n"), "access-control-rbac")


HOSTING_TABLE = """# Where we run

Your workspace is hosted in one of these regions:

| Region | Cloud region |
|---|---|
| South America (Sao Paulo) | sa-east-1 |
| North America (Montreal) | ca-central-1 |
"""


def test_a_region_named_in_a_hosting_cell_shadows_the_country_inside_its_name(extractor):
    found = items(read(extractor, HOSTING_TABLE))
    assert ("hosting:BR", 7, "affirmed") in found and ("hosting:CA", 8, "affirmed") in found, found
    assert not any(item == "hosting:US" for item, _, _ in found), found


CONTRACT = """# Service Level Terms

**1.1. “Maintenance Window”** means the time outside 8:00 to 17:00 Central European Time, Monday to Friday.

**2. SUPPORT RESPONSE TIMES**.

| Priority | Response |
|---|---|
| P1 | 2 hours |
"""


def test_numbered_bold_titles_are_headings_and_a_defined_term_gives_no_support_hours(extractor):
    found = read(extractor, CONTRACT)
    assert (5, "claim:support-sla", "heading") in reasons(found), found.explain()
    assert not any(h.citation.line == 3 for h in found.support_hours), found.explain()
    assert not any(c.citation.line in (3, 5) for c in found.claims), found.explain()
    assert ("support-sla", 9, "affirmed") in items(found), found.explain()


@pytest.mark.parametrize("line, item", [
    ("Our hosting partners keep the platform running and we rely on those providers' service level agreements.", "support-sla"),
    ("Each year we review our suppliers' SOC 2 reports before renewal.", "soc2-type2*"),
])
def test_other_vendors_slas_and_reports_are_theirs(extractor, line, item):
    found = items(read(extractor, f"# Vendors\n\n{line}\n"))
    assert not any(i in (item, "soc2-type1*") for i, _, _ in found), found


@pytest.mark.parametrize("line", [
    "You may not export the software to restricted parties or to embargoed countries.",
    "Start by checking whether your product is subject to the EAR.",
    # a step of instructions, after the one before it
    "Read the overview page first. Then, navigate to the settings page and switch on encryption at rest.",
    "Read the overview page first. Next, enable MFA for every administrator of your workspace.",
    "Read the overview page first. Go to the admin console and turn on SSO for your users.",
])
def test_duties_and_instructions_to_the_reader_are_no_claims(extractor, line):
    found = read(extractor, f"# Security\n\n{line}\n")
    assert not found.claims and not found.regulations, found.explain()


def test_no_plans_to_is_a_firm_no(extractor):
    found = items(read(extractor, "# Health data\n\nWe have no plans to sign business associate agreements.\n"))
    assert ("hipaa-baa", 3, "denied") in found, found


@pytest.mark.parametrize("line, code", [
    ("Quillmark B.V. is a business located in the Netherlands.", "NL"),
    ("Quillmark is a Canada-based software company.", "CA"),
])
def test_the_company_home_named_in_its_own_words_is_its_headquarters(extractor, line, code):
    found = items(read(extractor, f"# About\n\n{line}\n"))
    assert (f"headquarters:{code}", 3, "affirmed") in found, found


@pytest.mark.parametrize("line, control", [
    ("A dedicated background job verifies record integrity after every import.", "processing-integrity"),
    ("- Engineers are given training in secure application development.", "security-awareness-training"),
    ("Quillmark continuously monitors and analyses signals from its production environments.", "intrusion-detection"),
    ("We keep written procedures for incident alerting and response.", "incident-response"),
    ("We send a notification to admins at least 72 hours in advance of planned downtime.", "change-communication"),
    ("Outbound calls leave only from allowlisted IP addresses.", "network-security"),
    ("Managed databases only have private IP addresses.", "network-security"),
    ("We have no plans to expose databases over the public internet.", "network-security"),
    ("Every service is replicated across three availability zones.", "disaster-recovery"),
    ("The control plane can be restored to another region.", "disaster-recovery"),
    ("The gateway forwards requests without logging or storing any data it relays.", "privacy-by-design"),
    ("Our team answers support email between 8am and 5pm Eastern Time.", "support-hours"),
    ("Higher plans get a shorter time to first response.", "support-sla"),
    ("Quillmark shall notify the Customer without undue delay after learning of unlawful access to its data.",
     "breach-notification"),
])
def test_plain_phrasings_of_controls(extractor, line, control):
    assert_affirmed(read(extractor, f"# Security\n\n{line}\n"), control)


def test_a_vague_region_beside_the_eu_is_the_eu(extractor):
    found = items(read(extractor, "# Hosting\n\nCustomer data is hosted in Europe (EU).\n"))
    assert ("hosting:EU", 3, "affirmed") in found and not any(i == "hosting:EUROPE" for i, _, _ in found), found


@pytest.mark.parametrize("line, control", [
    ("We never accept unencrypted requests, not even for public pages.", "encryption-in-transit"),
    ("We do not store or cache the contents of customer repositories; each build gets scratch space.", "privacy-by-design"),
    ("Quillmark does not store or process any payment details.", "cardholder-data-scope"),
    ("The site code you write belongs to you.", "data-ownership"),
    ("Customer records are never co-mingled with records of other accounts.", "tenant-isolation"),
    ("Workspace data is not commingled in shared tables.", "tenant-isolation"),
    ("With one home region, your data never leaves the selected region.", "data-residency"),
    ("Customer data does not leave the selected data centre.", "data-residency"),
])
def test_protective_negations_and_ownership(extractor, line, control):
    assert_affirmed(read(extractor, f"# Security\n\n{line}\n"), control)


SITES = """# Sites

Find your site by its address in the table below.

| Site | Address | Location |
|---|---|---|
| NA1 | https://na1.quillmark.example | Canada |
| EU2 | https://eu2.quillmark.example | EU |
"""


def test_a_table_of_the_vendors_sites_with_a_location_column_gives_hosting_locations(extractor):
    found = items(read(extractor, SITES))
    assert ("hosting:CA", 7, "affirmed") in found and ("hosting:EU", 8, "affirmed") in found, found


DEFINITIONS = """# Data Processing Addendum

## Scope of this addendum

- "Transfer Clauses" means the model clauses for sending personal data abroad. For international transfers from the United Kingdom, they include the UK addendum, with Ireland chosen where a member state must be named.
"""


def test_every_sentence_of_a_contracts_defined_term_defines_it(extractor):
    found = read(extractor, DEFINITIONS)
    assert not found.claims and not found.locations, found.explain()


def test_a_provider_in_brackets_belongs_to_the_place_before_it(extractor):
    found = read(extractor, "# Hosting\n\nProcessing nodes run in Canada (Azure) and Germany (Hetzner).\n")
    pairs = {(s.name, s.country) for s in found.subprocessors}
    assert ("Microsoft Azure", "CA") in pairs and ("Microsoft Azure", "DE") not in pairs, pairs


def test_a_data_plane_is_where_data_is_processed(extractor):
    found = items(read(extractor, "# Regions\n\nData planes are offered in Canada and Australia.\n"))
    assert ("hosting:CA", 3, "affirmed") in found and ("hosting:AU", 3, "affirmed") in found, found


PLAN_TABLE = """# Support plans

| Plan feature | Basic | Business | Enterprise |
|---|---|---|---|
| Tickets | - | 12 hours | 2 hours |
"""


def test_a_row_named_by_its_channel_with_a_time_per_plan_states_the_support_sla(extractor):
    found = items(read(extractor, PLAN_TABLE))
    assert ("support-sla", 5, "affirmed") in found, found


CERTIFIED_LIST = """# Certifications

Quillmark has obtained the following certifications:

- SOC 2 Type II
- ISO/IEC 27001:2022

To stay compliant, we avoid storing the following:

- GDPR special categories of data
"""


def test_names_listed_under_a_lead_in_that_holds_them_are_attestations(extractor):
    found = items(read(extractor, CERTIFIED_LIST))
    assert ("soc2-type2", 5, "affirmed") in found and ("iso27001", 6, "affirmed") in found, found
    assert not any(line == 10 for _, line, _ in found), found


PROVIDER_LIST = """# Physical security

Quillmark runs on a large cloud provider. Its data centres feature strict physical safeguards, such as:

- Guards and CCTV recorded server rooms
- Biometric locks and multi-factor authentication
"""


def test_a_list_under_a_lead_in_about_the_providers_facilities_is_theirs(extractor):
    found = read(extractor, PROVIDER_LIST.replace("Its data centres", "AWS data centres"))
    assert not any(c.citation.line in (5, 6) for c in found.claims), found.explain()


def test_never_moved_to_staff_devices_is_no_residency_but_leak_prevention(extractor):
    found = read(extractor, "# Data\n\nCustomer data is never transferred or kept on employee laptops.\n")
    assert "data-residency" not in controls(found) | controls(found, "denied"), found.explain()
    assert_affirmed(found, "data-leakage-prevention")


def test_soc_2_written_out_with_its_acronym_in_brackets(extractor):
    found = items(read(extractor, "# Audits\n\nQuillmark undergoes System and Organization Controls (SOC) 2 Type 2 audits.\n"))
    assert ("soc2-type2", 3, "affirmed") in found, found


def test_support_reached_via_a_chat_tool_is_a_channel(extractor):
    found = read(extractor, "# Support\n\nOur first-line support team works with customers via Slack.\n")
    assert_affirmed(found, "support-channels")


def test_a_table_of_data_centre_cities_gives_their_countries(extractor):
    table = "# Data centres\n\n| Region | Compute |\n|---|---|\n| Atlanta | yes |\n| Oslo | yes |\n| Nairobi | yes |\n"
    found = items(read(extractor, table))
    assert {("hosting:US", 5, "affirmed"), ("hosting:NO", 6, "affirmed"), ("hosting:KE", 7, "affirmed")} <= found, found


REGION_HEADINGS = """# Regions

These regions are supported today:

### Cloud regions

- ca-central-1 (Montreal)
- eu-central-1 (Frankfurt)
"""


def test_a_list_under_a_heading_naming_regions_gives_hosting_locations(extractor):
    found = items(read(extractor, REGION_HEADINGS))
    assert ("hosting:CA", 7, "affirmed") in found and ("hosting:DE", 8, "affirmed") in found, found


def test_what_many_customers_do_not_do_is_no_denial_of_the_vendor(extractor):
    found = read(extractor, "# Care\n\nWe run upkeep that many teams do not (index rebuilds, backups of files and databases).\n")
    assert_affirmed(found, "backup")


def test_a_defined_kind_of_hours_in_a_support_page_is_the_support_hours(extractor):
    found = read(extractor, "# Support\n\n## Support hours\n\nBusiness hours means 08:00-17:00 Monday - Friday Swiss time.\n")
    assert any(h.citation.line == 5 for h in found.support_hours), found.explain()


def test_a_pointer_elsewhere_and_a_notice_about_instructions_are_no_claims(extractor):
    found = read(extractor, "# DPA\n\n- See [IP allow lists](allow-lists).\n\n"
                 "Quillmark shall notify Customer without undue delay if an instruction breaks the law.\n")
    assert not found.claims, found.explain()
