"""`auditor evidence add|list|verify|collect|log` on bad ids, bad files, bad options and a damaged store.

Bad input: one line, exit 2, and not even the state folder (.auditor/) is created. A damaged
store (a garbage database file, an edited index row): one line, exit 1 or 2, never a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest
from badinput import RLO, assert_refused, error_line, tree
from ledgerkit import init_keys

GOOD_VENDOR = "id: acme\nname: Acme Hosting\n"


@pytest.fixture
def dossier(workspace: Path) -> Path:
    folder = workspace / "evidence" / "acme"
    folder.mkdir(parents=True)
    (folder / "vendor.yaml").write_text(GOOD_VENDOR, encoding="utf-8")
    init_keys(workspace)  # the ledger is anchored as it changes
    return folder


@pytest.fixture
def report_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "inputs" / "soc2.pdf"
    path.parent.mkdir()
    path.write_bytes(b"%PDF-1.7\n% a SOC 2 report\n%%EOF\n")
    return path


BAD_IDS = ["../acme", "/etc", "..", "acme/../../x", "evidence/../../x", "ACME", f"acme{RLO}", "acme\x1b[2J",
           "a" * 80, "", " acme", "acme\n"]


ID_RUNS = [(command, vendor) for command in ("add", "list", "verify", "log", "collect") for vendor in BAD_IDS
           if not (vendor == "" and command in ("verify", "log"))]  # there VENDOR is optional: "" means all


@pytest.mark.parametrize("command,vendor", ID_RUNS, ids=repr)
def test_bad_vendor_ids_are_refused_and_nothing_is_written(cli, workspace, dossier, report_pdf, command, vendor):
    args = {"add": ["evidence", "add", vendor, str(report_pdf), "--kind", "policy"],
            "list": ["evidence", "list", vendor], "verify": ["evidence", "verify", vendor],
            "log": ["evidence", "log", vendor],
            "collect": ["evidence", "collect", vendor, "--url", "https://127.0.0.1:9/"]}[command]
    before = tree(workspace)
    line = assert_refused(cli(*args), root=workspace, before=before)
    assert RLO not in line and "\x1b" not in line


def _special_files(tmp_path: Path) -> dict[str, Path]:
    base = tmp_path / "special"
    base.mkdir()
    (base / "dangling").symlink_to(base / "nowhere")
    (base / "loop1").symlink_to(base / "loop2")
    (base / "loop2").symlink_to(base / "loop1")
    (base / "folder").mkdir()
    (base / "link-to-folder").symlink_to(base / "folder")
    os.mkfifo(base / "fifo")  # reading it would block forever: it must be refused, not opened
    return {"missing": base / "missing.pdf", "dangling-link": base / "dangling", "link-loop": base / "loop1",
            "folder": base / "folder", "link-to-folder": base / "link-to-folder", "fifo": base / "fifo",
            "char-device": Path("/dev/zero")}


@pytest.mark.parametrize("name", ["missing", "dangling-link", "link-loop", "folder", "link-to-folder", "fifo",
                                  "char-device"])
def test_evidence_add_refuses_what_is_not_a_regular_file(cli, workspace, dossier, tmp_path, name):
    path = _special_files(tmp_path)[name]
    before = tree(workspace)
    result = cli("evidence", "add", "acme", str(path), "--kind", "policy")
    if result.stderr.startswith("Usage:"):  # click's own check of FILE: still exit 2, no traceback
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert "Error: Invalid value for 'FILE'" in result.stderr
        assert tree(workspace) == before
    else:
        assert_refused(result, path.name, root=workspace, before=before)


@pytest.mark.parametrize("options,needle", [
    (["--covers", "../../etc/passwd"], "../../etc/passwd"),
    (["--covers", "/etc/passwd"], "/etc/passwd"),
    (["--covers", "no-such-control"], "no-such-control"),
    (["--covers", f"mfa{RLO}"], "control"),
    (["--valid-until", "2026-13-45"], "--valid-until"),
    (["--valid-until", "tomorrow"], "--valid-until"),
    (["--effective", "2026-02-01/2026-01-01"], "--effective"),
    (["--effective", "2026-01-01/"], "--effective"),
    (["--effective", "9999-99-99"], "--effective"),
    (["--effective", "2026-01-01", "--valid-until", "2025-01-01"], "valid"),
    (["--kind", "audit-report", "--effective", "9999-06-01"], "9999"),
])
def test_evidence_add_refuses_bad_options(cli, workspace, dossier, report_pdf, options, needle):
    before = tree(workspace)
    line = assert_refused(cli("evidence", "add", "acme", str(report_pdf), "--kind", "policy", *options),
                          needle, root=workspace, before=before)
    assert RLO not in line


@pytest.mark.parametrize("window", ["abc", "-5d", "P", "30x", "9" * 40 + "d", "P99999999999D"])
def test_evidence_list_refuses_bad_windows(cli, workspace, dossier, window):
    before = tree(workspace)
    assert_refused(cli("evidence", "list", "acme", "--expiring", window), "--expiring", root=workspace, before=before)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "http://", "ftp://127.0.0.1/x",
                                 "https://exa mple.com/", "//127.0.0.1/", "127.0.0.1", "https://[::1/",
                                 f"https://acme{RLO}.example/", "https://127.0.0.1:99999/"])
def test_evidence_collect_refuses_bad_urls_without_connecting(cli, workspace, dossier, url):
    before = tree(workspace)
    line = assert_refused(cli("evidence", "collect", "acme", "--url", url), "--url", root=workspace, before=before)
    assert RLO not in line


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary\xff" * 50, b"not a certificate\n",
                                     b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"],
                         ids=["empty", "binary", "text", "broken-pem"])
def test_evidence_collect_refuses_a_ca_bundle_that_is_not_pem(cli, workspace, dossier, tmp_path, content):
    bundle = tmp_path / "ca.pem"
    bundle.write_bytes(content)
    before = tree(workspace)
    assert_refused(cli("evidence", "collect", "acme", "--url", "https://127.0.0.1:9/", "--ca-bundle", str(bundle)),
                   "ca.pem", root=workspace, before=before)


def test_file_names_and_notes_with_control_characters_are_escaped_in_tables(cli, workspace, dossier, tmp_path):
    sneaky = tmp_path / f"report{RLO}fdp.exe"
    sneaky.write_bytes(b"%PDF-1.7 sneaky\n")
    result = cli("evidence", "add", "acme", str(sneaky), "--kind", "policy", "--note", "see \x1b[31mred\x1b[0m")
    assert result.exit_code == 0, result.output
    for args in (["evidence", "add", "acme", str(sneaky), "--kind", "policy"],):  # a duplicate: refused
        assert_refused(cli(*args), "already", root=workspace, before=tree(workspace))
    for args in (["evidence", "list", "acme"], ["evidence", "log", "acme"], ["evidence", "log"]):
        out = cli(*args)
        assert out.exit_code == 0, out.output
        assert RLO not in out.output and "\x1b" not in out.output, out.output
        assert "\\u202e" in out.output


# a damaged store ---------------------------------------------------------------------------------

def _add_one(cli, report_pdf: Path) -> None:
    result = cli("evidence", "add", "acme", str(report_pdf), "--kind", "audit-report", "--covers", "mfa")
    assert result.exit_code == 0, result.output


def _garbage_db(ws: Path, _pdf: Path, _cli) -> None:
    (ws / ".auditor").mkdir(exist_ok=True)
    (ws / ".auditor" / "auditor.db").write_bytes(os.urandom(4096))


def _header_only_db(ws: Path, _pdf: Path, _cli) -> None:
    (ws / ".auditor").mkdir(exist_ok=True)
    (ws / ".auditor" / "auditor.db").write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)


def _db_is_a_folder(ws: Path, _pdf: Path, _cli) -> None:
    (ws / ".auditor" / "auditor.db").mkdir(parents=True)


def _index_row_not_json(ws: Path, pdf: Path, cli) -> None:
    _add_one(cli, pdf)
    conn = sqlite3.connect(str(ws / ".auditor" / "auditor.db"))
    conn.execute("UPDATE evidence_items SET metadata = 'oops', covers = '[' ")
    conn.commit()
    conn.close()


def _index_row_bad_kind(ws: Path, pdf: Path, cli) -> None:
    _add_one(cli, pdf)
    conn = sqlite3.connect(str(ws / ".auditor" / "auditor.db"))
    conn.execute("UPDATE evidence_items SET kind = 'forged', valid_until = 'soon'")
    conn.commit()
    conn.close()


def _ledger_row_not_json(ws: Path, pdf: Path, cli) -> None:
    _add_one(cli, pdf)
    conn = sqlite3.connect(str(ws / ".auditor" / "auditor.db"))
    conn.execute("DROP TRIGGER ledger_no_update")
    conn.execute("UPDATE ledger SET metadata = '[1', covers = 'x'")
    conn.commit()
    conn.close()


DAMAGE = {"garbage-db": _garbage_db, "header-only-db": _header_only_db, "db-is-a-folder": _db_is_a_folder,
          "index-row-not-json": _index_row_not_json, "index-row-bad-kind": _index_row_bad_kind,
          "ledger-row-not-json": _ledger_row_not_json}


@pytest.mark.parametrize("damage", DAMAGE)
def test_evidence_verify_reports_any_damage(cli, workspace, dossier, report_pdf, damage):
    DAMAGE[damage](workspace, report_pdf, cli)
    result = cli("evidence", "verify")
    assert "Traceback" not in result.output and "internal error" not in result.stderr, result.output
    # a folder in the database's place is damage too (it once read as "intact: 0 ledger records")
    assert result.exit_code in (1, 2), f"exit {result.exit_code}: {result.output}"


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("command", [["evidence", "list", "acme"], ["evidence", "log"],
                                     ["audit", "acme", "--no-record", "--format", "json"]], ids=" ".join)
def test_reading_a_damaged_store_is_one_line_not_a_crash(cli, workspace, dossier, report_pdf, damage, command):
    """A command that reads what was damaged stops with one line (exit 1 or 2); one that does not may succeed."""
    DAMAGE[damage](workspace, report_pdf, cli)
    result = cli(*command)
    assert "Traceback" not in result.output
    assert "internal error" not in result.stderr, result.stderr
    assert result.exit_code in (0, 1, 2), result.output
    reads_damage = damage in ("garbage-db", "header-only-db") or (
        damage.startswith("index-row") and command[:2] != ["evidence", "log"])
    if reads_damage:
        assert result.exit_code in (1, 2), f"damage {damage} went unnoticed: {result.output}"
    if result.exit_code:
        assert error_line(result).startswith("auditor: error: ")


@pytest.mark.parametrize("damage", ["garbage-db", "index-row-not-json", "ledger-row-not-json"])
def test_adding_to_a_damaged_store_is_refused_and_adds_nothing(cli, workspace, dossier, report_pdf, tmp_path, damage):
    DAMAGE[damage](workspace, report_pdf, cli)
    other = tmp_path / "other.pdf"
    other.write_bytes(b"%PDF-1.7 another report\n")
    result = cli("evidence", "add", "acme", str(other), "--kind", "policy")
    assert "Traceback" not in result.output and "internal error" not in result.stderr, result.output
    if damage == "garbage-db":
        assert result.exit_code in (1, 2)
        error_line(result)


def _limited_to_10_mib() -> None:  # runs in the child: a "disk" that holds at most 10 MiB per file
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (10 << 20, 10 << 20))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux file-size limits and fallocate")
@pytest.mark.parametrize("megabytes", [12, 24], ids=["plain-copy", "reserved-then-pipelined"])
def test_a_file_the_disk_cannot_hold_is_one_line_and_stores_nothing(cli, workspace, dossier, report_pdf,
                                                                     tmp_path, megabytes):
    """Past the pipelined copy's threshold the space is reserved first, so it fails before copying."""
    import subprocess

    assert cli("evidence", "add", "acme", str(report_pdf), "--kind", "audit-report").exit_code == 0
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(1 << 20) * megabytes)
    proc = subprocess.run([sys.executable, "-m", "auditor", "-w", str(workspace), "evidence", "add", "acme", str(big),
                           "--kind", "other"], preexec_fn=_limited_to_10_mib, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "File too large" in error_line(proc) and "Traceback" not in proc.stderr
    blobs = workspace / ".auditor" / "blobs"
    assert not list((blobs / ".tmp").iterdir())
    assert len([p for p in blobs.glob("??/*")]) == 1  # only the first, small file
    verify = cli("evidence", "verify", "--format", "json")
    assert verify.exit_code == 0
    assert json.loads(verify.stdout)["records"] == 1 and json.loads(verify.stdout)["blobs_checked"] == 1
