"""Questionnaire findings: answers the documents or evidence contradict, and unanswered items in scope.

A finding source for ``auditor.assess.findings`` (listed in its ``FINDING_SOURCES``). It reads
only the dossier (claims cited to questionnaire cells, the questionnaire records) and the
assessment's control results, and reports:

- an answer that the vendor's own documents contradict, with both citations;
- a Yes that collected evidence contradicts (a failed live check), with the cell and the evidence;
- an answer its own comment contradicts (flagged at import);
- questions left blank, answered No about part of a control, or NA, whose controls are in scope.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from auditor.model.enums import Polarity, Severity
from auditor.model.questionnaire import QuestionnaireFamily
from auditor.model.vendor import Citation, Claim

if TYPE_CHECKING:
    from auditor.assess.findings import FindingContext
    from auditor.model.assessment import Finding, Reason

KIND = "questionnaire"


def _cite(citation: Citation | None) -> str:
    if citation is None:
        return "(no citation)"
    text = " ".join(citation.text.split())
    if len(text) > 160:
        text = text[:159] + "\u2026"
    return f"{citation.document[:12]} {citation.where}: \u201c{text}\u201d"


def _reason(claim: Claim, control: str, who: str) -> Reason:
    from auditor.model.assessment import Reason

    cite = claim.citation
    ref = None
    if cite is not None:
        ref = f"{cite.document}#{cite.cell}" if cite.cell else f"{cite.document}:{cite.line}"
    verb = "affirms" if claim.polarity == Polarity.AFFIRMED else "denies"
    return Reason(kind="claim", control=control, ref=ref, text=f"{who} {verb} it, {_cite(cite)}")


def _in_scope(ctx: FindingContext, control: str) -> bool:
    return control in ctx.affected.by_control


def _severity(ctx: FindingContext, control: str, ceiling: Severity) -> Severity:
    base = ctx.policy.severity.for_control(control)
    return base if base.rank >= ceiling.rank else ceiling


def questionnaire_findings(ctx: FindingContext) -> Iterable[Finding]:
    vendor = ctx.vendor
    if not vendor.questionnaires:
        return
    sheets = {r.document for r in vendor.questionnaires}
    answered: dict[str, list[Claim]] = {}
    stated: dict[str, list[Claim]] = {}
    for claim in vendor.claims:
        if claim.control not in ctx.catalog.controls or claim.citation is None:
            continue
        target = answered if claim.citation.document in sheets else stated
        target.setdefault(claim.control, []).append(claim)
    yield from _against_documents(ctx, answered, stated)
    yield from _against_evidence(ctx, answered)
    yield from _record_findings(ctx)


def _title(ctx: FindingContext, control: str) -> str:
    title = ctx.catalog.controls[control].title
    return title[0].lower() + title[1:] if len(title) > 1 and not title[1].isupper() else title


def _against_documents(ctx: FindingContext, answered, stated) -> Iterable[Finding]:
    for control, answers in answered.items():
        for answer in answers:
            opposite = [c for c in stated.get(control, ()) if c.polarity != answer.polarity and not c.hedged]
            if not opposite:
                continue
            doc = opposite[0]
            said = "Yes" if answer.polarity == Polarity.AFFIRMED else "No"
            yield ctx.finding(
                _severity(ctx, control, Severity.MEDIUM), control,
                f"Questionnaire answer contradicts the vendor's documents: {_title(ctx, control)}", kind=KIND,
                detail=(f"answered {said} at {_cite(answer.citation)}; the documents "
                        f"{'deny' if doc.polarity == Polarity.DENIED else 'affirm'} it at {_cite(doc.citation)}"),
                basis=[_reason(answer, control, "the questionnaire"), _reason(doc, control, "the vendor's document")])
            break  # one finding per control: the first contradicting answer names the pair


def _against_evidence(ctx: FindingContext, answered) -> Iterable[Finding]:
    from auditor.model.assessment import Reason

    for control, answers in answered.items():
        result = ctx.controls.get(control)
        if result is None:
            continue
        failed = [r for r in result.reasons if r.kind == "check"]
        yes = [a for a in answers if a.polarity == Polarity.AFFIRMED]
        if not failed or not yes:
            continue
        yield ctx.finding(
            _severity(ctx, control, Severity.MEDIUM), control,
            f"Questionnaire answer contradicts collected evidence: {_title(ctx, control)}", kind=KIND,
            detail=f"answered Yes at {_cite(yes[0].citation)}; {failed[0].text} (evidence {str(failed[0].ref)[:12]})",
            basis=[_reason(yes[0], control, "the questionnaire"),
                   Reason(kind="check", control=control, ref=failed[0].ref, text=failed[0].text)])


def _record_findings(ctx: FindingContext) -> Iterable[Finding]:
    for record in ctx.vendor.questionnaires:
        label = f"{record.family.value} {record.version or ''}".strip()
        stored = ctx.evidence.get(record.document)
        if stored is not None and not stored.is_valid_on(ctx.as_of):
            since = record.completed or stored.effective or record.imported
            yield ctx.finding(Severity.MEDIUM, None, f"Questionnaire answers out of date ({label}, {since})",
                              kind=KIND, framework="vendor-due-diligence",
                              detail=f"the answers count until {stored.valid_until}; the claims they make are no "
                                     "longer current: ask for this year's questionnaire")
        for item in record.flagged:
            for control in item.controls:
                if control in ctx.catalog.controls and _in_scope(ctx, control):
                    yield ctx.finding(Severity.LOW, control, f"Questionnaire answer {item.id} and its comment disagree",
                                      kind=KIND, detail=f"{label} {_where(item)}: {item.text}")
                    break
        # a follow-up's blank rows are our own open items, already findings of their own: not repeated
        blank = [] if record.family == QuestionnaireFamily.FOLLOWUP else record.unanswered
        for items, what, severity in ((blank, "unanswered", Severity.LOW),
                                      (record.partial, "answered No to part of it", Severity.LOW),
                                      (record.not_applicable, "answered not applicable", Severity.INFO)):
            by_control: dict[str, list[str]] = {}
            for item in items:
                for control in item.controls:
                    if control in ctx.catalog.controls and _in_scope(ctx, control):
                        by_control.setdefault(control, []).append(f"{item.id} ({_where(item)})"
                                                                  + (f": {item.text[:120]}" if item.text else ""))
            for control, ids in by_control.items():
                yield ctx.finding(severity, control,
                                  f"Questionnaire {what}: {_title(ctx, control)}", kind=KIND,
                                  detail=f"{label}: " + "; ".join(ids[:8]) + (" …" if len(ids) > 8 else ""))


def _where(item) -> str:
    return f"cell {item.cell}" if item.cell else f"line {item.line}"
