"""Every problem of a framework or control file at once, each with its line: for catalog authors.

`auditor frameworks check FILE…` and `auditor controls check FILE…` print them as
``file:line: problem``; the loader raises them all in one error, so a new framework is fixed in
one pass instead of one problem per run. ``publisher``, ``source`` and ``licence_note`` are asked
only of the catalogs shipped with auditor (their terms of reuse must be on record); a reviewer's
own framework does not need them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from auditor.errors import AuditorError
from auditor.model.catalog import Control, Framework
from auditor.yamlio import LineMap, load_yaml

BUILTIN_ONLY_FIELDS = ("publisher", "source", "licence_note")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "problem": self.message}


def _message(err: dict) -> str:
    loc = ".".join(str(p) for p in err.get("loc", ()))
    kind = err.get("type")
    msg = {"extra_forbidden": "unknown field", "missing": "missing required field"}.get(kind, err.get("msg", "invalid"))
    return f"{loc}: {msg}" if loc else msg


def validation_problems(model: type[BaseModel], data: Any, file: Path, lines: LineMap | None,
                        ) -> tuple[BaseModel | None, list[Problem]]:
    """The model, or every validation problem with its line (never only the first)."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        out = []
        for err in exc.errors(include_url=False):
            line = lines.line_of(tuple(err.get("loc", ()))) if lines else None
            out.append(Problem(str(file), line, _message(err)))
        return None, out


def _required_here(data: dict, file: Path, lines: LineMap, builtin: bool) -> list[Problem]:
    if not builtin:
        return []
    return [Problem(str(file), lines.line_of(()) or 1, f"{name}: missing required field (built-in catalogs "
                    "record where the standard is published and on what terms)")
            for name in BUILTIN_ONLY_FIELDS if not str(data.get(name) or "").strip()]


def _framework_problems(fw: Framework, file: Path, lines: LineMap, controls: dict | None) -> list[Problem]:
    out, seen = [], {}
    for i, req in enumerate(fw.requirements):
        where = lines.line_of(("requirements", i, "id"))
        if req.id in seen:
            out.append(Problem(str(file), where, f"duplicate requirement id {req.id!r} (first on line {seen[req.id]})"))
        seen.setdefault(req.id, where)
        mapped: set[str] = set()
        for j, mapping in enumerate(req.controls):
            at = lines.line_of(("requirements", i, "controls", j))
            if controls is not None and mapping.control not in controls:
                from auditor.catalog.loader import _unknown

                out.append(Problem(str(file), at, f"requirement {req.id!r} maps to "
                                                  f"{_unknown('control', mapping.control, controls)}"))
            if mapping.control in mapped:
                out.append(Problem(str(file), at, f"requirement {req.id!r} maps to control {mapping.control!r} twice"))
            mapped.add(mapping.control)
    return out


def _control_problems(control: Control, file: Path, lines: LineMap) -> list[Problem]:
    out = []
    for language in ("en", "ar"):
        for i, pattern in enumerate(getattr(control.vocabulary, language)):
            try:
                re.compile(pattern)
            except re.error as exc:
                out.append(Problem(str(file), lines.line_of(("vocabulary", language, i)),
                                   f"vocabulary.{language}.{i}: not a regular expression: {exc}"))
    return out


def check_file(path: Path, what: str, *, controls: dict | None = None, builtin: bool = False) -> list[Problem]:
    """Every problem of one ``framework`` or ``control`` file; [] when it is sound.

    ``controls`` (the catalog's, for a framework) lets mappings to unknown controls be reported.
    """
    path = Path(path)
    try:
        data, lines = load_yaml(path)
    except AuditorError as exc:  # not YAML at all: its one problem, where the parser stopped
        return [Problem(str(path), exc.line, exc.message)]
    if data is None:
        return [Problem(str(path), None, f"empty {what} file")]
    if not isinstance(data, dict):
        return [Problem(str(path), 1, f"a {what} file is a mapping of fields (id, title, ...)")]
    model = Framework if what == "framework" else Control
    if what == "framework":  # the model leaves them optional; built-in catalogs must have them
        problems = _required_here(data, path, lines, builtin)
    else:
        problems = []
    item, invalid = validation_problems(model, data, path, lines)
    problems += invalid
    file_id = data.get("id")
    if isinstance(file_id, str) and file_id != path.stem:
        problems.append(Problem(str(path), lines.line_of(("id",)),
                                f"{what} id {file_id!r} does not match its file name {path.name!r}"))
    if item is not None:
        problems += (_framework_problems(item, path, lines, controls) if what == "framework"
                     else _control_problems(item, path, lines))
    return sorted(problems, key=lambda p: (p.line or 0))


def raise_all(problems: list[Problem]) -> None:
    """One error carrying every problem, one ``file:line: problem`` per line."""
    from auditor.errors import CatalogError

    if problems:
        ordered = sorted(problems, key=lambda p: (p.file, p.line or 0))
        first = ordered[0]
        raise CatalogError(first.message, file=first.file, line=first.line, details=tuple(str(p) for p in ordered[1:]))


def known_controls(workspace=None) -> dict:
    """The controls a framework may map to: built-in, overlaid by the workspace's (when they load)."""
    from auditor.catalog.loader import _load_folder
    from auditor.workspace import builtin_dir

    controls = {k: v[0] for k, v in _load_folder(builtin_dir("controls"), Control, "control", builtin=True).items()}
    if workspace is not None:
        try:
            controls.update({k: v[0] for k, v in _load_folder(workspace.controls_dir, Control, "control").items()})
        except AuditorError:  # a broken workspace control is reported by `controls check`, not here
            pass
    return controls


def check_files(paths: list[Path], what: str, workspace=None) -> list[Problem]:
    """Every problem of every file; a file under the built-in catalog folder is held to its rules."""
    from auditor.workspace import builtin_dir

    builtin = builtin_dir("frameworks" if what == "framework" else "controls").resolve()
    controls = known_controls(workspace) if what == "framework" else None
    out: list[Problem] = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            out.append(Problem(str(path), None, "no such file"))
            continue
        out += check_file(path, what, controls=controls, builtin=path.resolve().parent == builtin)
    return out
