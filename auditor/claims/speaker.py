"""Who is speaking: the vendor stating something about itself, or someone else.

A claim is the vendor's statement about itself or its service. Not claims: headings, front
matter, markup and code (by their block); link lists; advice and duties of customers and
self-hosters (imperatives, "you should", "customers are responsible for", sections such as
"Self-hosting" or "Best practices", a list introduced by "Self-hosters must:"); definitions of a
standard ("SOC 2 is a framework for..."); statements about another party ("our payment provider
is PCI DSS Level 1"). Each rejection keeps its reason, for ``claims extract --explain``.

The vocabulary is in ``auditor/data/speech.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field

from auditor.claims.lexicon import ByLanguage, compile_any
from auditor.claims.normalise import normalise_pattern
from auditor.documents.model import SILENT, Block, BlockKind, Layout
from auditor.documents.sentences import split_units
from auditor.model.base import Strict
from auditor.yamlio import load_yaml, validate


class SpeechData(Strict):
    advice_sections: ByLanguage
    link_sections: ByLanguage
    imperatives: ByLanguage
    ambiguous_imperatives: ByLanguage = Field(default_factory=ByLanguage)
    object_words: ByLanguage = Field(default_factory=ByLanguage)
    not_imperative_next: ByLanguage
    duty: ByLanguage
    other_party_subject: ByLanguage
    other_party_verbs: ByLanguage
    definition_verbs: ByLanguage
    link_item: str


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
_VENDOR_VOICE = re.compile(r"\b(?:we|our|us|ours)\b|(?:^|\s)(?:نحن|نقوم|نستخدم|لدينا|نلتزم)", re.IGNORECASE)
_NAME_START = re.compile(r"^(?:[A-Z][\w.-]*|[a-z0-9]*\d[a-z0-9]*)(?:'s)?\s+(?:\w+s|is|are|has|does)\b")
_CUSTOMER_SUBJECT = re.compile(
    r"^(?:you(?!\s+(?:can|may|will be able|are able|have the option|get|receive)\b)|(?:users?|customers?|clients?|"
    r"self-?hosters?|administrators?|admins)\s+(?:must|should|need|needs|have to|has to|are responsible|is responsible|"
    r"choose|chooses|control|controls|decide|decides|manage|manages|configure|configures|determine|determines|"
    r"remain|remains|set up|sets up))\b", re.IGNORECASE)
_FUNCTION_WORDS = r"(?i:that|which|who|we|our|it|its|this|these|you|your|they|their|all|each|every)\b"
_LED = (BlockKind.LIST_ITEM, BlockKind.TABLE_ROW, BlockKind.TABLE_HEADER, BlockKind.TABLE_RULE)
_MEANS = re.compile(r"^(?:the term\s+)?[\w\"“”'’ -]{2,60}?\s+(?:means|is defined as|refers to)\b(?!\s+(?:we|our|us)\b)",
                    re.IGNORECASE)
# "When you receive a request, you can:" introduces what the service lets the customer do: the line
# itself states nothing, the items under it may
_WHEN_YOU_LEAD = re.compile(r"^(?:when|if|once|after|before) you\b[^.]*:\s*$", re.IGNORECASE)
_DEFINITION = "definition of a standard"
_BACK_REFERENCE = re.compile(r"\b(?:we|our)\b.*\b(?:this|the|that) (?:standard|certification|framework|regulation|law|"
                             r"attestation|audit|report|certificate)\b|\b(?:this|that) (?:standard|certification|framework)"
                             r"\b.*\b(?:we|our|us)\b", re.IGNORECASE)
_OUT_OF_SCOPE = re.compile(r"\bout of scope\b|\bnot in scope\b|خارج النطاق", re.IGNORECASE)


@dataclass
class Rejection:
    line: int  # 1-based
    start: int  # in the normalised line
    end: int
    reason: str


@dataclass
class Speech:
    """What the speaker rules found in one document: lines rejected whole, and spans of lines."""

    lines: dict[int, str] = field(default_factory=dict)  # 1-based line -> reason
    spans: dict[int, list[Rejection]] = field(default_factory=dict)

    def reason_at(self, line: int, start: int, end: int) -> str | None:
        whole = self.lines.get(line)
        if whole:
            return whole
        for r in self.spans.get(line, ()):
            if r.start <= start and end <= r.end:
                return r.reason
        return None


class Speaker:
    def __init__(self, data: SpeechData, file: Path | str):
        def any_of(patterns: list[str], where: str):
            return compile_any(patterns, file=file, where=where)

        self._advice_section = any_of(data.advice_sections.all(), "advice_sections")
        self._link_section = any_of(data.link_sections.all(), "link_sections")
        nouns = "|".join(data.not_imperative_next.all())
        verbs = "|".join(normalise_pattern(re.escape(v)) for v in data.imperatives.all())
        self._imperative = re.compile(rf"^(?:{verbs})\b(?!\s+(?:{nouns})\b)(?!['’]s\b)", re.IGNORECASE)
        amb = "|".join(re.escape(v) for v in data.ambiguous_imperatives.all())
        objects = "|".join(data.object_words.all())
        self._ambiguous = re.compile(rf"^(?:{amb})\s+(?:{objects})\b", re.IGNORECASE) if amb and objects else None
        self._duty = any_of(data.duty.all(), "duty")
        subjects = "|".join(f"(?:{p})" for p in data.other_party_subject.all())
        party_verbs = "|".join(f"(?:{p})" for p in data.other_party_verbs.all())
        self._other_party = re.compile(rf"^(?:{subjects})(?:,[^,]{{1,60}},)?\s*(?:{party_verbs})", re.IGNORECASE)
        definition = "|".join(f"(?:{p})" for p in data.definition_verbs.all())
        self._definition = re.compile(
            r"^(?:the\s+)?(?=[^.]{0,60}?(?:\b[A-Z]{2,}\b|\d))(?:(?!" + _FUNCTION_WORDS + r")[\w.&/-]+\s+){0,6}?"
            r"(?!" + _FUNCTION_WORDS + r")[\w.&/-]+\s*(?:\([^)]*\)\s*)?"
            rf"(?:{definition})")
        self._link_item = re.compile(data.link_item)

    # ------------------------------------------------------------------------------------------
    def read(self, layout: Layout, norm_lines: list[str], wanted: set[int]) -> Speech:
        """Judge the blocks holding the 1-based lines in ``wanted`` (lines that hit vocabulary)."""
        speech = Speech()
        done: set[int] = set()
        blocks = layout.blocks
        index = {id(b): i for i, b in enumerate(blocks)}
        for line in sorted(wanted):
            block = layout.at(line)
            if block is None or id(block) in done:
                continue
            done.add(id(block))
            reason = self._block_reason(block, norm_lines)
            if reason is None:
                reason = self._lead_in_reason(blocks, index[id(block)], norm_lines)
            if reason is not None:
                for n in range(block.first, block.last + 1):
                    speech.lines.setdefault(n, reason)
                continue
            self._sentences(block, norm_lines, speech)
        return speech

    def _block_reason(self, block: Block, norm_lines: list[str]) -> str | None:
        if block.kind in SILENT:
            return _KIND_REASON.get(block.kind, block.kind.value)
        section = [s for s in block.section if s]
        if section and self._link_section and self._link_section.search(section[-1].strip().lower()):
            return "link list"
        if block.kind is BlockKind.LIST_ITEM and self._link_item.match(norm_lines[block.first - 1]):
            return "link list"
        return None

    def _in_advice_section(self, block: Block) -> bool:
        return bool(self._advice_section) and any(self._advice_section.search(s) for s in block.section)

    def _lead_in_reason(self, blocks: tuple[Block, ...], i: int, norm_lines: list[str]) -> str | None:
        """A list item under a lead-in that addresses the customer ("Self-hosters must:",
        "As the data controller, you are responsible for:", "The following are out of scope:")."""
        block = blocks[i]
        if block.kind not in _LED:
            return None
        j = i - 1
        while j >= 0 and blocks[j].kind in _LED:
            j -= 1
        while j >= 0 and blocks[j].kind is BlockKind.MARKUP:
            j -= 1
        if j < 0 or blocks[j].kind is not BlockKind.PARAGRAPH:
            return None
        lead = " ".join(norm_lines[n - 1].strip() for n in range(blocks[j].first, blocks[j].last + 1)).strip()
        if not lead.endswith(":"):
            return None
        if _OUT_OF_SCOPE.search(lead):
            return "out of scope"
        if self._duty and self._duty.search(lead):
            return "customer's duty (list lead-in)"
        body = _PREFIX.sub("", lead, count=1)
        if _CUSTOMER_SUBJECT.match(body):
            return "customer's duty (list lead-in)"
        return None

    def _sentences(self, block: Block, norm_lines: list[str], speech: Speech) -> None:
        first, last = block.first, block.last
        parts = [norm_lines[n - 1] for n in range(first, last + 1)]
        text = "\n".join(parts)
        starts = []
        pos = 0
        for p in parts:
            starts.append(pos)
            pos += len(p) + 1
        advice_section = self._in_advice_section(block)
        units = split_units(text, table=block.kind is BlockKind.TABLE_ROW)
        for u, (a, b) in enumerate(units):
            reason = self._unit_reason(text[a:b], advice_section, block)
            if reason is None:
                continue
            if reason == _DEFINITION and u + 1 < len(units) and _BACK_REFERENCE.search(text[units[u + 1][0]:units[u + 1][1]]):
                continue  # "X is a standard for... Our compliance with this standard...": the name is claimed

            for k, s in enumerate(starts):
                e = s + len(parts[k])
                lo, hi = max(a, s), min(b, e)
                if lo < hi or (lo == hi and a <= s < b):
                    speech.spans.setdefault(first + k, []).append(Rejection(first + k, lo - s, hi - s, reason))

    def _unit_reason(self, unit: str, advice_section: bool, block: Block) -> str | None:
        raw = unit.strip()
        if not raw or raw.endswith("?") or raw.endswith("؟"):
            return None  # questions are read with their answers
        body = _PREFIX.sub("", raw, count=1).lstrip("*_` ")
        if self._definition.match(body) or _MEANS.match(body):
            return _DEFINITION
        if self._imperative.match(body) or (self._ambiguous is not None and self._ambiguous.match(body)):
            return "advice (imperative)"
        if self._duty and self._duty.search(raw):
            return "customer's duty or advice"
        if self._other_party.match(body):
            return "another party"
        if _CUSTOMER_SUBJECT.match(body) or _WHEN_YOU_LEAD.match(body):
            return "what the customer does"
        if advice_section and block.kind is not BlockKind.TABLE_ROW and not _VENDOR_VOICE.search(raw) \
                and not _NAME_START.match(body):
            return "advice section"
        return None


def load_speaker(data_dir: Path) -> Speaker:
    path = data_dir / "speech.yaml"
    data, lines = load_yaml(path)
    return Speaker(validate(SpeechData, data, file=path, lines=lines), path)


__all__ = ["Speaker", "Speech", "Rejection", "load_speaker"]
