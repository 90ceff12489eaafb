"""One document line as the extractors see it: its text, normal form, vocabulary hits, cues."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from auditor.claims.cues import CueReader, LineCues, Reading
from auditor.claims.durations import DurationHit, DurationReader
from auditor.claims.phrases import Entry, PhraseIndex
from auditor.model.enums import Polarity
from auditor.model.vendor import Citation

Hit = tuple[Entry, re.Match[str]]
_PLAIN = Reading(False, False)
_CUE_KINDS = frozenset({"neg-before", "neg-after", "hedge"})


@dataclass
class LineView:
    """A line with at least one vocabulary hit; cues and durations are computed on demand."""

    row: int  # 0-based
    raw: str
    norm: str
    pending: frozenset[int] | set[int]  # checked entries the scan found possible on this line
    document: str  # sha256
    hits: dict[str, list[Hit]]
    cue_reader: CueReader = field(repr=False)
    duration_reader: DurationReader = field(repr=False)
    index: PhraseIndex | None = field(default=None, repr=False)
    lowered: str | None = field(default=None, repr=False)
    offset: int = 0  # where the line itself starts in ``norm`` (a wrapped line carries its neighbours)
    _groups: set[str] = field(default_factory=set, repr=False)
    _cues: LineCues | None = field(default=None, repr=False)
    _citation: Citation | None = field(default=None, repr=False)
    _durations: list[DurationHit] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, row: int, raw: str, norm: str, pending, document: str, found: list[Hit],
              cue_reader: CueReader, duration_reader: DurationReader, index: PhraseIndex | None = None,
              lowered: str | None = None, offset: int = 0) -> "LineView":
        hits: dict[str, list[Hit]] = defaultdict(list)
        for entry, match in found:
            hits[entry.kind].append((entry, match))
        return cls(row, raw, norm, pending, document, dict(hits), cue_reader, duration_reader, index, lowered, offset)

    def _need(self, kind: str) -> None:
        """Cue words, role words and the like are looked for on this line on first use."""
        if self.index is None:
            return
        group = self.index.group_of.get(kind)
        if group is None or group in self._groups:
            return
        self._groups.add(group)
        for entry, match in self.index.match_group(group, self.norm, self.pending, self.lowered):
            self.hits.setdefault(entry.kind, []).append((entry, match))

    @property
    def number(self) -> int:
        return self.row + 1

    def citation(self) -> Citation:
        """The line's citation; one object shared by every item read from the line (never mutated)."""
        if self._citation is None:  # validated: pydantic's check costs less than model_construct here
            self._citation = Citation(document=self.document, line=self.number, text=self.raw)
        return self._citation

    def has(self, kind: str) -> bool:
        hits = self.hits
        if kind in hits:
            return True
        index = self.index
        if index is None:
            return False
        group = index.group_of.get(kind)
        if group is None or group in self._groups:
            return False  # not a looked-up kind, or its group was looked up already
        self._need(kind)
        return kind in hits

    def of(self, kind: str) -> list[Hit]:
        found = self.hits.get(kind)
        if found is None:
            self._need(kind)
            found = self.hits.get(kind, [])
        return found

    def names_place(self) -> bool:
        """Does the line name a country, a city or a region with a code?"""
        return self.has("country") or self.has("city") or self.has("region-code")

    def keys(self, kind: str) -> list[str]:
        seen: dict[str, None] = {}
        for entry, _ in self.of(kind):
            seen.setdefault(entry.key, None)
        return list(seen)

    def cues(self) -> LineCues:
        if self._cues is None:
            for kind in ("neg-before", "hedge"):
                self._need(kind)
            self._cues = self.cue_reader.from_hits(self.norm, self.hits, self.lowered)
        return self._cues

    def durations(self) -> list[DurationHit]:
        if self._durations is None:
            self._durations = self.duration_reader.find(self.norm)
        return self._durations

    def _has_cues(self) -> bool:
        """Any negation or hedge word (or a table row) on the line? Most lines have none."""
        if self._cues is not None:
            return True
        if self.index is not None and not self.index.may_hit(_CUE_KINDS, self.pending):
            return "|" in self.norm  # the scan found no such word: the cue group need not run
        self._need("neg-before")  # the cue group: negation and hedging words alike
        hits = self.hits
        return "neg-before" in hits or "neg-after" in hits or "hedge" in hits or "|" in self.norm

    def read(self, start: int, end: int, *, inside: bool = True, exceptive: bool = False, regex=None) -> Reading:
        if not self._has_cues():
            return _PLAIN  # no cue word on the line: nothing to negate or hedge (most lines)
        return self.cues().read(start, end, inside=inside, exceptive=exceptive, regex=regex)

    def polarity(self, hits: list[Hit]) -> tuple[Polarity, bool] | None:
        """How the line speaks of one item, from all its matches: a denial wins over an
        affirmation; the line is hedged only if every statement of that polarity is.

        A phrase written for the opposite of the item (``(?#deny)`` in the vocabulary: "no
        refunds", "reserves the right to change the terms") denies it, and affirms it when
        negated ("there are no hidden fees"); that negated reading wins over a plain phrase
        the same negation would otherwise deny. A phrase naming an exposure (``(?#guard)``:
        "sells personal data") counts only negated, and then affirms ("no selling of personal data").

        A phrase reaching over a clause break ("in transit is encrypted with TLS, and no stored
        encryption") is set aside when another of the item's phrases stands within one clause
        ("TLS"): the item is read from the clause that holds it whole."""
        if len(hits) > 1 and self._has_cues():
            cues = self.cues()
            whole = [h for h in hits if not cues.straddles(h[1].start(), h[1].end())]
            if any(not entry.partial for entry, _ in whole):
                hits = whole
        if len(hits) > 1 and any(entry.inverse for entry, _ in hits):
            hits = _holder_named(hits)
        denied: list[bool] = []
        affirmed: list[bool] = []
        double: list[bool] = []
        questions = "?" in self.norm or "؟" in self.norm
        for entry, m in hits:
            if questions and self.cues().in_question(m.start(), m.end()):
                continue  # a question states nothing; its answer may (see answers.py)
            # a restriction ("never ... without approval") protects as a plain negation does: guards read it as one
            reading = self.read(m.start(), m.end(), inside=not entry.inverse, exceptive=entry.inverse or entry.guard,
                                regex=entry.regex)
            if entry.inverse:
                (double if reading.negated else denied).append(reading.hedged)
                continue
            if entry.guard:  # "never stores raw metrics" protects; "stores metadata" says nothing of it
                if reading.negated:
                    double.append(reading.hedged)
                continue
            if entry.absent:  # "we do not offer an SLA" denies; "service delivery matches SLA requirements" says nothing
                if reading.negated:
                    denied.append(reading.hedged)
                continue
            if entry.partial and reading.negated:
                continue  # "no phone support" denies the phone, not the support channels
            (denied if reading.negated else affirmed).append(reading.hedged)
        if double:
            return Polarity.AFFIRMED, all(double)
        if denied:
            return Polarity.DENIED, all(denied)
        if affirmed:
            return Polarity.AFFIRMED, all(affirmed)
        return None

    def asked(self, kind: str) -> list[str]:
        """Items of ``kind`` named only inside a question on this line."""
        cues = self.cues()
        return [key for key, hits in self.grouped(kind).items()
                if all(cues.in_question(m.start(), m.end()) for _, m in hits)]

    def grouped(self, kind: str) -> dict[str, list[Hit]]:
        groups: dict[str, list[Hit]] = defaultdict(list)
        for entry, m in self.of(kind):
            groups[entry.key].append((entry, m))
        return dict(groups)


def _holder_named(hits: list[Hit]) -> list[Hit]:
    """Set aside an opposite phrase ("ownership of the data": the vendor's) that a plain phrase of the
    item reaches into from before it and ends inside it ("customers retain ownership of the data"): the
    plain phrase names who holds it, so it is the reading. One that holds the whole opposite phrase
    ("after cancelling, customers may lose access to their data") may be a topic phrase with a gap: the
    denial still wins there."""
    plain = [m for entry, m in hits if not entry.inverse and not entry.guard]
    return [(entry, m) for entry, m in hits
            if not entry.inverse or not any(p.start() < m.start() < p.end() < m.end() for p in plain)]
