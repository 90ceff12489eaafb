"""Find which of hundreds of vocabulary regexes match which lines, fast.

Running every pattern on every line is far too slow for megabytes of text. Instead each
pattern is parsed once to find a literal it cannot match without (``literals.py``: for
``encrypt\\w* .{0,60}at rest`` that is ``encrypt``, for ``(?:GDPR|CCPA)`` it is either one).
All literals go into one Aho-Corasick automaton (pyahocorasick, in C) that walks each line once;
only the patterns whose literal occurs on a line are then run, and only on that line.
Patterns with no usable literal (rare) run on every line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.claims.literals import LiteralScan, has_each, required_literal_sets

if TYPE_CHECKING:  # pragma: no cover
    from auditor.claims.lexicon import LazyPattern

try:  # Python 3.11+
    import re._parser as _sre_p  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse as _sre_p  # type: ignore[no-redef]

MAX_CONFIRMING = 2  # further literal sets checked per candidate: more costs more than it saves
DENY_MARK = "(?#deny)"  # in a vocabulary pattern: the phrase states the opposite of its item
PART_MARK = "(?#partial)"  # the phrase names one part of its item: negated, it denies that part only
GUARD_MARK = "(?#guard)"  # the phrase names an exposure: negated, it affirms its item; plain, it says nothing
ABSENT_MARK = "(?#absent)"  # the phrase counts only negated, as a denial ("we do not offer an SLA"); plain, it says nothing
PLACE_MARK = "(?#place)"  # the phrase holds only where the line names a place ("stored in the EU", not "in Amazon S3")


@dataclass(frozen=True)
class Entry:
    """One vocabulary pattern: what it stands for (``kind``/``key``) and where it came from."""

    kind: str
    key: str
    regex: "re.Pattern[str] | LazyPattern"  # anything with finditer/search, pattern and flags
    language: str = ""
    inverse: bool = False  # the phrase states the opposite of the item: it denies, and affirms when negated
    partial: bool = False  # the phrase names one part of the item ("phone support"): negated, it is set aside
    guard: bool = False  # the phrase names an exposure ("stores your prompts"): only its negation counts, as an affirmation
    placed: bool = False  # the phrase says where only with a place on its line (PLACE_MARK)
    absent: bool = False  # only a negation of the phrase counts, as a denial (ABSENT_MARK)
    window: int | None = None  # for cue words: how many words away they still govern a phrase


def _min_width(regex: re.Pattern[str]) -> int:
    try:
        return _sre_p.parse(regex.pattern, regex.flags).getwidth()[0]
    except (re.error, TypeError):
        return 0


def _position(pair: tuple[Entry, re.Match[str]]) -> tuple[int, str, str]:
    return pair[1].start(), pair[0].kind, pair[0].key


class PhraseIndex:
    """All vocabulary entries, with the single-pass literal scan that picks candidates.

    The document is scanned once, lower-cased, each line padded with a space at both ends.
    Entries of the kinds named in ``checked`` (group -> kinds: cue words, clause breaks, role
    words: short, frequent words that only qualify other hits) are looked up with literals
    that keep their word edges (`` لا `` is not "لا" inside "الاستجابة"), and run only on a
    line that already hit something else, and only when that line asks for their group.
    """

    def __init__(self, entries: Sequence[Entry], checked: dict[str, frozenset[str]] | None = None,
                 scanned_groups: frozenset[str] = frozenset()):
        self.entries = list(entries)
        checked = checked or {}
        self.group_of = {kind: group for group, kinds in checked.items() for kind in kinds}
        # groups wanted on most lines that hit something ride along in the document scan; the
        # others (wanted on a few lines) test their literals on the line when asked
        self._scanned_groups = scanned_groups
        self._line_tested: dict[str, LiteralScan] = {}
        line_tested: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        self._always: list[int] = []
        # entry -> further literal sets it needs one of each: checked on the line before its regex runs
        self._confirm: dict[int, tuple[frozenset[str], ...]] = {}
        self.group_ids: dict[str, frozenset[int]] = {}
        self.group_always: dict[str, frozenset[int]] = {}
        grouped: dict[str, set[int]] = defaultdict(set)
        group_always: dict[str, set[int]] = defaultdict(set)
        by_literal: dict[str, list[int]] = defaultdict(list)
        for i, entry in enumerate(self.entries):
            group = self.group_of.get(entry.kind)
            sets = self._literal_sets(entry, padded=group is not None)
            lits = sets[0] if sets else None
            if len(sets) > 1:
                self._confirm[i] = tuple(sets[1:1 + MAX_CONFIRMING])
            if group is not None:
                grouped[group].add(i)
                if lits is None:
                    group_always[group].add(i)
                elif group not in scanned_groups:
                    for lit in lits:
                        line_tested[group][lit].append(i)
                    continue
            elif lits is None:
                self._always.append(i)
            for lit in lits or ():
                by_literal[lit].append(i)
        self._confirm_ids = frozenset(self._confirm)
        self._line_tested = {g: LiteralScan(lits) for g, lits in line_tested.items()}
        self.group_ids = {g: frozenset(ids) for g, ids in grouped.items()}
        self.group_always = {g: frozenset(ids) for g, ids in group_always.items()}
        self.checked_ids = frozenset().union(*self.group_ids.values()) if self.group_ids else frozenset()
        self._by_literal = dict(by_literal)
        self._scan = LiteralScan(self._by_literal)
        self._grouped_entry = [e.kind in self.group_of for e in self.entries]
        # per entry, once first needed: (entry, lower-cased finditer or None, finditer, grouped)
        self._runners: list[tuple | None] = [None] * len(self.entries)
        self._kind_ids: dict[frozenset[str], frozenset[int]] = {}
        self._hit_tests: dict[frozenset[str], tuple[frozenset[int], bool]] = {}

    def candidates(self, lowered_lines: Sequence[str]) -> dict[int, set[int]]:
        """Line index -> entry indices worth running on it, from one pass over each line
        (lower-cased, padded with a space at both ends so literals keep their word edges)."""
        result: dict[int, set[int]] = {}
        ids_in = self._scan.ids_in
        always = self._always
        confirm = bool(self._confirm)
        for row, line in enumerate(lowered_lines):
            padded = " " + line + " "
            ids = ids_in(padded)
            if confirm:
                self._drop_unconfirmed(ids, padded)
            if always:
                ids.update(always)
            if ids:
                result[row] = ids
        return result

    def match_among(self, line: str, ids: frozenset[int]) -> list[tuple[Entry, re.Match[str]]]:
        """The matches of the entries ``ids`` on one normalised text (a table cell read for one
        kind): the same literal scan first, so only entries whose literals occur run."""
        padded = " " + line.lower() + " "
        found = self._scan.ids_in(padded)
        for tested in self._line_tested.values():
            found |= tested.ids_in(padded)
        self._drop_unconfirmed(found, padded)
        found.update(self._always)
        for always in self.group_always.values():
            found |= always
        return self.match_line(line, found & ids)

    def _drop_unconfirmed(self, ids: set[int], padded: str) -> None:
        """Drop the candidates whose further literal sets are not all on the (padded, lowered) line."""
        confirm = self._confirm
        for i in ids & self._confirm_ids:
            if not has_each(padded, confirm[i]):
                ids.discard(i)

    @staticmethod
    def _literal_sets(entry: Entry, padded: bool) -> list[frozenset[str]]:
        parsed = getattr(entry.regex, "parsed", None)
        if parsed is None:
            try:
                parsed = _sre_p.parse(entry.regex.pattern, entry.regex.flags)
            except re.error:
                return []
        return required_literal_sets(parsed, padded=padded)

    def match_line(self, line: str, ids: Iterable[int], lowered: str | None = None) -> list[tuple[Entry, re.Match[str]]]:
        """Run the candidate entries on one normalised line; every match, in line order.

        With ``lowered`` (the line lower-cased, same length) case-insensitive patterns run
        lower-cased on it instead: the same matches, found faster."""
        found: list[tuple[Entry, re.Match[str]]] = []
        append = found.append
        runners = self._runners
        use_lower = lowered is not None and len(lowered) == len(line)
        first = None  # the first entry that matched: one entry's matches come in line order already
        mixed = False
        for i in ids:
            runner = runners[i]
            if runner is None:
                runner = runners[i] = self._runner(i)
            entry, lower_finditer, finditer, keep_empty = runner
            for m in (lower_finditer(lowered) if use_lower and lower_finditer is not None else finditer(line)):
                if keep_empty or m.end() > m.start():
                    append((entry, m))
                    if first is not entry:
                        if first is None:
                            first = entry
                        else:
                            mixed = True
        if mixed:
            found.sort(key=_position)
        return found

    def _runner(self, i: int) -> tuple:
        """(entry, lower-cased finditer or None, finditer, whether an empty match is kept): an
        empty match is kept for grouped entries and where the pattern cannot match empty anyway."""
        entry = self.entries[i]
        regex = entry.regex
        lower = regex.lowered.finditer if getattr(regex, "lower_ok", False) else None
        compiled = getattr(regex, "compiled", regex)
        keep_empty = self._grouped_entry[i] or _min_width(compiled) > 0
        return entry, lower, compiled.finditer, keep_empty

    def match_group(self, group: str, line: str, candidates: Iterable[int],
                    lowered: str | None = None) -> list[tuple[Entry, re.Match[str]]]:
        """The entries of one checked group possible on this line: found by the document scan,
        or (for a group outside it) by testing each literal on the padded, lower-cased line."""
        ids = set(self.group_always.get(group, ()))
        if group in self._scanned_groups:
            ids |= self.group_ids.get(group, frozenset()).intersection(candidates)
        else:
            tested = self._line_tested.get(group)
            if tested is not None:
                padded = " " + (lowered if lowered is not None else line.lower()) + " "
                found = tested.ids_in(padded)
                self._drop_unconfirmed(found, padded)
                ids |= found
        return self.match_line(line, ids, lowered)

    def may_hit(self, kinds: frozenset[str], candidates) -> bool:
        """Could an entry of these kinds, of a group the document scan covers, match on a line whose
        scan found ``candidates``? (No: its group need not run there for them.)"""
        test = self._hit_tests.get(kinds)
        if test is None:
            ids = self.ids_of_kinds(kinds)
            always = any(self.group_of.get(kind) not in self._scanned_groups for kind in kinds) or any(
                not ids.isdisjoint(a) for a in self.group_always.values())
            test = self._hit_tests[kinds] = (ids, always)
        return test[1] or not test[0].isdisjoint(candidates)

    def ids_of_kinds(self, kinds: frozenset[str]) -> frozenset[int]:
        """The indices of the entries of these kinds (worked out once per set of kinds)."""
        found = self._kind_ids.get(kinds)
        if found is None:
            found = self._kind_ids[kinds] = frozenset(i for i, e in enumerate(self.entries) if e.kind in kinds)
        return found

    @property
    def always_run(self) -> list[Entry]:
        return [self.entries[i] for i in self._always]
