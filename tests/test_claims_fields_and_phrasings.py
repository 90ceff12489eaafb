"""A sub-processor's place given in a labelled field under its own heading, a plan written as a
commitment, a misspelt HIPAA, and plain ways of saying access is narrow, data is minimal, networks
are segregated, security events are handled and deleted things are deleted.

Each document is written in our own words, after shapes met on public vendor pages.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import controls, items, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


SUBPROCESSOR_FIELDS = """## Sub-processors

Harbourline uses the sub-processors below.

### Messaging

#### Relay Mail Inc.

- **Purpose:** transactional email.
- **Location:** USA.
- **Safeguard:** SCCs.

#### Ledgerly Ltd

- **Purpose:** billing.
- **Location:** UK + EU.
"""


def test_a_location_field_under_a_subprocessor_heading_places_that_subprocessor(extractor):
    found = read(extractor, SUBPROCESSOR_FIELDS)
    got = {(loc.role.value, loc.country, loc.citation.line) for loc in found.locations}
    assert {("subprocessor", "US", 10), ("subprocessor", "GB", 16), ("subprocessor", "EU", 16)} <= got, found.explain()


def test_a_location_field_outside_a_subprocessor_section_gives_no_role(extractor):
    found = read(extractor, "## Our office\n\n- **Location:** USA.\n- **Opening hours:** 9 to 5.\n")
    assert not found.locations, found.explain()


def test_a_commitment_to_pursue_a_certification_hedges_it(extractor):
    found = read(extractor, "# Compliance\n\nHarbourline is committed to pursuing HIPPA and SOC 2 Type II compliance next year.\n")
    got = items(found)
    assert ("soc2-type2", 3, "affirmed?") in got and ("hipaa", 3, "affirmed?") in got, found.explain()


@pytest.mark.parametrize(("line", "control"), [
    ("- **Projects** - only the relevant employees are allowed access to customer information.", "access-control-rbac"),
    ("Access to hosted workspace user account data is limited to authorized personnel.", "access-control-rbac"),
    ("- **Networks** - use of segregated networks for guests and staff in our offices.", "network-security"),
    ("We only store the data required for the reporting features to work.", "privacy-by-design"),
    ("Only a small team of core developers has access to the KMS keys used for encryption.", "privileged-access"),
    ("Our protocol for handling security events covers detection, analysis and escalation.", "incident-response"),
    ("When a user removes an app from the console, we delete their source code and uploaded files.",
     "data-retention-deletion"),
    ("Our products operate on a dedicated, firewalled network.", "network-security"),
    ("Internal data access is audited.", "audit-logging"),
    ("In the event of an incident, we will contact your account owner within 72 hours.", "breach-notification"),
])
def test_plain_phrasings_of_practices(extractor, line, control):
    found = read(extractor, f"# Security\n\n{line}\n")
    assert control in controls(found), found.explain()


HTML_TABLE = """## Authorized sub-processors

<table>
  <thead>
    <tr><th>Entity Name</th><th>Purpose</th><th>Corporate Location</th></tr>
  </thead>
  <tbody>
    <tr>
      <td><b>Relay Mail Inc.</b></td>
      <td>Email delivery</td>
      <td>
        12 Harbour Street<br>

        Portland, OR 97201<br>
        United States
      </td>
    </tr>
    <tr>
      <td>Lattice DB GmbH</td>
      <td>Database hosting</td>
      <td>Germany</td>
    </tr>
  </tbody>
</table>
"""


def test_a_raw_html_table_row_over_many_lines_is_one_subprocessor_row(extractor):
    found = read(extractor, HTML_TABLE)
    assert {(s.name.split()[0], s.country) for s in found.subprocessors} >= {("Relay", "US"), ("Lattice", "DE")}, \
        found.explain()
    # cited on the line that names the country, not on the row's first line
    assert {(loc.country, loc.citation.line) for loc in found.locations} >= {("US", 15), ("DE", 21)}, found.explain()
    assert not [loc for loc in found.locations if loc.citation.line == 5], found.explain()  # the header states nothing


REGION_MATRIX = """## Where we process data

Harbourline processes data in the following locations:

<table>
  <tr><th>Americas</th><th>Europe</th></tr>
  <tr>
    <td>
    Canada
    </td>
    <td>
    Ireland
    </td>
  </tr>
</table>
"""


def test_places_in_html_table_cells_take_the_role_of_the_lead_in(extractor):
    found = read(extractor, REGION_MATRIX)
    assert {(loc.role.value, loc.country, loc.citation.line) for loc in found.locations} == \
        {("hosting", "CA", 9), ("hosting", "IE", 12)}, found.explain()


def test_a_title_underlined_with_equals_or_dashes_is_a_heading(extractor):
    found = read(extractor, "Data residency and EU hosting\n=============================\n\nSome introduction.\n\n"
                            "Backups and encryption\n----------------------\n\nBackups are encrypted at rest.\n", ".rst")
    got = items(found)
    assert not [i for i in got if i[1] in (1, 2, 6, 7)], found.explain()
    assert ("encryption-at-rest", 9, "affirmed") in got, found.explain()


LABELLED_HTML_ROWS = """# Support plans

<table>
  <tr>
    <th>Plan</th>
    <td>Basic</td>
    <td>Business</td>
  </tr>
  <tr>
    <th>Support Hours</th>
    <td>M-F 9am-5pm (CET)</td>
    <td>24x7x365</td>
  </tr>
  <tr>
    <th>First Response Time Target</th>
    <td>2 business days</td>
    <td>1 hour</td>
  </tr>
</table>
"""


def test_an_html_row_labelled_by_its_header_cell_reads_each_value_with_the_label(extractor):
    found = read(extractor, LABELLED_HTML_ROWS)
    got = items(found)
    assert {("support-hours", 11, "affirmed"), ("support-hours", 12, "affirmed"),
            ("support-sla", 16, "affirmed"), ("support-sla", 17, "affirmed")} <= got, found.explain()
    assert not [i for i in got if i[1] in (10, 15)], found.explain()  # the label's own line states nothing


def test_reference_link_definitions_are_addresses(extractor):
    found = read(extractor, "# Keys\n\nKeys are held in [a managed KMS][kms]. Keys are never stored in plaintext.\n\n"
                            "[kms]: https://kms.example.test/encryption-at-rest\n[soc]: /compliance/soc2-report\n")
    got = items(found)
    assert ("key-management", 3, "affirmed") in got and ("key-management", 3, "denied") not in got, found.explain()
    assert not [i for i in got if i[1] >= 5], found.explain()
