"""Markdown and MDX to blocks with markdown-it (markdown-it-pyrs, its Rust port, which gives each
node its source span): headings with their section path, paragraphs, list items, table rows with
their header cells; front matter, code, and component markup set apart.

Indented code is switched off: plain-text documents indent prose, and a vendor page that is not
Markdown at all must still be read. MDX component tags (``<Accordion title="...">``) are markup;
a title, value or label attribute opens a section until the tag closes, as a heading would.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from functools import lru_cache
from itertools import accumulate

from auditor.documents.html_tables import html_table_rows
from auditor.documents.model import Block, BlockKind, Layout

# a line of tags only: HTML/MDX ("<Accordion title=...>") or Markdoc, Liquid and GitBook ("{% hint style="info" %}")
_TAG_LINE = re.compile(r"^\s*(?:(?:</?[A-Za-z][\w.:-]*(?:\s[^<>]*)?/?>|\{%-?\s*/?[A-Za-z][\w.:-]*(?:\s[^%]*)?-?%\})\s*)+$"
                       # a tag written over several lines (JSX, HTML): "<img", "src="/assets/soc2.webp"", "/>";
                       # JSX's spacing ("{' '}") and a comma between tags
                       r"|^\s*(?:<[A-Za-z][\w.:-]*|[A-Za-z_:][\w.:-]*=(?:\"[^\"]*\"|'[^']*'|\{[^{}]*\})|/?>|\{[\"'] ?[\"']\}|,)"
                       r"(?:\s*(?:[A-Za-z_:][\w.:-]*=(?:\"[^\"]*\"|'[^']*'|\{[^{}]*\})|/?>|</[A-Za-z][\w.:-]*>|\{[\"'] ?[\"']\}|,))*\s*$")
_LIQUID_OPEN = re.compile(r"\{%-?\s*(?!end)([A-Za-z][\w.:-]*)((?:\s[^%]*)?)-?%\}")
_LIQUID_CLOSE = re.compile(r"\{%-?\s*(?:/|end)([A-Za-z][\w.:-]*)\s*-?%\}")
_OPEN_TAG = re.compile(r"<([A-Za-z][\w.:-]*)((?:\s[^<>]*)?)>")
_CLOSE_TAG = re.compile(r"</([A-Za-z][\w.:-]*)\s*>")
_FRONT_TITLE = re.compile(r"^title:[ \t]*(\S[^\n]*)$", re.MULTILINE)
# a component's title: its title, label, summary or heading before its value (<TabItem value="ory" label="Ory's role">)
_ATTR_VALUE = r"""\s*=\s*(?:"([^"]+)"|'([^']+)'|\{["']([^"']+)["']\})"""
_TITLE_ATTR = re.compile(r"\b(?:title|label|summary|heading)" + _ATTR_VALUE)
_VALUE_ATTR = re.compile(r"\bvalue" + _ATTR_VALUE)
_MODULE_LINE = re.compile(r"^\s*(?:import\s.*\bfrom\s+['\"]|import\s+['\"]|export\s+(?:const|default|function|let)\b)")
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# a line of raw HTML opening a list item or a heading ("<li>Frankfurt (AWS)</li>", "<h3>EU Only</h3>"):
# pages exported from a help centre into Markdown are HTML throughout
_HTML_PROSE = re.compile(r"^\s*<(li|h([1-6])|summary)\b[^>]*>", re.IGNORECASE)
_SURROGATE = re.compile("[\ud800-\udfff]")  # undecodable bytes kept as escapes: the parser takes UTF-8 only


@lru_cache(maxsize=1)
def _parser():
    from markdown_it_pyrs import MarkdownIt

    # block structure only: a text node's content is all that is read (cells, headings), so the
    # inline rules (emphasis, links) are not enabled; indented code is off (see above), and
    # reference definitions are rare on vendor pages (setext titles are not: RST and plain pages underline)
    return MarkdownIt("zero").enable_many(
        ["front_matter", "blockquote", "fence", "heading", "lheading", "hr", "list", "paragraph", "html_block", "table"])


# a line that may open a block other than a paragraph (heading, list, quote, fence, rule, table,
# HTML, front matter): a document with none is paragraphs between blank lines, nothing else
_MAYBE_STRUCTURE = re.compile(r"^[ \t]*(?:[#>|`~<*+_=-]|\{%|\d+[.)])|\|", re.MULTILINE)
# a reStructuredText section adornment: one punctuation character repeated (Markdown reads ~~~ and ``` as code
# fences, *** as a rule, ### as an empty heading)
_ADORNERS = "~^\"'`#*+:.<>_"
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ADORNMENT = re.compile(rf"([{re.escape(_ADORNERS)}])\1{{2,}}[ \t]*")
_MDX_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*mdx-code-block\s*$")
_ASCIIDOC_TITLE = re.compile(r"^(={1,6})[ \t]+\S")
_ASCIIDOC_DELIMITER = re.compile(r"-{4,}|\.{4,}")  # a listing or literal block opens and closes with the same run
_ASCIIDOC_PROSE_DELIMITER = re.compile(r"={4,}|\*{4,}|_{4,}|--")  # example, sidebar, quote and open blocks
_ASCIIDOC_ATTRIBUTES = re.compile(r"\[(?:[A-Z]+|\.[\w-]+|[#%][\w-]+|quote|verse|sidebar|example|abstract)(?:[,#.%][^\]]*)?\]")
_ASCIIDOC_LABEL = re.compile(r"\.([A-Za-z][^.].*)|([^:\s][^:]*?)::")


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
    source = _SURROGATE.sub("\ufffd", "\n".join(line.replace("\r", " ") for line in _as_markdown(lines)))
    walk = _Walk(lines, source)
    walk.children(_parser().tree(source))
    blocks = walk.blocks + _title_lines(walk.blocks, lines)
    if "+-" in text and "|" in text:  # reStructuredText or pandoc grid tables: a paragraph to markdown-it
        blocks += _grid_blocks(lines, blocks)
    return Layout.build(blocks, len(lines))


def _grid_blocks(lines: tuple[str, ...] | list[str], blocks: list[Block]) -> list[Block]:
    """Blocks for the grid tables of a document, each row with its header cells, in the section of
    the block markdown-it saw there; later in the list, so they win over that block's lines."""
    from auditor.documents.grid import grid_tables

    out: list[Block] = []
    for table in grid_tables(lines):
        around = [b for b in blocks if b.first <= table.first <= b.last]
        section = around[-1].section if around else ()
        texts = {n for row in table.rows for n in range(row.first, row.last + 1)}
        out += [Block(BlockKind.TABLE_HEADER if n in table.header_lines else BlockKind.TABLE_RULE, n, n, section)
                for n in range(table.first, table.last + 1) if n not in texts]
        out += [Block(BlockKind.TABLE_ROW, row.first, row.last, section, row.columns, row.cells)
                for row in table.rows]
    return out


def _as_markdown(lines: tuple[str, ...] | list[str]) -> tuple[str, ...] | list[str]:
    """reStructuredText underlines a title with a run of ~, ^, `, * ... at least as long as the title; Markdown would
    read the run as a code fence or a rule and swallow the rest of the page. Such a run becomes a setext underline of
    the same length ("---"), so the title is a heading and byte offsets do not move. AsciiDoc titles ("== Data
    management") become ATX headings and its ---- or .... delimited blocks code fences, and Hugo's +++ front matter
    fences ---, all of the same length."""
    out = None
    if lines and lines[0].rstrip() == "+++":  # Hugo's TOML front matter: fenced as YAML's, the same length
        close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "+++"), None)
        if close is not None:
            out = list(lines)
            out[0] = out[close] = "---"
    fence = ""  # the run that opened the Markdown code fence we are in: its closing run is no underline
    mdx = ""  # the run that opened a Docusaurus ```mdx-code-block: its content is read as the page's
    asciidoc = is_asciidoc(lines)
    delimited = ""  # the AsciiDoc delimiter of the listing block we are in
    from auditor.documents.rewrite import rewritten_lines

    tables = rewritten_lines(lines, asciidoc)  # tables as Markdown pipe tables, markup bodies blank, line for line
    for i in range(len(lines)):
        line = lines[i]
        if i in tables:
            out = out if out is not None else list(lines)
            out[i] = tables[i]
            continue
        if asciidoc:
            stripped = line.rstrip()
            if delimited:
                if stripped == delimited:
                    out = out if out is not None else list(lines)
                    out[i] = "`" * len(line)
                    delimited = ""
                continue
            if _ASCIIDOC_DELIMITER.fullmatch(stripped):
                out = out if out is not None else list(lines)
                out[i] = "`" * len(line)
                delimited = stripped
                continue
            title = _ASCIIDOC_TITLE.match(line)
            if title:
                out = out if out is not None else list(lines)
                out[i] = "#" * len(title.group(1)) + line[len(title.group(1)):]
                continue
            if _ASCIIDOC_PROSE_DELIMITER.fullmatch(stripped) or _ASCIIDOC_ATTRIBUTES.fullmatch(stripped):
                out = out if out is not None else list(lines)
                out[i] = ""  # an example, sidebar or quote block holds prose; "[NOTE]", "[.lead]" say nothing
                continue
            label = _ASCIIDOC_LABEL.fullmatch(stripped)
            if label:  # a block title (".Encryption in transit") or a term alone ("Backups::") labels what follows
                out = out if out is not None else list(lines)
                out[i] = "###### " + (label.group(1) or label.group(2))
                continue
        if i == 0:
            continue
        if mdx and _closes(line, mdx):
            out[i] = " " * len(line)   # the end of Docusaurus's live MDX block
            mdx = ""
            continue
        if fence:
            if _closes(line, fence):
                fence = ""
            continue
        if not mdx and (live := _MDX_FENCE.match(line)):   # ```mdx-code-block holds page content, not code
            out = out if out is not None else list(lines)
            out[i] = " " * len(line)
            mdx = live.group(1)
            continue
        if line[:1] in _ADORNERS and _ADORNMENT.fullmatch(line):
            title = lines[i - 1].strip()
            if title and not _ADORNMENT.fullmatch(title) and len(line.rstrip()) >= len(title) \
                    and any(ch.isalnum() for ch in title):
                if out is None:
                    out = list(lines)
                out[i] = "-" * len(line)
                continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)
    return lines if out is None else out


def _closes(line: str, fence: str) -> bool:
    """Does ``line`` close the code fence opened by the run ``fence`` (the same character, at least as many)?"""
    return line.strip().startswith(fence) and not line.strip().strip(fence[0])


def is_asciidoc(lines: tuple[str, ...] | list[str]) -> bool:
    """Is this AsciiDoc: a title written "= Title" / "== Section", or a [source] block attribute?"""
    return any(line[:1] in "=[" and (_ASCIIDOC_TITLE.match(line) or line.startswith("[source")) for line in lines)


class _Walk:
    """The blocks of a markdown-it tree, in document order, with the section path each sits in."""

    def __init__(self, lines, source: str):
        self.lines = lines
        self.blocks: list[Block] = []
        self.headings: list[tuple[int, str]] = []  # (level, text)
        self.components: list[tuple[str, str]] = []  # (tag name, title)
        self.list_depth = 0
        self.quote_depth = 0
        # the parser gives UTF-8 byte offsets: the byte where each line starts
        self._starts = [0, *accumulate(len(line.encode("utf-8")) + 1 for line in source.split("\n")[:-1])]
        self._section: tuple[str, ...] | None = None  # the current path, until a heading or tag changes it
        # raw HTML tables, read whole (markdown-it splits one at its blank lines): rows still to place
        self.html_rows: deque | None = None
        self.in_html_table_lines: frozenset[int] = frozenset()
        self.html_header_lines: set[int] = set()
        if "<table" in source or "<TABLE" in source:
            rows, self.in_html_table_lines = html_table_rows(lines)
            self.html_rows = deque(rows)
            self.html_header_lines = {n for r in rows if r.header for n in range(r.first, r.last + 1)}

    def span(self, node) -> tuple[int, int]:
        """The 1-based first and last line of a node."""
        start, end = node.srcmap
        return bisect_right(self._starts, start), bisect_right(self._starts, max(start, end - 1))

    def section(self) -> tuple[str, ...]:
        if self._section is None:
            self._section = tuple(t for _, t in self.headings) + tuple(t for _, t in self.components)
        return self._section

    def children(self, node) -> None:
        for child in node.children:
            self.visit(child)

    def visit(self, node) -> None:
        name = node.name
        if node.srcmap is None:
            return
        first, last = self.span(node)
        if name == "front_matter":
            self.blocks.append(Block(BlockKind.FRONT_MATTER, first, last))
            title = _FRONT_TITLE.search(node.meta.get("content", "") or "")
            if title and not self.headings:  # the page's title (a docs site renders it as its H1): the outermost section
                self.headings.append((0, title.group(1).strip().strip("'\"")))
        elif name in ("heading", "lheading"):  # ATX "## Title", or setext: a title over === or ---
            self.heading(first, last, int(node.meta.get("level", 1)), _content(node).strip())
        elif name in ("bullet_list", "ordered_list"):
            self.list_depth += 1
            self.children(node)
            self.list_depth -= 1
        elif name == "blockquote":
            self.quote_depth += 1
            self.children(node)
            self.quote_depth -= 1
        elif name == "list_item":
            self.children(node)
        elif name == "paragraph" or name == "text":  # a tight list item's text stands in for its paragraph
            self.paragraph(first, last)
        elif name == "html_block":
            self.html_block(first, last)
        elif name == "fence" or name == "code_block":
            self.blocks.append(Block(BlockKind.CODE, first, last, self.section()))
        elif name == "table":
            self.table(node, first, last)

    def heading(self, first: int, last: int, level: int, title: str) -> None:
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        if level == 1 and self.headings and self.headings[0][0] == 0:
            self.headings.pop(0)  # the page's own H1 takes the front matter title's place
        self.components.clear()
        self._section = None
        self.blocks.append(Block(BlockKind.HEADING, first, last, self.section(), title=title))
        self.headings.append((level, _ANY_TAG.sub("", title)))
        self._section = None

    def paragraph(self, first: int, last: int) -> None:
        if self.in_html_table(first, last):
            self.html_block(first, last)
            return
        kind = BlockKind.LIST_ITEM if self.list_depth else (BlockKind.QUOTE if self.quote_depth else BlockKind.PARAGRAPH)
        marked = kind is BlockKind.PARAGRAPH and first < last and all(
            _MARKED_LINE.match(self.lines[n - 1]) for n in range(first, min(last, len(self.lines)) + 1))
        if marked:  # "✅ Uptime" / "❌ Maintenance" line by line: a list written without list syntax
            self.blocks += [Block(BlockKind.LIST_ITEM, n, n, self.section()) for n in range(first, last + 1)]
        else:
            self.blocks.append(Block(kind, first, last, self.section()))
        for n in range(first, min(last, len(self.lines)) + 1):
            text = self.lines[n - 1]
            if _TAG_LINE.match(text):
                self.markup_line(n, text)
            elif _MODULE_LINE.match(text):
                self.blocks.append(Block(BlockKind.MARKUP, n, n, self.section()))

    def in_html_table(self, first: int, last: int) -> bool:
        """Do lines ``first``..``last`` lie in a raw HTML table (markdown-it cuts one into pieces at blank
        lines)? Each ``<tr>`` that opens by ``last`` is placed first: one row of cells under its header."""
        if self.html_rows is None:
            return False
        while self.html_rows and self.html_rows[0].first <= last:
            row = self.html_rows.popleft()
            if not row.header:
                self.blocks.append(Block(BlockKind.TABLE_ROW, row.first, row.last, self.section(), header=row.columns,
                                         cells=row.cells, cell_lines=row.cell_lines))
        return first in self.in_html_table_lines

    def html_block(self, first: int, last: int) -> None:
        in_table = self.in_html_table(first, last)
        run: list[int] = []   # plain prose lines in a row (a <p> hard-wrapped in a page's markup): one paragraph
        for n in range(first, min(last, len(self.lines)) + 1):
            text = self.lines[n - 1]
            plain = not in_table and text.strip() and not text.lstrip().startswith(("<", "{")) \
                and not _CLOSE_TAG.search(text) and not _TAG_LINE.match(text)
            if plain and not self.list_depth:
                run.append(n)
                continue
            self._prose_run(run)
            if not text.strip():
                continue
            if _TAG_LINE.match(text):
                self.markup_line(n, text)
            elif in_table:  # a cell's own line: read as part of its row; a header cell's states nothing
                self.blocks.append(Block(BlockKind.TABLE_HEADER if n in self.html_header_lines else BlockKind.TABLE_ROW,
                                         n, n, self.section()))
            elif (opened := _HTML_PROSE.match(text)) and opened.group(1).lower() != "li":  # "<h3>EU Only</h3>": a heading
                # a <details> block's <summary> titles what it folds, as a heading does
                self.heading(n, n, int(opened.group(2) or 6), _ANY_TAG.sub("", text).strip())
            else:  # text inside a component ("<Callout>Status: Compliant</Callout>"), "<li>...</li>": prose
                item = self.list_depth or (opened is not None and opened.group(1).lower() == "li")
                self.blocks.append(Block(BlockKind.LIST_ITEM if item else BlockKind.PARAGRAPH, n, n, self.section()))
                for m in _CLOSE_TAG.finditer(text):  # a component closed on a prose line
                    self.close(m.group(1))
        self._prose_run(run)

    def _prose_run(self, run: list[int]) -> None:
        if run:
            self.blocks.append(Block(BlockKind.PARAGRAPH, run[0], run[-1], self.section()))
            run.clear()

    def markup_line(self, n: int, text: str) -> None:
        """A line of tags: markup; its opening tags with a title open a section, closing ones end it."""
        for m in (*_CLOSE_TAG.finditer(text), *_LIQUID_CLOSE.finditer(text)):
            self.close(m.group(1))
        self.blocks.append(Block(BlockKind.MARKUP, n, n, self.section()))
        for m in (*_OPEN_TAG.finditer(text), *_LIQUID_OPEN.finditer(text)):
            if m.group(0).endswith("/>"):
                continue
            t = _TITLE_ATTR.search(m.group(2) or "") or _VALUE_ATTR.search(m.group(2) or "")
            if t:
                self.components.append((m.group(1), next(g for g in t.groups() if g)))
                self._section = None

    def close(self, tag: str) -> None:
        for i in range(len(self.components) - 1, -1, -1):
            if self.components[i][0] == tag:
                del self.components[i:]
                self._section = None
                return

    def table(self, node, first: int, last: int) -> None:
        header: tuple[str, ...] = ()
        rows: set[int] = set()
        heads: set[int] = set()
        for part in node.children:
            for row in part.children:
                if row.name != "trow" or row.srcmap is None:
                    continue
                n = self.span(row)[0]
                rows.add(n)
                cells = tuple(_content(cell).strip() for cell in row.children)
                # an empty header row leaves the column names to the first body row ("|  |  |" then
                # "| Sub-Processor | Location |"): that row is the header
                blank_header = part.name != "thead" and bool(header) and not any(header) and not rows - {n} - heads
                if part.name == "thead" or blank_header:
                    heads.add(n)
                    header = cells
                    self.blocks.append(Block(BlockKind.TABLE_HEADER, n, n, self.section(), cells=cells))
                else:
                    self.blocks.append(Block(BlockKind.TABLE_ROW, n, n, self.section(), header, cells))
        for n in range(first, last + 1):
            if n not in rows:
                self.blocks.append(Block(BlockKind.TABLE_RULE, n, n, self.section()))


def _content(node) -> str:
    """The text of a heading or a cell (inline markup kept as written)."""
    return "".join(child.meta.get("content", "") for child in node.children if child.name == "text")


_MARKED_LINE = re.compile(r"^\s*[✅✔☑✓❌✗✘❎☐•▪‣◦➤►→]")
_TITLE_END = re.compile(r"[.,;:!?)\]\"”’'|]\s*$")
_SECTION_MARK = re.compile(r"^\s*(?:§\s*)?\d+(?:\.\d+)*\.?\s*$")  # "§01", "2.1" alone on a line
_LIST_START = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s")
# a numbered section title set in bold, alone on its line, a stop after it: "**3.1. SLA Response Times**."
_NUMBERED_BOLD_TITLE = re.compile(r"^\s*(?:\*\*|__)\s*(?:§\s*)?\d{1,3}(?:\.\d{1,3})*\.?\s+(?P<title>[^*_]{2,80}?)\s*(?:\*\*|__)\s*[.:]?\s*$")


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


_COLON_TITLE = re.compile(r"^\s*(?:(?:[-*+•]|\d{1,3}[.)])\s+)?[*_]*(?P<title>[^:*_]{1,60}?)[*_]*:[*_]*\s*$")


# a list item's opening line that is only a title in bold: "* **Vendor Management**", "1. **Least privilege**" over
# the item's text
_BOLD_ITEM_TITLE = re.compile(r"^\s*(?:(?:[-*+•]|\d{1,3}[.)])\s+)?(\*\*|__)(?P<title>[^*_:]{1,60}?)\1\s*$")


def _colon_title(text: str) -> bool:
    """A short title ending in a colon, alone on its line: "**Backups:**", "Access Control:"; or
    a title in bold alone on the first line of a longer item: "* **Vendor Management**"."""
    m = _COLON_TITLE.match(text) or _BOLD_ITEM_TITLE.match(text)
    return m is not None and _title_like(m.group("title"))


def _title_lines(blocks: list[Block], lines) -> list[Block]:
    """Plain-text pages set their headings as title-case lines of their own: such a line, at the start
    of a paragraph or after a finished sentence, is a heading, not a statement."""
    out = []
    for block in blocks:
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            continue
        # a list item's later lines may be a title the item swallowed (no blank line after the list)
        start = block.first if block.kind is BlockKind.PARAGRAPH else block.first + 1
        last = min(block.last, len(lines))
        # "**At-Rest Encryption:**" on its own line over the text it names, in the same paragraph or item
        if block.first < last and _colon_title(lines[block.first - 1]):
            out.append(Block(BlockKind.HEADING, block.first, block.first, block.section,
                             title=lines[block.first - 1].strip()))
        for n in range(start, last + 1):
            text = lines[n - 1]
            if len(text.split(None, 8)) > 8:
                continue  # more words than a title has (six, and emphasis marks around them): most lines
            before = lines[n - 2].rstrip() if n > block.first else ""
            after = lines[n] if n < len(lines) else ""
            opens = not before or before.endswith((".", "!", "?", ":")) or _LIST_START.match(before) \
                or _LIST_START.match(after) or _SECTION_MARK.match(before)
            numbered = _NUMBERED_BOLD_TITLE.match(text)
            if numbered and _title_like(numbered.group("title")):
                out.append(Block(BlockKind.HEADING, n, n, block.section, title=text.strip()))
            elif opens and _title_like(text) and not _TAG_LINE.match(text):
                out.append(Block(BlockKind.HEADING, n, n, block.section, title=text.strip()))
    return out
