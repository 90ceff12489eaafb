"""The local copy of the official lists, under the workspace's ``.auditor/lists/``.

Layout::

    lists/sdn.json                      metadata: where each file came from, when, its sha256
    lists/sdn-20261123T101500-1a2b3c4d/ sdn.csv alt.csv add.csv   (one complete version)
    lists/csl.json
    lists/csl-20261123T101502-9f8e7d6c/ consolidated.csv

A new version is written into its own folder and parsed before ``<source>.json`` is
replaced (atomically) to point at it; readers follow the JSON, so they see either the old
complete version or the new one, never a mix.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

from pydantic import Field, ValidationError

from auditor.errors import ScreeningError
from auditor.model.base import Sha256, Strict
from auditor.screening.lists import ScreeningList, load_csl, load_sdn

SOURCES = ("sdn", "csl", "opensanctions", "eu", "uk", "un")


class CachedFile(Strict):
    name: str
    url: str
    sha256: Sha256
    bytes: int = Field(ge=0)
    etag: str | None = None
    last_modified: str | None = None


class CachedList(Strict):
    """What ``<source>.json`` records about the cached copy of one list."""

    source: str
    title: str
    version: str = Field(pattern=r"^[a-z]+-[0-9TZ]+-[0-9a-f]{8}$")
    downloaded_at: datetime = Field(description="when the current content was downloaded")
    checked_at: datetime = Field(description="last time the official address confirmed it current")
    entries: int = Field(ge=1)
    aliases: int = Field(ge=0)
    files: list[CachedFile] = Field(min_length=1)

    @property
    def sha256(self) -> str:
        return self.files[0].sha256

    @property
    def url(self) -> str:
        return self.files[0].url

    @property
    def published_date(self) -> date | None:
        """The publisher's date: the Last-Modified header of the main file's download."""
        stamp = self.files[0].last_modified
        if not stamp:
            return None
        from email.utils import parsedate_to_datetime

        try:
            return parsedate_to_datetime(stamp).astimezone(timezone.utc).date()
        except (TypeError, ValueError):
            return None

    @property
    def list_date(self) -> date:
        """The date the list is known current: the last successful download or not-modified check."""
        return self.checked_at.astimezone(timezone.utc).date()

    def file(self, name: str) -> CachedFile | None:
        return next((f for f in self.files if f.name == name), None)


def meta_path(lists_dir: Path, source: str) -> Path:
    return lists_dir / f"{source}.json"


def version_dir(lists_dir: Path, meta: CachedList) -> Path:
    return lists_dir / meta.version


def read_meta(lists_dir: Path, source: str) -> CachedList | None:
    """The metadata of a cached list, None when that list was never downloaded."""
    path = meta_path(lists_dir, source)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise ScreeningError("list metadata is damaged (not UTF-8 text); run `auditor lists update`",
                             file=path) from None
    except OSError as exc:
        raise ScreeningError(f"cannot read list metadata: {exc.strerror}", file=path) from None
    try:
        return CachedList.model_validate(json.loads(raw))
    except (ValueError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise ScreeningError(f"list metadata is damaged ({first}); run `auditor lists update`",
                             file=path) from None


def cached_metas(lists_dir: Path) -> list[CachedList]:
    return [meta for source in SOURCES if (meta := read_meta(lists_dir, source)) is not None]


def load_cached(lists_dir: Path, meta: CachedList) -> ScreeningList:
    """Parse the cached version a metadata file points at."""
    folder = version_dir(lists_dir, meta)
    main = folder / meta.files[0].name
    if not main.is_file():
        raise ScreeningError("cached list file is missing; run `auditor lists update`", file=main)
    if meta.source == "sdn":
        alt, add = folder / "alt.csv", folder / "add.csv"
        return load_sdn(main, alt=alt if alt.is_file() else None, add=add if add.is_file() else None,
                        find_companions=False)
    if meta.source == "csl":
        return load_csl(main)
    from auditor.screening.sources import LOADERS

    return LOADERS[meta.source](main)


def write_meta(lists_dir: Path, meta: CachedList) -> None:
    from auditor.yamlio import write_atomic

    write_atomic(meta_path(lists_dir, meta.source), meta.model_dump_json(indent=2) + "\n")


def install(lists_dir: Path, staged: Path, meta: CachedList, previous: CachedList | None) -> None:
    """Move a complete, parsed version into place, then switch the metadata to it."""
    target = version_dir(lists_dir, meta)
    if target.exists():
        shutil.rmtree(target)
    staged.rename(target)
    write_meta(lists_dir, meta)
    if previous is not None and previous.version != meta.version:
        shutil.rmtree(version_dir(lists_dir, previous), ignore_errors=True)
