"""Does every cell citation still read as cited? The questionnaire copies in the dossier are re-read.

``vendor check`` calls this for the documents the dossier records as questionnaires: a cell
citation ``Sheet!C57`` must name a cell of that sheet whose text is exactly the cited text (for a
CAIQ read from PDF, the cited line of its layout text must still hold the answer).
"""

from __future__ import annotations

import re
from pathlib import Path

from auditor.errors import InputError
from auditor.model.vendor import Vendor

_REF = re.compile(r"^(?P<sheet>.+)!(?P<col>[A-Z]{1,3})(?P<row>\d+)$")


def questionnaire_documents(vendor: Vendor) -> set[str]:
    return {record.document for record in vendor.questionnaires}


def citation_problems(vendor: Vendor, folder: Path) -> list[tuple[str, str]]:
    """(label, message) for each cited cell or line that no longer reads as cited."""
    from auditor.dossier import document_path, iter_citations
    from auditor.questionnaires.pdf import layout_text, pdf_lines
    from auditor.questionnaires.sheets import column_index, read_workbook

    wanted = questionnaire_documents(vendor)
    files = {ref.sha256: ref for ref in vendor.documents if ref.sha256 in wanted}
    records = {r.document: r for r in vendor.questionnaires}
    problems: list[tuple[str, str]] = []
    books: dict[str, object] = {}
    for label, cite in iter_citations(vendor):
        if cite is None or cite.document not in wanted or cite.document not in files:
            continue
        ref = files[cite.document]
        target = document_path(folder, ref.path)
        if target is None or not target.is_file():
            continue  # a missing or moved document is reported by check_dossier
        if cite.document not in books:
            data = target.read_bytes()
            try:
                if data.startswith(b"%PDF-"):
                    books[cite.document] = pdf_lines(layout_text(data, str(target)))
                else:
                    books[cite.document] = read_workbook(data, str(target),
                                                         csv_sheet=records[cite.document].sheet or "csv")
            except InputError as exc:
                problems.append((label, f"questionnaire {ref.path} cannot be read: {exc.message}"))
                books[cite.document] = None
        book = books[cite.document]
        if book is None:
            continue
        if isinstance(book, list):
            if cite.line is None or cite.line > len(book) or cite.text not in book[cite.line - 1]:
                problems.append((label, f"{cite.where} of {ref.path} does not read as cited"))
            continue
        m = _REF.match(cite.cell or "")
        if m is None:
            problems.append((label, f"cites {cite.where} of questionnaire {ref.path}, which has cells, not lines"))
            continue
        try:
            sheet = book.sheet(m.group("sheet"))
        except InputError:
            problems.append((label, f"{cite.where}: {ref.path} has no sheet {m.group('sheet')!r}"))
            continue
        if sheet.cell(int(m.group("row")), column_index(m.group("col"))) != cite.text:
            problems.append((label, f"{cite.where} of {ref.path} does not read as cited"))
    return problems
