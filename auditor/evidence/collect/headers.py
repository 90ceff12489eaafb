"""Fetching a page over HTTP(S) and judging its security headers.

Pages are fetched with ``http.client`` over sockets from :mod:`net`, so the trust store, the
timeouts and the retries are the same as for the TLS check (requests would bring its own
trust store, and its own idea of a timeout).
"""

from __future__ import annotations

import http.client
import ssl
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from auditor.evidence.collect.net import (
    NetError, NetOptions, connect, destination_refusal, https_context, tls_handshake, unverified_context,
    with_retries,
)
from auditor.model.enums import CheckStatus
from auditor.model.evidence import CheckResult

HSTS_MIN_SECONDS = 15_768_000  # six months: the common floor (Mozilla Observatory, OWASP)
HSTS_CONTROLS = ["encryption-in-transit", "configuration-hardening"]
HEADER_CONTROLS = ["configuration-hardening", "secure-development"]
REDIRECTS = {301, 302, 303, 307, 308}
SAFE_REFERRER = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
LEAKY_REFERRER = {"unsafe-url": "sends the full URL everywhere, even over plain HTTP",
                  "no-referrer-when-downgrade": "sends the full URL to every HTTPS site",
                  "origin": "sends the origin everywhere, even over plain HTTP",
                  "origin-when-cross-origin": "sends the origin to other sites, even over plain HTTP"}


@dataclass
class HttpResponse:
    url: str
    status: int
    headers: list[tuple[str, str]]
    redirects: list[dict[str, Any]] = field(default_factory=list)
    body: bytes | None = None
    truncated: bool = False
    verified: bool = True

    def values(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k == name]

    def first(self, name: str) -> str | None:
        found = self.values(name)
        return found[0] if found else None

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "status": self.status, "headers": [list(h) for h in self.headers],
                "redirects": self.redirects, "certificate_verified": self.verified}


def fetch(url: str, options: NetOptions, *, verify: bool, max_body: int = 0, max_redirects: int = 5) -> HttpResponse:
    """GET ``url`` following redirects; NetError when it cannot be read in time."""
    redirects: list[dict[str, Any]] = []
    current = url
    for _ in range(max_redirects + 1):
        status, headers, body, truncated = with_retries(
            lambda u=current: _get_once(u, options, verify=verify, max_body=max_body), options)
        location = next((v for k, v in headers if k == "location"), None)
        if status in REDIRECTS and location:
            target = public_url(urljoin(current, location))
            redirects.append({"url": current, "status": status, "location": target})
            refusal = redirect_refusal(target, options)
            if refusal:
                raise NetError(f"{current} redirects to {target}: {refusal}", transient=False, phase="redirect")
            current = target
            continue
        return HttpResponse(current, status, headers, redirects, body, truncated, verify)
    raise NetError(f"more than {max_redirects} redirects from {url}", transient=False, phase="http")


def redirect_refusal(target: str, options: NetOptions) -> str | None:
    """Redirects are followed only to https on an allowed address; anything else is named."""
    parts = urlsplit(target)
    scheme = parts.scheme.lower()
    if scheme == "http":
        return "refused: a redirect to plain http (what it serves could be changed by anyone on the path)"
    if scheme != "https":
        return f"refused: a redirect to a {scheme or 'relative'}:// URL, not https" if scheme else \
            "refused: not an https URL"
    if not parts.hostname:
        return "refused: no host name"
    try:
        port = parts.port or 443
    except ValueError:
        return "refused: invalid port"
    return destination_refusal(parts.hostname, port, options)


def public_url(url: str) -> str:
    """``url`` without ``user:password@``: credentials are never stored, printed or sent on."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def _get_once(url: str, options: NetOptions, *, verify: bool, max_body: int):
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https":
        context = https_context(options.ca_bundle) if verify else unverified_context(legacy=True)
        try:
            sock = tls_handshake(host, port, context, options)
        except ssl.SSLCertVerificationError as exc:
            raise NetError(f"{host}: certificate verification failed: {exc.verify_message or exc}",
                           transient=False, phase="verify") from None
        except ssl.SSLError as exc:
            raise NetError(f"TLS handshake with {host}:{port} failed: {exc.reason or exc}", transient=False,
                           phase="handshake") from None
    else:
        sock = connect(host, port, options)
    conn = http.client.HTTPConnection(host, port, timeout=options.read_timeout)
    conn.sock = sock
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request("GET", path, headers={"User-Agent": options.user_agent, "Accept": "*/*",
                                           "Connection": "close"})
        response = conn.getresponse()
        headers = [(k.lower(), v) for k, v in response.getheaders()]
        body, truncated = None, False
        if max_body:
            body = response.read(max_body + 1)
            truncated = len(body) > max_body
            body = body[:max_body]
        return response.status, headers, body, truncated
    except TimeoutError:
        raise NetError(f"{url}: no answer within {options.read_timeout:g} s (read timeout)", transient=True,
                       phase="read", timeout=True) from None
    except (http.client.HTTPException, OSError) as exc:
        raise NetError(f"{url}: {type(exc).__name__}: {exc}", transient=True, phase="read") from None
    finally:
        conn.close()


# judging --------------------------------------------------------------------------------------------


def judge_headers(response: HttpResponse) -> list[CheckResult]:
    note = ""  # what was read unverified is marked once, by the runner, and counts for nothing
    base = {"url": response.url, "status": response.status, "certificate_verified": response.verified}
    return [
        _hsts(response, base, note), _csp(response, base, note), _nosniff(response, base, note),
        _frames(response, base, note), _referrer(response, base, note),
    ]


def _result(name: str, ok: bool, message: str, observed: dict[str, Any], controls: list[str], note: str) -> CheckResult:
    return CheckResult(name=name, status=CheckStatus.PASS if ok else CheckStatus.FAIL, observed=observed,
                       message=message + note, controls=list(controls))


def _hsts(response: HttpResponse, base: dict[str, Any], note: str) -> CheckResult:
    value = response.first("strict-transport-security")
    observed = {**base, "strict-transport-security": value}
    if urlsplit(response.url).scheme != "https":
        return _result("hsts", False, "page served over plain HTTP, where HSTS does not apply", observed,
                       HSTS_CONTROLS, note)
    if value is None:
        return _result("hsts", False, "no Strict-Transport-Security header", observed, HSTS_CONTROLS, note)
    directives = {}
    for part in value.split(";"):
        name, _, arg = part.strip().partition("=")
        if name:
            directives[name.strip().lower()] = arg.strip().strip('"')
    max_age = int(directives["max-age"]) if directives.get("max-age", "").isdigit() else None
    observed.update(max_age=max_age, include_subdomains="includesubdomains" in directives,
                    preload="preload" in directives)
    if max_age is None:
        return _result("hsts", False, f"Strict-Transport-Security without a valid max-age: {value!r}", observed,
                       HSTS_CONTROLS, note)
    days = max_age // 86400
    if max_age < HSTS_MIN_SECONDS:
        return _result("hsts", False, f"HSTS max-age {max_age} s ({days} days) is under six months", observed,
                       HSTS_CONTROLS, note)
    extras = "".join([", includeSubDomains" if observed["include_subdomains"] else "",
                      ", preload" if observed["preload"] else ""])
    return _result("hsts", True, f"HSTS max-age {max_age} s ({days} days){extras}", observed, HSTS_CONTROLS, note)


def parse_csp(policy: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens and tokens[0].lower() not in directives:  # the first of a repeated directive wins
            directives[tokens[0].lower()] = tokens[1:]
    return directives


def _csp(response: HttpResponse, base: dict[str, Any], note: str) -> CheckResult:
    policies = response.values("content-security-policy")
    report_only = response.values("content-security-policy-report-only")
    observed = {**base, "content-security-policy": policies or None,
                "content-security-policy-report-only": report_only or None}
    if not policies:
        message = ("only Content-Security-Policy-Report-Only: reported, not enforced" if report_only
                   else "no Content-Security-Policy header")
        return _result("content-security-policy", False, message, observed, HEADER_CONTROLS, note)
    weaknesses: list[str] = []
    parsed = [parse_csp(p) for p in policies]
    observed["directives"] = parsed
    # Several policies are all enforced: scripts are restricted if any one policy restricts them well.
    script_judgements = [_script_weaknesses(d) for d in parsed]
    if all(script_judgements):
        weaknesses = script_judgements[0]
    observed["weaknesses"] = weaknesses
    if weaknesses:
        return _result("content-security-policy", False, "; ".join(weaknesses), observed, HEADER_CONTROLS, note)
    return _result("content-security-policy", True, "Content-Security-Policy restricts scripts", observed,
                   HEADER_CONTROLS, note)


def _script_weaknesses(directives: dict[str, list[str]]) -> list[str]:
    name = "script-src" if "script-src" in directives else "default-src" if "default-src" in directives else None
    if name is None:
        return ["no script-src or default-src: scripts are not restricted"]
    sources = [s.lower() for s in directives[name]]
    strong = any(s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) or s == "'strict-dynamic'"
                 for s in sources)
    found = []
    if "'unsafe-inline'" in sources and not strong:
        found.append(f"{name} allows 'unsafe-inline'")
    if "'unsafe-eval'" in sources:
        found.append(f"{name} allows 'unsafe-eval'")
    wide = [s for s in sources if s in ("*", "http:", "https:", "data:")]
    if wide and "'strict-dynamic'" not in sources:
        found.append(f"{name} allows any source ({' '.join(wide)})")
    return found


def _nosniff(response: HttpResponse, base: dict[str, Any], note: str) -> CheckResult:
    value = response.first("x-content-type-options")
    observed = {**base, "x-content-type-options": value}
    if value is None:
        return _result("x-content-type-options", False, "no X-Content-Type-Options header", observed,
                       HEADER_CONTROLS, note)
    ok = value.strip().lower() == "nosniff"
    message = "X-Content-Type-Options: nosniff" if ok else f"X-Content-Type-Options is {value!r}, not 'nosniff'"
    return _result("x-content-type-options", ok, message, observed, HEADER_CONTROLS, note)


def _frames(response: HttpResponse, base: dict[str, Any], note: str) -> CheckResult:
    xfo = response.first("x-frame-options")
    ancestors = None
    for policy in response.values("content-security-policy"):
        ancestors = parse_csp(policy).get("frame-ancestors", ancestors)
    observed = {**base, "x-frame-options": xfo, "frame-ancestors": ancestors}
    if ancestors is not None:
        if any(s in ("*", "http:", "https:") for s in ancestors):
            return _result("frame-protection", False, f"CSP frame-ancestors allows any site: {' '.join(ancestors)}",
                           observed, HEADER_CONTROLS, note)
        return _result("frame-protection", True, f"CSP frame-ancestors {' '.join(ancestors) or '(none)'}",
                       observed, HEADER_CONTROLS, note)
    if xfo is None:
        return _result("frame-protection", False, "neither X-Frame-Options nor CSP frame-ancestors: the page can be "
                       "framed by any site (clickjacking)", observed, HEADER_CONTROLS, note)
    value = xfo.strip().upper()
    if value in ("DENY", "SAMEORIGIN"):
        return _result("frame-protection", True, f"X-Frame-Options: {value}", observed, HEADER_CONTROLS, note)
    return _result("frame-protection", False, f"X-Frame-Options {xfo!r} is not DENY or SAMEORIGIN (ALLOW-FROM is "
                   "ignored by current browsers)", observed, HEADER_CONTROLS, note)


def _referrer(response: HttpResponse, base: dict[str, Any], note: str) -> CheckResult:
    value = response.first("referrer-policy")
    observed = {**base, "referrer-policy": value}
    if value is None:
        return _result("referrer-policy", False, "no Referrer-Policy header (browsers fall back to their own "
                       "default)", observed, HEADER_CONTROLS, note)
    known = [t for t in (p.strip().lower() for p in value.split(",")) if t in SAFE_REFERRER or t in LEAKY_REFERRER]
    if not known:
        return _result("referrer-policy", False, f"Referrer-Policy {value!r} names no known policy", observed,
                       HEADER_CONTROLS, note)
    effective = known[-1]  # browsers apply the last policy they understand
    observed["effective"] = effective
    if effective in SAFE_REFERRER:
        return _result("referrer-policy", True, f"Referrer-Policy: {effective}", observed, HEADER_CONTROLS, note)
    return _result("referrer-policy", False, f"Referrer-Policy {effective} {LEAKY_REFERRER[effective]}", observed,
                   HEADER_CONTROLS, note)
