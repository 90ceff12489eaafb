"""Classes of misreading found at stop 40 on real pages (dev set DD): a standard named as what customers
need or what an activity is for, a pointer to more information, and wordings of known controls the
vocabulary missed (zones, network design, erasing after a set period). Written in our own words, each
with a look-alike that must keep its reading."""

from __future__ import annotations

import pytest

import claimskit
from claimskit import found_on, items, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


def test_a_standard_customers_need_is_not_the_vendors_standing(extractor):
    found = found_on(extractor, "- Acme signs a business associate agreement with every customer who needs HIPAA compliance.")
    assert ("hipaa-baa", "affirmed") in found, found
    assert "hipaa" not in {item for item, _ in found}, found
    found = found_on(extractor, "Organisations that must comply with PCI DSS can run the agent in their own network.")
    assert "pci-dss" not in {item for item, _ in found}, found
    # the vendor's own compliance stays a claim
    found = found_on(extractor, "Acme is HIPAA compliant and signs a BAA with customers who ask for one.")
    assert ("hipaa", "affirmed") in found, found


def test_what_an_activity_is_for_is_not_a_standard_held(extractor):
    found = found_on(extractor, "- Acme tests its disaster recovery plan yearly, as required for ISO 27001 certification.")
    assert "iso27001" not in {item for item, _ in found}, found
    assert ("disaster-recovery", "affirmed") in found, found
    found = found_on(extractor, "- Acme is ISO 27001 certified and tests its disaster recovery plan yearly.")
    assert ("iso27001", "affirmed") in found, found


def test_a_pointer_to_more_information_states_nothing(extractor):
    for line in ("For more information on GDPR compliance, write to privacy@example.org.",
                 "For details about the SOC 2 audit, see the trust portal."):
        found = found_on(extractor, line)
        assert not {item for item, _ in found} & {"gdpr", "soc2-type1", "soc2-type2"}, (line, found)
    found = found_on(extractor, "Acme is GDPR compliant. For more information, see our privacy notice.")
    assert ("gdpr", "affirmed") in found, found


def test_more_wordings_of_known_controls(extractor):
    assert ("disaster-recovery", "affirmed") in found_on(extractor, "| Multi-zone deployment | Included |")
    assert ("network-security", "affirmed") in found_on(extractor, "Our safeguards include a secure network design.")
    found = found_on(extractor, "Workspace owners can have messages erased automatically after a set period of time.")
    assert ("data-retention-deletion", "affirmed") in found, found
    # a period that is no deletion stays silent
    found = found_on(extractor, "Invoices are sent after a set period of time.")
    assert "data-retention-deletion" not in {item for item, _ in found}, found


def test_the_vendors_own_commitment_to_export_laws_is_a_trade_compliance_programme(extractor):
    found = found_on(extractor, "It is Acme's policy to comply with all export compliance laws in every country where it sells.")
    assert ("trade-compliance-program", "affirmed") in found, found
    # the customer's duty is not the vendor's programme
    found = found_on(extractor, "Customers must comply with all applicable export control laws when using the service.")
    assert "trade-compliance-program" not in {item for item, _ in found}, found
    found = found_on(extractor, "Non-compliance with export control regulations can bring penalties to Acme.")
    assert "trade-compliance-program" not in {item for item, _ in found}, found


def test_a_sentence_ending_inside_quotes_ends_the_negation(extractor):
    found = found_on(extractor, 'We do not offer "premium support." Acme encrypts all data at rest.')
    assert ("encryption-at-rest", "affirmed") in found, found
    found = found_on(extractor, 'We do not encrypt data "at rest." Backups are kept for 30 days.')
    assert ("encryption-at-rest", "denied") in found, found


def test_a_law_heading_a_compound_names_the_thing_not_the_law(extractor):
    assert not found_on(extractor, "There are no HIPAA-safe endpoints.")
    assert not found_on(extractor, "Acme has no GDPR-specific settings.")
    assert ("hipaa", "denied") in found_on(extractor, "Acme is not HIPAA-compliant.")
    assert ("hipaa", "affirmed") in found_on(extractor, "Acme is HIPAA-compliant.")
    # a product setting named after the law names that setting
    assert not found_on(extractor, "There is no per-workspace HIPAA setting: compliance is set for the whole organization.")
    assert ("hipaa", "affirmed") in found_on(extractor, "Acme is HIPAA compliant and offers a HIPAA mode.")


def test_a_law_that_regulates_or_governs_is_defined_not_claimed(extractor):
    found = found_on(extractor, "The General Data Protection Regulation (GDPR) regulates the processing of personal "
                              "data of people who live in the European Union.")
    assert not found, found
    found = found_on(extractor, "Acme complies with the GDPR, which regulates how personal data is processed.")
    assert ("gdpr", "affirmed") in found, found


def test_more_leads_and_wordings(extractor):
    text = ("# Compliance\n\n**A:** Acme is compliant with the following policies:\n\n"
            "- **GDPR.** Read more [here](https://example.org/privacy).\n"
            "- **SOC 2 Type 2.** Read more [here](https://example.org/soc2).\n")
    found = items(read(extractor, text, ".md"))
    assert {("gdpr", 5, "affirmed"), ("soc2-type2", 6, "affirmed")} <= found, found
    found = found_on(extractor, "In-flight encryption | All access to the service is encrypted by using HTTPS.")
    assert ("encryption-in-transit", "affirmed") in found, found
    found = found_on(extractor, "Acme stores only encrypted versions of your passwords, which only you can unlock.")
    assert ("encryption-at-rest", "affirmed") in found, found


def test_a_lead_offering_capabilities_makes_its_imperative_items_features(extractor):
    text = ("# Security\n\nThe following capabilities are available for all users depending on your plan:\n\n"
            "- **Role-based access control:** Configure access at the team or project level.\n"
            "- **Data encryption:** Encrypt data at rest using a unique managed encryption key.\n")
    found = items(read(extractor, text, ".md"))
    assert {("access-control-rbac", 5, "affirmed"), ("encryption-at-rest", 6, "affirmed")} <= found, found
    # a lead that recommends or asks stays advice
    for lead in ("We recommend the following security measures:", "You should apply the following security controls:"):
        text = f"# Security\n\n{lead}\n\n- Encrypt data at rest using your own key.\n"
        assert not items(read(extractor, text, ".md")), lead


def test_more_wordings_of_stop_40(extractor):
    assert ("data-residency", "affirmed") in found_on(extractor, "Data is stored in a dedicated cluster in the region of your choice.")
    assert not found_on(extractor, "Pick a colour of your choice for the dashboard.")
    found = found_on(extractor, "Acme meets the requirements of the Security, Trust, Assurance and Risk (STAR) program at Level 1.")
    assert ("csa-star", "affirmed") in found, found
    assert ("internal-audit", "affirmed") in found_on(extractor, "Security controls are periodically audited internally and externally.")
    assert ("internal-audit", "affirmed") in found_on(extractor, "We conduct routine testing and audits of our systems.")


def test_what_a_subprocessor_does_is_its_service_not_the_vendors_control(extractor):
    text = ("# Sub-processors\n\nAcme uses the following sub-processors:\n\n| Provider | Purpose | Location |\n|---|---|---|\n"
            "| Mailco Inc. | Email, file sharing and backup of support tickets | United States |\n"
            "| Wikico Ltd | Public community forum and knowledge base | Ireland |\n")
    found = items(read(extractor, text, ".md"))
    assert {("subprocessor:US", 7, "affirmed"), ("subprocessor:IE", 8, "affirmed")} <= found, found
    assert not {item for item, line, _ in found if line in (7, 8)} & {"backup", "documentation"}, found


def test_the_controls_a_subprocessor_row_keeps_are_catalog_controls(extractor):
    """The list lives in tables.yaml: a misspelt id there would silently drop the sub-processor's own claims."""
    kept = extractor.tables.subprocessor_row_controls
    assert kept and kept <= set(extractor.controls), kept - set(extractor.controls)
