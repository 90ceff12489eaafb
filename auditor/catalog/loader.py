"""Build the catalog: built-in frameworks and controls, overlaid by the workspace's own."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from auditor.errors import CatalogError, InputError
from auditor.model.catalog import Control, Framework, Requirement
from auditor.model.enums import Coverage
from auditor.workspace import Workspace, builtin_dir
from auditor.yamlio import LineMap, load_yaml


@dataclass(frozen=True)
class Mapped:
    """A requirement mapped to a control, as listed by ``controls show``."""

    framework: Framework
    requirement: Requirement
    coverage: Coverage


@dataclass
class Catalog:
    frameworks: dict[str, Framework]
    controls: dict[str, Control]
    sources: dict[str, Path] = field(default_factory=dict)
    _by_control: dict[str, list[Mapped]] | None = field(default=None, repr=False)

    def framework(self, framework_id: str) -> Framework:
        try:
            return self.frameworks[framework_id]
        except KeyError:
            raise InputError(_unknown("framework", framework_id, self.frameworks)) from None

    def control(self, control_id: str) -> Control:
        try:
            return self.controls[control_id]
        except KeyError:
            raise InputError(_unknown("control", control_id, self.controls)) from None

    def mapped_to(self, control_id: str) -> list[Mapped]:
        """Every requirement of every framework that maps to ``control_id``."""
        if self._by_control is None:
            index: dict[str, list[Mapped]] = {}
            for fw in self.frameworks.values():
                for req in fw.requirements:
                    for m in req.controls:
                        index.setdefault(m.control, []).append(Mapped(fw, req, m.coverage))
            self._by_control = index
        return self._by_control.get(control_id, [])


def _unknown(kind: str, wanted: str, known: dict[str, object]) -> str:
    by_lower = {k.lower(): k for k in known}  # `MFA` should still suggest `mfa`
    close = [by_lower[c] for c in difflib.get_close_matches(wanted.lower(), list(by_lower), n=3, cutoff=0.5)]
    hint = f"; did you mean {', '.join(close)}?" if close else f"; known: {', '.join(sorted(known))}"
    return f"unknown {kind} {wanted!r}{hint}"


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")):
        if path.is_file():
            found.append(path)
        elif path.is_symlink() or path.exists():  # a link to a device, a FIFO, a folder, or to nothing
            raise CatalogError(_not_a_file(path), file=path)
    return found


def _not_a_file(path: Path) -> str:
    """Why a catalog file named *.yaml cannot be read: never skipped silently."""
    if path.is_symlink() and not path.exists():
        return "a symbolic link to nothing (broken link)"
    return "not a regular file" + (" (a symbolic link to a device, FIFO or folder)" if path.is_symlink() else "")


def _load_folder(folder: Path, model, what: str, builtin: bool = False) -> dict[str, tuple[object, Path, LineMap]]:
    from auditor.catalog.check import _required_here, raise_all, validation_problems

    found: dict[str, tuple[object, Path, LineMap]] = {}
    for path in _yaml_files(folder):
        data, lines = load_yaml(path)
        if data is None:
            raise CatalogError(f"empty {what} file", file=path)
        item, problems = validation_problems(model, data, path, lines)
        if what == "framework" and isinstance(data, dict):
            problems = _required_here(data, path, lines, builtin) + problems
            if problems:  # with the field problems, the mapping ones: every problem in one pass
                from auditor.catalog.check import _framework_problems

                problems += _framework_problems(data, path, lines, None)  # unknown controls: once all load
        raise_all(problems)  # every problem of the file at once, one per line
        if item.id != path.stem:
            raise CatalogError(f"{what} id {item.id!r} does not match its file name {path.name!r}",
                               file=path, line=lines.line_of(("id",)))
        if item.id in found:
            raise CatalogError(f"duplicate {what} id {item.id!r} (also in {found[item.id][1].name})",
                               file=path, line=lines.line_of(("id",)))
        found[item.id] = (item, path, lines)
    return found


def _check_framework(fw: Framework, path: Path, lines: LineMap, controls: dict[str, Control]) -> None:
    """Requirement ids unique, mappings to known controls, each once: every problem at once."""
    from auditor.catalog.check import _framework_problems, raise_all

    raise_all(_framework_problems(fw, path, lines, controls))


def load_catalog(workspace: Workspace | None = None) -> Catalog:
    """Load every framework and control; workspace files replace built-in ones of the same id."""
    folders = [(builtin_dir("controls"), builtin_dir("frameworks"))]
    if workspace is not None:
        folders.append((workspace.controls_dir, workspace.frameworks_dir))
    controls: dict[str, tuple[object, Path, LineMap]] = {}
    frameworks: dict[str, tuple[object, Path, LineMap]] = {}
    for i, (controls_dir, frameworks_dir) in enumerate(folders):
        controls.update(_load_folder(controls_dir, Control, "control", builtin=i == 0))
        frameworks.update(_load_folder(frameworks_dir, Framework, "framework", builtin=i == 0))
    control_models = {cid: entry[0] for cid, entry in controls.items()}
    for fw, path, lines in frameworks.values():
        _check_framework(fw, path, lines, control_models)
    sources = {f"framework:{k}": v[1] for k, v in frameworks.items()}
    sources.update({f"control:{k}": v[1] for k, v in controls.items()})
    return Catalog(
        frameworks={k: v[0] for k, v in frameworks.items()},
        controls=control_models,
        sources=sources,
    )
