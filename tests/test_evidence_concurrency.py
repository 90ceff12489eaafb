"""Nothing lost, nothing half-written: concurrent writers and a writer killed mid-copy."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import run_auditor
from ledgerkit import init_keys

from auditor.evidence.blobs import hash_file


def make_vendor(ws: Path) -> None:
    (ws / "evidence" / "acme").mkdir(parents=True)
    (ws / "evidence" / "acme" / "vendor.yaml").write_text("id: acme\nname: Acme\n", encoding="utf-8")
    init_keys(ws)  # concurrent adds each sign a checkpoint under the write lock


def start_add(ws: Path, path: Path, kind: str = "other") -> subprocess.Popen:
    env = {**os.environ, "AUDITOR_WORKSPACE": str(ws)}
    env.pop("AUDITOR_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "auditor", "evidence", "add", "acme", str(path), "--kind", kind,
                             "--format", "json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def blob_files(ws: Path) -> list[Path]:
    return sorted(p for p in (ws / ".auditor" / "blobs").glob("[0-9a-f][0-9a-f]/*"))


def test_two_processes_adding_at_once_both_succeed_and_the_ledger_stays_linear(workspace):
    make_vendor(workspace)
    seed = workspace / "seed.txt"
    seed.write_text("already there\n")
    assert run_auditor("-w", str(workspace), "evidence", "add", "acme", str(seed), "--kind", "policy").returncode == 0
    files = []
    for i in range(4):
        path = workspace / f"file{i}.bin"
        path.write_bytes(os.urandom(3 << 20) + bytes([i]))
        files.append(path)
    # Hold SQLite's write lock so both writers are certainly waiting for it at the same moment.
    blocker = sqlite3.connect(workspace / ".auditor" / "auditor.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    first = [start_add(workspace, files[0]), start_add(workspace, files[1])]
    wanted = {hash_file(f)[0] for f in files[:2]}
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # both blobs stored: both writers are now at the ledger's lock
        if wanted <= {p.parent.name + p.name for p in blob_files(workspace)}:
            break
        time.sleep(0.02)
    time.sleep(0.3)
    assert all(p.poll() is None for p in first), "writers should be waiting for the lock, not failing"
    blocker.execute("COMMIT")
    blocker.close()
    # and two more started together with nothing holding them back
    second = [start_add(workspace, files[2]), start_add(workspace, files[3])]
    outputs = [p.communicate(timeout=60) for p in first + second]
    for process, (out, err) in zip(first + second, outputs):
        assert process.returncode == 0, err
    added = [json.loads(out)["sha256"] for out, _ in outputs]
    assert sorted(added) == sorted(hash_file(f)[0] for f in files)
    log = json.loads(run_auditor("-w", str(workspace), "evidence", "log", "--format", "json").stdout)
    assert [r["seq"] for r in log] == [1, 2, 3, 4, 5]
    assert all(later["prev_hash"] == earlier["hash"] for earlier, later in zip(log, log[1:]))
    verify = run_auditor("-w", str(workspace), "evidence", "verify", "--format", "json")
    assert verify.returncode == 0, verify.stdout
    assert json.loads(verify.stdout)["blobs_checked"] == 5


def test_a_process_killed_mid_add_leaves_no_partial_blob_and_a_valid_ledger(workspace):
    make_vendor(workspace)
    small = workspace / "first.txt"
    small.write_text("evidence added before the crash\n")
    assert run_auditor("-w", str(workspace), "evidence", "add", "acme", str(small), "--kind", "policy").returncode == 0
    big = workspace / "big.bin"
    with open(big, "wb") as handle:  # sparse: 2 GiB to hash and copy, almost nothing on disk
        handle.truncate(2 << 30)
    temp_dir = workspace / ".auditor" / "blobs" / ".tmp"
    process = start_add(workspace, big)
    deadline = time.monotonic() + 30
    killed_at = None
    while time.monotonic() < deadline and process.poll() is None:
        parts = list(temp_dir.glob("*.part")) if temp_dir.is_dir() else []
        if parts and parts[0].stat().st_size >= 32 << 20:  # well into the copy
            process.send_signal(signal.SIGKILL)
            killed_at = parts[0].stat().st_size
            break
        time.sleep(0.002)
    process.communicate(timeout=30)
    assert killed_at is not None and process.returncode == -signal.SIGKILL, "the add should still be copying"
    leftovers = list(temp_dir.glob("*.part"))
    assert leftovers, "the killed writer's temporary file is what a crash leaves"
    assert len(blob_files(workspace)) == 1  # only the first file: nothing half-written under a hash name
    verify = run_auditor("-w", str(workspace), "evidence", "verify", "--format", "json")
    report = json.loads(verify.stdout)
    assert verify.returncode == 0 and report["records"] == 1
    assert any("temporary file" in w for w in report["warnings"])
    assert list(temp_dir.glob("*.part")) == []  # the dead writer's temp file was cleaned up
    listed = json.loads(run_auditor("-w", str(workspace), "evidence", "list", "acme", "--format", "json").stdout)
    assert [Path(i["source"]).name for i in listed] == ["first.txt"]
