"""Markdown and MDX to blocks with markdown-it-py: headings with their section path, paragraphs,
list items, table rows with their header cells; front matter, code, and component markup set apart.

Indented code is switched off: plain-text documents indent prose, and a vendor page that is not
Markdown at all must still be read. MDX component tags (``<Accordion title="...">``) are markup;
a title, value or label attribute opens a section until the tag closes, as a heading would.
"""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.documents.model import Block, BlockKind, Layout

_TAG_LINE = re.compile(r"^\s*(?:</?[A-Za-z][\w.:-]*(?:\s[^<>]*)?/?>\s*)+$")
_OPEN_TAG = re.compile(r"<([A-Za-z][\w.:-]*)((?:\s[^<>]*)?)>")
_CLOSE_TAG = re.compile(r"</([A-Za-z][\w.:-]*)\s*>")
_TITLE_ATTR = re.compile(r"""\b(?:title|value|label|summary|heading)\s*=\s*(?:"([^"]+)"|'([^']+)'|\{["']([^"']+)["']\})""")
_MODULE_LINE = re.compile(r"^\s*(?:import\s.*\bfrom\s+['\"]|import\s+['\"]|export\s+(?:const|default|function|let)\b)")
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    # block structure only: an inline token's content is all that is read (cells, headings), so
    # the inline rules (emphasis, links) are not run
    # reference definitions and setext underlines are rare on vendor pages and cost a third of the parse
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin).disable(
        ["code", "inline", "reference", "lheading"])


# a line that may open a block other than a paragraph (heading, list, quote, fence, rule, table,
# HTML, front matter): a document with none is paragraphs between blank lines, nothing else
_MAYBE_STRUCTURE = re.compile(r"^[ \t]*(?:[#>|`~<*+_=-]|\d+[.)])|\|", re.MULTILINE)


def _plain_layout(lines: tuple[str, ...] | list[str]) -> Layout:
    """What markdown-it makes of text with no block syntax, without running it: paragraphs."""
    blocks: list[Block] = []
    first = None
    for n, line in enumerate(lines, 1):
        if line.strip(" \t\r"):  # blank to markdown-it: spaces and tabs only (a no-break space is text)
            if first is None:
                first = n
        elif first is not None:
            blocks.append(Block(BlockKind.PARAGRAPH, first, n - 1))
            first = None
    if first is not None:
        blocks.append(Block(BlockKind.PARAGRAPH, first, len(lines)))
    # an MDX import/export line inside a paragraph is markup, as markdown_layout marks it
    blocks += [Block(BlockKind.MARKUP, n, n) for n, line in enumerate(lines, 1) if _MODULE_LINE.match(line)]
    blocks += _title_lines(blocks, lines)
    return Layout.build(blocks, len(lines))


def markdown_layout(lines: tuple[str, ...] | list[str]) -> Layout:
    """The layout of a Markdown (or plain-text) document given as its lines."""
    text = "\n".join(lines)
    if not _MAYBE_STRUCTURE.search(text):  # plain prose (a .txt page): the parser would find paragraphs only
        return _plain_layout(lines)
    # markdown-it also breaks lines at a bare CR; our lines break at LF only, so CR reads as a space
    tokens = _parser().parse("\n".join(line.replace("\r", " ") for line in lines))
    blocks: list[Block] = []
    headings: list[tuple[int, str]] = []  # (level, text)
    components: list[tuple[str, str]] = []  # (tag name, title)
    list_depth = 0
    quote_depth = 0
    header: tuple[str, ...] = ()
    row: list[str] | None = None
    row_map: list[int] | None = None
    in_head = False
    table_map: list[int] | None = None
    table_rows: set[int] = set()

    def section() -> tuple[str, ...]:
        return tuple(t for _, t in headings) + tuple(t for _, t in components)

    def markup_line(n: int, text: str) -> None:
        """A line of tags: markup; its opening tags with a title open a section, closing ones end it."""
        for m in _CLOSE_TAG.finditer(text):
            name = m.group(1)
            for i in range(len(components) - 1, -1, -1):
                if components[i][0] == name:
                    del components[i:]
                    break
        blocks.append(Block(BlockKind.MARKUP, n, n, section()))
        for m in _OPEN_TAG.finditer(text):
            if m.group(0).endswith("/>"):
                continue
            t = _TITLE_ATTR.search(m.group(2) or "")
            if t:
                components.append((m.group(1), next(g for g in t.groups() if g)))

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "front_matter" and tok.map:
            blocks.append(Block(BlockKind.FRONT_MATTER, tok.map[0] + 1, tok.map[1]))
        elif kind == "heading_open" and tok.map:
            level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
            text = tokens[i + 1].content.strip() if i + 1 < len(tokens) else ""
            while headings and headings[-1][0] >= level:
                headings.pop()
            components.clear()
            blocks.append(Block(BlockKind.HEADING, tok.map[0] + 1, tok.map[1], section(), title=text))
            headings.append((level, _ANY_TAG.sub("", text)))
        elif kind == "bullet_list_open" or kind == "ordered_list_open":
            list_depth += 1
        elif kind == "bullet_list_close" or kind == "ordered_list_close":
            list_depth -= 1
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "paragraph_open" and tok.map:
            block_kind = BlockKind.LIST_ITEM if list_depth else (BlockKind.QUOTE if quote_depth else BlockKind.PARAGRAPH)
            blocks.append(Block(block_kind, tok.map[0] + 1, tok.map[1], section()))
            for n in range(tok.map[0], min(tok.map[1], len(lines))):
                text = lines[n]
                if _TAG_LINE.match(text):
                    markup_line(n + 1, text)
                elif _MODULE_LINE.match(text):
                    blocks.append(Block(BlockKind.MARKUP, n + 1, n + 1, section()))
        elif kind == "html_block" and tok.map:
            for n in range(tok.map[0], min(tok.map[1], len(lines))):
                text = lines[n]
                if not text.strip():
                    continue
                if _TAG_LINE.match(text):
                    markup_line(n + 1, text)
                else:  # text inside a component ("<Callout>Status: Compliant</Callout>"): prose
                    blocks.append(Block(BlockKind.LIST_ITEM if list_depth else BlockKind.PARAGRAPH, n + 1, n + 1,
                                        section()))
                    for m in _CLOSE_TAG.finditer(text):  # a component closed on a prose line
                        name = m.group(1)
                        for j in range(len(components) - 1, -1, -1):
                            if components[j][0] == name:
                                del components[j:]
                                break
        elif kind in ("fence", "code_block") and tok.map:
            blocks.append(Block(BlockKind.CODE, tok.map[0] + 1, tok.map[1], section()))
        elif kind == "table_open" and tok.map:
            table_map = tok.map
            table_rows = set()
        elif kind == "table_close":
            if table_map:
                for n in range(table_map[0], table_map[1]):
                    if n not in table_rows:
                        blocks.append(Block(BlockKind.TABLE_RULE, n + 1, n + 1, section()))
            table_map = None
            header = ()
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row, row_map = [], tok.map
        elif kind == "inline" and row is not None:
            row.append(tok.content.strip())
        elif kind == "tr_close" and row is not None:
            if row_map:
                table_rows.add(row_map[0])
                if in_head:
                    header = tuple(row)
                    blocks.append(Block(BlockKind.TABLE_HEADER, row_map[0] + 1, row_map[0] + 1, section(),
                                        cells=tuple(row)))
                else:
                    blocks.append(Block(BlockKind.TABLE_ROW, row_map[0] + 1, row_map[0] + 1, section(), header,
                                        tuple(row)))
            row, row_map = None, None
        i += 1
    blocks += _title_lines(blocks, lines)
    return Layout.build(blocks, len(lines))


_TITLE_END = re.compile(r"[.,;:!?)\]\"”’'|]\s*$")
_SECTION_MARK = re.compile(r"^\s*(?:§\s*)?\d+(?:\.\d+)*\.?\s*$")  # "§01", "2.1" alone on a line
_LIST_START = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s")


def _title_like(text: str) -> bool:
    """A short line in title case with no closing punctuation: "Encryption at Rest", "Data Residency"."""
    text = text.strip().strip("*_").strip()
    words = text.split()
    if not 1 <= len(words) <= 6 or _TITLE_END.search(text) or _LIST_START.match(text) or not text[0].isupper():
        return False
    long_words = [w for w in words if len(w) >= 4 and w[0].isalpha()]
    if bool(long_words) and all(w[0].isupper() for w in long_words):
        return True
    # sentence case ("Data residency", "Compliance & audits"): short, and no word that makes a statement
    return len(words) <= 4 and bool(long_words) and not any(w.lower() in _STATEMENT_WORDS for w in words) \
        and not any(ch.isdigit() for ch in text)


# words that make a short line a statement rather than a title
_STATEMENT_WORDS = frozenset("""is are was were be been has have had can will may must should we our us you your it
they do does not no yes supports support provides provide uses use encrypts encrypt offers offer includes
include stores store keeps keep hosts host runs run holds hold""".split())


def _title_lines(blocks: list[Block], lines) -> list[Block]:
    """Plain-text pages set their headings as title-case lines of their own: such a line, at the start
    of a paragraph or after a finished sentence, is a heading, not a statement."""
    out = []
    for block in blocks:
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            continue
        # a list item's later lines may be a title the item swallowed (no blank line after the list)
        start = block.first if block.kind is BlockKind.PARAGRAPH else block.first + 1
        for n in range(start, min(block.last, len(lines)) + 1):
            text = lines[n - 1]
            if len(text.split(None, 8)) > 8:
                continue  # more words than a title has (six, and emphasis marks around them): most lines
            before = lines[n - 2].rstrip() if n > block.first else ""
            after = lines[n] if n < len(lines) else ""
            opens = not before or before.endswith((".", "!", "?", ":")) or _LIST_START.match(before) \
                or _LIST_START.match(after) or _SECTION_MARK.match(before)
            if opens and _title_like(text) and not _TAG_LINE.match(text):
                out.append(Block(BlockKind.HEADING, n, n, block.section, title=text.strip()))
    return out
