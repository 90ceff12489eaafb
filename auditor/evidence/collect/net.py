"""Connections with deadlines: connect and read timeouts, bounded retries with backoff.

Every network step of a live check goes through here, so a host that refuses, resets or
never answers turns into a ``NetError`` after a known, bounded time.
"""

from __future__ import annotations

import ipaddress
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
    allow_private: bool = False  # loopback, private, link-local and metadata addresses (--allow-private)


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


# Cloud instance-metadata services: reading them from a vendor check would leak credentials.
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "169.254.169.253", "fd00:ec2::254", "100.100.100.200", "168.63.129.16",
))


def address_refusal(address: str) -> str | None:
    """Why a live check must not connect to ``address``: "127.0.0.1, a loopback address" (None when public)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address}, not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        return f"{ip}, a cloud metadata address"
    for test, what in ((ip.is_loopback, "a loopback"), (ip.is_link_local, "a link-local"),
                       (ip.is_unspecified, "an unspecified"), (ip.is_multicast, "a multicast"),
                       (ip.is_private, "a private"), (ip.is_reserved, "a reserved"),
                       (not ip.is_global, "a non-public")):
        if test:
            return f"{ip}, {what} address"
    return None


def destination_refusal(host: str, port: int, options: NetOptions) -> str | None:
    """Why ``host`` must not be checked: any address it resolves to is refused (None when all are public
    or ``allow_private`` is set; a name that does not resolve is left to the check to report)."""
    if options.allow_private:
        return None
    name = server_name(host)
    try:
        infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        return None
    for info in infos:
        why = address_refusal(str(info[4][0]))
        if why:
            address, what = why.split(", ", 1)
            said = f"{address} is {what}" if address == name else f"{name} resolves to {address}, {what}"
            return f"{said}; pass --allow-private to check it"
    return None


class RefusedAddress(NetError):
    def __init__(self, message: str):
        super().__init__(message, transient=False, phase="address")


def connect(host: str, port: int, options: NetOptions) -> socket.socket:
    """TCP connection with a deadline; the address actually reached is checked (DNS may have changed)."""
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
    if not options.allow_private:
        try:
            peer = str(sock.getpeername()[0])
        except OSError:
            peer = ""
        why = address_refusal(peer)
        if why:
            sock.close()
            raise RefusedAddress(f"refused to connect to {server_name(host)} at {why} (pass --allow-private "
                                 "to check it)")
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
