"""Shared pydantic configuration and small value types."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta


class Strict(BaseModel):
    """Every model loaded from a file: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, use_enum_values=False)


class Frozen(BaseModel):
    """Results: immutable once computed, unknown fields refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


_DURATION = re.compile(
    r"^P(?!$)(?:(?P<years>\d+(?:\.\d+)?)Y)?(?:(?P<months>\d+(?:\.\d+)?)M)?(?:(?P<weeks>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<days>\d+(?:\.\d+)?)D)?(?:T(?=\d)(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$",
    re.ASCII,  # ISO digits only: \d would also take Arabic-Indic ones, which float() reads but ISO does not
)
_DAYS_PER = {"years": 365.0, "months": 30.0, "weeks": 7.0, "days": 1.0}


def parse_duration(text: str) -> timedelta:
    """ISO 8601 duration to a timedelta, for clock durations (PT4H, P1D, P2W).

    A timedelta has no months: here a year counts 365 days and a month 30, which is only good for
    ordering and words. Anything applied to a date (evidence age, notice periods, validity) must use
    ``parse_period`` / ``add_period``, which keep months as calendar months.
    """
    match = _DURATION.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"not an ISO 8601 duration: {text!r} (examples: PT1H, P3D, P12M)")
    parts = {k: float(v) for k, v in match.groupdict().items() if v}
    days = sum(parts.get(k, 0.0) * n for k, n in _DAYS_PER.items())
    try:
        return timedelta(days=days, hours=parts.get("hours", 0.0), minutes=parts.get("minutes", 0.0),
                         seconds=parts.get("seconds", 0.0))
    except OverflowError:  # beyond timedelta's 999,999,999 days: a typo, not a promise
        raise ValueError(f"duration out of range: {text[:40]!r}") from None


def parse_period(text: str) -> relativedelta:
    """ISO 8601 duration in calendar units: ``P24M`` is 24 calendar months, ``P1Y`` one calendar year.

    Parsed by isodate, added to dates by dateutil's relativedelta (31 January + P1M = 28/29 February).
    Fractions of years or months have no calendar meaning and are refused.
    """
    import isodate
    from dateutil.relativedelta import relativedelta

    if not isinstance(text, str) or not _DURATION.match(text.strip()):
        raise ValueError(f"not an ISO 8601 duration: {text!r} (examples: PT1H, P3D, P12M)")
    try:
        parsed = isodate.parse_duration(text.strip())
    except (isodate.ISO8601Error, ValueError, OverflowError):
        raise ValueError(f"not an ISO 8601 duration: {text[:40]!r}") from None
    years = months = 0
    clock = parsed
    if isinstance(parsed, isodate.Duration):
        if parsed.years != int(parsed.years) or parsed.months != int(parsed.months):
            raise ValueError(f"{text!r}: years and months must be whole numbers (use days for fractions)")
        years, months, clock = int(parsed.years), int(parsed.months), parsed.tdelta
    return relativedelta(years=years, months=months, days=clock.days, seconds=clock.seconds,
                         microseconds=clock.microseconds).normalized()


_When = TypeVar("_When", date, datetime)


def add_period(start: _When, text: str) -> _When:
    """``start`` plus an ISO 8601 duration in calendar units (see ``parse_period``)."""
    return start + parse_period(text)


def period_at_least(period: str, minimum: str, anchor: date) -> bool:
    """Whether ``period`` is at least ``minimum`` counted from ``anchor`` (P1M vs P30D depends on the month)."""
    return add_period(anchor, period) >= add_period(anchor, minimum)


def format_duration(delta: timedelta) -> str:
    """A timedelta as the shortest ISO 8601 duration (days and time; no months)."""
    total = int(round(delta.total_seconds()))
    if total == 0:
        return "PT0S"
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    out = "P" + (f"{days}D" if days else "")
    time = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{seconds}S" if seconds else "")
    return out + ("T" + time if time else "")


def _check_duration(value: str) -> str:
    parse_duration(value)
    return value


Duration = Annotated[str, AfterValidator(_check_duration)]
"""An ISO 8601 duration kept as written (``PT1H``, ``P1D``, ``P12M``)."""


def _check_period(value: str) -> str:
    parse_period(value)
    return value


Period = Annotated[str, AfterValidator(_check_period)]
"""An ISO 8601 duration applied to dates: whole years and months (``P24M``, ``P30D``)."""

_COUNTRY = re.compile(r"^[A-Z]{2}$")
# a region a vendor names instead of a country (CONTRACT: EU, EEA, GCC; UK and US stay GB and US);
# MIDDLE-EAST and EUROPE have no fixed borders (Europe is no legal area: it holds the UK,
# Switzerland, Belarus ...): screening gives them a review, data residency never counts them inside
VAGUE_REGION_CODES = frozenset({"MIDDLE-EAST", "EUROPE"})
REGION_CODES = frozenset({"EU", "EEA", "GCC"}) | VAGUE_REGION_CODES


def _check_country(value: str) -> str:
    if not _COUNTRY.match(value) and value not in REGION_CODES:
        raise ValueError(f"not an ISO 3166-1 alpha-2 code or region code ({', '.join(sorted(REGION_CODES))}): "
                         f"{value!r}")
    return value


CountryCode = Annotated[str, AfterValidator(_check_country)]

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _check_sha256(value: str) -> str:
    if not _SHA256.match(value):
        raise ValueError("not a lowercase hex sha256 digest")
    return value


Sha256 = Annotated[str, AfterValidator(_check_sha256)]

_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"not a valid id: {value!r} (lowercase letters, digits, '-' and '.')")
    return value


Slug = Annotated[str, AfterValidator(_check_id)]


def _check_plain_text(value: str) -> str:
    from auditor.text import has_unsafe_characters

    if has_unsafe_characters(value):
        raise ValueError("contains control or bidirectional-override characters, which could disguise it in "
                         "reports and terminals")
    return value


PlainText = Annotated[str, AfterValidator(_check_plain_text)]
"""A name shown in reports: no control characters, no bidi overrides (RLO and friends)."""
