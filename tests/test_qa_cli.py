"""QA regressions of the command line as a demanding user meets it: errors, pipes, terminals, help."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from conftest import REFERENCE, REPO

SDN = REFERENCE / "ofac" / "sdn_sample.csv"


@pytest.mark.parametrize("args,needle", [
    (["frameworks", "show"], "missing argument 'FRAMEWORK'"),
    (["audit", "zoho-crm", "--scope", "pii"], "'--scope'"),
    (["audit", "zoho-crm", "--fail-on", "bogus"], "'--fail-on'"),
    (["audit", "zoho-crm", "--fail-under", "101"], "'--fail-under'"),
    (["diff", "zoho-crm", "x"], "not a valid integer"),
    (["evidence", "add", "zoho-crm", "/", "--kind", "policy"], "is a directory"),
    (["frameworks", "bogus"], "no such command 'bogus'"),
    (["--bogus", "frameworks", "list"], "no such option '--bogus'"),
    (["-w"], "requires an argument"),
    (["screen"], "--name"),
])
def test_usage_errors_are_one_line_and_exit_2(cli, workspace, args, needle):
    result = cli(*args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("auditor: error: "), result.stderr
    assert needle.lower() in lines[0].lower() and "--help'" in lines[0], lines[0]
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert list(workspace.iterdir()) == []


def test_a_group_without_sub_command_still_shows_its_help(cli):
    result = cli("frameworks")
    assert "frameworks [OPTIONS] COMMAND" in result.output and "auditor: error" not in result.output


def test_a_closed_pipe_ends_quietly():
    """`auditor ... | head -1`: no 'Broken pipe' error line once the reader has gone."""
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "frameworks", "show", "pci-dss-4.0.1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    proc.stdout.read(10)
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert b"error" not in err.lower() and b"Traceback" not in err, err


def test_piped_tables_keep_every_character(cli):
    result = cli("screen", "--name", "Aerocaribbean Airlines", "--list", str(SDN))
    assert result.exit_code == 1
    row = next(line for line in result.stdout.splitlines() if line.startswith("match"))
    assert "…" not in row and row.rstrip().endswith(")"), row  # the whole reason, not clipped at 48 columns


def _on_terminal(*args: str, columns: int = 90, **env: str) -> str:
    """Run the real entry point with a pseudo-terminal as stdout and stderr; return what it showed."""
    primary, secondary = pty.openpty()
    full_env = {**os.environ, "COLUMNS": str(columns), "LINES": "40", **env}
    full_env.pop("AUDITOR_DEBUG", None)
    if "NO_COLOR" not in env:
        full_env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "auditor", *args], stdout=secondary, stderr=secondary,
                            stdin=subprocess.DEVNULL, env=full_env, cwd=REPO)
    os.close(secondary)
    chunks = []
    while True:
        ready, _, _ = select.select([primary], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(primary, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=30)
    os.close(primary)
    return b"".join(chunks).decode().replace("\r", "")


def test_on_a_terminal_the_last_column_wraps_within_the_width(workspace):
    lines = _on_terminal("--workspace", str(workspace), "evidence", "kinds").splitlines()
    assert lines and all(len(line) <= 90 for line in lines), max(lines, key=len)
    assert not any("…" in line for line in lines)
    assert any(line.startswith(" " * 20) for line in lines)  # continuation lines under the last column


def test_colours_only_on_a_terminal_and_never_with_no_color(workspace):
    args = ("--workspace", str(workspace), "audit", "6clicks", "--no-record", "--limit", "3")
    assert "\x1b[" in _on_terminal(*args)
    assert "\x1b[" not in _on_terminal(*args, NO_COLOR="1")
    piped = subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True, cwd=REPO)
    assert piped.returncode == 0 and "\x1b[" not in piped.stdout + piped.stderr


def test_suggestions_ignore_case(cli):
    result = cli("controls", "show", "MFA")
    assert result.exit_code == 2 and "did you mean mfa?" in result.stderr, result.stderr


def test_an_unknown_control_domain_is_an_error_naming_the_domains(cli):
    result = cli("controls", "list", "--domain", "cryptografy")
    assert result.exit_code == 2 and result.stdout == ""
    assert "cryptography" in result.stderr and result.stderr.startswith("auditor: error: ")


def test_history_of_a_mistyped_vendor_is_an_error(cli):
    result = cli("history", "6click")
    assert result.exit_code == 2 and "6clicks" in result.stderr and result.stdout == ""


def test_history_with_no_runs_keeps_stdout_clean(cli):
    result = cli("history", "6clicks")
    assert result.exit_code == 0 and result.stdout == "" and "no recorded audits" in result.stderr


def _leaf_commands(command: click.Command, path: list[str]):
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            yield from _leaf_commands(command.get_command(ctx, name), [*path, name])
    else:
        yield path


def test_every_command_help_shows_an_example():
    from auditor.cli.main import cli as root

    runner = CliRunner()
    missing = [" ".join(p) for p in _leaf_commands(root, []) if "Example" not in runner.invoke(root, [*p, "--help"]).output]
    assert not missing, missing
