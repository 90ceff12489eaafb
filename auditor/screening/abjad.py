"""Which side of a comparison is written in Arabic or Persian script, and what its long vowels still tell.

Arabic script leaves out the short vowels but writes the long ones (alef, waw, ya). Comparing a name
in that script with a Latin one by consonants alone makes Hossein (حسین) equal Hassan and Karimi
(کریمی) equal Karami; the long vowel written between two consonants says which of them it is.
"""

from __future__ import annotations

import enum
import re

from auditor.screening.normalize import NormalName
from auditor.screening.keys import ABD_ARTICLE

_LATIN_VOWELS = frozenset("aeiouwyv")   # w, y and v are vowels or Persian waw in a Latin name written from Arabic
_WRITTEN_VOWELS = frozenset("awy")      # alef, waw, ya as folded from Arabic script
_UNIT = re.compile(r"dzh|kh|sh|ch|th|dh|ph|zh|gh|(.)\1*")
_FITS = {"a": frozenset("a"), "w": frozenset("uowv"), "y": frozenset("iey")}
"""A long vowel written in Arabic script and the Latin letters that can stand for it."""
_INNER_ARTICLE = re.compile(r"(?<=bd)a(?=l)|a(?=llh)|(?<=\w{3})a(?=l\w{4})")
"""The alef of the article inside a compound name (عبدالله Abdollah/Abdullah, نصرالله Nasrollah, امیرالمؤمنین
Amirolmomenin): the article's vowel, read a, o, u or e, not a long a."""


class Abjad(enum.Enum):
    """Which of two compared names (mine, theirs) is written without short vowels."""

    NEITHER = "neither"
    MINE = "mine"
    THEIRS = "theirs"
    BOTH = "both"

    @classmethod
    def of(cls, mine: NormalName, theirs: NormalName) -> Abjad:
        if mine.abjad:
            return cls.BOTH if theirs.abjad else cls.MINE
        return cls.THEIRS if theirs.abjad else cls.NEITHER

    @property
    def any(self) -> bool:
        return self is not Abjad.NEITHER

    @property
    def one_side(self) -> bool:
        return self in (Abjad.MINE, Abjad.THEIRS)


def _shape(token: str, vowels: frozenset[str]) -> tuple[str, list[str]]:
    """The vowel letters before the first consonant, and those between each two consonants (pairs such as kh and
    doubled letters are one consonant; a w, y or v before the first consonant is one itself)."""
    if len(token) > 3 and token[-1] == "h" and token[-2] in "aeiouy":
        token = token[:-1]   # Fatimah/Fatima/فاطمة: a final h is written in one and not the other
    opening, gaps, current, seen = "", [], "", False
    for match in _UNIT.finditer(token):
        unit = match.group(0)
        if unit[0] in vowels and (seen or unit[0] not in "wyv"):
            current += unit
            continue
        if seen:
            gaps.append(current)
        else:
            opening = current
        current, seen = "", True
    return opening, gaps


def long_vowels_fit(written: str, latin: str) -> bool:
    """The long vowels of ``written`` (a word folded from Arabic script) are vowels of ``latin`` at the same places.

    Only a long vowel between two consonants is checked (a final one may be alef maqsura or a case ending), and an
    opening alef (Ahmad, not Hameed); a Latin word writing no vowel there (ارومیه, Urmia) is not contradicted. Words whose consonants do not line up one to one are not judged (True).
    """
    if written in ABD_ARTICLE or latin in ABD_ARTICLE:
        return True
    written = _INNER_ARTICLE.sub("", written)
    (w_open, w_gaps), (l_open, l_gaps) = _shape(written, _WRITTEN_VOWELS), _shape(latin, _LATIN_VOWELS)
    if len(w_gaps) != len(l_gaps):
        return True
    if "a" in w_open and not l_open:
        return False
    for mine, theirs in zip(w_gaps, l_gaps):
        if mine and theirs and not any(_FITS[letter] & set(theirs) for letter in set(mine)):
            return False
    return ending_fits(written, latin)


def ending_fits(written: str, latin: str) -> bool:
    """A final alef then ya (رضایی, -ai/-aei) is a Persian ending the Latin word must also have: Rezaei, not Reza."""
    return not (_ending(written, _WRITTEN_VOWELS).startswith("ay") and len(_ending(latin, _LATIN_VOWELS)) < 2)


def _ending(token: str, vowels: frozenset[str]) -> str:
    """The vowel letters after the word's last consonant."""
    end = len(token)
    while end > 0 and token[end - 1] in vowels:
        end -= 1
    return token[end:]
