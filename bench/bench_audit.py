"""Audit speed: one dossier against every framework, and portfolios of 10, 100 and 1,000."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.figure import Figure
from bench.gen import make_dossiers


def _one_dossier() -> Figure:
    from auditor import api
    from auditor.catalog.loader import load_catalog
    from auditor.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        workspace = Workspace(Path(tmp))
        catalog = load_catalog(workspace)
        timings = []
        for _ in range(7):
            start = time.perf_counter()
            outcome = api.audit("zoho-crm", workspace=workspace, catalog=catalog)
            api.render(api.build_report(outcome), "json")
            timings.append(time.perf_counter() - start)
    requirements = sum(len(fw.requirements) for fw in outcome.assessment.frameworks)
    value = statistics.median(timings)
    return Figure("audit one dossier, all frameworks (after start-up)", value, "s", "< 0.3 s", value < 0.3,
                  f"zoho-crm sample, {requirements} requirements in {len(outcome.assessment.frameworks)} "
                  f"frameworks, median of 7, JSON rendering included")


def _portfolios(quick: bool) -> list[Figure]:
    from auditor.assess.batch import audit_many
    from auditor.catalog.loader import load_catalog
    from auditor.workspace import Workspace

    sizes = [10, 100, 300] if quick else [10, 100, 1000]
    controls = sorted(load_catalog(None).controls)
    figures, per_dossier = [], {}
    for size in sizes:
        tmp = Path(tempfile.mkdtemp(prefix="auditor-bench-"))
        try:
            ids = make_dossiers(tmp, size, controls)
            start = time.perf_counter()
            rows = audit_many(Workspace(tmp), ids, jobs=2)
            elapsed = time.perf_counter() - start
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        errors = [r for r in rows if r.error]
        per_dossier[size] = elapsed / size
        if size == sizes[-1]:
            target = 20.0 * size / 1000
            figures.append(Figure(f"audit {size} generated dossiers, 2 processes", elapsed, "s",
                                  f"< {target:g} s" + ("" if size == 1000 else " (20 s per 1,000, scaled)"),
                                  elapsed < target and not errors,
                                  f"{len(errors)} errors; per dossier {1000 * elapsed / size:.1f} ms"))
    small, mid, large = sizes
    growth = per_dossier[large] / per_dossier[mid]
    figures.append(Figure(f"growth {mid}→{large}: time per dossier ratio", growth, "x", "≤ 1.3 (linear)",
                          growth <= 1.3,
                          " ; ".join(f"{n}: {1000 * t:.1f} ms/dossier" for n, t in per_dossier.items())
                          + f" (at {small} the pool start-up dominates)"))
    return figures


def benchmarks(quick: bool) -> list[Figure]:
    return [_one_dossier(), *_portfolios(quick)]
