"""Severity levels written as numbers ("1", "Sev 2", "P3"), and ladders that count from 0.

A bare number in a severity column is a level on the scale of ``language.yaml`` (1 is critical).
A ladder that starts at 0 ("0", "Sev 0", "P0") counts from there: 0 is critical, 1 high, and so on.
That is decided per table (a row opening with level 0) and per document (a "Sev 0"/"P0" named
anywhere); "Level 0" alone also names a support tier, so it does not shift a whole document.
"""

from __future__ import annotations

import re

from auditor.claims.normalise import normalise_pattern
from auditor.model.enums import SupportSeverity

_NUMBER_CELL = re.compile(r"^\s*(?:#\s*)?(\d)\s*$")
_ZERO_LABEL = re.compile(r"^\s*(?:sev(?:erity)?|p|priority)\s*-?\s*0\s*$", re.IGNORECASE)


class Ladder:
    def __init__(self, scale: dict[int, str], prefixes: list[str]):
        self.scale = {n: SupportSeverity(v) for n, v in scale.items()}
        self.zero_scale = {n - 1: v for n, v in self.scale.items()}  # "Sev 0" is the worst: one step up
        joined = "|".join(normalise_pattern(p) for p in prefixes)
        self._cell = re.compile(rf"^\s*(?:#\s*)?(?:(?:{joined})\s*-?\s*)?(\d)\s*$" if joined
                                else _NUMBER_CELL.pattern, re.IGNORECASE)

    def numbered(self, cell: str, *, zero_based: bool = False) -> SupportSeverity | None:
        """The level a cell holding only a number ("2", or "Sev 2" in a ladder from 0) names."""
        if zero_based:
            m = self._cell.match(cell)
            return self.zero_scale.get(int(m.group(1))) if m else None
        m = _NUMBER_CELL.match(cell)
        return self.scale.get(int(m.group(1))) if m else None

    def opens_at_zero(self, first_cells: list[str]) -> bool:
        """Does a row of a table open with level 0 ("0", "Sev 0", "P0")?"""
        for cell in first_cells:
            m = self._cell.match(cell)
            if m and m.group(1) == "0":
                return True
        return False

    @staticmethod
    def names_zero(hits) -> bool:
        """Is one of these severity matches a level 0 by name ("Sev 0", "Severity 0", "P0")?"""
        return any(_ZERO_LABEL.match(m.group(0)) for _entry, m in hits)

    def level(self, key: str, text: str, zero_based: bool) -> SupportSeverity:
        """The severity a vocabulary hit names; in a ladder from 0 a numbered one moves up a step."""
        if zero_based:
            m = self._cell.match(text)
            if m:
                return self.zero_scale.get(int(m.group(1)), SupportSeverity(key))
        return SupportSeverity(key)


__all__ = ["Ladder"]
