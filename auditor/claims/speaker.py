"""Who is speaking: the vendor stating something about itself, or someone else.

A claim is the vendor's statement about itself or its service. Not claims: headings, front matter, markup and
code (by their block); link lists; advice and duties of customers and self-hosters (imperatives, "you should",
"customers are responsible for", sections such as "Self-hosting" or "Best practices", a list introduced by
"Self-hosters must:"); definitions of a standard ("SOC 2 is a framework for..."); statements about another party
("our payment provider is PCI DSS Level 1"); the document naming itself ("this DPA"). Items under a lead-in whose
subject is the vendor ("The processor shall:") or that lists the product's features are the vendor's, never
imperatives. Each rejection keeps its reason, for ``claims extract --explain``. Vocabulary: ``data/speech.yaml``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from auditor.claims.asides import ANOTHER_PARTY, EXCLUDED, SetAsides
from auditor.claims.leads import lead_paragraphs, lead_text
from auditor.claims.lexicon import Prefiltered, compile_any
from auditor.claims.matrix import Responsibility, Side
from auditor.claims.normalise import normalise_pattern
from auditor.claims.literals import GatedPattern, gated
from auditor.claims.speech_data import SpeechData
from auditor.claims.titles import bold_title_over_items, cell_label
from auditor.claims.tools import tool_subject
from auditor.documents.model import SILENT, Block, BlockKind, Layout
from auditor.documents.sentences import after_semicolon, split_units
from auditor.yamlio import load_yaml, validate


_KIND_REASON = {
    BlockKind.HEADING: "heading",
    BlockKind.TABLE_HEADER: "table header",
    BlockKind.TABLE_RULE: "table rule",
    BlockKind.CODE: "code",
    BlockKind.FRONT_MATTER: "front matter",
    BlockKind.MARKUP: "markup",
    BlockKind.NAVIGATION: "navigation",
}
_PREFIX = re.compile(r"^[\s>]*(?:\[![\w-]+\]\s*)?(?:(?:[-*+•]|\d+[.)])\s+)?(?:\*\*[^*]{1,80}\*\*\s*[:\-–—.]?\s*)?"
                     r"(?:[A-Z][\w /&-]{0,40}:\s+)?")
_WORD = re.compile(r"[\w'’-]+")
# a paragraph that is only a short title and a colon: a heading written as text
_LABEL = re.compile(r"^[\s*_#>]*(?!(?:we|our|you|your|the following)\b)[\w/&()'’-]+(?:\s+[\w/&()'’-]+){0,3}[*_]*:[*_]*\s*$",
                    re.IGNORECASE)
_LIST_MARK = re.compile(r"^\s*(?:[-+•]|\d+[.)])\s+")
_VENDOR_VOICE = re.compile(r"\b(?:we|our|us|ours)\b|(?:^|\s)(?:نحن|نقوم|نستخدم|لدينا|نلتزم)", re.IGNORECASE)
_NAME_START = re.compile(r"^(?:[A-Z][\w.-]*|[a-z0-9]*\d[a-z0-9]*)(?:'s)?\s+(?:\w+s|is|are|has|does)\b")
_CUSTOMER_SUBJECT = re.compile(
    r"^(?:you(?!\s+(?:(?:will|shall)\s+)?(?:always\s+|still\s+|continue\s+to\s+)?(?:own|retain|keep)\b)"
    r"(?!\s+(?:can|may|will be able|are able|have the option|get|receive|choose|decide|pick|select|"
    r"have (?:a|the) rights?|have rights|are entitled)\b)"
    # what the customer is given: "you will hear back within 2 days", "you'll be notified"
    r"(?!(?:\s+(?:will|shall)|['’]ll)?\s+(?:get|receive|hear back|hear from us|be notified|be informed|be contacted|"
    r"be alerted)\b)|"
    r"(?:users?|customers?|clients?|self-?hosters?|administrators?|admins)\s+(?:must|should|need|needs|have to|has to|"
    r"are responsible|is responsible|control|controls|manage|manages|configure|configures|remain|remains|set up|"
    r"sets up))\b", re.IGNORECASE)
_FUNCTION_WORDS = r"(?i:that|which|who|we|our|it|its|this|these|you|your|they|their|all|each|every)\b"
_MEANS = re.compile(
    r"^(?!(?:this|that|it|which|so) means\b)"  # "This means your data stays in the EU" draws a consequence
    # the term may be a bold label the prefix took off ("**1.3. “Maintenance”** means ...")
    r"(?:\d{1,3}(?:\.\d{1,3})*\.?\s+)?(?:(?:the term\s+)?[\w\"“”'’ -]{2,60}?\s+)?(?:means|is defined as|refers to)\b(?!\s+(?:we|our|us)\b)"
    r"(?<!defined as(?=\s+code\b))", re.IGNORECASE)  # "infrastructure is defined as code" is a practice
# "When you receive a request, you can:" introduces what the service lets the customer do: the line
# itself states nothing, the items under it may
_WHEN_YOU_LEAD = re.compile(r"^(?:when|if|once|after|before) you\b[^.]*:\s*$", re.IGNORECASE)
_DEFINITION = "definition of a standard"
_IDENTIFIER = re.compile(r"[A-Za-z0-9]+(?:\\?_[A-Za-z0-9]+){2,}[.,;]?\s*")
# the verb after a defined term ("Business hours means ..."); and a contract's defined term in
# quotes: '"Standard Contractual Clauses" means ...', '“Maintenance” shall mean ...'
_DEFINING_VERB = re.compile(r"\b(?:means|shall mean|is defined as|refers to)\b", re.IGNORECASE)
_DEFINED_TERM = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*\.?\s+)?[\"“][^\"”]{2,60}[\"”]\s+(?:means|shall mean|has the meaning|have the meaning|refers to)\b")
_BACK_REFERENCE = re.compile(r"\b(?:we|our)\b.*\b(?:this|the|that|these|those) (?:(?:individual|data subject) )?"
                             r"(?:standard|certification|framework|regulation|law|attestation|audit|report|certificate|"
                             r"rights|requirements)\b|\b(?:this|that) (?:standard|certification|framework)"
                             r"\b.*\b(?:we|our|us)\b", re.IGNORECASE)
_OFFERING = "topics a service covers"
_DUTY = "customer's duty or advice"
_CUSTOMER_PART = "the customer's part (section)"
_WHOLE = (_CUSTOMER_PART, _DEFINITION)  # sections whose tables are theirs too, row by row
IMPERATIVE = "advice (imperative)"
_HANDED_ON = frozenset({_DUTY, IMPERATIVE, "what the customer does"})
_OWN_LEAD_WORDS = 4  # words between the vendor as a lead-in's subject and a duty that is not the lead-in's own
# a capitalised name of up to three words ("Acme", "Acme Cloud Ltd"): the vendor as a lead-in's subject
_NAME = r"(?-i:[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2})"


@dataclass
class _BlockText:
    """A block's normalised text, its sentence units (split on first use) and their verdicts."""

    block: Block
    first: int
    starts: list[int]
    text: str
    section_reason: str | None  # the section's own reason (advice, a definition) for units not in the vendor's voice
    vendor_led: bool = False  # an item under a lead-in whose subject is the vendor ("The processor shall:")
    units: list[tuple[int, int]] | None = None
    verdicts: dict[int, str | None] = field(default_factory=dict)
    defines_term: bool | None = None  # does its first unit define a contract's term (asked once)
    tool: "re.Pattern[str] | bool | None" = None  # a used tool's subject, learnt from the block's label (tools.py)


@dataclass
class Speech:
    """What the speaker rules say of one document: lines rejected whole (by their block), and,
    asked per phrase, the sentence unit holding it (the block's text is put together, split and
    judged on first use: most lines that hit the vocabulary never need it)."""

    speaker: "Speaker"
    lines: dict[int, str] = field(default_factory=dict)  # 1-based line -> reason
    blocks: dict[int, Block] = field(default_factory=dict)  # 1-based line -> its block, when it may speak
    norm_lines: list[str] = field(default_factory=list)
    vendor_led: set[int] = field(default_factory=set)  # id() of blocks under a vendor lead-in
    led_by: dict[int, Block] = field(default_factory=dict)  # 1-based line -> the lead-in paragraph of its list
    _own: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)  # line -> set-aside spans
    _texts: dict[int, _BlockText] = field(default_factory=dict)  # id(block) -> its text

    def reasons_at(self, line: int, spans: list[tuple[int, int]]) -> list[str | None]:
        """Why each phrase of one line (by its span) is not the vendor speaking (None: it is): the
        line's rejection as a whole, its sentence unit's, or the phrase being the document naming
        itself ("this DPA") or what a commitment leaves out. The block is looked up once."""
        whole = self.lines.get(line)
        if whole:
            return [whole] * len(spans)
        own = self._set_asides(line)
        block = self.blocks.get(line)
        if block is None:
            out: list[str | None] = [None] * len(spans)
        else:
            info = self._texts.get(id(block))
            if info is None:
                info = self._texts[id(block)] = self.speaker.block_text(block, self.norm_lines)
                info.vendor_led = id(block) in self.vendor_led
            base = info.starts[line - info.first]
            verdict = self.speaker.unit_verdict
            out = [verdict(info, base + start) for start, _end in spans]
        if own:
            out = [r if r is not None else next((why for a, b, why in own if a <= s and e <= b), None)
                   for r, (s, e) in zip(out, spans)]
        return out

    def defined_term(self, line: int) -> str | None:
        """The term the line opens by defining ("“Maintenance”" in "“Maintenance” means ... outside
        9:00-18:00"), None when it states rather than defines: what a definition names is what a word
        means, not a service the vendor gives."""
        if self.reasons_at(line, [(0, 1)])[0] != _DEFINITION:
            return None
        return _DEFINING_VERB.split(self.norm_lines[line - 1], 1)[0]

    def has_spans(self, line: int) -> bool:
        """May some phrase of the line be set aside on its own (not by its whole line)?"""
        return line in self.blocks or bool(self._set_asides(line))

    def _set_asides(self, line: int) -> list[tuple[int, int, str]]:
        found = self._own.get(line)
        if found is None:
            ok = 0 < line <= len(self.norm_lines)
            found = self._own[line] = self.speaker.set_asides(self.norm_lines[line - 1]) if ok else []
        return found


class Speaker:
    def __init__(self, data: SpeechData, file: Path | str):
        def any_of(patterns: list[str], where: str):
            return compile_any(patterns, file=file, where=where)

        self.file = file
        self._advice_section = gated(any_of(data.advice_sections.all(), "advice_sections"))
        self._customer_section = any_of(data.customer_sections.all(), "customer_sections")
        self._definition_section = any_of(data.definition_sections.all(), "definition_sections")
        self._statement_heading = any_of(data.statement_headings.all(), "statement_headings")
        self._link_section = any_of(data.link_sections.all(), "link_sections")
        self._offering_section = any_of(data.offering_sections.all(), "offering_sections")
        self._offering_lead = any_of(data.offering_leads.all(), "offering_leads")
        self.supplier_duty_lead = any_of(data.supplier_duty_leads.all(), "supplier_duty_leads")
        self._scope_statement = any_of(data.scope_statements.all(), "scope_statements")
        self._not_imperative = any_of(data.not_imperative.all(), "not_imperative")
        self._continuation = any_of(data.continuations.all(), "continuations")  # matched at a unit's start
        self._matrix = Responsibility(any_of(data.customer_columns.all(), "customer_columns"),
                                      any_of(data.ticks.all(), "ticks"))
        held = data.provider_attestation
        self._provider_facilities = self._provider_hosting = None
        if held is not None:
            self._provider_facilities = any_of([rf"^\s*{held.qualifier}(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(held.facilities)})\b"],
                                               "provider_attestation.facilities")
            self._provider_hosting = any_of([rf"^\s*{held.qualifier}(?:[\w-]+\s+){{0,1}}?(?:{'|'.join(held.hosting)})\b"],
                                            "provider_attestation.hosting")
        nouns = "|".join(data.not_imperative_next.all())
        verbs = "|".join(normalise_pattern(re.escape(v)) for v in data.imperatives.all())
        # a verb takes its object: one followed by a comma is an adjective ("Secure, encrypted connections");
        # a step word or a short opening may stand before it ("Then, navigate to ...", "In the console, edit ...")
        leads = "|".join([rf"(?:{w}),?\s+" for w in data.imperative_leads.all()] + data.imperative_openers.all())
        lead = rf"(?:{leads})?" if leads else ""
        self._opening = re.compile(f"^{lead}", re.IGNORECASE)  # what stands before the verb
        motion = "|".join(data.imperatives_of_motion.all())
        moving = rf"|^{lead}(?:{motion})\s+(?:to|into|through)\b" if motion else ""
        amb = "|".join(re.escape(v) for v in data.ambiguous_imperatives.all())
        second_verb = rf"\s+(?:and|or)\s+(?:{verbs}|{amb}|manage)\b"  # "Create and manage keys": still a verb
        self._imperative = re.compile(rf"^{lead}(?:{verbs})\b(?!-\w)(?![@.]\w)(?!,)(?:(?={second_verb})|(?!\s+(?:{nouns})\b))"
                                      rf"(?!['’]s\b){moving}|^to (?:{verbs})\b[^,.;:]{{0,100}}:\s*$", re.IGNORECASE)
        objects = "|".join(data.object_words.all())
        self._ambiguous = re.compile(rf"^(?:{amb})\s+(?:{objects})\b", re.IGNORECASE) if amb and objects else None
        polite = "|".join(data.polite_openers.all())
        # "Please report ...", "When reporting, please describe ...": a request that opens the sentence (or
        # follows a short opening clause) asks the reader to act, whatever its verb
        self._polite = re.compile(rf"^(?:[^.;:]{{1,120}}?,\s*)?(?:{polite})\s+(?=\w)", re.IGNORECASE) if polite else None
        self.duty_patterns = tuple(data.duty.all())  # also what marks a customer's clause among a line's mentions
        self._duty = Prefiltered(self.duty_patterns, file, "duty")
        subjects = "|".join(f"(?:{p})" for p in data.other_party_subject.all())
        party_verbs = "|".join(f"(?:{p})" for p in data.other_party_verbs.all())
        parts = "|".join(f"(?:{p})" for p in data.other_party_parts.all()) or "(?!)"
        self._other_party = re.compile(rf"^(?:{subjects})(?:{parts})?(?:,[^,]{{1,60}},)?\s*(?:{party_verbs})",
                                       re.IGNORECASE)
        self._others = any_of(data.others_in_general.all(), "others_in_general")  # matched at a unit's start
        definition = "|".join(f"(?:{p})" for p in data.definition_verbs.all())
        self._definition = GatedPattern(re.compile(
            # the subject names a standard (an acronym or a number before the verb): "SOC 2 is a
            # framework", not "Acme is a hosted service running in the EU"
            r"^(?:the\s+)?(?=[^.]{0,60}?(?:\b[A-Z]{2,}\b|\d)[^.]*?(?:" + definition + "))(?:(?!" + _FUNCTION_WORDS + r")(?:[\w.&/-]+|\([^)]*\))\s+){0,7}?"
            r"(?!" + _FUNCTION_WORDS + r")[\w.&/-]+\s*(?:\([^)]*\)\s*)?"
            rf"(?:{definition})"))
        self._means = GatedPattern(_MEANS)
        self._link_item = re.compile(data.link_item)
        self._markup_line = re.compile(data.markup_line)
        self._vendor_lead = _vendor_lead_pattern(data, file)
        # a lead-in opening with the vendor doing something ("We ...", "Acme secures ..."), not its customers
        customer = "|".join(f"(?:{c})" for c in data.customer_subjects.en) or "(?!)"
        self._own_lead = re.compile(rf"^(?:(?i:we|our)\b|(?!(?:{customer})\b){_NAME}\s+(?!(?:{customer})\b)[a-z]+s\b)")
        self._exclusion = any_of(data.exclusions.all(), "exclusions")
        self._asides = SetAsides(data, file)
        self._section_cache: dict[tuple[str, ...], str | None] = {}
        self._link_cache: dict[tuple[str, ...], bool] = {}

    # ------------------------------------------------------------------------------------------
    def read(self, layout: Layout, norm_lines: list[str], wanted: set[int],
             raw_lines: tuple[str, ...] | list[str] = ()) -> Speech:
        """Judge the blocks holding the 1-based lines in ``wanted`` (lines that hit vocabulary). ``raw_lines``: the
        lines as written, where link markup is still there to see (the normalised lines have only the link text)."""
        speech = Speech(self, norm_lines=norm_lines)
        self._section_cache.clear()  # per document: a long-lived extractor keeps no section paths
        self._link_cache.clear()
        self._matrix.clear()
        done: set[int] = set()
        blocks = layout.blocks
        index = {id(b): i for i, b in enumerate(blocks)}
        lead_of = lead_paragraphs(blocks)
        lead_reasons: dict[int, str | None] = {}
        for line in sorted(wanted):
            block = layout.at(line)
            if block is None or id(block) in done:
                continue
            done.add(id(block))
            reason = self._block_reason(block, norm_lines, raw_lines)
            lead = lead_of[index[id(block)]]
            if reason is None and lead >= 0:
                if lead not in lead_reasons:
                    lead_reasons[lead] = self._lead_in_reason(blocks[lead], norm_lines)
                reason = lead_reasons[lead]
                if reason is _VENDOR_LEAD:
                    reason = None
                    speech.vendor_led.add(id(block))
            if reason is not None:
                for n in range(block.first, block.last + 1):
                    speech.lines.setdefault(n, reason)
                continue
            for n in range(block.first, block.last + 1):
                speech.blocks[n] = block
                if lead >= 0:
                    speech.led_by[n] = blocks[lead]
        return speech

    def block_text(self, block: Block, norm_lines: list[str]) -> _BlockText:
        """The block's lines joined, with where each starts: what sentence units are cut from."""
        if block.first == block.last:
            text = norm_lines[block.first - 1]
            return _BlockText(block, block.first, [0], text, self._section_reason(block))
        parts = [norm_lines[n - 1] for n in range(block.first, block.last + 1)]
        starts, pos = [], 0
        for part in parts:
            starts.append(pos)
            pos += len(part) + 1
        return _BlockText(block, block.first, starts, "\n".join(parts), self._section_reason(block))

    def unit_verdict(self, info: _BlockText, offset: int) -> str | None:
        """Why the sentence unit at ``offset`` of the block is not the vendor speaking (None: it is)."""
        if info.units is None:
            info.units = split_units(info.text, table=info.block.kind is BlockKind.TABLE_ROW)
        units = info.units
        i = bisect.bisect_right(units, (offset, len(info.text) + 1)) - 1
        if i < 0 or not (units[i][0] <= offset < max(units[i][1], units[i][0] + 1)):
            return None
        if i in info.verdicts:
            return info.verdicts[i]
        a, b = units[i]
        if i > 0 and not after_semicolon(info.text, a):
            if info.defines_term is None:
                info.defines_term = bool(_DEFINED_TERM.match(_PREFIX.sub("", info.text[units[0][0]:units[0][1]], count=1)))
            if info.defines_term:
                # a contract's defined term: its further sentences define it too (a clause after ";" may
                # still promise: "... and any other maintenance, for which we give two days' notice")
                info.verdicts[i] = _DEFINITION
                return _DEFINITION
        reason = self._unit_reason(info.text[a:b], info.section_reason, info.block, info.vendor_led)
        if reason is None and info.block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            if info.tool is None:
                info.tool = tool_subject(info.text) or False
            if info.tool and info.tool.match(_PREFIX.sub("", info.text[a:b].strip(), count=1).lstrip("*_` ")):
                reason = ANOTHER_PARTY  # "Ticketly stores data in ..." under the label of a tool the vendor uses
        if reason is None and i > 0 and self._continuation and self._continuation.match(info.text[a:b].lstrip()):
            # "Customers must secure their devices. This includes encryption of ...": the list goes on with
            # the sentence before it, whoever spoke there
            before = self.unit_verdict(info, units[i - 1][0])
            if before in _HANDED_ON:
                reason = before
        if reason == _DEFINITION and i + 1 < len(units) and \
                _BACK_REFERENCE.search(info.text[units[i + 1][0]:units[i + 1][1]]):
            reason = None  # "X is a standard for... Our compliance with this standard...": the name is claimed
        info.verdicts[i] = reason
        return reason

    def _block_reason(self, block: Block, norm_lines: list[str], raw_lines=()) -> str | None:
        if block.kind in SILENT and not (block.kind is BlockKind.HEADING and self._statement_heading is not None
                                         and self._statement_heading.search(norm_lines[block.first - 1])):
            return _KIND_REASON.get(block.kind, block.kind.value)
        if block.section and self._link_section and self._in_link_section(block.section):
            return "link list"
        first = raw_lines[block.first - 1] if block.first <= len(raw_lines) else norm_lines[block.first - 1]
        if block.kind is BlockKind.LIST_ITEM and self._link_item.match(first):
            return "link list"
        if block.kind is BlockKind.PARAGRAPH and self._markup_line.match(first):
            return "markup"
        if block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) and block.first == block.last and \
                _LABEL.match(_LIST_MARK.sub("", norm_lines[block.first - 1], count=1)):
            return "heading"  # "At-Rest Encryption:", "- EU:" over the lines (or items) that say what it is
        if block.kind is BlockKind.LIST_ITEM and block.first == block.last and bold_title_over_items(block.first, raw_lines):
            return "heading"  # "- **Access Control**" over the nested items that say what is done
        if block.section and self._offering_section and block.kind is not BlockKind.TABLE_ROW and any(
                self._offering_section.search(s) for s in block.section) and not _VENDOR_VOICE.search(
                " ".join(norm_lines[block.first - 1:block.last])):
            return _OFFERING  # "Topics covered", "Not included": what a paid service helps with, not a control
        return None

    def _section_reason(self, block: Block) -> str | None:
        """"advice section" under a heading of advice anywhere in the path; a definition under a
        question heading that asks what a standard is ("What is PCI?"). Judged once per path."""
        if block.section in self._section_cache:
            return self._section_cache[block.section]
        found = None
        if self._customer_section and any(self._customer_section.search(s) for s in block.section):
            found = _CUSTOMER_PART
        elif self._advice_section and any(self._advice_section.search(s) for s in block.section):
            found = "advice section"
        else:
            named = [s for s in block.section if s]
            if named and self._definition_section and self._definition_section.search(named[-1].strip()):
                found = _DEFINITION
        self._section_cache[block.section] = found
        return found

    def _in_link_section(self, section: tuple[str, ...]) -> bool:
        found = self._link_cache.get(section)
        if found is None:
            named = [s for s in section if s]
            found = self._link_cache[section] = bool(named) and bool(self._link_section.search(named[-1].strip().lower()))
        return found

    def _lead_in_reason(self, paragraph: Block, norm_lines: list[str]) -> str | None:
        """Why the items under this lead-in are not the vendor's claims: it addresses the customer
        ("Self-hosters must:", "As the data controller, you are responsible for:") or scopes them
        out ("The following are out of scope:"). ``_VENDOR_LEAD`` when its subject is the vendor
        ("The processor shall:"): its items are the vendor's duties, not imperatives."""
        if not norm_lines[paragraph.last - 1].rstrip(" *_").endswith((":", "…", "...")):
            return None
        lead = lead_text(paragraph, norm_lines)
        if not lead.endswith(":"):
            return None
        if self._exclusion is not None and self._exclusion.search(lead):
            return EXCLUDED
        if self._offering_lead is not None and self._offering_lead.search(lead):
            return _OFFERING
        body = _PREFIX.sub("", lead, count=1)
        duty = self._duty.search(lead)
        if duty:
            # "Acme secures its databases with the measures we recommend to customers, including:": the
            # vendor's own list when the customer's words come well after the vendor as subject (words
            # counted from the lead-in's start, a list mark or label included)
            own = self._own_lead.match(body)
            if not (own and len(lead[:duty.start()].split()) - len(body[:own.end()].split()) >= _OWN_LEAD_WORDS):
                return "customer's duty (list lead-in)"
        if _CUSTOMER_SUBJECT.match(body):
            return "customer's duty (list lead-in)"
        if self._vendor_lead is not None and self._vendor_lead.search(lead):
            return _VENDOR_LEAD
        a, b = (split_units(lead) or [(0, len(lead))])[-1]  # "AWS data centers feature safeguards such as:"
        last = _PREFIX.sub("", lead[a:b].strip(), count=1)
        if self._other_party.match(last) or ((tool := tool_subject(lead)) and tool.match(last.lstrip("*_` "))):
            return ANOTHER_PARTY  # "Ticketly holds the following certificates:" under Ticketly's label
        return None

    def held_by_provider(self, line: str, end: int, provider_named: bool) -> bool:
        """Does the attestation named up to ``end`` qualify a hosting provider's facilities ("ISO
        27001 certified data centres"; with ``provider_named``, "on AWS with SOC 2 compliant
        infrastructure")?"""
        after = line[end:end + 80]
        if self._provider_facilities is not None and self._provider_facilities.match(after):
            return True
        return provider_named and self._provider_hosting is not None and bool(self._provider_hosting.match(after))

    def set_asides(self, line: str) -> list[tuple[int, int, str]]:
        """Spans of ``line`` that name without claiming, with why (see asides.py)."""
        return self._asides.spans(line)

    def _unit_reason(self, unit: str, section_reason: str | None, block: Block, vendor_led: bool = False) -> str | None:
        """``vendor_led``: the unit continues a lead-in whose subject is the vendor, so a bare verb
        ("notify Customer ...") is the vendor's duty, not advice, and an advice section does not apply."""
        raw = unit.strip()
        if not raw or raw.endswith("?") or raw.endswith("؟"):
            return None  # questions are read with their answers
        body = _PREFIX.sub("", raw, count=1).lstrip("*_` ")
        if block.kind is BlockKind.TABLE_ROW and block.header:
            side = self._matrix.side(block)  # a responsibility matrix's tick says who does the row
            if side is not None:
                return None if side is Side.VENDOR else _DUTY
        if self._definition.match(body) or self._means.match(body):
            return _DEFINITION
        if _IDENTIFIER.fullmatch(body):
            return "an identifier"  # "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" listed: a name from code, no sentence
        polite = self._polite.match(body) if self._polite is not None else None
        # "... delete your account, all your data is deleted": an item going on with its lead-in's sentence
        # ("If you...") opens mid-sentence, and its first verb is the condition's, not an order
        if not vendor_led and not body.startswith(("...", "…")) and (polite or self._imperative.match(body) or
                               (self._ambiguous is not None and self._ambiguous.match(body))) \
                and not (self._not_imperative and any(self._not_imperative.match(body[i:]) for i in
                                                      {0, self._opening.match(body).end(), polite.end() if polite else 0})) \
                and not (block.kind is BlockKind.TABLE_ROW and cell_label(body)):
            return IMPERATIVE
        if self._duty.search(raw):
            return _DUTY
        if self._other_party.match(body):
            return ANOTHER_PARTY
        if self._others is not None and self._others.match(body):
            return "other vendors in general"
        if _CUSTOMER_SUBJECT.match(body) or _WHEN_YOU_LEAD.match(body):
            return "what the customer does"
        row = block.kind is BlockKind.TABLE_ROW  # a row's first cell is a label, not a name speaking
        if section_reason and not vendor_led and (not row or section_reason in _WHOLE) and not _VENDOR_VOICE.search(raw) \
                and not (_NAME_START.match(body) and not row) \
                and not (self._scope_statement and self._scope_statement.search(raw)):
            return section_reason
        return None


def _vendor_lead_pattern(data: SpeechData, file) -> re.Pattern[str] | None:
    """The end of a lead-in whose subject is the vendor: "..., we:", "The processor shall:", "Acme
    will:", "In respect of such data, Acme:", or that lists the product's features ("Compliance
    features:"). A bare "Name:" with nothing before it is a label."""
    subjects = "|".join(f"(?:{p})" for p in data.vendor_subjects.en)
    if not subjects:
        return None
    modals = "|".join(f"(?:{p})" for p in data.vendor_lead_modals.en) or "(?!)"
    customer = "|".join(f"(?:{p})" for p in data.customer_subjects.en) or "(?!)"
    name = rf"(?!(?:{customer})\b){_NAME}"
    opener = r"(?:^|[,;]\s*|\b(?:that|then|and)\s+)"
    pattern = (rf"(?:{opener}(?:{subjects})(?:\s+(?:{modals}))?|{opener}{name}\s+(?:{modals})|[,;]\s*{name})"
               r"\s*:\s*$")
    return compile_any([pattern, *data.feature_leads.en], file=file, where="vendor_subjects/feature_leads")


_VENDOR_LEAD = "vendor lead-in"  # not a rejection: a marker _lead_in_reason returns


def load_speaker(data_dir: Path) -> Speaker:
    path = data_dir / "speech.yaml"
    data, lines = load_yaml(path)
    return Speaker(validate(SpeechData, data, file=path, lines=lines), path)


__all__ = ["IMPERATIVE", "Speaker", "Speech", "load_speaker"]
