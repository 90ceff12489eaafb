"""Sentences (and list items run together on one line) of a block's text, English and Arabic.

Clause breaks inside a sentence (but, however, while, whereas, plus; لكن، بينما، إلا أن، غير أن)
are data (``clause_breaks`` in ``auditor/data/language.yaml``) and are applied where negation and
hedging are read (``auditor.claims.cues``): a cue governs only the clause it stands in.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "inc.", "ltd.", "vs.", "approx.", "co.", "corp.", "no.", "nr.", "dr.",
                  "mr.", "ms.", "st.", "u.s.", "u.k.", "fig.", "sec.", "art.")
# What ends a sentence, in both languages: . ! ? ; ؟ ؛, a closing quote or bracket may follow (’there are no
# “X endpoints.” Instead, ...’). The one definition: the cue reader's clause and sentence breaks take it from here.
_MARKS = ".!?;؟؛"
_CLOSERS = "\"”’')" + r"\]"
SENTENCE_END = rf"[{_MARKS}][{_CLOSERS}]?(?=\s|$)"
# a list item starts a new unit, also one run into a line (" - **Backups**: ...") as some pages write them
_MAYBE_BOUNDARY = re.compile(rf"[{_MARKS}][{_CLOSERS}]?\s|\n|\s[-*•]\s")
# a section number is no sentence: "**1.3. “Maintenance”** means ..." goes on after "1.3."
_SECTION_NUMBER = re.compile(r"[*_#§(\s]*\d{1,3}(?:\.\d{1,3})*\.?[)*_]*")
# nor is an ellipsis opening a list item: "- ... delete your account, and ..." goes on with its lead-in's sentence
_OPENING_ELLIPSIS = re.compile(r"[\s>*+•-]*(?:\.\.\.|…)")
# every boundary starts on a space: written so, the engine skips from space to space (the spaces after a
# sentence's end | a line end before a list mark | a space before a run-in list item)
_BOUNDARY = re.compile(rf"\s(?:(?<=[{_MARKS}]\s)\s*|(?<=[{_MARKS}][{_CLOSERS}]\s)\s*|(?<=\n)(?=\s*(?:[-*+•]|\d+[.)])\s)"
                       r"|(?=[-*•]\s+\*\*))")


def split_units(text: str, *, table: bool = False) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of ``text``; for a table row, of its cells."""
    if table:
        spans = []
        pos = 0
        for cell in text.split("|"):
            if cell.strip():
                spans.append((pos, pos + len(cell)))
            pos += len(cell) + 1
        return spans
    spans = []
    start = 0
    if not _MAYBE_BOUNDARY.search(text):  # most lines: one sentence
        return [(0, len(text))] if text.strip() else []
    for m in _BOUNDARY.finditer(text):
        end = m.start()
        piece = text[start:end]
        tail = piece.rsplit(None, 1)[-1].lower() if piece.strip() else ""
        if tail in _ABBREVIATIONS and tail != "no." or (tail == "no." and len(piece.split()) > 1):
            continue  # "e.g. the ..." goes on; a bare "No." answer is a unit of its own
        if _SECTION_NUMBER.fullmatch(piece) or _OPENING_ELLIPSIS.fullmatch(piece):
            continue
        if piece.strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def after_semicolon(text: str, at: int) -> bool:
    """Is the last character before ``at`` that is not a space a ";"? (Read backwards from ``at``: a
    block's text may run to many lines, and copying all of it before each sentence cost more.)"""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at > 0 and text[at - 1] == ";"


__all__ = ["SENTENCE_END", "after_semicolon", "split_units"]
