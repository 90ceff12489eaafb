"""Which signers a workspace trusts: its own certificate, its trusted-signers folder, and --trust.

One place answers "may this certificate vouch for a report or a ledger checkpoint?", so the PDF
verifier and the ledger's checkpoints pin the same keys. A certificate is trusted when its
SHA-256 fingerprint (of the DER encoding) is one of the pinned ones, or when it chains to one
of them (checked by pyHanko for PDFs).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import InputError

CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der")
MAX_CERT_BYTES = 1 << 20


@dataclass(frozen=True)
class PinnedCert:
    """A certificate a workspace trusts, with where it came from (shown when nothing matches)."""

    der: bytes
    subject: str
    source: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.der)


def fingerprint(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def subject_of(der: bytes) -> str:
    from cryptography import x509

    try:
        return x509.load_der_x509_certificate(der).subject.rfc4514_string()
    except ValueError:
        return "(unreadable certificate)"


def read_certificates(path: Path) -> list[bytes]:
    """DER certificates from one PEM or DER file; a bad file is one clear error (exit 2)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from auditor.files import read_bounded

    data = read_bounded(Path(path), max_bytes=MAX_CERT_BYTES, noun="certificate file")
    try:
        certs = x509.load_pem_x509_certificates(data) if b"-----BEGIN" in data else \
            [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise InputError("not a PEM or DER X.509 certificate", file=path) from None
    return [c.public_bytes(Encoding.DER) for c in certs]


def certificates_in(path: Path) -> list[tuple[Path, list[bytes]]]:
    """A file, or every certificate file (*.pem, *.crt, *.cer, *.der) directly in a folder."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in CERT_SUFFIXES)
        return [(p, read_certificates(p)) for p in files]
    if not path.exists():
        raise InputError("no such certificate file or folder", file=path)
    return [(path, read_certificates(path))]


def pinned_signers(keys_dir: Path, trusted_dir: Path | None, extra: list[Path] = ()) -> list[PinnedCert]:
    """The workspace's own signing certificate, its trusted-signers folder, and ``extra`` (--trust)."""
    from auditor.signing.keys import cert_path

    pinned: list[PinnedCert] = []
    sources: list[Path] = []
    own = cert_path(keys_dir)
    if own.is_file():
        sources.append(own)
    if trusted_dir is not None and trusted_dir.is_dir():
        sources.append(trusted_dir)
    sources.extend(Path(p) for p in extra)
    seen: set[bytes] = set()
    for source in sources:
        for file, ders in certificates_in(source):
            for der in ders:
                if der not in seen:
                    seen.add(der)
                    pinned.append(PinnedCert(der=der, subject=subject_of(der), source=str(file)))
    return pinned


def is_pinned(der: bytes, pinned: list[PinnedCert]) -> bool:
    return any(p.der == der for p in pinned)
