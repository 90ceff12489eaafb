"""`auditor requirements run` on bad feature files, bad options and a hostile features folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from badinput import RLO, assert_refused, make_huge, tree

GOOD = 'Feature: Acme\n  Scenario: Encryption\n    Then the vendor must claim "encryption-at-rest"\n'


@pytest.fixture
def ws(workspace: Path) -> Path:
    (workspace / "evidence" / "acme").mkdir(parents=True)
    (workspace / "evidence" / "acme" / "vendor.yaml").write_text("id: acme\nname: Acme\n", encoding="utf-8")
    (workspace / "features").mkdir()
    return workspace


FEATURES = {
    "binary": (os.urandom(600).replace(b"\n", b" "), "utf-8"),
    "latin1": ("Feature: Données\n  Scenario: é\n    Then the vendor must claim \"mfa\"\n".encode("latin-1"), "utf-8"),
    "utf16": (GOOD.encode("utf-16"), ""),
    "empty": (b"", "feature"),
    "comments-only": (b"# nothing\n", "feature"),
    "syntax": (b"Feature X\n  Scenari: Y\n", "gherkin"),
    "undefined-step": (b"Feature: X\n  Scenario: Y\n    Then the moon must be cheese\n", "undefined step"),
    "unknown-control": (b'Feature: X\n  Scenario: Y\n    Then the vendor must claim "../../etc/passwd"\n', "control"),
    "unknown-attestation": (b'Feature: X\n  Scenario: Y\n    Then the vendor must hold a valid "iso9001"\n', "iso9001"),
    "bad-number": (b'Feature: X\n  Scenario: Y\n    Then coverage of "gdpr" must be at least 1e999 percent\n', ""),
    "unknown-vendor": (b'Feature: X\n  Scenario: Y\n    Given the vendor "../../etc"\n'
                       b'    Then the vendor must claim "mfa"\n', ""),
    "outline-without-examples": (b"Feature: X\n  Scenario Outline: Y\n    Then the vendor must claim \"<c>\"\n", ""),
}


@pytest.mark.parametrize("case", FEATURES)
def test_bad_feature_files_are_refused(cli, ws, case):
    content, needle = FEATURES[case]
    path = ws / "features" / f"{case}.feature"
    path.write_bytes(content)
    before = tree(ws)
    line = assert_refused(cli("requirements", "run", str(path), "--vendor", "acme"), needle, root=ws, before=before)
    assert path.name in line


def test_a_hundred_megabyte_feature_file_is_refused_by_size(cli, ws):
    path = make_huge(ws / "features" / "huge.feature", GOOD.encode())
    before = tree(ws)
    assert_refused(cli("requirements", "run", str(path), "--vendor", "acme"), "huge.feature", root=ws, before=before)


@pytest.mark.parametrize("args,needle", [
    (["--vendor", "../acme"], ""), (["--vendor", "/etc"], ""), (["--vendor", f"acme{RLO}"], ""),
    (["--vendor", "ACME"], ""), (["--tags", "@a and ("], "--tags"), (["--tags", "not"], "--tags"),
    (["--as-of", "2026-02-30"], "--as-of"),
])
def test_bad_options_are_refused(cli, ws, args, needle):
    path = ws / "features" / "good.feature"
    path.write_text(GOOD, encoding="utf-8")
    before = tree(ws)
    line = assert_refused(cli("requirements", "run", str(path), *args), needle, root=ws, before=before)
    assert RLO not in line


def test_a_features_folder_cannot_run_code(cli, ws, tmp_path):
    """conftest.py, pytest.ini and plugins found beside the features are never loaded."""
    marker = tmp_path / "pwned"
    folder = ws / "features"
    (folder / "good.feature").write_text(GOOD, encoding="utf-8")
    (folder / "conftest.py").write_text(f"open({str(marker)!r}, 'w').write('conftest')\n", encoding="utf-8")
    (folder / "pytest.ini").write_text(f"[pytest]\naddopts = -p evil_plugin --junitxml={marker}\n", encoding="utf-8")
    (folder / "__init__.py").write_text(f"open({str(marker)!r}, 'w').write('init')\n", encoding="utf-8")
    (folder / "test_evil.py").write_text(f"open({str(marker)!r}, 'w').write('test module')\n", encoding="utf-8")
    result = cli("requirements", "run", str(folder), "--vendor", "acme")
    assert result.exit_code == 1, result.output  # the scenario ran and failed: the dossier claims nothing
    assert not marker.exists(), marker.read_text()


def test_scenario_names_with_control_characters_are_escaped(cli, ws):
    path = ws / "features" / "sneaky.feature"
    path.write_text(f"Feature: Acme{RLO} evil\n  Scenario: red \x1b[31m text\n"
                    "    Then the vendor must claim \"mfa\"\n", encoding="utf-8")
    result = cli("requirements", "run", str(path), "--vendor", "acme")
    assert result.exit_code == 1, result.output
    assert RLO not in result.output and "\x1b" not in result.output
