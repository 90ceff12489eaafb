"""The one way data files are read: YAML (or JSON) into pydantic models, errors with file and line.

PyYAML alone loses line numbers, accepts duplicate keys silently and expands alias bombs.
Here the document is composed into nodes (C loader when available), converted by hand with
a node budget, and every value's position is remembered so a validation error can say
exactly where the bad value is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from auditor.errors import InputError
from auditor.files import read_bounded

try:  # the C composer is ~10x faster on large catalogs
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

M = TypeVar("M", bound=BaseModel)

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_NODES = 2_000_000
MAX_DEPTH = 100  # levels of nesting; real catalogs and dossiers use fewer than ten
_CHEAP_DEPTH_BOUND = 1_000  # libyaml's C composer overflows an 8 MB stack near 30,000 levels

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
    def __init__(self, file: Path, lines: LineMap, *, has_anchors: bool = True):
        self.file = file
        self.lines = lines
        self.has_anchors = has_anchors
        self.budget = MAX_NODES
        self._constructor = yaml.constructor.SafeConstructor()
        self._done: dict[int, tuple[Any, int]] = {}  # an aliased node converted once: (value, values in it)
        self._open: set[int] = set()  # collections being converted: an alias to one of them is a cycle

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        return self._convert(node, path)[0]

    def _fail(self, message: str, node: yaml.Node) -> InputError:
        return InputError(message, file=self.file, line=node.start_mark.line + 1)

    def _spend(self, count: int, node: yaml.Node) -> None:
        self.budget -= count
        if self.budget < 0:
            raise self._fail("document expands to too many values (alias bomb?)", node)

    def _convert(self, node: yaml.Node, path: Path_) -> tuple[Any, int]:
        """The value of ``node`` and how many values it expands to (aliases counted each time)."""
        done = self._done.get(id(node))
        if done is not None:  # an alias: same value, same cost, no second walk
            self._spend(done[1], node)
            return done
        if id(node) in self._open:
            raise self._fail("an alias refers to the collection that contains it", node)
        if len(path) > MAX_DEPTH:
            raise self._fail(f"nested more than {MAX_DEPTH} levels deep", node)
        self._spend(1, node)
        self.lines.record(path, node.start_mark.line + 1)
        size = 1
        if isinstance(node, yaml.MappingNode):
            self._open.add(id(node))
            try:
                self._constructor.flatten_mapping(node)
            except yaml.constructor.ConstructorError as exc:
                raise self._fail(f"invalid merge (<<): {exc.problem}", node) from None
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key, key_size = self._convert(key_node, path + ("<key>",))
                if isinstance(key, (list, dict)):
                    raise self._fail("a mapping key must be a plain value", key_node)
                if key in result:
                    raise self._fail(f"duplicate key {key!r}", key_node)
                result[key], value_size = self._convert(value_node, path + (key,))
                size += key_size + value_size
            self._open.discard(id(node))
            value: Any = result
        elif isinstance(node, yaml.SequenceNode):
            self._open.add(id(node))
            value = []
            for i, item in enumerate(node.value):
                item_value, item_size = self._convert(item, path + (i,))
                value.append(item_value)
                size += item_size
            self._open.discard(id(node))
        else:
            try:
                value = self._constructor.construct_object(node, deep=True)
            except yaml.constructor.ConstructorError as exc:
                raise self._fail(f"invalid value: {exc.problem}", node) from None
            except (ValueError, TypeError, AttributeError, OverflowError):
                tag = node.tag.rsplit(":", 1)[-1]
                raise self._fail(f"invalid {tag} value {str(node.value)[:40]!r}", node) from None
        if self.has_anchors:
            self._done[id(node)] = (value, size)
        return value, size


def _check_nesting(text: str, path: Path) -> None:
    """Refuse very deep nesting before libyaml's composer sees it: it recurses in C and overflows the stack.

    A document's depth is at most its flow brackets plus twice its longest line (block nesting
    needs indentation); when that bound is small, the document is safe without looking further.
    """
    if text.count("[") + text.count("{") + 2 * max(map(len, text.split("\n"))) <= _CHEAP_DEPTH_BOUND:
        return
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError(f"nested more than {MAX_DEPTH} levels deep", file=path,
                                 line=event.start_mark.line + 1)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def read_text(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file with the errors users hit turned into one-line messages."""
    data = read_bounded(path, max_bytes=max_bytes)
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
        _check_nesting(text, path)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:  # its str() spans lines; keep the reason and find the line
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else None
        raise InputError(f"YAML error: character #x{exc.character:04x}: {exc.reason}", file=path, line=line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"YAML syntax error: {problem}", file=path, line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", file=path) from None
    if node is None:
        return None, lines
    return _Converter(path, lines, has_anchors="&" in text).convert(node, ()), lines


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
    """Atomic write; the one implementation (special files refused, umask or given mode) is in ``auditor.files``."""
    from auditor.files import write_atomic as _write

    _write(path, content, mode=mode)

