"""A Latin name written in another romanisation system than the lists', read as the lists write it.

The lists romanise Chinese names in pinyin (ZHOU, Yishan) and Korean names close to McCune-Reischauer (KIM, Tong-ho;
AIR KORYO), and join a Persian or Arabic name's parts (MIRKARIMI, MOUSAABADI). A party may write the same names in
Wade-Giles (Chou I-shan), in the Revised Romanisation of Korean (Kim Dong-ho, Air Goryeo) or with a hyphen
(Mir-Karimi): ``other_system`` gives the name as the lists would write it, to be screened as another reading
(``readings``). The tables are in ``screening_words.yaml`` (``wade_giles``, ``korean_revised``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.screening.normalize import _raw_vocabulary, generic_or_legal_words, vocabulary
from auditor.screening.keys import ABD_ARTICLE

_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc\u02bb\u0060\u00b4]")
_WORD = re.compile(r"[a-z'\u00fc\u016d]+(?:-[a-z'\u00fc\u016d]+)*")   # a word, its syllables apart by hyphens
_HYPHENATED = re.compile(r"(?<![\w'-])([a-z]{2,})-([a-z]{2,})(?![\w'-])")
# one syllable of romanised Korean: an opening consonant, a vowel (after w or y), a closing consonant not before a vowel
_KOREAN_SYLLABLE = re.compile(r"(?:ch|kk|tt|pp|ss|jj|[gkndtrlmbpsjh])?[wy]?[aeiou]{1,2}(?:ng|[kmnlpt](?![aeiouwy]))?")


@lru_cache(maxsize=1)
def _wade_giles() -> dict:
    table = _raw_vocabulary().get("wade_giles") or {}
    initials = sorted((tuple(str(x) for x in row) for row in table.get("initials", ())), key=lambda r: -len(r[0]))
    return {"initials": initials, "finals": {str(k): str(v) for k, v in (table.get("finals") or {}).items()},
            "after": {str(k): {str(a): str(b) for a, b in v.items()} for k, v in (table.get("finals_after") or {}).items()},
            "syllables": {str(k): str(v) for k, v in (table.get("syllables") or {}).items()},
            "only": tuple(str(m) for m in table.get("only", ())),
            "from_pinyin": {str(k): str(v) for k, v in (table.get("from_pinyin") or {}).items()}}


@lru_cache(maxsize=20_000)
def pinyin_syllable(syllable: str) -> str | None:
    """One Wade-Giles syllable in pinyin (hsin -> xin, ch'ien -> qian, chou -> zhou, tzu -> zi), or None when it is
    no Wade-Giles syllable."""
    table = _wade_giles()
    whole = table["syllables"].get(syllable)
    if whole is not None:
        return whole
    for written, palatal, other in table["initials"]:
        if syllable.startswith(written) and len(syllable) > len(written):
            final = syllable[len(written):]
            read = table["after"].get(written, {}).get(final) or table["finals"].get(final)
            if read is None:
                return None
            before_i = final[0] in "i\u00fc" and final != "ih"
            return (palatal if before_i else other) + read
    return None


def wade_giles(name: str) -> str | None:
    """A Chinese name written in Wade-Giles, in pinyin with a hyphenated given name joined (Li Yung-hsin -> li
    yongxin, Kao Yen -> gao yan), or None: not every word is Wade-Giles, or none is Wade-Giles only (a hyphen, hs, an
    aspirate's apostrophe, yen, -ung, -ieh, -ien, -ih, a lone i) and the name may as well be pinyin."""
    text = _APOSTROPHES.sub("'", name.lower())
    words = text.split()
    if not 2 <= len(words) <= 4 or not all(_WORD.fullmatch(w) for w in words):
        return None
    marks = _wade_giles()["only"]
    out, own = [], False
    for word in words:
        syllables = word.split("-")
        read = [pinyin_syllable(s) for s in syllables]
        if any(r is None for r in read):
            return None
        own = own or len(syllables) > 1 or any(s == "i" or any(m in s for m in marks) for s in syllables)
        out.append("".join(read))
    reading = " ".join(out)
    return reading if own and reading != " ".join(words) else None


@lru_cache(maxsize=1)
def _pinyin_to_wade_giles() -> dict[str, str]:
    """Every pinyin syllable and its Wade-Giles spelling, the ``wade_giles`` tables read backwards (the first
    spelling a syllable is read from, its apostrophe left out: lists write Taiwan names without it, CHIN-HUA)."""
    table, out = _wade_giles(), {}
    for pinyin, written in ((v, k) for k, v in table["syllables"].items()):
        out.setdefault(pinyin, written)
    # the finals read otherwise after an initial first (tzu is zi, ssu si: not tsi, si)
    pairs = [(w, f) for w, _, _ in table["initials"] for f in table["after"].get(w, {})]
    for written, final in pairs + [(w, f) for w, _, _ in table["initials"] for f in table["finals"]]:
        read = pinyin_syllable(written + final)
        if read and "\u00fc" not in final and "\u016d" not in final:
            out.setdefault(read, (written + final).replace("'", ""))
    out.update(table["from_pinyin"])  # where the tables read backwards give pinyin's own spelling (shi for shih)
    return out


def in_wade_giles(syllables: str) -> str | None:
    """Pinyin syllables apart by spaces in Wade-Giles (jin hua -> chin hua, rui cheng -> jui cheng), or None when one
    is no pinyin syllable: Taiwan's and older Hong Kong names are so listed (HUANG, Chin-Hua; JUI CHENG SHIPPING)."""
    table = _pinyin_to_wade_giles()
    out = [table.get(s) for s in syllables.split()]
    return " ".join(out) if out and all(out) else None


# a reading that splits a joined given name into syllables (Guoneng: kuo neng) has a word more to match with: it
# counts only where the listed name is written so, word for word (matcher: WHOLE_READING)
FROM_PINYIN = "read from pinyin in Wade-Giles"


def _pinyin_split(word: str, table: dict[str, str]) -> list[str] | None:
    """A word as one or two pinyin syllables (guoneng -> guo neng), or None. A syllable after the first never opens
    on a vowel: pinyin writes an apostrophe there (xi'an)."""
    if word in table:
        return [word]
    for cut in range(1, len(word)):
        head, tail = word[:cut], word[cut:]
        if head in table and tail in table and tail[0] not in "aeiou":
            return [head, tail]
    return None


def chinese_syllables(words: list[str]) -> bool:
    """Every word one syllable of Chinese in pinyin or Wade-Giles (pao hua chiang, zhang wei)."""
    table = _pinyin_to_wade_giles()
    return bool(words) and all(w in table or pinyin_syllable(w) is not None for w in words)


def pinyin_in_wade_giles(name: str) -> str | None:
    """A Chinese name written in pinyin with its given name joined, in Wade-Giles (Shi Guoneng -> shih kuo neng,
    Chen Meixiang -> chen mei hsiang), as the lists write Taiwan's, Hong Kong's and Myanmar's Chinese names; or None
    when a word is no pinyin, or no word is a joined given name (two syllables), or nothing changes."""
    words = name.lower().replace("-", " ").split()
    if not 2 <= len(words) <= 3 or not all(w.isalpha() for w in words):
        return None
    table = _pinyin_to_wade_giles()
    parts = [_pinyin_split(w, table) for w in words]
    if any(p is None for p in parts) or not any(len(p) == 2 for p in parts):
        return None
    reading = " ".join(table[s] for p in parts for s in p)
    return reading if reading.replace(" ", "") != "".join(words) else None


@lru_cache(maxsize=1)
def _korean() -> dict:
    table = _raw_vocabulary().get("korean_revised") or {}
    return {"openings": {str(k): str(v) for k, v in (table.get("openings") or {}).items()},
            "vowels": [tuple(str(x) for x in pair) for pair in table.get("vowels", ())],
            "family": {str(k): str(v) for k, v in (table.get("family_names") or {}).items()},
            "marks": tuple(str(m) for m in table.get("marks", ()))}


def _korean_syllables(part: str) -> bool:
    """A word of one to three syllables of romanised Korean (dong, gwang, euncheon; not john, smith)."""
    position = count = 0
    while position < len(part) and count < 3:
        found = _KOREAN_SYLLABLE.match(part, position)
        if not found or found.end() == position:
            return False
        position, count = found.end(), count + 1
    return position == len(part)


def _korean_part(part: str, table: dict, j: bool = True) -> str:
    for written, read in table["vowels"]:
        part = part.replace(written, read)
    opening = table["openings"].get(part[:1])
    return opening + part[1:] if opening and part[:2] != "ch" and (j or part[0] != "j") else part


def korean_revised(name: str) -> str | None:
    """A Korean name in the Revised Romanisation as the lists write Korean names (Kim Dong-ho -> kim tong-ho, Yoo
    Gwang-ho -> yu kwang-ho, Air Goryeo -> air koryo), or None. Read so: a word with eo or eu; and in a name of two to
    four words with a Korean family name first or last, every word of syllables Korean writes."""
    table = _korean()
    words = name.lower().split()
    if not words or not name.isascii():
        return None
    family = 2 <= len(words) <= 4 and (words[0] in table["family"] or words[-1] in table["family"]) and all(
        _korean_syllables(part) for word in words for part in word.split("-"))
    common = generic_or_legal_words()
    korean_words = all(_korean_syllables(part) for word in words if len(word) > 3 and word not in common
                       for part in word.split("-"))   # Goryeo Trading; not Mateo Laureano, Leonardo
    out, marked = [], False
    for number, word in enumerate(words):
        if family and number in (0, len(words) - 1) and word in table["family"]:
            out.append(table["family"][word])
            marked = marked or out[-1] != word
        elif family or any(m in word for m in table["marks"]) and korean_words:
            out.append("-".join(_korean_part(p, table) for p in word.split("-")))
            # a j the lists keep as often as they write ch (KIM, Jong Un): a Revised spelling only with another mark
            marked = marked or "-".join(_korean_part(p, table, j=False) for p in word.split("-")) != word
        else:
            out.append(word)
    reading = " ".join(out)
    return reading if marked and reading != " ".join(words) else None


def _joinable(match: re.Match) -> str:
    first, second = match.group(1), match.group(2)
    stop = vocabulary()["stopwords"] | vocabulary()["abjad_stopwords"]
    if first in stop or second in stop or first in ABD_ARTICLE or first in ("abd", "abu", "abou", "bou") or \
            min(len(first), len(second)) > 5:   # Mir-Karimi, Mousa-Abadi, Abbas-Ali; not Abdel-Salam
        return match.group(0)
    return first + second


def hyphens_joined(name: str) -> str | None:
    """A name with its hyphenated parts joined, as the lists write many Persian and Arabic names (Mir-Karimi ->
    mirkarimi, Mousa-Abadi -> mousaabadi; al-Jubouri keeps its article apart), or None."""
    if "-" not in name or not name.isascii():
        return None
    text = name.lower()
    joined = _HYPHENATED.sub(_joinable, text)
    return joined if joined != text else None


_ABD_APART = re.compile(r"\b(abd(?:ul|el|ol|al|oul|il)?)(?:[ -]+(al|el|ul)-?|[ -]+)(?=[a-z]{3,})", re.IGNORECASE)


def abd_joined(name: str) -> str | None:
    """An Arabic name built on Abd written apart, joined (Abdul Majeed -> abdulmajeed, Abd al-Majid -> abdalmajid), as
    the lists also write it (ABDELMAJID), or None."""
    if "abd" not in name.lower():
        return None
    joined = _ABD_APART.sub(lambda m: m.group(1) + (m.group(2) if m.group(1) == "abd" and m.group(2) else ""),
                            name.lower())
    return joined if joined != name.lower() else None


@lru_cache(maxsize=1)
def _german() -> tuple[re.Pattern, frozenset[str], re.Pattern, dict[str, str], re.Pattern]:
    table = _raw_vocabulary()["german_russian"]
    letters = {str(k): str(v) for k, v in table["letters"].items()} | {"ss": "\x00"}   # ss: an s kept as it is
    return (re.compile(table["marks"]), frozenset(table["not_marks"]),
            re.compile("|".join(sorted(letters, key=len, reverse=True))), letters, re.compile(table["voiced_s"]))


def german_russian(name: str) -> str | None:
    """A Russian person's name in German transcription read as the lists write it (Wladimir Kolokolzew -> vladimir
    kolokoltsev, Viktor Janukowitsch -> viktor yanukovich), or None: only a name of two words or more, with a German
    mark and no legal form, is read so."""
    marks, not_marks, letters, table, voiced_s = _german()
    words = name.lower().split()
    plain = [word.strip(".,") for word in words]
    if len(words) < 2 or any(word in generic_or_legal_words() for word in plain):
        return None   # a person's given and family name, not a company's (Dow Inc. is no DOV)
    if not any(marks.search(word) and word not in not_marks for word in plain):
        return None
    reading = " ".join(voiced_s.sub("z", letters.sub(lambda m: table[m.group(0)], word)).replace("\x00", "s")
                       for word in words)
    return reading if reading != " ".join(words) else None


_UKRAINIAN_H = re.compile(r"(?<![kszcg])h")
_UKRAINIAN_SKYI = re.compile(r"(?<=[sz]ky)[iyj]\b")  # Hranovskyi, -skyy, -skyj: -sky


def ukrainian_latin(name: str) -> str | None:
    """A Ukrainian name romanised the Ukrainian way, read in the Russian forms the lists often write (Oleksiy
    Hranovskyi -> aleksey granovsky), or None: only a name holding a Ukrainian given name is read so."""
    table = _raw_vocabulary()["ukrainian_latin_names"]
    words = name.lower().replace(",", " ").split()
    if not any(word in table for word in words):
        return None
    reading = " ".join(str(table[word]) if word in table else _UKRAINIAN_SKYI.sub("", _UKRAINIAN_H.sub("g", word))
                       for word in words)
    return reading if reading != " ".join(words) else None


# the other romanisations a Latin name may be read in, first that applies first, each with how it says so
_SYSTEMS = (
    (wade_giles, "read from Wade-Giles in pinyin as {!r}"),
    (korean_revised, "read from the Revised Romanisation of Korean as {!r}"),
    (hyphens_joined, "read with its hyphenated parts joined as {!r}"),
    (pinyin_in_wade_giles, FROM_PINYIN + " as {!r}"),
    (abd_joined, "read with its Abd compound joined as {!r}"),
    (ukrainian_latin, "read from Ukrainian in the Russian forms as {!r}"),
    (german_russian, "read from German transcription as {!r}"),
)


def other_system(name: str) -> tuple[str, str] | None:
    """``name`` as the lists would write it in their romanisation, and the words that say how, or None."""
    if not name.isascii():
        return None
    for read, how in _SYSTEMS:
        reading = read(name)
        if reading:
            return reading, how.format(reading)
    return None


__all__ = ["FROM_PINYIN", "abd_joined", "german_russian", "hyphens_joined", "in_wade_giles", "korean_revised",
           "other_system", "pinyin_in_wade_giles", "pinyin_syllable", "ukrainian_latin", "wade_giles"]
