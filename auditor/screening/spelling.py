"""The keys under which near spellings of a word meet, and what counts as a typing slip.

Kept apart from the index (``matcher``) that uses them: these are pure functions of a word or a
normalised name, cached because the lists repeat their words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from auditor.screening.abjad import Abjad, ending_fits, long_vowels_fit
from auditor.screening.normalize import NormalName, vocabulary
from auditor.screening.keys import consonants, romanised, skeleton

GENERIC_SOUNDS = "g:"
"""Key prefix of a name made only of generic words, by its words' consonant skeletons (Avyation/Aviation)."""
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")


@lru_cache(maxsize=200_000)
def word_skeleton(token: str) -> str:
    return skeleton(token)


@lru_cache(maxsize=200_000)
def word_consonants(token: str) -> str:
    return consonants(token)


def same_sound(mine: str, theirs: str) -> bool:
    """Two words of one consonant skeleton or in one romanisation (Goritskii/Goritsky), or one of them with the article
    written on it (ALNASER / Nasir)."""
    if word_skeleton(mine) == word_skeleton(theirs) or romanised(mine) == romanised(theirs):
        return True
    short, long = sorted((mine, theirs), key=len)
    return long[:2] in ("al", "el") and len(long) - len(short) == 2 and word_skeleton(long[2:]) == word_skeleton(short)


@lru_cache(maxsize=100_000)
def _romanised_name(compact: str) -> str:
    return romanised(compact)


ROMANISED_FACTOR = 0.96
"""The likeness of two names, each read in one romanisation (Dmitrii Iurievich / Dmitry Yuryevich), counts this much."""


def romanised_likeness(ratio, query: NormalName, name: NormalName) -> float:
    """How alike (0-100) two names are in reading order, each in one romanisation (``keys.romanised``)."""
    return ratio(_romanised_name(query.compact), _romanised_name(name.compact)) * ROMANISED_FACTOR


def sounds_of(tokens: Iterable[str]) -> str:
    return "".join(sorted(word_skeleton(t) for t in tokens))


_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = {row[i]: row[max(0, i - 1):i] + row[i + 1:i + 2] for row in _KEY_ROWS for i in range(len(row))}


def is_slip(mine: str, theirs: str) -> bool:
    """Two words one edit apart differ as a typing slip does: letters swapped, one dropped or doubled, a key
    next to the right one struck; or in a long word any letter. Linde/Linda or Orlen/Orlan are other names."""
    if len(mine) != len(theirs) or len(mine) >= 7 or sorted(mine) == sorted(theirs):
        return True
    a, b = next((x, y) for x, y in zip(mine, theirs) if x != y)
    return b in _NEIGHBOURS.get(a, "")


def generic_key(norm: NormalName) -> str:
    """A name of generic words only (AVIATION CAPITAL SOLUTIONS), keyed by the skeletons of its words in order."""
    return GENERIC_SOUNDS + " ".join(word_skeleton(t) for t in norm.tokens)


def name_variants(text: str) -> list[str]:
    """A name and, when it carries a parenthesis, the name without it and the bracketed acronym."""
    variants = [text]
    if "(" in text:
        bare = _PARENTHESIS.sub("", text).strip()
        if bare and bare != text:
            variants.append(bare)
        for inner in _PARENTHESIS.findall(text):
            inner = inner.strip()
            if len(inner) >= 3 and " " not in inner and inner.upper() == inner:
                variants.append(inner)
    return variants


def spelling_keys(token: str, query: bool) -> tuple[tuple[str, float], ...]:
    """Keys under which a word's near spellings meet, each with how much a meeting counts.

    The word and its one-letter deletions (one inserted, dropped or changed letter still
    meets: the SymSpell idea), its consonant skeleton (transliterations: Muhammad and
    Mohammed), its first and its last four letters. A query's shorter word also looks up the
    prefix key, so "TSMR Bank" finds "TSMRBANK".
    """
    keys: list[tuple[str, float]] = []
    if 3 <= len(token) <= 12:
        keys.append(("d:" + token, 0.6))
    if 4 <= len(token) <= 12:
        keys.extend(("d:" + d, 0.6) for d in dict.fromkeys(token[:i] + token[i + 1:] for i in range(len(token))))
    skel = skeleton(token)
    if len(skel) >= 3:
        keys.append(("s:" + skel, 0.7))
    if len(token) >= (4 if query else 5):
        keys.append(("p:" + token[:4], 0.5))
    if len(token) >= (5 if query else 6):
        keys.append(("e:" + token[-4:], 0.5))
    if not query:
        cons = word_consonants(token)
        if len(cons) >= 2:
            keys.append(("a:" + cons, 0.6))
    return tuple(keys)


@lru_cache(maxsize=1)
def _generic_deletions() -> dict[str, str]:
    """Each generic word of six letters or more under itself and its one-letter deletions (the SymSpell idea)."""
    table: dict[str, str] = {}
    for word in sorted(vocabulary()["generic_words"]):
        if len(word) >= 6:
            for key in (word, *(word[:i] + word[i + 1:] for i in range(len(word)))):
                table.setdefault(key, word)
    return table


@lru_cache(maxsize=20_000)
def generic_spelling(token: str) -> str:
    """The generic word ``token`` is one typing slip from (``tranaport`` -> ``transport``), else ``token``."""
    if len(token) < 6:
        return token
    from rapidfuzz.distance import OSA

    table = _generic_deletions()
    for key in (token, *(token[:i] + token[i + 1:] for i in range(len(token)))):
        word = table.get(key)
        if word and word[0] == token[0] and OSA.distance(token, word, score_cutoff=1) <= 1 and is_slip(token, word):
            return word
    return token


def near_spelling(query: NormalName, name: NormalName) -> bool:
    """The distinctive words of both names pair up one to one, each equal or one typing slip apart
    (see ``is_slip``), one exactly not equal, and the generic words of both names agree as well."""
    from rapidfuzz.distance import OSA

    mine, theirs = query.informative, name.informative
    if not mine or len(mine) != len(theirs) or len(mine) > 3 or len(query.tokens) != len(name.tokens):
        return False
    if sorted(t for t in query.tokens if t not in mine) != sorted(t for t in name.tokens if t not in theirs):
        return False
    rest = list(theirs)
    slips = 0
    for token in mine:
        if token in rest:
            rest.remove(token)
            continue
        other = next((o for o in rest if min(len(o), len(token)) >= 5 and o[0] == token[0] and
                      OSA.distance(token, o, score_cutoff=1) <= 1 and is_slip(token, o)), None)
        if other is None:
            return False
        rest.remove(other)
        slips += 1
    return slips == 1


@lru_cache(maxsize=1)
def _rapidfuzz():
    """rapidfuzz's ratio and OSA distance, imported on first use (a heavy import kept out of start-up)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import OSA

    return fuzz.ratio, OSA.distance


SKELETON_RATIO = 65
"""Two words of four letters or more with one consonant skeleton are one name only if spelt this much alike, long
vowels and doubled letters read one way (``_spoken``: Muhammad/Mohamed 71; Mahmoud/Mohammad, Jose/Jesus are other
names)."""
SHORTER_NAME_RATIO = 70
"""The same bar in a shorter writing of a listed name, where each word carries more (Semenov/Shamanov 67)."""


def nisba(mine: str, theirs: str) -> bool:
    """One word is the other with the suffix -i (Jafari/Jafar, Karimi/Karim, Mohammadi/Mohammad): in Persian and
    Arabic names that makes a family name of a given name, another name, not a slip."""
    short, long = sorted((mine, theirs), key=len)
    return len(long) == len(short) + 1 and long[-1] in "iy" and long.startswith(short) and short[-1] not in "aeiouy"


def _one_sound(mine: str, theirs: str) -> bool:
    """Two words one edit apart differ as a slip does, or in a vowel (Elias/Alias), or in a letter for the same
    sound (Qasim/Kasim); Jafari/Safari differ in a consonant: another name."""
    if is_slip(mine, theirs) or word_consonants(mine) == word_consonants(theirs):
        return True
    changed = {x + y for x, y in zip(mine, theirs) if x != y}
    return len(mine) == len(theirs) and len(changed) == 1 and set(changed.pop()) <= set("aeiouy")


_LONG_VOWELS = (("ee", "i"), ("oo", "u"), ("ou", "u"), ("y", "i"))


def _spoken(token: str) -> str:
    """A word with its long vowels and doubled letters written one way (Aqeel/Aqil, Muhammad/Mohamed)."""
    for written, read in _LONG_VOWELS:
        token = token.replace(written, read)
    return re.sub(r"(.)\1+", r"\1", token)


def consonants_agree(mine: str, theirs: str, abjad: Abjad) -> bool:
    """Two words, one (or both) folded from Arabic or Persian script, with the same consonants and the long vowels
    that script writes in their places (Hossein/حسین, not Hassan)."""
    if not abjad.any or word_consonants(mine) != word_consonants(theirs):
        return False
    if abjad is Abjad.MINE:
        return long_vowels_fit(mine, theirs)
    return abjad is Abjad.BOTH or long_vowels_fit(theirs, mine)


def sorted_consonants(norm: NormalName) -> str:
    """The consonants of a name's words, word by word in alphabetical order (the word order left out)."""
    stop = vocabulary()["abjad_stopwords" if norm.abjad else "stopwords"]
    return "".join(sorted(word_consonants(t) for t in norm.tokens if t not in stop))


def consonant_likeness(ratio, query: NormalName, name: NormalName, any_order: bool = True,
                       distinctive: bool = False) -> float:
    """How alike (0-100) the consonants of two names are, in reading order or, unless one is a person's (or not
    ``any_order``), word by word in alphabetical order: Arabic puts the adjective after its noun (مجموعة حمشو الدولية,
    HAMSHO INTERNATIONAL GROUP) and the generic word first (بانک مهر اقتصاد, MEHR EQTESAD BANK). ``distinctive``: in
    alphabetical order, the distinctive words alone must be as alike (the generic words, sorted apart, would outweigh
    them: الخليج للتجارة العامة is not ALBAIT AL KHALEEJE GENERAL TRADING)."""
    in_order = ratio(query.consonant_key, name.consonant_key)
    if query.given or name.given or not any_order:   # a person's name: given and family name read as written
        return in_order
    apart = ratio(sorted_consonants(query), sorted_consonants(name))
    if distinctive and apart > in_order:
        apart = min(apart, ratio(_sorted_letters(query.informative), _sorted_letters(name.informative)))
    return max(in_order, apart)


def _sorted_letters(tokens: Iterable[str]) -> str:
    return "".join(sorted(word_consonants(t) for t in tokens))


def names_fit(query: NormalName, name: NormalName) -> bool:
    """No word of a name in Arabic or Persian script has the consonants of a word of the Latin one but a long
    vowel that word lacks: the whole-name consonant comparison holds only then (حسین کریمی is not Hassan Karami)."""
    abjad = Abjad.of(query, name)
    if not abjad.one_side:
        return True
    written, latin = (query, name) if abjad is Abjad.MINE else (name, query)
    for word in written.tokens:
        same = [other for other in latin.tokens if word_consonants(other) == word_consonants(word)]
        if word_consonants(word) and same and not any(long_vowels_fit(word, other) for other in same):
            return False
    return True


def token_agrees(mine: str, theirs: str, abjad: Abjad = Abjad.NEITHER, shorter: bool = False) -> bool:
    """Two words of a person's name agree: equal, near (85 %), one slip or vowel off, same consonant skeleton at
    about the same length and spelt alike (not Putin/Potanin, Mahmoud/Mohammad), in one romanisation, or (other
    script) the same consonants and long vowels. ``shorter``: in a shorter writing of the listed name, the stricter
    bar."""
    if mine == theirs:
        return True
    if not abjad.any and nisba(mine, theirs):
        return False
    if abjad.one_side and not (ending_fits(mine, theirs) if abjad is Abjad.MINE else ending_fits(theirs, mine)):
        return False
    ratio, osa = _rapidfuzz()
    if len(mine) >= 4 and len(theirs) >= 4 and (ratio(mine, theirs) >= 85 or romanised(mine) == romanised(theirs)):
        return True   # alike, or one word in two romanisations (Iurievna, Yuryevna)
    if len(mine) >= 5 and len(theirs) >= 5 and osa(mine, theirs, score_cutoff=1) <= 1 and _one_sound(mine, theirs):
        return True   # one letter swapped, dropped or added: Maduor, Kadyrv
    bar = SHORTER_NAME_RATIO if shorter else SKELETON_RATIO
    if len(mine) >= 3 and len(theirs) >= 3 and word_skeleton(mine) == word_skeleton(theirs) and \
            min(len(mine), len(theirs)) >= 0.8 * max(len(mine), len(theirs)) and (
                len(mine) <= 3 or ratio(_spoken(mine), _spoken(theirs)) >= bar
                or romanised(mine) == romanised(theirs)):
        return True
    if not abjad.any and romanised_alike(mine, theirs, bar):
        return True
    return len(mine) >= 2 and consonants_agree(mine, theirs, abjad)


_OPENING_VOWELS = frozenset("aeiou")


def romanised_alike(mine: str, theirs: str, bar: int = SKELETON_RATIO) -> bool:
    """Two Latin writings of one Arabic or Persian name: the letters that script writes are the same (q/gh/k, o/u,
    e/i, w/v left out: Sadeghabadi/Sadiqabadi, Omar/Umar, Qasemi/Ghasemi), both open with a vowel or neither (Ahmed
    is not Hamed) and, long vowels and doubled letters read one way, they are spelt alike (Mahmoud is not Mohammad)."""
    if (mine[0] in _OPENING_VOWELS) != (theirs[0] in _OPENING_VOWELS):
        return False
    letters = word_consonants(mine)
    if len(letters) < 2 or letters != word_consonants(theirs):
        return False
    ratio = _rapidfuzz()[0]
    a, b = _spoken(mine).translate(_ONE_LETTER), _spoken(theirs).translate(_ONE_LETTER)
    return min(len(a), len(b)) >= 0.75 * max(len(a), len(b)) and ratio(a, b) >= bar


_ONE_LETTER = str.maketrans("eoqw", "iukv")
"""Letters one Arabic or Persian letter is written with in Latin, read one way when spelling is compared (Tarek/Tariq,
Mahdi/Mehdi: kasra as e or i, qaf as q or k)."""
ROMANISED_KIN = 0.9
"""A listed word in another Latin writing of the same Arabic or Persian name, letter for letter (``kin``), meets the
query's word this strongly: nearly as the word itself, so a name of one such word and a generic one (Mahdi Group) is
not crowded out by the many people named as written."""
_VOWELS = re.compile("[aeiou]")


def kin(mine: str, theirs: str) -> bool:
    """Two Latin writings of one Arabic or Persian name letter for letter: only a vowel for a vowel or a letter of
    ``_ONE_LETTER`` for its twin apart (Mahdi/Mehdi, Tarek/Tariq; not Chang/Chiang, Evgenii/Evgeniia)."""
    return _VOWELS.sub("*", _spoken(mine).translate(_ONE_LETTER)) == \
        _VOWELS.sub("*", _spoken(theirs).translate(_ONE_LETTER)) and romanised_alike(mine, theirs)


def similar_spellings(token: str, abjad: bool, spellings: dict[str, list[str]], known: bool,
                      per_key: int, kin_too: bool = False) -> dict[str, float]:
    """Listed words spelt like ``token`` (``spellings``: key -> words), each with the strength of the likeness; a
    Latin word of an organisation's name (``kin_too``) also meets its other Latin writings letter for letter (``kin``)."""
    found: dict[str, float] = {token: 1.0} if known else {}
    keys = spelling_keys(token, True)
    consonant_key = "a:" + word_consonants(token)
    if abjad and len(consonant_key) >= 4:
        keys += ((consonant_key, 0.8),)
    if not known and (one_way := romanised(token)) != token:   # a word the lists lack, also in one romanisation
        keys += tuple(key for key in spelling_keys(one_way, True) if key[0][:2] == "d:")   # (Aquamarine: AKVAMARIN)
    for key, factor in keys:
        words = spellings.get(key)
        if not words or len(words) > per_key:
            continue
        for word in words:
            if found.get(word, 0.0) < factor:
                found[word] = factor
    if kin_too and not abjad and len(consonant_key) >= 4 and len(words := spellings.get(consonant_key, ())) <= per_key:
        for word in words:   # kin have the same consonants: all of them are under this key
            if found.get(word, 0.0) < ROMANISED_KIN and kin(token, word):
                found[word] = ROMANISED_KIN
    return found


_alike_cached = lru_cache(maxsize=100_000)(romanised_alike)   # word agreement meets the lists' pairs again and again


def short_word_agrees(mine: str, theirs: str) -> bool:
    """A word of two or three letters in a shorter writing of a listed name: equal, y read as i, or in one
    romanisation (Min is not Man: a short name has no letter to spare)."""
    return mine.replace("y", "i") == theirs.replace("y", "i") or romanised(mine) == romanised(theirs)


def same_word(mine: str, theirs: str) -> bool:
    """The same word in another romanisation (Yousef/Yusuf, Mohammad/Muhammad): equal in the pairs of
    ``screening_words.yaml``, or the same consonant skeleton from the same first to the same last letter
    (not Mohammadi/Mohammad, Farhad/Farhat: another name)."""
    return mine == theirs or romanised(mine) == romanised(theirs) or (
        mine[0] == theirs[0] and mine[-1] == theirs[-1] and word_skeleton(mine) == word_skeleton(theirs))


def paired_ratio(ratio, mine: tuple[str, ...], theirs: tuple[str, ...]) -> float:
    """Each word matched with the most alike word of the other name, one to one, best pairs first; the
    ratios averaged by length. Sorting the words alphabetically breaks when a first letter differs."""
    pairs = sorted(((ratio(a, b), i, j) for i, a in enumerate(mine) for j, b in enumerate(theirs)), reverse=True)
    used_mine: set[int] = set()
    used_theirs: set[int] = set()
    total = weight = 0.0
    for value, i, j in pairs:
        if i in used_mine or j in used_theirs:
            continue
        used_mine.add(i)
        used_theirs.add(j)
        size = len(mine[i]) + len(theirs[j])
        total += value * size
        weight += size
    return total / weight if weight else 0.0


def word_agreement(ratio, weight_of, query: NormalName, name: NormalName) -> float:
    """IDF-weighted agreement of the two names' words (an F1 of fuzzy word matches), 0..1; ``weight_of`` gives a
    word's weight. Two names sharing a rare surname agree strongly; two sharing only "security department" while
    differing in "political"/"state" agree weakly."""
    def alike(token: str, other: str, abjad: Abjad) -> float:
        value = ratio(token, other) / 100.0
        if value < 0.85 and len(token) >= 3 and len(other) >= 3 and (same_sound(token, other) or consonants_agree(
                token, other, abjad) or (not abjad.any and _alike_cached(token, other))):
            value = 0.85
        return value

    def side(mine: tuple[str, ...], theirs: tuple[str, ...], theirs_compact: str, abjad: Abjad) -> float:
        total = matched = 0.0
        for token in mine:
            weight = weight_of(token)
            if not weight:
                continue
            total += weight
            best = max((alike(token, other, abjad) for other in theirs), default=0.0)
            if best < 1.0 and len(token) >= 4 and not person and token in theirs_compact:
                best = 1.0  # written as one word on the other side: Gazprom Bank / GAZPROMBANK (not Ming/Zeming)
            matched += weight * best if best >= 0.75 else 0.0
        return matched / total if total else 1.0

    person = bool(query.given or name.given)
    recall = side(query.tokens, name.tokens, name.compact, Abjad.of(query, name))
    precision = side(name.tokens, query.tokens, query.compact, Abjad.of(name, query))
    return 0.0 if recall + precision == 0 else 2 * recall * precision / (recall + precision)


def family_first_likeness(ratio, query: NormalName, name: NormalName) -> float:
    """How alike (0-100) a name written family name first is to a listed person's (LAST, First), spaces left out: a
    Chinese or Korean name's given syllables run together on one side and apart on the other (Sun Shimei, SUN, Shi
    Mei), where sorting the words apart breaks."""
    if not name.given or query.given or not 2 <= len(query.tokens) <= 4:
        return 0.0
    return ratio(query.compact, "".join(name.tokens[name.given:] + name.tokens[:name.given]))
