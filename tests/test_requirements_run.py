"""`auditor requirements run`: Gherkin features, isolation from the user's pytest, errors, CI reports."""

from __future__ import annotations

import json
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import run_auditor
from test_requirements_steps import AS_OF, write_dossiers


def feature(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


SUPPORT = """\
    Feature: Support for critical incidents
      Background:
        Given the vendor "good-co"

      @support
      Scenario: Critical tickets answered within the hour
        Then the "critical" support response must be at most 1 hours

      @support @slow
      Scenario: Bad Co does not answer within the hour
        Given the vendor "bad-co"
        Then the "critical" support response must be at most 1 hours
    """


@pytest.fixture
def ws(cli):
    write_dossiers(cli.workspace)
    return cli


def run_json(cli, *args: str):
    result = cli("requirements", "run", *args, "--as-of", AS_OF, "--format", "json")
    return result, (json.loads(result.stdout) if result.exit_code in (0, 1) else None)


def test_json_shape_and_exit_code_one_when_a_scenario_fails(ws):
    path = feature(ws.workspace, "support.feature", SUPPORT)
    result, data = run_json(ws, str(path))
    assert result.exit_code == 1
    assert set(data) >= {"scenarios", "passed", "failed"} and (data["passed"], data["failed"]) == (1, 1)
    first, second = data["scenarios"]
    assert {k: first[k] for k in ("feature", "name", "status", "message")} == {
        "feature": "Support for critical incidents", "name": "Critical tickets answered within the hour",
        "status": "passed", "message": ""}
    assert second["status"] == "failed" and second["vendor"] == "bad-co"
    assert second["message"].startswith("required a critical response within 1 hour; dossier holds 4 business hours, worst case")
    assert second["file"].endswith("support.feature") and (second["line"], second["step_line"]) == (10, 12)
    assert second["step"] == 'Then the "critical" support response must be at most 1 hours'
    assert first["tags"] == ["support"] and second["tags"] == ["slow", "support"]


def test_all_passing_exits_zero_and_the_table_is_readable(ws):
    path = feature(ws.workspace, "ok.feature", """\
        Feature: Good Co basics
          Scenario: Encryption and certification
            Given the vendor "good-co"
            Then the vendor must claim "encryption-at-rest"
            And the vendor must hold a valid "soc2-type2"
        """)
    result = ws("requirements", "run", str(path), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "PASS" in result.stdout and "Encryption and certification" in result.stdout
    assert "1 scenario(s): 1 passed, 0 failed" in result.stdout
    failing = feature(ws.workspace, "support.feature", SUPPORT)
    table = ws("requirements", "run", str(failing), "--as-of", AS_OF)
    assert table.exit_code == 1
    assert "Failures:" in table.stdout and "support.feature:12" in table.stdout
    assert "required a critical response within 1 hour;" in table.stdout


def test_hostile_conftest_and_pytest_ini_in_the_users_folder_change_nothing(ws, tmp_path):
    user = tmp_path / "user"
    feature(user, "support.feature", SUPPORT)
    (user / "conftest.py").write_text('raise RuntimeError("hostile conftest was imported")\n')
    (user / "__init__.py").write_text('raise RuntimeError("hostile package was imported")\n')
    (user / "pytest.ini").write_text("[pytest]\naddopts = --no-such-option -p no_such_plugin\n")
    (user / "pyproject.toml").write_text('[tool.pytest.ini_options]\naddopts = "--also-not-an-option"\n')
    (user / "setup.cfg").write_text("[tool:pytest]\naddopts = --nor-this\n")
    proc = run_auditor("--workspace", str(ws.workspace), "requirements", "run", "support.feature", "--as-of", AS_OF,
                       "--format", "json", cwd=user,
                       env={"PYTEST_ADDOPTS": "--definitely-bad", "PYTEST_PLUGINS": "no_such_module"})
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert [s["status"] for s in data["scenarios"]] == ["passed", "failed"]
    assert "hostile" not in proc.stderr and "Traceback" not in proc.stderr
    assert not (user / ".pytest_cache").exists() and not (user / "__pycache__").exists()


def test_two_runs_in_one_process_see_their_own_files_and_vendors(ws):
    path = feature(ws.workspace, "twice.feature", """\
        Feature: Twice
          Scenario: Response
            Then the "critical" support response must be at most 1 hours
        """)
    first, data1 = run_json(ws, str(path), "--vendor", "good-co")
    second, data2 = run_json(ws, str(path), "--vendor", "bad-co")
    assert (first.exit_code, second.exit_code) == (0, 1)
    assert data1["scenarios"][0]["vendor"] == "good-co" and data2["scenarios"][0]["vendor"] == "bad-co"
    path.write_text("Feature: Twice, edited\n  Scenario: Renamed\n    Then the vendor must offer refunds\n",
                    encoding="utf-8")
    third, data3 = run_json(ws, str(path), "--vendor", "good-co")
    assert third.exit_code == 0 and data3["scenarios"][0]["name"] == "Renamed"
    assert data3["scenarios"][0]["feature"] == "Twice, edited"


def test_undefined_step_exits_two_with_file_line_and_closest_steps(ws):
    path = feature(ws.workspace, "typo.feature", """\
        Feature: Typo
          Scenario: Misspelt
            Given the vendor "good-co"
            Then the vendor must hold a vaild "soc2-type2"
        """)
    result = ws("requirements", "run", str(path))
    assert result.exit_code == 2
    assert "typo.feature:4: undefined step" in result.stderr
    assert 'Then the vendor must hold a valid "soc2-type2"' in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_step_under_the_wrong_keyword_is_named_as_such(ws):
    path = feature(ws.workspace, "keyword.feature", """\
        Feature: Keyword
          Scenario: And after Given
            Given the vendor "good-co"
            And the vendor must offer refunds
        """)
    result = ws("requirements", "run", str(path))
    assert result.exit_code == 2
    assert "keyword.feature:4:" in result.stderr and "is a Then step" in result.stderr


@pytest.mark.parametrize(("text", "line", "expected"), [
    ("Feature: Broken\n  Scenario: a\n    Given the vendor \"good-co\"\n  Scenario b\n", 4,
     "unexpected “Scenario b”"),
    ("Feature: Table\n  Scenario: a\n    Given the vendor \"good-co\"\n    | a | b |\n    | c |\n", 5,
     "inconsistent cell count"),
    ("# language: xx\nFeature: Lang\n", 1, "Language not supported: xx"),
    ("# only a comment\n", 1, "no `Feature:` line"),
    ("Feature: Twins\n  Scenario: same\n    Given the vendor \"good-co\"\n  Scenario: same\n"
     "    Given the vendor \"bad-co\"\n", 4, "two scenarios named 'same'"),
])
def test_gherkin_syntax_errors_exit_two_naming_file_and_line(ws, text, line, expected):
    path = ws.workspace / "broken.feature"
    path.write_text(text, encoding="utf-8")
    result = ws("requirements", "run", str(path))
    assert result.exit_code == 2
    assert f"broken.feature:{line}:" in result.stderr and expected in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("step", "expected"), [
    ('Then the vendor must claim "encryption-at-rst"', "did you mean 'encryption-at-rest'"),
    ('Then the vendor must hold a valid "soc3"', "unknown attestation type 'soc3'"),
    ('Then the requirement "iso27001-2022" "A.8.99" must not be a gap', "unknown requirement of iso27001-2022"),
    ('Then coverage of "gpdr" must be at least 60 percent', "did you mean 'gdpr'"),
    ('Then the "urgent" support response must be at most 1 hours', "unknown support severity 'urgent'"),
    ('Then "critical" support must be available always', "not hours x days"),
    ('Then the vendor must host customer data only in "Germany"', "not an ISO 3166-1 alpha-2"),
    ('Given the engagement involves "secrets"', "unknown data category 'secrets'"),
])
def test_unknown_arguments_exit_two_before_anything_runs(ws, step, expected):
    path = feature(ws.workspace, "args.feature", f"""\
        Feature: Arguments
          Scenario: Wrong value
            Given the vendor "good-co"
            {step}
        """)
    result = ws("requirements", "run", str(path))
    assert result.exit_code == 2
    assert "args.feature:4:" in result.stderr and expected in result.stderr


def test_a_scenario_without_a_vendor_and_no_vendor_option_exits_two(ws):
    path = feature(ws.workspace, "novendor.feature", """\
        Feature: No vendor
          Scenario: Whose?
            Then the vendor must offer refunds
        """)
    result = ws("requirements", "run", str(path))
    assert result.exit_code == 2 and "novendor.feature:2:" in result.stderr and "--vendor" in result.stderr
    assert ws("requirements", "run", str(path), "--vendor", "good-co").exit_code == 0


def test_unknown_vendor_in_a_step_exits_two_at_that_step(ws):
    path = feature(ws.workspace, "ghost.feature", """\
        Feature: Ghost
          Scenario: Nobody
            Given the vendor "no-such-vendor"
            Then the vendor must offer refunds
        """)
    result = ws("requirements", "run", str(path))
    assert result.exit_code == 2
    assert "ghost.feature:3: no dossier 'no-such-vendor'" in result.stderr


def test_unknown_vendor_option_exits_two_before_running(ws):
    path = feature(ws.workspace, "refunds.feature", "Feature: R\n  Scenario: R\n    Then the vendor must offer refunds\n")
    result = ws("requirements", "run", str(path), "--vendor", "nobody")
    assert result.exit_code == 2 and "no dossier 'nobody'" in result.stderr and "good-co" in result.stderr


def test_missing_feature_file_or_folder_exits_two(ws):
    assert ws("requirements", "run", str(ws.workspace / "nope.feature")).exit_code == 2
    result = ws("requirements", "run")  # no FEATURE and no features/ folder in this workspace
    assert result.exit_code == 2 and "features/" in result.stderr


def test_without_feature_arguments_the_workspace_features_folder_runs(ws):
    feature(ws.workspace / "features", "a.feature", SUPPORT)
    feature(ws.workspace / "features" / "nested", "b.feature", """\
        Feature: Nested
          Scenario: Refunds
            Given the vendor "good-co"
            Then the vendor must offer refunds
        """)
    result, data = run_json(ws)
    assert result.exit_code == 1
    assert [s["feature"] for s in data["scenarios"]] == ["Support for critical incidents"] * 2 + ["Nested"]


def test_tags_select_scenarios_and_a_skip_tag_does_not_skip(ws):
    path = feature(ws.workspace, "tags.feature", SUPPORT + """\

      @skip
      Scenario: Refunds, tagged skip
        Then the vendor must offer refunds
    """)
    cases = {"@support": 2, "@support and not @slow": 1, "not @support": 1, "@slow or @skip": 2,
             "support and not slow": 1}
    for expression, count in cases.items():
        result, data = run_json(ws, str(path), "-t", expression)
        assert len(data["scenarios"]) == count, expression
    nothing = ws("requirements", "run", str(path), "--format", "json", "-t", "(@nothing)")
    assert nothing.exit_code == 2 and "no scenario to run" in nothing.stderr and nothing.stdout == ""
    _, everything = run_json(ws, str(path))
    assert everything["scenarios"][2]["name"] == "Refunds, tagged skip"
    assert everything["scenarios"][2]["status"] == "passed"  # @skip is a tag like any other, not pytest's skip
    bad = ws("requirements", "run", str(path), "--tags", "@support and (")
    assert bad.exit_code == 2 and "--tags" in bad.stderr


def test_scenario_outline_rule_and_backgrounds(ws):
    path = feature(ws.workspace, "outline.feature", """\
        Feature: Support SLAs by severity
          Background:
            Given the vendor "good-co"

          Scenario Outline: <severity> tickets answered in time
            Then the "<severity>" support response must be at most <hours> hours

            Examples: commitments met
              | severity | hours |
              | critical | 1     |
              | high     | 4     |

            @strict
            Examples: stricter than promised
              | severity | hours |
              | high     | 2     |

          Rule: a Rule has its own Background
            Background:
              Given the vendor "bad-co"

            Scenario: Bad Co refunds
              Then the vendor must offer refunds
        """)
    result, data = run_json(ws, str(path))
    assert result.exit_code == 1
    rows = [(s["name"], s["status"], s["vendor"]) for s in data["scenarios"]]
    assert rows == [("critical tickets answered in time", "passed", "good-co"),
                    ("high tickets answered in time", "passed", "good-co"),
                    ("high tickets answered in time", "failed", "good-co"),
                    ("Bad Co refunds", "failed", "bad-co")]
    assert "within 2 hours; dossier holds 4 hours, worst case 4 hours" in data["scenarios"][2]["message"]
    _, strict = run_json(ws, str(path), "-t", "@strict")
    assert [s["status"] for s in strict["scenarios"]] == ["failed"]


def test_arabic_keywords(ws):
    path = feature(ws.workspace, "ar.feature", """\
        # language: ar
        خاصية: متطلبات الدعم الفني
          الخلفية:
            بفرض the vendor "good-co"

          @حرج
          سيناريو: الرد على الحالات الحرجة خلال ساعة
            ثم the "critical" support response must be at most 1 hours
            و "critical" support must be available 24x7

          سيناريو مخطط: الرد حسب الخطورة
            ثم the "<severity>" support response must be at most <hours> hours
            امثلة:
              | severity | hours |
              | high     | 2     |
        """)
    result, data = run_json(ws, str(path))
    assert result.exit_code == 1
    assert data["scenarios"][0] == data["scenarios"][0] | {
        "feature": "متطلبات الدعم الفني", "name": "الرد على الحالات الحرجة خلال ساعة", "status": "passed",
        "tags": ["حرج"]}
    assert data["scenarios"][1]["status"] == "failed"
    assert data["scenarios"][1]["step"].startswith("ثم ")
    _, tagged = run_json(ws, str(path), "-t", "@حرج")
    assert len(tagged["scenarios"]) == 1


def test_junit_and_cucumber_json_reports_are_written_and_well_formed(ws, tmp_path):
    path = feature(ws.workspace, "support.feature", SUPPORT)
    junit, cucumber = tmp_path / "reports" / "junit.xml", tmp_path / "reports" / "cucumber.json"
    result = ws("requirements", "run", str(path), "--as-of", AS_OF, "--junit", str(junit),
                "--cucumber-json", str(cucumber))
    assert result.exit_code == 1
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite.get("name") == "auditor-requirements"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    cases = suite.findall("testcase")
    names = [{p.get("name"): p.get("value") for p in case.iter("property")}["scenario"] for case in cases]
    assert names == ["Critical tickets answered within the hour", "Bad Co does not answer within the hour"]
    assert "required a critical response within 1 hour;" in cases[1].find("failure").get("message")
    report = json.loads(cucumber.read_text(encoding="utf-8"))
    (feature_report,) = report
    assert feature_report["name"] == "Support for critical incidents"
    statuses = [[step["result"]["status"] for step in element["steps"]] for element in feature_report["elements"]]
    assert statuses == [["passed", "passed"], ["passed", "passed", "failed"]]
    assert not list(junit.parent.glob(".*.tmp"))


def test_reports_are_not_written_when_the_run_is_refused(ws, tmp_path):
    path = feature(ws.workspace, "typo.feature", "Feature: T\n  Scenario: s\n    Given the vendr \"x\"\n")
    junit = tmp_path / "junit.xml"
    assert ws("requirements", "run", str(path), "--junit", str(junit)).exit_code == 2
    assert not junit.exists()


def test_audit_with_requirements_puts_the_results_into_the_audit_json(ws):
    path = feature(ws.workspace, "support.feature", SUPPORT)
    result = ws("audit", "good-co", "--as-of", AS_OF, "--format", "json", "--no-record", "--requirements", str(path))
    assert result.exit_code == 1  # a failed scenario fails the gate
    data = json.loads(result.stdout)
    run = data["requirements_run"]
    assert (run["passed"], run["failed"]) == (1, 1)
    assert [s["status"] for s in run["scenarios"]] == ["passed", "failed"]
    assert "requirement scenario(s) failed" in result.stderr
    ok = feature(ws.workspace, "ok.feature",
                 "Feature: OK\n  Scenario: refunds\n    Then the vendor must offer refunds\n")
    passing = ws("audit", "good-co", "--as-of", AS_OF, "--format", "json", "--no-record", "--requirements", str(ok))
    assert passing.exit_code == 0, passing.output
    scenario = json.loads(passing.stdout)["requirements_run"]["scenarios"][0]
    assert scenario["vendor"] == "good-co" and scenario["status"] == "passed"
    assert json.loads(ws("audit", "good-co", "--as-of", AS_OF, "--format", "json", "--no-record").stdout)[
        "requirements_run"] is None


def test_report_with_requirements_has_a_requirements_section_in_the_pdf(ws, tmp_path):
    from pypdf import PdfReader

    path = feature(ws.workspace, "support.feature", SUPPORT)
    out = tmp_path / "good-co.pdf"
    result = ws("report", "good-co", "--out", str(out), "--as-of", AS_OF, "--requirements", str(path))
    assert result.exit_code == 0, result.output  # no gate asked for: the report's job is the PDF
    gated = ws("report", "good-co", "--out", str(tmp_path / "gated.pdf"), "--as-of", AS_OF, "--requirements",
               str(path), "--fail-on", "critical")
    # the one gate, as `audit` has it: a failed scenario fails it, after the PDF is written
    assert gated.exit_code == 1 and "1 requirement scenario(s) failed" in gated.output, gated.output
    assert (tmp_path / "gated.pdf").is_file()
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Requirements (Gherkin) results" in text
    assert "1 scenario(s) passed, 1 failed." in text
    assert "Bad Co does not answer within the hour" in " ".join(text.split())


def test_a_broken_dossier_is_reported_at_its_own_file_and_line(ws):
    folder = ws.workspace / "evidence" / "broken-co"
    folder.mkdir(parents=True)
    (folder / "vendor.yaml").write_text("id: broken-co\nname: Broken Co\nsupport:\n  hours: every day\n",
                                        encoding="utf-8")
    path = feature(ws.workspace, "broken.feature", """\
        Feature: Broken dossier
          Scenario: Refunds
            Given the vendor "broken-co"
            Then the vendor must offer refunds
        """)
    result = ws("requirements", "run", str(path))
    assert result.exit_code == 2
    assert "vendor.yaml:4:" in result.stderr and "Traceback" not in result.output


def test_an_outline_placeholder_without_examples_is_named(ws):
    path = feature(ws.workspace, "outline.feature", """\
        Feature: Outline
          Scenario Outline: Responses
            Given the vendor "good-co"
            Then the "<severity>" support response must be at most 1 hours
        """)
    result = ws("requirements", "run", str(path))
    assert result.exit_code == 2
    assert "outline.feature:4: “<severity>”" in result.stderr and "Examples" in result.stderr
