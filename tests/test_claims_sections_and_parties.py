"""Whose words a sentence is, read from its section, its lead-in or its subject: a section asking what a
standard is, an auditor's own services, a list of what a disclosure programme does not want, a heading
that is a whole claim.

Each document is written in our own words, after shapes met on public vendor pages.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import assert_affirmed, controls, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


def _regulations(found, polarity="affirmed"):
    return {r.id.value for r in found.regulations if r.polarity.value == polarity}


def test_a_section_asking_what_a_standard_is_defines_it(extractor):
    found = read(extractor, "# Payments\n\n## What is PCI DSS?\n\nA merchant that takes cards online needs its checkout "
                            "and hosting to be PCI compliant.\n\n## Our standing\n\nLarkspur is PCI DSS compliant.\n")
    assert {r.citation.line for r in found.regulations if r.id.value == "pci-dss"} == {9}, found.explain()


def test_a_faq_question_about_the_vendor_is_not_a_definition_section(extractor):
    found = read(extractor, "# FAQ\n\n## What is your uptime?\n\nThe service keeps its data encrypted at rest with AES-256.\n")
    assert "encryption-at-rest" in controls(found), found.explain()


def test_an_auditor_described_by_its_services_is_another_party(extractor):
    found = read(extractor, "# Audits\n\nLarkspur holds a SOC 2 Type II report. Northwind Assurance is a licensed CPA firm in "
                            "Canada offering SOC 2, ISO 27001, HIPAA and GDPR engagements.\n")
    assert _regulations(found) == set(), found.explain()
    assert {a.type.value for a in found.attestations} == {"soc2-type2"}, found.explain()
    assert not any(loc.country == "CA" for loc in found.locations), found.explain()


def test_a_lead_in_ending_in_an_ellipsis_leaves_out_what_a_programme_is_not_interested_in(extractor):
    found = read(extractor, "# Disclosure\n\n**We are usually *not* interested in…**\n\n- Denial of service or DDoS reports\n"
                            "- Missing SPF records on marketing domains\n")
    assert "network-security" not in controls(found), found.explain()


def test_a_heading_that_states_the_vendor_s_standing_is_a_claim(extractor):
    found = read(extractor, "# Compliance\n\n### Larkspur is ISO 27001 certified\n\nAudits happen every year.\n")
    assert {(a.type.value, a.citation.line) for a in found.attestations} == {("iso27001", 3)}, found.explain()


def test_a_plain_heading_still_says_nothing(extractor):
    found = read(extractor, "# Compliance\n\n### ISO 27001 certification\n\nAudits happen every year.\n")
    assert not found.attestations, found.explain()


def test_advice_to_anyone_who_should_act_is_not_the_vendor_speaking(extractor):
    found = read(extractor, "# Hardening\n\nAnyone running their own server should follow our configuration hardening guide.\n")
    assert "configuration-hardening" not in controls(found), found.explain()


@pytest.mark.parametrize("sentence, control", [
    ("Stored files are encrypted both at rest and in transmission.", "encryption-in-transit"),
    ("We educate all staff about privacy risks in their daily work.", "security-awareness-training"),
    ("We run static and dynamic application security testing on every release.", "secure-development"),
    ("New services go through a design review so that security requirements are built in.", "secure-development"),
    ("Every tenant's data is sealed with unique encryption keys.", "key-management"),
    ("Sign-ins from an unrecognised device must be verified with a code sent by email.", "mfa"),
    ("All our dependencies are continuously scanned with automated tooling.", "vulnerability-management"),
    ("Security vulnerabilities can be reported to our team at a dedicated address.", "vulnerability-management"),
    ("Our agent does not run as root on customer hosts.", "configuration-hardening"),
])
def test_phrasings_met_on_unseen_pages(extractor, sentence, control):
    found = read(extractor, f"# Security\n\n{sentence}\n")
    assert_affirmed(found, control)


def test_running_as_root_is_a_denial_a_reviewer_must_see(extractor):
    found = read(extractor, "# Agent\n\nThe collector runs as root on every host.\n")
    assert "configuration-hardening" in controls(found, "denied"), found.explain()


@pytest.mark.parametrize("sentence, polarity", [
    ("We do not copy production data into development environments.", "affirmed"),
    ("Production is separated from our staging and development environments.", "affirmed"),
    ("Support engineers load production data into test environments to reproduce issues.", "denied"),
])
def test_production_data_kept_out_of_test_environments(extractor, sentence, polarity):
    found = read(extractor, f"# Engineering\n\n{sentence}\n")
    assert "secure-development" in controls(found, polarity), found.explain()


@pytest.mark.parametrize("sentence, control", [
    ("Each regional cluster stores and processes data strictly within regional boundaries.", "data-residency"),
    ("Upgrades happen on a schedule we agree with you, and Larkspur notifies its customers in advance.", "change-communication"),
    ("We inform affected workspace owners about upcoming maintenance by email.", "change-communication"),
])
def test_residency_and_notice_phrasings(extractor, sentence, control):
    found = read(extractor, f"# Operations\n\n{sentence}\n")
    assert control in controls(found), found.explain()


def test_no_agreement_required_where_no_data_arrives_is_not_a_refusal(extractor):
    found = read(extractor, "# Health data\n\n- **On-device mode:** nothing leaves the laptop, so no BAA is required with us.\n"
                            "- **Cloud mode:** sign our BAA before sending any PHI.\n")
    assert "hipaa-baa" not in controls(found, "denied"), found.explain()


def test_refusing_an_agreement_is_still_a_denial(extractor):
    found = read(extractor, "# Health data\n\nWe do not sign a BAA with any customer.\n")
    assert "hipaa-baa" in controls(found, "denied"), found.explain()


@pytest.mark.parametrize("sentence, control", [
    ("Request access to our SOC 2 report and penetration test results in the Trust Center.", "penetration-testing"),
    ("Contact us at legal@larkspur.example for audit reports and penetration testing results.", "penetration-testing"),
    ("Contact us at legal@larkspur.example if you need us to sign your DPA.", "data-processing-agreement"),
])
def test_asking_for_the_vendor_s_documents_names_what_it_holds(extractor, sentence, control):
    found = read(extractor, f"# Documents\n\n{sentence}\n")
    assert control in controls(found), found.explain()


def test_an_italic_out_of_scope_lead_in_leaves_its_list_out(extractor):
    found = read(extractor, "# Disclosure programme\n\n_Out-of-scope:_\n\n- Denial of service and DDoS floods\n"
                            "- Missing DMARC records\n")
    assert "network-security" not in controls(found), found.explain()


def test_no_rewards_for_vulnerability_reports_is_read_as_no_bug_bounty(extractor):
    found = read(extractor, "# Disclosure\n\nPlease note that we do not pay rewards for vulnerability reports.\n")
    assert "vulnerability-management" in controls(found, "denied"), found.explain()


@pytest.mark.parametrize("sentence", [
    "Yes, you can keep your workspace in the EU instance wherever your company is based.",
    "Yes, the EU region is available on every plan.",
])
def test_a_regional_instance_is_data_residency(extractor, sentence):
    found = read(extractor, f"# Regions\n\n{sentence}\n")
    assert "data-residency" in controls(found), found.explain()


@pytest.mark.parametrize("sentence, control", [
    ("Urgent incidents can be escalated directly in our shared chat room.", "escalation-process"),
    ("A post-incident review is published within five business days of every major outage.", "incident-response"),
])
def test_support_and_incident_phrasings(extractor, sentence, control):
    found = read(extractor, f"# Support\n\n{sentence}\n")
    assert control in controls(found), found.explain()


def test_how_soon_findings_are_fixed_is_remediation_not_a_support_sla(extractor):
    found = read(extractor, "# Penetration test\n\nThe two low-severity findings were closed within ten days "
                            "and verified by the testers.\n")
    assert not found.sla, found.explain()
    assert "support-sla" not in controls(found), found.explain()
    assert "vulnerability-management" in controls(found), found.explain()


def test_a_support_promise_by_severity_is_still_an_sla(extractor):
    found = read(extractor, "# Support\n\nLow-severity tickets are answered within two business days.\n")
    assert found.sla and "support-sla" in controls(found), found.explain()


def test_building_toward_a_certification_hedges_it(extractor):
    found = read(extractor, "# Compliance\n\n- We are building toward SOC 2 readiness and have not been audited yet.\n")
    assert found.attestations and all(a.hedged or a.polarity.value == "denied" for a in found.attestations), found.explain()


def test_an_unticked_task_is_planned_and_a_ticked_one_is_done(extractor):
    found = read(extractor, "# Roadmap\n\n- [ ] Encryption of uploaded files at rest\n- [x] Multi-factor authentication for staff\n")
    hedged = {c.control for c in found.claims if c.hedged}
    assert "encryption-at-rest" in hedged and "mfa" in controls(found) and "mfa" not in hedged, found.explain()


def test_a_community_that_is_not_a_support_channel_is_no_channel(extractor):
    found = read(extractor, "# Help\n\nOur community forum is open to everyone, although it is not an official channel for support.\n")
    assert "support-channels" in controls(found, "denied") and not found.channels, found.explain()


def test_a_provider_described_in_a_relative_clause_is_another_party(extractor):
    found = read(extractor, "# Payments\n\nCard numbers never reach us: checkout runs on Stripe, which is PCI DSS "
                            "Level 1 certified.\n")
    assert not [a for a in found.attestations if a.polarity.value == "affirmed"], found.explain()
    assert _regulations(found) == set(), found.explain()


def test_a_denial_reaches_every_standard_of_its_list(extractor):
    found = read(extractor, "# Compliance\n\nLarkspur does not currently hold SOC 2, ISO 27001, or PCI certification.\n")
    assert {a.type.value for a in found.attestations if a.polarity.value == "denied"} >= {"iso27001", "pci-dss-aoc"}, \
        found.explain()
    assert not [a for a in found.attestations if a.polarity.value == "affirmed"], found.explain()


@pytest.mark.parametrize("sentence, control", [
    ("Production access is personal and scoped per engineer, with no shared credentials.", "access-control-rbac"),
    ("Secrets are never hardcoded or committed to version control.", "key-management"),
    ("Every query is scoped per organization with row-level security.", "tenant-isolation"),
    ("No production data is used in development or testing environments.", "secure-development"),
])
def test_protective_negations_and_scoping(extractor, sentence, control):
    found = read(extractor, f"# Practices\n\n{sentence}\n")
    assert_affirmed(found, control)


def test_shared_admin_accounts_are_a_denial_a_reviewer_must_see(extractor):
    found = read(extractor, "# Practices\n\nThe operations team works from shared admin accounts.\n")
    assert "access-control-rbac" in controls(found, "denied"), found.explain()


def test_no_to_a_question_about_a_harmful_practice_affirms_the_safeguard(extractor):
    found = read(extractor, "# FAQ\n\nDo you train models on our data?\n\nNo. Customer prompts are kept out of any training.\n")
    assert_affirmed(found, "privacy-by-design")


def test_no_additional_sub_processors_limits_them(extractor):
    found = read(extractor, "# Sub-processors\n\nOur cloud host is our only sub-processor. We do not use additional "
                            "third-party subprocessors to run the service.\n")
    assert "subprocessor-management" not in controls(found, "denied"), found.explain()


def test_a_sub_processor_s_support_service_is_not_the_vendor_s_support(extractor):
    found = read(extractor, "# Sub-processors\n\n| Sub-processor | Purpose | Location |\n|---|---|---|\n"
                            "| Helpwise Inc. | Customer support ticketing system | United States |\n")
    assert "support-channels" not in controls(found), found.explain()
    assert {(s.name, s.country) for s in found.subprocessors} == {("Helpwise Inc.", "US")}, found.explain()


def test_a_vendor_describing_itself_is_not_defining_a_standard(extractor):
    found = read(extractor, "# Hosting\n\nLarkspur is a hosted service running in the EU, with data encrypted at rest.\n")
    assert ("EU", "hosting") in {(loc.country, loc.role.value) for loc in found.locations}, found.explain()
    assert "encryption-at-rest" in controls(found), found.explain()


def test_a_standard_defined_by_its_name_is_still_a_definition(extractor):
    found = read(extractor, "# Standards\n\nISO 27001 is an international standard for information security management.\n")
    assert not found.attestations, found.explain()


def test_a_feature_on_the_roadmap_is_not_change_communication(extractor):
    found = read(extractor, "# Deployment\n\nSelf-hosted deployment is on the roadmap for larger customers.\n")
    assert "change-communication" not in controls(found), found.explain()


def test_a_certification_promised_for_later_is_hedged(extractor):
    found = read(extractor, "# Compliance\n\nLarkspur will be certified against ISO 27001:2022 by the end of next year.\n")
    assert found.attestations and all(a.hedged for a in found.attestations), found.explain()


def test_an_answer_that_names_its_own_standing_speaks_for_that_family(extractor):
    found = read(extractor, "# FAQ\n\nAre you SOC 2 or ISO 27001 certified?\n\nNot yet. We are working towards "
                            "SOC 2 Type II certification.\n")
    assert {(a.type.value, a.polarity.value, a.hedged) for a in found.attestations} == {
        ("soc2-type2", "affirmed", True), ("iso27001", "denied", False)}, found.explain()


def test_communication_about_updates_and_roadmap_changes_is_change_communication(extractor):
    found = read(extractor, "# Enterprise\n\n- **Staying current**: regular communication on releases, patches and roadmap changes.\n")
    assert "change-communication" in controls(found), found.explain()
