"""What a vendor never keeps or passes on (a protective negation), how soon a vulnerability report
is acknowledged (a disclosure timeline, not a support SLA), other parties' certifications the
vendor checks, a report promised "once available", and a few phrasings: encrypted connections with
a protocol named, end-to-end encryption of data in transit, a hosting table with several place
columns, a data protection authority's guidance.

Each document is written in our own words, after shapes met on public vendor pages.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import assert_affirmed, controls, items, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


@pytest.mark.parametrize("line", [
    "Quillmark keeps no raw metrics, only the summaries a dashboard needs.",
    "- Quillmark never stores customer data on its relay servers.",
    "| Data sharing | No selling or sharing of personal data |",
    "We do not access or store message history from the chat tools you connect.",
    "Your prompts are never logged by the assistant.",
])
def test_what_the_vendor_never_keeps_or_passes_on_affirms_privacy_by_design(extractor, line):
    found = read(extractor, f"# Privacy\n\n{line}\n")
    assert_affirmed(found, "privacy-by-design")


@pytest.mark.parametrize("line", [
    "Quillmark stores customer data in Frankfurt on encrypted volumes.",
    "Customer data is not stored outside the European Union.",
    "Passwords are never stored in plaintext.",
    "We share personal data with the sub-processors listed below.",
])
def test_keeping_or_placing_data_says_nothing_of_privacy_by_design(extractor, line):
    found = read(extractor, f"# Data\n\n{line}\n")
    assert not any(c.control == "privacy-by-design" for c in found.claims), found.explain()


def test_a_no_to_a_question_on_keeping_data_affirms_privacy_by_design(extractor):
    found = read(extractor, "## FAQ\n\nDo you store my prompts or responses?\n\nNo. They live only in memory while we answer.\n")
    assert ("privacy-by-design", 5, "affirmed") in items(found), found.explain()


DISCLOSURE = """# Security at Quillmark

## Vulnerability handling

Security vulnerabilities follow a written process:

- Acknowledge the report within two business days
- Fix confirmed issues promptly

Findings are remediated according to documented, severity-based SLAs.

## Responsible disclosure

We reply to every report within 48 hours.

## Support

Enterprise tickets get a first response within 4 hours.
"""


def test_a_disclosure_timeline_is_no_support_sla(extractor):
    found = read(extractor, DISCLOSURE)
    sla_lines = {c.citation.line for c in found.claims if c.control == "support-sla"}
    assert sla_lines == {18}, found.explain()


def test_a_remediation_sla_is_no_support_sla(extractor):
    found = read(extractor, "# Operations\n\nIncidents get a severity and follow our remediation SLAs.\n")
    assert not any(c.control == "support-sla" for c in found.claims), found.explain()


def test_certifications_the_vendor_checks_in_its_suppliers_are_theirs(extractor):
    text = ("# Suppliers\n\nSuppliers that handle confidential data undergo a due diligence review before onboarding, considering "
            "their security policies, certifications (e.g., SOC 2, ISO 27001) and data handling.\n")
    found = read(extractor, text)
    assert not found.attestations, found.explain()
    assert "third-party-risk-management" in controls(found), found.explain()
    assert {(3, "attestation:iso27001", "another party")} <= claimskit.reasons(found), found.explain()


def test_a_report_promised_once_available_is_hedged(extractor):
    found = read(extractor, "# Trust\n\nOur SOC 2 Type II report goes to customers under NDA once available.\n")
    assert ("soc2-type2", 3, "affirmed?") in items(found), found.explain()


def test_an_adjective_before_a_comma_is_no_imperative(extractor):
    found = read(extractor, "| Area | Details |\n|---|---|\n| Data transfer | Secure, encrypted WebSocket (WSS) connections for all traffic |\n")
    assert ("encryption-in-transit", 3, "affirmed") in items(found), found.explain()
    advice = read(extractor, "# Tips\n\nSecure your account with a strong password.\n")
    assert not advice.claims, advice.explain()


def test_end_to_end_encryption_of_data_in_transit_is_encryption_in_transit(extractor):
    found = read(extractor, "# Encryption\n\nAudio sent to our models is protected by end-to-end encryption in transit.\n")
    got = controls(found)
    assert "encryption-in-transit" in got and "encryption-at-rest" not in got, found.explain()
    stored = read(extractor, "# Encryption\n\nNotes are end-to-end encrypted on your devices.\n")
    assert "encryption-at-rest" in controls(stored), stored.explain()


def test_a_hosting_table_reads_every_place_column(extractor):
    text = ("| Storage location | Region | Physical location |\n|---|---|---|\n"
            "| European Union (EU) | EU | Frankfurt, Germany |\n")
    found = read(extractor, text)
    assert ("hosting:DE", 3, "affirmed") in items(found), found.explain()


def test_data_protection_authority_guidance_is_no_dpa(extractor):
    found = read(extractor, "# Breaches\n\nWe follow DPA guidelines when we tell users about a breach.\n")
    assert "data-processing-agreement" not in controls(found), found.explain()
    signed = read(extractor, "# Privacy\n\nWe sign a DPA with every customer.\n")
    assert "data-processing-agreement" in controls(signed), signed.explain()


def test_staff_with_production_access_named_in_passing_deny_nothing(extractor):
    found = read(extractor, "# People\n\n- Background checks are run for staff with access to production systems.\n")
    assert not any(c.polarity.value == "denied" for c in found.claims), found.explain()


@pytest.mark.parametrize("line", [
    "Our storage layer runs on Elasticsearch clusters.",
    "Files go to a scalable object store run by our cloud provider.",
])
def test_a_product_name_or_a_bare_adjective_is_no_scalability_claim(extractor, line):
    found = read(extractor, f"# Stack\n\n{line}\n")
    assert "service-scalability" not in controls(found), found.explain()


# ---- a second held-out round: legal conditions, fines, tips, consequences, monitoring hours ----

def test_a_transfer_without_additional_mechanisms_is_no_denial(extractor):
    found = read(extractor, "# Transfers\n\nOrganisations certified under the DPF may receive personal data from the EU "
                            "without additional transfer mechanisms.\n")
    got = {c.polarity.value for c in found.claims if c.control == "international-transfers"}
    assert got == {"affirmed"}, found.explain()


@pytest.mark.parametrize("line", [
    "Breaking the GDPR can lead to fines of up to €20 million or 4% of annual turnover.",
    "Our bug bounty pays rewards of up to $5,000 per valid finding.",
])
def test_a_fine_or_a_reward_is_no_price(extractor, line):
    found = read(extractor, f"# Notes\n\n{line}\n")
    assert not found.prices and "pricing-transparency" not in controls(found), found.explain()
    priced = read(extractor, "# Plans\n\nThe Team plan costs $20 per user per month.\n")
    assert priced.prices, priced.explain()


TIPS = """# GDPR

## Things you can do to prepare

Besides taking legal advice, here are some tips to get you started:

1. Keep an inventory of the personal data you collect and where it goes.
2. Develop a plan for obtaining consent in line with the GDPR.
3. Determine whether you need to appoint a Data Protection Officer.

Quillmark recommends reading the regulation in full.
"""


def test_tips_for_the_reader_are_advice(extractor):
    found = read(extractor, TIPS)
    assert not found.claims and not found.regulations, found.explain()


def test_a_consequence_drawn_with_this_means_is_no_definition(extractor):
    found = read(extractor, "# Sovereignty\n\nThis means that your data hosted in Europe stays under European law.\n")
    assert "data-residency" in controls(found), found.explain()


@pytest.mark.parametrize(("line", "control"), [
    ("- We do not collect, read, reuse, or analyze the content of your inputs or outputs.", "privacy-by-design"),
    ("- Your data is not accessible to the makers of the underlying models.", "privacy-by-design"),
    ("- Your data is not accessible to other Quillmark customers.", "tenant-isolation"),
    ("Case files live only in our cloud account. They are always transmitted and stored encrypted.",
     "encryption-in-transit"),
    ("Case files are served directly from our EU based servers.", "data-residency"),
    ("Staff are granted access to applications based on their role.", "access-control-rbac"),
    ("You can download the latest penetration test report from the Documents page.", "customer-audit-rights"),
    ("| Availability | Kubernetes with multi-AZ nodes, managed database with automated backups |", "disaster-recovery"),
    ("The dashboard sends modern security headers on every response.", "configuration-hardening"),
    ("| Confidentiality | AES-256 at rest, no secret collection, token masking |", "privacy-by-design"),
    ("Quillmark uses AES-CBC 256-bit encryption for your vault data.", "encryption-at-rest"),
    ("PBKDF2 is used to derive your encryption key from the master password.", "key-management"),
    ("Quillmark always encrypts and/or hashes your data on your local device before upload.", "encryption-at-rest"),
    ("Our servers are only used for storing encrypted data.", "encryption-at-rest"),
    ("All accounts are password-protected.", "password-policy"),
    ("| Credentials | No passwords stored |", "password-policy"),
    ("Quillmark hosts your data in the EU, on servers in the Netherlands.", "data-residency"),
    ("We don't transfer your visitors' data outside of the EU.", "data-residency"),
    ("We only collect what we need and nothing more.", "privacy-by-design"),
    ("The visitor's IP address is never stored nor logged.", "privacy-by-design"),
    ("You can export statistics to CSV for the past year.", "data-portability"),
    ("Quillmark supports data storage in both the US and the EU.", "data-residency"),
    ("Access to production follows least privilege, needs a written approval, and is reviewed on a recurring basis.",
     "access-reviews"),
    ("Customers, regulators and other affected parties are notified as the contract and the law require in the event "
     "of a confirmed breach.", "breach-notification"),
    ("Our security programme rests on documented policies that staff acknowledge.", "security-policy"),
])
def test_protective_negations_cells_and_phrasings(extractor, line, control):
    found = read(extractor, f"# Security\n\n{line}\n")
    assert_affirmed(found, control)


def test_leaving_a_job_is_no_termination_of_the_service(extractor):
    found = read(extractor, "# Access\n\nAccounts are removed upon termination of their employment, and access is revoked.\n")
    assert "termination-data-export" not in controls(found), found.explain()


@pytest.mark.parametrize("line", [
    "Endpoint security alerts are monitored with 24/7/365 coverage.",
    "| Monitoring | 24/7 infrastructure monitoring and alerting |",
])
def test_round_the_clock_monitoring_is_no_support_hours(extractor, line):
    found = read(extractor, f"# Operations\n\n{line}\n")
    assert "support-hours" not in controls(found) and not found.support_hours, found.explain()
    support = read(extractor, "# Support\n\nOur support team answers tickets 24/7.\n")
    assert "support-hours" in controls(support), support.explain()


def test_office_hours_count_as_business_time_in_an_sla_row(extractor):
    text = ("| Priority | Response |\n|---|---|\n| Critical | < 2 office hours |\n| High | < 8 office hours |\n")
    found = read(extractor, text)
    got = {(e.severity.value, str(e.response), e.business_time) for e in found.sla}
    assert got == {("critical", "PT2H", True), ("high", "PT8H", True)}, found.explain()


# ---- a third held-out round: negations that protect, a customer's choice, cipher names ----

@pytest.mark.parametrize("line", [
    "The database is not accessible from the internet.",
    "Our admin panel is never exposed to the public internet.",
    "Every job runs in a sandbox that is not accessible from the Internet or from your own network.",
])
def test_what_the_internet_cannot_reach_is_protected(extractor, line):
    found = read(extractor, f"# Network\n\n{line}\n")
    assert ("network-security", 3, "affirmed") in items(found), found.explain()


def test_reachable_from_the_internet_alone_says_nothing_of_network_security(extractor):
    found = read(extractor, "# Docs\n\nOur documentation is accessible from the internet.\n")
    assert "network-security" not in controls(found) | controls(found, "denied"), found.explain()


@pytest.mark.parametrize("line", [
    "Operators may also choose to bypass our proxy or not use TLS for their own systems.",
    "Build output goes over the socket server (which, unless you configured your install to run without SSL, "
    "uses the same certificates), so it is encrypted in transit.",
])
def test_what_the_customer_may_choose_to_leave_out_denies_nothing(extractor, line):
    found = read(extractor, f"# Transport\n\n{line}\n")
    assert not any(c.polarity.value == "denied" for c in found.claims), found.explain()
    plain = read(extractor, "# Transport\n\nWe do not use TLS between internal services.\n")
    assert "encryption-in-transit" in controls(plain, "denied"), plain.explain()


def test_physical_access_control_is_physical_security(extractor):
    found = read(extractor, "# Facilities\n\nThe data centre keeps key card access control and access control systems at every door.\n")
    got = controls(found)
    assert "physical-security" in got and "access-control-rbac" not in got, found.explain()


# ---- a fourth held-out round: one-line HTML table rows, plain residency and minimisation ----

HTML_SUBPROCESSORS = """---
title: Subprocessors
---

<p>Quillmark uses the subprocessors below to deliver its service.</p>

<table>
    <thead>
        <tr>
            <th>Company</th>
            <th>Department</th>
            <th>Country</th>
        </tr>
    </thead>
    <tbody>
        <tr><td>Relay Mail</td><td>Engineering</td><td>United States</td></tr>
        <tr><td>Ledgerly</td><td>Finance</td><td>Canada</td></tr>
    </tbody>
</table>
"""


def test_an_html_row_on_one_line_gives_its_subprocessor_and_country(extractor):
    found = read(extractor, HTML_SUBPROCESSORS)
    got = {(s.name, s.country, s.citation.line) for s in found.subprocessors}
    assert got == {("Relay Mail", "US", 16), ("Ledgerly", "CA", 17)}, found.explain()


@pytest.mark.parametrize(("line", "network"), [
    ("This document sets the service levels of the Virtual Private Cloud (VPC) product.", False),
    ("- The UUID of the affected VPC", False),
    ("Critical components are hosted within an AWS Virtual Private Cloud (VPC).", True),
    ("Customers reach the service over VPC peering or through a VPN.", True),
])
def test_a_vpc_named_is_no_network_claim_but_one_the_service_runs_in_is(extractor, line, network):
    found = read(extractor, f"# Network\n\n{line}\n")
    assert ("network-security" in controls(found)) is network, found.explain()
