"""The attestation readers: every fact of every sample document, read from the PDF as a reviewer would."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from attestation_samples import attestation_pdfs  # noqa: F401  (fixture)
from auditor.attestations import read_attestation, read_file
from auditor.model.attestation import DocumentType, Opinion

D = date.fromisoformat

# sample -> fact -> expected value (written from the sample texts, in tests/data/attestations/samples)
EXPECTED = {
    "soc2-type2-clean": {
        "type": DocumentType.SOC2_TYPE2, "organisation": "Harbor Payroll Systems, Inc.",
        "issuer.name": "Kestrel & Vance LLP", "issuer.role": "service-auditor",
        "period": (D("2025-07-01"), D("2026-06-30")), "report_date": D("2026-08-14"),
        "trust_services_categories": ["security", "availability", "confidentiality"],
        "opinion": Opinion.UNMODIFIED, "qualified_criteria": [], "controls_with_exceptions": [],
        "criteria_with_exceptions": [], "controls_tested": 9,
        "subservice_organisations": [("Amazon Web Services, Inc.", "carve-out"), ("Stripe, Inc.", "carve-out")],
        "cuecs": 3, "csocs": 2, "readable": True,
    },
    "soc2-type2-qualified": {
        "type": DocumentType.SOC2_TYPE2, "organisation": "Quillfeather Analytics Ltd",
        "issuer.name": "Marlowe Assurance Partners LLP", "period": (D("2026-01-01"), D("2026-09-30")),
        "report_date": D("2026-10-28"), "trust_services_categories": ["security", "availability"],
        "opinion": Opinion.QUALIFIED, "qualified_criteria": ["CC6.3", "CC7.3"],
        "controls_with_exceptions": [("QA-6.3", "CC6.3", 25, 3), ("QA-7.3", "CC7.3", 12, 2), ("QA-8.1", "CC8.1", 40, 1)],
        "criteria_with_exceptions": ["CC6.3", "CC7.3", "CC8.1"], "controls_tested": 6,
        "subservice_organisations": [("Microsoft Azure", "carve-out"), ("Twilio Inc.", "inclusive")],
        "cuecs": 2, "readable": True,
    },
    "soc2-type1": {
        "type": DocumentType.SOC2_TYPE1, "organisation": "Lumen Tide Software, Inc.",
        "issuer.name": "Brightwater CPAs, P.C.", "as_of": D("2026-03-31"), "period": None,
        "report_date": D("2026-04-30"), "trust_services_categories": ["security", "confidentiality"],
        "opinion": Opinion.UNMODIFIED, "subservice_organisations": [], "cuecs": 1, "readable": True,
    },
    "soc2-other-company": {
        "type": DocumentType.SOC2_TYPE2, "organisation": "Cobalt Freight Solutions, Inc.",
        "issuer.name": "Fenwick Harrow LLP", "period": (D("2025-10-01"), D("2026-09-30")),
        "report_date": D("2026-11-06"), "opinion": Opinion.UNMODIFIED, "trust_services_categories": ["security"],
    },
    "bridge-letter": {
        "type": DocumentType.BRIDGE_LETTER, "organisation": "Harbor Payroll Systems, Inc.",
        "period": (D("2026-07-01"), D("2026-11-30")), "report_date": D("2026-12-01"),
        "management_assertion_only": True, "issuer.role": "management", "readable": True,
    },
    "iso27001-2022": {
        "type": DocumentType.ISO27001, "organisation": "Quillfeather Analytics Ltd", "standard_edition": "2022",
        "certificate_number": "QA-ISMS-771204", "issuer.name": "Northgate Certification Services Ltd",
        "issuer.role": "certification-body", "accreditation_body": "UKAS",
        "initial_issue": D("2020-05-12"), "issued": D("2025-05-10"), "expires": D("2028-05-09"),
        "scope": "The development, hosting and support of the Quillfeather Insights analytics platform and its "
                 "customer data services, in line with the Statement of Applicability version 4.2.",
        "sites": ["14 Wellington Place, Leeds LS1 4AP, United Kingdom", "2 Grand Canal Quay, Dublin D02 A342, Ireland"],
        "readable": True,
    },
    "iso27001-2013-expired-ar": {
        "type": DocumentType.ISO27001, "organisation": "Dar Al Waha Cloud Services Co.", "standard_edition": "2013",
        "certificate_number": "FAC-27K-3391", "issuer.name": "Falcon Assurance Certification",
        "accreditation_body": "Saudi Accreditation Center", "issued": D("2022-03-01"), "expires": D("2025-02-28"),
        "scope": "Provision of managed cloud hosting and data centre colocation services.",
        "sites": ["King Fahd Road, Riyadh, Saudi Arabia"], "readable": True,
    },
    "pentest-letter": {
        "type": DocumentType.PENTEST, "organisation": "Harbor Payroll Systems, Inc.",
        "issuer.name": "Ironbark Security Labs Pty Ltd", "issuer.role": "tester",
        "period": (D("2026-04-06"), D("2026-04-17")), "report_date": D("2026-06-02"),
        "findings_by_severity": {"critical": 0, "high": 1, "medium": 3, "low": 4},
        "open_findings_by_severity": {"critical": 0, "high": 1, "medium": 1, "low": 3},
        "retest_date": D("2026-05-29"), "readable": True,
    },
    "junk": {"type": DocumentType.NONE, "readable": False, "organisation": None, "opinion": None},
}

CASES = [(sample, fact) for sample, facts in EXPECTED.items() for fact in facts]


@pytest.fixture(scope="module")
def read_samples(attestation_pdfs):  # noqa: F811
    return {name: read_file(attestation_pdfs / "samples" / f"{name}.pdf") for name in EXPECTED}


def actual(facts, fact: str):
    if fact == "readable":
        return facts.readable
    if fact.startswith("issuer."):
        return getattr(facts.issuer, fact.split(".")[1]).value if fact.endswith("role") else facts.issuer.name
    value = getattr(facts, fact)
    if fact == "period":
        return (value.start, value.end) if value else None
    if fact in ("cuecs", "csocs"):
        return len(value)
    if fact == "controls_with_exceptions":
        return [(e.control, e.criterion, e.sample, e.deviations) for e in value]
    if fact == "subservice_organisations":
        return [(s.name, s.method.value) for s in value]
    if fact.endswith("by_severity"):
        return value.model_dump() if value else None
    return value


@pytest.mark.parametrize("sample,fact", CASES, ids=[f"{s}:{f}" for s, f in CASES])
def test_fact(read_samples, sample, fact):
    assert actual(read_samples[sample], fact) == EXPECTED[sample][fact]


def test_each_fact_is_cited_to_its_page_and_line(read_samples):
    facts = read_samples["soc2-type2-qualified"]
    opinion = facts.citations["opinion"]
    assert opinion.page == 3 and "In our opinion" in opinion.text
    exc = facts.controls_with_exceptions[0]
    assert exc.citation.page == 6 and exc.citation.text.startswith("Exception noted")
    assert "revoked between 4 and 11 days" in exc.exception
    assert exc.management_response.startswith("the leaver workflow now disables accounts")
    assert facts.citations["period"].page == 1


def test_cuec_items_are_whole_sentences_across_line_breaks(read_samples):
    cuecs = read_samples["soc2-type2-clean"].cuecs
    assert cuecs[0] == ("User entities are responsible for removing platform access of their own employees "
                        "who leave the company.")


def test_page_headers_and_footers_are_not_content(read_samples):
    facts = read_samples["soc2-type2-clean"]
    assert all("Confidential. Prepared for customers" not in c.text for c in facts.citations.values())


def test_arabic_text_is_normalised_from_presentation_forms(attestation_pdfs):  # noqa: F811
    from auditor.attestations.text import from_pages, read_pages

    doc = from_pages(read_pages((attestation_pdfs / "samples" / "iso27001-2013-expired-ar.pdf").read_bytes()))
    assert "تاريخ الانتهاء" in doc.text  # plain letters, not U+FExx presentation forms
    assert not any(0xFE70 <= ord(ch) <= 0xFEFF for ch in doc.text)


def test_arabic_labels_alone_are_read():
    text = ("شهادة\nISO/IEC 27001:2022\nThis is to certify that\nمؤسسة النخيل الرقمية\n"
            "رقم الشهادة: NK-2201\nتاريخ الإصدار: 2025-01-15\nتاريخ الانتهاء: 2028-01-14\n"
            "جهة منح الشهادة: هيئة التصديق الخليجية\n").encode()
    facts = read_attestation(text)
    assert (facts.certificate_number, facts.issued, facts.expires) == ("NK-2201", D("2025-01-15"), D("2028-01-14"))
    assert facts.issuer.name == "هيئة التصديق الخليجية"


def test_damaged_pdf_is_unreadable_not_a_crash():
    from auditor.attestations import UnreadableDocument

    with pytest.raises(UnreadableDocument):
        read_attestation(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
@pytest.mark.parametrize("sample", ["soc2-type2-qualified", "iso27001-2022", "pentest-letter"])
def test_text_from_another_extractor_reads_the_same(attestation_pdfs, read_samples, sample):  # noqa: F811
    """Layout tolerance: poppler's text (columns side by side, other line breaks) gives the same key facts."""
    text = subprocess.run(["pdftotext", "-layout", str(attestation_pdfs / "samples" / f"{sample}.pdf"), "-"],
                          capture_output=True, check=True).stdout
    facts, expected = read_attestation(text), read_samples[sample]
    assert (facts.type, facts.organisation) == (expected.type, expected.organisation)
    assert (facts.period, facts.opinion, facts.expires) == (expected.period, expected.opinion, expected.expires)
    assert facts.readable
