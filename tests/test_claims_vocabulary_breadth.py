"""Breadth of the control vocabulary: one sentence per wording class added to a control (verb and
noun families rather than fixed phrases), and for each class a look-alike that shares its words
but states something else, which must stay silent.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import controls, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


AFFIRMED = [
    # access control: permissions by role name, per role, least access, checks on each request
    ("access-control-rbac", "Only project owners may invite new collaborators."),
    ("access-control-rbac", "Each request is validated against the user's permissions before it runs."),
    ("access-control-rbac", "Only members of your team and two of our support engineers have access to your board."),
    ("access-control-rbac", "Staff receive the minimal privileges that their duties require."),
    ("access-control-rbac", "Privileges are granted depending on the user's role."),
    ("access-control-rbac", "Read-only members can only view boards."),
    # tenant isolation
    ("tenant-isolation", "The storage volume is reserved for that single customer."),
    ("tenant-isolation", "Every build runs in a network fenced off from other tenants."),
    # privacy by design
    ("privacy-by-design", "Your documents never leave your own device."),
    ("privacy-by-design", "The website sets no marketing cookies."),
    ("privacy-by-design", "The app never records location data."),
    ("privacy-by-design", "Data protection risks are reviewed before we build a new product."),
    ("privacy-by-design", "We gather only the information that is strictly necessary."),
    ("privacy-by-design", "Privacy is embedded in the design of each release."),
    # data-subject rights
    ("data-subject-rights", "Individuals may obtain, rectify or remove their personal information."),
    ("data-subject-rights", "Our dashboard can export the data for any given end user."),
    ("data-subject-rights", "We help customers fulfil their users' privacy rights."),
    # incident response
    ("incident-response", "Every outage is followed by a retrospective review."),
    ("incident-response", "A documented runbook tells us how to contain intrusions."),
    # disaster recovery
    ("disaster-recovery", "The platform withstands the failure of a whole availability zone."),
    ("disaster-recovery", "Databases are mirrored to a standby data centre."),
    ("disaster-recovery", "Snapshots are copied across three availability zones."),
    # data portability
    ("data-portability", "All content is exportable from the settings page."),
    ("data-portability", "Users may download their boards as CSV spreadsheets."),
    ("data-portability", "Owners can obtain a complete copy of their account."),
    # retention and deletion
    ("data-retention-deletion", "Raw events are discarded after seven days."),
    ("data-retention-deletion", "Session recordings are held for 30 to 90 days."),
    ("data-retention-deletion", "Closed accounts are removed from our databases."),
    # change management
    ("change-management", "Releases are checked in a dedicated acceptance environment."),
    ("change-management", "Rights to deploy to the cluster are limited to the release team."),
    ("change-management", "Production and staging systems are segregated."),
    # secure development
    ("secure-development", "Security reviews are part of our engineering process."),
    # security policy
    ("security-policy", "Our security and acceptable use policies apply to all staff."),
    ("security-policy", "Each new hire signs our information security policy on day one."),
    # confidentiality agreements
    ("confidentiality-agreements", "Our engineers are contractually bound to secrecy."),
    # third-party risk
    ("third-party-risk-management", "We reassess all suppliers every year."),
    ("third-party-risk-management", "A provider's security posture is evaluated before we sign."),
    # sub-processors
    ("subprocessor-management", "We publish the sub-processors that handle customer data."),
    ("subprocessor-management", "Each sub-processor is bound to data protection terms at least as strict as ours."),
    # patching
    ("patch-management", "The operations team upgrades the operating systems every month."),
    ("patch-management", "Our container base images are kept patched."),
    # keys and secrets
    ("key-management", "The vault's private key is held by a single service."),
    ("key-management", "Credentials are never committed to version control."),
    # hardening
    ("configuration-hardening", "Hosts follow a hardened baseline for security."),
    ("configuration-hardening", "Default accounts and unneeded services are removed before a server goes live."),
    ("configuration-hardening", "We keep a security configuration standard for every platform."),
    # audit logging
    ("audit-logging", "Access logs are archived for twelve months."),
    ("audit-logging", "Enterprise plans include a longer audit log retention."),
    # background checks
    ("background-checks", "Every operator is background-screened before starting."),
    # training
    ("security-awareness-training", "Everyone takes HIPAA training in their first week."),
    ("security-awareness-training", "New hires complete mandatory courses during onboarding."),
    # vulnerability management
    ("vulnerability-management", "If you spot a security bug, please get in touch with our team."),
    ("vulnerability-management", "Engineers work to neutralise each vulnerability quickly."),
    # network security
    ("network-security", "The edge shields our APIs against flooding and brute-force logins."),
    ("network-security", "The database only permits connections from approved IP ranges."),
    # breach notification
    ("breach-notification", "We tell affected users whenever their accounts were compromised."),
    # secure disposal
    ("secure-disposal", "Retired laptops go through secured wiping."),
    ("secure-disposal", "Old volumes are detached, and sanitised before reuse."),
]


@pytest.mark.parametrize("control, sentence", AFFIRMED, ids=[f"{c}:{s[:40]}" for c, s in AFFIRMED])
def test_a_wording_class_is_read_as_its_control(extractor, control, sentence):
    found = read(extractor, f"# Security\n\n{sentence}\n")
    assert control in controls(found), found.explain()


SILENT = [
    # a plan, not a role, that opens a feature
    ("access-control-rbac", "Only paid plans have access to the reporting feature."),
    ("access-control-rbac", "At least one billing contact is required per account."),
    # a customer's own token
    ("access-control-rbac", "You can revoke an API key whenever you like."),
    # a plain statement of use: says nothing of minimisation
    ("privacy-by-design", "We use analytics cookies to measure visits."),
    # a breach of contract, not of data
    ("incident-response", "A breach of these terms lets us respond by suspending the account."),
    # a report to download, not the customer's data
    ("data-portability", "A copy of the audit overview can be downloaded from the trust center."),
    ("data-portability", "The certificate is downloadable from the legal documents page."),
    # a model trained, not people
    ("security-awareness-training", "The classifier undergoes training on public data."),
    # confidentiality as a security goal, not a signed undertaking
    ("confidentiality-agreements", "Our engineers protect the confidentiality and integrity of data."),
    # the customer's duty to report
    ("breach-notification", "You must notify us of any unauthorized access to your account."),
    # the customer's own software
    ("patch-management", "You should keep your browser up to date."),
    # an auditor assessing the vendor
    ("third-party-risk-management", "Audits are performed by independent firms to assess a company's controls."),
]


@pytest.mark.parametrize("control, sentence", SILENT, ids=[f"{c}:{s[:40]}" for c, s in SILENT])
def test_a_look_alike_stays_silent(extractor, control, sentence):
    found = read(extractor, f"# Security\n\n{sentence}\n")
    assert control not in controls(found) and control not in controls(found, "denied"), found.explain()


def test_a_protective_negation_affirms_minimisation(extractor):
    found = read(extractor, "# Privacy\n\nWe do not place any advertising cookies.\n")
    claimskit.assert_affirmed(found, "privacy-by-design")
