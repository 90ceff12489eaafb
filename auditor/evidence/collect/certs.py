"""Reading a server certificate as it was presented, whether or not it verified.

With verification off, ``getpeercert()`` returns an empty dict, so the DER bytes are parsed
here with ``cryptography`` (imported on use).
"""

from __future__ import annotations

import ipaddress
from datetime import datetime
from typing import Any


def describe(der: bytes, now: datetime) -> dict[str, Any]:
    """What an auditor wants to see of one certificate: who, by whom, until when, for which names."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa

    cert = x509.load_der_x509_certificate(der)
    not_before, not_after = cert.not_valid_before_utc, cert.not_valid_after_utc
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        key_text = f"RSA {key.key_size}"
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key_text = f"EC {key.curve.name}"
    elif isinstance(key, (ed25519.Ed25519PublicKey, ed448.Ed448PublicKey)):
        key_text = type(key).__name__.replace("PublicKey", "")
    else:
        key_text = type(key).__name__
    signature_hash = cert.signature_hash_algorithm
    dns_names, ip_names = subject_alt_names(cert)
    return {
        "subject": cert.subject.rfc4514_string(),
        "issuer": cert.issuer.rfc4514_string(),
        "serial": format(cert.serial_number, "x"),
        "not_before": not_before.isoformat(),
        "not_after": not_after.isoformat(),
        "days_left": (not_after - now).days,
        "expired": now > not_after,
        "not_yet_valid": now < not_before,
        "self_signed": cert.issuer == cert.subject,
        "dns_names": dns_names,
        "ip_addresses": ip_names,
        "public_key": key_text,
        "signature_algorithm": signature_hash.name if signature_hash else cert.signature_algorithm_oid._name,
        "sha256_fingerprint": cert.fingerprint(hashes.SHA256()).hex(),
        "pem": cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
    }


def subject_alt_names(cert) -> tuple[list[str], list[str]]:
    from cryptography import x509

    try:
        extension = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return [], []
    dns = [str(name) for name in extension.get_values_for_type(x509.DNSName)]
    ips = [str(ip) for ip in extension.get_values_for_type(x509.IPAddress)]
    return dns, ips


def hostname_matches(host: str, dns_names: list[str], ip_names: list[str]) -> bool:
    """RFC 6125 matching on the subject alternative names; the common name is not consulted.

    A wildcard stands for exactly one whole left-most label (``*.example.com`` matches
    ``www.example.com``, not ``example.com`` nor ``a.b.example.com``).
    """
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        address = None
    if address is not None:
        return any(_same_ip(address, name) for name in ip_names)
    wanted = _ascii_host(host)
    for pattern in dns_names:
        pattern = pattern.lower().rstrip(".")
        if pattern == wanted:
            return True
        if pattern.startswith("*.") and "*" not in pattern[2:]:
            head, _, rest = wanted.partition(".")
            if head and rest == pattern[2:] and rest.count(".") >= 1:
                return True
    return False


def _same_ip(address, text: str) -> bool:
    try:
        return ipaddress.ip_address(text) == address
    except ValueError:
        return False


def _ascii_host(host: str) -> str:
    host = host.lower().rstrip(".")
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def summary(details: dict[str, Any]) -> dict[str, Any]:
    """The certificate without its PEM, for check results (the PEM stays in the stored observation)."""
    return {k: v for k, v in details.items() if k != "pem"}
