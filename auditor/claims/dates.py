"""Dates and scope stated next to an attestation: "valid until 2027-03-31", "issued on
1 March 2025", "صالحة حتى مارس 2027", "scope: the Zoho CRM platform"."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from auditor.claims.lexicon import Lexicon, compile_any
from auditor.claims.normalise import normalise


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class DateHit:
    value: date
    start: int
    end: int
    day_given: bool


class DateReader:
    def __init__(self, lexicon: Lexicon):
        lang = lexicon.language
        months: dict[str, int] = {}
        for number, names in lang.months.items():
            for name in names:
                months[normalise(name).lower()] = int(number)
        self._months = months
        month = "(?P<month>" + "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True)) + ")"
        day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
        year = r"(?P<year>(?:19|20)\d{2})"
        self._forms = [
            re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
            re.compile(rf"(?<!\w){day}\s+(?:of\s+)?{month}\.?,?\s+{year}(?!\d)", re.IGNORECASE),
            re.compile(rf"(?<!\w){month}\.?\s+{day},?\s+{year}(?!\d)", re.IGNORECASE),
            re.compile(rf"(?<!\w){month}\.?,?\s+{year}(?!\d)", re.IGNORECASE),
        ]
        att = lexicon.attestations
        file = lexicon.files["attestations"]
        self._issued = compile_any([p + "$" for p in att.attestation_dates.get("issued", _EMPTY).all()],
                                   file=file, where="attestation_dates.issued")
        self._expires = compile_any([p + "$" for p in att.attestation_dates.get("expires", _EMPTY).all()],
                                    file=file, where="attestation_dates.expires")
        self._scope = compile_any(att.attestation_scope.all(), file=file, where="attestation_scope")

    def dates(self, line: str) -> list[DateHit]:
        if not _YEAR.search(line):  # every form carries a year
            return []
        hits: list[DateHit] = []
        for form in self._forms:
            for m in form.finditer(line):
                if any(h.start < m.end() and m.start() < h.end for h in hits):
                    continue
                found = self._date(m)
                if found is not None:
                    hits.append(DateHit(found[0], m.start(), m.end(), found[1]))
        return sorted(hits, key=lambda h: h.start)

    def _date(self, m: re.Match[str]) -> tuple[date, bool] | None:
        groups = m.groupdict()
        month = int(groups["mon"]) if groups.get("mon") else self._months.get(groups["month"].lower())
        if month is None:
            return None
        year = int(groups["year"])
        day_given = bool(groups.get("day"))
        day = int(groups["day"]) if day_given else 1
        try:
            return date(year, month, day), day_given
        except ValueError:
            return None

    def issued_and_expires(self, line: str) -> tuple[date | None, date | None]:
        """The dates a line gives for an attestation, told apart by the words before them."""
        issued = expires = None
        for hit in self.dates(line):
            before = line[max(0, hit.start - 40):hit.start]
            if expires is None and self._expires is not None and self._expires.search(before):
                value = hit.value
                if not hit.day_given:  # "valid until March 2027": to the end of that month
                    value = value.replace(day=calendar.monthrange(value.year, value.month)[1])
                expires = value
            elif issued is None and self._issued is not None and self._issued.search(before):
                issued = hit.value
        return issued, expires

    def scope(self, norm: str) -> str | None:
        """The scope stated after a scope cue (up to the end of its sentence)."""
        if self._scope is None:
            return None
        m = self._scope.search(norm)
        if not m:
            return None
        rest = norm[m.end():]
        end = re.search(r"[.;؛|](?:\s|$)|$", rest)
        text = rest[: end.start() if end else len(rest)].strip(" ,:")
        return text[:160] or None


class _Empty:
    def all(self) -> list[str]:
        return []


_EMPTY = _Empty()
