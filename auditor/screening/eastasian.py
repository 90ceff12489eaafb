"""Chinese and Korean script romanised as the lists write it (``normalize.fold`` and the other readings call these).

Hangul is read syllable by syllable in the lists' McCune-Reischauer-like spelling, a company's Han characters two
by two (most Chinese words are two characters long), and a Chinese person's given name as one word.
"""

from __future__ import annotations

import re

from auditor.screening.normalize import _raw_vocabulary


def _korean(syllables: str, joined: bool = False, style: str = "lists") -> str:
    """Hangul syllable by syllable, in the spelling lists use (McCune-Reischauer-like): 김정은 -> kim jong un;
    ``joined``, a company's own word: 금산 -> kumsan. ``style`` "revised": the Revised Romanisation's voiced
    initials (합장강 -> hapjanggang); "mr": McCune-Reischauer's ch for the ㅈ opening a run (전연근 -> chon yon kun)."""
    from rigour.text.translit import ascii_text

    out = []
    for number, syllable in enumerate(syllables):
        part = ascii_text(syllable).lower().replace("eo", "o").replace("eu", "u")
        if part[:1] in "gbdl" and part[:2] != "ng" and (style != "revised" or part[0] == "l"):
            part = {"g": "k", "b": "p", "d": "t", "l": "r"}[part[0]] + part[1:]
        if style == "mr" and part[:1] == "j" and not number:   # a family name or a word's first syllable
            part = "ch" + part[1:]
        if part[-1:] in "gbd" and not part.endswith("ng") and (style == "revised" or part[-1] == "g"):
            part = part[:-1] + {"g": "k", "b": "p", "d": "t"}[part[-1]]
        out.append(part)
    return " " + ("" if joined else " ").join(out) + " "


def _chinese_words(match: re.Match) -> str:
    """A company's own words in Han characters, two by two as most Chinese words are: 丹东至诚 -> dandong zhicheng; a
    character with a reading of its own in names (长 chang in 长安, 长春, not zhang: ``chinese_name_readings``) so read."""
    from rigour.text.translit import ascii_text

    run, own = match.group(0), _raw_vocabulary().get("chinese_name_readings") or {}
    return " " + " ".join("".join(own.get(ch) or ascii_text(ch).strip() for ch in run[i:i + 2])
                          for i in range(0, len(run), 2)) + " "


def _chinese_name(match: re.Match) -> str:
    """李方伟 -> li fangwei: lists write a Chinese given name's syllables as one word (LI, Fangwei)."""
    from rigour.text.translit import ascii_text

    return f" {ascii_text(match.group(1)).strip()} {ascii_text(match.group(2)).replace(' ', '')} "


def _chinese_wade_giles(match: re.Match) -> str:
    """A company's own words in Han characters in Wade-Giles, as Taiwan's and older Hong Kong companies are listed
    (瑞成 -> juicheng, JUI CHENG SHIPPING), two by two as ``_chinese_words``; in pinyin where a syllable has none."""
    from rigour.text.translit import ascii_text

    from auditor.screening.systems import in_wade_giles

    syllables = " ".join(ascii_text(ch).strip().lower() for ch in match.group(0))
    words = (in_wade_giles(syllables) or syllables).split()
    return " " + " ".join("".join(words[i:i + 2]) for i in range(0, len(words), 2)) + " "   # two by two: juicheng
