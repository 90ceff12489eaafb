"""Spreadsheets as plain grids of cached values: xlsx/xlsm (openpyxl), xls/xlsb/ods (calamine), CSV.

A questionnaire is read the way its reviewer sees it in a spreadsheet program: the value Excel
last computed for each cell, never a formula. Anything that cannot be read that way (a password,
a broken zip, a formula nobody computed) is refused with one line naming the file, sheet and cell.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from auditor.errors import InputError

MAX_ROWS = 100_000  # more than any template has; a sheet formatted down to row 1048576 stops here
MAX_COLUMNS = 64
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EMPTY_RUN = 2_000  # this many empty rows in a row end a sheet (formatting carried down, no data)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """A -> 0, AA -> 26; raises ValueError on anything else."""
    letters = letters.strip().upper()
    if not letters.isalpha() or not letters.isascii() or len(letters) > 3:
        raise ValueError(letters)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def cell_text(value: object) -> str:
    """A cached cell value as the text a reader sees: dates as ISO dates, whole numbers without .0."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class Sheet:
    """One sheet: its name, whether it is hidden, and rows of cell texts (row 1 first).

    A workbook's rows are read on first use, so detecting the layout reads only each sheet's top."""

    name: str
    hidden: bool = False
    _rows: list[list[str]] | None = None
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, col): a formula with no cached value
    _loader: Callable[[Sheet, int | None], None] | None = field(default=None, repr=False)
    _read_to: int | None = None  # rows read so far when only the top was read; None: all of them

    @property
    def rows(self) -> list[list[str]]:
        if self._rows is None or self._read_to is not None:
            self._load(None)
        return self._rows or []

    @rows.setter
    def rows(self, value: list[list[str]]) -> None:
        self._rows, self._read_to = value, None

    def head(self, n: int) -> list[list[str]]:
        """The first ``n`` rows, reading no more of the sheet than that."""
        if self._rows is None or (self._read_to is not None and self._read_to < n):
            self._load(n)
        return (self._rows or [])[:n]

    def _load(self, limit: int | None) -> None:
        if self._loader is None:
            self._rows, self._read_to = self._rows or [], None
            return
        self._loader(self, limit)
        self._read_to = limit

    def cell(self, row: int, col: int) -> str:
        """1-based row, 0-based column; '' outside the grid."""
        rows = self.rows
        if 1 <= row <= len(rows):
            values = rows[row - 1]
            if 0 <= col < len(values):
                return values[col]
        return ""

    def ref(self, row: int, col: int) -> str:
        return f"{self.name}!{column_letter(col)}{row}"


@dataclass
class Workbook:
    path: str
    sheets: list[Sheet]
    macros: bool = False
    kind: str = "xlsx"  # xlsx | xls | csv | pdf

    def sheet(self, name: str) -> Sheet:
        for s in self.sheets:
            if s.name == name:
                return s
        names = ", ".join(repr(s.name) for s in self.sheets)
        raise InputError(f"no sheet named {name!r} (sheets: {names})", file=self.path)


def read_workbook(data: bytes, path: str, *, csv_sheet: str = "csv") -> Workbook:
    """Any supported spreadsheet from its bytes; the format is told by content, not by name."""
    if data.startswith(b"PK\x03\x04"):
        return _read_zip(data, path)
    if data.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InputError("password-protected workbook; save a copy without a password and import that",
                             file=path)
        return _read_calamine(data, path, kind="xls")
    if data.startswith(b"%PDF-"):
        raise InputError("a PDF is read as a questionnaire only in the CAIQ layout", file=path)
    return read_csv(data, path, sheet=csv_sheet)


def _read_zip(data: bytes, path: str) -> Workbook:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"not a readable workbook (broken zip: {exc})", file=path) from None
    if "xl/workbook.xml" not in names and "xl/workbook.bin" in names:
        return _read_calamine(data, path, kind="xlsb")
    if "content.xml" in names and "xl/workbook.xml" not in names:
        return _read_calamine(data, path, kind="ods")
    if "xl/workbook.xml" not in names:
        raise InputError("a zip file but not an Excel workbook (no xl/workbook.xml)", file=path)
    macros = any(n.lower().endswith("vbaproject.bin") for n in names)
    return Workbook(path=path, sheets=_openpyxl_sheets(data, path), macros=macros, kind="xlsx")


def _openpyxl_sheets(data: bytes, path: str) -> list[Sheet]:
    import openpyxl

    def guarded(fn):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "extension is not supported": formatting we do not need
                return fn()
        except InputError:
            raise
        except Exception as exc:  # untrusted bytes: any parser failure is the file's fault
            raise InputError(f"not a readable workbook ({type(exc).__name__}: {exc})", file=path) from None

    wb = guarded(lambda: openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False))

    def loader(sheet: Sheet, limit: int | None) -> None:
        def run() -> None:
            ws = wb[sheet.name]
            _fill(sheet, ws.iter_rows(values_only=True, max_row=limit), path)
            if limit is None:
                sheet.formulas = _uncached_formulas(data, getattr(ws, "_worksheet_path", None))
        guarded(run)

    return [Sheet(name=ws.title, hidden=ws.sheet_state != "visible", _loader=loader) for ws in wb.worksheets]


_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


def _uncached_formulas(data: bytes, member: str | None) -> set[tuple[int, int]]:
    """(row, col) of each formula cell saved without a computed value, read from the sheet's XML."""
    from xml.etree.ElementTree import iterparse

    if not member:
        return set()
    out: set[tuple[int, int]] = set()
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(member) as fh:
        for _, elem in iterparse(fh):
            if elem.tag.endswith("}c"):
                has_formula = has_value = False
                for child in elem:
                    tag = child.tag.rsplit("}", 1)[-1]
                    has_formula |= tag == "f"
                    has_value |= tag in ("v", "is") and bool((child.text or "").strip() or len(child))
                m = _CELL_REF.match(elem.get("r", ""))
                if has_formula and not has_value and m and column_index(m.group(1)) < MAX_COLUMNS:
                    out.add((int(m.group(2)), column_index(m.group(1))))
                elem.clear()
            elif elem.tag.endswith("}row"):
                elem.clear()
    return out


def _fill(sheet: Sheet, value_rows, path: str) -> None:
    rows: list[list[str]] = []
    empty = 0
    for n, row in enumerate(value_rows, start=1):
        if n > MAX_ROWS:
            raise InputError(f"sheet {sheet.name!r} has more than {MAX_ROWS} rows; not a questionnaire", file=path)
        texts = [cell_text(v).strip("\r") for v in row[:MAX_COLUMNS]]
        rows.append(texts)
        empty = empty + 1 if not any(texts) else 0
        if empty >= _EMPTY_RUN:
            break
    while rows and not any(rows[-1]):
        rows.pop()
    sheet._rows = rows


def _read_calamine(data: bytes, path: str, *, kind: str) -> Workbook:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in wb.sheets_metadata:
            ws = wb.get_sheet_by_name(meta.name)
            sheet = Sheet(name=meta.name, hidden="hidden" in str(meta.visible).lower())  # Hidden, VeryHidden
            rows = ws.to_python(skip_empty_area=False)
            if len(rows) > MAX_ROWS:
                raise InputError(f"sheet {meta.name!r} has more than {MAX_ROWS} rows; not a questionnaire", file=path)
            sheet.rows = [[cell_text(v) for v in r[:MAX_COLUMNS]] for r in rows]
            while sheet.rows and not any(sheet.rows[-1]):
                sheet.rows.pop()
            sheets.append(sheet)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"not a readable workbook ({type(exc).__name__}: {exc})", file=path) from None
    return Workbook(path=path, sheets=sheets, kind=kind)


def read_csv(data: bytes, path: str, *, sheet: str = "csv") -> Workbook:
    """CSV in UTF-8 (a byte-order mark is dropped) or, failing that, Windows-1252; quoted line breaks kept."""
    if b"\x00" in data[:4096]:
        raise InputError("binary file; expected a workbook or a CSV file", file=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # Excel's own CSV: quotes doubled, the delimiter in use
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    try:
        for record in reader:
            if len(rows) >= MAX_ROWS:
                raise InputError(f"more than {MAX_ROWS} records; not a questionnaire", file=path)
            rows.append([v.replace("\r\n", "\n") for v in record[:MAX_COLUMNS]])
    except csv.Error as exc:
        raise InputError(f"record {reader.line_num}: {exc}", file=path) from None
    return Workbook(path=path, sheets=[Sheet(name=sheet, _rows=rows)], kind="csv")


def load_bytes(path: Path, max_bytes: int = 256 * 1024 * 1024) -> bytes:
    from auditor.files import read_bounded

    return read_bounded(path, max_bytes=max_bytes, noun="questionnaire")
