"""Four classes of error met on vendor pages the project had not seen, each as a general rule:

1. a negation in a coordinated clause ("..., and no ...") governs only that clause;
2. progressive hedges ("pursuing", "preparing for", "on track for", "undergoing a first audit")
   mark a certification not yet held;
3. list items under a lead-in whose subject is the vendor ("The processor shall:") are the
   vendor's duties, not imperatives to the reader;
4. a document type after "this"/"these" ("this DPA") is the document naming itself, not a claim.

Every document here was written for these tests.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import read, reasons


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


def items(extraction) -> set[tuple[str, int, str]]:
    return claimskit.items(extraction, places=False)


# --- 1. negation and coordinated clauses ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Records in transit get encrypted with TLS, and no storage encryption applies to them.\n",
    "Records in transit get encrypted with TLS and no storage encryption applies to them.\n",
    "Packets in transit are encrypted with TLS, and none of the cached copies are kept.\n",
])
def test_a_negated_coordinated_clause_does_not_reach_back(extractor, text):
    got = items(read(extractor, text, ".txt"))
    assert ("encryption-in-transit", 1, "affirmed") in got
    assert ("encryption-in-transit", 1, "denied") not in got


def test_the_negated_clause_still_denies_what_follows_it(extractor):
    got = items(read(extractor, "We encrypt backups in transit and never at rest.\n", ".txt"))
    assert ("encryption-in-transit", 1, "affirmed") in got
    assert ("encryption-at-rest", 1, "denied") in got


def test_a_contrast_denies_the_contrasted_part(extractor):
    got = items(read(extractor, "Backups are encrypted in transit but not at rest.\n", ".txt"))
    assert ("encryption-in-transit", 1, "affirmed") in got
    assert ("encryption-at-rest", 1, "denied") in got


def test_an_arabic_negated_clause_after_a_comma_does_not_reach_back(extractor):
    text = "نشفر البيانات أثناء النقل باستخدام TLS، ولا نحتاج إلى تشفير إضافي للملفات.\n"
    got = items(read(extractor, text, ".txt"))
    assert ("encryption-in-transit", 1, "affirmed") in got
    assert ("encryption-in-transit", 1, "denied") not in got


def test_arabic_without_undue_delay_is_not_a_negation(extractor):
    text = "نلتزم بإخطار العميل دون تأخير غير مبرر عند اكتشاف خرق للبيانات الشخصية.\n"
    got = items(read(extractor, text, ".txt"))
    assert ("breach-notification", 1, "affirmed") in got


# --- 2. progressive hedges --------------------------------------------------------------------

@pytest.mark.parametrize("text, item", [
    ("We are presently pursuing a SOC 2 Type II attestation.\n", "soc2-type2"),
    ("Currently pursuing ISO 27001 certification for the hosted product.\n", "iso27001"),
    ("We're actively seeking ISO 27001 certification.\n", "iso27001"),
    ("We are on track for ISO 27001 certification by next spring.\n", "iso27001"),
    ("Our team is preparing for an ISO 27001 certification audit.\n", "iso27001"),
    ("We are undergoing our first SOC 2 Type II audit.\n", "soc2-type2"),
    ("The company is moving towards ISO 27001 certification.\n", "iso27001"),
])
def test_a_certification_being_pursued_is_hedged(extractor, text, item):
    got = items(read(extractor, text, ".txt"))
    assert (item, 1, "affirmed?") in got
    assert (item, 1, "affirmed") not in got


@pytest.mark.parametrize("text, item", [
    ("Our platform undergoes annual SOC 2 Type II audits.\n", "soc2-type2"),
    ("The platform is undergoing annual SOC 2 Type II audits by an outside firm.\n", "soc2-type2"),
    ("Customers seeking HIPAA compliance can sign our BAA.\n", "hipaa-baa"),
])
def test_a_habit_or_the_customer_s_aim_is_no_hedge(extractor, text, item):
    got = items(read(extractor, text, ".txt"))
    assert (item, 1, "affirmed") in got


def test_an_arabic_preparation_is_hedged(extractor):
    got = items(read(extractor, "نستعد حاليا للحصول على شهادة ISO 27001.\n", ".txt"))
    assert ("iso27001", 1, "affirmed?") in got


# --- 3. a lead-in whose subject is the vendor --------------------------------------------------

@pytest.mark.parametrize("lead", [
    "Regarding personal data handled for the service, Acme:",
    "The processor shall:",
    "We will:",
    "Acme Cloud agrees to:",
    "The service provider must:",
])
def test_items_under_a_vendor_lead_in_are_the_vendor_s_duties(extractor, lead):
    text = (f"{lead}\n\n"
            "1) shall keep personal data confidential;\n"
            "2) notify the Customer without undue delay after becoming aware of a personal data breach;\n")
    found = read(extractor, text)
    assert ("breach-notification", 4, "affirmed") in items(found)
    assert not any(reason == "advice (imperative)" for _line, _item, reason in reasons(found))


@pytest.mark.parametrize("lead", ["You should:", "Customers must:", "To secure your instance:", "Best practices:",
                                  "Customer shall:", "Acme:"])
def test_items_under_a_customer_lead_in_stay_advice(extractor, lead):
    text = f"{lead}\n\n- enable multi-factor authentication for every administrator account.\n"
    found = read(extractor, text)
    assert ("mfa", 3, "affirmed") not in items(found)
    assert any(line == 3 and item == "claim:mfa" for line, item, _reason in reasons(found))


# --- 4. the document naming itself ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Within this DPA, capitalised words carry the meaning given in the Agreement.\n",
    "The signature date is the date of the Agreement incorporating this DPA.\n",
    'This Data Processing Addendum ("DPA") is part of the subscription contract.\n',
    "Obligations set out in this data processing agreement survive termination.\n",
])
def test_the_document_naming_itself_is_no_claim(extractor, text):
    found = read(extractor, text, ".txt")
    assert not any(item == "data-processing-agreement" for item, _line, _pol in items(found))
    assert (1, "claim:data-processing-agreement", "the document naming itself") in reasons(found)


@pytest.mark.parametrize("text", [
    "We sign a DPA with every customer on request.\n",
    "Our DPA is available from the legal page.\n",
    "A data processing addendum is offered to all business plans.\n",
])
def test_offering_a_dpa_is_still_a_claim(extractor, text):
    assert ("data-processing-agreement", 1, "affirmed") in items(read(extractor, text, ".txt"))


def test_a_phrase_reaching_past_the_self_reference_is_kept(extractor):
    # "these Terms" names the document, but the change notice is a claim about it
    found = items(read(extractor, "These Terms may be changed with thirty days notice by email.\n", ".txt"))
    assert any(item == "terms-change-notice" for item, _line, _pol in found)


def test_an_arabic_document_naming_itself_is_no_claim(extractor):
    found = read(extractor, "تحدد اتفاقية معالجة البيانات هذه التزامات الطرفين.\n", ".txt")
    assert not any(item == "data-processing-agreement" for item, _line, _pol in items(found))
    assert (1, "claim:data-processing-agreement", "the document naming itself") in reasons(found)
    offered = items(read(extractor, "نوقع اتفاقية معالجة البيانات مع كل عميل عند الطلب.\n", ".txt"))
    assert ("data-processing-agreement", 1, "affirmed") in offered


def test_explain_shows_the_document_naming_itself(tmp_path):
    import subprocess
    import sys

    doc = tmp_path / "dpa.md"
    doc.write_text("# Addendum\n\nIn this DPA, words in capitals carry their defined meaning.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "auditor", "claims", "extract", "--explain", str(doc)],
                         capture_output=True, text=True, check=True).stdout
    assert "the document naming itself" in out


def test_a_section_on_securing_the_customers_data_is_the_vendors_own_account(tmp_path):
    """"Securing your data" describes what the vendor does; "Securing your instance" tells a self-hoster what to do."""
    from auditor.catalog.loader import load_catalog
    from auditor.claims import build_extractor
    from auditor.claims.reading import read_document

    page = tmp_path / "page.md"
    page.write_text("# Security\n\n## Securing your data\n\nAll stored records are encrypted at rest with AES-256.\n\n"
                    "## Securing your instance\n\nEncrypt the disks of your server at rest.\n", encoding="utf-8")
    result = build_extractor(load_catalog(None).controls).extract([read_document(page)])
    lines = {c.citation.line for c in result.claims if c.control == "encryption-at-rest"}
    assert lines == {5}
