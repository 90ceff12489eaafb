"""The judgement behind each step: pure functions over one audit's Assessment.

Every check reads the Assessment only (its control results, attestation standings, facts read
from the vendor's documents, findings, coverage), never the dossier: what a step decides and what
the audit decided come from one computation. A check returns quietly when the requirement is met
and otherwise raises ``RequirementNotMet`` whose one line says what was required and what the
dossier holds, durations in words (auditor/durations.py).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from auditor.durations import delta_in_words, durations_in_text, in_words
from auditor.model.enums import Severity, Status, SupportSeverity

if TYPE_CHECKING:
    from auditor.model.assessment import Assessment, ControlResult, FrameworkResult, Stance, TermFact
    from auditor.model.vendor import Citation


def _in_words(text: str) -> str:
    """ISO durations in words for people ("PT4H" → "4 hours"), except inside the vendor's quoted words."""
    parts = re.split("(\u201c[^\u201d]*\u201d)", text)
    return "".join(part if i % 2 else durations_in_text(part) for i, part in enumerate(parts))


class RequirementNotMet(AssertionError):
    def __init__(self, required: str, holds: str):
        required, holds = _in_words(required), _in_words(holds)
        super().__init__(f"required {required}; dossier holds {holds}")
        self.required = required
        self.holds = holds


def _cited(citation: Citation | None) -> str:
    if citation is None:
        return ""
    return f" ({citation.where}: \u201c{citation.text.strip()[:100]}\u201d)"


def _first_reason(reasons) -> str:
    """The deciding reason, in brackets: the rule or evidence before the claims that fed it."""
    chosen = next((r for r in reasons if r.kind != "claim"), reasons[0] if reasons else None)
    return f" ({chosen.text[:200]})" if chosen is not None else ""


def _stance_words(stance: Stance, citation: Citation | None, what: str) -> str:
    """What the vendor's words amount to when they are not a plain affirmation."""
    from auditor.model.assessment import Stance

    if stance == Stance.CONTRADICTED:
        return f"a denial, beside an affirmation (contradicted){_cited(citation)}"
    if stance == Stance.DENIED:
        return f"a denial{_cited(citation)}"
    if stance == Stance.HEDGED:
        return f"only a hedged claim{_cited(citation)}"
    return what


# --- attestations -----------------------------------------------------------------------------

def _standing(assessment: Assessment, kind: str):
    """The audit's own answer (assess/standing.py, kept in the Assessment)."""
    from auditor.assess.standing import standing_for

    return standing_for(assessment.attestations, kind)


def hold_attestation(assessment: Assessment, kind: str, *, verified: bool) -> None:
    """``verified``: current evidence collected; else also a plain, cited, unexpired claim (the vendor's word)."""
    standing = _standing(assessment, kind)
    if standing.verified or (standing.in_force and not verified):
        return
    raise RequirementNotMet(f"a {'verified' if verified else 'valid'} {kind}",
                            f"{standing.state.value}: {standing.reason}")


def attestation_remaining(assessment: Assessment, kind: str, days: int) -> None:
    as_of = assessment.as_of
    required = f"{kind} in force for at least {days} more days (until {(as_of + timedelta(days=days)).isoformat()})"
    standing = _standing(assessment, kind)
    if not standing.in_force:
        raise RequirementNotMet(required, f"{standing.state.value}: {standing.reason}")
    end = standing.valid_until
    if end is None:
        raise RequirementNotMet(required, f"{kind} with no expiry date on record")
    if (end - as_of).days < days:
        raise RequirementNotMet(required, f"{kind} valid until {end.isoformat()} ({(end - as_of).days} days left)")


def comply_with(assessment: Assessment, regulation: str) -> None:
    from auditor.model.assessment import Stance

    required = f"a claim of {regulation} compliance"
    regulations = assessment.facts.regulations
    found = next((r for r in regulations if r.regulation == regulation), None)
    if found is not None and found.stance == Stance.AFFIRMED:
        return
    held = sorted(r.regulation for r in regulations if r.stance in (Stance.AFFIRMED, Stance.HEDGED))
    absent = f"no {regulation} claim (regulations claimed: {', '.join(held) or 'none'})"
    raise RequirementNotMet(required, _stance_words(found.stance, found.citation, absent) if found else absent)


# --- claims, controls, requirements ---------------------------------------------------------------

def control_result(assessment: Assessment, control: str) -> ControlResult | None:
    return next((c for c in assessment.controls if c.control == control), None)


def claim(assessment: Assessment, control: str) -> None:
    """Affirmed and not denied: the engine's stance of the control (assess/controls.py ``stance_of``)."""
    from auditor.model.assessment import Stance

    required = f"an affirmed claim of {control}"
    result = control_result(assessment, control)
    if result is not None and result.stance == Stance.AFFIRMED:
        return
    if result is None:
        raise RequirementNotMet(required, f"no claim of {control}")
    raise RequirementNotMet(required, _stance_words(result.stance, result.stance_citation, f"no claim of {control}"))


def control_status(assessment: Assessment, control: str, wanted: str) -> None:
    """``wanted``: ``satisfied``, or ``not-gap`` (any status but gap and contradicted)."""
    wording = "satisfied (claimed and backed by valid evidence)" if wanted == "satisfied" else "not a gap"
    required = f"{control} {wording}"
    result = control_result(assessment, control)
    if result is None:
        raise RequirementNotMet(required, f"{control} not assessed: the catalog does not define it")
    bad = result.status != Status.SATISFIED if wanted == "satisfied" else \
        result.status in (Status.GAP, Status.CONTRADICTED)
    if bad:
        raise RequirementNotMet(required, f"{result.status.value}{_first_reason(result.reasons)}")


def _framework(assessment: Assessment, framework: str) -> FrameworkResult | None:
    return next((f for f in assessment.frameworks if f.id == framework), None)


def requirement_status(assessment: Assessment, framework: str, requirement: str, wanted: str) -> None:
    """``wanted``: ``satisfied``, or ``not-gap`` (not gap, not contradicted, and in scope)."""
    label = f"{framework} {requirement}"
    required = f"{label} {'satisfied' if wanted == 'satisfied' else 'not a gap'}"
    fw = _framework(assessment, framework)
    req = next((r for r in fw.requirements if r.id == requirement), None) if fw else None
    if req is None:
        raise RequirementNotMet(required, f"{label} not assessed")
    if req.status == Status.NOT_APPLICABLE:
        raise RequirementNotMet(required, f"not_applicable{_first_reason(req.reasons)}; "
                                          'add `Given the engagement involves "…"` if it should apply')
    bad = req.status != Status.SATISFIED if wanted == "satisfied" else \
        req.status in (Status.GAP, Status.CONTRADICTED)
    if bad:
        raise RequirementNotMet(required, f"{req.status.value}{_first_reason(req.reasons)}")


def framework_coverage(assessment: Assessment, framework: str, percent: float, metric: str) -> None:
    required = f"{framework} {metric} at least {percent:g}%"
    fw = _framework(assessment, framework)
    if fw is None:
        raise RequirementNotMet(required, f"{framework} not assessed")
    if not fw.applicable:
        raise RequirementNotMet(required, f"{framework} not applicable: {fw.scope_reason}")
    value = getattr(fw, metric)
    if value < percent:
        c = fw.counts
        applicable = c.satisfied + c.unverified + c.stale + c.contradicted + c.gap
        raise RequirementNotMet(required, f"{value:g}% ({c.satisfied} satisfied, {c.unverified} unverified, "
                                          f"{c.stale} stale, {c.contradicted} contradicted, {c.gap} gap of "
                                          f"{applicable} applicable)")


def no_findings(assessment: Assessment, severity: Severity, or_worse: bool) -> None:
    label = f"{severity.value}{' or worse' if or_worse else ''}"
    found = [f for f in assessment.findings
             if f.severity == severity or (or_worse and f.severity.rank <= severity.rank)]
    if found:
        titles = "; ".join(f"{f.severity.value}: {f.title}" for f in found[:3])
        more = f" and {len(found) - 3} more" if len(found) > 3 else ""
        raise RequirementNotMet(f"no {label} findings", f"{len(found)} finding(s): {titles}{more}")


def screening_clear(assessment: Assessment) -> None:
    from auditor.model.enums import ScreeningStatus

    screening = assessment.screening
    if screening is None:
        raise RequirementNotMet("a clear sanctions screening", "no screening result")
    if screening.status == ScreeningStatus.NOT_SCREENED:  # the model never lets an unscreened result be clear
        raise RequirementNotMet("a clear sanctions screening",
                                "not_screened: names were compared against no list, no denied-party list was "
                                "available (run `auditor lists update`, or pass --list FILE)")
    if screening.status != ScreeningStatus.CLEAR:
        hits = "; ".join(f"{h.query or h.name}: {h.reason}" for h in screening.hits[:3])
        raise RequirementNotMet("a clear sanctions screening", f"{screening.status.value}: {hits}")


def evidence_age(assessment: Assessment, control: str, months: int) -> None:
    from dateutil.relativedelta import relativedelta

    as_of = assessment.as_of
    required = f"evidence for {control} at most {months} months old"
    result = control_result(assessment, control)
    newest = result.newest_evidence if result is not None else None
    if newest is None:
        raise RequirementNotMet(required, f"no evidence covering {control}")
    if newest.dated + relativedelta(months=months) < as_of:  # calendar months, not 30-day blocks
        raise RequirementNotMet(required, f"newest evidence {newest.sha256[:12]} ({newest.kind}) dated "
                                          f"{newest.dated.isoformat()}, {(as_of - newest.dated).days} days old")


# --- support ----------------------------------------------------------------------------------------

def support_time(assessment: Assessment, severity: SupportSeverity, limit: timedelta, field: str) -> None:
    """The worst-case calendar wait for the weakest stated promise must be within ``limit``.

    The engine turned each promise into the longest the customer can wait by the clock (a promise
    in business time, or from a team that only works some hours, waits through nights and weekends).
    """
    from auditor.model.base import parse_duration

    required = f"a {severity.value} {field} within {delta_in_words(limit)}"
    promises = assessment.facts.promises
    chosen = [p for p in promises if p.severity == severity.value and p.measure == field]
    if not chosen:
        stated = sorted({p.severity for p in promises if p.measure == field})
        raise RequirementNotMet(required, f"no {severity.value} {field} time stated "
                                          f"(stated for: {', '.join(stated) or 'none'})")
    worst = max(chosen, key=lambda p: parse_duration(p.worst_case_calendar))
    delay = parse_duration(worst.worst_case_calendar)
    if delay > limit:
        plan = f" for the {worst.plan} plan" if worst.plan else ""
        raise RequirementNotMet(required, f"{in_words(worst.promised, business=worst.business_time)}{plan}, "
                                          f"worst case {delta_in_words(delay)} in calendar time under "
                                          f"{worst.schedule}{_cited(worst.citation)}")


def support_coverage(assessment: Assessment, severity: SupportSeverity, coverage: str) -> None:
    from auditor.assess.sla import schedule_from_coverage

    required = f"{severity.value} support available {coverage}"
    wanted = schedule_from_coverage(coverage)
    windows = assessment.facts.windows
    chosen = [w for w in windows if w.severity == severity.value] or [w for w in windows if w.severity is None]
    if not chosen:
        raise RequirementNotMet(required, f"no support hours or {severity.value} coverage stated")
    for window in chosen:
        if not _covers(window.intervals, wanted.intervals):
            raise RequirementNotMet(required, f"{window.label}{_cited(window.citation)}")


def _covers(have, want) -> bool:
    return all(any(s <= ws and we <= e for s, e in have) for ws, we in want)


def channel(assessment: Assessment, kind: str, everyone: bool) -> None:
    required = f"{kind} support{' for every customer' if everyone else ''}"
    channels = assessment.facts.channels
    found = [c for c in channels if c.type.lower() == kind.lower()]
    if not found:
        held = sorted({c.type for c in channels})
        raise RequirementNotMet(required, f"no {kind} channel (channels: {', '.join(held) or 'none'})")
    if everyone and all(c.tiers for c in found):
        tiers = sorted({t for c in found for t in c.tiers})
        raise RequirementNotMet(required, f"{kind} only for {', '.join(tiers)}{_cited(found[0].citation)}")


def escalation(assessment: Assessment) -> None:
    if not assessment.facts.escalation:
        raise RequirementNotMet("a described escalation process", "no escalation process")


# --- contract, breach notification, places -------------------------------------------------------------

def _contract_row(assessment: Assessment, term: str):
    return next((r for r in assessment.contract if r.term == term), None)


def export_after_termination(assessment: Assessment, days: int | None) -> None:
    facts = assessment.facts
    if days is None:  # the policy's export window: the audit's own contract row decides
        row = _contract_row(assessment, "termination-data-export")
        if row is None or not row.meets:
            raise RequirementNotMet("customers can export their data after termination",
                                    row.reason if row else "no termination terms")
        return
    required = f"an export window of at least {days} days after termination"
    export, deletion = facts.export, facts.deletion
    if export is None or not export.value:
        what = "no export after termination" if export is not None else "no export terms stated"
        if deletion is not None and deletion.value:
            what = f"data deleted or access lost at cancellation{_cited(deletion.citation)}"
        raise RequirementNotMet(required, what)
    if export.period is None:
        raise RequirementNotMet(required, f"export allowed, no window stated{_cited(export.citation)}")
    if export.days < days:  # calendar periods, counted from the audit date: P1M is that month
        raise RequirementNotMet(required, f"{_period(export)}{_cited(export.citation)}")


def _period(term: TermFact) -> str:
    words = in_words(term.period)
    return words if words.endswith(" days") else f"{words} ({term.days} days)"


def renewal_notice(assessment: Assessment, days: int) -> None:
    required = f"at least {days} days notice before an automatic renewal"
    renew, notice = assessment.facts.auto_renewal, assessment.facts.renewal_notice
    if renew is not None and renew.value is False:
        return
    if renew is None or renew.value is None:
        raise RequirementNotMet(required, "no renewal terms stated")
    if notice is None or notice.period is None:
        raise RequirementNotMet(required, f"automatic renewal with no stated notice{_cited(renew.citation)}")
    if notice.days < days:
        raise RequirementNotMet(required, f"{_period(notice)} notice{_cited(notice.citation)}")


def refunds(assessment: Assessment) -> None:
    fact = assessment.facts.refunds
    if fact is None or fact.value is None:
        raise RequirementNotMet("refunds offered", "no refund terms stated")
    if not fact.value:
        raise RequirementNotMet("refunds offered", f"no refunds{_cited(fact.citation)}")


def breach_notification(assessment: Assessment, limit: timedelta) -> None:
    from auditor.model.assessment import Stance
    from auditor.model.base import parse_duration

    required = f"breach notification within {delta_in_words(limit)}"
    result = control_result(assessment, "breach-notification")
    stance = result.stance if result is not None else Stance.ABSENT
    if stance.denied:
        raise RequirementNotMet(required, _stance_words(stance, result.stance_citation, ""))
    deadline = assessment.facts.breach_deadline
    if deadline is None:
        what = "a breach notification claim with no deadline" if stance != Stance.ABSENT else \
            "no breach notification claim"
        raise RequirementNotMet(required, what + (_cited(result.stance_citation) if result is not None else ""))
    if parse_duration(deadline) > limit:
        raise RequirementNotMet(required, f"notification within {delta_in_words(parse_duration(deadline))}"
                                          f"{_cited(assessment.facts.breach_citation)}")


def _inside(code: str, allowed: tuple[str, ...]) -> bool:
    """A place is inside the allowed countries when it is one of them, or a region code whose every
    member is (EU inside "EEA"); a region without fixed borders (MIDDLE-EAST) or a code not known
    here (GCC) is inside only where it is named itself: never counted in by guess."""
    from auditor.requirements.arguments import PLACE_GROUPS

    if code in allowed:
        return True
    members = PLACE_GROUPS.get(code)
    return members is not None and set(members) <= set(allowed)


def hosted_only_in(assessment: Assessment, allowed: tuple[str, ...], label: str) -> None:
    required = f"customer data hosted only in {label}"
    hosting = assessment.facts.hosting
    if not hosting:
        raise RequirementNotMet(required, "no hosting location stated")
    outside = [h for h in hosting if not _inside(h.country, allowed)]
    if outside:
        where = ", ".join(sorted({h.country for h in outside}))
        raise RequirementNotMet(required, f"hosting in {where}{_cited(outside[0].citation)}")


def subprocessors_only_in(assessment: Assessment, allowed: tuple[str, ...], label: str) -> None:
    required = f"sub-processors located only in {label}"
    subs = assessment.facts.subprocessors
    if not subs:
        raise RequirementNotMet(required, "no list of sub-processors (ask the vendor for it)")
    outside = [s for s in subs if not _inside(s.country, allowed)]
    if outside:
        names = ", ".join(f"{s.name} ({s.country})" for s in outside[:4])
        raise RequirementNotMet(required, f"sub-processors elsewhere: {names}")


def subprocessors_not_in(assessment: Assessment, banned: tuple[str, ...], label: str) -> None:
    inside = [s for s in assessment.facts.subprocessors if s.country in banned]
    if inside:
        names = ", ".join(f"{s.name} ({s.country})" for s in inside[:4])
        raise RequirementNotMet(f"no sub-processor in {label}", f"{names}")
