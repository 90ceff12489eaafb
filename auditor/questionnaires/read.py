"""A questionnaire file to its items: one per question id, in the file's order, each with its cell."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from auditor.errors import InputError
from auditor.model.questionnaire import AnswerValue, Ownership, QuestionnaireFamily
from auditor.questionnaires.layouts import Layout, custom_layout, detect
from auditor.questionnaires.mapping import Mapping, mapping_for, normalise_answer, normalise_ownership
from auditor.questionnaires.sheets import Sheet, read_workbook


@dataclass(frozen=True)
class Item:
    """One question as answered. ``cell`` (or ``line``, for PDF text) locates the answer exactly."""

    id: str
    answer: AnswerValue
    raw: str
    cell: str | None = None
    line: int | None = None
    comment: str = ""
    comment_cell: str | None = None
    ownership: Ownership | None = None
    customer_text: str = ""
    attachment: str = ""
    item: str = ""  # our follow-up's hidden item id


@dataclass
class Questionnaire:
    path: str
    sha256: str
    family: QuestionnaireFamily
    version: str | None
    sheet: str | None
    items: list[Item]
    mapping: Mapping
    warnings: list[str] = field(default_factory=list)
    owner: str | None = None  # a follow-up's vendor id, as exported

    @property
    def completed(self) -> date | None:
        """When the vendor says it filled this in (HECVAT DATE-01), if that cell reads as a date."""
        item = next((i for i in self.items if i.id == "DATE-01"), None)
        return completion_date(item.raw) if item else None

    def summary(self) -> dict[str, int]:
        counts = {a.value: 0 for a in AnswerValue}
        for item in self.items:
            counts[item.answer.value] += 1
        return counts


def read_questionnaire(data: bytes, path: str, *, sheet: str | None = None, spec: str | None = None,
                       csv_sheet: str = "csv") -> Questionnaire:
    """Detect the template (or use ``spec``, a ``--map``) and read every question id."""
    sha = hashlib.sha256(data).hexdigest()
    if data.startswith(b"%PDF-"):
        if spec or sheet:
            raise InputError("--map and --sheet apply to workbooks and CSV files, not PDF", file=path)
        from auditor.questionnaires.pdf import read_caiq_pdf

        return read_caiq_pdf(data, path, sha)
    book = read_workbook(data, path, csv_sheet=csv_sheet)
    layout = custom_layout(book, sheet, spec) if spec else detect(book, sheet)
    items, warnings = _items(layout, path)
    if not items:
        raise InputError(f"sheet {layout.sheets[0].name!r}: no question ids found", file=path)
    if book.macros:
        warnings.append("the workbook holds macros; they were not run (only cell values were read)")
    if any(s.hidden for s in layout.sheets):
        warnings.append(f"sheet {layout.sheets[0].name!r} is hidden in the workbook")
    family = layout.family
    mapping = mapping_for(family.value, layout.version)
    if family not in (QuestionnaireFamily.CUSTOM, QuestionnaireFamily.FOLLOWUP) and not mapping.family == family.value:
        warnings.append(f"no control mapping for {family.value} {layout.version or '(version unknown)'}: "
                        "answers are read but become no claims")
    return Questionnaire(path=path, sha256=sha, family=family, version=layout.version,
                         sheet=", ".join(s.name for s in layout.sheets), items=items, mapping=mapping,
                         warnings=warnings, owner=layout.owner)


def _items(layout: Layout, path: str) -> tuple[list[Item], list[str]]:
    items: list[Item] = []
    seen: set[str] = set()
    warnings: list[str] = []
    for sheet in layout.sheets:
        cols = layout.columns_by_sheet.get(sheet.name, layout.columns)
        for r in range(layout.first_row, len(sheet.rows) + 1):
            qid = sheet.cell(r, cols.id).strip()
            if (r, cols.id) in sheet.formulas:
                _no_cache(sheet, r, cols.id, path)
            if not qid or not layout.id_pattern.match(qid):
                continue
            if qid in seen:
                if layout.family != QuestionnaireFamily.HECVAT:  # 4.x repeats GNRL on every tab by design
                    warnings.append(f"{sheet.ref(r, cols.id)}: {qid} appears again; the first answer was kept")
                continue
            seen.add(qid)
            items.append(_item(sheet, r, qid, cols, layout, path))
    return items, warnings


def _no_cache(sheet: Sheet, row: int, col: int, path: str) -> None:
    raise InputError(f"sheet {sheet.name!r} cell {sheet.ref(row, col).split('!')[1]}: a formula with no cached "
                     "value (the file was saved by a program that does not compute formulas); open it in a "
                     "spreadsheet program, save, and import again", file=path)


def _text(sheet: Sheet, row: int, col: int | None, path: str) -> str:
    if col is None:
        return ""
    if (row, col) in sheet.formulas:
        _no_cache(sheet, row, col, path)
    return sheet.cell(row, col)


def _item(sheet: Sheet, r: int, qid: str, cols, layout: Layout, path: str) -> Item:
    comment = _text(sheet, r, cols.comment, path).strip()
    common = {"comment": comment, "comment_cell": sheet.ref(r, cols.comment) if cols.comment is not None else None,
              "attachment": _text(sheet, r, cols.attachment, path).strip(),
              "item": _text(sheet, r, cols.item, path).strip()}
    if cols.marks:  # CAIQ v3: a mark in exactly one of Yes / No / Not Applicable
        marked = [(key, col) for key, col in cols.marks.items() if _text(sheet, r, col, path).strip()]
        if len(marked) == 1:
            key, col = marked[0]
            return Item(id=qid, answer=AnswerValue(key), raw=sheet.cell(r, col), cell=sheet.ref(r, col), **common)
        first = min(cols.marks.values())
        answer = AnswerValue.BLANK if not marked else AnswerValue.OTHER
        return Item(id=qid, answer=answer, raw="", cell=sheet.ref(r, first), **common)
    raw = _text(sheet, r, cols.answer, path)
    ownership_raw = _text(sheet, r, cols.ownership, path)
    return Item(id=qid, answer=normalise_answer(raw), raw=raw, cell=sheet.ref(r, cols.answer), **common,
                ownership=normalise_ownership(ownership_raw),
                customer_text=_text(sheet, r, cols.customer, path).strip())


def completion_date(text: str) -> date | None:
    """``2024-05-20``, ``July 1, 2024``, ``5/20/2024`` (US order, as HECVAT is) -> a date; else None."""
    text = text.strip()
    if not text or not re.search(r"\d{4}", text) or len(text) > 40:
        return None
    from dateutil import parser

    try:
        return parser.parse(text, dayfirst=False, fuzzy=False).date()
    except (ValueError, OverflowError):
        return None
