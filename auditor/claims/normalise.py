"""One normal form for document lines and for the vocabulary written against them.

Vendor documents spell the same word many ways: Arabic-Indic digits (١٢) or Persian ones
(۱۲), hamza forms (أ إ آ), alef maqsura (ى), taa marbuta (ة), diacritics, tatweel (ـ),
no-break spaces, presentation-form glyphs out of a PDF, five kinds of dash. Folding them all
here, and applying the very same folding to every vocabulary pattern, lets a phrase be
written once in its natural spelling and still match every variant.
"""

from __future__ import annotations

import re
import unicodedata

_TABLE: dict[int, str | None] = {}
for _i in range(10):
    _TABLE[0x0660 + _i] = str(_i)  # Arabic-Indic digits
    _TABLE[0x06F0 + _i] = str(_i)  # Extended Arabic-Indic (Persian, Urdu) digits
for _cp in list(range(0x064B, 0x0660)) + [0x0670, 0x06D6, 0x06D7, 0x06D8, 0x06D9, 0x06DA, 0x06DB, 0x06DC,
                                           0x06DF, 0x06E0, 0x06E1, 0x06E2, 0x06E3, 0x06E4, 0x06E7, 0x06E8,
                                           0x06EA, 0x06EB, 0x06EC, 0x06ED, 0x0640]:
    _TABLE[_cp] = None  # harakat, Quranic marks, tatweel
for _src, _dst in {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ک": "ك", "ی": "ي", "ۀ": "ه",
    "٫": ".", "٬": ",", "٪": "%", "×": "x", "⨯": "x",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\r": "", "\u2009": " ", "\u202f": " ", "\u3000": " ", "\t": " ",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2264": "<=", "\u2265": ">=",
}.items():
    _TABLE[ord(_src)] = _dst
for _cp in range(0x2000, 0x200B):
    _TABLE[_cp] = " "  # every Unicode space is a plain space, so \\s reads as " "
for _cp in (0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2066, 0x2067, 0x2068, 0x2069,
            0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x061C, 0xFEFF, 0x00AD):
    _TABLE[_cp] = None  # invisible joiners, bidi marks, soft hyphen

# the characters that change: replacing only them is several times faster than str.translate
_CHANGED = re.compile("[" + re.escape("".join(chr(cp) for cp in _TABLE)) + "]")
_FREQUENT = tuple((ch, _TABLE[ord(ch)] or "") for ch in "ةأإىآ")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_SPACES = re.compile(r"   *")  # two spaces or more, written so the engine looks for "  " itself
# columns aligned with runs of spaces or tabs (plain text, text out of a PDF) read as table cells
# (written to start on the space or tab itself, which the engine can skip to quickly); padding
# beside a Markdown cell border ("| P0       |") is not a column of its own
_COLUMNS = re.compile(r"(?:\t|[ ](?=[ \t]))(?<=[^\s|][ \t])[ \t]*(?=[^\s|])")
# "وGDPR", "لـISO": an Arabic letter clinging to a Latin word or a number gets a space, so
# \bGDPR\b and "24 ساعة" match as they would in either language alone
_AR_THEN_LATIN = re.compile("([\u0621-\u064a])([A-Za-z0-9])")
_LATIN_THEN_AR = re.compile("([A-Za-z0-9])([\u0621-\u064a])")
_PATTERN_LATIN_THEN_AR = re.compile("(?<!\\\\)([A-Za-z0-9])([\u0621-\u064a])")
_ARABIC = re.compile("[\u0621-\u064a]")
# "للبيانات" is ل + البيانات with the alef dropped: restoring it ("لالبيانات") lets a phrase
# written with the article ("البيانات", "التعافي") match after the preposition too
_PATTERN_LAM = re.compile("(?<![\u0621-\u064a])([وف]?)لل")
_LAM_ARTICLE = re.compile("لل(?=[\u0621-\u064a])")
_WORDISH = re.compile("[\u0621-\u064aA-Za-z0-9_]")
# an HTML entity left in Markdown or plain text ("SOC 2 &mdash; assesses ...", "R&amp;D") is its character
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def _unescape(m: re.Match[str]) -> str:
    import html

    return html.unescape(m.group())


_ROW_LENGTH = 160


def _columned(line: str) -> bool:
    """Is the line laid out in columns? A tab or a wide gap is; a double space is a typing slip in prose ("With
    SOC 2  Type II compliance"), not a column, unless the line has other gaps as well and is as short as a row of
    a laid-out table (a paragraph written on one line runs longer)."""
    body = line.strip(" ")  # indentation and a Markdown line break ("text  ") are no gaps
    if "\t" in body or "   " in body:
        return True
    first = body.find("  ")
    return first >= 0 and body.find("  ", first + 2) >= 0 and len(body) <= _ROW_LENGTH


def normalise(text: str, *, pattern: bool = False) -> str:
    """Fold ``text`` to the form the vocabulary is matched against (case is left alone).

    With ``pattern`` the text is a regex: the letter of an escape (``\\s``, ``\\b``) is not a
    Latin word clinging to Arabic, so no space is put after it."""
    if _PRESENTATION.search(text):  # glyph forms out of a PDF: back to letters first
        text = unicodedata.normalize("NFKC", text)
    if not pattern and "&" in text and ";" in text:
        text = _ENTITY.sub(_unescape, text)
    if not pattern and ("  " in text or "\t" in text):  # no column runs over a line end: only the
        # lines holding a run of spaces or a tab are read
        text = "\n".join(_COLUMNS.sub(" | ", line) if _columned(line) else line for line in text.split("\n"))
    for char, folded in _FREQUENT:  # no callback per letter for the letters of almost every Arabic word
        if char in text:
            text = text.replace(char, folded)
    text = _CHANGED.sub(_replace, text)
    if _ARABIC.search(text):
        text = _AR_THEN_LATIN.sub(r"\1 \2", text)
        text = (_PATTERN_LATIN_THEN_AR if pattern else _LATIN_THEN_AR).sub(r"\1 \2", text)
        if "لل" in text:
            text = _LAM_ARTICLE.sub(_restore_article, text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text


def _replace(match: re.Match[str]) -> str:
    return _TABLE[ord(match.group())] or ""


def _restore_article(match: re.Match[str]) -> str:
    """"لل" at the start of a word (after و or ف at most) is ل + ال: write "لال"."""
    text, start = match.string, match.start()
    before = start - 1
    if before >= 0 and text[before] in "وف":
        before -= 1
    if before >= 0 and _WORDISH.match(text[before]):
        return "لل"
    return "لال"


def normalise_pattern(pattern: str) -> str:
    """Fold a vocabulary regex the same way as the text it will be matched against.

    Only letters, digits and spaces change, so the regex syntax survives; a pattern
    written with أ still matches text written with ا, and ١٢ matches 12. A word-initial "لل"
    becomes "لال" as in text, also where regex syntax follows it ("(?:لل)?عقوبات").
    """
    return _PATTERN_LAM.sub(r"\1لال", normalise(pattern, pattern=True))


_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_LATIN_LETTER = re.compile("[A-Za-z]")


def detect_language(text: str) -> str:
    """``ar`` when Arabic letters outnumber a third of all letters, else ``en``."""
    sample = text[:200_000]
    arabic = len(_ARABIC_LETTER.findall(sample))
    latin = len(_LATIN_LETTER.findall(sample))
    if arabic and arabic * 2 >= latin:
        return "ar"
    return "en"
