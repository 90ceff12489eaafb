"""HTML tables written inside Markdown or MDX, read as rows of cells.

Pages written in Markdown often fall back to raw ``<table>`` markup, each row spread over many
lines (``<tr>``, then ``<td>Entity</td>`` and ``<td>United States</td>`` on lines of their own).
Line by line, the cell that names a country has lost its row (the sub-processor it belongs to) and
its column ("Corporate Location"). Here each ``<tr>`` becomes one row with its cells' text and the
header row's cells, spanning the source lines it covers.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?=</tr\s*>|<tr\b|</table\s*>)", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<(t[hd])\b([^>]*)>(.*?)(?=</t[hd]\s*>|<t[hd]\b|$)", re.IGNORECASE | re.DOTALL)
_SPANS_ROWS_ATTR = r"\browspan\s*=\s*[\"']?(?:[2-9]|\d\d)"  # a cell over two rows or more
_SPANS_ROWS = re.compile(_SPANS_ROWS_ATTR, re.IGNORECASE)
_THEAD = re.compile(r"<thead\b.*?</thead\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_ROW_HEADER_LINE = re.compile(r"<th\b", re.IGNORECASE)
_GROUP_LABEL_LINE = re.compile(r"<td\b[^>]*" + _SPANS_ROWS_ATTR, re.IGNORECASE)
_WS = re.compile(r"\s+")
_BOLD_CELL = re.compile(r"<(b|strong)\b[^>]*>[^<]*</\1\s*>", re.IGNORECASE)
_BOLD_CELL_LINE = re.compile(r"<td\b[^>]*>\s*<(?:b|strong)\b", re.IGNORECASE)


@dataclass(frozen=True)
class HtmlRow:
    first: int  # 1-based source line where the row opens
    last: int
    cells: tuple[str, ...]
    header: bool  # a row of <th> cells, or one inside <thead>
    columns: tuple[str, ...] = ()  # the cells of its table's header row above it
    labelled: bool = False  # its first cell is a <th> and the others <td>: a row label, then values
    grouped: bool = False  # its first cell spans several rows: a group's label ("Network Security"), not a statement
    cell_lines: tuple[int, ...] = ()  # the 1-based line each cell opens on: a value is cited where it stands


def html_table_rows(lines: tuple[str, ...] | list[str]) -> tuple[tuple[HtmlRow, ...], frozenset[int]]:
    """The rows of a document's HTML tables, and every 1-based line those tables cover (text on
    them is a table's, not a paragraph's). Read-only: the layout and the claim reader (labelled rows,
    group labels) all ask for a document's, which is worked out once."""
    if isinstance(lines, tuple):
        return _cached_rows(lines)
    return _read_rows(lines)


@lru_cache(maxsize=2)
def _cached_rows(lines: tuple[str, ...]) -> tuple[tuple[HtmlRow, ...], frozenset[int]]:
    return _read_rows(lines)


def _read_rows(lines: tuple[str, ...] | list[str]) -> tuple[tuple[HtmlRow, ...], frozenset[int]]:
    text = "\n".join(lines)
    if "<t" not in text.lower() or not _TABLE.search(text):
        return (), frozenset()
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]

    def line_at(offset: int) -> int:
        return 1 + bisect_right(breaks, offset - 1)

    rows: list[HtmlRow] = []
    covered: set[int] = set()
    for table in _TABLE.finditer(text):
        covered.update(range(line_at(table.start()), line_at(table.end() - 1) + 1))
        heads = [(m.start(), m.end()) for m in _THEAD.finditer(text, table.start(), table.end())]
        columns: tuple[str, ...] = ()
        first_row = True
        for row in _ROW.finditer(text, table.start(), table.end()):
            found = list(_CELL.finditer(row.group(1)))
            cells = [(m.group(1).lower(), cell_text(m.group(3))) for m in found]
            if not cells:
                continue
            in_head = any(a <= row.start() < b for a, b in heads)
            # a first row of bold cells (or empty ones) heads its table as <th> cells would, under a caption row at
            # most: "<td><b>Monthly Uptime Percentage:</b></td><td><b>Service Credit:</b></td>"
            header = in_head or all(kind == "th" for kind, _ in cells) or (
                first_row and len(cells) >= 2 and len(columns) < 2 and any(text for _, text in cells)
                and all(_BOLD_CELL.fullmatch(m.group(3).strip()) or not cell_text(m.group(3)) for m in found))
            first_row = first_row and in_head
            end = row.end() - 1 if row.group(1).strip() else row.start()
            texts = tuple(c for _, c in cells)
            if header:
                columns = texts
            labelled = not header and cells[0][0] == "th" and all(kind == "td" for kind, _ in cells[1:])
            grouped = not header and len(cells) >= 2 and cells[0][0] == "td" and len(texts[0].split()) <= 6 and \
                bool(_SPANS_ROWS.search(found[0].group(2)))
            at = tuple(line_at(row.start(1) + m.start()) for m in found)
            rows.append(HtmlRow(line_at(row.start()), line_at(max(row.start(), end)), texts, header,
                                () if header else columns, labelled, grouped, at))
    return tuple(rows), frozenset(covered)


def cell_text(inner: str) -> str:
    return _WS.sub(" ", html.unescape(_TAG.sub(" ", inner))).strip()


def labelled_row_lines(lines: tuple[str, ...] | list[str]) -> dict[int, str]:
    """0-based line -> the text to read in its place, for HTML rows labelled by a header cell
    (``<th>Support Hours</th>`` then one ``<td>`` per plan, each on its line): each cell line reads
    as ``label | cell`` and the label's own line as empty, as a list table's rows are read."""
    rows, _ = html_table_rows(lines)
    out: dict[int, str] = {}
    for row in rows:
        if not row.labelled or len(row.cells) < 2 or row.first == row.last:
            continue
        label = row.cells[0]
        for n in range(row.first, row.last + 1):
            text = lines[n - 1]
            if _ROW_HEADER_LINE.search(text):
                out[n - 1] = ""
            else:
                cell = cell_text(text)
                if cell:
                    out[n - 1] = f"{label} | {cell}"
    return out


def header_row_lines(lines: tuple[str, ...] | list[str]) -> set[int]:
    """1-based lines holding a header cell of a header row spread over lines (``<th>First Response time</th>``
    on a line of its own): a column's name states nothing, as a Markdown table's header row states nothing."""
    rows, _ = html_table_rows(lines)
    return {n for row in rows if row.header and row.first != row.last for n in range(row.first, row.last + 1)
            if _ROW_HEADER_LINE.search(lines[n - 1]) or _BOLD_CELL_LINE.search(lines[n - 1])}


def group_label_lines(lines: tuple[str, ...] | list[str]) -> set[int]:
    """1-based lines holding only a cell that labels a group of rows ("Network Security" spanning the rows
    of its features): a label states nothing itself, though the rows under it may read it as their field
    ("Initial Response Time" over the times of each severity)."""
    rows, _ = html_table_rows(lines)
    return {n for row in rows if row.grouped for n in range(row.first, row.last + 1)
            if _GROUP_LABEL_LINE.search(lines[n - 1]) and "</td>" in lines[n - 1].lower()}
