"""The anchored ledger: attacks by someone with write access to the workspace but without the key.

Each test is one attack from issue #17, done with real SQLite (often with the tool's own code,
as an attacker would reuse it), and `auditor evidence verify` must exit 1 naming it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from ledgerkit import anchored_vendor, init_keys

from auditor.evidence.anchor import checkpoint_path
from auditor.evidence.ledger import Ledger, NewEntry
from auditor.workspace import Workspace


@pytest.fixture
def acme(cli, workspace):
    anchored_vendor(workspace)
    return cli


def state(workspace: Path) -> Path:
    return workspace / ".auditor"


def add(cli, workspace: Path, name: str, body: str, *args: str) -> dict:
    path = workspace / name
    path.write_text(body, encoding="utf-8")
    return cli.json("evidence", "add", "acme", str(path), "--kind", "policy", *args)


def add_three(cli, workspace) -> list[dict]:
    return [add(cli, workspace, f"policy-{i}.txt", f"policy number {i}\n") for i in range(3)]


def verify(cli, *args) -> tuple[int, dict, str]:
    result = cli("evidence", "verify", "--format", "json", *args)
    text = cli("evidence", "verify", *args)
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else {}, text.stdout + text.stderr


def forged_entry(sha: str = "f" * 64) -> NewEntry:
    """The fake ISO 27001 certificate of the issue, as a ledger entry."""
    return NewEntry(action="add", vendor="acme", sha256=sha, actor="mallory@example", kind="certificate",
                    covers=("isms-governance",), valid_until="2099-12-31", metadata={"attests": ["iso27001"]})


def test_an_untouched_store_is_intact_and_anchored(acme, workspace):
    add_three(acme, workspace)
    code, report, text = verify(acme)
    assert code == 0 and report["anchored"] is True and report["anchor"]["seq"] == 3
    assert "intact and anchored" in text and "Test Reviewer" in text


def test_forged_record_appended_with_the_tools_own_code_is_caught(acme, workspace):
    add_three(acme, workspace)
    Ledger(Workspace(workspace).db_path).append(forged_entry())  # chain, head and index all consistent
    code, report, text = verify(acme)
    assert code == 1 and report["anchored"] is False
    assert report["anchor"]["unanchored"] == [4, 4]
    assert "not anchored: record 4 came after the latest signed checkpoint (record 3)" in text


def test_ledger_rewritten_with_a_forged_record_in_the_middle_is_caught(acme, workspace, tmp_path):
    """The whole chain recomputed from the first record: only the signed checkpoint can tell."""
    add_three(acme, workspace)
    db = Workspace(workspace).db_path
    original = Ledger(db).records()
    rebuilt = Ledger(tmp_path / "rebuilt.db")
    for i, record in enumerate(original):
        if i == 1:
            rebuilt.append(forged_entry())
        rebuilt.append(NewEntry(action=record.action, vendor=record.vendor, sha256=record.sha256, actor=record.actor,
                                kind=record.kind, covers=tuple(record.covers_list), valid_until=record.valid_until,
                                metadata=record.metadata_dict))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copy(tmp_path / "rebuilt.db", db)
    code, report, text = verify(acme)
    assert code == 1
    assert any("not the one the signed checkpoint" in p["message"] for p in report["problems"])
    assert "DAMAGED" in text


def test_a_checkpoint_signed_with_another_key_is_refused(acme, workspace, tmp_path):
    """The attacker appends, then signs a checkpoint of the new head with a key of their own."""
    from auditor.evidence.anchor import LedgerHead, write_checkpoint
    from auditor.signing.keys import generate_keys, load_signing_material

    add_three(acme, workspace)
    record, _ = Ledger(Workspace(workspace).db_path).append(forged_entry())
    generate_keys(tmp_path / "mallory", name="Test Reviewer, Example Audit", passphrase=None)  # same name
    write_checkpoint(Workspace(workspace).checkpoints_dir, LedgerHead(seq=record.seq, hash=record.hash),
                     load_signing_material(tmp_path / "mallory", None))
    code, report, text = verify(acme)
    assert code == 1
    assert "signed by an untrusted key" in text and "sha256 " in text


def test_an_edited_checkpoint_no_longer_matches_its_signature(acme, workspace):
    add_three(acme, workspace)
    record, _ = Ledger(Workspace(workspace).db_path).append(forged_entry())
    point = checkpoint_path(Workspace(workspace).checkpoints_dir, 3)
    data = json.loads(point.read_text())
    data.update(seq=record.seq, hash=record.hash)  # move the signed checkpoint onto the forged head
    checkpoint_path(Workspace(workspace).checkpoints_dir, 4).write_text(json.dumps(data))
    code, _, text = verify(acme)
    assert code == 1 and "the signature does not match its contents" in text


@pytest.mark.parametrize("damage", ["deleted", "zero-bytes", "fresh-empty-database", "folder", "fifo",
                                    "other-workspace"])
def test_a_database_deleted_emptied_replaced_or_not_a_file_is_caught(acme, workspace, tmp_path, damage):
    add_three(acme, workspace)
    db = Workspace(workspace).db_path
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    if damage == "zero-bytes":
        db.write_bytes(b"")
    elif damage == "fresh-empty-database":
        Ledger(db).records()  # nothing there yet: open and create the schema
        sqlite3.connect(db).close()
        Ledger(db).head()
    elif damage == "folder":
        db.mkdir()
    elif damage == "fifo":
        os.mkfifo(db)
    elif damage == "other-workspace":
        other = tmp_path / "other"
        (other / "evidence" / "acme").mkdir(parents=True)
        (other / "evidence" / "acme" / "vendor.yaml").write_text("id: acme\nname: Acme\n")
        init_keys(other)
        from conftest import Cli

        for i in range(3):
            add(Cli(other), other, f"p{i}.txt", f"another policy {i}\n")
        shutil.copy(Workspace(other).db_path, db)
    code, report, text = verify(acme)
    assert code == 1, text
    assert "intact" not in text.split("first broken")[0]
    if damage in ("deleted", "zero-bytes", "fresh-empty-database"):
        assert "the evidence database is missing" in text or "the evidence database is empty" in text
    if damage in ("folder", "fifo"):
        assert "not a regular file" in text


def test_an_older_copy_of_the_database_restored_is_caught(acme, workspace, tmp_path):
    add(acme, workspace, "a.txt", "first\n")
    db = Workspace(workspace).db_path
    backup = tmp_path / "old.db"
    conn, out = sqlite3.connect(db), sqlite3.connect(backup)
    conn.backup(out)
    out.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, as a backup tool makes
    out.close()
    conn.close()
    add(acme, workspace, "b.txt", "second, later withdrawn by restoring the backup\n")
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copy(backup, db)
    code, _, text = verify(acme)
    assert code == 1
    assert "the ledger ends at record 1 but a signed checkpoint vouches for record 2" in text


def test_dropping_the_last_record_and_rewriting_the_head_is_caught(acme, workspace):
    add_three(acme, workspace)
    conn = sqlite3.connect(Workspace(workspace).db_path)
    conn.executescript("DROP TRIGGER ledger_no_delete; DELETE FROM ledger WHERE seq = 3;"
                       "UPDATE ledger_head SET seq = 2, hash = (SELECT hash FROM ledger WHERE seq = 2);")
    conn.execute("DELETE FROM evidence_items WHERE ledger_seq = 3")
    conn.commit()
    conn.close()
    code, _, text = verify(acme)
    assert code == 1 and "signed checkpoint vouches for record 3" in text


def test_a_blob_of_the_wrong_size_is_caught(acme, workspace):
    add_three(acme, workspace)
    conn = sqlite3.connect(Workspace(workspace).db_path)
    conn.execute("UPDATE evidence_blobs SET size = size + 1")
    conn.commit()
    conn.close()
    code, _, text = verify(acme)
    assert code == 1 and "bytes stored but the ledger recorded" in text


def test_without_a_key_nothing_is_called_intact(cli, workspace):
    """No signing key: the chain may be self-consistent, but nothing vouches for it (fail closed)."""
    folder = workspace / "evidence" / "acme"
    folder.mkdir(parents=True)
    (folder / "vendor.yaml").write_text("id: acme\nname: Acme\n")
    path = workspace / "p.txt"
    path.write_text("policy\n")
    added = cli("evidence", "add", "acme", str(path), "--kind", "policy")
    assert added.exit_code == 0 and "not anchored: no signing key" in added.stderr
    code, report, text = verify(cli)
    assert code == 1 and report["anchored"] is False and "NOT ANCHORED" in text and "intact" not in text
    assert cli("keys", "init", "--name", "Test Reviewer", "--no-passphrase").exit_code == 0  # anchors what is there
    assert verify(cli)[0] == 0


def test_a_locked_key_leaves_records_unanchored_until_anchor(cli, workspace):
    """An encrypted key without its passphrase cannot sign: the add is kept and said to be unanchored."""
    folder = workspace / "evidence" / "acme"
    folder.mkdir(parents=True)
    (folder / "vendor.yaml").write_text("id: acme\nname: Acme\n")
    secret = {"AUDITOR_KEY_PASSPHRASE": "correct horse"}
    assert cli("keys", "init", "--name", "Test Reviewer", env=secret).exit_code == 0
    path = workspace / "p.txt"
    path.write_text("policy\n")
    added = cli("evidence", "add", "acme", str(path), "--kind", "policy", env={"AUDITOR_KEY_PASSPHRASE": None})
    assert added.exit_code == 0 and "not anchored: the signing key cannot be used" in added.stderr
    assert verify(cli)[0] == 1
    wrong = cli("evidence", "anchor", env={"AUDITOR_KEY_PASSPHRASE": "wrong"})
    assert wrong.exit_code == 2 and "wrong passphrase" in wrong.stderr
    assert cli("evidence", "anchor", env=secret).exit_code == 0
    assert verify(cli)[0] == 0


def test_anchor_refuses_to_vouch_for_a_damaged_store(acme, workspace):
    add_three(acme, workspace)
    conn = sqlite3.connect(Workspace(workspace).db_path)
    conn.executescript("DROP TRIGGER ledger_no_update; UPDATE ledger SET valid_until = '2099-01-01' WHERE seq = 2;")
    conn.close()
    result = acme("evidence", "anchor")
    assert result.exit_code == 1 and "not anchoring" in result.stderr


# --against REPORT: the anchor held outside the workspace --------------------------------------------


def report_on(workspace: Path, path: Path) -> Path:
    """A JSON report carrying the ledger head it was built on (as every report does)."""
    from auditor.evidence.store import EvidenceStore

    head = EvidenceStore(Workspace(workspace)).head()
    path.write_text(json.dumps({"verdict": "…", "ledger_head": head.model_dump()}), encoding="utf-8")
    return path


def test_rollback_of_the_whole_state_folder_is_caught_through_against(acme, workspace, tmp_path):
    """Restoring an older copy of all of .auditor/ (database AND checkpoints) is consistent inside the
    workspace; the report built on the newer state is the anchor that catches it."""
    add(acme, workspace, "a.txt", "first\n")
    snapshot = tmp_path / "state-then"
    shutil.copytree(state(workspace), snapshot)
    add(acme, workspace, "b.txt", "second\n")
    report = report_on(workspace, tmp_path / "report.json")
    assert verify(acme, "--against", str(report))[0] == 0
    shutil.rmtree(state(workspace))
    shutil.copytree(snapshot, state(workspace))
    code, data, text = verify(acme, "--against", str(report))
    assert code == 1 and data["against"]["matches"] is False
    assert "the report was built on ledger record 2, but the ledger now ends at record 1" in text


def test_rewrite_after_a_report_is_caught_through_against(acme, workspace, tmp_path):
    add_three(acme, workspace)
    report = report_on(workspace, tmp_path / "report.json")
    conn = sqlite3.connect(Workspace(workspace).db_path)
    conn.executescript("DROP TRIGGER ledger_no_update; UPDATE ledger SET hash = (CASE WHEN substr(hash, 1, 1) = '0' "
                       "THEN '1' ELSE '0' END) || substr(hash, 2) WHERE seq = 3;"
                       "UPDATE ledger_head SET hash = (SELECT hash FROM ledger WHERE seq = 3);")
    conn.close()
    code, _, text = verify(acme, "--against", str(report))
    assert code == 1 and "ledger record 3 is not the one the report was built on" in text


@pytest.mark.parametrize("content", ["not json at all", '{"verdict": "no head"}', '{"ledger_head": {"seq": "x"}}'])
def test_against_a_report_without_a_usable_head_is_bad_input(acme, workspace, tmp_path, content):
    bad = tmp_path / "report.json"
    bad.write_text(content)
    result = acme("evidence", "verify", "--against", str(bad))
    assert result.exit_code == 2 and "report.json" in result.stderr


# RFC 3161 time-stamps on a checkpoint, from a real time-stamping server on 127.0.0.1 -----------------

from test_signing_verify import tsa_url  # noqa: E402,F401 - the local RFC 3161 server fixture


def test_a_checkpoint_can_carry_an_rfc3161_timestamp(acme, workspace, tsa_url):
    url, seen = tsa_url
    add_three(acme, workspace)
    result = acme("evidence", "anchor", "--tsa", url)
    assert result.exit_code == 0, result.output
    assert seen == ["application/timestamp-query"]
    code, report, text = verify(acme)
    assert code == 0 and report["anchor"]["timestamp"] and "time-stamped 20" in text
    # the token stamps this checkpoint only: moved onto another one, it no longer matches
    folder = Workspace(workspace).checkpoints_dir
    stamped = json.loads(checkpoint_path(folder, 3).read_text())
    other = json.loads(checkpoint_path(folder, 2).read_text())
    other["timestamp"] = stamped["timestamp"]
    checkpoint_path(folder, 2).write_text(json.dumps(other))
    code, _, text = verify(acme)
    assert code == 1 and "time-stamp token stamps something else" in text


def test_an_unreachable_timestamp_authority_is_one_line(acme, workspace):
    add_three(acme, workspace)
    result = acme("evidence", "anchor", "--tsa", "http://127.0.0.1:9/tsa")
    assert result.exit_code == 2 and "time-stamping authority" in result.stderr
    assert "Traceback" not in result.output


# real reports carry the ledger head ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "oscal", "pdf"])
def test_every_report_carries_the_ledger_head_and_against_catches_a_rollback(acme, workspace, tmp_path, fmt):
    add(acme, workspace, "a.txt", "first\n", "--covers", "mfa")
    snapshot = tmp_path / "state-then"
    shutil.copytree(state(workspace), snapshot)
    add(acme, workspace, "b.txt", "second\n", "--covers", "backup")
    report = tmp_path / f"acme.{fmt}"
    if fmt == "pdf":
        made = acme("report", "acme", "--out", str(report), "--sign")
    else:
        made = acme("audit", "acme", "--format", fmt, "--out", str(report), "--no-record")
    assert made.exit_code in (0, 1) and report.is_file(), made.output
    from auditor.evidence.anchor import head_from_report

    assert head_from_report(report).seq == 2
    assert verify(acme, "--against", str(report))[0] == 0
    shutil.rmtree(state(workspace))
    shutil.copytree(snapshot, state(workspace))
    code, _, text = verify(acme, "--against", str(report))
    assert code == 1 and "the report was built on ledger record 2, but the ledger now ends at record 1" in text


def test_an_audit_says_when_its_evidence_is_not_vouched_for(acme, workspace):
    add_three(acme, workspace)
    clean = json.loads(acme("audit", "acme", "--format", "json", "--no-record").stdout)
    assert not any("not vouched for" in w for w in clean["warnings"])
    Ledger(Workspace(workspace).db_path).append(forged_entry())
    forged = json.loads(acme("audit", "acme", "--format", "json", "--no-record").stdout)
    assert any("not vouched for" in w and "record 4" in w for w in forged["warnings"])


def test_against_a_signed_report_changed_after_signing_is_refused(acme, workspace, tmp_path):
    add_three(acme, workspace)
    report = tmp_path / "acme.pdf"
    assert acme("report", "acme", "--out", str(report), "--sign").exit_code in (0, 1)
    assert verify(acme, "--against", str(report))[0] == 0
    report.write_bytes(report.read_bytes() + b"\n% appended\n")
    result = acme("evidence", "verify", "--against", str(report))
    assert result.exit_code == 1 and "changed after signing" in result.stderr


def test_verify_dossier_also_checks_the_signed_ledger_head(acme, workspace, tmp_path):
    add(acme, workspace, "a.txt", "first\n", "--covers", "mfa")
    snapshot = tmp_path / "state-then"
    shutil.copytree(state(workspace), snapshot)
    add(acme, workspace, "b.txt", "second\n", "--covers", "backup")
    report = tmp_path / "acme.pdf"
    assert acme("report", "acme", "--out", str(report), "--sign").exit_code in (0, 1)
    assert acme("verify", str(report), "--dossier", "acme").exit_code == 0
    shutil.rmtree(state(workspace))
    shutil.copytree(snapshot, state(workspace))
    result = acme("verify", str(report), "--dossier", "acme")
    assert result.exit_code == 1 and "evidence ledger: the report was built on ledger record 2" in result.stderr
