"""Connections with deadlines: connect and read timeouts, bounded retries with backoff.

Every network step of a live check goes through here, so a host that refuses, resets or
never answers turns into a ``NetError`` after a known, bounded time.
"""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

LEGACY_CIPHERS = "ALL:@SECLEVEL=0"  # lets the client itself speak TLS 1.0/1.1 to find out if the server does


@dataclass(frozen=True)
class NetOptions:
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    ca_bundle: Path | None = None
    user_agent: str = "auditor (vendor security review)"


class NetError(Exception):
    """A network step failed; ``transient`` failures (timeouts, refusals, resets) are retried."""

    def __init__(self, message: str, *, transient: bool, phase: str, timeout: bool = False):
        super().__init__(message)
        self.message = message
        self.transient = transient
        self.phase = phase
        self.timeout = timeout


def with_retries(action: Callable[[], T], options: NetOptions, *, sleep: Callable[[float], None] = time.sleep) -> T:
    """Run ``action``; on a transient NetError try again, at most ``options.retries`` more times."""
    attempt = 0
    while True:
        try:
            return action()
        except NetError as exc:
            if not exc.transient or attempt >= options.retries:
                if attempt:
                    exc.message = f"{exc.message} (after {attempt + 1} attempts)"
                raise
            sleep(options.backoff * (2 ** attempt))
            attempt += 1


def connect(host: str, port: int, options: NetOptions) -> socket.socket:
    try:
        sock = socket.create_connection((host, port), timeout=options.connect_timeout)
    except socket.gaierror as exc:
        raise NetError(f"cannot resolve {host}: {exc.strerror or exc}", transient=False, phase="dns") from None
    except TimeoutError:
        raise NetError(f"connection to {host}:{port} timed out after {options.connect_timeout:g} s",
                       transient=True, phase="connect", timeout=True) from None
    except OSError as exc:
        raise NetError(f"cannot connect to {host}:{port}: {exc.strerror or exc}", transient=True,
                       phase="connect") from None
    sock.settimeout(options.read_timeout)
    return sock


def tls_handshake(host: str, port: int, context: ssl.SSLContext, options: NetOptions) -> ssl.SSLSocket:
    """TCP connect then TLS handshake; verification errors come out as ``ssl.SSLCertVerificationError``."""
    raw = connect(host, port, options)
    try:
        return context.wrap_socket(raw, server_hostname=server_name(host))
    except ssl.SSLCertVerificationError:
        raw.close()
        raise
    except TimeoutError:
        raw.close()
        raise NetError(f"no TLS handshake from {host}:{port} within {options.read_timeout:g} s (read timeout)",
                       transient=True, phase="handshake", timeout=True) from None
    except ssl.SSLError:
        raw.close()
        raise
    except OSError as exc:  # reset or closed during the handshake
        raw.close()
        raise NetError(f"TLS handshake with {host}:{port} failed: {exc.strerror or exc}", transient=True,
                       phase="handshake") from None


def server_name(host: str) -> str:
    return host.strip("[]")


def trust_context(ca_bundle: Path | None, *, legacy: bool = False) -> tuple[ssl.SSLContext, str]:
    """A verifying client context: the given bundle only, else the system store (certifi if it is empty).

    The hostname is not checked here; the TLS check judges it separately so that each fault
    (untrusted, expired, wrong name) is named on its own. ``legacy`` also speaks TLS 1.0/1.1.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_REQUIRED
    if legacy:
        context.set_ciphers(LEGACY_CIPHERS)
        try:
            context.minimum_version = ssl.TLSVersion.TLSv1
        except ValueError:
            pass
    if ca_bundle is not None:
        context.load_verify_locations(cafile=str(ca_bundle))
        return context, str(ca_bundle)
    context.load_default_certs()
    if context.cert_store_stats().get("x509_ca", 0) == 0:
        try:
            import certifi

            context.load_verify_locations(cafile=certifi.where())
            return context, "certifi"
        except (ImportError, OSError):
            pass
    return context, "system"


def https_context(ca_bundle: Path | None) -> ssl.SSLContext:
    """Full verification, hostname included, for fetching pages over a connection already judged sound."""
    context, _ = trust_context(ca_bundle)
    context.check_hostname = True
    return context


def unverified_context(*, legacy: bool = False) -> ssl.SSLContext:
    """For looking, never for trusting: used to read what a server presents when verification failed."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    if legacy:
        context.set_ciphers(LEGACY_CIPHERS)
    return context
