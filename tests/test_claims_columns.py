"""Tables whose header names a control for each row, and code fences that must close where they close.

Each document is written in our own words, after shapes met on public vendor pages.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


def _lines(found, control):
    return {c.citation.line for c in found.claims if c.control == control and c.polarity.value == "affirmed"}


def test_a_retention_column_states_retention_on_every_row(extractor):
    found = read(extractor, "# What we keep\n\n| Record | Purpose | Retention |\n|---|---|---|\n"
                            "| Scoring output | Dashboard | 60 days |\n| Request metadata | Billing | 13 months |\n"
                            "| Uploaded images | Analysis | Dropped once analysed |\n")
    assert _lines(found, "data-retention-deletion") == {5, 6, 7}, found.explain()


def test_a_channel_column_states_a_support_channel_on_every_row(extractor):
    found = read(extractor, "# Reaching us\n\n| Channel | Who can use it |\n|---|---|\n"
                            "| Issue tracker on our public repository | Everyone |\n| Shared chat room | Enterprise |\n")
    assert _lines(found, "support-channels") == {5, 6}, found.explain()


def test_an_empty_cell_states_nothing(extractor):
    found = read(extractor, "# Kinds\n\n| Record | Retention |\n|---|---|\n| Scoring output | — |\n")
    assert _lines(found, "data-retention-deletion") == set(), found.explain()


def test_a_code_fence_closing_under_a_brace_is_not_a_title_underline(extractor):
    page = ("# Health\n\n```json\n{\n  \"status\": \"ok\"\n}\n```\n\n## Support\n\n"
            "Support tickets are answered within 4 hours on business days.\n")
    found = read(extractor, page, suffix=".mdx")
    assert 11 in _lines(found, "support-sla"), found.explain()


def test_a_restructuredtext_title_is_still_a_heading(extractor):
    found = read(extractor, "Encryption\n~~~~~~~~~~\n\nStored files are encrypted with AES-256.\n", suffix=".md")
    assert _lines(found, "encryption-at-rest") == {4}, found.explain()


def test_a_row_labelled_data_residency_names_where_data_is_hosted(extractor):
    found = read(extractor, "# At a glance\n\n| Topic | Our commitment |\n|---|---|\n"
                            "| Data residency | EU by default, UK on request |\n| Encryption | AES-256 at rest |\n")
    hosting = {(loc.country, loc.citation.line) for loc in found.locations if loc.role.value == "hosting"}
    assert hosting == {("EU", 5), ("GB", 5)}, found.explain()


def test_a_row_labelled_retention_states_retention(extractor):
    found = read(extractor, "# At a glance\n\n| Topic | Our commitment |\n|---|---|\n"
                            "| Retention | Prompts are never kept after the answer is sent |\n| Uptime | 99.9% |\n")
    assert _lines(found, "data-retention-deletion") == {5}, found.explain()


def test_an_empty_header_row_leaves_the_column_names_to_the_first_row(extractor):
    found = read(extractor, "# Sub-processors\n\n|  |  |  |\n|---|---|---|\n| Sub-processor | Location | Purpose |\n"
                            "| Wrenfield | Norway, Sweden | Email |\n| Quaystone | Canada | Hosting |\n")
    assert {(s.name, s.country) for s in found.subprocessors} == {("Wrenfield", "NO"), ("Wrenfield", "SE"),
                                                                   ("Quaystone", "CA")}, found.explain()


def test_a_row_label_that_opens_with_a_verb_is_no_imperative(extractor):
    found = read(extractor, "# Priority 1 tickets\n\n| Measure | Standard | Premium |\n|---|---|---|\n"
                            "| **Turn Around Time (TAT)** | 2 hrs | 30 mins |\n| **Resolution Time** | 1 week | 2 days |\n")
    assert _lines(found, "support-sla") == {5, 6}, found.explain()


def test_an_outage_notified_days_in_advance_is_change_communication(extractor):
    found = read(extractor, "# Terms\n\n* Planned outages will be notified 15 calendar days in advance.\n")
    assert _lines(found, "change-communication") == {3}, found.explain()


@pytest.mark.parametrize("sentence", [
    "Customers may ask that their account be deleted and all related records be purged.",
    "Backups of removed projects are retained for between 7 days and 6 months.",
    "We configured our analytics tool to store visit data for 14 months.",
    "Workspace data is retained for a shorter period during trials.",
])
def test_retention_phrasings(extractor, sentence):
    found = read(extractor, f"# Retention\n\n{sentence}\n")
    assert _lines(found, "data-retention-deletion") == {3}, found.explain()


@pytest.mark.parametrize("sentence, control", [
    ("Workloads run with default-deny egress rules.", "network-security"),
    ("Each agent runs with strict container isolation.", "tenant-isolation"),
    ("Every action lands in a tamper-evident audit chain.", "audit-logging"),
])
def test_platform_safeguard_phrasings(extractor, sentence, control):
    found = read(extractor, f"# Platform\n\n{sentence}\n")
    assert _lines(found, control) == {3}, found.explain()


def test_a_data_centre_region_names_its_country(extractor):
    found = read(extractor, "# Sub-processors\n\n| Sub-processor | Purpose | Region |\n|---|---|---|\n"
                            "| Northwall Hosting | Compute | Beauharnois, Quebec |\n")
    assert {(s.name, s.country) for s in found.subprocessors} == {("Northwall Hosting", "CA")}, found.explain()


def test_each_channel_under_a_support_lead_in_is_a_support_channel(extractor):
    found = read(extractor, "# Help\n\nYou can reach our support team through the following channels:\n\n"
                            "- Email: help@larkspur.example\n- Dedicated Slack channel on the Enterprise plan.\n")
    assert _lines(found, "support-channels") == {5, 6}, found.explain()


def test_sub_processors_that_support_the_service_list_no_channels(extractor):
    found = read(extractor, "# Sub-processors\n\nWe use these subprocessors for customer support and payments:\n\n"
                            "- **Mailwise:** Email campaigns. Location: USA\n")
    assert _lines(found, "support-channels") == set(), found.explain()
