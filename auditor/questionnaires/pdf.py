"""A CAIQ v4 printed from Excel to PDF, read from poppler's layout text.

Printed from Excel, the title and headers repeat on every page; each question's answer and
SSRM owner sit on the first line of its block and its id a few lines below. So the answer of
id k is the answer line after id k-1, up to id k's own line. A PDF made another way (for
example from Word, where ids wrap as ``A&A-`` / ``01.1``) does not read reliably and is refused.
Citations name the line of ``pdftotext -layout`` text, counted from 1 over the whole file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from auditor.errors import InputError
from auditor.model.questionnaire import AnswerValue, QuestionnaireFamily
from auditor.questionnaires.mapping import mapping_for, normalise_answer, normalise_ownership

_TITLE = re.compile(r"CONSENSUS ASSESSMENTS INITIATIVE QUESTIONNAIRE\s+v?(\d+(?:\.\d+)+)", re.IGNORECASE)
_ID = re.compile(r"^\s{0,16}([A-Z&]{2,4}-\d{2}\.\d+)(?=\s|$)")
_OWNERS = r"CSP-owned|CSC-owned|3rd-party outsourced|Shared CSP and CSC|Shared CSP and 3rd-party"
_ANSWER = re.compile(rf"(?:\s(Yes|No|NA|N/A)\s{{2,}}|\s{{2,}})({_OWNERS})\b(\s*)")
_WRAPPED = re.compile(r"^\s{0,16}[A-Z&]{2,4}-\s*$")  # "A&A-" alone, "01.1" on the next line
_TIMEOUT = 120


def layout_text(data: bytes, path: str) -> str:
    """``pdftotext -layout`` of the PDF (poppler); InputError when poppler is missing or fails."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise InputError("reading a questionnaire PDF needs poppler's pdftotext (apt-get install poppler-utils)",
                         file=path)
    with tempfile.TemporaryDirectory(prefix="auditor-q-") as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(data)
        try:
            done = subprocess.run([exe, "-layout", "-enc", "UTF-8", str(source), "-"], capture_output=True,
                                  timeout=_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(f"pdftotext took longer than {_TIMEOUT} s", file=path) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"not a readable PDF ({reason[-1] if reason else 'pdftotext failed'})", file=path)
    return done.stdout.decode("utf-8", "replace")


def pdf_lines(text: str) -> list[str]:
    """Lines as cited: form feeds (page breaks) removed, numbering over the whole file."""
    return [line.replace("\f", "") for line in text.split("\n")]


def read_caiq_pdf(data: bytes, path: str, sha256: str):
    from auditor.questionnaires.read import Item, Questionnaire

    lines = pdf_lines(layout_text(data, path))
    version = next((m.group(1) for m in map(_TITLE.search, lines[:40]) if m), None)
    if version is None:
        raise InputError("this PDF is not a CAIQ printed from its workbook (no CAIQ title on its first page); "
                         "export the vendor's workbook instead", file=path)
    header = _header_lines(lines)
    ids = [(n, m.group(1)) for n, line in enumerate(lines) if n not in header and (m := _ID.match(line))]
    answers = [(n, m) for n, line in enumerate(lines) if n not in header and (m := _ANSWER.search(line))]
    if not ids:
        raise InputError("no CAIQ question ids found in the PDF text", file=path)
    wrapped = [n for n, line in enumerate(lines) if _WRAPPED.match(line)]
    if wrapped:  # a PDF made from Word: ids break across lines, so answers cannot be paired reliably
        raise InputError(f"line {wrapped[0] + 1}: question ids wrap across lines in this PDF, so its answers "
                         "cannot be read reliably; import the vendor's workbook instead", file=path)
    items, warnings = [], []
    seen: set[str] = set()
    previous = -1
    a = 0
    for k, (line_no, qid) in enumerate(ids):
        while a < len(answers) and answers[a][0] <= previous:
            a += 1
        block = [ans for ans in answers[a:] if ans[0] <= line_no]
        if qid in seen:
            warnings.append(f"line {line_no + 1}: {qid} appears again; the first answer was kept")
            previous = line_no
            continue
        seen.add(qid)
        if not block:  # no answer and no owner on the block's first line: unanswered
            items.append(Item(id=qid, answer=AnswerValue.BLANK, raw="", line=line_no + 1))
            previous = line_no
            continue
        if len(block) > 1:
            warnings.append(f"line {line_no + 1}: {qid} has {len(block)} answer lines; the first was kept")
        start, match = block[0]
        raw = match.group(1) or ""
        end = ids[k + 1][0] if k + 1 < len(ids) else len(lines)
        following = [ans[0] for ans in answers if start < ans[0] <= end]
        stop = following[0] if following else end
        description, customer = _columns(lines, start, stop, match, header)
        items.append(Item(id=qid, answer=normalise_answer(raw), raw=raw, line=start + 1, comment=description,
                          ownership=normalise_ownership(match.group(2)), customer_text=customer))
        previous = line_no
    family = QuestionnaireFamily.CAIQ
    return Questionnaire(path=path, sha256=sha256, family=family, version=version, sheet=None, items=items,
                         mapping=mapping_for(family.value, version), warnings=warnings)


def _header_lines(lines: list[str]) -> set[int]:
    """The title and column headers repeated at the top of each page."""
    out: set[int] = set()
    for n, line in enumerate(lines):
        if _TITLE.search(line):
            for k in range(n, min(n + 9, len(lines))):
                if k == n or re.search(r"Question ID|CSP CAIQ|Answer\b|Ownership|Optional|Description|"
                                       r"Responsibilities|^\s*v\d+(?:\.\d+)+\s*$", lines[k]):
                    out.add(k)
    return out


def _columns(lines: list[str], start: int, stop: int, match: re.Match[str], header: set[int]) -> tuple[str, str]:
    """The implementation description and CSC responsibilities of one block: each run of text right
    of the SSRM owner goes to the column whose header starts nearest to it (CCM columns dropped)."""
    left = match.end()
    csc, ccm = _header_x(lines, start, "CSC Respons"), _header_x(lines, start, "CCM")
    described, customer = [], []
    for n in range(start, stop):
        if n in header:
            continue
        line = lines[n]
        for chunk in re.finditer(r"\S+(?: {1,2}\S+)*", line[left - 1:] if n == start else line):
            x = chunk.start() + (left - 1 if n == start else 0)
            if x < left - 2 or re.fullmatch(r"[A-Z&]{2,4}-\d{2}", chunk.group(0)):
                continue  # question text or id left of the description; a CCM control id right of it
            targets = [(abs(x - left), described)]
            if csc is not None:
                targets.append((abs(x - csc), customer))
            if ccm is not None:
                targets.append((abs(x - ccm), None))
            column = min(targets, key=lambda t: t[0])[1]
            if column is not None:
                column.append(chunk.group(0))
    return " ".join(described), " ".join(customer)


def _header_x(lines: list[str], start: int, label: str) -> int | None:
    """Where the nearest header above ``start`` prints ``label`` (column positions change per page)."""
    for n in range(start, max(start - 400, -1), -1):
        pos = lines[n].find(label)
        if pos >= 0:
            return pos
    return None
