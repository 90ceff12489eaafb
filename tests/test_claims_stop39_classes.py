"""Classes of misreading found at stop 39 on a new dev set of real pages (a security-practices page, a
DPA, an SLA written as wrapped legal text), each written here in our own words, each with a look-alike
that must stay as it was."""

from __future__ import annotations

import pytest

import claimskit
from claimskit import found_on, items, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


def test_a_provider_named_in_apposition_conforming_to_standards_is_that_providers_standing(extractor):
    found = found_on(extractor, "Everything runs in the cloud. Our main hosting partner, Nimbus Cloud, conforms to "
                              "standards such as ISO 27001 and PCI DSS Level 1.")
    assert not {item for item, _ in found} & {"iso27001", "pci-dss-aoc", "pci-dss"}, found
    # the vendor conforming is still the vendor's own
    assert ("iso27001", "affirmed") in found_on(extractor, "Our platform conforms to ISO 27001.")


def test_a_country_code_in_an_emergency_teams_name_is_no_location(extractor):
    found = found_on(extractor, "We follow advisories such as US-CERT bulletins and the national vulnerability database.")
    assert not {item for item, _ in found if item.startswith("hosting:")}, found
    assert ("hosting:US", "affirmed") in found_on(extractor, "Customer data is hosted in the US.")


def test_multiple_factor_authentication_is_mfa(extractor):
    assert ("mfa", "affirmed") in found_on(extractor, "Access to production requires multiple factor authentication.")


def test_a_deadline_counted_from_the_breach_is_a_breach_notice_even_with_never(extractor):
    found = found_on(extractor, "We will tell affected clients quickly, and in no case later than three business days "
                              "after we learn of the breach.".replace("tell", "notify"))
    assert ("breach-notification", "affirmed") in found, found
    found = found_on(extractor, "Customers are notified without delay, never later than 48 hours following a security incident.")
    assert ("breach-notification", "affirmed") in found, found


def test_a_review_before_adopting_a_new_service_is_third_party_risk_management(extractor):
    found = found_on(extractor, "Every new tool is assessed by security and legal before adopting new services.")
    assert ("third-party-risk-management", "affirmed") in found, found
    found = found_on(extractor, "Our engineers review pull requests before deploying new code.")
    assert "third-party-risk-management" not in {item for item, _ in found}, found


def test_a_response_within_the_time_frames_set_out_elsewhere_is_a_support_sla(extractor):
    found = found_on(extractor, "The provider will respond to tickets within the time frames set out in Schedule B.")
    assert ("support-sla", "affirmed") in found, found


def test_a_help_desks_normal_hours_are_support_hours(extractor):
    found = found_on(extractor, "Tickets are handled during the help desk's normal hours on working days.")
    assert ("support-hours", "affirmed") in found, found


def test_the_topic_of_a_readers_question_is_not_a_statement(extractor):
    found = found_on(extractor, "If you have any questions about our data retention, please write to privacy@example.org.")
    assert "data-retention-deletion" not in {item for item, _ in found}, found
    found = found_on(extractor, "For questions regarding our incident response plan, contact the security desk.")
    assert "incident-response" not in {item for item, _ in found}, found
    # the vendor answering questions about what it holds still says it holds it
    assert ("data-retention-deletion", "affirmed") in found_on(extractor, "Backups are deleted after 30 days under our data retention schedule.")


def test_security_scanning_is_vulnerability_management(extractor):
    found = found_on(extractor, "Automated security scanning runs on every build and on the running hosts.")
    assert ("vulnerability-management", "affirmed") in found, found


def test_trained_personnel_are_awareness_training(extractor):
    found = found_on(extractor, "Everyone who handles customer records has undertaken appropriate training for that work.")
    assert ("security-awareness-training", "affirmed") in found, found


def test_taking_part_in_the_controllers_audits_is_an_audit_right(extractor):
    found = found_on(extractor, "The processor shall contribute to audits carried out by the controller or its mandated auditor.")
    assert ("customer-audit-rights", "affirmed") in found, found


def test_a_role_based_access_control_system_is_no_physical_security(extractor):
    found = {item for item, _ in found_on(extractor, "Admins grant rights through a role-based access control system.")}
    assert "physical-security" not in found and "access-control-rbac" in found, found
    assert "physical-security" in {item for item, _ in found_on(extractor, "Each office has an access control system with badge readers.")}


def test_a_content_security_policy_header_is_no_security_policy(extractor):
    found = {item for item, _ in found_on(extractor, "A strict Content Security Policy stops injected scripts from running.")}
    assert "security-policy" not in found, found
    assert "security-policy" in {item for item, _ in found_on(extractor, "Our information security policy is approved by the board.")}


def test_reading_a_national_cert_is_no_incident_response(extractor):
    found = {item for item, _ in found_on(extractor, "Our engineers follow US-CERT advisories for the software we run.")}
    assert "incident-response" not in found, found
    assert "incident-response" in {item for item, _ in found_on(extractor, "Our CERT handles every reported intrusion.")}


def test_a_list_written_without_bullets_after_a_held_list_lead_is_held(extractor):
    text = ("# Compliance\n\n"
            "Independent firms audit us every year. Larkspur has obtained the following certifications:\n"
            "ISO/IEC 27017:2015: Code of practice for cloud security controls.\n"
            "ISO/IEC 27018:2019: Code of practice for personal data in public clouds.\n"
            "HIPAA: US law protecting health information.\n")
    found = items(read(extractor, text))
    assert {("iso27017", 4, "affirmed"), ("iso27018", 5, "affirmed"), ("hipaa", 6, "affirmed")} <= found, found


def test_the_unbulleted_list_may_end_the_last_item_of_a_list_in_restructuredtext(extractor):
    text = ("Compliance\n==========\n\n"
            "- Encryption. Data is encrypted with AES-256 at rest.\n\n"
            "- Certifications. Larkspur has obtained the following certifications:\n"
            "ISO/IEC 27017:2015: Code of practice for cloud security controls.\n"
            "PCI DSS: Requirements for handling card data.\n\n"
            "To learn more, visit the trust portal.\n")
    found = items(read(extractor, text, suffix=".rst"))
    assert ("iso27017", 7, "affirmed") in found, found


def test_term_lines_without_a_lead_that_holds_them_stay_unclaimed(extractor):
    text = ("# Glossary\n\n"
            "The standards we explain on this page are listed here:\n"
            "ISO/IEC 27017: Code of practice for cloud security controls.\n"
            "HIPAA: US law protecting health information.\n")
    found = {item for item, _, _ in items(read(extractor, text))}
    assert not found & {"iso27017", "hipaa"}, found


def test_the_vendor_bound_together_with_its_customers_speaks_for_itself(extractor):
    found = found_on(extractor, "As controllers, Larkspur and its customers must uphold the rights stated in the GDPR.")
    assert ("gdpr", "affirmed") in found, found
    # the customers alone bound is still their duty
    found = found_on(extractor, "Our customers must uphold the rights stated in the GDPR.")
    assert ("gdpr", "affirmed") not in found, found


def test_a_problem_handed_over_to_an_engineer_is_escalation(extractor):
    found = found_on(extractor, "When the first line cannot solve a ticket, it is passed on to a senior engineer of the owning team.")
    assert ("escalation-process", "affirmed") in found, found
