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
    """Columns aligned to their widest cell.

    On a terminal, columns are clipped to ``max_col`` and the last one is wrapped to what is left
    of the terminal's width; piped output keeps every cell whole on one line (for grep and scripts).
    """
    cells = [[visible(str(c) if c is not None else "") for c in row] for row in rows]
    heads = list(headers)
    widths = [_width(h) for h in heads]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], _width(cell))
    wrap_last = sys.stdout.isatty() and bool(widths)
    if wrap_last:
        natural_last = widths[-1]
        if max_col:
            widths = [min(w, max_col) for w in widths]
        term = shutil.get_terminal_size((120, 20)).columns
        used = sum(widths[:-1]) + 2 * (len(widths) - 1)
        widths[-1] = max(min(20, natural_last), min(natural_last, term - used))
    lines = []
    indent = " " * (sum(widths[:-1]) + 2 * (len(widths) - 1))
    for number, row in enumerate([heads, ["-" * w for w in widths], *cells]):
        parts, more = [], []
        for i, cell in enumerate(row):
            if wrap_last and number > 1 and i == len(widths) - 1:
                cell, *more = _wrap(cell, widths[i])
            cell = _clip(cell, widths[i])
            parts.append(cell + " " * (widths[i] - _width(cell)) if i < len(row) - 1 else cell)
        lines.append("  ".join(parts).rstrip())
        lines.extend(indent + line for line in more)
    return "\n".join(lines)


def _take(text: str, limit: int) -> tuple[str, str]:
    """The longest head of ``text`` at most ``limit`` columns wide (at least one character), and the rest."""
    used = 0
    for i, ch in enumerate(text):
        used += _width(ch)
        if used > limit:
            return text[: max(i, 1)], text[max(i, 1):]
    return text, ""


def _wrap(text: str, limit: int) -> list[str]:
    """Word-wrap to ``limit`` display columns; a word longer than a line is cut."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if _width(candidate) <= limit:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while _width(current) > limit:
            head, current = _take(current, limit)
            lines.append(head)
    lines.append(current)
    return lines


def echo_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], **kwargs: Any) -> None:
    click.echo(table(headers, rows, **kwargs))


def note(message: str) -> None:
    """A message for the person, on stderr so stdout stays clean data."""
    click.echo(visible(message, keep_newlines=True), err=True)


def is_terminal() -> bool:
    return sys.stderr.isatty()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def check_catalog_files(app: Any, files: Sequence[Path], what: str, fmt: str) -> None:
    """`frameworks check` and `controls check`: every problem at once, one per line; exit 2 if any."""
    from auditor.catalog.check import check_files

    problems = check_files(list(files), what, app.workspace)
    if fmt == "json":
        emit_json({"files": [str(f) for f in files], "ok": not problems,
                   "problems": [p.as_json() for p in problems]})
    elif problems:
        for problem in problems:  # a key or value from the file may carry control characters
            click.echo(visible(str(problem)))
        note(f"{_plural(len(problems), 'problem')} in {len({p.file for p in problems})} of "
             f"{_plural(len(files), 'file')}")
    else:
        click.echo(f"OK: {_plural(len(files), what + ' file')}, no problems")
    if problems:
        raise SystemExit(2)
