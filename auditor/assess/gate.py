"""The ONE gate behind ``--fail-under`` and ``--fail-on`` (audit, audit --all, report, requirements run).

Every finding counts, including those outside the selected frameworks and screening findings
(sanctions are never filtered away by ``--framework``); a failed requirement scenario fails too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from auditor.model.assessment import Assessment
from auditor.model.enums import Severity

Metric = Literal["coverage", "verified"]


@dataclass(frozen=True)
class FrameworkFigure:
    id: str
    coverage: float
    verified: float
    applicable: bool = True


@dataclass(frozen=True)
class GateResult:
    """Whether the gate passed, and each reason it did not, in words."""

    failures: tuple[str, ...] = field(default_factory=tuple)

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1

    def summary(self) -> str:
        return "gate passed" if self.passed else "gate failed: " + "; ".join(self.failures)


def evaluate(frameworks: Iterable[FrameworkFigure], severities: Mapping[Severity | str, int], failed_scenarios: int = 0,
             *, fail_under: float | None = None, metric: Metric = "coverage",
             fail_on: Severity | str | None = None, label: str = "") -> GateResult:
    """The gate on plain figures (a portfolio row has no Assessment, only its figures)."""
    prefix = f"{label}: " if label else ""
    failures: list[str] = []
    if fail_under is not None:
        for fw in frameworks:
            value = getattr(fw, metric)
            if fw.applicable and value < fail_under:
                failures.append(f"{prefix}{fw.id} {metric} {value:.1f}% < {fail_under:g}%")
    if fail_on is not None:
        threshold = Severity(fail_on).rank
        worst = sum(n for s, n in severities.items() if Severity(s).rank <= threshold)
        if worst:
            failures.append(f"{prefix}{worst} finding(s) at or above {Severity(fail_on).value}")
    if failed_scenarios:
        failures.append(f"{prefix}{failed_scenarios} requirement scenario(s) failed")
    return GateResult(tuple(failures))


def gate(assessment: Assessment, *, fail_under: float | None = None, metric: Metric = "coverage",
         fail_on: Severity | str | None = None) -> GateResult:
    """The gate for one audit: every finding counts, and failed requirement scenarios fail it."""
    counts: dict[Severity, int] = {}
    for finding in assessment.findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    run = assessment.requirements_run
    return evaluate([FrameworkFigure(fw.id, fw.coverage, fw.verified, fw.applicable) for fw in assessment.frameworks],
                    counts, run.failed if run is not None else 0, fail_under=fail_under, metric=metric,
                    fail_on=fail_on)
