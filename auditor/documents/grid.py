"""Grid tables (reStructuredText, pandoc) read as rows of cells.

A grid table draws its cells with ``+----+`` borders and ``|`` walls; a ``+====+`` border ends the
header. Markdown has no such table, so the parser sees a paragraph of punctuation, and a row whose
cell says "Yes" under "ISO 27001 certified?" loses the column that says what it is. Each row
between two borders becomes one row of cells (a cell wrapped over several lines joined), with its
header cells, spanning the source lines it covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BORDER = re.compile(r"^(\s*)\+(?:[-=]+\+)+\s*$")
_WALLED = re.compile(r"^\s*\|.*\|\s*$")


@dataclass(frozen=True)
class GridRow:
    first: int  # 1-based first line of the row's text
    last: int
    cells: tuple[str, ...]
    columns: tuple[str, ...]  # the header row's cells ("" for a table without a header)


@dataclass(frozen=True)
class GridTable:
    first: int  # 1-based line of the top border
    last: int  # 1-based line of the bottom border
    header_lines: tuple[int, ...]
    rows: tuple[GridRow, ...]


def grid_tables(lines: tuple[str, ...] | list[str]) -> list[GridTable]:
    """Every grid table of a document, in order."""
    tables: list[GridTable] = []
    i = 0
    while i < len(lines):
        top = _BORDER.match(lines[i])
        if top and i + 1 < len(lines) and _WALLED.match(lines[i + 1]):
            table, i = _table(lines, i)
            if table is not None:
                tables.append(table)
            continue
        i += 1
    return tables


def _table(lines, start: int) -> tuple[GridTable | None, int]:
    """Read the table whose top border is on 0-based line ``start``; returns it and the line after it."""
    border = lines[start].rstrip()
    walls = [k for k, ch in enumerate(border) if ch == "+"]
    groups: list[tuple[list[int], bool]] = []  # the text lines of each row, and whether a === border closed it
    current: list[int] = []
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if _BORDER.match(line):
            if current:
                groups.append((current, "=" in line))
            current = []
            i += 1
            if i >= len(lines) or not _WALLED.match(lines[i]):
                break
            continue
        if not _WALLED.match(line):
            break  # the table ends without a closing border: what was read so far stands
        current.append(i)
        i += 1
    if current:
        groups.append((current, False))
    if not groups:
        return None, i
    header_at = next((k for k, (_rows, closed_by_equals) in enumerate(groups) if closed_by_equals), None)
    columns: tuple[str, ...] = ()
    header_lines: tuple[int, ...] = ()
    body = groups
    if header_at is not None:
        heads = [_cells(lines, group, walls) for group, _ in groups[:header_at + 1]]
        columns = tuple(" ".join(filter(None, parts)) for parts in zip(*heads))
        header_lines = tuple(n + 1 for group, _ in groups[:header_at + 1] for n in group)
        body = groups[header_at + 1:]
    rows = tuple(GridRow(group[0] + 1, group[-1] + 1, _cells(lines, group, walls), columns) for group, _ in body)
    return GridTable(start + 1, i, header_lines, rows), i


def _cells(lines, group: list[int], walls: list[int]) -> tuple[str, ...]:
    """The text of each column over a row's lines, cut at the top border's ``+`` positions; a cell
    spanning columns (no wall where the border has a ``+``) gives its text to the first of them."""
    parts: list[list[str]] = [[] for _ in range(max(1, len(walls) - 1))]
    for n in group:
        line = lines[n].rstrip()
        for c in range(len(walls) - 1):
            left, right = walls[c], walls[c + 1]
            text = line[left + 1:right] if len(line) > left else ""
            if text.strip():
                parts[c].append(text.strip())
    return tuple(" ".join(p) for p in parts)


__all__ = ["GridRow", "GridTable", "grid_tables"]
