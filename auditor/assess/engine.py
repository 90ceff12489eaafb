"""The audit: from catalog, dossier, evidence, screening and policy to an Assessment.

Pure computation: everything it needs is passed in, nothing is read or printed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from auditor.assess.attestation_facts import contradiction_rules, fourth_parties, responsibilities
from auditor.assess.contract import assess_contract
from auditor.assess.controls import RuleOutcome, assess_controls
from auditor.assess.facts import vendor_facts
from auditor.assess.findings import build_findings
from auditor.assess.policy import Policy
from auditor.assess.rules import agreement_rules, contract_rules, screening_rules, sla_rule
from auditor.assess.standing import attestation_standings, best_of
from auditor.assess.verdict import hard_rule_hits
from auditor.assess.support import assess_sla
from auditor.catalog.loader import Catalog
from auditor.model.assessment import (
    Assessment,
    AttestationStanding,
    AttestationState,
    ControlResult,
    FrameworkCounts,
    FrameworkResult,
    Reason,
    RequirementResult,
)
from auditor.model.catalog import Framework, Requirement
from auditor.model.enums import Coverage, DataCategory, Status
from auditor.model.evidence import EvidenceItem
from auditor.model.screening import ScreeningResult
from auditor.model.vendor import Vendor

# Worst first: a requirement is only as good as the weakest control it needs.
_RANK = {Status.GAP: 0, Status.STALE: 1, Status.UNVERIFIED: 2, Status.SATISFIED: 3}
FRAMEWORK_ORDER = ["iso27001-2022", "soc2-2017", "gdpr", "hipaa-security", "pci-dss-4.0.1", "ear-ofac",
                   "vendor-due-diligence"]


@dataclass
class AuditInputs:
    catalog: Catalog
    vendor: Vendor
    policy: Policy
    evidence: list[EvidenceItem] = field(default_factory=list)
    screening: ScreeningResult | None = None
    as_of: date | None = None
    scope: list[DataCategory] | None = None
    frameworks: list[str] | None = None
    inputs: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    language: str | None = None  # of the questions to the vendor: en, ar, or None for the vendor's own


def ordered_frameworks(catalog: Catalog, wanted: list[str] | None) -> list[Framework]:
    if wanted:
        return [catalog.framework(f) for f in wanted]
    known = [f for f in FRAMEWORK_ORDER if f in catalog.frameworks]
    extra = sorted(f for f in catalog.frameworks if f not in FRAMEWORK_ORDER)
    return [catalog.frameworks[f] for f in known + extra]


def _scope_reason(applies_when: list[DataCategory], scope: set[DataCategory], what: str) -> str | None:
    """None when in scope; else why not."""
    if not applies_when or scope.intersection(applies_when):
        return None
    needed = " or ".join(c.value for c in applies_when)
    held = ", ".join(sorted(c.value for c in scope)) or "nothing declared"
    return f"{what} applies only when the engagement involves {needed}; this one involves {held}"


def _attestation_reason(standing: AttestationStanding) -> Reason:
    return Reason(kind="attestation", ref=standing.evidence, text=standing.reason)


def assess_requirement(req: Requirement, controls: dict[str, ControlResult],
                       attestation: AttestationStanding | None) -> RequirementResult:
    """A requirement from its controls and the standing of the framework's attestation (assess/standing.py)."""
    mapped = [(m, controls[m.control]) for m in req.controls]
    deciding = [r for m, r in mapped if m.coverage == Coverage.FULL] or [r for _, r in mapped]
    reasons: list[Reason] = []
    state = attestation.state if attestation is not None else AttestationState.ABSENT
    denied_full = [r for r in deciding if r.denied]
    contradicted = [r for _, r in mapped if r.status == Status.CONTRADICTED]
    if contradicted:
        status = Status.CONTRADICTED
        reasons.append(Reason(kind="rule", text="contradicted: " + ", ".join(r.control for r in contradicted)))
    elif state == AttestationState.VALID and denied_full:
        status = Status.CONTRADICTED
        reasons.append(_attestation_reason(attestation))
        reasons.append(Reason(kind="rule", text="the attestation covers it, but the vendor denies "
                                                + ", ".join(r.control for r in denied_full)))
    elif state == AttestationState.VALID:
        status = Status.SATISFIED
        reasons.append(_attestation_reason(attestation))
    else:
        status = min((r.status for r in deciding), key=_RANK.__getitem__)
        if (state == AttestationState.EXPIRED and attestation.evidence and not denied_full
                and status in (Status.GAP, Status.UNVERIFIED)):
            status = Status.STALE
            reasons.append(_attestation_reason(attestation))
        elif state in (AttestationState.CLAIMED, AttestationState.REJECTED, AttestationState.EXPIRED):
            # a certificate only mentioned (or one its own document rules out) proves nothing here
            reasons.append(_attestation_reason(attestation))
        weakest = [r.control for r in deciding if r.status == status]
        if weakest and status != Status.SATISFIED:
            reasons.append(Reason(kind="rule", text=f"{status.value} because of: {', '.join(weakest)}"))
    for _, result in mapped:
        reasons.extend(result.reasons)
    claims = sorted({x.ref for x in reasons if x.kind == "claim" and x.ref})
    evidence = sorted({x.ref for x in reasons if x.kind in ("evidence", "check", "attestation") and x.ref})
    return RequirementResult(id=req.id, title=req.title, status=status, controls=req.control_ids, reasons=reasons,
                             control_results=[r for _, r in mapped], evidence=evidence, claims=claims,
                             attributes=dict(req.attributes))


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def run_audit(inputs: AuditInputs) -> Assessment:
    catalog, vendor, policy = inputs.catalog, inputs.vendor, inputs.policy
    as_of = inputs.as_of or date.today()
    declared = inputs.scope if inputs.scope is not None else (vendor.engagement.data or policy.scope)
    scope = {DataCategory(c) for c in declared}
    evidence_by_sha = {e.sha256: e for e in inputs.evidence}

    sla_rows = assess_sla(vendor.support, policy.sla, as_of)
    contract_rows = assess_contract(vendor.contract, policy.contract, as_of)
    places = sorted({(loc.region or loc.country) for loc in vendor.locations()})
    rules: dict[str, RuleOutcome] = {}
    rules.update(contract_rules(contract_rows))
    rules.update(screening_rules(inputs.screening, places))
    standings = attestation_standings(vendor, inputs.evidence, as_of, policy=policy)
    rules.update(agreement_rules(standings))
    rules.update(contradiction_rules(standings, evidence_by_sha, catalog, policy))  # what SOC 2 reports say failed
    sla_outcome = sla_rule(sla_rows)
    if sla_outcome:
        rules["support-sla"] = sla_outcome
    controls = assess_controls(catalog, vendor, inputs.evidence, rules, as_of, policy.evidence.max_age)
    facts = vendor_facts(vendor, as_of, controls)

    # Every framework is assessed, the selected ones first: findings (and gates) never depend on
    # --framework; the Assessment shows the selected frameworks only.
    selected = [fw.id for fw in ordered_frameworks(catalog, inputs.frameworks)]
    everything = [catalog.frameworks[f] for f in selected] + [
        fw for fw in ordered_frameworks(catalog, None) if fw.id not in selected]
    frameworks = []
    for fw in everything:
        fw_reason = _scope_reason(fw.applies_when, scope, fw.name)
        attestation = best_of(standings, fw.attestations)
        results = []
        for req in fw.requirements:
            why_not = fw_reason or (_scope_reason(req.applies_when, scope, req.id) if req.applies_when else None)
            if why_not:
                results.append(RequirementResult(
                    id=req.id, title=req.title, status=Status.NOT_APPLICABLE, controls=req.control_ids,
                    reasons=[Reason(kind="scope", text=why_not)], attributes=dict(req.attributes)))
            else:
                results.append(assess_requirement(req, controls, attestation))
        counts = {s: 0 for s in Status}
        for r in results:
            counts[r.status] += 1
        applicable = len(results) - counts[Status.NOT_APPLICABLE]
        frameworks.append(FrameworkResult(
            id=fw.id, name=fw.name, version=fw.version, applicable=fw_reason is None, scope_reason=fw_reason,
            coverage=_percent(counts[Status.SATISFIED] + counts[Status.UNVERIFIED], applicable),
            verified=_percent(counts[Status.SATISFIED], applicable),
            counts=FrameworkCounts(**{s.value: n for s, n in counts.items()}),
            requirements=results,
        ))

    hard_rules = hard_rule_hits(policy.verdict.hard_rules, scope, standings, inputs.screening, facts.regulations)
    findings = build_findings(catalog, vendor, policy, frameworks, controls, sla_rows, contract_rows,
                              inputs.screening, evidence_by_sha, as_of, attestations=standings, hard_rules=hard_rules,
                              language=inputs.language, selected=selected)
    frameworks = [fw for fw in frameworks if fw.id in selected]
    warnings = list(inputs.warnings)
    if inputs.screening is not None:
        warnings.extend(inputs.screening.warnings)
    return Assessment(
        vendor_id=vendor.id, vendor_name=vendor.name, generated_at=datetime.now(timezone.utc), as_of=as_of,
        scope=sorted(c.value for c in scope), frameworks=frameworks, findings=findings, screening=inputs.screening,
        sla=sla_rows, contract=contract_rows, attestations=standings, hard_rules=hard_rules,
        controls=list(controls.values()), facts=facts,
        responsibilities=responsibilities(standings, evidence_by_sha),
        fourth_parties=fourth_parties(inputs.evidence, vendor, policy),
        inputs=dict(inputs.inputs), warnings=warnings,
    )
