"""Keys that read two spellings of a Latin name alike: the consonant skeleton used to find candidates, the
letters Arabic script writes of a name, and one romanisation of the pairs lists spell two ways (ks/x, kh/h).

``normalize`` folds a name to lower-case ASCII; these keys compare what it folded.
"""

from __future__ import annotations

import re
from functools import lru_cache

_VOWELS = frozenset("aeiouy")


def skeleton(token: str) -> str:
    """Consonant skeleton for candidate lookup: vowels dropped, doubled letters collapsed.

    Transliterations differ mostly in vowels and doubling (Hasan/Hassan, Makhluf/Makhlouf),
    so a misspelt name still finds its listed form through this key.
    """
    if len(token) > 3 and token[-1] == "h" and token[-2] in _VOWELS:
        token = token[:-1]  # Fatimah/Fatima, Hizballah/Hezbolla
    token = token.replace("x", "ks").replace("ph", "f").replace("w", "v")  # Maxim/Maksim, Phase/Fase, Wang/Vang
    # Cyrillic х and дж come out of ICU as h and dzh, where the lists write kh or h and j: Bakhshayesh/Бахшаеш
    # (bahshaesh), Mujtaba/Муджтаба (mudzhtaba).
    token = token.replace("kh", "h").replace("dzh", "j")
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


# Vowels and the letters Arabic writes with a long-vowel sign (w/v/o/u are one letter, y/i another) are left out;
# jim is g in Egypt and j elsewhere (g, not gh, and j are one letter); q, k, c and gh one (qaf: Dehghan, دهقان).
_ABJAD_MAP = str.maketrans({"q": "k", "c": "k", "v": None, "p": "b", "e": None, "i": None, "o": None, "u": None,
                            "a": None, "y": None, "w": None, "g": "j", "\x00": "k"})
_ABJAD_PAIRS = (("dzh", "j"), ("kh", "k"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"), ("ph", "f"), ("zh", "j"))
_DOUBLED = re.compile(r"(.)\1+")
_VOWELLESS = re.compile(r"[aeiouwyv]")   # letters Arabic script writes as long vowels, or not at all
_LATIN_ONLY_VOWELS = re.compile(r"[eiou]")   # vowels a word folded from Arabic script never holds


def _read_pairs(token: str) -> str:
    for pair, letter in _ABJAD_PAIRS:
        token = token.replace(pair, letter)
    return token


ABD_ARTICLE = frozenset({"abdul", "abdel", "abdol", "abdal", "abdoul", "abdil"})


def consonants(token: str) -> str:
    """The letters Arabic script writes of a Latin name: no vowels, no w/y (long vowels), no doubling.

    ``assad`` and ``الاسد`` (alasd) both give ``sd`` once the article is dropped; used only when
    one side of a comparison is written in a script without short vowels.
    """
    if len(token) > 4 and token.startswith("al") and len(_VOWELLESS.sub("", token[2:])) >= 2:
        token = token[2:]   # the article, not the name's own letters (Alavi, Aliev: علوی, the l is the name's)
    if token in ABD_ARTICLE:
        token = "abd"   # Abdul Hussein: عبد الحسين, the l is the next word's article, dropped with it
    if len(token) >= 3 and token[-1] == "h" and token[-2] not in "cdgkstz":   # not a pair's h (Valiullovich); په
        token = token[:-1]   # is no pair (Sepah/سپه). Fatimah/Fatima/فاطمة, Allah/الله: a final h written in one only
    if "ph" in token and not _LATIN_ONLY_VOWELS.search(token):   # from Arabic script (no e, i, o, u): pe then heh
        token = token.replace("ph", "bh")   # (سپهر, SEPEHR), never an f
    token = _read_pairs(token.replace("gh", "\x00").replace("x", "ks"))   # Maxamed: مكسمد
    # The pairs are read again once the vowels are gone: sin and ha (سحيل) come out as "sh", as Sohayl's
    # s-h do without its vowels, so both sides read them alike.
    return _DOUBLED.sub(r"\1", _read_pairs(_DOUBLED.sub(r"\1", token.translate(_ABJAD_MAP))))


_consonants = lru_cache(maxsize=100_000)(consonants)


@lru_cache(maxsize=100_000)
def romanised(token: str) -> str:
    """``token`` in one romanisation (pairs in ``screening_words.yaml``): Aleksander and Alexander agree."""
    from auditor.screening.normalize import _raw_vocabulary   # normalize reads this module's keys

    for written, read in _raw_vocabulary()["romanisation"]:
        token = token.replace(written, read)
    return token


__all__ = ["ABD_ARTICLE", "consonants", "romanised", "skeleton"]
