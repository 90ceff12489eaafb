"""Classes of misreading found on held-out vendor pages at stop 33, each written in our own words
after shapes met on public vendor pages: help-centre pages exported to Markdown as raw HTML, a bare
group label over a nested list, an obstacle denied ("no fee to export"), an answer opening a line
("Not exactly, ..."), "how often" and "commonly used" read as hedges, a list that goes on from a
customer's duty ("This includes ..."), a list item titled in bold, support hours of "24x7x365",
"right to data portability" read as the vendor claiming the data, a law's reach over "entities that
handle" data, how to reach support by its address or number, and the answer under "Where is my data
stored?".
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import assert_affirmed, controls, items, read, reasons


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


HTML_EXPORT = """<p>Premium workspaces may ask for their files to be kept in a chosen country.</p>
<p>Unless you ask otherwise, every workspace is stored in the:</p>
<ul>
<li>Oregon - hosted by Amazon AWS</li>
</ul>
<h3>Other places on request</h3>
<p>Premium workspaces can have their files stored in:</p>
<ul>
<li>EU:
<ul>
<li>Frankfurt (Amazon AWS)</li>
</ul>
</li>
<li>Canada:
<ul>
<li>Toronto (Amazon AWS)</li>
</ul>
</li>
</ul>
"""


def test_a_help_centre_page_in_raw_html_reads_its_list_items_under_their_lead_in(extractor):
    found = items(read(extractor, HTML_EXPORT))
    assert {("hosting:US", 4, "affirmed"), ("hosting:DE", 11, "affirmed"),
            ("hosting:CA", 16, "affirmed")} <= found, found
    # "EU:" and "Canada:" only group the items under them
    assert not {f for f in found if f[1] in (9, 14)}, found


def test_an_html_heading_inside_markdown_opens_a_section(extractor):
    text = "<h2>Self-hosting</h2>\n<p>Encryption of backups at rest uses AES-256 on the server.</p>\n"
    found = read(extractor, text)
    assert "encryption-at-rest" not in controls(found), found.explain()
    assert (2, "claim:encryption-at-rest", "advice section") in reasons(found), reasons(found)


def test_a_bare_place_label_over_a_nested_list_states_nothing(extractor):
    text = "Your files can be stored in:\n\n- UK:\n  - London (Azure)\n- Australia:\n  - Sydney (Azure)\n"
    found = items(read(extractor, text))
    assert ("hosting:GB", 4, "affirmed") in found and ("hosting:AU", 6, "affirmed") in found, found
    assert not {f for f in found if f[1] in (3, 5)}, found


@pytest.mark.parametrize("line, control", [
    ("There is no charge to export your data, and no limit on how many exports you run.", "data-portability"),
    ("There are no restrictions on exporting your data whenever you like.", "data-portability"),
])
def test_an_obstacle_denied_leaves_the_practice_affirmed(extractor, line, control):
    found = read(extractor, f"# Your data\n\n{line}\n")
    assert_affirmed(found, control)
    assert (control, 3, "affirmed") in items(found), found.explain()


def test_a_hidden_fee_denied_still_affirms_pricing(extractor):
    assert_affirmed(read(extractor, "# Pricing\n\nThere are no hidden fees on any plan.\n"), "pricing-transparency")


@pytest.mark.parametrize("answer", [
    "Not exactly, to keep data residency intact we cannot copy a workspace from one warehouse to another.",
    "No, data residency is fixed when the workspace is created.",
])
def test_an_answer_word_opening_the_line_does_not_deny_what_follows(extractor, answer):
    found = read(extractor, f"### Can I move my workspace to the other region?\n\n{answer}\n")
    assert "data-residency" not in controls(found, "denied"), found.explain()


def test_an_answer_with_its_own_negation_claims_no_channel(extractor):
    found = read(extractor, "### Do you offer phone support?\n\nNo, we do not offer phone support.\n")
    assert "support-channels" not in controls(found), found.explain()


@pytest.mark.parametrize("line, control", [
    ("You can export your data as often as you need, in a commonly used CSV format.", "data-portability"),
    ("You choose how often backups of your workspace are exported, and we keep daily backups.", "backup"),
])
def test_a_frequency_left_open_or_a_common_format_is_no_hedge(extractor, line, control):
    found = read(extractor, f"# Data\n\n{line}\n")
    assert (control, 3, "affirmed") in items(found), found.explain()


def test_a_list_going_on_from_a_customer_duty_is_the_customers(extractor):
    text = ("# Your part\n\nCustomers must secure the laptops their staff use. This includes disk encryption "
            "and screen locks on every device.\n")
    found = read(extractor, text)
    assert "encryption-at-rest" not in controls(found), found.explain()


def test_a_list_going_on_from_the_vendors_own_statement_stays_the_vendors(extractor):
    text = "# Security\n\nWe harden every server we run. This includes disk encryption with AES-256.\n"
    assert_affirmed(read(extractor, text), "encryption-at-rest")


def test_a_bold_title_alone_on_a_list_items_first_line_is_a_heading(extractor):
    text = ("# Our duties\n\nWe commit to the following:\n\n* **Vendor Risk Management**  \n"
            "  Every hosting provider we rely on signs our data processing terms.\n")
    found = read(extractor, text)
    assert not {f for f in items(found) if f[1] == 5}, found.explain()


@pytest.mark.parametrize("line", [
    "Urgent tickets on the top plan are answered 24x7x365.",
    "| Enterprise | 24/7/365 |",
])
def test_round_the_year_coverage_is_support_hours(extractor, line):
    head = "| Plan | Support coverage |\n|---|---|\n" if line.startswith("|") else ""
    found = read(extractor, f"# Support\n\n{head}{line}\n")
    assert "support-hours" in controls(found), found.explain()


def test_the_right_to_data_portability_is_no_claim_on_the_customers_data(extractor):
    found = read(extractor, "# Your rights\n\n- **Right to data portability:** you can take your data with you.\n")
    assert "data-ownership" not in controls(found, "denied"), found.explain()
    assert "data-portability" in controls(found), found.explain()


def test_whoever_a_law_binds_is_not_the_vendor(extractor):
    found = read(extractor, "# About HIPAA\n\nOrganisations that handle health records must follow the breach notification rule.\n")
    assert "breach-notification" not in controls(found), found.explain()


@pytest.mark.parametrize("line, channel", [
    ("* Email: send an email to help@example-desk.io and a ticket is opened for you", "email"),
    ("* Telephone: call +1 415 555 0100 during business hours", "phone"),
])
def test_how_to_reach_support_by_address_or_number_is_the_vendors_channel(extractor, line, channel):
    found = read(extractor, f"## Support channels\n\n{line}\n")
    assert "support-channels" in controls(found), found.explain()
    assert channel in {c.type for c in found.channels}, found.explain()


def test_a_request_sent_to_the_support_mailbox_for_a_document_is_no_channel_claim(extractor):
    found = read(extractor, "# Legal\n\n- Contact support@example-desk.io to ask for our DPA.\n")
    assert "support-channels" not in controls(found), found.explain()


def test_the_answer_under_a_where_question_names_the_hosting_places(extractor):
    text = ("### Where is my data stored?\n\nFor the hosted service, you can pick Ireland or Oregon "
            "when you sign up.\n")
    found = items(read(extractor, text))
    assert ("hosting:IE", 3, "affirmed") in found and ("hosting:US", 3, "affirmed") in found, found


def test_a_question_heading_that_does_not_ask_where_lends_no_hosting_role(extractor):
    text = "### Is the cloud edition GDPR compliant?\n\nYes, we follow the rules of the European Union.\n"
    found = items(read(extractor, text))
    assert not {f for f in found if f[0].startswith("hosting:")}, found


def test_data_of_members_or_donors_never_sold_is_privacy_by_design(extractor):
    text = "# Privacy\n\nWe do not sell, rent, or share your club's member data with advertisers.\n"
    assert_affirmed(read(extractor, text), "privacy-by-design")


@pytest.mark.parametrize("line", [
    "Our policy strictly forbids storing customer data on company laptops or removable media.",
    "No customer data may be copied to staff workstations.",
])
def test_data_kept_off_staff_devices_is_leak_prevention(extractor, line):
    found = read(extractor, f"# Devices\n\n{line}\n")
    assert ("data-leakage-prevention", 3, "affirmed") in items(found), found.explain()
    assert "privacy-by-design" not in controls(found), found.explain()


def test_notice_of_a_security_incident_within_hours_is_breach_notification(extractor):
    text = ("# Incidents\n\nOn learning of a security incident affecting customer data, we shall notify the "
            "customer within forty-eight (48) hours.\n")
    assert "breach-notification" in controls(read(extractor, text))


def test_logs_kept_for_a_stated_time_are_audit_logging(extractor):
    text = "# Logs\n\nThe provider shall keep logs relevant to customer processing for ninety (90) days.\n"
    assert "audit-logging" in controls(read(extractor, text))


@pytest.mark.parametrize("line, control", [
    ("Consent given for newsletters can be withdrawn at any time.", "consent-management"),
    ("Every user can exercise the rights granted by the GDPR.", "data-subject-rights"),
    ("- **Servers:** secure server configurations are applied to every machine.", "configuration-hardening"),
    ("Each of these vendors is carefully vetted before we sign with them.", "third-party-risk-management"),
    ("- **Compliance audits:** our practices are checked against the GDPR each year.", "internal-audit"),
])
def test_plain_phrasings_of_common_practices(extractor, line, control):
    assert control in controls(read(extractor, f"# Practices\n\n{line}\n"))


@pytest.mark.parametrize("line", [
    "Account data is stored in a PostgreSQL database with nightly snapshots.",
    "Feature data is stored in isolated single-tenant stores.",
])
def test_data_stored_in_a_kind_of_store_names_no_residency(extractor, line):
    assert "data-residency" not in controls(read(extractor, f"# Storage\n\n{line}\n"))


def test_data_stored_in_a_region_is_still_residency(extractor):
    assert "data-residency" in controls(read(extractor, "# Storage\n\nCustomer data is stored in the EU.\n"))


def test_serving_as_a_business_associate_is_bound_by_hipaa(extractor):
    found = read(extractor, "# Health data\n\nWe serve as a business associate for clinics that use the service.\n")
    assert ("hipaa", 3, "affirmed") in items(found), found.explain()


def test_including_without_limitation_is_no_negation(extractor):
    text = ("# Processing\n\nWe process personal data only as the GDPR requires, including without limitation "
            "its Article 28 on processors.\n")
    found = read(extractor, text)
    assert "data-processing-agreement" not in controls(found, "denied"), found.explain()


def test_no_sub_processor_without_the_controllers_leave_is_a_managed_list(extractor):
    text = ("# Sub-processors\n\nWe will not engage another processor (sub-processor) without the prior "
            "written authorisation of the controller.\n")
    assert_affirmed(read(extractor, text), "subprocessor-management")


def test_a_place_naming_whose_law_it_is_is_no_location(extractor):
    text = ("# Sub-processors\n\nEach sub-processor that stores data is bound by a contract under EU or Member State law.\n")
    found = items(read(extractor, text))
    assert not {f for f in found if f[0].endswith(":EU")}, found


@pytest.mark.parametrize("line, control", [
    ("HTTPS is required between our services, meaning no data is transmitted unencrypted between servers.",
     "encryption-in-transit"),
    ("Devices only connect outbound, so no inbound ports on the firewall are needed.", "network-security"),
    ("The affected code path is not reachable, the vulnerability has been patched in the next release.",
     "patch-management"),
])
def test_protective_negations_of_stop_33_affirm(extractor, line, control):
    assert_affirmed(read(extractor, f"# Security\n\n{line}\n"), control)


def test_a_practice_that_does_not_apply_is_not_in_use(extractor):
    found = read(extractor, "# Monitoring\n\nOn serverless hosts, file integrity monitoring would not apply.\n")
    assert "file-integrity-monitoring" in controls(found, "denied"), found.explain()


def test_the_vendors_own_list_keeps_its_items_whatever_a_clause_says_of_customers(extractor):
    text = ("# Security\n\nWe protect every cluster with the same measures that we recommend customers apply "
            "to their own installations, including:\n\n- role-based access control\n")
    assert "access-control-rbac" in controls(read(extractor, text))


@pytest.mark.parametrize("lead", ["We strongly recommend the following:", "Northwind clients are responsible for the following:"])
def test_a_lead_in_giving_the_customer_a_duty_still_sets_its_items_aside(extractor, lead):
    found = read(extractor, f"# Security\n\n{lead}\n\n- role-based access control\n")
    assert "access-control-rbac" not in controls(found), found.explain()


@pytest.mark.parametrize("line, control", [
    ("We keep a 24/7 eng oncall rotation for customer-facing alerts.", "incident-response"),
    ("If one region goes down, traffic is routed to other healthy regions.", "disaster-recovery"),
    ("We shall inform you in writing of any intended changes concerning the addition or replacement of "
     "sub-processors.", "subprocessor-management"),
    ("We will notify you promptly upon becoming aware of any unauthorised access to the personal data.",
     "breach-notification"),
])
def test_more_plain_phrasings_of_stop_33(extractor, line, control):
    assert control in controls(read(extractor, f"# Operations\n\n{line}\n"))


def test_soc_type_2_with_the_2_left_out_is_soc_2_type_2(extractor):
    found = items(read(extractor, "# Compliance\n\nWe are SOC Type 2 compliant, audited by a third party.\n"))
    assert ("soc2-type2", 3, "affirmed") in found, found


@pytest.mark.parametrize("line, control", [
    ("We do not log request payloads in any system logs.", "audit-logging"),
    ("When you delete your own encryption key, you cannot access the job logs any more.", "audit-logging"),
])
def test_what_is_kept_out_of_logs_or_lost_by_the_customers_own_act_denies_no_logging(extractor, line, control):
    found = read(extractor, f"# Logs\n\n{line}\n")
    assert control not in controls(found, "denied"), found.explain()


@pytest.mark.parametrize("line", [
    "Data centres: we consult with EU regulators before hosting changes.",
    "Hosting: where you transfer the EU personal data to, the local law applies.",
])
def test_a_place_naming_whose_data_or_authority_is_no_location(extractor, line):
    found = items(read(extractor, f"# Hosting\n\n{line}\n"))
    assert not {f for f in found if f[0].endswith(":EU")}, found
