"""Follow-ups out: the audit's open items as a sheet the vendor fills in (xlsx or CSV, English or Arabic).

One row per open item, most severe first: an id, the question (from ``auditor/questions.py``),
why it is asked, which evidence would close it, an answer with a Yes/No/NA list, a comment and an
attachment column, and a hidden column with the item (a control id) so the filled sheet imports
back as claims about the right controls. Headers and the answer list are data
(``data/questionnaires/export.yaml``); the Arabic sheet reads right to left.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache

from auditor.errors import InputError
from auditor.model.enums import Severity
from auditor.questionnaires.layouts import FOLLOWUP_COLUMNS, FOLLOWUP_MARK

COLUMNS = ("id", "question", "why", "evidence", "answer", "comment", "attachment")
WIDTHS = {"id": 8, "question": 60, "why": 40, "evidence": 45, "answer": 12, "comment": 50, "attachment": 30}


@dataclass(frozen=True)
class FollowUp:
    id: str
    item: str  # control id (or a finding's kind and title when it names no control)
    question: str
    why: str
    evidence: str


@lru_cache(maxsize=1)
def texts() -> dict:
    from auditor.questionnaires.mapping import data_dir
    from auditor.yamlio import load_yaml

    data, _ = load_yaml(data_dir() / "export.yaml")
    return data


def _status_of(assessment) -> dict[str, str]:
    status: dict[str, str] = {}
    for fw in assessment.frameworks:
        for req in fw.requirements:
            for result in req.control_results:
                status.setdefault(result.control, result.status.value)
    return status


def open_items(assessment, catalog, language: str) -> list[FollowUp]:
    """The assessment's findings (above info) as follow-up rows, one per control, most severe first."""
    from auditor.questions import evidence_phrase, question_for

    why_text = texts()["why"]
    status = _status_of(assessment)
    rows: list[FollowUp] = []
    seen: set[str] = set()
    for finding in assessment.findings:
        if finding.severity == Severity.INFO or not finding.ask_vendor:  # the reviewer's own to-do
            continue
        key = finding.control or f"{finding.kind}:{finding.title}"
        if key in seen:
            continue
        seen.add(key)
        control = catalog.controls.get(finding.control) if finding.control else None
        if finding.kind == "hedge":
            reason = "hedge"
        elif finding.kind == "questionnaire" and "unanswered" in finding.title:
            reason = "unanswered"
        else:
            reason = status.get(finding.control or "", "other")
        why = why_text.get(reason, why_text["other"])[language]
        if language == "en" and finding.kind != "policy":  # a policy rule's title is the reviewer's wording
            why = f"{why} ({finding.title})"
        situation = {"gap": "missing", "stale": "current", "hedge": "confirm", "contradicted": "ask"}.get(reason,
                                                                                                         "evidence")
        question = finding.question if language == "en" or control is None else None
        if control is not None and (question is None or language != "en"):
            question = question_for(control, None, language, situation=situation)
        evidence = ""
        if control is not None:
            kinds = list(dict.fromkeys(e.kind.value if hasattr(e.kind, "value") else e.kind
                                       for e in control.evidence))[:2]
            evidence = " / ".join(evidence_phrase(control.id, k, language, title=control.title) for k in kinds)
        rows.append(FollowUp(id=f"Q{len(rows) + 1}", item=key, question=question or finding.title, why=why,
                             evidence=evidence))
    return rows


def _headers(language: str, vendor: str) -> list[str]:
    heads = texts()["headers"]
    return [heads[c][language] for c in COLUMNS] + [f"{FOLLOWUP_MARK}:{vendor}"]


def to_csv(items: list[FollowUp], language: str, vendor: str) -> bytes:
    """UTF-8 with a byte-order mark so spreadsheet programs read Arabic right; line breaks quoted."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_headers(language, vendor))
    for it in items:
        writer.writerow([it.id, it.question, it.why, it.evidence, "", "", "", it.item])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(items: list[FollowUp], language: str, vendor: str, *, title: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if language not in ("en", "ar"):
        raise InputError(f"--language {language!r}: en or ar")
    data = texts()
    wb = Workbook()
    ws = wb.active
    ws.title = data["sheet"][language]
    wb.properties.title = title or "auditor follow-up"
    wb.properties.creator = "auditor"
    headers = _headers(language, vendor)
    ws.append(headers)
    for it in items:
        ws.append([it.id, it.question, it.why, it.evidence, None, None, None, it.item])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE4EE")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2, max_row=len(items) + 1):
        for cell in row:
            cell.alignment = wrap
    for i, name in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS[name]
    hidden = get_column_letter(len(COLUMNS) + 1)
    ws.column_dimensions[hidden].hidden = True
    ws.freeze_panes = "B2"
    if language == "ar":
        ws.sheet_view.rightToLeft = True
    answer_col = get_column_letter(FOLLOWUP_COLUMNS["answer"] + 1)
    choices = ",".join(data["answers"][language])
    validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True,
                                showErrorMessage=True, errorTitle=headers[FOLLOWUP_COLUMNS["answer"]],
                                error=" / ".join(data["answers"][language]))
    ws.add_data_validation(validation)
    if items:
        validation.add(f"{answer_col}2:{answer_col}{len(items) + 1}")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
