"""Lines a hard wrap cuts mid-sentence (plain text, reST, wrapped Markdown), read with their neighbours.

A phrase split over two lines ("... is transmitted" / "using TLS") matches on neither line alone,
and a negation at the end of one line ("... and not" / "shared between customers") governs the
next. Claims, attestations and regulations of such lines are read from the line joined with the
lines before and after it; everything else (tables, support, places) still reads single lines.
"""

from __future__ import annotations

from auditor.claims.cues import CueReader
from auditor.claims.durations import DurationReader
from auditor.claims.lines import LineView
from auditor.claims.phrases import PhraseIndex
from auditor.documents.model import BlockKind

_WRAPPING = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE})
READ_JOINED = frozenset({"claim", "attestation", "regulation"})  # items a wrapped line is read for with its neighbours
_WRAP_MIN = 40  # a hard wrap cuts a full line; a short line without a stop is a title or a label
_SENTENCE_END = (".", "!", "?", ":", ";", "|", "؟", "。")


def wrapped_rows(layout, norm_lines: list[str], any_length: bool = False) -> dict[int, int]:
    """Row -> the row that continues its sentence, for lines a hard wrap cuts mid-sentence: the
    next line of the same paragraph or list item when the line does not end a sentence.
    ``any_length``: in an HTML page the tags mark titles and labels, so a short line inside a
    paragraph is a wrap too."""
    least = 1 if any_length else _WRAP_MIN
    out: dict[int, int] = {}
    for block in layout.blocks:
        if block.kind not in _WRAPPING or block.last <= block.first:
            continue
        for n in range(block.first, block.last):
            here, nxt = norm_lines[n - 1].rstrip(), norm_lines[n].strip()
            if len(here) >= least and nxt and not here.endswith(_SENTENCE_END) and "|" not in here and "|" not in nxt \
                    and layout.at(n + 1) is block:  # cells ("HIPAA | Not supported") are rows, not prose
                out[n - 1] = n
    return out


def joined_views(doc, wrapped: dict[int, int], rows: list[int], norm_lines: list[str], index: PhraseIndex,
                 cues: CueReader, durations: DurationReader) -> list[LineView]:
    """Views of wrapped lines read with the line before and after them ("... keys are" /
    "rotated yearly"), holding only the items that start on the line itself: a phrase is cited
    to the line it starts on, and a negation at the end of the line before still governs it."""
    texts, offsets = [], []
    for row in rows:
        before = norm_lines[row - 1].strip() if wrapped.get(row - 1) == row else ""
        after = norm_lines[wrapped[row]].strip() if row in wrapped else ""
        offsets.append(len(before) + 1 if before else 0)
        texts.append(" ".join(t for t in (before, norm_lines[row], after) if t))
    lowered = [t.lower() for t in texts]  # match_line falls back to the text when lengths differ
    candidates = index.candidates(lowered)
    checked = index.checked_ids
    read_joined = index.ids_of_kinds(READ_JOINED)  # only these are kept: the others need not run
    found_by_row: dict[int, list] = {}
    for i, ids in candidates.items():
        row, start = rows[i], offsets[i]
        end = start + len(norm_lines[row])
        found = [hit for hit in index.match_line(texts[i], ids & read_joined, lowered[i])
                 if start <= hit[1].start() < end]
        if found:
            found_by_row[row] = found
    # a phrase that runs on into the next line is cited where it starts, once: the next line's
    # view drops the same item when it is that phrase's tail ("... is transmitted" / "using TLS")
    tails: dict[int, list[tuple[tuple[str, str], int]]] = {}
    for i, row in enumerate(rows):
        nxt, end = wrapped.get(row), offsets[i] + len(norm_lines[row])
        if nxt is not None:
            tails[nxt] = [((e.kind, e.key), m.end() - end - 1) for e, m in found_by_row.get(row, ()) if m.end() > end]
    views = []
    for i, row in enumerate(rows):
        found = found_by_row.get(row)
        if found and tails.get(row):
            own_start = offsets[i] + len(norm_lines[row]) - len(norm_lines[row].lstrip())
            found = [(e, m) for e, m in found if not any(
                item == (e.kind, e.key) and m.start() - own_start < reach for item, reach in tails[row])]
        if found:
            views.append(LineView.build(row, doc.lines[row], texts[i], candidates[i] & checked, doc.sha256, found,
                                        cues, durations, index, lowered[i], offsets[i]))
    return views


__all__ = ["READ_JOINED", "joined_views", "wrapped_rows"]
