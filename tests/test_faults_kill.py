"""A process killed (SIGKILL, no cleanup) at chosen points of `evidence add` and `report --sign`.

The kill is injected, not timed: a small runner patches one function of the real code so the
process kills itself exactly there, then runs the real CLI. Whatever the point, afterwards the
ledger verifies, nothing is half-written under a real name, and the next run works.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Cli
from ledgerkit import init_keys

PASS = {"AUDITOR_KEY_PASSPHRASE": "correct horse"}
VENDOR = "id: acme\nname: Acme Hosting\n"

RUNNER = r'''
import os, signal, sys

point, argv = sys.argv[1], sys.argv[2:]


def die(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)


def at_entry(owner, name):
    setattr(owner, name, die)


def after(owner, name):
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        original(*args, **kwargs)
        die()
    setattr(owner, name, staticmethod(wrapper) if isinstance(owner, type) and
            isinstance(owner.__dict__.get(name), staticmethod) else wrapper)


class OsWith:
    """The os module, with one function replaced: scoped to the module it is installed in."""

    def __init__(self, **replaced):
        self.replaced = replaced

    def __getattr__(self, name):
        return self.replaced.get(name) or getattr(os, name)


def half_then_die(fd, data):
    os.write(fd, bytes(data)[: max(1, len(data) // 2)])
    die()


calls = {"write": 0}


def second_write_dies(fd, data):
    calls["write"] += 1
    if calls["write"] == 2:
        os.write(fd, bytes(data)[: len(data) // 3])
        die()
    return os.write(fd, data)


def fifth_pwrite_dies(fd, data, offset):
    calls["write"] += 1
    if calls["write"] == 5:
        os.pwrite(fd, data[:4096], offset)  # a slice of the aligned buffer: O_DIRECT accepts it
        die()
    return os.pwrite(fd, data, offset)


if point == "add:mid-copy":
    from auditor.evidence import blobs
    blobs.os = OsWith(write=second_write_dies)
elif point == "add:mid-direct-copy":  # the large-file pipeline: reader, hasher and writer threads
    from auditor.evidence import blobs
    from auditor.evidence import copying
    copying.os = OsWith(pwrite=fifth_pwrite_dies)
elif point == "add:before-link":
    from auditor.evidence import blobs
    blobs.os = OsWith(link=die)
elif point == "add:before-ledger":
    from auditor.evidence.ledger import Ledger
    at_entry(Ledger, "append")
elif point == "add:mid-transaction":
    from auditor.evidence.ledger import Ledger
    after(Ledger, "_append_locked")  # the row is inserted, the transaction not committed
elif point == "add:after-checkpoint":  # the pending checkpoint is written, the record not committed
    from auditor.evidence import store
    after(store, "write_checkpoint")
elif point == "add:before-promote":  # committed, the checkpoint still pending
    from auditor.evidence import store
    at_entry(store, "promote")
elif point == "add:after-commit":
    from auditor.evidence.ledger import Ledger
    after(Ledger, "append")
elif point == "report:render":
    import auditor.report.pdf as pdf
    at_entry(pdf, "render_pdf")
elif point == "report:sign":
    import auditor.signing.sign as sign
    at_entry(sign, "sign_pdf")
elif point == "report:mid-write":
    import auditor.files as files  # the one atomic writer (yamlio.write_atomic delegates to it)
    files.os = OsWith(write=half_then_die)
elif point == "report:before-fsync":
    import auditor.files as files  # the one atomic writer (yamlio.write_atomic delegates to it)
    files.os = OsWith(fsync=die)
elif point == "report:before-rename":
    import auditor.files as files  # the one atomic writer (yamlio.write_atomic delegates to it)
    files.os = OsWith(replace=die)
else:
    raise SystemExit(f"unknown fault point {point}")

from auditor.cli.main import main
main(argv)
'''


def run_killed(point: str, workspace: Path, *args: str, env: dict | None = None) -> None:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("AUDITOR_DEBUG", None)
    proc = subprocess.run([sys.executable, "-c", RUNNER, point, "--workspace", str(workspace), *args],
                          env=full_env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, f"{point} was not reached:\n{proc.stdout}\n{proc.stderr}"


def _file(path: Path, size: int, seed: int) -> Path:
    import random

    path.write_bytes(b"%PDF-1.7\n" + random.Random(seed).randbytes(size))
    return path


@pytest.fixture
def ws(workspace: Path) -> Path:
    (workspace / "evidence" / "acme").mkdir(parents=True)
    (workspace / "evidence" / "acme" / "vendor.yaml").write_text(VENDOR, encoding="utf-8")
    init_keys(workspace)  # each add also signs a checkpoint, so the kill points include that step
    return workspace


def _evidence(cli) -> list[dict]:
    result = cli("evidence", "list", "acme", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _stored_blobs(ws: Path) -> list[Path]:
    blobs = ws / ".auditor" / "blobs"
    return [p for p in blobs.glob("??/*") if p.is_file()] if blobs.is_dir() else []


ADD_POINTS = {"add:mid-copy": 0, "add:mid-direct-copy": 0, "add:before-link": 0, "add:before-ledger": 0, "add:mid-transaction": 0,
              "add:after-checkpoint": 0, "add:before-promote": 1, "add:after-commit": 1}


@pytest.mark.parametrize("point", ADD_POINTS)
def test_evidence_add_killed_leaves_a_valid_ledger_and_no_partial_blob(cli, ws, tmp_path, point):
    first = _file(tmp_path / "first.pdf", 1000, 1)
    assert cli("evidence", "add", "acme", str(first), "--kind", "policy").exit_code == 0
    # several 1 MiB chunks; above the direct-I/O threshold for the pipelined copy
    size = (20 if point == "add:mid-direct-copy" else 3) * 1024 * 1024 + 17
    report = _file(tmp_path / "soc2.pdf", size, 2)

    run_killed(point, ws, "evidence", "add", "acme", str(report), "--kind", "audit-report", "--covers", "mfa")

    # every blob stored under its name is whole: its bytes hash to its name
    import hashlib

    for blob in _stored_blobs(ws):
        assert hashlib.sha256(blob.read_bytes()).hexdigest() == blob.parent.name + blob.name, blob
    verify = cli("evidence", "verify", "--format", "json")
    assert verify.exit_code == 0, verify.output  # chain, head, index and blobs intact
    assert json.loads(verify.stdout)["valid"] is True
    assert len(_evidence(cli)) == 1 + ADD_POINTS[point]
    temp = ws / ".auditor" / "blobs" / ".tmp"
    assert not temp.is_dir() or not list(temp.iterdir()), "the dead writer's temporary file outlived verify"

    again = cli("evidence", "add", "acme", str(report), "--kind", "audit-report", "--covers", "mfa")
    if ADD_POINTS[point]:
        assert again.exit_code == 2 and "already" in again.stderr  # it was recorded before the kill
    else:
        assert again.exit_code == 0, again.output
    assert cli("evidence", "verify").exit_code == 0
    assert len(_evidence(cli)) == 2


# report --sign -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def keyed(tmp_path_factory) -> Path:
    """Keys and one signed report, made once (signing a report costs about a second)."""
    ws = tmp_path_factory.mktemp("keyed") / "ws"
    (ws / "evidence" / "acme").mkdir(parents=True)
    (ws / "evidence" / "acme" / "vendor.yaml").write_text(VENDOR, encoding="utf-8")
    cli = Cli(ws)
    assert cli("keys", "init", "--name", "Layla Haddad", env=PASS).exit_code == 0
    assert cli("report", "acme", "--out", str(ws / "reports" / "acme.pdf"), "--sign", env=PASS).exit_code == 0
    return ws


# Before any byte is written (render, sign) a first report is enough; the write itself is also
# tried over an existing report, which must survive whole.
REPORT_RUNS = [("report:render", False), ("report:sign", False), ("report:mid-write", False),
               ("report:mid-write", True), ("report:before-fsync", True), ("report:before-rename", True)]


@pytest.mark.parametrize("point,previous", REPORT_RUNS,
                         ids=[f"{p}-{'replacing' if r else 'first'}" for p, r in REPORT_RUNS])
def test_report_sign_killed_leaves_no_partial_file(keyed, tmp_path, point, previous):
    import shutil

    if point == "report:mid-write" and not hasattr(os, "O_TMPFILE"):
        pytest.skip("the named-temp-file fallback writes through a file object, not os.write")

    ws = tmp_path / "ws"
    shutil.copytree(keyed, ws)
    cli = Cli(ws)
    out_dir = ws / "reports"
    out = out_dir / "acme.pdf"
    if not previous:
        out.unlink()
    before = {p.name: p.read_bytes() for p in out_dir.iterdir()}

    run_killed(point, ws, "report", "acme", "--out", str(out), "--sign", env=PASS)

    after = {p.name: p.read_bytes() for p in out_dir.iterdir()}
    if previous:
        assert after["acme.pdf"] == before["acme.pdf"]  # the old report, untouched
        assert cli("verify", str(out)).exit_code == 0
    else:
        assert "acme.pdf" not in after
    extra = set(after) - set(before)
    if point == "report:before-rename":
        # killed between naming the finished file and renaming it: at most one hidden, complete file
        assert len(extra) <= 1
        for name in extra:
            assert name.startswith(".acme.pdf.") and name.endswith(".tmp")
            check = out_dir / "check.pdf"
            check.write_bytes(after[name])
            assert cli("verify", str(check)).exit_code == 0, "a leftover must be a whole, valid report"
    else:
        assert not extra, f"partial files left: {sorted(extra)}"
    if point == "report:mid-write" and not previous:
        done = cli("report", "acme", "--out", str(out), "--sign", env=PASS)  # the next run just works
        assert done.exit_code == 0, done.output
        assert cli("verify", str(out)).exit_code == 0
