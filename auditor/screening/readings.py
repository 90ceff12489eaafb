"""The other readings of a name: the ways a party or a list may write the same name, each screened apart.

A name is screened as written and, where it gives one, as read otherwise; the best score of the readings counts:

- in Arabic script, a family name with the article read apart (الزهار AL ZAHAR);
- in Ukrainian, with its given names and patronymic in their Russian forms (Олексій Сергійович Aleksei Sergeevich);
- in another script, with its generic words translated as the lists translate them (``glossary.translated``);
- in Han characters, a person's name also with its family name's own reading and in Cantonese as Hong Kong writes it
  (``chinese.han_readings``);
- in Korean script, also in the Revised Romanisation (voiced initials: 합장강 hapjanggang) and in
  McCune-Reischauer's ch for an opening ㅈ (전연근 chon yon kun), the two systems the lists mix;
- in Latin script, in the lists' romanisation when written in another (Wade-Giles, the Revised Romanisation of
  Korean, hyphenated parts the lists join: ``systems.other_system``);
- in Latin script, half translated: the generic words of a Russian, Persian, Arabic or Chinese name romanised
  (Guoji Maoyi, Sarmayeh Gozari, lil-Tijara, Kompaniya) read in English (``romanised_words`` in
  screening_words.yaml). A listed name written that way is indexed in English too (``listed_variants``), so
  "Zolotoy Vek Company" meets KOMPANIYA ZOLOTOI VEK, as "Yantai Yixun Guoji Maoyi" meets YANTAI YIXUN
  INTERNATIONAL TRADE; Chinese pinyin words (``romanised_query_words``) are read on the party's side only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from auditor.screening.chinese import han_readings, traditional
from auditor.screening.glossary import glossed, translated
from auditor.screening.eastasian import _korean
from auditor.screening.normalize import _HANGUL, _HANGUL_RUN, _raw_vocabulary, generic_or_legal_words, tokens_of
from auditor.screening.spelling import name_variants
from auditor.screening.systems import other_system

_ARTICLE_JOINED = re.compile(r"(\s)ال(?=[\u0621-\u064a\u067e-\u06cc]{3,})")
"""The Arabic article written on a person's family name (الزهار): the lists write it apart (AL ZAHAR) or leave it out.
Not on the first word: a given name may open with the same letters (الهام Elham, الیاس Elias)."""
_UKRAINIAN = re.compile("[іїєґІЇЄҐ]")
"""Letters Ukrainian writes and Russian does not."""
KOREAN_STYLES = ("revised", "mr")
"""The romanisations of Hangul read besides the lists' own (``eastasian._korean``)."""
_EZAFE = r"(?:-y?e)?"   # Persian ezafe written on the word: SHERKAT-E, SARMAYEGOZARI-E


@lru_cache(maxsize=2)
def _romanised(listed: bool = False) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The romanised generic words as one pattern (a phrase's words apart by spaces or hyphens) and their English:
    those read in a party's name, or (``listed``) the fewer read in a listed one."""
    raw = _raw_vocabulary()
    words = dict(raw.get("romanised_words") or {})
    if not listed:
        words.update(raw.get("romanised_query_words") or {})
    table = {" ".join(re.split(r"[\s-]+", str(k).lower())): str(v) for k, v in words.items()}
    if not table:
        return None, {}
    keys = sorted(table, key=len, reverse=True)
    body = "|".join(r"[\s-]+".join(re.escape(part) for part in key.split(" ")) for key in keys)
    return re.compile(rf"(?<![a-z0-9'])(?:{body}){_EZAFE}(?![a-z0-9])", re.IGNORECASE), table


def _english(match: re.Match) -> str:
    words = _romanised()[1]   # the party's table holds the listed one
    found = " ".join(re.split(r"[\s-]+", match.group(0).lower()))
    if found not in words:   # the ezafe after the word
        found = found.rsplit(" ", 1)[0]
    return f" {words.get(found, found)} "


def half_translated(name: str, listed: bool = False) -> str | None:
    """A Latin name with its romanised generic words in English (Yantai Yixun Guoji Maoyi -> Yantai Yixun
    international trade), or None when it holds none."""
    pattern = _romanised(listed)[0]
    if pattern is None or not name.isascii() or not pattern.search(name):
        return None
    return " ".join(pattern.sub(_english, name).split())


def _korean_readings(query: str) -> list[str]:
    out = []
    for style in KOREAN_STYLES:
        english = translated(query, korean=style)
        if english is None:
            text, company = glossed(unicodedata.normalize("NFKC", query))
            english = _HANGUL_RUN.sub(lambda m: _korean(m.group(0), joined=company, style=style), text)
        out.append(" ".join(english.split()))
    return out


@lru_cache(maxsize=1)
def _organisation_nouns() -> frozenset[str]:
    """The English of romanised words that name an organisation by themselves (``romanised_organisation_nouns``):
    SHERKAT is a company, SANAYE industries, whoever bears the name; OMRANI (construction) may be a family name."""
    return frozenset(str(_raw_vocabulary().get("romanised_organisation_nouns") or "").split())


def _organisation(name: str) -> bool:
    """A Latin name read half translated is an organisation's: two romanised generic words, one that names an
    organisation by itself (Sherkat, Sanaye, Goruh), or one beside a legal form or a generic word (Omrani alone is a
    family name; Omrani Company is a construction company)."""
    found = list(_romanised()[0].finditer(name))
    if len(found) >= 2:
        return True
    nouns = _organisation_nouns()
    if any((english := _english(match).split()) and english[-1] in nouns for match in found):
        return True
    marks = generic_or_legal_words()
    return any(token in marks for token in tokens_of(name))


def _plain_latin(text: str) -> str | None:
    """A name written in Latin letters with accents or letters of its own language (Şirketi, Uluslararası),
    folded to plain ASCII; None for a name in another script."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("İ", "I"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain if plain.isascii() else None


@lru_cache(maxsize=1)
def _ukrainian_names() -> dict[str, str]:
    return {str(k).casefold(): str(v) for k, v in (_raw_vocabulary().get("ukrainian_names") or {}).items()}


def _russian_forms(query: str) -> str | None:
    """A name written in Ukrainian with its given names and patronymic in their Russian forms, or None."""
    if not _UKRAINIAN.search(query):
        return None
    names = _ukrainian_names()
    words = query.split()
    russian = [names.get(word.casefold(), word) for word in words]
    return " ".join(russian) if russian != words else None


@lru_cache(maxsize=1)
def _abjad_honorifics() -> frozenset[str]:
    return frozenset(str(_raw_vocabulary().get("abjad_honorifics") or "").split())


def _without_honorific(query: str) -> str | None:
    """A person's name in Arabic script without the honorific it opens with (سید, الشيخ, الحاج), when two words or
    more are left; else None."""
    words = query.split()
    if len(words) >= 3 and words[0] in _abjad_honorifics():
        return " ".join(words[1:])
    return None


def readings(query: str, usage=None) -> list[tuple[str, str]]:
    """``query`` and its other readings, each with the words that say how it was read (none for the query); ``usage``
    (how many listed names hold a word) chooses among a Han character's Cantonese spellings."""
    out = [(query, "")]
    latin = query if query.isascii() else _plain_latin(query)
    if latin is not None:   # Latin letters, a language's own folded (Denizcilik ve Ticaret Limited Şirketi)
        english = half_translated(latin)
        if english and _organisation(latin):
            out.append((english, f"read with its romanised generic words in English as {english!r}"))
        other = other_system(query) if latin is query else None
        if other:
            out.append(other)
        return out
    english = translated(query)
    russian = _russian_forms(query)
    if russian:   # Олексій Сергійович: the lists often write a Ukrainian as Aleksei Sergeevich
        out.append((russian, f"read with its Ukrainian names in their Russian forms as {russian!r}"))
    bare = _without_honorific(query)
    if bare:   # سید رضی موسوی: MUSAVI, Razi, as the lists write most names
        out.append((bare, f"read without its honorific as {bare!r}"))
    apart = _ARTICLE_JOINED.sub(r"\1ال ", query)
    if apart != query and not english:   # محمود الزهار: AL ZAHAR as the lists write it, or ZAHHAR
        out.append((apart, "read with the article apart"))
    if english:
        out.append((english, f"read translated as {english!r}"))
        other = translated(query, second=True)   # a word the lists translate two ways (نفط petroleum, oil)
        if other != english:
            out.append((other, f"read translated as {other!r}"))
        taiwan = translated(query, wade_giles=True) if traditional(query) else None   # JUI CHENG SHIPPING
        if taiwan and taiwan != english:
            out.append((taiwan, f"read translated, its own words in Wade-Giles, as {taiwan!r}"))
    else:   # a Chinese person's name: a family name's own reading, Cantonese (Hong Kong)
        out.extend(han_readings(query, usage))
    if _HANGUL.search(query):
        seen = {text for text, _ in out}
        for text in _korean_readings(query):
            if text not in seen:
                seen.add(text)
                out.append((text, f"read in another romanisation of Korean as {' '.join(text.split())!r}"))
    return out


def listed_variants(text: str, organisation: bool) -> list[tuple[str, str]]:
    """The forms a listed name is indexed under, each with the name to show for it: its ``name_variants`` and, for
    an organisation whose name holds romanised generic words, the name with them in English."""
    out = [(variant, variant) for variant in name_variants(text)]
    if organisation:
        english = half_translated(text, listed=True)
        if english:
            out.append((english, text))
    return out


__all__ = ["half_translated", "listed_variants", "readings"]
