"""Questionnaires in and out on workbooks written here: templates, bad input, export, round trip.

Every workbook is built in the test with openpyxl (our own words; only the CAIQ's header labels and
id shapes, which are facts of the template). The real vendor files are in test_questionnaire_real.py.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

CAIQ_HEADERS = ["Question ID", "Question", "CSP CAIQ Answer", "SSRM Control Ownership",
                "CSP Implementation Description (Optional/Recommended)",
                "CSC Responsibilities  (Optional/Recommended)"]


def caiq(path: Path, rows: list[tuple[str, object, str, str]], *, hidden: bool = False, intro: bool = True,
         merge: str | None = None) -> Path:
    """A CAIQ v4.0.3-shaped workbook: rows of (id, answer, owner, description)."""
    from openpyxl import Workbook

    wb = Workbook()
    first = wb.active
    first.title = "Introduction" if intro else "CAIQv4.0.3"
    ws = wb.create_sheet("CAIQv4.0.3") if intro else first
    if intro:
        first["A1"] = "Notes from the vendor"
    ws["A1"], ws["B1"] = "v4.0.3", "CONSENSUS ASSESSMENTS INITIATIVE QUESTIONNAIRE v4.0.3"
    ws.append(CAIQ_HEADERS)
    for qid, answer, owner, text in rows:
        ws.append([qid, f"synthetic question about {qid}", answer, owner, text, None])
    ws.append(["End of Standard"])
    ws.append(["A closing notice row that carries no id."])
    if merge:
        ws.merge_cells(merge)
    if hidden:
        ws.sheet_state = "hidden"
    wb.save(path)
    return path


ROWS = [("IAM-14.1", "Yes", "CSP-owned", "Staff sign in with a second factor."),
        ("CEK-03.1", "Yes", "CSP-owned", "Stored data is encrypted with AES-256."),
        ("BCR-08.1", "No", "CSP-owned", ""),
        ("IAM-11.1", "NA", "CSP-owned", "Customers have no privileged roles here."),
        ("DSP-19.1", None, "CSP-owned", ""),
        ("IVS-08.1", "Yes", "Shared CSP and CSC", "Customers document their own networks."),
        ("TVM-06.1", "1) Yes", "CSP-owned", "Yearly external test.")]


@pytest.fixture
def acme(cli, tmp_path):
    doc = tmp_path / "acme.md"
    doc.write_text("Acme security overview\n\nWe do not encrypt customer data at rest.\n")
    assert cli("vendor", "init", "acme", "--from", str(doc)).exit_code == 0
    return cli


def _dossier_state(workspace: Path) -> tuple[str, list[str]]:
    folder = workspace / "evidence" / "acme"
    return (folder / "vendor.yaml").read_text(), sorted(p.name for p in (folder / "documents").iterdir())


def test_synthetic_caiq_answers_ownership_and_claims(acme, tmp_path):
    path = caiq(tmp_path / "v.xlsx", ROWS)
    out = acme.json("questionnaire", "import", "acme", str(path))
    got = {a["id"]: a for a in out["answers"]}
    assert [a["id"] for a in out["answers"]] == [r[0] for r in ROWS]
    assert out["summary"] == {"yes": 4, "no": 1, "na": 1, "blank": 1, "other": 0}
    assert got["TVM-06.1"]["answer"] == "yes" and got["TVM-06.1"]["citation"]["text"] == "1) Yes"
    assert got["IAM-14.1"]["claims"] == [{"control": "mfa", "polarity": "affirmed", "hedged": False}]
    assert got["BCR-08.1"]["claims"] == [{"control": "backup", "polarity": "denied", "hedged": False}]
    assert got["IAM-11.1"]["claims"] == [] and got["DSP-19.1"]["claims"] == []
    assert got["IVS-08.1"]["ownership"] == "shared-customer" and got["IVS-08.1"]["claims"] == []
    assert got["IAM-14.1"]["citation"]["cell"] == "CAIQv4.0.3!C3"
    import yaml

    dossier = yaml.safe_load((acme.workspace / "evidence/acme/vendor.yaml").read_text())
    record = dossier["questionnaires"][0]
    assert record["family"] == "caiq" and record["questions"] == 7
    assert [i["id"] for i in record["not_applicable"]] == ["IAM-11.1"]
    assert [i["id"] for i in record["unanswered"]] == ["DSP-19.1"]
    assert [i["id"] for i in record["customer"]] == ["IVS-08.1"]
    evidence = acme.json("evidence", "list", "acme")
    items = evidence if isinstance(evidence, list) else evidence.get("items", evidence)
    assert any(i["kind"] == "questionnaire" and not i["covers"] for i in items), "stored, covering no control"


def test_reimport_replaces_rather_than_duplicates(acme, tmp_path):
    path = caiq(tmp_path / "v.xlsx", ROWS)
    acme.json("questionnaire", "import", "acme", str(path))
    first = _dossier_state(acme.workspace)
    acme.json("questionnaire", "import", "acme", str(path))
    assert _dossier_state(acme.workspace) == first


def test_contradiction_with_a_document_is_a_finding_with_both_citations(acme, tmp_path):
    acme.json("questionnaire", "import", "acme", str(caiq(tmp_path / "v.xlsx", ROWS)))
    report = acme.json("audit", "acme")
    found = [f for f in report["findings"] if f["kind"] == "questionnaire" and f["control"] == "encryption-at-rest"]
    assert found and "contradicts the vendor's documents" in found[0]["title"]
    assert "cell CAIQv4.0.3!C4" in found[0]["detail"] and "line 3" in found[0]["detail"]
    basis = [str(b) for b in found[0]["basis"]]
    assert len(basis) == 2 and "cell CAIQv4.0.3!C4" in basis[0] and "line 3" in basis[1]


def test_vendor_check_rereads_the_cited_cells(acme, tmp_path):
    acme.json("questionnaire", "import", "acme", str(caiq(tmp_path / "v.xlsx", ROWS)))
    assert acme("vendor", "check", "acme").exit_code == 0
    yaml_file = acme.workspace / "evidence/acme/vendor.yaml"
    text = yaml_file.read_text()
    assert "cell: CAIQv4.0.3!C5\n    text: 'No'" in text
    yaml_file.write_text(text.replace("cell: CAIQv4.0.3!C5\n    text: 'No'", "cell: CAIQv4.0.3!C5\n    text: 'Yes'"))
    result = acme("vendor", "check", "acme")
    assert result.exit_code == 1 and "CAIQv4.0.3!C5" in result.output


def test_caiq_v3_marks_are_read_by_the_marked_column(tmp_path):
    from openpyxl import Workbook

    from auditor.questionnaires.read import read_questionnaire

    wb = Workbook()
    ws = wb.active
    ws.title = "CSA CAIQ v3.0.1"
    ws.append(["Consensus Assessments Initiative Questionnaire v3.0.1"])
    ws.append(["Control Domain", "Control ID", "Question ID", "Control Specification",
               "Consensus Assessment Questions", "Consensus Assessment Answers", None, None, "Notes"])
    ws.append([None] * 9)
    ws.append([None, None, None, None, None, "Yes", "No", "Not Applicable", None])
    ws.append(["Domain one", "AIS-01", "AIS-01.1", "spec", "q", "x", None, None, "a note"])
    ws.append([None, None, "AIS-01.2", None, "q", None, "X", None, None])
    ws.append([None, None, "AIS-01.3", None, "q", None, None, "x", None])
    ws.append([None, None, "AIS-01.4", None, "q", None, None, None, None])
    buf = io.BytesIO()
    wb.save(buf)
    q = read_questionnaire(buf.getvalue(), "v3.xlsx")
    assert (q.family.value, q.version) == ("caiq", "3.0.1")
    assert [(i.id, i.answer.value) for i in q.items] == [("AIS-01.1", "yes"), ("AIS-01.2", "no"),
                                                          ("AIS-01.3", "na"), ("AIS-01.4", "blank")]
    assert q.items[0].comment == "a note" and q.items[1].cell == "CSA CAIQ v3.0.1!G6"
    assert q.mapping.family == "custom", "v3 ids mean other things than v4's: no v4 mapping is applied"


def test_custom_sheet_with_map_and_thousands_of_rows(acme, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Cover"
    ws = wb.create_sheet("Security")
    ws.append(["Ref", "Question", "Response", "Notes"])
    for n in range(1, 5001):
        ws.append([f"S-{n}", f"item {n}", ["Yes", "No", "N/A", None][n % 4], f"note {n}"])
    path = tmp_path / "custom.xlsx"
    wb.save(path)
    result = acme("questionnaire", "import", "acme", str(path), "--map", "id=A,question=B,answer=C,comment=D",
                  "--format", "json")
    assert result.exit_code == 2 and "--sheet" in result.output  # two sheets: say which
    out = acme.json("questionnaire", "import", "acme", str(path), "--sheet", "Security",
                    "--map", "id=A,question=B,answer=C,comment=D")
    assert out["questionnaire"]["family"] == "custom" and len(out["answers"]) == 5000
    assert out["summary"] == {"yes": 1250, "no": 1250, "na": 1250, "blank": 1250, "other": 0}
    assert out["answers"][0]["citation"]["cell"] == "Security!C2"
    bad = acme("questionnaire", "import", "acme", str(path), "--sheet", "Security", "--map", "id=A,answer=7")
    assert bad.exit_code == 2 and "not a column letter" in bad.output


def test_csv_with_bom_crlf_and_line_breaks_in_cells(acme, tmp_path):
    text = ("Ref,Question,Response,Notes\r\n"
            'Q-1,"first, with a comma",Yes,"two\nlines"\r\n'
            "Q-2,second,N/A,\r\n"
            'Q-3,"third ""quoted""",No,plain')
    path = tmp_path / "answers.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    out = acme.json("questionnaire", "import", "acme", str(path), "--map", "id=A,answer=C,comment=D")
    assert [(a["id"], a["answer"], a["text"]) for a in out["answers"]] == [
        ("Q-1", "yes", "two\nlines"), ("Q-2", "na", ""), ("Q-3", "no", "plain")]
    assert out["answers"][2]["citation"]["cell"] == "answers!C4"


@pytest.mark.parametrize("case", ["corrupt", "password", "formula", "unknown", "pdf"])
def test_bad_input_is_one_line_exit_2_and_nothing_written(acme, tmp_path, case):
    from openpyxl import Workbook

    path = tmp_path / "bad.xlsx"
    if case == "corrupt":
        good = caiq(tmp_path / "good.xlsx", ROWS).read_bytes()
        path.write_bytes(good[: len(good) // 2])
    elif case == "password":  # an encrypted OOXML file is an OLE2 container holding "EncryptedPackage"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le"))
    elif case == "formula":
        caiq(path, ROWS)
        from openpyxl import load_workbook

        wb = load_workbook(path)
        wb["CAIQv4.0.3"]["C4"] = '=IF(1=1,"Yes","No")'  # saved by openpyxl: no cached value
        wb.save(path)
    elif case == "unknown":
        wb = Workbook()
        wb.active.append(["just", "a", "table"])
        wb.save(path)
    else:
        path = tmp_path / "bad.pdf"
        path.write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    before = _dossier_state(acme.workspace)
    result = acme("questionnaire", "import", "acme", str(path))
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("auditor: error: ") and "Traceback" not in result.output
    assert str(path) in lines[0]
    if case == "formula":
        assert "'CAIQv4.0.3'" in lines[0] and "C4" in lines[0] and "cached value" in lines[0]
    if case == "password":
        assert "password" in lines[0]
    assert _dossier_state(acme.workspace) == before
    listed = acme("evidence", "list", "acme", "--format", "json")
    assert "questionnaire" not in listed.stdout


def test_macros_hidden_sheets_and_merged_cells_are_handled(acme, tmp_path):
    path = caiq(tmp_path / "m.xlsx", ROWS, hidden=True, merge="C3:C4")
    data = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(data, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr("xl/vbaProject.bin", b"\0macro bytes we never run")
    path = tmp_path / "m.xlsm"
    path.write_bytes(data.getvalue())
    result = acme("questionnaire", "import", "acme", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert "macros" in result.stderr and "hidden" in result.stderr
    got = {a["id"]: a["answer"] for a in out["answers"]}
    assert got["IAM-14.1"] == "yes" and got["CEK-03.1"] == "blank"  # under a merge: value on the first row only


def test_builtin_sample_dossiers_are_not_written(cli, tmp_path):
    result = cli("questionnaire", "import", "zoho-crm", str(caiq(tmp_path / "v.xlsx", ROWS)))
    assert result.exit_code == 2 and "sample" in result.output


def _fill(path: Path, answers: dict[str, tuple[str, str, str]]) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.active
    for row in ws.iter_rows(min_row=2):
        item = row[7].value
        if item in answers:
            row[4].value, row[5].value, row[6].value = answers[item]
    out = path.with_name("filled-" + path.name)
    wb.save(out)
    return out


def test_export_opens_and_imports_back_as_cited_claims(acme, tmp_path):
    from openpyxl import load_workbook

    acme.json("questionnaire", "import", "acme", str(caiq(tmp_path / "v.xlsx", ROWS)))
    before = acme.json("audit", "acme", "--record")
    out = tmp_path / "followup.xlsx"
    result = acme("questionnaire", "export", "acme", "--out", str(out))
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    ws = wb.active
    assert ws.freeze_panes == "B2" and ws.column_dimensions["H"].hidden and not ws.sheet_view.rightToLeft
    assert [c.value for c in ws[1]][:5] == ["ID", "Question", "Why we ask", "Evidence that would close it", "Answer"]
    assert ws.column_dimensions["B"].width >= 40 and ws["B2"].alignment.wrap_text
    validation = ws.data_validations.dataValidation[0]
    assert validation.formula1 == '"Yes,No,NA"' and str(validation.sqref).startswith("E2:E")
    items = [r[7].value for r in ws.iter_rows(min_row=2)]
    from python_calamine import CalamineWorkbook  # a second, independent reader opens it too

    assert CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Follow-up").to_python()[0][0] == "ID"
    assert "data-processing-agreement" in items and all(r[1].value for r in ws.iter_rows(min_row=2))

    filled = _fill(out, {"data-processing-agreement": ("Yes", "Our DPA is signed with every customer.", "dpa.pdf")})
    back = acme.json("questionnaire", "import", "acme", str(filled))
    assert back["questionnaire"]["family"] == "followup"
    answered = [a for a in back["answers"] if a["answer"] == "yes"]
    assert len(answered) == 1 and answered[0]["claims"][0]["control"] == "data-processing-agreement"
    assert answered[0]["citation"]["cell"].startswith("Follow-up!E") and answered[0]["attachment"] == "dpa.pdf"
    table = acme("questionnaire", "import", "acme", str(filled))
    assert "evidence add" in table.output and "dpa.pdf" in table.output
    after = acme.json("audit", "acme", "--record")

    def titles(report, control):
        return [f["title"] for f in report["findings"] if f["control"] == control and f["kind"] == "control"]

    assert any("not addressed" in t for t in titles(before, "data-processing-agreement"))
    assert any("claimed, no evidence" in t for t in titles(after, "data-processing-agreement"))
    diff = acme("diff", "acme", "--format", "json")
    assert diff.exit_code == 0, diff.output
    assert "Data processing agreement" in diff.stdout, "the next audit shows what the answers changed"


def test_arabic_export_reads_right_to_left_and_csv_has_a_bom(acme, tmp_path):
    from openpyxl import load_workbook

    acme.json("questionnaire", "import", "acme", str(caiq(tmp_path / "v.xlsx", ROWS)))
    out = tmp_path / "ar.xlsx"
    assert acme("questionnaire", "export", "acme", "--out", str(out), "--language", "ar").exit_code == 0
    ws = load_workbook(out).active
    assert ws.sheet_view.rightToLeft and ws.title == "متابعة" and ws["A1"].value == "الرقم"
    assert any("\u0600" <= ch <= "\u06ff" for ch in ws["B2"].value)
    assert ws.data_validations.dataValidation[0].formula1 == '"نعم,لا,لا ينطبق"'
    csv_out = tmp_path / "ar.csv"
    assert acme("questionnaire", "export", "acme", "--out", str(csv_out), "--language", "ar").exit_code == 0
    raw = csv_out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    filled = tmp_path / "ar-filled.csv"
    lines = raw.decode("utf-8-sig").split("\r\n")
    cells = lines[1].split(",")
    cells[4] = "نعم"
    filled.write_bytes(b"\xef\xbb\xbf" + "\r\n".join([lines[0], ",".join(cells)] + lines[2:]).encode("utf-8"))
    back = acme.json("questionnaire", "import", "acme", str(filled))
    assert back["summary"]["yes"] == 1 and back["answers"][0]["claims"]


@pytest.mark.skipif(not (shutil.which("libreoffice") or shutil.which("soffice")), reason="LibreOffice not installed")
def test_export_converts_in_libreoffice(acme, tmp_path):
    acme.json("questionnaire", "import", "acme", str(caiq(tmp_path / "v.xlsx", ROWS)))
    out = tmp_path / "followup.xlsx"
    assert acme("questionnaire", "export", "acme", "--out", str(out)).exit_code == 0
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    subprocess.run([exe, "--headless", "--convert-to", "ods", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    assert (tmp_path / "followup.ods").stat().st_size > 0


def test_detection_reads_the_sheets_never_the_file_name(tmp_path):
    from auditor.questionnaires.read import read_questionnaire

    path = caiq(tmp_path / "hecvat-lite-v3.06.csv", ROWS)  # an xlsx misnamed as a HECVAT CSV
    q = read_questionnaire(path.read_bytes(), str(path))
    assert (q.family.value, q.version) == ("caiq", "4.0.3")


def test_hecvat_4_tabs_are_read_as_one_questionnaire(tmp_path):
    from openpyxl import Workbook

    from auditor.questionnaires.read import read_questionnaire

    wb = Workbook()
    tabs = {"START HERE": [("GNRL-01", "Acme"), ("REQU-01", "Yes")],
            "Organization": [("GNRL-01", "Acme"), ("DOCU-01", "No")],
            "Product": [("GNRL-01", "Acme"), ("AAAI-01", "Yes"), ("DATA-01", None)]}
    wb.remove(wb.active)
    for name, rows in tabs.items():
        ws = wb.create_sheet(name)
        ws["A1"] = "A notice about the dropdowns"
        ws["A2"], ws["F2"] = "Our synthetic title", "Version 4.1.4"
        ws.append([" Section", None, "Answer", "Additional Information"])
        for qid, answer in rows:
            ws.append([qid, "a question", answer, None])
    buf = io.BytesIO()
    wb.save(buf)
    q = read_questionnaire(buf.getvalue(), "h4.xlsx")
    assert (q.family.value, q.version) == ("hecvat", "4.1.4")
    assert [(i.id, i.answer.value) for i in q.items] == [("GNRL-01", "other"), ("REQU-01", "yes"),
                                                          ("DOCU-01", "no"), ("AAAI-01", "yes"), ("DATA-01", "blank")]
    assert q.items[2].cell == "Organization!C5" and not q.mapping.versions
    assert any("no control mapping" in w for w in q.warnings)


def test_mapping_data_names_real_controls_and_only_ids():
    import re

    from auditor.catalog.loader import load_catalog
    from auditor.questionnaires.mapping import load_mappings

    controls = set(load_catalog(None).controls)
    mappings = load_mappings()
    assert {(m.family, m.versions) for m in mappings} >= {("caiq", ("4.0",)), ("hecvat-full", ("3",)),
                                                          ("hecvat-full", ("2",)), ("hecvat-lite", ("3",))}
    for m in mappings:
        for qid, mapped in [*m.by_control.items(), *m.by_question.items()]:
            assert re.fullmatch(r"[A-Z&]{2,4}-\d{2}(\.\d+)?", qid), (m.file, qid)
            assert set(mapped) <= controls, (m.file, qid, set(mapped) - controls)
        assert m.inverted <= set(m.by_question), m.file
    caiq4 = next(m for m in mappings if m.family == "caiq")
    assert len(caiq4.by_control) == 197 and caiq4.controls("IAM-14.1") == ("mfa",)
    assert caiq4.controls("BCR-10.2") == () and caiq4.controls("BCR-10.1") == ("disaster-recovery",)


def test_the_calamine_reader_for_xls_and_ods_gives_the_same_answers(tmp_path):
    """xls, xlsb and ods go through python-calamine; it reads an xlsx too, so both readers are compared."""
    from auditor.questionnaires.layouts import detect
    from auditor.questionnaires.read import _items, read_questionnaire
    from auditor.questionnaires.sheets import _read_calamine

    data = caiq(tmp_path / "v.xlsx", ROWS, hidden=True).read_bytes()
    book = _read_calamine(data, "v.xls", kind="xls")
    assert [(s.name, s.hidden) for s in book.sheets] == [("Introduction", False), ("CAIQv4.0.3", True)]
    items, _ = _items(detect(book), "v.xls")
    expected = read_questionnaire(data, "v.xlsx").items
    assert [(i.id, i.answer, i.cell, i.comment) for i in items] == \
        [(i.id, i.answer, i.cell, i.comment) for i in expected]


def test_a_no_among_yeses_about_one_control_is_a_partial_gap_not_a_denial(acme, tmp_path):
    rows = [("IAM-14.1", "Yes", "CSP-owned", ""), ("IAM-14.2", "No", "CSP-owned", ""),
            ("BCR-08.1", "No", "CSP-owned", "")]
    out = acme.json("questionnaire", "import", "acme", str(caiq(tmp_path / "p.xlsx", rows)))
    got = {a["id"]: a for a in out["answers"]}
    assert got["IAM-14.2"]["claims"] == [] and got["IAM-14.2"]["partial"] == ["mfa"]
    assert got["BCR-08.1"]["claims"] == [{"control": "backup", "polarity": "denied", "hedged": False}]
    report = acme.json("audit", "acme")
    partial = [f for f in report["findings"] if f["kind"] == "questionnaire" and f["control"] == "mfa"]
    assert partial and "part of it" in partial[0]["title"] and "IAM-14.2" in partial[0]["detail"]


def test_a_follow_up_imports_only_into_the_vendor_it_was_written_for(acme, tmp_path):
    acme.json("questionnaire", "import", "acme", str(caiq(tmp_path / "v.xlsx", ROWS)))
    out = tmp_path / "followup.xlsx"
    assert acme("questionnaire", "export", "acme", "--out", str(out)).exit_code == 0
    doc = tmp_path / "other.md"
    doc.write_text("Other vendor\n")
    assert acme("vendor", "init", "other", "--from", str(doc)).exit_code == 0
    result = acme("questionnaire", "import", "other", str(out))
    assert result.exit_code == 2 and "exported for 'acme'" in result.output


def test_an_old_questionnaire_is_reported_out_of_date(acme, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "HECVAT - Lite | Vendor Response"
    ws.append(["HECVAT - Lite | Vendor Response", None, None, None, "Version 3.06"])
    ws.append(["Vendor Response"])
    ws.append(["DATE-01", "Date", "6/22/2020"])
    ws.append(["Section", None, "Vendor Answers", "Additional Information"])
    ws.append(["HLDA-03", "our wording", "Yes", "Stored data is encrypted."])
    path = tmp_path / "lite.xlsx"
    wb.save(path)
    out = acme.json("questionnaire", "import", "acme", str(path))
    assert out["questionnaire"]["family"] == "hecvat-lite" and out["answers"][1]["claims"]
    import yaml

    record = yaml.safe_load((acme.workspace / "evidence/acme/vendor.yaml").read_text())["questionnaires"][0]
    assert str(record["completed"]) == "2020-06-22"
    report = acme.json("audit", "acme")
    old = [f for f in report["findings"] if f["kind"] == "questionnaire" and "out of date" in f["title"]]
    assert old and "2020-06-22" in old[0]["title"]


def test_a_yes_that_collected_evidence_contradicts_is_a_finding(acme, tmp_path):
    from auditor.evidence.store import EvidenceStore
    from auditor.model.enums import CheckStatus
    from auditor.model.evidence import CheckResult
    from auditor.workspace import Workspace

    rows = [("CEK-03.1", "Yes", "CSP-owned", "All traffic uses TLS 1.2 or later.")]
    acme.json("questionnaire", "import", "acme", str(caiq(tmp_path / "t.xlsx", rows)))
    store = EvidenceStore(Workspace(acme.workspace))
    store.record_observation("acme", {"url": "https://acme.example"}, source="https://acme.example",
                             checks=[CheckResult(name="tls", status=CheckStatus.FAIL, message="TLS 1.0 accepted",
                                                 controls=["encryption-in-transit"])])
    report = acme.json("audit", "acme")
    found = [f for f in report["findings"] if f["kind"] == "questionnaire" and f["control"] == "encryption-in-transit"]
    assert found and "contradicts collected evidence" in found[0]["title"]
    assert "CAIQv4.0.3!C3" in found[0]["detail"] and "TLS 1.0 accepted" in found[0]["detail"]


def _pdf(path: Path, lines: list[str]) -> Path:
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=landscape(letter))
    y = 580
    for line in lines:
        c.setFont("Courier", 8)
        c.drawString(20, y, line)
        y -= 11
    c.save()
    return path


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext not installed")
def test_a_caiq_printed_to_pdf_and_one_whose_ids_wrap(tmp_path):
    from auditor.errors import InputError
    from auditor.questionnaires.read import read_questionnaire

    head = ["        CONSENSUS ASSESSMENTS INITIATIVE QUESTIONNAIRE v4.0.2", "v4.0.2",
            " Question ID      Question                     CSP CAIQ   SSRM Control    CSP Implementation"]
    body = ["                  Is the first thing done?      Yes        CSP-owned       We do the first thing.",
            "   IAM-14.1       more words",
            "                  Is the second thing done?     NA         CSC-owned       Customers do it.",
            "   IAM-14.2",
            "                  Is the third thing done?      No         CSP-owned       Not yet.",
            "   BCR-08.1"]
    good = _pdf(tmp_path / "good.pdf", head + body)
    q = read_questionnaire(good.read_bytes(), str(good))
    assert [(i.id, i.answer.value, i.ownership.value) for i in q.items] == [
        ("IAM-14.1", "yes", "vendor"), ("IAM-14.2", "na", "customer"), ("BCR-08.1", "no", "vendor")]
    assert q.items[0].comment.startswith("We do the first thing") and q.items[0].line == 4
    wrapped = _pdf(tmp_path / "wrapped.pdf", head + ["   IAM-", "   14.1          Is it done?   Yes   CSP-owned",
                                                    "   IAM-14.2      Is it done?   Yes   CSP-owned"])
    with pytest.raises(InputError, match="wrap"):
        read_questionnaire(wrapped.read_bytes(), str(wrapped))


def test_dry_run_reads_and_writes_nothing(acme, tmp_path):
    before = _dossier_state(acme.workspace)
    out = acme.json("questionnaire", "import", "acme", str(caiq(tmp_path / "v.xlsx", ROWS)), "--dry-run")
    assert len(out["answers"]) == len(ROWS)
    assert _dossier_state(acme.workspace) == before
    assert "questionnaire" not in acme("evidence", "list", "acme", "--format", "json").stdout


def test_two_imports_at_once_into_one_dossier_both_land(acme, tmp_path):
    import os
    import sys

    import yaml

    first = caiq(tmp_path / "a.xlsx", ROWS[:3])
    second = caiq(tmp_path / "b.xlsx", ROWS[3:])
    env = {**os.environ, "AUDITOR_WORKSPACE": str(acme.workspace)}
    procs = [subprocess.Popen([sys.executable, "-m", "auditor", "questionnaire", "import", "acme", str(p)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for p in (first, second)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    dossier = yaml.safe_load((acme.workspace / "evidence/acme/vendor.yaml").read_text())
    assert len(dossier["questionnaires"]) == 2
    assert acme("vendor", "check", "acme").exit_code == 0
