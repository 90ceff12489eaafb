"""A name in another script read a second way: its generic words translated as the lists translate them.

Lists write a foreign company's name either romanised (SREDNEVOLZHSKY STANKOZAVOD) or translated (MOSCOW
REGIONAL BANK, NORTH DRILLING COMPANY); a party types it in its own script. Romanising alone meets the first
kind only, so a name holding generic words of the glossary (``translated_words``, ``translated_stems`` in
screening_words.yaml) is screened as written and as translated, and the better score of the two counts.
``glossed`` is the narrower reading ``fold`` itself gives Chinese, Korean and Arabic-script company names
(``native_words``): the generic words the lists almost always translate.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache, partial

from auditor.screening.eastasian import _chinese_wade_giles, _chinese_words, _korean
from auditor.screening.normalize import _HAN, _HAN_RUN, _HANGUL, _HANGUL_RUN, _persian, _raw_vocabulary

_ARTICLE = re.compile(r"^(?:\u0627\u0644|\u0644\u0644)")   # ال the, لل for the
_RUNNING_SCRIPT = re.compile(r"[\u3400-\u9fff\uac00-\ud7a3\u0e00-\u0e7f]")   # Chinese, Korean, Thai: no spaces between words
# the Arabic article on a company's own word (الصلاح, the lists' AL-SALAH), read apart: not in الله, not after عبد
_ARTICLE_ON = re.compile("(?<!\\w)(?<!\u0639\u0628\u062f )\u0627\u0644(?=[^\u0644\\W]\\w\\w)")
# one word written with other letters: an alef with or without its hamza (إدارة, ادارة), the Arabic and the Persian
# ya and kaf (مؤسسة, شركة / شرکت), a final alef maqsura for ya
_LETTER_VARIANTS = (str.maketrans("\u0623\u0625\u0622", "\u0627\u0627\u0627"),
                    str.maketrans("\u064a\u0643\u0649", "\u06cc\u06a9\u06cc"),
                    str.maketrans("\u06cc\u06a9\u0649", "\u064a\u0643\u064a"))


def _spellings(word: str) -> list[str]:
    """``word`` and its writings with the letters of ``_LETTER_VARIANTS`` (Arabic script only)."""
    if _RUNNING_SCRIPT.search(word):
        return [word]
    plain = word.translate(_LETTER_VARIANTS[0])
    return list(dict.fromkeys([word, plain, plain.translate(_LETTER_VARIANTS[1]), plain.translate(_LETTER_VARIANTS[2])]))


@lru_cache(maxsize=1)
def _simplified():
    """ICU's traditional-to-simplified Chinese transform (金木棉國際 -> 金木棉国际): the glossary is read in simplified."""
    import icu

    return icu.Transliterator.createInstance("Hant-Hans")


@lru_cache(maxsize=1)
def _place() -> re.Pattern[str] | None:
    """The city or province that opens a Chinese name (深圳市, 浙江省): its suffix is left out (``chinese_place_suffixes``)."""
    suffixes = str(_raw_vocabulary().get("chinese_place_suffixes") or "")
    return re.compile(rf"^(\W*)([\u3400-\u9fff]{{2}})[{re.escape(suffixes)}](?=[\u3400-\u9fff])") if suffixes else None


def chinese_simplified(text: str) -> str:
    """A name in Han characters in simplified characters, its opening city's or province's suffix left out."""
    if not _HAN.search(text):
        return text
    text = _simplified().transliterate(text)
    place = _place()
    return place.sub(r"\1\2 ", text) if place is not None else text


def _by_script(words) -> tuple[list[str], list[str]]:
    """The words escaped, longest first: those in Chinese, Korean or Thai script (which run on, with no spaces
    between words) and the others (matched as whole words)."""
    ordered = sorted(words, key=len, reverse=True)
    return ([re.escape(w) for w in ordered if _RUNNING_SCRIPT.search(w)],
            [re.escape(w) for w in ordered if not _RUNNING_SCRIPT.search(w)])


@lru_cache(maxsize=1)
def _glossary() -> tuple[re.Pattern[str] | None, dict[str, str], re.Pattern[str] | None, dict[str, str]]:
    raw = _raw_vocabulary()
    words: dict[str, str] = {}
    for key, english in (raw.get("translated_words") or {}).items():
        key = unicodedata.normalize("NFKC", str(key))
        for spelling in _spellings(_ARTICLE.sub("", key) if _ARTICLE.match(key) and len(key) >= 5 else key):
            words.setdefault(spelling, str(english))
    stems = {str(k).lower(): str(v) for k, v in (raw.get("translated_stems") or {}).items()}
    # a word is one only as a whole word, but Chinese and Korean run on (公安厅 in 新疆公安厅); an Arabic word
    # may carry a clinging "and" and the article, alone or after "for", "by", or "for" alone (والبحوث and research,
    # للتجارة for trade, لتجارة for trade, العلمية scientific): the glossary holds each word without its article
    running, whole = _by_script(words)
    # a Persian word joined by a zero-width non-joiner goes on (سازمان‌یافته organised is no سازمان organisation),
    # but for the plural ending ‌ها, ‌های (زندان‌های prisons)
    exact = re.compile("|".join(
        ([r"(?<![\w\u200c])(?P<and>\u0648)?(?:\u0627\u0644|\u0644\u0644|\u0628\u0627\u0644|\u0644)?(?P<word>"
          + "|".join(whole) + r")(?P<plural>\u200c\u0647\u0627\u06cc?)?(?![\w\u200c])"] if whole else [])
        + ([r"(?P<run>" + "|".join(running) + ")"] if running else []))) if words else None
    # a Russian word starts with its stem and inflects after it (институт, института, институту): an ending
    # of up to four letters, so газ is not read in Газпромнефть
    stem = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
                      + r")\w{0,4}(?![\w-])", re.IGNORECASE) if stems else None
    return exact, words, stem, stems


@lru_cache(maxsize=1)
def _native_words() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    words = {spelling: str(v) for k, v in (_raw_vocabulary().get("native_words") or {}).items()
             for spelling in _spellings(str(k))}
    if not words:
        return None, {}
    # a word in Arabic script is one only as a whole word (بنك, not inside another); Chinese and Korean run on
    running, whole = _by_script(words)
    return re.compile("|".join(([rf"(?<!\w)(?:{'|'.join(whole)})(?!\w)"] if whole else []) + running)), words


def glossed(text: str) -> tuple[str, bool]:
    """The generic words of a Chinese, Korean, Arabic or Persian company name in English (screening_words.yaml), and
    whether any was."""
    pattern, words = _native_words()
    text = chinese_simplified(text)
    if pattern is None or not pattern.search(text):
        return text, False
    return pattern.sub(lambda m: f" {words[m.group(0)]} ", text), True


@lru_cache(maxsize=1)
def _place_adjective() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """A capitalised Cyrillic word ending as a place adjective (``place_adjective_endings``): stem, ending."""
    endings = {str(a): str(b) for a, b in _raw_vocabulary().get("place_adjective_endings") or ()}
    if not endings:
        return None, {}
    body = "|".join(re.escape(e) for e in sorted(endings, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])([А-ЯЁ][а-яё]+?)({body})(?:ий|ая|ое|ой|ого|ому|ом|ие|их|ую|ые)(?![\w-])"), endings


def places_read(text: str) -> str:
    """Russian place adjectives of a name read translated as their places (Томский as Томск, Феодосийская as
    Феодосия), as the lists translate them."""
    pattern, endings = _place_adjective()
    return text if pattern is None else pattern.sub(lambda m: m.group(1) + endings[m.group(2)], text)


def _one_of(english: str, second: bool) -> str:
    """Of a word the lists translate two ways ("petroleum|oil"), the first English or the ``second``."""
    return english.split("|")[-1 if second else 0]


def _english(match: re.Match, second: bool = False) -> str:
    """The English of a glossary word (``_one_of`` its two where it has two)."""
    words = _glossary()[1]
    if match.group("run"):
        return f" {_one_of(words[match.group('run')], second)} "
    english = _one_of(words[match.group("word")], second)
    if match.group("plural") and english and not english.endswith("s"):
        english += "es" if english.endswith(("sh", "ch", "x")) else "s"
    return f" {'and ' if match.group('and') else ''}{english} "


_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")


def _greek_plain(text: str) -> str:
    """A name in Greek letters without accents, in capitals (εταιρεία, ΕΤΑΙΡΕΊΑ: ΕΤΑΙΡΕΙΑ), as the glossary writes it."""
    if not _GREEK.search(text):
        return text
    bare = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare).upper()


def translated(name: str, korean: str = "lists", second: bool = False, wade_giles: bool = False) -> str | None:
    """``name`` with its generic words in English (``second``: in their second English, where they have one), or None
    when it holds none (or is Latin already).

    What is left in Chinese or Korean script is the company's own name, romanised as such (Han characters
    two by two, or ``wade_giles`` syllable by syllable; Hangul syllables joined, in the ``korean`` style of
    ``eastasian._korean``); Cyrillic and Arabic
    script are left to ``fold``."""
    if name.isascii():
        return None
    exact, words, stem, stems = _glossary()
    text = _greek_plain(chinese_simplified(unicodedata.normalize("NFKC", name)))
    count = 0
    if exact is not None:
        text, n = exact.subn(partial(_english, second=second), text)
        count += n
    if stem is not None:
        text, n = stem.subn(lambda m: f" {_one_of(stems[m.group(1).lower()], second)} ", text)
        count += n
    if not count:
        return None
    text = places_read(text)
    if not any(ch in _persian()[0] for ch in name):   # Persian names open with al- (Alborz, Elham)
        text = _ARTICLE_ON.sub("\u0627\u0644 ", text)
    if _HANGUL.search(text):
        text = _HANGUL_RUN.sub(lambda m: _korean(m.group(0), joined=True, style=korean), text)
    text = _HAN_RUN.sub(_chinese_wade_giles if wade_giles else _chinese_words, text)
    return " ".join(text.replace("«", " ").replace("»", " ").split())


__all__ = ["chinese_simplified", "glossed", "translated"]
