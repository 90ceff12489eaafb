"""Names in scripts the lists romanise by sound, not letter by letter.

Burmese: one Latin word per syllable. The lists write Burmese names by their sound, syllable by syllable (စိုးဝင်း SOE WIN, မင်းအောင်လှိုင် MIN AUNG
HLAING), not letter by letter: a machine transliteration gives "hcoewainn" and meets nothing. The spelling of each
opening consonant, medial and rhyme is data (``burmese`` in screening_words.yaml).

Thai: in the Royal Thai General System, the romanisation Thai names are written in (สุวิทย์ SUWIT), by pythainlp's
"royin" engine, the field's own library; a company's generic words (บริษัท ... จำกัด) in English first.

Hebrew: a letter that Latin lists write by where it stands in the word. Bet after the first letter is a v (שרביט
SHARVIT, צבי ZVI), a final pe an f (יוסף YOSEF), a final kaf kh, an opening vav a v (``hebrew_letters``).
"""

from __future__ import annotations

import re
from functools import lru_cache

BURMESE = re.compile(r"[\u1000-\u109f]")
_SYLLABLE = re.compile(
    r"(?P<opening>[\u1000-\u1021\u1023-\u102a\u103f])"
    r"(?P<medials>[\u103b-\u103e]*)"
    r"(?P<vowels>[\u102b-\u1032\u1036\u1037\u1038]*)"
    r"(?:(?P<final>[\u1000-\u1021])(?:\u1037?\u103a|\u1039))?"
    r"(?P<tones>[\u1037\u1038\u103a]*)")
_RUN = re.compile(r"[\u1000-\u109f]+")
HEBREW = re.compile(r"[\u05d0-\u05ea]")
THAI = re.compile(r"[\u0e00-\u0e7f]")
_THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
_HEBREW_WORD = re.compile(r"[\u05d0-\u05ea\u05b0-\u05c7]+")


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    from auditor.screening.normalize import _raw_vocabulary   # normalize reads Burmese through this module

    raw = _raw_vocabulary().get("burmese") or {}
    return {key: {str(k): str(v) for k, v in (value or {}).items()} for key, value in raw.items()}


def _vowel(signs: str) -> str:
    """The vowel a syllable writes: a (none), aa, i, u, e, ai, aw (e with aa), o (i with u)."""
    if "\u1031" in signs:
        return "aw" if ("\u102c" in signs or "\u102b" in signs) else "e"
    if ("\u102d" in signs or "\u102e" in signs) and ("\u102f" in signs or "\u1030" in signs):
        return "o"
    if "\u102d" in signs or "\u102e" in signs:
        return "i"
    if "\u102c" in signs or "\u102b" in signs:   # a written aa, not the inherent a: ARKAR, YADANAR
        return "aa"
    if "\u102f" in signs or "\u1030" in signs:
        return "u"
    if "\u1032" in signs:
        return "ai"
    return "a"


def _syllable(match: re.Match, table: dict[str, dict[str, str]]) -> str:
    medials, signs = match["medials"], match["vowels"]
    opening = table["initials"].get(match["opening"], "")
    if "\u103b" in medials or "\u103c" in medials:
        opening = table["with_y"].get(opening, opening + "y")
    if "\u103e" in medials:
        opening = table["with_h"].get(opening, "h" + opening)
    vowel = _vowel(signs)
    final = table["finals"].get(match["final"] or "", "m" if "\u1036" in signs else "")
    key = f"{vowel}-{final}" if final else vowel
    high = "\u1038" in signs + (match["tones"] or "")
    if "\u103d" in medials:   # the medial wa: a rhyme of its own after a closing consonant (ထွန်း htun), else a w
        rhyme = table["rhymes"].get("w" + key) or "w" + table["rhymes"].get(key, vowel)
    elif match["opening"] == "\u1021" and key in table["carrier_rhymes"]:
        rhyme = table["carrier_rhymes"][key]
    elif high and key in table["high_tone"]:
        rhyme = table["high_tone"][key]
    else:
        rhyme = table["rhymes"].get(key, vowel)
    if match["opening"] in "\u1023\u1024\u1025\u1026\u1027\u1029\u102a":   # an independent vowel is its own rhyme
        return opening
    return opening + rhyme


def _run(text: str) -> str:
    table = _table()
    return " " + " ".join(_syllable(m, table) for m in _SYLLABLE.finditer(text)) + " "


def burmese(text: str) -> str:
    """``text`` with each run of Burmese script written as the lists romanise it (ကိုကိုလှိုင် ko ko hlaing)."""
    if not BURMESE.search(text):
        return text
    return " ".join(_RUN.sub(lambda m: _run(m.group(0)), text).split())


@lru_cache(maxsize=4096)
def _royal_thai(run: str) -> str:
    import os

    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")   # its bundled tables suffice: no data folder in the home
    from pythainlp.transliterate import romanize   # half a second to load, and only for a name in Thai

    return romanize(run, engine="royin")


def thai(text: str) -> str:
    """``text`` with its Thai read as the lists write Thai names (บริษัท รุ่งริน จำกัด company rungrin limited)."""
    if not THAI.search(text):
        return text
    from auditor.screening.glossary import glossed

    text, _company = glossed(text.replace("\u0e4d\u0e32", "\u0e33"))   # sara am as written, not as NFKC splits it
    return " ".join(_THAI_RUN.sub(lambda m: f" {_royal_thai(m.group(0))} ", text).split())


@lru_cache(maxsize=1)
def _hebrew_letters() -> dict[str, dict[str, str]]:
    from auditor.screening.normalize import _raw_vocabulary

    raw = _raw_vocabulary().get("hebrew_letters") or {}
    return {place: {str(k): str(v) for k, v in (raw.get(place) or {}).items()} for place in ("opening", "inside", "closing")}


def _hebrew_word(match: re.Match) -> str:
    word, letters = match.group(0), _hebrew_letters()
    out = []
    for i, ch in enumerate(word):
        place = "opening" if i == 0 else "closing" if i == len(word) - 1 else "inside"
        out.append(letters[place].get(ch) or (letters["inside"].get(ch) if place == "closing" else None) or ch)
    return "".join(out)


def hebrew(text: str) -> str:
    """``text`` with the Hebrew letters read by their place in the word in Latin (שרביט שרvיט), the rest left to
    the general transliteration."""
    if not HEBREW.search(text):
        return text
    return _HEBREW_WORD.sub(_hebrew_word, text)


def by_sound(text: str) -> str:
    """``text`` with its Burmese, Thai and Hebrew read as the lists write those names; any other text as it is."""
    return thai(hebrew(burmese(text)))


__all__ = ["BURMESE", "HEBREW", "THAI", "burmese", "by_sound", "hebrew", "thai"]
