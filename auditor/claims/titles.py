"""Text written as a title, not as a statement: a table cell that labels its row ("Turn Around Time (TAT)"), a
list item that is only a bold title over the items nested under it ("- **Access Control**")."""

from __future__ import annotations

import re

_BOLD_TITLE = re.compile(r"^(\s*)(?:[-*+•]|\d+[.)])\s+(?:\*\*|__)[^*_]{2,80}(?:\*\*|__)\s*:?\s*$")
_ITEM_INDENT = re.compile(r"^(\s*)(?:[-*+•]|\d+[.)])\s")
_INDENT = re.compile(r"^( *)\S")


def bold_title_over_items(line: int, raw_lines) -> bool:
    """A list item that is only a bold title, with items or the item's own paragraphs nested under it
    ("1. **Least privilege**" over an indented "By default, staff have no access..."): a heading written
    as an item."""
    if line > len(raw_lines) or not (title := _BOLD_TITLE.match(raw_lines[line - 1])):
        return False
    for n in range(line, min(len(raw_lines), line + 3)):
        if raw_lines[n].strip():
            nested = _ITEM_INDENT.match(raw_lines[n]) or _INDENT.match(raw_lines[n])
            return nested is not None and len(nested.group(1)) > len(title.group(1))
    return False


def cell_label(text: str) -> bool:
    """A table cell written as a title ("Turn Around Time (TAT)", "Check-In Window"): a row's label,
    not an imperative."""
    words = re.sub(r"\([^)]*\)|[*_`|\\]", " ", text).split()
    long_words = [w for w in words if len(w) >= 4 and w[0].isalpha()]
    return 1 <= len(words) <= 6 and bool(long_words) and all(w[0].isupper() for w in long_words)


__all__ = ["bold_title_over_items", "cell_label"]
