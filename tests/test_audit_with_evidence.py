"""End to end on a sample dossier: evidence collected through the CLI changes the audit."""

from __future__ import annotations

import json

from conftest import Cli


def audit_json(cli: Cli, vendor: str, *args: str) -> dict:
    result = cli("audit", vendor, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def status(data: dict, framework: str, requirement: str) -> str:
    fw = next(f for f in data["frameworks"] if f["id"] == framework)
    return next(r for r in fw["requirements"] if r["id"] == requirement)["status"]


def test_soc2_report_evidences_soc2_and_history_shows_the_change(sample_workspace, tmp_path):
    cli = Cli(sample_workspace)
    before = audit_json(cli, "zoho-crm", "--record")  # a JSON audit is kept only when asked
    assert status(before, "soc2-2017", "CC6.1") == "gap"  # SOC 2 Type II only claimed: no requirement is proven
    report = tmp_path / "zoho-soc2-type2-2026.pdf"
    report.write_bytes(b"%PDF-1.7 stand-in for the auditor's SOC 2 Type II report\n")
    added = cli("evidence", "add", "zoho-crm", str(report), "--kind", "audit-report", "--attests", "soc2-type2",
                "--effective", "2025-10-01/2026-09-30", "--accept-unread",  # a stand-in: no reader can read it
                "--reason", "the reviewer read the full report")
    assert added.exit_code == 0, added.stderr
    after = audit_json(cli, "zoho-crm", "--record")
    assert status(after, "soc2-2017", "CC6.1") == "satisfied"
    soc2 = next(f for f in after["frameworks"] if f["id"] == "soc2-2017")
    assert soc2["verified"] == 100.0
    assert status(after, "iso27001-2022", "A.8.24") == "gap"  # a SOC 2 report is not an ISO certificate
    assert len(after["evidence"]) == 1 and after["evidence"][0]["kind"] == "audit-report"

    diff = cli("diff", "zoho-crm", "--format", "json")
    assert diff.exit_code == 0, diff.stderr
    changes = json.loads(diff.stdout)["status_changes"]
    assert {"framework": "soc2-2017", "requirement": "CC6.1", "from": "gap", "to": "satisfied"} in [
        {k: c[k] for k in ("framework", "requirement", "from", "to")} for c in changes]


def test_expired_certificate_is_stale(sample_workspace, tmp_path):
    cli = Cli(sample_workspace)
    cert = tmp_path / "iso.pdf"
    cert.write_bytes(b"certificate")
    added = cli("evidence", "add", "zoho-crm", str(cert), "--kind", "certificate", "--attests", "iso27001",
                "--effective", "2022-01-01", "--valid-until", "2025-01-01", "--accept-unread",
                "--reason", "the reviewer read the certificate")
    assert added.exit_code == 0, added.stderr
    data = audit_json(cli, "zoho-crm", "--no-record")
    assert status(data, "iso27001-2022", "A.8.13") == "stale"


def test_policy_evidence_satisfies_one_control_everywhere(sample_workspace, tmp_path):
    cli = Cli(sample_workspace)
    policy = tmp_path / "backup-policy.pdf"
    policy.write_bytes(b"backup policy")
    assert cli("evidence", "add", "cliently", str(policy), "--kind", "policy", "--covers", "backup",
               "--effective", "2026-06-01").exit_code == 0
    data = audit_json(cli, "cliently", "--no-record")
    mapped = [(fw["id"], r["id"]) for fw in data["frameworks"] for r in fw["requirements"]
              if r["controls"] == ["backup"] and r["status"] != "not_applicable"]
    assert mapped, "backup maps to requirements in several frameworks"
    assert all(status(data, fw, req) == "satisfied" for fw, req in mapped)
