"""The step library: every sentence of the vocabulary, with a dossier that meets it and one that does not.

Two small dossiers are written into a fresh workspace (with real evidence in the real store):
``good-co`` meets every requirement below and ``bad-co`` fails each one. The same feature file is
run against both through the CLI, so each step is seen passing and failing, with its message.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import REFERENCE, Cli

AS_OF = "2026-11-23"
SDN = str(REFERENCE / "ofac" / "sdn_sample.csv")

GOOD = """\
id: good-co
name: Good Co
headquarters: {country: DE, role: headquarters}
hosting:
  - {country: DE, role: hosting}
  - {country: IE, role: hosting}
subprocessors:
  - {name: Hetzner Online, country: DE}
claims:
  - {control: encryption-at-rest}
  - {control: encryption-in-transit}
  - {control: key-management}
  - {control: mfa}
  - {control: backup}
  - {control: penetration-testing}
  - {control: escalation-process}
  - {control: breach-notification, attributes: {deadline: PT48H}}
attestations:
  - {type: soc2-type2, expires: 2027-12-31, citation: {document: DOC_SHA, line: 3, text: "SOC 2 Type II report."}}
  - {type: iso27001, expires: 2027-06-30, evidence: ISO_SHA}
  - {type: gdpr-dpa, citation: {document: DOC_SHA, line: 5, text: "We sign a DPA with every customer."}}
regulations:
  - {id: gdpr}
support:
  hours: {days: [1, 2, 3, 4, 5], start: "08:00", end: "18:00"}
  sla:
    - {severity: critical, response: PT1H, resolution: PT8H, coverage: 24x7}
    - {severity: high, response: PT4H, resolution: P1D, coverage: 24x7}
  channels:
    - {type: email}
    - {type: chat}
    - {type: phone}
contract:
  auto_renewal: {value: true}
  renewal_notice: {period: P60D}
  refunds: {value: true, period: P15D}
  export_at_termination: {value: true, period: P90D}
engagement:
  data: [personal data]
"""

BAD = """\
id: bad-co
name: Bad Co
hosting:
  - {country: US, role: hosting}
  - {country: IR, role: hosting}
subprocessors:
  - {name: Cheap Hosting, country: RU}
claims:
  - {control: encryption-at-rest, polarity: denied}
  - {control: mfa, hedged: true}
  - {control: breach-notification, attributes: {deadline: P7D}}
attestations:
  - {type: soc2-type2, hedged: true}
  - {type: iso27001, expires: 2026-12-01, citation: {document: DOC_SHA, line: 4, text: "ISO 27001 certified."}}
regulations:
  - {id: gdpr, hedged: true}
support:
  hours: {days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00"}
  sla:
    - {severity: critical, response: PT4H, business_time: true}
    - {severity: high, response: P1D, resolution: P5D, business_time: true}
  channels:
    - {type: email}
    - {type: phone, tiers: [Enterprise]}
contract:
  auto_renewal: {value: true}
  refunds: {value: false}
  deletion_at_termination: {value: true}
engagement:
  data: [personal data]
"""

# Each Then sentence good-co meets and bad-co does not; every step of the library appears here.
REQUIREMENTS = [
    'the vendor must hold a valid "soc2-type2"',
    'the vendor must hold a verified "iso27001"',
    'the "iso27001" attestation must remain valid for at least 90 days',
    'the vendor must claim compliance with "gdpr"',
    'the vendor must claim "encryption-at-rest"',
    'the control "mfa" must be satisfied',
    'the control "backup" must not be a gap',
    'the requirement "iso27001-2022" "A.8.24" must not be a gap',
    'the requirement "iso27001-2022" "A.8.24" must be satisfied',
    'coverage of "gdpr" must be at least 60 percent',
    'verified coverage of "iso27001-2022" must be at least 10 percent',
    'the vendor must not have findings of severity "high"',
    'the vendor must not have findings of severity "high" or worse',
    'evidence for "penetration-testing" must be at most 12 months old',
    'the "critical" support response must be at most 1 hours',
    'the "high" support resolution must be at most 2 days',
    '"critical" support must be available 24x7',
    'the vendor must offer "chat" support',
    'the vendor must offer "phone" support to every customer',
    'the vendor must describe an escalation process',
    'the sanctions screening must be clear',
    'the vendor must host customer data only in "EEA"',
    'sub-processors must be located only in "EEA, CH, GB"',
    'no sub-processor may be located in "CN, RU"',
    'the vendor must notify customers of a data breach within 72 hours',
    'the vendor must let customers export their data after termination',
    'the vendor must let customers export their data for at least 30 days after termination',
    'the vendor must give at least 30 days notice before an automatic renewal',
    'the vendor must offer refunds',
]


def write_dossiers(workspace: Path) -> None:
    """good-co and bad-co, with good-co's ISO certificate and pentest report in the evidence store."""
    from auditor.evidence.store import EvidenceStore
    from auditor.model.enums import EvidenceKind
    from auditor.workspace import Workspace

    store = EvidenceStore(Workspace(workspace))
    docs = workspace / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "iso.pdf").write_bytes(b"%PDF-1.4 ISO/IEC 27001 certificate of Good Co\n")
    (docs / "pentest.pdf").write_bytes(b"%PDF-1.4 penetration test report of Good Co\n")
    today = date.fromisoformat(AS_OF)
    from auditor.model.attestation import ReviewerAcceptance

    iso = store.add("good-co", docs / "iso.pdf", kind=EvidenceKind.CERTIFICATE, covers=["mfa"],
                    effective=date(2026, 6, 1), valid_until=date(2027, 6, 30), today=today,
                    accepted_unread=ReviewerAcceptance(reason="a stand-in certificate, read by the reviewer"))
    store.add("good-co", docs / "pentest.pdf", kind=EvidenceKind.PENTEST_REPORT, covers=["penetration-testing"],
              effective=date(2026, 5, 1), today=today,
              accepted_unread=ReviewerAcceptance(reason="a stand-in pen-test letter, read by the reviewer"))
    good = GOOD.replace("ISO_SHA", iso.sha256).replace("claims:\n", "claims:\n" + _gdpr_claims(workspace), 1)
    for vendor_id, text in (("good-co", good), ("bad-co", BAD)):
        text = text.replace("DOC_SHA", "d" * 64)  # the cited vendor document (its text is not needed here)
        folder = workspace / "evidence" / vendor_id
        folder.mkdir(parents=True)
        (folder / "vendor.yaml").write_text(text, encoding="utf-8")


def _gdpr_claims(workspace: Path) -> str:
    """good-co claims every control GDPR maps to (no attestation stands for GDPR as a whole)."""
    from auditor.catalog.loader import load_catalog
    from auditor.workspace import Workspace

    catalog = load_catalog(Workspace(workspace))
    listed = set(re.findall(r"control: ([a-z0-9-]+)", GOOD))
    wanted = sorted({m.control for r in catalog.frameworks["gdpr"].requirements for m in r.controls} - listed)
    return "".join(f"  - {{control: {c}}}\n" for c in wanted)


def scenario_feature() -> str:
    lines = ["Feature: Every step of the vocabulary", ""]
    for number, text in enumerate(REQUIREMENTS, 1):
        lines += [f"  Scenario: requirement {number:02d}", f"    Then {text}", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, tuple[int, dict]]:
    """The vocabulary feature run once against each dossier: exit code and JSON output."""
    workspace = tmp_path_factory.mktemp("vocabulary")
    write_dossiers(workspace)
    feature = workspace / "features" / "vocabulary.feature"
    feature.parent.mkdir()
    feature.write_text(scenario_feature(), encoding="utf-8")
    cli = Cli(workspace)
    out = {}
    for vendor in ("good-co", "bad-co"):
        result = cli("requirements", "run", str(feature), "--vendor", vendor, "--as-of", AS_OF, "--format", "json",
                     "--list", SDN)
        assert result.exit_code in (0, 1), result.output
        out[vendor] = (result.exit_code, json.loads(result.stdout))
    return out


def test_every_step_of_the_library_is_exercised_here():
    from auditor.requirements.steps import LIBRARY

    then_specs = [s for s in LIBRARY if s.kind == "then"]
    untested = [s.example for s in then_specs if not any(s.parser.is_matching(text) for text in REQUIREMENTS)]
    assert not untested


def test_good_vendor_meets_every_requirement(runs):
    code, data = runs["good-co"]
    failed = [(s["name"], s["message"]) for s in data["scenarios"] if s["status"] != "passed"]
    assert failed == []
    assert code == 0 and data["passed"] == len(REQUIREMENTS) and data["failed"] == 0


def test_bad_vendor_fails_every_requirement_saying_what_was_required_and_what_it_holds(runs):
    code, data = runs["bad-co"]
    assert code == 1
    passed = [s["name"] for s in data["scenarios"] if s["status"] == "passed"]
    assert passed == []
    assert data["failed"] == len(REQUIREMENTS)
    for scenario in data["scenarios"]:
        message = scenario["message"]
        assert re.fullmatch(r"required .+; dossier holds .+", message), message
        assert "\n" not in message
        assert scenario["step"].startswith("Then ") and scenario["step_line"] == scenario["line"] + 1


@pytest.mark.parametrize(("requirement", "expected"), [
    ('the "critical" support response must be at most 1 hours', "4 business hours, worst case 2 days and 20 hours in calendar time"),
    ('the vendor must hold a valid "soc2-type2"', "only a hedged statement of soc2-type2"),
    ('the vendor must claim "encryption-at-rest"', "a denial"),
    ('the "iso27001" attestation must remain valid for at least 90 days', "valid until 2026-12-01 (8 days left)"),
    ('the vendor must host customer data only in "EEA"', "hosting in IR, US"),
    ('no sub-processor may be located in "CN, RU"', "Cheap Hosting (RU)"),
    ('the vendor must offer "phone" support to every customer', "phone only for Enterprise"),
    ('the vendor must notify customers of a data breach within 72 hours', "notification within 7 days"),
    ('the sanctions screening must be clear', "match"),
])
def test_failure_messages_name_what_the_dossier_holds(runs, requirement, expected):
    number = REQUIREMENTS.index(requirement)
    _, data = runs["bad-co"]
    assert expected in data["scenarios"][number]["message"]


def test_screening_without_any_denied_party_list_is_not_called_clear(cli):
    write_dossiers(cli.workspace)
    feature = cli.workspace / "screen.feature"
    feature.write_text('Feature: Sanctions\n  Scenario: Clear\n    Then the sanctions screening must be clear\n',
                       encoding="utf-8")
    result = cli("requirements", "run", str(feature), "--vendor", "good-co", "--format", "json")
    (scenario,) = json.loads(result.stdout)["scenarios"]
    assert result.exit_code == 1 and "no denied-party list was available" in scenario["message"]
    listed = cli("requirements", "run", str(feature), "--vendor", "good-co", "--list", SDN)
    assert listed.exit_code == 0, listed.output


def test_engagement_step_changes_the_scope_of_the_audit(cli):
    write_dossiers(cli.workspace)
    feature = cli.workspace / "hipaa.feature"
    feature.write_text(
        'Feature: Health data\n'
        '  Scenario: out of scope by default\n'
        '    Given the vendor "good-co"\n'
        '    Then coverage of "hipaa-security" must be at least 0 percent\n'
        '  Scenario: in scope when the engagement says so\n'
        '    Given the vendor "good-co"\n'
        '    And the engagement involves "health data"\n'
        '    Then coverage of "hipaa-security" must be at least 0 percent\n'
        '    And the vendor must hold a valid "hipaa-baa"\n', encoding="utf-8")
    result = cli("requirements", "run", str(feature), "--as-of", AS_OF, "--format", "json")
    data = json.loads(result.stdout)
    first, second = data["scenarios"]
    assert first["status"] == "failed" and "hipaa-security not applicable" in first["message"]
    assert "health data" in first["message"]
    assert second["status"] == "failed" and second["step"] == 'And the vendor must hold a valid "hipaa-baa"'
    assert second["message"].startswith("required a valid hipaa-baa; dossier holds absent: no hipaa-baa")


def test_requirements_steps_lists_every_step_with_an_example_that_runs(cli):
    from auditor.requirements.steps import LIBRARY

    listed = cli.json("requirements", "steps")
    assert [s["example"] for s in listed] == [s.example for s in LIBRARY]
    assert all(s["keyword"] in ("Given", "Then") and s["help"] and s["pattern"] for s in listed)
    contract = ['Given the vendor "zoho-crm"', 'Given the engagement involves "personal data"',
                'Then the vendor must hold a valid "soc2-type2"', 'Then the vendor must claim "encryption-at-rest"',
                'Then the control "mfa" must be satisfied',
                'Then the requirement "iso27001-2022" "A.8.24" must not be a gap',
                'Then coverage of "gdpr" must be at least 60 percent',
                'Then the "critical" support response must be at most 1 hours',
                'Then "critical" support must be available 24x7', 'Then the sanctions screening must be clear',
                'Then the vendor must let customers export their data after termination',
                'Then the vendor must not have findings of severity "critical"']
    for sentence in contract:
        keyword, text = sentence.split(" ", 1)
        matching = [s for s in LIBRARY if s.kind == keyword.lower() and s.parser.is_matching(text)]
        assert len(matching) == 1, sentence
    table = cli("requirements", "steps")
    assert table.exit_code == 0
    for spec in LIBRARY:
        assert spec.example in table.stdout


def test_each_example_matches_its_own_step_only_and_its_arguments_are_known(workspace):
    from auditor.catalog.loader import load_catalog
    from auditor.requirements.steps import LIBRARY
    from auditor.workspace import Workspace

    catalog = load_catalog(Workspace(workspace))
    for spec in LIBRARY:
        keyword, text = spec.example.split(" ", 1)
        assert keyword.lower() == spec.kind
        assert [s for s in LIBRARY if s.parser.is_matching(text)] == [spec]
        if spec.validate is not None:
            spec.validate(catalog, **spec.args(text))
