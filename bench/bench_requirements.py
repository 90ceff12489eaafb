"""Requirements runs: the shipped feature files against a sample dossier, and repeated runs in one process.

Each run starts pytest in-process with the packaged steps (collection, the step library, one
audit per vendor and scope, cached across the run's scenarios). Repeated runs must not slow
down or leak: pytest-bdd keeps module-level caches that the runner clears after each run.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench.figure import Figure

REPO = Path(__file__).resolve().parent.parent


def _settings(workspace_dir: Path, vendor: str):
    from auditor.catalog.loader import load_catalog
    from auditor.requirements.context import RunSettings
    from auditor.workspace import Workspace

    workspace = Workspace(workspace_dir)
    return RunSettings(workspace=workspace, catalog=load_catalog(workspace), vendor=vendor)


def _shipped_features() -> Figure:
    from auditor.requirements.runner import run_requirements

    with tempfile.TemporaryDirectory() as tmp:
        settings = _settings(Path(tmp), "zoho-crm")
        timings, result = [], None
        for _ in range(5):
            start = time.perf_counter()
            result = run_requirements([REPO / "features"], settings)
            timings.append(time.perf_counter() - start)
    value = statistics.median(timings)
    return Figure("requirements run: features/ against zoho-crm, in-process", value, "s", "< 2 s", value < 2.0,
                  f"{len(result.scenarios)} scenarios ({result.passed} passed, {result.failed} failed), "
                  "median of 5, each run auditing the vendor once per engagement scope")


def _repeated(quick: bool) -> list[Figure]:
    import gc
    import tracemalloc

    from auditor.requirements.runner import run_requirements

    runs = 30 if quick else 80
    with tempfile.TemporaryDirectory() as tmp:
        feature = Path(tmp, "one.feature")
        feature.write_text('Feature: One\n  Scenario: Critical response\n'
                           '    Then the "critical" support response must be at most 1 hours\n', encoding="utf-8")
        settings = _settings(Path(tmp), "6clicks")
        run_requirements([feature], settings)  # imports pytest, pytest-bdd and the steps
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            run_requirements([feature], settings)
            timings.append(time.perf_counter() - start)
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.take_snapshot()
        for _ in range(runs):
            run_requirements([feature], settings)
        gc.collect()
        retained = sum(stat.size_diff for stat in tracemalloc.take_snapshot().compare_to(before, "filename"))
        tracemalloc.stop()
    # the fastest of a window: the run's own cost, without the noise of other work on the machine
    first, last = min(timings[:10]), min(timings[-10:])
    growth = last / first
    per_run = retained / runs / 1024
    return [
        Figure("requirements run: one scenario, in-process (pytest start-up included)", first, "s", "< 0.5 s",
               first < 0.5, f"fastest of runs 2-11 of {runs + 1}; the first run imports pytest and the steps"),
        Figure(f"requirements run: fastest of the last 10 of {runs} runs in one process vs the first 10", growth,
               "x", "≤ 1.3 (no slow-down)", growth <= 1.3, f"first {1000 * first:.0f} ms, last {1000 * last:.0f} ms"),
        Figure("requirements run: memory retained per run in one process", per_run, "KiB", "< 50 KiB",
               per_run < 50, f"tracemalloc over {runs} runs, after garbage collection (pytest's own bookkeeping)"),
    ]


def benchmarks(quick: bool) -> list[Figure]:
    return [_shipped_features(), *_repeated(quick)]
