"""Shared fixtures: the real CLI in-process (CliRunner) and as a subprocess, fresh workspaces."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
# The workplace's shared/ beside the checkout (CI lays it there too). The project keeps no copy of
# it: real vendor text, questionnaires and lists are read from there, never committed.
SHARED = REPO.parent / "shared"
HAVE_SHARED = (SHARED / "seeds").is_dir()
SEEDS = SHARED / "seeds"
REFERENCE = SHARED / "reference"


_NEEDS_SHARED = re.compile(r"^from conftest import .*\b(SHARED|SEEDS|REFERENCE)\b", re.M)
_LEFT_OUT: list[str] = []


def pytest_ignore_collect(collection_path, config):
    """Without ../shared, modules that read it at import time are not collected (and the header says so)."""
    if HAVE_SHARED or collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    if _NEEDS_SHARED.search(collection_path.read_text(encoding="utf-8")):
        _LEFT_OUT.append(collection_path.name)
        return True
    return None


def pytest_report_header(config):
    if not HAVE_SHARED:
        return f"no shared data at {SHARED}: tests that read it are left out or skipped"
    return None


def pytest_terminal_summary(terminalreporter):
    if _LEFT_OUT:
        terminalreporter.write_line(f"left out without {SHARED}: {', '.join(sorted(set(_LEFT_OUT)))}")


def pytest_collection_modifyitems(config, items):
    """Without ../shared, the tests of modules that read it skip, naming what is missing."""
    if HAVE_SHARED:
        return
    skip = pytest.mark.skip(reason=f"needs the workplace's shared data at {SHARED}")
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and any(name in vars(module) for name in ("SHARED", "SEEDS", "REFERENCE")):
            item.add_marker(skip)


class Cli:
    """Runs ``auditor`` in-process through click's CliRunner, in a given workspace."""

    def __init__(self, workspace: Path):
        self.workspace = workspace
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None):
        from auditor.cli.main import cli

        result = self.runner.invoke(cli, ["--workspace", str(self.workspace), *args], input=input,
                                    env=env, catch_exceptions=True)
        return result

    def json(self, *args: str, **kwargs):
        result = self(*args, "--format", "json", **kwargs)
        assert result.exit_code == 0, result.output + (result.stderr if hasattr(result, "stderr") else "")
        return json.loads(result.stdout)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """An empty workspace folder: a fresh workspace needs nothing but a folder."""
    ws = tmp_path / "ws"
    ws.mkdir()
    return ws


@pytest.fixture
def cli(workspace: Path) -> Cli:
    return Cli(workspace)


@pytest.fixture
def repo_cli() -> Cli:
    """The CLI with the repository itself as workspace (sample dossiers, features)."""
    return Cli(REPO)


def run_auditor(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
                timeout: float = 120, input: str | None = None) -> subprocess.CompletedProcess:
    """The real console entry point in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("AUDITOR_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "auditor", *args], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=timeout, input=input)


@pytest.fixture
def sample_workspace(tmp_path: Path) -> Path:
    """A copy of the repository's sample dossiers in a scratch workspace (tests may write to it)."""
    ws = tmp_path / "samples"
    shutil.copytree(REPO / "evidence", ws / "evidence")
    if (REPO / "features").is_dir():
        shutil.copytree(REPO / "features", ws / "features")
    return ws
