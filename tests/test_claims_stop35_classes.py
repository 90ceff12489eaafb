"""Classes of misreading named at stop 33 and built at stop 35, each written in our own words after
shapes met on public vendor pages: a reStructuredText (or pandoc) grid table drawn with ``+---+``
borders, and a table whose column headers name a standard ("ISO 27001 certified?") with a yes/no
or status cell per row.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import items, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


GRID = """Where your servers live
=======================

Every region runs its own control plane, so an outage in one leaves the others up.

+-------------+------------------+---------------------+-----------------------+
| Region Code | Name             | SOC 2 audited?      | ISO 27001 certified?  |
+=============+==================+=====================+=======================+
| de-fra-1    | Frankfurt,       | Yes                 | Yes                   |
|             | Germany          |                     |                       |
+-------------+------------------+---------------------+-----------------------+
| nl-ams-2    | Amsterdam        | In progress         | Yes                   |
+-------------+------------------+---------------------+-----------------------+
| se-sto-1    | Stockholm        | No                  | Yes                   |
+-------------+------------------+---------------------+-----------------------+

Choosing a region
=================

Pick the region closest to your users.
"""


def test_a_grid_table_of_regions_gives_each_row_its_place_and_the_standards_its_columns_name(extractor):
    found = items(read(extractor, GRID, suffix=".rst"))
    assert {("soc2-type1*", 9, "affirmed"), ("iso27001", 9, "affirmed"),
            ("soc2-type1*", 12, "affirmed?"), ("iso27001", 12, "affirmed"),
            ("soc2-type1*", 14, "denied"), ("iso27001", 14, "affirmed"),
            ("hosting:DE", 9, "affirmed"), ("hosting:NL", 12, "affirmed"),
            ("hosting:SE", 14, "affirmed")} <= found, found
    # the header row and the borders state nothing; a wrapped cell's second line is part of its row
    assert not {f for f in found if f[1] in (6, 7, 8, 10, 11, 13, 15)}, found


def test_a_grid_table_row_is_one_block_with_its_header_cells():
    from auditor.documents.markdown import markdown_layout

    layout = markdown_layout(GRID.split("\n"))
    row = layout.at(10)
    assert (row.kind.value, row.first, row.last) == ("table-row", 9, 10)
    assert row.cells == ("de-fra-1", "Frankfurt, Germany", "Yes", "Yes")
    assert row.header == ("Region Code", "Name", "SOC 2 audited?", "ISO 27001 certified?")
    assert layout.at(7).kind.value == "table-header" and layout.at(8).kind.value == "table-rule"


def test_a_grid_table_without_a_header_border_has_no_header_and_names_no_standard(extractor):
    text = ("+------------+-----+\n"
            "| ISO 27001  | Yes |\n"
            "+------------+-----+\n"
            "| Remarks    | Ask |\n"
            "+------------+-----+\n")
    from auditor.documents.markdown import markdown_layout

    layout = markdown_layout(text.split("\n"))
    assert layout.at(2).cells == ("ISO 27001", "Yes") and layout.at(2).header == ()
    assert layout.at(4).cells == ("Remarks", "Ask")


PIPE_STANDARDS = """## Certifications by data centre

| Data centre | SOC 2 Type II | PCI DSS | HIPAA |
|---|---|---|---|
| Toronto | ✓ | ✓ | Not supported |
| Montreal | ✓ | Planned | Not supported |
"""


def test_columns_named_after_standards_give_each_row_the_status_in_its_cell(extractor):
    found = items(read(extractor, PIPE_STANDARDS))
    assert {("soc2-type2", 5, "affirmed"), ("soc2-type2", 6, "affirmed"),
            ("hipaa", 5, "denied"), ("hipaa", 6, "denied")} <= found, found
    assert any(f[0].startswith("pci") and f[1] == 5 and f[2] == "affirmed" for f in found), found
    assert any(f[0].startswith("pci") and f[1] == 6 and f[2] == "affirmed?" for f in found), found


def test_a_standard_named_in_a_header_over_cells_that_state_no_status_gives_nothing(extractor):
    text = ("| Our control | ISO 27001 clause |\n"
            "|---|---|\n"
            "| Access reviews each quarter | A.5.18 |\n")
    found = items(read(extractor, text))
    assert not {f for f in found if f[0].startswith("iso")}, found


# --- found on the dev sets CC and CD (stop 35) ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Customers retain ownership of their data at all times.",
    "The subscriber has ownership of the data and the code of their apps, as the master agreement says.",
    "You will always retain full ownership of everything you upload.",
])
def test_the_customer_holding_ownership_affirms_it(extractor, text):
    found = items(read(extractor, text + "\n"))
    assert ("data-ownership", 1, "affirmed") in found and ("data-ownership", 1, "denied") not in found, found


@pytest.mark.parametrize("text", [
    "Northwind keeps ownership of the data you upload.",
    "We have ownership of the data you upload.",
])
def test_the_vendor_holding_ownership_still_denies_it(extractor, text):
    assert ("data-ownership", 1, "denied") in items(read(extractor, text + "\n"))


def test_not_using_a_transfer_framework_denies_no_transfer_safeguard(extractor):
    text = ("We sign Standard Contractual Clauses with every vendor that handles personal data. "
            "We do not rely on the Privacy Shield.\n")
    found = items(read(extractor, text))
    assert ("international-transfers", 1, "affirmed") in found, found
    assert ("international-transfers", 1, "denied") not in found, found


@pytest.mark.parametrize(("text", "polarity"), [
    ("Only a handful of our engineers have access to production servers.", "affirmed"),
    ("All engineers have access to production.", "denied"),
    ("Developers have standing access to production databases.", "denied"),
])
def test_who_has_access_to_production(extractor, text, polarity):
    found = items(read(extractor, text + "\n"))
    assert ("privileged-access", 1, polarity) in found, found


MATRIX = """## Who does what

| Control | Northwind | Customer |
|---|---|---|
| Encrypt data at rest and in transit | ✓ | |
| Perform penetration tests | :white_check_mark: | |
| Rotate the encryption keys you manage yourself | | ✓ |
| Back up data | ✓ | ✓ |
"""


def test_a_responsibility_matrix_gives_the_vendor_the_rows_it_ticks_and_the_customer_the_rest(extractor):
    found = items(read(extractor, MATRIX))
    assert {("encryption-at-rest", 5, "affirmed"), ("penetration-testing", 6, "affirmed"),
            ("backup", 8, "affirmed")} <= found, found
    assert not {f for f in found if f[1] == 7}, found  # ticked for the customer alone: the customer's duty


def test_a_feature_table_by_plan_is_no_responsibility_matrix():
    from auditor.claims.matrix import Responsibility
    from auditor.documents.model import Block, BlockKind
    import re

    matrix = Responsibility(re.compile(r"customer"), re.compile(r"^(?:✓|yes)$"))
    plans = Block(BlockKind.TABLE_ROW, 3, 3, header=("Feature", "Free", "Team"), cells=("SSO", "", "✓"))
    assert matrix.side(plans) is None
    row = Block(BlockKind.TABLE_ROW, 3, 3, header=("Control", "Provider", "Customer"), cells=("Patching", "", "✓"))
    assert matrix.side(row).value == "customer"


def test_a_details_summary_is_a_heading(extractor):
    text = "<details>\n<summary>Data retention</summary>\n\nLogs are kept for 30 days.\n\n</details>\n"
    found = read(extractor, text)
    assert not {f for f in items(found) if f[1] == 2}, found.explain()


TOOLS = """## Tools we use

**Ticketly:** Northwind uses Ticketly to track support requests. Ticketly stores its data in Ireland and holds an ISO 27001 certificate. By default, Ticketly encrypts data at rest.

**Chatterbox:** Chatterbox is used for internal chat at Northwind. The security programme at Chatterbox is SOC 2 Type II audited.

**Backups:** Northwind backs up every database nightly to a second region.
"""


def test_sentences_about_a_tool_named_by_its_paragraph_label_are_another_partys(extractor):
    found = items(read(extractor, TOOLS))
    assert not {f for f in found if f[1] in (3, 5) and not f[0].startswith("subprocessor")}, found
    assert ("backup", 7, "affirmed") in found, found  # a label that is a topic, not a tool, keeps the claim


def test_a_place_code_inside_an_identifier_is_no_place(extractor):
    text = "Accounts in the ACME-US-02 environment are served from Frankfurt, Germany.\n"
    found = items(read(extractor, text))
    assert not {f for f in found if f[0].endswith(":US")}, found


def test_markdoc_and_liquid_tag_lines_are_markup(extractor):
    text = ("{% cards %}\n"
            "{% cards_item href=\"/security/backups\" title=\"Backups\" %}\n"
            "Northwind backs up every database each night.\n"
            "{% /cards_item %}\n"
            "{% endcards %}\n")
    found = read(extractor, text)
    assert ("backup", 3, "affirmed") in items(found), found.explain()
    assert not {f for f in items(found) if f[1] in (1, 2, 4, 5)}, found.explain()
    from auditor.documents.markdown import markdown_layout

    layout = markdown_layout(text.split("\n"))
    assert layout.at(2).kind.value == "markup" and layout.at(3).kind.value == "paragraph"


def test_a_place_code_inside_an_identifier_in_a_table_cell_is_no_place(extractor):
    text = ("| Region | Address |\n|---|---|\n"
            "| ACME-EU-01 (Germany, Frankfurt) | https://eu.example.com |\n")
    found = items(read(extractor, text))
    assert ("hosting:DE", 3, "affirmed") in found and not {f for f in found if f[0].endswith(":EU")}, found


def test_what_a_law_gives_people_is_a_definition_unless_the_vendor_takes_it_up(extractor):
    text = ("The CCPA gives consumers the right to delete their personal information.\n"
            "The GDPR grants individuals the right to portability. We honour these rights for every user.\n")
    found = items(read(extractor, text))
    assert not {f for f in found if f[1] == 1}, found
    assert ("data-portability", 2, "affirmed") in found, found  # "these rights": the vendor takes the law's list up


def test_a_plan_coordinated_after_a_fact_hedges_only_itself(extractor):
    found = items(read(extractor, "Northwind is compliant with GDPR and actively working toward HIPAA.\n"))
    assert ("gdpr", 1, "affirmed") in found and ("hipaa", 1, "affirmed?") in found, found


@pytest.mark.parametrize(("text", "control"), [
    ("Access to customer data by Northwind personnel is strictly prohibited unless the customer approves it.",
     "privileged-access"),
    ("Northwind runs a public disclosure program on HackerOne.", "vulnerability-management"),
    ("The automated test suite has over 95% test coverage.", "secure-development"),
    ("Every new endpoint is reviewed for security by a second engineer.", "secure-development"),
    ("Data exports are available in the admin console.", "data-portability"),
    ("Sign-in is protected from brute force attacks with rate limiting.", "password-policy"),
])
def test_common_phrasings_of_practices_are_read(extractor, text, control):
    assert (control, 1, "affirmed") in items(read(extractor, text + "\n"))


def test_the_month_of_may_is_no_hedge(extractor):
    found = items(read(extractor, "Northwind achieved SOC 2 Type 1 on May 14, 2025.\nWe may encrypt backups.\n"))
    assert ("soc2-type1", 1, "affirmed") in found, found
    assert ("encryption-at-rest", 2, "affirmed?") in found, found  # the modal still hedges


@pytest.mark.parametrize(("text", "polarity"), [
    ("No manual production access exists, and deployments are automated.", "affirmed"),
    ("| Production isolation | No direct access to production environments |", "affirmed"),
    ("We do not restrict access to production.", "denied"),
])
def test_no_direct_access_to_production_protects(extractor, text, polarity):
    assert ("privileged-access", 1, polarity) in items(read(extractor, text + "\n"))


def test_consulting_an_expert_is_advice(extractor):
    found = items(read(extractor, "Consult a PCI DSS assessor if you process card data with Northwind.\n"))
    assert not {f for f in found if f[0].startswith("pci")}, found


@pytest.mark.parametrize(("text", "control"), [
    ("We keep strict physical data security and environmental controls at every site.", "physical-security"),
    ("We encrypt all confidential information (including card data) that we store.", "encryption-at-rest"),
    ("We encrypt all confidential information (including card data) that we store or transmit.",
     "encryption-in-transit"),
    ("Passwords are encrypted in transit and stored hashed.", "password-policy"),
    ("We scan our code for vulnerabilities before each release.", "secure-development"),
    ("We provide ongoing training for our employees on all information security policies.",
     "security-awareness-training"),
])
def test_more_phrasings_of_practices_are_read(extractor, text, control):
    assert (control, 1, "affirmed") in items(read(extractor, text + "\n"))


SUBPROCESSOR_HTML = """Our sub-processors:

<table>
  <tr><th>Name</th><th>Purpose</th><th>Location</th></tr>
  <tr>
    <td>Ticketly Inc.</td>
    <td>
      Support tickets and help center
    </td>
    <td>United States</td>
  </tr>
</table>
"""


def test_a_sub_processor_row_spread_over_lines_names_no_support_channel_of_the_vendor(extractor):
    found = read(extractor, SUBPROCESSOR_HTML)
    assert "support-channels" not in {c.control for c in found.claims}, found.explain()
    assert [s.name for s in found.subprocessors] == ["Ticketly Inc."], found.subprocessors


def test_a_certification_expected_later_is_not_yet_held(extractor):
    found = items(read(extractor, "SOC 2 Type II certification is expected before the end of the year.\n"
                                  "Responses are expected within one business day.\n"))
    assert ("soc2-type2", 1, "affirmed?") in found, found
    assert ("support-sla", 2, "affirmed") in found, found  # an expected response time is the commitment itself


# --- found on the held-out sets CA and CG after their figure was taken (stop 35) -----------------

@pytest.mark.parametrize(("text", "control", "polarity"), [
    ("Apart from our own staff, no other party has unsupervised, administrative access to the servers.",
     "privileged-access", "affirmed"),
    ("No one else has access to the hosts.", "privileged-access", "affirmed"),
    ("Administrative access is not restricted.", "privileged-access", "denied"),
    ("Each virtual machine serves a single customer, so there is no multi-tenancy.", "tenant-isolation", "affirmed"),
])
def test_a_negation_that_protects_affirms(extractor, text, control, polarity):
    assert (control, 1, polarity) in items(read(extractor, text + "\n"))


def test_a_multi_tenant_service_by_itself_says_nothing_of_separation(extractor):
    assert "tenant-isolation" not in {f[0] for f in items(read(extractor, "Our multi-tenant platform serves many teams.\n"))}


# --- found on the held-out set CB after its figure was taken (stop 35) --------------------------

FAQ_TABLE = """| Question | Answer |
|---|---|
| Are backups taken? | Yes, nightly, kept for 30 days |
| Recovery Time Objective (RTO) | Under 2 hours |
| Recovery Point Objective (RPO) | Under 15 minutes |
"""


def test_a_faq_tables_answers_and_recovery_objectives_are_no_support_sla(extractor):
    found = read(extractor, FAQ_TABLE)
    assert "support-sla" not in {c.control for c in found.claims}, found.explain()
    assert not found.sla, found.sla
    assert ("disaster-recovery", 4, "affirmed") in items(found), found.explain()


def test_an_answer_time_column_still_times_support(extractor):
    text = "| Severity | Answer time |\n|---|---|\n| Critical | 1 hour |\n"
    assert [e.severity.value for e in read(extractor, text).sla] == ["critical"]


@pytest.mark.parametrize(("text", "expected"), [
    # CB: data that does not leave a named country stays there
    ("| Question | Answer |\n|---|---|\n| Does data leave the United States? | No |\n"
     "| Does data leave the region? | Yes, for support |\n",
     {("data-residency", 3, "affirmed"), ("data-residency", 4, "denied")}),
    # CH: "safely stored within" a region
    ("All data is safely stored within the European Union, currently in Germany.\n",
     {("data-residency", 1, "affirmed"), ("hosting:DE", 1, "affirmed")}),
])
def test_where_data_stays(extractor, text, expected):
    assert expected <= items(read(extractor, text))


# --- dev sets CH and CI (stop 35) ---------------------------------------------------------------

def test_one_half_of_a_transfer_framework_is_no_location(extractor):
    found = items(read(extractor, "Transfers to our processor are covered by the EU-US Data Privacy Framework.\n"))
    assert not {f for f in found if f[0].endswith((":EU", ":US"))}, found
