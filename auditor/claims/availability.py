"""Support hours and channels: when support answers and how it is reached.

Hours come from weekday ranges with clock times near a support context ("Monday to Friday,
09:00-17:00 CET"), or from a stated coverage ("24x7 support"); channels from channel words in
a support context, a table under a support header, or the items of a support lead-in.
"""

from __future__ import annotations

import re

from auditor.claims.durations import DurationReader
from auditor.claims.lexicon import Lexicon, compile_any, compile_pattern
from auditor.claims.lines import LineView
from auditor.claims.literals import gated, has_each, literal_sets_of
from auditor.model.enums import Polarity
from auditor.model.vendor import Citation, SupportChannel, SupportHours

UNSTATED_TIMEZONE = "unstated"  # never guess a time zone the document does not give
_SEPARATOR = re.compile(r"^\s*:?-{2,}:?\s*$")


class AvailabilityReader:
    def __init__(self, lexicon: Lexicon, durations: DurationReader):
        lang = lexicon.language
        file = lexicon.files["language"]
        terms = lexicon.terms
        tfile = lexicon.files["terms"]
        self.durations = durations
        self._yes = compile_any([rf"^\s*(?:{p})\s*$" for p in terms.table_yes.all()], file=tfile, where="table_yes")
        self._no = compile_any([rf"^\s*(?:{p})\s*$" for p in terms.table_no.all()], file=tfile, where="table_no")
        self.support_re = gated(compile_any(terms.support_context.all(), file=tfile, where="support_context"))
        self._yes_prefix = compile_any([rf"^\s*(?:{p})" for p in terms.table_yes.ar], file=tfile, where="table_yes")
        self._tz = [(regex, v.value, literal_sets_of(regex)[:2]) for v in lang.timezones
                    for regex in [compile_pattern(v.pattern, file=file, where="timezones")]]

    def hours(self, views, norm_lines, raw_lines, document, sla_rows: set[int]) -> list[SupportHours]:
        found: list[SupportHours] = []
        group: list[tuple[LineView, set[int], str, str]] = []

        def flush() -> None:
            if not group:
                return
            days = sorted(set().union(*(g[1] for g in group)))
            first = group[0][0]
            last = group[-1][0].row
            # the zone written with the hours first, else one stated just before or after them
            tz = self._timezone([g[0].norm for g in group]) or \
                self._timezone([norm_lines[r] for r in range(max(0, first.row - 8), min(len(norm_lines), last + 2))])
            found.append(SupportHours(days=days, start=group[0][2], end=group[0][3], timezone=tz or UNSTATED_TIMEZONE,
                                      citation=first.citation()))
            group.clear()

        recent: list[LineView] = []  # the views of the last few lines, to find a support context
        for view in views:
            recent = [v for v in recent if view.row - v.row <= 8] + [view]
            days = self._days(view)
            clocks = self.durations.clock_ranges(view.norm) if days else []
            if clocks and any(v.has("support") or "support-hours" in v.keys("claim") for v in recent):
                if group and (view.row - group[-1][0].row > 2 or (clocks[0].start, clocks[0].end) != group[-1][2:]):
                    flush()
                group.append((view, days, clocks[0].start, clocks[0].end))
                continue
            flush()
            if not view.has("coverage") or "support-hours" not in view.keys("claim"):
                continue
            coverage = self.durations.coverage(view.norm)
            if coverage and re.fullmatch(r"24x[5-7]", coverage) and not view.has("channel") \
                    and view.row not in sla_rows:
                n = int(coverage[-1])
                found.append(SupportHours(days=list(range(1, n + 1)), start="00:00", end="24:00",
                                          timezone=self._timezone([view.norm]) or UNSTATED_TIMEZONE, citation=view.citation()))
        flush()
        explicit = [h for h in found if not (h.start == "00:00" and h.end == "24:00")]
        around_the_clock = [h for h in found if h.start == "00:00" and h.end == "24:00"]
        return explicit + around_the_clock

    def _days(self, view: LineView) -> set[int]:
        hits = sorted(((m.start(), m.end(), int(e.key)) for e, m in view.of("weekday")))
        if not hits:
            return set()
        days = {d for _, _, d in hits}
        for (s1, e1, d1), (s2, _e2, d2) in zip(hits, hits[1:]):
            gap = view.norm[e1:s2]
            if self.durations.range_joiner.fullmatch(gap):  # "Monday to Friday"
                days |= set(range(d1, d2 + 1)) if d1 <= d2 else set(range(d1, 8)) | set(range(1, d2 + 1))
        return days

    def _timezone(self, lines: list[str]) -> str | None:
        for line in lines:
            lowered = line.lower()
            for regex, template, needs in self._tz:  # a zone's pattern runs only where its words are
                m = regex.search(line) if has_each(lowered, needs) else None
                if m:
                    value = template
                    for i, g in enumerate(m.groups(), start=1):
                        value = value.replace("{%d}" % i, (g or "").replace(" ", ""))
                    return value
        return None

    def channels(self, views, norm_lines, raw_lines, support_led=frozenset()) -> tuple[list[SupportChannel], list[Citation]]:
        channels: dict[str, SupportChannel] = {}
        rows: list[Citation] = []
        for view in views:
            if not view.has("channel"):
                continue
            row_cells = pipe_cells(view.norm) if view.norm.count("|") >= 1 else []
            led = view.row in support_led
            in_context = led or view.has("support") or "support-channels" in view.keys("claim") \
                or (len(row_cells) >= 2 and self._support_header(view.row, norm_lines))
            if not in_context:
                continue
            if led and any((r := view.polarity(h)) is not None and r[0] is Polarity.AFFIRMED
                           for h in view.grouped("channel").values()):
                rows.append(view.citation())
            coverage_at = self.durations.coverage_span(view.norm) if view.has("coverage") else None
            for key, hits in view.grouped("channel").items():
                reading = view.polarity(hits)
                if reading is None or reading[0] is Polarity.DENIED:
                    continue
                coverage = None
                if coverage_at:  # "e-mail, monitored 24 hours a day": only within the channel's own sentence
                    value, start, _end = coverage_at
                    sentences = {view.cues().sentence_of(m.start(), m.end()) for _, m in hits}
                    if any(left <= start < right for left, right in sentences):
                        coverage = value
                tiers = self._tiers(view.row, row_cells, norm_lines, raw_lines) if len(row_cells) > 2 else None
                if tiers == []:
                    continue  # a table row saying no tier has it
                current = channels.get(key)
                if current is None:
                    channels[key] = SupportChannel(type=key, availability=coverage, tiers=tiers or [],
                                                   citation=view.citation())
                elif tiers and not current.tiers:
                    current.tiers = tiers
                elif coverage and not current.availability:
                    current.availability = coverage
        return list(channels.values()), rows

    def speaks_of_support(self, text: str) -> bool:
        """Does a lead-in or title speak of support ("reach our support team through:")?"""
        return self.support_re is not None and bool(self.support_re.search(text))

    def _support_header(self, row: int, norm_lines: list[str]) -> bool:
        """Is this table row under a header that names support ("Plan | Price | Support")?"""
        top = row
        while top > 0 and norm_lines[top - 1].count("|") >= 1:
            top -= 1
        return top < row and bool(self.support_re and self.support_re.search(norm_lines[top]))

    def _mark(self, cell: str) -> bool | None:
        """A yes/no cell of a feature table ("نعم", "No", "✓"), None when it is anything else."""
        text = cell.strip()
        if not text or not (self._yes and self._no):
            return None
        if self._no.match(text):
            return False
        if self._yes.match(text) or self._yes.match(text.split()[0]) or self._yes_prefix.match(text):
            return True
        return None

    def _tiers(self, row: int, row_cells: list[str], norm_lines: list[str], raw_lines) -> list[str] | None:
        """In a feature table, the tiers named in the header whose cell in this row says yes."""
        marks = [self._mark(c) for c in row_cells[1:]]
        if not marks or any(m is None for m in marks):
            return None
        top = row
        while top > 0 and norm_lines[top - 1].count("|") >= 1:
            top -= 1
        header_row = top
        for r in range(top, row):  # the row just above the separator, else the first row
            if all(_SEPARATOR.match(c) for c in pipe_cells(norm_lines[r])):
                header_row = max(top, r - 1)
                break
        header = pipe_cells(raw_lines[header_row])
        if header_row == row or len(header) != len(row_cells):
            return None
        return [header[i + 1] for i, mark in enumerate(marks) if mark]


def pipe_cell_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a pipe row, inner empty cells kept so columns line up."""
    spans = []
    start = 0
    for part in line.split("|"):
        spans.append((start, start + len(part)))
        start += len(part) + 1
    # a leading or trailing pipe leaves an empty edge cell: drop it
    if spans and not line[spans[0][0]:spans[0][1]].strip():
        spans = spans[1:]
    if spans and not line[spans[-1][0]:spans[-1][1]].strip():
        spans = spans[:-1]
    return spans


def pipe_cells(line: str) -> list[str]:
    """The stripped text of each cell of a pipe row."""
    return [line[a:b].strip() for a, b in pipe_cell_spans(line)]
