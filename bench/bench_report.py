"""Signed PDF reports: `auditor report --sign` and `auditor verify` end to end, and `auditor --help`.

Every figure is a real subprocess, so interpreter start-up and imports are included.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.figure import Figure

REPO = Path(__file__).resolve().parent.parent
PASSPHRASE = {"AUDITOR_KEY_PASSPHRASE": "benchmark passphrase"}


def _auditor() -> list[str]:
    script = Path(sys.executable).with_name("auditor")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "auditor"]


def _timed(args: list[str], env: dict[str, str], runs: int, *, ok: tuple[int, ...] = (0,),
           cpu: list[float] | None = None) -> list[float]:
    """Wall-clock seconds per run; `cpu` collects the child's user+system seconds (machine load aside)."""
    import resource

    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if cpu is not None:
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in ok:
            raise RuntimeError(f"{' '.join(args[-6:])} exited {done.returncode}: {done.stderr.strip()[-300:]}")
    return times


def _report_source(ws: Path, env: dict[str, str]) -> tuple[list[str], str]:
    """Audit the zoho-crm sample when the engine and dossier are there; else saved report data of the same size."""
    probe = subprocess.run([*_auditor(), "-w", str(ws), "audit", "zoho-crm", "--format", "json", "--no-record"],
                           env=env, capture_output=True, text=True, timeout=120)
    every = [arg for scope in ("personal data", "health data", "cardholder data", "export-controlled technology")
             for arg in ("--scope", scope)]  # every framework in scope: the largest report there is
    if probe.returncode in (0, 1):
        return ["zoho-crm", *every], "zoho-crm sample dossier audited with every framework in scope"
    seed = REPO.parent / "shared" / "seeds" / "001_1b8df0b9a5395975.txt"
    made = subprocess.run([*_auditor(), "-w", str(ws), "vendor", "init", "zoho-crm", "--name", "Zoho CRM",
                           "--from", str(seed)], env=env, capture_output=True, text=True, timeout=120)
    if seed.is_file() and made.returncode == 0:
        return ["zoho-crm", *every], ("zoho-crm dossier built by `auditor vendor init` from the Arabic Zoho CRM profile, "
                              "every framework in scope, audited and rendered")
    sys.path.insert(0, str(REPO / "tests"))
    from reportdata import build

    data = build(scale=5, findings=60)
    rows = sum(len(f.requirements) for f in data.assessment.frameworks)
    path = ws / "report-data.json"
    path.write_text(data.model_dump_json(), encoding="utf-8")
    return ["--data", str(path)], (f"sample dossier unavailable ({probe.stderr.strip()[-120:]}); rendered saved "
                                   f"report data of {rows} requirement rows in 7 frameworks instead")


def _report_figures(quick: bool) -> list[Figure]:
    runs = 3 if quick else 7
    ws = Path(tempfile.mkdtemp(prefix="auditor-bench-report-"))
    env = {**os.environ, **PASSPHRASE}
    env.pop("AUDITOR_DEBUG", None)
    try:
        subprocess.run([*_auditor(), "-w", str(ws), "keys", "init", "--name", "Bench Reviewer"], env=env,
                       check=True, capture_output=True, timeout=60)
        source, what = _report_source(ws, env)
        out = ws / "report.pdf"
        report_cpu: list[float] = []
        verify_cpu: list[float] = []
        report_times = _timed([*_auditor(), "-w", str(ws), "report", *source, "--out", str(out), "--sign"], env, runs,
                              cpu=report_cpu)
        size = out.stat().st_size
        pages = subprocess.run([*_auditor(), "-w", str(ws), "report", *source, "--out", str(out), "--sign",
                                "--format", "json"], env=env, capture_output=True, text=True, timeout=120)
        verify_times = _timed([*_auditor(), "-w", str(ws), "verify", str(out)], env, runs, cpu=verify_cpu)
    finally:
        shutil.rmtree(ws, ignore_errors=True)
    report_s, verify_s = statistics.median(report_times), statistics.median(verify_times)
    return [
        Figure("auditor report --sign, all frameworks, end to end", report_s, "s", "< 3 s", report_s < 3.0,
               f"{what}; {_pages(pages.stdout)} pages, {size / 1024:.0f} KiB; PAdES B-B, encrypted P-256 key; "
               f"median of {runs} subprocess runs (min {min(report_times):.2f} s, max {max(report_times):.2f} s; "
               f"CPU {statistics.median(report_cpu):.2f} s, so the rest is waiting for a busy machine)"),
        Figure("auditor verify, end to end", verify_s, "s", "< 1 s", verify_s < 1.0,
               f"the report above: signature, whole-file coverage, embedded manifest digest; median of {runs}, "
               f"CPU {statistics.median(verify_cpu):.2f} s"),
    ]


def _pages(summary_json: str) -> str:
    import json

    try:
        return str(json.loads(summary_json)["pages"])
    except (ValueError, KeyError):
        return "?"


def _import_cost_ms() -> float:
    """Self import time of this area's CLI modules, as `python -X importtime` reports it."""
    # what every command module shares (click, auditor.cli.main, .output) is loaded first: only ours is counted
    code = ("import auditor.cli.main, auditor.cli.output, auditor.cli.frameworks\n"
            "import auditor.cli.keys, auditor.cli.report, auditor.cli.verify")
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    total = 0
    for line in done.stderr.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[2] in ("auditor.cli.keys", "auditor.cli.report", "auditor.cli.verify"):
            total += int(parts[1])  # cumulative: includes anything they pull in
    return total / 1000


def _help_figures(quick: bool) -> list[Figure]:
    runs = 9 if quick else 25
    env = {**os.environ}
    click_args = [sys.executable, "-c", "import click"]
    help_args = [*_auditor(), "--help"]
    click_t, help_t = [], []
    for _ in range(runs):  # interleaved, so a busy moment on the machine hits both alike
        click_t += _timed(click_args, env, 1)
        help_t += _timed(help_args, env, 1)
    ratio = min(help_t) / min(click_t)
    cost = min(_import_cost_ms() for _ in range(5))
    return [
        Figure("auditor --help vs python -c 'import click'", ratio, "x", "<= 1.5x", ratio <= 1.5,
               f"auditor --help {min(help_t) * 1000:.0f} ms (median {statistics.median(help_t) * 1000:.0f}), "
               f"import click {min(click_t) * 1000:.0f} ms (median {statistics.median(click_t) * 1000:.0f}); "
               f"best of {runs} interleaved runs; the whole CLI with every command group listed"),
        Figure("import cost of the keys/report/verify commands in --help", cost, "ms",
               "<= 5 ms (--help no slower than before)", cost <= 5.0,
               "cumulative -X importtime of auditor.cli.keys, .report and .verify after the modules every command "
               "shares; pyHanko, reportlab and cryptography load inside the commands; best of 5"),
    ]


def benchmarks(quick: bool) -> list[Figure]:
    return _report_figures(quick) + _help_figures(quick)


if __name__ == "__main__":  # pragma: no cover
    for figure in benchmarks(quick="--quick" in sys.argv):
        print(f"{figure.name}: {figure.value:.3f} {figure.unit} (target {figure.target}) "
              f"{'holds' if figure.holds else 'MISSED'} — {figure.detail}")
