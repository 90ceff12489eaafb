"""Judge a vendor's support SLA against the policy, in worst-case calendar time."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from auditor.assess.policy import SlaPolicy
from auditor.assess.sla import (
    ALWAYS,
    WeeklySchedule,
    calendar_delay,
    resolve_zone,
    worst_case_example,
    schedule_from_coverage,
    schedule_from_hours,
)
from auditor.model.assessment import SlaAssessment
from auditor.model.base import format_duration
from auditor.model.enums import SupportSeverity
from auditor.model.vendor import SlaEntry, Support


def _human(delta: timedelta) -> str:
    from auditor.durations import delta_in_words

    return delta_in_words(delta)


def stated_schedule(support: Support, entry: SlaEntry | None) -> WeeklySchedule | None:
    """The hours stated for this promise: its coverage, else the support hours; None when neither is."""
    hours = None
    if support.hours is not None:
        hours = schedule_from_hours(support.hours.days, support.hours.start, support.hours.end)
    if entry is not None and entry.coverage:
        chosen = schedule_from_coverage(entry.coverage, hours)
        if chosen is not None:
            return chosen
    return hours


def vendor_schedule(support: Support, entry: SlaEntry | None) -> WeeklySchedule:
    """When the vendor's clock runs for this severity: the stated hours, else around the clock."""
    return stated_schedule(support, entry) or ALWAYS


def _policy_schedule(policy: SlaPolicy, coverage: str | None) -> WeeklySchedule:
    hours = policy.business_hours
    business = schedule_from_hours(hours.days, hours.start, hours.end)
    if coverage:
        return schedule_from_coverage(coverage, business) or business
    return business


def assess_sla(support: Support, policy: SlaPolicy, as_of: date | None = None) -> list[SlaAssessment]:
    """One row per severity: the promise, its worst-case calendar delay, and whether it meets the policy.

    The vendor's clock runs in the vendor's time zone (its support hours); the worst case of the
    audit's week is shown in the policy's time zone (``sla.business_hours.timezone``).
    """
    policy_zone = resolve_zone(policy.business_hours.timezone) or timezone.utc
    zone_label = policy.business_hours.timezone if resolve_zone(policy.business_hours.timezone) else "UTC"
    week_of = datetime.combine(as_of or date.today(), datetime.min.time())
    vendor_zone = support.hours.timezone if support.hours is not None else None
    by_severity: dict[SupportSeverity, SlaEntry] = {}
    for entry in support.sla:
        if entry.response is None:
            continue
        current = by_severity.get(entry.severity)
        if current is None or _nominal(entry) > _nominal(current):
            by_severity[entry.severity] = entry  # several tiers: judge the weakest promise
    rows = []
    for severity in SupportSeverity:
        target = policy.target(severity)
        allowed_schedule = ALWAYS if not target.business_time else _policy_schedule(policy, target.coverage)
        allowed = calendar_delay(target.response, target.business_time, allowed_schedule)
        entry = by_severity.get(severity)
        if entry is None:
            rows.append(SlaAssessment(
                severity=severity.value, required_response=target.response, promised_response=None,
                worst_case_calendar=None, required_coverage=target.coverage, promised_coverage=None, meets=None,
                required_business_time=target.business_time,
                reason=f"no {severity.value} response time stated; policy requires {target.response}"
                       f"{' ' + target.coverage if target.coverage else ''}",
            ))
            continue
        schedule = vendor_schedule(support, entry)
        worst = calendar_delay(entry.response, entry.business_time, schedule)
        # "P1D allowed" in business time is up to three calendar days: say so, or P3D "within P1D" looks wrong
        allowance = (f"{_human(allowed)} allowed ({target.response} in business time)" if target.business_time
                     else f"{_human(allowed)} allowed")
        problems = []
        if worst > allowed:
            problems.append(
                f"worst case {_human(worst)} in calendar time ({entry.response}"
                f"{' business time' if entry.business_time else ''} under {schedule.label}) exceeds the "
                f"{allowance}")
        if target.coverage and schedule_from_coverage(target.coverage) == ALWAYS and not schedule.always:
            problems.append(f"help is available {schedule.label}, policy requires {target.coverage}")
        meets = not problems
        reason = ("; ".join(problems) if problems else
                  f"worst case {_human(worst)} in calendar time under {schedule.label}, within the {allowance}")
        example = None
        if not schedule.always and worst > timedelta(0):
            example = worst_case_example(entry.response, entry.business_time, schedule, vendor_zone, week_of)
            reason += f" (worst case this week: {example.describe(policy_zone, zone_label)})"
        if entry.hedged:
            reason += " (the promise is hedged)"
        plan = getattr(entry, "plan", None)
        if plan:  # a promise bought as an add-on is not what every customer gets
            reason += f"; promised only on the plan: {plan}"
        rows.append(SlaAssessment(
            severity=severity.value, required_response=target.response, promised_response=entry.response,
            worst_case_calendar=format_duration(worst), required_coverage=target.coverage,
            promised_coverage=entry.coverage or schedule.label, meets=meets, reason=reason, plan=plan,
            required_business_time=target.business_time, promised_business_time=entry.business_time,
            worst_case_filed=example.filed.astimezone(policy_zone) if example and example.zone_known else None,
            worst_case_due=example.due.astimezone(policy_zone) if example and example.zone_known else None,
        ))
    return rows


def _nominal(entry: SlaEntry) -> timedelta:
    from auditor.model.base import parse_duration

    return parse_duration(entry.response) if entry.response else timedelta(0)
