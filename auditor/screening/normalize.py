"""Names brought to one comparable form before any fuzzy comparison.

Denied-party lists and vendor dossiers write the same party in many ways: upper or mixed
case, with or without diacritics, in Latin, Cyrillic, Arabic, Greek, Chinese or Korean script,
``&`` or ``and``, ``S.A.`` or ``SA``, ``LAST, First`` or ``First Last``, with the legal form in
front (``OOO``, ``Joint Stock Co.``) or behind (``LLC``, ``GmbH``), sometimes misspelt
(``COMPNAY``). Transliteration and the legal forms of the world come from OpenSanctions'
``rigour`` (its organisation-type table and its script-aware ASCII transliteration, backed by
``normality``/ICU); the words screening treats in its own way live in
``auditor/data/screening_words.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from auditor.screening.keys import _consonants
from auditor.screening.phonetic import by_sound

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
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
# a Chinese personal name: two or three Han characters standing alone (family name, then given name)
_HAN_NAME = re.compile(r"(?<![\u3400-\u9fff])([\u3400-\u9fff])([\u3400-\u9fff]{1,2})(?![\u3400-\u9fff])")
# Scripts written without short vowels: names are compared by their consonants.
_ABJAD = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


_PRIMED: list[dict] = []


def prime_vocabulary(raw: dict) -> None:
    """Take the vocabulary as a stored index holds it (``stored``): the index is named after this file's hash, so
    it is this file, parsed; ``_raw_vocabulary`` then skips the YAML."""
    if not _PRIMED:
        _PRIMED.append(raw)


@lru_cache(maxsize=1)
def _raw_vocabulary() -> dict:
    if _PRIMED:
        return _PRIMED[0]
    import yaml

    from auditor.workspace import package_data

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # the C loader: a tenth of the time, on every screening
    return yaml.load(package_data("screening_words.yaml").read_text(encoding="utf-8"), Loader=loader)


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, frozenset[str]]:
    """The word sets of ``screening_words.yaml`` (read once)."""
    return {key: frozenset(str(value).split()) for key, value in _raw_vocabulary().items() if isinstance(value, str)}


@lru_cache(maxsize=1)
def _legal_phrases() -> list[tuple[re.Pattern, str]]:
    """All phrases as one pattern (to test), then one pattern per legal form (to rewrite)."""
    table = _raw_vocabulary()["legal_phrases"]
    every = "|".join(p for patterns in table.values() for p in patterns)
    return [(re.compile(r"(?<!\w)(?:" + every + r")(?!\w)"), "")] + [
        (re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)"), form) for form, patterns in table.items()]


def _words(key: str) -> frozenset[str]:
    return vocabulary()[key]


class _Lazy:
    """A word set read from the data file on first use (importing this module stays cheap)."""

    def __init__(self, key: str):
        self.key = key

    def __contains__(self, word: object) -> bool:
        return word in _words(self.key)

    def __iter__(self):
        return iter(_words(self.key))

    def __len__(self) -> int:
        return len(_words(self.key))


STOPWORDS = _Lazy("stopwords")
COMMON_WORDS = _Lazy("generic_words")


_MIXED_WORD = re.compile(r"\w*[A-Za-z]\w*")


@lru_cache(maxsize=4096)
def _lookalike(ch: str) -> str:
    """The Latin letter a Greek or Cyrillic one is drawn like (Unicode TR39 confusables, through ICU)."""
    import icu

    skeleton = icu.SpoofChecker().getSkeleton(0, ch)
    if len(skeleton) == 1 and skeleton.isascii() and skeleton.isalpha():
        return skeleton.upper() if ch.isupper() else skeleton.lower()
    return ch


def _latin_lookalikes(match: re.Match) -> str:
    """A Latin word with a Greek or Cyrillic look-alike in it (Κim, Mаhan) is read with the Latin letter."""
    word = match.group(0)
    if word.isascii():
        return word
    return "".join(_lookalike(ch) if not ch.isascii() and ch.isalpha() and "LATIN" not in unicodedata.name(ch, "")
                   else ch for ch in word)


@lru_cache(maxsize=1)
def _persian() -> tuple[str, dict[int, str]]:
    """The letters that mark a name as Persian, and the Arabic letters read otherwise in it (screening_words.yaml)."""
    raw = _raw_vocabulary()
    return raw.get("persian_marks", ""), str.maketrans(raw.get("persian_letters", {}))


def fold(text: str) -> str:
    """Case, diacritics, homoglyphs and scripts folded to lower-case ASCII.

    ``Peñón`` -> ``penon``, ``Путин`` -> ``putin``, ``Κim`` (a Greek K) -> ``kim``.
    """
    if text.isascii():
        return text.lower()
    text = "".join(ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch) != "Cf")
    text = _MIXED_WORD.sub(_latin_lookalikes, text)
    company = False
    if _HANGUL.search(text) or _HAN.search(text) or _ABJAD.search(text):
        from auditor.screening.eastasian import _chinese_name, _chinese_words, _korean
        from auditor.screening.glossary import glossed

        text, company = glossed(text)
    if _HANGUL.search(text):
        text = _HANGUL_RUN.sub(lambda m: _korean(m.group(0), joined=company), text)
    if company and _HAN.search(text):
        text = _HAN_RUN.sub(_chinese_words, text)
    elif _HAN_NAME.search(text):
        text = _HAN_NAME.sub(_chinese_name, text)
    text = by_sound(text)   # before the marks are taken off: Burmese and Thai write their vowels with them
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_TRANSLITERATE)
    if not text.isascii():
        from rigour.text.translit import ascii_text

        abjad = is_abjad(text)
        if abjad:   # ta marbuta is written a/ah in Latin lists (Fatima, Usama): leave it to the vowels
            text = text.replace("\u0629", "")
            marks, letters = _persian()
            if any(ch in marks for ch in text):   # Persian: Rezaei, Dehghan (not Redayi, Dehqan)
                text = text.translate(letters)
        text = ascii_text(text)
        if abjad:   # ayn and hamza come out as ? or ': letters Latin lists leave out, not word breaks
            text = text.replace("?", "").replace("'", "")
    return text.casefold()


def is_abjad(text: str) -> bool:
    """Written in Arabic, Persian or Hebrew script, where short vowels are not written."""
    return bool(_ABJAD.search(text))


def _split_dotted(token: str) -> list[str]:
    """``s.a.`` -> ``sa``, ``c.n.a.`` -> ``cna``; a dotted word like ``www.x.de`` splits apart."""
    if "." not in token:
        return [token] if token else []
    parts = [p for p in token.split(".") if p]
    if parts and all(len(p) <= 2 for p in parts):
        return ["".join(parts)]
    return parts


def _raw_words(text: str) -> list[str]:
    """A folded name's words as written, dots kept (``a.s.``, ``s.a.``): what the tokens are made from."""
    return [r for r in _TOKEN_SPLIT.split(_AMPERSAND.sub(" and ", _JOINERS.sub("", text))) if r]


def _tokens_of_folded(text: str) -> list[str]:
    raws = _raw_words(text)
    out: list[str] = []
    for n, raw in enumerate(raws):
        out.extend([p for p in raw.split(".") if p] if n == 0 and _initials_first(raws) else _split_dotted(raw))
    return [t for t in out if t]


_DOTTED_INITIALS = re.compile(r"(?:[^\W\d_]\.){2,3}")


def _initials_first(raws: list[str]) -> bool:
    """Does a name open with a person's dotted initials before a family name ("A.B. Sukhodolov", "A.S. Chemezov")?
    They are letters, not the legal form or article their letters spell when joined (AB, A.S., AR)."""
    return bool(raws) and _DOTTED_INITIALS.fullmatch(raws[0]) is not None and 2 <= len(raws) <= 3 and \
        not any("".join(r.split(".")) in _known_legal_words() for r in raws[1:])


def tokens_of(text: str) -> list[str]:
    """Folded word tokens: punctuation and ``&`` handled, dotted abbreviations joined."""
    return _tokens_of_folded(fold(text))


@lru_cache(maxsize=4096)
def _corrected(token: str) -> str:
    """A misspelt legal-form word read as the word: ``compnay`` -> ``company``, ``limted`` -> ``limited``."""
    if len(token) < 4 or token in _words("legal_misspellable"):
        return token
    from rapidfuzz.distance import OSA

    for word in _words("legal_misspellable"):
        if abs(len(word) - len(token)) > 2 or not (word[0] in token[:2] or token[0] in word[:2]):
            continue   # the first letter kept, or one letter put in front (DJOINT) or left out
        allowed = 1 if len(word) < 9 else 2   # a transposition (JIONT, COMPNAY) is one edit
        if OSA.distance(token, word, score_cutoff=allowed) <= allowed or _shortened(token, word):
            return word
    return token


def _shortened(token: str, word: str) -> bool:
    """``token`` is ``word`` with a letter or two left out, its first and last kept (LIMTD, PUBLC): a legal-form
    word written short, not a slip."""
    if len(token) < 5 or token[0] != word[0] or token[-1] != word[-1] or not 0 < len(word) - len(token) <= 2:
        return False
    rest = iter(word)
    return all(ch in rest for ch in token)


CASEFOLD_FLAG = 4
"""rigour's ``Normalize.CASEFOLD``: its org-type table is matched against case-folded text (a test checks the
value); the Rust function is called directly because ``rigour.names`` costs 50 ms to import on every run."""
NOOP_CLEANUP = 0
"""rigour's ``Cleanup.Noop``."""


def _org_types(text: str) -> str:
    """Legal forms of any country, in any position, written in rigour's short generic form (llc, jsc ...)."""
    from rigour._core import replace_org_types_compare

    return replace_org_types_compare(text, CASEFOLD_FLAG, NOOP_CLEANUP, True)


@lru_cache(maxsize=1)
def _known_legal_words() -> frozenset[str]:
    return _words("legal_at_ends") | _words("legal_anywhere")


@lru_cache(maxsize=1)
def generic_or_legal_words() -> frozenset[str]:
    """The words that mark an organisation's name: generic words and legal forms (built once, asked per name)."""
    return _words("generic_words") | _known_legal_words()


def _short_names_kept(before: list[str], after: list[str], written: frozenset[str] = frozenset()) -> list[str]:
    """rigour reads many two-letter words as legal forms (yu, na: a Korean or Chinese name's syllable): one of
    two letters stays a name word unless our own vocabulary knows it as a legal form; and a word ``written`` with
    an apostrophe inside (Sa'd, not SAD) is a name word, whatever it spells."""
    if len(before) != len(after) or before == after:
        return after
    known = _known_legal_words()
    return [b if a != b and (len(b) <= 2 and b not in known or b in written) else a for b, a in zip(before, after)]


_INNER_MARK = re.compile(rf"\w+(?:{_JOINERS.pattern}\w+)+")   # a word with an apostrophe between its letters


def _apostrophe_words(folded: str) -> frozenset[str]:
    """The words written with an apostrophe (ayn, hamza) between letters, joined: Sa'd -> sad, Ma'mun -> mamun."""
    return frozenset(_JOINERS.sub("", m.group(0)) for m in _INNER_MARK.finditer(folded)) if _JOINERS.search(folded) \
        else frozenset()


def _strip_ends(kept: list[str], removed: list[str]) -> list[str]:
    ends = _words("legal_at_ends")
    while len(kept) > 1 and (kept[-1] in ends or kept[0] in ends):
        if kept[-1] in ends:
            removed.append(kept.pop())
        else:
            removed.append(kept.pop(0))
    return kept


def split_legal_forms(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(name words, legal-form words); a name made only of legal forms keeps them as its words."""
    anywhere = _words("legal_anywhere")
    removed: list[str] = []
    kept = []
    for token in tokens:
        (removed if token in anywhere else kept).append(token)
    kept = _strip_ends(kept, removed)
    if not kept:
        return list(tokens), []
    return kept, removed


def strip_legal_forms(tokens: list[str]) -> list[str]:
    return split_legal_forms(tokens)[0]


def entity_tokens(text: str) -> tuple[list[str], list[str]]:
    """An organisation's name words and legal-form words, misspellings and legal forms in front handled."""
    folded = fold(text)
    written = _apostrophe_words(folded)
    folded = _JOINERS.sub("", folded)   # before the legal forms: SA'ID is a name, not S.A.
    tokens = _tokens_of_folded(folded)
    words = [_corrected(t) for t in tokens]
    if words != tokens:
        folded = " ".join(words)
    phrases = _legal_phrases()
    if phrases[0][0].search(folded):   # one scan for any of them; most names hold none
        for pattern, form in phrases[1:]:
            folded = pattern.sub(form, folded)
    tokens_folded = _tokens_of_folded(folded)
    # A.S. Chemezov: initials, not a.s. read as a legal form (jsc) by rigour's table
    typed = tokens_folded if _initials_first(_raw_words(folded)) else _tokens_of_folded(_org_types(folded))
    kept, legal = split_legal_forms(_short_names_kept(tokens_folded, typed, written))
    if words != tokens:   # a word read as a legal-form word that is not part of a legal form keeps its spelling:
        undo = {word: token for token, word in zip(tokens, words) if word != token}   # OPEL, PUBLIX, STACK
        kept = [undo.get(word, word) for word in kept]
    return kept, legal


def person_order(name: str) -> str:
    """``LAST, First`` as ``First LAST``; names without exactly one comma are left alone."""
    if name.count(",") != 1:
        return name
    last, first = (part.strip() for part in name.split(","))
    return f"{first} {last}" if first and last else name


@dataclass(frozen=True, slots=True)
class NormalName:
    """One name in every form the matcher compares."""

    original: str
    tokens: tuple[str, ...]
    sorted_all: str       # every token, sorted: order of LAST/First does not matter
    sorted_core: str      # without articles and single-letter initials
    compact: str          # in reading order (First Last), spaces removed: Mozaffari-Nia = Mozaffarinia
    informative: tuple[str, ...]  # tokens that are neither stopwords nor common words
    legal: tuple[str, ...] = ()   # the legal-form words taken out (llc, jsc ...)
    abjad: bool = False           # written in a script without short vowels
    consonant_key: str = ""       # consonants of the non-stopword tokens, in reading order
    given: int = 0                # a person written LAST, First: how many tokens (from the start) are given names
    full: str = ""                # name and legal form: equal ``full`` forms are the same name, even a generic one


def is_informative(token: str) -> bool:
    """A token that can carry a match: not an article, not a generic business word."""
    if token in _words("stopwords") or token in _words("generic_words"):
        return False
    if token.isdigit():
        return len(token) >= 3
    return len(token) > 1


def looks_like_person(name: str) -> bool:
    """``KISHK, Samir`` is a person; ``TOQUIN, S.A. DE C.V.`` is a company with its legal form."""
    if name.count(",") != 1:
        return False
    given = fold(name.split(",")[1])
    written = _apostrophe_words(given)   # Sa'd is a given name, not the legal form SAD
    after = [_corrected(t) for t in _tokens_of_folded(given) if t not in written]   # "Co., Limitted" is no given name
    if not after:
        return bool(written)
    return not split_legal_forms(after + ["x"])[1] and not split_legal_forms(["x"] + after)[1] \
        and _org_types(" ".join(after)) == " ".join(after)


def _chinese_family_name(name: str, tokens: list[str]) -> bool:
    """"Pao Hua Chiang": the word read as a legal form in front (PAO, a Russian PJSC) is a Chinese person's family
    name when it and the two or three words after it are all Chinese syllables."""
    from auditor.screening.systems import chinese_syllables   # systems reads this module's vocabulary

    raw = tokens_of(name)
    return 3 <= len(raw) <= 4 and raw[1:] == tokens and chinese_syllables(raw)


def normalize_name(name: str, *, person: bool | None = None, craft: bool = False) -> NormalName:
    """All forms of ``name``; ``person`` reorders ``LAST, First`` (None: guess from the comma). The name
    of a ``craft`` (an aircraft's registration mark, a ship's name) has no legal form: EP-MHP keeps its EP."""
    if person is None:
        person = looks_like_person(name)
    given = 0
    if craft:
        tokens, legal = tokens_of(name), []
    elif person:
        tokens, legal = tokens_of(person_order(name)), []
        if name.count(",") == 1:
            given = len(tokens_of(name.split(",")[1]))
    elif is_abjad(name):   # ال، اس، در: Latin abbreviations (S.A., AS, Dr) are not written in Arabic letters
        tokens, legal = tokens_of(name), []
        anywhere = _words("legal_anywhere")   # but شركة is read "company" (native_words): a legal form
        if any(t in anywhere for t in tokens) and not all(t in anywhere for t in tokens):
            tokens, legal = [t for t in tokens if t not in anywhere], [t for t in tokens if t in anywhere]
    else:
        tokens, legal = entity_tokens(name)
        if legal and _chinese_family_name(name, tokens):
            tokens, legal = tokens_of(name), []
    abjad = is_abjad(name)
    stop = _words("abjad_stopwords" if abjad else "stopwords")
    if abjad and not name.isascii() and _MIXED_WORD.search(name):   # read half translated: its English and, for are
        stop = stop | _words("stopwords").intersection(_MIXED_WORD.findall(name.lower()))   # no name's consonants
    core = [t for t in tokens if t not in stop and len(t) > 1] or tokens
    if abjad:
        informative = tuple(t for t in tokens if t not in stop and len(t) > 1 and t not in _words("generic_words"))
    else:
        informative = tuple(t for t in tokens if is_informative(t))
    return NormalName(
        original=name,
        tokens=tuple(tokens),
        sorted_all=" ".join(sorted(tokens)),
        sorted_core=" ".join(sorted(core)),
        compact="".join(tokens),
        informative=informative,
        legal=tuple(sorted(legal)),
        abjad=abjad,
        consonant_key="".join(_consonants(t) for t in tokens if t not in stop),
        given=given if 0 < given < len(tokens) else 0,
        full=" ".join(sorted(tokens + legal)),
    )


@lru_cache(maxsize=4096)
def craft_name(name: str) -> NormalName:
    """``name`` read as an aircraft's or a ship's would be (letters a legal form would take kept): once per
    query, however many such entries it is compared with."""
    return normalize_name(name, person=False, craft=True)


def normalize(text: str) -> str:
    """The single comparable string of a name (sorted tokens, legal forms removed)."""
    return normalize_name(text).sorted_all
