"""Every other command given bad ids, paths and options: one line, exit 2, nothing written.

`frameworks show`, `controls show`, `explain`, `history`, `diff`, `vendor show|check`,
`evidence supersede|revoke`, `audit` options and outputs, `keys show`, `requirements run`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from badinput import RLO, assert_refused, tree

ESC = "\x1b[2J"


@pytest.fixture
def ws(workspace: Path) -> Path:
    (workspace / "evidence" / "acme").mkdir(parents=True)
    (workspace / "evidence" / "acme" / "vendor.yaml").write_text("id: acme\nname: Acme\n", encoding="utf-8")
    return workspace


CASES = [
    (["frameworks", "show", "../../etc/passwd"], "unknown framework"),
    (["frameworks", "show", f"gdpr{RLO}"], "unknown framework"),
    (["frameworks", "show", "/etc/passwd"], "unknown framework"),
    (["controls", "show", "../mfa"], "unknown control"),
    (["controls", "show", f"mfa{ESC}"], "unknown control"),
    (["explain", "acme", "gdpr", "../x"], "../x"),
    (["explain", "../acme", "gdpr", "Art.28"], "dossier"),
    (["explain", "acme", f"gdpr{RLO}", "Art.28"], "unknown framework"),
    (["history", "../acme"], "dossier"),
    (["history", f"acme{RLO}"], "vendor id"),
    (["diff", "/etc"], "dossier"),
    (["diff", f"acme{ESC}"], "vendor id"),
    (["vendor", "show", "../acme"], "dossier"),
    (["vendor", "show", f"acme{RLO}"], "vendor id"),
    (["vendor", "check", "/etc"], "dossier"),
    (["evidence", "supersede", "acme", "zzzzzz", "/etc/hostname"], "hex"),
    (["evidence", "supersede", "acme", "ab", "/etc/hostname"], "hex"),
    (["evidence", "revoke", "acme", "0123456789", "--reason", "x"], "no evidence"),
    (["evidence", "revoke", "acme", "0123456789", "--reason", "   "], "--reason"),
    (["evidence", "revoke", "acme", f"01234567{RLO}", "--reason", "x"], ""),
    (["audit", "acme", "--as-of", "2026-02-30"], "--as-of"),
    (["audit", "acme", "--as-of", "99999-01-01"], "--as-of"),
    (["audit", "acme", "--framework", "../../etc"], "unknown framework"),
    (["audit", "acme", "--list", "/nonexistent/sdn.csv"], "not found"),
    (["audit", "../acme"], "dossier"),
    (["audit", f"acme{RLO}"], "vendor id"),
    (["audit", "acme", "--all"], "--all"),
    (["audit"], "VENDOR"),
    (["report", "acme", "--out", "OUT/acme.pdf", "--data", "/etc/hostname"], "not both"),
    (["keys", "show"], "keys init"),
    (["requirements", "run", "--vendor", "acme"], "features"),
    (["requirements", "run", "/nonexistent.feature"], "no such"),
    (["claims", "extract", "/nonexistent.txt"], "not found"),
    (["vendor", "init", "acme2"], ""),  # --from is required: a usage error
]


@pytest.mark.parametrize("args,needle", CASES, ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_bad_ids_paths_and_options_are_refused(cli, ws, args, needle):
    args = [a.replace("OUT", str(ws / "out")) for a in args]
    before = tree(ws)
    result = cli(*args)
    if result.stderr.startswith("Usage:"):  # click's own usage error: exit 2, no traceback, nothing written
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert tree(ws) == before
        return
    line = assert_refused(result, needle, root=ws, before=before)
    assert RLO not in line and "\x1b" not in line


@pytest.mark.parametrize("options", [["--format", "table", "--out", "OUT/a.txt"],
                                     ["--format", "json", "--out", "DIR"], ["--format", "json", "--soa", "DIR"],
                                     ["--format", "oscal", "--out", "/proc/no/such/dir/ar.json"]],
                         ids=["out-with-table", "out-is-a-folder", "soa-is-a-folder", "out-unwritable"])
def test_an_audit_that_cannot_write_its_output_records_nothing(cli, ws, options):
    """A failed --out or --soa must not leave the run in the history (nor anything else)."""
    (ws / "reports").mkdir()
    options = [o.replace("OUT", str(ws / "reports")).replace("DIR", str(ws / "reports")) for o in options]
    before = tree(ws)
    result = cli("audit", "acme", *options)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.stderr, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("auditor: error:")]
    assert tree(ws) == before, "a refused audit wrote something"


def _history_db(ws: Path) -> Path:
    return ws / ".auditor" / "auditor.db"


@pytest.mark.parametrize("damage", ["garbage", "folder", "summary-not-json", "report-not-zlib"])
def test_a_damaged_audit_history_is_one_line(cli, ws, damage):
    import os
    import sqlite3

    if damage in ("summary-not-json", "report-not-zlib"):
        assert cli("audit", "acme").exit_code == 0  # one recorded run
        assert cli("audit", "acme").exit_code == 0  # and a second, for diff
        conn = sqlite3.connect(str(_history_db(ws)))
        column, value = ("summary", "{nope") if damage == "summary-not-json" else ("report", b"not zlib")
        conn.execute(f"UPDATE audit_runs SET {column} = ?", (value,))
        conn.commit()
        conn.close()
    else:
        (ws / ".auditor").mkdir()
        if damage == "garbage":
            _history_db(ws).write_bytes(os.urandom(4096))
        else:
            _history_db(ws).mkdir()
    for args in (["history", "acme"], ["diff", "acme"], ["audit", "acme"]):
        result = cli(*args)
        assert "Traceback" not in result.output and "internal error" not in result.stderr, (args, result.stderr)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        if result.exit_code:
            assert result.stderr.strip().splitlines()[-1].startswith("auditor: error: "), result.stderr
