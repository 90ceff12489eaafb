"""Screening from a workspace: its policy, its cached (or given) lists, its jurisdictions file.

``screen_vendor_in_workspace`` is what the audit calls. Building the name index is the
costly step (seconds for the full official lists), so a caller auditing many vendors passes
a ``ScreenerCache`` that keeps screeners keyed by everything that shapes them (list versions or file stamps, policy, date,
jurisdictions file): a portfolio audit builds the index once, and a list update, a policy
edit or another date builds a fresh one.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from auditor.errors import InputError
from auditor.screening.jurisdictions import JurisdictionTable, load_jurisdictions
from auditor.screening.policy import POLICY_KEY, ScreeningPolicy, load_screening_policy
from auditor.screening.screen import Screener, load_lists, screen_vendor

JURISDICTIONS_FILE = "jurisdictions.yaml"


def workspace_jurisdictions(workspace) -> JurisdictionTable:
    """The workspace's own ``jurisdictions.yaml`` if it has one, else the built-in table."""
    own = workspace.root / JURISDICTIONS_FILE
    return load_jurisdictions(own if own.is_file() else None)


def resolve_policy(workspace, policy: ScreeningPolicy | Mapping[str, Any] | None) -> ScreeningPolicy:
    """A policy object, the raw ``screening:`` section of the workspace policy, or None (read the file)."""
    if isinstance(policy, ScreeningPolicy):
        return policy
    if policy is None or not policy:
        return load_screening_policy(workspace.policy_path)
    try:
        return ScreeningPolicy.model_validate(dict(policy))
    except ValueError:
        load_screening_policy(workspace.policy_path)  # raises with the file and line when the error is there
        raise InputError(f"invalid `{POLICY_KEY}` policy: {dict(policy)!r}", file=workspace.policy_path) from None


def _stamp(path: Path) -> tuple[str, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return str(path), info.st_size, info.st_mtime_ns


def index_dir(workspace) -> Path | None:
    """Where stored name indexes live: inside the workspace's state folder, only when it exists already."""
    return workspace.state_dir / "cache" / "screening" if workspace.state_dir.is_dir() else None


def _fingerprint(workspace, files: Sequence[Path], policy: ScreeningPolicy, today: date, require: bool,
                 list_dates: Sequence[date] = ()) -> str:
    lists_dir = workspace.lists_dir
    metas = [(meta.name, meta.read_bytes()) for meta in sorted(lists_dir.glob("*.json"))] if lists_dir.is_dir() else []
    return json.dumps({
        "files": [_stamp(Path(f)) or str(f) for f in files],
        "cache": [(name, raw.decode("utf-8", "replace")) for name, raw in metas] if not files else [],
        "policy": policy.model_dump(mode="json"), "today": today.isoformat(), "require": require,
        "dates": [d.isoformat() for d in list_dates],
        "jurisdictions": _stamp(workspace.root / JURISDICTIONS_FILE),
    }, sort_keys=True)


class ScreenerCache:
    """The last few screeners built in this process, keyed by what shaped them."""

    def __init__(self, size: int = 2):
        self.size = size
        self._items: OrderedDict[str, Screener] = OrderedDict()

    def get(self, key: str, build: Callable[[], Screener]) -> Screener:
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        screener = self._items[key] = build()
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return screener


def workspace_screener(workspace, *, list_files: Sequence[Path] = (), today: date | None = None,
                       require_lists: bool = True,
                       policy: ScreeningPolicy | Mapping[str, Any] | None = None,
                       cache: ScreenerCache | None = None, list_dates: Sequence[date] = ()) -> Screener:
    """Everything a screening needs from a workspace: policy, jurisdictions, lists, and the index."""
    today = today or date.today()
    resolved = resolve_policy(workspace, policy)
    files = [Path(f) for f in list_files]

    def build() -> Screener:
        loaded = load_lists(lists_dir=workspace.lists_dir, files=files, policy=resolved, today=today,
                            require=require_lists, list_dates=list_dates, index_dir=index_dir(workspace))
        return Screener(loaded, resolved, workspace_jurisdictions(workspace), today)

    if cache is None:
        return build()
    return cache.get(_fingerprint(workspace, files, resolved, today, require_lists, list_dates), build)


def screen_vendor_in_workspace(workspace, vendor, policy: ScreeningPolicy | Mapping[str, Any] | None = None, *,
                               lists: Sequence[Path] = (), today: date | None = None,
                               require_lists: bool = False, cache: ScreenerCache | None = None,
                               fourth_parties: Sequence[str] = ()):
    """For the audit: screen a dossier with the workspace's lists.

    Without any list (and ``require_lists`` False) the names are not screened, places are,
    and the result says so: ``lists_available`` is False and a warning explains what to run.
    """
    screener = workspace_screener(workspace, list_files=lists, today=today, require_lists=require_lists,
                                  policy=policy, cache=cache)
    return screen_vendor(vendor, screener, fourth_parties)
