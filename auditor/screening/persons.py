"""Person-name rules of the matcher: a shorter writing of a listed person's name, and a name without the listed
person's own given name. Kept apart from the index (``matcher``) so each module stays readable."""

from __future__ import annotations

import math
from functools import lru_cache

from auditor.screening.normalize import NormalName, vocabulary
from auditor.screening.keys import romanised
from auditor.screening.abjad import Abjad
from auditor.screening.spelling import _rapidfuzz, consonants_agree, short_word_agrees, token_agrees

PARTIAL_MIN_WEIGHT = 7.0
"""The agreeing words of a partial name must be this distinctive together (IDF sum): not two common given names."""
INITIAL_MIN_WEIGHT = 6.5
"""An initial and a family name: the family name alone must be this rare."""


def _own_given(name: NormalName, stopwords) -> list[str]:
    """A listed person's given names, without the honorifics lists write among them (Haji, Sayed, Mawlawi)."""
    words = [t for t in name.tokens[:name.given] if t not in stopwords]
    honorifics = vocabulary()["honorifics"]
    return [t for t in words if t not in honorifics] or words


def own_name_left_out(query: NormalName, name: NormalName, stopwords) -> bool:
    """A shorter name without the listed person's first given name (Abdullah Al Qahtani for ALQAHTANI, Saud
    Abdullah): the words left name another member of the family (a father's name, a family name)."""
    if not name.given:
        return False
    mine = [t for t in query.tokens if t not in stopwords or len(t) == 1]
    theirs = [t for t in name.tokens if t not in stopwords]
    given = _own_given(name, stopwords)
    if not given or len(mine) >= len(theirs):
        return False
    first = given[0]
    return not any(token_agrees(t, first) or (len(t) <= 3 and t[0] == first[0]) for t in mine)


def partial_person(query: NormalName, name: NormalName, stopwords, idf, total: int) -> str:
    """Why ``query`` is a shorter writing of the listed person's name, else ``""``.

    "Nicolas Maduro" for MADURO MOROS, Nicolas; "Vladimir Putin" for PUTIN, Vladimir
    Vladimirovich; "N. Maduro" with an initial. The query's first word must be the listed
    first given name and its last word one of the family names (or the other way round),
    every other word must agree with its own word of the listed name, and the agreeing
    words must be distinctive enough together that two common names do not qualify.
    """
    family_name = name.tokens[name.given:] if name.given else ()
    if family_name and all(t in stopwords for t in family_name):   # TEN, Sergey; DU, Yurong: a name, no connector
        stopwords = stopwords - set(family_name)
    mine = [t for t in query.tokens if t not in stopwords or len(t) == 1]   # "A. Mumin": the initial counts
    theirs = [t for t in name.tokens if t not in stopwords]
    if len(mine) < 2 or len(mine) > len(theirs) or (
            len(mine) == len(theirs) and all(len(t) > 1 for t in mine)):
        return ""
    abjad = Abjad.of(query, name)
    if not abjad.any and set(mine).isdisjoint(theirs) and \
            {romanised(t) for t in mine}.isdisjoint(map(romanised, theirs)):
        return ""   # not one word written alike (needed below): no need to align them

    def agrees(token: str, other: str) -> bool:
        if len(token) == 1:
            return other[0] == token
        if not abjad.any and min(len(token), len(other)) <= 3:
            return short_word_agrees(token, other)
        return token_agrees(token, other, abjad, shorter=True)

    if name.given:
        given = [t for t in name.tokens[:name.given] if t not in stopwords]
        family = [t for t in name.tokens[name.given:] if t not in stopwords]
        if not given or not family:
            return ""
        letters = "".join(t[0] for t in given)

        def opens(token: str) -> bool:   # the first given name, or its initials written together (V.V.)
            return agrees(token, given[0]) or (2 <= len(token) <= 3 and letters.startswith(token))

        ends = ((mine[0], mine[-1]), (mine[-1], mine[0]))
        if not any(opens(first) and any(agrees(last, f) for f in family) for first, last in ends):
            return ""
    elif not (agrees(mine[0], theirs[0]) or agrees(mine[-1], theirs[0])):
        return ""   # order unknown: the listed first word must open or close the party's name
    used: set[int] = set()
    weight = 0.0
    words = initials = exact = 0
    pending = sorted(mine, key=len, reverse=True)   # whole words first, initials last
    while pending:
        token = pending.pop(0)
        spot = next((j for j, other in enumerate(theirs) if j not in used and token == other), None)
        if spot is None:   # a word written alike first, then a near one (SHAQIRI, Shaqir)
            spot = next((j for j, other in enumerate(theirs) if j not in used and agrees(token, other)), None)
        if spot is None and 2 <= len(token) <= 3 and token.isalpha():
            pending.extend(token)   # V.V. written together: two initials
            continue
        if spot is None:
            return ""
        used.add(spot)
        if len(token) == 1:
            initials += 1
        else:
            words += 1
            weight += idf(theirs[spot])
            listed = theirs[spot]   # written alike, or alike in one romanisation or (other script) consonants
            exact += romanised(token) == romanised(listed) or consonants_agree(token, listed, abjad)
    # On a small list no word is rare: the bars never exceed what a word found once there weighs.
    rare = math.log(1.0 + total)
    needed = min(PARTIAL_MIN_WEIGHT if name.given else PARTIAL_MIN_WEIGHT + 2.0,
                 (1.5 if name.given else 1.8) * rare)
    if not exact:
        return ""   # every word only near its listed one (Martina/Martin, Greco/Garcia): too weak for a short name
    if words >= 2 and weight >= needed:
        return "given and family name agree with the listed person's longer name (middle names, " \
               "patronymic or second family name left out)"
    if words == 1 and initials and weight >= min(INITIAL_MIN_WEIGHT, 0.9 * rare):
        return "family name agrees and the initial fits the listed person's given name"
    return ""


@lru_cache(maxsize=1)
def _patronymic_endings() -> tuple[str, ...]:
    """``patronymic_endings``, longest first (Yevich before Evich): sorted once, not for every hit."""
    return tuple(sorted(vocabulary()["patronymic_endings"], key=len, reverse=True))


def _patronymic_stems(name: NormalName) -> list[str]:
    out = []
    for token in name.tokens:
        for ending in _patronymic_endings():
            if token.endswith(ending) and len(token) - len(ending) >= 3:
                out.append(token[:-len(ending)])
                break
    return out


def patronymic_differs(query: NormalName, name: NormalName) -> bool:
    """Both names give one patronymic, and they are different fathers' names (Vladimirovich, Vadimovich)."""
    mine, theirs = _patronymic_stems(query), _patronymic_stems(name)
    if len(mine) != 1 or len(theirs) != 1 or token_agrees(mine[0], theirs[0]):
        return False
    ratio, _ = _rapidfuzz()
    return ratio(mine[0], theirs[0]) < 80   # Akhmat and Akhmad may be one name in two spellings
