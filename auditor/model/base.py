"""Shared pydantic configuration and small value types."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict


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
    """ISO 8601 duration to a timedelta; a year counts 365 days and a month 30."""
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

_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _check_country(value: str) -> str:
    if not _COUNTRY.match(value):
        raise ValueError(f"not an ISO 3166-1 alpha-2 code: {value!r}")
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
