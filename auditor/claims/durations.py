"""Durations, ranges, coverage and clock times as vendor documents write them.

"within 1 business day", "١٢ ساعة", "يوم عمل واحد", "1-3 ساعات", "خمسة عشر يومًا",
"ساعتين", "within an hour", "24x7", "٨×٥", "على مدار الساعة 5 أيام في الأسبوع",
"٨ ص – ٥ م". A range commits the vendor to its worst end, so "1-3 hours" is three hours.
"24 hours a day" is an availability, not a deadline, and is not read as a duration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.claims.lexicon import FLAGS, Lexicon, compile_any, number_words
from auditor.claims.literals import has_each, literal_sets_of, trie_regex
from auditor.claims.normalise import normalise

_ISO = {"minute": ("PT", "M"), "hour": ("PT", "H"), "day": ("P", "D"), "week": ("P", "W"),
        "month": ("P", "M"), "year": ("P", "Y")}


@dataclass(frozen=True)
class DurationHit:
    start: int
    end: int
    low: float
    high: float
    unit: str
    business: bool

    @property
    def iso(self) -> str:
        """The worst end of the range as an ISO 8601 duration, in the unit the vendor used."""
        prefix, suffix = _ISO[self.unit]
        value = int(self.high) if float(self.high).is_integer() else round(self.high, 3)
        return f"{prefix}{value}{suffix}"


@dataclass(frozen=True)
class ClockRange:
    start: str  # HH:MM
    end: str
    span: tuple[int, int]


def _alt(words) -> str:
    return "|".join(sorted((w for w in words if w), key=len, reverse=True))


class DurationReader:
    """Compiled duration grammar for both languages, built from ``language.yaml``."""

    def __init__(self, lexicon: Lexicon):
        lang = lexicon.language
        file = lexicon.files["language"]
        self.words = number_words(lang)
        self._unit_of: list[tuple[re.Pattern[str], str]] = []
        unit_alts = []
        singular_alts = []
        for unit, spellings in lang.units.items():
            for spelling in spellings.all():
                norm = normalise(spelling)
                unit_alts.append(norm)
                self._unit_of.append((re.compile(f"^(?:{norm})$", FLAGS), unit))
            singular_alts += [normalise(s) for s in spellings.singular]
        self._duals = {normalise(k).lower(): v for k, v in lang.duals.items()}
        self._construct = {normalise(k).lower(): v for k, v in lang.construct_duals.items()}
        # a cheap first look: no unit word, no duration (a bare "h" needs a digit before it)
        hints = sorted(({_unit_stem(normalise(sp).lower()) for u in lang.units.values() for sp in u.all()}
                        | {normalise(k).lower() for k in lang.construct_duals}) - {"", "h"}, key=len, reverse=True)
        self._hints = re.compile(trie_regex(hints) + r"|\dh\b")  # a trie: one cheap pass per line
        num = r"(?:\d+(?:\.\d+)?|" + _alt(re.escape(w) for w in self.words) + ")"
        units = "(?:" + _alt(unit_alts) + ")"
        singular = "(?:" + _alt(singular_alts) + ")"
        biz_before = "(?:(?P<bb>" + _alt(normalise(w) for w in lang.business.before) + r")\s+)?"
        biz_after = r"(?:\s+(?P<ba>" + _alt(normalise(w) for w in lang.business.after) + r")(?!\w))?"
        conn = r"\s*(?:" + _alt(re.escape(normalise(c)) if not c.isalpha() else rf"\b{normalise(c)}\b"
                              for c in lang.range_connectors) + r")\s*"
        one = r"(?:واحد|واحده)"
        implicit = "(?:" + _alt(normalise(w) for w in lang.implicit_one.all()) + ")"
        duals = "(?:" + _alt(self._duals) + ")"
        construct = "(?:" + (_alt(self._construct) or "(?!)") + ")"
        self._forms = [
            re.compile(rf"(?:between|بين)\s+(?P<a>{num})\s*(?:and|و)\s*(?P<b>{num})\s*-?\s*{biz_before}"
                       rf"(?P<unit>{units})(?!\w){biz_after}", FLAGS),
            re.compile(rf"(?<![\w.])(?P<a>{num})(?:{conn}(?P<b>{num}))?\s*-?\s*{biz_before}(?P<unit>{units})(?!\w)"
                       rf"{biz_after}(?:\s+(?P<one>{one})(?!\w))?", FLAGS),
            re.compile(rf"(?<!\w){biz_before}(?P<unit>{units}){biz_after}\s+(?P<one>{one})(?!\w)", FLAGS),
            re.compile(rf"(?<!\w)(?P<dual>{duals})(?!\w){biz_after}", FLAGS),
            re.compile(rf"(?<!\w)(?P<cdual>{construct})(?!\w){biz_after}", FLAGS),
            re.compile(rf"(?<!\w)(?P<pre>{implicit})\s+{biz_before}(?P<unit>{singular})(?!\w){biz_after}", FLAGS),
        ]
        # the words a form cannot match without ("between", a dual): a form runs only where they are
        self._needs = [literal_sets_of(form)[:2] for form in self._forms]
        self._cov_before = compile_any([p for p in lang.coverage_context.before], file=file, where="coverage_context")
        self._cov_after = compile_any([p for p in lang.coverage_context.after], file=file, where="coverage_context")
        self._coverage = [(re.compile(normalise(v.pattern), FLAGS), v.value) for v in lang.coverage]
        am = _alt(normalise(w) for w in lang.clock.get("am", []))
        pm = _alt(normalise(w) for w in lang.clock.get("pm", []))
        t = r"(\d{1,2})(?:[:.](\d{2}))?\s*(?:(" + am + r")|(" + pm + r"))?(?!\w)"
        to = _alt(normalise(w) for w in lang.clock.get("to", ["-", "to"]))
        # what joins two ends of a range, of clock times here and of weekdays in support.py ("Monday to Friday")
        self.range_joiner = re.compile(rf"\s*(?:{to})\s*", FLAGS)
        between = _alt(normalise(w) for w in lang.clock.get("between", [])) or "(?!)"
        and_ = _alt(normalise(w) for w in lang.clock.get("and", [])) or "(?!)"
        # "9am to 6pm"; "between 9am and 6pm" (an `and` word joins the ends only after a `between` word)
        self._clock = re.compile(rf"(?<![\d:])(?:(?<!\w)({between})\s+)?{t}\s*(?:{to}|(?(1)(?:{and_})|(?!)))\s*{t}",
                                 FLAGS)

    def number(self, text: str) -> float | None:
        text = text.strip().lower()
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            return float(text)
        return float(self.words[text]) if text in self.words else None

    def _unit(self, text: str) -> str | None:
        for regex, unit in self._unit_of:
            if regex.match(text):
                return unit
        return None

    def find(self, line: str) -> list[DurationHit]:
        """Every duration in a normalised line, left to right, overlaps resolved to the longest."""
        low = line.lower()
        if not self._hints.search(low):
            return []
        hits: list[DurationHit] = []
        for form, needs in zip(self._forms, self._needs):
            if needs and not has_each(low, needs):
                continue
            for m in form.finditer(line):
                hit = self._hit(m)
                if hit is None or self._is_coverage(line, m.start(), m.end()):
                    continue
                hits.append(hit)
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        kept: list[DurationHit] = []
        for hit in hits:
            if kept and hit.start < kept[-1].end:
                if hit.end - hit.start > kept[-1].end - kept[-1].start:
                    kept[-1] = hit
                continue
            kept.append(hit)
        return kept

    def _hit(self, m: re.Match[str]) -> DurationHit | None:
        groups = m.groupdict()
        business = bool(groups.get("bb") or groups.get("ba"))
        if groups.get("cdual"):  # "يومي عمل": only with its "عمل" is it two working days
            if not groups.get("ba"):
                return None
            word = groups["cdual"].lower()
            unit = self._unit(word.rstrip("ي") + "ين") or self._unit(word[:-1])
            if unit is None:
                return None
            n = float(self._construct[word])
            return DurationHit(m.start(), m.end(), n, n, unit, True)
        if groups.get("dual"):
            word = groups["dual"].lower()
            unit = self._unit(word)
            if unit is None:
                return None
            n = float(self._duals.get(word, 2))
            return DurationHit(m.start(), m.end(), n, n, unit, business)
        unit = self._unit(groups["unit"])
        if unit is None:
            return None
        if groups.get("a"):
            low = self.number(groups["a"])
            high = self.number(groups["b"]) if groups.get("b") else low
            if low is None or high is None:
                return None
            low, high = min(low, high), max(low, high)
        else:
            low = high = 1.0
        return DurationHit(m.start(), m.end(), low, high, unit, business)

    def _is_coverage(self, line: str, start: int, end: int) -> bool:
        before = line[max(0, start - 30):start]
        after = line[end:end + 20]
        return bool((self._cov_before and self._cov_before.search(before))
                    or (self._cov_after and self._cov_after.match(after)))

    def coverage(self, line: str) -> str | None:
        """The support coverage a line states (24x7, 24x5, 8x5 ...), first pattern first."""
        found = self.coverage_span(line)
        return found[0] if found else None

    def coverage_span(self, line: str) -> tuple[str, int, int] | None:
        """The coverage a line states and where it stands in the line."""
        for regex, template in self._coverage:
            m = regex.search(line)
            if not m:
                continue
            value = template
            for i, group in enumerate(m.groups(), start=1):
                n = self.number(group) if group is not None else None
                if n is None and "{%d}" % i in value:
                    value = ""
                    break
                value = value.replace("{%d}" % i, str(int(n)) if n is not None else "")
            if value:
                return value, m.start(), m.end()
        return None

    def clock_ranges(self, line: str) -> list[ClockRange]:
        """Opening hours such as "8:00-17:00", "9am to 6pm", "٨ ص - ٥ م"."""
        out = []
        for m in self._clock.finditer(line):
            _between, h1, m1, am1, pm1, h2, m2, am2, pm2 = m.groups()
            if not (m1 or m2 or am1 or pm1 or am2 or pm2):
                continue  # "1-3" is a range of numbers, not of clock times
            start = _to_24h(int(h1), int(m1 or 0), bool(am1), bool(pm1))
            end = _to_24h(int(h2), int(m2 or 0), bool(am2), bool(pm2))
            if start is None or end is None:
                continue
            if end <= start and not (am2 or pm2) and end + 12 * 60 <= 24 * 60:
                end += 12 * 60
            if end <= start:
                continue
            out.append(ClockRange(_hhmm(start), _hhmm(end), m.span()))
        return out


def _unit_stem(spelling: str) -> str:
    """The literal start of a unit spelling ("hours?" -> "hour", "days?" -> "day")."""
    m = re.match(r"[^\\\[\](){}?*+|.^$]+", spelling)
    stem = m.group(0) if m else ""
    if spelling[len(stem):len(stem) + 1] in ("?", "*"):
        stem = stem[:-1]
    return stem.strip()


def _to_24h(hour: int, minute: int, am: bool, pm: bool) -> int | None:
    if hour > 24 or minute > 59:
        return None
    if pm and hour < 12:
        hour += 12
    if am and hour == 12:
        hour = 0
    return hour * 60 + minute


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
