"""Questionnaires and FAQs: a question names the item, the answer on the next line says yes or no.

"Do you comply with HIPAA?" followed by "No. We are not designed for health data." denies
HIPAA; followed by "Yes, ..." affirms it. The item is cited at the answer's line: that is the
line that states it (the question only asks).
"""

from __future__ import annotations

from collections.abc import Sequence

from auditor.claims.lexicon import Lexicon, compile_any
from auditor.claims.lines import LineView
from auditor.model.enums import AttestationType, Polarity, Regulation
from auditor.model.vendor import Attestation, Citation, Claim, RegulationClaim


class AnswerReader:
    def __init__(self, lexicon: Lexicon):
        file = lexicon.files["language"]
        answers = lexicon.language.answers
        self._yes = compile_any([rf"^\W*(?:{p})" for p in answers["yes"].all()], file=file, where="answers.yes") \
            if "yes" in answers else None
        self._no = compile_any([rf"^\W*(?:{p})" for p in answers["no"].all()], file=file, where="answers.no") \
            if "no" in answers else None

    def answer(self, line: str) -> Polarity | None:
        if self._no is not None and self._no.match(line):
            return Polarity.DENIED
        if self._yes is not None and self._yes.match(line):
            return Polarity.AFFIRMED
        return None

    def read(self, views: Sequence[LineView], norm_lines: list[str], raw_lines: Sequence[str], document: str,
             result) -> None:
        """Add to ``result`` (an Extraction) what each answered question states."""
        for view in views:
            asked = {kind: view.asked(kind) for kind in ("claim", "attestation", "regulation")}
            if not any(asked.values()):
                continue
            row = view.row + 1
            while row < len(norm_lines) and not norm_lines[row].strip():
                row += 1
            if row >= len(norm_lines):
                continue
            polarity = self.answer(norm_lines[row])
            if polarity is None:
                continue
            citation = Citation(document=document, line=row + 1, text=raw_lines[row])
            for control in asked["claim"]:
                result.claims.append(Claim(control=control, polarity=polarity, citation=citation))
            for kind in asked["attestation"]:
                result.attestations.append(Attestation(type=AttestationType(kind), polarity=polarity,
                                                       citation=citation))
            for reg in asked["regulation"]:
                result.regulations.append(RegulationClaim(id=Regulation(reg), polarity=polarity, citation=citation))


__all__ = ["AnswerReader"]
