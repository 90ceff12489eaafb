"""JSON, Markdown, CSV, OSCAL and SoA renderings of one report object."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from conftest import REFERENCE
from enginekit import audit, cite, evidence_item, vendor

from auditor.assess.policy import load_policy
from auditor.assess.verdict import decide
from auditor.report.build import build_report_data
from auditor.model.screening import Hit, ScreeningResult
from auditor.report.formats import to_csv, to_json_data, to_markdown
from auditor.report.oscal import control_token, to_oscal
from auditor.report.soa import soa_rows, write_soa

SCHEMA = REFERENCE / "oscal" / "v1.1.3" / "oscal_assessment-results_schema.json"


def oscal_validator():
    """The NIST schema uses \\p{L}: validate patterns through the `regex` module."""
    if not SCHEMA.is_file():
        pytest.skip(f"the NIST OSCAL schema is read from the workplace's shared data: {SCHEMA} is missing")
    import jsonschema
    import regex

    def pattern(validator, patrn, instance, schema):
        if validator.is_type(instance, "string") and not regex.search(patrn, instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {patrn!r}")

    cls = jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": pattern})
    return cls(json.loads(SCHEMA.read_text(encoding="utf-8")), format_checker=None)


@pytest.fixture(scope="module")
def report():
    ev = evidence_item("a", ["backup"], effective=date(2026, 10, 1))
    v = vendor(claims=[{"control": "backup", "citation": cite(1, "نسخ احتياطي يومي")},
                                           {"control": "mfa", "polarity": "denied", "citation": cite(2, "no 2FA")}],
               hosting=[{"country": "IR", "role": "hosting"}])
    hit = Hit(list="jurisdictions", name="Iran", score=1.0, status="match", query="IR", reason="31 CFR 560")
    a = audit(v, evidence=[ev], screening=ScreeningResult(status="match", hits=[hit], screened=["IR"]))
    return build_report_data(a, v, [ev], decide(a, load_policy(None).verdict), reviewer="R. Viewer")


def test_json_has_the_contract_shape(report):
    data = json.loads(json.dumps(to_json_data(report)))
    assert data["vendor"]["id"] == "acme"
    fw = data["frameworks"][0]
    assert {"id", "coverage", "verified", "counts", "requirements"} <= set(fw)
    assert set(fw["counts"]) == {"satisfied", "unverified", "stale", "contradicted", "gap", "not_applicable"}
    assert {"id", "status", "controls", "evidence", "claims"} <= set(fw["requirements"][0])
    assert {"severity", "framework", "requirement", "control", "title"} <= set(data["findings"][0])
    assert data["screening"]["status"] == "match" and data["screening"]["hits"][0]["list"] == "jurisdictions"
    assert data["evidence_manifest"] == report.evidence_manifest_digest


def test_oscal_validates_against_the_nist_schema(report):
    document = json.loads(json.dumps(to_oscal(report)))
    errors = sorted(oscal_validator().iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    results = document["assessment-results"]["results"]
    iso = next(r for r in results if r["title"].startswith("ISO27001"))
    states = {f["props"][1]["value"]: f["target"]["status"]["state"] for f in iso["findings"]}
    assert states["A.8.13"] == "satisfied" and states["A.8.5"] == "not-satisfied"


def test_oscal_validator_rejects_a_broken_document(report):
    document = json.loads(json.dumps(to_oscal(report)))
    document["assessment-results"]["results"][0]["findings"][0]["target"]["target-id"] = "4.1 bad"
    assert list(oscal_validator().iter_errors(document))


def test_control_tokens_are_ncnames():
    assert control_token("gdpr", "Art.28(3)(g)") == "gdpr_Art.28_3_g"
    assert control_token("iso27001-2022", "4.1") == "iso27001-2022_4.1"


def test_csv_one_row_per_requirement(report):
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    total = sum(len(fw.requirements) for fw in report.assessment.frameworks)
    assert len(rows) == total and rows[0]["vendor"] == "acme"


def test_markdown_escapes_and_lists_findings(report):
    md = to_markdown(report)
    assert "## Findings" in md and "**critical** Sanctions match" in md
    assert "| A.8.5 | A.8.5 title | gap |" in md


def test_soa_lists_every_annex_a_control(report, tmp_path):
    rows = soa_rows(report)
    assert [r["control"] for r in rows] == ["A.8.5", "A.8.24", "A.8.13"]
    target = tmp_path / "soa.csv"
    write_soa(report, None, target)
    assert target.read_text().startswith("control,title,applicable")


def test_vendor_names_with_bidi_overrides_are_refused():
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="bidirectional-override"):
        vendor(name="Acme \u202eevil")
