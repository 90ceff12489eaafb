"""Classes of misreading found at stop 43, written in our own words, each with a look-alike that must keep its
reading: an HTML page's table whose cells stand on lines of their own, a numbered item that is only a bold
title over its own paragraph, staff kept away from customer data, what a service is not meant to be, and advice
given as "it is highly advisable"."""

from __future__ import annotations

import pytest

import claimskit
from claimskit import found_on, items, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


_SUBPROCESSORS_PAGE = """<!doctype html>
<html><body>
<h1>Our sub-processors</h1>
<table>
  <thead>
    <tr><th>Provider</th><th>What they do</th><th>Location</th></tr>
  </thead>
  <tbody>
    <tr>
      <td><strong>Hostly</strong><br><a href="https://example.org/terms">Terms</a></td>
      <td>Runs our database and file storage.</td>
      <td>Germany</td>
    </tr>
    <tr>
      <td><strong>Mailwise</strong></td>
      <td>Sends account e-mails.</td>
      <td>Ireland / United States</td>
    </tr>
    <tr><td><strong>Paydesk</strong></td><td>Card payments.</td><td>Canada</td></tr>
  </tbody>
</table>
</body></html>
"""


def test_an_html_pages_row_with_a_cell_per_line_cites_each_country_on_its_cell(extractor):
    found = read(extractor, _SUBPROCESSORS_PAGE, ".html")
    places = {(loc.country, loc.citation.line) for loc in found.locations}
    assert {("DE", 12), ("IE", 17), ("US", 17)} <= places, found.explain()
    # the sub-processor keeps its name and the row's purpose
    hostly = [s for s in found.subprocessors if s.country == "DE"]
    assert hostly and hostly[0].name.startswith("Hostly") and "database" in (hostly[0].purpose or ""), hostly
    # a row written on one line of the page is still read as one row, on that line
    assert ("CA", 19) in places, found.explain()


def test_a_numbered_bold_title_over_its_own_paragraph_is_a_heading(extractor):
    text = ("# Access\n\nWe apply these practices:\n\n1. **Need to know**\n\n"
            "   Engineers get access to production only for a ticket, and the access expires after a day.\n")
    found = items(read(extractor, text))
    assert not {line for _, line, _ in found if line == 5}, found
    assert ("privileged-access", 7, "affirmed") in found or ("access-control-rbac", 7, "affirmed") in found, found
    # a bold item that says something stays a statement
    text = "# Access\n\n1. **All staff use single sign-on with MFA.**\n"
    assert ("mfa", 3, "affirmed") in items(read(extractor, text))


@pytest.mark.parametrize("line", [
    "By default, our staff do not have access to customer databases.",
    "Support engineers cannot access customer data.",
    "No one at the company has standing access to production data.",
])
def test_staff_kept_away_from_customer_data_is_access_control(extractor, line):
    found = found_on(extractor, line)
    assert not {item for item, polarity in found if polarity == "denied"}, found
    assert {"privileged-access", "access-control-rbac", "privacy-by-design"} & {item for item, _ in found}, found


def test_the_customers_missing_access_is_still_a_denial(extractor):
    found = found_on(extractor, "Customers do not have access to audit logs on the Starter plan.")
    assert ("audit-logging", "denied") in found, found


@pytest.mark.parametrize("line", [
    "Volumes are fast and cheap, and not meant to be a long-term backup solution.",
    "The scratch disk is not designed to serve as a reliable off-site backup.",
])
def test_what_a_service_is_not_meant_to_be_is_denied(extractor, line):
    found = found_on(extractor, line)
    assert ("backup", "denied") in found and ("backup", "affirmed") not in found, found


def test_highly_advisable_is_advice(extractor):
    found = found_on(extractor, "It is highly advisable to back up anything you want to keep to another provider.")
    assert ("backup", "affirmed") not in found, found
    assert ("backup", "affirmed") not in found_on(extractor, "We highly recommend that you enable backups.")


def test_scanners_in_a_build_are_no_product_integration(extractor):
    found = found_on(extractor, "Our builds are integrated with static analysis and dependency security scanners.")
    assert "product-customisation" not in {item for item, _ in found}, found
    # the product integrating with other tools still offers it
    assert ("product-customisation", "affirmed") in found_on(extractor, "The app integrates with Slack and Jira.")


_ENCRYPTED_COLUMN = """# Where your data lives

| Data                 | Store      | Encrypted   |
| -------------------- | ---------- | ----------- |
| Uploaded documents   | Object store | AES-256   |
| Workspace settings   | Postgres   | No          |
"""


def test_a_yes_or_no_encryption_column_affirms_or_denies_each_row(extractor):
    found = items(read(extractor, _ENCRYPTED_COLUMN))
    assert ("encryption-at-rest", 5, "affirmed") in found, found
    assert ("encryption-at-rest", 6, "denied") in found and ("encryption-at-rest", 6, "affirmed") not in found, found
    # "None" in a column that is not a yes-or-no one still says nothing
    text = "# Credits\n\n| Uptime | Service credit |\n| --- | --- |\n| 99.9% or more | None |\n| Below 99.9% | 10% |\n"
    assert not {line for item, line, _ in items(read(extractor, text)) if item == "refund-policy" and line == 5}


def test_a_default_where_nothing_else_is_said_is_no_hedge(extractor):
    found = found_on(extractor, "Where not specified, account data is kept no longer than is needed to run the service.")
    assert ("data-retention-deletion", "affirmed") in found, found
    # a fact not stated is still a hedge
    assert ("data-retention-deletion", "affirmed?") in found_on(extractor, "The retention period is not yet specified.")


@pytest.mark.parametrize("line", [
    "Access logs are kept for not longer than 90 days.",
    "Support transcripts are retained for no more than a year.",
])
def test_a_retention_limit_however_worded_denies_nothing(extractor, line):
    found = found_on(extractor, line)
    assert ("data-retention-deletion", "affirmed") in found and not {i for i, p in found if p == "denied"}, found


def test_a_purpose_made_sure_of_is_no_advice(extractor):
    found = found_on(extractor, "The aim of this policy is to make sure that old disks are wiped before they are reused.")
    assert ("secure-disposal", "affirmed") in found, found
    # the reader told to make sure of something stays advised
    found = found_on(extractor, "If you self-host, set the flag in your config to make sure that disks are wiped.")
    assert ("secure-disposal", "affirmed") not in found, found


@pytest.mark.parametrize("line", [
    "Whenever we add or replace a provider, we update this page first.",
    "We review our sub-processor list every year.",
    "This page changes before a new provider begins processing any personal data.",
])
def test_keeping_the_provider_list_is_subprocessor_management(extractor, line):
    assert ("subprocessor-management", "affirmed") in found_on(extractor, line), line


def test_the_customer_replacing_a_provider_is_not_ours(extractor):
    found = found_on(extractor, "You can replace the email provider in your project settings.")
    assert "subprocessor-management" not in {item for item, _ in found}, found
