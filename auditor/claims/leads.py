"""What a lead-in or a heading says of the list or table under it.

"Acme has obtained the following certifications:" (or a heading "Certifications") holds every name
listed under it; "We are pursuing these certifications:" (or a heading "Planned") hedges them. A
list item or row with no lead-in of its own takes its nearest heading as one.
"""

from __future__ import annotations

import re

from auditor.claims.normalise import normalise
from auditor.claims.speaker import lead_text
from auditor.documents.model import BlockKind


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


__all__ = ["LeadReader", "led_where", "under_title"]
