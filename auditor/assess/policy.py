"""The workspace policy (auditor.yaml): what this organisation requires of its vendors."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from auditor.model.attestation import AttestationReviewPolicy
from auditor.model.assessment import AttestationState
from auditor.model.base import Duration, Period, Slug, Strict
from auditor.model.enums import AttestationType, DataCategory, Regulation, ScreeningStatus, Severity, SupportSeverity
from auditor.model.vendor import SupportHours
from auditor.workspace import Workspace, package_data
from auditor.yamlio import load_yaml, validate


class SlaTarget(Strict):
    response: Duration
    resolution: Duration | None = None
    business_time: bool = False
    coverage: str | None = Field(default=None, description="24x7 when help must be there at any hour")


class SlaPolicy(Strict):
    business_hours: SupportHours
    critical: SlaTarget
    high: SlaTarget
    medium: SlaTarget
    low: SlaTarget

    def target(self, severity: SupportSeverity) -> SlaTarget:
        return getattr(self, severity.value)


class AttestationPolicy(Strict):
    required: list[AttestationType] = Field(default_factory=list)


class EvidencePolicy(Strict):
    max_age: Period = "P24M"  # calendar months: P24M is 24 months, not 720 days


class ContractPolicy(Strict):
    renewal_notice: Period = "P30D"
    export_window: Period = "P30D"
    refunds_required: bool = False


class SeverityPolicy(Strict):
    default: Severity = Severity.MEDIUM
    controls: dict[str, Severity] = Field(default_factory=dict)

    def for_control(self, control: str | None) -> Severity:
        return self.controls.get(control or "", self.default)


class HardRule(Strict):
    """A fact that makes a vendor not acceptable whatever else the audit finds.

    It holds when the engagement involves ``scope`` (or always, without one) and any condition
    given holds: the screening status is one of ``screening``; the standing of ``attestation`` is one
    of ``states``; the vendor denies complying with ``regulation_denied``.
    """

    id: Slug
    text: str
    scope: DataCategory | None = None
    screening: list[ScreeningStatus] = Field(default_factory=list)
    attestation: AttestationType | None = None
    states: list[AttestationState] = Field(default_factory=lambda: [AttestationState.DENIED])
    regulation_denied: Regulation | None = None
    control: Slug | None = Field(default=None, description="the common control its finding is placed under")
    finding: bool = Field(default=True, description="also report it as a critical finding (off when another "
                                                    "finding already says it, as a screening match does)")


class VerdictWords(Strict):
    not_acceptable: str = "Not acceptable"
    insufficient_evidence: str = "Insufficient evidence"
    remediate: str = "Acceptable only after remediation"
    follow_up: str = "Acceptable with follow-up"
    acceptable: str = "Acceptable"


class VerdictPolicy(Strict):
    floor: float = Field(default=50.0, ge=0, le=100,
                         description="every applicable framework audited needs at least this much `floor_metric`")
    floor_metric: Literal["verified", "coverage"] = "verified"
    floor_exempt: list[str] = Field(default_factory=list,
                                    description="frameworks the floor does not apply to (answered by terms, not evidence)")
    failed_requirements_not_acceptable: bool = True
    words: VerdictWords = Field(default_factory=VerdictWords)
    hard_rules: list[HardRule] = Field(default_factory=list)


class Policy(Strict):
    scope: list[DataCategory] = Field(default_factory=list)
    sla: SlaPolicy
    attestations: AttestationPolicy = Field(default_factory=AttestationPolicy)
    evidence: EvidencePolicy = Field(default_factory=EvidencePolicy)
    contract: ContractPolicy = Field(default_factory=ContractPolicy)
    severity: SeverityPolicy = Field(default_factory=SeverityPolicy)
    screening: dict[str, Any] = Field(default_factory=dict, description="see auditor.screening.policy")
    verdict: VerdictPolicy = Field(default_factory=VerdictPolicy)
    attestation_documents: AttestationReviewPolicy = Field(default_factory=AttestationReviewPolicy)


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_policy(workspace: Workspace | None) -> Policy:
    """Shipped defaults, overlaid key by key with the workspace's ``auditor.yaml`` when present."""
    defaults, _ = load_yaml(package_data("policy.yaml"))
    if workspace is not None and not workspace.policy_path.is_file() and (
            workspace.policy_path.is_symlink() or workspace.policy_path.exists()):
        from auditor.errors import InputError

        raise InputError("not a regular file (a policy file must be one; a link to a device, FIFO or folder "
                         "is never skipped)", file=workspace.policy_path)
    if workspace is None or not workspace.policy_path.is_file():
        return validate(Policy, defaults, file=package_data("policy.yaml"))
    data, lines = load_yaml(workspace.policy_path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        from auditor.errors import InputError

        raise InputError("policy must be a mapping of settings", file=workspace.policy_path, line=1)
    return validate(Policy, _deep_merge(defaults, data), file=workspace.policy_path, lines=lines)
