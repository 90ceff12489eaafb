"""The verdict: the one place that decides it, from the Assessment and the policy's rules.

It weighs how much is known, not only the worst finding: hard rules first (a sanctions match, a
denied BAA with health data ...), then critical findings and failed requirement scenarios, then
the floor of verified coverage ("Insufficient evidence", never "Acceptable", below it), then the
worst remaining finding. Each verdict names the rule that set it (``Verdict.rule``). The rules and
their words live in ``auditor/data/policy.yaml`` (``verdict:``); the README explains them.
"""

from __future__ import annotations

from collections.abc import Iterable

from auditor.assess.policy import HardRule, VerdictPolicy
from auditor.assess.standing import standing_for
from auditor.model.assessment import (
    Assessment,
    AttestationStanding,
    Decision,
    HardRuleHit,
    RegulationStance,
    Verdict,
)
from auditor.model.enums import DataCategory, Severity
from auditor.model.screening import ScreeningResult


def hard_rule_hits(rules: Iterable[HardRule], scope: Iterable[DataCategory | str],
                   standings: list[AttestationStanding], screening: ScreeningResult | None,
                   regulations: Iterable[RegulationStance] = ()) -> list[HardRuleHit]:
    """The hard rules that hold (computed once by the engine and kept in the Assessment)."""
    in_scope = {DataCategory(c) for c in scope}
    regulations = list(regulations)
    hits = []
    for rule in rules:
        if rule.scope is not None and rule.scope not in in_scope:
            continue
        why = []
        if screening is not None and screening.status in rule.screening:
            names = "; ".join(f"{h.query or ''} ~ {h.name} ({h.list})" for h in screening.hits
                              if h.status in rule.screening)
            why.append(f"screening {screening.status.value}" + (f": {names}" if names else ""))
        if rule.attestation is not None:
            standing = standing_for(standings, rule.attestation)
            if standing.state in rule.states:
                why.append(standing.reason)
        if rule.regulation_denied is not None:
            denied = [r for r in regulations if r.regulation == rule.regulation_denied.value and r.stance.denied]
            if denied:
                cite = f" (line {denied[0].citation.line})" if denied[0].citation else ""
                why.append(f"the vendor denies {rule.regulation_denied.value} compliance{cite}")
        if why:
            context = f" with {rule.scope.value} in scope" if rule.scope else ""
            hits.append(HardRuleHit(rule=rule.id, text=rule.text, reason="; ".join(why) + context,
                                    finding=rule.finding, control=rule.control))
    return hits


def decide(assessment: Assessment, policy: VerdictPolicy) -> Verdict:
    """The verdict for an Assessment (with its requirement results already folded in)."""
    words = policy.words
    if assessment.hard_rules:
        first = assessment.hard_rules[0]
        return Verdict(decision=Decision.NOT_ACCEPTABLE, rule=f"hard-rule:{first.rule}",
                       text=f"{words.not_acceptable}: {first.text}",
                       reasons=[f"{h.rule}: {h.reason}" for h in assessment.hard_rules])
    counts = {s: 0 for s in Severity}
    for finding in assessment.findings:
        counts[finding.severity] += 1
    if counts[Severity.CRITICAL]:
        return Verdict(decision=Decision.NOT_ACCEPTABLE, rule="critical-finding",
                       text=f"{words.not_acceptable}: {counts[Severity.CRITICAL]} critical finding(s) must be "
                            "resolved first",
                       reasons=[f.title for f in assessment.findings if f.severity == Severity.CRITICAL])
    run = assessment.requirements_run
    if run is not None and run.failed and policy.failed_requirements_not_acceptable:
        return Verdict(decision=Decision.NOT_ACCEPTABLE, rule="failed-requirements",
                       text=f"{words.not_acceptable}: {run.failed} of the organisation's requirement "
                            "scenario(s) failed",
                       reasons=[f"{s.get('feature')}: {s.get('name')}: {s.get('message')}" for s in run.scenarios
                                if s.get("status") != "passed"])
    applicable = [fw for fw in assessment.frameworks if fw.applicable]
    metric = policy.floor_metric
    weighed = [fw for fw in applicable if fw.id not in policy.floor_exempt]
    below = [fw for fw in weighed if getattr(fw, metric) < policy.floor]
    if not weighed or below:
        reasons = ([f"{fw.id}: {metric} {getattr(fw, metric):.1f}% < floor {policy.floor:g}%" for fw in below]
                   or ["no applicable framework was audited"])
        return Verdict(decision=Decision.INSUFFICIENT_EVIDENCE, rule="floor",
                       text=f"{words.insufficient_evidence}: {reasons[0]}"
                            + (f" (and {len(reasons) - 1} more)" if len(reasons) > 1 else ""),
                       reasons=reasons)
    if counts[Severity.HIGH]:
        return Verdict(decision=Decision.REMEDIATE, rule="high-finding",
                       text=f"{words.remediate} of {counts[Severity.HIGH]} high finding(s)",
                       reasons=[f.title for f in assessment.findings if f.severity == Severity.HIGH])
    if counts[Severity.MEDIUM]:
        return Verdict(decision=Decision.FOLLOW_UP, rule="medium-finding",
                       text=f"{words.follow_up}: {counts[Severity.MEDIUM]} medium finding(s)")
    return Verdict(decision=Decision.ACCEPTABLE, rule="no-finding",
                   text=f"{words.acceptable}: no finding above low severity, every applicable framework at or "
                        f"above the {policy.floor:g}% {metric} floor")
