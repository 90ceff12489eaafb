"""Findings: what a reviewer must act on, ranked by severity, each with the question to send.

Findings are never dropped: one whose control maps to no audited framework is still reported,
placed under the framework the catalog maps it to and marked ``outside_selection`` ("outside the
selected frameworks"), and it counts for gates and the verdict like any other.

Extension point: a finding source is a plain function ``(ctx: FindingContext) -> Iterable[Finding]``.
Sources live in their owners' modules (attestation facts, questionnaire contradictions ...) and are
listed in ``FINDING_SOURCES`` below (or passed to ``build_findings(..., sources=...)``). Build each
finding with ``ctx.finding(...)``: it places the finding under the requirement it affects (or
outside the selection) so nothing is lost; ``ctx`` carries the catalog, vendor, policy, audited
frameworks, control results, attestation standings, screening, evidence and audit date. Control
findings (one per open control) run last, after every source, and skip what a source of kind
``sla``, ``contract``, ``screening`` or ``policy`` already explains.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from auditor.assess.attestation_facts import fact_findings, rejection_explained
from auditor.assess.controls import quote
from auditor.assess.policy import Policy
from auditor.assess.rules import AGREEMENT_CONTROLS, CONTRACT_CONTROLS
from auditor.catalog.loader import Catalog
from auditor.model.assessment import (
    AttestationStanding,
    AttestationState,
    ContractAssessment,
    ControlResult,
    Finding,
    FrameworkResult,
    HardRuleHit,
    Reason,
    SlaAssessment,
)
from auditor.model.enums import Polarity, ScreeningStatus, Severity, Status, SupportSeverity
from auditor.model.evidence import EvidenceItem
from auditor.model.screening import ScreeningResult
from auditor.model.vendor import Citation, Vendor
from auditor.questionnaires.findings import questionnaire_findings
from auditor.questions import (
    attestation_name,
    attestation_question,
    lower_first,
    question_for,
    sla_question,
    vendor_language,
)

_ORDER = sorted(Severity, key=lambda s: s.rank)


def _lower(severity: Severity) -> Severity:
    """One step less severe, but never below low (and info stays info)."""
    if severity == Severity.INFO:
        return Severity.INFO
    return _ORDER[min(severity.rank + 1, Severity.LOW.rank)]


def _worse(a: Severity, b: Severity) -> Severity:
    return a if a.rank <= b.rank else b


def _capped(base: Severity, severity: Severity) -> Severity:
    """A control the policy rates ``info`` yields info findings only: the policy's word stands."""
    return Severity.INFO if base == Severity.INFO else severity


def _quote(citation: Citation | None) -> str:
    if citation is None:
        return ""
    return f" ({quote(citation)})"


_FULL: dict[int, tuple[object, dict[str, dict[str, bool]]]] = {}


def _full_mappings(definition) -> dict[str, dict[str, bool]]:
    """requirement -> control -> fully covered, per framework definition (computed once per catalog)."""
    if definition is None:
        return {}
    cached = _FULL.get(id(definition))
    if cached is None or cached[0] is not definition:
        cached = (definition, {req.id: {m.control: m.coverage.value == "full" for m in req.controls}
                               for req in definition.requirements})
        _FULL[id(definition)] = cached
    return cached[1]


class _Affected:
    """Applicable requirements per control, for naming where a finding lands: requirements the
    control fully covers first, then the rest, each group in framework order."""

    def __init__(self, catalog: Catalog, frameworks: list[FrameworkResult]):
        self.by_control: dict[str, list[tuple[str, str, Status, bool]]] = {}
        self.any_by_control: dict[str, list[tuple[str, str]]] = {}
        self.attributes: dict[tuple[str, str], dict] = {}
        for fw in frameworks:
            coverage = _full_mappings(catalog.frameworks.get(fw.id))
            for req in fw.requirements:
                self.attributes[(fw.id, req.id)] = req.attributes
                for control in req.controls:
                    self.any_by_control.setdefault(control, []).append((fw.id, req.id))
                    if req.status != Status.NOT_APPLICABLE:
                        full = coverage.get(req.id, {}).get(control, False)
                        self.by_control.setdefault(control, []).append((fw.id, req.id, req.status, full))
        for entries in self.by_control.values():
            entries.sort(key=lambda e: not e[3])  # stable: full mappings first, framework order kept

    def open(self, control: str) -> list[tuple[str, str]]:
        return [(f, r) for f, r, s, _ in self.by_control.get(control, []) if s != Status.SATISFIED]

    def first(self, control: str, prefer: tuple[str, str] | None = None,
              attribute: tuple[str, str] | None = None) -> tuple[str, str] | None:
        applicable = [(f, r) for f, r, _, _ in self.by_control.get(control, [])]
        if prefer and prefer in applicable:
            return prefer
        if attribute:
            for where in applicable:
                if str(self.attributes.get(where, {}).get(attribute[0], "")) == attribute[1]:
                    return where
        if applicable:
            return applicable[0]
        mapped = self.any_by_control.get(control, [])
        return mapped[0] if mapped else None


def _claimed(result: ControlResult) -> bool:
    """Whether the vendor's own words (a claim, a contract term, an SLA, an agreement) back the control."""
    return any(r.kind in ("claim", "contract", "sla", "attestation") for r in result.reasons)


def _control_finding(catalog: Catalog, policy: Policy, result: ControlResult,
                     affected: list[tuple[str, str]], language: str = "en") -> Finding | None:
    control = catalog.controls[result.control]
    base = policy.severity.for_control(control.id)
    ask = question_for(control, None, language, situation="ask")
    if result.status == Status.CONTRADICTED:
        severity, title = _capped(base, _worse(base, Severity.HIGH)), f"{control.title}: contradicted"
        question = ask
    elif result.status == Status.GAP and result.denied:
        severity, title, question = base, f"{control.title}: the vendor denies it", ask
    elif result.status == Status.GAP:
        severity, title, question = _lower(base), f"{control.title}: not addressed", ask
    elif result.status == Status.STALE:
        severity = _capped(base, Severity.MEDIUM if base in (Severity.CRITICAL, Severity.HIGH) else Severity.LOW)
        title = f"{control.title}: evidence out of date"
        question = question_for(control, None, language, situation="current")
    elif result.status == Status.UNVERIFIED:
        severity = Severity.LOW if base in (Severity.CRITICAL, Severity.HIGH) else Severity.INFO
        if _claimed(result):
            title = f"{control.title}: claimed, no evidence"
            question = question_for(control, None, language, situation="evidence")
        else:  # lifted by a rule (screening, a claimed certificate), not stated by the vendor
            title, question = f"{control.title}: not verified", ask
    else:
        return None
    framework, requirement = affected[0]
    return Finding(severity=severity, framework=framework, requirement=requirement, control=control.id, title=title,
                   detail=f"affects {len(affected)} requirement{'s' if len(affected) != 1 else ''}",
                   question=question, basis=result.reasons[:6], kind="control",
                   requirements=[f"{f}:{r}" for f, r in affected])


@dataclass(frozen=True)
class FindingContext:
    """Everything a finding source may read; ``finding()`` builds and places a Finding."""

    catalog: Catalog
    vendor: Vendor
    policy: Policy
    frameworks: list[FrameworkResult]
    controls: dict[str, ControlResult]
    sla: list[SlaAssessment]
    contract: list[ContractAssessment]
    screening: ScreeningResult | None
    evidence: dict[str, EvidenceItem]
    attestations: list[AttestationStanding]
    hard_rules: list[HardRuleHit]
    as_of: date
    affected: _Affected
    language: str = "en"  # of the questions to the vendor (auditor/questions.py)

    def _catalog_place(self, control: str | None, framework: str | None) -> tuple[str, str] | None:
        """Where the catalog maps a control (or a framework's first requirement), audited or not."""
        order = [fw.id for fw in self.frameworks] + sorted(self.catalog.frameworks)
        for fw_id in dict.fromkeys(order):
            fw = self.catalog.frameworks.get(fw_id)
            if fw is None:
                continue
            for req in fw.requirements:
                if control and control in req.control_ids:
                    return fw.id, req.id
        fw = self.catalog.frameworks.get(framework or "")
        if fw is not None and fw.requirements:
            return fw.id, fw.requirements[0].id
        return None

    def place(self, control: str | None, *, prefer: tuple[str, str] | None = None,
              attribute: tuple[str, str] | None = None, framework: str | None = None) -> tuple[str, str, bool]:
        """(framework, requirement, outside the selection): never nowhere."""
        audited = {fw.id for fw in self.frameworks}
        where = self.affected.first(control, prefer, attribute) if control else None
        if where is None and framework in audited:
            fw = self.catalog.frameworks.get(framework)
            where = (framework, fw.requirements[0].id) if fw and fw.requirements else None
        if where is not None:
            return where[0], where[1], False
        found = self._catalog_place(control, framework)
        if found is None:
            return framework or "none", "", True
        return found[0], found[1], found[0] not in audited

    def finding(self, severity: Severity, control: str | None, title: str, *, kind: str,
                question: str | None = None, ask_vendor: bool = True, detail: str = "",
                basis: list[Reason] | None = None,
                prefer: tuple[str, str] | None = None, framework: str | None = None,
                attribute: tuple[str, str] | None = None) -> Finding:
        fw, req, outside = self.place(control, prefer=prefer, attribute=attribute, framework=framework)
        if question is None and ask_vendor and control and control in self.catalog.controls:
            question = question_for(self.catalog.controls[control], None, self.language, situation="ask")
        if outside:
            detail = (detail + "; " if detail else "") + "outside the selected frameworks"
        return Finding(severity=severity, framework=fw, requirement=req, control=control, title=title,
                       detail=detail, question=question if ask_vendor else None, ask_vendor=ask_vendor,
                       basis=basis or [], kind=kind,
                       requirements=[f"{fw}:{req}"] if req else [], outside_selection=outside)


FindingSource = Callable[[FindingContext], Iterable[Finding]]


def hedge_findings(ctx: FindingContext) -> Iterable[Finding]:
    for claim in ctx.vendor.claims:
        if claim.hedged and claim.polarity == Polarity.AFFIRMED and claim.control in ctx.catalog.controls:
            base = ctx.policy.severity.for_control(claim.control)
            title = ctx.catalog.controls[claim.control].title
            lowered = lower_first(title)  # "EU representative" stays "EU representative"
            if claim.control not in ctx.affected.by_control and claim.control in ctx.affected.any_by_control:
                continue  # every requirement it maps to is out of scope for this engagement
            yield ctx.finding(
                _capped(base, Severity.MEDIUM if base in (Severity.CRITICAL, Severity.HIGH) else Severity.LOW),
                claim.control, f"Hedged claim about {lowered}", kind="hedge",
                detail="the vendor's wording does not commit to it" + _quote(claim.citation),
                question=question_for(ctx.catalog.controls[claim.control], None, ctx.language, situation="confirm"))


def sla_findings(ctx: FindingContext) -> Iterable[Finding]:
    base = ctx.policy.severity.for_control("support-sla")
    for row in ctx.sla:
        if row.meets is False:
            severity = _capped(base, Severity.HIGH if row.severity in ("critical", "high") else Severity.MEDIUM)
            yield ctx.finding(
                severity, "support-sla", f"{row.severity.capitalize()} support response does not meet policy",
                kind="sla", detail=row.reason, attribute=("severity", row.severity),
                question=sla_question(row.severity, row.required_response, ctx.language,
                                      business=ctx.policy.sla.target(SupportSeverity(row.severity)).business_time,
                                      coverage=row.required_coverage))


def contract_findings(ctx: FindingContext) -> Iterable[Finding]:
    gdpr_export = ("gdpr", "Art.28(3)(g)")
    for row in ctx.contract:
        control = CONTRACT_CONTROLS.get(row.term)
        if row.meets is False and control:
            severity = _capped(ctx.policy.severity.for_control(control), row.severity or Severity.MEDIUM)
            yield ctx.finding(severity, control, f"Contract: {row.reason.split(' (line')[0]}", kind="contract",
                              detail=row.reason, prefer=gdpr_export if control == "termination-data-export" else None)


def screening_findings(ctx: FindingContext) -> Iterable[Finding]:
    """Always reported, whatever frameworks were selected: sanctions feed every verdict and gate."""
    screening = ctx.screening
    if screening is None:
        return
    for hit in screening.hits:
        place = hit.list.lower().startswith("jurisdiction")
        control = "embargoed-jurisdictions" if place else "sanctions-screening"
        severity = Severity.CRITICAL if hit.status == ScreeningStatus.MATCH else Severity.HIGH
        who = f"{hit.party_role} " if hit.party_role else ""
        yield ctx.finding(severity, control,
                          f"Sanctions {hit.status.value}: {who}{hit.query or ''} ~ {hit.name} ({hit.list})",
                          kind="screening", detail=hit.reason, framework="ear-ofac")
    if not screening.lists_available:
        yield ctx.finding(Severity.MEDIUM, "sanctions-screening", "Not screened against denied-party lists",
                          kind="screening", framework="ear-ofac", ask_vendor=False,  # our to-do, not the vendor's
                          detail="no SDN or Consolidated Screening List was available; run `auditor lists update`")


def hard_rule_findings(ctx: FindingContext) -> Iterable[Finding]:
    """Each hard rule of the policy that holds is a critical finding (and decides the verdict)."""
    rules = {r.id: r for r in ctx.policy.verdict.hard_rules}
    for hit in (h for h in ctx.hard_rules if h.finding):
        yield ctx.finding(Severity.CRITICAL, hit.control, f"Policy hard rule: {hit.text}", kind="policy",
                          framework="vendor-due-diligence", question=_hard_rule_question(ctx, rules.get(hit.rule)),
                          # for the reviewer, never sent to the vendor: the question is below
                          detail=f"{hit.reason}; this rules the vendor out under the policy: resolve it "
                                 "before any contract")


def _hard_rule_question(ctx: FindingContext, rule) -> str | None:
    """What to ask the vendor about a hard rule: the attestation it denies, else its control's question."""
    if rule is not None and rule.attestation is not None:
        from auditor.assess.standing import standing_for

        denied = standing_for(ctx.attestations, rule.attestation).state == AttestationState.DENIED
        return attestation_question(rule.attestation, ctx.language, situation="denied" if denied else "current")
    control = rule.control if rule is not None else None
    if control and control in ctx.catalog.controls:
        return question_for(ctx.catalog.controls[control], None, ctx.language, situation="ask")
    return None  # a sanctions match: nothing to ask the vendor, the screening finding says it


def _framework_for(ctx: FindingContext, kind: str) -> str:
    """The audited, applicable framework an attestation type covers; else any that names it."""
    applicable = [fw.id for fw in ctx.frameworks if fw.applicable]
    naming = [f.id for f in ctx.catalog.frameworks.values() if kind in f.attestations]
    return next((f for f in applicable if f in naming), naming[0] if naming else "vendor-due-diligence")


def attestation_findings(ctx: FindingContext) -> Iterable[Finding]:
    """From the one attestation standing (assess/standing.py), never from the dossier directly."""
    required = set(ctx.policy.attestations.required)
    applicable = {fw.id for fw in ctx.frameworks if fw.applicable}
    for standing in ctx.attestations:
        kind = attestation_name(standing.type)  # what a reader calls it, never the id
        fw = _framework_for(ctx, standing.type.value)
        relevant = fw in applicable
        state = standing.state
        basis = [Reason(kind="attestation", ref=standing.evidence, text=standing.reason)]
        if standing.type in required:
            if not standing.verified:
                words = {AttestationState.CLAIMED: "claimed but not evidenced", AttestationState.ABSENT: "not held"}
                yield ctx.finding(Severity.HIGH, None, f"Required attestation {kind} {words.get(state, state.value)}",
                                  kind="attestation", framework=fw, detail=standing.reason, basis=basis,
                                  question=attestation_question(standing.type, ctx.language))
            continue
        if state == AttestationState.HEDGED and relevant:  # a hedge about an out-of-scope framework asks nothing
            yield ctx.finding(Severity.MEDIUM, None, f"Hedged claim of {kind}", kind="hedge", framework=fw,
                              detail=standing.reason, basis=basis,
                              question=attestation_question(standing.type, ctx.language, hedged=True))
        elif state == AttestationState.REJECTED and not rejection_explained(standing, ctx.evidence):
            yield ctx.finding(Severity.HIGH, None, f"{kind} evidence does not show it", kind="attestation",
                              framework=fw, detail=standing.reason, basis=basis,
                              question=attestation_question(standing.type, ctx.language, situation="mismatch"))
        elif state == AttestationState.DENIED and relevant and standing.type not in AGREEMENT_CONTROLS:
            # a denied BAA or DPA is its control's gap (and maybe a hard rule); a denied certificate is this
            yield ctx.finding(Severity.MEDIUM, None, f"The vendor states it does not hold {kind}",
                              kind="attestation", framework=fw, detail=standing.reason, basis=basis,
                              question=attestation_question(standing.type, ctx.language))
        elif state == AttestationState.EXPIRED and relevant:
            yield ctx.finding(Severity.MEDIUM, None, f"{kind} expired", kind="attestation", framework=fw,
                              detail=standing.reason, basis=basis,
                              question=attestation_question(standing.type, ctx.language))
        elif state == AttestationState.CLAIMED and relevant:
            yield ctx.finding(Severity.LOW, None, f"Claims {kind}, not evidenced", kind="attestation",
                              framework=fw, basis=basis,
                              detail="the vendor's statement alone does not show the requirements are met; "
                                     + standing.reason,
                              question=attestation_question(standing.type, ctx.language))
        elif state == AttestationState.UNCITED:
            yield ctx.finding(Severity.LOW, None, f"{kind} listed without a source", kind="attestation",
                              framework=fw, detail=standing.reason, basis=basis,
                              question=attestation_question(standing.type, ctx.language, situation="uncited"))


FINDING_SOURCES: tuple[FindingSource, ...] = (
    hard_rule_findings, hedge_findings, sla_findings, contract_findings, screening_findings, attestation_findings,
    questionnaire_findings, fact_findings,
)
"""Every finding source, in order (see the module doc). Add a source from your own module here."""


def control_findings(ctx: FindingContext, already: Sequence[Finding]) -> list[Finding]:
    """One finding per open control; a gap a rule finding above already explains is not reported twice,
    but one they are silent on (no SLA stated at all) still is."""
    explained = {f.control for f in already if f.kind in ("sla", "contract", "screening", "policy")}
    out = []
    for control_id, result in ctx.controls.items():
        if control_id in explained and (result.status == Status.GAP or
                                        (result.status == Status.UNVERIFIED and not _claimed(result))):
            continue
        open_reqs = ctx.affected.open(control_id)
        if open_reqs:
            finding = _control_finding(ctx.catalog, ctx.policy, result, open_reqs, ctx.language)
            if finding:
                out.append(finding)
    return out


def _mark_outside(finding: Finding) -> Finding:
    detail = (finding.detail + "; " if finding.detail else "") + "outside the selected frameworks"
    return finding.model_copy(update={"outside_selection": True, "detail": detail})


_KIND_ORDER = {"screening": 0, "policy": 0.5, "control": 1, "sla": 2, "contract": 3, "attestation": 4, "hedge": 5}


def build_findings(catalog: Catalog, vendor: Vendor, policy: Policy, frameworks: list[FrameworkResult],
                   controls: dict[str, ControlResult], sla_rows: list[SlaAssessment],
                   contract_rows: list[ContractAssessment], screening: ScreeningResult | None,
                   evidence: dict[str, EvidenceItem], as_of: date, *,
                   attestations: list[AttestationStanding] | None = None, hard_rules: list[HardRuleHit] | None = None,
                   sources: Sequence[FindingSource] | None = None, language: str | None = None,
                   selected: Iterable[str] | None = None) -> list[Finding]:
    """Every finding of the audit. ``frameworks`` are all the frameworks assessed (the selected ones
    first), so the findings do not depend on ``--framework``; one placed under a framework outside
    ``selected`` is marked ``outside_selection``. ``language`` of the questions: ``en``/``ar``, or the
    vendor's own (Arabic documents: Arabic)."""
    ctx = FindingContext(catalog=catalog, vendor=vendor, policy=policy, frameworks=frameworks, controls=controls,
                         sla=sla_rows, contract=contract_rows, screening=screening, evidence=evidence,
                         attestations=list(attestations or []), hard_rules=list(hard_rules or []), as_of=as_of,
                         affected=_Affected(catalog, frameworks), language=language or vendor_language(vendor))
    findings: list[Finding] = []
    for source in FINDING_SOURCES if sources is None else sources:
        findings.extend(source(ctx))
    findings.extend(control_findings(ctx, findings))
    chosen = set(selected) if selected is not None else {fw.id for fw in frameworks}
    findings = [_mark_outside(f) if f.framework not in chosen and not f.outside_selection else f for f in findings]
    fw_order = {fw.id: i for i, fw in enumerate(frameworks)}
    findings.sort(key=lambda f: (f.severity.rank, _KIND_ORDER.get(f.kind, 9), f.outside_selection,
                                 fw_order.get(f.framework, 99), f.requirement, f.title))
    return findings
