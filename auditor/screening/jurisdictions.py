"""Sanctioned places: which countries and regions make a vendor location a match or a review.

The facts live in ``auditor/data/jurisdictions.yaml`` (or a workspace's own
``jurisdictions.yaml``), each record dated, so a programme that ends (Syria's OFAC embargo
in July 2025) stops matching on its end date without a code change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import Field, field_validator, model_validator

from auditor.model.base import Strict
from auditor.model.enums import ScreeningStatus
from auditor.model.screening import Hit
from auditor.screening.normalize import fold

_CODE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
JURISDICTIONS_LIST = "jurisdictions"


class Jurisdiction(Strict):
    code: str = Field(description="ISO 3166-1 alpha-2 country or ISO 3166-2 region (UA-43)")
    name: str = Field(min_length=1)
    status: ScreeningStatus
    programme: str = Field(min_length=1)
    citations: list[str] = Field(min_length=1, description="31 CFR part, 15 CFR section, executive order")
    effective: date
    ended: date | None = None
    places: list[str] = Field(default_factory=list, description="cities that lie in the region")
    note: str | None = None
    sources: list[str] = Field(min_length=1)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not _CODE.match(value):
            raise ValueError(f"not an ISO 3166 country or region code: {value!r} (examples: IR, UA-43)")
        return value

    @field_validator("status")
    @classmethod
    def _status(cls, value: ScreeningStatus) -> ScreeningStatus:
        if value == ScreeningStatus.CLEAR:
            raise ValueError("a listed jurisdiction is `match` or `review`; remove it instead of marking it clear")
        return value

    @model_validator(mode="after")
    def _dates(self) -> "Jurisdiction":
        if self.ended is not None and self.ended <= self.effective:
            raise ValueError(f"{self.code}: ended ({self.ended}) must be after effective ({self.effective})")
        return self

    @property
    def country(self) -> str:
        return self.code.split("-")[0]

    @property
    def is_region(self) -> bool:
        return "-" in self.code

    def active_on(self, day: date) -> bool:
        return self.effective <= day and (self.ended is None or day < self.ended)


class JurisdictionTable(Strict):
    as_of: date
    jurisdictions: list[Jurisdiction] = Field(min_length=1)

    @model_validator(mode="after")
    def _no_overlap(self) -> "JurisdictionTable":
        by_code: dict[str, list[Jurisdiction]] = {}
        for record in self.jurisdictions:
            by_code.setdefault(record.code, []).append(record)
        for code, records in by_code.items():
            records = sorted(records, key=lambda r: r.effective)
            for before, after in zip(records, records[1:]):
                if before.ended is None or before.ended > after.effective:
                    raise ValueError(f"jurisdictions: two records for {code} apply at the same time "
                                     f"(from {after.effective})")
        return self

    def active(self, day: date) -> list[Jurisdiction]:
        return [j for j in self.jurisdictions if j.active_on(day)]


@dataclass(frozen=True)
class PlaceCheck:
    """What one location tells: hits, and warnings where the dossier is too vague to tell."""

    hits: tuple[Hit, ...] = ()
    warnings: tuple[str, ...] = ()


def load_jurisdictions(path: Path | None = None) -> JurisdictionTable:
    """The built-in table, or ``path`` (a workspace's own ``jurisdictions.yaml``)."""
    from auditor.workspace import package_data
    from auditor.yamlio import load_model

    return load_model(JurisdictionTable, Path(path) if path else package_data("jurisdictions.yaml"))


def _region_code(country: str, region: str | None) -> str | None:
    if not region:
        return None
    region = region.strip().upper()
    return region if "-" in region else f"{country}-{region}"


def regions() -> dict[str, dict[str, list[str]]]:
    from auditor.workspace import package_data
    from auditor.yamlio import load_yaml

    data, _lines = load_yaml(package_data("screening_regions.yaml"))
    return {"regions": data["regions"], "vague": data["vague"]}


def check_region(table: JurisdictionTable, code: str, *, today: date, role: str) -> PlaceCheck | None:
    """A region code (EU, GCC, MIDDLE-EAST ...) instead of a country; None when ``code`` is no known region.

    A region is not a country: when a sanctioned jurisdiction lies (or may lie) inside it the place
    is a review with the reason, never a match; a region without one is clear.
    """
    known = regions()
    members = known["regions"].get(code) or known["vague"].get(code)
    if members is None:
        return None
    hits = []
    for record in table.active(today):
        if record.country in members:
            vague = code in known["vague"]
            why = (f"{role} in {code}, a region without fixed borders that may include {record.name}" if vague
                   else f"{role} in {code}, which includes {record.name}")
            hits.append(Hit(
                list=JURISDICTIONS_LIST, name=record.name, score=1.0, status=ScreeningStatus.REVIEW,
                reason=f"{why} ({record.programme}): name the country to rule it in or out",
                query=code, party_role=role, programs=[record.programme], entry_id=record.code,
                citation="; ".join(record.citations)))
    return PlaceCheck(tuple(hits), ())


def check_place(table: JurisdictionTable, *, country: str, today: date, region: str | None = None,
                city: str | None = None, role: str = "location") -> PlaceCheck:
    """Hits for one place: the country itself, its region, or a city known to lie in a listed region."""
    country = country.strip().upper()
    if len(country) != 2 and not region and "-" not in country[:3]:
        checked = check_region(table, country.replace(" ", "-"), today=today, role=role)
        if checked is not None:
            return checked
        return PlaceCheck((), (f"{role} {country!r} is neither a country code nor a known region: not checked "
                               "against sanctioned jurisdictions",))
    if "-" in country and not region:  # "UA-43" given where a country was expected
        country, region = country.split("-", 1)[0], country
    region_code = _region_code(country, region)
    folded_city = fold(city).strip() if city else None
    hits: list[Hit] = []
    warnings: list[str] = []
    place = region_code or country
    for record in table.active(today):
        if record.code == country:
            why = f"{role} in {country}"
        elif region_code and record.code == region_code:
            why = f"{role} in region {region_code}"
        elif folded_city and folded_city in {fold(p) for p in record.places}:
            why = f"{role} in {city} ({country}), which lies in {record.code}"
        else:
            continue
        verdict = "comprehensively sanctioned" if record.status == ScreeningStatus.MATCH else "needs review"
        hits.append(Hit(
            list=JURISDICTIONS_LIST, name=record.name, score=1.0, status=record.status,
            reason=f"{why}: {record.name}, {verdict} ({record.programme}; since {record.effective.isoformat()})",
            query=place, party_role=role, programs=[record.programme], entry_id=record.code,
            citation="; ".join(record.citations)))
    if not region_code and not hits:
        regions = sorted({j.code for j in table.active(today) if j.is_region and j.country == country})
        if regions and not folded_city:
            warnings.append(f"{role} in {country} gives no region: {', '.join(regions)} of {country} are "
                            "sanctioned; record the region (e.g. region: UA-43) to rule them out")
    return PlaceCheck(tuple(hits), tuple(warnings))
