"""Dates and times from libraries: calendar months (dateutil), ISO 8601 periods (isodate), vendor
time zones (zoneinfo + tzdata) for support SLAs, shown in the policy's time zone."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from enginekit import audit, catalog, cite, evidence_item, vendor

from auditor.assess.policy import load_policy
from auditor.assess.sla import due_at, resolve_zone, schedule_from_hours, worst_case_example
from auditor.assess.support import assess_sla
from auditor.model.base import add_period, parse_period, period_at_least
from auditor.model.enums import Status
from auditor.model.vendor import Support

GULF = ZoneInfo("Asia/Dubai")


@pytest.mark.parametrize("start, period, expected", [
    (date(2024, 11, 30), "P24M", date(2026, 11, 30)),   # 24 calendar months, not 720 days (2026-11-20)
    (date(2024, 2, 29), "P24M", date(2026, 2, 28)),
    (date(2026, 1, 31), "P1M", date(2026, 2, 28)),
    (date(2025, 3, 1), "P1Y", date(2026, 3, 1)),
    (date(2026, 1, 1), "P1Y2M10D", date(2027, 3, 11)),
    (date(2026, 1, 1), "P2W", date(2026, 1, 15)),
])
def test_periods_keep_months_as_calendar_months(start, period, expected):
    assert add_period(start, period) == expected


def test_fractional_months_are_refused_and_p1m_against_p30d_depends_on_the_month():
    with pytest.raises(ValueError):
        parse_period("P1.5M")
    with pytest.raises(ValueError):
        parse_period("30 days")
    assert period_at_least("P1M", "P30D", date(2026, 1, 1))       # January: 31 days
    assert not period_at_least("P1M", "P30D", date(2026, 2, 1))   # February: 28 days


def test_evidence_725_days_old_still_counts_under_a_24_month_policy():
    """P24M used to be 720 days: evidence dated 2024-11-29 was stale on 2026-11-23; it is not."""
    from auditor.model.catalog import Control

    cat = catalog()
    cat.controls["backup"] = Control.model_validate({
        "id": "backup", "domain": "test", "title": "Backup", "description": "d",
        "evidence": [{"kind": "audit-report", "max_age": "P36M"}], "questions": ["Backups?"]})
    v = vendor(claims=[{"control": "backup", "citation": cite(1, "daily backups")}])
    item = evidence_item("b", ["backup"], effective=date(2024, 11, 29))
    a = audit(v, evidence=[item], cat=cat)
    result = next(r for fw in a.frameworks for req in fw.requirements for r in req.control_results
                  if r.control == "backup")
    assert result.status == Status.SATISFIED, result.reasons
    older = evidence_item("c", ["backup"], effective=date(2024, 11, 22))
    a = audit(v, evidence=[older], cat=cat)
    result = next(r for fw in a.frameworks for req in fw.requirements for r in req.control_results
                  if r.control == "backup")
    assert result.status == Status.STALE and "P24M" in " ".join(r.text for r in result.reasons)


# --- business hours in the vendor's time zone -----------------------------------------------------------

SUN_THU = schedule_from_hours([7, 1, 2, 3, 4], "09:00", "17:00")


def test_a_thursday_evening_ticket_in_the_gulf_waits_over_the_friday_saturday_weekend():
    filed = datetime(2026, 11, 19, 17, 0, tzinfo=GULF)  # Thursday 17:00 Gulf time
    due = due_at(filed, "PT4H", True, SUN_THU, GULF)
    assert due == datetime(2026, 11, 22, 13, 0, tzinfo=GULF)  # Sunday 13:00 Gulf time
    assert due.astimezone(timezone.utc) == datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)
    assert (due - filed).total_seconds() / 3600 == 68


def test_the_sla_row_is_computed_in_the_vendors_zone_and_shown_in_the_policys():
    policy = load_policy(None).sla
    policy = policy.model_copy(update={"business_hours": policy.business_hours.model_copy(
        update={"timezone": "Europe/London"})})
    support = Support.model_validate({
        "hours": {"days": [7, 1, 2, 3, 4], "start": "09:00", "end": "17:00", "timezone": "GST"},
        "sla": [{"severity": "high", "response": "PT4H", "business_time": True}]})
    row = next(r for r in assess_sla(support, policy, date(2026, 11, 23)) if r.severity == "high")
    assert row.meets is False and row.worst_case_calendar == "P2DT20H"
    london = ZoneInfo("Europe/London")
    assert row.worst_case_filed == datetime(2026, 11, 26, 13, 0, tzinfo=london)   # Thu 17:00 in Dubai
    assert row.worst_case_due == datetime(2026, 11, 29, 9, 0, tzinfo=london)      # Sun 13:00 in Dubai
    assert row.worst_case_filed.utcoffset() == london.utcoffset(datetime(2026, 11, 26))
    assert "filed Thu 2026-11-26 13:00, answered Sun 2026-11-29 09:00 Europe/London" in row.reason


def test_daylight_saving_is_the_zones_business():
    """A New York team's 09:00 is 14:00 UTC in winter and 13:00 UTC in summer."""
    mon_fri = schedule_from_hours([1, 2, 3, 4, 5], "09:00", "17:00")
    ny = resolve_zone("EST")
    winter = worst_case_example("PT1H", True, mon_fri, "America/New_York", datetime(2026, 1, 14))
    summer = worst_case_example("PT1H", True, mon_fri, "America/New_York", datetime(2026, 7, 15))
    assert ny == ZoneInfo("America/New_York")
    assert winter.due.astimezone(timezone.utc).hour == 15 and summer.due.astimezone(timezone.utc).hour == 14


@pytest.mark.parametrize("name, offset_hours", [("UTC+4", 4), ("+05:30", 5.5), ("Asia/Riyadh", 3), ("UTC", 0)])
def test_zones_by_name_offset_or_abbreviation(name, offset_hours):
    zone = resolve_zone(name)
    assert zone.utcoffset(datetime(2026, 11, 23)).total_seconds() / 3600 == offset_hours


@pytest.mark.parametrize("name", ["local", "unstated", "", "Mars/Olympus"])
def test_a_zone_the_document_does_not_give_is_never_guessed(name):
    assert resolve_zone(name) is None
    example = worst_case_example("PT4H", True, SUN_THU, name, datetime(2026, 11, 23))
    assert not example.zone_known and "not stated" in example.describe(timezone.utc, "UTC")
