"""Which questionnaire a workbook is, and where its ids, answers and comments are.

The family and version are read from the sheets themselves (sheet names, title and version
cells, header texts), never from the file name. Header cells are found by their text, because
vendors insert columns, rows and notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.errors import InputError
from auditor.model.questionnaire import QuestionnaireFamily
from auditor.questionnaires.sheets import Sheet, Workbook, column_index

HEAD_ROWS = 12
_CAIQ4_ID = re.compile(r"^[A-Z&]{2,4}-\d{2}\.\d+$")
_CAIQ3_ID = re.compile(r"^[A-Z]{3}-\d{2}\.\d+$")
_HECVAT_ID = re.compile(r"^[A-Z]{4}-\d{2}$")
_VERSION = re.compile(r"\bv(?:ersion)?\s*(\d+(?:\.\d+)+)\b", re.IGNORECASE)
_HECVAT4_TABS = ("START HERE", "Organization", "Product", "Infrastructure", "IT Accessibility", "Case-Specific",
                 "AI", "Privacy")
FOLLOWUP_MARK = "auditor-item"  # header of the hidden item-id column of our own follow-up sheet
# Our follow-up sheet's columns (0-based), whatever the language of its headers.
FOLLOWUP_COLUMNS = {"id": 0, "question": 1, "why": 2, "evidence": 3, "answer": 4, "comment": 5, "attachment": 6}


@dataclass
class Columns:
    """0-based columns of one layout; ``marks`` (CAIQ v3) are answer columns holding an x."""

    id: int
    answer: int | None = None
    comment: int | None = None
    ownership: int | None = None
    customer: int | None = None
    attachment: int | None = None
    item: int | None = None
    marks: dict[str, int] = field(default_factory=dict)


@dataclass
class Layout:
    family: QuestionnaireFamily
    version: str | None
    sheets: list[Sheet]
    columns: Columns
    first_row: int  # 1-based: rows before it are headers
    id_pattern: re.Pattern[str]
    columns_by_sheet: dict[str, Columns] = field(default_factory=dict)  # HECVAT 4.x: per tab
    owner: str | None = None  # our follow-up: the vendor id it was exported for


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _find(row: list[str], *needles: str, start: bool = False) -> int | None:
    for i, value in enumerate(row):
        v = _norm(value)
        if any(v.startswith(n) if start else v == n for n in needles):
            return i
    return None


def _version_in(*texts: str) -> str | None:
    for text in texts:
        m = _VERSION.search(text or "")
        if m:
            return m.group(1)
    return None


def detect(book: Workbook, sheet_name: str | None = None) -> Layout:
    """The layout of ``book`` (or of its sheet ``sheet_name``); InputError when none is recognised."""
    if sheet_name is None and _is_hecvat4(book):
        return _hecvat4(book)
    candidates = [book.sheet(sheet_name)] if sheet_name else book.sheets
    found: list[Layout] = []
    for sheet in candidates:
        layout = _detect_sheet(sheet, book)
        if layout is not None:
            found.append(layout)
    if not found:
        where = f"sheet {sheet_name!r} is not" if sheet_name else "no sheet is"
        raise InputError(f"{where} a CAIQ, HECVAT or auditor follow-up layout; say where the answers are "
                         "with --sheet NAME --map id=A,answer=C[,comment=D]", file=book.path)
    found.sort(key=lambda lay: lay.sheets[0].hidden)  # a visible answer sheet before a hidden copy
    return found[0]


def _detect_sheet(sheet: Sheet, book: Workbook) -> Layout | None:
    head = sheet.head(HEAD_ROWS)
    for r, row in enumerate(head, start=1):
        mark = next((i for i, v in enumerate(row) if v == FOLLOWUP_MARK or v.startswith(FOLLOWUP_MARK + ":")), None)
        if mark is not None:
            cols = Columns(id=FOLLOWUP_COLUMNS["id"], item=mark,
                           answer=FOLLOWUP_COLUMNS["answer"], comment=FOLLOWUP_COLUMNS["comment"],
                           attachment=FOLLOWUP_COLUMNS["attachment"])
            owner = row[mark].partition(":")[2].strip() or None  # the vendor it was exported for
            return Layout(QuestionnaireFamily.FOLLOWUP, "1", [sheet], cols, r + 1, re.compile(r".+"), owner=owner)
        qid = _find(row, "question id")
        if qid is not None and _find(row, "csp caiq answer") is not None:
            cols = Columns(id=qid, answer=_find(row, "csp caiq answer"), ownership=_find(row, "ssrm control ownership"),
                           comment=_find(row, "csp implementation description", start=True),
                           customer=_find(row, "csc responsibilities", start=True))
            title = " ".join(head[0]) if head else ""
            version = _version_in(sheet.name, title, *(head[0] if head else []))
            return Layout(QuestionnaireFamily.CAIQ, version, [sheet], cols, r + 1, _CAIQ4_ID)
        if qid is not None and _find(row, "consensus assessment answers") is not None:
            return _caiq3(sheet, head, r, qid)
    if book.kind != "csv":
        title = " ".join(" ".join(row) for row in head[:3])
        if "hecvat" in _norm(sheet.name) or "hecvat" in _norm(title) or \
                "higher education community vendor assessment" in _norm(title):
            if "lite" in _norm(sheet.name) or "lite" in _norm(title):
                family = QuestionnaireFamily.HECVAT_LITE
            elif "full" in _norm(sheet.name) or "full" in _norm(title):
                family = QuestionnaireFamily.HECVAT_FULL
            else:
                return None
            if not any(_HECVAT_ID.match(row[0].strip()) for row in head if row):
                return None
            return Layout(family, _version_in(*(c for row in head[:3] for c in row)), [sheet],
                          _hecvat_columns(head), 1, _HECVAT_ID)
        return None
    return _hecvat_csv(sheet)


def _hecvat_columns(head: list[list[str]]) -> Columns:
    for row in head:
        answer = _find(row, "vendor answers", "answer")
        if answer is not None:
            return Columns(id=0, answer=answer, comment=_find(row, "additional information"))
    return Columns(id=0, answer=2, comment=3)


def _caiq3(sheet: Sheet, head: list[list[str]], r: int, qid: int) -> Layout:
    marks: dict[str, int] = {}
    for row in head[r: r + 3]:
        for label, key in (("yes", "yes"), ("no", "no"), ("not applicable", "na")):
            col = _find(row, label)
            if col is not None and key not in marks:
                marks[key] = col
    notes = _find(head[r - 1], "notes")
    first = r + 1
    while first <= len(head) and not _CAIQ3_ID.match(sheet.cell(first, qid).strip()):
        first += 1
    cols = Columns(id=qid, comment=notes, marks=marks)
    version = _version_in(sheet.name)
    return Layout(QuestionnaireFamily.CAIQ, version, [sheet], cols, first, _CAIQ3_ID)


def _is_hecvat4(book: Workbook) -> bool:
    """HECVAT 4.x: a `START HERE` tab beside the other answer tabs, with a `Version 4.x` cell on top."""
    names = {s.name.strip() for s in book.sheets}
    if "START HERE" not in names or len(names & set(_HECVAT4_TABS)) < 3:
        return False
    start = next(s for s in book.sheets if s.name.strip() == "START HERE")
    version = _version_in(*(c for row in start.head(4) for c in row))
    return bool(version and version.startswith("4"))


def _hecvat4(book: Workbook) -> Layout:
    tabs = [s for s in book.sheets if s.name.strip() in _HECVAT4_TABS]
    version = None
    per: dict[str, Columns] = {}
    for tab in tabs:
        head = tab.head(HEAD_ROWS)
        version = version or _version_in(*(c for row in head[:3] for c in row))
        per[tab.name] = Columns(id=0, answer=2, comment=3)
        for row in tab.rows:
            answer = _find(row, "answer")
            if answer is not None and row and row[0].strip():
                per[tab.name] = Columns(id=0, answer=answer, comment=_find(row, "additional information"))
                break
    return Layout(QuestionnaireFamily.HECVAT, version, tabs, per[tabs[0].name], 1, _HECVAT_ID, per)


def _hecvat_csv(sheet: Sheet) -> Layout | None:
    """A HECVAT sheet saved as CSV: ids in A, section rows saying `Vendor Answers`; no title, no version."""
    rows = sheet.head(200)
    ids = [row[0].strip() for row in rows if row and _HECVAT_ID.match(row[0].strip())]
    if len(ids) < 3 or not any(len(row) > 2 and _norm(row[2]) == "vendor answers" for row in rows):
        return None
    prefixes = {i[:4] for i in ids}
    lite = any(p.startswith("HL") for p in prefixes)
    family = QuestionnaireFamily.HECVAT_LITE if lite else QuestionnaireFamily.HECVAT_FULL
    # 3.x added the accessibility section (ITAC); 2.x has none. No version cell survives a CSV export.
    version = "3" if "ITAC" in prefixes else None
    return Layout(family, version, [sheet], _hecvat_columns(rows), 1, _HECVAT_ID)


def custom_layout(book: Workbook, sheet_name: str | None, spec: str) -> Layout:
    """``--map id=A,question=B,answer=C,comment=D[,ownership=E,attachment=F,start=2]`` on one sheet."""
    if sheet_name is None and len(book.sheets) > 1:
        raise InputError("--map needs --sheet NAME: the workbook has several sheets", file=book.path)
    sheet = book.sheet(sheet_name) if sheet_name else book.sheets[0]
    keys: dict[str, str] = {}
    for part in spec.split(","):
        key, eq, value = part.partition("=")
        key, value = key.strip().lower(), value.strip()
        if not eq or key not in {"id", "question", "answer", "comment", "ownership", "attachment", "start"}:
            raise InputError(f"--map: {part.strip()!r} is not KEY=COLUMN (keys: id, question, answer, comment, "
                             "ownership, attachment, start)")
        keys[key] = value
    if "id" not in keys or "answer" not in keys:
        raise InputError("--map needs at least id=COLUMN and answer=COLUMN")

    def col(key: str) -> int | None:
        if key not in keys:
            return None
        try:
            return column_index(keys[key])
        except ValueError:
            raise InputError(f"--map: {key}={keys[key]!r} is not a column letter") from None

    start = keys.get("start", "2")
    if not start.isdigit() or int(start) < 1:
        raise InputError(f"--map: start={start!r} is not a row number")
    cols = Columns(id=col("id") or 0, answer=col("answer"), comment=col("comment"), ownership=col("ownership"),
                   attachment=col("attachment"))
    return Layout(QuestionnaireFamily.CUSTOM, None, [sheet], cols, int(start), re.compile(r".+"))
