"""Vendor dossiers on disk: ``evidence/<id>/vendor.yaml`` plus the source ``documents/``.

``load_dossier`` is how every other part of the tool reads a dossier. ``check_dossier`` says
whether the files still match what the dossier records (each document's sha256, each
citation pointing at a listed document). ``write_new_dossier`` creates one in a temporary
folder and renames it into place, so a failure never leaves half a dossier behind.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from auditor.errors import DossierError
from auditor.model.vendor import Vendor
from auditor.yamlio import dump_yaml, load_model, write_atomic

VENDOR_FILE = "vendor.yaml"
DOCUMENTS = "documents"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def dossier_file(path: Path) -> Path:
    """``path`` may be the dossier folder or its vendor.yaml."""
    return path if path.name == VENDOR_FILE or path.suffix in (".yaml", ".yml") else path / VENDOR_FILE


def load_dossier(path: Path) -> Vendor:
    """Read and validate a dossier (folder or vendor.yaml); errors name the file and line."""
    file = dossier_file(path)
    if file.is_symlink():  # a dossier from elsewhere must not make the tool read a file outside it
        raise DossierError("vendor.yaml is a symbolic link; a dossier must hold its own files", file=file)
    if not file.is_file():
        raise DossierError("not a vendor dossier (no vendor.yaml)", file=path)
    vendor = load_model(Vendor, file)
    for ref in vendor.documents:  # every command refuses a dossier that points outside itself
        if document_path(file.parent, ref.path) is None:
            raise DossierError(f"document path {ref.path!r} leaves the dossier's documents/ folder", file=file,
                               line=_line_of(file, ref.path))
    return vendor


def _line_of(file: Path, text: str) -> int | None:
    """The first line of ``file`` that mentions ``text`` (to point the user at it)."""
    try:
        for number, line in enumerate(file.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if text in line:
                return number
    except OSError:
        pass
    return None


@dataclass(frozen=True)
class Problem:
    message: str
    file: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return where + self.message


@dataclass
class DossierCheck:
    vendor: Vendor
    folder: Path
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def sha256_file(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def document_path(folder: Path, relative: str) -> Path | None:
    """The document's file inside the dossier, or None when the path would leave it."""
    if (folder / DOCUMENTS).is_symlink():  # documents/ itself pointing elsewhere leaves the dossier too
        return None
    candidate = (folder / relative).resolve()
    base = folder.resolve() / DOCUMENTS
    if base != candidate and base not in candidate.parents:
        return None
    return candidate


def iter_citations(vendor: Vendor):
    """Every citation in the dossier with a label saying where it sits."""
    for i, c in enumerate(vendor.claims):
        yield f"claims[{i}] {c.control}", c.citation
    for i, a in enumerate(vendor.attestations):
        yield f"attestations[{i}] {a.type.value}", a.citation
    for i, r in enumerate(vendor.regulations):
        yield f"regulations[{i}] {r.id.value}", r.citation
    if vendor.headquarters:
        yield "headquarters", vendor.headquarters.citation
    for i, h in enumerate(vendor.hosting):
        yield f"hosting[{i}] {h.country}", h.citation
    for i, s in enumerate(vendor.subprocessors):
        yield f"subprocessors[{i}] {s.name}", s.citation
    for i, s in enumerate(vendor.support.sla):
        yield f"support.sla[{i}] {s.severity.value}", s.citation
    if vendor.support.hours:
        yield "support.hours", vendor.support.hours.citation
    for i, ch in enumerate(vendor.support.channels):
        yield f"support.channels[{i}] {ch.type}", ch.citation
    if vendor.support.escalation:
        yield "support.escalation", vendor.support.escalation
    for name in type(vendor.contract).model_fields:
        fact = getattr(vendor.contract, name)
        if fact is not None:
            yield f"contract.{name}", fact.citation
    for i, p in enumerate(vendor.prices):
        yield f"prices[{i}] {p.item}", p.citation


def check_dossier(path: Path) -> DossierCheck:
    """Validate the dossier and re-hash its documents; every citation must name one of them."""
    file = dossier_file(path)
    vendor = load_dossier(path)
    folder = file.parent
    check = DossierCheck(vendor=vendor, folder=folder)
    known: set[str] = set()
    for ref in vendor.documents:
        target = document_path(folder, ref.path)
        if target is None:
            check.problems.append(Problem(f"document path {ref.path!r} leaves the dossier's documents/", str(file)))
            continue
        if not target.is_file():
            check.problems.append(Problem(f"document {ref.path} is missing", str(file)))
            continue
        actual = sha256_file(target)
        if actual != ref.sha256:
            check.problems.append(Problem(f"document {ref.path} changed: sha256 {actual} is not the recorded "
                                          f"{ref.sha256}", str(target)))
        known.add(ref.sha256)
    for label, citation in iter_citations(vendor):
        if citation is not None and citation.document not in known and \
                citation.document not in {r.sha256 for r in vendor.documents}:
            check.problems.append(Problem(f"{label}: cites document {citation.document[:12]}… which the dossier "
                                          "does not list", str(file)))
    return check


def safe_document_name(name: str, taken: set[str]) -> str:
    """A plain file name for documents/: no folders, no leading dots, unique."""
    base = _SAFE_NAME.sub("_", Path(name).name).lstrip(".") or "document"
    candidate = base
    n = 2
    while candidate in taken:
        stem, dot, suffix = base.partition(".")
        candidate = f"{stem}-{n}{dot}{suffix}"
        n += 1
    taken.add(candidate)
    return candidate


def render_vendor(vendor: Vendor, header: str | None = None) -> str:
    """vendor.yaml text: empty values left out so a reviewer reads only what was found."""
    data = _prune(vendor.model_dump(mode="json"))
    data.setdefault("support", {})
    text = dump_yaml(data)
    if header:
        text = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines()) + text
    return text


def _prune(value):
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            v = _prune(v)
            if v is None or v == [] or v == {}:
                continue
            out[k] = v
        return out
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _file_mode() -> int:
    """0o666 less the process umask, read without changing it (Linux /proc), else 0o644."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o644


def write_new_dossier(folder: Path, vendor: Vendor, documents: list[tuple[str, bytes]], *,
                      header: str | None = None) -> Path:
    """Create ``folder`` with vendor.yaml and documents/, all at once; refuse an existing one."""
    if folder.exists():
        raise DossierError(f"dossier {folder} already exists; refusing to overwrite it (edit it, or remove it first)")
    folder.parent.mkdir(parents=True, exist_ok=True)
    # a plain mkdir (not mkdtemp, which makes it private) so the dossier gets the usual permissions
    tmp = folder.parent / f".{folder.name}.{secrets.token_hex(6)}.tmp"
    tmp.mkdir()
    mode = _file_mode()
    try:
        (tmp / DOCUMENTS).mkdir()
        for relative, data in documents:
            target = document_path(tmp, relative)
            if target is None:
                raise DossierError(f"document path {relative!r} leaves documents/")
            write_atomic(target, data, mode=mode)
        write_atomic(tmp / VENDOR_FILE, render_vendor(vendor, header), mode=mode)
        if folder.exists():  # created meanwhile by someone else
            raise DossierError(f"dossier {folder} already exists; refusing to overwrite it")
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


__all__ = ["load_dossier", "check_dossier", "write_new_dossier", "render_vendor", "safe_document_name",
           "iter_citations", "document_path", "sha256_file", "DossierCheck", "Problem"]
