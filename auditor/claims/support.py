"""Support promises: the SLA by severity and escalation (hours and channels: availability.py).

SLA matrices come in three layouts and all three are read:
- tables (Markdown/pipe rows, or HTML tables flattened to `` | `` rows), with a severity column
  and response/resolution columns named in the header, or severities as columns;
- lists: a line naming only a severity ("Critical", "حرِج") opens a block, and the lines under
  it carry its response times, coverage ("24x7", "٨×٥") and business-hours wording;
- inline rows: "P1 - Critical: response within 1 hour, resolution within 4 hours".
A range commits to its worst end; "business day"/"يوم عمل" or an 8x5/24x5 coverage is business time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.claims.availability import AvailabilityReader, pipe_cell_spans, pipe_cells
from auditor.claims.durations import DurationHit, DurationReader
from auditor.claims.lexicon import Lexicon, compile_any
from auditor.claims.lines import LineView
from auditor.claims.literals import gated
from auditor.claims.leads import lead_text
from auditor.claims.spread_rows import SpreadRows
from auditor.documents.model import Block
from auditor.claims.levels import Ladder
from auditor.model.enums import SupportSeverity
from auditor.model.vendor import Citation, SlaEntry, SupportChannel, SupportHours

_SUPPORT_CONTROLS = frozenset({"support-channels", "support-sla", "support-hours"})
_HOURS_TERM = re.compile(r"\bhours\b", re.IGNORECASE)
BLOCK_LINES = 25  # a severity block ends this many lines after its heading
FIELD_SCOPE = 80  # a "Response" column heading applies this far down
_STRIP = re.compile(r"^[\s\-•*·▪◦–—\d.)(\[\]#>]+|[\s:：.\-–—)(]+$")
_SEPARATOR = re.compile(r"^\s*:?-{2,}:?\s*$")
_BUSINESS_COVERAGE = {"8x5", "9x5", "10x5", "12x5", "24x5"}
_ORDER = list(SupportSeverity)


@dataclass
class _Promise:
    response: DurationHit | None = None
    resolution: DurationHit | None = None
    coverage: str | None = None
    business: bool = False
    hedged: bool = False
    citation: Citation | None = None


@dataclass
class SupportFindings:
    sla: list[SlaEntry] = field(default_factory=list)
    # every table row that states a support time, per severity or per plan (a second plan's
    # table too, whose severities the first table already gave)
    time_rows: list[Citation] = field(default_factory=list)
    hours: list[SupportHours] = field(default_factory=list)
    channels: list[SupportChannel] = field(default_factory=list)
    # every line under a support lead-in that names a channel ("through these channels:" then
    # "- Email: ...", "- Dedicated chat channel"), each a channel stated on its own line
    channel_rows: list[Citation] = field(default_factory=list)
    escalation: list[Citation] = field(default_factory=list)


class SupportReader:
    def __init__(self, lexicon: Lexicon, durations: DurationReader):
        lang = lexicon.language
        file = lexicon.files["language"]
        self.durations = durations
        self.ladder = Ladder(lang.severity_scale, lang.severity_number_prefixes)
        self._zero_doc = False
        self._business = compile_any(lang.business_context.all(), file=file, where="business_context")
        self.availability = AvailabilityReader(lexicon, durations)
        self._disclosure = gated(compile_any(lang.security_findings.all() + lang.disclosure_context.all()
                                             + lang.recovery_objectives.all(), file=file, where="disclosure_context"))
        self._watching = compile_any(lang.monitoring_hours.all(), file=file, where="monitoring_hours") \
            if lang.monitoring_hours.all() else None
        self._support_re = self.availability.support_re
        self._spread_rows = SpreadRows(lexicon, self.ladder)
        # a severity word followed by one of these is a severity ("high priority", "عالية الخطورة")
        self._severity_noun = compile_any([rf"\s*(?:{p})" for p in lang.severity_nouns.all()] or ["(?!)"], file=file,
                                          where="severity_nouns")
        # ... or preceded by one, in Arabic order ("الحوادث الحرجة", "طلبات عالية الأولوية")
        self._severity_noun_before = compile_any([rf"(?:{p})\s+$" for p in lang.severity_nouns.ar] or ["(?!)"],
                                                 file=file, where="severity_nouns")

    def not_support(self, claims, found: SupportFindings, speech, norm_lines: list[str], sub_rows) -> set[tuple[str, int]]:
        """(control, 0-based row) of the support claims that are none, and ``found`` without the SLA rows
        and hours they give: a sub-processor's row ("Customer support ticketing") names what that
        party does; how soon a security finding or report is handled is a disclosure or remediation
        timeline ("Security vulnerabilities follow a structured process:" then "- Acknowledge within
        three business days"), and how soon service or data comes back after a disaster (RTO, RPO) a
        recovery objective; round-the-clock monitoring ("alerts are watched 24/7") and the hours a
        definition names ("“Maintenance” means work outside 9:00-18:00") are no support hours."""
        out = {(c.control, c.citation.line - 1) for c in claims if c.control in _SUPPORT_CONTROLS
               and c.citation.line - 1 in sub_rows}
        timed = {c.citation.line - 1 for c in claims if c.control == "support-sla"}
        timed.update(e.citation.line - 1 for e in found.sla if e.citation is not None)
        timed.update(c.line - 1 for c in found.time_rows)
        search = self._disclosure.search
        disclosure = set()
        lead_says: dict[int, bool] = {}  # id(lead-in) -> does it speak of disclosure (many rows share one)

        def lead_discloses(lead) -> bool:
            says = lead_says.get(id(lead))
            if says is None:
                says = lead_says[id(lead)] = bool(search(lead_text(lead, norm_lines)))
            return says

        for row in timed:
            block, lead = speech.blocks.get(row + 1), speech.led_by.get(row + 1)
            if search(norm_lines[row]) or (lead is not None and lead_discloses(lead)) \
                    or (block is not None and block.section and search(block.section[-1])):
                disclosure.add(row)
        hours = {c.citation.line - 1 for c in claims if c.control == "support-hours"}
        hours.update(h.citation.line - 1 for h in found.hours if h.citation is not None)
        watching = self._watching
        not_hours = {row for row in hours if watching is not None and watching.search(norm_lines[row])
                     and not self.speaks_of_support(norm_lines[row])} if hours else set()
        # the hours a defined term names ("“Maintenance” means work outside 9:00-18:00"), unless the term
        # is itself a kind of hours ("Business hours means 08:00-17:00 Monday - Friday")
        for row in hours:
            term = speech.defined_term(row + 1)
            if term is not None and not _HOURS_TERM.search(term):
                not_hours.add(row)
        out.update(("support-sla", row) for row in disclosure)
        out.update(("support-hours", row) for row in not_hours)
        found.sla = [e for e in found.sla if e.citation is None or e.citation.line - 1 not in disclosure]
        found.time_rows = [c for c in found.time_rows if c.line - 1 not in disclosure]
        found.hours = [h for h in found.hours if h.citation is None or h.citation.line - 1 not in not_hours]
        return out

    # ---- SLA -------------------------------------------------------------------------------
    def read(self, views: list[LineView], norm_lines: list[str], raw_lines: tuple[str, ...],
             document: str, not_support: frozenset[int] = frozenset(),
             support_led: frozenset[int] = frozenset(), spread: tuple[Block, ...] = ()) -> SupportFindings:
        """``not_support``: 0-based rows that speak of someone else's service (a sub-processor's
        row: "Used for customer support and email notifications"), where no channel is read.
        ``support_led``: 0-based rows of list items whose lead-in speaks of support. ``spread``: HTML
        table rows whose cells stand on lines of their own (spread_rows.py)."""
        promises: dict[SupportSeverity, _Promise] = {}
        by_row = {v.row: v for v in views}
        self._zero_doc = any(self.ladder.names_zero(v.hits.get("severity", ())) for v in views)
        self._time_rows: list[Citation] = []
        table_rows = self._tables(norm_lines, by_row, raw_lines, document, promises)
        table_rows |= self._spread(spread, by_row, raw_lines, document, promises)
        self._lists(views, table_rows, promises)
        findings = SupportFindings()
        for severity in _ORDER:
            p = promises.get(severity)
            if p is None or not (p.response or p.resolution or p.coverage):
                continue
            stated = any(d is not None and d.business for d in (p.response, p.resolution))
            # around-the-clock coverage overrides a business-hours note written for the other severities
            business = stated or p.coverage in _BUSINESS_COVERAGE or (p.business and p.coverage != "24x7")
            findings.sla.append(SlaEntry(
                severity=severity, response=p.response.iso if p.response else None,
                resolution=p.resolution.iso if p.resolution else None, business_time=business,
                coverage=p.coverage, hedged=p.hedged, citation=p.citation))
        sla_rows = {p.citation.line - 1 for p in promises.values() if p.citation} | self._block_rows
        findings.hours = self.availability.hours(views, norm_lines, raw_lines, document, sla_rows)
        findings.channels, findings.channel_rows = self.availability.channels(
            [v for v in views if v.row not in not_support], norm_lines, raw_lines, support_led)
        findings.time_rows = self._time_rows
        return findings

    def _severity_in(self, view: LineView | None, start: int, end: int) -> SupportSeverity | None:
        if view is None:
            return None
        for entry, m in view.of("severity"):
            if m.start() >= start and m.end() <= end:
                return self._level(entry, m)
        return None

    def _field_in(self, view: LineView | None, start: int, end: int) -> str | None:
        if view is None:
            return None
        fields = [(m.start(), entry.key) for entry, m in view.of("field") if m.start() >= start and m.end() <= end]
        return min(fields)[1] if fields else None

    def _tables(self, norm_lines, by_row, raw_lines, document, promises) -> set[int]:
        """Pipe tables (and flattened HTML tables): severity rows or severity columns."""
        used: set[int] = set()
        row = 0
        while row < len(norm_lines):
            if norm_lines[row].count("|") < 1 or not pipe_cells(norm_lines[row]):
                row += 1
                continue
            block = []
            while row < len(norm_lines) and norm_lines[row].count("|") >= 1 and len(pipe_cells(norm_lines[row])) >= 2:
                block.append(row)
                row += 1
            if len(block) >= 2:
                if self._table(block, norm_lines, by_row, raw_lines, document, promises):
                    used.update(block)
            row += 1
        return used

    def _table(self, block, norm_lines, by_row, raw_lines, document, promises) -> bool:
        sev_col: int | None = None
        field_cols: dict[int, str] = {}
        first = norm_lines[block[0]]  # the first row heads the table even when it names no field
        support_cols: set[int] = {i for i, (a, b) in enumerate(pipe_cell_spans(first))
                                  if self._support_re and self._support_re.search(first[a:b])}
        sev_cols: dict[int, SupportSeverity] = {}
        found = False
        touched: list[SupportSeverity] = []
        zero_based = self._zero_based(block, norm_lines)
        for row in block:
            line = norm_lines[row]
            spans = pipe_cell_spans(line)
            if all(_SEPARATOR.match(line[a:b]) or not line[a:b].strip() for a, b in spans):
                continue
            view = by_row.get(row)
            cells = [(a, b, line[a:b]) for a, b in spans]
            durs = [self.durations.find(text) for _, _, text in cells]
            labels = [bool(view and any(m.start() >= a and m.end() <= b for _, m in view.of("severity-label")))
                      for a, b, _ in cells]
            fields = [self._field_in(view, a, b) for a, b, _ in cells]
            sevs = [self._severity_in(view, a, b) for a, b, _ in cells]
            if not any(durs) and _label_row(cells) and (any(labels) or sum(1 for f in fields if f) >= 1
                                                        or sum(1 for s in sevs if s) >= 2):
                # a header row: which column holds what
                if any(labels):
                    sev_col = labels.index(True)
                field_cols = {i: f for i, f in enumerate(fields) if f and not labels[i]}
                if not field_cols and any(labels):   # "Severity | Standard | Enterprise" under "Response times"
                    caption = self._caption_field(block[0], norm_lines, by_row)
                    field_cols = {i: caption for i in range(len(cells)) if not labels[i]} if caption else {}
                support_cols = {i for i, (_, _, text) in enumerate(cells) if self._support_re and self._support_re.search(text)}
                sev_cols = {i: s for i, s in enumerate(sevs) if s and i > 0} if sum(1 for s in sevs if s) >= 2 else {}
                continue
            citation = Citation(document=document, line=row + 1, text=raw_lines[row])
            if sev_cols and fields and fields[0]:  # severities as columns, a field per row
                for i, severity in sev_cols.items():
                    if i < len(durs) and durs[i]:
                        found |= self._set(promises, severity, fields[0], durs[i][0], citation, view)
                continue
            severity = None
            if zero_based:  # "1" or "Sev 1" is the second level here, whatever the words say alone
                severity = self._numbered(cells[sev_col if sev_col is not None and sev_col < len(cells) else 0][2],
                                          zero_based=True)
            if severity is None and sev_col is not None and sev_col < len(cells):
                severity = sevs[sev_col] or self._numbered(cells[sev_col][2])
            if severity is None and sevs and sevs[0]:
                severity = sevs[0]
            if severity is None:
                # "Business | $49 | Email and chat, 4 business hours"; a row named by its channel with a
                # time per plan: "Tickets | - | 8 hours | 2 hours"
                channel_row = view is not None and any(m.start() < cells[0][1] for _, m in view.of("channel"))
                if any(i < len(durs) and durs[i] for i in support_cols | set(field_cols)) or \
                        (channel_row and any(durs[1:])):
                    self._time_rows.append(citation)
                continue
            timed = False
            for i, f in field_cols.items():
                if i < len(durs) and durs[i]:
                    found |= self._set(promises, severity, f, durs[i][0], citation, view)
                    touched.append(severity)
                    timed = True
            if timed:
                self._time_rows.append(citation)
            coverage = self.durations.coverage(line) if view is not None and view.has("coverage") else None
            if coverage:
                p = promises.setdefault(severity, _Promise())
                p.coverage = p.coverage or coverage
                p.citation = p.citation or citation
        if touched:  # "the times above count working days only", just under the table
            after = block[-1] + 1
            for row in range(after, min(after + 4, len(norm_lines))):
                if self._business and self._business.search(norm_lines[row]):
                    for severity in touched:
                        promises[severity].business = True
                    break
        return found

    def _caption_field(self, first_row: int, norm_lines: list[str], by_row) -> str | None:
        """The SLA field the heading or lead-in just above a table names ("Target initial response times"): its
        columns are then plans, each row's time that field; the first plan's time is kept."""
        for row in range(first_row - 1, max(-1, first_row - 4), -1):
            if norm_lines[row].strip():
                return self._field_in(by_row.get(row), 0, len(norm_lines[row]))
        return None

    def _spread(self, rows: tuple[Block, ...], by_row, raw_lines, document, promises) -> set[int]:
        """Rows of HTML tables with a cell per line: each time is cited on its own cell's line."""
        used: set[int] = set()
        for block in rows:
            if self._disclosure.search(" | ".join(block.header + block.cells[:1])):
                continue  # a remediation table ("Critical findings | 7 days") times no support
            for cell in self._spread_rows.timed_cells(block, raw_lines, self._zero_doc):
                durs = self.durations.find(cell.text)
                if not durs:
                    continue
                citation = Citation(document=document, line=cell.line, text=raw_lines[cell.line - 1])
                if cell.severity is not None:
                    self._set(promises, cell.severity, cell.field, durs[0], citation, by_row.get(cell.line - 1))
                self._time_rows.append(citation)
                used.update(range(block.first - 1, block.last))
        return used

    def _numbered(self, cell: str, *, zero_based: bool = False) -> SupportSeverity | None:
        return self.ladder.numbered(cell, zero_based=zero_based)

    def _zero_based(self, block: list[int], norm_lines: list[str]) -> bool:
        firsts = []
        for row in block:
            spans = pipe_cell_spans(norm_lines[row])
            if spans:
                firsts.append(norm_lines[row][spans[0][0]:spans[0][1]])
        return self.ladder.opens_at_zero(firsts)

    def _set(self, promises, severity, field_name, hit: DurationHit, citation, view, line_business: bool = True) -> bool:
        p = promises.setdefault(severity, _Promise())
        if getattr(p, field_name) is not None:
            return False
        setattr(p, field_name, hit)
        if p.citation is None or field_name == "response":
            p.citation = citation
        if view is not None:
            p.hedged = p.hedged or view.cues().hedged(0, len(view.norm))
            if line_business and view.has("business"):
                p.business = True
        return True

    def _lists(self, views: list[LineView], table_rows: set[int], promises) -> None:
        current: SupportSeverity | None = None
        self._block_rows: set[int] = set()
        opened = -1
        default_field: str | None = None
        default_row = -1
        for view in views:
            if view.row in table_rows:
                continue
            if current is not None and view.row - opened > BLOCK_LINES:
                current = None
            if default_field is not None and view.row - default_row > FIELD_SCOPE:
                default_field = None
            heading = self._severity_heading(view)
            if heading is not None:
                current, opened = heading, view.row
                continue
            relevant = view.has("field") or view.has("severity") or view.has("coverage")
            if not relevant and current is None:
                continue
            durs = view.durations() if (view.has("field") or view.has("severity") or current is not None) else []
            fields = view.of("field")
            if fields and not durs and not view.has("severity") and len(view.norm.split()) <= 4:
                default_field, default_row = fields[0][0].key, view.row  # a "Response" column heading
            inline = self._inline_severity(view, durs)
            # "urgent issues (P1) are answered within 2 hours": a severity earlier in the duration's sentence
            in_sentence = ({id(hit): self._severity_in_sentence(view, hit.start, hit.end) for hit in durs}
                           if view.has("severity") else {})
            severity = inline or current or next((s for s in in_sentence.values() if s), None)
            coverage_at = self.durations.coverage_span(view.norm) if view.has("coverage") else None
            coverage = coverage_at[0] if coverage_at else None
            if coverage_at and view.has("severity") and not inline and current is None:
                # "... Monday to Friday. Severity 1 incidents are supported 24 hours a day, 7 days
                # a week": the coverage belongs to a severity named before it in its sentence only
                own = self._severity_in_sentence(view, coverage_at[1], coverage_at[2])
                if own is not None and own != severity:
                    q = promises.setdefault(own, _Promise())
                    if q.coverage is None:
                        q.coverage = coverage
                        q.citation = q.citation or view.citation()
                    coverage = None
            if severity is None:
                continue
            if view.has("findings"):
                continue  # how soon security findings are fixed: remediation, not a support promise
            self._block_rows.add(view.row)
            p = promises.setdefault(severity, _Promise())
            if coverage and p.coverage is None:
                p.coverage = coverage
                p.citation = p.citation or view.citation()
            if view.has("business") and len(view.keys("severity")) <= 1:
                p.business = True
            for hit in durs:
                field_name = self._field_for(view, hit) or default_field
                if field_name:
                    own = in_sentence.get(id(hit)) or (self._severity_before(view, hit) if inline else None)
                    single = len(view.keys("severity")) <= 1  # "business hours" then speaks of every time here
                    if not self._set(promises, own or severity, field_name, hit, view.citation(), view,
                                     line_business=single):
                        # a second plan's time for a severity already promised ("S1: 1 hour" beside
                        # "S1: 4 business hours"): the SLA keeps the first, the line still states one
                        self._repeat_time(view)

    def _repeat_time(self, view: LineView) -> None:
        citation = view.citation()
        if all(c.line != citation.line for c in self._time_rows):
            self._time_rows.append(citation)

    def _severity_heading(self, view: LineView) -> SupportSeverity | None:
        """A line that names a severity and nothing else opens that severity's block."""
        if not view.has("severity"):
            return None
        if len(view.norm) > 80:  # a heading is short; skip the work below for prose
            return None
        stripped = _STRIP.sub("", view.norm)
        letters = len(stripped) - stripped.count(" ")
        if not letters or len(stripped.split()) > 5 or view.durations():
            return None
        covered = 0
        best = None
        for entry, m in view.of("severity"):
            covered += sum(1 for ch in m.group(0) if not ch.isspace())
            best = best or self._level(entry, m)
        return best if covered * 10 >= letters * 6 else None

    def _inline_severity(self, view: LineView, durs: list[DurationHit]) -> SupportSeverity | None:
        """'P1 - Critical: respond within 1 hour', 'Critical incidents are handled 24/7': a
        severity labelling the start of a line that states a time or a coverage."""
        if not view.has("severity") or not (durs or view.has("coverage")):
            return None
        first = min(view.of("severity"), key=lambda h: h[1].start())
        entry, m = first
        stripped_start = len(view.norm) - len(view.norm.lstrip(" -•*·▪–—0123456789.)("))
        head_tokens = len(view.norm[stripped_start:m.start()].split())
        before_first = m.start() < durs[0].start if durs else True
        if before_first and (head_tokens <= 3 or m.start() <= len(view.norm) // 4):
            return self._level(entry, m)
        return None

    def _severity_in_sentence(self, view: LineView, start: int, end: int) -> SupportSeverity | None:
        """The last unmistakable severity (P1, Sev 2, critical, urgent: not a bare "high", as in
        "high availability") before a duration or coverage (at ``start:end``) in its own sentence."""
        left, _right = view.cues().sentence_of(start, end)
        found = None
        for entry, m in view.of("severity"):
            if left <= m.start() and m.end() <= start and self._unmistakable(view, entry.key, m):
                found = self._level(entry, m)
        return found

    def _unmistakable(self, view: LineView, level: str, m) -> bool:
        """P1, Sev 2; a severity word labelling something ("Critical:", "(P1)") or followed by a
        severity noun ("urgent issues", "high priority"); not "critical findings"."""
        if any(ch.isdigit() for ch in m.group(0)):
            return True
        rest = view.norm[m.end():m.end() + 3].lstrip()
        if rest[:1] in (":", ")", "-", "|", "(", "،", ","):
            return True
        if self._severity_noun.match(view.norm, m.end()):
            return True
        return bool(self._severity_noun_before.search(view.norm, max(0, m.start() - 16), m.start()))

    def _severity_before(self, view: LineView, hit: DurationHit) -> SupportSeverity | None:
        """The severity named last before a duration on its line."""
        before = [(m.start(), e, m) for e, m in view.of("severity") if m.end() <= hit.start]
        if not before:
            return None
        _, entry, m = max(before, key=lambda b: b[0])
        return self._level(entry, m)

    def _level(self, entry, m) -> SupportSeverity:
        """The severity a hit names ("Sev 1" is high in a document whose ladder starts at 0)."""
        return self.ladder.level(entry.key, m.group(0), self._zero_doc)

    def _field_for(self, view: LineView, hit: DurationHit) -> str | None:
        """The field a duration measures: the nearest cue before it, else the next one in its clause."""
        before = [(m.end(), e.key) for e, m in view.of("field") if m.end() <= hit.start]
        if before:
            return max(before)[1]
        left, right = view.cues().clause_of(hit.start, hit.end)
        after = [(m.start(), e.key) for e, m in view.of("field") if m.start() >= hit.end and m.start() < right]
        return min(after)[1] if after else None

    def speaks_of_support(self, text: str) -> bool:
        """Does a lead-in or title speak of support ("reach our support team through:")?"""
        return self.availability.speaks_of_support(text)


def _label_row(cells: list[tuple[int, int, str]]) -> bool:
    """Could this row head a table: short labels ("Priority | Response | Resolution"), not a
    questionnaire's "Are backups tested for restoration? | Yes | Quarterly restore tests"?"""
    return all(len(text.split()) <= 6 and "?" not in text and "؟" not in text for _, _, text in cells)
