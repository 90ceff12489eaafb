"""Classes of misreading found at stop 39 (second round, dev sets CW, CY, CZ) on real pages: an AsciiDoc
security reference full of set-up steps, a compliance page listing standards under "Acme supports:", a
data-handling page that says what it does not keep. Each is written here in our own words, each with a
look-alike that must stay as it was."""

from __future__ import annotations

import pytest

import claimskit
from claimskit import found_on, items, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


def _all(extractor, text: str, suffix: str = ".md") -> set[tuple[str, int, str]]:
    return items(read(extractor, text, suffix))


def test_asciidoc_images_includes_and_attribute_entries_are_markup(extractor):
    text = ("= Platform security\n:description: Private networking and encryption for the hosted service\n\n"
            "== Private networking\n\nHosted clusters support private endpoints over the provider's private link.\n\n"
            'image::private_link_overview.png[title="Private endpoints with public traffic disabled"]\n\n'
            "include::partial$network-notes.adoc[]\n")
    found = _all(extractor, text, ".adoc")
    assert ("network-security", 6, "affirmed") in found, found
    assert not {line for _, line, _ in found} - {6}, found


def test_an_asciidoc_link_keeps_its_words_for_the_reader(extractor):
    found = found_on(extractor, "To turn on single sign-on for your workspace, please "
                              "https://help.example.org/[raise a support ticket] with your domain.")
    assert "support-channels" not in {item for item, _ in found}, found


def test_steps_after_a_purpose_or_a_place_are_instructions(extractor):
    for line in ("To turn on private endpoints using the cloud's private link:",
                 "In the key service console, edit the key policy so the service may use the key.",
                 "To rotate keys yearly, open the key service and tick the rotation box.",
                 "Create and manage keys in a supported cloud key management service."):
        found = found_on(extractor, line)
        assert not found, (line, found)
    # the vendor's own sentence with a purpose in front stays its claim
    found = found_on(extractor, "To protect customer data, we encrypt every database with AES-256.")
    assert ("encryption-at-rest", "affirmed") in found, found
    # and so does pointing to the vendor's own report after a purpose
    found = found_on(extractor, "To learn more, visit our trust portal to request a copy of our SOC 2 Type II report.")
    assert ("soc2-type2", "affirmed") in found, found


def test_advice_the_vendor_gives_against_something_is_no_denial(extractor):
    found = found_on(extractor, "We do not recommend that you rotate a customer managed key by hand.")
    assert not found, found


def test_a_condition_opening_a_sentence_claims_nothing(extractor):
    found = found_on(extractor, "Without private endpoints, your browser reaches the database over the internet.")
    assert not found, found
    found = found_on(extractor, "Data never leaves our network without encryption in transit over TLS 1.2.")
    assert ("encryption-in-transit", "affirmed") in found, found


def test_a_lead_whose_verb_asserts_holds_the_standards_listed_under_it(extractor):
    text = "# Compliance\n\nLumen supports:\n\n- **SOC 2 Type II**\n- **GDPR**\n- ISO 27001\n"
    found = _all(extractor, text)
    assert {("soc2-type2", 5, "affirmed"), ("gdpr", 6, "affirmed"), ("iso27001", 7, "affirmed")} <= found, found
    text = "# Compliance\n\nLumen is compliant with the following:\n\n- HIPAA\n- PCI DSS\n"
    found = _all(extractor, text)
    assert ("hipaa", 5, "affirmed") in found and ("pci-dss", 6, "affirmed") in found, found
    # a list the page merely explains stays unread
    text = "# Compliance\n\nThe frameworks we explain on this page:\n\n- SOC 2 Type II\n- ISO 27001\n"
    found = _all(extractor, text)
    assert not {item for item, _, _ in found} & {"soc2-type2", "iso27001"}, found


def test_a_feature_list_written_as_imperatives_is_what_the_product_offers(extractor):
    text = "# Privacy\n\nPrivacy features:\n\n- **Data location**: Choose data location\n- **Right to erasure**: Delete user data on request\n"
    found = _all(extractor, text)
    assert ("data-residency", 5, "affirmed") in found, found
    assert ("data-subject-rights", 6, "affirmed") in found, found
    # the same items under best practices stay advice
    text = "# Privacy\n\nBest practices:\n\n- Delete user data on request\n- Enable multi-factor authentication for admins\n"
    found = _all(extractor, text)
    assert not found, found


def test_a_choice_of_region_names_the_regions_offered(extractor):
    assert ("data-residency", "affirmed") in found_on(extractor, "Choose the region where your data is stored:")
    assert not found_on(extractor, "Choose a strong password for the admin account.")


def test_what_is_not_kept_beyond_its_use_is_limited_retention(extractor):
    found = found_on(extractor, "Inputs are processed in memory; we do not store any of it beyond the duration of the request.")
    assert ("data-retention-deletion", "affirmed") in found, found
    found = found_on(extractor, "Lumen does not retain a copy of repository code or chat messages.")
    assert ("data-retention-deletion", "affirmed") in found, found
    found = found_on(extractor, "Lumen does not use customer data for pre-training or fine-tuning language models.")
    assert ("privacy-by-design", "affirmed") in found, found


def test_backups_kept_in_the_clusters_region_are_residency_and_scaling_both_ways_is_scalability(extractor):
    assert ("data-residency", "affirmed") in found_on(extractor, "Snapshots are kept in the same region as the database.")
    found = found_on(extractor, "Dedicated plans support horizontal and vertical scaling.")
    assert ("service-scalability", "affirmed") in found, found


def test_people_acting_on_their_own_personal_data_is_a_data_subject_right(extractor):
    found = found_on(extractor, "You can edit your personal information in settings and delete your entire account at any time.")
    assert ("data-subject-rights", "affirmed") in found, found
    assert ("data-retention-deletion", "affirmed") in found, found


def test_an_image_alt_text_is_no_statement(extractor):
    assert not found_on(extractor, "![Choose a region for your data in the create-project dialog](img/region.png)")


def test_others_gdpr_compliance_is_theirs(extractor):
    found = found_on(extractor, "Below are our providers, with links to pages on their GDPR compliance.")
    assert "gdpr" not in {item for item, _ in found}, found
    assert ("subprocessor-management", "affirmed") in found, found


def test_encryption_between_nodes_vpc_isolation_and_security_in_every_stage(extractor):
    found = found_on(extractor, "Cluster traffic uses intra-cluster encryption between the nodes of each deployment.")
    assert ("encryption-in-transit", "affirmed") in found, found
    found = found_on(extractor, "Dedicated plans run within a Virtual Private Cloud (VPC) isolation for each customer.")
    assert ("tenant-isolation", "affirmed") in found, found
    found = found_on(extractor, "We build security into every stage of development, from design to release.")
    assert ("secure-development", "affirmed") in found, found
    found = found_on(extractor, "Our Data Processor Addendum covers every customer.")
    assert ("data-processing-agreement", "affirmed") in found, found
    # a network's isolation is no tenant isolation by itself
    found = found_on(extractor, "Network isolation between the office and the build farm is in place.")
    assert "tenant-isolation" not in {item for item, _ in found}, found


def test_a_paragraph_under_a_heading_naming_a_control_states_it(extractor):
    text = ("# Privacy at Lumen\n\nThis page explains our practices.\n\n## Right to erasure\n\n"
            "Account holders can ask for their account and profile to be removed from the settings page.\n\n"
            "## Right of access\n\nIs this available to every plan?\n\n"
            "## Data portability\n\nWe do not offer this today.\n\n"
            "## Audit logging\n\nThe following events are kept:\n\n- sign-ins\n")
    found = _all(extractor, text)
    assert ("data-subject-rights", 7, "affirmed") in found, found
    # a question, a negation and a lead-in under such headings give nothing from the heading
    assert not {line for _, line, _ in found} & {11, 15, 19}, found
    # nor does the page's title give its first paragraph
    found = _all(extractor, "# Data retention\n\nLast updated in March.\n")
    assert not found, found
