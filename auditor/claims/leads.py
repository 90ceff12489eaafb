"""What a lead-in or a heading says of the list or table under it.

"Acme has obtained the following certifications:" (or a heading "Certifications") holds every name
listed under it; "We are pursuing these certifications:" (or a heading "Planned") hedges them. A
list item or row with no lead-in of its own takes its nearest heading as one.
"""

from __future__ import annotations

import re

from auditor.claims.normalise import normalise
from auditor.documents.model import Block, BlockKind
from auditor.model.vendor import Citation, Claim


_LED_BLOCKS = (BlockKind.LIST_ITEM, BlockKind.TABLE_ROW, BlockKind.TABLE_HEADER, BlockKind.TABLE_RULE)
"""Blocks a lead-in paragraph introduces."""


def lead_text(paragraph: Block, norm_lines: list[str]) -> str:
    """A list's lead-in paragraph as one line (its lines joined), as the speaker and the hedge read it.
    Emphasis around it is dropped, and a closing ellipsis ("we are not interested in…") opens the
    list as a colon does: it is returned as one."""
    text = " ".join(norm_lines[n - 1].strip() for n in range(paragraph.first, paragraph.last + 1)).strip(" *_")
    return text[:-3] + ":" if text.endswith("...") else text[:-1] + ":" if text.endswith("…") else text


def lead_paragraphs(blocks: tuple[Block, ...]) -> list[int]:
    """For each list item or table row, the index of the paragraph that introduces its list or table
    (-1 when none): one pass, however long the list."""
    out = [-1] * len(blocks)
    lead = -1
    for i, block in enumerate(blocks):
        if block.kind in _LED_BLOCKS:
            out[i] = lead
        elif block.kind is BlockKind.MARKUP:
            continue
        else:
            lead = i if block.kind is BlockKind.PARAGRAPH else -1
    return out


class LeadReader:
    def __init__(self, cues, asserting: re.Pattern[str] | None, held_titles: re.Pattern[str] | None):
        self.cues = cues
        self._asserting = asserting
        self._held_titles = held_titles
        self._hedged_titles: dict[str, bool] = {}  # heading -> does it hedge the list under it (the vocabulary is fixed)

    def asserting(self, speech, norm_lines: list[str]) -> set[int]:
        """The list items whose lead-in asserts for them ("Acme has obtained the following
        certifications:" then "- SOC 2 Type II"): a name alone there is held, as if the line said so."""
        out = led_where(speech, norm_lines, self._asserting.search) if self._asserting is not None else set()
        if self._held_titles is not None:  # a list right under a "Certifications" heading, with no lead-in
            held = self._held_titles
            verdicts: dict[str, bool] = {}  # every item under one heading asks of the same title

            def holds(title: str) -> bool:
                verdict = verdicts.get(title)
                if verdict is None:
                    verdict = verdicts[title] = bool(held.search(normalise(title)))
                return verdict

            out |= under_title(speech, holds)
        return out

    def hedged(self, speech, norm_lines: list[str]) -> set[int]:
        """The list items and rows whose lead-in hedges them all ("We are pursuing these
        certifications:", "Planned for next year:"): each item is as unsure as its lead-in."""
        out = led_where(speech, norm_lines, lambda text: text.endswith(":") and self.cues.hedges_end(text))
        # a list or table right under a heading that hedges ("Planned in the next 12 months", "Coming
        # soon"), with no lead-in of its own: the heading is its lead-in
        titles = self._hedged_titles
        if len(titles) > 50_000:
            titles.clear()

        def hedging(title: str) -> bool:
            verdict = titles.get(title)
            if verdict is None:
                verdict = titles[title] = self.cues.hedges_end(normalise(title).rstrip(" :") + ":")
            return verdict

        return out | under_title(speech, hedging)


def led_where(speech, norm_lines: list[str], says) -> set[int]:
    """The list items and rows whose lead-in text ``says`` something of them all (asked once per lead-in)."""
    verdicts: dict[int, bool] = {}
    out: set[int] = set()
    for line, lead in speech.led_by.items():
        verdict = verdicts.get(id(lead))
        if verdict is None:
            verdict = verdicts[id(lead)] = bool(says(lead_text(lead, norm_lines)))
        if verdict:
            out.add(line)
    return out


def under_title(speech, says) -> set[int]:
    """The list items and table rows with no lead-in of their own whose nearest heading ``says`` (a
    test of the heading's text): the heading is their lead-in."""
    out = set()
    for line, block in speech.blocks.items():
        if line in speech.led_by or block.kind not in (BlockKind.LIST_ITEM, BlockKind.TABLE_ROW):
            continue
        title = next((s for s in reversed(block.section) if s), "")
        if title and says(title):
            out.add(line)
    return out


def supplier_duties(layout, norm_lines: list[str], says) -> dict[int, range]:
    """The list items under a lead-in binding the vendor's suppliers ("All our subprocessors are required to:"):
    each item's first line and its lines, whatever words the item has."""
    blocks, out, verdicts = layout.blocks, {}, {}
    for i, lead in enumerate(lead_paragraphs(blocks)):
        if lead < 0 or blocks[i].kind is not BlockKind.LIST_ITEM:
            continue
        if lead not in verdicts:
            verdicts[lead] = bool(says(lead_text(blocks[lead], norm_lines)))
        if verdicts[lead]:
            out[blocks[i].first] = range(blocks[i].first, blocks[i].last + 1)
    return out


def as_supplier_duties(claims: list, document: str, items: dict[int, range], raw_lines) -> list:
    """``claims`` with what each supplier-duty item said replaced by one claim: the vendor manages its
    sub-processors (an item's own words are the supplier's duty: "Allow for audits" grants the customer nothing)."""
    lines = {n for span in items.values() for n in span}
    kept = [c for c in claims if not (c.citation is not None and c.citation.document == document
                                      and c.citation.line in lines)]
    return kept + [Claim(control="subprocessor-management", citation=Citation(document=document, line=first,
                                                                                text=raw_lines[first - 1]))
                   for first in sorted(items)]


__all__ = ["LeadReader", "as_supplier_duties", "lead_paragraphs", "lead_text", "led_where", "supplier_duties", "under_title"]
