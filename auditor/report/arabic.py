"""Text for the PDF: fonts from packages or the system, Arabic shaped and laid out right to left.

reportlab draws glyphs one by one, left to right, without shaping. So Arabic is joined with
arabic_reshaper (presentation forms), wrapped in logical order at the width it will occupy,
and only then each line is put into visual order by the Unicode bidi algorithm. An Arabic
quotation inside an English sentence ("claim: the vendor states: ...") becomes its own
right-to-left, right-aligned paragraph, so Latin words inside it (Zoho CRM, AES) stay where the
vendor put them. Arabic text is drawn with Noto Sans Arabic (from the fontpkg-noto-sans-arabic
package; it also draws Latin, digits and punctuation), the rest with the body font. No font
file is part of this repository.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.platypus.flowables import Flowable

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# Invisible characters that reorder text: in untrusted vendor text they could disguise a line.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"))
_SYSTEM_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
    "/usr/share/fonts/dejavu-sans-fonts", "/usr/local/share/fonts", "/opt/homebrew/share/fonts",
    "/Library/Fonts",
)


@dataclass(frozen=True)
class Fonts:
    """Registered reportlab font names; `unicode` is False when only Helvetica was available."""

    body: str
    bold: str
    arabic: str
    unicode: bool


def _registered(name: str) -> bool:
    from reportlab.pdfbase import pdfmetrics

    return name in pdfmetrics.getRegisteredFontNames()


def _register(name: str, path: Path) -> bool:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _registered(name):
        return True
    try:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    except Exception:  # an unreadable or unsupported font file: try the next candidate
        return False
    return True


def _find_system_font(filename: str) -> Path | None:
    for folder in _SYSTEM_FONT_DIRS:
        candidate = Path(folder) / filename
        if candidate.is_file():
            return candidate
    return None


def arabic_font_file() -> Path | None:
    """Noto Sans Arabic from its Python package, else DejaVu Sans from the system."""
    try:
        import fontpkg_noto_sans_arabic as noto
    except ImportError:
        noto = None
    if noto is not None:
        found = sorted(Path(noto.__file__).resolve().parent.glob("files/*.ttf"))
        if found:
            return found[0]
    return _find_system_font("DejaVuSans.ttf")


def load_fonts() -> Fonts:
    """Register the fonts once per process and say which ones the report can use."""
    body, bold, unicode_ok = "Helvetica", "Helvetica-Bold", False
    regular = _find_system_font("DejaVuSans.ttf")
    heavy = _find_system_font("DejaVuSans-Bold.ttf")
    if regular and heavy and _register("AuditorSans", regular) and _register("AuditorSans-Bold", heavy):
        body, bold, unicode_ok = "AuditorSans", "AuditorSans-Bold", True
    else:  # reportlab ships Bitstream Vera: Latin-1 and a little more, better than Helvetica's encoding
        import reportlab

        vera = Path(reportlab.__file__).resolve().parent / "fonts"
        if _register("AuditorSans", vera / "Vera.ttf") and _register("AuditorSans-Bold", vera / "VeraBd.ttf"):
            body, bold, unicode_ok = "AuditorSans", "AuditorSans-Bold", True
    arabic = body
    path = arabic_font_file()
    if path is not None and _register("AuditorArabic", path):
        arabic = "AuditorArabic"
    return Fonts(body=body, bold=bold, arabic=arabic, unicode=unicode_ok)


def clean(text: str) -> str:
    """Untrusted text made safe to draw: no bidi overrides, no control characters, NFC."""
    text = unicodedata.normalize("NFC", str(text))
    if text.replace("\n", "").isprintable():  # the usual case: nothing to remove
        return text
    text = text.translate(_BIDI_CONTROLS)
    out = []
    for ch in text:
        kind = unicodedata.category(ch)
        if ch == "\n" or kind not in ("Cc", "Cf", "Cs") or ch in "\u200c\u200d":  # keep joiners
            out.append(ch)
        elif kind == "Cc":
            out.append(" ")
    return "".join(out)


def has_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def is_rtl(text: str) -> bool:
    """Paragraph direction from its first strong character (rule P2 of the bidi algorithm)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _encodable(text: str, fonts: Fonts) -> str:
    if fonts.unicode:
        return text
    return text.encode("cp1252", "replace").decode("cp1252")


def _visual(line: str, rtl: bool) -> str:
    # bidi.algorithm mirrors brackets in right-to-left runs; the faster bidi.get_display does not.
    from bidi.algorithm import get_display

    return get_display(line, base_dir="R" if rtl else "L")


_RESHAPER = None


def _shape(text: str) -> str:
    """Joined presentation forms; the vendor's diacritics (harakat: عادةً، تلقائيًا) are kept, so a
    citation in the PDF is the exact line (arabic_reshaper deletes them unless told not to)."""
    global _RESHAPER
    if _RESHAPER is None:
        from arabic_reshaper import ArabicReshaper

        _RESHAPER = ArabicReshaper(configuration={"delete_harakat": False, "shift_harakat_position": False})
    return _RESHAPER.reshape(text)


def inline(text: str, fonts: Fonts) -> str:
    """Paragraph markup for Latin text (reportlab wraps it); Arabic goes through TextLayout instead."""
    return escape(_encodable(clean(text).replace("\n", " "), fonts))


_LABEL_ENDS = (": ", "«", "\"", "“", " — ", " - ")


def split_directions(text: str) -> list[tuple[str, bool]]:
    """Cut a paragraph into (segment, rtl): an English label, then the Arabic it introduces.

    "claim: the vendor states: <Arabic sentence with Zoho CRM and (AES) in it>" becomes the
    label left to right and the whole sentence right to left, so the Latin words inside the
    Arabic stay where the vendor put them. Text with no label is one segment.
    """
    first = next((i for i, ch in enumerate(text) if _ARABIC.match(ch)), None)
    if first is None:
        return [(text, False)]
    prefix = text[:first]
    cut = max((prefix.rfind(sep) + len(sep) if prefix.rfind(sep) >= 0 else -1) for sep in _LABEL_ENDS)
    if cut < 0:
        latin = sum(unicodedata.bidirectional(c) == "L" for c in text)
        arabic_letters = sum(1 for c in text if _ARABIC.match(c))
        cut = 0 if arabic_letters >= latin else first
    label, rest = text[:cut].strip(), text[cut:].strip()
    if label and not rest.startswith(("«", "\"", "“")) and label.endswith(("«", "\"", "“")):
        label, rest = label[:-1].rstrip(), label[-1] + rest
    if not label or not any(unicodedata.bidirectional(c) == "L" for c in label):
        return [(text.strip(), True)]
    closer = _QUOTES.get(rest[:1])
    end = rest.rfind(closer) if closer else -1
    tail = rest[end + 1:].strip() if end > 0 else ""
    if tail and not _ARABIC.search(tail) and any(unicodedata.bidirectional(c) == "L" for c in tail):
        return [(label, False), (rest[:end + 1], True), (tail, False)]  # '"<Arabic>"; no certificate'
    return [(label, False), (rest, True)]


_QUOTES = {"\"": "\"", "“": "”", "«": "»"}


@dataclass(frozen=True)
class Line:
    """One visual line: (font, text, width) runs drawn left to right, and how to align it."""

    runs: tuple[tuple[str, str, float], ...]
    width: float
    rtl: bool


class TextBlock(Flowable):
    """Pre-wrapped lines drawn directly: far cheaper than a Paragraph, and bidi-correct."""

    def __init__(self, lines: list[Line], size: float, leading: float, colour=None):
        super().__init__()
        self.lines, self.size, self.leading, self.colour = lines, size, leading, colour

    def wrap(self, avail_width, avail_height):
        self.avail = avail_width
        return avail_width, self.leading * len(self.lines) + (self.leading - self.size) / 2

    def draw(self):
        canvas = self.canv
        if self.colour is not None:
            canvas.setFillColor(self.colour)
        y = self.leading * (len(self.lines) - 1) + (self.leading - self.size) / 2 + self.size * 0.22
        text = canvas.beginText()  # one text object; widths are known, so none is measured again here
        current = None
        for line in self.lines:
            x = self.avail - line.width if line.rtl else 0.0
            for font, run, width in line.runs:
                if font != current:
                    text.setFont(font, self.size)
                    current = font
                text.setTextOrigin(x, y)
                text.textLine(run)
                x += width
            y -= self.leading
        canvas.drawText(text)


def _string_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


class TextLayout:
    """Wraps and reorders text, remembering word widths and laid-out citations.

    Vendor citations repeat across every requirement mapped to the same control, so shaping,
    wrapping and reordering each one once keeps a report of every framework fast.
    """

    def __init__(self, fonts: Fonts):
        from reportlab.pdfbase import pdfmetrics

        self.fonts = fonts
        self._widths: dict[tuple[str, str, float], float] = {}
        self._done: dict[tuple[str, float, float], list[Line]] = {}
        self._run_cache: dict[tuple[str, bool], tuple[tuple[str, str], ...]] = {}
        face = getattr(pdfmetrics.getFont(fonts.arabic), "face", None)
        self._arabic_cmap = getattr(face, "charToGlyph", {})

    def width(self, text: str, font: str, size: float) -> float:
        key = (text, font, size)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = _string_width(text, font, size)
        return found

    def _runs(self, text: str, rtl: bool) -> tuple[tuple[str, str], ...]:
        """Arabic paragraphs in the Arabic font wherever it has the glyph; Latin ones in the body font."""
        key = (text, rtl)
        found = self._run_cache.get(key)
        if found is None:
            found = self._run_cache[key] = self._split_runs(text, rtl)
        return found

    def _split_runs(self, text: str, rtl: bool) -> tuple[tuple[str, str], ...]:
        fonts, runs = self.fonts, []
        for ch in text:
            arabic_font = (rtl and ord(ch) in self._arabic_cmap) or _ARABIC.match(ch)
            font = fonts.arabic if arabic_font else fonts.body
            if font == fonts.body and not fonts.unicode:
                ch = _encodable(ch, fonts)
            if runs and runs[-1][0] == font:
                runs[-1][1].append(ch)
            else:
                runs.append((font, [ch]))
        return tuple((font, "".join(chars)) for font, chars in runs)

    def _line(self, visual: str, rtl: bool, size: float) -> Line:
        runs = tuple((f, r, self.width(r, f, size)) for f, r in self._runs(visual, rtl))
        return Line(runs, sum(w for _, _, w in runs), rtl)

    def _pieces(self, word: str, size: float, width: float) -> list[str]:
        """A Latin word wider than the column (a sha256, a long id) cut after '-', '.', ')' or anywhere."""
        pieces, current = [], ""
        for ch in word:
            if current and self.width(current + ch, self.fonts.body, size) > width:
                soft = max(current.rfind(c) for c in "-./)_")
                if soft > 0 and soft < len(current) - 1:
                    pieces.append(current[:soft + 1])
                    current = current[soft + 1:]
                else:
                    pieces.append(current)
                    current = ""
            current += ch
        return pieces + [current]

    def _wrap(self, words: list[str], rtl: bool, size: float, width: float) -> list[str]:
        if not rtl and any(len(w) > 12 and self.width(w, self.fonts.body, size) > width for w in words):
            words = [p for w in words for p in (self._pieces(w, size, width)
                                                if self.width(w, self.fonts.body, size) > width else [w])]
        lines: list[str] = []
        current: list[str] = []
        used = 0.0
        space = self.width(" ", self.fonts.body, size)
        for word in words:
            w = sum(self.width(r, f, size) for f, r in self._runs(word, rtl)) if rtl or not word.isascii() \
                else self.width(word, self.fonts.body, size)
            if current and used + space + w > width:
                lines.append(" ".join(current))
                current, used = [word], w
            else:
                used = used + space + w if current else w
                current.append(word)
        lines.append(" ".join(current))
        return lines

    def lines(self, text: str, size: float, width: float) -> list[Line]:
        """Visual lines of ``text`` wrapped at ``width`` points."""
        key = (text, size, width)
        found = self._done.get(key)
        if found is None:
            found = self._done[key] = self._layout(text, size, width)
        return found

    def _layout(self, text: str, size: float, width: float) -> list[Line]:
        out: list[Line] = []
        for paragraph in clean(text).split("\n"):
            for segment, rtl in split_directions(paragraph):
                if rtl:
                    logical = self._wrap(_shape(segment).split(" "), True, size, width)
                    out.extend(self._line(_visual(line, True), True, size) for line in logical)
                else:
                    out.extend(self._line(line, False, size) for line in self._wrap(segment.split(" "), False,
                                                                                    size, width))
        return out

    def block(self, text: str, size: float, leading: float, width: float, colour=None) -> TextBlock:
        return TextBlock(self.lines(text, size, width), size, leading, colour)

    def plain(self, text: str, size: float, width: float) -> str | None:
        """Latin-only text wrapped into a multi-line string a table cell draws itself; None if Arabic."""
        if has_arabic(text):
            return None
        return "\n".join("".join(r for _, r, _ in line.runs) for line in self.lines(text, size, width))


def draw_text(canvas, x: float, y: float, text: str, layout: TextLayout, size: float, *,
              font: str | None = None, anchor: str = "start") -> None:
    """Draw one line on a reportlab canvas (page headers, footers), Arabic shaped and reordered."""
    text = clean(text).replace("\n", " ")
    rtl = is_rtl(text)
    line = layout._line(_visual(_shape(text), rtl) if has_arabic(text) else text, rtl, size)
    x -= {"start": 0.0, "middle": line.width / 2, "end": line.width}[anchor]
    for run_font, run, width in line.runs:
        if font and run_font == layout.fonts.body:
            run_font, width = font, _string_width(run, font, size)
        canvas.setFont(run_font, size)
        canvas.drawString(x, y, run)
        x += width
