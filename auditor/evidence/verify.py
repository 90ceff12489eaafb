"""Checking the store end to end: the hash chain, its head, the index, every blob."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor.evidence import index
from auditor.evidence.blobs import BlobStore
from auditor.evidence.index import ITEM_COLUMNS, ItemState, LedgerRecord
from auditor.evidence.ledger import GENESIS, record_hash


@dataclass(frozen=True)
class Problem:
    """One thing that no longer matches; ``area`` is database, record, head, index, blob or anchor."""

    area: str
    message: str
    seq: int | None = None
    sha256: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"area": self.area, "message": self.message, "seq": self.seq, "sha256": self.sha256}


@dataclass(frozen=True)
class VerifyReport:
    vendor: str | None
    records: int
    blobs_checked: int
    bytes_checked: int
    head_seq: int | None
    head_hash: str | None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    anchored_seq: int | None = None
    anchor_signer: str | None = None
    anchor_fingerprint: str | None = None
    unanchored: tuple[int, int] | None = None
    checkpoints: int = 0
    anchor_timestamp: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_broken(self) -> str | None:
        return self.problems[0].message if self.problems else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.ok, "vendor": self.vendor, "records": self.records,
            "blobs_checked": self.blobs_checked, "bytes_checked": self.bytes_checked,
            "head": {"seq": self.head_seq, "hash": self.head_hash},
            "anchored": self.anchored_seq is not None and self.unanchored is None,
            "anchor": {"seq": self.anchored_seq, "signer": self.anchor_signer,
                       "signer_fingerprint": self.anchor_fingerprint, "checkpoints": self.checkpoints,
                       "timestamp": self.anchor_timestamp,
                       "unanchored": list(self.unanchored) if self.unanchored else None},
            "first_broken": self.first_broken,
            "problems": [p.to_dict() for p in self.problems], "warnings": list(self.warnings),
        }


def check_chain(records: list[LedgerRecord], head: tuple[int, str] | None) -> list[Problem]:
    """Each record's own hash, its link to the one before, gaps, and the head row."""
    problems: list[Problem] = []
    previous_hash, expected_seq = GENESIS, 1
    for record in records:
        if record.seq != expected_seq:
            missing = (f"record {expected_seq}" if record.seq == expected_seq + 1
                       else f"records {expected_seq}–{record.seq - 1}")
            problems.append(Problem("record", f"{missing} missing before record {record.seq} (deleted?)",
                                    seq=expected_seq))
        if record_hash(record) != record.hash:
            problems.append(Problem("record", f"{record.describe()}: contents do not match the record's hash "
                                              "(edited after it was written)", record.seq, record.sha256))
        if record.prev_hash != previous_hash:
            problems.append(Problem("record", f"{record.describe()}: hash chain broken (the record before it "
                                              "was changed, deleted or reordered)", record.seq, record.sha256))
        previous_hash, expected_seq = record.hash, record.seq + 1
    last = records[-1] if records else None
    if head is None:
        if last is not None:
            problems.append(Problem("head", f"ledger head missing (the ledger holds {last.seq} records)"))
    elif last is None or head[0] > last.seq:
        kept = last.seq if last else 0
        problems.append(Problem("head", f"the ledger ends at record {kept} but its head says record {head[0]} "
                                        "(records deleted from the end)", seq=kept + 1))
    elif head != (last.seq, last.hash):
        problems.append(Problem("head", f"ledger head (record {head[0]}, {head[1][:12]}…) does not match the last "
                                        f"{last.describe()}", seq=last.seq))
    return sorted(problems, key=lambda p: (p.seq if p.seq is not None else 1 << 62))


def check_index(records: list[LedgerRecord], rows: list[ItemState]) -> list[Problem]:
    """The index must be exactly what replaying the ledger produces."""
    expected, refused = index.replay(records)
    problems = [Problem("record", f"{record.describe()}: {reason} (such a record could not have been written)",
                        record.seq, record.sha256) for record, reason in refused]
    actual = {(row.vendor, row.sha256): row for row in rows}
    for key in sorted(set(expected) | set(actual)):
        vendor, sha256 = key
        name = f"index row {vendor}/{sha256[:12]}…"
        if key not in actual:
            problems.append(Problem("index", f"{name} missing (the ledger records it)", sha256=sha256))
        elif key not in expected:
            problems.append(Problem("index", f"{name} is not in the ledger", sha256=sha256))
        else:
            for column in ITEM_COLUMNS:
                want, got = getattr(expected[key], column), getattr(actual[key], column)
                if want != got:
                    message = f"{name}: {column} is {got!r} but replaying the ledger gives {want!r}"
                    problems.append(Problem("index", message, sha256=sha256))
    return problems


def check_blobs(blobs: BlobStore, wanted: list[str], sizes: dict[str, int] | None = None) -> tuple[list[Problem], int]:
    """Every blob present, hashing to its name, and as long as the ledger recorded."""
    problems: list[Problem] = []
    checked_bytes = 0
    sizes = sizes or {}
    for sha256 in wanted:
        result = blobs.check(sha256)
        if result.status == "missing":
            problems.append(Problem("blob", f"blob {sha256[:12]}…: missing from the store", sha256=sha256))
        elif result.status == "mismatch":
            problems.append(Problem("blob", f"blob {sha256[:12]}…: content hash mismatch (now "
                                            f"{(result.actual or '')[:12]}…)", sha256=sha256))
        elif sha256 in sizes and result.size != sizes[sha256]:
            problems.append(Problem("blob", f"blob {sha256[:12]}…: {result.size:,} bytes stored but the ledger "
                                            f"recorded {sizes[sha256]:,}", sha256=sha256))
        checked_bytes += result.size or 0
    return problems, checked_bytes
