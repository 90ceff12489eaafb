"""Does every citation in a dossier still quote its document word for word?

The dossier stores the source documents; re-reading them the way ``claims extract`` does
gives the numbered lines again, and each citation's text must equal its line exactly.
"""

from __future__ import annotations

from pathlib import Path

from auditor.claims.reading import Document, read_document
from auditor.dossier import DossierCheck, Problem, check_dossier, document_path, iter_citations
from auditor.errors import InputError


def verify_dossier(path: Path, expected_id: str | None = None) -> DossierCheck:
    """``check_dossier`` plus every citation compared with the line it names.

    ``expected_id`` is the id the dossier was found by (its folder name under evidence/): a
    vendor.yaml saying otherwise would be audited under one name and stored under another."""
    check = check_dossier(path)
    vendor, folder = check.vendor, check.folder
    if expected_id is not None and vendor.id != expected_id:
        check.problems.append(Problem(f"id {vendor.id!r} is not the name of its folder {expected_id!r}; "
                                      f"rename one so both read the same", str(folder / "vendor.yaml"),
                                      _id_line(folder / "vendor.yaml")))
    docs_by_sha: dict[str, Document] = {}
    from auditor.questionnaires.verify import citation_problems, questionnaire_documents

    questionnaires = questionnaire_documents(vendor)  # spreadsheets: their cells are checked below
    for ref in vendor.documents:
        if ref.sha256 in questionnaires:
            continue
        target = document_path(folder, ref.path)
        if target is None or not target.is_file():
            continue
        try:
            doc = read_document(target)
        except InputError as exc:
            check.problems.append(Problem(f"document {ref.path} cannot be read: {exc.message}", str(target)))
            continue
        if doc.sha256 == ref.sha256:
            docs_by_sha[ref.sha256] = doc
    file = str(folder / "vendor.yaml")
    for label, citation in iter_citations(vendor):
        if citation is None:
            continue
        doc = docs_by_sha.get(citation.document)
        if doc is None:
            continue  # missing or changed document: already reported
        last = doc.cited_line(len(doc.lines)) if doc.lines else 0  # an HTML page's source lines
        if citation.line is None:
            check.problems.append(Problem(f"{label}: cites {citation.where} of a document that has lines, "
                                          "not cells", file))
        elif citation.line > last:
            check.problems.append(Problem(f"{label}: cites line {citation.line} but the document has "
                                          f"{last} lines", file))
        elif citation.text not in doc.quoted(citation.line):
            check.problems.append(Problem(f"{label}: line {citation.line} of its document does not read as "
                                          "cited", file))
    for label, message in citation_problems(vendor, folder):
        check.problems.append(Problem(f"{label}: {message}", file))
    return check


def _id_line(file: Path) -> int | None:
    from auditor.yamlio import load_yaml

    _, lines = load_yaml(file)
    return lines.line_of(("id",))
