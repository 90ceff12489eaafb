"""Support times in HTML table rows whose cells stand on lines of their own.

A page written in Markdown, MDX or JSX often falls back to raw ``<table>`` markup with one ``<td>`` per line:
``<th>First Response time</th>`` heads a column, ``<td>Emergency</td>`` names the level on one line and
``<td>Within 2 business hours</td>`` gives its time on another. Line by line, no line holds both the level
and the time. The document model keeps each such row with its cells, the line each cell opens on and its
header (``Block.cells``, ``cell_lines``, ``header``), and this reads them: the header names the field of
each column, a label column the level, and a time is cited on the line of its own cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.claims.lexicon import Lexicon, compile_any
from auditor.claims.normalise import normalise, normalise_pattern
from auditor.documents.html_tables import cell_text
from auditor.documents.model import Block, BlockKind
from auditor.model.enums import SupportSeverity


@dataclass(frozen=True)
class SpreadCell:
    """One timed cell of a spread row: what it measures, for which level, and the line it stands on."""

    field: str  # "response" or "resolution"
    severity: SupportSeverity | None
    text: str  # normalised cell text
    line: int  # 1-based line of the cell's text


class SpreadRows:
    """The words of ``language.yaml`` that label a header cell or name a level, read on cell text."""

    def __init__(self, lexicon: Lexicon, ladder):
        lang = lexicon.language
        file = lexicon.files["language"]
        self._ladder = ladder
        self._label = compile_any([rf"\b(?:{normalise_pattern(p)})\b" for p in lang.severity_labels.all()],
                                  file=file, where="severity_labels")
        self._fields = [(name, compile_any([rf"\b(?:{normalise_pattern(p)})" for p in words.all()], file=file,
                                           where=f"sla_fields.{name}"))
                        for name, words in lang.sla_fields.items()]
        self._levels = [(key, compile_any([rf"\b(?:{normalise_pattern(p)})\b" for p in words.all()], file=file,
                                          where=f"severity.{key}"))
                        for key, words in lang.severity.items()]

    def timed_cells(self, block: Block, lines, zero_doc: bool) -> list[SpreadCell]:
        """The cells of one spread row that a header cell names as a response or resolution time."""
        if not is_spread(block) or not block.header:
            return []
        header = [normalise(h) for h in block.header]
        fields = {i: name for i, h in enumerate(header) for name in [self._field(h)] if name}
        label_col = next((i for i, h in enumerate(header) if self._label and self._label.search(h)), 0)
        fields.pop(label_col, None)
        if not fields or label_col >= len(block.cells):
            return []
        severity = self._severity(normalise(block.cells[label_col]), zero_doc)
        out = []
        for i, name in sorted(fields.items()):
            if i < len(block.cells) and i < len(block.cell_lines) and block.cells[i]:
                out.append(SpreadCell(name, severity, normalise(block.cells[i]), cell_line(block, i, lines)))
        return out

    def _field(self, header_cell: str) -> str | None:
        found = [(m.start(), name) for name, regex in self._fields if regex and (m := regex.search(header_cell))]
        return min(found)[1] if found else None

    def _severity(self, cell: str, zero_doc: bool) -> SupportSeverity | None:
        found = [(m.start(), key, m.group(0)) for key, regex in self._levels if regex and (m := regex.search(cell))]
        if found:
            _, key, text = min(found)
            return self._ladder.level(key, text, zero_doc)
        return self._ladder.numbered(cell)


def is_spread(block: Block) -> bool:
    """A table row whose cells open on lines of their own."""
    return block.kind is BlockKind.TABLE_ROW and len(set(block.cell_lines)) > 1


def cell_span(block: Block, i: int) -> tuple[int, int]:
    """The first and last line of a spread row's cell ``i``: up to the line before the next cell opens."""
    first = block.cell_lines[i]
    last = block.cell_lines[i + 1] - 1 if i + 1 < len(block.cell_lines) else block.last
    return first, max(first, last)


def cell_line(block: Block, i: int, lines) -> int:
    """The line that holds the text of a spread row's cell ``i``, not only its opening tag."""
    first, last = cell_span(block, i)
    for n in range(first, min(last, len(lines)) + 1):
        if cell_text(lines[n - 1]):
            return n
    return first


__all__ = ["SpreadCell", "SpreadRows", "cell_line", "cell_span", "is_spread"]
