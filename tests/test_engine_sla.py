"""SLA promises judged in worst-case calendar time."""

from __future__ import annotations

from datetime import timedelta

from enginekit import audit, cite, requirement, vendor

from auditor.assess.policy import load_policy
from auditor.assess.sla import ALWAYS, calendar_delay, schedule_from_coverage, schedule_from_hours
from auditor.assess.support import assess_sla
from auditor.model.enums import Severity, Status
from auditor.model.vendor import Support

MON_FRI_8_17 = schedule_from_hours([1, 2, 3, 4, 5], "08:00", "17:00")


def test_friday_evening_ticket_waits_for_monday():
    # 4 business hours from Friday 17:00 end at Monday 12:00: 67 hours of calendar time.
    assert calendar_delay("PT4H", True, MON_FRI_8_17) == timedelta(hours=67)


def test_one_business_day_is_one_working_day_of_the_schedule():
    assert calendar_delay("P1D", True, MON_FRI_8_17) == timedelta(hours=72)


def test_round_the_clock_promise_is_its_nominal_value():
    assert calendar_delay("PT1H", False, ALWAYS) == timedelta(hours=1)


def test_24x5_coverage_stops_the_clock_over_the_weekend():
    assert calendar_delay("PT3H", False, schedule_from_coverage("24x5")) == timedelta(hours=51)


def test_schedule_crossing_midnight():
    night = schedule_from_hours([1, 2, 3, 4, 5], "22:00", "06:00")
    assert night.minutes_per_week == 5 * 8 * 60
    assert calendar_delay("PT1H", True, night) > timedelta(hours=1)


def test_three_hour_critical_acknowledgement_fails_a_one_hour_policy():
    support = Support.model_validate({"sla": [{"severity": "critical", "response": "PT3H", "coverage": "24x7",
                                               "citation": cite(12, "الخطورة 1 | 1-3 ساعات")}]})
    row = next(r for r in assess_sla(support, load_policy(None).sla) if r.severity == "critical")
    assert row.meets is False and "3 h" in row.reason


def test_one_hour_24x7_critical_meets_policy():
    support = Support.model_validate({"sla": [{"severity": "critical", "response": "PT1H", "coverage": "24x7"}]})
    row = next(r for r in assess_sla(support, load_policy(None).sla) if r.severity == "critical")
    assert row.meets is True


def test_one_hour_critical_only_in_business_hours_fails_the_24x7_policy():
    support = Support.model_validate({"sla": [{"severity": "critical", "response": "PT1H"}],
                                      "hours": {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"}})
    row = next(r for r in assess_sla(support, load_policy(None).sla) if r.severity == "critical")
    assert row.meets is False and "Mon-Fri 08:00-17:00" in row.reason


def test_failed_sla_is_a_high_finding_and_a_gap():
    v = vendor(support={"sla": [{"severity": "critical", "response": "PT3H", "coverage": "24x5"}]})
    a = audit(v)
    assert requirement(a, "vendor-due-diligence", "VDD-SLA").status == Status.GAP
    finding = next(f for f in a.findings if f.kind == "sla")
    assert finding.severity == Severity.HIGH and finding.control == "support-sla"


def test_missing_severity_is_reported_not_assumed():
    rows = assess_sla(Support(), load_policy(None).sla)
    assert [r.meets for r in rows] == [None, None, None, None]
