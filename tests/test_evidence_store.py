"""The evidence store: add, list, supersede, revoke, and tamper evidence (blobs and ledger)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from auditor.errors import IntegrityError
from auditor.evidence.kinds import add_calendar_duration, window_end
from auditor.evidence.store import EvidenceStore
from auditor.model.enums import EvidenceKind
from auditor.workspace import Workspace
from ledgerkit import init_keys

TODAY = date.today()


def make_vendor(ws: Path, vendor: str = "acme") -> None:
    folder = ws / "evidence" / vendor
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vendor.yaml").write_text(f"id: {vendor}\nname: {vendor.title()} Ltd\n", encoding="utf-8")


def write(ws: Path, name: str, content: bytes | str) -> Path:
    path = ws / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


@pytest.fixture
def acme(cli, workspace):
    make_vendor(workspace)
    init_keys(workspace)  # the ledger is anchored as it changes
    return cli


def db(workspace: Path) -> Path:
    return workspace / ".auditor" / "auditor.db"


def blob_path(workspace: Path, sha: str) -> Path:
    return workspace / ".auditor" / "blobs" / sha[:2] / sha[2:]


def sqlite_shell(database: Path, sql: str) -> subprocess.CompletedProcess:
    """The sqlite3 command-line shell when installed, as a person tampering would use it."""
    if Path("/usr/bin/sqlite3").exists():
        return subprocess.run(["/usr/bin/sqlite3", str(database), sql], capture_output=True, text=True)
    conn = sqlite3.connect(database)
    try:
        conn.executescript(sql)
        return subprocess.CompletedProcess([], 0, "", "")
    except sqlite3.DatabaseError as exc:
        return subprocess.CompletedProcess([], 1, "", str(exc))
    finally:
        conn.close()


def add_three(cli, ws: Path) -> list[str]:
    shas = []
    for i, kind in enumerate(["audit-report", "policy", "certificate"]):
        path = write(ws, f"doc{i}.txt", f"document {i}\n" * (i + 1))
        data = cli.json("evidence", "add", "acme", str(path), "--kind", kind)
        shas.append(data["sha256"])
    return shas


# adding and listing -----------------------------------------------------------------------------


def test_add_stores_the_file_once_by_its_hash_and_records_it(acme, workspace):
    content = b"SOC 2 Type II report for Acme\n"
    path = write(workspace, "soc2.pdf", content)
    data = acme.json("evidence", "add", "acme", str(path), "--kind", "audit-report",
                     "--covers", "encryption-at-rest", "--effective", "2025-01-01/2025-12-31")
    sha = hashlib.sha256(content).hexdigest()
    assert data["sha256"] == sha and data["vendor"] == "acme" and data["kind"] == "audit-report"
    assert data["covers"] == ["encryption-at-rest"]
    assert data["period_start"] == "2025-01-01" and data["effective"] == "2025-12-31"
    assert data["valid_until"] == "2026-12-31"  # audit report: 12 months after the END of its period
    assert data["ledger_seq"] == 1 and data["source"] == str(path.resolve())
    assert blob_path(workspace, sha).read_bytes() == content
    listed = acme.json("evidence", "list", "acme")
    assert [i["sha256"] for i in listed] == [sha]
    # the same bytes for a second vendor are stored once, recorded twice
    make_vendor(workspace, "globex")
    acme.json("evidence", "add", "globex", str(path), "--kind", "audit-report")
    assert len(list((workspace / ".auditor" / "blobs").glob("*/*"))) == 1


@pytest.mark.parametrize("kind, effective, expected", [
    ("certificate", "2025-03-31", date(2028, 3, 31)),
    ("pentest-report", "2025-01-31", date(2026, 1, 31)),
    ("agreement", "2024-02-29", date(2027, 2, 28)),
    ("scan", "2020-01-01", TODAY + timedelta(days=90)),  # a scan counts from the day it was added
    ("policy", None, add_calendar_duration(TODAY, "P12M")),
])
def test_default_validity_per_kind(acme, workspace, kind, effective, expected):
    path = write(workspace, "e.txt", f"{kind} {effective}")
    args = ["evidence", "add", "acme", str(path), "--kind", kind] + (["--effective", effective] if effective else [])
    assert acme.json(*args)["valid_until"] == expected.isoformat()


def test_valid_until_overrides_and_must_not_precede_the_effective_date(acme, workspace):
    path = write(workspace, "iso.pdf", "ISO 27001 certificate")
    data = acme.json("evidence", "add", "acme", str(path), "--kind", "certificate", "--valid-until", "2027-05-01")
    assert data["valid_until"] == "2027-05-01"
    other = write(workspace, "iso2.pdf", "another certificate")
    result = acme("evidence", "add", "acme", str(other), "--kind", "certificate", "--effective", "2026-01-01",
                  "--valid-until", "2025-01-01")
    assert result.exit_code == 2 and "before --effective" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--covers", "encryption-at-rst"], "did you mean encryption-at-rest"),
    (["--effective", "2025-13-01"], "--effective '2025-13-01': not an ISO 8601 date"),
    (["--valid-until", "next year"], "--valid-until 'next year'"),
    (["--effective", "2025-12-31/2025-01-01"], "starts after it ends"),
])
def test_bad_options_exit_2_with_one_line(acme, workspace, args, message):
    path = write(workspace, "x.txt", "x")
    result = acme("evidence", "add", "acme", str(path), "--kind", "policy", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert not db(workspace).exists() or acme.json("evidence", "list", "acme") == []


def test_unknown_vendor_missing_file_and_duplicates_are_refused(acme, workspace):
    path = write(workspace, "x.txt", "x")
    result = acme("evidence", "add", "nobody", str(path), "--kind", "policy")
    assert result.exit_code == 2 and "no dossier 'nobody'" in result.stderr
    result = acme("evidence", "add", "acme", str(workspace / "missing.pdf"), "--kind", "policy")
    assert result.exit_code == 2 and "missing.pdf: no such file" in result.stderr
    acme.json("evidence", "add", "acme", str(path), "--kind", "policy")
    result = acme("evidence", "add", "acme", str(path), "--kind", "policy")
    assert result.exit_code == 2 and "already evidence for acme (record 1)" in result.stderr


def test_supersede_and_revoke_are_ledger_actions_reflected_in_items(acme, workspace):
    old = write(workspace, "soc2-2024.pdf", "report 2024")
    new = write(workspace, "soc2-2025.pdf", "report 2025")
    first = acme.json("evidence", "add", "acme", str(old), "--kind", "audit-report", "--covers",
                      "encryption-at-rest", "--effective", "2024-12-31")
    second = acme.json("evidence", "supersede", "acme", first["sha256"][:8], str(new), "--effective",
                       "2025-12-31", "--reason", "yearly renewal")
    assert second["kind"] == "audit-report" and second["covers"] == ["encryption-at-rest"]  # inherited
    assert second["valid_until"] == "2026-12-31"
    items = {i.sha256: i for i in EvidenceStore(Workspace(workspace)).items("acme")}
    assert items[first["sha256"]].superseded_by == second["sha256"]
    assert not items[first["sha256"]].is_valid_on(TODAY) and items[second["sha256"]].is_valid_on(TODAY)
    revoked = acme.json("evidence", "revoke", "acme", second["sha256"], "--reason", "issued for another product")
    assert revoked["revoked"] is True and revoked["status"] == "revoked"
    assert revoked["metadata"]["revoked_reason"] == "issued for another product"
    again = acme("evidence", "revoke", "acme", second["sha256"], "--reason", "twice")
    assert again.exit_code == 2 and "already revoked" in again.stderr
    unknown = acme("evidence", "revoke", "acme", "abcdef12", "--reason", "x")
    assert unknown.exit_code == 2 and "no evidence 'abcdef12'" in unknown.stderr
    log = acme.json("evidence", "log", "acme")
    assert [r["action"] for r in log] == ["add", "supersede", "revoke"]
    assert log[1]["target"] == first["sha256"] and log[1]["reason"] == "yearly renewal"
    assert all(r["prev_hash"] == p["hash"] for p, r in zip(log, log[1:]))
    assert acme("evidence", "verify").exit_code == 0


def test_expiring_window_accepts_days_weeks_and_iso_durations(acme, workspace):
    soon = TODAY + timedelta(days=10)
    later = TODAY + timedelta(days=60)
    past = TODAY - timedelta(days=3)
    for name, until in (("soon", soon), ("later", later), ("past", past)):
        acme.json("evidence", "add", "acme", str(write(workspace, name, name)), "--kind", "policy",
                  "--valid-until", until.isoformat())
    def names(window):
        return [Path(i["source"]).name for i in acme.json("evidence", "list", "acme", "--expiring", window)]
    assert names("30d") == ["past", "soon"]
    assert names("P30D") == ["past", "soon"]
    assert names("12w") == ["past", "soon", "later"]
    statuses = {Path(i["source"]).name: i["status"] for i in acme.json("evidence", "list", "acme")}
    assert statuses == {"soon": "expires in 10d", "later": "valid", "past": "expired 3d ago"}
    bad = acme("evidence", "list", "acme", "--expiring", "soon")
    assert bad.exit_code == 2 and "--expiring 'soon'" in bad.stderr
    table = acme("evidence", "list", "acme", "--expiring", "30d")
    assert table.exit_code == 0 and "expires in 10d" in table.stdout and "later" not in table.stdout


def test_calendar_arithmetic_and_windows():
    assert add_calendar_duration(date(2025, 1, 31), "P1M") == date(2025, 2, 28)
    assert add_calendar_duration(date(2024, 2, 29), "P1Y") == date(2025, 2, 28)
    assert add_calendar_duration(date(2025, 11, 30), "P3M") == date(2026, 2, 28)
    assert add_calendar_duration(date(2025, 1, 1), "P2W3D") == date(2025, 1, 18)
    assert window_end("P1M", date(2026, 1, 31)) == date(2026, 2, 28)
    with pytest.raises(ValueError):
        add_calendar_duration(date(2025, 1, 1), "PT1H")


@pytest.mark.parametrize("tail", [4097, 0], ids=["odd-size", "whole-chunks"])
def test_large_file_is_streamed_and_stored_exactly(workspace, tail):
    """Above the direct-I/O threshold: the stored blob is byte-identical, whatever the size."""
    make_vendor(workspace)
    path = workspace / "big.bin"
    block = os.urandom(1 << 20)
    with open(path, "wb") as handle:
        for _ in range(20):
            handle.write(block)
        handle.write(block[:tail])
    store = EvidenceStore(Workspace(workspace))
    cpus_before = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    item = store.add("acme", path, kind=EvidenceKind.OTHER)
    if cpus_before is not None:  # only the copy's own I/O threads are kept to some CPUs, never the caller
        assert os.sched_getaffinity(0) == cpus_before
    expected = hashlib.sha256(path.read_bytes()).hexdigest()
    stored = blob_path(workspace, expected)
    assert item.sha256 == expected and item.metadata["size"] == path.stat().st_size == stored.stat().st_size
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == expected
    # confidential vendor files: the owner only (was 0444, readable by every local user)
    assert stored.stat().st_mode & 0o777 == 0o600
    assert list((workspace / ".auditor" / "blobs" / ".tmp").iterdir()) == []
    assert not _pipeline_threads()


def _pipeline_threads() -> list[str]:
    import threading

    return [t.name for t in threading.enumerate() if t.name.startswith("blob-")]


class _FailingReader:
    """A source that reads fine for a while, then fails like a disk with a bad sector."""

    def __init__(self, path: Path, good_chunks: int):
        self.handle = open(path, "rb", buffering=0)
        self.left = good_chunks

    def readinto(self, buffer) -> int:
        if self.left == 0:
            raise OSError(5, "Input/output error")
        self.left -= 1
        return self.handle.readinto(buffer)


def test_a_read_error_mid_copy_stops_every_thread_and_keeps_no_blob(workspace):
    from auditor.evidence.blobs import _copy_and_hash

    path = workspace / "big.bin"
    path.write_bytes(os.urandom(1 << 20) * 24)
    store = EvidenceStore(Workspace(workspace))
    reader = _FailingReader(path, good_chunks=7)
    try:
        with pytest.raises(OSError, match="Input/output error"):
            store.blobs._store_new(lambda fd: _copy_and_hash(reader, fd, direct=True))
    finally:
        reader.handle.close()
    assert not _pipeline_threads()
    assert store.blobs.temp_files() == [] and store.blobs.stored() == []


def test_other_live_writers_are_seen_and_dead_ones_cleaned(workspace):
    """An add running in another process leaves the CPUs to the scheduler: it must be seen."""
    store = EvidenceStore(Workspace(workspace))
    temp = workspace / ".auditor" / "blobs" / ".tmp"
    temp.mkdir(parents=True)
    dead = _dead_pid()
    (temp / f"{os.getppid()}-aaaaaa.part").write_bytes(b"x")  # a live process: our parent
    (temp / f"{os.getpid()}-bbbbbb.part").write_bytes(b"x")  # this process's own
    (temp / f"{dead}-cccccc.part").write_bytes(b"x")  # a writer that died
    store.blobs.clean_stale_temps()
    assert [p.name for p in store.blobs.other_writers()] == [f"{os.getppid()}-aaaaaa.part"]
    big = workspace / "big.bin"
    big.write_bytes(os.urandom(1 << 20) * 17)
    assert store.blobs.ingest(big).sha256 == hashlib.sha256(big.read_bytes()).hexdigest()


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_write_error_mid_copy_reaches_the_caller(workspace, tmp_path):
    """A writer thread's failure (a full disk, here a read-only descriptor) is raised, not lost."""
    from auditor.evidence.blobs import _copy_and_hash

    source = tmp_path / "source.bin"
    source.write_bytes(os.urandom(1 << 20) * 20)
    target = tmp_path / "target.bin"
    target.write_bytes(b"")
    fd = os.open(target, os.O_RDONLY)
    try:
        with open(source, "rb", buffering=0) as reader, pytest.raises(OSError):
            _copy_and_hash(reader, fd, direct=True)
    finally:
        os.close(fd)
    assert not _pipeline_threads()


# tamper evidence ----------------------------------------------------------------------------------


def test_intact_store_verifies(acme, workspace):
    add_three(acme, workspace)
    report = acme.json("evidence", "verify")
    assert report["valid"] is True and report["records"] == 3 and report["blobs_checked"] == 3
    assert report["problems"] == [] and report["head"]["seq"] == 3
    assert "intact" in acme("evidence", "verify", "acme").stdout


def test_flipping_one_byte_of_a_blob_is_named_by_verify_and_refused_on_read(acme, workspace):
    shas = add_three(acme, workspace)
    target = blob_path(workspace, shas[1])
    target.chmod(0o644)
    data = bytearray(target.read_bytes())
    data[3] ^= 0x01
    target.write_bytes(bytes(data))
    result = acme("evidence", "verify")
    assert result.exit_code == 1
    assert f"blob {shas[1][:12]}…: content hash mismatch" in result.stdout
    report = json.loads(acme("evidence", "verify", "--format", "json").stdout)
    assert report["valid"] is False and [p["sha256"] for p in report["problems"]] == [shas[1]]
    with pytest.raises(IntegrityError, match="content hash mismatch"):
        EvidenceStore(Workspace(workspace)).read(shas[1])
    assert EvidenceStore(Workspace(workspace)).read(shas[0]) == b"document 0\n"
    # another vendor's blobs are not re-hashed when a vendor is named, the chain still is
    make_vendor(workspace, "globex")
    assert acme("evidence", "verify", "globex").exit_code == 0
    target.unlink()
    missing = acme("evidence", "verify")
    assert missing.exit_code == 1 and f"blob {shas[1][:12]}…: missing" in missing.stdout


def test_editing_a_ledger_row_with_the_sqlite3_shell_is_detected(acme, workspace):
    shas = add_three(acme, workspace)
    refused = sqlite_shell(db(workspace), "UPDATE ledger SET valid_until = '2099-12-31' WHERE seq = 2;")
    assert refused.returncode != 0 and "append-only" in (refused.stderr + refused.stdout)
    edited = sqlite_shell(db(workspace), "DROP TRIGGER ledger_no_update; "
                                         "UPDATE ledger SET valid_until = '2099-12-31' WHERE seq = 2;")
    assert edited.returncode == 0, edited.stderr
    result = acme("evidence", "verify")
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first == (f"BROKEN record 2 (add {shas[1][:12]}…): contents do not match the record's hash "
                     "(edited after it was written)")
    assert "first broken: record 2" in result.stdout


def test_an_edit_with_a_recomputed_hash_breaks_the_chain_at_the_next_record(acme, workspace):
    from auditor.evidence.index import RECORD_COLUMNS, LedgerRecord
    from auditor.evidence.ledger import record_hash

    add_three(acme, workspace)
    conn = sqlite3.connect(db(workspace))
    row = conn.execute(f"SELECT {', '.join(RECORD_COLUMNS)} FROM ledger WHERE seq = 1").fetchone()
    forged = LedgerRecord(*row).__dict__ | {"valid_until": "2099-12-31"}
    forged["hash"] = record_hash(LedgerRecord(**forged))
    conn.executescript("DROP TRIGGER ledger_no_update;")
    conn.execute("UPDATE ledger SET valid_until = ?, hash = ? WHERE seq = 1", (forged["valid_until"], forged["hash"]))
    conn.commit()
    conn.close()
    report = json.loads(acme("evidence", "verify", "--format", "json").stdout)
    assert report["valid"] is False
    # the signed checkpoint of record 1 no longer matches it, and the chain breaks at record 2
    assert report["problems"][0]["seq"] == 1 and "signed checkpoint" in report["first_broken"]
    assert any(p["seq"] == 2 and "hash chain broken" in p["message"] for p in report["problems"])


def test_deleting_a_record_in_the_middle_or_at_the_end_is_detected(acme, workspace):
    add_three(acme, workspace)
    sqlite_shell(db(workspace), "DROP TRIGGER ledger_no_delete; DELETE FROM ledger WHERE seq = 2;")
    middle = json.loads(acme("evidence", "verify", "--format", "json").stdout)
    assert middle["first_broken"] == "record 2 missing before record 3 (deleted?)"
    assert any("record 3" in p["message"] and "hash chain broken" in p["message"] for p in middle["problems"])
    # opening the store put the guard back; a tamperer drops it again and cuts the last record
    sqlite_shell(db(workspace), "DROP TRIGGER ledger_no_delete; DELETE FROM ledger WHERE seq = 3;")
    tail = json.loads(acme("evidence", "verify", "--format", "json").stdout)
    assert tail["valid"] is False
    assert "the ledger ends at record 1 but its head says record 3" in tail["first_broken"]


def test_swapping_two_records_is_detected(acme, workspace):
    add_three(acme, workspace)
    sqlite_shell(db(workspace), "DROP TRIGGER ledger_no_update; UPDATE ledger SET seq = 99 WHERE seq = 1; "
                                "UPDATE ledger SET seq = 1 WHERE seq = 2; UPDATE ledger SET seq = 2 WHERE seq = 99;")
    result = acme("evidence", "verify")
    assert result.exit_code == 1 and result.stdout.startswith("BROKEN record 1 (add")


def test_an_edited_index_row_is_detected(acme, workspace):
    shas = add_three(acme, workspace)
    sqlite_shell(db(workspace), f"UPDATE evidence_items SET valid_until = '2099-01-01' WHERE sha256 = '{shas[0]}';")
    result = acme("evidence", "verify")
    assert result.exit_code == 1
    assert f"index row acme/{shas[0][:12]}…: valid_until is '2099-01-01'" in result.stdout


def test_kinds_are_data_with_a_reason_each(cli):
    rows = cli.json("evidence", "kinds")
    assert [r["kind"] for r in rows] == [k.value for k in EvidenceKind]
    by_kind = {r["kind"]: r for r in rows}
    assert by_kind["audit-report"]["validity"] == "P12M" and by_kind["scan"]["counted_from"] == "added"
    assert all(r["why"] for r in rows)


def test_reading_an_empty_workspace_creates_nothing(workspace):
    store = EvidenceStore(Workspace(workspace))
    assert store.items("acme") == [] and store.log() == []
    report = store.verify()
    assert report.ok and report.records == 0
    assert not (workspace / ".auditor").exists()
