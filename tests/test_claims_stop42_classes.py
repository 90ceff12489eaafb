"""Classes of misreading found at stop 42, written in our own words, each with a look-alike that must keep its
reading: a response time of two or more digits, other verbs of answering, and what the customer is told it will
receive (the vendor's promise, not the customer's duty)."""

from __future__ import annotations

import pytest

import claimskit
from claimskit import found_on, items, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


@pytest.mark.parametrize("line", [
    "We reply to every request within 24 hours.",
    "Our support team answers within one business day.",
    "Support requests get a first response in under 4 hours.",
    "Our agents get back to you within 12 hours.",
])
def test_a_response_time_in_other_words_is_a_support_sla(extractor, line):
    assert ("support-sla", "affirmed") in found_on(extractor, line), line


def test_a_reply_without_a_time_is_no_sla(extractor):
    assert "support-sla" not in {item for item, _ in found_on(extractor, "We reply to every message we receive.")}


@pytest.mark.parametrize("line, item", [
    ("You will hear back from us within 2 business days.", "support-sla"),
    ("You'll be notified within 72 hours of a breach.", "breach-notification"),
    ("You will receive a reply within one business day.", "support-sla"),
])
def test_what_the_customer_will_receive_is_the_vendors_promise(extractor, line, item):
    assert (item, "affirmed") in found_on(extractor, line), line


def test_what_the_customer_will_need_to_do_stays_theirs(extractor):
    found = found_on(extractor, "You will need to enable MFA for your users.")
    assert ("mfa", "affirmed") not in found, found


_SPREAD_SLA = """# Support

<table>
  <tr>
    <th>Priority</th>
    <th>Initial reply</th>
    <th>Coverage</th>
  </tr>
  <tr>
    <td>Urgent (the whole service is down)</td>
    <td>Within 3 business hours</td>
    <td>24x5</td>
  </tr>
  <tr>
    <td>
      Degraded service (a feature is slow or unavailable, with a
      workaround)
    </td>
    <td>Within 6 business hours</td>
    <td>8x5</td>
  </tr>
  <tr>
    <td>Low</td>
    <td>Within 3 business days</td>
    <td>8x5</td>
  </tr>
</table>
"""


def test_support_times_in_an_html_table_with_a_cell_per_line_are_cited_on_their_cells(extractor):
    found = read(extractor, _SPREAD_SLA, ".mdx")
    levels = {(e.severity.value, e.citation.line) for e in found.sla}
    assert {("critical", 11), ("low", 24)} <= levels, found.explain()
    # a level the ladder does not name still states a support time, on its time's line
    assert 19 in _scored_lines(found, "support-sla"), found.explain()
    # the column's name states nothing: no SLA on the header cell's line
    assert 6 not in _scored_lines(found, "support-sla"), found.explain()


def _scored_lines(found, control: str) -> set[int]:
    """The lines the scorer would count for ``control``: claims, and for support SLA the SLA rows too."""
    lines = {c.citation.line for c in found.claims if c.control == control}
    if control == "support-sla":
        lines |= {e.citation.line for e in found.sla if e.citation is not None}
    return lines


def test_a_remediation_table_with_a_cell_per_line_times_no_support(extractor):
    text = ("# Fixes\n\n<table>\n  <tr>\n    <th>Severity of findings</th>\n    <th>Resolution target</th>\n  </tr>\n"
            "  <tr>\n    <td>Critical</td>\n    <td>Within 7 days</td>\n  </tr>\n</table>\n")
    assert not read(extractor, text, ".md").sla


def test_mkdocs_marks_are_markup(extractor):
    found = found_on(extractor, "After ==30 days==, ^^all^^ your data is ^^deleted^^ :material-trash-can:.")
    assert ("data-retention-deletion", "affirmed") in found, found


def test_an_item_going_on_with_its_lead_ins_sentence_is_no_order(extractor):
    text = "# Deletion\n\nIf you...\n\n- ... delete your account, all your data is deleted at once.\n"
    assert ("data-retention-deletion", 5, "affirmed") in items(read(extractor, text))
    # an item that gives an order stays advice
    text = "# Tips\n\n- Delete your account when you no longer need it, so that your data is deleted.\n"
    assert ("data-retention-deletion", 3, "affirmed") not in items(read(extractor, text))


def test_an_identifier_listed_alone_states_nothing(extractor):
    text = ("# Ciphers\n\nSupported cipher suites:\n\n* TLS\\_ECDHE\\_RSA\\_WITH\\_AES\\_256\\_GCM\\_SHA384\n"
            "* TLS 1.2 or later encrypts all traffic\n")
    found = items(read(extractor, text))
    assert not {line for item, line, _ in found if line == 5}, found
    assert ("encryption-in-transit", 6, "affirmed") in found, found


def test_a_status_in_preparation_is_a_hedge(extractor):
    found = found_on(extractor, "* ISO 27001 certification in preparation")
    assert ("iso27001", "affirmed?") in found, found


def test_a_program_named_after_a_law_asserts_it(extractor):
    assert ("hipaa", "affirmed") in found_on(extractor, "As part of our HIPAA program, we sign BAAs with customers.")
    assert ("gdpr", "affirmed") in found_on(extractor, "We follow GDPR in everything we build.")
    # the reader told to follow it is advice, not the vendor's claim
    assert ("gdpr", "affirmed") not in found_on(extractor, "Follow GDPR guidance when you design your app.")


def test_what_the_readers_platform_answers_for_is_theirs(extractor):
    found = found_on(extractor, "As a merchant, your platform is responsible for its own PCI DSS compliance.")
    assert ("pci-dss", "affirmed") not in found, found


def test_a_channel_named_by_an_items_label_over_steps_is_offered(extractor):
    text = ("# Getting help\n\nReach our support team:\n\n"
            "- **In-app chat:** Open the chat bubble in the dashboard and write to us.\n")
    found = read(extractor, text)
    assert "chat" in {c.type for c in found.channels}, found.explain()
    # a control a label names over the customer's steps stays advice
    text = "# Backups\n\n- **Backups:** Set up regular backups of your database in the settings.\n"
    assert ("backup", 3, "affirmed") not in items(read(extractor, text))


def test_an_amount_of_insurance_is_no_price(extractor):
    assert "pricing-transparency" not in {i for i, _ in found_on(extractor, "* $5M E&O and Cyber Insurance Coverage.")}
    assert ("pricing-transparency", "affirmed") in found_on(extractor, "The Team plan costs $20 per user per month.")


def test_credits_not_paid_out_in_cash_keep_the_credits_owed(extractor):
    line = ("If the service misses its target, you are entitled to a Service Credit. You will receive no refund or "
            "other credit for unused Service Credits.")
    assert ("refund-policy", "denied") not in found_on(extractor, line)
    # no refunds for unused months still denies refunds
    assert ("refund-policy", "denied") in found_on(extractor, "Billed annually; no refunds for unused months.")


def test_a_bold_link_over_its_blurb_is_a_link_list(extractor):
    text = ("# More\n\nFor more information, see:\n\n- **[Security updates](/security-updates)**<br/>\n"
            "  A summary of the security updates we made after penetration tests.\n")
    assert not {line for _, line, _ in items(read(extractor, text, ".mdx")) if line in (5, 6)}
    # a bold link with a colon may state something after it
    text = "# Policies\n\n- **[DPA](/dpa)**: the data processing agreement that applies to all customers\n"
    assert ("data-processing-agreement", 3, "affirmed") in items(read(extractor, text))


_CREDITS = """# SLA

<table>
  <thead><tr><th>Key terms</th></tr></thead>
  <tbody>
    <tr>
      <td></td>
      <td><b>Monthly uptime:</b></td>
      <td><b>Service credit:</b></td>
    </tr>
    <tr>
      <td>Target</td>
      <td>99.5% or higher</td>
      <td>None</td>
    </tr>
    <tr>
      <td>Tier 1</td>
      <td>98% - 99.49%</td>
      <td>10% of the monthly fee</td>
    </tr>
  </tbody>
</table>
"""


def test_a_first_row_of_bold_cells_heads_its_html_table(extractor):
    found = items(read(extractor, _CREDITS, ".md"))
    assert ("refund-policy", 19, "affirmed") in found, found
    # the header cell names the column and states nothing; "None" owes no credit
    assert not {line for item, line, _ in found if item == "refund-policy" and line in (9, 14)}, found


def test_a_no_to_a_property_of_a_practice_denies_the_property_not_the_practice(extractor):
    text = "# FAQ\n\n**Are backups tested?**\nNot yet.\n\n**Are backups encrypted?**\nNo.\n\n**Do you take backups?**\nNo.\n"
    found = items(read(extractor, text))
    assert ("backup", 4, "denied") not in found and ("backup", 7, "denied") not in found, found
    assert ("encryption-at-rest", 7, "denied") in found, found
    assert ("backup", 10, "denied") in found, found
