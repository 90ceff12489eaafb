"""The audit history: runs a reviewer asked to keep, each with the hashes of its inputs, for `diff`.

A run is recorded when the user asks for an audit record (the terminal audit, or `--record`), and
an audit whose outcome is the same as the vendor's last recorded run is not stored twice: `diff`
then always has a change to show. The history reads and writes the report's JSON shape (a plain
dict) so it does not depend on the report package.
"""

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
# What two runs may differ in and still be the same audit: when it ran, and the day it judged.
_VOLATILE = ("generated_at", "as_of", "ledger_head")
SEVERITIES = ("critical", "high", "medium", "low", "info")


def _connect(workspace: Workspace) -> sqlite3.Connection:
    workspace.ensure_db()  # private: 0600 in a 0700 folder whatever the umask
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


@dataclass(frozen=True)
class Recorded:
    """What `record_run` did: the run's id, and whether it was new (False: same as run ``id``)."""

    id: int
    new: bool

    def summary(self) -> str:
        return f"recorded as run {self.id}" if self.new else f"same as run {self.id}: not recorded again"


def outcome_digest(data: dict[str, Any]) -> str:
    """sha256 of a report's JSON without what changes on every run (when it ran, the day judged)."""
    stable = {k: v for k, v in data.items() if k not in _VOLATILE}
    blob = json.dumps(stable, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _summary(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "frameworks": {fw["id"]: {"coverage": fw["coverage"], "verified": fw["verified"]}
                       for fw in data["frameworks"] if fw.get("applicable")},
        "findings": {sev: sum(1 for f in data["findings"] if f["severity"] == sev) for sev in SEVERITIES},
        "verdict": data["verdict"],
    }


def _decode(blob: bytes, vendor: str, run_id: int, workspace: Workspace) -> dict[str, Any]:
    try:
        return json.loads(zlib.decompress(blob).decode("utf-8"))
    except (zlib.error, ValueError, TypeError):
        raise InputError(f"run {run_id} of {vendor!r} is damaged in the audit history",
                         file=workspace.db_path) from None


def record_run(workspace: Workspace, data: dict[str, Any]) -> Recorded:
    """Keep one audit (its report as JSON data); the same outcome as the last run is not stored twice."""
    vendor = data["vendor"]["id"]
    inputs = json.dumps(data.get("inputs", {}), sort_keys=True, default=str).encode()
    digest = outcome_digest(data)
    blob = zlib.compress(json.dumps(data, ensure_ascii=False, default=str).encode("utf-8"), 6)
    with closing(_connect(workspace)) as conn:
        conn.execute("BEGIN IMMEDIATE")  # two audits at once: the second sees the first's run
        try:
            last = conn.execute("SELECT id, report FROM audit_runs WHERE vendor = ? ORDER BY id DESC LIMIT 1",
                                (vendor,)).fetchone()
            if last is not None and outcome_digest(_decode(last[1], vendor, last[0], workspace)) == digest:
                conn.execute("COMMIT")
                return Recorded(int(last[0]), False)
            cur = conn.execute(
                "INSERT INTO audit_runs (vendor, created_at, as_of, inputs_sha256, summary, report) "
                "VALUES (?,?,?,?,?,?)",
                (vendor, datetime.now(timezone.utc).isoformat(timespec="seconds"), str(data.get("as_of", "")),
                 hashlib.sha256(inputs).hexdigest(), json.dumps(_summary(data)), blob))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return Recorded(int(cur.lastrowid), True)


def list_runs(workspace: Workspace, vendor: str) -> list[RunSummary]:
    """The vendor's recorded runs, oldest first; none (and nothing created) without a database."""
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
    if not workspace.db_path.is_file():
        raise InputError(f"no run {run_id} for vendor {vendor!r}: nothing is recorded in this workspace")
    with closing(_connect(workspace)) as conn:
        row = conn.execute("SELECT report FROM audit_runs WHERE vendor = ? AND id = ?", (vendor, run_id)).fetchone()
    if row is None:
        raise InputError(f"no run {run_id} for vendor {vendor!r} (see: auditor history {vendor})")
    return _decode(row[0], vendor, run_id, workspace)


def last_two_that_differ(workspace: Workspace, vendor: str) -> tuple[int, int] | None:
    """The latest run and the latest earlier run with a different outcome (None: no such pair)."""
    runs = [r.id for r in list_runs(workspace, vendor)]
    if len(runs) < 2:
        return None
    newest = runs[-1]
    digest = outcome_digest(load_run(workspace, vendor, newest))
    for earlier in reversed(runs[:-1]):
        if outcome_digest(load_run(workspace, vendor, earlier)) != digest:
            return earlier, newest
    return None


def _finding_key(f: dict[str, Any]) -> tuple:
    return (f["kind"], f.get("control"), f["title"])


def diff_runs(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Status changes per requirement, coverage changes, and findings that appeared or went away."""
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
    verdict = [old.get("verdict"), new.get("verdict")] if old.get("verdict") != new.get("verdict") else None
    return {
        "verdict_change": verdict,
        "status_changes": changes,
        "coverage_changes": coverage,
        "new_findings": [f for k, f in new_findings.items() if k not in old_findings],
        "resolved_findings": [f for k, f in old_findings.items() if k not in new_findings],
    }
