"""Controls decided by the tool's own checks: SLA maths, contract terms, screening, agreements."""

from __future__ import annotations

from auditor.assess.controls import RuleOutcome
from auditor.model.assessment import (
    AttestationStanding,
    AttestationState,
    ContractAssessment,
    Reason,
    SlaAssessment,
)
from auditor.model.enums import AttestationType, ScreeningStatus, Status
from auditor.model.screening import ScreeningResult

CONTRACT_CONTROLS = {
    "auto-renewal": "auto-renewal-notice",
    "refunds": "refund-policy",
    "termination-data-export": "termination-data-export",
    "unilateral-changes": "terms-change-notice",
}

# Agreements a vendor signs are attestations that prove a control on their own.
AGREEMENT_CONTROLS = {
    AttestationType.HIPAA_BAA: "hipaa-baa",
    AttestationType.GDPR_DPA: "data-processing-agreement",
}


def sla_rule(rows: list[SlaAssessment]) -> RuleOutcome | None:
    stated = [r for r in rows if r.meets is not None]
    if not stated:
        return None
    failing = [r for r in stated if r.meets is False]
    reasons = [Reason(kind="sla", control="support-sla", text=f"{r.severity}: {r.reason}") for r in stated]
    return RuleOutcome(Status.GAP if failing else Status.UNVERIFIED, reasons)


def contract_rules(rows: list[ContractAssessment]) -> dict[str, RuleOutcome]:
    outcomes = {}
    for row in rows:
        control = CONTRACT_CONTROLS.get(row.term)
        if control is None or row.meets is None:
            continue
        reason = Reason(kind="contract", control=control, text=row.reason)
        outcomes[control] = RuleOutcome(Status.UNVERIFIED if row.meets else Status.GAP, [reason])
    return outcomes


def screening_rules(result: ScreeningResult | None, places: list[str]) -> dict[str, RuleOutcome]:
    if result is None:
        return {}
    place_hits = [h for h in result.hits if h.list.lower().startswith("jurisdiction")]
    party_hits = [h for h in result.hits if h not in place_hits]
    outcomes: dict[str, RuleOutcome] = {}

    def outcome(hits, control: str, clear_text: str, available: bool) -> RuleOutcome:
        reasons = [Reason(kind="screening", control=control,
                          text=f"{h.status.value}: {h.query or ''} ~ {h.name} ({h.list}, score {h.score:.2f}): {h.reason}")
                   for h in hits]
        if any(h.status == ScreeningStatus.MATCH for h in hits):
            return RuleOutcome(Status.GAP, reasons)
        if hits:
            return RuleOutcome(Status.UNVERIFIED, reasons)
        if not available:
            return RuleOutcome(Status.UNVERIFIED, [Reason(kind="screening", control=control, text=clear_text)])
        return RuleOutcome(Status.SATISFIED, [Reason(kind="screening", control=control, text=clear_text)])

    lists = ", ".join(f"{i.name} dated {i.date}" for i in result.lists) or "no list"
    if places or place_hits:
        outcomes["embargoed-jurisdictions"] = outcome(
            place_hits, "embargoed-jurisdictions",
            f"no declared location is in a sanctioned jurisdiction ({', '.join(places)})", True)
    else:  # nothing to check is not the same as checked and clear
        outcomes["embargoed-jurisdictions"] = RuleOutcome(Status.UNVERIFIED, [Reason(
            kind="screening", control="embargoed-jurisdictions",
            text="no headquarters, hosting or sub-processor location is declared, so none could be checked "
                 "against sanctioned jurisdictions")])
    outcomes["sanctions-screening"] = outcome(
        party_hits, "sanctions-screening",
        f"screened against {lists}: clear" if result.lists_available
        else "not screened against denied-party lists (no list available; run `auditor lists update`)",
        result.lists_available)
    return outcomes


# How an agreement's standing (assess/standing.py) decides its control.
_AGREEMENT_STATUS = {
    AttestationState.VALID: Status.SATISFIED,
    AttestationState.EXPIRED: Status.STALE,
    AttestationState.REJECTED: Status.GAP,
    AttestationState.DENIED: Status.GAP,
    AttestationState.CLAIMED: Status.UNVERIFIED,
    AttestationState.HEDGED: Status.UNVERIFIED,
}


def agreement_rules(standings: list[AttestationStanding]) -> dict[str, RuleOutcome]:
    """A signed BAA or DPA proves its control; a denial is a gap; an offer is the vendor's word only."""
    outcomes: dict[str, RuleOutcome] = {}
    for standing in standings:
        control = AGREEMENT_CONTROLS.get(standing.type)
        status = _AGREEMENT_STATUS.get(standing.state)
        if control is None or status is None:  # absent or uncited: the claims decide
            continue
        outcomes[control] = RuleOutcome(status, [Reason(kind="attestation", control=control, ref=standing.evidence,
                                                        text=standing.reason)])
    return outcomes
