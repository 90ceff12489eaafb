"""Every Gherkin check reads the Assessment, never the dossier: a step and the audit decide once.

The engine on hand-built vendors (tests/enginekit.py). A check given only the Assessment, even
one read back from JSON with the vendor gone, decides as it does in a run; where a step and the
audit's own result speak of the same thing they agree; failures give durations in words.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from enginekit import audit, cite, vendor

from auditor.durations import has_iso_duration
from auditor.model.assessment import Assessment, Stance
from auditor.model.enums import Status, SupportSeverity
from auditor.requirements import checks

WEEKDAYS = {"days": [1, 2, 3, 4, 5], "start": "09:00", "end": "17:00", "timezone": "UTC"}

GOOD = vendor(
    claims=[{"control": "encryption-at-rest", "citation": cite(1, "Data is encrypted at rest.")},
            {"control": "breach-notification", "attributes": {"deadline": "PT24H"},
             "citation": cite(2, "We notify within 24 hours.")}],
    regulations=[{"id": "gdpr", "citation": cite(3, "We comply with the GDPR.")}],
    hosting=[{"country": "DE", "role": "hosting", "citation": cite(4, "Hosted in Frankfurt.")}],
    subprocessors=[{"name": "Mail Co", "country": "IE", "citation": cite(5, "Mail Co, Ireland")}],
    support={"sla": [{"severity": "critical", "response": "PT1H", "coverage": "24x7", "citation": cite(6, "1 h")}],
             "hours": WEEKDAYS, "channels": [{"type": "phone"}], "escalation": cite(7, "Escalation path.")},
    contract={"export_at_termination": {"value": True, "period": "P1M", "citation": cite(8, "One month to export.")},
              "auto_renewal": {"value": True, "citation": cite(9, "Renews.")},
              "renewal_notice": {"period": "P60D", "citation": cite(10, "60 days notice.")},
              "refunds": {"value": True, "citation": cite(11, "Refunds.")}},
)

BAD = vendor(
    claims=[{"control": "encryption-at-rest", "polarity": "denied", "citation": cite(1, "Not encrypted at rest.")},
            {"control": "breach-notification", "attributes": {"deadline": "P7D"},
             "citation": cite(2, "We notify within seven days.")}],
    regulations=[{"id": "gdpr", "hedged": True, "citation": cite(3, "We may comply with the GDPR.")}],
    hosting=[{"country": "US", "role": "hosting", "citation": cite(4, "Hosted in Virginia.")}],
    subprocessors=[{"name": "Cheap Hosting", "country": "RU", "citation": cite(5, "Cheap Hosting, Russia")}],
    support={"sla": [{"severity": "critical", "response": "PT4H", "business_time": True, "plan": "Enterprise",
                      "citation": cite(6, "4 business hours")}],
             "hours": WEEKDAYS, "channels": [{"type": "phone", "tiers": ["Enterprise"], "citation": cite(7, "p")}]},
    contract={"export_at_termination": {"value": True, "period": "P14D", "citation": cite(8, "14 days to export.")},
              "auto_renewal": {"value": True, "citation": cite(9, "Renews.")},
              "renewal_notice": {"period": "P7D", "citation": cite(10, "7 days notice.")},
              "refunds": {"value": False, "citation": cite(11, "No refunds.")}},
)

CHECKS = [
    ("claim", lambda a: checks.claim(a, "encryption-at-rest")),
    ("comply", lambda a: checks.comply_with(a, "gdpr")),
    ("hosting", lambda a: checks.hosted_only_in(a, ("DE", "IE", "FR"), "EEA")),
    ("subprocessors only", lambda a: checks.subprocessors_only_in(a, ("DE", "IE"), "EEA")),
    ("subprocessors not", lambda a: checks.subprocessors_not_in(a, ("RU", "CN"), "RU, CN")),
    ("response", lambda a: checks.support_time(a, SupportSeverity.CRITICAL, timedelta(hours=1), "response")),
    ("coverage", lambda a: checks.support_coverage(a, SupportSeverity.CRITICAL, "24x7")),
    ("channel", lambda a: checks.channel(a, "phone", everyone=True)),
    ("escalation", lambda a: checks.escalation(a)),
    ("export", lambda a: checks.export_after_termination(a, 28)),
    ("renewal", lambda a: checks.renewal_notice(a, 30)),
    ("refunds", lambda a: checks.refunds(a)),
    ("breach", lambda a: checks.breach_notification(a, timedelta(hours=72))),
]


def outcome(check, assessment: Assessment) -> str:
    try:
        check(assessment)
    except checks.RequirementNotMet as exc:
        return str(exc)
    return "passed"


@pytest.fixture(scope="module")
def audits():
    return {"good": audit(GOOD), "bad": audit(BAD)}


@pytest.mark.parametrize("name, check", CHECKS, ids=[c[0] for c in CHECKS])
def test_a_check_needs_nothing_but_the_assessment(audits, name, check):
    """Read back from JSON, with no vendor and no evidence beside it, the Assessment decides alike."""
    good, bad = audits["good"], audits["bad"]
    assert outcome(check, good) == "passed", name
    failed = outcome(check, bad)
    assert failed.startswith("required ") and "; dossier holds " in failed and "\n" not in failed
    for assessment in (good, bad):
        again = Assessment.model_validate_json(assessment.model_dump_json())
        assert outcome(check, again) == outcome(check, assessment)


def test_the_checks_module_never_touches_the_dossier_or_the_store():
    import inspect
    import re

    source = inspect.getsource(checks)
    assert not re.search(r"\.(vendor|evidence|dossier_dir)\b(?! import)", source)
    assert "AuditOutcome" not in source and "outcome" not in re.sub(r"def outcome|outcome\(", "", source)


def test_failures_give_durations_in_words_and_what_the_dossier_holds(audits):
    bad = audits["bad"]
    response = outcome(CHECKS[5][1], bad)
    assert response.startswith("required a critical response within 1 hour; dossier holds 4 business hours "
                               "for the Enterprise plan, worst case ")
    assert "in calendar time under Mon-Fri 09:00-17:00" in response
    assert "notification within 7 days" in outcome(CHECKS[12][1], bad)
    assert "14 days" in outcome(CHECKS[9][1], bad) and "7 days notice" in outcome(CHECKS[10][1], bad)
    for _, check in CHECKS:
        assert has_iso_duration(outcome(check, bad)) == []


@pytest.mark.parametrize("statements, stance", [
    ([{}], Stance.AFFIRMED),
    ([{"hedged": True}], Stance.HEDGED),
    ([{"polarity": "denied"}], Stance.DENIED),
    ([{"hedged": True}, {"polarity": "denied"}], Stance.DENIED),  # a hedge does not outweigh a plain denial
    ([{}, {"polarity": "denied"}], Stance.CONTRADICTED),
    ([{}, {"polarity": "denied", "hedged": True}], Stance.CONTRADICTED),
    ([], Stance.ABSENT),
])
def test_the_claim_step_and_the_control_result_are_one_rule(statements, stance):
    claims = [{"control": "mfa", "citation": cite(i + 1, f"statement {i}"), **s} for i, s in enumerate(statements)]
    assessment = audit(vendor(claims=claims))
    result = checks.control_result(assessment, "mfa")
    assert result.stance == stance
    passed = outcome(lambda a: checks.claim(a, "mfa"), assessment) == "passed"
    assert passed == (stance == Stance.AFFIRMED)
    if passed:  # what the step accepts, the audit counts as claimed
        assert result.status in (Status.UNVERIFIED, Status.SATISFIED, Status.STALE)
    elif stance.denied:  # what the step calls a denial, the audit counts against the vendor
        assert result.status in (Status.GAP, Status.CONTRADICTED)


def test_a_denied_regulation_fails_the_step_and_trips_the_hard_rule_together():
    denied = vendor(engagement={"data": ["cardholder data"]},
                    regulations=[{"id": "pci-dss", "citation": cite(1, "We are PCI DSS compliant.")},
                                 {"id": "pci-dss", "polarity": "denied", "citation": cite(2, "We are not.")}])
    assessment = audit(denied)
    assert [r.stance for r in assessment.facts.regulations] == [Stance.CONTRADICTED]
    assert [h.rule for h in assessment.hard_rules] == ["pci-dss-denied-with-cardholder-data"]
    assert "a denial" in outcome(lambda a: checks.comply_with(a, "pci-dss"), assessment)


def test_a_control_outside_every_requirement_still_has_its_result():
    assessment = audit(vendor(claims=[{"control": "terms-change-notice", "citation": cite(1, "We notify.")}],
                              engagement={"data": []}))
    assert checks.control_result(assessment, "terms-change-notice").stance == Stance.AFFIRMED
    assert outcome(lambda a: checks.control_status(a, "terms-change-notice", "not-gap"), assessment) == "passed"


def test_durations_become_words_but_the_vendors_quoted_words_stay_exact():
    message = str(checks.RequirementNotMet("an export window of P30D", "P14D (doc:3: \u201cexport within P14D\u201d)"))
    assert message == ("required an export window of 30 days; dossier holds 14 days "
                       "(doc:3: \u201cexport within P14D\u201d)")
