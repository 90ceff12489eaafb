"""Findings: what a reviewer must act on, ranked by severity, each with the question to send."""

from __future__ import annotations

from datetime import date

from auditor.assess.controls import quote
from auditor.assess.policy import Policy
from auditor.assess.rules import CONTRACT_CONTROLS
from auditor.catalog.loader import Catalog
from auditor.model.assessment import (
    ContractAssessment,
    ControlResult,
    Finding,
    FrameworkResult,
    Reason,
    SlaAssessment,
)
from auditor.model.enums import Polarity, ScreeningStatus, Severity, Status
from auditor.model.evidence import EvidenceItem
from auditor.model.screening import ScreeningResult
from auditor.model.vendor import Citation, Vendor

_ORDER = [Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO]


def _lower(severity: Severity) -> Severity:
    return _ORDER[min(_ORDER.index(severity) + 1, len(_ORDER) - 2)]


def _worse(a: Severity, b: Severity) -> Severity:
    return a if _ORDER.index(a) <= _ORDER.index(b) else b


def _quote(citation: Citation | None) -> str:
    if citation is None:
        return ""
    return f" ({quote(citation)})"


class _Affected:
    """Applicable requirements per control, for naming where a finding lands: requirements the
    control fully covers first, then the rest, each group in framework order."""

    def __init__(self, catalog: Catalog, frameworks: list[FrameworkResult]):
        self.by_control: dict[str, list[tuple[str, str, Status, bool]]] = {}
        self.any_by_control: dict[str, list[tuple[str, str]]] = {}
        self.attributes: dict[tuple[str, str], dict] = {}
        for fw in frameworks:
            definition = catalog.frameworks.get(fw.id)
            coverage = {}
            if definition is not None:
                for req in definition.requirements:
                    coverage[req.id] = {m.control: m.coverage.value == "full" for m in req.controls}
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
                     affected: list[tuple[str, str]]) -> Finding | None:
    control = catalog.controls[result.control]
    base = policy.severity.for_control(control.id)
    kinds = " or ".join(dict.fromkeys(e.kind.value for e in control.evidence))
    if result.status == Status.CONTRADICTED:
        severity, title = _worse(base, Severity.HIGH), f"{control.title}: contradicted"
        question = control.questions[0]
    elif result.status == Status.GAP and result.denied:
        severity, title, question = base, f"{control.title}: the vendor denies it", control.questions[0]
    elif result.status == Status.GAP:
        severity, title, question = _lower(base), f"{control.title}: not addressed", control.questions[0]
    elif result.status == Status.STALE:
        severity = Severity.MEDIUM if base in (Severity.CRITICAL, Severity.HIGH) else Severity.LOW
        title, question = f"{control.title}: evidence out of date", f"Please send a current {kinds}."
    elif result.status == Status.UNVERIFIED:
        severity = Severity.LOW if base in (Severity.CRITICAL, Severity.HIGH) else Severity.INFO
        if _claimed(result):
            title = f"{control.title}: claimed, no evidence"
            question = f"Please send a {kinds} that shows {control.title[0].lower() + control.title[1:]}."
        else:  # lifted by a rule (screening, a claimed certificate), not stated by the vendor
            title, question = f"{control.title}: not verified", control.questions[0]
    else:
        return None
    framework, requirement = affected[0]
    return Finding(severity=severity, framework=framework, requirement=requirement, control=control.id, title=title,
                   detail=f"affects {len(affected)} requirement{'s' if len(affected) != 1 else ''}",
                   question=question, basis=result.reasons[:6], kind="control",
                   requirements=[f"{f}:{r}" for f, r in affected])


def build_findings(catalog: Catalog, vendor: Vendor, policy: Policy, frameworks: list[FrameworkResult],
                   controls: dict[str, ControlResult], sla_rows: list[SlaAssessment],
                   contract_rows: list[ContractAssessment], screening: ScreeningResult | None,
                   evidence: dict[str, EvidenceItem], as_of: date) -> list[Finding]:
    affected = _Affected(catalog, frameworks)
    findings: list[Finding] = []

    def add(severity: Severity, control: str | None, title: str, *, kind: str, question: str | None = None,
            detail: str = "", basis: list[Reason] | None = None, prefer: tuple[str, str] | None = None,
            framework: str | None = None, attribute: tuple[str, str] | None = None) -> None:
        where = affected.first(control, prefer, attribute) if control else None
        if where is None and framework:
            fw = catalog.frameworks.get(framework)
            where = (framework, fw.requirements[0].id) if fw else None
        if where is None:
            return
        if question is None and control:
            question = catalog.controls[control].questions[0]
        findings.append(Finding(severity=severity, framework=where[0], requirement=where[1], control=control,
                                title=title, detail=detail, question=question, basis=basis or [], kind=kind,
                                requirements=[f"{where[0]}:{where[1]}"]))

    for claim in vendor.claims:
        if claim.hedged and claim.polarity == Polarity.AFFIRMED and claim.control in catalog.controls:
            base = policy.severity.for_control(claim.control)
            title = catalog.controls[claim.control].title
            add(Severity.MEDIUM if base in (Severity.CRITICAL, Severity.HIGH) else Severity.LOW, claim.control,
                f"Hedged claim about {title[0].lower() + title[1:]}", kind="hedge",
                detail="the vendor's wording does not commit to it" + _quote(claim.citation),
                question=f"Please confirm in writing, without qualification, whether {title[0].lower() + title[1:]} "
                         "is in place today.")
    for att in vendor.attestations:
        if att.hedged and att.polarity == Polarity.AFFIRMED:
            fw = next((f.id for f in catalog.frameworks.values() if att.type.value in f.attestations), None)
            add(Severity.MEDIUM, None, f"Hedged claim of {att.type.value}", kind="hedge", framework=fw or "vendor-due-diligence",
                detail="the vendor's wording does not commit to holding it" + _quote(att.citation),
                question=f"Do you hold a current {att.type.value}? Please send the certificate or report.")

    for row in sla_rows:
        if row.meets is False:
            severity = Severity.HIGH if row.severity in ("critical", "high") else Severity.MEDIUM
            add(severity, "support-sla", f"{row.severity.capitalize()} support response does not meet policy",
                kind="sla", detail=row.reason, attribute=("severity", row.severity),
                question=f"Can you commit to a {row.severity} response within {row.required_response}"
                         f"{' ' + row.required_coverage if row.required_coverage else ''} in the contract?")

    gdpr_export = ("gdpr", "Art.28(3)(g)")
    for row in contract_rows:
        control = CONTRACT_CONTROLS.get(row.term)
        if row.meets is False and control:
            add(row.severity or Severity.MEDIUM, control, f"Contract: {row.reason.split(' (line')[0]}", kind="contract",
                detail=row.reason, prefer=gdpr_export if control == "termination-data-export" else None)

    if screening is not None:
        for hit in screening.hits:
            place = hit.list.lower().startswith("jurisdiction")
            control = "embargoed-jurisdictions" if place else "sanctions-screening"
            severity = Severity.CRITICAL if hit.status == ScreeningStatus.MATCH else Severity.HIGH
            who = f"{hit.party_role} " if hit.party_role else ""
            add(severity, control, f"Sanctions {hit.status.value}: {who}{hit.query or ''} ~ {hit.name} ({hit.list})",
                kind="screening", detail=hit.reason, prefer=None)
        if not screening.lists_available:
            add(Severity.MEDIUM, "sanctions-screening", "Not screened against denied-party lists", kind="screening",
                detail="no SDN or Consolidated Screening List was available; run `auditor lists update`",
                question=None)

    required_types = {r.value for r in policy.attestations.required}
    applicable = {fw.id for fw in frameworks if fw.applicable}
    for att in vendor.attestations:
        if att.hedged or att.polarity != Polarity.AFFIRMED or att.type.value in required_types:
            continue
        fw = next((f.id for f in catalog.frameworks.values() if att.type.value in f.attestations
                   and f.id in applicable), None)
        collected = (att.evidence and att.evidence in evidence) or any(
            e.metadata.get("attests") == att.type.value for e in evidence.values())
        if fw and not collected:
            add(Severity.LOW, None, f"Claims {att.type.value}, not evidenced", kind="attestation", framework=fw,
                detail="the vendor's statement alone does not show the requirements are met" + _quote(att.citation),
                question=f"Please send your current {att.type.value} certificate or report, with its scope.")

    for required in policy.attestations.required:
        held = [a for a in vendor.attestations if a.type == required and a.polarity == Polarity.AFFIRMED]
        evidenced = [a for a in held if a.evidence and a.evidence in evidence
                     and evidence[a.evidence].is_valid_on(as_of) and (a.expires is None or a.expires >= as_of)]
        evidenced += [e for e in evidence.values() if e.metadata.get("attests") == required.value
                      and e.is_valid_on(as_of)]
        if not evidenced:
            fw = next((f.id for f in catalog.frameworks.values() if required.value in f.attestations),
                      "vendor-due-diligence")
            state = "claimed but not evidenced" if held else "not held"
            add(Severity.HIGH, None, f"Required attestation {required.value} {state}", kind="attestation",
                framework=fw, question=f"Please send your current {required.value} certificate or report.")

    # Control findings last: a gap the SLA, contract or screening findings above already explain
    # is not reported twice, but one they are silent on (no SLA stated at all) still is.
    explained = {f.control for f in findings if f.kind in ("sla", "contract", "screening")}
    for control_id, result in controls.items():
        if control_id in explained and (result.status == Status.GAP or
                                        (result.status == Status.UNVERIFIED and not _claimed(result))):
            continue
        open_reqs = affected.open(control_id)
        if open_reqs:
            finding = _control_finding(catalog, policy, result, open_reqs)
            if finding:
                findings.append(finding)

    kind_order = {"screening": 0, "control": 1, "sla": 2, "contract": 3, "attestation": 4, "hedge": 5}
    fw_order = {fw.id: i for i, fw in enumerate(frameworks)}
    findings.sort(key=lambda f: (f.severity.rank, kind_order.get(f.kind, 9), fw_order.get(f.framework, 99),
                                 f.requirement, f.title))
    return findings
