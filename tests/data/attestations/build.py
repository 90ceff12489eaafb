"""Render the sample attestation documents (text written for this project) to PDF with reportlab.

Each ``*.txt`` holds a document in a small markup, so the PDFs are reproducible (reportlab's
invariant mode) and their text is reviewable in a diff:

    %header: left text | right text      repeated on every page (page furniture the readers must skip)
    %footer: text with {page}
    %layout: plain | grid | boxed       how tables are drawn (no rules, full grid, outer box + row lines)
    \\page                               page break
    # Heading / ## Sub-heading
    @ centred cover line
    | a | b | c |                        table row; consecutive rows form one table
    - bullet item
    >ar Arabic line (shaped, right-aligned)
    blank line                           ends a paragraph; other lines join into one paragraph

Usage: python tests/data/attestations/build.py OUT_DIR [SOURCE.txt ...]   (default: every sample)
The 80-page report for the benchmark is built by ``long_soc2_text()``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _arabic_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "SampleArabic" not in pdfmetrics.getRegisteredFontNames():
        for candidate in [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]:
            if candidate.is_file():
                pdfmetrics.registerFont(TTFont("SampleArabic", str(candidate)))
                break
        else:
            import fontpkg_noto_sans_arabic as noto  # type: ignore[import-not-found]

            font = sorted(Path(noto.__file__).resolve().parent.glob("files/*.ttf"))[0]
            pdfmetrics.registerFont(TTFont("SampleArabic", str(font)))
    return "SampleArabic"


def _shape(text: str) -> str:
    import arabic_reshaper
    from bidi.algorithm import get_display

    return get_display(arabic_reshaper.reshape(text))


_ARABIC = re.compile("[\u0600-\u06ff]")


def _markup(text: str) -> str:
    """Paragraph markup for a string: Arabic runs shaped and set in a font that has the glyphs."""
    from xml.sax.saxutils import escape

    if not _ARABIC.search(text):
        return escape(text)
    return f'<font name="{_arabic_font()}">{escape(_shape(text))}</font>'


def _plain(text: str) -> str:
    return _shape(text) if _ARABIC.search(text) else text


def parse(text: str) -> tuple[dict[str, str], list[tuple[str, object]]]:
    """Markup to (settings, blocks); a block is (kind, payload)."""
    settings: dict[str, str] = {"layout": "plain"}
    blocks: list[tuple[str, object]] = []
    para: list[str] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()
        if rows:
            blocks.append(("table", list(rows)))
            rows.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("%") and ":" in line and not blocks and not para:
            key, _, value = line[1:].partition(":")
            settings[key.strip()] = value.strip()
            continue
        if not line.strip():
            flush()
            continue
        if line.startswith("|"):
            if para:
                flush()
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        if rows:
            flush()
        if line == "\\page":
            flush()
            blocks.append(("page", None))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            flush()
            blocks.append(("h1", line[2:]))
        elif line.startswith("@ "):
            flush()
            blocks.append(("center", line[2:]))
        elif line.startswith("- "):
            flush()
            blocks.append(("bullet", line[2:]))
        elif line.startswith(">ar "):
            flush()
            blocks.append(("ar", line[4:]))
        else:
            para.append(line.strip())
    flush()
    return settings, blocks


def render(text: str, out: Path) -> Path:
    """One sample's markup to a PDF at ``out`` (reproducible bytes)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    settings, blocks = parse(text)
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    arabic = ParagraphStyle("ar", parent=body, fontName=_arabic_font(), alignment=TA_RIGHT, fontSize=11)
    cell = ParagraphStyle("cell", parent=body, fontSize=8, leading=10)
    center = ParagraphStyle("center", parent=styles["Title"], alignment=TA_CENTER, fontSize=16, leading=22)
    layout = settings.get("layout", "plain")
    story: list = []
    for kind, payload in blocks:
        if kind == "page":
            story.append(PageBreak())
        elif kind in ("h1", "h2"):
            story.append(Paragraph(_markup(str(payload)), styles["Heading1" if kind == "h1" else "Heading3"]))
        elif kind == "center":
            story.append(Paragraph(_markup(str(payload)), center))
            story.append(Spacer(1, 4 * mm))
        elif kind == "bullet":
            story.append(Paragraph(_markup(str(payload)), body, bulletText="\u2022"))
        elif kind == "ar":
            story.append(Paragraph(escape(_shape(str(payload))), arabic))
        elif kind == "p":
            story.append(Paragraph(_markup(str(payload)), body))
        elif kind == "table":
            rows = [[Paragraph(_markup(c), cell) for c in row] for row in payload]  # type: ignore[union-attr]
            width = 170 * mm
            ncols = max(len(r) for r in rows)
            table = Table(rows, colWidths=[width / ncols] * ncols, repeatRows=1)
            style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
            if layout == "grid":
                style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
            elif layout == "boxed":
                style += [("BOX", (0, 0), (-1, -1), 1, colors.black),
                          ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey)]
            table.setStyle(TableStyle(style))
            story.append(table)
            story.append(Spacer(1, 3 * mm))
    header, footer = settings.get("header", ""), settings.get("footer", "")

    def furniture(canvas, doc) -> None:
        canvas.saveState()
        font = _arabic_font() if _ARABIC.search(header + footer) else "Helvetica"
        canvas.setFont(font, 8)
        page_w, page_h = doc.pagesize
        if header:
            left, _, right = header.partition("|")
            canvas.drawString(20 * mm, page_h - 12 * mm, _plain(left.strip()))
            if right:
                canvas.drawRightString(page_w - 20 * mm, page_h - 12 * mm, _plain(right.strip()))
        if footer:
            canvas.drawCentredString(page_w / 2, 10 * mm, _plain(footer.replace("{page}", str(doc.page))))
        canvas.restoreState()

    out.parent.mkdir(parents=True, exist_ok=True)
    size = LETTER if settings.get("paper") == "letter" else A4
    doc = SimpleDocTemplate(str(out), pagesize=size, topMargin=22 * mm, bottomMargin=20 * mm,
                            title=settings.get("title", out.stem), author="auditor test samples",
                            invariant=1)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out


def long_soc2_text(pages: int = 80) -> str:
    """A clean Type II report padded with test tables to about ``pages`` pages (for the benchmark)."""
    base = (HERE / "samples" / "soc2-type2-clean.txt").read_text(encoding="utf-8")
    head, sep, tail = base.partition("# Section V")
    rows = []
    n = 0
    while len(rows) < pages * 11:
        n += 1
        crit = f"CC{1 + n % 9}.{1 + n % 4}"
        rows.append(f"| {crit} | HP-{100 + n} | The platform team reviews configuration item {n} each week and "
                    f"records the review in the ticketing system. | Inspected the weekly review records for a "
                    f"sample of 25 weeks. | No exceptions noted. |")
    extra = "\n\\page\n## Additional tests of controls\n\n| Criterion | Control | Control activity | Test performed | Result |\n"
    return head + extra + "\n".join(rows) + "\n\n\\page\n" + sep + tail


def build_all(out_dir: Path, sources: list[Path] | None = None) -> list[Path]:
    sources = sources or sorted((HERE / "samples").glob("*.txt")) + sorted((HERE / "heldout").glob("*.txt"))
    done = []
    for src in sources:
        sub = out_dir / src.parent.name
        done.append(render(src.read_text(encoding="utf-8"), sub / (src.stem + ".pdf")))
    return done


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "pdf"
    for path in build_all(target, [Path(a) for a in sys.argv[2:]] or None):
        print(path)
