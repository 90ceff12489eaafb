"""Which lists a screening uses, how current and complete they are, and their name index.

Lists come from files given with ``--list`` (dated by ``--list-date``, else undated and
treated as stale) or from the workspace's cached official copies (dated by the publisher's
Last-Modified, stale when last confirmed current longer ago than the policy allows). A list
much shorter than the last one of its kind seen in the workspace is refused as cut short.

The name index is looked up on disk first (``stored``), keyed by the hashes of the list
files: a warm ``auditor screen --name`` neither parses the lists nor rebuilds the index.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from auditor.errors import AuditorError, ScreeningError
from auditor.model.screening import ListInfo
from auditor.screening.cache import cached_metas, load_cached
from auditor.screening.lists import ScreeningList, companion, detect_kind, load_list, read_list_text
from auditor.screening.policy import ScreeningPolicy

NO_LIST_MESSAGE = ("no denied-party list to screen against: run `auditor lists update` to download the "
                   "official lists, or pass --list FILE (OFAC sdn.csv or trade.gov's consolidated.csv)")
SHRINK_LIMIT = 0.9
"""A list with fewer entries than this share of the last known count of its kind was cut short."""
KEEP_INDEXES = 4
"""Stored indexes kept per workspace (the most recently used)."""


@dataclass(frozen=True)
class LoadedLists:
    """The lists a screening uses, what the reader is told about them, and their warnings."""

    lists: tuple[ScreeningList, ...]
    infos: tuple[ListInfo, ...]
    warnings: tuple[str, ...] = ()
    index: object | None = field(default=None, compare=False)   # a NameIndex read from disk, if any

    def name_index(self):
        """The index over every listed name: the stored one, or built from the parsed lists."""
        if self.index is not None:
            return self.index
        if not self.lists:
            return None
        from auditor.screening.matcher import NameIndex

        return NameIndex(e for lst in self.lists for e in lst.entries)


def _age_warning(name: str, listed: date, today: date, policy: ScreeningPolicy) -> str | None:
    age = (today - listed).days
    if age * 86400 > policy.max_age.total_seconds():
        return (f"{name} list dated {listed.isoformat()} is {age} days old, older than the policy allows "
                f"({policy.max_list_age}): run `auditor lists update`")
    return None


def check_count(name: str, entries: int, known: int | None, source: str) -> None:
    """A list much shorter than the last one of its kind was cut short: refuse it rather than screen clear."""
    if known and entries < SHRINK_LIMIT * known:
        raise ScreeningError(f"the list has {entries:,} entries, the last {name} list seen in this workspace had "
                             f"{known:,}: cut short? (download it again)", file=source)


def summary(parsed: ScreeningList) -> dict:
    return {"name": parsed.name, "kind": parsed.kind, "sha256": parsed.sha256, "entries": len(parsed.entries),
            "warnings": list(parsed.warnings), "complete": parsed.complete,
            "published": parsed.published.isoformat() if parsed.published else None}


def _file_digests(path: Path) -> list[str]:
    """sha256 of a list file and of the companion files it would be read with (``name=absent`` when missing)."""
    files = [path]
    if detect_kind(path) == "sdn":
        for kind in ("alt", "add"):
            other = companion(path, kind)
            files.append(other if other else Path(f"{kind}=absent"))
    digests = []
    for file in files:
        if file.name.endswith("=absent"):
            digests.append(file.name)
        else:
            digests.append(f"{file.name}={read_list_text(file)[1]}")
    return digests


@dataclass
class _Source:
    label: str                  # the file or the official address
    digests: list[str]
    listed: date | None
    checked: date | None
    dated_by: str | None
    parse: object               # () -> ScreeningList


def _sources(lists_dir: Path, files: Sequence[Path], list_dates: Sequence[date]) -> list[_Source]:
    if list_dates and len(list_dates) not in (1, len(files)):
        raise ScreeningError(f"{len(list_dates)} list dates for {len(files)} lists: give one --list-date for all "
                             "lists or one per --list, in the same order")
    sources = []
    if files:
        for number, file in enumerate(Path(f) for f in files):
            listed = list_dates[number if len(list_dates) > 1 else 0] if list_dates else None
            sources.append(_Source(str(file), _file_digests(file), listed, None, "--list-date" if listed else None,
                                   lambda file=file: load_list(file)))
        return sources
    for meta in cached_metas(lists_dir):
        published = meta.published_date
        sources.append(_Source(meta.url, [f"{f.name}={f.sha256}" for f in meta.files], published or meta.list_date,
                               meta.list_date, "Last-Modified of the download" if published else "date of download",
                               lambda meta=meta: load_cached(lists_dir, meta)))
    return sources


def _stored(index_dir: Path | None, key: str):
    if index_dir is None:
        return None
    from auditor.screening.stored import open_stored

    return open_stored(index_dir / f"names-{key}.sqlite")


def _store(index_dir: Path, key: str, lists: list[ScreeningList]):
    """Build the index and keep it on disk for the next run; a read-only workspace only loses the speed."""
    from auditor.screening.matcher import NameIndex
    from auditor.screening.stored import save

    index = NameIndex(e for lst in lists for e in lst.entries)
    try:
        save(index, [summary(lst) for lst in lists], index_dir / f"names-{key}.sqlite")
        kept = sorted(index_dir.glob("names-*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP_INDEXES:]:
            old.unlink(missing_ok=True)
    except (OSError, AuditorError):
        pass   # a read-only or odd state folder: this run still screens, only the next one is not faster
    return index


def load_lists(*, lists_dir: Path, files: Sequence[Path] = (), policy: ScreeningPolicy, today: date,
               require: bool = True, list_dates: Sequence[date] = (), index_dir: Path | None = None) -> LoadedLists:
    """Lists given as files or else the cached official copies, with their name index when one is stored."""
    sources = _sources(lists_dir, files, list_dates)
    known = {}
    if files and lists_dir.is_dir():
        known = {meta.source: meta.entries for meta in cached_metas(lists_dir)}
    index = None
    summaries: list[dict] | None = None
    parsed: list[ScreeningList] = []
    if sources:
        material = [d for source in sources for d in source.digests]
        key = hashlib.sha256("\n".join(material).encode()).hexdigest()
        from auditor.screening.stored import index_key

        key = index_key([key])
        stored = _stored(index_dir, key)
        if stored is not None and len(stored[1]) == len(sources):
            index, summaries = stored
        else:
            parsed = [source.parse() for source in sources]
            summaries = [summary(lst) for lst in parsed]
            if index_dir is not None:
                index = _store(index_dir, key, parsed)
    infos: list[ListInfo] = []
    warnings: list[str] = []
    for source, info in zip(sources, summaries or []):
        if files:
            check_count(info["name"], info["entries"], known.get(info["kind"]), source.label)
        warnings.extend(info["warnings"])
        if source.listed is None and info.get("published"):
            source.listed, source.dated_by = date.fromisoformat(info["published"]), "the list's own publish date"
        if source.listed is None:
            warning = (f"{info['name']} list {source.label} is undated, so it is treated as stale: pass --list-date "
                       "DATE (the date its publisher issued it)")
        else:
            warning = _age_warning(info["name"], source.checked or source.listed, today, policy)
        infos.append(ListInfo(name=info["name"], source=source.label, date=source.listed, dated_by=source.dated_by,
                              sha256=info["sha256"], entries=info["entries"], stale=warning is not None,
                              complete=info["complete"]))
        if warning:
            warnings.append(warning)
    if not infos:
        if require:
            raise ScreeningError(NO_LIST_MESSAGE)
        warnings.append("no denied-party list was available, so names were NOT screened (only places): "
                        "run `auditor lists update`")
    return LoadedLists(tuple(parsed), tuple(infos), tuple(dict.fromkeys(warnings)), index)
