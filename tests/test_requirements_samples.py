"""Requirements against the sample dossiers: the contract vocabulary both ways, and the shipped features.

The sample dossiers are built from the real vendor documents (seeds). Where no sample vendor
fails (or passes) a step, the test derives a dossier from a sample the way a reviewer would:
adding evidence through the CLI, or recording what a further document says.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import REFERENCE, Cli

AS_OF = "2026-11-23"
SDN = str(REFERENCE / "ofac" / "sdn_sample.csv")


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> Cli:
    """A copy of the sample dossiers and features, plus two derived dossiers and one piece of evidence."""
    import shutil

    from conftest import REPO

    workspace = tmp_path_factory.mktemp("samples")
    shutil.copytree(REPO / "evidence", workspace / "evidence")
    shutil.copytree(REPO / "features", workspace / "features")
    _derive(workspace, "6clicks", "6clicks-ir", lambda v: v.setdefault("subprocessors", []).append(
        {"name": "Tehran Data Centre", "country": "IR", "purpose": "backup hosting"}))
    _derive(workspace, "zoho-crm", "zoho-crm-dpa", lambda v: v.setdefault("contract", {}).update(
        export_at_termination={"value": True, "period": "P90D", "note": "DPA clause read by the reviewer"}))
    cli = Cli(workspace)
    report = workspace / "zoho-soc2-report.pdf"
    report.write_bytes(b"%PDF-1.4 SOC 2 Type II report, Zoho Corporation, MFA tested\n")
    added = cli("evidence", "add", "zoho-crm-dpa", str(report), "--kind", "audit-report", "--covers", "mfa",
                "--effective", "2025-10-01/2026-09-30")
    assert added.exit_code == 0, added.output
    return cli


def _derive(workspace: Path, source: str, new_id: str, change) -> None:
    import shutil

    target = workspace / "evidence" / new_id
    shutil.copytree(workspace / "evidence" / source, target)
    data = yaml.safe_load((target / "vendor.yaml").read_text(encoding="utf-8"))
    data["id"] = new_id
    change(data)
    (target / "vendor.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _run(cli: Cli, path: Path, vendor: str, *extra: str) -> tuple[int, dict]:
    result = cli("requirements", "run", str(path), "--vendor", vendor, "--as-of", AS_OF, "--list", SDN,
                 "--format", "json", *extra)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


# The contract's sentences, each with a sample vendor that meets it and one that does not.
CONTRACT = [
    ('Then the vendor must hold a valid "soc2-type2"', "zoho-crm", "cliently"),
    ('Then the vendor must claim "encryption-at-rest"', "zoho-crm", "6clicks"),
    ('Then the control "mfa" must be satisfied', "zoho-crm-dpa", "zoho-crm"),
    ('Then the requirement "iso27001-2022" "A.8.13" must not be a gap', "zoho-crm", "6clicks"),
    ('Then coverage of "gdpr" must be at least 10 percent', "zoho-crm", "6clicks"),
    ('Then the "critical" support response must be at most 1 hours', "6clicks", "zoho-partner-support"),
    ('Then "critical" support must be available 24x7', "6clicks", "zoho-partner-support"),
    ("Then the sanctions screening must be clear", "6clicks", "6clicks-ir"),
    ("Then the vendor must let customers export their data after termination", "zoho-crm-dpa", "cliently"),
    ('Then the vendor must not have findings of severity "critical"', "6clicks", "6clicks-ir"),
]


@pytest.fixture(scope="module")
def contract_results(samples, tmp_path_factory) -> dict[str, dict[str, dict]]:
    """One scenario per contract sentence, run once for each vendor the table names."""
    feature = tmp_path_factory.mktemp("contract") / "contract.feature"
    lines = ["Feature: Contract vocabulary", "  Background:", '    Given the engagement involves "personal data"']
    for number, (sentence, _, _) in enumerate(CONTRACT):
        lines += [f"  Scenario: sentence {number}", f"    {sentence}"]
    feature.write_text("\n".join(lines) + "\n", encoding="utf-8")
    vendors = sorted({v for _, meets, fails in CONTRACT for v in (meets, fails)})
    return {vendor: {s["name"]: s for s in _run(samples, feature, vendor)[1]["scenarios"]} for vendor in vendors}


@pytest.mark.parametrize(("sentence", "meets", "fails"), CONTRACT, ids=[c[0][5:60] for c in CONTRACT])
def test_contract_vocabulary_on_the_sample_dossiers_both_ways(contract_results, sentence, meets, fails):
    name = f"sentence {[c[0] for c in CONTRACT].index(sentence)}"
    passing, failing = contract_results[meets][name], contract_results[fails][name]
    assert passing["status"] == "passed", passing["message"]
    assert failing["status"] == "failed"
    assert failing["message"].startswith("required ") and "; dossier holds " in failing["message"]


@pytest.fixture(scope="module")
def feature_results(samples) -> dict[str, tuple[int, dict]]:
    """Every shipped feature file, run once for each sample vendor (and one derived dossier)."""
    vendors = ("6clicks", "zoho-partner-support", "zoho-crm", "cliently", "6clicks-ir")
    return {vendor: _run(samples, samples.workspace / "features", vendor) for vendor in vendors}


def test_6clicks_answers_critical_tickets_within_the_hour_and_zoho_partner_support_does_not(feature_results):
    critical = "Critical tickets are answered within one hour"
    first = next(s for s in feature_results["6clicks"][1]["scenarios"] if s["name"] == critical)
    second = next(s for s in feature_results["zoho-partner-support"][1]["scenarios"] if s["name"] == critical)
    assert first["status"] == "passed"
    assert second["status"] == "failed"
    assert second["message"].startswith("required a critical response within 1 hour; dossier holds 3 business hours, worst case")
    assert "worst case" in second["message"] and "line " in second["message"]  # cites the vendor's own table


def test_the_vendor_step_overrides_the_vendor_option(samples, tmp_path):
    feature = tmp_path / "two.feature"
    feature.write_text('Feature: Two vendors\n'
                       '  Scenario: 6clicks\n    Given the vendor "6clicks"\n'
                       '    Then the "critical" support response must be at most 1 hours\n'
                       '  Scenario: the default vendor\n'
                       '    Then the "critical" support response must be at most 1 hours\n', encoding="utf-8")
    code, data = _run(samples, feature, "zoho-partner-support")
    assert code == 1
    assert [(s["vendor"], s["status"]) for s in data["scenarios"]] == [
        ("6clicks", "passed"), ("zoho-partner-support", "failed")]


# What the shipped requirement sets say about the sample vendors: (file, vendor) -> scenario -> status.
EXPECTED = {
    ("support-sla.feature", "6clicks"): {
        "Critical tickets are answered within one hour": "passed",
        "Critical support works around the clock": "passed",
        "high tickets are answered within 8 hours": "failed",  # 6 business hours, 8x5: a weekend in between
        "Support is reachable by e-mail and chat": "passed",
        "Phone support is not reserved to premium tiers": "failed",  # no phone line at all
        "An escalation path is described": "passed",
    },
    ("support-sla.feature", "zoho-partner-support"): {
        "Critical tickets are answered within one hour": "failed",  # 1-3 hours: the worst end counts
        "Critical support works around the clock": "failed",  # 24x5
        "Phone support is not reserved to premium tiers": "failed",  # Advanced and Premium partners only
        "An escalation path is described": "passed",
    },
    ("support-sla-ar.feature", "6clicks"): {
        "الرد على التذاكر الحرجة خلال ساعة واحدة": "passed",
        "قنوات الدعم ومسار التصعيد": "passed",
    },
    ("support-sla-ar.feature", "zoho-partner-support"): {
        "الرد على التذاكر الحرجة خلال ساعة واحدة": "failed",
    },
    ("crm-eu-personal-data.feature", "zoho-crm"): {
        "Accounts are protected by multi-factor authentication": "passed",
        "The security management system is certified": "passed",
        "The vendor commits to the GDPR": "passed",
        "No party in the chain is sanctioned": "passed",
    },
    ("crm-eu-personal-data.feature", "cliently"): {
        "Customer data is encrypted at rest and in transit": "passed",
        "Accounts are protected by multi-factor authentication": "failed",
        "Customers keep their data when they leave": "failed",  # access to data lost after cancellation
    },
    ("health-data.feature", "zoho-crm"): {
        "A business associate agreement is signed": "failed",
        "The vendor states that it complies with HIPAA": "passed",
    },
    ("payment-vendor.feature", "cliently"): {
        "The vendor holds a PCI DSS Attestation of Compliance": "failed",
        "The vendor states PCI DSS compliance": "passed",
    },
    ("export-controls.feature", "cliently"): {
        "The vendor states it complies with US export controls": "passed",
        "Vendor, parent and sub-processors are not denied parties": "passed",
    },
    ("export-controls.feature", "zoho-crm"): {
        "The vendor states it complies with US export controls": "failed",
    },
    ("export-controls.feature", "6clicks-ir"): {
        "Vendor, parent and sub-processors are not denied parties": "failed",
        "Nothing is hosted or sub-processed in an embargoed jurisdiction": "failed",
        "Nothing critical is open": "failed",
    },
}


@pytest.mark.parametrize(("file", "vendor"), list(EXPECTED), ids=[f"{f}-{v}" for f, v in EXPECTED])
def test_shipped_requirement_sets_give_the_expected_outcomes(feature_results, file, vendor):
    _, data = feature_results[vendor]
    statuses: dict[str, set[str]] = {}
    for scenario in data["scenarios"]:
        if scenario["file"].endswith("/" + file) or scenario["file"] == file:
            statuses.setdefault(scenario["name"], set()).add(scenario["status"])
    for name, expected in EXPECTED[(file, vendor)].items():
        assert statuses.get(name) == {expected}, (name, [s["message"] for s in data["scenarios"]
                                                          if s["name"] == name])


def test_every_shipped_feature_runs_for_every_sample_vendor(samples, feature_results):
    """No step of the shipped files is unknown, and every scenario gets a verdict with a reason."""
    shipped = {p.name for p in (samples.workspace / "features").glob("*.feature")}
    for vendor, (code, data) in feature_results.items():
        assert data["passed"] + data["failed"] == len(data["scenarios"]) >= 30
        assert code == (1 if data["failed"] else 0)
        assert all(s["message"].startswith("required ") for s in data["scenarios"] if s["status"] == "failed")
        assert {s["file"].rsplit("/", 1)[-1] for s in data["scenarios"]} == shipped
        assert {s["vendor"] for s in data["scenarios"]} == {vendor}
