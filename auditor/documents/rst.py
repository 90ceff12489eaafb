"""reStructuredText list tables read as rows.

A ``.. list-table::`` writes each row as a list: ``* - Row label`` and then one ``- cell`` line
per column, a long cell wrapping onto deeper-indented lines. Read line by line, a cell ("Phone,
chat, web ticketing", "24x7") has lost the row that says what it is ("Support Ticketing Options").
Each cell line is therefore read as the pipe row ``Row label | cell``; the row label's own line
and the header rows state nothing and read as empty.
"""

from __future__ import annotations

import re

_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+list-table::")
_OPTION = re.compile(r"^\s+:([\w-]+):\s*(.*)$")
_ROW = re.compile(r"^(\s*)\*\s+-(?:\s+(.*))?$")
_CELL = re.compile(r"^(\s*)-(?:\s+(.*))?$")
_EMPHASIS = re.compile(r"\*\*|\*|``|`")


def list_table_rows(lines: tuple[str, ...] | list[str]) -> dict[int, str]:
    """0-based line -> the text to read in its place, for the lines of every list table."""
    out: dict[int, str] = {}
    i = 0
    while i < len(lines):
        opened = _DIRECTIVE.match(lines[i])
        if not opened:
            i += 1
            continue
        i = _table(lines, i + 1, len(opened.group(1)), out)
    return out


def _table(lines, i: int, indent: int, out: dict[int, str]) -> int:
    """Read one list table whose directive sits at ``indent``; returns the line after it."""
    header_rows = 0
    while i < len(lines) and (m := _OPTION.match(lines[i])):
        if m.group(1) == "header-rows" and m.group(2).strip().isdigit():
            header_rows = int(m.group(2))
        i += 1
    row = -1
    label = ""
    cell_indent: int | None = None
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if len(line) - len(line.lstrip()) <= indent:
            break  # back at the directive's own indentation: the table has ended
        row_start = _ROW.match(line)
        if row_start:
            row += 1
            label = _plain(row_start.group(2) or "")
            cell_indent = len(row_start.group(1)) + line[len(row_start.group(1)):].index("-")
            out[i] = ""  # the row label is read with each of its cells
        elif cell_indent is not None and (cell := _CELL.match(line)) and len(cell.group(1)) == cell_indent:
            out[i] = "" if row < header_rows else _row_text(label, cell.group(2) or "")
        elif cell_indent is not None:  # a cell wrapped onto a deeper line
            out[i] = "" if row < header_rows else _row_text(label, line.strip())
        i += 1
    return i


def _plain(text: str) -> str:
    return _EMPHASIS.sub("", text).strip()


def _row_text(label: str, cell: str) -> str:
    return f"{label} | {cell}" if label else cell


_CSV_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+csv-table::")
_MARKUP_DIRECTIVE = re.compile(
    r"^(\s*)\.\.\s+(?:toctree|code-block|code|sourcecode|literalinclude|include|image|figure|raw|contents|highlight|"
    r"math|graphviz|mermaid|tabularcolumns|auto\w+|py:\w+|only|ifconfig|index|meta|rubric|spelling:word-list)::")


def _directives(lines: tuple[str, ...] | list[str], directive: re.Pattern[str]):
    """(line of each directive ``directive`` matches, the line after its indented body), 0-based: the body
    is every line deeper than the directive, blank lines included, up to the first one back at its level."""
    i = 0
    while i < len(lines):
        opened = directive.match(lines[i])
        if not opened:
            i += 1
            continue
        indent = len(opened.group(1))
        end = i + 1
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
            end += 1
        yield i, end
        i = end


def csv_table_lines(lines: tuple[str, ...] | list[str]) -> dict[int, str]:
    """0-based line -> the Markdown text to read in its place, for every ``.. csv-table::`` written inline:
    its header (the ``:header:`` option or ``:header-rows: 1``) above a rule, each row a pipe row on its own
    line, every other line of the table an empty row, so line numbers stay."""
    import csv

    out: dict[int, str] = {}
    for i, end in _directives(lines, _CSV_DIRECTIVE):
        header: list[str] = []
        header_rows = 0
        k = i + 1
        while k < end and (m := _OPTION.match(lines[k])):
            if m.group(1) == "header":
                header = next(csv.reader([m.group(2)], skipinitialspace=True), [])
            elif m.group(1) == "header-rows" and m.group(2).strip().isdigit():
                header_rows = int(m.group(2))
            k += 1
        rows = [(n, next(csv.reader([lines[n].strip()], skipinitialspace=True), []))
                for n in range(k, end) if lines[n].strip()]
        if not rows or k == i + 1 and not header and not header_rows:
            continue  # no spare line for a rule (or nothing inline, ``:file:``): read as it stands
        if not header and header_rows:
            header, rows = rows[0][1], rows[1:]
        width = max([len(header)] + [len(cells) for _, cells in rows])

        def row(cells: list[str]) -> str:
            cells = ([_plain(c).replace("|", "/") for c in cells] + [""] * width)[:width]
            return "| " + " | ".join(cells) + " |"

        for n in range(i, end):
            out[n] = row([])
        out[i], out[i + 1] = row(header), "|" + "---|" * width
        for n, cells in rows:
            out[n] = row(cells)
    return out


def rst_markup_bodies(lines: tuple[str, ...] | list[str]) -> dict[int, str]:
    """The indented bodies of reStructuredText directives that hold no prose (a toctree's page names, a
    code block, an image's options): blank lines, so a page name ("backups") is not read as a sentence."""
    return {n: "" for i, end in _directives(lines, _MARKUP_DIRECTIVE) for n in range(i + 1, end)}
