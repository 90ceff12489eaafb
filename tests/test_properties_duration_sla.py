"""Properties of ISO 8601 durations and of SLA calendar maths, over many generated inputs.

Hypothesis runs derandomized with a bounded number of examples: the same inputs every run,
so a failure reproduces and the suite's time is fixed.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from auditor.assess.sla import (
    ALWAYS,
    WEEK,
    WeeklySchedule,
    calendar_delay,
    schedule_from_coverage,
    schedule_from_hours,
    worst_case_delay,
    working_minutes,
)
from auditor.model.base import format_duration, parse_duration
from auditor.model.vendor import SlaEntry

PROPS = settings(max_examples=150, derandomize=True, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow])

seconds = st.integers(min_value=0, max_value=10**9)


# durations -------------------------------------------------------------------------------------

@PROPS
@given(seconds)
def test_format_then_parse_is_the_identity(total):
    delta = timedelta(seconds=total)
    text = format_duration(delta)
    assert parse_duration(text) == delta
    assert format_duration(parse_duration(text)) == text  # one spelling per length of time


@PROPS
@given(seconds)
def test_formatted_durations_are_shortest_canonical(total):
    text = format_duration(timedelta(seconds=total))
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    expected = "P" + (f"{days}D" if days else "")
    time = "".join(f"{v}{u}" for v, u in ((hours, "H"), (minutes, "M"), (secs, "S")) if v)
    assert text == (expected + ("T" + time if time else "") if total else "PT0S")


components = st.fixed_dictionaries({}, optional={
    "Y": st.integers(0, 50), "M": st.integers(0, 600), "W": st.integers(0, 500), "D": st.integers(0, 10_000),
    "TH": st.integers(0, 10_000), "TM": st.integers(0, 10_000), "TS": st.integers(0, 10**6),
}).filter(bool)


def _spell(parts: dict[str, int]) -> str:
    date = "".join(f"{parts[u]}{u}" for u in ("Y", "M", "W", "D") if u in parts)
    time = "".join(f"{parts['T' + u]}{u}" for u in ("H", "M", "S") if "T" + u in parts)
    return "P" + date + ("T" + time if time else "")


@PROPS
@given(components)
def test_parse_counts_years_as_365_days_and_months_as_30(parts):
    text = _spell(parts)
    days = parts.get("Y", 0) * 365 + parts.get("M", 0) * 30 + parts.get("W", 0) * 7 + parts.get("D", 0)
    expected = timedelta(days=days, hours=parts.get("TH", 0), minutes=parts.get("TM", 0), seconds=parts.get("TS", 0))
    assert parse_duration(text) == expected
    assert parse_duration(format_duration(expected)) == expected
    assert parse_duration(f"  {text}\n") == expected  # surrounding whitespace is not part of it


@PROPS
@given(st.integers(0, 10**6), st.sampled_from(["D", "H", "M", "S"]), st.integers(1, 9))
def test_fractions_are_exact_to_the_second(whole, unit, tenths):
    text = f"P{whole}.{tenths}D" if unit == "D" else f"PT{whole}.{tenths}{unit}"
    seconds_per = {"D": 86400, "H": 3600, "M": 60, "S": 1}[unit]
    got = parse_duration(text)
    assert abs(got.total_seconds() - (whole + tenths / 10) * seconds_per) < 1e-3 * seconds_per


@PROPS
@given(st.one_of(st.text(max_size=40), st.text(alphabet="PYMWDTHS0123456789.,-+e ", max_size=30)))
def test_any_text_parses_or_raises_value_error_only(text):
    try:
        delta = parse_duration(text)
    except ValueError:
        with pytest.raises(ValidationError):  # the model type says the same, as a validation error
            SlaEntry.model_validate({"severity": "high", "response": text})
        return
    assert delta >= timedelta(0)
    assert SlaEntry.model_validate({"severity": "high", "response": text}).response == text


@pytest.mark.parametrize("text", ["P99999999999D", "P" + "9" * 400 + "Y", "PT1E5H", "P", "PT", "P1DT", "P-1D",
                                  "PT1H30", "1H", "P1H", "PT1D", "P1.5.5D", "P١D", "PT\u0661H"])
def test_out_of_range_and_malformed_durations_are_value_errors(text):
    with pytest.raises(ValueError):
        parse_duration(text)


# SLA calendar maths ------------------------------------------------------------------------------

def _oracle_finish(schedule: WeeklySchedule, arrival: int, work: int) -> int:
    """Minutes from ``arrival`` until ``work`` working minutes are done, walking week after week."""
    if work <= 0:
        return 0
    week = 0
    while True:
        for start, end in schedule.intervals:
            start, end = start + week * WEEK, end + week * WEEK
            if end <= arrival:
                continue
            begin = max(start, arrival)
            if work <= end - begin:
                return begin + work - arrival
            work -= end - begin
        week += 1


times = st.tuples(st.integers(0, 23), st.sampled_from([0, 15, 30, 45])).map(lambda hm: f"{hm[0]:02d}:{hm[1]:02d}")
hour_schedules = st.builds(
    schedule_from_hours,
    st.lists(st.integers(1, 7), min_size=1, max_size=7, unique=True),
    times,
    st.one_of(times, st.just("24:00")),
)
schedules = st.one_of(
    hour_schedules,
    st.sampled_from(["24x7", "24x5", "8x5", "12x5", "8x7", "12x7"]).map(schedule_from_coverage),
    st.just(ALWAYS),
)


@PROPS
@given(hour_schedules)
def test_schedules_are_sorted_disjoint_and_inside_the_week(schedule):
    previous_end = -1
    for start, end in schedule.intervals:
        assert 0 <= start < end <= WEEK
        assert start > previous_end  # merged: no overlap, no touching
        previous_end = end
    assert 0 < schedule.minutes_per_week <= WEEK


@PROPS
@given(schedules, st.integers(0, 4 * 1440), st.integers(0, 4 * 1440), st.booleans())
def test_calendar_delay_is_monotonic_in_the_duration(schedule, a, b, business):
    low, high = sorted((a, b))
    assert calendar_delay(f"PT{low}M", business, schedule) <= calendar_delay(f"PT{high}M", business, schedule)


@PROPS
@given(schedules, st.integers(0, 10), st.integers(0, 10), st.booleans())
def test_calendar_delay_is_monotonic_in_days(schedule, a, b, business):
    low, high = sorted((a, b))
    assert calendar_delay(f"P{low}D", business, schedule) <= calendar_delay(f"P{high}D", business, schedule)


@PROPS
@given(schedules, st.integers(0, 5 * 1440), st.booleans())
def test_calendar_delay_is_never_below_the_working_time(schedule, minutes, business):
    duration = f"PT{minutes}M"
    work = working_minutes(duration, business, schedule)
    assert calendar_delay(duration, business, schedule) >= timedelta(minutes=work)
    if not business:
        assert work == minutes  # outside business time the nominal is the duration itself


@PROPS
@given(st.integers(0, 10**6), st.booleans())
def test_round_the_clock_equals_the_nominal_duration(minutes, business):
    for schedule in (ALWAYS, schedule_from_coverage("24x7"), schedule_from_hours(list(range(1, 8)), "00:00", "24:00")):
        assert calendar_delay(f"PT{minutes}M", business, schedule) == timedelta(minutes=minutes)
    assert calendar_delay(f"P{minutes % 400}D", business, ALWAYS) == timedelta(days=minutes % 400)


@PROPS
@given(schedules, st.integers(1, 3 * 1440), st.integers(0, WEEK - 1))
def test_worst_case_is_at_least_any_single_arrival(schedule, work, arrival):
    worst = worst_case_delay(schedule, work)
    assert _oracle_finish(schedule, arrival, work) <= worst


@settings(PROPS, max_examples=40)
@given(schedules, st.integers(1, 2 * 1440))
def test_worst_case_is_reached_by_some_arrival(schedule, work):
    """Not an over-estimate: some arrival in the week really waits that long (checked every 15 minutes
    and right after each closing time)."""
    worst = worst_case_delay(schedule, work)
    arrivals = set(range(0, WEEK, 15)) | {end % WEEK for _, end in schedule.intervals} | \
        {(end - 1) % WEEK for _, end in schedule.intervals}
    assert max(_oracle_finish(schedule, a, work) for a in arrivals) == worst
