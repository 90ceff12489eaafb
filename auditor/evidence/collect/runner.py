"""Running the live checks for many URLs at once, each bounded by its timeouts.

A URL's checks run in a worker thread; anything that goes wrong for one host (refused,
silent, broken TLS, even a bug) becomes ``error`` results for that host and never stops
the others.
"""

from __future__ import annotations

import platform
import ssl
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from auditor import __version__
from auditor.errors import InputError
from auditor.evidence.collect import headers, securitytxt, tls
from auditor.evidence.collect.net import NetError, NetOptions, destination_refusal, trust_context
from auditor.model.enums import CheckStatus
from auditor.model.evidence import CheckResult

CHECKS: tuple[tuple[str, list[str]], ...] = (
    ("tls", tls.CONTROLS),
    ("hsts", headers.HSTS_CONTROLS),
    ("content-security-policy", headers.HEADER_CONTROLS),
    ("x-content-type-options", headers.HEADER_CONTROLS),
    ("frame-protection", headers.HEADER_CONTROLS),
    ("referrer-policy", headers.HEADER_CONTROLS),
    ("security.txt", securitytxt.CONTROLS),
)
FORMAT = "auditor.collect/1"


@dataclass(frozen=True)
class UrlObservation:
    """What was seen at one URL: the check results, and the full record kept as evidence."""

    url: str
    checks: list[CheckResult]
    document: dict[str, Any]

    @property
    def worst(self) -> CheckStatus:
        statuses = {c.status for c in self.checks}
        for status in (CheckStatus.ERROR, CheckStatus.FAIL):
            if status in statuses:
                return status
        return CheckStatus.PASS


def target(url: str) -> tuple[str, str, int]:
    """Scheme, host and port of a URL to check; InputError for anything else."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError as exc:  # an unclosed [IPv6 bracket
        raise InputError(f"--url {url!r}: {exc}") from None
    if parts.scheme not in ("https", "http") or not host:
        raise InputError(f"--url {url!r}: give an http:// or https:// URL with a host name")
    try:
        if any(ch.isspace() or not ch.isprintable() for ch in host):
            raise UnicodeError
        host.encode("idna")
    except UnicodeError:  # spaces, control or bidi characters: no such host can exist
        raise InputError(f"--url {url!r}: {host!r} is not a valid host name") from None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise InputError(f"--url {url!r}: invalid port") from None
    return parts.scheme, parts.hostname, port


def collect(urls: Sequence[str], options: NetOptions, *, workers: int = 8,
            on_result: Callable[[UrlObservation], None] | None = None) -> list[UrlObservation]:
    """Check every URL, ``workers`` at a time; results in the order the URLs were given."""
    for url in urls:
        target(url)
    if options.ca_bundle is not None:
        if options.ca_bundle.exists() and not options.ca_bundle.is_file():  # OpenSSL would block on a FIFO
            raise InputError("--ca-bundle: not a regular file", file=options.ca_bundle)
        try:
            trust_context(options.ca_bundle)
        except (ssl.SSLError, OSError) as exc:
            raise InputError(f"--ca-bundle: not a readable PEM bundle ({exc})", file=options.ca_bundle) from None
    for url in urls:  # before any connection: a refused address is bad input, nothing is recorded
        _, host, port = target(url)
        refusal = destination_refusal(host, port, options)
        if refusal:
            raise InputError(f"--url {headers.public_url(url)}: {refusal}")
    results: list[UrlObservation | None] = [None] * len(urls)
    # TLS 1.0/1.1 probes use enum members Python marks deprecated; the warning is noise here.
    # Entered in this thread before the workers start and left after they finish.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, message=r".*TLSVersion.*")
        refusals = tls.local_refusals()
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls))),
                                thread_name_prefix="collect") as pool:
            futures = {pool.submit(observe, url, options, refusals): i for i, url in enumerate(urls)}
            for future in as_completed(futures):
                observation = future.result()
                results[futures[future]] = observation
                if on_result is not None:
                    on_result(observation)
    return [r for r in results if r is not None]


def observe(url: str, options: NetOptions, refusals: dict[str, str]) -> UrlObservation:
    url = headers.public_url(url)  # credentials never reach the evidence
    started = _now()
    document: dict[str, Any] = {
        "format": FORMAT, "url": url, "started_at": _stamp(started),
        "tool": {"name": "auditor", "version": __version__, "python": platform.python_version(),
                 "tls_library": ssl.OPENSSL_VERSION},
        "options": {"connect_timeout": options.connect_timeout, "read_timeout": options.read_timeout,
                    "retries": options.retries, "ca_bundle": str(options.ca_bundle) if options.ca_bundle else None,
                    "allow_private": options.allow_private},
    }
    try:
        checks = _observe(url, options, refusals, started, document)
    except Exception as exc:  # a bug in one check must not cost the other URLs their results
        reason = f"internal error while checking: {type(exc).__name__}: {exc}"
        document["error"] = reason
        checks = _errors(reason, CHECKS)
    document["finished_at"] = _stamp(_now())
    document["checks"] = [c.model_dump(mode="json") for c in checks]
    return UrlObservation(url=url, checks=checks, document=document)


def _observe(url: str, options: NetOptions, refusals: dict[str, str], now: datetime,
             document: dict[str, Any]) -> list[CheckResult]:
    scheme, host, port = target(url)
    outcome = tls.check_tls(host, port, options, refusals, now) if scheme == "https" else tls.plain_http(host, port)
    document["tls"] = outcome.raw
    if not outcome.reachable:
        return [outcome.check, *_errors(f"not checked: {outcome.reason}", CHECKS[1:])]
    verify = outcome.certificate_verified or scheme == "http"
    try:
        response = headers.fetch(url, options, verify=verify)
        document["http"] = response.to_dict()
        header_checks = headers.judge_headers(response)
    except NetError as exc:
        document["http"] = {"error": exc.message}
        header_checks = _errors(exc.message, CHECKS[1:6])
    security_check, security_raw = securitytxt.check_security_txt(url, options, verify=verify, now=now)
    document["security_txt"] = security_raw
    why = _unproven_reason(scheme, outcome)
    if why:
        document["not_counted"] = why
        return [outcome.check, *(_unproven(check, why) for check in [*header_checks, security_check])]
    return [outcome.check, *header_checks, security_check]


def _unproven_reason(scheme: str, outcome) -> str | None:
    """Why what was read proves nothing about the vendor: anyone on the path could have served it."""
    if scheme == "http":
        return "read over plain http, where anyone on the path can change what is served"
    if not outcome.certificate_verified:
        problems = "; ".join(outcome.problems) or "see the tls check"
        return f"read over a connection whose certificate did not verify ({problems})"
    return None


def _unproven(check: CheckResult, why: str) -> CheckResult:
    """Recorded as seen, but satisfies no control: status ``unverified``, the reason in the message."""
    if check.status not in (CheckStatus.PASS, CheckStatus.FAIL):
        return check
    observed = {**check.observed, "seen": check.status.value, "not_counted": why}
    return CheckResult(name=check.name, status=CheckStatus.UNVERIFIED, observed=observed,
                       message=f"not counted, {why}; seen: {check.message or check.status.value}",
                       controls=list(check.controls))


def _errors(reason: str, which: Sequence[tuple[str, list[str]]]) -> list[CheckResult]:
    return [CheckResult(name=name, status=CheckStatus.ERROR, observed={"error": reason}, message=reason,
                        controls=list(controls)) for name, controls in which]


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
