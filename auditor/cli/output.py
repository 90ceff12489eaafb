"""Printing data: JSON for machines, aligned tables for people, nothing unsafe on a terminal."""

from __future__ import annotations

import json
import shutil
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import click

from auditor.text import visible

format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
    help="table for people, json for scripts (JSON goes to stdout, messages to stderr).",
)


def _default(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, (set, frozenset)):
        return sorted(obj)
    raise TypeError(f"cannot serialise {type(obj).__name__}")


def to_json(data: Any) -> str:
    return json.dumps(data, default=_default, ensure_ascii=False, indent=2)


def emit_json(data: Any) -> None:
    click.echo(to_json(data))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def _clip(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = _width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, max_col: int | None = None) -> str:
    """Columns aligned to their widest cell; on a terminal the last column is clipped to its width."""
    cells = [[visible(str(c) if c is not None else "") for c in row] for row in rows]
    heads = list(headers)
    widths = [_width(h) for h in heads]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], _width(cell))
    if max_col:
        widths = [min(w, max_col) for w in widths]
    if sys.stdout.isatty():  # piped output keeps every character
        term = shutil.get_terminal_size((120, 20)).columns
        used = sum(widths[:-1]) + 2 * (len(widths) - 1)
        if widths and used + widths[-1] > term:
            widths[-1] = max(20, term - used)
    lines = []
    for row in [heads, ["-" * w for w in widths], *cells]:
        parts = []
        for i, cell in enumerate(row):
            cell = _clip(cell, widths[i])
            parts.append(cell + " " * (widths[i] - _width(cell)) if i < len(row) - 1 else cell)
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def echo_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], **kwargs: Any) -> None:
    click.echo(table(headers, rows, **kwargs))


def note(message: str) -> None:
    """A message for the person, on stderr so stdout stays clean data."""
    click.echo(visible(message, keep_newlines=True), err=True)


def is_terminal() -> bool:
    return sys.stderr.isatty()
