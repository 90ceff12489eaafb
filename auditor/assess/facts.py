"""What the audit read from the vendor's documents, in the typed form the requirement steps check.

Computed once by the engine and kept in the Assessment (``Assessment.facts``): the Gherkin steps
(auditor/requirements/checks.py) read it and never the dossier, so a step and the audit cannot
disagree about what the vendor said. The judgements reuse the audit's own rules: ``stance_of``
for what a regulation claim says, the SLA schedules for worst-case waits, calendar periods for terms.
"""

from __future__ import annotations

from datetime import date

from auditor.assess.controls import stance_of
from auditor.assess.sla import calendar_delay
from auditor.assess.support import stated_schedule, vendor_schedule
from auditor.model.assessment import (
    ControlResult,
    Place,
    RegulationStance,
    SupportChannelFact,
    SupportPromise,
    Stance,
    SupportWindow,
    TermFact,
    VendorFacts,
)
from auditor.model.base import add_period, format_duration, parse_duration
from auditor.model.enums import Polarity
from auditor.model.vendor import ContractFact, Support, Vendor


def vendor_facts(vendor: Vendor, as_of: date, controls: dict[str, ControlResult]) -> VendorFacts:
    terms = vendor.contract
    deadline, cite = _breach_deadline(vendor)
    regulations = []
    for regulation in dict.fromkeys(r.id for r in vendor.regulations):
        stance, citation = stance_of([r for r in vendor.regulations if r.id == regulation])
        regulations.append(RegulationStance(regulation=regulation.value, stance=stance, citation=citation))
    escalation = controls.get("escalation-process")
    return VendorFacts(
        regulations=regulations,
        hosting=[Place(country=h.country, region=h.region, citation=h.citation) for h in vendor.hosting],
        subprocessors=[Place(country=s.country, name=s.name, citation=s.citation) for s in vendor.subprocessors],
        promises=_promises(vendor.support), windows=_windows(vendor.support),
        channels=[SupportChannelFact(type=c.type, tiers=list(c.tiers), citation=c.citation)
                  for c in vendor.support.channels],
        # described in the support documents, or claimed (even hedged: it says how, not that it is promised)
        escalation=vendor.support.escalation is not None or (
            escalation is not None and escalation.stance in (Stance.AFFIRMED, Stance.HEDGED)),
        breach_deadline=deadline, breach_citation=cite,
        export=_term(terms.export_at_termination, as_of), deletion=_term(terms.deletion_at_termination, as_of),
        auto_renewal=_term(terms.auto_renewal, as_of), renewal_notice=_term(terms.renewal_notice, as_of),
        refunds=_term(terms.refunds, as_of),
    )


def _term(fact: ContractFact | None, as_of: date) -> TermFact | None:
    if fact is None:
        return None
    days = (add_period(as_of, fact.period) - as_of).days if fact.period else None  # calendar: P1M is that month
    return TermFact(value=fact.value, period=fact.period, days=days, citation=fact.citation)


def _promises(support: Support) -> list[SupportPromise]:
    """Every stated response and resolution time, with its worst-case wait by the clock (a promise in
    business time, or from a team that works some hours, waits through nights and weekends)."""
    out = []
    for entry in support.sla:
        schedule = vendor_schedule(support, entry)
        for measure in ("response", "resolution"):
            promised = getattr(entry, measure)
            if not promised:
                continue
            worst = calendar_delay(promised, entry.business_time, schedule)
            out.append(SupportPromise(severity=entry.severity.value, measure=measure, promised=promised,
                                      business_time=entry.business_time, plan=entry.plan,
                                      worst_case_calendar=format_duration(worst), schedule=schedule.label,
                                      citation=entry.citation))
    return out


def _windows(support: Support) -> list[SupportWindow]:
    """When help is available: per stated promise (its coverage, else the support hours), and in general."""
    out = []
    for entry in support.sla:
        schedule = stated_schedule(support, entry)
        if schedule is not None:
            out.append(SupportWindow(severity=entry.severity.value, label=schedule.label,
                                     intervals=list(schedule.intervals), citation=entry.citation))
    general = stated_schedule(support, None)
    if general is not None:
        out.append(SupportWindow(severity=None, label=general.label, intervals=list(general.intervals),
                                 citation=support.hours.citation if support.hours else None))
    return out


def _breach_deadline(vendor: Vendor):
    """The shortest notification time a breach-notification claim states (ISO 8601), and its words."""
    best = None
    for claim in vendor.claims:
        text = claim.attributes.get("deadline") if claim.control == "breach-notification" else None
        if not text or claim.polarity != Polarity.AFFIRMED:
            continue
        try:
            delta = parse_duration(text)
        except ValueError:
            continue
        if best is None or delta < best[0]:
            best = (delta, text, claim.citation)
    return (best[1], best[2]) if best else (None, None)
