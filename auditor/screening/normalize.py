"""Names brought to one comparable form before any fuzzy comparison.

Denied-party lists and vendor dossiers write the same party in many ways: upper or mixed
case, with or without diacritics, ``&`` or ``and``, ``S.A.`` or ``SA``, ``LAST, First`` or
``First Last``, with the legal form in front (``OOO``, ``AO``) or behind (``LLC``, ``GmbH``).
Everything here is plain string work so it can run on every list entry at load time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Letters NFKD does not decompose into a base letter plus a mark.
_TRANSLITERATE = str.maketrans({
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
    "ı": "i", "ħ": "h", "Ħ": "h", "ŀ": "l", "ĸ": "k",
})

# Apostrophes and transliteration marks inside a name join its parts: BA'ASYIR -> baasyir.
_JOINERS = re.compile(r"[\u0027\u2018\u2019\u02bc\u02bb\u02be\u02bf\u0060\u00b4]")
_AMPERSAND = re.compile(r"\s*[&＆]\s*|\s+\+\s+")
_TOKEN_SPLIT = re.compile(r"[^\w.]+|_+")

# Articles, prepositions and name connectors: kept in the compared text, never evidence.
STOPWORDS = frozenset(
    "the of and for in on at to a an by with de del della di da do dos das du des la le les lo los las "
    "el al ul ad ar as y e et und der die von van den ten bin ben ibn bint ould dr mr mrs ms prof".split()
)

# Generic words of company and organisation names: they may appear in a match but can
# never make one alone (a listed "ARIAN BANK" must not match a vendor called "Bank").
COMMON_WORDS = frozenset("""
bank banks banking banco banca banque bankasi trading trade traders trader international intl
internacional internationale group groupe grupo gruppo holding holdings industries industry industrial
industrias services service servicios general global national nacional nationale enterprise
enterprises technology technologies tech tecnologia investment investments inversiones invest
commercial comercial comercializadora import imports export exports shipping logistics financial
finance financiera development solutions systems consulting management partners products business
capital resources ventures worldwide world universal united network media communications electronics
engineering construction manufacturing supply supplies energy oil gas petroleum airlines airline
aviation marine maritime transport transportation cargo agency center centre office store market
trust insurance exchange credit import-export
""".split())

# Legal forms, removed wherever they stand ("TSMRBANK, OOO" and "LLC TSMRBANK" are one name).
LEGAL_FORMS_ANYWHERE = frozenset("""
llc ltd ltda limited inc incorporated corp corporation company gmbh mbh plc ooo oao zao pao ojsc cjsc
pjsc jsc llp sarl srl sas sae spa bv nv pte pty bhd kg kgaa ohg ug eirl sprl bvba tov pp chp dooel doo
""".split())

# Short legal forms that are also ordinary words or name parts: removed only at either end.
LEGAL_FORMS_AT_ENDS = frozenset("sa ag as ab co ao oy sl sc scs cv kk lp sdn cia ca se sp zrt kft".split())

# Multi-word legal forms, removed from the end (after dotted abbreviations are joined).
LEGAL_SUFFIX_PHRASES: tuple[tuple[str, ...], ...] = (
    ("s", "de", "rl", "de", "cv"), ("sa", "de", "cv"), ("s", "de", "rl"), ("de", "cv"), ("sdn", "bhd"),
    ("private", "limited"), ("public", "limited", "company"), ("limited", "liability", "company"),
    ("public", "joint", "stock", "company"), ("open", "joint", "stock", "company"),
    ("closed", "joint", "stock", "company"), ("joint", "stock", "company"), ("y", "cia"), ("and", "co"),
    ("s", "a"), ("s", "l"), ("s", "r", "l"), ("s", "a", "s"), ("a", "g"), ("b", "v"), ("n", "v"),
)
# Long legal forms written in front of the name (Russian and CIS registrations in English).
LEGAL_PREFIX_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    p for p in LEGAL_SUFFIX_PHRASES if len(p) >= 3 and all(len(t) >= 3 for t in p)
)

_VOWELS = frozenset("aeiouy")


def fold(text: str) -> str:
    """Case, diacritics and compatibility forms folded: ``Peñón`` -> ``penon``."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold().translate(_TRANSLITERATE)


def _split_dotted(token: str) -> list[str]:
    """``s.a.`` -> ``sa``, ``c.n.a.`` -> ``cna``; a dotted word like ``www.x.de`` splits apart."""
    if "." not in token:
        return [token] if token else []
    parts = [p for p in token.split(".") if p]
    if parts and all(len(p) <= 2 for p in parts):
        return ["".join(parts)]
    return parts


def tokens_of(text: str) -> list[str]:
    """Folded word tokens: punctuation and ``&`` handled, dotted abbreviations joined."""
    text = _JOINERS.sub("", fold(text))
    text = _AMPERSAND.sub(" and ", text)
    out: list[str] = []
    for raw in _TOKEN_SPLIT.split(text):
        out.extend(_split_dotted(raw))
    return [t for t in out if t]


_SUFFIXES_BY_LENGTH = {n: {p for p in LEGAL_SUFFIX_PHRASES if len(p) == n}
                       for n in {len(p) for p in LEGAL_SUFFIX_PHRASES}}
_PREFIXES_BY_LENGTH = {n: {p for p in LEGAL_PREFIX_PHRASES if len(p) == n}
                       for n in {len(p) for p in LEGAL_PREFIX_PHRASES}}


def _strip_ends(kept: list[str]) -> list[str]:
    changed = True
    while changed and len(kept) > 1:
        changed = False
        for n, phrases in _SUFFIXES_BY_LENGTH.items():
            if len(kept) > n and tuple(kept[-n:]) in phrases:
                kept, changed = kept[:-n], True
        for n, phrases in _PREFIXES_BY_LENGTH.items():
            if len(kept) > n and tuple(kept[:n]) in phrases:
                kept, changed = kept[n:], True
        if len(kept) > 1 and kept[-1] in LEGAL_FORMS_AT_ENDS:
            kept, changed = kept[:-1], True
        if len(kept) > 1 and kept[0] in LEGAL_FORMS_AT_ENDS:
            kept, changed = kept[1:], True
    return kept


def strip_legal_forms(tokens: list[str]) -> list[str]:
    """Drop legal-form words; a name made only of them is kept as it was."""
    kept = _strip_ends(list(tokens))
    kept = _strip_ends([t for t in kept if t not in LEGAL_FORMS_ANYWHERE])
    return kept or list(tokens)


def person_order(name: str) -> str:
    """``LAST, First`` as ``First LAST``; names without exactly one comma are left alone."""
    if name.count(",") != 1:
        return name
    last, first = (part.strip() for part in name.split(","))
    return f"{first} {last}" if first and last else name


def skeleton(token: str) -> str:
    """Consonant skeleton for candidate lookup: vowels dropped, doubled letters collapsed.

    Transliterations differ mostly in vowels and doubling (Hasan/Hassan, Makhluf/Makhlouf),
    so a misspelt name still finds its listed form through this key.
    """
    out: list[str] = []
    for i, ch in enumerate(token):
        if ch in _VOWELS and i > 0:
            continue
        if ch == "h" and out and out[-1] in "ckgstzd":
            continue  # kh/gh/sh/th/zh: same sound, written with or without the h
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class NormalName:
    """One name in every form the matcher compares."""

    original: str
    tokens: tuple[str, ...]
    sorted_all: str       # every token, sorted: order of LAST/First does not matter
    sorted_core: str      # without articles and single-letter initials
    compact: str          # in reading order (First Last), spaces removed: Mozaffari-Nia = Mozaffarinia
    informative: tuple[str, ...]  # tokens that are neither stopwords nor common words


def is_informative(token: str) -> bool:
    """A token that can carry a match: not an article, not a generic business word."""
    if token in STOPWORDS or token in COMMON_WORDS:
        return False
    if token.isdigit():
        return len(token) >= 3
    return len(token) > 1


def looks_like_person(name: str) -> bool:
    """``KISHK, Samir`` is a person; ``TOQUIN, S.A. DE C.V.`` is a company with its legal form."""
    if name.count(",") != 1:
        return False
    after = tokens_of(name.split(",")[1])
    return bool(after) and strip_legal_forms(after + ["x"]) == after + ["x"] \
        and strip_legal_forms(["x"] + after) == ["x"] + after


def normalize_name(name: str, *, person: bool | None = None) -> NormalName:
    """All forms of ``name``; ``person`` reorders ``LAST, First`` (None: guess from the comma)."""
    if person is None:
        person = looks_like_person(name)
    tokens = tokens_of(person_order(name)) if person else strip_legal_forms(tokens_of(name))
    core = [t for t in tokens if t not in STOPWORDS and len(t) > 1] or tokens
    informative = tuple(t for t in tokens if is_informative(t))
    return NormalName(
        original=name,
        tokens=tuple(tokens),
        sorted_all=" ".join(sorted(tokens)),
        sorted_core=" ".join(sorted(core)),
        compact="".join(tokens),
        informative=informative,
    )


def normalize(text: str) -> str:
    """The single comparable string of a name (sorted tokens, legal forms removed)."""
    return normalize_name(text).sorted_all
