"""Fetch a vendor's live trust or security page to read it like a document.

TLS is always verified (the system's CAs, or ``ca_bundle``); connect and read time-outs bound
every step; the body is read up to a size limit; redirects are followed by hand, at most a few,
and only to https. Loopback, private, link-local and cloud-metadata destinations are refused
unless ``allow_private`` (the convention of ``auditor evidence collect --allow-private``).
Credentials in a URL are removed before anything is sent, stored or printed. Anything that
goes wrong is one :class:`FetchError` line (exit 1): the page could not be read, nothing is kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from auditor.errors import AuditorError, InputError

MAX_PAGE_BYTES = 16 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "auditor (vendor security review)"


class FetchError(AuditorError):
    """A page could not be fetched (exit 1: the step ran and failed)."""

    exit_code = 1


@dataclass(frozen=True)
class FetchedPage:
    url: str  # as asked for, credentials removed
    final_url: str  # after redirects
    fetched_at: str  # ISO 8601, UTC
    sha256: str
    content_type: str
    data: bytes

    @property
    def suffix(self) -> str:
        """The file suffix the body reads as: .html, .pdf or .txt."""
        ctype = self.content_type.lower()
        if "pdf" in ctype or self.data.startswith(b"%PDF-"):
            return ".pdf"
        if "html" in ctype or "xml" in ctype:
            return ".html"
        path = urlsplit(self.final_url).path.lower()
        return ".md" if path.endswith((".md", ".mdx")) else ".txt"


def is_url(text: str) -> bool:
    return text.lower().startswith(("https://", "http://"))


def _public(url: str) -> str:
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()


def _check_destination(url: str, allow_private: bool) -> None:
    from auditor.evidence.collect.net import NetOptions, destination_refusal

    parts = urlsplit(url)
    if parts.scheme != "https":
        raise FetchError(f"{url}: only https pages are fetched (TLS verified)")
    host = parts.hostname or ""
    why = destination_refusal(host, parts.port or 443, NetOptions(allow_private=allow_private))
    if why:
        raise FetchError(f"{url}: {why}")


def fetch_page(url: str, *, allow_private: bool = False, connect_timeout: float = 5.0, read_timeout: float = 15.0,
               max_bytes: int = MAX_PAGE_BYTES, ca_bundle: Path | None = None) -> FetchedPage:
    """GET ``url`` (https only) and return its body; every failure is one FetchError line."""
    import requests

    asked = _public(url.strip())
    try:
        parts = urlsplit(asked)
    except ValueError as exc:
        raise InputError(f"{url!r}: {exc}") from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InputError(f"{url!r}: give an https:// URL with a host name")
    current = asked
    verify: bool | str = str(ca_bundle) if ca_bundle else True
    with requests.Session() as session:
        session.trust_env = False  # no proxy or netrc credentials from the environment
        for _hop in range(MAX_REDIRECTS + 1):
            _check_destination(current, allow_private)
            try:
                response = session.get(current, allow_redirects=False, stream=True, verify=verify,
                                       timeout=(connect_timeout, read_timeout),
                                       headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain, "
                                                "text/markdown, application/pdf;q=0.9, */*;q=0.5"})
            except requests.exceptions.SSLError as exc:
                raise FetchError(f"{current}: TLS certificate verification failed ({_reason(exc)})") from None
            except requests.exceptions.Timeout:
                raise FetchError(f"{current}: timed out (connect {connect_timeout:g} s, read {read_timeout:g} s)") \
                    from None
            except requests.exceptions.RequestException as exc:
                raise FetchError(f"{current}: cannot fetch ({_reason(exc)})") from None
            with response:
                if response.is_redirect:
                    location = response.headers.get("Location", "")
                    current = _public(urljoin(current, location))
                    if urlsplit(current).scheme != "https":
                        raise FetchError(f"{asked}: redirected to {current}, which is not https; not followed")
                    continue
                if response.status_code != 200:
                    raise FetchError(f"{current}: HTTP {response.status_code} {response.reason or ''}".rstrip())
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(f"{current}: page larger than {max_bytes // (1024 * 1024)} MiB; not read")
                body = bytearray()
                try:
                    for chunk in response.iter_content(64 * 1024):
                        body += chunk
                        if len(body) > max_bytes:
                            raise FetchError(f"{current}: page larger than {max_bytes // (1024 * 1024)} MiB; not read")
                except requests.exceptions.RequestException as exc:
                    raise FetchError(f"{current}: reading the page failed ({_reason(exc)})") from None
                data = bytes(body)
                return FetchedPage(url=asked, final_url=current,
                                   fetched_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
                                   sha256=hashlib.sha256(data).hexdigest(),
                                   content_type=response.headers.get("Content-Type", ""), data=data)
    raise FetchError(f"{asked}: more than {MAX_REDIRECTS} redirects; not followed")


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def page_document(page: FetchedPage):
    """The fetched page as a document; its path (and every citation's document name) is the URL."""
    from auditor.claims.reading import parse_document

    return parse_document(page.data, path=page.url, suffix=page.suffix, source=page.url)


__all__ = ["FetchError", "FetchedPage", "fetch_page", "is_url", "page_document", "MAX_PAGE_BYTES"]
