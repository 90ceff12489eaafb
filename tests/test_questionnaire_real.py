"""Importing the real, vendor-published questionnaires in shared/reference/questionnaires/.

The expected answer counts are computed here by a different route than the importer's: python-calamine
(not openpyxl) for workbooks, the csv module for CSV, pypdf (not poppler) for the PDF, with the
answer words folded by a small rule written in this file. The files are read in place and never
copied into the project (the CAIQ carries CSA's no-redistribution notice).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import REFERENCE

FOLDER = REFERENCE / "questionnaires"
pytestmark = pytest.mark.skipif(not FOLDER.is_dir(), reason="shared reference questionnaires not present")


def _file(name: str) -> Path:
    path = FOLDER / name
    if not path.is_file():
        pytest.skip(f"{name} not present")
    return path


def _fold(value) -> str:
    """Yes / 1) Yes -> yes, No -> no, NA / N/A -> na, '' -> blank, anything else -> other."""
    text = "" if value is None else str(value).strip()
    if not text:
        return "blank"
    text = re.sub(r"^\d+\)\s*", "", text).strip().lower()
    return {"yes": "yes", "no": "no", "na": "na", "n/a": "na"}.get(text, "other")


def _calamine_answers(path: Path, sheet: str, id_pattern: str, header: str) -> dict[str, str]:
    """id -> folded answer, reading cells with calamine; the answer column found by its header text."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    col = next(i for row in rows for i, v in enumerate(row) if str(v).strip() == header)
    out: dict[str, str] = {}
    for row in rows:
        qid = str(row[0]).strip() if row else ""
        if re.fullmatch(id_pattern, qid) and qid not in out:
            out[qid] = _fold(row[col] if col < len(row) else None)
    return out


def _import(path: Path):
    from auditor.questionnaires.read import read_questionnaire

    return read_questionnaire(path.read_bytes(), str(path), csv_sheet=path.stem[:31])


def _check(q, expected: dict[str, str]) -> None:
    got = {item.id: item.answer.value for item in q.items}
    assert list(got) == list(expected), "every question id, in the file's order"
    assert got == expected
    assert q.summary() == {k: Counter(expected.values()).get(k, 0) for k in ("yes", "no", "na", "blank", "other")}


def test_caiq_v403_xlsx():
    path = _file("instructure-caiq-v4.0.3.xlsx")
    q = _import(path)
    expected = _calamine_answers(path, "CAIQv4.0.3", r"[A-Z&]{2,4}-\d{2}\.\d+", "CSP CAIQ Answer")
    _check(q, expected)
    assert (q.family.value, q.version, q.sheet) == ("caiq", "4.0.3", "CAIQv4.0.3")
    assert len(q.items) == 261 and q.summary()["no"] == 2
    by_id = {i.id: i for i in q.items}
    assert by_id["BCR-10.2"].answer.value == "no" and by_id["CEK-08.1"].answer.value == "no"
    assert by_id["IAM-14.1"].cell == "CAIQv4.0.3!C167" and by_id["IAM-14.1"].answer.value == "yes"
    assert by_id["A&A-01.1"].cell == "CAIQv4.0.3!C3"
    assert by_id["STA-09.1"].comment == ""  # a bare Yes
    owners = Counter(i.ownership.value for i in q.items)
    assert owners == {"vendor": 248, "third-party": 7, "shared-customer": 3, "shared-third-party": 2, "customer": 1}


def test_hecvat_full_304_xlsx():
    path = _file("canvas-lms-hecvat-full-v3.04.xlsx")
    q = _import(path)
    _check(q, _calamine_answers(path, "HECVAT - Full | Vendor Response", r"[A-Z]{4}-\d{2}", "Vendor Answers"))
    assert (q.family.value, q.version) == ("hecvat-full", "3.04")
    by_id = {i.id: i for i in q.items}
    assert len(q.items) == 255 and q.summary()["blank"] == 52 and q.summary()["no"] == 22
    assert by_id["QUAL-01"].answer.value == "no"
    assert by_id["QUAL-07"].answer.value == "other" and by_id["QUAL-07"].raw == "4) AWS"
    assert by_id["AAAI-01"].answer.value == "yes" and by_id["AAAI-01"].raw == "1) Yes"  # numbered choice folded
    assert by_id["DOCU-01"].cell == "HECVAT - Full | Vendor Response!C40"
    assert by_id["DATA-01"].answer.value == "no" and by_id["HIPA-01"].answer.value == "blank"
    assert by_id["DATE-01"].raw == "2024-05-20"  # a real date cell, read as a date


def test_hecvat_lite_306_xlsx_and_its_csv_export_agree():
    xlsx, csv_path = _file("intelligent-insights-hecvat-lite-v3.06.xlsx"), _file("intelligent-insights-hecvat-lite-v3.06.csv")
    q = _import(xlsx)
    _check(q, _calamine_answers(xlsx, "HECVAT - Lite | Vendor Response", r"[A-Z]{4}-\d{2}", "Vendor Answers"))
    assert (q.family.value, q.version) == ("hecvat-lite", "3.06")
    by_id = {i.id: i for i in q.items}
    assert by_id["DATE-01"].raw == "July 1, 2024" and by_id["DATE-01"].cell.endswith("!C4")
    assert by_id["HLSY-02"].answer.value == "blank" and by_id["HLSY-02"].comment  # comment without an answer
    assert by_id["DOCU-01"].answer.value == "no" and by_id["HLDC-01"].answer.value == "no"

    c = _import(csv_path)
    records = list(csv.reader(io.StringIO(csv_path.read_bytes().decode("utf-8-sig"), newline="")))
    expected = {r[0].strip(): _fold(r[2]) for r in records if r and re.fullmatch(r"[A-Z]{4}-\d{2}", r[0].strip())}
    _check(c, expected)
    assert c.family.value == "hecvat-lite" and len(c.items) == 78
    from_xlsx = {i.id: (i.answer, i.comment) for i in q.items}
    assert all(from_xlsx[i.id] == (i.answer, i.comment) for i in c.items), "same answers in both formats"

    from auditor.catalog.loader import load_catalog
    from auditor.questionnaires.importer import read_and_convert

    catalog = load_catalog(None)

    def claims(path):
        _, _, converted = read_and_convert(path, catalog)
        return [(c.item.id, [(x.control, x.polarity, x.hedged) for x in c.claims], c.flag is not None, c.partial)
                for c in converted if c.claims or c.flag or c.partial]

    assert claims(xlsx) == claims(csv_path) != [], "both formats make the same claims"


def test_hecvat_full_211_xlsx():
    path = _file("portfolium-hecvat-full-v2.11.xlsx")
    q = _import(path)
    _check(q, _calamine_answers(path, "HECVAT - Full", r"[A-Z]{4}-\d{2}", "Vendor Answers"))
    assert (q.family.value, q.version) == ("hecvat-full", "2.11")
    by_id = {i.id: i for i in q.items}
    assert len(q.items) == 280 and q.summary()["no"] == 37 and q.summary()["blank"] == 63
    assert by_id["GNRL-01"].raw == "Instructure\n" and by_id["GNRL-01"].answer.value == "other"
    assert by_id["DOCU-01"].answer.value == "no" and by_id["MAPP-01"].answer.value == "other"
    assert by_id["HIPA-01"].answer.value == "blank"
    # 2.x ids mean other things than 3.x ids: DOCU-06 is the privacy policy in 2.11
    assert "privacy-notice" in q.mapping.controls("DOCU-06") and "2" in q.mapping.versions


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext not installed")
def test_caiq_v402_printed_to_pdf():
    path = _file("google-cloud-caiq-v4.0.2.pdf")
    q = _import(path)
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    ids = re.findall(r"(?<![\w&-])([A-Z&]{2,4}-\d{2}\.\d+)(?![\d.])", text)
    answers = re.findall(r"(?<!\w)(Yes|No|NA)\s*(?=CSP-owned|CSC-owned|3rd-party outsourced|Shared CSP and)", text)
    assert [i.id for i in q.items] == ids
    assert q.summary() == {"yes": answers.count("Yes"), "no": answers.count("No"), "na": answers.count("NA"),
                           "blank": len(ids) - len(answers), "other": 0}
    assert (q.family.value, q.version) == ("caiq", "4.0.2")
    by_id = {i.id: i for i in q.items}
    assert by_id["BCR-10.2"].answer.value == "no"
    assert {k for k, i in by_id.items() if i.answer.value == "na"} == {"IAM-11.1", "IVS-08.1", "STA-10.1"}
    assert by_id["IVS-08.1"].ownership.value == "shared-customer" and by_id["IVS-08.1"].customer_text
    assert by_id["A&A-01.1"].line is not None and "Google" in by_id["A&A-01.1"].comment


def test_cli_import_json_shape_and_claims_in_the_audit(cli, workspace, tmp_path):
    path = _file("instructure-caiq-v4.0.3.xlsx")
    doc = tmp_path / "acme.md"
    doc.write_text("Acme security\n\nWe do not encrypt customer data at rest.\n")
    assert cli("vendor", "init", "acme", "--from", str(doc)).exit_code == 0
    out = cli.json("questionnaire", "import", "acme", str(path))
    assert out["questionnaire"] == {"family": "caiq", "version": "4.0.3", "sheet": "CAIQv4.0.3",
                                    "document": out["answers"][0]["citation"]["document"]}
    assert len(out["answers"]) == 261 and out["summary"] == {"yes": 259, "no": 2, "na": 0, "blank": 0, "other": 0}
    first = out["answers"][0]
    assert first["id"] == "A&A-01.1" and first["answer"] == "yes" and first["ownership"] == "vendor"
    assert first["citation"]["cell"] == "CAIQv4.0.3!C3" and first["citation"]["text"] == "Yes"
    assert first["claims"] and first["controls"]
    customer = [a for a in out["answers"] if a["ownership"] in ("customer", "shared-customer")]
    assert len(customer) == 4 and all(a["claims"] == [] for a in customer), "the customer's part is no vendor claim"

    report = cli.json("audit", "acme")
    refs = [c for fw in report["frameworks"] for req in fw["requirements"] for c in req.get("claims", [])]
    assert any(r.endswith("#CAIQv4.0.3!C167") for r in refs), "IAM-14.1's Yes reaches the audit, cited to its cell"
    reasons = [r for fw in report["frameworks"] for req in fw["requirements"] for r in req.get("reasons", [])]
    assert any("cell CAIQv4.0.3!C" in str(r) for r in reasons)
    contradictions = [f for f in report["findings"] if f["kind"] == "questionnaire" and "contradicts" in f["title"]]
    enc = [f for f in contradictions if f["control"] == "encryption-at-rest"]
    assert enc, "a Yes the vendor's own document denies is a finding"
    assert "CAIQv4.0.3!C" in enc[0]["detail"] and "line 3" in enc[0]["detail"]
    assert len(enc[0]["basis"]) == 2
    assert cli("vendor", "check", "acme").exit_code == 0


@pytest.mark.parametrize("name", ["canvas-lms-hecvat-full-v3.04.xlsx", "intelligent-insights-hecvat-lite-v3.06.csv",
                                  "google-cloud-caiq-v4.0.2.pdf"])
def test_imported_into_a_dossier_every_citation_rereads(cli, tmp_path, name):
    path = _file(name)
    if name.endswith(".pdf") and shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext not installed")
    doc = tmp_path / "v.md"
    doc.write_text("A vendor page\n")
    assert cli("vendor", "init", "v", "--from", str(doc)).exit_code == 0
    out = cli.json("questionnaire", "import", "v", str(path))
    claims = [a for a in out["answers"] if a["claims"]]
    assert claims and all(a["answer"] in ("yes", "no") for a in claims)
    assert all(("cell" in a["citation"]) != ("line" in a["citation"]) for a in out["answers"])
    check = cli("vendor", "check", "v")
    assert check.exit_code == 0, check.output
