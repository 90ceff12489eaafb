"""Status of each common control for one vendor: claims, evidence, checks and rules combined.

Computed once per control; every framework requirement then reads these results, which is
what lets one piece of evidence answer every framework at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from auditor.catalog.loader import Catalog
from auditor.model.assessment import ControlResult, EvidenceDate, Reason, Stance
from auditor.model.base import add_period
from auditor.model.enums import CheckStatus, Polarity, Status
from auditor.model.evidence import EvidenceItem
from auditor.model.vendor import Citation, Claim, Vendor


@dataclass
class RuleOutcome:
    """A control decided by a rule (SLA, contract, screening) rather than by claims alone."""

    status: Status
    reasons: list[Reason] = field(default_factory=list)


QUOTE_LIMIT = 600


def quote(citation) -> str:
    """The cited line in quotes: whole, unless it runs past ``QUOTE_LIMIT`` (then marked with …)."""
    text = " ".join(citation.text.split())
    if len(text) > QUOTE_LIMIT:
        text = text[: QUOTE_LIMIT - 1].rstrip() + "\u2026"
    return f"{citation.where}: \u201c{text}\u201d"


def claim_reason(claim: Claim, control: str) -> Reason:
    verb = {Polarity.AFFIRMED: "states", Polarity.DENIED: "denies"}[claim.polarity]
    hedge = " (hedged)" if claim.hedged else ""
    if claim.citation is None:
        return Reason(kind="claim", control=control, text=f"the vendor {verb} {control}{hedge} (no citation)")
    cite = claim.citation
    where = f"{cite.document}:{cite.line}" if cite.cell is None else f"{cite.document}#{cite.cell}"
    return Reason(kind="claim", control=control, ref=where,
                  text=f"the vendor {verb} it{hedge}, {quote(cite)}")


def _counts_until(catalog: Catalog, control: str, item: EvidenceItem, since: date, policy_max: str) -> tuple[date, str]:
    """The last day evidence dated ``since`` counts for ``control``: the stricter of the control's
    expectation for its kind and the policy's maximum age, in calendar months (P24M is 24 months)."""
    expectation = next((e for e in catalog.controls[control].evidence if e.kind == item.kind), None)
    options = [(add_period(since, policy_max), policy_max)]
    if expectation is not None:
        options.append((add_period(since, expectation.max_age), expectation.max_age))
    return min(options)


def evidence_state(item: EvidenceItem, control: str, catalog: Catalog, as_of: date,
                   policy_max: str) -> tuple[bool, str]:
    """(valid, why) for one piece of evidence as proof of one control on ``as_of``."""
    if item.revoked:
        return False, "revoked"
    if item.superseded_by:
        return False, f"superseded by {item.superseded_by[:12]}"
    if item.valid_until is not None and as_of > item.valid_until:
        return False, f"expired on {item.valid_until.isoformat()}"
    since = item.effective or item.added_at.date()
    until, allowed = _counts_until(catalog, control, item, since, policy_max)
    if as_of > until:
        return False, f"dated {since.isoformat()}, older than the {allowed} allowed (counted until {until.isoformat()})"
    until = f", valid until {item.valid_until.isoformat()}" if item.valid_until else ""
    return True, f"dated {since.isoformat()}{until}"


def _describe(item: EvidenceItem) -> str:
    source = f" from {item.source}" if item.source else ""
    return f"{item.kind.value} {item.sha256[:12]}{source}"


def stance_of(statements) -> tuple[Stance, Citation | None]:
    """The one rule for what the vendor's own words say (claims of a control, or of a regulation):
    a plain denial outweighs hedged affirmations; a plain affirmation and a denial contradict."""
    affirmed = [c for c in statements if c.polarity == Polarity.AFFIRMED]
    denied = [c for c in statements if c.polarity == Polarity.DENIED]
    plain = [c for c in affirmed if not c.hedged]
    hedge_only = bool(affirmed) and not plain and any(not c.hedged for c in denied)
    if affirmed and denied and not hedge_only:
        return Stance.CONTRADICTED, denied[0].citation
    if denied:
        return Stance.DENIED, denied[0].citation
    if plain:
        return Stance.AFFIRMED, plain[0].citation
    if affirmed:
        return Stance.HEDGED, affirmed[0].citation
    return Stance.ABSENT, None


def _newest(items: list[EvidenceItem]) -> EvidenceDate | None:
    current = [e for e in items if not e.revoked and not e.superseded_by]
    if not current:
        return None
    newest = max(current, key=lambda e: e.effective or e.added_at.date())
    return EvidenceDate(sha256=newest.sha256, kind=newest.kind.value, dated=newest.effective or newest.added_at.date())


def assess_controls(catalog: Catalog, vendor: Vendor, evidence: list[EvidenceItem], rules: dict[str, RuleOutcome],
                    as_of: date, policy_max_age: str) -> dict[str, ControlResult]:
    claims_by_control: dict[str, list[Claim]] = {}
    for claim in vendor.claims:
        claims_by_control.setdefault(claim.control, []).append(claim)
    evidence_by_control: dict[str, list[EvidenceItem]] = {}
    for item in evidence:
        controls = set(item.covers)
        for check in item.checks:
            controls.update(check.controls)
        for control in controls:
            evidence_by_control.setdefault(control, []).append(item)

    results: dict[str, ControlResult] = {}
    for control in catalog.controls:
        claims = claims_by_control.get(control, [])
        affirmed = [c for c in claims if c.polarity == Polarity.AFFIRMED]
        denied = [c for c in claims if c.polarity == Polarity.DENIED]
        stance, stance_citation = stance_of(claims)
        reasons = [claim_reason(c, control) for c in denied + affirmed]
        valid, stale, failing = [], [], []
        for item in evidence_by_control.get(control, []):
            ok, why = evidence_state(item, control, catalog, as_of, policy_max_age)
            relevant_checks = [c for c in item.checks if not c.controls or control in c.controls]
            bad = [c for c in relevant_checks if c.status == CheckStatus.FAIL]
            if ok and bad:
                failing.append(item)
                for check in bad:
                    reasons.append(Reason(kind="check", control=control, ref=item.sha256,
                                          text=f"collected check {check.name} failed: {check.message or check.observed}"))
            elif ok and (not relevant_checks or any(c.status == CheckStatus.PASS for c in relevant_checks)):
                valid.append(item)
                reasons.append(Reason(kind="evidence", control=control, ref=item.sha256,
                                      text=f"evidence {_describe(item)}, {why}"))
            elif not ok:
                stale.append(item)
                reasons.append(Reason(kind="evidence", control=control, ref=item.sha256,
                                      text=f"evidence {_describe(item)} no longer counts: {why}"))
        rule = rules.get(control)
        if rule:
            reasons.extend(rule.reasons)

        # A hedged "may" or "usually" does not outweigh a plain denial: the denial stands (stance_of).
        if failing:
            status = Status.CONTRADICTED
        elif stance == Stance.CONTRADICTED:
            status = Status.CONTRADICTED
            reasons.insert(0, Reason(kind="rule", control=control,
                                     text="the vendor both affirms and denies this in its own documents"))
        elif rule and rule.status in (Status.GAP, Status.CONTRADICTED):
            status = rule.status
        elif stance == Stance.DENIED:
            status = Status.GAP
            if affirmed:
                reasons.insert(0, Reason(kind="rule", control=control,
                                         text="the vendor plainly denies this; its only affirmations are hedged"))
        elif valid or (rule and rule.status == Status.SATISFIED):
            status = Status.SATISFIED
        elif stale or (rule and rule.status == Status.STALE):
            status = Status.STALE
        elif affirmed or (rule and rule.status == Status.UNVERIFIED):
            status = Status.UNVERIFIED
            if affirmed:  # a rule alone (screening without lists, say) is not the vendor claiming it
                reasons.append(Reason(kind="rule", control=control, text="claimed, but no evidence collected"))
        else:
            status = Status.GAP
            reasons.append(Reason(kind="rule", control=control,
                                  text="not stated in the vendor's documents and no evidence collected"))
        results[control] = ControlResult(control=control, status=status, reasons=reasons, denied=bool(denied),
                                         stance=stance, stance_citation=stance_citation,
                                         newest_evidence=_newest(evidence_by_control.get(control, [])))
    return results
