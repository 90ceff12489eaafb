"""The ONE attestation standing: does the vendor hold attestation X on this date, and why.

Every reader asks this module and nothing else: the engine (frameworks an attestation covers),
the agreement rules (a signed BAA or DPA proves its control), findings, the reports (the standings
are stored in ``Assessment.attestations``) and the Gherkin steps (which read the Assessment,
never the dossier). Writing the rule a second time anywhere is a defect.

How one type is decided (``attestation_standings``): every source is judged on its own, then the
best one wins in the order of ``AttestationState`` (valid > expired > rejected > denied > claimed
> hedged > uncited > absent):

- evidence whose ``attests`` names the type, or that a dossier attestation links to (a superseded
  document gives way to the one that replaced it): ``valid`` when current on the date (within its
  validity and the stated expiry), else ``expired``; ``rejected`` when revoked; then the fact rules
  below may lower it;
- a dossier attestation without evidence: ``denied``, ``hedged``, ``expired`` (by its own stated
  expiry), ``claimed`` when cited, ``uncited`` when it has no citation (someone typed it in);
- nothing: ``absent``.

Extension point for facts read from attestation documents (SOC 2 reports, bridge letters, ISO
certificates ...). A fact rule is a plain function::

    def rule(item: EvidenceItem, kind: AttestationType, ctx: StandingContext) -> Downgrade | None

It sees one evidence item that would count for ``kind`` (its typed ``facts``, when the reader
filled them) and returns ``None`` when it has nothing to say, or a ``Downgrade`` naming a worse
state (``rejected``: organisation mismatch, Type I offered for Type II, unreadable document;
``expired``: the period does not cover the date ...) and the reason a reviewer reads. A rule can
only lower a standing, never raise it. Rules are listed in ``FACT_RULES`` of
assess/attestation_facts.py (read by ``_fact_rules``) or passed explicitly to
``attestation_standings(..., rules=...)`` in tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from datetime import date

from auditor.model.assessment import AttestationStanding, AttestationState
from auditor.model.enums import AttestationType, Polarity
from auditor.model.evidence import EvidenceItem
from auditor.model.vendor import Attestation, Citation, Vendor

_BEST_FIRST = list(AttestationState)


@dataclass(frozen=True)
class StandingContext:
    """What a fact rule may compare an evidence item with."""

    vendor: Vendor
    as_of: date
    evidence: Mapping[str, EvidenceItem] = field(default_factory=dict)  # every item: a bridge letter extends a report
    policy: Any = None  # the audit's Policy (its attestation_documents section), when the caller has one


@dataclass(frozen=True)
class Downgrade:
    """A fact rule's answer: the (worse) state the evidence item gets, and why."""

    state: AttestationState
    reason: str


FactRule = Callable[[EvidenceItem, AttestationType, StandingContext], "Downgrade | None"]

def _fact_rules() -> tuple[FactRule, ...]:
    """Fact rules applied to every evidence item that would count for an attestation (see module doc):
    what attestation documents say (assess/attestation_facts.py)."""
    from auditor.assess.attestation_facts import FACT_RULES

    return FACT_RULES


def _rank(state: AttestationState) -> int:
    return _BEST_FIRST.index(state)


def _cite(citation: Citation | None) -> str:
    if citation is None:
        return ""
    text = " ".join(citation.text.split())
    if len(text) > 160:
        text = text[:159].rstrip() + "\u2026"
    return f" (line {citation.line}: \u201c{text}\u201d)"


def _earliest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


def _judge_item(item: EvidenceItem, kind: AttestationType, ctx: StandingContext, rules: Sequence[FactRule],
                att: Attestation | None = None) -> AttestationStanding:
    """One evidence item as proof of ``kind``, after the fact rules."""
    until = _earliest(item.valid_until, att.expires if att else None)
    scope = f" (scope: {att.scope})" if att and att.scope else ""
    short = item.sha256[:12]
    if item.revoked:  # withdrawn (wrong vendor, forged ...): it shows nothing, and says so
        state, reason = AttestationState.REJECTED, f"{kind.value} evidence {short} was revoked"
    elif item.superseded_by:
        state, reason = AttestationState.EXPIRED, f"{kind.value} evidence {short} was superseded"
    elif until is not None and until < ctx.as_of:
        state, reason = (AttestationState.EXPIRED,
                         f"{kind.value} evidence {short}{scope} expired on {until.isoformat()}")
    else:
        ends = f", valid until {until.isoformat()}" if until else ""
        state, reason = AttestationState.VALID, f"{kind.value} collected as evidence {short}{scope}{ends}"
    for rule in rules:
        lowered = rule(item, kind, ctx)
        if lowered is not None and _rank(lowered.state) > _rank(state):
            state, reason = lowered.state, f"{kind.value} evidence {short}: {lowered.reason}"
    return AttestationStanding(type=kind, state=state, reason=reason, evidence=item.sha256, valid_until=until,
                               citation=att.citation if att else None, scope=att.scope if att else None)


def _judge_statement(att: Attestation, as_of: date) -> AttestationStanding:
    """A dossier attestation with no evidence in the store: the vendor's word only."""
    kind, cite = att.type.value, _cite(att.citation)
    if att.polarity == Polarity.DENIED:
        state, reason = AttestationState.DENIED, f"the vendor states it does not hold or sign a {kind}{cite}"
    elif att.hedged:
        state, reason = AttestationState.HEDGED, f"only a hedged statement of {kind}{cite}"
    elif att.expires is not None and att.expires < as_of:
        state, reason = AttestationState.EXPIRED, f"{kind} stated to expire on {att.expires.isoformat()}{cite}"
    elif att.citation is None:
        state, reason = AttestationState.UNCITED, (f"{kind} listed in the dossier with no citation and no "
                                                   "evidence: it counts for nothing")
    else:
        missing = f"; its evidence {att.evidence[:12]} is not in the store" if att.evidence else ""
        state, reason = AttestationState.CLAIMED, (f"the vendor states it holds {kind}{cite}; "
                                                   f"no certificate or report collected{missing}")
    return AttestationStanding(type=att.type, state=state, reason=reason, citation=att.citation,
                               valid_until=att.expires, scope=att.scope)


def _current(item: EvidenceItem | None, evidence: Mapping[str, EvidenceItem]) -> EvidenceItem | None:
    """The document that stands for ``item`` now: the end of its chain of supersessions."""
    seen: set[str] = set()
    while item is not None and item.superseded_by and item.superseded_by in evidence and item.sha256 not in seen:
        seen.add(item.sha256)
        item = evidence[item.superseded_by]
    return item


def _candidates(kind: AttestationType, vendor: Vendor, evidence: dict[str, EvidenceItem], ctx: StandingContext,
                rules: Sequence[FactRule]) -> Iterable[AttestationStanding]:
    linked: set[str] = set()
    for att in vendor.attestations:
        if att.type != kind:
            continue
        item = _current(evidence.get(att.evidence), evidence) if att.evidence else None
        if item is not None and att.polarity == Polarity.AFFIRMED:
            linked.add(item.sha256)
            yield _judge_item(item, kind, ctx, rules, att)
        else:
            yield _judge_statement(att, ctx.as_of)
    for item in evidence.values():
        if item.superseded_by and item.superseded_by in evidence:
            continue  # history: the document that replaced it is judged in its place
        if kind in item.attests and item.sha256 not in linked:
            yield _judge_item(item, kind, ctx, rules)


def standing_of(kind: AttestationType, vendor: Vendor, evidence: dict[str, EvidenceItem], as_of: date,
                rules: Sequence[FactRule] | None = None, policy: Any = None) -> AttestationStanding:
    """The standing of one attestation type: the best of its sources (see the module doc)."""
    ctx = StandingContext(vendor=vendor, as_of=as_of, evidence=evidence, policy=policy)
    found = list(_candidates(kind, vendor, evidence, ctx, _fact_rules() if rules is None else rules))
    if not found:
        return AttestationStanding(type=kind, state=AttestationState.ABSENT,
                                   reason=f"no {kind.value} stated or collected")
    return min(found, key=lambda s: _rank(s.state))


def attestation_standings(vendor: Vendor, evidence: Iterable[EvidenceItem], as_of: date,
                          rules: Sequence[FactRule] | None = None, policy: Any = None) -> list[AttestationStanding]:
    """Every attestation type's standing on ``as_of``, in the contract's order of types."""
    by_sha = {e.sha256: e for e in evidence}
    return [standing_of(kind, vendor, by_sha, as_of, rules, policy) for kind in AttestationType]


def best_of(standings: Iterable[AttestationStanding], types: Iterable[str]) -> AttestationStanding | None:
    """The strongest standing among ``types`` (a framework's attestations); None when none is named."""
    wanted = set(types)
    chosen = [s for s in standings if s.type.value in wanted]
    return min(chosen, key=lambda s: _rank(s.state)) if chosen else None


def standing_for(standings: Iterable[AttestationStanding], kind: AttestationType | str) -> AttestationStanding:
    """The standing of one type from an Assessment's list (absent when the list predates it)."""
    kind = AttestationType(kind)
    for s in standings:
        if s.type == kind:
            return s
    return AttestationStanding(type=kind, state=AttestationState.ABSENT, reason=f"no {kind.value} on record")
