"""The judgement behind each step: pure functions over one audit's outcome.

Each check returns quietly when the dossier meets the requirement and otherwise raises
``RequirementNotMet`` whose one line says what was required and what the dossier holds.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from auditor.model.enums import Polarity, Severity, Status, SupportSeverity

if TYPE_CHECKING:
    from auditor.assess.run import AuditOutcome
    from auditor.model.assessment import ControlResult, FrameworkResult
    from auditor.model.vendor import Citation, SlaEntry


class RequirementNotMet(AssertionError):
    def __init__(self, required: str, holds: str):
        super().__init__(f"required {required}; dossier holds {holds}")
        self.required = required
        self.holds = holds


def human(delta: timedelta) -> str:
    minutes = delta.total_seconds() / 60
    if minutes < 60:
        return f"{minutes:g} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:g} h"
    return f"{round(minutes / 1440, 1):g} days"


def _cited(citation: Citation | None) -> str:
    if citation is None:
        return ""
    return f" ({citation.where}: \u201c{citation.text.strip()[:100]}\u201d)"


def _first_reason(reasons) -> str:
    """The deciding reason, in brackets: the rule or evidence before the claims that fed it."""
    chosen = next((r for r in reasons if r.kind != "claim"), reasons[0] if reasons else None)
    return f" ({chosen.text[:200]})" if chosen is not None else ""


# --- attestations -----------------------------------------------------------------------------

def _standing(outcome: AuditOutcome, kind: str):
    """The audit's own answer (assess/standing.py, kept in the Assessment): never the raw dossier."""
    from auditor.assess.standing import standing_for

    return standing_for(outcome.assessment.attestations, kind)


def hold_attestation(outcome: AuditOutcome, kind: str, as_of: date, *, verified: bool) -> None:
    """``verified``: current evidence collected; else also a plain, cited, unexpired claim (the vendor's word).
    ``as_of`` is the audit's date: the standing was computed for it."""
    standing = _standing(outcome, kind)
    if standing.verified or (standing.in_force and not verified):
        return
    raise RequirementNotMet(f"a {'verified' if verified else 'valid'} {kind}",
                            f"{standing.state.value}: {standing.reason}")


def attestation_remaining(outcome: AuditOutcome, kind: str, days: int, as_of: date) -> None:
    required = f"{kind} in force for at least {days} more days (until {(as_of + timedelta(days=days)).isoformat()})"
    standing = _standing(outcome, kind)
    if not standing.in_force:
        raise RequirementNotMet(required, f"{standing.state.value}: {standing.reason}")
    end = standing.valid_until
    if end is None:
        raise RequirementNotMet(required, f"{kind} with no expiry date on record")
    if (end - as_of).days < days:
        raise RequirementNotMet(required, f"{kind} valid until {end.isoformat()} ({(end - as_of).days} days left)")


def comply_with(outcome: AuditOutcome, regulation: str) -> None:
    required = f"a claim of {regulation} compliance"
    found = [r for r in outcome.vendor.regulations if r.id.value == regulation]
    denied = [r for r in found if r.polarity == Polarity.DENIED]
    if denied:
        raise RequirementNotMet(required, f"a denial{_cited(denied[0].citation)}")
    plain = [r for r in found if not r.hedged]
    if plain:
        return
    if found:
        raise RequirementNotMet(required, f"only a hedged claim{_cited(found[0].citation)}")
    held = sorted({r.id.value for r in outcome.vendor.regulations if r.polarity == Polarity.AFFIRMED})
    raise RequirementNotMet(required, f"no {regulation} claim (regulations claimed: {', '.join(held) or 'none'})")


# --- claims, controls, requirements ---------------------------------------------------------------

def claim(outcome: AuditOutcome, control: str) -> None:
    required = f"an affirmed claim of {control}"
    claims = outcome.vendor.claims_for(control)
    denied = [c for c in claims if c.polarity == Polarity.DENIED]
    if denied:
        raise RequirementNotMet(required, f"a denial{_cited(denied[0].citation)}")
    if any(not c.hedged for c in claims):
        return
    if claims:
        raise RequirementNotMet(required, f"only a hedged claim{_cited(claims[0].citation)}")
    raise RequirementNotMet(required, f"no claim of {control}")


def control_result(outcome: AuditOutcome, control: str) -> ControlResult | None:
    for fw in outcome.assessment.frameworks:
        for req in fw.requirements:
            for result in req.control_results:
                if result.control == control:
                    return result
    return None


def control_status(outcome: AuditOutcome, control: str, wanted: str) -> None:
    """``wanted``: ``satisfied``, or ``not-gap`` (any status but gap and contradicted)."""
    wording = "satisfied (claimed and backed by valid evidence)" if wanted == "satisfied" else "not a gap"
    required = f"{control} {wording}"
    result = control_result(outcome, control)
    if result is None:
        raise RequirementNotMet(required, f"{control} not assessed: no applicable requirement in scope maps to it")
    bad = result.status != Status.SATISFIED if wanted == "satisfied" else \
        result.status in (Status.GAP, Status.CONTRADICTED)
    if bad:
        raise RequirementNotMet(required, f"{result.status.value}{_first_reason(result.reasons)}")


def _framework(outcome: AuditOutcome, framework: str) -> FrameworkResult | None:
    return next((f for f in outcome.assessment.frameworks if f.id == framework), None)


def requirement_status(outcome: AuditOutcome, framework: str, requirement: str, wanted: str) -> None:
    """``wanted``: ``satisfied``, or ``not-gap`` (not gap, not contradicted, and in scope)."""
    label = f"{framework} {requirement}"
    required = f"{label} {'satisfied' if wanted == 'satisfied' else 'not a gap'}"
    fw = _framework(outcome, framework)
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


def framework_coverage(outcome: AuditOutcome, framework: str, percent: float, metric: str) -> None:
    required = f"{framework} {metric} at least {percent:g}%"
    fw = _framework(outcome, framework)
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


def no_findings(outcome: AuditOutcome, severity: Severity, or_worse: bool) -> None:
    label = f"{severity.value}{' or worse' if or_worse else ''}"
    found = [f for f in outcome.assessment.findings
             if f.severity == severity or (or_worse and f.severity.rank <= severity.rank)]
    if found:
        titles = "; ".join(f"{f.severity.value}: {f.title}" for f in found[:3])
        more = f" and {len(found) - 3} more" if len(found) > 3 else ""
        raise RequirementNotMet(f"no {label} findings", f"{len(found)} finding(s): {titles}{more}")


def screening_clear(outcome: AuditOutcome) -> None:
    from auditor.model.enums import ScreeningStatus

    screening = outcome.assessment.screening
    if screening is None:
        raise RequirementNotMet("a clear sanctions screening", "no screening result")
    if screening.status == ScreeningStatus.NOT_SCREENED or (
            screening.status == ScreeningStatus.CLEAR and not screening.lists_available):
        raise RequirementNotMet("a clear sanctions screening",
                                "not_screened: names were compared against no list, no denied-party list was "
                                "available (run `auditor lists update`, or pass --list FILE)")
    if screening.status != ScreeningStatus.CLEAR:
        hits = "; ".join(f"{h.query or h.name}: {h.reason}" for h in screening.hits[:3])
        raise RequirementNotMet("a clear sanctions screening", f"{screening.status.value}: {hits}")


# --- support ----------------------------------------------------------------------------------------

def _entries(outcome: AuditOutcome, severity: SupportSeverity, field: str) -> list[SlaEntry]:
    return [e for e in outcome.vendor.support.sla if e.severity == severity and getattr(e, field)]


def support_time(outcome: AuditOutcome, severity: SupportSeverity, limit: timedelta, field: str) -> None:
    """The worst-case calendar wait for the weakest stated promise must be within ``limit``.

    A promise counted in business time, or made by a team that only works some hours, is turned
    into the longest the customer can wait by the clock (a Friday-evening ticket waits for Monday).
    """
    from auditor.assess.sla import calendar_delay
    from auditor.assess.support import vendor_schedule
    from auditor.model.base import parse_duration

    required = f"a {severity.value} {field} within {human(limit)}"
    entries = _entries(outcome, severity, field)
    if not entries:
        stated = sorted({e.severity.value for e in outcome.vendor.support.sla if getattr(e, field)})
        raise RequirementNotMet(required, f"no {severity.value} {field} time stated "
                                          f"(stated for: {', '.join(stated) or 'none'})")
    support = outcome.vendor.support
    worst_entry, worst, label = None, timedelta(0), ""
    for entry in entries:
        schedule = vendor_schedule(support, entry)
        delay = calendar_delay(getattr(entry, field), entry.business_time, schedule)
        if worst_entry is None or delay > worst:
            worst_entry, worst, label = entry, delay, schedule.label
    if worst > limit:
        promise = getattr(worst_entry, field)
        nominal = human(parse_duration(promise)) + (" business time" if worst_entry.business_time else "")
        plan = f" for the {worst_entry.plan} plan" if worst_entry.plan else ""
        raise RequirementNotMet(required, f"{promise} ({nominal}){plan}, worst case {human(worst)} in calendar "
                                          f"time under {label}{_cited(worst_entry.citation)}")


def support_coverage(outcome: AuditOutcome, severity: SupportSeverity, coverage: str) -> None:
    from auditor.assess.sla import schedule_from_coverage, schedule_from_hours

    required = f"{severity.value} support available {coverage}"
    support = outcome.vendor.support
    wanted = schedule_from_coverage(coverage)
    hours = (schedule_from_hours(support.hours.days, support.hours.start, support.hours.end)
             if support.hours else None)
    entries = [e for e in support.sla if e.severity == severity]
    schedules = []
    for entry in entries:
        if entry.coverage:
            chosen = schedule_from_coverage(entry.coverage, hours)
            if chosen is not None:
                schedules.append((chosen, entry))
                continue
        if hours is not None:
            schedules.append((hours, entry))
    if not schedules and hours is not None:
        schedules.append((hours, None))
    if not schedules:
        raise RequirementNotMet(required, f"no support hours or {severity.value} coverage stated")
    for schedule, entry in schedules:
        if not _covers(schedule.intervals, wanted.intervals):
            where = _cited(entry.citation) if entry is not None else _cited(support.hours.citation)
            raise RequirementNotMet(required, f"{schedule.label}{where}")


def _covers(have: tuple[tuple[int, int], ...], want: tuple[tuple[int, int], ...]) -> bool:
    return all(any(s <= ws and we <= e for s, e in have) for ws, we in want)


def channel(outcome: AuditOutcome, kind: str, everyone: bool) -> None:
    required = f"{kind} support{' for every customer' if everyone else ''}"
    channels = outcome.vendor.support.channels
    found = [c for c in channels if c.type.lower() == kind.lower()]
    if not found:
        held = sorted({c.type for c in channels})
        raise RequirementNotMet(required, f"no {kind} channel (channels: {', '.join(held) or 'none'})")
    if everyone and all(c.tiers for c in found):
        tiers = sorted({t for c in found for t in c.tiers})
        raise RequirementNotMet(required, f"{kind} only for {', '.join(tiers)}{_cited(found[0].citation)}")


def escalation(outcome: AuditOutcome) -> None:
    vendor = outcome.vendor
    if vendor.support.escalation is not None:
        return
    if any(c.polarity == Polarity.AFFIRMED for c in vendor.claims_for("escalation-process")):
        return
    raise RequirementNotMet("a described escalation process", "no escalation process")


# --- contract, breach notification, places -------------------------------------------------------------

def _contract_row(outcome: AuditOutcome, term: str):
    return next((r for r in outcome.assessment.contract if r.term == term), None)


def export_after_termination(outcome: AuditOutcome, days: int | None) -> None:
    from auditor.model.base import add_period

    terms = outcome.vendor.contract
    if days is None:
        row = _contract_row(outcome, "termination-data-export")
        if row is None or not row.meets:
            raise RequirementNotMet("customers can export their data after termination",
                                    row.reason if row else "no termination terms")
        return
    required = f"an export window of at least {days} days after termination"
    export, deletion = terms.export_at_termination, terms.deletion_at_termination
    if export is None or not export.value:
        what = "no export after termination" if export is not None else "no export terms stated"
        if deletion is not None and deletion.value:
            what = f"data deleted or access lost at cancellation{_cited(deletion.citation)}"
        raise RequirementNotMet(required, what)
    if export.period is None:
        raise RequirementNotMet(required, f"export allowed, no window stated{_cited(export.citation)}")
    as_of = outcome.assessment.as_of  # calendar periods: P1M counts the month it starts in
    window = add_period(as_of, export.period) - as_of
    if window < timedelta(days=days):
        raise RequirementNotMet(required, f"{export.period} ({human(window)}){_cited(export.citation)}")


def renewal_notice(outcome: AuditOutcome, days: int) -> None:
    from auditor.model.base import add_period

    required = f"at least {days} days notice before an automatic renewal"
    terms = outcome.vendor.contract
    renew, notice = terms.auto_renewal, terms.renewal_notice
    if renew is not None and renew.value is False:
        return
    if renew is None or renew.value is None:
        raise RequirementNotMet(required, "no renewal terms stated")
    if notice is None or notice.period is None:
        raise RequirementNotMet(required, f"automatic renewal with no stated notice{_cited(renew.citation)}")
    as_of = outcome.assessment.as_of
    if add_period(as_of, notice.period) < as_of + timedelta(days=days):
        raise RequirementNotMet(required, f"{notice.period} notice{_cited(notice.citation)}")


def refunds(outcome: AuditOutcome) -> None:
    fact = outcome.vendor.contract.refunds
    if fact is None or fact.value is None:
        raise RequirementNotMet("refunds offered", "no refund terms stated")
    if not fact.value:
        raise RequirementNotMet("refunds offered", f"no refunds{_cited(fact.citation)}")


def breach_notification(outcome: AuditOutcome, limit: timedelta) -> None:
    from auditor.model.base import parse_duration

    required = f"breach notification within {human(limit)}"
    claims = outcome.vendor.claims_for("breach-notification")
    denied = [c for c in claims if c.polarity == Polarity.DENIED]
    if denied:
        raise RequirementNotMet(required, f"a denial{_cited(denied[0].citation)}")
    deadlines = []
    for c in claims:
        text = c.attributes.get("deadline")
        if text:
            try:
                deadlines.append((parse_duration(text), c))
            except ValueError:
                continue
    if not deadlines:
        what = "a breach notification claim with no deadline" if claims else "no breach notification claim"
        raise RequirementNotMet(required, what + (_cited(claims[0].citation) if claims else ""))
    best, best_claim = min(deadlines, key=lambda d: d[0])
    if best > limit:
        raise RequirementNotMet(required, f"notification within {human(best)}{_cited(best_claim.citation)}")


def hosted_only_in(outcome: AuditOutcome, allowed: tuple[str, ...], label: str) -> None:
    required = f"customer data hosted only in {label}"
    hosting = outcome.vendor.hosting
    if not hosting:
        raise RequirementNotMet(required, "no hosting location stated")
    outside = [h for h in hosting if h.country not in allowed]
    if outside:
        where = ", ".join(sorted({h.country for h in outside}))
        raise RequirementNotMet(required, f"hosting in {where}{_cited(outside[0].citation)}")


def subprocessors_only_in(outcome: AuditOutcome, allowed: tuple[str, ...], label: str) -> None:
    required = f"sub-processors located only in {label}"
    subs = outcome.vendor.subprocessors
    if not subs:
        raise RequirementNotMet(required, "no list of sub-processors (ask the vendor for it)")
    outside = [s for s in subs if s.country not in allowed]
    if outside:
        names = ", ".join(f"{s.name} ({s.country})" for s in outside[:4])
        raise RequirementNotMet(required, f"sub-processors elsewhere: {names}")


def subprocessors_not_in(outcome: AuditOutcome, banned: tuple[str, ...], label: str) -> None:
    inside = [s for s in outcome.vendor.subprocessors if s.country in banned]
    if inside:
        names = ", ".join(f"{s.name} ({s.country})" for s in inside[:4])
        raise RequirementNotMet(f"no sub-processor in {label}", f"{names}")


def evidence_age(outcome: AuditOutcome, control: str, months: int, as_of: date) -> None:
    from dateutil.relativedelta import relativedelta

    required = f"evidence for {control} at most {months} months old"
    items = [e for e in outcome.evidence if control in e.covers and not e.revoked and not e.superseded_by]
    if not items:
        raise RequirementNotMet(required, f"no evidence covering {control}")
    newest = max(items, key=lambda e: e.effective or e.added_at.date())
    dated = newest.effective or newest.added_at.date()
    if dated + relativedelta(months=months) < as_of:  # calendar months, not 30-day blocks
        raise RequirementNotMet(required, f"newest evidence {newest.sha256[:12]} ({newest.kind.value}) dated "
                                          f"{dated.isoformat()}, {(as_of - dated).days} days old")
