"""Run every benchmark and write bench/RESULTS.md: `python -m bench [--quick] [--only AREA]`."""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from bench.figure import Figure

HERE = Path(__file__).resolve().parent


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        mem = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        mem = "unknown"
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem} memory, "
            f"Python {platform.python_version()}")


def areas() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def _default_out(quick: bool, partial: bool) -> Path:
    if not quick and not partial:
        return HERE / "RESULTS.md"
    return HERE / "_work" / f"RESULTS-{'quick' if quick else 'partial'}.md"


def _written_sections(out: Path) -> list[str]:
    """The hand-written sections (from the first `## ` heading on) of the file being replaced.

    A run regenerates the figures table; the notes engineers wrote under it (accuracy per document,
    tamper table, decisions) are kept, not lost.
    """
    try:
        text = out.read_text(encoding="utf-8")
    except OSError:
        return []
    at = text.find("\n## ")
    return ["", text[at + 1:].rstrip("\n")] if at >= 0 else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller inputs; finishes under a minute")
    parser.add_argument("--only", action="append", metavar="AREA", help=f"run only these areas: {', '.join(areas())}")
    parser.add_argument("--out", help="where to write the results (default: bench/RESULTS.md for a full run of "
                                      "every area; bench/_work/RESULTS-quick.md or -partial.md otherwise, so the "
                                      "recorded full run is never overwritten by a smaller one)")
    args = parser.parse_args(argv)
    chosen = args.only or areas()
    figures: list[tuple[str, Figure]] = []
    failures: list[str] = []
    started = time.perf_counter()
    for area in chosen:
        print(f"[bench] {area} ...", file=sys.stderr, flush=True)
        cpus = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
        try:
            module = importlib.import_module(f"bench.bench_{area}")
            for figure in module.benchmarks(args.quick):
                figures.append((area, figure))
                mark = "ok " if figure.holds else "MISS"
                print(f"  {mark} {figure.name}: {figure.value:.4g} {figure.unit} (target {figure.target})",
                      file=sys.stderr, flush=True)
        except Exception:  # a broken benchmark is a failed target, reported, not a crash
            failures.append(f"{area}: {traceback.format_exc(limit=3)}")
            print(f"  FAIL {area}", file=sys.stderr)
        finally:
            if cpus and os.sched_getaffinity(0) != cpus:  # no area's pinning leaks into the next
                os.sched_setaffinity(0, cpus)
    elapsed = time.perf_counter() - started
    held = all(f.holds for _, f in figures) and not failures
    lines = [
        "# Benchmark results", "",
        f"- Run: `python -m bench{' --quick' if args.quick else ''}` on "
        f"{datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, {elapsed:.1f} s in all",
        f"- Machine: {machine()}",
        f"- Every target met: {'yes' if held else 'NO'}", "",
        "| area | figure | value | target | holds | detail |", "|---|---|---:|---|---|---|",
    ]
    for area, f in figures:
        detail = f.detail.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {area} | {f.name} | {f.value:.4g} {f.unit} | {f.target} | {'yes' if f.holds else '**no**'} | {detail} |")
    for failure in failures:
        lines += ["", "```", failure.strip(), "```"]
    out = Path(args.out) if args.out else _default_out(args.quick, bool(args.only))
    out.parent.mkdir(parents=True, exist_ok=True)
    lines += _written_sections(out)
    temp = out.with_name(out.name + ".tmp")
    temp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(temp, out)
    print(f"[bench] wrote {out}; every target met: {held}", file=sys.stderr)
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
