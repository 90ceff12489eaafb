"""Markup kept out of what the vocabulary sees, never out of a citation: one line stays one line."""

from __future__ import annotations

import re

# Markdown inline markup, kept out of what the vocabulary sees (never out of a citation): emphasis
# marks, a link's target (its text stays), inline tags; one line stays one line. Every alternative
# starts with one of the characters in the lookahead: it lets the engine pass over prose at half the cost.
# MkDocs marks too: "==7 days==" highlights, "^^deleted^^" underlines, ":material-trash-can:" is an icon
_MARKDOWN_INLINE = re.compile(r"(?=[*_`!\[<{=^:])(?:\*\*|__|`|!?\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])"
                              r"|</?[A-Za-z][\w.:-]*(?:\s[^<>\n]*)?/?>|\[\[(?:[^\]|\n]*\|)?([^\]\n]*)\]\]|\{:[^}\n]*\}"
                              r"|==(?=\S)|(?<=\S)==|\^\^|:[a-z0-9]+(?:[-_][a-z0-9]+)+:)")
# a reference link's definition ("[aws-kms]: https://aws.amazon.com/kms/") is an address, not prose
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*$", re.MULTILINE)


# a web address says nothing in its words ("https://app.eu.acme.io/api" names no region or tool); an
# AsciiDoc link ("https://help.acme.io[open a ticket]") keeps its text
_URL = re.compile(r"\b(?:link:)?(?:https?|ftp)://[^\s<>()\[\]`'\"|]+(?:\[([^\]\n]*)\])?")


def _url_text(m: re.Match[str]) -> str:
    return m.group(1) or ""


# a cell or block tag parts words ("<td>Engineering</td><td>United States</td>"); an inline one does not
_PARTING_TAG = re.compile(r"</?(?:td|th|tr|br|p|li|div|h[1-6])\b", re.IGNORECASE)


def _inline_text(m: re.Match[str]) -> str:
    """A link keeps its text; an image's alt text describes a picture, not the vendor ("![Select a region]")."""
    text = None if m.group(0).startswith("!") else m.group(1) or m.group(2)
    if text:
        return text
    return " " if _PARTING_TAG.match(m.group(0)) else ""


def prose(text: str, *, markdown: bool) -> str:
    """``text`` with its inline markup read as prose: a link keeps its text, an address says nothing, emphasis
    marks and tags go (``markdown``: the document is Markdown or plain text, where these marks mean markup)."""
    if markdown and "]:" in text:
        text = _LINK_DEFINITION.sub("", text)
    if markdown and ("*" in text or "](" in text or "][" in text or "`" in text or "<" in text
                     or "==" in text or "^^" in text):
        text = _MARKDOWN_INLINE.sub(_inline_text, text)  # markup is not prose: "**Severity**", "[GDPR](/gdpr)"
    if "://" in text:  # an address never runs over a line end: only the lines holding one are read
        text = "\n".join(_URL.sub(_url_text, line) if "://" in line else line for line in text.split("\n"))
    return text


__all__ = ["prose"]
