"""HTML to numbered lines and blocks with BeautifulSoup on lxml.

One line per block element (heading, table row with its cells joined by `` | ``), or per
source line of a paragraph or list item written over several; navigation, page header and footer,
cookie and consent banners, scripts, styles and forms are dropped: they are the site talking, not
the vendor's statement. Each extracted line also knows the line of the page's source where its text
starts, which is what citations name: a reviewer opens the page they were sent, not our extraction
of it.
"""

from __future__ import annotations

import html
import re

from auditor.documents.model import Block, BlockKind

_BLOCK = {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "ul", "ol", "dl", "dt", "dd",
          "blockquote", "table", "thead", "tbody", "tfoot", "caption", "figure", "figcaption", "address", "details",
          "hr", "form", "fieldset", "center", "li", "pre"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "summary"}
_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "button", "select", "nav",
         "footer", "form", "input", "textarea", "dialog"}
_CHROME = re.compile(r"(?:^|[\s_-])(?:cookie|consent|gdpr-banner|cc-banner|onetrust|navbar|nav-?bar|breadcrumbs?|"
                     r"site-?header|site-?footer|skip-?link|menu|sidebar|toc)(?:$|[\s_-])", re.IGNORECASE)
_WS = re.compile(r"\s+")
_BREAK = re.compile(r" ?\x00[\x00 ]*")  # a <br> (or several) in inline text
# what the source shows between tags: comments, scripts and styles hold no page text
_MARKUP = re.compile(r"<!--.*?-->|<(script|style|noscript|template)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
_NEEDLE = 24  # characters (without whitespace) of a line looked for in the source


def source_lines(text: str, lines: list[str]) -> list[int]:
    """For each extracted line, the 1-based line of ``text`` (the page's source) where it starts.

    The page's visible text is laid out without whitespace, each character knowing its source
    line; each extracted line's opening characters are then found in order. A line not found
    (text the parser rebuilt) takes the line of the one before it."""
    chars: list[str] = []
    where: list[int] = []
    line, pos = 1, 0
    for m in _MARKUP.finditer(text + "<>"):
        segment = text[pos:m.start()]
        for k, piece in enumerate(segment.split("\n")):
            visible = _WS.sub("", html.unescape(piece))
            chars.append(visible)
            where.extend([line + k] * len(visible))
        line += segment.count("\n") + m.group(0).count("\n")
        pos = m.end()
    visible = "".join(chars)
    out: list[int] = []
    at, last = 0, 1
    for extracted in lines:
        first = extracted.split(" | ", 1)[0]
        needle = _WS.sub("", first[2:] if first.startswith("- ") else first)[:_NEEDLE]
        found = visible.find(needle, at) if needle else -1
        if found >= 0:
            last = where[found]
            at = found + len(needle)
        out.append(last)
    return out


def _spread(row) -> bool:
    """A row whose cells stand on source lines of their own (``<td>`` a line): each cell becomes a line
    of its own, so a value is cited on the page's line that holds it, not on the row's first."""
    from bs4 import NavigableString

    cells, broken = 0, False
    for child in row.children:
        if getattr(child, "name", None) in ("td", "th"):
            if broken:
                return True
            cells += 1
        elif cells and isinstance(child, NavigableString) and "\n" in child:
            broken = True
    return False


def _chrome(node) -> bool:
    """Site furniture: navigation, banners, menus (by role, id or class)."""
    attrs = getattr(node, "attrs", None) or {}
    if attrs.get("role") in ("navigation", "banner", "contentinfo", "dialog", "menu", "menubar"):
        return True
    if attrs.get("aria-hidden") == "true":
        return True
    names = " ".join([attrs.get("id") or "", *(attrs.get("class") or [])])
    return bool(names.strip()) and bool(_CHROME.search(names))


def html_blocks(text: str) -> tuple[list[str], list[Block]]:
    """The extracted lines of an HTML page and their blocks (1-based line numbers of the extracted text)."""
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

    try:
        soup = BeautifulSoup(text, "lxml")
    except Exception:  # lxml missing or refusing the input: the standard parser still reads it
        soup = BeautifulSoup(text, "html.parser")
    lines: list[str] = []
    blocks: list[Block] = []
    headings: list[tuple[int, str]] = []
    buffer: list[str] = []

    def section() -> tuple[str, ...]:
        return tuple(t for _, t in headings)

    def flush(kind: BlockKind) -> None:
        # a block written over several source lines keeps them apart, so a claim cites the
        # line its sentence is on ("<dd>" then one sentence a line), as a wrapped paragraph does
        pieces = [piece for piece in (_WS.sub(" ", p).strip() for p in "".join(buffer).split("\n")) if piece]
        buffer.clear()
        if pieces and pieces[0] == "-" and len(pieces) > 1:
            pieces = ["- " + pieces[1], *pieces[2:]]
        if pieces and pieces != ["-"]:
            lines.extend(pieces)
            blocks.append(Block(kind, len(lines) - len(pieces) + 1, len(lines), section()))

    def inline(node, breaks: str = " ") -> str:
        """The text of ``node`` on one line; a ``<br>`` becomes ``breaks`` (a table cell keeps it as a line
        break, so a name stands apart from the links under it: "Convex<br>Privacy terms")."""
        parts: list[str] = []

        def walk(n) -> None:
            for child in n.children:
                if isinstance(child, (Comment, Doctype, Declaration, ProcessingInstruction)):
                    continue
                if isinstance(child, NavigableString):
                    parts.append(str(child))
                elif (child.name or "").lower() not in _SKIP and not _chrome(child):
                    parts.append("\x00" if (child.name or "").lower() == "br" else "")
                    walk(child)

        walk(node)
        text = _WS.sub(" ", "".join(parts)).strip(" \x00")
        return _BREAK.sub(breaks, text)

    def table(node) -> None:
        header: tuple[str, ...] = ()
        for row in node.find_all("tr"):
            if row.find_parent("table") is not node:
                continue
            cells = row.find_all(["td", "th"], recursive=False)
            texts = tuple(inline(c, "\n") for c in cells)
            if not any(texts):
                continue
            joined = tuple(_WS.sub(" ", t) for t in texts)
            is_header = all(c.name == "th" for c in cells) or row.find_parent("thead") is not None
            if is_header and not header:
                lines.append(" | ".join(joined))
                header = joined
                blocks.append(Block(BlockKind.TABLE_HEADER, len(lines), len(lines), section(), cells=texts))
            elif _spread(row):
                first = len(lines) + 1
                at: list[int] = []
                for text in joined:
                    if text:
                        lines.append(text)
                    at.append(len(lines) if text else len(lines) + 1)  # an empty cell stands where the next one does
                blocks.append(Block(BlockKind.TABLE_ROW, first, len(lines), section(), header, texts,
                                    cell_lines=tuple(min(n, len(lines)) for n in at)))
            else:
                lines.append(" | ".join(joined))
                blocks.append(Block(BlockKind.TABLE_ROW, len(lines), len(lines), section(), header, texts))

    def walk(node, kind: BlockKind) -> None:
        for child in node.children:
            if isinstance(child, (Comment, Doctype, Declaration, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                buffer.append(str(child))
                continue
            name = (child.name or "").lower()
            if name in _SKIP or _chrome(child):
                continue
            if name == "br":
                flush(kind)
            elif name == "table":
                flush(kind)
                table(child)
            elif name in _HEADINGS:
                flush(kind)
                title = inline(child)
                level = int(name[1]) if name[0] == "h" else 7
                while headings and headings[-1][0] >= level:
                    headings.pop()
                if title:
                    lines.append(title)
                    blocks.append(Block(BlockKind.HEADING, len(lines), len(lines), section(), title=title))
                    headings.append((level, title))
            elif name in _BLOCK:
                flush(kind)
                inner = {"li": BlockKind.LIST_ITEM, "pre": BlockKind.CODE, "blockquote": BlockKind.QUOTE,
                         "header": BlockKind.NAVIGATION}.get(name, kind)
                if name == "li":
                    buffer.append("- ")
                walk(child, inner)
                flush(inner)
            else:
                walk(child, kind)

    walk(soup, BlockKind.PARAGRAPH)
    flush(BlockKind.PARAGRAPH)
    return lines, blocks


__all__ = ["html_blocks", "source_lines"]
