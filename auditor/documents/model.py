"""The blocks of a document, each with the 1-based source lines it spans and its section path."""

from __future__ import annotations

from dataclasses import dataclass, field
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
