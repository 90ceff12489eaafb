"""What reaches the vendor is a question, in its language; what the customer must do reaches every format.

Real parts: the engine on hand-built vendors, sample attestation PDFs through the real CLI and the
real evidence store, the NIST OSCAL schema.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from attestation_samples import attestation_pdfs  # noqa: F401  (fixture)
from conftest import Cli
from enginekit import TODAY, catalog, cite, vendor
from test_report_formats import oscal_validator
from test_report_questions import grammar_problems

from auditor.assess.engine import AuditInputs, run_audit
from auditor.assess.policy import load_policy
from auditor.assess.verdict import decide
from auditor.model.attestation import DocCitation, FourthParty, Responsibility, SubserviceMethod
from auditor.report.build import build_report_data
from auditor.report.formats import to_csv
from auditor.report.oscal import to_oscal

SHA = "c" * 64
REVIEWER_NOTE = "rules the vendor out"


def audit_in(v, language):
    return run_audit(AuditInputs(catalog=catalog(), vendor=v, policy=load_policy(None), as_of=TODAY,
                                 language=language))


# --- a hard rule asks the vendor a question; the note for the reviewer stays with the reviewer ---------------

@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("scope, attestation", [("health data", "hipaa-baa"), ("personal data", "gdpr-dpa"),
                                                ("cardholder data", "pci-dss-aoc")])
def test_a_hard_rule_finding_asks_the_vendor_and_keeps_the_reviewer_note_out(scope, attestation, language):
    v = vendor(engagement={"data": [scope]},
               attestations=[{"type": attestation, "polarity": "denied", "citation": cite(4, "We do not sign it.")}])
    policy = [f for f in audit_in(v, language).findings if f.kind == "policy"]
    assert len(policy) == 1
    finding = policy[0]
    assert REVIEWER_NOTE in finding.detail  # the reviewer still reads it, in the finding's reason
    assert REVIEWER_NOTE not in finding.question and "policy" not in finding.question.lower()
    assert finding.question.endswith(("?", "؟", ".")) and not grammar_problems(finding.question, language)
    if language == "en":
        assert "do not provide" in finding.question  # it says what the vendor's documents say ...
        assert "Will you provide one" in finding.question  # ... and asks whether it will


def test_the_follow_up_export_never_carries_a_reviewer_note(tmp_path):
    workspace = tmp_path / "ws"
    folder = workspace / "evidence" / "nobaa"
    folder.mkdir(parents=True)
    (folder / "vendor.yaml").write_text(
        "id: nobaa\nname: No BAA Co\nengagement: {data: [health data]}\nattestations:\n"
        "  - {type: hipaa-baa, polarity: denied, citation: {document: " + SHA + ", line: 3, "
        "text: We do not sign business associate agreements.}}\n", encoding="utf-8")
    data = json.loads(Cli(workspace)("audit", "nobaa", "--format", "json", "--no-record").stdout)
    assert data["verdict_rule"] == "hard-rule:denied-baa-with-health-data"
    questions = [f["question"] for f in data["findings"] if f["question"]]
    assert questions and not [q for q in questions if REVIEWER_NOTE in q]
    policy = next(f for f in data["findings"] if f["kind"] == "policy")
    assert "HIPAA business associate agreement" in policy["question"] and REVIEWER_NOTE in policy["detail"]
    out = tmp_path / "followup.csv"
    exported = Cli(workspace)("questionnaire", "export", "nobaa", "--out", str(out))
    assert exported.exit_code == 0, exported.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0]["Question"].startswith("Your documents say you do not provide a HIPAA business associate")
    assert not [r for r in rows if REVIEWER_NOTE in r["Question"]]
    # no list to screen against is the reviewer's to-do: no question about it reaches the vendor
    unscreened = next(f for f in data["findings"] if f["title"] == "Not screened against denied-party lists")
    assert unscreened["question"] is None and unscreened["ask_vendor"] is False
    assert not [r for r in rows if "Not screened" in r["Why we ask"]]


# --- what an attestation document says is asked in the report's language --------------------------------------

VENDOR = "id: harbor-payroll\nname: HarborPay\nlegal_name: Harbor Payroll Systems, Inc.\n"


@pytest.fixture
def harbor(tmp_path, attestation_pdfs):  # noqa: F811
    folder = tmp_path / "evidence" / "harbor-payroll"
    folder.mkdir(parents=True)
    (folder / "vendor.yaml").write_text(VENDOR, encoding="utf-8")
    cli = Cli(tmp_path)
    for name, kind in (("soc2-type2-clean", "audit-report"), ("pentest-letter", "pentest-report")):
        result = cli("evidence", "add", "harbor-payroll", str(attestation_pdfs / "samples" / f"{name}.pdf"),
                     "--kind", kind)
        assert result.exit_code == 0, result.output
    return cli


def _audit(cli, *args):
    result = cli("audit", "harbor-payroll", "--as-of", "2026-09-15", "--no-record", *args)
    assert result.exit_code in (0, 1), result.output
    return result


@pytest.mark.parametrize("language", ["en", "ar"])
def test_attestation_fact_questions_follow_the_report_language(harbor, language):
    data = json.loads(_audit(harbor, "--format", "json", "--language", language).stdout)
    fourth = [f for f in data["findings"] if f["title"].startswith("Fourth party")]
    pentest = [f for f in data["findings"] if f["title"].startswith("Pen test:")]
    assert len(fourth) == 2 and pentest
    for finding in fourth + pentest:  # an organisation's name is kept as the report writes it, in Latin letters
        name = finding["title"].removeprefix("Fourth party ").split(":")[0]
        text = finding["question"].replace(name, "الجهة" if language == "ar" else "Acme")
        assert not grammar_problems(text, language), finding["question"]
    assert any("Stripe, Inc." in f["question"] for f in fourth)  # the organisation is named as the report does
    if language == "ar":
        assert all(q.startswith(("يرجى", "يذكر")) for q in (f["question"] for f in fourth + pentest))


# --- CUECs and fourth parties in OSCAL and CSV ------------------------------------------------------------------

def _with_responsibilities(report):
    cite_ = DocCitation(page=5, line=12, text="Customers are responsible for removing access of leavers.")
    extra = {"responsibilities": [Responsibility(text="Customers are responsible for removing access of leavers.",
                                                 evidence=SHA, organisation="Acme", citation=cite_)],
             "fourth_parties": [FourthParty(name="Cloud Host, Inc.", method=SubserviceMethod.CARVE_OUT, evidence=SHA,
                                            citation=DocCitation(page=3, line=4, text="Cloud Host, Inc."))]}
    return report.model_copy(update={"assessment": report.assessment.model_copy(update=extra)})


@pytest.fixture
def report():
    v = vendor(claims=[{"control": "backup", "citation": cite(1, "Daily backups.")}])
    a = run_audit(AuditInputs(catalog=catalog(), vendor=v, policy=load_policy(None), as_of=TODAY))
    return _with_responsibilities(build_report_data(a, v, [], decide(a, load_policy(None).verdict)))


def test_oscal_carries_responsibilities_and_fourth_parties_and_still_validates(report):
    document = json.loads(json.dumps(to_oscal(report)))
    errors = list(oscal_validator().iter_errors(document))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    resources = document["assessment-results"]["back-matter"]["resources"]
    kinds = {r["title"]: next(p["value"] for p in r["props"] if p["name"] == "kind") for r in resources}
    assert kinds == {"Your responsibility 1": "customer-responsibility", "Cloud Host, Inc.": "fourth-party"}
    cuec = resources[0]
    assert cuec["description"].startswith("Customers are responsible for removing access")
    assert cuec["rlinks"][0]["hashes"][0]["value"] == SHA and "page 5" in cuec["citation"]["text"]


def test_oscal_without_them_has_no_empty_back_matter(report):
    bare = report.model_copy(update={"assessment": report.assessment.model_copy(
        update={"responsibilities": [], "fourth_parties": []})})
    document = json.loads(json.dumps(to_oscal(bare)))
    assert "back-matter" not in document["assessment-results"]
    assert not list(oscal_validator().iter_errors(document))


def test_csv_adds_rows_in_the_same_columns(report):
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    header = next(csv.reader(io.StringIO(to_csv(report))))
    assert header == ["vendor", "framework", "requirement", "title", "status", "controls", "reason", "evidence",
                      "claims"]
    cuec = [r for r in rows if r["framework"] == "responsibilities"]
    fourth = [r for r in rows if r["framework"] == "fourth-parties"]
    assert [(r["requirement"], r["status"], r["evidence"]) for r in cuec] == [
        ("CUEC-1", "customer-responsibility", SHA)]
    assert "page 5" in cuec[0]["reason"] and cuec[0]["title"].startswith("Customers are responsible")
    assert [(r["title"], r["status"]) for r in fourth] == [("Cloud Host, Inc.", "carved-out")]
    requirement_rows = [r for r in rows if r["framework"] not in ("responsibilities", "fourth-parties")]
    assert requirement_rows and all(r["status"] != "customer-responsibility" for r in requirement_rows)


def test_the_cli_writes_cuecs_and_fourth_parties_from_a_real_soc2_report(harbor):
    oscal = json.loads(_audit(harbor, "--format", "oscal").stdout)
    assert not list(oscal_validator().iter_errors(oscal))
    titles = {r["title"] for r in oscal["assessment-results"]["back-matter"]["resources"]}
    assert {"Stripe, Inc.", "Amazon Web Services, Inc.", "Your responsibility 3"} <= titles
    rows = list(csv.DictReader(io.StringIO(_audit(harbor, "--format", "csv").stdout)))
    assert len([r for r in rows if r["framework"] == "responsibilities"]) == 3
    assert {r["title"] for r in rows if r["framework"] == "fourth-parties"} == {"Stripe, Inc.",
                                                                                  "Amazon Web Services, Inc."}
