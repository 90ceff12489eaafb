"""Check a signed report: signature valid, document unchanged since signing, who signed and when.

"Unchanged" is stricter than pyHanko's overall verdict: that verdict accepts an incremental
update of the document information or bytes after ``%%EOF``. Here the signature must cover
the whole file, byte for byte; anything added after signing is a modification.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from auditor.errors import InputError

MANIFEST_FILE = "evidence-manifest.json"
LEDGER_HEAD_FILE = "ledger-head.json"
MANIFEST_KEYWORD = "evidence-manifest-sha256"
_MANIFEST_RE = re.compile(MANIFEST_KEYWORD + r"[=:]\s*([0-9a-f]{64})")


@dataclass(frozen=True)
class VerificationStatus:
    """The verdict on one PDF; `ok` is what the exit code follows."""

    file: str
    signed: bool
    valid: bool = False
    intact: bool = False
    covers_whole_file: bool = False
    modified_after_signing: bool = False
    signer: str | None = None
    signer_fingerprint: str | None = None
    signed_at: datetime | None = None
    timestamped: bool = False
    level: str | None = None
    trusted: bool = False
    trust_checked: bool = False
    evidence_manifest: str | None = None
    manifest_entries: tuple[dict[str, Any], ...] = ()
    manifest_consistent: bool | None = None
    signatures: int = 0
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    ledger_head: dict[str, Any] | None = None  # as signed: the evidence ledger head the report was built on

    @property
    def ok(self) -> bool:
        return (self.signed and self.valid and self.intact and self.covers_whole_file
                and not self.modified_after_signing and not self.problems)

    def to_json(self) -> dict[str, Any]:
        """The contract's shape first, then the details."""
        return {
            "valid": self.valid,
            "intact": self.intact,
            "signer": self.signer,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "trusted": self.trusted,
            "evidence_manifest": self.evidence_manifest,
            "ok": self.ok,
            "file": self.file,
            "signed": self.signed,
            "covers_whole_file": self.covers_whole_file,
            "modified_after_signing": self.modified_after_signing,
            "signer_fingerprint": self.signer_fingerprint,
            "timestamped": self.timestamped,
            "level": self.level,
            "trust_checked": self.trust_checked,
            "evidence_items": len(self.manifest_entries),
            "manifest_consistent": self.manifest_consistent,
            "signatures": self.signatures,
            "ledger_head": self.ledger_head,
            "problems": list(self.problems),
            "notes": list(self.notes),
        }


def canonical_manifest_digest(entries: list[dict[str, Any]]) -> str:
    """Same rule as the report's manifest digest: canonical JSON sorted by sha256, then sha256."""
    ordered = sorted(entries, key=lambda e: str(e.get("sha256", "")))
    blob = json.dumps(ordered, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def manifest_attachment_bytes(entries: list[dict[str, Any]]) -> bytes:
    """What is embedded as evidence-manifest.json: the entries in the digest's own order."""
    ordered = sorted(entries, key=lambda e: str(e.get("sha256", "")))
    return json.dumps(ordered, sort_keys=True, indent=1, ensure_ascii=False).encode("utf-8")


def load_trust_roots(paths: list[Path]) -> list[bytes]:
    """DER certificates from PEM or DER files, or every certificate file in a folder (--trust)."""
    from auditor.signing.trust import certificates_in

    return [der for path in paths for _, ders in certificates_in(Path(path)) for der in ders]


MAX_PDF_BYTES = 64 * 1024 * 1024
"""A report of every framework is a few MB; parsing a huge file would take minutes and GBs."""


def _read_pdf_bytes(path: Path) -> bytes:
    import stat

    try:
        info = path.stat()
        if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):
            raise InputError(f"{path}: not a regular file")  # a FIFO or /dev/zero would block or never end
        if info.st_size > MAX_PDF_BYTES:
            raise InputError(f"{path}: too large to be an audit report ({info.st_size:,} bytes; "
                             f"limit {MAX_PDF_BYTES:,})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a PDF") from None
    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{path}: not a PDF (no %PDF- header)")
    return data


def _manifest_from(resolver, root, problems: list[str]) -> tuple[str | None, list[dict[str, Any]] | None]:
    """The digest from the document information and the embedded manifest, at one revision."""
    digest = None
    try:
        info_ref = resolver.trailer_view.raw_get("/Info")
        info = resolver.get_object(info_ref.reference) if hasattr(info_ref, "reference") else info_ref
        for key in ("/Keywords", "/Subject"):
            match = _MANIFEST_RE.search(str(info.get(key, "")))
            if match:
                digest = match.group(1)
                break
    except (KeyError, AttributeError, TypeError):
        pass
    entries = None
    try:
        names = root["/Names"]["/EmbeddedFiles"]["/Names"]
        for i in range(0, len(names) - 1, 2):
            if str(names[i]) == MANIFEST_FILE:
                raw = names[i + 1]["/EF"]["/F"].data
                loaded = json.loads(raw.decode("utf-8"))
                if isinstance(loaded, list) and all(isinstance(e, dict) for e in loaded):
                    entries = loaded
                else:
                    problems.append(f"{MANIFEST_FILE} embedded in the document is not a list of entries")
                break
    except (KeyError, TypeError, AttributeError):
        pass
    except (ValueError, UnicodeDecodeError):
        problems.append(f"{MANIFEST_FILE} embedded in the document is not valid JSON")
    return digest, entries


def _ledger_head_from(root) -> dict[str, Any] | None:
    """The signed ``ledger-head.json`` ({seq, hash} of the evidence ledger), if the report embeds one."""
    try:
        names = root["/Names"]["/EmbeddedFiles"]["/Names"]
        for i in range(0, len(names) - 1, 2):
            if str(names[i]) == LEDGER_HEAD_FILE:
                head = json.loads(names[i + 1]["/EF"]["/F"].data.decode("utf-8")).get("ledger_head")
                return head if isinstance(head, dict) else None
    except (KeyError, TypeError, AttributeError, ValueError, UnicodeDecodeError):
        return None
    return None


def _trust_context(trust_roots: list[bytes]):
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(trust_roots=[asn1_x509.Certificate.load(der) for der in trust_roots],
                             allow_fetching=False)


def verify_pdf(path: Path, trust_roots: list[bytes] | None = None, *, require_trust: bool = True
               ) -> VerificationStatus:
    """Validate the report's signature in ``path`` and check nothing was added after it.

    ``trust_roots`` are the pinned signers (DER): the signer must be one of them or chain to one.
    Any other signer is a problem ("signed by an untrusted key"), unless ``require_trust`` is
    False (``--any-signer``), which is then stated in the notes.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    from auditor.signing.sign import quiet_pyhanko_logs

    quiet_pyhanko_logs()
    path = Path(path)
    data = _read_pdf_bytes(path)
    trust_roots = trust_roots or []
    problems: list[str] = []
    notes: list[str] = []
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as exc:  # a damaged file may fail anywhere in the parser: it is simply not valid
        return VerificationStatus(file=str(path), signed=False,
                                  problems=(f"the PDF structure cannot be read: {_short(exc)}",))
    if not signatures:
        digest, entries = _manifest_from(reader, reader.root, problems)
        return VerificationStatus(file=str(path), signed=False, evidence_manifest=digest,
                                  manifest_entries=tuple(entries or ()),
                                  problems=("the document carries no signature", *problems))
    # The report's own signature is the first one; whatever came after it, even another signature,
    # is a change to the document as the reviewer signed it.
    report_sig = min(signatures, key=lambda s: s.signed_revision)
    result: dict[str, Any] = {"signatures": len(signatures), "trust_checked": require_trust}
    later = [s for s in signatures if s is not report_sig]
    if later:
        problems.append(f"{len(later)} more signature(s) were added after the report was signed "
                        f"(field {', '.join(str(s.field_name) for s in later)})")
    try:
        status = validate_pdf_signature(report_sig, _trust_context(trust_roots))
    except Exception as exc:  # SignatureValidationError, or a broken CMS blob failing deeper down
        problems.append(f"the signature cannot be validated: {_short(exc)}")
        status = None
    if status is not None:
        result["valid"] = bool(status.valid and status.intact)
        result["signed_at"] = status.signer_reported_dt
        if status.timestamp_validity is not None:
            result["timestamped"] = True
            result["signed_at"] = status.timestamp_validity.timestamp
            if not (status.timestamp_validity.intact and status.timestamp_validity.valid):
                problems.append("the signature timestamp is not valid")
        result["level"] = "PAdES B-T" if result.get("timestamped") else "PAdES B-B"
        result.update(_signer_details(status.signing_cert))
        if not status.intact:
            problems.append("the signed bytes were changed after signing (digest mismatch)")
        elif not status.valid:
            problems.append("the signature does not match the signer's certificate")
        signer_der = status.signing_cert.dump()
        result["trusted"] = signer_der in trust_roots or bool(trust_roots and status.trusted)
        if not result["trusted"]:
            who = f"{result.get('signer')}, sha256 {result.get('signer_fingerprint')}"
            if require_trust:
                hint = ("this workspace trusts no signer: run `auditor keys init`, put the signer's certificate "
                        "in trusted-signers/, or pass --trust CERT" if not trust_roots else
                        "not this workspace's key, not in trusted-signers/, not given with --trust")
                problems.append(f"signed by an untrusted key: {who} ({hint})")
            else:
                notes.append(f"--any-signer: the signer ({who}) was NOT checked against trusted keys; "
                             "anyone can make a valid signature with a key of their own")
    try:
        byte_range = [int(x) for x in report_sig.sig_object["/ByteRange"]]
        later_revisions = reader.xrefs.total_revisions - 1 - report_sig.signed_revision
        signed_view = reader.get_historical_resolver(report_sig.signed_revision)
        digest, entries = _manifest_from(signed_view, signed_view.root, problems)
        result["ledger_head"] = _ledger_head_from(signed_view.root)
    except Exception as exc:  # a damaged byte range or revision table: nothing can be vouched for
        problems.append(f"the signed revision cannot be read: {_short(exc)}")
        byte_range, later_revisions, digest, entries = [], 0, None, None
    whole = (len(byte_range) == 4 and byte_range[0] == 0 and byte_range[2] + byte_range[3] == len(data))
    result["covers_whole_file"] = whole
    result["modified_after_signing"] = not whole or later_revisions > 0
    if later_revisions > 0:
        problems.append(f"{later_revisions} incremental update(s) were added after signing")
    elif not whole and byte_range:
        end = byte_range[2] + byte_range[3] if len(byte_range) == 4 else 0
        problems.append(f"{len(data) - end} byte(s) follow the signed range: the file was changed after signing")
    result["intact"] = bool(status is not None and status.intact and not result["modified_after_signing"])
    result.update(_manifest_checks(digest, entries, problems, notes))
    return VerificationStatus(file=str(path), signed=True, problems=tuple(problems), notes=tuple(notes), **result)


def _manifest_checks(digest, entries, problems: list[str], notes: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"evidence_manifest": digest, "manifest_entries": tuple(entries or ())}
    if digest is None:
        notes.append("no evidence-manifest digest in the signed document (not an auditor report?)")
        return out
    if entries is None:
        problems.append(f"the document names evidence manifest {digest} but does not embed {MANIFEST_FILE}")
        out["manifest_consistent"] = False
        return out
    recomputed = canonical_manifest_digest(entries)
    out["manifest_consistent"] = recomputed == digest
    if recomputed != digest:
        problems.append(f"the embedded evidence manifest hashes to {recomputed}, not to the stated {digest}")
    return out


def _signer_details(asn1_cert) -> dict[str, Any]:
    from cryptography import x509

    der = asn1_cert.dump()
    try:
        subject = x509.load_der_x509_certificate(der).subject.rfc4514_string()
    except ValueError:
        subject = asn1_cert.subject.human_friendly
    return {"signer": subject, "signer_fingerprint": hashlib.sha256(der).hexdigest()}


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
