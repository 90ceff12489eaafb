"""Which scripts a name can be screened in (``read_scripts`` in screening_words.yaml).

The lists spell every name in Latin letters. A name in Cyrillic, Arabic, Chinese, Korean or Burmese is read the
ways the lists romanise those scripts (Thai too); a name in Khmer, Tamil or Ethiopic would only be read by a machine
transliteration that no list uses (Burmese read so gave "hcoewainn" for စိုးဝင်း, where the list writes "Soe
Win"), so a clear result on it would say nothing. Such a name is reported as not screened, never clear.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from auditor.screening.normalize import _raw_vocabulary


@lru_cache(maxsize=1)
def _scripts() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    raw = _raw_vocabulary()
    return (frozenset(raw.get("read_scripts") or ()), frozenset(raw.get("japanese_script") or ()),
            frozenset(raw.get("japanese_countries") or ()))


@lru_cache(maxsize=1)
def _sound_read() -> frozenset[str]:
    return frozenset(_raw_vocabulary().get("sound_read_scripts") or ())


def _script(ch: str) -> str:
    return unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]


@lru_cache(maxsize=4096)
def _scripts_of(name: str) -> frozenset[str]:
    """The scripts ``name``'s letters are written in: compatibility forms first (fullwidth, circled, mathematical
    letters are plain letters); a modifier letter ("Oʻzbekiston") is a mark, not a script."""
    return frozenset(_script(ch) for ch in unicodedata.normalize("NFKC", name)
                     if ch.isalpha() and unicodedata.category(ch) != "Lm")


def unread_script(name: str, country: str | None = None) -> str | None:
    """The script of ``name`` that cannot be compared with the lists' spelling ("Khmer", "Japanese kanji"), or
    None when every letter can."""
    if name.isascii():
        return None
    read, japanese, japanese_countries = _scripts()
    seen = _scripts_of(name)
    unread = sorted(seen - read)
    if unread:
        return unread[0].title()
    if "CJK" in seen and (seen & japanese or (country or "").upper() in japanese_countries):
        return "Japanese kanji"
    return None


def sound_read_script(name: str) -> str | None:
    """The script of ``name`` read by sound as the lists usually romanise it ("Myanmar", "Thai"), or None."""
    if name.isascii():
        return None
    seen = _scripts_of(name) & _sound_read()
    return sorted(seen)[0].title() if seen else None


__all__ = ["sound_read_script", "unread_script"]
