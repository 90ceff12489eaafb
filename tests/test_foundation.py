"""The base: catalogs load from files with precise errors, the CLI is fast and never shows a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from conftest import run_auditor

GOOD_CONTROL = textwrap.dedent("""\
    id: vendor-widget
    domain: test
    title: Widget control
    description: A control only this workspace defines.
    evidence:
      - kind: policy
        max_age: P12M
    questions:
      - Do you have a widget?
""")


def write_framework(ws, name: str, body: str) -> None:
    (ws / "frameworks").mkdir(exist_ok=True)
    (ws / "frameworks" / name).write_text(body, encoding="utf-8")


def framework_yaml(control: str = "mfa", fid: str = "acme-policy") -> str:
    return textwrap.dedent(f"""\
        id: {fid}
        name: ACME vendor policy
        version: "1"
        publisher: ACME
        source: internal
        licence_note: ours
        requirements:
          - id: R1
            title: Second factor
            description: Every login needs a second factor.
            controls:
              - control: {control}
    """)


def assert_one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    err = result.stderr.strip()
    assert "\n" not in err and "Traceback" not in err, err
    for needle in needles:
        assert needle in err, err


def test_broken_yaml_names_file_and_line(cli, workspace):
    write_framework(workspace, "broken.yaml", "id: broken\nname: [unclosed\nversion: 1\n")
    result = cli("frameworks", "list")
    assert_one_line_error(result, "broken.yaml:", "YAML syntax error")
    line = int(result.stderr.split("broken.yaml:")[1].split(":")[0])
    assert line in (2, 3)


def test_unknown_control_names_file_line_and_id(cli, workspace):
    write_framework(workspace, "acme-policy.yaml", framework_yaml("multi-factor-auth"))
    result = cli("frameworks", "list")
    assert_one_line_error(result, "acme-policy.yaml:12:", "multi-factor-auth")


def test_wrong_type_and_unknown_field_are_located(cli, workspace):
    write_framework(workspace, "acme-policy.yaml", framework_yaml().replace("version: \"1\"", "version: [1]"))
    assert_one_line_error(cli("frameworks", "list"), "acme-policy.yaml:3:", "version")
    write_framework(workspace, "acme-policy.yaml", framework_yaml() + "colour: blue\n")
    assert_one_line_error(cli("frameworks", "list"), "acme-policy.yaml:13:", "unknown field")


def test_duplicate_keys_and_duplicate_requirement_ids_are_refused(cli, workspace):
    write_framework(workspace, "acme-policy.yaml", framework_yaml().replace("name: ACME", "name: A\nname: ACME"))
    assert_one_line_error(cli("frameworks", "list"), "acme-policy.yaml:3:", "duplicate key")
    doubled = framework_yaml() + textwrap.indent(framework_yaml().split("requirements:\n")[1], "")
    write_framework(workspace, "acme-policy.yaml", doubled)
    assert_one_line_error(cli("frameworks", "list"), "duplicate requirement id 'R1'")


def test_alias_bomb_is_refused(cli, workspace):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb += f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    write_framework(workspace, "bomb.yaml", bomb)
    assert_one_line_error(cli("frameworks", "list"), "bomb.yaml", "too many values")


def test_workspace_adds_and_replaces_catalogs(cli, workspace):
    (workspace / "controls").mkdir()
    (workspace / "controls" / "vendor-widget.yaml").write_text(GOOD_CONTROL, encoding="utf-8")
    write_framework(workspace, "acme-policy.yaml", framework_yaml("vendor-widget"))
    listed = {f["id"]: f for f in cli.json("frameworks", "list")}
    assert listed["acme-policy"]["requirement_count"] == 1
    assert "vendor-due-diligence" in listed
    replaced = framework_yaml("mfa", fid="vendor-due-diligence")
    write_framework(workspace, "vendor-due-diligence.yaml", replaced)
    shown = cli.json("frameworks", "show", "vendor-due-diligence")
    assert [r["id"] for r in shown["requirements"]] == ["R1"]


def test_unknown_framework_suggests_close_ids(cli):
    assert_one_line_error(cli("frameworks", "show", "iso27001"), "unknown framework", "iso27001-2022")


def test_control_show_json_lists_mapped_requirements(cli):
    data = cli.json("controls", "show", "encryption-at-rest")
    assert data["id"] == "encryption-at-rest" and data["questions"]
    frameworks = {r["framework"] for r in data["requirements"]}
    assert {"iso27001-2022", "soc2-2017", "hipaa-security", "pci-dss-4.0.1", "gdpr"} <= frameworks


def test_missing_workspace_is_an_input_error(tmp_path):
    proc = run_auditor("--workspace", str(tmp_path / "nope"), "frameworks", "list")
    assert proc.returncode == 2 and "is not a folder" in proc.stderr and "Traceback" not in proc.stderr


def test_version_and_module_entry_point(tmp_path):
    proc = run_auditor("--version", cwd=tmp_path)
    assert proc.returncode == 0 and "auditor" in proc.stdout


def test_help_imports_no_heavy_library():
    code = textwrap.dedent("""\
        import sys
        from auditor.cli.main import cli
        try:
            cli.main(["--help"], prog_name="auditor")
        except SystemExit:
            pass
        heavy = ["reportlab", "pyhanko", "requests", "rapidfuzz", "bs4", "pypdf", "cryptography", "pytest",
                 "pydantic", "yaml", "sqlite3"]
        print("HEAVY=" + ",".join(m for m in heavy if m in sys.modules))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("HEAVY="), out.splitlines()[-1]


@pytest.mark.parametrize("args", [["frameworks", "list"], ["controls", "list"]])
def test_json_goes_to_stdout_only(cli, args):
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0
    assert isinstance(json.loads(result.stdout), list)
