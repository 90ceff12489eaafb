"""How long each kind of evidence counts, and the date arithmetic behind it.

The rules are data (``auditor/data/evidence_kinds.yaml``) so a reviewer can change a default
without touching code. Durations here are calendar durations: twelve months after 31 January
is the last day of the following January, not 360 days later.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from pydantic import Field

from auditor.errors import InputError
from auditor.model.base import Strict
from auditor.model.enums import AttestationType, EvidenceKind
from auditor.workspace import package_data
from auditor.yamlio import load_model

_CALENDAR_DURATION = re.compile(r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_SHORT_WINDOW = re.compile(r"^(\d+)\s*([dw])$")


class KindRule(Strict):
    validity: str = Field(description="ISO 8601 calendar duration: P36M, P90D")
    counted_from: Literal["effective", "added"] = "effective"
    why: str = ""
    attests: list[AttestationType] = Field(default_factory=list,
                                           description="attestation types a file of this kind may be")


class KindRules(Strict):
    kinds: dict[EvidenceKind, KindRule]


def load_kind_rules(path: Path | None = None) -> dict[EvidenceKind, KindRule]:
    """Every evidence kind's rule; a kind missing from the file is a packaging bug worth a clear error."""
    path = path or package_data("evidence_kinds.yaml")
    rules = load_model(KindRules, path).kinds
    missing = [k.value for k in EvidenceKind if k not in rules]
    if missing:
        raise InputError(f"no validity rule for evidence kind(s) {', '.join(missing)}", file=path)
    for kind, rule in rules.items():
        try:
            add_calendar_duration(date(2000, 1, 1), rule.validity)
        except ValueError as exc:
            raise InputError(f"kind {kind.value}: {exc}", file=path) from None
    return rules


def add_calendar_duration(start: date, duration: str) -> date:
    """``start`` plus an ISO 8601 duration of whole years, months, weeks and days."""
    match = _CALENDAR_DURATION.match(duration.strip().upper())
    if not match:
        raise ValueError(f"not a calendar duration: {duration!r} (examples: P12M, P3Y, P90D, P2W)")
    from auditor.model.base import add_period  # the one calendar arithmetic (isodate + dateutil)

    return add_period(start, duration.strip().upper())


def default_valid_until(kind: EvidenceKind, *, effective: date | None, added: date,
                        rules: dict[EvidenceKind, KindRule]) -> date:
    rule = rules[kind]
    start = effective if (rule.counted_from == "effective" and effective is not None) else added
    return add_calendar_duration(start, rule.validity)


def window_end(text: str, today: date) -> date:
    """The last day of an ``--expiring`` window: ``30d``, ``12w`` or an ISO duration such as ``P30D``."""
    cleaned = text.strip()
    short = _SHORT_WINDOW.match(cleaned.lower())
    try:
        if short:
            amount = int(short.group(1))
            return today + (timedelta(days=amount) if short.group(2) == "d" else timedelta(weeks=amount))
        return add_calendar_duration(today, cleaned)
    except (ValueError, OverflowError):  # malformed, or past the year 9999
        raise InputError(f"--expiring {text!r}: use a number of days or weeks (30d, 12w) "
                         "or an ISO 8601 duration (P30D, P3M)") from None


def parse_day(text: str, option: str) -> date:
    """An ISO 8601 calendar date from an option, with the option named in the error."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{option} {text!r}: not an ISO 8601 date (YYYY-MM-DD)") from None


def parse_effective(text: str) -> tuple[date | None, date]:
    """``--effective``: one date, or a period ``START/END`` whose end is the effective date."""
    if "/" in text:
        start_text, end_text = text.split("/", 1)
        start, end = parse_day(start_text, "--effective"), parse_day(end_text, "--effective")
        if start > end:
            raise InputError(f"--effective {text!r}: the period starts after it ends")
        return start, end
    return None, parse_day(text, "--effective")


def check_attests(kind: EvidenceKind, attests, rules: dict[EvidenceKind, KindRule]) -> None:
    """Only kinds that can attest, and only with their own types: a screenshot is no ISO certificate.

    One-line InputError (exit 2) naming what the kind may attest, or that it may attest nothing.
    """
    allowed = rules[kind].attests
    for wanted in attests:
        wanted = AttestationType(wanted)
        if wanted in allowed:
            continue
        if not allowed:
            able = sorted(k.value for k, r in rules.items() if wanted in r.attests)
            raise InputError(f"--attests {wanted.value}: evidence of kind {kind.value} cannot attest anything; "
                             f"record the {wanted.value} document with --kind {' or '.join(able) or '?'}")
        raise InputError(f"--attests {wanted.value}: evidence of kind {kind.value} can attest only "
                         f"{', '.join(a.value for a in allowed)}")
