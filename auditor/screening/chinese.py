"""Chinese names read the other ways the lists write them.

ICU reads Han characters in Mandarin as running text; the lists also write a person's family name in its own reading
(仇鸿 QIU, Hong, where ICU gives chou), Hong Kong people in the Hong Kong Government's Cantonese romanisation
(陳國基 CHAN, Kwok-ki; 鄧炳強 TANG, Ping-keung), and a place or a company's word of two syllables apart (SHEN YANG
JING CHENG for Shenyang Jingcheng). Each is a reading screened besides the name as written (``readings``), or a
lookup key (``pinyin_halves``). The tables are in ``screening_words.yaml`` (``chinese_surnames``,
``pinyin_syllables``, ``cantonese_openings``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from auditor.screening.normalize import _HAN, _raw_vocabulary

PERSON_ONLY = "read as a person's name"
"""How a reading of a person's name opens: its hits on listed organisations, vessels or aircraft do not count."""
_PERSON = re.compile(r"[\u3400-\u9fff]{2,4}")   # a person's name: two to four Han characters, nothing else
_HK_WAY = re.compile(r"^(?:[bdgjz](?!g)|.*aa)")   # a reading not written the Hong Kong way (no ng: ngor is)


def han_person(name: str) -> str | None:
    """The Han characters of ``name`` when it is a person's name in them alone (李家超), else None."""
    text = name.replace(" ", "").replace("\u3000", "")
    return text if _PERSON.fullmatch(text) else None


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], re.Pattern[str], dict[str, str]]:
    raw = _raw_vocabulary()
    syllables = raw.get("pinyin_syllables") or {}
    initials = "|".join(sorted(syllables.get("initials", ()), key=len, reverse=True))
    finals = "|".join(sorted(syllables.get("finals", ()), key=len, reverse=True))
    return ({str(k): str(v) for k, v in (raw.get("chinese_surnames") or {}).items()},
            re.compile(rf"(?:{initials})?(?:{finals})"),
            {str(k): str(v) for k, v in (raw.get("cantonese_openings") or {}).items()})


def surname_reading(name: str) -> str | None:
    """A Chinese person's name whose family name ICU reads otherwise, with the family name's reading (仇鸿 -> qiu hong),
    or None."""
    han = han_person(name)
    if not han or len(han) > 3:
        return None
    family = _tables()[0].get(han[0])
    if family is None:
        return None
    from rigour.text.translit import ascii_text

    if ascii_text(han[0]).strip().lower() == family:
        return None
    return f"{family} {ascii_text(han[1:]).replace(' ', '').lower()}"


@lru_cache(maxsize=1)
def _cantonese():
    import icu
    from cantoroman import Cantonese

    return Cantonese(), icu.Transliterator.createInstance("Hans-Hant")


def _hong_kong(readings: list[str], openings: dict[str, str], usage) -> str:
    """Of a character's Cantonese readings, one written the Hong Kong way (kwok, not gwok; pang, not paang): the one
    the lists write most in given names (``usage``: how many listed names hold a word), else the first."""
    written = [r for r in readings if not _HK_WAY.match(r)] or [
        r if r[:2] == "ng" else openings.get(r[0], r[0]) + r[1:] for r in readings[:1]]
    return max(written, key=usage) if usage is not None else written[0]


def cantonese(name: str, usage=None) -> str | None:
    """A Chinese person's name in the Hong Kong Government's Cantonese romanisation, syllable by syllable as the lists
    write Hong Kong names (陳國基 -> chan kwok ki; 鄧炳強 -> tang ping keung), or None. A family name takes the first
    spelling the Hong Kong way (李 lee, 陳 chan); a given name's syllable the one most listed names hold (``usage``,
    how many listed names hold a word: 基 kei, kee or ki)."""
    han = han_person(name)
    if not han:
        return None
    reader, traditional = _cantonese()
    out = []
    openings = _tables()[2]
    for number, ch in enumerate(han):
        options = reader.getRoman(ch)[0] or reader.getRoman(traditional.transliterate(ch))[0]
        if not options:
            return None
        out.append(_hong_kong(options, openings, usage if number >= (2 if len(han) == 4 else 1) else None))
    return " ".join(out)


@lru_cache(maxsize=20_000)
def pinyin_halves(token: str) -> tuple[str, str] | None:
    """A word of two pinyin syllables split in two (shenyang -> shen yang, jingcheng -> jing cheng), or None; of the
    splits into two syllables, the one with the longer first syllable (gaoke: gao ke)."""
    if not 4 <= len(token) <= 12 or not token.isascii():
        return None
    syllable = _tables()[1]
    for cut in range(len(token) - 1, 1, -1):
        if syllable.fullmatch(token, 0, cut) and syllable.fullmatch(token, cut):
            return token[:cut], token[cut:]
    return None


def family_agrees(reading: str, listed: str) -> bool:
    """The family name a person's reading opens with is the listed person's (LAST, First), as written or in one
    romanisation: 張偉 read cheung wai is not LO, Wai-chung, whose given names it holds, nor 张敏 (cheung man) CHO'NG,
    Man-pok: a family name read in Cantonese has no letter to spare."""
    if listed.count(",") != 1:
        return True
    from auditor.screening.normalize import tokens_of
    from auditor.screening.keys import romanised

    first = romanised(reading.split()[0])
    return any(first == romanised(family) for family in tokens_of(listed.split(",")[0]))


def han_readings(name: str, usage=None) -> list[tuple[str, str]]:
    """The other readings of a Chinese person's name in Han characters, each with the words that say how (``usage``:
    see ``cantonese``)."""
    out = []
    family = surname_reading(name)
    if family:
        out.append((family, f"{PERSON_ONLY} with the family name's own reading as {family!r}"))
    hong_kong = cantonese(name, usage)
    if hong_kong:
        out.append((hong_kong, f"{PERSON_ONLY} in the Hong Kong romanisation of Cantonese as {hong_kong!r}"))
    taiwan = wade_giles_person(name)
    if taiwan:
        out.append((taiwan, f"{PERSON_ONLY} in Wade-Giles as {taiwan!r}"))
    return out


def traditional(name: str) -> bool:
    """Han characters of which one is traditional, as Taiwan and Hong Kong write: only such names are also read in
    Wade-Giles (a name in simplified characters is from the mainland, where pinyin is the rule)."""
    from auditor.screening.glossary import _simplified

    text = unicodedata.normalize("NFKC", name)
    return bool(_HAN.search(text)) and _simplified().transliterate(text) != text


def wade_giles_person(name: str) -> str | None:
    """A Chinese person's name in traditional characters in Wade-Giles, as the lists write Taiwan's people (黃金華 ->
    huang chin hua: HUANG, Chin-Hua), the family name in its own reading; or None."""
    han = han_person(name)
    if not han or not traditional(han):
        return None
    from rigour.text.translit import ascii_text

    from auditor.screening.systems import in_wade_giles

    family = _tables()[0].get(han[0]) if len(han) <= 3 else None
    syllables = [family or ascii_text(han[0]).strip().lower()] + [ascii_text(ch).strip().lower() for ch in han[1:]]
    return in_wade_giles(" ".join(syllables))


__all__ = ["PERSON_ONLY", "cantonese", "family_agrees", "han_person", "han_readings", "pinyin_halves", "surname_reading",
           "traditional", "wade_giles_person"]
