"""Reading documents (text, Markdown, HTML, PDF) and citing them: every citation is the
document's sha256, a 1-based line of its extracted text, and that line exactly."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from auditor.claims.reading import parse_document, read_document
from auditor.errors import InputError
from conftest import REFERENCE, SEEDS

HERE = Path(__file__).parent / "data" / "claims" / "docs"


@pytest.fixture(scope="module")
def extractor():
    from auditor.catalog.loader import load_catalog
    from auditor.claims import build_extractor

    return build_extractor(load_catalog(None).controls)


def all_citations(extraction):
    for c in extraction.claims:
        yield c.citation
    for item in (*extraction.attestations, *extraction.regulations, *extraction.locations, *extraction.sla,
                 *extraction.support_hours, *extraction.channels, *extraction.prices, *extraction.subprocessors):
        yield item.citation
    yield from extraction.escalation
    for t in extraction.contract:
        yield t.fact.citation


DOCUMENTS = sorted(SEEDS.glob("0*.txt")) + sorted((REFERENCE / "vendor-pages").glob("*.txt")) + sorted(HERE.iterdir())


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_no_item_without_its_exact_source_line(extractor, path):
    doc = read_document(path)
    extraction = extractor.extract([doc])
    citations = list(all_citations(extraction))
    assert citations, "every test document states something"
    for citation in citations:
        assert citation.document == hashlib.sha256(path.read_bytes()).hexdigest()
        # an HTML page is cited by its source lines, quoting the extracted text that starts there
        assert 1 <= citation.line <= doc.cited_line(len(doc.lines))
        assert citation.text in doc.quoted(citation.line)
        assert citation.text.strip()
        if doc.kind == "html":
            source = path.read_text(encoding="utf-8").split("\n")[citation.line - 1]
            assert citation.text.split()[-1].strip(".,;:|") in source or citation.text.split()[0] in source


def test_text_lines_are_the_files_own_lines_without_carriage_returns():
    doc = parse_document("first line\r\nsecond line\r\n\r\nfourth".encode(), path="crlf.txt")
    assert doc.lines == ("first line", "second line", "", "fourth")
    assert doc.kind == "text"


def test_arabic_language_is_detected():
    assert read_document(SEEDS / "000_acb0e8cc33d8b94c.txt").language == "ar"
    assert read_document(REFERENCE / "vendor-pages" / "supabase_soc-2-compliance.txt").language == "en"


def test_html_is_read_with_a_parser_one_line_per_block_and_table_rows_as_cells(extractor):
    doc = read_document(HERE / "northwind-trust.html")
    assert doc.kind == "html"
    assert "P1 – Critical | 30 minutes | 4 hours" in doc.lines
    assert not any("window.analytics" in line for line in doc.lines), "scripts are not text"
    assert not any("<" in line and ">" in line for line in doc.lines)
    extraction = extractor.extract([doc])
    sla = {s.severity.value: (s.response, s.resolution) for s in extraction.sla}
    assert sla["critical"] == ("PT30M", "PT4H")
    mfa = [c for c in extraction.claims if c.control == "mfa"]
    assert mfa and all(c.polarity.value == "denied" for c in mfa)
    assert not [c for c in extraction.claims if c.citation.text.startswith("not a claim")]


def test_html_is_sniffed_without_its_extension(tmp_path):
    path = tmp_path / "page"
    path.write_text("<!doctype html><html><body><p>We encrypt data at rest with AES-256.</p></body></html>")
    doc = read_document(path)
    assert doc.kind == "html" and doc.lines == ("We encrypt data at rest with AES-256.",)


def make_pdf(path: Path, lines: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in lines:
        c.drawString(50, y, line)
        y -= 18
    c.showPage()
    c.drawString(50, 800, "Page two: we do not sign BAAs.")
    c.save()


def test_pdf_text_is_extracted_with_pypdf_and_cited_by_its_lines(extractor, tmp_path):
    path = tmp_path / "security.pdf"
    make_pdf(path, ["Acme Security Overview", "Customer data is encrypted at rest with AES-256.",
                    "Critical: response within 1 hour, resolution within 8 hours.", "We are SOC 2 Type II certified."])
    doc = read_document(path)
    assert doc.kind == "pdf"
    assert "Customer data is encrypted at rest with AES-256." in doc.lines
    extraction = extractor.extract([doc])
    got = {(c.control, c.polarity.value) for c in extraction.claims}
    assert ("encryption-at-rest", "affirmed") in got and ("hipaa-baa", "denied") in got
    assert [(s.severity.value, s.response, s.resolution) for s in extraction.sla] == [("critical", "PT1H", "PT8H")]
    assert {a.type.value for a in extraction.attestations} == {"soc2-type2"}
    for citation in all_citations(extraction):
        assert citation.text == doc.lines[citation.line - 1]
        assert citation.document == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"valid line\n\xff\xfe broken", "not valid UTF-8"),
    (b"%PDF-1.7\nthis is not really a pdf", "not a readable PDF"),
    (b"   \n\n", "no text"),
])
def test_unreadable_documents_are_one_input_error(tmp_path, content, message):
    path = tmp_path / "doc.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_document(path)
    assert message in str(err.value) and str(path) in str(err.value)
    assert "\n" not in str(err.value)


def test_invalid_utf8_names_its_line(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"one\ntwo\nthree \xc3\x28\n")
    with pytest.raises(InputError) as err:
        read_document(path)
    assert err.value.line == 3


def test_a_missing_document_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_document(tmp_path / "nope.txt")


PAGE = """<!doctype html>
<html><head><title>Trust</title>
<script>var lines = "We encrypt nothing";</script></head>
<body>
<h1>Security at Brambleway</h1>
<p>Customer data is encrypted at rest
with AES-256 &amp; keys rotate yearly.</p>

<ul>
  <li>We hold a SOC 2 Type 2 report.</li>
  <li>Backups run every night.</li>
</ul>
</body></html>
"""


def test_an_html_page_is_cited_by_the_source_line_where_each_statement_starts():
    doc = parse_document(PAGE.encode(), path="trust.html")
    # a paragraph written over two source lines keeps them apart: each sentence is cited where it is
    assert [doc.cited_line(n) for n in range(1, len(doc.lines) + 1)] == [5, 6, 7, 10, 11]
    assert doc.quoted(10) == ["- We hold a SOC 2 Type 2 report."]


def test_a_page_written_on_one_line_cites_that_line_for_every_statement():
    doc = parse_document(PAGE.replace("\n", " ").encode(), path="min.html")
    assert {doc.cited_line(n) for n in range(1, len(doc.lines) + 1)} == {1}
    assert len(doc.quoted(1)) == len(doc.lines)


def test_a_dossier_built_from_an_html_page_verifies(cli):
    page = cli.workspace / "trust.html"
    page.write_text(PAGE, encoding="utf-8")
    assert cli("vendor", "init", "brambleway", "--from", str(page)).exit_code == 0
    check = cli("vendor", "check", "brambleway")
    assert check.exit_code == 0, check.output
    dossier = (cli.workspace / "evidence" / "brambleway" / "vendor.yaml").read_text(encoding="utf-8")
    assert "line: 10" in dossier and "line: 6" in dossier
