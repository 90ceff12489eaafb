"""The evidence index as a pure function of the ledger.

Each ledger record changes the state of one or two items (vendor, sha256). The same function
updates the SQLite index when a record is appended and rebuilds the whole index when
``evidence verify`` replays the ledger, so the index can be checked against the ledger it
was derived from.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from auditor.errors import EvidenceError

ACTIONS = ("add", "collect", "supersede", "revoke")


def canonical_json(value: Any) -> str:
    """The one JSON spelling hashed into the ledger: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class LedgerRecord:
    """One ledger row exactly as stored; ``covers`` and ``metadata`` are canonical JSON text."""

    seq: int
    at: str
    actor: str
    action: str
    vendor: str
    sha256: str
    kind: str | None
    covers: str
    effective: str | None
    period_start: str | None
    valid_until: str | None
    source: str | None
    target: str | None
    reason: str | None
    metadata: str
    prev_hash: str
    hash: str

    def content(self) -> dict[str, Any]:
        """Everything the record's hash covers: every column but the hash itself."""
        data = {name: getattr(self, name) for name in RECORD_COLUMNS if name != "hash"}
        data["format"] = 1
        return data

    @property
    def covers_list(self) -> list[str]:
        return json.loads(self.covers)

    @property
    def metadata_dict(self) -> dict[str, Any]:
        return json.loads(self.metadata)

    def describe(self) -> str:
        return f"record {self.seq} ({self.action} {self.sha256[:12]}…)"


RECORD_COLUMNS = ("seq", "at", "actor", "action", "vendor", "sha256", "kind", "covers", "effective",
                  "period_start", "valid_until", "source", "target", "reason", "metadata", "prev_hash", "hash")


@dataclass(frozen=True)
class ItemState:
    """One row of ``evidence_items``: the current state of one piece of evidence for one vendor."""

    vendor: str
    sha256: str
    kind: str
    covers: str
    effective: str | None
    period_start: str | None
    valid_until: str | None
    source: str | None
    added_at: str
    added_by: str
    revoked: int
    revoked_reason: str | None
    superseded_by: str | None
    checks: str
    metadata: str
    ledger_seq: int
    updated_seq: int

    @property
    def active(self) -> bool:
        return not self.revoked and self.superseded_by is None


ITEM_COLUMNS = tuple(ItemState.__dataclass_fields__)

Lookup = Callable[[str, str], "ItemState | None"]


def apply(record: LedgerRecord, lookup: Lookup) -> list[ItemState]:
    """The item rows ``record`` creates or changes; EvidenceError when it makes no sense."""
    if record.action in ("add", "collect"):
        existing = lookup(record.vendor, record.sha256)
        if existing is not None and existing.active:
            raise EvidenceError(
                f"{record.sha256[:12]}… is already evidence for {record.vendor} (record {existing.ledger_seq}); "
                "use `auditor evidence supersede` to replace it")
        return [_new_item(record)]
    if record.action == "supersede":
        old = _require(lookup, record.vendor, record.target or "", "supersede")
        if not old.active:
            state = "revoked" if old.revoked else f"already superseded by {old.superseded_by[:12]}…"
            raise EvidenceError(f"{old.sha256[:12]}… for {record.vendor} is {state}")
        if record.target == record.sha256:
            raise EvidenceError("the new file is identical to the evidence it would supersede")
        current = lookup(record.vendor, record.sha256)
        if current is not None and current.active:
            raise EvidenceError(f"{record.sha256[:12]}… is already active evidence for {record.vendor} "
                                f"(record {current.ledger_seq})")
        return [replace(old, superseded_by=record.sha256, updated_seq=record.seq), _new_item(record)]
    if record.action == "revoke":
        item = _require(lookup, record.vendor, record.sha256, "revoke")
        if item.revoked:
            raise EvidenceError(f"{record.sha256[:12]}… for {record.vendor} is already revoked")
        return [replace(item, revoked=1, revoked_reason=record.reason, updated_seq=record.seq)]
    raise EvidenceError(f"unknown ledger action {record.action!r}")


def _require(lookup: Lookup, vendor: str, sha256: str, verb: str) -> ItemState:
    item = lookup(vendor, sha256)
    if item is None:
        raise EvidenceError(f"cannot {verb} {sha256[:12]}…: it is not evidence for {vendor}")
    return item


def _new_item(record: LedgerRecord) -> ItemState:
    metadata = record.metadata_dict
    checks = metadata.pop("checks", [])
    return ItemState(
        vendor=record.vendor, sha256=record.sha256, kind=record.kind or "other", covers=record.covers,
        effective=record.effective, period_start=record.period_start, valid_until=record.valid_until,
        source=record.source, added_at=record.at, added_by=record.actor, revoked=0, revoked_reason=None,
        superseded_by=None, checks=canonical_json(checks), metadata=canonical_json(metadata),
        ledger_seq=record.seq, updated_seq=record.seq,
    )


def replay(records: list[LedgerRecord]) -> tuple[dict[tuple[str, str], ItemState], list[tuple[LedgerRecord, str]]]:
    """Rebuild the index from the ledger; records that could not have been appended are returned."""
    state: dict[tuple[str, str], ItemState] = {}
    refused: list[tuple[LedgerRecord, str]] = []
    for record in records:
        try:
            rows = apply(record, lambda v, s: state.get((v, s)))
        except EvidenceError as exc:
            refused.append((record, exc.message))
            continue
        except (ValueError, TypeError, AttributeError):  # a tampered column: not the JSON we wrote
            refused.append((record, "its metadata is not the JSON object the ledger writes"))
            continue
        for row in rows:
            state[(row.vendor, row.sha256)] = row
    return state, refused
