"""Lines read as something else, one for one: what a Markdown reader would misread in AsciiDoc and
reStructuredText (tables written cell by cell, directive bodies that hold no prose).

The layout parser and the claim reader both read the rewritten lines, so a table row is a row for
both; citations keep the original lines, whose count never changes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType


_MARKERS = ("|===", ".. ", "<!--", "{/*", "::", "\n:", "[]")  # what any rewrite below needs to find in a document
# an AsciiDoc line that is one macro ("image::vpc.png[title=...]", "include::part.adoc[]", "label:Enterprise[]")
# or an attribute entry (":description: ..."): markup, not prose
_ASCIIDOC_MACRO = re.compile(r"[a-z]+::?[^\s\[]*\[[^\]]*\]|:!?[\w-]+!?:(?:\s.*)?")


def might_rewrite(text: str) -> bool:
    """Could ``rewritten_lines`` change anything in this text? (A cheap test before reading it line by line.)"""
    return any(marker in text for marker in _MARKERS)


def rewritten_lines(lines: tuple[str, ...] | list[str], asciidoc: bool | None = None) -> Mapping[int, str]:
    """0-based line -> the text to read in its place (AsciiDoc tables and reStructuredText CSV tables as
    Markdown pipe tables; the bodies of directives without prose, and AsciiDoc macro lines, blank). Read-only: the layout and
    the claim reader both ask for a document's, which is worked out once."""
    if asciidoc is None:
        from auditor.documents.markdown import is_asciidoc

        asciidoc = is_asciidoc(lines)
    if isinstance(lines, tuple):
        return _rewritten(lines, asciidoc)
    return MappingProxyType(_rewrite(lines, asciidoc))


@lru_cache(maxsize=2)
def _rewritten(lines: tuple[str, ...], asciidoc: bool) -> Mapping[int, str]:
    return MappingProxyType(_rewrite(lines, asciidoc))


def _rewrite(lines: tuple[str, ...] | list[str], asciidoc: bool) -> dict[int, str]:
    out: dict[int, str] = {}
    if asciidoc and any(line.startswith("|===") for line in lines):
        from auditor.documents.asciidoc import asciidoc_table_lines

        out.update(asciidoc_table_lines(lines))
    if asciidoc:
        out.update((n, "") for n, line in enumerate(lines) if line[:1].isalpha() or line[:1] == ":"
                   if _ASCIIDOC_MACRO.fullmatch(line.rstrip()))
    if any("<!--" in line or "{/*" in line for line in lines):
        out.update(comment_lines(lines))
    if any(".. " in line and "::" in line for line in lines):
        from auditor.documents.rst import csv_table_lines, rst_markup_bodies

        out.update(rst_markup_bodies(lines))
        out.update(csv_table_lines(lines))
    return out


_OPENERS = (("<!--", "-->"), ("{/*", "*/}"))


def comment_lines(lines: tuple[str, ...] | list[str]) -> dict[int, str]:
    """HTML comments in Markdown ("<!-- TODO: add SOC 2 -->") and MDX comments ("{/* ... */}"), on one line or
    many, are not published: their text becomes spaces (a whole comment line, empty)."""
    out: dict[int, str] = {}
    closing = ""  # the closer of the comment we are in
    for n, line in enumerate(lines):
        if not closing and "<!--" not in line and "{/*" not in line:
            continue
        kept, pos = [], 0
        while pos < len(line):
            if closing:
                end = line.find(closing, pos)
                if end < 0:
                    pos = len(line)
                    break
                pos, closing = end + len(closing), ""
                continue
            starts = [(line.find(o, pos), o, c) for o, c in _OPENERS if line.find(o, pos) >= 0]
            if not starts:
                kept.append(line[pos:])
                break
            at, opener, closer = min(starts)
            kept.append(line[pos:at])
            pos, closing = at + len(opener), closer
        text = "".join(kept)
        out[n] = text if text.strip() else ""
    return out


__all__ = ["comment_lines", "might_rewrite", "rewritten_lines"]
