"""Is a matched phrase negated, or hedged? Decided per clause, never per line.

"We do not sell data, and we encrypt everything at rest" denies nothing about encryption:
the negation belongs to the first clause. A negation cue governs a phrase when it stands in
the same clause, before it (or just after it: "MFA is not supported") within the cue's
window of words; phrases that merely look negative ("not only", "لا سيما", "no later than")
are set aside first. A hedge ("may", "planned", "قد", "من المحتمل") anywhere in the clause
marks the phrase as hedged.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from auditor.claims.lexicon import CompiledCue, Lexicon, compile_any, compile_cues, compile_pattern
from auditor.claims.phrases import Entry



NAMED = ("attestation", "regulation")  # items named in lists ("SOC 2, ISO 27001 and HIPAA")
_NUMBER = re.compile(r"[\d.,:;/()-]+")
# what stands between two named items of one list ("SOC 2, ISO 27001, or HIPAA"): the list is one object
_LIST_JOINT = re.compile(r"\s*(?:[,،/&]\s*)?(?:(?:and|or|nor|as well as|و|او|أو)\s+)?(?:the\s+)?")

@dataclass(frozen=True)
class Reading:
    """How one phrase occurrence reads: negated (denied) and/or hedged."""

    negated: bool
    hedged: bool


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    window: int | None
    exceptive: bool = False  # inside a "not ... except" construction (see negated)


_COMMA = re.compile("[,،]")
_PARENTHESES = re.compile(r"\([^()]*\)")
_WORD = re.compile(r"\S+")


def _uncounted(line: str, names: list[tuple[int, int]], neutral: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans a cue's window skips: the named items of a list and the joints between them (a negation
    governing "SOC 2" governs the whole "SOC 2, ISO 27001, or HIPAA"), and window-neutral words."""
    out = list(neutral)
    names = sorted(names)
    for i, (start, end) in enumerate(names):
        out.append((start, end))
        if i + 1 < len(names):
            nxt = names[i + 1][0]
            if nxt > end and _LIST_JOINT.fullmatch(line, end, nxt):
                out.append((end, nxt))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(out):  # one run per list: a word "HIPAA," straddles a name and its joint
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
_FULL_STOP = re.compile(r"[.!?;؟؛|](?=\s|$)|\n")


class LineCues:
    """The cue positions of one normalised line, computed once and asked about many phrases."""

    def __init__(self, line: str, breaks: list[tuple[int, int]], neg_before: list[_Span],
                 neg_after: list[_Span], hedges: list[_Span], label_breaks: list[tuple[int, int]] | None = None,
                 sentence_breaks: list[tuple[int, int]] | None = None, no_mark: re.Pattern[str] | None = None,
                 hedge_breaks: re.Pattern[str] | None = None, names: list[tuple[int, int]] | None = None,
                 neutral: list[tuple[int, int]] | None = None):
        self.line = line
        # spans a window does not count: named items (with the joints of their list) and neutral words
        self._uncounted = _uncounted(line, names or [], neutral or [])
        self._no_mark = no_mark
        self._hedge_break_re = hedge_breaks
        self._hedge_break_spans: list[tuple[int, int]] | None = None
        self._parens: list[tuple[int, int]] | None = None
        self._status: tuple[int, bool, bool] | None = None
        self._sentence_breaks = sentence_breaks if sentence_breaks is not None else breaks
        self._sentence_starts = [b[0] for b in self._sentence_breaks]
        self._break_starts = [b[0] for b in breaks]
        self._breaks = breaks
        neg_breaks = sorted(breaks + (label_breaks or []))
        self._neg_starts = [b[0] for b in neg_breaks]
        self._neg_breaks = neg_breaks
        self.neg_before = neg_before
        self.neg_after = neg_after
        self.hedges = hedges

    def _aside(self, cue_start: int, start: int, end: int) -> bool:
        """Is the cue inside parentheses the phrase stands outside of? "Email support (best effort
        response times)": the aside hedges the response times, not the channel."""
        if "(" not in self.line:
            return False
        if self._parens is None:
            self._parens = [(m.start(), m.end()) for m in _PARENTHESES.finditer(self.line)]
        return any(a < cue_start < b and not (a < start and end <= b) for a, b in self._parens)

    def _hedge_broken(self, a: int, b: int) -> bool:
        if self._hedge_break_re is None or b <= a:
            return False
        if self._hedge_break_spans is None:
            self._hedge_break_spans = [m.span() for m in self._hedge_break_re.finditer(self.line)]
        return any(a <= x and y <= b for x, y in self._hedge_break_spans)

    def words_between(self, a: int, b: int) -> int:
        """Words standing wholly or partly between positions ``a`` and ``b``. A number is part of the
        name before it ("SOC 2, ISO 27001, or PCI"), not a word of its own."""
        if b <= a:
            return 0
        if self._uncounted:
            return sum(1 for m in _WORD.finditer(self.line, a, b)
                       if not _NUMBER.fullmatch(m.group()) and not self._is_uncounted(m.start(), m.end()))
        words = self.line[a:b].split()
        return sum(1 for w in words if not _NUMBER.fullmatch(w))

    def _is_uncounted(self, start: int, end: int) -> bool:
        return any(x <= start and end <= y for x, y in self._uncounted)

    def _broken(self, a: int, b: int) -> bool:
        """True when a clause (or label) break lies between positions ``a`` and ``b``."""
        if b <= a:
            return False
        starts, breaks = self._neg_starts, self._neg_breaks
        i = bisect.bisect_left(starts, a)
        if i < len(breaks) and breaks[i][0] < b:
            return True
        # a break starting just before ``a`` but reaching past it also separates
        return i > 0 and breaks[i - 1][1] > a and breaks[i - 1][0] < a

    def straddles(self, start: int, end: int) -> bool:
        """Does a clause break lie inside the span (the phrase runs over two clauses)?"""
        i = bisect.bisect_right(self._break_starts, start)
        return i < len(self._breaks) and self._breaks[i][0] < end and self._breaks[i][1] <= end

    def _needs_clause(self, start: int, cue: int, regex) -> bool:
        """Does the phrase at ``start`` need the text past the first clause break before ``cue``
        (no whole match of ``regex`` before it)? Never across a full stop or a cell: "at rest. It
        is not end-to-end encryption" is two statements."""
        if regex is None or _FULL_STOP.search(self.line, start, cue):
            return False
        j = bisect.bisect_left(self._neg_starts, start)
        first = self._neg_breaks[j][0] if j < len(self._neg_breaks) else cue
        return regex.search(self.line[start:min(first, cue)]) is None

    def clause_of(self, start: int, end: int) -> tuple[int, int]:
        """The clause holding the span: from the break before it to the break after it."""
        i = bisect.bisect_right(self._break_starts, start) - 1
        left = self._breaks[i][1] if i >= 0 else 0
        j = bisect.bisect_left(self._break_starts, end)
        right = self._breaks[j][0] if j < len(self._breaks) else len(self.line)
        return left, right

    def sentence_of(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (or table cell) holding the span: how far a hedge reaches."""
        i = bisect.bisect_right(self._sentence_starts, start) - 1
        left = self._sentence_breaks[i][1] if i >= 0 else 0
        j = bisect.bisect_left(self._sentence_starts, end)
        right = self._sentence_breaks[j][0] if j < len(self._sentence_breaks) else len(self.line)
        return left, right

    def in_question(self, start: int, end: int) -> bool:
        """Is the span in a sentence that ends with a question mark ("Do you sign BAAs?")?"""
        _left, right = self.sentence_of(start, end)
        return right < len(self.line) and self.line[right] in "?؟"

    def read(self, start: int, end: int, *, inside: bool = True, exceptive: bool = False, regex=None) -> Reading:
        return Reading(self.negated(start, end, inside=inside, exceptive=exceptive, regex=regex),
                       self.hedged(start, end))

    def row_status(self) -> tuple[int, bool, bool]:
        """A table row "item | status...": where its first cell ends, and whether every other
        cell opens with a negation ("HIPAA | Not supported", "التشفير | لا") or a hedge ("SOC 2 |
        Planned"). Such a status speaks of the item named in the first cell."""
        if self._status is not None:
            return self._status
        line = self.line
        self._status = (-1, False, False)
        if "|" not in line:
            return self._status
        cells = []  # (start of its text, its text)
        pos = 0
        for part in line.split("|"):
            text = part.strip()
            if text:
                cells.append((pos + len(part) - len(part.lstrip()), text))
            pos += len(part) + 1
        if len(cells) < 2 or len(cells[0][1].split()) > 8:
            return self._status
        first_end = cells[0][0] + len(cells[0][1])

        def opens_with(spans: list[_Span], at: int) -> bool:
            return any(at <= sp.start <= at + 1 or (sp.start < at < sp.end) for sp in spans)

        rest = cells[1:]
        denied = all(opens_with(self.neg_before, at) or (self._no_mark is not None and self._no_mark.match(text))
                     for at, text in rest)
        hedged = all(opens_with(self.hedges, at) for at, text in rest)
        self._status = (first_end, denied, hedged)
        return self._status

    def negated(self, start: int, end: int, *, inside: bool = True, exceptive: bool = False, regex=None) -> bool:
        """``inside``: a cue within the phrase counts ("encrypted in transit but not at rest");
        not for a phrase that carries its own negation ("(?#deny)no refunds").
        ``exceptive``: a negation in a "not ... except" construction counts. It does not for a
        plain phrase ("لا يتم الوصول الا بموافقة العميل" affirms controlled access), but does
        for a phrase written for the opposite ("لا تنقل خارجه الا بموجب..." restricts transfers
        out, so it affirms residency).
        ``regex``: the phrase's own pattern. A phrase reaching over a clause break (not a full
        stop) to a negated clause is denied only when it needs that clause: "encrypt backups in
        transit and never at rest" denies at-rest, "in transit is encrypted with TLS, and no
        stored-file encryption ..." (complete before the break) does not deny in-transit."""
        for cue in self.neg_before:
            if cue.exceptive and not exceptive:
                continue
            if cue.start >= start and cue.end <= end:
                # a cue inside a long phrase counts only in the clause where the phrase starts:
                # "at rest. It is not end-to-end encrypt..." is two sentences, not a denial
                if inside and (not self._broken(start, cue.start) or self._needs_clause(start, cue.start, regex)):
                    return True
                continue
            if cue.end <= start and not self._broken(cue.end, start) and not self._aside(cue.start, start, end):
                if cue.window is None or self.words_between(cue.end, start) <= cue.window:
                    return True
        if "|" in self.line:
            first_end, denied, _hedged = self.row_status()
            if denied and end <= first_end:
                return True
        for cue in self.neg_after:
            if cue.exceptive and not exceptive:
                continue
            # a following "is not supported" speaks of the phrase; not across a comma, where a
            # new clause ("..., ولا يتوفر الدعم الهاتفي") speaks of what comes after it
            if cue.start >= end and not self._broken(end, cue.start) and not _COMMA.search(self.line, end, cue.start):
                if cue.window is None or self.words_between(end, cue.start) <= cue.window:
                    return True
        return False

    def hedged(self, start: int, end: int) -> bool:
        if "|" in self.line:
            first_end, _denied, hedged = self.row_status()
            if hedged and end <= first_end:
                return True
        # a hedge governs its sentence up to a coordinator or contrast word ("..., GDPR compliance
        # and are in the process of attaining HIPAA": only HIPAA is hedged)
        left, right = self.sentence_of(start, end)
        for cue in self.hedges:
            if cue.end <= left or cue.start >= right or self._aside(cue.start, start, end):
                continue
            if self._hedge_broken(min(cue.end, start), max(cue.start, end)):
                continue
            if cue.window is None:
                return True
            gap = self.words_between(cue.end, start) if cue.end <= start else self.words_between(end, cue.start)
            if gap <= cue.window:
                return True
        return False


class CueReader:
    """Negation, hedging and clause breaks of both languages, compiled once."""

    def __init__(self, lexicon: Lexicon):
        lang = lexicon.language
        file = lexicon.files["language"]
        for where, patterns in (("clause_breaks", lang.clause_breaks.all()), ("label_breaks", lang.label_breaks),
                                ("sentence_breaks", lang.sentence_breaks.all())):
            compile_any(patterns, file=file, where=where)  # a bad pattern is reported with its file
        self._neg_before: list[CompiledCue] = []
        self._neg_after: list[CompiledCue] = []
        self._hedge: list[CompiledCue] = []
        ignore_neg: list[str] = []
        ignore_hedge: list[str] = []
        exceptive: list[str] = []
        for code in ("en", "ar"):
            neg = getattr(lang.negation, code)
            hedge = getattr(lang.hedging, code)
            self._neg_before += compile_cues(neg.before, file=file, where=f"negation.{code}.before", default_window=5)
            self._neg_after += compile_cues(neg.after, file=file, where=f"negation.{code}.after", default_window=2)
            self._hedge += compile_cues([*hedge.before, *hedge.after], file=file, where=f"hedging.{code}",
                                        default_window=None)
            ignore_neg += neg.ignore
            ignore_hedge += hedge.ignore
            exceptive += neg.exceptive
        singles_before, singles_after, singles_hedge = self._neg_before, self._neg_after, self._hedge
        self._neg_before = _merge(self._neg_before)
        self._neg_after = _merge(self._neg_after)
        self._hedge = _merge(self._hedge)
        self._hedge_breaks = compile_any(lang.hedge_breaks.all(), file=file, where="hedge_breaks")
        self._neutral = compile_any(lang.window_neutral.all(), file=file, where="window_neutral")
        self._ignore_neg = compile_any(ignore_neg, file=file, where="negation.ignore")
        self._ignore_hedge = compile_any(ignore_hedge, file=file, where="hedging.ignore")
        self._exceptive = compile_any(exceptive, file=file, where="negation.exceptive")
        # a whole table cell saying no ("No", "n/a", "✗", "غير متاح"; not a bare dash, which
        # many tables use for "nothing to say")
        no_marks = [p for p in lexicon.terms.table_no.all() if any(ch.isalnum() for ch in p) or p in ("✗", "✘")]
        self._no_mark = compile_any([rf"(?:{p})\s*$" for p in no_marks], file=lexicon.files["terms"],
                                    where="table_no") if no_marks else None
        self._entries = [Entry(kind, "", cue.regex, window=cue.window) for kind, cues in (
            ("neg-before", singles_before), ("neg-after", singles_after), ("hedge", singles_hedge)) for cue in cues]
        self._entries += [Entry("neg-ignore", "", compile_pattern(p, file=file, where="negation.ignore"))
                          for p in ignore_neg]
        self._entries += [Entry("hedge-ignore", "", compile_pattern(p, file=file, where="hedging.ignore"))
                          for p in ignore_hedge]
        self._entries += [Entry("neg-except", "", compile_pattern(p, file=file, where="negation.exceptive"))
                          for p in exceptive]
        # Punctuation breaks (". ", "|", " - ", ": ") are found with one combined regex per role,
        # which the engine runs fast; word breaks ("but", "لكن") go through the phrase index like
        # other cue words, so they run only where their word is. A pattern ending both clauses
        # and sentences belongs to both roles.
        sentence = set(lang.sentence_breaks.all())
        clause = set(lang.clause_breaks.all())
        clauses, sentences = dict.fromkeys(lang.clause_breaks.all()), dict.fromkeys(lang.sentence_breaks.all())
        roles = {"both": [p for p in clauses if p in sentence],
                 "clause": [p for p in clauses if p not in sentence],
                 "sentence": [p for p in sentences if p not in clause],
                 "label": list(lang.label_breaks)}
        self._break_sets = []
        for role, patterns in roles.items():
            fast = [p for p in patterns if _punctuation_only(p)]
            if fast:
                self._break_sets.append((role, _lowered_alternation(fast)))
            for p in patterns:
                if not _punctuation_only(p):
                    self._entries.append(Entry("word-break", role, compile_pattern(p, file=file, where=f"{role} breaks")))

    def entries(self) -> list[Entry]:
        """The cue patterns one by one, for the phrase index: a line's cues then come out of the
        same single pass over the document as its vocabulary hits."""
        return list(self._entries)

    def from_hits(self, line: str, hits, lowered: str | None = None) -> LineCues:
        """The cues of a line from its phrase-index hits (``kind -> [(entry, match)]``)."""
        def spans(kind: str, ignored: list[tuple[int, int]], excepted=()) -> list[_Span]:
            out = []
            for entry, m in hits.get(kind, ()):
                start, end = m.span()
                while start < end and line[start].isspace():
                    start += 1
                if not any(a < end and start < b for a, b in ignored):
                    out.append(_Span(start, end, entry.window, _overlaps(excepted, start, end)))
            return out

        ignored_neg = [m.span() for _, m in hits.get("neg-ignore", ())]
        ignored_hedge = [m.span() for _, m in hits.get("hedge-ignore", ())]
        excepted = [m.span() for _, m in hits.get("neg-except", ())]
        clause, sentence, label = self.all_breaks(line, lowered, hits.get("word-break", ()))
        names = [m.span() for kind in NAMED for _, m in hits.get(kind, ())]
        neutral = [m.span() for m in self._neutral.finditer(line)] if names and self._neutral else []
        return LineCues(line, clause, spans("neg-before", ignored_neg, excepted),
                        spans("neg-after", ignored_neg, excepted), spans("hedge", ignored_hedge), label, sentence,
                        self._no_mark, self._hedge_breaks, names, neutral)

    def all_breaks(self, line: str, lowered: str | None = None, word_hits=None) -> tuple[list, list, list]:
        """Clause, sentence and label breaks of a line, each as sorted (start, end) spans.

        ``word_hits`` are the word breaks the phrase index found; without them (a line read on
        its own) the word-break patterns are run here."""
        text = lowered if lowered is not None and len(lowered) == len(line) else line.lower()
        if len(text) != len(line):
            text = line  # a rare character whose lower case is longer: match the line itself
        found: dict[str, list[tuple[int, int]]] = {"clause": [], "sentence": [], "label": []}

        def add(role: str, spans_: list[tuple[int, int]]) -> None:
            if role == "both":
                found["clause"].extend(spans_)
                found["sentence"].extend(spans_)
            else:
                found[role].extend(spans_)

        for role, regex in self._break_sets:
            add(role, [(m.start(), max(m.end(), m.start() + 1)) for m in regex.finditer(text)])
        if word_hits is None:
            word_hits = [(e, m) for e in self._entries if e.kind == "word-break" for m in e.regex.finditer(line)]
        for entry, m in word_hits:
            add(entry.key, [(m.start(), max(m.end(), m.start() + 1))])
        return sorted(found["clause"]), sorted(found["sentence"]), sorted(found["label"])

    def hedges_end(self, line: str) -> bool:
        """Does a hedge govern the end of ``line`` ("We are pursuing these certifications:")? Only
        a line holding a hedge is read whole. Cues are written for lower-cased lines, as every line is read."""
        line = line.lower()
        if not any(cue.regex.search(line) for cue in self._hedge):
            return False  # no hedge word at all (most lead-ins): nothing to set aside first
        ignored = [m.span() for m in self._ignore_hedge.finditer(line)] if self._ignore_hedge else []
        if not _find(self._hedge, line, ignored):
            return False
        return self.line(line).hedged(len(line) - 1, len(line))

    def line(self, line: str) -> LineCues:
        """Every cue on ``line`` (normalised), ready to judge any phrase on it."""
        ignored_neg = [m.span() for m in self._ignore_neg.finditer(line)] if self._ignore_neg else []
        ignored_hedge = [m.span() for m in self._ignore_hedge.finditer(line)] if self._ignore_hedge else []
        excepted = [m.span() for m in self._exceptive.finditer(line)] if self._exceptive else []
        neg_before = _find(self._neg_before, line, ignored_neg, excepted)
        neg_after = _find(self._neg_after, line, ignored_neg, excepted)
        hedges = _find(self._hedge, line, ignored_hedge)
        clause, sentence, label = self.all_breaks(line)
        return LineCues(line, clause, neg_before, neg_after, hedges, label, sentence, self._no_mark, self._hedge_breaks)


def _punctuation_only(pattern: str) -> bool:
    """A break pattern whose every match is punctuation (". ", "|", " - "): cheap to run anywhere."""
    from auditor.claims.literals import required_literals
    from auditor.claims.normalise import normalise_pattern

    literals = required_literals(normalise_pattern(pattern))
    return bool(literals) and all(not any(ch.isalnum() for ch in lit) for lit in literals)


def _lowered_alternation(patterns: list[str]) -> re.Pattern[str]:
    """Patterns as one alternation, lower-cased and case-sensitive, for a lower-cased line."""
    from auditor.claims.lexicon import LazyPattern
    from auditor.claims.normalise import normalise_pattern

    joined = "|".join(f"(?:{normalise_pattern(p)})" for p in patterns)
    lazy = LazyPattern(joined, re.IGNORECASE)
    return lazy.lowered if lazy.lower_ok else lazy.compiled


def _merge(cues: list[CompiledCue]) -> list[CompiledCue]:
    """Cues sharing a window become one alternation: one scan of the line instead of many."""
    by_window: dict[int | None, list[str]] = {}
    flags = 0
    for cue in cues:
        by_window.setdefault(cue.window, []).append(cue.regex.pattern)
        flags = cue.regex.flags
    return [CompiledCue(re.compile("|".join(f"(?:{p})" for p in pats), flags), window)
            for window, pats in by_window.items()]


def _overlaps(spans, start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _find(cues: list[CompiledCue], line: str, ignored: list[tuple[int, int]], excepted=()) -> list[_Span]:
    spans = []
    for cue in cues:
        for m in cue.regex.finditer(line):
            start, end = m.span()
            # a cue written with a leading (?:^|\s) should start at its word
            while start < end and line[start].isspace():
                start += 1
            if any(a < end and start < b for a, b in ignored):
                continue
            spans.append(_Span(start, end, cue.window, _overlaps(excepted, start, end)))
    return spans
