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


class Stance(StrEnum):
    """What the vendor's own documents say about a control or a regulation (assess/controls.py `stance_of`)."""

    AFFIRMED = "affirmed"          # a plain affirmation, and no denial
    HEDGED = "hedged"              # only hedged affirmations ("we may"), and no denial
    DENIED = "denied"              # a denial, with no affirmation or only hedged ones
    CONTRADICTED = "contradicted"  # affirmed and denied in its own documents
    ABSENT = "absent"              # not mentioned

    @property
    def denied(self) -> bool:
        return self in (Stance.DENIED, Stance.CONTRADICTED)


class EvidenceDate(Frozen):
    """The newest evidence that covers a control (revoked and superseded evidence left out)."""

    sha256: Sha256
    kind: str
    dated: date = Field(description="its effective date, else the day it was added")


class ControlResult(Frozen):
    control: str
    status: Status
    denied: bool = Field(default=False, description="the vendor's own documents deny it")
    reasons: list[Reason] = Field(default_factory=list)
    stance: Stance = Field(default=Stance.ABSENT, description="what the vendor's own documents say about it")
    stance_citation: Citation | None = Field(default=None, description="the words that decided the stance")
    newest_evidence: EvidenceDate | None = None


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
    ask_vendor: bool = Field(default=True, description="false: the reviewer's own to-do (e.g. no sanctions list "
                                                       "was available); nothing to send the vendor")
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


class RegulationStance(Frozen):
    regulation: str
    stance: Stance
    citation: Citation | None = None


class Place(Frozen):
    """A stated hosting location or sub-processor, as the audit read it."""

    country: str
    name: str | None = Field(default=None, description="the sub-processor's name")
    region: str | None = None
    citation: Citation | None = None


class SupportPromise(Frozen):
    """One stated response or resolution time, with the longest a customer can wait by the clock."""

    severity: str
    measure: str = Field(description="response or resolution")
    promised: str = Field(description="ISO 8601, as stated")
    business_time: bool = False
    plan: str | None = None
    worst_case_calendar: str = Field(description="ISO 8601 worst-case calendar delay under its schedule")
    schedule: str = Field(description="the hours the vendor's clock runs, in words")
    citation: Citation | None = None


class SupportWindow(Frozen):
    """When help is available: for one severity (its stated coverage, else the support hours) or in general."""

    severity: str | None = Field(description="None: the general support hours")
    label: str
    intervals: list[tuple[int, int]] = Field(description="minutes from Monday 00:00")
    citation: Citation | None = None


class SupportChannelFact(Frozen):
    type: str
    tiers: list[str] = Field(default_factory=list, description="plans or tiers it is limited to; empty: everyone")
    citation: Citation | None = None


class TermFact(Frozen):
    """A contract term as stated, with its period counted in calendar days from the audit date."""

    value: bool | None = None
    period: str | None = None
    days: int | None = Field(default=None, description="the period in days from the audit date (P1M: that month)")
    citation: Citation | None = None


class VendorFacts(Frozen):
    """What the audit read from the vendor's documents, computed once (assess/facts.py): what the
    Gherkin requirement steps check, so no step reads the dossier."""

    regulations: list[RegulationStance] = Field(default_factory=list)
    hosting: list[Place] = Field(default_factory=list)
    subprocessors: list[Place] = Field(default_factory=list)
    promises: list[SupportPromise] = Field(default_factory=list)
    windows: list[SupportWindow] = Field(default_factory=list)
    channels: list[SupportChannelFact] = Field(default_factory=list)
    escalation: bool = Field(default=False, description="an escalation process is described or claimed")
    breach_deadline: str | None = Field(default=None, description="ISO 8601: the shortest stated notification time")
    breach_citation: Citation | None = None
    export: TermFact | None = None
    deletion: TermFact | None = None
    auto_renewal: TermFact | None = None
    renewal_notice: TermFact | None = None
    refunds: TermFact | None = None


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
    controls: list[ControlResult] = Field(default_factory=list, description="every common control of the catalog")
    facts: VendorFacts = Field(default_factory=VendorFacts)
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
