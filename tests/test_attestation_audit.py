"""The audit reacts to what attestation documents say (through the one attestation standing and findings).

Real parts throughout: sample PDFs rendered by reportlab, the real CLI, the real evidence store.
"""

from __future__ import annotations

import json

import pytest

from attestation_samples import attestation_pdfs  # noqa: F401  (fixture)
from conftest import Cli

VENDORS = {
    "harbor-payroll": "name: HarborPay\nlegal_name: Harbor Payroll Systems, Inc.\n",
    "quillfeather": "name: Quillfeather Analytics Ltd\n",
    "lumen-tide": "name: Lumen Tide\naliases: [Lumen Tide Software Inc]\n",
    "dar-al-waha": "name: Dar Al Waha Cloud Services Co.\n",
    "basalt-river": "name: Basalt River Payments LLC\n",
}


@pytest.fixture
def ws(tmp_path, attestation_pdfs):  # noqa: F811
    for vendor, body in VENDORS.items():
        folder = tmp_path / "evidence" / vendor
        folder.mkdir(parents=True)
        (folder / "vendor.yaml").write_text(f"id: {vendor}\n{body}", encoding="utf-8")
    return tmp_path


def pdf(root, name: str):
    folder = "heldout" if name in ("soc2-adverse", "iso27001-2013-current") else "samples"
    return str(root / folder / f"{name}.pdf")


def add(cli: Cli, vendor: str, path: str, *args: str):
    result = cli("evidence", "add", vendor, path, *args)
    assert result.exit_code == 0, result.output
    return result


def audit(cli: Cli, vendor: str, as_of: str) -> dict:
    result = cli("audit", vendor, "--as-of", as_of, "--format", "json", "--no-record")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def standing(data: dict, kind: str) -> dict:
    return next(a for a in data["attestations"] if a["type"] == kind)


def status(data: dict, framework: str, requirement: str) -> dict:
    fw = next(f for f in data["frameworks"] if f["id"] == framework)
    return next(r for r in fw["requirements"] if r["id"] == requirement)


def titles(data: dict, severity: str | None = None) -> list[str]:
    return [f["title"] for f in data["findings"] if severity is None or f["severity"] == severity]


def test_clean_report_for_the_vendor_counts(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "harbor-payroll", pdf(attestation_pdfs, "soc2-type2-clean"), "--kind", "audit-report",
        "--attests", "soc2-type2")
    data = audit(cli, "harbor-payroll", "2026-09-15")
    assert standing(data, "soc2-type2")["state"] == "valid"
    assert status(data, "soc2-2017", "CC6.1")["status"] == "satisfied"


def test_report_for_another_organisation_attests_nothing(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "harbor-payroll", pdf(attestation_pdfs, "soc2-other-company"), "--kind", "audit-report",
        "--attests", "soc2-type2")
    data = audit(cli, "harbor-payroll", "2026-11-20")
    s = standing(data, "soc2-type2")
    assert s["state"] == "rejected" and "another organisation" in s["reason"]
    assert any(t.startswith("Report is for another organisation: Cobalt Freight") for t in titles(data, "high"))
    assert status(data, "soc2-2017", "CC6.1")["status"] != "satisfied"


def test_alias_names_the_same_organisation(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "lumen-tide", pdf(attestation_pdfs, "soc2-type1"), "--kind", "audit-report", "--attests", "soc2-type1")
    assert standing(audit(cli, "lumen-tide", "2026-05-01"), "soc2-type1")["state"] == "valid"


def test_type1_does_not_show_operating_effectiveness(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "lumen-tide", pdf(attestation_pdfs, "soc2-type1"), "--kind", "audit-report", "--attests", "soc2-type2")
    s = standing(audit(cli, "lumen-tide", "2026-05-01"), "soc2-type2")
    assert s["state"] == "rejected" and "Type I" in s["reason"] and "operating effectiveness" in s["reason"]


def test_period_must_reach_the_audit_date(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "harbor-payroll", pdf(attestation_pdfs, "soc2-type2-clean"), "--kind", "audit-report")
    data = audit(cli, "harbor-payroll", "2026-12-04")  # period ended 2026-06-30; policy: within P3M
    assert standing(data, "soc2-type2")["state"] == "expired"
    assert status(data, "soc2-2017", "CC6.1")["status"] == "stale"


def test_bridge_letter_extends_the_report_only_as_far_as_policy_allows(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "harbor-payroll", pdf(attestation_pdfs, "soc2-type2-clean"), "--kind", "audit-report")
    add(cli, "harbor-payroll", pdf(attestation_pdfs, "bridge-letter"), "--kind", "other")
    s = standing(audit(cli, "harbor-payroll", "2026-12-04"), "soc2-type2")
    assert s["state"] == "valid"
    later = standing(audit(cli, "harbor-payroll", "2027-01-05"), "soc2-type2")
    assert later["state"] == "expired" and "bridge letter" in later["reason"] and "capped by policy" in later["reason"]
    (ws / "auditor.yaml").write_text("attestation_documents:\n  bridge_letter_max: P6M\n", encoding="utf-8")
    assert standing(audit(cli, "harbor-payroll", "2027-01-05"), "soc2-type2")["state"] == "valid"


def test_bridge_letter_alone_attests_nothing(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "harbor-payroll", pdf(attestation_pdfs, "bridge-letter"), "--kind", "audit-report",
        "--attests", "soc2-type2")
    s = standing(audit(cli, "harbor-payroll", "2026-12-04"), "soc2-type2")
    assert s["state"] == "rejected" and "bridge-letter" in s["reason"]


def test_iso27001_2013_certificate_is_not_valid_after_the_transition(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "basalt-river", pdf(attestation_pdfs, "iso27001-2013-current"), "--kind", "certificate",
        "--attests", "iso27001")
    assert standing(audit(cli, "basalt-river", "2025-09-01"), "iso27001")["state"] == "valid"
    after = standing(audit(cli, "basalt-river", "2025-11-15"), "iso27001")
    assert after["state"] == "expired" and "27001:2013" in after["reason"]


def test_expired_certificate_makes_its_claims_stale(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "dar-al-waha", pdf(attestation_pdfs, "iso27001-2013-expired-ar"), "--kind", "certificate",
        "--attests", "iso27001")
    data = audit(cli, "dar-al-waha", "2025-06-01")  # before the transition ended, after its own expiry
    s = standing(data, "iso27001")
    assert s["state"] == "expired" and "2025-02-28" in s["reason"]
    assert status(data, "iso27001-2022", "A.8.24")["status"] == "stale"


def test_current_2022_certificate_counts(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "quillfeather", pdf(attestation_pdfs, "iso27001-2022"), "--kind", "certificate")  # detected
    data = audit(cli, "quillfeather", "2026-12-04")
    assert standing(data, "iso27001")["state"] == "valid"
    assert status(data, "iso27001-2022", "A.8.24")["status"] == "satisfied"


def test_qualified_opinion_and_exceptions_contradict_their_criteria(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "quillfeather", pdf(attestation_pdfs, "soc2-type2-qualified"), "--kind", "audit-report",
        "--attests", "soc2-type2")
    data = audit(cli, "quillfeather", "2026-12-04")
    assert standing(data, "soc2-type2")["state"] == "valid"
    assert "SOC 2 report has a qualified opinion (CC6.3, CC7.3)" in titles(data, "high")
    for criterion in ("CC6.3", "CC7.3", "CC8.1"):  # qualified basis, and the CC8.1 exception
        req = status(data, "soc2-2017", criterion)
        assert req["status"] == "contradicted", criterion
    cc81 = " ".join(status(data, "soc2-2017", "CC8.1")["reasons"])
    assert "contradicted (exception noted)" in cc81 and "QA-8.1" in cc81 and "page 6" in cc81
    assert status(data, "soc2-2017", "CC1.1")["status"] == "satisfied"  # no exception touches its controls
    assert any(t.startswith("Control exception in SOC 2 report: QA-8.1") for t in titles(data, "medium"))


def test_exceptions_contradict_the_same_controls_in_other_frameworks(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "quillfeather", pdf(attestation_pdfs, "soc2-type2-qualified"), "--kind", "audit-report")
    data = audit(cli, "quillfeather", "2026-12-04")
    failed_controls = set(status(data, "soc2-2017", "CC8.1")["controls"])  # QA-8.1's exception
    iso = next(f for f in data["frameworks"] if f["id"] == "iso27001-2022")
    sharing = [r for r in iso["requirements"] if failed_controls & set(r["controls"])]
    assert sharing and all(r["status"] == "contradicted" for r in sharing)
    assert all("exception noted" in " ".join(r["reasons"]) for r in sharing)


def test_policy_may_accept_exceptions_with_managements_response(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    (ws / "auditor.yaml").write_text("attestation_documents:\n  accept_exceptions_with_response: true\n",
                                     encoding="utf-8")
    add(cli, "quillfeather", pdf(attestation_pdfs, "soc2-type2-qualified"), "--kind", "audit-report")
    data = audit(cli, "quillfeather", "2026-12-04")
    assert status(data, "soc2-2017", "CC8.1")["status"] != "contradicted"  # exception with a response, accepted
    assert status(data, "soc2-2017", "CC6.3")["status"] == "contradicted"  # named in the qualified opinion


def test_adverse_opinion_is_critical_and_attests_nothing(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "basalt-river", pdf(attestation_pdfs, "soc2-adverse"), "--kind", "audit-report")
    data = audit(cli, "basalt-river", "2026-05-25")
    assert "SOC 2 report has an adverse opinion" in titles(data, "critical")
    assert standing(data, "soc2-type2")["state"] == "rejected"


def test_carved_out_subservice_organisations_are_fourth_parties(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "harbor-payroll", pdf(attestation_pdfs, "soc2-type2-clean"), "--kind", "audit-report")
    found = titles(audit(cli, "harbor-payroll", "2026-09-15"))
    assert "Fourth party Amazon Web Services, Inc.: controls not covered by the vendor's report" in found
    assert "Fourth party Stripe, Inc.: controls not covered by the vendor's report" in found


def test_pentest_with_open_high_findings_and_a_stale_pentest(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "harbor-payroll", pdf(attestation_pdfs, "pentest-letter"), "--kind", "pentest-report")
    fresh = audit(cli, "harbor-payroll", "2026-07-01")
    assert "Pen test: 0 critical and 1 high finding(s) still open" in titles(fresh, "high")
    assert not any(t.startswith("Pen test older than policy") for t in titles(fresh))
    old = audit(cli, "harbor-payroll", "2027-07-01")
    assert any(t.startswith("Pen test older than policy (P12M)") for t in titles(old, "medium"))


def test_unreadable_attestation_attests_nothing_until_a_reviewer_accepts_it(ws, attestation_pdfs, tmp_path):  # noqa: F811
    cli = Cli(ws)
    result = add(cli, "harbor-payroll", pdf(attestation_pdfs, "junk"), "--kind", "audit-report",
                 "--attests", "soc2-type2", "--effective", "2026-01-01/2026-06-30")
    assert "not soc2-type2" in result.stderr
    data = audit(cli, "harbor-payroll", "2026-07-15")
    assert standing(data, "soc2-type2")["state"] == "rejected"
    assert any(t.startswith("Unreadable attestation") for t in titles(data, "high"))
    assert status(data, "soc2-2017", "CC6.1")["status"] != "satisfied"

    scan = tmp_path / "scanned-report.pdf"  # a scanned report: no text layer, read by a person instead
    scan.write_bytes(b"%PDF-1.4\n% image only\n")
    refused = cli("evidence", "add", "harbor-payroll", str(scan), "--kind", "audit-report", "--attests",
                  "soc2-type2", "--accept-unread")
    assert refused.exit_code == 2 and "--reason" in refused.stderr
    add(cli, "harbor-payroll", str(scan), "--kind", "audit-report", "--attests", "soc2-type2",
        "--effective", "2026-01-01/2026-06-30", "--accept-unread", "--reason", "scanned copy read by J. Doe")
    data = audit(cli, "harbor-payroll", "2026-07-15")
    assert standing(data, "soc2-type2")["state"] == "valid"
    log = json.loads(cli("evidence", "log", "harbor-payroll", "--format", "json").stdout)
    assert log[-1]["metadata"]["accepted_unread"]["reason"] == "scanned copy read by J. Doe"


def test_evidence_show_gives_the_facts_by_contract(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    added = json.loads(add(cli, "quillfeather", pdf(attestation_pdfs, "soc2-type2-qualified"), "--kind",
                           "audit-report", "--format", "json").stdout)
    shown = cli.json("evidence", "show", "quillfeather", added["sha256"][:10])
    assert {"sha256", "kind", "attests", "facts"} <= shown.keys()
    assert shown["kind"] == "audit-report" and shown["attests"] == ["soc2-type2"]
    facts = shown["facts"]
    for name in ("type", "organisation", "issuer", "period", "as_of", "report_date", "trust_services_categories",
                 "opinion", "qualified_criteria", "criteria_with_exceptions", "controls_with_exceptions",
                 "subservice_organisations", "cuecs", "standard_edition", "certificate_number", "scope", "sites",
                 "issued", "expires", "findings_by_severity"):
        assert name in facts, name
    assert facts["period"] == {"start": "2026-01-01", "end": "2026-09-30"}
    assert facts["controls_with_exceptions"][0]["citation"]["page"] == 6
    assert {"control", "criterion", "exception", "citation"} <= facts["controls_with_exceptions"][0].keys()
    text = cli("evidence", "show", "quillfeather", added["sha256"][:10])
    assert text.exit_code == 0 and "qualified" in text.stdout


def test_a_screenshot_is_not_read(ws, tmp_path):
    cli = Cli(ws)
    shot = tmp_path / "mfa.png"
    shot.write_bytes(b"\x89PNG\r\n\x1a\n")
    added = json.loads(add(cli, "harbor-payroll", str(shot), "--kind", "screenshot", "--format", "json").stdout)
    assert added.get("facts") is None


def test_carved_out_fourth_parties_are_screened_by_name(ws, tmp_path):
    from attestation_samples import DATA, _builder

    text = (DATA / "samples" / "soc2-type2-clean.txt").read_text(encoding="utf-8").replace(
        "Stripe, Inc.", "Volkhov Hosting Ltd").replace("Stripe", "Volkhov Hosting Ltd")
    report = _builder().render(text, tmp_path / "report.pdf")
    sdn = tmp_path / "sdn.csv"
    sdn.write_text('9001,"VOLKHOV HOSTING LTD",-0- ,"CYBER2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n',
                   encoding="utf-8")
    cli = Cli(ws)
    add(cli, "harbor-payroll", str(report), "--kind", "audit-report")
    result = cli("audit", "harbor-payroll", "--as-of", "2026-09-15", "--list", str(sdn), "--format", "json",
                 "--no-record")
    data = json.loads(result.stdout)
    assert "fourth party: Volkhov Hosting Ltd" in data["screening"]["screened"]
    assert any(h["name"].upper() == "VOLKHOV HOSTING LTD" for h in data["screening"]["hits"])
    assert [p["name"] for p in data["fourth_parties"]] == ["Amazon Web Services, Inc.", "Volkhov Hosting Ltd"]


def test_cuecs_become_your_responsibilities(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "harbor-payroll", pdf(attestation_pdfs, "soc2-type2-clean"), "--kind", "audit-report")
    data = audit(cli, "harbor-payroll", "2026-09-15")
    assert [r["text"].split(" for ")[1][:20] for r in data["responsibilities"]] == [
        "removing platform ac", "reviewing payroll re", "keeping their admini"]
    assert len(data["responsibilities"]) == 3 and data["responsibilities"][0]["citation"]["page"] == 5
    md = cli("audit", "harbor-payroll", "--as-of", "2026-09-15", "--format", "md", "--no-record")
    assert "## Your responsibilities" in md.stdout and "reviewing payroll reports" in md.stdout
    expired = audit(cli, "harbor-payroll", "2027-03-01")  # a report that no longer counts asks nothing of you
    assert expired["responsibilities"] == []


def test_superseding_report_is_read_and_keeps_what_the_old_one_attested(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    old = json.loads(add(cli, "harbor-payroll", pdf(attestation_pdfs, "soc2-type2-clean"), "--kind", "audit-report",
                         "--format", "json").stdout)
    result = cli("evidence", "supersede", "harbor-payroll", old["sha256"][:8], pdf(attestation_pdfs,
                 "soc2-other-company"), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "not HarborPay" in result.stderr  # the new file is about another organisation
    new = cli.json("evidence", "show", "harbor-payroll", json.loads(result.stdout)["sha256"])
    assert new["attests"] == ["soc2-type2"] and new["facts"]["organisation"] == "Cobalt Freight Solutions, Inc."
    data = audit(cli, "harbor-payroll", "2026-11-20")
    assert standing(data, "soc2-type2")["state"] != "valid"  # the old one was superseded, the new one is not theirs
    assert any(t.startswith("Report is for another organisation: Cobalt Freight") for t in titles(data, "high"))


def test_each_rejection_is_one_finding_under_its_own_title(ws, attestation_pdfs):  # noqa: F811
    cli = Cli(ws)
    add(cli, "lumen-tide", pdf(attestation_pdfs, "soc2-type1"), "--kind", "audit-report", "--attests", "soc2-type2")
    found = [f for f in audit(cli, "lumen-tide", "2026-05-01")["findings"] if f["kind"] == "attestation"
             and f["severity"] == "high"]
    assert [f["title"] for f in found] == [
        "SOC 2 Type I report offered as Type II: it does not show operating effectiveness"]


def test_a_disclaimer_of_opinion_is_critical(ws, tmp_path):
    report = tmp_path / "soc2.txt"
    report.write_text(
        "SOC 2 Type II Report\nReport on Basalt River Payments LLC's Description of Its Settlement System\n"
        "For the period January 1, 2026 to June 30, 2026\n\fIndependent Service Auditor's Report\n"
        "Basis for Disclaimer of Opinion\nManagement did not provide the evidence we asked for on CC6.1.\n"
        "Disclaimer of Opinion\nBecause of the matter described above, we do not express an opinion on the "
        "description or the controls.\nQuarry Hill Audit Group LLP\nAugust 1, 2026\n", encoding="utf-8")
    cli = Cli(ws)
    add(cli, "basalt-river", str(report), "--kind", "audit-report", "--attests", "soc2-type2")
    data = audit(cli, "basalt-river", "2026-08-15")
    assert "SOC 2 report: the auditor disclaims an opinion" in titles(data, "critical")
    assert standing(data, "soc2-type2")["state"] == "rejected"
