"""The readers' vocabulary (auditor/data/attestation_reading.yaml), compiled once, and shared helpers:
dates, labelled values, names, blocks between headings."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from auditor.attestations.text import Doc, normalise

_DATA = Path(__file__).resolve().parent.parent / "data" / "attestation_reading.yaml"
_FLAGS = re.IGNORECASE | re.MULTILINE


@lru_cache(maxsize=1)
def vocab() -> dict[str, Any]:
    from auditor.yamlio import load_yaml

    data, _ = load_yaml(_DATA)
    return data


@lru_cache(maxsize=512)
def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _FLAGS)


def any_rx(patterns: list[str]) -> re.Pattern[str]:
    return rx("|".join(f"(?:{p})" for p in patterns))


# ---------------------------------------------------------------- dates


@lru_cache(maxsize=1)
def _date_rx() -> tuple[re.Pattern[str], dict[str, int]]:
    months = vocab()["months"]
    names: dict[str, int] = {}
    for key in ("en", "en_short", "ar"):
        for i, name in enumerate(months[key]):
            names[normalise(name).lower()] = i + 1
    alt = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    pattern = (rf"(?P<iso>\b\d{{4}}-\d{{2}}-\d{{2}}\b)"
               rf"|(?P<mdy>\b(?P<m1>{alt})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})\b)"
               rf"|(?P<dmy>\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{alt})\.?,?\s+(?P<y2>\d{{4}})\b)")
    return re.compile(pattern, re.IGNORECASE), names


def find_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[date, int, int]]:
    """Every unambiguous date (ISO, "July 1, 2025", "1 July 2025", Arabic month names) with its span."""
    pattern, names = _date_rx()
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        try:
            if m.group("iso"):
                y, mo, d = map(int, m.group("iso").split("-"))
            elif m.group("mdy"):
                y, mo, d = int(m.group("y1")), names[m.group("m1").lower()], int(m.group("d1"))
            else:
                y, mo, d = int(m.group("y2")), names[m.group("m2").lower()], int(m.group("d2"))
            yield date(y, mo, d), m.start(), m.end()
        except (ValueError, KeyError):
            continue


def first_date(text: str, start: int = 0, end: int | None = None) -> tuple[date, int, int] | None:
    return next(find_dates(text, start, end), None)


def find_periods(text: str, start: int = 0, end: int | None = None) -> list[tuple[date, date, int, int]]:
    """Pairs "DATE to DATE" (to, through, until, and, dash …) with the span of the pair."""
    joiners = vocab()["period_joiners"]
    join = rx(r"\s*(?:" + "|".join(re.escape(j) for j in joiners) + r")\s*")
    dates = list(find_dates(text, start, end))
    out = []
    for (d1, s1, e1), (d2, s2, e2) in zip(dates, dates[1:]):
        between = text[e1:s2]
        if join.fullmatch(between) and d1 <= d2:
            out.append((d1, d2, s1, e2))
    return out


# ---------------------------------------------------------------- labelled values


_MONTH_START = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"


def labelled(doc: Doc, labels: list[str], *, start: int = 0, end: int | None = None) -> tuple[str, int] | None:
    """The value after a label at the start of a line ("Scope: …", or a cell "Scope" then a line).

    Returns the value and its offset. A label followed only by separators (or by another label,
    as in "Certificate No. / رقم الشهادة") takes the next line. Matches with a value on the same
    line are preferred.
    """
    label = rx(r"^\s*(?:" + "|".join(f"(?:{p})" for p in labels) + r")[ \t]*(?:[:：|/]|$|(?<=[ \t])(?=\d|" + _MONTH_START + r"))")
    strip = rx(r"^(?:[\s:：|/-]|" + "|".join(f"(?:{p})" for p in labels) + r")*")
    candidates = []
    for m in label.finditer(doc.text, start, len(doc.text) if end is None else end):
        index = doc.line_at(m.start())
        _, line_end = doc.line_span(index)
        rest = doc.text[m.end():line_end] if m.end() <= line_end else ""
        cut = strip.match(rest)
        value = rest[cut.end():] if cut else rest
        if value.strip():
            return value.strip(), m.end() + (cut.end() if cut else 0)
        if index + 1 < len(doc.lines):
            candidates.append((doc.lines[index + 1].text.strip(), doc.starts[index + 1]))
    return candidates[0] if candidates else None


_ABBREVIATION = re.compile(r"\b(?:Inc|Ltd|Co|Corp|Pty|S\.A|P\.C|L\.L\.P|B\.V|N\.V)$")


def clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" \t\n,;:-–—\"'“”‘’")
    name = re.sub(r"^(?:the|from)\s+", "", name, flags=re.IGNORECASE)
    return name


def search(doc: Doc, patterns: list[str], group: str, *, start: int = 0,
           end: int | None = None) -> tuple[str, int] | None:
    """First match of any pattern (in the order given); the named group's text and offset."""
    for pattern in patterns:
        m = rx(pattern).search(doc.text, start, len(doc.text) if end is None else end)
        if m and m.group(group) and clean_name(m.group(group)):
            name = m.group(group)
            if doc.text[m.end(group):m.end(group) + 1] == "." and _ABBREVIATION.search(name):
                name += "."  # "… Systems, Inc." ended the sentence: the dot belongs to the name
            return clean_name(name), m.start(group)
    return None


def heading_offsets(doc: Doc, patterns: list[str], start: int = 0) -> list[int]:
    pattern = rx(r"^\s*(?:" + "|".join(f"(?:{p.lstrip('^')})" for p in patterns) + r")")
    return [m.start() for m in pattern.finditer(doc.text, start)]


def legal_form_rx() -> re.Pattern[str]:
    forms = vocab()["legal_forms"]
    return rx(r"^(?P<name>(?-i:[A-Z])[^\n]{0,80}\b(?:" + "|".join(forms) + r"))(?=[\s,]|$)")
