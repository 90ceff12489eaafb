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

from auditor.claims.near import near_pattern
from auditor.errors import AuditorError
from auditor.model.catalog import Control, Framework, Near
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


def _framework_problems(fw: Framework | dict, file: Path, lines: LineMap, controls: dict | None) -> list[Problem]:
    """Requirement ids unique, mappings to known controls, each once; read from the raw data too, so
    these are reported alongside the field problems of a file that does not validate."""
    raw = fw.model_dump(mode="json") if isinstance(fw, BaseModel) else fw
    requirements = raw.get("requirements") if isinstance(raw, dict) else None
    out, seen = [], {}
    for i, req in enumerate(requirements if isinstance(requirements, list) else []):
        if not isinstance(req, dict):
            continue
        rid = req.get("id")
        where = lines.line_of(("requirements", i, "id"))
        if isinstance(rid, str):
            if rid in seen:
                out.append(Problem(str(file), where, f"duplicate requirement id {rid!r} (first on line {seen[rid]})"))
            seen.setdefault(rid, where)
        mapped: set[str] = set()
        mappings = req.get("controls")
        for j, mapping in enumerate(mappings if isinstance(mappings, list) else []):
            control = mapping.get("control") if isinstance(mapping, dict) else None
            if not isinstance(control, str):
                continue
            at = lines.line_of(("requirements", i, "controls", j))
            if controls is not None and control not in controls:
                from auditor.catalog.loader import _unknown

                unknown = _unknown("control", control, controls)
                out.append(Problem(str(file), at, f"requirement {rid!r} maps to {unknown}"))
            if control in mapped:
                out.append(Problem(str(file), at, f"requirement {rid!r} maps to control {control!r} twice"))
            mapped.add(control)
    return out


def _control_problems(data: dict, file: Path, lines: LineMap) -> list[Problem]:
    out = []
    vocabulary = data.get("vocabulary")
    for language in ("en", "ar"):
        patterns = vocabulary.get(language) if isinstance(vocabulary, dict) else None
        for i, pattern in enumerate(patterns if isinstance(patterns, list) else []):
            if not isinstance(pattern, str):
                continue
            try:
                re.compile(pattern)
            except re.error as exc:
                out.append(Problem(str(file), lines.line_of(("vocabulary", language, i)),
                                   f"vocabulary.{language}.{i}: not a regular expression: {exc}"))
    nears = vocabulary.get("near") if isinstance(vocabulary, dict) else None
    for i, near in enumerate(nears if isinstance(nears, list) else []):
        try:
            re.compile(near_pattern(Near.model_validate(near)))
        except (re.error, ValueError) as exc:
            out.append(Problem(str(file), lines.line_of(("vocabulary", "near", i)),
                               f"vocabulary.near.{i}: not a usable word group: {str(exc).splitlines()[0]}"))
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
    _, invalid = validation_problems(model, data, path, lines)
    problems += invalid
    file_id = data.get("id")
    if isinstance(file_id, str) and file_id != path.stem:
        problems.append(Problem(str(path), lines.line_of(("id",)),
                                f"{what} id {file_id!r} does not match its file name {path.name!r}"))
    problems += (_framework_problems(data, path, lines, controls) if what == "framework"
                 else _control_problems(data, path, lines))
    return sorted(problems, key=lambda p: (p.line or 0))


def raise_all(problems: list[Problem]) -> None:
    """One error line (the project's rule) naming every problem of the file, each with its line:
    "f.yaml:4: colour: unknown field; line 9: requirements.1.id: missing required field; …"."""
    from auditor.errors import CatalogError

    if problems:
        ordered = sorted(problems, key=lambda p: (p.file, p.line or 0))
        first = ordered[0]
        rest = "".join(f"; {'line ' + str(p.line) + ': ' if p.line else ''}{p.message}" for p in ordered[1:])
        raise CatalogError(first.message + rest, file=first.file, line=first.line)


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
