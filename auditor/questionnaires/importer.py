"""``questionnaire import`` as a library call: read, convert, store the file as evidence, update the dossier.

Everything that can fail on the input (reading, detecting, converting, validating the new
dossier) happens before anything is written. Then the file is stored as evidence of kind
``questionnaire`` (covering no control: a vendor's own answers are claims, not proof), copied
into the dossier's documents/, and vendor.yaml is replaced in one atomic rename.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from auditor.errors import DossierError
from auditor.model.enums import EvidenceKind
from auditor.questionnaires.convert import Converted, claims_reader, convert
from auditor.questionnaires.read import Questionnaire, read_questionnaire
from auditor.questionnaires.sheets import load_bytes


@dataclass
class ImportResult:
    questionnaire: Questionnaire
    converted: list[Converted]
    dossier: Path | None = None
    evidence_added: bool = False


def read_and_convert(path: Path, catalog, *, sheet: str | None = None, spec: str | None = None,
                     read_comments: bool = True) -> tuple[bytes, Questionnaire, list[Converted]]:
    data = load_bytes(path)
    q = read_questionnaire(data, str(path), sheet=sheet, spec=spec, csv_sheet=_csv_sheet_name(path))
    reader = None
    if read_comments and any(i.comment for i in q.items):
        reader = claims_reader(_extractor(catalog))
    return data, q, convert(q, catalog.controls, reader)


_EXTRACTOR: list[tuple[object, object]] = []  # (catalog, extractor): one, the last catalog used


def _extractor(catalog):
    """The claims reader's compiled vocabulary for ``catalog``, compiled once per catalog in a process
    (the compile is most of an import's time; a library user importing many files pays it once)."""
    if _EXTRACTOR and _EXTRACTOR[0][0] is catalog:
        return _EXTRACTOR[0][1]
    from auditor.claims import build_extractor

    extractor = build_extractor(catalog.controls, sources=catalog.sources)
    _EXTRACTOR[:] = [(catalog, extractor)]
    return extractor


def _csv_sheet_name(path: Path) -> str:
    """A CSV has one sheet, named like Excel names it: the file's stem (cut to Excel's 31 characters)."""
    name = "".join(ch for ch in path.stem if ch not in "[]:*?/\\!") or "csv"
    return name[:31]


def import_into_dossier(workspace, catalog, vendor_ref: str, path: Path, *, store, sheet: str | None = None,
                        spec: str | None = None, today: date | None = None) -> ImportResult:
    from auditor.workspace import looks_like_path

    folder = workspace.dossier_dir(vendor_ref)
    if not looks_like_path(vendor_ref) and folder.resolve().parent != workspace.evidence_dir.resolve():
        raise DossierError(f"{vendor_ref} is a built-in sample dossier; create your own with `auditor vendor init` "
                           "before importing into it")
    data, q, converted = read_and_convert(path, catalog, sheet=sheet, spec=spec)
    with _locked(folder):  # two imports into one dossier: the second reads what the first wrote
        return _write(folder, path, data, q, converted, store, today)


@contextmanager
def _locked(folder: Path):
    """An exclusive lock on the dossier folder (flock on its directory) while vendor.yaml is rewritten."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, as before
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _write(folder: Path, path: Path, data: bytes, q: Questionnaire, converted: list[Converted], store,
           today: date | None) -> ImportResult:
    from auditor.dossier import load_dossier, render_vendor
    from auditor.dossier import document_path as resolve_document
    from auditor.model.vendor import Vendor
    from auditor.questionnaires.dossier import document_name, with_questionnaire
    from auditor.yamlio import write_atomic

    vendor = load_dossier(folder)
    if q.owner is not None and q.owner != vendor.id:
        raise DossierError(f"this follow-up was exported for {q.owner!r}, not {vendor.id!r}; import it into "
                           f"{q.owner}'s dossier", file=path)
    today = today or date.today()
    relative = document_name(vendor, path, q.sha256)
    updated = Vendor.model_validate(with_questionnaire(vendor, q, converted, relative, today).model_dump())
    target = resolve_document(folder, relative)
    if target is None:
        raise DossierError(f"document path {relative!r} leaves the dossier's documents/", file=folder)
    yaml_file = folder / "vendor.yaml"
    header = _header(yaml_file.read_text(encoding="utf-8"))
    text = render_vendor(updated, header)  # everything validated and rendered before the first write

    added = False
    active = {item.sha256 for item in store.items(vendor.id) if not item.revoked and not item.superseded_by}
    if q.sha256 not in active:
        completed = q.completed if q.completed and q.completed <= today else None
        item = store.add(vendor.id, path, kind=EvidenceKind.QUESTIONNAIRE, covers=(), effective=completed,
                         note=f"{q.family.value} {q.version or ''} imported by `auditor questionnaire import`".strip())
        if item.sha256 != q.sha256:
            raise DossierError("the file changed while it was being imported; import it again", file=path)
        added = True
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    write_atomic(yaml_file, text)
    return ImportResult(questionnaire=q, converted=converted, dossier=folder, evidence_added=added)


def _header(text: str) -> str | None:
    """The comment lines vendor.yaml starts with, kept when it is rewritten."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].removeprefix(" "))
    return "\n".join(lines) if lines else None
