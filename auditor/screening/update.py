"""Downloading the official lists: bounded retries, conditional requests, all-or-nothing install.

A source is fetched file by file into a staging folder beside the cache. ``If-None-Match``
and ``If-Modified-Since`` come from the previous download, so an unchanged list costs a
304 and keeps the cache. The staged files are parsed before anything is replaced: a failed
download, an HTML error page or an empty file leaves the previous copy in place.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from auditor import __version__
from auditor.errors import AuditorError, ScreeningError
from auditor.screening.cache import (
    CachedFile,
    CachedList,
    install,
    read_meta,
    version_dir,
    write_meta,
)
from auditor.screening.lists import detect_kind, load_csl, load_sdn

# The official addresses (checked November 2026). OFAC's Sanctions List Service publishes the
# legacy CSV files; https://www.treasury.gov/ofac/downloads/sdn.csv is the older address of the same file.
OFAC_BASE = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports"
DEFAULT_URLS: dict[str, str] = {
    "sdn": f"{OFAC_BASE}/SDN.CSV",
    "alt": f"{OFAC_BASE}/ALT.CSV",
    "add": f"{OFAC_BASE}/ADD.CSV",
    "csl": "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
    # Optional lists (`auditor lists update --source NAME`), each from its publisher's documented address.
    "opensanctions": "https://data.opensanctions.org/datasets/latest/sanctions/targets.simple.csv",
    "eu": "https://webgate.ec.europa.eu/fsd/fsf/public/files/csvFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
    "uk": "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",
    "un": "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
}
DEFAULT_SOURCES = ("sdn", "csl")
URL_ENV_PREFIX = "AUDITOR_LIST_URL_"
"""``AUDITOR_LIST_URL_SDN=https://mirror/sdn.csv`` overrides one address (keys: SDN, ALT, ADD, CSL, EU ...)."""

MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024
RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class SourceSpec:
    name: str
    title: str
    files: tuple[tuple[str, str], ...]   # (file name in the cache, url key)
    floor: int = 1                       # the official list never had fewer entries: fewer is a cut download


SOURCE_SPECS: dict[str, SourceSpec] = {
    "sdn": SourceSpec("sdn", "OFAC Specially Designated Nationals (legacy CSV)",
                      (("sdn.csv", "sdn"), ("alt.csv", "alt"), ("add.csv", "add")), floor=5000),
    "csl": SourceSpec("csl", "trade.gov Consolidated Screening List",
                      (("consolidated.csv", "csl"),), floor=5000),
    "opensanctions": SourceSpec("opensanctions", "OpenSanctions consolidated sanctions (targets.simple.csv)",
                                (("targets.simple.csv", "opensanctions"),), floor=20000),
    "eu": SourceSpec("eu", "EU consolidated financial sanctions list (FSF CSV 1.1)",
                     (("eu_fsf.csv", "eu"),), floor=1000),
    "uk": SourceSpec("uk", "UK OFSI consolidated list of financial sanctions targets",
                     (("ConList.csv", "uk"),), floor=1000),
    "un": SourceSpec("un", "UN Security Council consolidated sanctions list",
                     (("consolidated.xml", "un"),), floor=500),
}


class DownloadError(AuditorError):
    """A list could not be fetched; the cached copy, if any, is unchanged."""

    exit_code = 1


@dataclass(frozen=True)
class UpdateOutcome:
    source: str
    status: str                  # updated, unchanged, failed
    message: str
    meta: CachedList | None = None


@dataclass(frozen=True)
class _Fetched:
    not_modified: bool
    sha256: str | None = None
    size: int = 0
    etag: str | None = None
    last_modified: str | None = None


def resolve_urls(overrides: Mapping[str, str] | None = None,
                 environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Official addresses, replaced by ``AUDITOR_LIST_URL_<KEY>`` and then by explicit overrides."""
    environ = os.environ if environ is None else environ
    urls = dict(DEFAULT_URLS)
    for key in urls:
        if environ.get(URL_ENV_PREFIX + key.upper()):
            urls[key] = environ[URL_ENV_PREFIX + key.upper()]
    for key, url in (overrides or {}).items():
        if key not in urls:
            raise ScreeningError(f"unknown list address {key!r}: use one of {', '.join(sorted(urls))}")
        if not url.startswith(("https://", "http://")):
            raise ScreeningError(f"list address for {key} must be an http(s) URL, got {url!r}")
        urls[key] = url
    return urls


def _fetch(session, url: str, dest: Path, headers: dict[str, str], *, timeout: float, retries: int,
           backoff: float, say: Callable[[str], None]) -> _Fetched:
    import requests  # heavy import: only when downloading

    last_problem = "no attempt"
    for attempt in range(retries + 1):
        if attempt:
            delay = backoff * (2 ** (attempt - 1))
            say(f"  retrying {url} in {delay:g}s ({last_problem})")
            time.sleep(delay)
        try:
            with session.get(url, headers=headers, timeout=timeout, stream=True) as response:
                if response.status_code == 304:
                    return _Fetched(not_modified=True)
                if response.status_code in RETRY_STATUS:
                    last_problem = f"HTTP {response.status_code}"
                    continue
                if response.status_code != 200:
                    raise DownloadError(f"{url}: HTTP {response.status_code} {response.reason or ''}".rstrip())
                digest, size = hashlib.sha256(), 0
                with dest.open("wb") as fh:
                    for chunk in response.iter_content(chunk_size=1 << 20):
                        size += len(chunk)
                        if size > MAX_DOWNLOAD_BYTES:
                            raise DownloadError(f"{url}: larger than {MAX_DOWNLOAD_BYTES:,} bytes, refused")
                        digest.update(chunk)
                        fh.write(chunk)
                    fh.flush()
                    os.fsync(fh.fileno())
                return _Fetched(False, digest.hexdigest(), size, response.headers.get("ETag"),
                                response.headers.get("Last-Modified"))
        except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
            last_problem = type(exc).__name__
    raise DownloadError(f"{url}: {last_problem} after {retries + 1} attempt{'s' if retries else ''}")


def _conditional_headers(previous: CachedFile | None, url: str) -> dict[str, str]:
    if previous is None or previous.url != url:
        return {}
    headers = {}
    if previous.etag:
        headers["If-None-Match"] = previous.etag
    if previous.last_modified:
        headers["If-Modified-Since"] = previous.last_modified
    return headers


def _parse_staged(spec: SourceSpec, staged: Path, urls: Mapping[str, str]):
    """Parse what was downloaded; a problem names the address it came from, not the staging folder."""
    main_name, main_key = spec.files[0]
    try:
        kind = detect_kind(staged / main_name)
        if kind != spec.name:
            other = SOURCE_SPECS[kind].title if kind in SOURCE_SPECS else kind
            raise ScreeningError(f"expected the {spec.title}, got the {other}", file=staged / main_name, line=1)
        if spec.name == "sdn":
            return load_sdn(staged / "sdn.csv", alt=staged / "alt.csv", add=staged / "add.csv",
                            find_companions=False)
        if spec.name == "csl":
            return load_csl(staged / main_name)
        from auditor.screening.sources import LOADERS

        return LOADERS[spec.name](staged / main_name)
    except ScreeningError as exc:
        by_file = {name: urls[key] for name, key in spec.files}
        source = by_file.get(Path(exc.file).name if exc.file else "", urls[main_key])
        raise ScreeningError(exc.message, file=source, line=exc.line) from None


def _check_size(spec: SourceSpec, parsed, previous: CachedList | None, urls: Mapping[str, str]) -> None:
    """A download cut short parses fine: refuse one below the list's floor or well below the last copy."""
    from auditor.screening.loading import SHRINK_LIMIT

    count = len(parsed.entries)
    official = urls[spec.files[0][1]] == DEFAULT_URLS[spec.files[0][1]]
    if official and count < spec.floor:
        raise ScreeningError(f"the download has {count:,} entries; the official {spec.title} has never had fewer "
                             f"than {spec.floor:,}: cut short?", file=urls[spec.files[0][1]])
    if previous is not None and count < SHRINK_LIMIT * previous.entries:
        raise ScreeningError(f"the download has {count:,} entries, the cached copy {previous.entries:,}: "
                             "cut short?", file=urls[spec.files[0][1]])
    if not parsed.complete:
        raise ScreeningError("; ".join(parsed.warnings), file=urls[spec.files[0][1]])


def update_source(lists_dir: Path, spec: SourceSpec, urls: Mapping[str, str], *, session, timeout: float,
                  retries: int, backoff: float, say: Callable[[str], None],
                  now: datetime | None = None) -> UpdateOutcome:
    """Fetch one source; on any failure the cached copy stays exactly as it was."""
    now = now or datetime.now(timezone.utc)
    try:
        previous = read_meta(lists_dir, spec.name)
    except ScreeningError as exc:
        say(f"{spec.name}: {exc}; downloading afresh")
        previous = None
    from auditor.files import private_dir

    private_dir(lists_dir)  # workspace state: 0700 (and .auditor/ with it) whatever the umask
    staged = Path(tempfile.mkdtemp(prefix=f".staging-{spec.name}-", dir=lists_dir))
    try:
        files: list[CachedFile] = []
        changed = False
        for name, key in spec.files:
            url = urls[key]
            old = previous.file(name) if previous else None
            old_path = version_dir(lists_dir, previous) / name if previous else None
            headers = _conditional_headers(old, url) if old_path and old_path.is_file() else {}
            say(f"{spec.name}: fetching {name} from {url}" + (" (conditional)" if headers else ""))
            got = _fetch(session, url, staged / name, headers, timeout=timeout, retries=retries,
                         backoff=backoff, say=say)
            if got.not_modified:
                assert old is not None and old_path is not None
                shutil.copy2(old_path, staged / name)
                files.append(old)
                say(f"{spec.name}: {name} not modified")
                continue
            changed = True
            say(f"{spec.name}: {name} {got.size:,} bytes, sha256 {got.sha256[:12]}…")
            files.append(CachedFile(name=name, url=url, sha256=got.sha256, bytes=got.size, etag=got.etag,
                                    last_modified=got.last_modified))
        if not changed and previous is not None:
            meta = previous.model_copy(update={"checked_at": now})
            write_meta(lists_dir, meta)
            message = f"{spec.name}: unchanged since {previous.downloaded_at:%Y-%m-%d} ({previous.entries:,} entries)"
            return UpdateOutcome(spec.name, "unchanged", message, meta)
        parsed = _parse_staged(spec, staged, urls)
        _check_size(spec, parsed, previous, urls)
        meta = CachedList(
            source=spec.name, title=spec.title,
            version=f"{spec.name}-{now:%Y%m%dT%H%M%S%f}Z-{files[0].sha256[:8]}",
            downloaded_at=now, checked_at=now, entries=len(parsed.entries), aliases=parsed.alias_count,
            files=files)
        install(lists_dir, staged, meta, previous)
        return UpdateOutcome(spec.name, "updated", f"{spec.name}: updated, {meta.entries:,} entries and "
                             f"{meta.aliases:,} aliases", meta)
    except AuditorError as exc:
        kept = f"; kept the copy of {previous.list_date}" if previous else "; no cached copy"
        return UpdateOutcome(spec.name, "failed", f"{spec.name}: {exc}{kept}", previous)
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def update_lists(lists_dir: Path, *, sources: Sequence[str] = DEFAULT_SOURCES,
                 urls: Mapping[str, str] | None = None, timeout: float = 60.0, retries: int = 2,
                 backoff: float = 1.0, progress: Callable[[str], None] | None = None,
                 now: datetime | None = None) -> list[UpdateOutcome]:
    """Download each source from its official (or overridden) address into the cache."""
    import requests

    say = progress or (lambda _message: None)
    resolved = urls if urls is not None else resolve_urls()
    outcomes = []
    with requests.Session() as session:
        session.headers["User-Agent"] = f"auditor/{__version__} (denied-party list update)"
        for source in dict.fromkeys(sources):
            if source not in SOURCE_SPECS:
                raise ScreeningError(f"unknown list {source!r}: use one of {', '.join(SOURCE_SPECS)}")
            outcomes.append(update_source(lists_dir, SOURCE_SPECS[source], resolved, session=session,
                                          timeout=timeout, retries=retries, backoff=backoff, say=say, now=now))
    return outcomes
