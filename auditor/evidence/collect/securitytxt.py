"""The security.txt check (RFC 9116): how to report a vulnerability, and whether that is current.

The file must sit at ``/.well-known/security.txt``, name at least one ``Contact`` and carry
exactly one ``Expires`` that has not passed. An HTML page answered for that path (single-page
apps answer every path) is not a security.txt.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from auditor.evidence.collect.headers import HttpResponse, fetch
from auditor.evidence.collect.net import NetError, NetOptions
from auditor.model.enums import CheckStatus
from auditor.model.evidence import CheckResult

CONTROLS = ["vulnerability-management", "incident-response"]
WELL_KNOWN = "/.well-known/security.txt"
LEGACY_PATH = "/security.txt"
MAX_BYTES = 32 * 1024
_LIST_FIELDS = ("contact", "encryption", "acknowledgments", "preferred-languages", "canonical", "policy", "hiring",
                "csaf")


def parse(text: str) -> dict[str, Any]:
    """Fields of a security.txt (names lower-cased, every value kept), and whether it is PGP-signed."""
    signed = text.lstrip().startswith("-----BEGIN PGP SIGNED MESSAGE-----")
    lines = _signed_body(text) if signed else text.splitlines()
    fields: dict[str, list[str]] = {}
    malformed: list[str] = []
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        name, sep, value = stripped.partition(":")
        if not sep or not name or " " in name.strip():
            malformed.append(f"line {number}: {stripped[:80]}")
            continue
        fields.setdefault(name.strip().lower(), []).append(value.strip())
    return {"fields": fields, "signed": signed, "malformed": malformed}


def _signed_body(text: str) -> list[str]:
    """The cleartext of an OpenPGP signed message: after the armour headers, before the signature."""
    lines = text.splitlines()
    body: list[str] = []
    state = "armour"
    for line in lines:
        if state == "armour":
            if line.startswith("-----BEGIN PGP SIGNED MESSAGE-----"):
                continue
            if not line.strip():
                state = "body"
            continue
        if line.startswith("-----BEGIN PGP SIGNATURE-----"):
            break
        body.append(line[2:] if line.startswith("- ") else line)
    return body


def check_security_txt(base_url: str, options: NetOptions, *, verify: bool, now: datetime) -> tuple[CheckResult, dict]:
    parts = urlsplit(base_url)
    url = urlunsplit((parts.scheme, parts.netloc, WELL_KNOWN, "", ""))
    raw: dict[str, Any] = {"url": url}
    try:
        response = fetch(url, options, verify=verify, max_body=MAX_BYTES)
    except NetError as exc:
        raw["error"] = exc.message
        return _error(raw, exc.message), raw
    raw["response"] = response.to_dict()
    found, why_not = _looks_like_security_txt(response)
    if not found:
        legacy = _legacy(parts, options, verify)
        raw["legacy_location"] = legacy
        where = f"; one exists only at the legacy location {LEGACY_PATH}, which RFC 9116 does not accept alone" \
            if legacy.get("found") else ""
        return _fail(raw, f"no security.txt at {WELL_KNOWN} ({why_not}){where}", response), raw
    text = (response.body or b"").decode("utf-8", errors="replace")
    raw["text"] = text
    return judge(parse(text), raw, response, now), raw


def _looks_like_security_txt(response: HttpResponse) -> tuple[bool, str]:
    if response.status != 200:
        return False, f"HTTP {response.status}"
    content_type = (response.first("content-type") or "").lower()
    body = (response.body or b"").lstrip()[:200].lower()
    if "html" in content_type or body.startswith((b"<!doctype", b"<html")):
        return False, "the server answered with an HTML page"
    return True, ""


def _legacy(parts, options: NetOptions, verify: bool) -> dict[str, Any]:
    url = urlunsplit((parts.scheme, parts.netloc, LEGACY_PATH, "", ""))
    try:
        response = fetch(url, options, verify=verify, max_body=MAX_BYTES)
    except NetError as exc:
        return {"url": url, "found": False, "error": exc.message}
    found, _ = _looks_like_security_txt(response)
    return {"url": url, "found": found, "status": response.status}


def judge(parsed: dict[str, Any], raw: dict[str, Any], response: HttpResponse, now: datetime) -> CheckResult:
    fields = parsed["fields"]
    observed: dict[str, Any] = {"url": response.url, "status": response.status,
                                "content_type": response.first("content-type"), "signed": parsed["signed"],
                                "certificate_verified": response.verified}
    for name in _LIST_FIELDS:
        if name in fields:
            observed[name.replace("-", "_")] = fields[name]
    problems: list[str] = []
    warnings: list[str] = list(f"unreadable {m}" for m in parsed["malformed"][:5])
    contacts = fields.get("contact", [])
    if not contacts:
        problems.append("no Contact field")
    for contact in contacts:
        if contact.lower().startswith("http:"):
            warnings.append(f"Contact {contact} is plain http (RFC 9116 asks for https)")
    expires_values = fields.get("expires", [])
    observed["expires"] = expires_values[0] if expires_values else None
    if not expires_values:
        problems.append("no Expires field")
    elif len(expires_values) > 1:
        problems.append(f"Expires appears {len(expires_values)} times (it must appear once)")
    else:
        expires = _parse_time(expires_values[0])
        if expires is None:
            problems.append(f"Expires {expires_values[0]!r} is not an RFC 3339 date-time")
        else:
            days = (expires - now).days
            observed["expires_in_days"] = days
            if expires <= now:
                problems.append(f"expired on {expires.date().isoformat()} ({-days} days ago)")
            elif days > 366:
                warnings.append(f"Expires is {days} days ahead; RFC 9116 recommends less than a year")
    content_type = (response.first("content-type") or "").lower()
    if not content_type.startswith("text/plain"):
        warnings.append(f"served as {content_type or 'no content type'}, not text/plain")
    if raw.get("response", {}).get("url", "").startswith("http:"):
        warnings.append("served over plain HTTP")
    if response.truncated:
        warnings.append(f"longer than {MAX_BYTES} bytes; only the start was read")
    observed["warnings"] = warnings
    note = "" if response.verified else " (read without certificate verification; the tls check records why)"
    if problems:
        return CheckResult(name="security.txt", status=CheckStatus.FAIL, observed=observed, controls=list(CONTROLS),
                           message="security.txt: " + "; ".join(problems) + note)
    return CheckResult(name="security.txt", status=CheckStatus.PASS, observed=observed, controls=list(CONTROLS),
                       message=f"security.txt names {len(contacts)} contact(s), expires in "
                               f"{observed['expires_in_days']} days" + note)


def _parse_time(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if value.tzinfo is None:
        return None  # RFC 3339 requires an offset or Z
    return value.astimezone(timezone.utc)


def _fail(raw: dict[str, Any], message: str, response: HttpResponse) -> CheckResult:
    observed = {"url": raw["url"], "status": response.status, "content_type": response.first("content-type"),
                "legacy_location": raw.get("legacy_location")}
    return CheckResult(name="security.txt", status=CheckStatus.FAIL, observed=observed, message=message,
                       controls=list(CONTROLS))


def _error(raw: dict[str, Any], message: str) -> CheckResult:
    return CheckResult(name="security.txt", status=CheckStatus.ERROR, observed=dict(raw), message=message,
                       controls=list(CONTROLS))
