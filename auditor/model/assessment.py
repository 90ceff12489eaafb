"""The result of an audit: per requirement status with reasons, findings, screening."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import Field

from auditor.model.attestation import FourthParty, Responsibility
from auditor.model.base import Frozen, Sha256
from auditor.model.enums import AttestationType, Severity, Status, StrEnum
from auditor.model.screening import ScreeningResult
from auditor.model.vendor import Citation


class Reason(Frozen):
    """One claim, piece of evidence or rule that decided a status, in words a reviewer reads."""

    kind: str = Field(description="claim, evidence, attestation, check, scope, rule, sla, contract, screening")
    text: str
    control: str | None = None
    ref: str | None = Field(default=None, description="evidence sha256 or 'document-sha256:line'")


class AttestationState(StrEnum):
    """Where a vendor stands on one attestation type on the audit date (best first)."""

    VALID = "valid"            # a collected certificate, report or signed agreement, current on the date
    EXPIRED = "expired"        # collected or stated, but no longer current on the date
    REJECTED = "rejected"      # collected, but what the document says rules it out (wrong organisation ...)
    DENIED = "denied"          # the vendor's own documents say it does not hold or sign it
    CLAIMED = "claimed"        # a plain, cited statement of the vendor; nothing collected
    HEDGED = "hedged"          # only a hedged statement ("we may provide a BAA")
    UNCITED = "uncited"        # a dossier entry with neither a citation nor evidence: counts for nothing
    ABSENT = "absent"          # nothing said, nothing collected


class AttestationStanding(Frozen):
    """The one answer to "does the vendor hold attestation X on this date?" (see assess/standing.py)."""

    type: AttestationType
    state: AttestationState
    reason: str
    citation: Citation | None = Field(default=None, description="the vendor's own words, when they decided")
    evidence: Sha256 | None = Field(default=None, description="sha256 of the evidence that decided, if any")
    valid_until: date | None = Field(default=None, description="the last day it counts (earliest of the "
                                                               "stated expiry and the evidence's validity)")
    scope: str | None = None

    @property
    def verified(self) -> bool:
        """Backed by collected evidence that is current: what makes requirements satisfied."""
        return self.state == AttestationState.VALID

    @property
    def in_force(self) -> bool:
        """Verified, or plainly claimed with a citation and not expired (the vendor's word)."""
        return self.state in (AttestationState.VALID, AttestationState.CLAIMED)


class ControlResult(Frozen):
    control: str
    status: Status
    denied: bool = Field(default=False, description="the vendor's own documents deny it")
    reasons: list[Reason] = Field(default_factory=list)


class RequirementResult(Frozen):
    id: str
    title: str
    status: Status
    controls: list[str]
    reasons: list[Reason] = Field(default_factory=list)
    control_results: list[ControlResult] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list, description="sha256 of evidence used")
    claims: list[str] = Field(default_factory=list, description="the cited lines of claims used")
    attributes: dict[str, Any] = Field(default_factory=dict)


class FrameworkCounts(Frozen):
    satisfied: int = 0
    unverified: int = 0
    stale: int = 0
    contradicted: int = 0
    gap: int = 0
    not_applicable: int = 0


class FrameworkResult(Frozen):
    id: str
    name: str
    version: str
    applicable: bool
    scope_reason: str | None = None
    coverage: float = Field(description="% of applicable requirements satisfied or unverified")
    verified: float = Field(description="% of applicable requirements satisfied")
    counts: FrameworkCounts
    requirements: list[RequirementResult]


class Finding(Frozen):
    severity: Severity
    framework: str
    requirement: str
    control: str | None
    title: str
    detail: str = ""
    question: str | None = Field(default=None, description="follow-up question to send the vendor")
    basis: list[Reason] = Field(default_factory=list)
    kind: str = Field(default="control", description="control, hedge, sla, contract, screening, attestation")
    requirements: list[str] = Field(default_factory=list, description="every affected 'framework:requirement'")
    outside_selection: bool = Field(default=False, description="its control maps to no audited framework: "
                                                               "reported anyway, and it counts for gates")


class SlaAssessment(Frozen):
    severity: str
    required_response: str | None
    promised_response: str | None
    worst_case_calendar: str | None = Field(description="ISO 8601 worst-case calendar delay")
    required_coverage: str | None = None
    promised_coverage: str | None = None
    meets: bool | None
    reason: str
    plan: str | None = Field(default=None, description="the plan or tier the promise is limited to")
    worst_case_filed: datetime | None = Field(default=None, description="the worst moment to file a ticket in the "
                                                                        "audit's week, in the policy's time zone")
    worst_case_due: datetime | None = Field(default=None, description="when that ticket is answered at the latest, "
                                                                      "computed in the vendor's zone, shown in the "
                                                                      "policy's")
    required_business_time: bool = Field(default=False, description="the policy's duration counts business time")
    promised_business_time: bool = Field(default=False, description="the vendor's duration counts business time")


class ContractAssessment(Frozen):
    term: str
    meets: bool | None
    reason: str
    severity: Severity | None = None


class RequirementsRun(Frozen):
    """Gherkin requirements run against this vendor (when requirement files were given)."""

    scenarios: list[dict[str, Any]] = Field(default_factory=list)
    passed: int = 0
    failed: int = 0


class HardRuleHit(Frozen):
    """A policy hard rule (auditor/data/policy.yaml `verdict.hard_rules`) that holds for this vendor."""

    rule: str = Field(description="the rule's id in the policy")
    text: str = Field(description="the rule, in words")
    reason: str = Field(description="what in this audit makes it hold")
    finding: bool = Field(default=True, description="reported as a critical finding of its own")
    control: str | None = Field(default=None, description="the common control it concerns")


class Assessment(Frozen):
    vendor_id: str
    vendor_name: str
    generated_at: datetime
    as_of: date
    scope: list[str] = Field(default_factory=list, description="data categories in the engagement")
    frameworks: list[FrameworkResult]
    findings: list[Finding]
    screening: ScreeningResult | None = None
    sla: list[SlaAssessment] = Field(default_factory=list)
    contract: list[ContractAssessment] = Field(default_factory=list)
    attestations: list[AttestationStanding] = Field(
        default_factory=list, description="standing of every attestation type on the audit date")
    hard_rules: list[HardRuleHit] = Field(default_factory=list, description="hard rules that make it not acceptable")
    responsibilities: list[Responsibility] = Field(
        default_factory=list, description="controls the customer must operate (CUECs of the SOC 2 reports that count)")
    fourth_parties: list[FourthParty] = Field(
        default_factory=list, description="sub-service organisations carved out of the vendor's SOC 2 reports")
    requirements_run: RequirementsRun | None = None
    inputs: dict[str, str] = Field(default_factory=dict, description="sha256 of every input (dossier, catalogs, evidence)")
    warnings: list[str] = Field(default_factory=list)


class Decision(StrEnum):
    """The verdict's category; its words come from the policy (``verdict.words``)."""

    NOT_ACCEPTABLE = "not_acceptable"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
    REMEDIATE = "remediate"
    FOLLOW_UP = "follow_up"
    ACCEPTABLE = "acceptable"


class Verdict(Frozen):
    """The overall judgement (decided in assess/verdict.py), with the policy rule that set it."""

    decision: Decision
    text: str = Field(description="one line, as the cover shows it")
    rule: str = Field(description="the policy rule that set it: hard-rule:<id>, critical-finding, "
                                  "failed-requirements, floor, high-finding, medium-finding, no-finding")
    reasons: list[str] = Field(default_factory=list)

    def summary(self) -> str:
        return f"{self.text} [rule: {self.rule}]"
