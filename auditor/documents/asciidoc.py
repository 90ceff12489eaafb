"""AsciiDoc tables read as Markdown tables, line for line.

An AsciiDoc table opens and closes with ``|===``; each cell starts with ``|`` and may sit on a line of
its own, a row being as many cells as the table has columns (from ``[cols=...]`` or the first line).
Markdown sees a paragraph of pipes, and a cell alone on its line ("|Yes") has lost the row and the
column that say what it is. Each row is therefore rewritten as one Markdown pipe row on the line of
its first cell, with the header row and a separator above it, and every other line of the table as
an empty row, so the line count (and every citation) stays the same.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\|={3,}\s*$")
_ATTRIBUTES = re.compile(r"^\[(?:[^\]]*\b(?:cols|options|opts|format)\s*=|%header|%autowidth|[^\]]*%header)[^\]]*\]\s*$")
_COLS = re.compile(r"\bcols\s*=\s*\"?([^\"\],]+(?:,[^\"\],]+)*)\"?")
_HEADER_OPTION = re.compile(r"%header\b|options\s*=\s*\"?[^\"\]]*\bheader\b")
_NOHEADER_OPTION = re.compile(r"%noheader\b|options\s*=\s*\"?[^\"\]]*\bnoheader\b")
# what may stand before a cell's "|": a span ("2+"), a duplication ("3*"), alignment ("^", ".<") and a style ("a")
_SPEC = re.compile(r"(?:^|(?<=\s))(?:\d+(?:\.\d+)?[+*])?[<^>]?(?:\.[<^>])?[adehlmsv]?$")
_PIPE = re.compile(r"(?<!\\)\|")
_PROSE_WORDS = 6  # a cell of this many words is prose, read on its own line


def asciidoc_table_lines(lines: tuple[str, ...] | list[str]) -> dict[int, str]:
    """0-based line -> the Markdown text to read in its place, for the lines of every AsciiDoc table."""
    out: dict[int, str] = {}
    i = 0
    while i < len(lines):
        if _FENCE.match(lines[i]):
            close = next((k for k in range(i + 1, len(lines)) if _FENCE.match(lines[k])), None)
            if close is None:
                break
            attributes = lines[i - 1].strip() if i and _ATTRIBUTES.match(lines[i - 1].strip()) else ""
            _table(lines, i, close, attributes, out)
            i = close + 1
            continue
        i += 1
    return out


def _columns(attributes: str, first_line: list[str]) -> int:
    m = _COLS.search(attributes)
    if m:
        spec = m.group(1).strip()
        if re.fullmatch(r"\d+", spec):
            return int(spec)
        count = 0
        for part in spec.split(","):
            times = re.match(r"\s*(\d+)\*", part)
            count += int(times.group(1)) if times else 1
        return max(count, 1)
    return max(len(first_line), 1)


def _cells(line: str) -> list[str] | None:
    """The cells a line starts (None when it starts none: it continues the cell before it)."""
    stripped = line.strip()
    parts = _PIPE.split(stripped)
    if len(parts) < 2 or not _SPEC.fullmatch(parts[0].strip()) and parts[0].strip():
        return None
    cells = []
    for k, part in enumerate(parts[1:], start=1):
        text = part
        if k < len(parts) - 1:  # a spec of the next cell ends this part ("Yes a|")
            spec = re.search(r"\s(?:\d+(?:\.\d+)?[+*])?[<^>]?(?:\.[<^>])?[adehlmsv]$", text)
            if spec and spec.group().strip():
                text = text[:spec.start()]
        cells.append(text.replace("\\|", "|").strip())
    return cells


def _row_text(cells: list[str], width: int) -> str:
    cells = (cells + [""] * width)[:width]
    return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"


def _table(lines, opening: int, close: int, attributes: str, out: dict[int, str]) -> None:
    """Rewrite the table between the fences on 0-based lines ``opening`` and ``close``."""
    starts: list[tuple[int, list[str]]] = []  # (line, the cells it starts)
    for n in range(opening + 1, close):
        if not lines[n].strip():
            continue
        cells = _cells(lines[n])
        if cells is None:
            if starts and starts[-1][1]:
                starts[-1][1][-1] += " " + lines[n].strip()  # a cell wrapped onto the next line
            continue
        starts.append((n, cells))
    if not starts:
        return
    width = _columns(attributes, starts[0][1])
    rows: list[tuple[int, list[str]]] = []  # (line of the row's first cell, its cells)
    cell_lines: list[list[int]] = []  # the line each cell of each row starts on
    for n, cells in starts:
        for cell in cells:
            if not rows or len(rows[-1][1]) >= width:
                rows.append((n, []))
                cell_lines.append([])
            rows[-1][1].append(cell)
            cell_lines[-1].append(n)
    first_line = starts[0][0]
    implicit = len(starts[0][1]) == width and first_line + 1 < close and not lines[first_line + 1].strip()
    header = not _NOHEADER_OPTION.search(attributes) and (bool(_HEADER_OPTION.search(attributes)) or implicit)
    empty = _row_text([], width)
    for n in range(opening, close + 1):
        out[n] = empty
    out[close] = ""
    if attributes:
        out[opening - 1] = ""
    rule = "|" + "---|" * width
    if header or not attributes:  # without a header or a spare line above, the first row heads the table
        head, body = rows[0], rows[1:]
        out[opening] = _row_text(head[1], width)
        out[opening + 1] = rule  # the header row's own line(s), or a blank line, below the fence
    else:  # no header: the attribute line holds an empty one, the fence the rule
        out[opening - 1], out[opening] = empty, rule
        body = rows
    for (n, cells), at in zip(body, cell_lines[len(rows) - len(body):]):
        # a prose cell on a line of its own is read there, beside the row's label: its words are cited
        # where they stand; the row's line keeps its short cells (a status, a mark)
        prose = {i for i, cell in enumerate(cells) if i and at[i] != n and len(cell.split()) >= _PROSE_WORDS}
        out[n] = _row_text([("" if i in prose else c) for i, c in enumerate(cells)], width)
        for i in prose:
            out[at[i]] = _row_text([cells[0]] + [cells[i] if k == i else "" for k in range(1, width)], width)


__all__ = ["asciidoc_table_lines"]
