"""Vendor dossiers: `auditor vendor init/list/show/check`, and the four sample dossiers."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from auditor.dossier import load_dossier
from conftest import REPO, SEEDS

SAMPLES = REPO / "evidence"


def test_init_creates_a_dossier_from_documents(cli, workspace, tmp_path):
    page = tmp_path / "acme.html"
    page.write_text("<html><body><p>Acme is headquartered in Berlin, Germany.</p>"
                    "<p>Customer data is encrypted at rest with AES-256 and hosted in Frankfurt data centers.</p>"
                    "<p>We do not sign BAAs.</p><p>We are SOC 2 Type II certified.</p></body></html>", encoding="utf-8")
    result = cli("vendor", "init", "acme", "--from", str(page), "--from", str(SEEDS / "003_ebf6e348cae9f93b.txt"),
                 "--name", "Acme", "--website", "https://acme.example", "--data", "personal data")
    assert result.exit_code == 0, result.output
    folder = workspace / "evidence" / "acme"
    vendor = load_dossier(folder)
    assert (vendor.id, vendor.name, vendor.website) == ("acme", "Acme", "https://acme.example")
    assert [d.value for d in vendor.engagement.data] == ["personal data"]
    assert len(vendor.documents) == 2
    for ref in vendor.documents:
        stored = folder / ref.path
        assert ref.path.startswith("documents/") and stored.is_file()
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == ref.sha256
    claims = {(c.control, c.polarity.value) for c in vendor.claims}
    assert {("encryption-at-rest", "affirmed"), ("hipaa-baa", "denied")} <= claims
    assert vendor.headquarters.country == "DE" and [h.country for h in vendor.hosting] == ["DE"]
    assert {a.type.value for a in vendor.attestations} == {"soc2-type2"}
    assert {s.severity.value for s in vendor.support.sla} == {"critical", "high", "medium", "low"}
    check = cli("vendor", "check", "acme")
    assert check.exit_code == 0, check.output


def test_init_refuses_to_overwrite_an_existing_dossier(cli, workspace):
    doc = SEEDS / "004_e3ea271914ed96d1.txt"
    assert cli("vendor", "init", "partner", "--from", str(doc)).exit_code == 0
    before = (workspace / "evidence" / "partner" / "vendor.yaml").read_bytes()
    again = cli("vendor", "init", "partner", "--from", str(doc))
    assert again.exit_code == 2
    assert "already exists" in again.stderr and len(again.stderr.strip().splitlines()) == 1
    assert (workspace / "evidence" / "partner" / "vendor.yaml").read_bytes() == before


@pytest.mark.parametrize("bad", ["../escape", "..", "a/b", "/etc", "Capital", ".hidden", "x" * 80, "a..b"])
def test_vendor_ids_that_could_leave_evidence_are_refused(cli, workspace, bad):
    result = cli("vendor", "init", bad, "--from", str(SEEDS / "004_e3ea271914ed96d1.txt"))
    assert result.exit_code == 2
    assert "invalid vendor id" in result.stderr
    assert not any(p.name == "vendor.yaml" for p in workspace.parent.rglob("vendor.yaml"))


def test_a_bad_document_leaves_nothing_behind(cli, workspace, tmp_path):
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x00\x01binary")
    result = cli("vendor", "init", "broken", "--from", str(SEEDS / "003_ebf6e348cae9f93b.txt"), "--from", str(bad))
    assert result.exit_code == 2 and "binary file" in result.stderr
    assert not (workspace / "evidence" / "broken").exists()
    assert not list((workspace / "evidence").glob(".*")) if (workspace / "evidence").exists() else True


def test_check_finds_a_changed_document_and_a_misquoted_line(cli, sample_workspace):
    from conftest import Cli

    ws_cli = Cli(sample_workspace)
    assert ws_cli("vendor", "check", "6clicks").exit_code == 0
    folder = sample_workspace / "evidence" / "6clicks"
    doc = next((folder / "documents").iterdir())
    doc.write_text(doc.read_text(encoding="utf-8") + "\nAppended later.\n", encoding="utf-8")
    changed = ws_cli("vendor", "check", "6clicks", "--format", "json")
    assert changed.exit_code == 1
    import json

    report = json.loads(changed.stdout)
    assert not report["valid"] and any("changed" in p for p in report["problems"])

    folder2 = sample_workspace / "evidence" / "cliently"
    text = (folder2 / "vendor.yaml").read_text(encoding="utf-8")
    (folder2 / "vendor.yaml").write_text(text.replace("يستخدم Cliently طرق تشفير قياسية", "يستخدم Cliently تشفيرًا عسكريًا", 1),
                                         encoding="utf-8")
    misquoted = ws_cli("vendor", "check", "cliently")
    assert misquoted.exit_code == 1 and "does not read as cited" in misquoted.stderr


def test_list_and_show(cli):
    listed = cli.json("vendor", "list")
    ids = {v["id"] for v in listed}
    assert {"cliently", "zoho-crm", "6clicks", "zoho-partner-support"} <= ids
    shown = cli.json("vendor", "show", "zoho-crm")
    assert shown["id"] == "zoho-crm" and shown["claims"]
    table = cli("vendor", "show", "zoho-partner-support")
    assert table.exit_code == 0 and "response 3 business hours" in table.stdout  # words for people (#20)


def test_a_malformed_dossier_is_a_one_line_error(cli, workspace):
    folder = workspace / "evidence" / "broken"
    folder.mkdir(parents=True)
    (folder / "vendor.yaml").write_text("id: broken\nname: Broken\nclaims:\n  - control: mfa\n    polarity: maybe\n",
                                        encoding="utf-8")
    result = cli("vendor", "show", "broken")
    assert result.exit_code == 2
    assert "vendor.yaml:5" in result.stderr and len(result.stderr.strip().splitlines()) == 1



def test_check_refuses_a_claim_of_a_control_no_catalog_defines(cli, workspace):
    """The audit would refuse it; the check must not call the same dossier valid."""
    folder = workspace / "evidence" / "acme"
    folder.mkdir(parents=True)
    (folder / "vendor.yaml").write_text("id: acme\nname: Acme\nclaims:\n  - control: mfa\n"
                                        "  - control: encryption-at-rst\n", encoding="utf-8")
    result = cli("vendor", "check", "acme")
    assert result.exit_code == 2
    assert "vendor.yaml:5" in result.stderr and "did you mean encryption-at-rest" in result.stderr
    assert cli("audit", "acme").exit_code == 2  # the same verdict as the audit


def test_check_names_an_id_that_is_not_its_folder_name(cli, workspace, tmp_path):
    folder = workspace / "evidence" / "acme"
    folder.mkdir(parents=True)
    (folder / "vendor.yaml").write_text("name: Acme\nid: acme-corp\n", encoding="utf-8")
    for ref in ("acme", str(folder)):
        result = cli("vendor", "check", ref)
        assert result.exit_code == 1, ref
        assert "vendor.yaml:2" in result.stderr and "'acme-corp'" in result.stderr and "'acme'" in result.stderr
    elsewhere = tmp_path / "acme-2025-review"  # a dossier outside evidence/ may live in any folder
    shutil.copytree(folder, elsewhere)
    assert cli("vendor", "check", str(elsewhere)).exit_code == 0

# ---- the four sample dossiers --------------------------------------------------------------------

@pytest.fixture(scope="module")
def samples():
    return {vid: load_dossier(SAMPLES / vid) for vid in ("cliently", "zoho-crm", "6clicks", "zoho-partner-support")}


def test_the_samples_are_intact_and_every_citation_reads_as_its_line():
    from auditor.claims.verify import verify_dossier

    for vid in ("cliently", "zoho-crm", "6clicks", "zoho-partner-support"):
        check = verify_dossier(SAMPLES / vid)
        assert check.ok, [str(p) for p in check.problems]
        doc = check.vendor.documents[0]
        seed = next(SEEDS.glob(f"*{Path(doc.path).stem[-16:]}*"))
        assert hashlib.sha256(seed.read_bytes()).hexdigest() == doc.sha256


def test_cliently_hedged_statements_are_hedged(samples):
    v = samples["cliently"]
    claims = {(c.control, c.polarity.value): c for c in v.claims}
    for control in ("service-scalability", "auto-renewal-notice", "change-communication"):
        assert claims[(control, "affirmed")].hedged, control
    assert v.contract.auto_renewal.value is True and v.contract.auto_renewal.hedged
    assert v.contract.deletion_at_termination.hedged
    assert v.contract.refunds.value is False and not v.contract.refunds.hedged
    assert claims[("encryption-at-rest", "affirmed")].attributes == {"algorithm": "AES-256"}
    assert not claims[("encryption-at-rest", "affirmed")].hedged
    assert {r.id.value for r in v.regulations} == {"gdpr", "ccpa", "pci-dss", "ear", "ofac"}
    assert ("refund-policy", "denied") in claims and ("termination-data-export", "denied") in claims


def test_zoho_partner_support_severity_one_commits_to_its_worst_end(samples):
    v = samples["zoho-partner-support"]
    sla = {s.severity.value: s for s in v.support.sla}
    assert sla["critical"].response == "PT3H" and sla["critical"].business_time
    assert (sla["high"].response, sla["medium"].response) == ("PT12H", "PT24H")
    assert all(s.resolution is None for s in v.support.sla)
    assert v.support.hours.days == [1, 2, 3, 4, 5] and v.support.hours.end == "24:00"
    phone = next(c for c in v.support.channels if c.type == "phone")
    assert phone.tiers == ["المتطورة", "المميزة"]


def test_6clicks_critical_is_one_hour_around_the_clock(samples):
    v = samples["6clicks"]
    sla = {s.severity.value: s for s in v.support.sla}
    assert (sla["critical"].response, sla["critical"].coverage, sla["critical"].business_time) == ("PT1H", "24x7", False)
    assert (sla["low"].response, sla["low"].business_time) == ("P1D", True)
    assert sla["high"].coverage == "8x5"
    hours = v.support.hours
    assert (hours.days, hours.start, hours.end) == ([1, 2, 3, 4, 5], "08:00", "17:00")
    assert v.support.escalation is not None


def test_zoho_crm_affirms_mfa_soc2_iso27001_and_hipaa(samples):
    v = samples["zoho-crm"]
    claims = {(c.control, c.polarity.value) for c in v.claims}
    assert ("mfa", "affirmed") in claims and ("encryption-at-rest", "affirmed") in claims
    assert {"soc2-type2", "iso27001", "iso27017", "iso27018"} <= {a.type.value for a in v.attestations}
    assert {("hipaa", "affirmed"), ("gdpr", "affirmed")} <= {(r.id.value, r.polarity.value) for r in v.regulations}
    price = next(p for p in v.prices if p.currency == "USD" and p.unit == "user")
    assert (price.amount, price.amount_max, price.period) == (14.0, 52.0, "month")
    assert v.contract.refunds.value is True and v.contract.refunds.period == "P5D"


def test_samples_state_their_engagement_and_why(samples):
    for vid, v in samples.items():
        assert [d.value for d in v.engagement.data] == ["personal data"], vid
        assert v.engagement.description and v.notes and "Reviewed by hand" in v.notes, vid


def test_samples_load_through_the_workspace_fallback(tmp_path):
    from auditor.workspace import Workspace

    ws = Workspace.resolve(tmp_path)
    assert load_dossier(ws.dossier_dir("zoho-crm")).name == "Zoho CRM"
    copy = tmp_path / "mine"
    shutil.copytree(SAMPLES / "6clicks", copy)
    assert load_dossier(copy / "vendor.yaml").id == "6clicks"
