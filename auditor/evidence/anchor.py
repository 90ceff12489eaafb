"""Signed checkpoints of the ledger head: what makes the hash chain mean something.

The hash chain alone detects accidents, not an attacker: anyone who can write the database can
recompute every hash. A checkpoint is the ledger head (sequence number and record hash) signed
with the workspace's signing key and kept outside the database, in ``.auditor/checkpoints/``.
Without the key nobody can sign a new one, so a forged, rewritten, truncated or replaced ledger
no longer matches the latest checkpoint, and records written after it are reported as not anchored.

What a checkpoint cannot catch, and the README says so: someone who restores an older copy of the
whole state folder (database and checkpoints together) rolls back consistently. The report's own
``ledger_head`` (``auditor evidence verify --against REPORT``) is the anchor held outside.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from auditor.errors import InputError, SigningError
from auditor.evidence.index import LedgerRecord, canonical_json
from auditor.model.base import Frozen

FORMAT = "auditor.checkpoint/1"
MAX_CHECKPOINT_BYTES = 1 << 20
RETIRED = "retired"
PENDING = ".pending"


class LedgerHead(Frozen):
    """The state a report or an audit run was computed on: last ledger record and its hash."""

    seq: int
    hash: str


@dataclass(frozen=True)
class Checkpoint:
    """One signed checkpoint as read from disk; ``problem`` is set when it cannot vouch for anything."""

    path: Path
    seq: int
    hash: str
    at: str
    signer_der: bytes | None
    problem: str | None = None
    timestamp: str | None = None  # RFC 3161: when a time-stamping authority saw this checkpoint

    @property
    def pending(self) -> bool:
        """Written by a writer before its commit: it counts only if the ledger holds that very record."""
        return self.path.suffix == PENDING

    @property
    def signer_fingerprint(self) -> str | None:
        from auditor.signing.trust import fingerprint

        return fingerprint(self.signer_der) if self.signer_der else None

    @property
    def signer_subject(self) -> str | None:
        from auditor.signing.trust import subject_of

        return subject_of(self.signer_der) if self.signer_der else None


def _payload(seq: int, hash_: str, at: str) -> bytes:
    return canonical_json({"format": FORMAT, "seq": seq, "hash": hash_, "at": at}).encode("utf-8")


def checkpoint_path(folder: Path, seq: int, *, pending: bool = False) -> Path:
    return folder / f"{seq:012d}{PENDING if pending else '.json'}"


def promote(path: Path) -> Path:
    """A pending checkpoint whose record is committed becomes a plain one."""
    final = path.with_suffix(".json")
    path.replace(final)
    return final


def write_checkpoint(folder: Path, head: LedgerHead, material, *, pending: bool = False) -> Path:
    """Sign ``head`` with the loaded key (``SigningMaterial``) and store it, 0600 in a 0700 folder.

    ``pending``: written under the ledger's write lock before the record is committed, promoted
    after; a writer killed in between leaves a pending checkpoint that vouches for nothing."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding

    from auditor.files import private_dir, write_private

    at = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    payload = _payload(head.seq, head.hash, at)
    if isinstance(material.key, ec.EllipticCurvePrivateKey):
        signature = material.key.sign(payload, ec.ECDSA(hashes.SHA256()))
    else:
        signature = material.key.sign(payload, padding.PKCS1v15(), hashes.SHA256())
    document = {
        "format": FORMAT, "seq": head.seq, "hash": head.hash, "at": at,
        "certificate": material.cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
        "signature": base64.b64encode(signature).decode("ascii"),
    }
    private_dir(folder)
    path = checkpoint_path(folder, head.seq, pending=pending)
    write_private(path, json.dumps(document, indent=1, sort_keys=True) + "\n")
    return path


def read_checkpoints(folder: Path) -> list[Checkpoint]:
    """Every checkpoint file, oldest first; one that does not parse or verify carries its problem."""
    if not folder.is_dir():
        return []
    found = [_read(path) for path in sorted(folder.iterdir()) if path.suffix in (".json", PENDING)]
    return sorted(found, key=lambda c: (c.seq, c.path.name))


def _read(path: Path) -> Checkpoint:
    from auditor.files import read_bounded

    def broken(message: str, seq: int = -1) -> Checkpoint:
        return Checkpoint(path=path, seq=seq, hash="", at="", signer_der=None, problem=message)

    try:
        data = json.loads(read_bounded(path, max_bytes=MAX_CHECKPOINT_BYTES, noun="checkpoint"))
    except InputError as exc:
        return broken(f"checkpoint {path.name}: {exc.message}")
    except (ValueError, UnicodeDecodeError):
        return broken(f"checkpoint {path.name}: not valid JSON")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return broken(f"checkpoint {path.name}: not an auditor checkpoint")
    seq, hash_, at = data.get("seq"), data.get("hash"), data.get("at")
    if not isinstance(seq, int) or not isinstance(hash_, str) or not isinstance(at, str):
        return broken(f"checkpoint {path.name}: seq, hash or time missing")
    try:
        der, ok = _check_signature(data, _payload(seq, hash_, at))
    except (ValueError, TypeError, KeyError):
        return broken(f"checkpoint {path.name}: certificate or signature unreadable", seq)
    if not ok:
        return Checkpoint(path, seq, hash_, at, der, f"checkpoint {path.name} (record {seq}): the signature does "
                                                    "not match its contents (forged or edited)")
    stamp = None
    if "timestamp" in data:
        stamp, problem = _check_timestamp(str(data["timestamp"]), _payload(seq, hash_, at))
        if problem:
            return Checkpoint(path, seq, hash_, at, der, f"checkpoint {path.name} (record {seq}): {problem}")
    return Checkpoint(path, seq, hash_, at, der, timestamp=stamp)


def add_timestamp(path: Path, tsa_url: str, *, timeout: float = 15) -> str:
    """Ask an RFC 3161 time-stamping authority to stamp the checkpoint's signed payload; returns its time.

    The token is kept in the checkpoint file: it shows the checkpoint existed at that time, so a
    checkpoint cannot be back-dated even by someone holding the signing key."""
    import asyncio
    import hashlib

    from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

    from auditor.files import write_private

    if not tsa_url.startswith(("http://", "https://")):
        raise InputError(f"--tsa {tsa_url!r}: a time-stamping authority is an http(s) URL")
    data = json.loads(path.read_text(encoding="utf-8"))
    digest = hashlib.sha256(_payload(data["seq"], data["hash"], data["at"])).digest()
    try:
        token = asyncio.run(RequestsHTTPTimeStamper(tsa_url, timeout=timeout).async_timestamp(digest, "sha256"))
    except Exception as exc:  # pyHanko wraps network and TSA failures in several types
        raise SigningError(f"time-stamping authority {tsa_url}: {' '.join(str(exc).split())[:200]}") from None
    data["timestamp"] = base64.b64encode(token.dump()).decode("ascii")
    stamp, problem = _check_timestamp(data["timestamp"], _payload(data["seq"], data["hash"], data["at"]))
    if problem:
        raise SigningError(f"time-stamping authority {tsa_url}: {problem}")
    write_private(path, json.dumps(data, indent=1, sort_keys=True) + "\n")
    return stamp or ""


def _check_timestamp(encoded: str, payload: bytes) -> tuple[str | None, str | None]:
    """The token's time, or why it does not stamp this payload (imprint or TSA signature wrong).

    The TSA's own certificate is not pinned: the token proves *when*, the checkpoint's signature *who*."""
    import asyncio
    import hashlib

    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data

    try:
        token = cms.ContentInfo.load(base64.b64decode(encoded, validate=True))
        signed = token["content"]
        info = signed["encap_content_info"]["content"].parsed
        gen_time = info["gen_time"].native
    except (ValueError, TypeError, KeyError):
        return None, "its time-stamp token is unreadable"
    imprint = hashlib.sha256(payload).digest()
    if info["message_imprint"]["hashed_message"].native != imprint:
        return None, "its time-stamp token stamps something else (edited after stamping)"
    try:
        from pyhanko_certvalidator import ValidationContext

        context = ValidationContext(trust_roots=[], allow_fetching=False)  # the TSA is not pinned: see above
        status = asyncio.run(validate_tst_signed_data(signed, context, lambda _algorithm: imprint))
    except Exception:  # a broken CMS structure fails deep inside the validator
        return None, "its time-stamp token's signature cannot be checked"
    if not (status.get("intact") and status.get("valid")):
        return None, "its time-stamp token's signature does not match"
    return gen_time.isoformat().replace("+00:00", "Z"), None


def _check_signature(data: dict[str, Any], payload: bytes) -> tuple[bytes, bool]:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    cert = x509.load_pem_x509_certificate(str(data["certificate"]).encode("ascii"))
    der = cert.public_bytes(serialization.Encoding.DER)
    signature = base64.b64decode(str(data["signature"]), validate=True)
    public = cert.public_key()
    try:
        if isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, payload, ec.ECDSA(hashes.SHA256()))
        elif isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, payload, padding.PKCS1v15(), hashes.SHA256())
        else:
            return der, False
    except InvalidSignature:
        return der, False
    return der, True


def retire_checkpoints(folder: Path) -> int:
    """Move checkpoints signed by a replaced key aside (``keys init --force``); they stay for the record."""
    from auditor.files import private_dir

    moved = 0
    if not folder.is_dir():
        return moved
    for path in folder.iterdir():
        if path.suffix in (".json", PENDING):
            target = private_dir(folder / RETIRED) / f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{path.name}"
            path.replace(target)
            moved += 1
    return moved


@dataclass(frozen=True)
class AnchorCheck:
    """How far the ledger is vouched for by a signed checkpoint, and what contradicts it."""

    anchored_seq: int | None
    signer: str | None
    signer_fingerprint: str | None
    unanchored: tuple[int, int] | None  # first and last record no checkpoint vouches for
    problems: tuple[tuple[str, int | None], ...]  # (message, seq)
    checkpoints: int
    timestamp: str | None = None  # the latest checkpoint's RFC 3161 time, when it carries one


def check_anchor(records: list[LedgerRecord], checkpoints: list[Checkpoint], pinned_ders: list[bytes],
                 own_cert: bool) -> AnchorCheck:
    """The latest trusted checkpoint must name a record the ledger still holds, unchanged."""
    from auditor.signing.trust import fingerprint, subject_of

    problems: list[tuple[str, int | None]] = []
    trusted: list[Checkpoint] = []
    by_seq = {r.seq: r for r in records}
    for point in checkpoints:
        if point.pending and (point.problem or by_seq.get(point.seq) is None
                              or by_seq[point.seq].hash != point.hash):
            continue  # a writer died before committing: this checkpoint never vouched for anything
        if point.problem:
            problems.append((point.problem, point.seq if point.seq >= 0 else None))
        elif point.signer_der not in pinned_ders:
            problems.append((f"checkpoint {point.path.name} (record {point.seq}) is signed by an untrusted key: "
                             f"{subject_of(point.signer_der)}, sha256 {fingerprint(point.signer_der)}", point.seq))
        else:
            trusted.append(point)
    last_seq = records[-1].seq if records else 0
    latest = max(trusted, key=lambda c: c.seq) if trusted else None
    for point in trusted:
        record = by_seq.get(point.seq)
        if record is None:
            problems.append((f"the ledger ends at record {last_seq} but a signed checkpoint vouches for record "
                             f"{point.seq} (records removed, or an older database restored)", point.seq))
        elif record.hash != point.hash:
            problems.append((f"record {point.seq} is not the one the signed checkpoint of {point.at} vouches for "
                             f"(the ledger was rewritten or replaced)", point.seq))
    if latest is None:
        unanchored = (1, last_seq) if last_seq else None
        if last_seq:
            why = ("no signing key in this workspace (run `auditor keys init`, then `auditor evidence anchor`)"
                   if not own_cert else "no signed checkpoint (run `auditor evidence anchor`)")
            problems.append((f"not anchored: no signed checkpoint vouches for records 1–{last_seq}: {why}", 1))
        return AnchorCheck(None, None, None, unanchored, tuple(problems), len(checkpoints))
    unanchored = (latest.seq + 1, last_seq) if last_seq > latest.seq else None
    if unanchored:
        first, last = unanchored
        span = f"record {first}" if first == last else f"records {first}–{last}"
        problems.append((f"not anchored: {span} came after the latest signed checkpoint (record {latest.seq}); "
                         "added while the signing key was locked, or forged (run `auditor evidence anchor` "
                         "with the key's passphrase if you added them)", first))
    return AnchorCheck(latest.seq, latest.signer_subject, latest.signer_fingerprint, unanchored,
                       tuple(problems), len(checkpoints), latest.timestamp)


def head_of(records: list[LedgerRecord]) -> LedgerHead | None:
    return LedgerHead(seq=records[-1].seq, hash=records[-1].hash) if records else None


def check_against(records: list[LedgerRecord], head: LedgerHead) -> str | None:
    """The first difference between the ledger now and the state a report was built on, or None."""
    if head.seq == 0:
        return None
    by_seq = {r.seq: r for r in records}
    last_seq = records[-1].seq if records else 0
    record = by_seq.get(head.seq)
    if record is None:
        return (f"the report was built on ledger record {head.seq}, but the ledger now ends at record {last_seq} "
                "(rolled back or truncated)")
    if record.hash != head.hash:
        return (f"ledger record {head.seq} is not the one the report was built on (hash {record.hash[:16]}… now, "
                f"{head.hash[:16]}… in the report): the ledger was rewritten")
    return None


def head_from_report(path: Path) -> LedgerHead:
    """The ``ledger_head`` a JSON report carries, or the one embedded in a PDF report."""
    from auditor.files import read_bounded

    data = read_bounded(path, max_bytes=64 << 20, noun="report")
    if data.lstrip()[:1] in (b"{", b"["):
        try:
            document = json.loads(data)
        except (ValueError, UnicodeDecodeError):
            raise InputError("not valid JSON", file=path) from None
        found = _find_head(document)
    elif b"%PDF-" in data[:1024]:
        found = _head_from_signed_pdf(path)
        if found is None:
            found = _head_from_pdf(data)
    else:
        raise InputError("neither a JSON nor a PDF report", file=path)
    if found is None:
        raise InputError("the report carries no ledger_head (made before ledger heads were recorded?)", file=path)
    try:
        return LedgerHead.model_validate(found)
    except ValueError:
        raise InputError("its ledger_head is not {seq, hash}", file=path) from None


def _find_head(document: Any) -> Any:
    """``ledger_head`` at the top level, or one level down (OSCAL wraps its document)."""
    if isinstance(document, dict):
        if "ledger_head" in document:
            return document["ledger_head"]
        for value in document.values():
            if isinstance(value, dict) and "ledger_head" in value:
                return value["ledger_head"]
        props = _oscal_props(document)
        if "ledger-head-seq" in props and "ledger-head-hash" in props:
            return {"seq": int(props["ledger-head-seq"]), "hash": props["ledger-head-hash"]}
    return None


def _oscal_props(document: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("name"), str) and "value" in item and str(item["name"]).startswith("ledger-head"):
                found[item["name"]] = str(item["value"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _head_from_signed_pdf(path: Path) -> Any:
    """A signed report's head as it was signed; a report changed after signing is refused (exit 1)."""
    from auditor.errors import IntegrityError
    from auditor.signing.verify import verify_pdf

    status = verify_pdf(path, [], require_trust=False)
    if not status.signed:
        return None
    if not status.intact or status.modified_after_signing:
        raise IntegrityError("the report was changed after signing, so the ledger head in it proves nothing "
                             "(see `auditor verify`)", file=path)
    return status.ledger_head


def _head_from_pdf(data: bytes) -> Any:
    """From the embedded ``ledger-head.json`` or the evidence manifest file of the PDF."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
        for i in range(0, len(names) - 1, 2):
            raw = names[i + 1]["/EF"]["/F"].data
            try:
                document = json.loads(raw.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue
            found = _find_head(document)
            if found is not None:
                return found
    except (KeyError, TypeError, AttributeError):
        return None
    except Exception as exc:  # a damaged PDF may fail anywhere in the parser
        raise SigningError(f"the PDF cannot be read: {' '.join(str(exc).split())[:200]}") from None
    return None
