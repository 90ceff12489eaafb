"""An imported questionnaire into the vendor's dossier: its claims, its record, its document copy.

Importing the same file again replaces what it said before (claims and record citing its
sha256), so a re-import is idempotent and a corrected file supersedes nothing else.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from auditor.model.questionnaire import AnswerValue, QuestionnaireRecord
from auditor.model.vendor import DocumentRef, Vendor
from auditor.questionnaires.convert import Converted
from auditor.questionnaires.read import Questionnaire


def record_of(q: Questionnaire, converted: list[Converted], imported: date) -> QuestionnaireRecord:
    return QuestionnaireRecord(
        document=q.sha256, family=q.family, version=q.version, sheet=q.sheet, imported=imported,
        completed=q.completed,
        questions=len(q.items),
        not_applicable=[c.record() for c in converted if c.item.answer == AnswerValue.NA and not c.customer],
        unanswered=[c.record() for c in converted if c.item.answer == AnswerValue.BLANK and not c.customer],
        customer=[c.record() for c in converted if c.customer],
        flagged=[c.record() for c in converted if c.flag],
        partial=[c.record(c.partial) for c in converted if c.partial],
        attachments=[c.item.attachment for c in converted if c.item.attachment])


def with_questionnaire(vendor: Vendor, q: Questionnaire, converted: list[Converted], document_path: str,
                       imported: date) -> Vendor:
    """A new Vendor with this questionnaire's claims and record (earlier ones from the same file dropped)."""
    sha = q.sha256
    claims = [c for c in vendor.claims if c.citation is None or c.citation.document != sha]
    claims += [claim for conv in converted for claim in conv.claims]
    records = [r for r in vendor.questionnaires if r.document != sha] + [record_of(q, converted, imported)]
    documents = list(vendor.documents)
    if not any(d.sha256 == sha for d in documents):
        documents.append(DocumentRef(path=document_path, sha256=sha, title=f"questionnaire {q.family.value} "
                                     f"{q.version or ''}".strip()))
    return vendor.model_copy(update={"claims": claims, "questionnaires": records, "documents": documents})


def document_name(vendor: Vendor, source: Path, sha256: str) -> str:
    """documents/<name> for the copy: the existing one when this file is already there."""
    from auditor.dossier import safe_document_name

    for ref in vendor.documents:
        if ref.sha256 == sha256:
            return ref.path
    taken = {Path(ref.path).name for ref in vendor.documents}
    return f"documents/{safe_document_name(source.name, taken)}"
