"""The packaged step library: the Gherkin sentences a requirements file may use.

Loaded as a pytest plugin by ``runner``. Each step's docstring opens with an example (what
``auditor requirements steps`` prints, and what the tests run), then says what it checks.
Checks live in ``checks``; arguments are validated by ``arguments`` before anything runs.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from pytest_bdd import given, parsers, then

from auditor.requirements import arguments as arg
from auditor.requirements import checks
from auditor.requirements.context import ScenarioState

Q = r'"(?P<{}>[^"]+)"'  # a quoted argument
RUN = pytest.StashKey[Any]()  # where the runner leaves its plugin object in ``config.stash``


@dataclass(frozen=True)
class StepSpec:
    """One sentence of the vocabulary, as listed and as checked before a run."""

    kind: str  # given | then
    pattern: str
    example: str
    help: str
    parser: Any
    validate: Callable[..., Any] | None = None
    sets_vendor: bool = False

    def args(self, text: str) -> dict[str, str] | None:
        return self.parser.parse_arguments(text)


LIBRARY: list[StepSpec] = []


def _step(kind: str, pattern: str, *, validate: Callable[..., Any] | None = None, sets_vendor: bool = False):
    """Register a step with pytest-bdd (in this module) and in the listed vocabulary."""
    parser = parsers.re(pattern)
    register = {"given": given, "then": then}[kind]

    def wrap(func):
        doc = inspect.getdoc(func) or ""
        example, _, help_text = doc.partition("\n")
        LIBRARY.append(StepSpec(kind, pattern, example.strip(), " ".join(help_text.split()), parser, validate,
                                sets_vendor))
        return register(parser, stacklevel=2)(func)

    return wrap


@pytest.fixture
def auditor_scenario(request: pytest.FixtureRequest) -> ScenarioState:
    """This scenario's vendor and scope, on top of the run's shared audit cache."""
    run = request.config.stash.get(RUN, None)
    if run is None:
        from auditor.errors import InputError

        raise InputError("the auditor step library runs under `auditor requirements run` only")
    return run.scenario_state(request.node.nodeid)


def _duration(amount: str, unit: str) -> timedelta:
    return timedelta(**{unit.rstrip("s") + "s": int(amount)})


_TIME = r"(?P<amount>\d+) (?P<unit>minutes?|hours?|days?)"


# --- context ------------------------------------------------------------------------------------------

@_step("given", f"the vendor {Q.format('vendor')}", sets_vendor=True)
def given_vendor(vendor: str, auditor_scenario: ScenarioState) -> None:
    """Given the vendor "zoho-crm"

    The vendor the scenario is about: a dossier id under evidence/ or a path to a dossier folder.
    Overrides --vendor."""
    auditor_scenario.set_vendor(vendor)


@_step("given", f"the engagement involves {Q.format('category')}",
       validate=lambda cat, category: arg.category(category))
def given_engagement(category: str, auditor_scenario: ScenarioState) -> None:
    """Given the engagement involves "health data"

    The data the engagement hands the vendor: personal data, health data, cardholder data or
    export-controlled technology. Decides which frameworks apply; several steps add up, and they
    replace the scope the dossier declares."""
    auditor_scenario.add_scope(arg.category(category))


# --- attestations and regulations ------------------------------------------------------------------------

@_step("then", f"the vendor must hold a valid {Q.format('attestation')}",
       validate=lambda cat, attestation: arg.attestation(attestation))
def hold_valid(attestation: str, auditor_scenario: ScenarioState) -> None:
    """Then the vendor must hold a valid "soc2-type2"

    The audit's own standing of it (assess/standing.py) is `valid` (current evidence collected) or
    `claimed` (a cited, plain statement, not expired); hedged, denied, expired, rejected, uncited
    (listed with no citation) and absent fail."""
    checks.hold_attestation(auditor_scenario.assessment(), arg.attestation(attestation).value, verified=False)


@_step("then", f"the vendor must hold a verified {Q.format('attestation')}",
       validate=lambda cat, attestation: arg.attestation(attestation))
def hold_verified(attestation: str, auditor_scenario: ScenarioState) -> None:
    """Then the vendor must hold a verified "iso27001"

    The audit's own standing of it is `valid`: its certificate, report or signed agreement is in the
    evidence store, current on the audit date, and nothing the document says rules it out."""
    checks.hold_attestation(auditor_scenario.assessment(), arg.attestation(attestation).value, verified=True)


@_step("then", f"the {Q.format('attestation')} attestation must remain valid for at least (?P<days>\\d+) days?",
       validate=lambda cat, attestation, days: arg.attestation(attestation))
def attestation_in_force(attestation: str, days: str, auditor_scenario: ScenarioState) -> None:
    """Then the "iso27001" attestation must remain valid for at least 90 days

    Certification in force: its expiry (or its evidence's valid-until date) is at least that many
    days after the audit date."""
    checks.attestation_remaining(auditor_scenario.assessment(), arg.attestation(attestation).value, int(days))


@_step("then", f"the vendor must claim compliance with {Q.format('regulation')}",
       validate=lambda cat, regulation: arg.regulation(regulation))
def claim_compliance(regulation: str, auditor_scenario: ScenarioState) -> None:
    """Then the vendor must claim compliance with "gdpr"

    The vendor states, without hedging, that it complies with the regulation (gdpr, ccpa, hipaa,
    pci-dss, ear, ofac)."""
    checks.comply_with(auditor_scenario.assessment(), arg.regulation(regulation).value)


# --- controls and framework requirements ------------------------------------------------------------------

@_step("then", f"the vendor must claim {Q.format('control')}", validate=lambda cat, control: arg.control(cat, control))
def must_claim(control: str, auditor_scenario: ScenarioState) -> None:
    """Then the vendor must claim "encryption-at-rest"

    An affirmed claim of the common control in the vendor's own documents, not only hedged ("may",
    "likely"), and no denial of it."""
    checks.claim(auditor_scenario.assessment(), control)


@_step("then", f"the control {Q.format('control')} must be satisfied",
       validate=lambda cat, control: arg.control(cat, control))
def control_satisfied(control: str, auditor_scenario: ScenarioState) -> None:
    """Then the control "mfa" must be satisfied

    Claimed and backed by valid evidence in the store (status satisfied)."""
    checks.control_status(auditor_scenario.assessment(), control, "satisfied")


@_step("then", f"the control {Q.format('control')} must not be a gap",
       validate=lambda cat, control: arg.control(cat, control))
def control_not_gap(control: str, auditor_scenario: ScenarioState) -> None:
    """Then the control "backup" must not be a gap

    Claimed at least (satisfied, unverified or stale); a gap or a contradiction fails."""
    checks.control_status(auditor_scenario.assessment(), control, "not-gap")


@_step("then", f"the requirement {Q.format('framework')} {Q.format('requirement')} must not be a gap",
       validate=lambda cat, framework, requirement: arg.requirement(cat, framework, requirement))
def requirement_not_gap(framework: str, requirement: str, auditor_scenario: ScenarioState) -> None:
    """Then the requirement "iso27001-2022" "A.8.24" must not be a gap

    In scope and satisfied, unverified or stale; a gap, a contradiction, or a framework the
    engagement does not bring into scope fails (the message says why)."""
    checks.requirement_status(auditor_scenario.assessment(), framework, requirement, "not-gap")


@_step("then", f"the requirement {Q.format('framework')} {Q.format('requirement')} must be satisfied",
       validate=lambda cat, framework, requirement: arg.requirement(cat, framework, requirement))
def requirement_satisfied(framework: str, requirement: str, auditor_scenario: ScenarioState) -> None:
    """Then the requirement "gdpr" "Art.32" must be satisfied

    In scope, and every control that fully covers it is claimed and evidenced (or a valid
    attestation covers the framework)."""
    checks.requirement_status(auditor_scenario.assessment(), framework, requirement, "satisfied")


@_step("then", f"coverage of {Q.format('framework')} must be at least (?P<percent>\\d+(?:\\.\\d+)?) percent",
       validate=lambda cat, framework, percent: arg.framework(cat, framework))
def coverage_at_least(framework: str, percent: str, auditor_scenario: ScenarioState) -> None:
    """Then coverage of "gdpr" must be at least 60 percent

    The share of applicable requirements that are satisfied or unverified (what the vendor claims).
    A framework the engagement does not bring into scope fails."""
    checks.framework_coverage(auditor_scenario.assessment(), framework, float(percent), "coverage")


@_step("then", f"verified coverage of {Q.format('framework')} must be at least (?P<percent>\\d+(?:\\.\\d+)?) percent",
       validate=lambda cat, framework, percent: arg.framework(cat, framework))
def verified_at_least(framework: str, percent: str, auditor_scenario: ScenarioState) -> None:
    """Then verified coverage of "iso27001-2022" must be at least 10 percent

    The share of applicable requirements that are satisfied (what evidence shows)."""
    checks.framework_coverage(auditor_scenario.assessment(), framework, float(percent), "verified")


@_step("then", f"the vendor must not have findings of severity {Q.format('severity')}",
       validate=lambda cat, severity: arg.finding_severity(severity))
def no_findings(severity: str, auditor_scenario: ScenarioState) -> None:
    """Then the vendor must not have findings of severity "critical"

    No finding of exactly that severity (critical, high, medium, low, info)."""
    checks.no_findings(auditor_scenario.assessment(), arg.finding_severity(severity), or_worse=False)


@_step("then", f"the vendor must not have findings of severity {Q.format('severity')} or worse",
       validate=lambda cat, severity: arg.finding_severity(severity))
def no_findings_or_worse(severity: str, auditor_scenario: ScenarioState) -> None:
    """Then the vendor must not have findings of severity "high" or worse

    No finding of that severity or a more serious one."""
    checks.no_findings(auditor_scenario.assessment(), arg.finding_severity(severity), or_worse=True)


@_step("then", f"evidence for {Q.format('control')} must be at most (?P<months>\\d+) months? old",
       validate=lambda cat, control, months: arg.control(cat, control))
def evidence_age(control: str, months: str, auditor_scenario: ScenarioState) -> None:
    """Then evidence for "penetration-testing" must be at most 12 months old

    The newest evidence in the store covering the control (not revoked or superseded) is dated
    within that many calendar months of the audit date."""
    checks.evidence_age(auditor_scenario.assessment(), control, int(months))


# --- support ----------------------------------------------------------------------------------------------

@_step("then", f"the {Q.format('severity')} support response must be at most {_TIME}",
       validate=lambda cat, severity, amount, unit: arg.support_severity(severity))
def response_at_most(severity: str, amount: str, unit: str, auditor_scenario: ScenarioState) -> None:
    """Then the "critical" support response must be at most 1 hours

    The worst-case calendar wait for the weakest stated response promise of that severity: a
    promise in business time, or from a team that only works some hours, counts the nights and
    weekends a ticket can wait. A range is already at its worst end in the dossier."""
    checks.support_time(auditor_scenario.assessment(), arg.support_severity(severity), _duration(amount, unit),
                        "response")


@_step("then", f"the {Q.format('severity')} support resolution must be at most {_TIME}",
       validate=lambda cat, severity, amount, unit: arg.support_severity(severity))
def resolution_at_most(severity: str, amount: str, unit: str, auditor_scenario: ScenarioState) -> None:
    """Then the "high" support resolution must be at most 2 days

    As for the response, for the stated resolution time."""
    checks.support_time(auditor_scenario.assessment(), arg.support_severity(severity), _duration(amount, unit),
                        "resolution")


@_step("then", f"{Q.format('severity')} support must be available (?P<coverage>\\S+)",
       validate=lambda cat, severity, coverage: (arg.support_severity(severity), arg.coverage(coverage)))
def available(severity: str, coverage: str, auditor_scenario: ScenarioState) -> None:
    """Then "critical" support must be available 24x7

    The hours stated for that severity (its coverage, else the support hours) include every hour
    of the required coverage (24x7, 24x5, 8x5)."""
    checks.support_coverage(auditor_scenario.assessment(), arg.support_severity(severity), arg.coverage(coverage))


@_step("then", f"the vendor must offer {Q.format('channel')} support")
def offers_channel(channel: str, auditor_scenario: ScenarioState) -> None:
    """Then the vendor must offer "email" support

    A support channel of that type (phone, email, chat, portal, ticket ...), for any plan or tier."""
    checks.channel(auditor_scenario.assessment(), channel, everyone=False)


@_step("then", f"the vendor must offer {Q.format('channel')} support to every customer")
def offers_channel_to_all(channel: str, auditor_scenario: ScenarioState) -> None:
    """Then the vendor must offer "phone" support to every customer

    A channel of that type not reserved to some plans or partner tiers."""
    checks.channel(auditor_scenario.assessment(), channel, everyone=True)


@_step("then", "the vendor must describe an escalation process")
def escalation(auditor_scenario: ScenarioState) -> None:
    """Then the vendor must describe an escalation process

    The support documents describe how a ticket is escalated."""
    checks.escalation(auditor_scenario.assessment())


# --- sanctions, places, breach notification, contract ----------------------------------------------------

@_step("then", "the sanctions screening must be clear")
def screening_clear(auditor_scenario: ScenarioState) -> None:
    """Then the sanctions screening must be clear

    Neither the vendor, its parent and sub-processors nor any place it is hosted or works matches a
    denied-party list or a sanctioned jurisdiction (status clear). With no denied-party list the
    status is not_screened, which fails."""
    checks.screening_clear(auditor_scenario.assessment())


@_step("then", f"the vendor must host customer data only in {Q.format('places')}",
       validate=lambda cat, places: arg.places(places))
def hosted_only_in(places: str, auditor_scenario: ScenarioState) -> None:
    """Then the vendor must host customer data only in "EEA"

    Data residency: every stated hosting location is in one of the countries (ISO codes, or EU /
    EEA). No stated hosting location fails."""
    checks.hosted_only_in(auditor_scenario.assessment(), arg.places(places), places)


@_step("then", f"sub-processors must be located only in {Q.format('places')}",
       validate=lambda cat, places: arg.places(places))
def subprocessors_only_in(places: str, auditor_scenario: ScenarioState) -> None:
    """Then sub-processors must be located only in "EEA, CH, GB"

    Every listed sub-processor is in one of the countries. A dossier without a sub-processor list
    fails: ask the vendor for it."""
    checks.subprocessors_only_in(auditor_scenario.assessment(), arg.places(places), places)


@_step("then", f"no sub-processor may be located in {Q.format('places')}",
       validate=lambda cat, places: arg.places(places))
def subprocessors_not_in(places: str, auditor_scenario: ScenarioState) -> None:
    """Then no sub-processor may be located in "CN, RU"

    None of the listed sub-processors is in those countries."""
    checks.subprocessors_not_in(auditor_scenario.assessment(), arg.places(places), places)


@_step("then", f"the vendor must notify customers of a data breach within {_TIME}")
def breach_within(amount: str, unit: str, auditor_scenario: ScenarioState) -> None:
    """Then the vendor must notify customers of a data breach within 72 hours

    A breach-notification claim whose stated deadline is within the limit."""
    checks.breach_notification(auditor_scenario.assessment(), _duration(amount, unit))


@_step("then", "the vendor must let customers export their data after termination")
def export_after_termination(auditor_scenario: ScenarioState) -> None:
    """Then the vendor must let customers export their data after termination

    The contract lets the customer take its data out after termination, for at least the policy's
    export window (contract.export_window, 30 days by default), and does not delete it at once."""
    checks.export_after_termination(auditor_scenario.assessment(), None)


@_step("then", "the vendor must let customers export their data for at least (?P<days>\\d+) days after termination")
def export_window(days: str, auditor_scenario: ScenarioState) -> None:
    """Then the vendor must let customers export their data for at least 30 days after termination

    The export window after termination is stated and at least that long."""
    checks.export_after_termination(auditor_scenario.assessment(), int(days))


@_step("then", "the vendor must give at least (?P<days>\\d+) days notice before an automatic renewal")
def renewal_notice(days: str, auditor_scenario: ScenarioState) -> None:
    """Then the vendor must give at least 30 days notice before an automatic renewal

    The contract does not renew by itself, or says it gives at least that much notice first."""
    checks.renewal_notice(auditor_scenario.assessment(), int(days))


@_step("then", "the vendor must offer refunds")
def offers_refunds(auditor_scenario: ScenarioState) -> None:
    """Then the vendor must offer refunds

    The terms say refunds are given (in some window)."""
    checks.refunds(auditor_scenario.assessment())
