"""The evidence store the CLI and the audit engine use: blobs, ledger and index together.

Evidence lives in the workspace's state folder (``.auditor/``), keyed by vendor id. Every
change is a ledger record; the blob is on disk (flushed) before the record that names it is
committed, so a record never points at a blob that is not there.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from auditor.errors import EvidenceError, IntegrityError
from auditor.evidence.blobs import BlobStore
from auditor.evidence.index import ItemState, LedgerRecord
from auditor.evidence.kinds import KindRule, check_attests, default_valid_until, load_kind_rules
from auditor.evidence.anchor import (
    LedgerHead, add_timestamp, check_against, check_anchor, head_of, promote, read_checkpoints, write_checkpoint,
)
from auditor.evidence.ledger import GENESIS, Ledger, NewEntry
from auditor.evidence.verify import Problem, VerifyReport, check_blobs, check_chain, check_index
from auditor.model.evidence import CheckResult, EvidenceItem
from auditor.model.enums import AttestationType, EvidenceKind
from auditor.workspace import Workspace, validate_vendor_id

MIN_PREFIX = 6
KEEP_CHECKPOINTS = 8


def default_actor() -> str:
    """Who is recorded as having made a change: ``AUDITOR_ACTOR`` or user@host."""
    chosen = os.environ.get("AUDITOR_ACTOR")
    if chosen:
        return chosen
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "unknown"
    return f"{user}@{socket.gethostname()}"


class EvidenceStore:
    def __init__(self, workspace: Workspace, *, actor: str | None = None,
                 rules: dict[EvidenceKind, KindRule] | None = None, passphrase: bytes | None = None):
        self.workspace = workspace
        self.blobs = BlobStore(workspace.blobs_dir)
        self.ledger = Ledger(workspace.db_path)
        self.actor = actor or default_actor()
        self._rules = rules
        self.anchoring = Anchoring(workspace, passphrase)

    @property
    def rules(self) -> dict[EvidenceKind, KindRule]:
        if self._rules is None:
            self._rules = load_kind_rules()
        return self._rules

    # changes -----------------------------------------------------------------------------------

    def add(self, vendor: str, path: Path, *, kind: EvidenceKind, covers: Sequence[str] = (),
            effective: date | None = None, period_start: date | None = None, valid_until: date | None = None,
            note: str | None = None, today: date | None = None,
            attests: Sequence[AttestationType | str] | AttestationType | str | None = None,
            facts: BaseModel | None = None, accepted_unread: BaseModel | None = None,
            source: str | None = None) -> EvidenceItem:
        """Store a file as evidence for ``vendor``.

        ``source`` is where the file came from when that is not its path (a fetched page's URL);
        by default the ledger records the file's absolute path.

        ``attests`` names the attestations the file is; only kinds that can attest, with their own
        types (``evidence_kinds.yaml``), are accepted. ``facts`` (typed facts read from the
        document) are written into the ledger record with it, so they are hash-chained too.
        """
        validate_vendor_id(vendor)
        if isinstance(attests, str):
            attests = [attests]
        attest_types = list(dict.fromkeys(AttestationType(a) for a in attests or ()))
        check_attests(kind, attest_types, self.rules)
        valid_until = self._validity(kind, effective, period_start, valid_until, today)
        stored = self._ingest(path)
        metadata: dict[str, Any] = {"filename": path.name, "size": stored.size}
        if note:
            metadata["note"] = note
        if attest_types:
            metadata["attests"] = [a.value for a in attest_types]
        if facts is not None:
            metadata["facts"] = facts.model_dump(mode="json")
        if accepted_unread is not None:  # a reviewer's acceptance of a document the readers could not read
            metadata["accepted_unread"] = accepted_unread.model_dump(mode="json")
        entry = NewEntry(action="add", vendor=vendor, sha256=stored.sha256, actor=self.actor, kind=kind.value,
                         covers=_unique(covers), effective=_iso(effective), period_start=_iso(period_start),
                         valid_until=valid_until.isoformat(), source=source or _public_source(path),
                         metadata=metadata, size=stored.size)
        return self._append(entry)

    def supersede(self, vendor: str, old: str, path: Path, *, kind: EvidenceKind | None = None,
                  covers: Sequence[str] | None = None, effective: date | None = None,
                  period_start: date | None = None, valid_until: date | None = None,
                  reason: str | None = None, today: date | None = None,
                  facts: BaseModel | None = None) -> EvidenceItem:
        """Replace a piece of evidence by a newer file (a renewed certificate, this year's report).

        The new file attests what the old one did (same kind); ``facts`` are what was read from it."""
        validate_vendor_id(vendor)
        previous = self.item(vendor, self.resolve(vendor, old))
        kind = kind or previous.kind
        covers = list(covers) if covers else list(previous.covers)
        attests = list(previous.attests) if kind == previous.kind else []
        valid_until = self._validity(kind, effective, period_start, valid_until, today)
        stored = self._ingest(path)
        metadata: dict[str, Any] = {"filename": path.name, "size": stored.size}
        if attests:
            metadata["attests"] = [a.value for a in attests]
        if facts is not None:
            metadata["facts"] = facts.model_dump(mode="json")
        entry = NewEntry(action="supersede", vendor=vendor, sha256=stored.sha256, actor=self.actor,
                         kind=kind.value, covers=_unique(covers), effective=_iso(effective),
                         period_start=_iso(period_start), valid_until=valid_until.isoformat(),
                         source=_public_source(path), target=previous.sha256, reason=reason,
                         metadata=metadata, size=stored.size)
        return self._append(entry)

    def revoke(self, vendor: str, sha256: str, *, reason: str) -> EvidenceItem:
        """Withdraw a piece of evidence (wrong vendor, forged, withdrawn by its issuer); it stays on record."""
        validate_vendor_id(vendor)
        if not reason.strip():
            raise EvidenceError("say why the evidence is revoked (--reason)")
        full = self.resolve(vendor, sha256)
        entry = NewEntry(action="revoke", vendor=vendor, sha256=full, actor=self.actor, reason=reason.strip())
        return self._append(entry)

    def record_observation(self, vendor: str, document: dict[str, Any], *, source: str,
                           checks: Sequence[CheckResult], observed_on: date | None = None) -> EvidenceItem:
        """Store one live observation (its JSON is the blob) as evidence of kind ``scan``."""
        validate_vendor_id(vendor)
        document = {**document, "vendor": vendor}
        data = json.dumps(document, sort_keys=True, ensure_ascii=False, indent=1).encode("utf-8")
        stored = self.blobs.put_bytes(data)
        observed_on = observed_on or date.today()
        valid_until = default_valid_until(EvidenceKind.SCAN, effective=observed_on, added=observed_on,
                                          rules=self.rules)
        covers = _unique(c for check in checks for c in check.controls)
        entry = NewEntry(action="collect", vendor=vendor, sha256=stored.sha256, actor=self.actor,
                         kind=EvidenceKind.SCAN.value, covers=covers, effective=observed_on.isoformat(),
                         valid_until=valid_until.isoformat(), source=source, size=stored.size,
                         metadata={"size": stored.size, "checks": [c.model_dump(mode="json") for c in checks]})
        return self._append(entry)

    def _ingest(self, path: Path):
        if not path.exists():
            raise EvidenceError(f"{path}: no such file")
        if not path.is_file():
            raise EvidenceError(f"{path}: not a regular file")
        return self.blobs.ingest(path)

    def _validity(self, kind: EvidenceKind, effective: date | None, period_start: date | None,
                  valid_until: date | None, today: date | None) -> date:
        if period_start and effective and period_start > effective:
            raise EvidenceError("the period covered starts after it ends")
        if valid_until is None:
            try:
                return default_valid_until(kind, effective=effective, added=today or date.today(), rules=self.rules)
            except (ValueError, OverflowError):  # the default validity would end after the year 9999
                raise EvidenceError(f"--effective {effective}: its default validity ends past the year 9999; "
                                    "give --valid-until") from None
        if effective and valid_until < effective:
            raise EvidenceError(f"--valid-until {valid_until} is before --effective {effective}")
        return valid_until

    def _append(self, entry: NewEntry) -> EvidenceItem:
        """Append and, under the same write lock, sign a checkpoint of the new head when the key is at hand."""
        self.anchoring.prepare()
        record, rows = self.anchoring.append(self.ledger, entry)
        changed = {row.sha256: row for row in rows}
        return to_item(changed[record.sha256])

    def anchor(self, tsa_url: str | None = None) -> tuple[LedgerHead | None, tuple[int, int] | None]:
        """Sign a checkpoint of the current head after checking the chain; returns the head and the
        records this checkpoint newly vouches for. Refused while the store shows any damage."""
        report = self.verify()
        damage = [p for p in report.problems if not p.message.startswith("not anchored")]
        if damage:
            raise IntegrityError(f"evidence store damaged, not anchoring it: {damage[0].message}")
        records = self.ledger.records()
        head = head_of(records)
        if head is None:
            return None, None
        path = self.anchoring.sign(head)
        if tsa_url:
            add_timestamp(path, tsa_url)
        return head, report.unanchored

    # reading -----------------------------------------------------------------------------------

    def items(self, vendor: str) -> list[EvidenceItem]:
        """Every piece of evidence recorded for ``vendor``, revoked and superseded ones flagged."""
        return [to_item(row) for row in self.ledger.items(vendor)]

    def items_at_head(self, vendor: str) -> tuple[list[EvidenceItem], LedgerHead]:
        """The vendor's evidence and the ledger head it was read at (one transaction): what an audit
        run and its reports record, so `evidence verify --against` can prove the state still holds."""
        rows, head = self.ledger.items_and_head(vendor)
        found = LedgerHead(seq=head[0], hash=head[1]) if head else LedgerHead(seq=0, hash=GENESIS)
        return [to_item(row) for row in rows], found

    def item(self, vendor: str, sha256: str) -> EvidenceItem:
        for row in self.ledger.items(vendor):
            if row.sha256 == sha256:
                return to_item(row)
        raise EvidenceError(f"{sha256[:12]}… is not evidence for {vendor}")

    def resolve(self, vendor: str, prefix: str) -> str:
        """A full sha256 from a unique prefix of at least six hex digits."""
        wanted = prefix.strip().lower()
        if len(wanted) < MIN_PREFIX or any(ch not in "0123456789abcdef" for ch in wanted):
            raise EvidenceError(f"{prefix!r}: give the evidence's sha256 or at least its first {MIN_PREFIX} hex digits")
        matches = sorted({row.sha256 for row in self.ledger.items(vendor) if row.sha256.startswith(wanted)})
        if not matches:
            raise EvidenceError(f"no evidence {prefix!r} for {vendor} (see `auditor evidence list {vendor}`)")
        if len(matches) > 1:
            raise EvidenceError(f"{prefix!r} matches {len(matches)} pieces of evidence for {vendor}; give more digits")
        return matches[0]

    def read(self, sha256: str) -> bytes:
        """A blob's bytes, checked against its hash (IntegrityError, exit 1, when they differ)."""
        return self.blobs.read(sha256)

    def log(self, vendor: str | None = None) -> list[LedgerRecord]:
        return self.ledger.records(vendor)

    def verify(self, vendor: str | None = None) -> VerifyReport:
        """The chain, the index, every blob (hash and size), and the latest signed checkpoint.

        Fails closed: a database missing, emptied, replaced or not a file while blobs or
        checkpoints exist is damage, and records no trusted checkpoint vouches for are reported
        as not anchored, never as intact."""
        problems: list[Problem] = []
        folder = self.workspace.checkpoints_dir
        found: list[list] = []
        try:  # checkpoints read while no writer is between its checkpoint and its commit
            records, head, rows, sizes = self.ledger.snapshot(
                while_locked=lambda: found.append(read_checkpoints(folder)))
        except (IntegrityError, EvidenceError) as exc:  # unreadable state is damage here, never "intact"
            records, head, rows, sizes = [], None, [], {}
            problems.append(Problem("database", exc.message, seq=0))
        checkpoints = found[-1] if found else read_checkpoints(folder)
        if not records and not problems:
            stored = self.blobs.stored()
            if checkpoints or stored:
                state = "missing" if not self.ledger.db_path.exists() else "empty"
                held = ", ".join(part for part in (f"{len(checkpoints)} signed checkpoint(s)" if checkpoints else "",
                                                   f"{len(stored)} stored blob(s)" if stored else "") if part)
                problems.append(Problem("database", f"the evidence database is {state} but {held} exist "
                                                    "(deleted, emptied or replaced)", seq=1))
        problems += check_chain(records, head)
        problems += check_index(records, rows)
        wanted = sorted({r.sha256 for r in records if vendor is None or r.vendor == vendor})
        blob_problems, checked_bytes = check_blobs(self.blobs, wanted, _recorded_sizes(records, sizes))
        problems += blob_problems
        pinned = self.anchoring.pinned_ders()
        anchor = check_anchor(records, checkpoints, pinned, own_cert=bool(pinned))
        problems += [Problem("anchor", message, seq=seq) for message, seq in anchor.problems]
        warnings = []
        removed = self.blobs.clean_stale_temps()
        if removed:
            warnings.append(f"removed {len(removed)} temporary file(s) left by interrupted writes")
        if vendor is not None and not any(r.vendor == vendor for r in records):
            warnings.append(f"no evidence recorded for {vendor}")
        if vendor is None:
            referenced = {r.sha256 for r in records}
            orphans = [sha for sha in self.blobs.stored() if sha not in referenced]
            if orphans and records:
                names = ", ".join(sha[:12] + "…" for sha in orphans[:5])
                warnings.append(f"{len(orphans)} stored blob(s) named by no record (an add interrupted after "
                                f"copying, or refused as a duplicate): {names}")
        problems.sort(key=lambda p: (p.seq if p.seq is not None else 1 << 62))
        return VerifyReport(vendor=vendor, records=len(records), blobs_checked=len(wanted),
                            bytes_checked=checked_bytes, head_seq=head[0] if head else None,
                            head_hash=head[1] if head else None, problems=tuple(problems), warnings=tuple(warnings),
                            anchored_seq=anchor.anchored_seq, anchor_signer=anchor.signer,
                            anchor_fingerprint=anchor.signer_fingerprint, unanchored=anchor.unanchored,
                            checkpoints=anchor.checkpoints, anchor_timestamp=anchor.timestamp)

    def anchor_warning(self) -> str | None:
        """Cheap (no blob re-hashed): is the whole ledger vouched for by a signed checkpoint? What an
        audit says next to its figures, so evidence nobody can vouch for never passes unremarked."""
        folder = self.workspace.checkpoints_dir
        found: list[list] = []
        try:
            records, head, _rows, _sizes = self.ledger.snapshot(
                while_locked=lambda: found.append(read_checkpoints(folder)))
        except (IntegrityError, EvidenceError) as exc:
            return f"the evidence store is damaged: {exc.message} (run `auditor evidence verify`)"
        if not records:
            return None
        pinned = self.anchoring.pinned_ders()
        anchor = check_anchor(records, found[-1] if found else [], pinned, own_cert=bool(pinned))
        messages = [p.message for p in check_chain(records, head)] + [m for m, _ in anchor.problems]
        if not messages:
            return None
        return f"the evidence ledger is not vouched for: {messages[0]} (run `auditor evidence verify`)"

    def verify_against(self, head: LedgerHead) -> str | None:
        """The first difference between the ledger now and the head a report was built on."""
        return check_against(self.ledger.records(), head)

    def head(self) -> LedgerHead:
        """The ledger head now (seq 0 and the genesis hash for an empty ledger): what reports carry."""
        found = self.ledger.head()
        return LedgerHead(seq=found[0], hash=found[1]) if found else LedgerHead(seq=0, hash=GENESIS)

    def require_intact(self, vendor: str | None = None) -> VerifyReport:
        report = self.verify(vendor)
        if not report.ok:
            raise IntegrityError(f"evidence store damaged: {report.first_broken}")
        return report


def _recorded_sizes(records: list[LedgerRecord], table: dict[str, int]) -> dict[str, int]:
    """Each blob's size as its ledger record states it (hashed into the chain), else the size table's."""
    sizes = dict(table)
    for record in records:
        try:
            size = json.loads(record.metadata).get("size")
        except (ValueError, AttributeError):
            continue
        if isinstance(size, int) and record.sha256 not in sizes:
            sizes[record.sha256] = size
    return sizes


class Anchoring:
    """Signing checkpoints as the ledger changes, with the workspace key when it can be unlocked.

    No key, or a key that cannot be unlocked (no passphrase given), is not an error for a write:
    the record is kept and ``note`` says it is not anchored; ``evidence verify`` then fails until
    ``evidence anchor`` signs a checkpoint.
    """

    def __init__(self, workspace: Workspace, passphrase: bytes | None):
        self.workspace = workspace
        self.passphrase = passphrase
        self.material = None
        self.note: str | None = None
        self._tried = False

    def prepare(self) -> None:
        """Unlock the key before taking the write lock (a passphrase KDF must not hold it)."""
        if self._tried:
            return
        self._tried = True
        from auditor.errors import SigningError
        from auditor.signing.keys import keys_exist, load_signing_material

        if not keys_exist(self.workspace.keys_dir):
            self.note = "not anchored: no signing key in this workspace (run `auditor keys init`)"
            return
        try:
            self.material = load_signing_material(self.workspace.keys_dir, self.passphrase)
        except SigningError as exc:
            self.note = f"not anchored: the signing key cannot be used ({exc.message})"

    def pinned_ders(self) -> list[bytes]:
        from auditor.signing.trust import pinned_signers

        return [p.der for p in pinned_signers(self.workspace.keys_dir, None)]

    def append(self, ledger: Ledger, entry: NewEntry):
        """Append under the write lock; the checkpoint is written pending before the commit and
        promoted after it, so a writer killed in between leaves nothing that vouches for a lost record."""
        written: list[Path] = []

        def checkpoint(record: LedgerRecord) -> None:
            if self.material is None:
                return
            latest = self._latest(record)
            previous = latest.seq if latest else 0
            if previous != record.seq - 1 or (latest is not None and latest.hash != record.prev_hash):
                self.note = (f"not anchored: records {previous + 1}–{record.seq - 1} have no signed checkpoint; "
                             "check them with `auditor evidence verify`, then run `auditor evidence anchor`")
                return
            written.append(write_checkpoint(self.workspace.checkpoints_dir,
                                            LedgerHead(seq=record.seq, hash=record.hash), self.material,
                                            pending=True))

        try:
            result = ledger.append(entry, before_commit=checkpoint)
        except BaseException:
            for path in written:  # the record was not committed: its checkpoint must not outlive it
                path.unlink(missing_ok=True)
            raise
        for path in written:
            promote(path)
        self._prune()
        return result

    def sign(self, head: LedgerHead) -> Path:
        self.prepare()
        if self.material is None:
            from auditor.errors import SigningError

            raise SigningError(self.note or "no signing key")
        path = write_checkpoint(self.workspace.checkpoints_dir, head, self.material)
        self.note = None
        self._prune()
        return path

    def _latest(self, record: LedgerRecord):
        """The latest checkpoint a writer may chain from: a plain one, or the previous writer's pending
        one when it names exactly the record ours follows (committed, not yet promoted)."""
        pinned = self.pinned_ders()
        for point in reversed(read_checkpoints(self.workspace.checkpoints_dir)):
            if point.problem is not None or point.signer_der not in pinned:
                continue
            if point.pending and not (point.seq == record.seq - 1 and point.hash == record.prev_hash):
                continue
            return point
        return None

    def _prune(self, keep: int = KEEP_CHECKPOINTS) -> None:
        """Older checkpoints add nothing once a later one matches (the chain fixes every record before it)."""
        folder = self.workspace.checkpoints_dir
        if not folder.is_dir():
            return
        files = sorted(p for p in folder.iterdir() if p.suffix == ".json")
        for path in files[:-keep]:
            path.unlink(missing_ok=True)


def to_item(row: ItemState) -> EvidenceItem:
    try:
        return _to_item(row)
    except (ValueError, TypeError, AttributeError):  # JSON, dates or kind edited in the database
        raise IntegrityError(f"evidence store damaged: index row {row.vendor}/{row.sha256[:12]}… is unreadable "
                             "(run `auditor evidence verify`)") from None


def _to_item(row: ItemState) -> EvidenceItem:
    metadata = json.loads(row.metadata)
    if row.revoked_reason:
        metadata["revoked_reason"] = row.revoked_reason
    return EvidenceItem(
        sha256=row.sha256, vendor=row.vendor, kind=EvidenceKind(row.kind), covers=json.loads(row.covers),
        effective=_day(row.effective), period_start=_day(row.period_start), valid_until=_day(row.valid_until),
        source=row.source, added_at=datetime.fromisoformat(row.added_at), added_by=row.added_by,
        revoked=bool(row.revoked), superseded_by=row.superseded_by,
        checks=[CheckResult.model_validate(c) for c in json.loads(row.checks)], metadata=metadata,
        ledger_seq=row.ledger_seq,
    )


def _public_source(path: Path) -> str:
    """Where a file came from, as recorded in the ledger: its absolute path."""
    return str(path.resolve())


def _unique(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
