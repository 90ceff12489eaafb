"""Durations in words for people: "30 days", "4 business hours", "يوم عمل واحد".

The one place a duration is written for a reader (table, Markdown, `explain`, the PDF, questions
to the vendor). JSON, CSV and OSCAL keep ISO 8601; everything a person reads goes through here.
The unit words, with Arabic's singular, dual and plural forms, are data (`data/durations.yaml`).
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache

from auditor.model.base import _DURATION, parse_duration

_UNITS = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")
# An ISO 8601 duration inside free text: "P30D", "PT1H", "P1DT4H", "P12M" (not "PDF", "P1" or "PT").
_IN_TEXT = re.compile(
    r"(?<![\w/.-])P(?=[\d.]+[YMWD]|T[\d.]+[HMS])(?:[\d.]+Y)?(?:[\d.]+M)?(?:[\d.]+W)?(?:[\d.]+D)?"
    r"(?:T(?:[\d.]+H)?(?:[\d.]+M)?(?:[\d.]+S)?)?(?![\w/-])",
    re.ASCII,
)
_BUSINESS_AFTER = re.compile(r"\s*(?:in\s+)?business[ -](?:time|hours)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _words() -> dict:
    from auditor.workspace import package_data
    from auditor.yamlio import load_yaml

    data, _ = load_yaml(package_data("durations.yaml"))
    return data


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _unit_en(value: float, unit: str, business: bool) -> str:
    words = _words()["en"]
    single, plural = (words["business"] if business and unit in words["business"] else words)[unit]
    return f"{_number(value)} {single if value == 1 else plural}"


def _unit_ar(value: float, unit: str, business: bool, genitive: bool) -> str:
    words = _words()["ar"]
    forms = (words["business"] if business and unit in words["business"] else words)[unit]
    if value != int(value):
        return f"{_number(value)} {forms['hundred']}"
    n = int(value)
    if n == 1:
        return forms["one"]
    if n == 2:
        return forms["two_gen" if genitive else "two"]
    tail = n % 100
    if n > 100 and tail in (1, 2):
        return f"{n} {forms['hundred']}"
    if 3 <= tail <= 10:
        return f"{n} {forms['few']}"
    if 11 <= tail <= 99:
        return f"{n} {forms['many']}"
    return f"{n} {forms['hundred']}"  # 0, 100, 200, ...


def unit_words(value: float, unit: str, language: str = "en", *, business: bool = False,
               genitive: bool = False) -> str:
    """``value`` of ``unit`` (one of years … seconds) in words: "3 days", "3 أيام"."""
    if language == "ar":
        return _unit_ar(value, unit, business, genitive)
    return _unit_en(value, unit, business)


def _join(parts: list[str], language: str) -> str:
    words = _words()["ar" if language == "ar" else "en"]
    if not parts:
        return words["none"]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + words["and"] + parts[-1] if language != "ar" else words["and"].join(parts)


def in_words(duration: str, language: str = "en", *, business: bool = False, genitive: bool = False) -> str:
    """An ISO 8601 duration as written ("P30D", "PT4H", "P1DT4H") in words.

    ``business`` counts days and hours as working time ("4 business hours"); ``genitive`` gives
    the Arabic dual its form after a preposition ("خلال يومين"). Not a duration: returned as is.
    """
    match = _DURATION.match(duration.strip()) if isinstance(duration, str) else None
    if not match:
        return duration
    parts = [unit_words(float(value), unit, language, business=business, genitive=genitive)
             for unit, value in match.groupdict().items() if value and float(value)]
    if not parts:
        return unit_words(0, "days" if "T" not in duration else "hours", language, business=business)
    return _join(parts, language)


def delta_in_words(delta: timedelta, language: str = "en", *, genitive: bool = False) -> str:
    """A computed span (a worst-case delay) in calendar words: days and hours, or hours and minutes."""
    minutes = int(round(delta.total_seconds() / 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days >= 2:
        chosen = [(days, "days"), (hours, "hours")]
    elif minutes >= 60:
        chosen = [(days * 24 + hours, "hours"), (mins, "minutes")]
    else:
        chosen = [(mins, "minutes")]
    parts = [unit_words(v, u, language, genitive=genitive) for v, u in chosen if v]
    return _join(parts, language) if parts else unit_words(0, "minutes", language)


def durations_in_text(text: str, language: str = "en") -> str:
    """Every ISO 8601 duration inside ``text`` in words; "PT4H business time" becomes "4 business hours"."""
    if not text or "P" not in text:
        return text

    def replace(match: re.Match) -> str:
        token = match.group(0)
        try:
            parse_duration(token)
        except ValueError:
            return token
        return in_words(token, language)

    out, pos = [], 0
    for match in _IN_TEXT.finditer(text):
        business = _BUSINESS_AFTER.match(text, match.end())
        out.append(text[pos:match.start()])
        if business and parse_duration_ok(match.group(0)):
            out.append(in_words(match.group(0), language, business=True))
            pos = business.end()
        else:
            out.append(replace(match))
            pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def parse_duration_ok(token: str) -> bool:
    try:
        parse_duration(token)
    except ValueError:
        return False
    return True


def has_iso_duration(text: str) -> list[str]:
    """The ISO 8601 durations left in ``text`` (for tests and checks of human-facing output)."""
    return [m.group(0) for m in _IN_TEXT.finditer(text or "") if parse_duration_ok(m.group(0))]
