"""Answers to claims: Yes affirms, No denies, each cited to its cell; the comment read for contradictions.

What is not a vendor claim is kept apart: NA (with the vendor's reason), blank, and items the
CAIQ's SSRM column gives to the customer (CSC-owned, shared with the customer). The comment or
implementation text goes through the claims reader; where it denies what the Yes affirms (or the
reverse), the item is flagged for a finding; where it only hedges it, the claim is recorded as hedged.
A No about a control that other answers affirm is a gap in part of it, not a denial (``partial``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from auditor.model.enums import Polarity
from auditor.model.questionnaire import AnswerValue, QuestionnaireFamily, QuestionnaireItem
from auditor.model.vendor import Citation, Claim
from auditor.questionnaires.read import Item, Questionnaire


@dataclass
class Converted:
    """One item's outcome: its controls, the claims it makes, and why it is flagged (if it is)."""

    item: Item
    controls: tuple[str, ...]
    claims: list[Claim] = field(default_factory=list)
    customer: bool = False
    flag: str | None = None
    partial: tuple[str, ...] = ()  # controls this No answers only in part (other answers affirm them)

    def record(self, controls: tuple[str, ...] | None = None) -> QuestionnaireItem:
        text = self.flag or self.item.comment or self.item.customer_text
        return QuestionnaireItem(id=self.item.id, answer=self.item.answer,
                                 controls=list(self.controls if controls is None else controls),
                                 cell=self.item.cell, line=self.item.line, text=text[:500],
                                 ownership=self.item.ownership)


def citation(q: Questionnaire, item: Item) -> Citation:
    if item.cell is not None:
        return Citation(document=q.sha256, cell=item.cell, text=item.raw)
    return Citation(document=q.sha256, line=item.line or 1, text=item.raw)


def controls_of(q: Questionnaire, item: Item, known: Iterable[str]) -> tuple[str, ...]:
    known = set(known)
    if q.family == QuestionnaireFamily.FOLLOWUP:  # our own sheet: the hidden column names the control
        return (item.item,) if item.item in known else ()
    return tuple(c for c in q.mapping.controls(item.id) if c in known)


def convert(q: Questionnaire, known_controls: Iterable[str], read_comments=None) -> list[Converted]:
    """Every item of ``q`` converted; ``read_comments(texts) -> {index: [Claim]}`` is the claims reader."""
    known = set(known_controls)
    out = [Converted(item=item, controls=controls_of(q, item, known)) for item in q.items]
    comment_claims = read_comments([c.item.comment for c in out]) if read_comments else {}
    for index, conv in enumerate(out):
        item = conv.item
        if item.ownership is not None and item.ownership.customer_duty:
            conv.customer = True
            continue
        if item.answer not in (AnswerValue.YES, AnswerValue.NO) or not conv.controls:
            continue
        said_yes = item.answer == AnswerValue.YES
        if item.id in q.mapping.inverted:
            said_yes = not said_yes
        polarity = Polarity.AFFIRMED if said_yes else Polarity.DENIED
        hedged = False
        for other in comment_claims.get(index, ()):
            if other.control not in conv.controls:
                continue
            if other.polarity != polarity and not other.hedged:
                conv.flag = (f"answered {item.raw.strip() or item.answer.value} but the comment "
                             f"{'denies' if other.polarity == Polarity.DENIED else 'affirms'} {other.control}: "
                             f"{item.comment[:200]}")
            elif other.polarity == polarity and other.hedged and polarity == Polarity.AFFIRMED:
                hedged = True
        cite = citation(q, item)
        conv.claims = [Claim(control=c, polarity=polarity, hedged=hedged, citation=cite) for c in conv.controls]
    _partial_denials(out)
    return out


def _partial_denials(converted: list[Converted]) -> None:
    """A No among Yeses about one control asks about a part of it (a WAF, off-site backups): the
    control is not denied by that answer, the item is kept as a partial gap (its own finding).
    A control is denied by a questionnaire only when every answer about it says so."""
    said: dict[str, set[Polarity]] = {}
    for conv in converted:
        for claim in conv.claims:
            said.setdefault(claim.control, set()).add(claim.polarity)
    mixed = {control for control, polarities in said.items() if len(polarities) > 1}
    for conv in converted:
        dropped = [c.control for c in conv.claims if c.control in mixed and c.polarity == Polarity.DENIED]
        if dropped:
            conv.claims = [c for c in conv.claims if c.control not in dropped]
            conv.partial = tuple(dropped)


def claims_reader(extractor):
    """The claims reader over comment texts: one line per comment, claims grouped by comment index."""
    from auditor.claims.reading import document_from_text

    def read(texts: list[str]) -> dict[int, list[Claim]]:
        lines = [" ".join(t.split()) for t in texts]
        if not any(lines):
            return {}
        doc = document_from_text("\n".join(lines), path="<questionnaire comments>")
        found: dict[int, list[Claim]] = {}
        for claim in extractor.extract([doc]).claims:
            if claim.citation is not None and claim.citation.line:
                found.setdefault(claim.citation.line - 1, []).append(claim)
        return found

    return read


def answers_json(q: Questionnaire, converted: list[Converted]) -> dict:
    """The contract's ``questionnaire import --format json`` shape."""
    answers = []
    for conv in converted:
        item = conv.item
        cite = citation(q, item).model_dump(mode="json", exclude_none=True)
        entry = {"id": item.id, "answer": item.answer.value, "text": item.comment,
                 "ownership": item.ownership.value if item.ownership else None, "citation": cite,
                 "controls": list(conv.controls),
                 "claims": [{"control": c.control, "polarity": c.polarity.value, "hedged": c.hedged}
                            for c in conv.claims]}
        if conv.customer:
            entry["customer_responsibility"] = item.customer_text or True
        if conv.flag:
            entry["flag"] = conv.flag
        if conv.partial:
            entry["partial"] = list(conv.partial)
        if item.attachment:
            entry["attachment"] = item.attachment
        answers.append(entry)
    return {"questionnaire": {"family": q.family.value, "version": q.version, "sheet": q.sheet,
                              "document": q.sha256},
            "answers": answers, "summary": q.summary(), "warnings": list(q.warnings)}
