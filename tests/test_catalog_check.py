"""Writing your own framework: `frameworks check` and `controls check` list every problem at once."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import REPO

BROKEN = """\
id: my-framework
name: My framework
version: "1"
colour: blue
requirements:
  - id: R1
    title: Backups
    description: Backups are taken.
    controls:
      - {control: backupp, coverage: full}
  - id: R1
    title: Again
    description: The same id twice.
    controls:
      - {control: mfa, coverage: full}
      - {control: mfa, coverage: partial}
  - title: No id
    description: Missing its id.
    controls:
      - {control: mfa, coverage: sideways}
"""

SOUND = """\
id: my-framework
name: My framework
version: "1"
requirements:
  - id: R1
    title: Backups
    description: Backups are taken and tested.
    controls:
      - {control: backup, coverage: full}
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_frameworks_check_lists_every_problem_with_its_line(cli, workspace):
    path = _write(workspace / "frameworks", "my-framework.yaml", BROKEN)
    result = cli("frameworks", "check", str(path))
    assert result.exit_code == 2
    lines = result.stdout.strip().splitlines()
    assert all(re.match(rf"{re.escape(str(path))}:\d+: \S", line) for line in lines), lines
    text = result.stdout
    assert ":4: colour: unknown field" in text
    assert "unknown control 'backupp'; did you mean backup" in text
    assert "duplicate requirement id 'R1'" in text
    assert "maps to control 'mfa' twice" in text
    assert ":17: requirements.2.id: missing required field" in text or "requirements.2.id" in text
    assert "coverage" in text  # the bad coverage value of the third requirement too
    assert "more problem" not in result.output and "Traceback" not in result.output


def test_a_sound_workspace_framework_needs_no_publisher_source_or_licence(cli, workspace):
    path = _write(workspace / "frameworks", "my-framework.yaml", SOUND)
    result = cli("frameworks", "check", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK")
    assert cli("frameworks", "show", "my-framework").exit_code == 0
    data = cli.json("frameworks", "check", str(path))
    assert data == {"files": [str(path)], "ok": True, "problems": []}


def test_built_in_catalogs_must_say_where_the_standard_comes_from(cli, tmp_path):
    builtin = REPO / "frameworks" / "gdpr.yaml"
    assert cli("frameworks", "check", *sorted(str(p) for p in (REPO / "frameworks").glob("*.yaml"))).exit_code == 0
    from auditor.catalog.check import check_file

    copy = _write(tmp_path, "gdpr.yaml", "\n".join(line for line in builtin.read_text(encoding="utf-8").splitlines()
                                                     if not line.startswith(("publisher:", "licence_note:"))))
    problems = [p.message for p in check_file(copy, "framework", builtin=True)]
    assert any(p.startswith("publisher: missing") for p in problems)
    assert any(p.startswith("licence_note: missing") for p in problems)
    assert not check_file(copy, "framework", builtin=False)


def test_json_lists_the_same_problems(cli, workspace):
    path = _write(workspace / "frameworks", "my-framework.yaml", BROKEN)
    result = cli("frameworks", "check", str(path), "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["ok"] is False and len(data["problems"]) >= 6
    assert {"file", "line", "problem"} <= set(data["problems"][0])


def test_the_loader_shows_every_problem_of_a_workspace_framework(cli, workspace):
    _write(workspace / "frameworks", "my-framework.yaml", BROKEN)
    result = cli("frameworks", "list")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("auditor: error: ")  # one line, every problem in it
    assert errors[0].count("; line ") >= 3, errors[0]
    assert "colour: unknown field" in errors[0] and "requirements.2.id: missing required field" in errors[0]
    assert "maps to control 'mfa' twice" in errors[0] and "more problem" not in errors[0]


def test_controls_check_reports_bad_patterns_and_fields(cli, workspace):
    good = (REPO / "controls" / "backup.yaml").read_text(encoding="utf-8")
    path = _write(workspace / "controls", "backup.yaml",
                  good.replace("title: Backup\n", "title: Backup\nowner: me\n")
                      .replace("  en:\n", "  en:\n    - '(unclosed'\n", 1))
    result = cli("controls", "check", str(path))
    assert result.exit_code == 2
    assert "owner: unknown field" in result.stdout
    assert "not a regular expression" in result.stdout
    assert cli("controls", "check", str(REPO / "controls" / "mfa.yaml")).exit_code == 0


def test_a_missing_or_unreadable_file_is_a_problem_not_a_crash(cli, workspace):
    result = cli("frameworks", "check", str(workspace / "nope.yaml"))
    assert result.exit_code == 2 and "no such file" in result.stdout
    bad = _write(workspace, "bad.yaml", "id: [unclosed\n")
    result = cli("controls", "check", str(bad))
    assert result.exit_code == 2 and str(bad) in result.stdout and "Traceback" not in result.output
