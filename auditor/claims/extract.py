"""Claims out of vendor documents: every item with the exact line it was read from.

Build one :class:`Extractor` per catalog (compiling the vocabulary is the expensive part) and call
:meth:`Extractor.extract` on any number of documents. The result is typed (``auditor.model.vendor``) and never
attributes an item to a line that does not say it: each citation carries the document's sha256, the 1-based line
number and the line's exact text.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Mapping, Sequence
from typing import Any

from auditor.claims.answers import AnswerReader
from auditor.claims.cues import CueReader
from auditor.claims.dates import DateReader
from auditor.claims.durations import DurationReader
from auditor.claims.extraction import DocumentInfo, Extraction, Rejected, drop_silent_lines, renumber, sizes
from auditor.claims.lexicon import UNTYPED, Lexicon, attestation_of, compile_any, compile_pattern
from auditor.claims.leads import LeadReader, as_supplier_duties, lead_text, supplier_duties
from auditor.claims.lines import LineView
from auditor.claims.literals import gated, has_each, literal_sets_of
from auditor.claims.markup import prose
from auditor.claims.near import near_pattern
from auditor.claims.normalise import normalise
from auditor.claims.phrases import ABSENT_MARK, DENY_MARK, GUARD_MARK, PART_MARK, PLACE_MARK, Entry, PhraseIndex
from auditor.claims.places import PlaceReader, place_entries, unplaced
from auditor.claims.reading import Document, layout_of
from auditor.claims.speaker import IMPERATIVE, load_speaker
from auditor.claims.spread_rows import is_spread
from auditor.claims.tables import load_table_reader
from auditor.claims.support import SupportReader
from auditor.claims.terms import TermReader, term_entries
from auditor.claims.topics import heading_bodies, topic_claims
from auditor.claims.wraps import joined_views, wrapped_rows
from auditor.documents.rewrite import might_rewrite
from auditor.documents.model import BlockKind
from auditor.errors import CatalogError
from auditor.model.catalog import Control
from auditor.model.enums import AttestationType, Polarity, Regulation
from auditor.model.vendor import Attestation, Claim, RegulationClaim



_PROVIDER = "another party (the hosting provider's facilities)"
_ARABIC_START = re.compile("[\u0621-\u064a]")


@contextlib.contextmanager
def _collector_paused():
    """Extraction makes hundreds of thousands of short-lived, acyclic objects (matches, spans);
    the cycle collector rescanning them costs a quarter of the time and frees nothing. It is
    paused for the duration and restored as it was, even on error."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
# hits that only qualify others, by group: looked for on a line only when it needs them
CHECKED_GROUPS = {
    "cues": frozenset({"neg-before", "neg-after", "neg-ignore", "hedge", "hedge-ignore", "neg-except", "word-break"}),
    "named": frozenset({"assert", "duty"}),
    "places": frozenset({"role", "region", "provider"}),
    "support": frozenset({"support", "severity-label", "business", "findings"}),
}


class Extractor:
    """The compiled vocabulary of a catalog plus the language data: reusable across documents."""

    def __init__(self, controls: Mapping[str, Control], lexicon: Lexicon,
                 sources: Mapping[str, Any] | None = None):
        self.controls = dict(controls)
        self._sources = dict(sources or {})  # "control:<id>" -> the file it was loaded from
        self.lexicon = lexicon
        self.cues = CueReader(lexicon)
        self.durations = DurationReader(lexicon)
        self.support = SupportReader(lexicon, self.durations)
        self.places = PlaceReader(lexicon)
        self.terms = TermReader(lexicon)
        self.dates = DateReader(lexicon)
        self.answers = AnswerReader(lexicon)
        self.speaker = load_speaker(lexicon.files["language"].parent)
        self.index = PhraseIndex(self._entries(), checked=CHECKED_GROUPS, scanned_groups=frozenset({"cues"}))
        self.tables = load_table_reader(lexicon.files["language"].parent, self.index, attestation_of, self.places.excluded)
        # each attribute pattern with the literal sets it needs: most lines hold none of them
        self._attributes = {
            name: [(regex, v.value, literal_sets_of(regex)[:2]) for v in values for regex in
                   [compile_pattern(v.pattern, file=lexicon.files["language"], where=f"attributes.{name}")]]
            for name, values in lexicon.language.attributes.items()
        }

    def _entries(self) -> list[Entry]:
        entries: list[Entry] = []
        breaks = "|".join(f"(?:{b})" for b in self.lexicon.language.clause_breaks.en)  # a near phrase stays in one clause
        for control in self.controls.values():
            file = self._sources.get(f"control:{control.id}", f"controls/{control.id}.yaml")
            for lang in ("en", "ar"):
                for pattern in getattr(control.vocabulary, lang):
                    where = f"control {control.id}: vocabulary.{lang}"
                    entries.append(Entry("claim", control.id, compile_pattern(pattern, file=file, where=where),
                                         lang, inverse=DENY_MARK in pattern, partial=PART_MARK in pattern,
                                         guard=GUARD_MARK in pattern, placed=PLACE_MARK in pattern,
                                         absent=ABSENT_MARK in pattern))
            for i, near in enumerate(control.vocabulary.near):
                entries.append(Entry("claim", control.id, compile_pattern(
                    near_pattern(near, breaks), file=file, where=f"control {control.id}: vocabulary.near.{i}"), "en"))
        lex = self.lexicon
        att = lex.attestations
        afile, lfile, tfile = lex.files["attestations"], lex.files["language"], lex.files["terms"]

        def add(kind: str, key: str, patterns: list[str], file, where: str, wrap: bool = False) -> None:
            for p in patterns:
                regex = p
                if wrap:  # a whole word; an Arabic one may carry a clinging و ف ب ل ك ("والحل")
                    prefix = "(?:[وف]?[بلك]?)" if _ARABIC_START.match(p) else ""
                    regex = rf"(?<!\w){prefix}(?:{p})(?!\w)"
                entries.append(Entry(kind, key, compile_pattern(regex, file=file, where=where)))

        for key, words in att.attestations.items():
            if key not in {a.value for a in AttestationType}:
                raise CatalogError(f"unknown attestation type {key!r}", file=afile)
            add("attestation", key, words.all(), afile, f"attestations.{key}")
        for key, words in att.untyped.items():
            if key not in {a.value for a in AttestationType}:
                raise CatalogError(f"unknown attestation type {key!r}", file=afile)
            add("attestation", UNTYPED + key, words.all(), afile, f"untyped.{key}")
        for key, words in att.regulations.items():
            if key not in {r.value for r in Regulation}:
                raise CatalogError(f"unknown regulation {key!r}", file=afile)
            add("regulation", key, words.all(), afile, f"regulations.{key}")
        add("assert", "", att.assertion_cues.all(), afile, "assertion_cues")
        self.leads = LeadReader(self.cues, gated(compile_any(att.held_list_leads.all(), file=afile, where="held_list_leads")),
                                compile_any(att.held_list_titles.all(), file=afile, where="held_list_titles"))
        # the clause of a line where the customer is bound ("we are SOC 2 compliant; customers must ensure their own HIPAA
        # compliance"): the same duty phrases by which the speaker sets whole sentences aside
        add("duty", "", list(self.speaker.duty_patterns), self.speaker.file, "duty")
        lang = lex.language
        for level, words in lang.severity.items():
            add("severity", level, words.all(), lfile, f"severity.{level}", wrap=True)
        add("severity-label", "", lang.severity_labels.all(), lfile, "severity_labels", wrap=True)
        add("business", "", lang.business_context.all(), lfile, "business_context")
        add("findings", "", lang.security_findings.all(), lfile, "security_findings")
        for name, words in lang.sla_fields.items():
            add("field", name, words.all(), lfile, f"sla_fields.{name}", wrap=True)
        for day, words in lang.weekdays.items():
            add("weekday", str(day), words.all(), lfile, f"weekdays.{day}", wrap=True)
        terms = lex.terms
        add("support", "", terms.support_context.all(), tfile, "support_context")
        for key, words in terms.channels.items():
            add("channel", key, words.all(), tfile, f"channels.{key}")
        entries += place_entries(lex)
        entries += term_entries(lex)
        entries += self.cues.entries()
        # one list of coverage forms ("24x7", "around the clock"): the SLA reader's value, and the
        # statement of each control that records a coverage
        covered = [c.id for c in self.controls.values() if "coverage" in c.attributes]
        for i, cov in enumerate(lang.coverage):
            regex = compile_pattern(cov.pattern, file=lfile, where="coverage")
            entries.append(Entry("coverage", str(i), regex))
            entries += [Entry("claim", control_id, regex) for control_id in covered]
        return entries

    # ---------------------------------------------------------------------------------------
    def extract(self, documents: Sequence[Document]) -> Extraction:
        result = Extraction()
        with _collector_paused():
            for doc in documents:
                result.documents.append(DocumentInfo(doc.path, doc.sha256, doc.language, doc.kind, len(doc.lines),
                                                     doc.source, doc.pages))
                start = sizes(result) if doc.source_lines else None
                self._extract_one(doc, result)
                if start is not None:
                    renumber(result, start, doc.cited_line)
        return result

    def views(self, doc: Document, layout=None) -> tuple[list[LineView], list[str], list[LineView], dict[int, int]]:
        """The lines of ``doc`` that hit any vocabulary, every line's normal form, and the views
        claims, attestations and regulations are read from: the same, except that a line a hard
        wrap cuts mid-sentence is read together with its neighbours; and the wrapped rows (row -> the
        row its sentence runs on to)."""
        text = doc.text
        rows: dict[int, str] = {}
        if ".. list-table::" in text:  # reStructuredText: each cell read with its row's label
            from auditor.documents.rst import list_table_rows

            rows = list_table_rows(doc.lines)
        if "<th" in text or "<TH" in text:  # an HTML row labelled by its header cell: the same
            from auditor.documents.html_tables import labelled_row_lines

            rows = {**rows, **labelled_row_lines(doc.lines)}
        if might_rewrite(text):  # AsciiDoc and reST tables as pipe rows; markup bodies and comments blank
            from auditor.documents.rewrite import rewritten_lines

            rows = {**rows, **rewritten_lines(doc.lines)}
        if rows:
            parts = text.split("\n")
            for n, row_text in rows.items():
                parts[n] = row_text
            text = "\n".join(parts)
        text = prose(text, markdown=doc.kind == "text")
        norm_text = normalise(text)
        norm_lines = norm_text.split("\n")
        if len(norm_lines) != len(doc.lines):  # never expected; keep line numbers exact regardless
            norm_lines = [normalise(line) for line in doc.lines]
            norm_text = "\n".join(norm_lines)
        lowered_lines = norm_text.lower().split("\n")
        wrapped = wrapped_rows(layout, norm_lines, any_length=doc.kind == "html") if layout is not None else {}
        joined = set(wrapped) | set(wrapped.values())
        candidates = self.index.candidates(lowered_lines)
        checked = self.index.checked_ids
        views = []
        for row in sorted(candidates):
            ids = candidates[row]
            found = self.index.match_line(norm_lines[row], ids - checked, lowered_lines[row])
            if found:  # cue words, role words and the like only matter on a line that says something
                views.append(LineView.build(row, doc.lines[row], norm_lines[row], ids & checked, doc.sha256,
                                            found, self.cues, self.durations, self.index, lowered_lines[row]))
        if not wrapped:
            return views, norm_lines, views, wrapped
        item_views = [v for v in views if v.row not in joined] + joined_views(
            doc, wrapped, sorted(joined), norm_lines, self.index, self.cues, self.durations)
        return views, norm_lines, sorted(item_views, key=_row_of), wrapped

    def _extract_one(self, doc: Document, result: Extraction) -> None:
        layout = layout_of(doc)
        views, norm_lines, item_views, wrapped = self.views(doc, layout)
        wanted, own = {v.number for v in views}, {id(v) for v in views}
        joined = [v for v in item_views if id(v) not in own]  # wrapped lines read with their neighbours
        bodies = heading_bodies(layout, wanted, doc.lines)  # a paragraph under a heading naming a control (topics.py)
        speech = self.speaker.read(layout, norm_lines, wanted | {v.number for v in joined}, doc.lines)
        for view in (*views, *joined):
            self._drop_unspoken(view, speech, result)
        tabled = self.tables.read(layout, doc.lines, norm_lines, doc.sha256, speech.lines, result, wanted)
        hedged = self.leads.hedged(speech, norm_lines)
        asserted = self.leads.asserting(speech, norm_lines)
        placed: set[tuple[int, str]] = set()
        for view in item_views:
            led = view.number in hedged
            self._claims(view, result, led, placed)
            if view.number in tabled:
                continue  # its status or sub-processors were read with the table's header
            if (view.has("attestation") or view.has("regulation")) and \
                    (view.has("assert") or self._status_row(view) or led or view.number in asserted):
                self._named(view, result, led)
        if self.speaker.supplier_duty_lead is not None:   # "All our subprocessors are required to:" and its items
            duties = supplier_duties(layout, norm_lines, self.speaker.supplier_duty_lead.search)
            if duties:
                result.claims = as_supplier_duties(result.claims, doc.sha256, duties, doc.lines)
        self.answers.read(views, norm_lines, doc.lines, doc.sha256, result)
        # a sub-processor table's row names what that party does for the vendor, not how to reach support
        cited = {s.citation.line for s in result.subprocessors
                 if s.citation is not None and s.citation.document == doc.sha256 and s.citation.line}
        sub_rows = frozenset(n - 1 for n in _row_lines(layout, cited))
        if sub_rows:  # ... and what that party does there ("file sharing and backup") is its service, not the vendor's
            result.claims = [c for c in result.claims if not (c.citation.document == doc.sha256 and c.citation.line - 1
                             in sub_rows and c.control not in self.tables.subprocessor_row_controls)]
        leads = {id(lead): lead for lead in speech.led_by.values()}
        context = self.tables.subprocessor_context  # "sub-processors that support our service:" lists no channels
        support_leads = {i for i, lead in leads.items() if self.support.speaks_of_support(text := lead_text(lead, norm_lines))
                         and not (context is not None and context.search(text))}
        support_led = frozenset(line - 1 for line, lead in speech.led_by.items() if id(lead) in support_leads)
        spread = tuple(b for b in layout.blocks if is_spread(b))
        support = self.support.read(views, norm_lines, doc.lines, doc.sha256, sub_rows, support_led, spread)
        # ... nor, read from its words ("Customer support ticketing"), the vendor's support; nor are how
        # soon a vulnerability report is answered and round-the-clock monitoring support promises
        own = [c for c in result.claims if c.citation.document == doc.sha256]
        not_support = self.support.not_support(own, support, speech, norm_lines, sub_rows)
        if not_support:
            result.claims = [c for c in result.claims if not (c.citation.document == doc.sha256 and (
                c.control, c.citation.line - 1) in not_support)]
        # "our community forum is not an official support channel": a channel the line denies is none
        refused = {c.citation.line for c in result.claims if c.control == "support-channels"
                   and c.polarity is Polarity.DENIED and c.citation.document == doc.sha256}
        support.channels = [c for c in support.channels if c.citation is None or c.citation.line not in refused]
        result.sla += support.sla
        result.support_hours += support.hours
        result.channels += support.channels
        self._claims_from_support(doc.sha256, support, result, speech.lines)
        column = self.tables.column_claims(layout, doc.lines, doc.sha256, speech.lines)
        # a yes-or-no column's "No" ("Encrypted: No") outweighs what the row's words seemed to say
        denied = {(c.control, c.citation.line) for c in column if c.polarity is Polarity.DENIED}
        result.claims = [c for c in result.claims
                         if not (c.citation.document == doc.sha256 and (c.control, c.citation.line) in denied)]
        stated = {(c.control, c.citation.line) for c in result.claims if c.citation.document == doc.sha256}
        result.claims += [c for c in column if (c.control, c.citation.line) not in stated]
        for c in result.claims:
            if c.control == "escalation-process" and c.polarity is Polarity.AFFIRMED \
                    and c.citation.document == doc.sha256 and not result.escalation:
                result.escalation.append(c.citation)
        result.claims += topic_claims(bodies, result, doc.sha256, self.speaker, layout, norm_lines, doc.lines, self.cues)
        places = self.places.read(views, self.places.lead_in_roles(layout, norm_lines, self.tables.subprocessor_context,
                                                                   self.tables.is_location_label),
                                  tabled)
        result.locations += places.locations
        result.subprocessors += places.subprocessors
        # a place on the next line of a hard-wrapped sentence ("Data is stored in" / "the United States.")
        continued = {row + 1: nxt + 1 for row, nxt in wrapped.items()} if placed else {}
        unplaced(result, doc.sha256, placed, places, continued)
        terms = self.terms.read(views)
        result.contract += terms.contract
        result.prices += terms.prices
        if terms.not_priced:  # an amount that is a fine or a reward states no pricing either
            result.claims = [c for c in result.claims if not (c.control == "pricing-transparency" and c.citation.document
                             == doc.sha256 and c.citation.line in terms.not_priced)]
        silent = speech.lines
        if "rowspan" in doc.text:  # a cell labelling a group of HTML rows: read by the rows, stating nothing
            from auditor.documents.html_tables import group_label_lines

            silent = {**silent, **{n: "a label of table rows" for n in group_label_lines(doc.lines)}}
        if "<t" in doc.text or "<T" in doc.text:  # the header cells of an HTML table, each on its own line
            from auditor.documents.html_tables import header_row_lines

            silent = {**silent, **{n: "table header" for n in header_row_lines(doc.lines)}}
        drop_silent_lines(result, doc.sha256, silent)

    @staticmethod
    def _drop_unspoken(view: LineView, speech, result: Extraction) -> None:
        """Remove from the line the hits that are not the vendor speaking of itself (a heading,
        advice, a definition, another party), keeping each with its reason."""
        whole = speech.lines.get(view.number)
        if not whole and not speech.has_spans(view.number):
            return
        if whole == "heading" and view.norm.rstrip().endswith(("?", "؟")):
            return  # a question heading: its answer below says yes or no (answers.py); it states nothing itself
        kinds = _ITEM_KINDS.intersection(view.hits)
        if not kinds:
            return
        shift = view.offset
        reasons = iter(speech.reasons_at(view.number, [(m.start() - shift, m.end() - shift)
                                                       for kind in kinds for _, m in view.hits[kind]]))
        for kind in kinds:
            kept = []
            for entry, m in view.hits[kind]:
                reason = next(reasons)
                # "export your data before you cancel" is advice that tells the vendor's limit: a
                # contract term's opposite is read from advice too (not from a heading)
                if kind == "contract-opposite":
                    reason = whole
                # "- **In-app chat:** Open the chat bubble ...": the steps are advice, the channel the label names is
                # the vendor's offer
                if reason == IMPERATIVE and (kind == "channel" or entry.key == "support-channels") and \
                        _in_item_label(view.raw, m.group(0)):
                    reason = None
                if reason is None:
                    kept.append((entry, m))
                else:
                    result.rejected.append(Rejected(view.document, view.number, f"{kind}:{entry.key}", reason,
                                                    view.raw))
            if kept:
                view.hits[kind] = kept
            else:
                del view.hits[kind]

    @staticmethod
    def _claims_from_support(document: str, support, result: Extraction, silent=frozenset()) -> None:
        """What the support reader found states its control even where no phrase of the control's
        vocabulary does ("P1 | 30 minutes | 4 hours" is a support SLA)."""
        stated = {c.control for c in result.claims if c.citation.document == document and c.polarity is Polarity.AFFIRMED}
        found = {"support-sla": [s.citation for s in support.sla] + support.time_rows,
                 "support-hours": [h.citation for h in support.hours],
                 "support-channels": [c.citation for c in support.channels]}
        for control, citations in found.items():
            citations = [c for c in citations if c is not None and c.line not in silent]
            if citations and control not in stated:
                result.claims.append(Claim(control=control, polarity=Polarity.AFFIRMED, citation=citations[0]))
        # each row of a support-time table states the SLA on its own line, beyond the one entry per
        # severity the SLA keeps (the first plan's): a second plan's table is read, not skipped; each
        # item under a support lead-in that names a channel states a channel on its own line
        per_row = {"support-sla": (support.time_rows, {s.citation.line for s in support.sla if s.citation is not None}),
                   "support-channels": (support.channel_rows, set())}
        for control, (rows, cited) in per_row.items():
            cited |= {c.citation.line for c in result.claims if c.citation.document == document and c.control == control}
            for row in rows:
                if row.line not in cited and row.line not in silent:
                    cited.add(row.line)
                    result.claims.append(Claim(control=control, polarity=Polarity.AFFIRMED, citation=row))

    def _claims(self, view: LineView, result: Extraction, led: bool, placed: set[tuple[int, str]]) -> None:
        for control_id, hits in view.grouped("claim").items():
            if all(entry.placed for entry, _ in hits):
                placed.add((view.number, control_id))  # kept only if a place is read on its line (unplaced)
            reading = view.polarity(hits)
            if reading is None:
                continue
            polarity, hedged = reading
            hedged = hedged or (led and polarity is Polarity.AFFIRMED)
            attributes = self._attributes_for(control_id, view.norm) if polarity is Polarity.AFFIRMED else {}
            result.claims.append(Claim(control=control_id, polarity=polarity, hedged=hedged, attributes=attributes,
                                       citation=view.citation()))

    def _attributes_for(self, control_id: str, line: str) -> dict[str, str]:
        out: dict[str, str] = {}
        lowered = line.lower()
        for name in self.controls[control_id].attributes:
            if name == "coverage":  # the coverage forms carry their own reading ("seven days a week" -> 24x7)
                coverage = self.durations.coverage(line)
                if coverage:
                    out[name] = coverage
                continue
            for regex, template, needs in self._attributes.get(name, []):
                m = regex.search(line) if has_each(lowered, needs) else None
                if m:
                    value = template
                    for i, g in enumerate(m.groups(), start=1):
                        value = value.replace("{%d}" % i, g or "")
                    out[name] = value
                    break
        return out

    def _named(self, view: LineView, result: Extraction, led: bool = False) -> None:
        named = {key: attestation_of(key) for key in view.grouped("attestation")}
        typed = {att_type.family for att_type, stated in named.values() if stated}
        for kind in ("attestation", "regulation"):
            for key, hits in view.grouped(kind).items():
                if kind == "attestation" and not named[key][1] and named[key][0].family in typed:
                    continue  # "SOC 2 Type 2 ... As part of SOC 2, ...": the line already states the type
                hits = [h for h in hits if not self._customer_duty(view, h[1])
                        and not self._providers(kind, key, view, h[1], result)]
                reading = view.polarity(hits) if hits else None
                if not reading:
                    continue
                if led and reading[0] is Polarity.AFFIRMED:
                    reading = (reading[0], True)
                if kind == "attestation":
                    issued, expires = self.dates.issued_and_expires(view.norm)
                    att_type, stated = attestation_of(key)
                    result.attestations.append(Attestation(
                        type=att_type, type_stated=stated, polarity=reading[0], hedged=reading[1],
                        scope=self.dates.scope(view.norm), issued=issued, expires=expires,
                        citation=view.citation()))
                else:
                    result.regulations.append(RegulationClaim(id=Regulation(key), polarity=reading[0],
                                                              hedged=reading[1], citation=view.citation()))

    def _providers(self, kind: str, key: str, view: LineView, match: re.Match[str], result: Extraction) -> bool:
        """Is this attestation the hosting provider's ("SOC 2 certified data centres")? Kept as set aside."""
        if kind != "attestation" or not self.speaker.held_by_provider(view.norm, match.end(), bool(view.of("provider"))):
            return False
        result.rejected.append(Rejected(view.document, view.number, f"{kind}:{key}", _PROVIDER, view.raw))
        return True

    def _status_row(self, view: LineView) -> bool:
        """A table row whose status cells state the vendor's standing on the framework in its first cell as
        much as "compliant" would: they deny or hedge it ("HIPAA | Not supported", "SOC 2 Type 2 | Planned"),
        or one says yes ("SOC 2 Type 2 | Yes | No", "ISO 27001 | ✓")."""
        if "|" not in view.norm:
            return False
        _first_end, denied, hedged = view.cues().row_status()
        if denied or hedged:
            return True
        cells = [c for c in view.norm.split("|") if c.strip()]
        return len(cells) >= 2 and any((reading := self.tables.status_of(c)) is not None
                                       and reading[0] is Polarity.AFFIRMED for c in cells[1:])

    @staticmethod
    def _customer_duty(view: LineView, match: re.Match[str]) -> bool:
        """Is this mention in a clause about what the customer must do?"""
        if not view.has("duty"):
            return False
        left, right = view.cues().clause_of(match.start(), match.end())
        return any(m.start() < right and m.end() > left for _, m in view.of("duty"))


def _row_lines(layout, lines: set[int]) -> set[int]:
    """``lines`` and every other line of the table rows holding them (an HTML ``<tr>`` spreads one over many)."""
    out = set(lines)
    if lines:
        for block in layout.blocks:
            if block.kind is BlockKind.TABLE_ROW and block.cells and block.last > block.first and \
                    any(n in lines for n in range(block.first, block.last + 1)):
                out.update(range(block.first, block.last + 1))
    return out


_ITEM_LABEL = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(?:\*\*|__)([^*_]{1,60}?):?(?:\*\*|__):?\s")


def _in_item_label(raw: str, text: str) -> bool:
    """Does ``text`` stand in the bold label a list item opens with ("- **In-app chat:** ...")?"""
    label = _ITEM_LABEL.match(raw)
    return label is not None and text.lower() in label.group(1).lower()


# hits that name an item (as opposed to cue words that qualify one): what the speaker rules remove
_ITEM_KINDS = frozenset({"claim", "attestation", "regulation", "country", "city", "region-code", "contract",
                         "contract-opposite", "channel"})


def _row_of(view: LineView) -> int:
    return view.row
