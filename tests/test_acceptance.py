"""The project's acceptance tests, written in Gherkin (tests/features/*.feature).

Each scenario drives the real `auditor` command line on the sample dossiers: in-process through
click's CliRunner, or as a separate process where the scenario says so. The feature files are
the readable account of how the tool behaves; this module only binds their sentences.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import REPO, run_auditor
from pytest_bdd import given, parsers, scenarios, then, when

scenarios("features")


@dataclass
class World:
    """One scenario's workspace and the last command's outcome."""

    workspace: Path
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""
    env: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        try:
            return json.loads(self.stdout)
        except json.JSONDecodeError:
            raise AssertionError(f"stdout is not JSON: {self.stdout[:300]!r}; stderr: {self.stderr[:300]!r}") from None


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    monkeypatch.chdir(workspace)  # relative paths in commands are relative to the workspace, as for a user
    return World(workspace)


def _field(data: Any, path: str) -> Any:
    """``a.0.b``: keys and list indexes; the empty path is the whole document."""
    for part in path.split(".") if path else []:
        if isinstance(data, list):
            data = data[int(part)]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            raise AssertionError(f"no field {part!r} on the way to {path!r}")
    return data


# --- Given ---------------------------------------------------------------------------------------------

@given("an empty workspace")
def empty_workspace(world: World) -> None:
    """A folder with nothing in it (the built-in catalogs and sample dossiers still answer)."""
    world.workspace = world.workspace.parent / "empty"
    world.workspace.mkdir()
    os.chdir(world.workspace)  # the world fixture's monkeypatch restores the original folder


@given("a workspace with the sample dossiers and requirement features")
def sample_workspace(world: World) -> None:
    shutil.copytree(REPO / "evidence", world.workspace / "evidence")
    shutil.copytree(REPO / "features", world.workspace / "features")


@given(parsers.parse('a file "{name}" containing:'))
def file_containing(world: World, name: str, docstring: str) -> None:
    path = world.workspace / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(docstring + "\n", encoding="utf-8")


@given(parsers.parse('the environment variable "{name}" is "{value}"'))
def environment(world: World, name: str, value: str) -> None:
    world.env[name] = value


# --- When -----------------------------------------------------------------------------------------------

@when(parsers.re(r"I run `auditor (?P<command>.*)`$"))
def run_in_process(world: World, command: str) -> None:
    from auditor.cli.main import cli

    result = CliRunner().invoke(cli, ["--workspace", str(world.workspace), *shlex.split(command)],
                                env=world.env or None, catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    world.exit_code, world.stdout, world.stderr = result.exit_code, result.stdout, result.stderr


@when(parsers.re(r"I run `auditor (?P<command>.*)` as a separate process$"))
def run_as_process(world: World, command: str) -> None:
    proc = run_auditor("--workspace", str(world.workspace), *shlex.split(command), cwd=world.workspace, env=world.env)
    world.exit_code, world.stdout, world.stderr = proc.returncode, proc.stdout, proc.stderr


# --- Then -----------------------------------------------------------------------------------------------

@then(parsers.parse("the exit code is {code:d}"))
def exit_code(world: World, code: int) -> None:
    assert world.exit_code == code, f"exit {world.exit_code}; stderr: {world.stderr[-500:]}"


@then(parsers.parse('the output contains "{text}"'))
def output_contains(world: World, text: str) -> None:
    assert text in world.stdout, world.stdout[-1500:]


@then(parsers.parse('the error output contains "{text}"'))
def error_contains(world: World, text: str) -> None:
    assert text in world.stderr, world.stderr[-1500:]


@then("the error output is one line without a traceback")
def one_line_error(world: World) -> None:
    lines = world.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("auditor: error: "), world.stderr
    assert "Traceback" not in world.stderr + world.stdout


@then(parsers.parse('the JSON field "{path}" is {value}'))
def json_field_is(world: World, path: str, value: str) -> None:
    assert _field(world.json(), path) == json.loads(value)


@then(parsers.parse('the JSON field "{path}" contains "{text}"'))
def json_field_contains(world: World, path: str, text: str) -> None:
    assert text in str(_field(world.json(), path))


@then(parsers.parse('the JSON list "{path}" has {count:d} items'))
def json_list_length(world: World, path: str, count: int) -> None:
    assert len(_field(world.json(), path)) == count


@then(parsers.re(r'the JSON list "(?P<path>[^"]*)" has an item whose "(?P<key>[^"]+)" is "(?P<value>.*)"'))
def json_list_has(world: World, path: str, key: str, value: str) -> None:
    items = _field(world.json(), path)
    assert any(str(item.get(key)) == value for item in items), [item.get(key) for item in items]


@then(parsers.parse('the framework "{framework}" is {applicability}'))
def framework_applicability(world: World, framework: str, applicability: str) -> None:
    found = [f for f in world.json()["frameworks"] if f["id"] == framework]
    assert found, f"no framework {framework!r}"
    assert found[0]["applicable"] is (applicability == "applicable"), found[0].get("scope_reason")


@then(parsers.parse('the scenario "{name}" {status}'))
def scenario_status(world: World, name: str, status: str) -> None:
    data = world.json()
    scenarios_run = data["requirements_run"]["scenarios"] if "requirements_run" in data else data["scenarios"]
    found = [s for s in scenarios_run if s["name"] == name]
    assert found, f"no scenario {name!r} in {[s['name'] for s in scenarios_run]}"
    assert [s["status"] for s in found] == [status] * len(found), found


@then(parsers.parse('the file "{name}" is JUnit XML with {tests:d} tests and {failures:d} failures'))
def junit_file(world: World, name: str, tests: int, failures: int) -> None:
    suite = ET.parse(world.workspace / name).getroot().find("testsuite")
    assert (int(suite.get("tests")), int(suite.get("failures"))) == (tests, failures)


@then(parsers.parse('the file "{name}" is Cucumber JSON with {count:d} scenarios'))
def cucumber_file(world: World, name: str, count: int) -> None:
    report = json.loads((world.workspace / name).read_text(encoding="utf-8"))
    assert sum(len(feature["elements"]) for feature in report) == count
