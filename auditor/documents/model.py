"""The blocks of a document, each with the 1-based source lines it spans and its section path."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    TABLE_HEADER = "table-header"
    TABLE_ROW = "table-row"
    TABLE_RULE = "table-rule"
    QUOTE = "quote"
    CODE = "code"
    FRONT_MATTER = "front-matter"
    MARKUP = "markup"  # an MDX/JSX component tag, an import/export line, a bare HTML tag
    NAVIGATION = "navigation"


# blocks that state nothing by their nature: never read for claims
SILENT = frozenset({BlockKind.HEADING, BlockKind.TABLE_RULE, BlockKind.CODE, BlockKind.FRONT_MATTER,
                    BlockKind.MARKUP, BlockKind.NAVIGATION, BlockKind.TABLE_HEADER})


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    first: int  # 1-based first line
    last: int  # 1-based last line (inclusive)
    section: tuple[str, ...] = ()  # headings (and component titles) above the block, outermost first
    header: tuple[str, ...] = ()  # for a table row: its table's header cells
    cells: tuple[str, ...] = ()  # for a table row: its own cells
    cell_lines: tuple[int, ...] = ()  # for a table row spread over lines: the line each cell opens on
    title: str = ""  # a heading's text or a component's title attribute


@dataclass(frozen=True)
class Layout:
    """Blocks in document order, and for every line the block it belongs to (or none: blank)."""

    blocks: tuple[Block, ...]
    line_count: int
    _by_line: tuple[int, ...] = field(default=(), repr=False)

    @classmethod
    def build(cls, blocks: list[Block], line_count: int) -> "Layout":
        from dataclasses import replace

        # a block never reaches past the document's last line, whatever a parser counted
        blocks = [b if b.last <= line_count else replace(b, last=line_count) for b in blocks if b.first <= line_count]
        blocks.sort(key=lambda b: (b.first, -b.last))  # document order; an inner block after its outer one
        by_line = [-1] * line_count
        for i, block in enumerate(blocks):
            for n in range(max(1, block.first), min(line_count, block.last) + 1):
                by_line[n - 1] = i  # a later (inner) block wins over the outer one
        return cls(tuple(blocks), line_count, tuple(by_line))

    def at(self, line: int) -> Block | None:
        """The block holding 1-based ``line``."""
        if 1 <= line <= len(self._by_line):
            i = self._by_line[line - 1]
            return self.blocks[i] if i >= 0 else None
        return None

    def paragraph_start(self, line: int) -> int:
        """The first line of the block holding ``line`` (the line itself when it has none)."""
        block = self.at(line)
        return block.first if block else line


# a line of a list written without bullets: a short term, a colon, its gloss ("ISO/IEC 27001:2022: Global
# standard for ...", "HIPAA: US law on health data"); the term holds no sentence end and no second colon-space
_LISTED = (BlockKind.LIST_ITEM, BlockKind.TABLE_ROW)
_TERM_LINE = re.compile(r"^\s*(?![-*+•])[\w(\[“\"'][^.;!?]{0,60}?:\s+\S")


def split_colon_lists(blocks: list[Block], lines: tuple[str, ...] | list[str]) -> list[Block]:
    """A paragraph whose line ends with ":" and whose every later line is "Term: gloss" is a lead-in and a
    list written without bullets: the lines become list items, so what the lead-in says of its list ("has
    obtained the following certifications:") reaches them as it does a bulleted list."""
    out: list[Block] = []
    for i, block in enumerate(blocks):
        # the last item of a list may end with such a list too (reStructuredText and Markdown keep the unindented
        # lines in it); its opening part then leads the lines, and no later item of the outer list follows to be led
        last_item = block.kind is BlockKind.LIST_ITEM and (i + 1 == len(blocks) or blocks[i + 1].kind not in _LISTED)
        if (block.kind is not BlockKind.PARAGRAPH and not last_item) or block.last - block.first < 2:
            out.append(block)
            continue
        lead_end = next((n for n in range(block.first, block.last - 1) if lines[n - 1].rstrip().endswith(":")), None)
        if lead_end is None or not all(_TERM_LINE.match(lines[n - 1]) for n in range(lead_end + 1, block.last + 1)):
            out.append(block)
            continue
        out.append(replace(block, kind=BlockKind.PARAGRAPH, last=lead_end))
        out += [replace(block, kind=BlockKind.LIST_ITEM, first=n, last=n) for n in range(lead_end + 1, block.last + 1)]
    return out

