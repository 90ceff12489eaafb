"""Word groups that state a control when they stand close together, turned into one regex.

A fixed phrase list enumerates phrasings ("encrypted at rest", "encrypts your files", ...) and
each vendor words the same control its own way. A ``near`` entry names the words instead
("encrypt*|AES|cipher*" near "stored|storage|persist*|disk*") and is compiled here into an
ordinary vocabulary regex that accepts the groups in any order, a few words apart, inside one
sentence. It then runs through the same literal scan, speaker rules and polarity reading as
every other phrase.
"""

from __future__ import annotations

from itertools import permutations

from auditor.model.catalog import Near

_WORD = r"[^ .;:!?|]"  # a word character of a normalised line, in the sense of "not a sentence end"
_GAP = r"[^.;:!?|]"  # what may stand between two groups: anything but a sentence or cell end
_INITIAL_DOT = r"(?<=\W\w)\."  # the dot of an initial ("U.S.", "e.g.") ends no sentence
_CHARS_PER_WORD = 8
_AFTER = 3  # words a ``not_after`` phrase is looked for after the last group


def _alternatives(group: str) -> list[str]:
    """Split at the ``|`` that are not inside parentheses or a character class."""
    parts, depth, start, in_class = [], 0, 0, False
    for i, ch in enumerate(group):
        if i and group[i - 1] == "\\":
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(group[start:i])
            start = i + 1
    parts.append(group[start:])
    return parts


def _group(alternatives: str) -> str:
    """``encrypt*|AES`` -> a whole-word alternation where a trailing ``*`` lets the word run on."""
    parts = []
    for alt in _alternatives(alternatives):
        alt = alt.strip()
        if not alt:
            raise ValueError(f"empty alternative in {alternatives!r}")
        # "encrypt*" runs on; a regex's own "\w*" (or "\*") is left as written
        glob = alt.endswith("*") and not alt.endswith(("\\*", "\\w*"))
        parts.append(alt[:-1] + r"\w*" if glob else alt + ("" if alt.endswith("\\w*") else r"(?!\w)"))
    return r"(?<!\w)(?:" + "|".join(parts) + ")"


def near_pattern(near: Near, breaks: str | None = None) -> str:
    """The regex of one ``near`` entry: every order of its groups, at most ``within`` words
    (counted as characters, eight a word) between neighbours, and between them no sentence end,
    no clause break (``breaks``: "but", "; ", "and will ...") and no ``unless`` word: a negation in
    another clause never lands inside the phrase."""
    stops = [b for b in (breaks, _group(near.unless) if near.unless else None) if b]
    stop = "(?!" + "|".join(f"(?:{b})" for b in stops) + ")" if stops else ""
    gap = rf"(?>(?<=\w)\w|{stop}{_GAP}|{_INITIAL_DOT}){{0,{_CHARS_PER_WORD * near.within + 2}}}?"
    tail = ""
    if near.not_after:
        tail = rf"(?!{_WORD}*(?: {_WORD}+){{0,{_AFTER - 1}}} {_group(near.not_after)})"
    groups = [_group(g) for g in near.words]
    orders = ["(?:" + gap.join(order) + ")" for order in permutations(groups)]
    return "(?:" + "|".join(orders) + ")" + tail


__all__ = ["near_pattern"]
