"""Audit many dossiers at once (a vendor portfolio), on every core, with one catalog per worker."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.workspace import Workspace

_WORKER: dict[str, Any] = {}
"""Per worker process: the catalog and list index, built once by the pool's initializer."""


@dataclass(frozen=True)
class PortfolioRow:
    vendor: str
    name: str
    verdict: str
    findings: dict[str, int]
    frameworks: dict[str, dict[str, float]]
    error: str | None = None
    verdict_rule: str | None = None


def _init(root: str) -> None:
    from auditor.catalog.loader import load_catalog
    from auditor.screening.service import ScreenerCache

    workspace = Workspace(Path(root))
    _WORKER["workspace"] = workspace
    _WORKER["catalog"] = load_catalog(workspace)
    _WORKER["screeners"] = ScreenerCache()


def _audit_one(vendor_ref: str) -> PortfolioRow:
    from auditor.assess.run import AuditOptions, audit_vendor
    from auditor.errors import AuditorError

    try:
        outcome = audit_vendor(_WORKER["workspace"], _WORKER["catalog"], vendor_ref, AuditOptions(),
                               screener_cache=_WORKER["screeners"])
    except AuditorError as exc:
        return PortfolioRow(vendor_ref, vendor_ref, "not audited", {}, {}, error=str(exc))
    a = outcome.assessment
    counts = {s: 0 for s in ("critical", "high", "medium", "low", "info")}
    for f in a.findings:
        counts[f.severity.value] += 1
    verdict = outcome.verdict
    return PortfolioRow(a.vendor_id, a.vendor_name, verdict.text, counts,
                        {fw.id: {"coverage": fw.coverage, "verified": fw.verified}
                         for fw in a.frameworks if fw.applicable}, verdict_rule=verdict.rule)


def audit_many(workspace: Workspace, vendors: Iterable[str], jobs: int | None = None,
               progress: Callable[[int, int], None] | None = None) -> list[PortfolioRow]:
    """One row per vendor, in the order given; a dossier that does not load is a row with its error."""
    vendors = list(vendors)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(vendors) or 1))
    rows: list[PortfolioRow] = []
    if jobs == 1:
        _init(str(workspace.root))
        for i, vendor in enumerate(vendors, 1):
            rows.append(_audit_one(vendor))
            if progress:
                progress(i, len(vendors))
        return rows
    chunk = max(1, len(vendors) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(str(workspace.root),)) as pool:
        for i, row in enumerate(pool.map(_audit_one, vendors, chunksize=chunk), 1):
            rows.append(row)
            if progress:
                progress(i, len(vendors))
    return rows
