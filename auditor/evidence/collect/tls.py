"""The TLS check: protocol versions accepted, the negotiated cipher, and the certificate.

Versions are probed one at a time (``minimum_version`` = ``maximum_version``). TLS 1.0 and
1.1 need the client itself to allow legacy algorithms (OpenSSL 3 refuses them at its default
security level), so those probes lower the client's security level; when this machine's TLS
library still cannot offer a version, the version is reported ``untestable`` with the reason,
never as "not accepted".

Trust is judged with verification on. When it fails, the certificate is read again without
verification so the result can say what was presented, and the failure itself is the result.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from auditor.evidence.collect import certs
from auditor.evidence.collect.net import (
    NetError, NetOptions, tls_handshake, trust_context, unverified_context, with_retries,
)
from auditor.model.enums import CheckStatus
from auditor.model.evidence import CheckResult

CONTROLS = ["encryption-in-transit"]
PROTOCOLS: tuple[tuple[str, str, str], ...] = (
    ("TLSv1", "TLSv1", "HAS_TLSv1"),
    ("TLSv1.1", "TLSv1_1", "HAS_TLSv1_1"),
    ("TLSv1.2", "TLSv1_2", "HAS_TLSv1_2"),
    ("TLSv1.3", "TLSv1_3", "HAS_TLSv1_3"),
)
LEGACY = ("TLSv1", "TLSv1.1")
_PRETTY = {"TLSv1": "TLS 1.0", "TLSv1.1": "TLS 1.1"}


@dataclass
class TlsOutcome:
    check: CheckResult
    raw: dict[str, Any]
    reachable: bool
    reason: str | None = None  # why the host is unreachable
    certificate_verified: bool = False
    problems: list[str] = field(default_factory=list)


def local_refusals() -> dict[str, str]:
    """Versions this machine's TLS library will not offer at all, with the reason (checked offline)."""
    refused: dict[str, str] = {}
    for name, member, flag in PROTOCOLS:
        if not getattr(ssl, flag, False):
            refused[name] = f"this Python's TLS library ({ssl.OPENSSL_VERSION}) was built without {name}"
            continue
        try:
            context = _version_context(name, member)
            probe = context.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname="probe.invalid")
            probe.do_handshake()
        except ssl.SSLWantReadError:
            continue  # the ClientHello went out: the version can be offered
        except (ssl.SSLError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or str(exc)
            refused[name] = f"{ssl.OPENSSL_VERSION} on this machine refuses to offer {name} ({reason})"
    return refused


def _version_context(name: str, member: str) -> ssl.SSLContext:
    context = unverified_context(legacy=name in LEGACY)
    version = getattr(ssl.TLSVersion, member)
    context.minimum_version = version
    context.maximum_version = version
    return context


def check_tls(host: str, port: int, options: NetOptions, refusals: dict[str, str], now: datetime) -> TlsOutcome:
    raw: dict[str, Any] = {"host": host, "port": port, "tls_library": ssl.OPENSSL_VERSION}
    verifying, trust_store = trust_context(options.ca_bundle)
    legacy_verifying, _ = trust_context(options.ca_bundle, legacy=True)
    raw["trust_store"] = trust_store
    trusted: bool | None = None
    verify_error: str | None = None
    handshake_errors: list[str] = []
    sock = None
    try:
        for context in (verifying, legacy_verifying):
            try:
                sock = with_retries(lambda c=context: tls_handshake(host, port, c, options), options)
                trusted = True
                break
            except ssl.SSLCertVerificationError as exc:
                trusted, verify_error = False, exc.verify_message or str(exc)
                raw["verify_code"] = exc.verify_code
                break
            except ssl.SSLError as exc:
                handshake_errors.append(exc.reason or str(exc))
        if sock is None:
            for legacy in (False, True):
                try:
                    sock = with_retries(lambda lg=legacy: tls_handshake(host, port, unverified_context(legacy=lg),
                                                                        options), options)
                    break
                except ssl.SSLError as exc:
                    handshake_errors.append(exc.reason or str(exc))
    except NetError as exc:
        return _unreachable(raw, exc.message)
    if sock is None:
        message = f"no TLS handshake possible with {host}:{port}: {'; '.join(dict.fromkeys(handshake_errors))}"
        return _unreachable(raw, message)
    try:
        raw["protocol"] = sock.version()
        name, protocol, bits = sock.cipher()
        raw["cipher"] = {"name": name, "protocol": protocol, "bits": bits}
        raw["address"] = sock.getpeername()[0]
        chain_der = _chain(sock)
    finally:
        sock.close()
    raw["trusted"] = trusted
    raw["verify_error"] = verify_error
    details = [certs.describe(der, now) for der in chain_der]
    raw["chain"] = details
    leaf = details[0] if details else None
    raw["versions"] = {name: _probe(host, port, name, member, options, refusals) for name, member, _ in PROTOCOLS}
    return _judge(host, raw, leaf, trusted, verify_error)


def _chain(sock: ssl.SSLSocket) -> list[bytes]:
    """The certificates the server sent, leaf first (private API before Python 3.13, hence the guard)."""
    getter = getattr(sock, "get_unverified_chain", None) or getattr(getattr(sock, "_sslobj", None),
                                                                    "get_unverified_chain", None)
    if getter is not None:
        try:
            chain = getter() or []
            return [c if isinstance(c, bytes) else c.public_bytes(2) for c in chain]  # 2: ENCODING_DER
        except (ssl.SSLError, AttributeError, TypeError):
            pass
    leaf = sock.getpeercert(binary_form=True)
    return [leaf] if leaf else []


def _probe(host: str, port: int, name: str, member: str, options: NetOptions,
           refusals: dict[str, str]) -> dict[str, Any]:
    if name in refusals:
        return {"result": "untestable", "detail": refusals[name]}
    try:
        sock = tls_handshake(host, port, _version_context(name, member), options)
    except ssl.SSLError as exc:
        return {"result": "refused", "detail": exc.reason or str(exc)}
    except NetError as exc:
        if exc.phase == "handshake" and not exc.timeout:
            return {"result": "refused", "detail": exc.message}
        return {"result": "error", "detail": exc.message}
    try:
        negotiated = sock.version()
        cipher = sock.cipher()[0]
    finally:
        sock.close()
    if negotiated != name:
        return {"result": "refused", "detail": f"server answered with {negotiated}"}
    return {"result": "accepted", "cipher": cipher}


def _judge(host: str, raw: dict[str, Any], leaf: dict[str, Any] | None, trusted: bool | None,
           verify_error: str | None) -> TlsOutcome:
    versions = raw["versions"]
    accepted = [name for name, result in versions.items() if result["result"] == "accepted"]
    raw["accepted_versions"] = accepted
    problems: list[str] = []
    for name in LEGACY:
        if versions[name]["result"] == "accepted":
            problems.append(f"accepts {_PRETTY[name]}")
    if raw.get("protocol") in LEGACY or raw.get("protocol", "").startswith("SSL"):
        problems.append(f"negotiates {raw['protocol']}")
    if leaf is None:
        problems.append("no certificate presented")
        hostname_ok = False
    else:
        hostname_ok = certs.hostname_matches(host, leaf["dns_names"], leaf["ip_addresses"])
        raw["certificate"] = certs.summary(leaf)
        if leaf["expired"]:
            problems.append(f"certificate expired on {leaf['not_after'][:10]} ({-leaf['days_left']} days ago)")
        elif leaf["not_yet_valid"]:
            problems.append(f"certificate not valid before {leaf['not_before'][:10]}")
        if not hostname_ok:
            names = ", ".join(leaf["dns_names"] + leaf["ip_addresses"]) or "none"
            problems.append(f"certificate does not name {host} (it names: {names})")
    raw["hostname_match"] = hostname_ok
    if trusted is False:
        problems.append(f"certificate not trusted: {verify_error}")
    elif trusted is None:
        problems.append("certificate trust could not be checked (the verified handshake failed)")
    untestable = [name for name, result in versions.items() if result["result"] == "untestable"]
    notes = [f"{name} untestable here: {versions[name]['detail']}" for name in untestable]
    verified = bool(trusted) and hostname_ok and leaf is not None and not leaf["expired"] and not leaf["not_yet_valid"]
    if problems:
        status, message = CheckStatus.FAIL, "; ".join(problems)
    else:
        cert_text = f"certificate valid {leaf['days_left']} more days, trusted, names {host}" if leaf else ""
        status = CheckStatus.PASS
        versions_text = ", ".join(accepted) or "nothing"
        message = f"{raw['protocol']} with {raw['cipher']['name']}; accepts {versions_text}; {cert_text}"
    if notes:
        message = f"{message}; {'; '.join(notes)}"
    observed = {k: v for k, v in raw.items() if k != "chain"}
    observed["chain"] = [{k: c[k] for k in ("subject", "issuer", "not_after", "sha256_fingerprint")}
                         for c in raw["chain"]]
    check = CheckResult(name="tls", status=status, observed=observed, message=message, controls=list(CONTROLS))
    return TlsOutcome(check=check, raw=raw, reachable=True, certificate_verified=verified, problems=problems)


def _unreachable(raw: dict[str, Any], message: str) -> TlsOutcome:
    raw["error"] = message
    check = CheckResult(name="tls", status=CheckStatus.ERROR, observed=dict(raw), message=message,
                        controls=list(CONTROLS))
    return TlsOutcome(check=check, raw=raw, reachable=False, reason=message)


def plain_http(host: str, port: int) -> TlsOutcome:
    """An ``http://`` URL: no encryption in transit to judge, which is itself a failure."""
    raw = {"host": host, "port": port, "protocol": None}
    check = CheckResult(name="tls", status=CheckStatus.FAIL, observed=raw, controls=list(CONTROLS),
                        message="served over plain HTTP: no TLS at all")
    return TlsOutcome(check=check, raw=raw, reachable=True, certificate_verified=False)
