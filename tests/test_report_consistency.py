"""One fact, one wording, in every format: n/a is n/a, titles are clean, out-of-scope frameworks
raise no findings."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from conftest import Cli


@pytest.fixture
def samples(sample_workspace):
    return Cli(sample_workspace)


def test_out_of_scope_frameworks_are_n_a_in_table_markdown_and_json(samples):
    data = json.loads(samples("audit", "zoho-crm", "--format", "json").stdout)
    out_of_scope = [fw["id"] for fw in data["frameworks"] if not fw["applicable"]]
    assert out_of_scope, "the sample should have a framework out of scope (PCI DSS, HIPAA)"
    for fw in data["frameworks"]:
        if fw["id"] in out_of_scope:
            assert fw["coverage"] is None and fw["verified"] is None  # never 0.0
        else:
            assert isinstance(fw["coverage"], float)
    md = samples("audit", "zoho-crm", "--format", "md").stdout
    table = samples("audit", "zoho-crm", "--no-record").stdout
    for fw_id in out_of_scope:
        row = next(line for line in md.splitlines() if line.startswith(f"| {fw_id} |"))
        assert row.split("|")[2].strip() == "n/a" and row.split("|")[3].strip() == "n/a", row
        assert "0.0%" not in row
        line = next(line for line in table.splitlines() if line.startswith(fw_id))
        assert line.split()[1:3] == ["n/a", "n/a"], line


def test_oscal_titles_do_not_repeat_the_version(samples):
    data = json.loads(samples("audit", "zoho-crm", "--format", "oscal").stdout)
    titles = [r["title"] for r in data["assessment-results"]["results"]]
    assert "ISO/IEC 27001:2022" in titles
    for title in titles:
        numbers = re.findall(r"\d+(?:[./:]\d+)*", title)
        parts = [p for n in numbers for p in re.split(r"[:/]", n)]
        assert len(parts) == len(set(parts)), title


def test_a_hedged_claim_about_an_out_of_scope_framework_is_not_a_finding(samples):
    path = samples.workspace / "evidence" / "cliently" / "vendor.yaml"
    vendor = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert vendor["engagement"]["data"] == ["personal data"]  # no cardholder data: PCI DSS is out of scope
    cite = dict(vendor["attestations"][0]["citation"])
    vendor["attestations"].append({"type": "pci-dss-aoc", "polarity": "affirmed", "hedged": True, "citation": cite})
    vendor["claims"].append({"control": "payment-page-security", "polarity": "affirmed", "hedged": True,
                             "citation": cite})
    path.write_text(yaml.safe_dump(vendor, allow_unicode=True, sort_keys=False), encoding="utf-8")
    data = json.loads(samples("audit", "cliently", "--format", "json").stdout)
    pci = next(fw for fw in data["frameworks"] if fw["id"].startswith("pci"))
    assert not pci["applicable"]
    hedges = [f for f in data["findings"] if f["kind"] == "hedge"]
    assert hedges  # the sample's own hedged claims are still findings
    assert not [f for f in hedges if "PCI" in f["title"] or f["control"] == "payment-page-security"], hedges

    scoped = json.loads(samples("audit", "cliently", "--format", "json", "--scope", "personal data",
                                "--scope", "cardholder data").stdout)
    assert [f for f in scoped["findings"] if f["kind"] == "hedge" and "PCI" in f["title"]]  # in scope: asked


def test_verify_of_a_report_altered_inside_its_signed_bytes_gives_one_verdict(cli, workspace, tmp_path):
    from reportdata import build

    data = tmp_path / "data.json"
    data.write_text(build(scale=0, findings=3).model_dump_json(), encoding="utf-8")
    assert cli("keys", "init", "--name", "Layla Haddad", "--no-passphrase").exit_code == 0
    out = tmp_path / "r.pdf"
    made = cli("report", "--data", str(data), "--out", str(out), "--sign")
    assert out.is_file(), made.output
    raw = bytearray(out.read_bytes())
    spot = raw.index(b"Zoho CRM")  # inside the signed byte range: the vendor's name on the page
    raw[spot:spot + 8] = b"Zoho CRN"
    out.write_bytes(bytes(raw))
    result = cli("verify", str(out))
    assert result.exit_code == 1
    rows = dict(re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in result.stdout.splitlines()
                if re.match(r"^(document intact|changed after signing)\s", line))
    assert rows["document intact"] == "NO" and rows["changed after signing"] == "YES", result.stdout
    verdicts = [line for line in result.stdout.splitlines() if line.startswith("verdict:")]
    assert len(verdicts) == 1 and verdicts[0].startswith("verdict: FAILED")


def test_evidence_add_and_list_say_what_an_item_covers_and_its_whole_period(samples, tmp_path):
    report = tmp_path / "soc2.pdf"
    report.write_bytes(b"%PDF-1.7 stand-in for a SOC 2 Type II report\n")
    added = samples("evidence", "add", "zoho-crm", str(report), "--kind", "audit-report", "--attests", "soc2-type2",
                    "--effective", "2025-10-01/2026-09-30")
    assert added.exit_code == 0, added.output
    assert "covers no control" not in added.stdout
    assert "attests SOC 2 Type II report" in added.stdout and "effective 2025-10-01–2026-09-30" in added.stdout
    policy = tmp_path / "mfa.pdf"
    policy.write_bytes(b"%PDF-1.7 stand-in for an MFA policy\n")
    added = samples("evidence", "add", "zoho-crm", str(policy), "--kind", "policy", "--covers", "mfa",
                    "--effective", "2026-03-01")
    assert "covers mfa" in added.stdout and "effective 2026-03-01," in added.stdout
    listed = samples("evidence", "list", "zoho-crm").stdout
    assert "2025-10-01–2026-09-30" in listed and "SOC 2 Type II report" in listed


def test_an_all_error_scan_is_marked_and_never_valid(samples):
    import socket

    with socket.socket() as sock:  # a port nothing listens on: every check errors
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = samples("evidence", "collect", "zoho-crm", "--url", f"https://127.0.0.1:{port}/", "--allow-private",
                     "--retries", "0", "--connect-timeout", "2")
    assert "Traceback" not in result.output
    items = json.loads(samples("evidence", "list", "zoho-crm", "--format", "json").stdout)
    scans = [i for i in items if i["kind"] == "scan"]
    assert scans and all(c["status"] == "error" for c in scans[0]["checks"])
    assert scans[0]["status"] != "valid" and "errored" in scans[0]["status"]
    listed = samples("evidence", "list", "zoho-crm").stdout
    row = next(line for line in listed.splitlines() if line.startswith(scans[0]["sha256"][:12]))
    assert " valid " not in f" {row} " and "errored" in row
