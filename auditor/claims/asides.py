"""Phrases that name an item without the vendor claiming it, found inside an otherwise spoken line.

The document naming itself ("this DPA", "these Terms"), what a commitment leaves out ("does not
apply to planned maintenance"), another party's standing described in a relative clause ("Stripe,
which is PCI DSS certified"), the standing the vendor checks in others ("their certifications
(e.g. SOC 2)"), a condition supposed ("Without private endpoints, ..."), a topic announced ("Regarding backups:"), a need or purpose named ("customers who require
HIPAA compliance", "exercises as required for SOC 2") and what the reader may ask about ("If you have questions about our security
program, write to ..."). Each span reaches to the end of its clause and carries the reason shown by
``claims extract --explain``.
"""

from __future__ import annotations

import re
from pathlib import Path

from auditor.claims.lexicon import compile_any
from auditor.claims.literals import GatedPattern

SELF_REFERENCE = "the document naming itself"
EXCLUDED = "out of scope: what a commitment leaves out"
ANOTHER_PARTY = "another party"
READER_QUESTION = "the reader's question, not a statement"
CONDITION = "a condition supposed, not a statement"
PURPOSE = "a need or a purpose named, not a standing held"
TOPIC = "a topic announced, not a statement"


class SetAsides:
    def __init__(self, data, file: Path | str):
        own = [f"(?:{p})" for p in data.self_reference.all()]
        left_out = [rf"(?:{p})[^.;:|]*" for p in data.exclusions.all()]
        theirs = [rf"(?:{p})(?:\b(?:e\.g|i\.e)\.|[^.;:|])*" for p in data.others_standing.all()]
        asked = [rf"(?:{p})[^.;:|,?]*" for p in data.reader_questions.all()]
        supposed = [f"(?:{p})" for p in data.conditions.all()]
        # ... to the end of its clause, or to the main verb ("organisations that need round-the-clock coverage |
        # can subscribe to our 24/7 support": what follows is the vendor's offer)
        needed = [rf"(?:{p})(?:(?!\b(?:can|may|will|could|get|gets|receive|receives|are offered|is offered)\b)[^.;:|,])*"
                  for p in data.purposes.all()]
        announced = [f"(?:{p})" for p in data.topics.all()]
        self._scan = None  # one scan for all seven kinds
        if own or left_out or theirs or asked or supposed or needed or announced:
            regex = compile_any([f"(?P<own>{'|'.join(own) or '(?!)'})|(?P<out>{'|'.join(left_out) or '(?!)'})"
                                 f"|(?P<theirs>{'|'.join(theirs) or '(?!)'})|(?P<asked>{'|'.join(asked) or '(?!)'})"
                                 f"|(?P<supposed>{'|'.join(supposed) or '(?!)'})|(?P<needed>{'|'.join(needed) or '(?!)'})"
                                 f"|(?P<topic>{'|'.join(announced) or '(?!)'})"],
                                file=file,
                                where="self_reference/exclusions/others_standing/reader_questions/conditions/purposes/topics")
            self._scan = GatedPattern(regex)
        # another party in a relative clause: found from its "(,) which is" (rare), then the party
        # named just before it
        self._party_clause = self._party_name = None
        subjects = "|".join(f"(?:{p})" for p in data.other_party_subject.all())
        if data.other_party_subject.en:
            self._party_clause = re.compile(r"\s*,?\s*(?:which|who) (?:is|are|was|has|have|holds?|maintains?)\b[^.;:|]*",
                                            re.IGNORECASE)
            self._party_name = compile_any([rf"(?<!\w)(?:{subjects})$"], file=file, where="other_party_subject")

    def spans(self, line: str) -> list[tuple[int, int, str]]:
        """(start, end, reason) of every such phrase on one normalised line."""
        out: list[tuple[int, int, str]] = []
        scan = self._scan
        if scan is not None and scan.may_match(line):
            out += [(*m.span(), SELF_REFERENCE if m.group("own") is not None else
                     ANOTHER_PARTY if m.group("theirs") is not None else
                     READER_QUESTION if m.group("asked") is not None else
                     CONDITION if m.group("supposed") is not None else
                     PURPOSE if m.group("needed") is not None else
                     TOPIC if m.group("topic") is not None else EXCLUDED)
                    for m in scan.regex.finditer(line)]
        if self._party_clause is not None and ("which" in line or "who" in line):
            for m in self._party_clause.finditer(line):
                named = self._party_name.search(line, max(0, m.start() - 80), m.start())
                if named:
                    out.append((named.start(), m.end(), ANOTHER_PARTY))
        return out
