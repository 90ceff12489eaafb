"""Requests to researchers, web addresses, AsciiDoc pages, a scanner's brand, transfers kept in a
region, and a sub-processor table whose name column has two names.

Each document is written in our own words, after shapes met on public vendor pages.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import assert_affirmed, controls, items, read, reasons


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


def _set_aside(found, line: int) -> set[str]:
    return {reason for n, _item, reason in reasons(found) if n == line}


# ---- polite requests --------------------------------------------------------------------------

def test_a_polite_request_to_report_is_advice_to_the_researcher(extractor):
    found = read(extractor, "# Disclosure\n\nPlease report any suspected vulnerability to our team.\n\n"
                            "Please do not publish vulnerabilities before we have fixed them.\n\n"
                            "When reporting vulnerabilities, please describe the impact of the issue.\n")
    assert not [c for c in found.claims if c.control == "vulnerability-management"], found.explain()
    assert {_set_aside(found, n) and "advice (imperative)" in _set_aside(found, n) for n in (3, 5, 7)} == {True}


def test_please_note_before_the_vendors_statement_is_a_claim(extractor):
    found = read(extractor, "# Data\n\nPlease note that Quillfeather encrypts all stored data at rest with AES-256.\n")
    assert "encryption-at-rest" in controls(found), found.explain()


def test_an_invitation_to_contact_the_vendor_still_names_what_it_offers(extractor):
    found = read(extractor, "# Privacy\n\nIf you would like to sign a Data Processing Agreement with us, please reach out to "
                            "privacy@quillfeather.test.\n\nIf you have questions about privacy, please contact our Data "
                            "Protection Officer at dpo@quillfeather.test.\n")
    assert {"data-processing-agreement", "data-protection-officer"} <= controls(found), found.explain()


def test_a_polite_request_after_a_document_offer_keeps_the_attestation(extractor):
    found = read(extractor, "# Compliance\n\nFor a copy of our PCI Attestation of Compliance (AoC), please contact "
                            "support@quillfeather.test.\n")
    assert {a.type.value for a in found.attestations} == {"pci-dss-aoc"}, found.explain()


# ---- web addresses and a tool's brand ------------------------------------------------------------

def test_words_inside_a_web_address_state_nothing(extractor):
    found = read(extractor, "# Endpoints\n\nThe dashboard lives at https://app.gdpr-soc2.test/pentest-results and\n"
                            "`ENDPOINT=https://api.pentest.example.test/v1`\n")
    assert not found.claims and not found.attestations and not found.regulations, found.explain()


def test_a_scanners_brand_counts_where_it_is_used_not_where_it_names_a_product(extractor):
    used = read(extractor, "# Engineering\n\nWe use Snyk to watch our open-source packages.\n")
    named = read(extractor, "# Regions\n\nSnyk can host your data in a number of regions.\n\n* Snyk Code\n* Snyk Container\n\n"
                            "Using Snyk.io will not redirect you.\n")
    assert "vulnerability-management" in controls(used), used.explain()
    assert "vulnerability-management" not in controls(named), named.explain()


def test_sdn_as_a_network_term_is_not_sanctions_screening(extractor):
    network = read(extractor, "# Networking\n\nQuillfeather isolates each project with rules enforced by the cluster SDN.\n")
    sanctions = read(extractor, "# Trade\n\nQuillfeather screens every customer against the OFAC SDN list.\n")
    assert "sanctions-screening" not in controls(network), network.explain()
    assert "sanctions-screening" in controls(sanctions), sanctions.explain()


def test_a_third_party_assessor_is_not_vendor_risk_management(extractor):
    found = read(extractor, "# Scanning\n\nScan results are kept for review by third party assessors during "
                            "compliance audits.\n")
    assert "third-party-risk-management" not in controls(found), found.explain()


# ---- AsciiDoc -----------------------------------------------------------------------------------

ASCIIDOC = """// shared module
[id="security_{context}"]
= Security practices
Quillfeather keeps a written information security policy.

== Encryption at rest

=== Backups
Backups are encrypted with AES-256 and kept for 30 days.

[source,yaml]
----
encryption: soc2
backup: enabled
----
"""


def test_asciidoc_titles_are_headings_and_listing_blocks_code(extractor):
    found = read(extractor, ASCIIDOC, ".adoc")
    got = items(found)
    assert ("encryption-at-rest", 6, "affirmed") not in got, found.explain()  # a title states nothing
    assert ("encryption-at-rest", 9, "affirmed") in got and ("backup", 9, "affirmed") in got, found.explain()
    assert not [i for i in got if i[1] >= 12], found.explain()  # code inside ---- says nothing
    assert "heading" in _set_aside(found, 6)


def test_a_markdown_rule_is_not_read_as_asciidoc(extractor):
    found = read(extractor, "# Security\n\n----\n\nData is encrypted at rest.\n\n----\n\nBackups run daily.\n")
    assert {"encryption-at-rest", "backup"} <= controls(found), found.explain()


# ---- transfers and tables -----------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "- **Transfer mechanism:** hosting in the EU only; no international transfers.",
    "Personal data is not transferred outside the EEA.",
    "No data transfers outside the EU take place.",
])
def test_data_kept_in_a_region_governs_transfers_rather_than_denying_them(extractor, line):
    found = read(extractor, f"# Sub-processors\n\n{line}\n")
    assert "international-transfers" not in controls(found, "denied"), found.explain()


def test_a_transfer_the_vendor_makes_can_still_be_denied_protection(extractor):
    found = read(extractor, "# Transfers\n\nWe do not use Standard Contractual Clauses for international transfers.\n")
    assert "international-transfers" in controls(found, "denied"), found.explain()


def test_a_name_column_with_two_names_opens_a_subprocessor_table(extractor):
    found = read(extractor, "# Sub-processors\n\nQuillfeather uses the following sub-processors.\n\n"
                            "| THIRD PARTY SERVICE/VENDOR | PURPOSE | DATA STORAGE COUNTRY |\n|---|---|---|\n"
                            "| Lattice DB | Database | Belgium |\n| Relay Mail | Email delivery | Ireland |\n")
    assert {(s.name, s.country) for s in found.subprocessors} == {("Lattice DB", "BE"), ("Relay Mail", "IE")}, found.explain()


# ---- reStructuredText list tables ------------------------------------------------------------------

LIST_TABLE = """Support levels
==============

.. list-table:: What each plan includes
   :header-rows: 1

   * -
     - Basic
     - Business
   * - **Support Channels**
     - Community forum
     - Phone and web ticketing
   * - **Technical Support Hours**
     - NA
     - 24*7
   * - **Response SLA**
     - NA
     - Critical business impact: within one hour, minor
       business impact: within eight business hours

Everything else is read as before.
"""


def test_a_list_table_cell_is_read_with_its_row_label(extractor):
    found = read(extractor, LIST_TABLE, ".rst")
    got = items(found)
    assert ("support-channels", 12, "affirmed") in got, found.explain()   # "Phone and web ticketing" under its row
    assert ("support-hours", 15, "affirmed") in got, found.explain()      # "24*7" is around the clock
    assert ("support-sla", 18, "affirmed") in got, found.explain()
    assert {c.type for c in found.channels} >= {"phone"}, found.channels
    # the row labels and the header row state nothing on their own lines
    assert not [i for i in got if i[1] in (6, 7, 8, 9, 10, 13, 16)], found.explain()


# ---- negations that deny nothing, and another party without a comma ----------------------------------

@pytest.mark.parametrize(("line", "control"), [
    ("All data is hosted in a US region and data is not transferred outside of the US.", "data-residency"),
    ("We do not disclose vulnerabilities publicly until they have been fully addressed.", "vulnerability-management"),
    ("For security questions not covered above, contact our support team.", "support-channels"),
    ("Questions that are not security-sensitive can be submitted through our support channel.", "support-channels"),
    ("Card processing is outsourced to Stripe. We do not collect any payment information ourselves.",
     "cardholder-data-scope"),
])
def test_negations_that_deny_nothing(extractor, line, control):
    found = read(extractor, f"# Security\n\n{line}\n")
    assert_affirmed(found, control)


def test_a_transfer_phrase_that_denies_residency_is_still_negated(extractor):
    found = read(extractor, "# Hosting\n\nCustomer data is transferred outside the EU for support.\n")
    assert "data-residency" in controls(found, "denied"), found.explain()


def test_a_provider_named_before_which_is_without_a_comma_is_another_party(extractor):
    found = read(extractor, "# Payments\n\nCard payments go to Stripe which is certified as a PCI Level 1 Service Provider.\n")
    assert not found.attestations, found.explain()


def test_hugo_toml_front_matter_states_nothing(extractor):
    found = read(extractor, '+++\ntitle = "Security"\ndescription = "How we respond to security incidents."\n+++\n\n'
                            "Files are encrypted with a unique data encryption key (DEK) wrapped by a master key.\n")
    got = items(found)
    assert not [i for i in got if i[1] <= 4], found.explain()
    assert ("key-management", 6, "affirmed") in got, found.explain()
