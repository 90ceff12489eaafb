"""`audit` and `evidence verify` running while another process adds evidence see a consistent store.

A writer process adds 30 files one after the other through the real evidence store; meanwhile
this process runs the real `audit` and `evidence verify`. Every audit must see exactly the first
k files for some k (never a record without its blob, never a gap), k never goes back, every
evidence manifest digest matches the evidence it lists, and every verify passes. The writer
pauses after every 10 files until the reader has finished one more audit, and the first audit
starts only once 10 files are in, so audits land between writes whatever the machine's speed.
"""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import Cli
from ledgerkit import init_keys

from auditor.report.model import ManifestEntry, manifest_digest

FILES = 30
WRITER = r'''
import sys, time
from datetime import date
from pathlib import Path
from auditor.evidence.store import EvidenceStore
from auditor.model.enums import EvidenceKind
from auditor.workspace import Workspace

ws, incoming, progress, count = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
store = EvidenceStore(Workspace(ws), actor="writer@test")
for i in range(count):
    if i and i % 10 == 0:
        deadline = time.monotonic() + 120
        while int(progress.read_text() or "0") < i // 10:  # let the reader finish one more audit
            if time.monotonic() > deadline:
                sys.exit(3)
            time.sleep(0.002)
    item = store.add("acme", incoming / f"report-{i:02d}.pdf", kind=EvidenceKind.AUDIT_REPORT,
                     covers=["mfa", "backup"], effective=date(2026, 10, 1))
    print(item.sha256, flush=True)
'''


def test_audit_while_evidence_is_added_sees_a_consistent_store(workspace, tmp_path):
    (workspace / "evidence" / "acme").mkdir(parents=True)
    (workspace / "evidence" / "acme" / "vendor.yaml").write_text(
        "id: acme\nname: Acme\nclaims:\n  - control: mfa\n  - control: backup\n", encoding="utf-8")
    init_keys(workspace)  # every verify below must find the ledger anchored, mid-write or not
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    for i in range(FILES):
        (incoming / f"report-{i:02d}.pdf").write_bytes(b"%%PDF-1.7\nreport %d\n" % i + bytes([i]) * 4096)
    progress = tmp_path / "audits-done"
    progress.write_text("0")
    cli = Cli(workspace)

    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(workspace), str(incoming), str(progress),
                               str(FILES)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: list[list[str]] = []
    added: list[str] = []
    try:
        while len(added) < 10:  # the writer now waits for our first audit
            line = writer.stdout.readline()
            assert line, writer.stderr.read()
            added.append(line.strip())
        while True:
            running = writer.poll() is None
            result = cli("audit", "acme", "--format", "json", "--no-record")
            assert result.exit_code == 0, result.output
            report = json.loads(result.stdout)
            shas = [e["sha256"] for e in report["evidence"]]
            entries = [ManifestEntry.model_validate(e) for e in report["evidence"]]
            assert manifest_digest(entries) == report["evidence_manifest"]
            seen.append(shas)
            verify = cli("evidence", "verify", "--format", "json")
            assert verify.exit_code == 0, verify.output
            progress.write_text(str(len(seen)))
            if not running:
                break
        out, err = writer.communicate(timeout=120)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0, err
    added += out.split()
    assert len(added) == FILES
    for shas in seen:  # each audit saw a prefix of the writes: the first k, nothing else
        assert set(shas) == set(added[: len(shas)]), "an audit saw evidence out of order or half-added"
    counts = [len(shas) for shas in seen]
    assert counts == sorted(counts), f"evidence disappeared between audits: {counts}"
    assert counts[0] == 10 and counts[-1] == FILES, counts
