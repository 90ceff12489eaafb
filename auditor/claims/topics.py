"""A heading that names a control, and the paragraph under it that says how without naming it.

"## Right to erasure" then "It's possible to request account termination and data removal from the
profile section": the paragraph is the vendor's statement of the heading's control, though its words
are not the control's vocabulary. It is read so only where nothing in the section states that
control already, where the paragraph is the vendor speaking (not advice, a definition or another
party), and where its first sentence holds no negation: a "not" there could be about anything, so
the heading gives nothing rather than a guess. A question heading is answered below (answers.py);
a heading that is a status row's label or a lead-in is read by those readers.
"""

from __future__ import annotations

import re

from auditor.claims.extraction import Extraction
from auditor.documents.model import BlockKind, Layout
from auditor.documents.sentences import split_units
from auditor.model.enums import Polarity
from auditor.model.vendor import Citation, Claim

_LED = (BlockKind.LIST_ITEM, BlockKind.TABLE_HEADER, BlockKind.TABLE_ROW)
_LEADS_IN = re.compile(r"\b(?:the following|as follows|below)\b", re.IGNORECASE)
_TITLE = re.compile(r"\s*(?:#|=)\s|\s*<h1\b", re.IGNORECASE)  # the page's own title (Markdown, AsciiDoc, HTML)


def heading_bodies(layout: Layout, heading_lines: set[int], raw_lines) -> dict[int, tuple[int, int, int]]:
    """Heading line -> (first and last line of the paragraph right under it, last line of its section), for
    the headings among ``heading_lines`` (lines that hit the vocabulary) with a paragraph right under them.
    Not the page's title (its first paragraph introduces the page), nor a paragraph that leads in a list
    (the items say what it means)."""
    out: dict[int, tuple[int, int, int]] = {}
    blocks = layout.blocks
    titled = False  # the first heading of a page with nothing above it is its title (an HTML page's h1 too)
    for i, block in enumerate(blocks):
        if block.kind is not BlockKind.HEADING:
            continue
        title, titled = not titled and not block.section, True
        if block.first not in heading_lines or title or _TITLE.match(raw_lines[block.first - 1]):
            continue
        body, end, after = None, layout.line_count, None
        for nxt in blocks[i + 1:]:
            if nxt.kind is BlockKind.HEADING:
                end = nxt.first - 1
                break
            if body is None and nxt.kind is BlockKind.PARAGRAPH:
                body = nxt
            elif body is None and nxt.kind is not BlockKind.MARKUP:
                break  # a table, a list or code first: read by their own readers
            elif body is not None and after is None and nxt.kind is not BlockKind.MARKUP:
                after = nxt.kind
        if body is not None and after not in _LED:
            out[block.first] = (body.first, body.last, end)
    return out


def topic_claims(bodies: dict[int, tuple[int, int, int]], result: Extraction, document: str, speaker, layout: Layout,
                 norm_lines: list[str], raw_lines, cues) -> list[Claim]:
    """The claims the headings in ``bodies`` give their paragraphs (see the module docstring). Who speaks in
    the paragraphs is judged apart: the document's own reading (which other readers consult) stays as it was."""
    headed: dict[int, set[str]] = {}
    for r in result.rejected:
        if r.document == document and r.reason == "heading" and r.item.startswith("claim:") and r.line in bodies:
            headed.setdefault(r.line, set()).add(r.item.partition(":")[2])
    if not headed:
        return []
    speech = speaker.read(layout, norm_lines, {bodies[h][0] for h in headed}, raw_lines)
    stated: dict[str, list[int]] = {}
    for c in result.claims:
        if c.citation is not None and c.citation.document == document and c.citation.line:
            stated.setdefault(c.control, []).append(c.citation.line)
    out = []
    for heading, controls in sorted(headed.items()):
        if norm_lines[heading - 1].rstrip(" *_`").endswith(("?", "؟")):
            continue
        body, last, end = bodies[heading]
        text = " ".join(norm_lines[n - 1].strip() for n in range(body, last + 1))  # the sentence may wrap
        a, b = (split_units(text) or [(0, len(text))])[0]
        first = len(norm_lines[body - 1].strip())
        sentence = text[a:b].strip()
        if not sentence or sentence.endswith(("?", "؟", ":")) or _LEADS_IN.search(sentence) \
                or speech.reasons_at(body, [(a, min(b, first))])[0]:
            continue  # a question to the reader, a lead-in, or not the vendor speaking
        said = cues.line(text[:b].lower())
        if said.neg_before or said.neg_after:
            continue
        for control in sorted(controls):
            if any(heading <= line <= end for line in stated.get(control, ())):
                continue
            out.append(Claim(control=control, polarity=Polarity.AFFIRMED, hedged=bool(said.hedges),
                             citation=Citation(document=document, line=body, text=raw_lines[body - 1])))
    return out


__all__ = ["heading_bodies", "topic_claims"]
