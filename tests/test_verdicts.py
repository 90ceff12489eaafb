"""Verdicts you can sign: nothing dropped, an honest verdict, one gate, one attestation standing.

Real CLI on real workspaces (dossiers written by the test, evidence in the real store), and the
engine on small hand-built catalogs where the expectation must be visible in the test.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import Cli
from enginekit import TODAY, audit, catalog, cite, evidence_item, vendor

from auditor.assess.policy import load_policy
from auditor.assess.verdict import decide
from auditor.model.assessment import AttestationState, Decision
from auditor.model.enums import Severity

AS_OF = "2026-11-23"
DOC = "d" * 64

TEHRAN = """\
id: tehran-co
name: Tehran Co
headquarters: {country: AE, role: headquarters}
hosting:
  - {country: IR, city: Tehran, role: hosting}
claims:
  - {control: encryption-at-rest}
engagement:
  data: [personal data]
"""


def write_dossier(workspace: Path, vendor_id: str, text: str) -> None:
    folder = workspace / "evidence" / vendor_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vendor.yaml").write_text(text.replace("DOC_SHA", DOC), encoding="utf-8")


def verdict_of(assessment):
    return decide(assessment, load_policy(None).verdict)


# --- findings are never dropped; screening feeds every gate -----------------------------------------

def test_tehran_hosting_fails_the_gate_even_when_only_iso_is_audited(workspace):
    write_dossier(workspace, "tehran-co", TEHRAN)
    cli = Cli(workspace)
    result = cli("audit", "tehran-co", "--framework", "iso27001-2022", "--fail-on", "critical", "--no-record",
                 "--format", "json", "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    critical = [f for f in data["findings"] if f["severity"] == "critical"]
    assert critical and critical[0]["control"] == "embargoed-jurisdictions"
    assert critical[0]["framework"] == "ear-ofac" and critical[0]["outside_selection"] is True
    assert data["verdict"].startswith("Not acceptable")
    assert data["verdict_rule"] == "hard-rule:sanctions-match"
    assert "1 finding(s) at or above critical" in result.stderr


def test_a_finding_outside_the_selected_frameworks_is_kept_and_says_so():
    v = vendor(hosting=[{"country": "IR", "role": "hosting"}])
    from auditor.model.screening import Hit, ScreeningResult

    hit = Hit(list="jurisdictions", name="Iran", score=1.0, status="match", query="IR", reason="31 CFR 560")
    a = audit(v, screening=ScreeningResult(status="match", hits=[hit], screened=["IR"]))
    only_iso = __import__("enginekit").run_audit(__import__("enginekit").AuditInputs(
        catalog=catalog(), vendor=v, policy=load_policy(None), screening=a.screening, as_of=TODAY,
        frameworks=["iso27001-2022"]))
    kept = [f for f in only_iso.findings if f.control == "embargoed-jurisdictions"]
    assert kept and kept[0].severity == Severity.CRITICAL and kept[0].outside_selection
    assert "outside the selected frameworks" in kept[0].detail


def test_the_findings_and_the_gate_do_not_depend_on_the_framework_selection():
    from enginekit import AuditInputs, run_audit

    from auditor import api

    v = vendor(claims=[{"control": "mfa", "polarity": "denied", "citation": cite(2, "no 2FA")}],
               support={"sla": [{"severity": "critical", "response": "P2D"}]},
               contract={"refunds": {"value": False}, "unilateral_changes": {"value": True}})
    everything = audit(v)
    for selection in (["iso27001-2022"], ["gdpr"], ["vendor-due-diligence"]):
        only = run_audit(AuditInputs(catalog=catalog(), vendor=v, policy=load_policy(None), as_of=TODAY,
                                     frameworks=selection))
        assert [fw.id for fw in only.frameworks] == selection
        assert sorted((f.severity, f.title) for f in only.findings) == \
            sorted((f.severity, f.title) for f in everything.findings)
        assert all(f.outside_selection == (f.framework not in selection) for f in only.findings)
        for fail_on in ("critical", "high", "medium"):
            assert api.gate(only, fail_on=fail_on).passed == api.gate(everything, fail_on=fail_on).passed


# --- an honest verdict -----------------------------------------------------------------------------------

def test_four_percent_coverage_is_not_acceptable(repo_cli):
    data = repo_cli.json("audit", "6clicks", "--framework", "iso27001-2022", "--no-record")
    iso = data["frameworks"][0]
    assert iso["coverage"] < 10 and iso["verified"] == 0.0
    assert not data["verdict"].startswith("Acceptable")
    assert data["verdict"].startswith("Insufficient evidence") and data["verdict_rule"] == "floor"


@pytest.mark.parametrize("scope, attestation, rule", [
    ("health data", "hipaa-baa", "denied-baa-with-health-data"),
    ("personal data", "gdpr-dpa", "denied-dpa-with-personal-data"),
    ("cardholder data", "pci-dss-aoc", "pci-dss-denied-with-cardholder-data"),
])
def test_hard_rules_make_a_vendor_not_acceptable(scope, attestation, rule):
    v = vendor(engagement={"data": [scope]},
               attestations=[{"type": attestation, "polarity": "denied", "citation": cite(4, "We do not sign it.")}])
    a = audit(v)
    verdict = verdict_of(a)
    assert verdict.decision == Decision.NOT_ACCEPTABLE and verdict.rule == f"hard-rule:{rule}"
    assert any(f.severity == Severity.CRITICAL and f.kind == "policy" for f in a.findings)


def test_the_same_denial_without_that_data_in_scope_is_not_a_hard_rule():
    v = vendor(engagement={"data": ["personal data"]},
               attestations=[{"type": "hipaa-baa", "polarity": "denied", "citation": cite(4, "No BAAs.")}])
    assert audit(v).hard_rules == []


def test_denied_pci_dss_compliance_counts_as_the_regulation_too():
    v = vendor(engagement={"data": ["cardholder data"]},
               regulations=[{"id": "pci-dss", "polarity": "denied", "citation": cite(9, "We are not PCI compliant.")}])
    assert [h.rule for h in audit(v).hard_rules] == ["pci-dss-denied-with-cardholder-data"]


def test_a_well_evidenced_vendor_is_acceptable_and_the_verdict_names_its_rule():
    claims = [{"control": c, "citation": cite(i + 1, c)} for i, c in enumerate(
        ["mfa", "password-policy", "encryption-at-rest", "encryption-in-transit", "backup",
         "termination-data-export", "data-processing-agreement", "hipaa-baa", "auto-renewal-notice",
         "refund-policy", "terms-change-notice", "support-sla"])]
    v = vendor(claims=claims, attestations=[{"type": "iso27001", "evidence": "c" * 64, "citation": cite(20, "ISO")}])
    items = [evidence_item("c", ["mfa", "password-policy", "encryption-at-rest", "encryption-in-transit", "backup"],
                           effective=date(2026, 6, 1))]
    verdict = verdict_of(audit(v, evidence=items))
    assert verdict.rule in ("floor", "high-finding", "medium-finding", "no-finding")
    assert verdict.text and verdict.summary().endswith(f"[rule: {verdict.rule}]")


# --- info stays info -----------------------------------------------------------------------------------

def test_a_control_the_policy_rates_info_yields_only_info_findings():
    policy = load_policy(None)
    severity = policy.severity.model_copy(update={"controls": {**policy.severity.controls, "backup": Severity.INFO}})
    policy = policy.model_copy(update={"severity": severity})
    v = vendor(claims=[{"control": "backup", "hedged": True, "citation": cite(3, "we may back up")}])
    a = audit(v, policy=policy)
    backup = [f for f in a.findings if f.control == "backup"]
    assert backup and {f.severity for f in backup} == {Severity.INFO}


# --- one attestation standing, read by the audit and by the Gherkin step ---------------------------------

AGREE = """\
id: agree-co
name: Agree Co
claims:
  - {control: encryption-at-rest}
attestations:
  - {type: iso27001}
  - {type: pci-dss-aoc, citation: {document: DOC_SHA, line: 2, text: "We hold a PCI DSS AOC."}}
  - {type: hipaa-baa, hedged: true, citation: {document: DOC_SHA, line: 3, text: "We may sign a BAA."}}
  - {type: gdpr-dpa, polarity: denied, citation: {document: DOC_SHA, line: 4, text: "We do not sign DPAs."}}
  - {type: csa-star, expires: 2025-01-01, citation: {document: DOC_SHA, line: 5, text: "CSA STAR."}}
engagement:
  data: [personal data]
"""


@pytest.fixture
def agree_ws(workspace, tmp_path):
    write_dossier(workspace, "agree-co", AGREE)
    report = tmp_path / "soc2.pdf"
    report.write_bytes(b"%PDF-1.7 stand-in for a SOC 2 Type II report of Agree Co\n")
    cli = Cli(workspace)
    added = cli("evidence", "add", "agree-co", str(report), "--kind", "audit-report", "--attests", "soc2-type2",
                "--effective", "2026-01-01/2026-09-30")
    assert added.exit_code == 0, added.output
    return cli


def _feature(workspace: Path, kinds: list[str], verified: bool) -> Path:
    word = "verified" if verified else "valid"
    lines = ["Feature: Attestations", ""]
    for kind in kinds:
        lines += [f"  Scenario: {kind}", '    Given the vendor "agree-co"', f'    Then the vendor must hold a {word} "{kind}"', ""]
    path = workspace / f"att-{word}.feature"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _agreement(cli: Cli, verified: bool) -> tuple[dict, dict, dict]:
    """The audit's standings and the step's result for every attestation type, checked to agree."""
    from auditor.model.enums import AttestationType

    kinds = [k.value for k in AttestationType]
    audit_data = cli.json("audit", "agree-co", "--no-record", "--as-of", AS_OF)
    standings = {s["type"]: s for s in audit_data["attestations"]}
    assert set(standings) == set(kinds)
    result = cli("requirements", "run", str(_feature(cli.workspace, kinds, verified)), "--as-of", AS_OF,
                 "--format", "json")
    assert result.exit_code in (0, 1), result.output
    outcome = {s["name"]: s["status"] == "passed" for s in json.loads(result.stdout)["scenarios"]}
    for kind in kinds:
        state = AttestationState(standings[kind]["state"])
        expected = state == AttestationState.VALID or (not verified and state == AttestationState.CLAIMED)
        assert outcome[kind] == expected, (kind, state, outcome[kind])
    return audit_data, standings, outcome


@pytest.mark.parametrize("verified", [False, True])
def test_the_gherkin_step_and_the_audit_agree_on_every_attestation(agree_ws, verified):
    """With every rule in force (document facts included), whatever the standing, both say the same."""
    _, standings, outcome = _agreement(agree_ws, verified)
    assert standings["iso27001"]["state"] == "uncited" and not outcome["iso27001"]  # typed in, no source
    assert standings["gdpr-dpa"]["state"] == "denied" and standings["hipaa-baa"]["state"] == "hedged"
    assert standings["csa-star"]["state"] == "expired" and standings["soc2-type1"]["state"] == "absent"
    assert standings["pci-dss-aoc"]["state"] == "claimed" and outcome["pci-dss-aoc"] == (not verified)
    assert standings["soc2-type2"]["evidence"]  # the evidence added with --attests decided it


def test_evidence_added_with_attests_makes_the_step_pass_and_the_framework_satisfied(agree_ws, monkeypatch):
    """The document's own facts are another module's business (assess/attestation_facts.py): with no fact
    rule in play, evidence that attests soc2-type2 is a valid SOC 2 Type 2 for the audit and the step."""
    from auditor.assess import standing

    monkeypatch.setattr(standing, "_fact_rules", lambda: ())
    audit_data, standings, outcome = _agreement(agree_ws, verified=True)
    assert standings["soc2-type2"]["state"] == "valid" and outcome["soc2-type2"]
    soc2 = next(f for f in audit_data["frameworks"] if f["id"] == "soc2-2017")
    assert soc2["verified"] == 100.0  # the same answer made the framework satisfied


def test_attests_is_a_typed_field_and_old_metadata_records_still_read():
    from auditor.model.enums import AttestationType
    from auditor.model.evidence import EvidenceItem

    old = EvidenceItem(sha256="e" * 64, vendor="x", kind="audit-report", added_at="2026-01-01T00:00:00",
                       metadata={"attests": "soc2-type2"})
    assert old.attests == [AttestationType.SOC2_TYPE2]
    with pytest.raises(ValueError):
        EvidenceItem(sha256="e" * 64, vendor="x", kind="audit-report", added_at="2026-01-01T00:00:00",
                     attests=["soc3"])


def test_a_fact_rule_can_only_lower_a_standing():
    from auditor.assess.standing import Downgrade, standing_of
    from auditor.model.enums import AttestationType
    from auditor.model.evidence import EvidenceItem

    item = EvidenceItem(sha256="e" * 64, vendor="acme", kind="audit-report", added_at="2026-01-01T00:00:00",
                        attests=["soc2-type2"], valid_until=date(2027, 1, 1))
    v = vendor()
    evidence = {item.sha256: item}
    assert standing_of(AttestationType.SOC2_TYPE2, v, evidence, TODAY, rules=()).state == AttestationState.VALID

    def wrong_org(item, kind, ctx):
        return Downgrade(AttestationState.REJECTED, f"the report names another organisation, not {ctx.vendor.name}")

    def tries_to_raise(item, kind, ctx):
        return Downgrade(AttestationState.VALID, "looks fine")

    lowered = standing_of(AttestationType.SOC2_TYPE2, v, evidence, TODAY, rules=(wrong_org, tries_to_raise))
    assert lowered.state == AttestationState.REJECTED and "another organisation" in lowered.reason
    assert lowered.evidence == item.sha256


# --- not_screened, everywhere a person or a script reads it ------------------------------------------------

def test_no_list_is_not_screened_in_every_output(repo_cli, tmp_path):
    data = repo_cli.json("audit", "zoho-crm", "--no-record")
    assert data["screening"]["status"] == "not_screened"
    table = repo_cli("audit", "zoho-crm", "--no-record")
    assert "EAR/OFAC screening: not_screened" in table.stdout and "screening: clear" not in table.stdout
    md = repo_cli("audit", "zoho-crm", "--no-record", "--format", "md")
    assert "not_screened" in md.stdout
    oscal = json.loads(repo_cli("audit", "zoho-crm", "--no-record", "--format", "oscal").stdout)
    props = {p["name"]: p["value"] for p in oscal["assessment-results"]["metadata"]["props"]}
    assert props["screening-status"] == "not_screened" and props["verdict-rule"]


def test_the_gherkin_screening_step_fails_without_a_list(workspace):
    write_dossier(workspace, "tehran-co", TEHRAN.replace("IR, city: Tehran", "DE"))
    (workspace / "s.feature").write_text('Feature: S\n  Scenario: Screened\n    Given the vendor "tehran-co"\n'
                                         "    Then the sanctions screening must be clear\n", encoding="utf-8")
    result = Cli(workspace)("requirements", "run", str(workspace / "s.feature"), "--format", "json")
    assert result.exit_code == 1
    assert "not_screened" in json.loads(result.stdout)["scenarios"][0]["message"]


# --- the library ----------------------------------------------------------------------------------------------

def test_the_library_audits_gates_and_renders_like_the_cli(sample_workspace):
    from auditor import api

    result = api.audit("6clicks", workspace=sample_workspace, frameworks=["iso27001-2022"])
    assert "6clicks" in result.summary() and "[rule: floor]" in result.summary()
    check = api.gate(result, fail_under=50)
    assert not check.passed and "iso27001-2022 coverage" in check.summary()
    report = api.build_report(result, reviewer="R. Viewer")
    assert report.decision is not None and report.verdict == report.decision.text
    rendered = json.loads(api.render(report, "json"))
    assert rendered["verdict"] == report.verdict and rendered["vendor"]["id"] == "6clicks"
    pdf, pages = api.sign(report, None)
    assert pdf.startswith(b"%PDF") and pages >= 1


def test_no_module_outside_cli_imports_click_and_assess_never_imports_report():
    import ast

    root = Path(__file__).resolve().parent.parent / "auditor"
    offenders = []
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        if rel == "__main__.py":  # `python -m auditor` is the CLI's own entry point
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if not rel.startswith("cli/") and (name == "click" or name.startswith(("click.", "auditor.cli"))):
                    offenders.append(f"{rel}: {name}")
                if rel.startswith("assess/") and name.startswith("auditor.report"):
                    offenders.append(f"{rel}: {name}")
    assert offenders == []


def test_the_portfolio_uses_the_same_gate_and_names_each_verdict_rule(workspace):
    write_dossier(workspace, "tehran-co", TEHRAN)
    write_dossier(workspace, "plain-co", TEHRAN.replace("id: tehran-co", "id: plain-co")
                  .replace("IR, city: Tehran", "DE"))
    cli = Cli(workspace)
    result = cli("audit", "--all", "--format", "json", "--fail-on", "critical", "--jobs", "1")
    assert result.exit_code == 1, result.output
    rows = {r["vendor"]: r for r in json.loads(result.stdout)}
    assert rows["tehran-co"]["verdict_rule"] == "hard-rule:sanctions-match"
    assert rows["plain-co"]["verdict_rule"] != "hard-rule:sanctions-match"
    assert "tehran-co: 1 finding(s) at or above critical" in result.stderr
    assert "plain-co" not in result.stderr.split("gate failed:")[-1]


def _fw(fid: str, verified: float, coverage: float = 100.0):
    from auditor.model.assessment import FrameworkCounts, FrameworkResult

    return FrameworkResult(id=fid, name=fid, version="1", applicable=True, coverage=coverage, verified=verified,
                           counts=FrameworkCounts(), requirements=[])


def _finding(severity: Severity):
    from auditor.model.assessment import Finding

    return Finding(severity=severity, framework="iso27001-2022", requirement="A.8.5", control="mfa",
                   title=f"a {severity.value} finding")


@pytest.mark.parametrize("frameworks, findings, failed, decision, rule", [
    ([("iso27001-2022", 80.0)], [], 0, Decision.ACCEPTABLE, "no-finding"),
    ([("iso27001-2022", 80.0)], [Severity.LOW, Severity.INFO], 0, Decision.ACCEPTABLE, "no-finding"),
    ([("iso27001-2022", 80.0)], [Severity.MEDIUM], 0, Decision.FOLLOW_UP, "medium-finding"),
    ([("iso27001-2022", 80.0)], [Severity.HIGH, Severity.MEDIUM], 0, Decision.REMEDIATE, "high-finding"),
    ([("iso27001-2022", 49.9)], [], 0, Decision.INSUFFICIENT_EVIDENCE, "floor"),
    ([("iso27001-2022", 80.0), ("gdpr", 10.0)], [Severity.HIGH], 0, Decision.INSUFFICIENT_EVIDENCE, "floor"),
    ([("iso27001-2022", 80.0), ("vendor-due-diligence", 0.0)], [], 0, Decision.ACCEPTABLE, "no-finding"),
    ([("vendor-due-diligence", 0.0)], [], 0, Decision.INSUFFICIENT_EVIDENCE, "floor"),
    ([], [], 0, Decision.INSUFFICIENT_EVIDENCE, "floor"),
    ([("iso27001-2022", 10.0)], [Severity.CRITICAL], 0, Decision.NOT_ACCEPTABLE, "critical-finding"),
    ([("iso27001-2022", 90.0)], [], 2, Decision.NOT_ACCEPTABLE, "failed-requirements"),
])
def test_the_verdict_rules_in_order(frameworks, findings, failed, decision, rule):
    from auditor.model.assessment import RequirementsRun

    base = audit(vendor())
    assessment = base.model_copy(update={
        "frameworks": [_fw(f, v) for f, v in frameworks], "findings": [_finding(s) for s in findings],
        "hard_rules": [], "requirements_run": RequirementsRun(passed=1, failed=failed) if failed else None})
    verdict = verdict_of(assessment)
    assert (verdict.decision, verdict.rule) == (decision, rule), verdict.text
    assert verdict.decision != Decision.ACCEPTABLE or verdict.text.startswith("Acceptable")


def test_a_superseded_document_gives_way_to_its_successor_and_a_revoked_one_shows_nothing():
    from auditor.assess.standing import Downgrade, standing_of
    from auditor.model.enums import AttestationType
    from auditor.model.evidence import EvidenceItem

    def item(sha: str, **extra) -> EvidenceItem:
        return EvidenceItem(sha256=sha * 64, vendor="acme", kind="audit-report", added_at="2026-01-01T00:00:00",
                            attests=["soc2-type2"], valid_until=date(2027, 1, 1), **extra)

    old, new = item("1", superseded_by="2" * 64), item("2")
    v = vendor(attestations=[{"type": "soc2-type2", "evidence": old.sha256, "citation": cite(1, "SOC 2")}])

    def not_theirs(it, kind, ctx):
        return Downgrade(AttestationState.REJECTED, "another organisation") if it.sha256 == new.sha256 else None

    evidence = {old.sha256: old, new.sha256: new}
    kind = AttestationType.SOC2_TYPE2
    assert standing_of(kind, v, evidence, TODAY, rules=()).evidence == new.sha256
    judged = standing_of(kind, v, evidence, TODAY, rules=(not_theirs,))
    assert judged.state == AttestationState.REJECTED and judged.evidence == new.sha256
    revoked = item("3", revoked=True)
    assert standing_of(kind, vendor(), {revoked.sha256: revoked}, TODAY, rules=()).state == AttestationState.REJECTED


def test_no_list_is_not_screened_in_the_pdf_too(sample_workspace):
    import io

    from pypdf import PdfReader

    from auditor import api

    report = api.build_report(api.audit("zoho-crm", workspace=sample_workspace))
    pdf, _ = api.sign(report, None)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "NOT_SCREENED" in text and report.assessment.screening.status.value == "not_screened"
