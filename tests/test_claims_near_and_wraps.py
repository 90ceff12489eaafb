"""Word groups that state a control when close together (``near``), and hard-wrapped lines."""

from __future__ import annotations

import re

import pytest

import claimskit
from claimskit import assert_affirmed, controls, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


@pytest.fixture(scope="module")
def breaks(extractor):
    return "|".join(f"(?:{b})" for b in extractor.lexicon.language.clause_breaks.en)


def _near(breaks, **kw):
    from auditor.claims.near import near_pattern
    from auditor.model.catalog import Near

    return re.compile(near_pattern(Near(**kw), breaks), re.IGNORECASE)


@pytest.mark.parametrize("text, hit", [
    ("Uploaded files are sealed with AES before they reach the disk.", True),     # words in order
    ("Disk contents are protected by AES.", True),                                # the other order
    ("Disk space is plentiful. We use AES elsewhere.", False),                    # across a sentence end
    ("Disk quotas are generous, but AES is not offered.", False),                 # across a clause break
    ("Disk: AES", False),                                                         # across a label's colon
    ("Disk | AES", False),                                                        # across a cell border
    ("AES keys are held far away from the primary database", False),             # too many words apart
])
def test_groups_match_in_any_order_inside_one_clause(breaks, text, hit):
    regex = _near(breaks, words=["AES", "disks?"], within=6)
    assert bool(regex.search(text)) is hit


def test_a_star_lets_a_word_run_on_and_plain_words_stay_whole(breaks):
    regex = _near(breaks, words=["seal*", "vault"], within=3)
    assert regex.search("we sealed the vault") and regex.search("sealing every vault")
    assert not regex.search("we sealed the vaults") and not regex.search("unsealed vault")


def test_unless_and_not_after_keep_a_reading_out(breaks):
    regex = _near(breaks, words=["sealed", "records"], within=4, unless="copies", not_after="on the wire")
    assert regex.search("records are sealed")
    assert not regex.search("records and their copies are sealed")
    assert not regex.search("records are sealed on the wire")


def test_a_catalog_check_reports_a_word_group_that_cannot_be_used(tmp_path):
    from auditor.catalog.check import check_file

    path = tmp_path / "made-up.yaml"
    path.write_text(
        "id: made-up\ndomain: test\ntitle: Made up\ndescription: A control for the test.\n"
        "evidence:\n  - kind: policy\nquestions:\n  - Is it there?\n"
        "vocabulary:\n  near:\n    - words: ['sealed|']\n", encoding="utf-8")
    problems = [(p.line, p.message) for p in check_file(path, "control")]
    assert problems and all(m.startswith("vocabulary.near.0") for _, m in problems), problems


def test_a_near_group_reads_a_phrasing_no_fixed_phrase_lists(extractor):
    found = read(extractor, "# Platform\n\nOur service encrypts every stored secret with a modern cipher.\n")
    assert "encryption-at-rest" in controls(found), found.explain()


# --- hard-wrapped lines ------------------------------------------------------------------------

def test_a_negation_at_the_end_of_a_wrapped_line_governs_the_next_line(extractor):
    text = ("Security\n\nThe private networks we create for each project are not\n"
            "shared between customers or organisations, whatever the plan.\n")
    found = read(extractor, text, ".txt")
    assert_affirmed(found, "tenant-isolation")


def test_a_short_title_line_is_not_joined_to_the_text_under_it(extractor):
    found = read(extractor, "Key Management\nEncryption keys are rotated every year.\n", ".txt")
    assert {c.citation.line for c in found.claims if c.control == "key-management"} == {2}, found.explain()


def test_rows_of_cells_are_not_joined_as_prose(extractor):
    found = read(extractor, "Framework | Status\nHIPAA | Not supported\n")
    assert {(r.id.value, r.polarity.value) for r in found.regulations} == {("hipaa", "denied")}


def test_padding_beside_markdown_cell_borders_is_not_a_column():
    from auditor.claims.normalise import normalise

    assert normalise("| P0       | 60 minutes                         |") == "| P0 | 60 minutes |"
    assert normalise("Plan    Response   Time") == "Plan | Response | Time"  # aligned plain-text columns still are


def test_an_sla_table_with_padded_cells_gives_every_row(extractor):
    text = ("| Priority | Response time during support hours |\n"
            "| -------- | ---------------------------------- |\n"
            "| P0       | 60 minutes                         |\n"
            "| P1       | 4 hours                            |\n"
            "| P2       | 8 business hours                   |\n"
            "| P3       | 2 business days                    |\n")
    found = read(extractor, text)
    assert [s.citation.line for s in found.sla] == [3, 4, 5, 6], found.explain()


# --- what the service lets the customer choose or own -----------------------------------------

@pytest.mark.parametrize("text, control", [
    ("Tenants pick the country where their projects are stored when they register.", "data-residency"),
    ("You decide which of our regions hosts each database.", "data-residency"),
    ("You own everything you upload, and we claim no rights over it.", "data-ownership"),
])
def test_a_choice_or_right_the_service_gives_the_customer_is_a_claim(extractor, text, control):
    found = read(extractor, "# Hosting\n\n" + text + "\n")
    assert control in controls(found), found.explain()


def test_a_place_the_customer_chooses_is_a_hosting_location(extractor):
    found = read(extractor, "# Hosting\n\nYou choose where your workspace is stored: Canada or Japan.\n")
    assert {loc.country for loc in found.locations} >= {"CA", "JP"}, found.explain()


def test_what_the_customer_must_do_or_configures_stays_set_aside(extractor):
    found = read(extractor, "# Hosting\n\nCustomers configure the region of their own backups.\n\n"
                            "You must choose a strong password for every account.\n")
    assert not found.claims, found.explain()


# --- whose statement it is: a hosting provider's certificate, a standard's definition ---------

@pytest.mark.parametrize("line", [
    "Workloads run in PCI DSS and ISO 27001 accredited facilities run by our colocation partner.",
    "The app is deployed on Google Cloud with ISO 27001 certified infrastructure.",
])
def test_a_certificate_of_the_hosting_providers_facilities_is_not_the_vendors(extractor, line):
    found = read(extractor, "# Hosting\n\n" + line + "\n")
    assert not any(a.type.value == "iso27001" for a in found.attestations), found.explain()
    assert any(r.reason.startswith("another party") for r in found.rejected), found.explain()


def test_the_vendors_own_infrastructure_keeps_its_certificate(extractor):
    found = read(extractor, "# Hosting\n\nOur infrastructure is ISO 27001 certified and audited yearly.\n")
    assert any(a.type.value == "iso27001" for a in found.attestations), found.explain()


def test_a_standard_defined_in_the_plural_with_its_acronym_in_brackets_is_a_definition(extractor):
    found = read(extractor, "# Standards\n\nInformation Security Management System (ISMS) standards define "
                            "how a company runs incident response.\n")
    assert "incident-response" not in controls(found), found.explain()


def test_diligence_on_suppliers_before_engaging_them_is_third_party_risk(extractor):
    found = read(extractor, "# Vendors\n\nEvery new supplier is vetted for its security and privacy "
                            "controls before a contract is signed.\n")
    assert "third-party-risk-management" in controls(found), found.explain()


def test_an_uptime_sla_is_not_a_support_sla(extractor):
    found = read(extractor, "# Service levels\n\nOur uptime SLA is 99.95% each month.\n\n"
                            "Support SLAs give a first reply within 4 hours.\n")
    assert {c.citation.line for c in found.claims if c.control == "support-sla"} == {5}, found.explain()


def test_what_a_commitment_does_not_apply_to_is_not_denied(extractor):
    found = read(extractor, "# Service levels\n\nThe availability commitment does not apply to scheduled "
                            "maintenance announced in advance.\n")
    assert not controls(found, "denied"), found.explain()


# --- what a commitment leaves out, and "planned" as a kind of event -------------------------------

@pytest.mark.parametrize("text", [
    "The availability target does not apply to planned maintenance of the database tier.",
    "Monthly uptime is measured excluding scheduled maintenance windows.",
    "The credits below are not applicable to scheduled maintenance we announce by email.",
])
def test_what_a_commitment_leaves_out_is_not_claimed(extractor, text):
    found = read(extractor, "# Service levels\n\n" + text + "\n")
    assert "change-communication" not in controls(found) | controls(found, "denied"), found.explain()
    assert any(r.reason.startswith("out of scope") for r in found.rejected), found.explain()


def test_a_list_under_an_exclusion_lead_in_is_left_out(extractor):
    found = read(extractor, "# Service levels\n\nThe availability target does not apply to these events:\n\n"
                            "- scheduled maintenance, announced a week ahead\n"
                            "- outages of the customer's own network\n")
    assert "change-communication" not in controls(found), found.explain()


def test_a_country_left_out_of_the_hosting_regions_is_not_a_location(extractor):
    found = read(extractor, "# Hosting\n\nWorkspaces can live in every Azure region excluding Brazil.\n")
    assert "BR" not in {loc.country for loc in found.locations}, found.explain()


def test_planned_maintenance_is_an_event_not_a_plan(extractor):
    found = read(extractor, "# Maintenance\n\nWe email every admin about planned maintenance three days "
                            "before it starts.\n")
    claim = next(c for c in found.claims if c.control == "change-communication")
    assert not claim.hedged, found.explain()


def test_the_commitment_itself_stands_beside_its_exclusion(extractor):
    found = read(extractor, "# Service levels\n\nWe encrypt stored files with AES-256, excluding "
                            "short-lived build caches.\n")
    assert "encryption-at-rest" in controls(found), found.explain()
