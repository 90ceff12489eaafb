"""Vendor documents to numbered lines: plain text, Markdown, HTML and PDF.

A citation names a document by the sha256 of its bytes and a line by its 1-based number, with
the exact text of the extracted line. The number is the line of the *source* for HTML (where the
element's text starts in the page as sent), and of the *extracted text* for the others:

- text and Markdown: the file's own lines (split on ``\\n``; a trailing ``\\r`` is dropped);
- HTML (BeautifulSoup on lxml, ``auditor.documents.html``): one line per block element (heading,
  paragraph, list item, table row with its cells joined by `` | ``), blank lines dropped, navigation,
  footers, cookie banners and scripts left out;
- PDF (text extracted with pypdf): the lines pypdf produces, page after page.

``auditor claims text DOC`` prints that extracted text with its line numbers, so a reviewer
can always find the line a citation points at.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from auditor.claims.normalise import detect_language
from auditor.errors import InputError
from auditor.files import read_bounded

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_HTML_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Document:
    """One source document as read: where it came from, its hash, and its lines."""

    path: str
    sha256: str
    kind: str  # text | html | pdf
    lines: tuple[str, ...]
    language: str = "en"
    data: bytes = field(default=b"", repr=False, compare=False)
    blocks: tuple | None = field(default=None, repr=False, compare=False)  # HTML: the blocks the parser saw
    source: str | None = field(default=None, compare=False)  # a fetched page's URL
    pages: tuple[int, ...] | None = field(default=None, compare=False)  # PDF: first line of each page
    # HTML: for each extracted line, the 1-based line of the page's source where its text starts
    source_lines: tuple[int, ...] | None = field(default=None, repr=False, compare=False)

    def cited_line(self, line: int) -> int:
        """The number a citation gives extracted ``line``: the source's line for HTML."""
        return self.source_lines[line - 1] if self.source_lines else line

    def quoted(self, cited: int) -> list[str]:
        """The extracted lines a citation of line ``cited`` may quote (several where a page's
        source runs many elements on one line)."""
        if self.source_lines:
            return [text for text, n in zip(self.lines, self.source_lines) if n == cited]
        return [self.lines[cited - 1]] if 0 < cited <= len(self.lines) else []

    def page_of(self, line: int) -> int | None:
        """The 1-based page of a PDF holding 1-based ``line`` (None for other documents)."""
        if not self.pages:
            return None
        import bisect

        return bisect.bisect_right(self.pages, line)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def layout_of(doc: Document):
    """The document's blocks (headings, paragraphs, list items, table rows...) by line."""
    from auditor.documents.model import Block, BlockKind, Layout, split_colon_lists

    if doc.blocks is not None:
        return Layout.build(split_colon_lists(list(doc.blocks), doc.lines), len(doc.lines))
    if doc.kind == "pdf":
        return Layout.build([Block(BlockKind.PARAGRAPH, n, n) for n, line in enumerate(doc.lines, 1) if line.strip()],
                            len(doc.lines))
    from auditor.documents.markdown import markdown_layout

    layout = markdown_layout(doc.lines)
    return Layout.build(split_colon_lists(list(layout.blocks), doc.lines), len(doc.lines))


def split_lines(text: str) -> tuple[str, ...]:
    """Lines exactly as citations number them: split on newline, a trailing CR removed."""
    return tuple(line[:-1] if line.endswith("\r") else line for line in text.split("\n"))


def document_from_text(text: str, *, path: str = "<text>", data: bytes | None = None) -> Document:
    """A document from text already in memory (tests, benchmarks, pasted text)."""
    raw = data if data is not None else text.encode("utf-8")
    lines = split_lines(text)
    return Document(path=path, sha256=hashlib.sha256(raw).hexdigest(), kind="text", lines=lines,
                    language=detect_language(text), data=raw)


def read_document(path: Path) -> Document:
    """Read a document of any supported kind; unreadable input is one InputError line."""
    data = read_bounded(path, max_bytes=MAX_DOCUMENT_BYTES, noun="document")
    return parse_document(data, path=str(path), suffix=path.suffix.lower())


def parse_document(data: bytes, *, path: str, suffix: str = "", source: str | None = None) -> Document:
    """A document from its bytes; ``source`` is the URL a fetched page came from."""
    digest = hashlib.sha256(data).hexdigest()
    cited: tuple[int, ...] | None = None
    if data.startswith(b"%PDF-") or suffix == ".pdf":
        page_texts = _pdf_pages(data, path)
        lines = split_lines("\n".join(page_texts))
        kind = "pdf"
        pages, first = [], 1
        for text in page_texts:  # the first line of each page, so a citation can name its page
            pages.append(first)
            first += len(text.split("\n"))
    else:
        text = _decode(data, path)
        if suffix in _HTML_SUFFIXES or _HTML_SNIFF.match(data[:4096]):
            from auditor.documents.html import html_blocks, source_lines

            try:
                html_lines, blocks = html_blocks(text)
            except RecursionError:
                raise InputError("HTML nested too deeply to read", file=path) from None
            lines = tuple(html_lines)
            cited = tuple(source_lines(text, html_lines))
            kind = "html"
        else:
            lines = split_lines(text)
            kind = "text"
    joined = "\n".join(lines)
    if not joined.strip():
        raise InputError("document has no text to read", file=path)
    return Document(path=path, sha256=digest, kind=kind, lines=lines, language=detect_language(joined), data=data,
                    blocks=tuple(blocks) if kind == "html" else None, source=source,
                    pages=tuple(pages) if kind == "pdf" else None, source_lines=cited)


def _decode(data: bytes, path: str) -> str:
    if b"\x00" in data:
        raise InputError("binary file (NUL byte); expected text, Markdown, HTML or PDF", file=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); expected text, Markdown, HTML or PDF",
                         file=path, line=line) from None


def _pdf_pages(data: bytes, path: str) -> list[str]:
    import logging

    from pypdf import PdfReader

    # pypdf logs its repairs ("EOF marker not found") to stderr; the error below is the one line.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise InputError("encrypted PDF; decrypt it first", file=path)
            except NotImplementedError:
                raise InputError("encrypted PDF; decrypt it first", file=path) from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # untrusted bytes: any parser failure is the input's fault
        raise InputError(f"not a readable PDF ({type(exc).__name__}: {exc})", file=path) from None
    return [page.rstrip("\n") for page in pages]
