"""The PDF report: its text, its Arabic (shaped, right to left), its charts, its signature page."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from poppler import normalised, pdftotext
from reportdata import ARABIC_CITATION, ZOHO_LINES, build

from auditor.report import arabic


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from auditor.report.pdf import render_pdf

    data = build(scale=1, findings=12)
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(render_pdf(data))
    return data, path


def test_pdf_text_has_vendor_arabic_citation_and_manifest_digest(report):
    data, path = report
    raw = pdftotext(path)
    text = normalised(raw)
    assert "Zoho CRM" in text and "Zoho Corporation Pvt. Ltd." in text
    assert data.evidence_manifest_digest in text
    for entry in data.evidence:
        assert entry.sha256[:20] in text  # the column wraps a sha256 over two lines
    # each Arabic run of the citation comes back in reading order: the words were laid out right to left
    for phrase in ("البيانات أثناء الراحة", "معيار التشفير المتقدم", "المصادقة الثنائية لإضافة طبقة أمان إضافية"):
        assert phrase in text
        assert " ".join(reversed(phrase.split())) not in text
    # drawn shaped: the PDF holds joined presentation forms, not the isolated base letters
    letters = [ch for ch in raw if "\u0621" <= ch <= "\u064a" and ch != "\u0640"]  # tatweel is the vendor's own
    shaped = [ch for ch in raw if "\ufe70" <= ch <= "\ufeff" or "\ufb50" <= ch <= "\ufdff"]
    assert shaped and not letters


def test_wrapped_arabic_citation_starts_on_its_first_line(report):
    _, path = report
    lines = [normalised(line) for line in pdftotext(path).splitlines()]
    first = next(i for i, line in enumerate(lines) if "البيانات أثناء الراحة" in line)
    last = next(i for i, line in enumerate(lines) if i > first and "التخزين" in line)
    assert 0 < last - first <= 4  # the end of the sentence is on a later line of the same cell


def test_document_information_and_sections(report):
    data, path = report
    from pypdf import PdfReader

    meta = PdfReader(str(path)).metadata
    assert meta.title == "Vendor audit report: Zoho CRM"
    assert f"evidence-manifest-sha256={data.evidence_manifest_digest}" in meta["/Keywords"]
    text = normalised(pdftotext(path))
    for heading in ("Overall verdict", "Executive summary", "Key findings", "Support SLA and contract",
                    "Export controls and sanctions screening (EAR/OFAC)", "Requirements (Gherkin) results",
                    "Vendor statements relied on", "Evidence manifest", "Method", "Limitations", "Signature"):
        assert heading in text, heading
    assert "Ask the vendor: Which services does the sub-processor in IR perform" in text
    assert "expected 24x7 critical support; the dossier says 24x5" in text


def test_charts_show_every_framework_and_severity(report):
    data, path = report
    page = normalised(pdftotext(path, 2, 3))
    assert "Coverage per framework" in page and "Findings by severity" in page
    for fw in data.assessment.frameworks:
        assert fw.id in page
        assert f"{fw.coverage:.0f}%" in page  # the bar's own label
    for severity in ("critical", "high", "medium", "low", "info"):
        assert severity in page


def test_every_requirement_row_is_in_the_report(report):
    data, path = report
    text = normalised(pdftotext(path)).replace("\n", " ")
    for fw in data.assessment.frameworks:
        for req in (fw.requirements[0], fw.requirements[-1]):
            assert req.title in text


def test_signature_field_is_on_the_last_page_inside_the_reserved_box(tmp_path):
    from click.testing import CliRunner
    from pypdf import PdfReader

    from auditor.cli.main import cli
    from auditor.report.pdf import SIGNATURE_BOX

    ws = tmp_path / "ws"
    ws.mkdir()
    data = tmp_path / "data.json"
    data.write_text(build(scale=0, findings=5).model_dump_json(), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["-w", str(ws), "keys", "init", "--name", "Test Reviewer", "--no-passphrase"]).exit_code == 0
    out = tmp_path / "r.pdf"
    result = runner.invoke(cli, ["-w", str(ws), "report", "--data", str(data), "--out", str(out), "--sign"])
    assert result.exit_code == 0, result.output
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    pages = len(reader.pages)
    widgets = [a.get_object() for a in reader.pages[-1].get("/Annots", []) if a.get_object().get("/FT") == "/Sig"]
    assert len(widgets) == 1
    assert [round(float(v)) for v in widgets[0]["/Rect"]] == [round(v) for v in SIGNATURE_BOX]
    assert "/AP" in widgets[0]  # a visible appearance, not an invisible signature
    assert "Signature" in normalised(pdftotext(out, pages, pages))


def test_empty_sections_render_plainly(tmp_path):
    from auditor.report.model import manifest_digest
    from auditor.report.pdf import render_pdf

    full = build(scale=0, findings=5)
    bare = full.model_copy(update={
        "assessment": full.assessment.model_copy(update={"findings": [], "screening": None, "sla": [], "contract": [],
                                                         "requirements_run": None}),
        "evidence": [], "evidence_manifest_digest": manifest_digest([]), "reviewer": None})
    path = tmp_path / "bare.pdf"
    path.write_bytes(render_pdf(bare))
    text = normalised(pdftotext(path))
    assert "No findings." in text and "Screening was not run" in text
    assert "No evidence was collected" in text and "Requirements (Gherkin)" not in text


def test_report_command_rejects_bad_combinations(cli, tmp_path):
    data = tmp_path / "data.json"
    data.write_text(build(scale=0, findings=5).model_dump_json(), encoding="utf-8")
    for args, words in [
        (["--data", str(data), "--out", str(tmp_path / "a.pdf"), "--tsa", "http://127.0.0.1:9/"], "--sign"),
        (["zoho-crm", "--data", str(data), "--out", str(tmp_path / "a.pdf")], "not both"),
        (["--data", str(data), "--out", str(tmp_path / "a.txt")], "*.pdf"),
    ]:
        result = cli("report", *args)
        assert result.exit_code == 2, args
        assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "x"}', encoding="utf-8")
    result = cli("report", "--data", str(broken), "--out", str(tmp_path / "b.pdf"))
    assert result.exit_code == 2 and str(broken) in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "a.pdf").exists() and not (tmp_path / "b.pdf").exists()


# ---- the Arabic layout rules themselves ----------------------------------------------------------

@pytest.fixture(scope="module")
def layout():
    return arabic.TextLayout(arabic.load_fonts())


def _visual_text(lines) -> list[str]:
    return ["".join(run for _, run, _ in line.runs) for line in lines]


def test_arabic_font_comes_from_the_package_not_the_repository():
    path = arabic.arabic_font_file()
    assert path is not None and "fontpkg_noto_sans_arabic" in str(path)
    repo = Path(__file__).resolve().parent.parent
    assert not [p for p in repo.rglob("*") if p.suffix.lower() in (".ttf", ".otf") and ".venv" not in p.parts]


def test_label_then_arabic_quotation_become_two_paragraphs(layout):
    parts = arabic.split_directions(f"claim: the vendor states: {ZOHO_LINES[61]}")
    assert parts == [("claim: the vendor states:", False), (ZOHO_LINES[61], True)]
    assert arabic.split_directions("Zoho CRM يدعم المصادقة الثنائية") == [("Zoho CRM يدعم المصادقة الثنائية", True)]
    assert arabic.split_directions("plain English") == [("plain English", False)]
    quoted = f'attestation: line 65: "{ZOHO_LINES[65]}"; no certificate was collected'
    assert arabic.split_directions(quoted) == [("attestation: line 65:", False), (f'"{ZOHO_LINES[65]}"', True),
                                               ("; no certificate was collected", False)]


def test_rtl_lines_are_reordered_shaped_and_brackets_mirrored(layout):
    lines = layout.lines("التشفير (AES) بمفاتيح", 8, 400)
    assert len(lines) == 1 and lines[0].rtl
    visual = _visual_text(lines)[0]
    assert "(AES)" in visual  # logical "(" drawn on the right of AES, mirrored: reads (AES) on the page
    assert visual.index("(AES)") < len(visual) // 2 + 4
    rightmost = unicodedata.normalize("NFKC", visual.split(" (AES) ")[1])
    assert rightmost[::-1] == "التشفير"  # the first word is drawn rightmost, its letters right to left
    assert all(not ("\u0621" <= ch <= "\u064a") for ch in visual)  # shaped into presentation forms


def test_wrapping_keeps_the_first_words_on_the_first_line(layout):
    lines = layout.lines(ARABIC_CITATION, 8, 200)
    assert len(lines) >= 3 and all(line.rtl for line in lines)
    first = normalised("".join(run for _, run, _ in lines[0].runs))[::-1]  # back to reading order
    last = normalised("".join(run for _, run, _ in lines[-1].runs))[::-1]
    assert "البيانات" in first and "التخزين" in last
    assert all(line.width <= 200 + 1 for line in lines)


def test_bidi_overrides_and_controls_are_removed_from_untrusted_text():
    assert arabic.clean("safe\u202etxt.exe\x07") == "safetxt.exe "
    assert arabic.clean("نص\u200cعربي") == "نص\u200cعربي"  # the zero-width non-joiner shapes words: kept


def test_long_tokens_are_broken_to_fit_a_column(layout):
    sha = "a" * 64
    lines = layout.lines(sha, 7.5, 140)
    assert len(lines) >= 2 and "".join(_visual_text(lines)) == sha
    assert all(line.width <= 141 for line in lines)


def test_report_of_a_dossier_built_from_the_arabic_zoho_profile(cli, workspace, tmp_path):
    from conftest import SEEDS

    profile = SEEDS / "001_1b8df0b9a5395975.txt"
    made = cli("vendor", "init", "zoho-crm", "--from", str(profile), "--name", "Zoho CRM", "--data", "personal data")
    assert made.exit_code == 0, made.output
    assert cli("keys", "init", "--name", "Test Reviewer", "--no-passphrase").exit_code == 0
    out = tmp_path / "zoho.pdf"
    result = cli("report", "zoho-crm", "--out", str(out), "--sign", "--reviewer", "Layla Haddad",
                 "--framework", "iso27001-2022", "--framework", "gdpr", "--format", "json")
    assert result.exit_code == 0, result.output
    summary = __import__("json").loads(result.stdout)
    assert summary["signed"] and summary["vendor"] == "zoho-crm" and summary["pages"] > 5
    assert cli("verify", str(out)).exit_code == 0
    text = normalised(pdftotext(out))
    assert "Layla Haddad" in text and "A.8.24" in text and "Art.32" in text
    assert "البيانات أثناء الراحة" in text  # seed line 60, cited by the encryption-at-rest claim
