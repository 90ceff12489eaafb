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

from auditor.errors import EvidenceError, IntegrityError
from auditor.evidence.blobs import BlobStore
from auditor.evidence.index import ItemState, LedgerRecord
from auditor.evidence.kinds import KindRule, default_valid_until, load_kind_rules
from auditor.evidence.ledger import Ledger, NewEntry
from auditor.evidence.verify import Problem, VerifyReport, check_blobs, check_chain, check_index
from auditor.model.evidence import CheckResult, EvidenceItem
from auditor.model.enums import EvidenceKind
from auditor.workspace import Workspace, validate_vendor_id

MIN_PREFIX = 6


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
                 rules: dict[EvidenceKind, KindRule] | None = None):
        self.workspace = workspace
        self.blobs = BlobStore(workspace.blobs_dir)
        self.ledger = Ledger(workspace.db_path)
        self.actor = actor or default_actor()
        self._rules = rules

    @property
    def rules(self) -> dict[EvidenceKind, KindRule]:
        if self._rules is None:
            self._rules = load_kind_rules()
        return self._rules

    # changes -----------------------------------------------------------------------------------

    def add(self, vendor: str, path: Path, *, kind: EvidenceKind, covers: Sequence[str] = (),
            effective: date | None = None, period_start: date | None = None, valid_until: date | None = None,
            note: str | None = None, today: date | None = None, attests: str | None = None) -> EvidenceItem:
        """Store a file as evidence for ``vendor``; ``attests`` names the attestation the file is."""
        validate_vendor_id(vendor)
        valid_until = self._validity(kind, effective, period_start, valid_until, today)
        stored = self._ingest(path)
        metadata: dict[str, Any] = {"filename": path.name, "size": stored.size}
        if note:
            metadata["note"] = note
        if attests:
            metadata["attests"] = attests
        entry = NewEntry(action="add", vendor=vendor, sha256=stored.sha256, actor=self.actor, kind=kind.value,
                         covers=_unique(covers), effective=_iso(effective), period_start=_iso(period_start),
                         valid_until=valid_until.isoformat(), source=str(path.resolve()), metadata=metadata,
                         size=stored.size)
        return self._append(entry)

    def supersede(self, vendor: str, old: str, path: Path, *, kind: EvidenceKind | None = None,
                  covers: Sequence[str] | None = None, effective: date | None = None,
                  period_start: date | None = None, valid_until: date | None = None,
                  reason: str | None = None, today: date | None = None) -> EvidenceItem:
        """Replace a piece of evidence by a newer file (a renewed certificate, this year's report)."""
        validate_vendor_id(vendor)
        previous = self.item(vendor, self.resolve(vendor, old))
        kind = kind or previous.kind
        covers = list(covers) if covers else list(previous.covers)
        valid_until = self._validity(kind, effective, period_start, valid_until, today)
        stored = self._ingest(path)
        entry = NewEntry(action="supersede", vendor=vendor, sha256=stored.sha256, actor=self.actor,
                         kind=kind.value, covers=_unique(covers), effective=_iso(effective),
                         period_start=_iso(period_start), valid_until=valid_until.isoformat(),
                         source=str(path.resolve()), target=previous.sha256, reason=reason,
                         metadata={"filename": path.name, "size": stored.size}, size=stored.size)
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
        record, rows = self.ledger.append(entry)
        changed = {row.sha256: row for row in rows}
        return to_item(changed[record.sha256])

    # reading -----------------------------------------------------------------------------------

    def items(self, vendor: str) -> list[EvidenceItem]:
        """Every piece of evidence recorded for ``vendor``, revoked and superseded ones flagged."""
        return [to_item(row) for row in self.ledger.items(vendor)]

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
        """Recompute the chain, the index and every blob hash (the vendor's blobs, when one is named)."""
        records, head, rows, _sizes = self.ledger.snapshot()
        problems: list[Problem] = check_chain(records, head)
        problems += check_index(records, rows)
        wanted = sorted({r.sha256 for r in records if vendor is None or r.vendor == vendor})
        blob_problems, checked_bytes = check_blobs(self.blobs, wanted)
        problems += blob_problems
        warnings = []
        removed = self.blobs.clean_stale_temps()
        if removed:
            warnings.append(f"removed {len(removed)} temporary file(s) left by interrupted writes")
        if vendor is not None and not any(r.vendor == vendor for r in records):
            warnings.append(f"no evidence recorded for {vendor}")
        if vendor is None:
            referenced = {r.sha256 for r in records}
            orphans = [sha for sha in self.blobs.stored() if sha not in referenced]
            if orphans:
                names = ", ".join(sha[:12] + "…" for sha in orphans[:5])
                warnings.append(f"{len(orphans)} stored blob(s) named by no record (an add interrupted after "
                                f"copying, or refused as a duplicate): {names}")
        return VerifyReport(vendor=vendor, records=len(records), blobs_checked=len(wanted),
                            bytes_checked=checked_bytes, head_seq=head[0] if head else None,
                            head_hash=head[1] if head else None, problems=tuple(problems), warnings=tuple(warnings))

    def require_intact(self, vendor: str | None = None) -> VerifyReport:
        report = self.verify(vendor)
        if not report.ok:
            raise IntegrityError(f"evidence store damaged: {report.first_broken}")
        return report


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


def _unique(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
