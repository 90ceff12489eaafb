"""The reviewer's signing key and certificate: create, import from PKCS#12, load for signing.

ECDSA P-256 because poppler's ``pdfsig`` (and so many desktop viewers) cannot check Ed25519
PDF signatures. The private key is stored encrypted under a passphrase unless the user asks
otherwise, always with mode 0600; the certificate beside it is public.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from auditor.errors import SigningError
from auditor.yamlio import write_atomic

KEY_FILE = "signing-key.pem"
CERT_FILE = "signing-cert.pem"
CHAIN_FILE = "chain.pem"
DEFAULT_NAME = "auditor reviewer"
DEFAULT_VALID_DAYS = 730
# id-kp-documentSigning (RFC 9336): the certificate is meant for signing documents.
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")


@dataclass(frozen=True)
class KeyInfo:
    """What `auditor keys show` prints: everything about the keys except the secret."""

    key_path: Path
    cert_path: Path
    chain_path: Path | None
    subject: str
    issuer: str
    serial: str
    not_before: datetime
    not_after: datetime
    fingerprint_sha256: str
    key_type: str
    encrypted: bool
    self_signed: bool
    chain_length: int


@dataclass(frozen=True)
class SigningMaterial:
    """A loaded private key with its certificate and any intermediates, ready to sign."""

    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()


def key_path(keys_dir: Path) -> Path:
    return keys_dir / KEY_FILE


def cert_path(keys_dir: Path) -> Path:
    return keys_dir / CERT_FILE


def keys_exist(keys_dir: Path) -> bool:
    return key_path(keys_dir).exists() or cert_path(keys_dir).exists()


def key_is_encrypted(keys_dir: Path) -> bool:
    """Whether loading the key will need a passphrase (so the CLI knows to ask for one)."""
    path = key_path(keys_dir)
    try:
        head = path.read_bytes()[:64]
    except FileNotFoundError:
        raise SigningError(f"no signing key in {keys_dir}: run `auditor keys init` first") from None
    return b"ENCRYPTED" in head


def _refuse_overwrite(keys_dir: Path, force: bool) -> None:
    if keys_exist(keys_dir) and not force:
        raise SigningError(f"signing keys already exist in {keys_dir}: pass --force to replace them")


def _encryption(passphrase: bytes | None) -> serialization.KeySerializationEncryption:
    if passphrase is None:
        return serialization.NoEncryption()
    if not passphrase:
        raise SigningError("empty passphrase: give one, or use --no-passphrase for an unencrypted key")
    return serialization.BestAvailableEncryption(passphrase)


def _write(keys_dir: Path, key, cert: x509.Certificate, chain: list[x509.Certificate],
           passphrase: bytes | None) -> KeyInfo:
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                _encryption(passphrase))
    from auditor.files import private_dir

    private_dir(keys_dir)
    write_atomic(key_path(keys_dir), pem_key, mode=0o600)
    write_atomic(cert_path(keys_dir), cert.public_bytes(serialization.Encoding.PEM), mode=0o644)
    chain_file = keys_dir / CHAIN_FILE
    if chain:
        write_atomic(chain_file, b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain), mode=0o644)
    elif chain_file.exists():
        chain_file.unlink()
    return describe_keys(keys_dir)


def generate_keys(keys_dir: Path, *, name: str = DEFAULT_NAME, passphrase: bytes | None,
                  force: bool = False, valid_days: int = DEFAULT_VALID_DAYS,
                  now: datetime | None = None) -> KeyInfo:
    """A fresh P-256 key and a self-signed certificate fit for document signing."""
    _refuse_overwrite(keys_dir, force)
    name = name.strip()
    if not name:
        raise SigningError("--name must not be empty")
    if any(ord(ch) < 0x20 or 0x7f <= ord(ch) < 0xa0 or ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
           for ch in name):
        # the signer's name is shown by every PDF reader: no bidi override may disguise it
        raise SigningError("--name contains control or bidirectional-override characters")
    _encryption(passphrase)  # refuse an empty passphrase before doing any work
    key = ec.generate_private_key(ec.SECP256R1())
    start = (now or datetime.now(timezone.utc)) - timedelta(minutes=5)  # tolerate a little clock skew
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False,
                          crl_sign=False, encipher_only=False, decipher_only=False),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                       critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return _write(keys_dir, key, cert, [], passphrase)


def _check_key_type(key, source: str) -> None:
    if isinstance(key, ec.EllipticCurvePrivateKey) or isinstance(key, rsa.RSAPrivateKey):
        return
    kind = type(key).__name__.replace("PrivateKey", "").lstrip("_") or "this"
    raise SigningError(f"{source}: {kind} keys are not accepted by common PDF validators such as poppler's "
                       "pdfsig; use an ECDSA P-256 or RSA key")


def import_pkcs12(keys_dir: Path, p12_file: Path, *, p12_passphrase: bytes | None,
                  passphrase: bytes | None, force: bool = False) -> KeyInfo:
    """Take an existing key and certificate (and chain) from a PKCS#12 file."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    _refuse_overwrite(keys_dir, force)
    _encryption(passphrase)
    if p12_file.exists() and not p12_file.is_file():  # a FIFO or /dev/zero would block or never end
        raise SigningError(f"{p12_file}: not a regular file")
    try:
        data = p12_file.read_bytes()
    except FileNotFoundError:
        raise SigningError(f"{p12_file}: no such file") from None
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, p12_passphrase or None)
    except ValueError:
        raise SigningError(f"{p12_file}: wrong passphrase, or not a PKCS#12 file "
                           "(set AUDITOR_P12_PASSPHRASE to its passphrase)") from None
    if key is None or cert is None:
        raise SigningError(f"{p12_file}: the PKCS#12 file must hold a private key and its certificate")
    _check_key_type(key, str(p12_file))
    if key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo) != \
            cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo):
        raise SigningError(f"{p12_file}: the certificate does not belong to the private key")
    return _write(keys_dir, key, cert, list(extra or []), passphrase)


def _load_cert(keys_dir: Path) -> x509.Certificate:
    path = cert_path(keys_dir)
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except FileNotFoundError:
        raise SigningError(f"no signing certificate in {keys_dir}: run `auditor keys init` first") from None
    except ValueError:
        raise SigningError(f"{path}: not a PEM certificate") from None


def _load_chain(keys_dir: Path) -> list[x509.Certificate]:
    path = keys_dir / CHAIN_FILE
    if not path.exists():
        return []
    try:
        return x509.load_pem_x509_certificates(path.read_bytes())
    except ValueError:
        raise SigningError(f"{path}: not a list of PEM certificates") from None


def _key_type(cert: x509.Certificate) -> str:
    public = cert.public_key()
    if isinstance(public, ec.EllipticCurvePublicKey):
        return {"secp256r1": "ECDSA P-256", "secp384r1": "ECDSA P-384"}.get(public.curve.name,
                                                                          f"ECDSA {public.curve.name}")
    if isinstance(public, rsa.RSAPublicKey):
        return f"RSA {public.key_size}"
    return type(public).__name__


def signer_name(cert: x509.Certificate) -> str:
    """Who signs, as people read it: the certificate's common name (else its whole subject)."""
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def describe_keys(keys_dir: Path) -> KeyInfo:
    """Read the certificate (no passphrase needed) and say what is there."""
    cert = _load_cert(keys_dir)
    chain = _load_chain(keys_dir)
    fingerprint = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()
    chain_file = keys_dir / CHAIN_FILE
    return KeyInfo(
        key_path=key_path(keys_dir),
        cert_path=cert_path(keys_dir),
        chain_path=chain_file if chain_file.exists() else None,
        subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        serial=format(cert.serial_number, "x"),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        fingerprint_sha256=fingerprint,
        key_type=_key_type(cert),
        encrypted=key_is_encrypted(keys_dir),
        self_signed=cert.subject == cert.issuer,
        chain_length=len(chain),
    )


def load_signing_material(keys_dir: Path, passphrase: bytes | None, *,
                          now: datetime | None = None) -> SigningMaterial:
    """Decrypt the key; a wrong passphrase or a key that does not fit its certificate is one clear error."""
    path = key_path(keys_dir)
    try:
        pem = path.read_bytes()
    except FileNotFoundError:
        raise SigningError(f"no signing key in {keys_dir}: run `auditor keys init` first") from None
    encrypted = b"ENCRYPTED" in pem[:64]
    if encrypted and not passphrase:
        raise SigningError(f"{path}: the signing key is encrypted: set AUDITOR_KEY_PASSPHRASE "
                           "or run from a terminal to be asked")
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase if encrypted else None)
    except ValueError:
        if encrypted:
            raise SigningError(f"{path}: wrong passphrase for the signing key") from None
        raise SigningError(f"{path}: not a PEM private key") from None
    except TypeError:
        raise SigningError(f"{path}: not a PEM private key") from None
    _check_key_type(key, str(path))
    cert = _load_cert(keys_dir)
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(serialization.Encoding.DER, spki) != \
            cert.public_key().public_bytes(serialization.Encoding.DER, spki):
        raise SigningError(f"{cert_path(keys_dir)}: the certificate does not belong to the signing key "
                           "(run `auditor keys init --force`)")
    moment = now or datetime.now(timezone.utc)
    if not cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc:
        raise SigningError(f"{cert_path(keys_dir)}: the signing certificate is valid only from "
                           f"{cert.not_valid_before_utc:%Y-%m-%d} to {cert.not_valid_after_utc:%Y-%m-%d}; "
                           "renew it with `auditor keys init --force`")
    return SigningMaterial(key=key, cert=cert, chain=tuple(_load_chain(keys_dir)))
