"""The result of an audit: per requirement status with reasons, findings, screening."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import Field

from auditor.model.base import Frozen
from auditor.model.enums import Severity, Status
from auditor.model.screening import ScreeningResult


class Reason(Frozen):
    """One claim, piece of evidence or rule that decided a status, in words a reviewer reads."""

    kind: str = Field(description="claim, evidence, attestation, check, scope, rule, sla, contract, screening")
    text: str
    control: str | None = None
    ref: str | None = Field(default=None, description="evidence sha256 or 'document-sha256:line'")


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
    requirements_run: RequirementsRun | None = None
    inputs: dict[str, str] = Field(default_factory=dict, description="sha256 of every input (dossier, catalogs, evidence)")
    warnings: list[str] = Field(default_factory=list)
