"""Reading vendor documents as a reviewer does: structure, sentences, clauses, who is speaking.

Every document here was written for these tests; each reproduces a structure met on real vendor
pages (front matter, MDX components, status tables, sub-processor tables, advice sections, FAQ
answers, definitions of standards, Arabic pages).
"""

from __future__ import annotations

import json

import pytest

import claimskit
from claimskit import items, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


def lines_of(extraction) -> set[int]:
    return {line for _item, line, _pol in items(extraction)}


# --- the document model ----------------------------------------------------------------------

MDX = """---
title: Security overview
description: How we encrypt data at rest and run our SOC 2 programme.
---

import { Panel } from '@site/components';

# Security overview

<Panel title="Encryption">
  Stored records are encrypted at rest with AES-256.
</Panel>

| Layer | Measure |
| ----- | ------- |
| Storage | Volumes use encrypted storage |

```bash
# enable encryption at rest on your own server
cryptsetup luksFormat /dev/sdb
```
"""


def test_markdown_blocks_keep_their_lines_and_section_path():
    from auditor.claims.reading import document_from_text, layout_of
    from auditor.documents.model import BlockKind

    layout = layout_of(document_from_text(MDX))
    kinds = {n: layout.at(n).kind for n in range(1, len(MDX.split("\n")) + 1) if layout.at(n)}
    assert kinds[2] is BlockKind.FRONT_MATTER and kinds[6] is BlockKind.MARKUP and kinds[8] is BlockKind.HEADING
    assert kinds[10] is BlockKind.MARKUP and kinds[11] is BlockKind.PARAGRAPH
    assert layout.at(11).section == ("Security overview", "Encryption")  # a component title is a section
    assert kinds[14] is BlockKind.TABLE_HEADER and kinds[15] is BlockKind.TABLE_RULE
    row = layout.at(16)
    assert row.kind is BlockKind.TABLE_ROW and row.header == ("Layer", "Measure") and row.cells[0] == "Storage"
    assert kinds[19] is BlockKind.CODE


def test_front_matter_headings_markup_and_code_state_nothing(extractor):
    found = read(extractor, MDX)
    assert lines_of(found) == {11, 16}
    reasons = {(r.line, r.reason) for r in found.rejected}
    assert (3, "front matter") in reasons and (19, "code") in reasons


def test_html_navigation_footer_and_cookie_banner_are_dropped():
    from auditor.claims.reading import parse_document
    from auditor.documents.model import BlockKind

    page = ("<html><body><nav>SOC 2 | ISO 27001 | Pricing</nav><div class='cookie-consent'>We use cookies "
            "under GDPR</div><main><h2>Encryption</h2><p>Backups are encrypted.</p><table><thead><tr><th>Item</th>"
            "<th>Status</th></tr></thead><tbody><tr><td>SOC 2</td><td>Yes</td></tr></tbody></table></main>"
            "<footer>ISO 27001 certified</footer><script>var soc2 = true;</script></body></html>")
    doc = parse_document(page.encode(), path="p.html", suffix=".html")
    assert doc.lines == ("Encryption", "Backups are encrypted.", "Item | Status", "SOC 2 | Yes")
    blocks = {b.first: b for b in doc.blocks}
    assert blocks[1].kind is BlockKind.HEADING and blocks[3].kind is BlockKind.TABLE_HEADER
    assert blocks[4].header == ("Item", "Status") and blocks[4].section == ("Encryption",)


def test_title_lines_of_a_plain_text_page_are_headings(extractor):
    text = "Key Management\nEncryption keys are rotated every year.\nData Residency\n- Data is hosted in Ireland.\n"
    found = read(extractor, text, ".txt")
    assert 1 not in lines_of(found) and 3 not in lines_of(found)
    assert ("key-management", 2, "affirmed") in items(found) and ("hosting:IE", 4, "affirmed") in items(found)


# --- who is speaking -------------------------------------------------------------------------

ADVICE = """## Our controls

We enforce multi-factor authentication for all staff accounts.

## Running it yourself

If you run your own instance, these steps are yours:

- Turn on disk encryption for the database volume.
- Put a TLS proxy in front of the service.

The hosted service keeps nightly backups for 30 days.

## Your responsibilities

As the account owner, you are responsible for:

- Access reviews of your own team every quarter
- Keeping admin passwords strong

## Customer checklist

1. Enable MFA for every admin.
2. Rotate API keys after staff changes.
"""


def test_advice_and_duties_of_customers_are_not_vendor_claims(extractor):
    found = read(extractor, ADVICE)
    got = items(found)
    assert ("mfa", 3, "affirmed") in got
    assert lines_of(found) <= {3, 12}, got
    reasons = {r.line: r.reason for r in found.rejected}
    assert "imperative" in reasons[9] or "duty" in reasons[9]
    assert "duty" in reasons[18]
    assert "imperative" in reasons[23]


def test_a_definition_of_a_standard_and_another_partys_standing_are_not_claims(extractor):
    text = ("ISO 27017 is an international standard for cloud security controls.\n"
            "Our card payments are handled by a processor; our payment provider is PCI DSS Level 1 certified.\n"
            "HIPAA is a US law that protects health information. We do not sign BAAs.\n"
            "SOC 3 is a public report. We completed our SOC 2 Type 2 examination in March.\n")
    got = items(read(extractor, text, ".txt"))
    assert not any(i[0].startswith("iso27017") for i in got)
    assert not any(i[0] in ("pci-dss", "pci-dss-aoc") for i in got)
    assert ("hipaa-baa", 3, "denied") in got and ("hipaa", 3, "affirmed") not in got
    assert ("soc2-type2", 4, "affirmed") in got


def test_what_the_customer_can_do_with_the_service_is_still_a_claim(extractor):
    text = "Users can export all of their data as CSV at any time.\n"
    assert ("data-portability", 1, "affirmed") in items(read(extractor, text, ".txt"))


# --- sentences and clauses -------------------------------------------------------------------

def test_a_hedge_stays_in_its_clause(extractor):
    text = "We hold a SOC 2 Type 2 report, comply with GDPR and are in the process of attaining HIPAA compliance.\n"
    got = items(read(extractor, text, ".txt"))
    assert ("soc2-type2", 1, "affirmed") in got and ("gdpr", 1, "affirmed") in got
    assert ("hipaa", 1, "affirmed?") in got


def test_a_negation_of_a_stronger_form_does_not_deny_the_control(extractor):
    text = ("Traffic is protected by transport encryption plus encryption at rest. It is not end-to-end "
            "encryption: our servers read each upload.\n")
    got = items(read(extractor, text, ".txt"))
    assert ("encryption-at-rest", 1, "affirmed") in got and ("encryption-at-rest", 1, "denied") not in got


def test_a_negation_that_protects_the_customer_affirms(extractor):
    text = ("Support engineers do not have standing access to production systems.\n"
            "Plain HTTP connections are not accepted by the API.\n")
    got = items(read(extractor, text, ".txt"))
    assert ("privileged-access", 1, "affirmed") in got and ("privileged-access", 1, "denied") not in got
    assert ("encryption-in-transit", 2, "affirmed") in got


def test_sentences_split_at_boundaries_and_list_items_run_together():
    from auditor.documents.sentences import split_units

    text = "We encrypt data, e.g. backups. No. Keys rotate yearly - **Backups**: Take one daily"
    units = [text[a:b] for a, b in split_units(text)]
    assert units == ["We encrypt data, e.g. backups.", "No.", "Keys rotate yearly", "- **Backups**: Take one daily"]
    row = "| a | b |"
    assert [row[a:b] for a, b in split_units(row, table=True)] == [" a ", " b "]


# --- tables ----------------------------------------------------------------------------------

STATUS = """## Compliance status

| Framework | Status |
| --------- | ------ |
| SOC 2 | Compliant |
| ISO 27001 | Planned |
| HIPAA | Not supported |
| GDPR | Yes |

## ISO 27701

Status: In progress

ISO 27701 is an extension of ISO 27001 for privacy information management.
"""


def test_status_tables_and_status_lines_give_polarity(extractor):
    got = items(read(extractor, STATUS))
    assert ("soc2-type1*", 5, "affirmed") in got  # SOC 2 with no type: the lesser type, type not stated
    assert ("iso27001", 6, "affirmed?") in got
    assert ("hipaa", 7, "denied") in got
    assert ("gdpr", 8, "affirmed") in got
    assert not any(i[0] == "iso27001" and i[1] == 14 for i in got)  # the definition


SUBPROCESSORS = """# Sub-processors

We use the following sub-processors:

| Entity | Service | Processing location |
| ------ | ------- | ------------------- |
| Northbeam Cloud Ltd. | Hosting | Germany, Ireland |
| Quillmail Inc. | Transactional email | USA |
| Tallyworks GmbH | Invoicing | EU |

Our offices:

| Office | Location |
| ------ | -------- |
| Sales | Japan |
"""


def test_a_sub_processor_table_gives_sub_processors_with_countries(extractor):
    found = read(extractor, SUBPROCESSORS)
    subs = {(s.name, s.country, s.citation.line) for s in found.subprocessors}
    assert subs == {("Northbeam Cloud Ltd.", "DE", 7), ("Northbeam Cloud Ltd.", "IE", 7), ("Quillmail Inc.", "US", 8),
                    ("Tallyworks GmbH", "EU", 9)}
    assert {(loc.country, loc.role.value) for loc in found.locations} == {("DE", "subprocessor"), ("IE", "subprocessor"),
                                                                          ("US", "subprocessor"), ("EU", "subprocessor")}


def test_sla_tables_keep_working(extractor):
    text = ("| Priority | First response | Resolution target |\n|---|---|---|\n| P1 | 1 hour | 4 hours |\n"
            "| P2 | 4 hours | 2 business days |\n")
    sla = {(s.severity.value, s.response) for s in read(extractor, text).sla}
    assert ("critical", "PT1H") in sla and ("high", "PT4H") in sla


# --- places ----------------------------------------------------------------------------------

def test_regions_are_locations_with_a_region_code(extractor):
    text = ("Customer data is stored in the EU.\n"
            "Backups are replicated within the European Economic Area.\n"
            "For our Gulf customers, data is hosted in the GCC region.\n"
            "نستضيف بيانات العملاء في دول الخليج.\n"
            "Our sales team covers the Middle East.\n")
    got = items(read(extractor, text, ".txt"))
    assert {("hosting:EU", 1, "affirmed"), ("hosting:EEA", 2, "affirmed"), ("hosting:GCC", 3, "affirmed"),
            ("hosting:GCC", 4, "affirmed")} <= got
    assert 5 not in lines_of(read(extractor, text, ".txt"))


def test_a_lead_in_lends_its_role_to_the_list_below(extractor):
    text = "Your files are stored in three data centres:\n\n- Oslo, Norway\n- Warsaw, Poland\n"
    got = items(read(extractor, text))
    assert {("hosting:NO", 3, "affirmed"), ("hosting:PL", 4, "affirmed")} <= got


def test_headquarters_and_hosting_each_from_their_own_sentence(extractor):
    text = "Our head office is in Amman, Jordan. All production data is hosted in Frankfurt.\n"
    locs = {(loc.role.value, loc.country, loc.city) for loc in read(extractor, text, ".txt").locations}
    assert locs == {("headquarters", "JO", "Amman"), ("hosting", "DE", "Frankfurt")}


# --- Arabic --------------------------------------------------------------------------------------

def test_arabic_denied_attestation_and_sub_processor_countries(extractor):
    text = ("لا نمتلك تقرير SOC 2 حتى الآن.\n"
            "نعتمد على مزودي خدمات فرعيين في الأردن وسوريا لمعالجة الدفعات.\n")
    found = read(extractor, text, ".txt")
    got = items(found)
    assert ("soc2-type1*", 1, "denied") in got
    assert {("subprocessor:JO", 2, "affirmed"), ("subprocessor:SY", 2, "affirmed")} <= got


def test_deletion_at_cancellation_denies_an_export_window(extractor):
    text = ("All workspace content is erased at cancellation and cannot be recovered afterwards.\n"
            "يتم حذف الحساب فور الإلغاء ولا يمكن استعادته.\n")
    terms = {(t.name, t.fact.citation.line, t.fact.value) for t in read(extractor, text, ".txt").contract}
    assert ("export_at_termination", 1, False) in terms and ("export_at_termination", 2, False) in terms


# --- explain and the CLI ---------------------------------------------------------------------------

def test_explain_shows_what_was_read_and_what_was_set_aside(cli, tmp_path):
    path = tmp_path / "advice.md"
    path.write_text(ADVICE, encoding="utf-8")
    result = cli("claims", "extract", str(path), "--explain", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"documents", "claims", "attestations", "regulations", "locations", "sla", "explain"}
    rows = {row["line"]: row for row in data["explain"]}
    assert rows[3]["read"] == ["claim mfa affirmed"]
    assert rows[23]["rejected"] and rows[23]["read"] == []
    text = cli("claims", "extract", str(path), "--explain")
    assert text.exit_code == 0 and "set aside: claim:mfa" in text.stdout
    plain = json.loads(cli("claims", "extract", str(path), "--format", "json").stdout)
    assert "explain" not in plain


def test_the_json_shape_of_the_contract_holds(cli, tmp_path):
    path = tmp_path / "status.md"
    path.write_text(STATUS, encoding="utf-8")
    data = json.loads(cli("claims", "extract", str(path), "--format", "json").stdout)
    for att in data["attestations"]:
        assert set(att) >= {"type", "polarity", "citation"} and set(att["citation"]) == {"document", "line", "text"}
    assert {a["type"] for a in data["attestations"] if not a["type_stated"]} == {"soc2-type1"}


def test_a_status_list_reads_like_a_status_table(extractor):
    text = ("Compliance\n\nThe security programme is audited yearly.\n\n- GDPR: compliant\n"
            "- ISO/IEC 27001 — planned for next year\n- HIPAA - not supported\n")
    got = items(read(extractor, text, ".txt"))
    assert {("gdpr", 5, "affirmed"), ("iso27001", 6, "affirmed?"), ("hipaa", 7, "denied")} <= got


def test_sentence_case_title_lines_of_a_plain_text_page_state_nothing(extractor):
    text = "§2\nIncident response\nWe notify affected customers within 72 hours of a confirmed breach.\n"
    found = read(extractor, text, ".txt")
    assert 2 not in lines_of(found) and 3 in lines_of(found)


def test_a_faq_no_that_protects_the_customer_is_not_a_denial(extractor):
    text = ("### Can your staff read my notes?\n\nNo. Notes are encrypted on your device before upload, and only "
            "you hold the key.\n")
    got = items(read(extractor, text))
    assert ("encryption-at-rest", 3, "affirmed") in got and ("encryption-at-rest", 3, "denied") not in got


def test_a_pdf_citation_also_names_its_page(extractor, tmp_path):
    from reportlab.pdfgen import canvas

    from auditor.claims.reading import read_document

    path = tmp_path / "policy.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(50, 800, "Information security policy")
    c.showPage()
    c.drawString(50, 800, "Backups are encrypted at rest with AES-256.")
    c.save()
    doc = read_document(path)
    rows = {row["line"]: row for row in extractor.extract([doc]).explain()}
    line = doc.lines.index("Backups are encrypted at rest with AES-256.") + 1
    assert rows[line]["page"] == 2 and doc.page_of(1) == 1


@pytest.mark.parametrize("name_header", ["Entity Name", "Sub-processor name", "Name of subprocessor", "Vendor",
                                         "Legal entity"])
def test_a_subprocessor_table_names_its_name_column_in_many_ways(extractor, name_header):
    text = ("# Our sub-processors\n\nWe engage these sub-processors:\n\n"
            f"| {name_header} | Purpose of processing | Location of sub-processor |\n|---|---|---|\n"
            "| Northwind Hosting Ltd | Cloud hosting | Ireland |\n| Tailspin Mail Inc. | Transactional e-mail | Canada |\n")
    found = items(read(extractor, text))
    assert ("subprocessor:IE", 7, "affirmed") in found and ("subprocessor:CA", 8, "affirmed") in found


def test_link_only_items_and_restructuredtext_markup_state_nothing(extractor):
    """A list of links to security policies (Markdown or reStructuredText) and reST link targets point elsewhere;
    the sentence before them is still read."""
    text = ("Security\n========\n\nAll customer data is encrypted at rest.\n\n"
            "* [Security policy of our host](https://host.example/security)\n"
            "* `Security policy of our CDN`_\n\n"
            ".. _`Security policy of our CDN`: https://cdn.example/security-policy\n")
    found = read(extractor, text)
    assert lines_of(found) == {4}


def test_every_severity_row_of_a_support_table_is_a_support_sla_claim(extractor):
    text = ("## Response targets\n\n| Level | Standard | Premium |\n|---|---|---|\n"
            "| Severity 1 | 4 hours | 1 hour |\n| Severity 2 | 1 business day | 4 business hours |\n"
            "| Severity 3 | 3 business days | 1 business day |\n")
    found = {line for item, line, pol in items(read(extractor, text)) if item == "support-sla" and pol == "affirmed"}
    assert {5, 6, 7} <= found


def test_a_table_of_where_the_service_is_hosted_gives_hosting_locations(extractor):
    text = ("## Hosting\n\n| Data centre location | Maintenance window |\n|---|---|\n"
            "| Germany | Sundays 02:00-04:00 CET |\n| Canada | Sundays 02:00-04:00 ET |\n")
    found = items(read(extractor, text))
    assert ("hosting:DE", 5, "affirmed") in found and ("hosting:CA", 6, "affirmed") in found


def test_what_a_cloud_providers_data_centres_have_is_not_the_vendors_claim(extractor):
    text = ("# Infrastructure\n\nOur service runs on Google Cloud in Belgium. Google Cloud data centres have "
            "biometric physical access controls and regular independent audits.\n")
    found = items(read(extractor, text))
    assert not {i for i, _line, _pol in found if i in ("physical-security", "internal-audit")}
    assert ("hosting:BE", 3, "affirmed") in found


def test_account_lockout_after_failed_attempts_is_a_password_control(extractor):
    text = "# Sign-in\n\n- Six failed sign-in attempts in a row lock the account for one hour.\n"
    assert ("password-policy", 3, "affirmed") in items(read(extractor, text))


def test_what_the_customer_may_not_do_is_not_a_denial_by_the_vendor(extractor):
    text = "# Acceptable use\n\nYou may not use the platform to run penetration tests against other tenants.\n"
    assert not [i for i in items(read(extractor, text)) if i[0] == "penetration-testing"]


def test_restructuredtext_titles_underlined_with_tildes_are_headings_not_code(extractor):
    """Markdown would open a code fence at "~~~~" and read nothing after it; in reST it underlines a title."""
    text = ("Compliance\n==========\n\nData protection\n~~~~~~~~~~~~~~~\n\n"
            "All customer data is encrypted at rest with AES-256.\n\nCode\n~~~\n\nplain words\n")
    found = items(read(extractor, text, suffix=".rst"))
    assert ("encryption-at-rest", 7, "affirmed") in found


def test_a_markdown_code_fence_of_tildes_stays_a_fence(extractor):
    text = "Example configuration follows\n\n~~~\nencryption at rest: AES-256\n~~~\n"
    assert not items(read(extractor, text))


def test_countries_named_under_sanctions_are_not_the_vendors_locations(extractor):
    """A sanctioned country read as a hosting place would turn the audit's sanctions rule against the vendor."""
    text = ("# Export compliance\n\nComprehensive sanctions apply to Cuba, Iran, North Korea and the occupied regions "
            "of Ukraine; we block sign-ups from them.\n\nOur servers are hosted in Germany.\n")
    found = items(read(extractor, text))
    assert {i for i, _line, _pol in found if i.startswith(("hosting:", "headquarters:"))} == {"hosting:DE"}
