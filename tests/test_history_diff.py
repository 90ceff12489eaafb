"""The audit history keeps the runs a reviewer asked for, once each; `diff` shows what changed."""

from __future__ import annotations

import json

import pytest
from conftest import Cli


@pytest.fixture
def samples(sample_workspace):
    return Cli(sample_workspace)


def runs(cli: Cli, vendor: str) -> list[dict]:
    result = cli("history", vendor, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_only_the_table_run_or_record_is_kept(samples):
    assert samples("audit", "cliently", "--format", "json").exit_code in (0, 1)
    assert samples("audit", "cliently", "--format", "md").exit_code in (0, 1)
    assert runs(samples, "cliently") == []  # exports are not audit records
    assert not (samples.workspace / ".auditor").exists()  # and leave no state behind
    assert samples("audit", "cliently").exit_code in (0, 1)  # the terminal summary is
    assert len(runs(samples, "cliently")) == 1
    assert samples("audit", "cliently", "--no-record").exit_code in (0, 1)
    assert len(runs(samples, "cliently")) == 1


def test_identical_runs_are_kept_once_and_diff_shows_the_change(samples, tmp_path):
    first = samples("audit", "zoho-crm")
    assert first.exit_code in (0, 1) and "recorded as run" in first.stderr
    second = samples("audit", "zoho-crm", "--format", "json", "--record")
    assert "not recorded again" in second.stderr
    assert len(runs(samples, "zoho-crm")) == 1

    report = tmp_path / "soc2.pdf"
    report.write_bytes(b"%PDF-1.7 stand-in for a SOC 2 Type II report\n")
    added = samples("evidence", "add", "zoho-crm", str(report), "--kind", "audit-report", "--attests",
                    "soc2-type2", "--effective", "2025-10-01/2026-09-30")
    assert added.exit_code == 0, added.output
    assert samples("audit", "zoho-crm").exit_code in (0, 1)
    assert samples("audit", "zoho-crm").exit_code in (0, 1)  # the same again: not stored
    history = runs(samples, "zoho-crm")
    assert len(history) == 2

    diff = samples("diff", "zoho-crm", "--format", "json")
    assert diff.exit_code == 0, diff.output
    data = json.loads(diff.stdout)
    assert (data["from_run"], data["to_run"]) == (history[0]["id"], history[1]["id"])
    assert data["status_changes"] or data["new_findings"] or data["resolved_findings"]
    text = samples("diff", "zoho-crm")
    assert text.exit_code == 0 and "no change" not in text.stdout


def test_diff_after_a_changed_scope_names_the_requirements_that_moved(samples):
    assert samples("audit", "cliently").exit_code in (0, 1)
    assert samples("audit", "cliently").exit_code in (0, 1)
    assert samples("audit", "cliently", "--scope", "health data").exit_code in (0, 1)
    assert len(runs(samples, "cliently")) == 2
    data = json.loads(samples("diff", "cliently", "--format", "json").stdout)
    hipaa = [c for c in data["status_changes"] if c["framework"] == "hipaa-security"]
    assert hipaa and all(c["from"] == "not_applicable" for c in hipaa)
    assert any(c["framework"] == "hipaa-security" and c["coverage"][0] is None for c in data["coverage_changes"])
    text = samples("diff", "cliently").stdout
    assert "hipaa-security: coverage n/a →" in text


def test_diff_skips_identical_runs_recorded_by_older_versions(samples, tmp_path):
    """A history written before runs were deduplicated: `diff` still finds the last real change."""
    from auditor.history import last_two_that_differ, load_run, record_run
    from auditor.workspace import Workspace

    ws = Workspace.resolve(samples.workspace)
    assert samples("audit", "cliently").exit_code in (0, 1)
    base = runs(samples, "cliently")[0]["id"]
    changed = load_run(ws, "cliently", base)
    changed["verdict"] = "changed by hand for the test"
    newer = record_run(ws, changed)
    assert newer.new
    import sqlite3
    import zlib

    with sqlite3.connect(ws.db_path) as conn:  # an identical duplicate, as old versions stored
        row = conn.execute("SELECT vendor, created_at, as_of, inputs_sha256, summary, report FROM audit_runs "
                           "WHERE id = ?", (newer.id,)).fetchone()
        conn.execute("INSERT INTO audit_runs (vendor, created_at, as_of, inputs_sha256, summary, report) "
                     "VALUES (?,?,?,?,?,?)", row)
    assert zlib.decompress(row[5])
    assert last_two_that_differ(ws, "cliently") == (base, newer.id + 1)
    data = json.loads(samples("diff", "cliently", "--format", "json").stdout)
    assert data["from_run"] == base and data["verdict_change"][1] == "changed by hand for the test"


def test_diff_with_too_few_runs_is_one_clear_line(samples):
    assert samples("audit", "cliently").exit_code in (0, 1)
    result = samples("diff", "cliently")
    assert result.exit_code == 2
    assert "need two recorded audits" in result.stderr and "Traceback" not in result.output
