"""Questionnaire import speed: a generated 300-question CAIQ v4 workbook into a dossier.

The workbook is written here (our own words; only the CAIQ's header labels and id shapes), with a
sentence of implementation description on each row so the claims reader has work to do.
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

HEADERS = ["Question ID", "Question", "CSP CAIQ Answer", "SSRM Control Ownership",
           "CSP Implementation Description (Optional/Recommended)", "CSC Responsibilities  (Optional/Recommended)"]
SENTENCES = ["Customer data is encrypted at rest with AES-256 and keys are rotated yearly.",
             "Administrators sign in with multi-factor authentication.",
             "Backups are taken daily and restored in a quarterly test.",
             "Changes are peer reviewed and tested before release.",
             "We do not allow customers to hold their own keys.", ""]


def make_caiq(path: Path, questions: int = 300) -> Path:
    import yaml
    from openpyxl import Workbook

    from auditor.questionnaires.mapping import data_dir

    controls = list(yaml.safe_load((data_dir() / "caiq-v4.yaml").read_text())["controls"])
    wb = Workbook()
    ws = wb.active
    ws.title = "CAIQv4.0.3"
    ws["A1"], ws["B1"] = "v4.0.3", "CONSENSUS ASSESSMENTS INITIATIVE QUESTIONNAIRE v4.0.3"
    ws.append(HEADERS)
    n = 0
    sub = 1
    while n < questions:
        for control in controls:
            if n >= questions:
                break
            answer = "No" if n % 37 == 0 else ("NA" if n % 53 == 0 else "Yes")
            owner = "Shared CSP and CSC" if n % 41 == 0 else "CSP-owned"
            ws.append([f"{control}.{sub}", f"generated question {n}", answer, owner, SENTENCES[n % len(SENTENCES)]])
            n += 1
        sub += 1
    ws.append(["End of Standard"])
    wb.save(path)
    return path


def _in_process(tmp: Path, caiq: Path) -> Figure:
    from auditor.catalog.loader import load_catalog
    from auditor.claims.reading import document_from_text
    from auditor.evidence.store import EvidenceStore
    from auditor.questionnaires.importer import import_into_dossier
    from auditor.workspace import Workspace

    workspace = Workspace(tmp / "ws")
    catalog = load_catalog(workspace)
    timings, cpu = [], []
    for run in range(8):  # run 0 compiles the claims vocabulary (once per catalog in a process): not timed
        vendor = f"bench-{run}"
        folder = workspace.evidence_dir / vendor / "documents"
        folder.mkdir(parents=True)
        doc = document_from_text("Bench vendor\n")
        (folder / "d.md").write_bytes(doc.data)
        (folder.parent / "vendor.yaml").write_text(
            f"id: {vendor}\nname: Bench\ndocuments:\n- path: documents/d.md\n  sha256: {doc.sha256}\n")
        start, start_cpu = time.perf_counter(), time.process_time()
        result = import_into_dossier(workspace, catalog, vendor, caiq, store=EvidenceStore(workspace))
        if run:
            timings.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    value = statistics.median(timings)
    q = result.questionnaire
    claims = sum(len(c.claims) for c in result.converted)
    return Figure("questionnaire import: 300-question CAIQ into a dossier (after start-up)", value, "s", "< 1 s",
                  value < 1.0, f"{len(q.items)} ids, {claims} claims; read (openpyxl cached values; formulas without a value from the sheet XML), map, "
                  "claims reader over every description, evidence add, document copy, vendor.yaml rewrite; "
                  f"median of 7 (min {min(timings):.2f} s, max {max(timings):.2f} s; CPU {statistics.median(cpu):.2f} s) "
                  "after one untimed run that compiles the claims vocabulary (once per catalog in a process); "
                  f"machine shared with other work (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


def _cli(tmp: Path, caiq: Path) -> Figure:
    ws = tmp / "cli"
    ws.mkdir()
    doc = tmp / "doc.md"
    doc.write_text("Bench vendor\n")
    exe = [sys.executable, "-m", "auditor", "--workspace", str(ws)]
    subprocess.run([*exe, "vendor", "init", "acme", "--from", str(doc)], check=True, capture_output=True)
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([*exe, "questionnaire", "import", "acme", str(caiq), "--format", "json"], check=True,
                       capture_output=True)
        timings.append(time.perf_counter() - start)
    value = statistics.median(timings)
    return Figure("questionnaire import, whole CLI process (start-up, catalog, vocabulary included)", value, "s",
                  "reference (no target)", True,
                  "`auditor questionnaire import` of the same workbook, median of 3 subprocess runs; the claims "
                  "vocabulary compile (about 0.5 s) and catalog load dominate")


def benchmarks(quick: bool) -> list[Figure]:
    tmp = Path(tempfile.mkdtemp(prefix="auditor-bench-q-"))
    try:
        caiq = make_caiq(tmp / "caiq-300.xlsx")
        return [_in_process(tmp, caiq), _cli(tmp, caiq)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
