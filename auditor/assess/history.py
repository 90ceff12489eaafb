"""Every audit is recorded with the hashes of its inputs, so a later run can be compared to it."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from auditor.errors import InputError
from auditor.report.model import ReportData
from auditor.workspace import Workspace

_SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    vendor TEXT NOT NULL,
    created_at TEXT NOT NULL,
    as_of TEXT NOT NULL,
    inputs_sha256 TEXT NOT NULL,
    summary TEXT NOT NULL,
    report BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_runs_vendor ON audit_runs(vendor, id);
"""


def _connect(workspace: Workspace) -> sqlite3.Connection:
    workspace.ensure_state_dir()
    conn = None
    try:
        conn = sqlite3.connect(workspace.db_path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(_SCHEMA)
    except sqlite3.Error as exc:  # not a database, a folder in its place, damaged pages
        if conn is not None:
            conn.close()
        raise InputError(f"cannot use the audit history database: {exc}", file=workspace.db_path) from None
    return conn


@dataclass(frozen=True)
class RunSummary:
    id: int
    vendor: str
    created_at: str
    as_of: str
    inputs_sha256: str
    summary: dict[str, Any]


def record_run(workspace: Workspace, report: ReportData) -> int:
    from auditor.report.formats import to_json_data

    data = to_json_data(report)
    inputs = json.dumps(report.assessment.inputs, sort_keys=True).encode()
    summary = {
        "frameworks": {fw["id"]: {"coverage": fw["coverage"], "verified": fw["verified"]} for fw in data["frameworks"]
                       if fw["applicable"]},
        "findings": {sev: sum(1 for f in data["findings"] if f["severity"] == sev)
                     for sev in ("critical", "high", "medium", "low", "info")},
        "verdict": data["verdict"],
    }
    blob = zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 6)
    with closing(_connect(workspace)) as conn:
        cur = conn.execute(
            "INSERT INTO audit_runs (vendor, created_at, as_of, inputs_sha256, summary, report) VALUES (?,?,?,?,?,?)",
            (report.assessment.vendor_id, datetime.now(timezone.utc).isoformat(timespec="seconds"),
             report.assessment.as_of.isoformat(), hashlib.sha256(inputs).hexdigest(), json.dumps(summary), blob))
        return int(cur.lastrowid)


def list_runs(workspace: Workspace, vendor: str) -> list[RunSummary]:
    if not workspace.db_path.is_file():
        return []
    with closing(_connect(workspace)) as conn:
        rows = conn.execute("SELECT id, vendor, created_at, as_of, inputs_sha256, summary FROM audit_runs "
                            "WHERE vendor = ? ORDER BY id", (vendor,)).fetchall()
    try:
        return [RunSummary(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]
    except (ValueError, TypeError):
        raise InputError(f"the audit history of {vendor!r} is damaged (a run summary is not JSON)",
                         file=workspace.db_path) from None


def load_run(workspace: Workspace, vendor: str, run_id: int) -> dict[str, Any]:
    with closing(_connect(workspace)) as conn:
        row = conn.execute("SELECT report FROM audit_runs WHERE vendor = ? AND id = ?", (vendor, run_id)).fetchone()
    if row is None:
        raise InputError(f"no run {run_id} for vendor {vendor!r} (see: auditor history {vendor})")
    try:
        return json.loads(zlib.decompress(row[0]).decode("utf-8"))
    except (zlib.error, ValueError, TypeError):
        raise InputError(f"run {run_id} of {vendor!r} is damaged in the audit history", file=workspace.db_path) from None


def _finding_key(f: dict[str, Any]) -> tuple:
    return (f["kind"], f.get("control"), f["title"])


def diff_runs(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Status changes per requirement, and findings that appeared or went away."""
    before = {(fw["id"], r["id"]): r["status"] for fw in old["frameworks"] for r in fw["requirements"]}
    changes = []
    for fw in new["frameworks"]:
        for r in fw["requirements"]:
            prior = before.get((fw["id"], r["id"]))
            if prior != r["status"]:
                changes.append({"framework": fw["id"], "requirement": r["id"], "title": r["title"],
                                "from": prior, "to": r["status"]})
    old_findings = {_finding_key(f): f for f in old["findings"]}
    new_findings = {_finding_key(f): f for f in new["findings"]}
    coverage = []
    old_fw = {fw["id"]: fw for fw in old["frameworks"]}
    for fw in new["frameworks"]:
        prior = old_fw.get(fw["id"])
        if prior and (prior["coverage"], prior["verified"]) != (fw["coverage"], fw["verified"]):
            coverage.append({"framework": fw["id"], "coverage": [prior["coverage"], fw["coverage"]],
                             "verified": [prior["verified"], fw["verified"]]})
    return {
        "status_changes": changes,
        "coverage_changes": coverage,
        "new_findings": [f for k, f in new_findings.items() if k not in old_findings],
        "resolved_findings": [f for k, f in old_findings.items() if k not in new_findings],
    }
