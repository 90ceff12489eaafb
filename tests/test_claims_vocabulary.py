"""Vocabulary as classes of phrasing: the many ways vendors write one idea are read as its control,
and a keyword whose referent is someone else (money the customer owes, a law an instruction
infringes, a sub-processor's purpose) is not.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import controls, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


# --- misses: a family of phrasings for each idea --------------------------------------------------

READ_AS = [
    # tenant isolation
    ("tenant-isolation", "Your records are held separately from the data of other tenants."),
    ("tenant-isolation", "Each workspace's content is kept separate from other customers' content."),
    ("tenant-isolation", "Files are stored separately from those of any other client."),
    ("tenant-isolation", "Customer data is partitioned per tenant in the storage layer."),
    ("tenant-isolation", "Analytics jobs are sandboxed per customer."),
    ("tenant-isolation", "We run dedicated worker containers for each customer."),
    ("tenant-isolation", "Every organization is given its own isolated database schema."),
    ("tenant-isolation", "The platform provisions per-tenant databases and encryption keys."),
    ("tenant-isolation", "We use isolated pods to keep each customer's workloads apart."),
    ("tenant-isolation", "Accounts are logically segregated from one another."),
    # privileged access
    ("privileged-access", "Only a handful of on-call engineers can reach the production cluster."),
    ("privileged-access", "Only designated site reliability staff may log in to our servers."),
    ("privileged-access", "Only a limited group of vetted employees has access to the hosting infrastructure."),
    ("privileged-access", "Access to the cloud infrastructure is restricted to the platform team."),
    ("privileged-access", "Database access is strictly limited to two administrators."),
    # key management
    ("key-management", "Connector credentials are written to AWS Secrets Manager, never to disk."),
    ("key-management", "Tokens are encrypted with keys held in a cloud key management service."),
    ("key-management", "Signing keys live in Azure Key Vault."),
    ("key-management", "Service passwords are kept in our HashiCorp Vault cluster."),
    ("key-management", "Application secrets are managed in a secrets vault with audit logging."),
    ("key-management", "API credentials are stored encrypted using Google Cloud KMS."),
    # confidentiality obligations of personnel
    ("confidentiality-agreements", "Every contractor is under a written duty of confidentiality."),
    ("confidentiality-agreements", "Staff who handle tickets are made aware of the confidential nature of that information."),
    ("confidentiality-agreements", "Our engineers have committed themselves to confidentiality."),
    ("confidentiality-agreements", "All personnel are subject to contractual confidentiality undertakings."),
    # need-to-know, least privilege
    ("access-control-rbac", "Support agents see account details on a need-to-have basis only."),
    ("access-control-rbac", "Employees get the minimum access necessary for their job."),
    ("access-control-rbac", "Access to the admin tooling is granted only to approved team members."),
    ("access-control-rbac", "Access to customer content is restricted to authorized staff."),
    # redundancy and recovery
    ("disaster-recovery", "The service runs on redundantly provisioned servers."),
    ("disaster-recovery", "Our network uses redundant internet connections from two carriers."),
    ("disaster-recovery", "We can restore access to the service in a timely manner after an outage."),
    ("disaster-recovery", "If a node dies, traffic fails over to a healthy one."),
    ("disaster-recovery", "The database is highly available across three availability zones."),
    # change management
    ("change-management", "All cloud resources are provisioned as code from a reviewed repository."),
    ("change-management", "We follow an infrastructure-as-code approach."),
    ("change-management", "Every infrastructure change undergoes peer review before it is merged."),
    ("change-management", "Pull requests require code review and approval before release."),
    ("change-management", "Releases follow the four-eyes principle."),
    ("change-management", "Each deployment script is approved by a second engineer."),
    # sub-processors
    ("subprocessor-management", "We may engage carefully selected third-party data processors to host the service."),
    ("subprocessor-management", "The company relies on a small number of sub-processors for hosting and e-mail."),
    ("subprocessor-management", "We work with the sub-processors listed below."),
]


@pytest.mark.parametrize("control, sentence", READ_AS, ids=[f"{c}:{s[:40]}" for c, s in READ_AS])
def test_a_family_of_phrasings_is_read_as_its_control(extractor, control, sentence):
    found = read(extractor, f"# Security\n\n{sentence}\n")
    assert control in controls(found), found.explain()


def test_a_permission_to_engage_sub_processors_is_not_a_hedge(extractor):
    found = read(extractor, "# Sub-processors\n\nWe may use third-party processors to deliver the service.\n")
    claims = [c for c in found.claims if c.control == "subprocessor-management"]
    assert claims and not claims[0].hedged


def test_isolation_words_without_another_tenant_are_not_tenant_isolation(extractor):
    found = read(extractor, "# Build\n\nTests run in isolated containers.\n\nLogs are kept separate from metrics.\n")
    assert "tenant-isolation" not in controls(found)


def test_a_vault_that_holds_notes_is_not_key_management(extractor):
    found = read(extractor, "# Sync\n\nYour notes vault is synced to every device.\n")
    assert "key-management" not in controls(found)


# --- false positives: the keyword's referent is someone else --------------------------------------

NOT_READ_AS = [
    ("refund-policy", "The Customer shall reimburse the Supplier for reasonable travel expenses."),
    ("refund-policy", "We reserve the right to reimbursement from the client for the cost of extra audits."),
    ("refund-policy", "Any assistance beyond the free tier is subject to reimbursement by the customer."),
    ("breach-notification", "The processor shall inform the controller without undue delay if an instruction infringes the law."),
    ("breach-notification", "We will tell you without undue delay if we can no longer meet our obligations."),
    ("breach-notification", "If an instruction breaches the applicable law, the processor will notify the customer."),
    ("security-roles", "Send the report to us and the security team will get back to you within a week."),
    ("security-roles", "Our security team will respond to your report as soon as possible."),
    ("confidentiality-agreements", "Audits may be performed by an independent body bound by a duty of confidentiality."),
]


@pytest.mark.parametrize("control, sentence", NOT_READ_AS, ids=[f"{c}:{s[:40]}" for c, s in NOT_READ_AS])
def test_a_keyword_with_the_wrong_referent_is_not_a_claim(extractor, control, sentence):
    found = read(extractor, f"# Terms\n\n{sentence}\n")
    assert control not in controls(found) | controls(found, "denied"), found.explain()


@pytest.mark.parametrize("control, sentence", [
    ("refund-policy", "We will reimburse the customer for any unused prepaid fees."),
    ("refund-policy", "Customers are entitled to a full reimbursement if we end the contract early."),
    ("breach-notification", "We notify affected customers without undue delay after a security incident."),
    ("breach-notification", "A personal data breach is reported to the customer without undue delay."),
    ("security-roles", "A dedicated security team runs vulnerability management."),
])
def test_the_same_keywords_with_the_vendor_as_referent_still_count(extractor, control, sentence):
    found = read(extractor, f"# Terms\n\n{sentence}\n")
    assert control in controls(found), found.explain()


# --- support: hours in prose, channels -------------------------------------------------------------

@pytest.mark.parametrize("sentence, start, end", [
    ("Email support is available Monday to Friday between 9am and 6pm CET.", "09:00", "18:00"),
    ("Our help desk answers tickets Monday through Friday, between 08:30 and 17:30 CET.", "08:30", "17:30"),
    ("Phone support runs Mon-Fri from 8 a.m. until 5 p.m. CET.", "08:00", "17:00"),
])
def test_support_hours_written_in_prose(extractor, sentence, start, end):
    found = read(extractor, f"# Support\n\n{sentence}\n")
    assert [(h.days, h.start, h.end, h.timezone) for h in found.support_hours] == [([1, 2, 3, 4, 5], start, end, "CET")]


def test_a_between_without_clock_times_is_not_opening_hours(extractor):
    found = read(extractor, "# Support\n\nSupport is staffed Monday to Friday by between 9 and 12 engineers.\n")
    assert not found.support_hours


def test_a_sub_processor_purpose_is_not_a_support_channel(extractor):
    table = ("# Sub-processors\n\nWe use the following sub-processors.\n\n"
             "| Sub-processor | Purpose | Location |\n|---|---|---|\n"
             "| Acme Desk Inc. | Customer support and email notifications | United States |\n"
             "| Parcel Mail Ltd. | Transactional email delivery | Ireland |\n")
    found = read(extractor, table)
    assert found.subprocessors
    assert not found.channels
    assert "support-channels" not in controls(found)


def test_an_instruction_on_which_address_to_write_from_is_not_an_email_channel(extractor):
    text = ("# Priority support\n\nYour support request must come from your account's email address.\n\n"
            "Tickets should be sent from the email address registered on the account.\n")
    assert not read(extractor, text).channels


def test_email_support_offered_is_still_a_channel(extractor):
    text = "# Support\n\nWe offer email support to every customer at support@example.com.\n"
    assert [c.type for c in read(extractor, text).channels] == ["email"]


def test_arabic_support_hours_with_a_day_range_and_between(extractor):
    found = read(extractor, "# الدعم\n\nيتوفر الدعم من الأحد إلى الخميس بين 9 ص و 5 م بتوقيت GST.\n")
    assert [(h.days, h.start, h.end, h.timezone) for h in found.support_hours] == [([1, 2, 3, 4, 7], "09:00", "17:00", "GST")]


def test_the_time_zone_written_with_the_hours_wins_over_one_a_few_lines_above(extractor):
    text = ("# Offices\n\nOur head office keeps GST hours.\n\n# Support\n\n"
            "Phone support: Monday to Friday, 9am to 6pm CET.\n")
    assert [h.timezone for h in read(extractor, text).support_hours] == ["CET"]
