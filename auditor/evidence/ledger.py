"""The append-only, hash-chained evidence ledger and its index, in the workspace's SQLite file.

Every record carries the hash of the record before it; its own hash covers all its columns.
Editing, deleting or reordering a row breaks the chain, and a separate head row (seq and
hash of the last record) catches rows cut from the end. Writers serialise on
``BEGIN IMMEDIATE`` (SQLite's write lock) with a generous busy timeout, so two processes
adding evidence at once both succeed, one after the other, and the chain stays linear.

The audit engine keeps its own tables in the same file; everything here is ``ledger*`` or
``evidence_*``.
"""

from __future__ import annotations

import hashlib
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from auditor.errors import EvidenceError, IntegrityError
from auditor.evidence import index
from auditor.evidence.index import ITEM_COLUMNS, RECORD_COLUMNS, ItemState, LedgerRecord, canonical_json

GENESIS = "0" * 64
BUSY_TIMEOUT_MS = 60_000
SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS ledger (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('add', 'collect', 'supersede', 'revoke')),
    vendor TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    kind TEXT,
    covers TEXT NOT NULL,
    effective TEXT,
    period_start TEXT,
    valid_until TEXT,
    source TEXT,
    target TEXT,
    reason TEXT,
    metadata TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS ledger_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS evidence_items (
    vendor TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    covers TEXT NOT NULL,
    effective TEXT,
    period_start TEXT,
    valid_until TEXT,
    source TEXT,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0,
    revoked_reason TEXT,
    superseded_by TEXT,
    checks TEXT NOT NULL,
    metadata TEXT NOT NULL,
    ledger_seq INTEGER NOT NULL,
    updated_seq INTEGER NOT NULL,
    PRIMARY KEY (vendor, sha256)
);
CREATE TABLE IF NOT EXISTS evidence_blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    first_seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS evidence_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- Guards against accidents; the hash chain is what detects a deliberate edit.
CREATE TRIGGER IF NOT EXISTS ledger_no_update BEFORE UPDATE ON ledger
BEGIN SELECT RAISE(ABORT, 'the evidence ledger is append-only'); END;
CREATE TRIGGER IF NOT EXISTS ledger_no_delete BEFORE DELETE ON ledger
BEGIN SELECT RAISE(ABORT, 'the evidence ledger is append-only'); END;
"""


@dataclass(frozen=True)
class NewEntry:
    """What a caller asks to record; the ledger assigns seq, time and hashes."""

    action: str
    vendor: str
    sha256: str
    actor: str
    kind: str | None = None
    covers: tuple[str, ...] = ()
    effective: str | None = None
    period_start: str | None = None
    valid_until: str | None = None
    source: str | None = None
    target: str | None = None
    reason: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    size: int | None = None


def record_hash(record: LedgerRecord) -> str:
    return hashlib.sha256(canonical_json(record.content()).encode("utf-8")).hexdigest()


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


class Ledger:
    """The ledger and index tables of one SQLite file."""

    def __init__(self, db_path: Path):
        self.db_path = db_path

    def exists(self) -> bool:
        """Whether there is a database; something else in its place (a folder, a FIFO) is damage."""
        try:
            info = self.db_path.stat()
        except FileNotFoundError:
            return False
        if not stat.S_ISREG(info.st_mode):
            raise IntegrityError("the evidence database is not a regular file", file=self.db_path)
        return True

    def _create_private(self) -> None:
        """The database (and so SQLite's -wal and -shm beside it) is 0600 in a 0700 folder."""
        from auditor.files import ensure_private_file

        ensure_private_file(self.db_path, "evidence database")

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        self._create_private()
        try:
            conn = sqlite3.connect(str(self.db_path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:  # a folder in its place, no permission
            raise EvidenceError(f"cannot open the evidence database: {exc}", file=self.db_path) from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._set_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            self._ensure_schema(conn)
            yield conn
        except sqlite3.OperationalError as exc:
            raise EvidenceError(f"cannot use the evidence database: {exc}", file=self.db_path) from None
        except sqlite3.DatabaseError as exc:  # not a database, or damaged pages: say so, never a traceback
            raise IntegrityError(f"the evidence database is damaged: {exc}", file=self.db_path) from None
        finally:
            conn.close()

    @staticmethod
    def _set_wal(conn: sqlite3.Connection) -> None:
        # Switching to WAL needs a moment alone with the file; a fresh database opened by two
        # processes at once can see SQLITE_BUSY here despite the busy timeout.
        for attempt in range(50):
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                time.sleep(0.02 * (attempt + 1))
        raise EvidenceError("the evidence database stays locked by another process")

    @staticmethod
    def _ensure_schema(conn: sqlite3.Connection) -> None:
        present = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('ledger', 'ledger_head', 'evidence_items', "
            "'evidence_blobs', 'evidence_meta', 'ledger_no_update', 'ledger_no_delete')").fetchone()[0]
        if present == 7:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split_sql(_SCHEMA):
                conn.execute(statement)
            conn.execute("INSERT OR IGNORE INTO evidence_meta (key, value) VALUES ('schema_version', ?)",
                         (SCHEMA_VERSION,))
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise

    # writing -----------------------------------------------------------------------------------

    def append(self, entry: NewEntry, before_commit: Callable[[LedgerRecord], Any] | None = None
               ) -> tuple[LedgerRecord, list[ItemState]]:
        """Append one record and update the index, in one transaction; nothing on failure.

        ``before_commit(record)`` runs while the write lock is held (the signed checkpoint is
        written there, so no other writer can slip a record in between); if it raises, nothing
        is recorded.
        """
        with self._connection() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                record, rows = self._append_locked(conn, entry)
                if before_commit is not None:
                    before_commit(record)
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise
        return record, rows

    def _append_locked(self, conn: sqlite3.Connection, entry: NewEntry) -> tuple[LedgerRecord, list[ItemState]]:
        last = conn.execute("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
        draft = LedgerRecord(
            seq=seq, at=utc_now(), actor=entry.actor, action=entry.action, vendor=entry.vendor,
            sha256=entry.sha256, kind=entry.kind, covers=canonical_json(list(entry.covers)),
            effective=entry.effective, period_start=entry.period_start, valid_until=entry.valid_until,
            source=entry.source, target=entry.target, reason=entry.reason,
            metadata=canonical_json(entry.metadata), prev_hash=prev_hash, hash="",
        )
        record = LedgerRecord(**{**draft.__dict__, "hash": record_hash(draft)})
        rows = index.apply(record, lambda v, s: _item(conn, v, s))
        conn.execute(f"INSERT INTO ledger ({', '.join(RECORD_COLUMNS)}) VALUES ({_marks(RECORD_COLUMNS)})",
                     astuple(record))
        for row in rows:
            conn.execute(f"INSERT OR REPLACE INTO evidence_items ({', '.join(ITEM_COLUMNS)}) "
                         f"VALUES ({_marks(ITEM_COLUMNS)})", astuple(row))
        if entry.size is not None:
            conn.execute("INSERT OR IGNORE INTO evidence_blobs (sha256, size, first_seq) VALUES (?, ?, ?)",
                         (entry.sha256, entry.size, seq))
        conn.execute("INSERT OR REPLACE INTO ledger_head (id, seq, hash) VALUES (1, ?, ?)", (seq, record.hash))
        return record, rows

    # reading -----------------------------------------------------------------------------------

    def records(self, vendor: str | None = None) -> list[LedgerRecord]:
        if not self.exists():
            return []
        with self._connection() as conn:
            sql = f"SELECT {', '.join(RECORD_COLUMNS)} FROM ledger"
            rows = (conn.execute(sql + " ORDER BY seq").fetchall() if vendor is None
                    else conn.execute(sql + " WHERE vendor = ? ORDER BY seq", (vendor,)).fetchall())
        return [LedgerRecord(*row) for row in rows]

    def head(self) -> tuple[int, str] | None:
        if not self.exists():
            return None
        with self._connection() as conn:
            row = conn.execute("SELECT seq, hash FROM ledger_head WHERE id = 1").fetchone()
        return (row[0], row[1]) if row else None

    def items(self, vendor: str | None = None) -> list[ItemState]:
        if not self.exists():
            return []
        with self._connection() as conn:
            sql = f"SELECT {', '.join(ITEM_COLUMNS)} FROM evidence_items"
            rows = (conn.execute(sql + " ORDER BY ledger_seq").fetchall() if vendor is None
                    else conn.execute(sql + " WHERE vendor = ? ORDER BY ledger_seq", (vendor,)).fetchall())
        return [ItemState(*row) for row in rows]

    def items_and_head(self, vendor: str) -> tuple[list[ItemState], tuple[int, str] | None]:
        """A vendor's index rows and the ledger head, read in one transaction: the state an audit ran on."""
        if not self.exists():
            return [], None
        with self._connection() as conn:
            conn.execute("BEGIN")
            try:
                rows = conn.execute(f"SELECT {', '.join(ITEM_COLUMNS)} FROM evidence_items WHERE vendor = ? "
                                    "ORDER BY ledger_seq", (vendor,)).fetchall()
                head = conn.execute("SELECT seq, hash FROM ledger_head WHERE id = 1").fetchone()
            except BaseException:
                _rollback(conn)  # never let a failing COMMIT hide the error that ended the read
                raise
            conn.execute("COMMIT")
        return [ItemState(*row) for row in rows], (head[0], head[1]) if head else None

    def blob_sizes(self) -> dict[str, int]:
        if not self.exists():
            return {}
        with self._connection() as conn:
            return dict(conn.execute("SELECT sha256, size FROM evidence_blobs").fetchall())

    def snapshot(self, while_locked: Callable[[], Any] | None = None
                 ) -> tuple[list[LedgerRecord], tuple[int, str] | None, list[ItemState], dict[str, int]]:
        """Records, head, index and blob sizes read in one transaction, for a consistent verify.

        ``while_locked`` runs inside it, holding the write lock when it can be had (a read-only
        database is read without it): no writer is then between its checkpoint and its commit."""
        if not self.exists():
            if while_locked is not None:
                while_locked()
            return [], None, [], {}
        with self._connection() as conn:
            try:
                conn.execute("BEGIN IMMEDIATE" if while_locked is not None else "BEGIN")
            except sqlite3.OperationalError as exc:
                if "readonly" not in str(exc) and "read-only" not in str(exc):
                    raise
                conn.execute("BEGIN")
            try:
                records = [LedgerRecord(*r) for r in conn.execute(
                    f"SELECT {', '.join(RECORD_COLUMNS)} FROM ledger ORDER BY seq")]
                head_row = conn.execute("SELECT seq, hash FROM ledger_head WHERE id = 1").fetchone()
                items = [ItemState(*r) for r in conn.execute(
                    f"SELECT {', '.join(ITEM_COLUMNS)} FROM evidence_items ORDER BY vendor, sha256")]
                sizes = dict(conn.execute("SELECT sha256, size FROM evidence_blobs").fetchall())
                if while_locked is not None:
                    while_locked()
            except BaseException:
                _rollback(conn)  # never let a failing COMMIT hide the error that ended the read
                raise
            conn.execute("COMMIT")
        return records, (head_row[0], head_row[1]) if head_row else None, items, sizes


def _item(conn: sqlite3.Connection, vendor: str, sha256: str) -> ItemState | None:
    row = conn.execute(f"SELECT {', '.join(ITEM_COLUMNS)} FROM evidence_items WHERE vendor = ? AND sha256 = ?",
                       (vendor, sha256)).fetchone()
    return ItemState(*row) if row else None


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction without hiding the error that made us undo it."""
    try:
        conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def _marks(columns: tuple[str, ...]) -> str:
    return ", ".join("?" for _ in columns)


def _split_sql(script: str) -> list[str]:
    """Statements of the schema script (``executescript`` would commit the open transaction)."""
    statements, current = [], ""
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        current += line + "\n"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements
