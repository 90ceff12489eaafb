"""Find which of hundreds of vocabulary regexes match which lines, fast.

Running every pattern on every line is far too slow for megabytes of text. Instead each
pattern is parsed once (``re._parser``) to find a literal it cannot match without (for
``encrypt\\w* .{0,60}at rest`` that is ``encrypt``, for ``(?:GDPR|CCPA)`` it is either one).
All literals go into one Aho-Corasick automaton (pyahocorasick, in C) that walks each line once;
only the patterns whose literal occurs on a line are then run, and only on that line.
Patterns with no usable literal (rare) run on every line.
"""

from __future__ import annotations

import contextvars
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from auditor.claims.lexicon import LazyPattern

try:  # Python 3.11+
    import re._constants as _sre_c  # type: ignore[import-not-found]
    import re._parser as _sre_p  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_p  # type: ignore[no-redef]

MAX_CONFIRMING = 2  # further literal sets checked per candidate: more costs more than it saves
MIN_LITERAL = 2
_PADDED: contextvars.ContextVar[bool] = contextvars.ContextVar("padded", default=False)
DENY_MARK = "(?#deny)"  # in a vocabulary pattern: the phrase states the opposite of its item
PART_MARK = "(?#partial)"  # the phrase names one part of its item: negated, it denies that part only
GUARD_MARK = "(?#guard)"  # the phrase names an exposure: negated, it affirms its item; plain, it says nothing
ABSENT_MARK = "(?#absent)"  # the phrase counts only negated, as a denial ("we do not offer an SLA"); plain, it says nothing
PLACE_MARK = "(?#place)"  # the phrase holds only where the line names a place ("stored in the EU", not "in Amazon S3")
MAX_VARIANTS = 256


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


def required_literals(pattern, flags: int = re.IGNORECASE, *,
                      padded: bool = False) -> frozenset[str] | None:
    """Lower-cased literals of which at least one occurs in every match; None if unknown.

    Normalised lines hold no whitespace but single spaces, so ``\\s`` reads as a space; short
    optional pieces and small character classes are expanded (``p-?1`` gives ``p1`` and ``p-1``).
    With ``padded`` the literals are for a line searched with a space added at each end: a
    word-start ``(?:^|\\s)`` and a word-end ``(?=\\s|$)`` then read as spaces and are kept, so
    "لا" as a word (`` لا ``) is told apart from "لا" inside "الاستجابة".
    """
    if isinstance(pattern, str):
        try:
            parsed = _sre_p.parse(pattern, flags)
        except re.error:
            return None
    else:  # already parsed (a LazyPattern's)
        parsed = pattern
    sets = required_literal_sets(parsed, padded=padded)
    return sets[0] if sets else None


def required_literal_sets(parsed, *, padded: bool = False) -> list[frozenset[str]]:
    """Every set of literals the parsed pattern needs one of, the most selective first: the scan
    looks for the first, and the others confirm a candidate before its regex runs."""
    token = _PADDED.set(padded)
    try:
        found = _sequence_candidates(list(parsed))
    finally:
        _PADDED.reset(token)
    sets = []
    for cands in sorted(found, key=_score, reverse=True):
        trimmed = {_selective(s, padded) for s in cands}
        if not trimmed or any(not _usable(s) for s in trimmed):
            continue
        # a variant containing another adds nothing: the shorter one is there whenever it is
        sets.append(frozenset(s for s in trimmed if not any(o != s and o in s for o in trimmed)))
    return sets


def _selective(literal: str, padded: bool) -> str:
    """The part of a literal worth scanning for. A leading Arabic article (ال, in almost every
    other word) or a leading space adds little selectivity and costs a scan attempt at each
    occurrence, so it is dropped when enough remains."""
    literal = literal.lower() if padded else literal.strip().lower()
    if padded and literal.startswith(" ") and len(literal.strip()) >= 4:
        literal = literal[1:]
    core = literal.strip()
    if core.startswith("ال") and len(core) >= 5:
        literal = literal[literal.index("ال") + 2:]
    return literal


def _usable(literal: str) -> bool:
    literal = literal.strip() or literal
    if len(literal) >= MIN_LITERAL:
        return True
    return len(literal) == 1 and not literal.isalnum() and not literal.isspace()


def _score(cands: frozenset[str]) -> tuple[int, int]:
    return (min(len(s.strip()) for s in cands), -len(cands))


_SPACE_CATEGORY = getattr(_sre_c, "CATEGORY_SPACE", None)


def _chars(op, arg) -> list[str] | None:
    """The characters a single-character item can match, if few and known."""
    if op is _sre_c.LITERAL:
        return [chr(arg)]
    if op is _sre_c.IN:
        chars: list[str] = []
        for sub_op, sub_arg in arg:
            if sub_op is _sre_c.LITERAL:
                chars.append(chr(sub_arg))
            elif sub_op is _sre_c.CATEGORY and sub_arg is _SPACE_CATEGORY:
                chars.append(" ")
            elif sub_op is _sre_c.RANGE and sub_arg[1] - sub_arg[0] < 8:
                chars.extend(chr(c) for c in range(sub_arg[0], sub_arg[1] + 1))
            else:
                return None
        return chars if 0 < len(chars) <= 8 else None
    return None


def _variants(op, arg) -> list[str] | None:
    """Every string a short, fixed piece can match (a literal, a class, an optional piece)."""
    chars = _chars(op, arg)
    if chars is not None:
        return chars
    if op is _sre_c.AT:
        if _PADDED.get() and arg in (_sre_c.AT_BEGINNING, _sre_c.AT_END, _sre_c.AT_BEGINNING_STRING,
                                     _sre_c.AT_END_STRING):
            return [" "]  # the padded line has a space where the line begins and ends
        return [""]
    if op is _sre_c.ASSERT_NOT:
        return [""]
    if op is _sre_c.ASSERT:
        direction, inner = arg
        v = _sequence_variants(list(inner))
        return v if (v is not None and direction == 1) else [""]
    if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT):
        low, high, inner = arg
        inner_v = _sequence_variants(list(inner))
        if inner_v == [" "]:  # normalised lines hold single spaces: \s* is "" or " ", \s+ is " "
            return ["", " "] if low == 0 else [" "]
        if (low, high) in ((0, 1), (1, 1)) and inner_v is not None:
            return _unique(([""] if low == 0 else []) + inner_v)
        return None
    if op is _sre_c.SUBPATTERN:
        return _sequence_variants(list(arg[-1]))
    if op is _sre_c.BRANCH:
        out: list[str] = []
        for branch in arg[1]:
            v = _sequence_variants(list(branch))
            if v is None:
                return None
            out += v
        out = _unique(out)
        return out if len(out) <= MAX_VARIANTS else None
    return None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _sequence_variants(items: Sequence) -> list[str] | None:
    runs = [""]
    for op, arg in items:
        v = _variants(op, arg)
        if v is None or len(runs) * len(v) > MAX_VARIANTS:
            return None
        runs = _unique([r + x for r in runs for x in v])
    return runs


def _sequence_candidates(items: Sequence) -> list[frozenset[str]]:
    """The literal sets a sequence needs one of each (in order of the sequence)."""
    candidates: list[frozenset[str]] = []
    runs: list[str] = [""]

    def flush() -> None:
        nonlocal runs
        if any(r.strip() for r in runs) and all(r.strip() for r in runs):
            candidates.append(frozenset(runs))
        runs = [""]

    for op, arg in items:
        if op is _sre_c.AT:  # \b, ^, $: take no characters, keep the run going
            continue
        v = _variants(op, arg)
        if v is not None and len(runs) * len(v) <= MAX_VARIANTS and (all(v) or len(runs) * len(v) <= 64):
            runs = _unique([r + x for r in runs for x in v])
            continue
        flush()
        candidates += _item_candidates(op, arg)
    flush()
    return candidates


def _item_candidates(op, arg) -> list[frozenset[str]]:
    """The literal sets one item needs one of each. For alternatives, the union of one set of each
    branch, best with best, second with second...: the orders of a ``near`` entry ("SLA" then
    "support", or "support" then "SLA") then need both words, not only the more selective one."""
    if op is _sre_c.SUBPATTERN:
        return _sequence_candidates(list(arg[-1]))
    if op is _sre_c.BRANCH:
        per_branch = [sorted(_sequence_candidates(list(branch)), key=_score, reverse=True) for branch in arg[1]]
        if not per_branch or not all(per_branch):
            return []
        return [frozenset().union(*sets) for sets in zip(*per_branch)]
    if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, getattr(_sre_c, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = arg
        return _sequence_candidates(list(inner)) if low >= 1 else []
    if op is getattr(_sre_c, "ATOMIC_GROUP", None):
        return _sequence_candidates(list(arg))
    return []


def _trie_regex(words: Iterable[str]) -> str:
    """One regex matching any of ``words``, shaped as a trie so each position costs little."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:  # greedy optional: the longest literal at this position wins
            return "(?:" + body + ")?"
        return body

    return build(trie)


class LiteralScan:
    """Which of many literals occur in a text, in one pass: an Aho-Corasick automaton
    (pyahocorasick) mapping each literal to the indices it stands for. It reports every
    occurrence, overlapping ones and literals inside longer ones included."""

    def __init__(self, by_literal: dict[str, Iterable[int]]):
        import ahocorasick

        self._automaton = automaton = ahocorasick.Automaton()
        for literal, ids in by_literal.items():
            if literal:
                automaton.add_word(literal, tuple(sorted(set(ids))))
        self.empty = not len(automaton)
        if not self.empty:
            automaton.make_automaton()

    def ids_in(self, text: str) -> set[int]:
        """The indices of every literal found in ``text`` (empty when none)."""
        found: set[int] = set()
        if self.empty:
            return found
        update = found.update
        for _end, ids in self._automaton.iter(text):
            update(ids)
        return found


class GatedPattern:
    """A regex that is tried only where a literal it needs occurs (found by one scan of the
    lower-cased text): for patterns that backtrack on every sentence and rarely match."""

    def __init__(self, regex: re.Pattern[str]):
        self.regex = regex
        parsed = _sre_p.parse(regex.pattern, regex.flags)
        sets = required_literal_sets(parsed)
        self._scan = LiteralScan({lit: (0,) for lit in sets[0]}) if sets else None
        self._alternatives = _alternative_sets(parsed) if sets else None

    def may_match(self, text: str) -> bool:
        """False when a literal the regex needs is missing from ``text`` (no need to run it): one scan
        for the literals any alternative needs, then, for a regex of alternatives, whether some
        alternative has every literal set it needs (one of each) on the text."""
        if self._scan is None:
            return True
        lowered = text.lower()
        if not self._scan.ids_in(lowered):
            return False
        alternatives = self._alternatives
        return alternatives is None or any(all(any(lit in lowered for lit in lits) for lits in needs)
                                           for needs in alternatives)

    def match(self, text: str) -> re.Match[str] | None:
        if not self.may_match(text):
            return None
        return self.regex.match(text)

    def search(self, text: str) -> re.Match[str] | None:
        if not self.may_match(text):
            return None
        return self.regex.search(text)


def gated(regex: re.Pattern[str] | None) -> GatedPattern | None:
    """``regex`` behind its literal gate (None stays None): for an alternation of many phrases searched
    on most lines or headings and rarely found there."""
    return GatedPattern(regex) if regex is not None else None


def _alternative_sets(parsed) -> list[list[frozenset[str]]] | None:
    """For a regex that is one alternation (maybe inside groups), each alternative's literal sets;
    None when it is not one, or when some alternative needs no literal (it may match anywhere)."""
    items = list(parsed)
    while len(items) == 1 and items[0][0] is _sre_c.SUBPATTERN:
        items = list(items[0][1][-1])
    if len(items) != 1 or items[0][0] is not _sre_c.BRANCH:
        return None
    out: list[list[frozenset[str]]] = []
    for branch in items[0][1][1]:
        nested = _alternative_sets(branch)
        if nested is not None:
            out += nested
            continue
        sets = required_literal_sets(branch)
        if not sets:
            return None
        out.append(sets)
    return out


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
            for lits in confirm[i]:
                if not any(lit in padded for lit in lits):
                    ids.discard(i)
                    break

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

    def ids_of_kinds(self, kinds: frozenset[str]) -> frozenset[int]:
        """The indices of the entries of these kinds (worked out once per set of kinds)."""
        found = self._kind_ids.get(kinds)
        if found is None:
            found = self._kind_ids[kinds] = frozenset(i for i, e in enumerate(self.entries) if e.kind in kinds)
        return found

    @property
    def always_run(self) -> list[Entry]:
        return [self.entries[i] for i in self._always]
