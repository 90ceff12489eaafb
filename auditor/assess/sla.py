"""Support SLAs in calendar time.

A response promised "within 4 business hours" by a team that works Mon–Fri 08:00–17:00 can
take a whole weekend when the ticket arrives on Friday evening. The policy cares about how
long the customer actually waits, so every promise is turned into its worst-case calendar delay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from auditor.model.base import parse_duration

WEEK = 7 * 24 * 60  # minutes


@dataclass(frozen=True)
class WeeklySchedule:
    """Working intervals in minutes from Monday 00:00, sorted, non-overlapping."""

    intervals: tuple[tuple[int, int], ...]
    label: str
    day_count: int = 0  # working days a week when stated (24x5: 5); else the days the intervals touch

    @property
    def always(self) -> bool:
        return self.intervals == ((0, WEEK),)

    @property
    def minutes_per_week(self) -> int:
        return sum(end - start for start, end in self.intervals)

    @property
    def working_day_minutes(self) -> int:
        """Length of one business day: what "1 business day" means under this schedule."""
        days = self.day_count or len({d for s, e in self.intervals for d in range(s // 1440, (e - 1) // 1440 + 1)})
        return self.minutes_per_week // max(1, days)


def _hhmm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def schedule_from_hours(days: list[int], start: str, end: str, label: str | None = None) -> WeeklySchedule:
    """Days are ISO weekdays (1 = Monday); ``end`` may be 24:00. An end before the start wraps midnight."""
    begin, finish = _hhmm(start), _hhmm(end)
    if finish == begin:
        finish = begin + 1440
    elif finish < begin:
        finish += 1440
    spans = []
    for day in sorted(set(days)):
        base = (day - 1) * 1440
        s, e = base + begin, base + finish
        if e > WEEK:
            spans.extend([(s, WEEK), (0, e - WEEK)])
        else:
            spans.append((s, e))
    return WeeklySchedule(_merge(spans), label or f"{_days_label(days)} {start}-{end}", len(set(days)))


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return tuple((s, e) for s, e in merged)


_DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _days_label(days: list[int]) -> str:
    """``Mon-Fri``; a run across the week's end reads from where it starts (``Sun-Thu``, ``Sat-Wed``)."""
    ordered = sorted(set(days))
    if len(ordered) == 7:
        return "Mon-Sun"
    if len(ordered) > 2:
        for first in ordered:  # the run's first day is the one whose previous day is off
            if (first - 2) % 7 + 1 not in ordered:
                run = [(first - 1 + i) % 7 + 1 for i in range(len(ordered))]
                if sorted(run) == ordered:
                    return f"{_DAY_NAMES[run[0] - 1]}-{_DAY_NAMES[run[-1] - 1]}"
                break
    return ",".join(_DAY_NAMES[d - 1] for d in ordered)


_COVERAGE = re.compile(r"^\s*(\d{1,2})\s*[x×]\s*([57])\s*$", re.IGNORECASE)


def schedule_from_coverage(coverage: str, default_hours: WeeklySchedule | None = None) -> WeeklySchedule | None:
    """``24x7``, ``24x5``, ``8x5`` ... to a weekly schedule; ``8x5`` uses the stated support hours."""
    match = _COVERAGE.match(coverage or "")
    if not match:
        return None
    hours, days = int(match.group(1)), int(match.group(2))
    if hours >= 24 and days == 7:
        return WeeklySchedule(((0, WEEK),), "24x7")
    if hours >= 24:
        return schedule_from_hours(list(range(1, days + 1)), "00:00", "24:00", f"24x{days}")
    if default_hours is not None and len({s // 1440 for s, _ in default_hours.intervals}) == days:
        return default_hours
    return schedule_from_hours(list(range(1, days + 1)), "09:00", f"{9 + hours:02d}:00", f"{hours}x{days}")


ALWAYS = WeeklySchedule(((0, WEEK),), "24x7")


def _finish(schedule: WeeklySchedule, arrival: int, work: int) -> int:
    """Minute (unwrapped, from Monday 00:00 of the arrival week) at which ``work`` working minutes are done."""
    per_week = schedule.minutes_per_week
    if per_week <= 0:
        raise ValueError("schedule has no working time")
    whole_weeks, work = divmod(work, per_week)
    if work == 0 and whole_weeks:
        whole_weeks -= 1
        work = per_week
    t = arrival
    week_offset = 0
    while True:
        for s, e in schedule.intervals:
            s += week_offset
            e += week_offset
            if e <= t:
                continue
            start = max(s, t)
            available = e - start
            if work <= available:
                return start + work + whole_weeks * WEEK
            work -= available
            t = e
        week_offset += WEEK


def worst_case_arrival(schedule: WeeklySchedule, working_minutes: int) -> tuple[int, int]:
    """(arrival minute from Monday 00:00, calendar wait in minutes) of the worst arrival in the week."""
    if working_minutes <= 0:
        return 0, 0
    if schedule.always:
        return 0, working_minutes
    candidates = set()
    for s, e in schedule.intervals:
        candidates.update({s, e % WEEK, (e - 1) % WEEK})
    # the latest of equally bad arrivals: "filed at 17:00" reads better than "filed at 16:59"
    return max(((a, _finish(schedule, a, working_minutes) - a) for a in candidates), key=lambda x: (x[1], x[0]))


def worst_case_delay(schedule: WeeklySchedule, working_minutes: int) -> int:
    """The longest calendar wait, over every arrival time in the week, for ``working_minutes`` of work."""
    return worst_case_arrival(schedule, working_minutes)[1]


def working_minutes(duration: str, business_time: bool, schedule: WeeklySchedule) -> int:
    """Minutes of work a duration stands for; in business time a day is one working day.

    Only the date part counts in working days: ``PT24H`` is 24 working hours, ``P1D`` one day.
    """
    delta = parse_duration(duration)
    if not business_time:
        return int(delta.total_seconds() // 60)
    date_part, _, time_part = duration.strip().partition("T")
    days = parse_duration(date_part).total_seconds() / 86400 if date_part != "P" else 0.0
    rest = parse_duration("PT" + time_part).total_seconds() / 60 if time_part else 0.0
    return int(days * schedule.working_day_minutes + rest)


def calendar_delay(duration: str, business_time: bool, schedule: WeeklySchedule) -> timedelta:
    """Worst-case calendar time for a promise of ``duration`` counted under ``schedule``.

    A promise not in business time but made by a team that only works ``schedule`` still
    waits for the team: the clock runs only while the schedule is open.
    """
    work = working_minutes(duration, business_time, schedule)
    return timedelta(minutes=worst_case_delay(schedule, work))


# --- time zones: the vendor's clock runs in the vendor's zone; people read the policy's zone ----------------

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    from auditor.workspace import package_data
    from auditor.yamlio import load_yaml

    data, _ = load_yaml(package_data("timezones.yaml"))
    return {str(k).casefold(): str(v) for k, v in (data or {}).get("abbreviations", {}).items()}


def resolve_zone(name: str | None) -> tzinfo | None:
    """An IANA zone, ``UTC``, a fixed offset (``UTC+4``, ``+04:00``) or a known abbreviation
    (data/timezones.yaml); None when the document gives none we can trust ("local", "unstated")."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    text = (name or "").strip()
    if not text:
        return None
    if text.upper() in ("UTC", "Z"):
        return timezone.utc
    match = _OFFSET.match(text)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        hours, minutes = int(match.group(2)), int(match.group(3) or 0)
        if hours > 14 or minutes >= 60:
            return None
        return timezone(sign * timedelta(hours=hours, minutes=minutes), text)
    mapped = _abbreviations().get(text.casefold(), text)
    try:
        return ZoneInfo(mapped)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def due_at(filed: datetime, duration: str, business_time: bool, schedule: WeeklySchedule,
           zone: tzinfo) -> datetime:
    """When a ticket filed at ``filed`` (aware) must be answered, in ``zone`` (the vendor's).

    The schedule is wall-clock time in the vendor's zone (zoneinfo handles daylight saving); a
    round-the-clock promise is plain elapsed time.
    """
    work = working_minutes(duration, business_time, schedule)
    local = filed.astimezone(zone)
    if schedule.always:
        return (local + timedelta(minutes=work)).astimezone(zone)
    monday = datetime(local.year, local.month, local.day) - timedelta(days=local.weekday())
    arrival = local.weekday() * 1440 + local.hour * 60 + local.minute
    finish = _finish(schedule, arrival, work) if work > 0 else arrival
    return (monday + timedelta(minutes=finish)).replace(tzinfo=zone)


@dataclass(frozen=True)
class WorstCase:
    """The worst moment to file a ticket in the audit's week, and when it is answered."""

    filed: datetime
    due: datetime
    zone_known: bool

    def describe(self, shown_in: tzinfo, label: str) -> str:
        fmt = "%a %Y-%m-%d %H:%M"
        if not self.zone_known:
            return (f"filed {self.filed.strftime(fmt)}, answered {self.due.strftime(fmt)} in the vendor's local "
                    "time (its time zone is not stated)")
        return (f"filed {self.filed.astimezone(shown_in).strftime(fmt)}, answered "
                f"{self.due.astimezone(shown_in).strftime(fmt)} {label}")


def worst_case_example(duration: str, business_time: bool, schedule: WeeklySchedule, zone_name: str | None,
                       week_of: datetime) -> WorstCase:
    """The worst arrival of the week containing ``week_of``, computed in the vendor's zone."""
    zone = resolve_zone(zone_name)
    known = zone is not None
    zone = zone or timezone.utc  # unknown: kept as the vendor's wall clock, never converted
    work = working_minutes(duration, business_time, schedule)
    arrival, _ = worst_case_arrival(schedule, work)
    local = week_of.astimezone(zone) if week_of.tzinfo else week_of.replace(tzinfo=zone)
    monday = datetime(local.year, local.month, local.day) - timedelta(days=local.weekday())
    filed = (monday + timedelta(minutes=arrival)).replace(tzinfo=zone)
    return WorstCase(filed=filed, due=due_at(filed, duration, business_time, schedule, zone), zone_known=known)
