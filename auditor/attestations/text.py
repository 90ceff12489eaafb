"""Text of an attestation document as lines with page and line numbers, page furniture set aside.

PDF text comes from pypdf (one pass, no layout analysis: fast enough for an 80-page report).
Text is normalised with NFKC, so Arabic presentation forms read as ordinary letters, and
direction marks are removed. Lines repeated on most pages (running headers, footers, page
numbers) are dropped from the content but keep their numbers, so a citation's line number is
the line as a reviewer counts it on the page.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from auditor.model.attestation import DocCitation

_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
                                 "\u200b\u00ad"))
_DIGIT_MAP = {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}}  # ٠١٢ → 012
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")
_DIGITS = re.compile(r"\d+")
_COLUMN_GAP = re.compile(r"(?<=\S)[ \t\u00a0]{3,}(?=\S)")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # a bullet glyph pypdf cannot map comes out as DEL


MAX_TEXT_BYTES = 8 * 1024 * 1024


class UnreadableDocument(Exception):
    """The file is not a PDF or text we can extract lines from."""


def normalise(text: str) -> str:
    """NFKC (presentation forms, ligatures, full-width forms), no direction marks, single spaces."""
    text = _CONTROLS.sub("•", unicodedata.normalize("NFKC", text).translate(_MARKS).translate(_DIGIT_MAP))
    text = _COLUMN_GAP.sub(" | ", text)  # a wide gap in laid-out text separates table cells
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class Line:
    page: int
    number: int
    text: str


@dataclass
class Doc:
    """Content lines joined by newlines, with a map from character offset back to the line."""

    lines: list[Line]
    pages: int
    text: str = field(init=False)
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = []
        pos = 0
        for line in self.lines:
            self.starts.append(pos)
            pos += len(line.text) + 1
        self.text = "\n".join(line.text for line in self.lines)

    def line_at(self, offset: int) -> int:
        """Index (in ``lines``) of the line holding ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def cite(self, offset: int) -> DocCitation:
        line = self.lines[self.line_at(offset)] if self.lines else Line(1, 1, "")
        return DocCitation(page=line.page, line=line.number, text=line.text[:300])

    def line_span(self, index: int) -> tuple[int, int]:
        start = self.starts[index]
        return start, start + len(self.lines[index].text)


def _furniture(pages: list[list[str]], share: float) -> set[str]:
    """Lines (digits masked) that recur near the top or bottom of most pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        filled = [t for t in lines if t]
        edge = {_DIGITS.sub("#", t) for t in filled[:3] + filled[-3:]}
        counts.update(edge)
    need = max(2, int(len(pages) * share + 0.999))
    return {key for key, n in counts.items() if n >= need}


def from_pages(raw_pages: list[str], share: float = 0.6) -> Doc:
    pages = [[normalise(t) for t in raw.splitlines()] for raw in raw_pages]
    furniture = _furniture(pages, share)
    lines = []
    for page_no, page in enumerate(pages, start=1):
        filled = [i for i, text in enumerate(page) if text]
        edges = set(filled[:3] + filled[-3:])  # a header's words inside the page (a cover title) are content
        for number, text in enumerate(page, start=1):
            if text and not (number - 1 in edges and _DIGITS.sub("#", text) in furniture):
                lines.append(Line(page_no, number, text))
    return Doc(lines, len(pages))


def read_pages(data: bytes) -> list[str]:
    """Page texts of a PDF, or the text split on form feeds; UnreadableDocument otherwise."""
    if data[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return _pdf_pages(data)
    if len(data) > MAX_TEXT_BYTES:
        raise UnreadableDocument(f"text over {MAX_TEXT_BYTES >> 20} MB: not an attestation letter or report")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableDocument("neither a PDF nor UTF-8 text") from None
    if "\x00" in text:
        raise UnreadableDocument("binary content, not text")
    return text.split("\f")


_ARABIC = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")


def _pdf_pages(data: bytes) -> list[str]:
    """Page texts: PDFium (fast: an 80-page report in a fraction of a second), and pypdf for pages with
    Arabic, whose mixed-direction lines PDFium gives in visual order (words of a label reversed)."""
    try:
        pages = _pdfium_pages(data)
    except UnreadableDocument:
        raise
    except ImportError:
        return _pypdf_pages(data)
    arabic = [i for i, text in enumerate(pages) if _ARABIC.search(text)]
    if arabic:
        logical = _pypdf_pages(data)
        for i in arabic:
            pages[i] = logical[i]
    return pages


def _pdfium_pages(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(f"damaged or encrypted PDF: {exc}") from None
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(_runs_to_lines(textpage))
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


_MARKER = re.compile(r"^\s*(?:[•·▪◦*-]|\d{1,2}[.)])\s*$")


def _runs_to_lines(textpage) -> str:
    """The page's text runs in content order, one line each, except that a run beside the previous one
    on the same row continues its line: after " | " when there is a gap (a table cell), else a space."""
    lines: list[str] = []
    previous = None
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", " ").replace("\n", " ").strip()
        if not text:
            continue
        if previous is not None and lines:
            p_left, p_bottom, p_right, p_top, p_text = previous
            middle, p_middle = (top + bottom) / 2, (p_top + p_bottom) / 2
            same_row = abs(middle - p_middle) <= max(2.0, min(top - bottom, p_top - p_bottom) / 2)
            if same_row and left >= p_right - 1:
                joiner = " " if left - p_right < 4 or _MARKER.match(p_text) else " | "
                lines[-1] += joiner + text
                previous = (left, bottom, right, top, text)
                continue
        lines.append(text)
        previous = (left, bottom, right, top, text)
    return "\n".join(lines)


def _pypdf_pages(data: bytes) -> list[str]:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise UnreadableDocument("encrypted PDF (needs a password)")
            except (PyPdfError, NotImplementedError) as exc:
                raise UnreadableDocument(f"encrypted PDF: {exc}") from None
        return [page.extract_text() or "" for page in reader.pages]
    except UnreadableDocument:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files; all mean "cannot read"
        raise UnreadableDocument(f"damaged PDF: {type(exc).__name__}: {str(exc)[:120]}") from None
