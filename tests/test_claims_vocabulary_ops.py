"""Operations vocabulary as classes of phrasing: threat monitoring, dependency advisories, attack
monitoring, edge protection, on-call rotations, password hashing, BAA coverage, status pages and
support portals; and lists of what a paid service covers, which are offers of help, not controls.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import controls, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


READ_AS = [
    # threat intelligence: sources, mailing lists, advisories, feeds watched for threats
    ("threat-intelligence", "Our operations staff watch multiple sources for security threats and act on them."),
    ("threat-intelligence", "We monitor public mailing lists for new security vulnerabilities."),
    ("threat-intelligence", "The platform team tracks vendor advisories and security bulletins for emerging risks."),
    ("threat-intelligence", "We subscribe to several security feeds and respond to relevant threats."),
    ("threat-intelligence", "Engineers follow public advisories for threats that affect our stack."),
    # vulnerability management: third-party software and dependencies watched for advisories
    ("vulnerability-management", "We monitor third-party libraries used in the product for security advisories."),
    ("vulnerability-management", "Our team watches 3rd-party software in the stack for security notifications."),
    ("vulnerability-management", "Open-source dependencies are tracked for newly published CVEs."),
    ("vulnerability-management", "Every build runs automated dependency scanning."),
    ("vulnerability-management", "We track upstream packages for security announcements."),
    # patch management: patches applied promptly
    ("patch-management", "Relevant security patches are applied without delay."),
    ("patch-management", "Vendor patches are installed promptly on all servers."),
    ("patch-management", "Critical fixes are applied and deployed immediately."),
    ("patch-management", "Any relevant security patches are rolled out promptly."),
    # intrusion detection: watching for signs of attack, anomalies, suspicious logins
    ("intrusion-detection", "We watch our cloud providers for signs of attacks or abuse."),
    ("intrusion-detection", "The infrastructure is monitored for signs of intrusion."),
    ("intrusion-detection", "Our systems are monitored for suspicious activity around the clock."),
    ("intrusion-detection", "Automated alerts fire on suspicious logins to admin accounts."),
    ("intrusion-detection", "We run anomaly detection on API traffic."),
    ("intrusion-detection", "Staff are alerted to unusual login attempts."),
    ("intrusion-detection", "We have alerting on suspicious logins for every employee account."),
    # network security / edge protection
    ("network-security", "We rely on a CDN provider to mitigate attacks and abuse."),
    ("network-security", "Traffic passes through a web application firewall."),
    ("network-security", "All public endpoints are protected by rate limiting."),
    ("network-security", "Login attempts are rate-limited to stop brute force attacks."),
    ("network-security", "Our edge network helps absorb volumetric attacks."),
    # incident response: on-call rotations, round-the-clock responders, runbooks
    ("incident-response", "Our engineers share a rotating on-call schedule for availability incidents."),
    ("incident-response", "An on-call rotation covers security and outage events."),
    ("incident-response", "On-call engineers are available 24/7 to respond to outages."),
    ("incident-response", "24/7 on-call engineers handle every production incident."),
    ("incident-response", "Operators follow written incident runbooks."),
    ("incident-response", "A pager rotation makes sure someone always answers an alert."),
    # password storage
    ("password-policy", "The service keeps only one-way hashes of account passwords."),
    ("password-policy", "User passwords are hashed with Argon2 before they are stored."),
    ("password-policy", "We never store plain-text passwords."),
    ("password-policy", "Passwords are never stored in clear text."),
    ("password-policy", "Credentials are kept as salted hashes only."),
    # change communication: status page
    ("change-communication", "Outages and maintenance windows are announced on our status page."),
    ("change-communication", "Service status, incidents and planned work are communicated via the status page."),
    ("change-communication", "Customers can subscribe to updates on our public status page."),
    # support channels: portals and help centres
    ("support-channels", "Customers can open a ticket via the customer portal."),
    ("support-channels", "Requests are raised through our support portal."),
    ("support-channels", "You can file a case in the help center at any time."),
    ("support-channels", "Tickets are submitted through the service desk portal."),
]


@pytest.mark.parametrize("control, sentence", READ_AS, ids=[f"{c}:{s[:40]}" for c, s in READ_AS])
def test_a_family_of_phrasings_is_read_as_its_control(extractor, control, sentence):
    found = read(extractor, f"# Security\n\n{sentence}\n")
    assert control in controls(found), found.explain()


@pytest.mark.parametrize("sentence", [
    "We monitor our inbox for messages from customers.",
    "The dashboard lets you monitor sources of traffic.",
    "Our blog has a mailing list for product news.",
])
def test_monitoring_something_else_is_not_threat_intelligence(extractor, sentence):
    found = read(extractor, f"# Product\n\n{sentence}\n")
    assert "threat-intelligence" not in controls(found), found.explain()


def test_a_password_hash_claim_is_not_encryption_at_rest(extractor):
    found = read(extractor, "# Accounts\n\nWe store only one-way hashes of passwords.\n")
    assert "password-policy" in controls(found)
    assert "encryption-at-rest" not in controls(found)


# --- BAA coverage --------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, polarity", [
    ("The hosted plan is covered by our BAA.", "affirmed"),
    ("Healthcare customers sign our HIPAA addendum before sending patient data.", "affirmed"),
    ("Session replay is covered under a BAA on the enterprise tier.", "affirmed"),
    ("The beta features are not covered by BAAs.", "denied"),
    ("The chat assistant is **not** covered by the BAA and should not receive health data.", "denied"),
])
def test_baa_coverage_is_the_baa_attestation(extractor, sentence, polarity):
    found = read(extractor, f"# HIPAA\n\n{sentence}\n")
    assert "hipaa-baa" in controls(found, polarity), found.explain()


def test_baa_coverage_in_a_how_to_section_is_still_the_vendors_statement(extractor):
    text = ("# How to configure the product for HIPAA\n\n"
            "The image proxy is not covered by BAAs and must not handle patient data.\n")
    found = read(extractor, text)
    assert "hipaa-baa" in controls(found, "denied"), found.explain()


# --- lists of what a paid service covers -----------------------------------------------------------

OFFER_LISTS = [
    "# Consulting\n\nThe onboarding service includes:\n\n- Backup strategy review\n- Firewall and network configuration\n",
    "# Premium support\n\nNot included:\n\n- Setting up backup storage for the customer\n- DNS and firewall configuration\n",
    "# Workshop\n\nTopics covered:\n\n- Operations best practices (deployment, backups, networking)\n- Firewall rules\n",
    "# Onboarding\n\n## Topics in scope\n\n- Backup and restore planning\n- Network security configuration\n",
    "# Professional services\n\n## What is not included\n\n- Managing backup storage\n- Firewall setup\n",
]


@pytest.mark.parametrize("text", OFFER_LISTS, ids=[t.split("\n")[2][:30] for t in OFFER_LISTS])
def test_topics_a_paid_service_covers_are_not_controls(extractor, text):
    found = read(extractor, text)
    assert not ({"backup", "network-security"} & (controls(found) | controls(found, "denied"))), found.explain()


def test_a_plan_feature_list_is_still_read(extractor):
    text = "# Plans\n\nEvery plan includes:\n\n- Daily backups kept for 30 days\n- A web application firewall\n"
    found = read(extractor, text)
    assert {"backup", "network-security"} <= controls(found), found.explain()


# --- a sentence wrapped over two lines ------------------------------------------------------------

@pytest.mark.parametrize("suffix, text, line", [
    (".txt", "Security\n\nAll traffic to the web app and the API is transmitted\nusing TLS encryption.\n", 3),
    (".rst", "Security\n========\n\nTransport\n    All traffic to the web app and the API is transmitted\n"
             "    using SSL encryption.\n", 5),
])
def test_a_wrapped_sentence_gives_its_claim_once_where_it_starts(extractor, suffix, text, line):
    # a hard-wrapped line is read with its neighbours: "traffic ... is transmitted using TLS" runs
    # into the next line and is cited where it starts, once (the next line's "TLS" is its tail)
    found = read(extractor, text, suffix)
    lines = [c.citation.line for c in found.claims if c.control == "encryption-in-transit"]
    assert lines == [line], found.explain()


# --- openings that look like imperatives ----------------------------------------------------------

@pytest.mark.parametrize("sentence, control", [
    ("Ship the Code stores only one-way hashes of all passwords.", "password-policy"),
    ("Open-source dependencies are tracked for newly published CVEs.", "vulnerability-management"),
])
def test_a_vendor_name_or_compound_that_opens_with_a_verb_is_not_advice(extractor, sentence, control):
    found = read(extractor, f"# Accounts\n\n{sentence}\n")
    assert control in controls(found), found.explain()


def test_a_real_imperative_is_still_advice(extractor):
    found = read(extractor, "# Tips\n\nStore the Recovery Codes in a password manager.\n")
    assert "password-policy" not in controls(found), found.explain()


def test_how_to_file_a_ticket_names_the_portal_channel(extractor):
    text = ("# Channels\n\n| Channel | How |\n|---|---|\n"
            "| Ticket | Open a case through the support portal |\n| Email | help@example.com |\n")
    found = read(extractor, text)
    assert "portal" in {c.type for c in found.channels}, found.explain()
