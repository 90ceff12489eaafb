"""Classes of misreading found at stop 44 (dev sets EA and EC), written in our own words, each with a look-alike that
must keep its reading: a transfer made under a condition, an exposure kept to a minimum, what a standard does not
require, a recovery plan's table of recovery times, and card data kept out of scope."""

from __future__ import annotations

import pytest

import claimskit
from claimskit import found_on, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


def test_a_transfer_under_a_condition_states_no_residency(extractor):
    found = found_on(extractor, "When customer records are sent outside Switzerland, we first sign SCCs with the recipient.")
    assert ("data-residency", "denied") not in found, found
    assert ("international-transfers", "affirmed") in found, found
    # look-alike: a plain statement that data leaves still says so
    assert ("data-residency", "denied") in found_on(extractor, "Customer records are transferred outside Switzerland.")


def test_an_arabic_transfer_under_a_condition_states_no_residency(extractor):
    found = found_on(extractor, "عند نقل بيانات العملاء خارج الإمارات، نوقع بنودا تعاقدية قياسية مع المستلم.")
    assert ("data-residency", "denied") not in found, found
    assert ("data-residency", "denied") in found_on(extractor, "يتم نقل بيانات العملاء خارج الإمارات.")


@pytest.mark.parametrize("line, control", [
    ("Shared team accounts must be minimised and approved one by one.", "access-control-rbac"),
    ("Standing root access to databases is to be kept to a bare minimum.", "privileged-access"),
])
def test_an_exposure_kept_to_a_minimum_affirms_its_control(extractor, line, control):
    found = found_on(extractor, line)
    assert (control, "affirmed") in found and (control, "denied") not in found, found


def test_what_a_standard_does_not_require_denies_nothing(extractor):
    found = found_on(extractor, "SOC 2 does not require a specific cipher; every connection to us uses TLS 1.2 or newer.")
    assert ("encryption-in-transit", "affirmed") in found and ("encryption-in-transit", "denied") not in found, found
    # look-alike: the vendor's own refusal still denies
    assert ("encryption-in-transit", "denied") in found_on(extractor, "We do not require TLS for connections to the API.")


_RECOVERY_PLAN = """# Continuity plan

## Recovery targets

| System | Owner | Recovery time objective (RTO) | Notes |
| --- | --- | --- | --- |
| Primary database | Platform | 2 hours | restored from snapshots |
| Build servers | Platform | 1 day | rebuilt from images |
"""


def test_a_recovery_time_column_gives_each_row_a_recovery_target(extractor):
    found = read(extractor, _RECOVERY_PLAN)
    lines = {c.citation.line for c in found.claims if c.control == "disaster-recovery" and c.polarity.value == "affirmed"}
    assert {7, 8} <= lines, found.explain()


def test_card_data_kept_out_narrows_the_scope(extractor):
    found = found_on(extractor, "Stored here: invoices, order history and payment tokens. No cardholder data.")
    assert ("cardholder-data-scope", "affirmed") in found, found
    # look-alike: naming card data alone says nothing
    assert not {c for c, _ in found_on(extractor, "Cardholder data is defined by the PCI SSC.")} & {"cardholder-data-scope"}


_PLAN_TABLE = """# Help desk

## First reply targets

| Priority | Starter plan | Business plan |
| --- | --- | --- |
| P1 | 2 hours | 30 minutes |
| P2 | 8 hours | 2 hours |
"""


def test_a_severity_table_whose_columns_are_plans_takes_its_field_from_the_heading(extractor):
    found = read(extractor, _PLAN_TABLE)
    by_severity = {e.severity.value: (e.response, e.citation.line) for e in found.sla}
    assert by_severity.get("critical") == ("PT2H", 7) and by_severity.get("high") == ("PT8H", 8), found.explain()
    # look-alike: the same table under a heading that names no SLA field gives no times
    assert not read(extractor, _PLAN_TABLE.replace("First reply targets", "Plans compared")).sla


_SUPPLIER_DUTIES = """# Who helps us

Every vendor we use is contractually required to:

- Keep customer records encrypted
- Let us audit them once a year
- Tell us about a breach within 24 hours

- Staff receive security training every year.
"""


def test_duties_put_on_suppliers_are_sub_processor_management_not_the_vendors_own_promises(extractor):
    found = read(extractor, _SUPPLIER_DUTIES)
    by_line = {}
    for c in found.claims:
        by_line.setdefault(c.citation.line, set()).add(c.control)
    assert by_line.get(5) == by_line.get(6) == by_line.get(7) == {"subprocessor-management"}, found.explain()
    # look-alike: the same items as duties of the customer are nobody's sub-processor management
    theirs = read(extractor, _SUPPLIER_DUTIES.replace("Every vendor we use", "Every customer"))
    assert not {c.control for c in theirs.claims if c.citation.line in (5, 6, 7)} & {"subprocessor-management"}, \
        theirs.explain()


def test_an_arabic_lead_in_binding_sub_processors_works_the_same(extractor):
    text = "# المعالجون الفرعيون\n\nيلتزم جميع المعالجين الفرعيين بما يلي:\n\n- تشفير بيانات العملاء\n- إبلاغنا بأي اختراق خلال 24 ساعة\n"
    found = read(extractor, text)
    assert {c.control for c in found.claims if c.citation.line in (5, 6)} == {"subprocessor-management"}, found.explain()


_CONTACT_TABLE = """# Reaching support

<table>
 <tr>
  <th>Region</th>
  <th>Phone</th>
 </tr>
 <tr>
  <td>Germany</td>
  <td>+49 30 000000</td>
 </tr>
</table>
"""


def test_a_table_of_phone_numbers_by_region_names_no_hosting_location(extractor):
    found = read(extractor, _CONTACT_TABLE)
    assert not found.locations, found.explain()
    # look-alike: a region table without contacts still places the hosting, cited on the line naming it
    hosting = read(extractor, _CONTACT_TABLE.replace("Phone", "Provider").replace("+49 30 000000", "AWS"))
    assert [(loc.country, loc.citation.line) for loc in hosting.locations] == [("DE", 9)], hosting.explain()


def test_a_negation_picking_out_plans_denies_nothing_in_the_sentence(extractor):
    found = found_on(extractor, "On accounts that do not use our key vault, records are purged after 30 days.")
    assert ("data-retention-deletion", "affirmed") in found and ("data-retention-deletion", "denied") not in found, found
    # look-alike: the vendor's own "do not" still denies
    assert ("encryption-at-rest", "denied") in found_on(extractor, "We do not encrypt backups on the free plan.")


def test_another_partys_privacy_policy_is_not_the_vendors_notice(extractor):
    assert "privacy-notice" not in {c for c, _ in found_on(extractor, "Payments go through Paystream; here is Paystream's privacy policy.")}
    assert "privacy-notice" not in {c for c, _ in found_on(extractor, "Files sit with our storage provider; see their privacy notice.")}
    assert ("privacy-notice", "affirmed") in found_on(extractor, "Our privacy policy explains what we collect.")
