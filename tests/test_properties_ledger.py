"""The evidence ledger's hash chain: any single-row edit, deletion or swap is detected.

A real ledger is written through the evidence store (real SQLite, real blobs). Hypothesis
then tampers with its rows in memory, one row at a time, and the verifier must report a
problem every time; a handful of the same attacks are also made on the SQLite file itself
(triggers dropped, as an attacker with the file would) and must fail `EvidenceStore.verify`.
"""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.evidence.index import RECORD_COLUMNS, LedgerRecord
from auditor.evidence.ledger import record_hash
from auditor.evidence.store import EvidenceStore
from auditor.evidence.verify import check_chain, check_index
from auditor.model.enums import EvidenceKind
from auditor.workspace import Workspace
from ledgerkit import init_keys

PROPS = settings(max_examples=200, derandomize=True, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
TODAY = date(2026, 11, 23)


def build_store(root: Path) -> EvidenceStore:
    """Eight records across two vendors: adds, a supersede, a revoke, an observation."""
    root.mkdir(parents=True, exist_ok=True)
    init_keys(root)  # each change is anchored by a signed checkpoint
    store = EvidenceStore(Workspace(root), actor="tester@example")
    files = {}
    for name, body in [("soc2.pdf", b"%PDF-1.7 soc2 report"), ("iso.pdf", b"%PDF-1.7 iso certificate"),
                       ("pentest.pdf", b"%PDF-1.7 pentest 2026"), ("soc2-2026.pdf", b"%PDF-1.7 soc2 report 2026"),
                       ("policy.txt", "سياسة أمن المعلومات\n".encode())]:
        files[name] = root / name
        files[name].write_bytes(body)
    soc2 = store.add("acme", files["soc2.pdf"], kind=EvidenceKind.AUDIT_REPORT, covers=["mfa", "backup"],
                     effective=date(2026, 6, 30), today=TODAY)
    store.add("acme", files["iso.pdf"], kind=EvidenceKind.CERTIFICATE, covers=["isms-governance"],
              valid_until=date(2027, 5, 1), today=TODAY)
    pentest = store.add("acme", files["pentest.pdf"], kind=EvidenceKind.PENTEST_REPORT,
                        covers=["penetration-testing"], today=TODAY)
    store.add("globex", files["policy.txt"], kind=EvidenceKind.POLICY, covers=["security-policy"], today=TODAY)
    store.supersede("acme", soc2.sha256, files["soc2-2026.pdf"], reason="renewed", today=TODAY)
    store.revoke("acme", pentest.sha256, reason="wrong vendor")
    store.record_observation("acme", {"url": "https://acme.example", "tls": "TLSv1.3"},
                             source="https://acme.example", checks=[], observed_on=TODAY)
    store.add("globex", files["iso.pdf"], kind=EvidenceKind.CERTIFICATE, covers=["isms-governance"], today=TODAY)
    return store


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("ledger") / "ws")
    records, head, rows, _ = store.ledger.snapshot()
    assert store.verify().ok and len(records) == 8
    return store, records, head, rows


def problems(records: list[LedgerRecord], head, rows) -> list:
    return check_chain(records, head) + check_index(records, rows)


def test_an_untouched_ledger_verifies(ledger):
    _, records, head, rows = ledger
    assert problems(records, head, rows) == []


text_values = st.one_of(st.text(max_size=12), st.sampled_from(
    ["0" * 64, "[]", "{}", '["mfa"]', '{"size":1}', "not json", "2099-12-31", "acme", "globex", "1"]))
NULLABLE = {"kind", "effective", "period_start", "valid_until", "source", "target", "reason"}


def column_values(column: str):
    """What an UPDATE could store in ``column`` under the ledger's schema (types, NOT NULL, CHECK)."""
    if column == "seq":
        return st.integers(-3, 20)
    if column == "action":
        return st.sampled_from(["add", "collect", "supersede", "revoke"])
    return st.one_of(st.none(), text_values) if column in NULLABLE else text_values


@PROPS
@given(data=st.data())
def test_any_single_field_edit_is_detected(ledger, data):
    _, records, head, rows = ledger
    index = data.draw(st.integers(0, len(records) - 1), label="row")
    column = data.draw(st.sampled_from(RECORD_COLUMNS), label="column")
    old = getattr(records[index], column)
    new = data.draw(column_values(column).filter(lambda v: v != old), label="new")
    edited = dataclasses.replace(records[index], **{column: new})
    if column != "hash" and data.draw(st.booleans(), label="rehash"):
        edited = dataclasses.replace(edited, hash=record_hash(edited))  # the attacker fixes the row's own hash
    tampered = records[:index] + [edited] + records[index + 1:]
    assert problems(tampered, head, rows), f"edit of {column} in record {index + 1} went unnoticed"


@PROPS
@given(st.data())
def test_any_single_row_deletion_is_detected(ledger, data):
    _, records, head, rows = ledger
    index = data.draw(st.integers(0, len(records) - 1))
    tampered = records[:index] + records[index + 1:]
    assert problems(tampered, head, rows)


@PROPS
@given(st.data())
def test_any_swap_of_two_rows_is_detected(ledger, data):
    _, records, head, rows = ledger
    i, j = sorted(data.draw(st.lists(st.integers(0, len(records) - 1), min_size=2, max_size=2, unique=True)))
    tampered = list(records)
    if data.draw(st.booleans(), label="keep seq"):  # contents exchanged, sequence numbers left in place
        tampered[i] = dataclasses.replace(records[j], seq=records[i].seq)
        tampered[j] = dataclasses.replace(records[i], seq=records[j].seq)
    else:  # whole rows exchanged
        tampered[i], tampered[j] = records[j], records[i]
    assert problems(tampered, head, rows)


@PROPS
@given(st.data())
def test_an_index_row_edit_is_detected(ledger, data):
    _, records, head, rows = ledger
    index = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.sampled_from(["kind", "covers", "valid_until", "revoked", "superseded_by", "metadata"]))
    old = getattr(rows[index], column)
    choices = st.integers(0, 1) if column == "revoked" else st.one_of(st.none(), text_values)
    new = data.draw(choices.filter(lambda v: v != old))
    tampered = list(rows)
    tampered[index] = dataclasses.replace(rows[index], **{column: new})
    assert problems(records, head, tampered)


# The same attacks on the SQLite file -------------------------------------------------------------

def _tamper(db: Path, *statements: tuple[str, tuple]) -> None:
    conn = sqlite3.connect(str(db), isolation_level=None)
    try:
        conn.execute("DROP TRIGGER IF EXISTS ledger_no_update")
        conn.execute("DROP TRIGGER IF EXISTS ledger_no_delete")
        for sql, params in statements:
            conn.execute(sql, params)
    finally:
        conn.close()


def _copy(src: EvidenceStore, dest: Path) -> EvidenceStore:
    shutil.copytree(src.workspace.root, dest)
    return EvidenceStore(Workspace(dest), actor="tester@example")


@pytest.mark.parametrize("seq", range(1, 9))
def test_sqlite_edit_delete_and_swap_of_each_row_fail_verify(ledger, tmp_path, seq):
    store, records, _, _ = ledger
    attacks = {
        "edit": [("UPDATE ledger SET valid_until = '2099-12-31' WHERE seq = ?", (seq,))],
        "edit-and-rehash": None,
        "delete": [("DELETE FROM ledger WHERE seq = ?", (seq,))],
        "swap": [("UPDATE ledger SET seq = -1 WHERE seq = ?", (seq,)),
                 ("UPDATE ledger SET seq = ? WHERE seq = ?", (seq, seq % 8 + 1)),
                 ("UPDATE ledger SET seq = ? WHERE seq = -1", (seq % 8 + 1,))],
    }
    record = records[seq - 1]
    changed = dataclasses.replace(record, reason="nothing to see")
    changed = dataclasses.replace(changed, hash=record_hash(changed))
    attacks["edit-and-rehash"] = [("UPDATE ledger SET reason = ?, hash = ? WHERE seq = ?",
                                   (changed.reason, changed.hash, seq))]
    for name, statements in attacks.items():
        copy = _copy(store, tmp_path / name)
        assert copy.verify().ok  # the copy itself is intact
        _tamper(copy.workspace.db_path, *statements)
        report = copy.verify()
        assert not report.ok, f"{name} of record {seq} went unnoticed"
        assert report.first_broken


def rechain(records: list[LedgerRecord], start: int) -> list[LedgerRecord]:
    """What an attacker without the key does after an edit: recompute every hash from ``start`` on,
    so the chain and the head are whole again."""
    out = list(records[:start])
    for record in records[start:]:
        previous = out[-1].hash if out else "0" * 64
        fixed = dataclasses.replace(record, prev_hash=previous, hash="")
        out.append(dataclasses.replace(fixed, hash=record_hash(fixed)))
    return out


@PROPS
@given(data=st.data())
def test_any_edit_with_the_whole_chain_recomputed_is_caught_by_the_signed_checkpoint(ledger, data):
    """The hash chain alone cannot see this (it is whole again); the signed checkpoint can."""
    from auditor.evidence.anchor import check_anchor, read_checkpoints
    from auditor.evidence.verify import check_chain

    store, records, _, _ = ledger
    checkpoints = read_checkpoints(store.workspace.checkpoints_dir)
    pinned = store.anchoring.pinned_ders()
    assert not check_anchor(records, checkpoints, pinned, own_cert=True).problems  # untouched: vouched for
    index = data.draw(st.integers(0, len(records) - 1), label="row")
    column = data.draw(st.sampled_from([c for c in RECORD_COLUMNS if c not in ("seq", "hash", "prev_hash")]),
                       label="column")
    old = getattr(records[index], column)
    new = data.draw(column_values(column).filter(lambda v: v != old), label="new")
    tampered = rechain(records[:index] + [dataclasses.replace(records[index], **{column: new})]
                       + records[index + 1:], index)
    assert not check_chain(tampered, (tampered[-1].seq, tampered[-1].hash))  # the chain alone is fooled
    assert check_anchor(tampered, checkpoints, pinned, own_cert=True).problems, \
        f"edit of {column} in record {index + 1} with the chain recomputed went unnoticed"


@PROPS
@given(data=st.data())
def test_any_truncation_or_appended_forgery_is_caught_by_the_signed_checkpoint(ledger, data):
    from auditor.evidence.anchor import check_anchor, read_checkpoints

    store, records, _, _ = ledger
    checkpoints = read_checkpoints(store.workspace.checkpoints_dir)
    pinned = store.anchoring.pinned_ders()
    if data.draw(st.booleans(), label="truncate"):
        tampered = records[:data.draw(st.integers(0, len(records) - 1), label="keep")]
    else:
        extra = dataclasses.replace(records[-1], seq=records[-1].seq + 1, actor="mallory", sha256="f" * 64)
        tampered = rechain(records + [extra], len(records))
    assert check_anchor(tampered, checkpoints, pinned, own_cert=True).problems
