"""Step arguments a feature file gives: checked before the run, with the closest known values offered."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from auditor.errors import InputError
from auditor.model.enums import AttestationType, DataCategory, Regulation, Severity, SupportSeverity

if TYPE_CHECKING:
    from auditor.catalog.loader import Catalog

# Groups a requirement may name instead of listing countries (ISO 3166-1 alpha-2).
EU = ("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
      "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE")
PLACE_GROUPS = {"EU": EU, "EEA": (*EU, "IS", "LI", "NO")}
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_COVERAGE = re.compile(r"^\d{1,2}[x×][57]$")


def _unknown(kind: str, value: str, known: Iterable[str]) -> InputError:
    known = sorted(known)
    close = difflib.get_close_matches(value, known, n=3, cutoff=0.5)
    if close:
        hint = f"did you mean {', '.join(repr(c) for c in close)}?"
    elif len(known) > 12:
        hint = f"{len(known)} known, such as {', '.join(known[:6])} …"
    else:
        hint = f"known: {', '.join(known)}"
    return InputError(f"unknown {kind} {value!r}; {hint}")


def _enum(kind: str, enum_cls, value: str):
    try:
        return enum_cls(value)
    except ValueError:
        raise _unknown(kind, value, [m.value for m in enum_cls]) from None


def attestation(value: str) -> AttestationType:
    return _enum("attestation type", AttestationType, value)


def regulation(value: str) -> Regulation:
    return _enum("regulation", Regulation, value)


def finding_severity(value: str) -> Severity:
    return _enum("finding severity", Severity, value)


def support_severity(value: str) -> SupportSeverity:
    return _enum("support severity", SupportSeverity, value)


def category(value: str) -> DataCategory:
    return _enum("data category", DataCategory, value)


def control(catalog: Catalog, value: str) -> str:
    if value not in catalog.controls:
        raise _unknown("control", value, catalog.controls)
    return value


def framework(catalog: Catalog, value: str) -> str:
    if value not in catalog.frameworks:
        raise _unknown("framework", value, catalog.frameworks)
    return value


def requirement(catalog: Catalog, framework_id: str, value: str) -> str:
    ids = [r.id for r in catalog.frameworks[framework(catalog, framework_id)].requirements]
    if value not in ids:
        raise _unknown(f"requirement of {framework_id}", value, ids)
    return value


def coverage(value: str) -> str:
    if not _COVERAGE.match(value):
        raise InputError(f"support coverage {value!r} is not hours x days, such as 24x7, 24x5 or 8x5")
    return value


def places(value: str) -> tuple[str, ...]:
    """``"DE, IE"`` or ``"EU"`` or ``"EEA, CH, GB"`` to a tuple of country codes."""
    codes: list[str] = []
    for part in re.split(r"[\s,;]+", value.strip()):
        if not part:
            continue
        token = part.upper()
        if token in PLACE_GROUPS:
            codes.extend(PLACE_GROUPS[token])
        elif _COUNTRY.match(token):
            codes.append(token)
        else:
            raise InputError(f"{part!r} is not an ISO 3166-1 alpha-2 country code nor one of "
                             f"{', '.join(PLACE_GROUPS)}")
    if not codes:
        raise InputError("no country given: name ISO 3166-1 alpha-2 codes such as \"DE, IE\" or \"EU\"")
    return tuple(dict.fromkeys(codes))


def number(value: str) -> float:
    return float(value)
