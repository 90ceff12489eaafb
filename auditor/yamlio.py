"""The one way data files are read: YAML (or JSON) into pydantic models, errors with file and line.

PyYAML alone loses line numbers, accepts duplicate keys silently and expands alias bombs.
Here the document is composed into nodes (C loader when available), converted by hand with
a node budget, and every value's position is remembered so a validation error can say
exactly where the bad value is.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from auditor.errors import InputError

try:  # the C composer is ~10x faster on large catalogs
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

M = TypeVar("M", bound=BaseModel)

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_NODES = 2_000_000

Path_ = tuple[str | int, ...]


class LineMap:
    """Line numbers (1-based) of every value in a loaded document, keyed by its path."""

    def __init__(self) -> None:
        self._lines: dict[Path_, int] = {}

    def record(self, path: Path_, line: int) -> None:
        self._lines.setdefault(path, line)

    def line_of(self, path: Path_) -> int | None:
        """The line of ``path`` or of its closest recorded ancestor."""
        path = tuple(path)
        while True:
            if path in self._lines:
                return self._lines[path]
            if not path:
                return None
            path = path[:-1]


class _Converter:
    def __init__(self, file: Path, lines: LineMap):
        self.file = file
        self.lines = lines
        self.budget = MAX_NODES
        self._constructor = yaml.constructor.SafeConstructor()

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise InputError("document expands to too many values (alias bomb?)", file=self.file,
                             line=node.start_mark.line + 1)
        self.lines.record(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            self._constructor.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.convert(key_node, path + ("<key>",))
                if isinstance(key, (list, dict)):
                    raise InputError("a mapping key must be a plain value", file=self.file,
                                     line=key_node.start_mark.line + 1)
                if key in result:
                    raise InputError(f"duplicate key {key!r}", file=self.file, line=key_node.start_mark.line + 1)
                result[key] = self.convert(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        try:
            value = self._constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise InputError(f"invalid value: {exc.problem}", file=self.file, line=node.start_mark.line + 1) from None
        return value


def read_text(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file with the errors users hit turned into one-line messages."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is too large ({size:,} bytes; limit {max_bytes:,})", file=path)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", file=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", file=path) from None
    except PermissionError:
        raise InputError("permission denied", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=path) from None
    if b"\x00" in data:
        raise InputError("binary file (NUL byte), expected UTF-8 text", file=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", file=path, line=line) from None
    return text


def load_yaml(path: Path) -> tuple[Any, LineMap]:
    """Parse one YAML document, returning plain data and where each value was written."""
    text = read_text(path)
    lines = LineMap()
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"YAML syntax error: {problem}", file=path, line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", file=path) from None
    if node is None:
        return None, lines
    return _Converter(path, lines).convert(node, ()), lines


def describe_validation_error(exc: ValidationError, lines: LineMap | None) -> tuple[str, int | None]:
    """The first validation problem as one sentence, with the line it points at."""
    err = exc.errors(include_url=False)[0]
    loc = tuple(err.get("loc", ()))
    where = ".".join(str(p) for p in loc)
    msg = err.get("msg", "invalid value")
    if err.get("type") == "extra_forbidden":
        msg = "unknown field"
    elif err.get("type") == "missing":
        msg = "missing required field"
    line = lines.line_of(loc) if lines else None
    more = len(exc.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
    return (f"{where}: {msg}" if where else msg) + suffix, line


def validate(model: type[M], data: Any, *, file: Path | str, lines: LineMap | None = None) -> M:
    """Validate plain data into ``model``; a failure names the file and the line."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        message, line = describe_validation_error(exc, lines)
        raise InputError(message, file=file, line=line) from None


def load_model(model: type[M], path: Path) -> M:
    """Load ``path`` (YAML or JSON) into ``model``: the single entry point for data files."""
    data, lines = load_yaml(path)
    if data is None:
        raise InputError("file is empty", file=path)
    return validate(model, data, file=path, lines=lines)


def dump_yaml(data: Any) -> str:
    """YAML for people to read and edit: keys in the order given, Unicode kept as is."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_atomic(path: Path, content: str | bytes, *, mode: int | None = None) -> None:
    """Write ``path`` so it is either the old file or the complete new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(content.encode("utf-8") if isinstance(content, str) else content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
