"""Questionnaires and FAQs: a question names the item, its answer says yes or no: on the same
line (a questionnaire's "question | answer | notes" row) or on the next.

"Do you comply with HIPAA?" followed by "No. We are not designed for health data." denies
HIPAA; followed by "Yes, ..." affirms it. The item is cited at the answer's line: that is the
line that states it (the question only asks).
"""

from __future__ import annotations

from collections.abc import Sequence

from auditor.claims.lexicon import Lexicon, attestation_of, compile_any
from auditor.claims.lines import LineView
from auditor.model.enums import Polarity, Regulation
from auditor.model.vendor import Attestation, Citation, Claim, RegulationClaim


class AnswerReader:
    def __init__(self, lexicon: Lexicon):
        file = lexicon.files["language"]
        answers = lexicon.language.answers
        self._yes = compile_any([rf"^\W*(?:{p})" for p in answers["yes"].all()], file=file, where="answers.yes") \
            if "yes" in answers else None
        self._no = compile_any([rf"^\W*(?:{p})" for p in answers["no"].all()], file=file, where="answers.no") \
            if "no" in answers else None
        self._no_need = compile_any(answers["no_need"].all(), file=file, where="answers.no_need") \
            if "no_need" in answers else None
        self._asks_value = compile_any([rf"^\W*(?:{p})" for p in answers["asks_value"].all()], file=file,
                                       where="answers.asks_value") if "asks_value" in answers else None
        self._value = compile_any([rf"^\W*(?:{p})" for p in answers["value"].all()], file=file,
                                  where="answers.value") if "value" in answers else None
        self._asks_property = compile_any(answers["asks_property"].all(), file=file, where="answers.asks_property") \
            if "asks_property" in answers else None

    def _value_answer(self, question: str, answer: str, answer_view: LineView | None) -> bool:
        """Does a line answer a question asking where, how long or how often with a value ("In Germany, ...",
        "30 days.", "Daily")? Such an answer states the practice the question names."""
        if self._asks_value is None or self._value is None or not self._asks_value.match(question):
            return False
        if not self._value.match(answer):
            return False
        return not answer.lstrip().lower().startswith(("in ", "within ")) or \
            (answer_view is not None and answer_view.names_place())

    def answer(self, line: str) -> Polarity | None:
        if self._no is not None and self._no.match(line):
            if self._no_need is not None and self._no_need.search(line, 0, 200):
                return None   # the need is denied, not the thing: the answer is a statement like any other
            return Polarity.DENIED
        if self._yes is not None and self._yes.match(line):
            return Polarity.AFFIRMED
        return None

    def read(self, views: Sequence[LineView], norm_lines: list[str], raw_lines: Sequence[str], document: str,
             result) -> None:
        """Add to ``result`` (an Extraction) what each answered question states."""
        by_row = {v.row: v for v in views}
        for view in views:
            if "?" not in view.norm and "؟" not in view.norm:
                continue
            asked = {kind: view.asked(kind) for kind in ("claim", "attestation", "regulation")}
            if not any(asked.values()):
                continue
            # "Do you sign HIPAA Business Associate Agreements?" asks about the BAA: a name inside
            # a phrase of a claim is that claim's, not a question about the regulation itself
            claimed = [m.span() for _, m in view.of("claim")]
            asked["regulation"] = [key for key in asked["regulation"]
                                   if not all(_modifies(view.norm, m.span(), claimed)
                                              for _, m in view.grouped("regulation")[key])]
            asked_end = max(view.norm.rfind("?"), view.norm.rfind("؟"))
            rest = view.norm[asked_end + 1:]
            if rest.strip(" |:-\t"):
                # answered on its own line: a questionnaire row ("Do you encrypt data at rest? |
                # Yes | AES-256") or "Do you sign BAAs? No, ..."; an answer that is not a yes or
                # a no is a statement, read like any other
                polarity = self.answer(rest.lstrip(" |:-\t"))
                if polarity is None:
                    continue
                citation = view.citation()
            else:
                row = view.row + 1
                while row < len(norm_lines) and not norm_lines[row].strip():
                    row += 1
                if row >= len(norm_lines):
                    continue
                polarity = self.answer(norm_lines[row])
                if polarity is None:
                    if not self._value_answer(view.norm, norm_lines[row], by_row.get(row)):
                        continue
                    polarity = Polarity.AFFIRMED  # a value answers for the practice, not for a standard
                    asked = {"claim": asked["claim"], "attestation": [], "regulation": []}
                citation = Citation(document=document, line=row + 1, text=raw_lines[row])
            for control in asked["claim"]:
                hits = view.grouped("claim")[control]
                if polarity is Polarity.DENIED and all(e.partial for e, _ in hits):
                    continue  # "ISO 27001 certificate? No" denies the certificate, not the whole control
                if polarity is Polarity.DENIED and self._asks_property is not None and \
                        all(self._asks_property.match(view.norm, m.end()) for _, m in hits):
                    continue  # "Are backups tested? Not yet": the tests are denied, not the backups
                stated = polarity
                if all(e.guard for e, _ in hits):  # "Do you keep our prompts? No." protects; a yes says nothing
                    if polarity is not Polarity.DENIED:
                        continue
                    stated = Polarity.AFFIRMED
                elif all(e.inverse for e, _ in hits):  # "Do you train models on our data? No.": the safeguard holds
                    stated = Polarity.AFFIRMED if polarity is Polarity.DENIED else Polarity.DENIED
                result.claims.append(Claim(control=control, polarity=stated, citation=citation))
            # "Are you SOC 2 or ISO 27001 certified? Not yet ... we are working towards SOC 2 Type II":
            # the answer's own words about a family speak for it, the bare "not yet" for the others
            answered = {attestation_of(key)[0].family for key in by_row[citation.line - 1].keys("attestation")} \
                if citation.line - 1 in by_row and citation.line - 1 != view.row else set()
            for kind in asked["attestation"]:
                att_type, stated = attestation_of(kind)
                if att_type.family in answered:
                    continue
                result.attestations.append(Attestation(type=att_type, type_stated=stated, polarity=polarity,
                                                       citation=citation))
            for reg in asked["regulation"]:
                result.regulations.append(RegulationClaim(id=Regulation(reg), polarity=polarity, citation=citation))


def _modifies(line: str, span: tuple[int, int], claimed: list[tuple[int, int]]) -> bool:
    """Is the name at ``span`` part of, or right before, a claim's phrase ("HIPAA BAAs")?"""
    start, end = span
    return any((a <= start and end <= b) or (end <= a and not line[end:a].strip()) for a, b in claimed)


__all__ = ["AnswerReader"]
