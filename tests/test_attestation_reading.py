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
        "controls_without_exceptions": ["QA-6.4", "QA-8.2", "QA-A1.2"],
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
    assert read_samples["soc2-type2-qualified"].cuecs == [  # a table of CUEC-n rows
        "User entities approve and review the list of their users with access to the platform each quarter.",
        "User entities report suspected security incidents to Quillfeather support without delay."]


def test_page_headers_and_footers_are_not_content(read_samples):
    facts = read_samples["soc2-type2-clean"]
    assert all("Confidential. Prepared for customers" not in c.text for c in facts.citations.values())


def test_arabic_text_is_normalised_from_presentation_forms(attestation_pdfs):  # noqa: F811
    from auditor.attestations.text import from_pages, read_pages

    doc = from_pages(read_pages((attestation_pdfs / "samples" / "iso27001-2013-expired-ar.pdf").read_bytes()))
    assert "تاريخ الانتهاء" in doc.text  # plain letters, not U+FExx presentation forms
    assert not any(0xFE70 <= ord(ch) <= 0xFEFF for ch in doc.text)


def test_arabic_labels_alone_are_read():
    text = ("شهادة\nISO/IEC 27001:2022\nنشهد بأن مؤسسة النخيل الرقمية تطبق نظام إدارة أمن المعلومات\n"
            "رقم الشهادة: NK-2201\nتاريخ الإصدار: ١٥ يناير ٢٠٢٥\nتاريخ الانتهاء: 2028-01-14\n"
            "جهة منح الشهادة: هيئة التصديق الخليجية\n").encode()
    facts = read_attestation(text)
    assert facts.organisation == "مؤسسة النخيل الرقمية" and facts.readable  # Arabic-Indic digits, Arabic month
    assert (facts.certificate_number, facts.issued, facts.expires) == ("NK-2201", D("2025-01-15"), D("2028-01-14"))
    assert facts.issuer.name == "هيئة التصديق الخليجية"


def test_damaged_pdf_is_unreadable_not_a_crash():
    from auditor.attestations import UnreadableDocument

    with pytest.raises(UnreadableDocument):
        read_attestation(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")


def _key_facts(facts):
    return (facts.type, facts.organisation, facts.issuer.name if facts.issuer else None, facts.period, facts.as_of,
            facts.report_date, facts.opinion, facts.qualified_criteria,
            [(e.control, e.criterion) for e in facts.controls_with_exceptions],
            [(s.name, s.method) for s in facts.subservice_organisations], facts.cuecs, facts.standard_edition,
            facts.certificate_number, facts.issued, facts.expires, facts.findings_by_severity,
            facts.open_findings_by_severity, facts.readable)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
@pytest.mark.parametrize("mode", [["-layout"], []], ids=["layout", "reading-order"])
@pytest.mark.parametrize("sample", [s for s in EXPECTED if s != "junk"])
def test_text_from_another_extractor_reads_the_same(attestation_pdfs, read_samples, sample, mode):  # noqa: F811
    """Layout tolerance: poppler's text (columns side by side, other line breaks, no cell marks) gives the
    same facts as the PDF itself (only the wording of an exception may interleave with other columns)."""
    text = subprocess.run(["pdftotext", *mode, str(attestation_pdfs / "samples" / f"{sample}.pdf"), "-"],
                          capture_output=True, check=True).stdout
    assert _key_facts(read_attestation(text)) == _key_facts(read_samples[sample])


PLAIN_REPORT = """Report on Osprey Ledger Ltd's Description of Its Ledger Service
SOC 2 Type 2 report for the period 1 March 2026 to 31 August 2026
Prepared by Holloway Assurance LLP
\f
Independent Service Auditor's Report
We examined the description and the operating effectiveness of the controls relevant to security
and privacy.
Opinion
In our opinion, in all material respects, the controls operated effectively throughout the period.
Holloway Assurance LLP
30 September 2026
\f
Section 4 Testing
CC7.1 Vulnerability management
Control [7] Scans run every week.
Tested 12 weekly scan reports. Exceptions noted: 2 of 12 scans did not run.
CC7.2 Monitoring
Control [8] Alerts are reviewed daily. No exceptions noted.
"""


def test_plain_text_report_and_an_exception_outside_any_known_row_format():
    """A text report (pages split by form feeds) whose control ids no pattern knows: the exception is
    still recorded under its criterion, so the report never reads cleaner than it is."""
    facts = read_attestation(PLAIN_REPORT.encode())
    assert (facts.type.value, facts.organisation, facts.issuer.name) == ("soc2-type2", "Osprey Ledger Ltd",
                                                                         "Holloway Assurance LLP")
    assert (facts.period.start, facts.period.end, facts.report_date) == (D("2026-03-01"), D("2026-08-31"),
                                                                         D("2026-09-30"))
    assert facts.trust_services_categories == ["security", "privacy"]
    assert [(e.control, e.criterion) for e in facts.controls_with_exceptions] == [("(not identified)", "CC7.1")]
    assert facts.criteria_with_exceptions == ["CC7.1"]
    assert facts.controls_with_exceptions[0].citation.page == 3


def test_certificate_with_a_validity_range_and_the_body_only_in_its_letterhead():
    text = ("Registrar Global Certification Ltd\nCERTIFICATE OF REGISTRATION\nCertificate Number: RG-44120\n"
            "This certifies that\nTern Valley Data Inc.\nhas been audited and found to conform to ISO/IEC "
            "27001:2022.\nScope: Hosting and support of the Tern Valley analytics service.\n"
            "Valid from 1 January 2025 to 31 December 2027\nOriginal certification date: 4 April 2019\n")
    facts = read_attestation(text.encode())
    assert (facts.organisation, facts.issuer.name) == ("Tern Valley Data Inc.", "Registrar Global Certification Ltd")
    assert (facts.issued, facts.expires, facts.initial_issue) == (D("2025-01-01"), D("2027-12-31"), D("2019-04-04"))
    assert facts.readable


def test_pentest_counts_written_in_a_sentence_and_unstated_status_counts_as_open():
    text = ("Penetration Testing Attestation\nDate: 10 October 2026\nBrightline Security Ltd performed a "
            "penetration test of the Kestrel Pay platform for Kestrel Pay Inc. between 1 September 2026 and "
            "12 September 2026.\nResults: Critical: 0, High: 2 (both remediated), Medium: 1 (open), Low: 3.\n")
    facts = read_attestation(text.encode())
    assert facts.issuer.name == "Brightline Security Ltd" and facts.organisation == "Kestrel Pay Inc."
    assert facts.findings_by_severity.model_dump() == {"critical": 0, "high": 2, "medium": 1, "low": 3}
    assert facts.open_findings_by_severity.model_dump() == {"critical": 0, "high": 0, "medium": 1, "low": 3}


@pytest.mark.parametrize("family,subject", [("SOC 1", "internal control over financial reporting"),
                                            ("SOC 3", "the trust services criteria for security")])
def test_soc1_and_soc3_reports_are_not_read_as_soc2(family, subject):
    text = (f"{family} Type 2 Report\nReport on Acme Ltd's Description of Its Payroll System\nfor the period "
            "1 January 2026 to 30 June 2026\nIndependent Service Auditor's Report\nIn our opinion, in all material "
            f"respects, the controls relevant to {subject} operated effectively.\nSmith LLP\n1 August 2026\n")
    facts = read_attestation(text.encode())
    assert facts.type is DocumentType.NONE and not facts.readable


def test_addressee_names_the_organisation_when_the_report_uses_a_short_name():
    text = ("SOC 2 Type II\nIndependent Service Auditor's Report\nTo the Management of Ridgeway Systems, LLC:\n"
            "We have examined Ridgeway's description of its Claims System for the period January 1, 2026 to "
            "June 30, 2026 relevant to security.\nOpinion\nIn our opinion, in all material respects, the controls "
            "operated effectively.\nWHITFIELD & ORR LLP\nDallas, Texas\nJuly 30, 2026\n")
    facts = read_attestation(text.encode())
    assert (facts.organisation, facts.issuer.name, facts.report_date) == ("Ridgeway Systems, LLC",
                                                                          "WHITFIELD & ORR LLP", D("2026-07-30"))
    assert facts.readable


def test_any_text_reads_as_facts_or_unreadable_never_a_crash():
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from auditor.attestations import UnreadableDocument
    from auditor.model.attestation import AttestationFacts

    words = st.sampled_from(["SOC 2", "Type II", "In our opinion", "Section IV", "CC6.1", "HP-01", "Exception noted",
                             "for the period", "July 1, 2025", "to", "2026-06-30", "|", "\n", "\f", "Scope:", "ISO/IEC",
                             "27001:2013", "certify that", "Critical", "3", "bridge letter", "تاريخ الانتهاء", "LLP"])

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.one_of(words, st.text(max_size=12)), max_size=60))
    def check(parts):
        try:
            assert isinstance(read_attestation(" ".join(parts).encode("utf-8", "surrogatepass")), AttestationFacts)
        except UnreadableDocument:
            pass

    check()
