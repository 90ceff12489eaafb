"""The literals a regex cannot match without, and the scans built on them.

Each vocabulary pattern is parsed once (``re._parser``) to find literals it needs (for
``encrypt\\w* .{0,60}at rest`` that is ``encrypt``, for ``(?:GDPR|CCPA)`` either one). An
Aho-Corasick automaton (pyahocorasick, in C) then finds them all in one walk of a line, and a
pattern runs only where its literals are (``PhraseIndex``, ``GatedPattern``).
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Iterable, Sequence

try:  # Python 3.11+
    import re._constants as _sre_c  # type: ignore[import-not-found]
    import re._parser as _sre_p  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_p  # type: ignore[no-redef]

MIN_LITERAL = 2
MAX_VARIANTS = 256
_PADDED: contextvars.ContextVar[bool] = contextvars.ContextVar("padded", default=False)


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


def literal_sets_of(regex: re.Pattern[str]) -> list[frozenset[str]]:
    """``required_literal_sets`` of a compiled regex."""
    return required_literal_sets(_sre_p.parse(regex.pattern, regex.flags))


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


def trie_regex(words: Iterable[str]) -> str:
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
        return alternatives is None or any(has_each(lowered, needs) for needs in alternatives)

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


def has_each(text: str, sets) -> bool:
    """Does ``text`` hold a literal of each set? (Plain loops: generators cost more than the tests here.)"""
    for lits in sets:
        for lit in lits:
            if lit in text:
                break
        else:
            return False
    return True


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


__all__ = ["GatedPattern", "LiteralScan", "gated", "has_each", "literal_sets_of", "required_literal_sets", "required_literals",
           "trie_regex"]
