"""Sanctioned places: the data file, its dates, and how a vendor's locations are judged."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from auditor.errors import InputError
from auditor.model.enums import ScreeningStatus
from auditor.screening.jurisdictions import check_place, load_jurisdictions
from conftest import REFERENCE

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def table():
    return load_jurisdictions()


def _statuses(table, day=TODAY, **place):
    return [(h.entry_id, h.status) for h in check_place(table, today=day, **place).hits]


def test_every_record_is_sourced_and_cited(table):
    assert table.as_of == TODAY
    for record in table.jurisdictions:
        assert record.sources and all(s.startswith(("https://", "http://")) for s in record.sources)
        assert record.citations and record.programme and record.note
    comprehensive = {j.code for j in table.active(TODAY) if j.status == ScreeningStatus.MATCH}
    assert comprehensive == {"CU", "IR", "KP", "UA-43", "UA-40", "UA-14", "UA-09"}
    review = {j.code for j in table.active(TODAY) if j.status == ScreeningStatus.REVIEW}
    assert review == {"SY", "RU", "BY", "VE"}


@pytest.mark.parametrize("country, expected", [
    ("IR", [("IR", ScreeningStatus.MATCH)]),
    ("CU", [("CU", ScreeningStatus.MATCH)]),
    ("KP", [("KP", ScreeningStatus.MATCH)]),
    ("SY", [("SY", ScreeningStatus.REVIEW)]),
    ("RU", [("RU", ScreeningStatus.REVIEW)]),
    ("DE", []),
    ("US", []),
])
def test_countries(table, country, expected):
    assert _statuses(table, country=country, role="hosting") == expected


def test_syria_was_a_match_until_the_programme_ended(table):
    assert _statuses(table, day=date(2025, 6, 30), country="SY") == [("SY", ScreeningStatus.MATCH)]
    assert _statuses(table, day=date(2025, 7, 1), country="SY") == [("SY", ScreeningStatus.REVIEW)]
    hit = check_place(table, country="SY", today=TODAY, role="hosting").hits[0]
    assert "15 CFR 746.9" in hit.citation and "2025-07-01" in hit.reason


def test_regions_of_ukraine(table):
    assert _statuses(table, country="UA", region="UA-43") == [("UA-43", ScreeningStatus.MATCH)]
    assert _statuses(table, country="UA", region="14") == [("UA-14", ScreeningStatus.MATCH)]
    assert _statuses(table, country="UA-09") == [("UA-09", ScreeningStatus.MATCH)]
    assert _statuses(table, country="UA", region="UA-30") == []  # Kyiv city
    crimea_city = check_place(table, country="RU", city="Simferopol", today=TODAY, role="hosting")
    assert {(h.entry_id, h.status) for h in crimea_city.hits} == {("RU", ScreeningStatus.REVIEW),
                                                                 ("UA-43", ScreeningStatus.MATCH)}
    vague = check_place(table, country="UA", today=TODAY, role="hosting")
    assert vague.hits == () and "UA-43" in vague.warnings[0]


def test_region_record_before_its_programme(table):
    assert _statuses(table, day=date(2021, 1, 1), country="UA", region="UA-14") == []
    assert _statuses(table, day=date(2014, 1, 1), country="UA", region="UA-43") == []


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "jurisdictions.yaml"
    path.write_text(body)
    return path


RECORD = """  - code: {code}
    name: X
    status: {status}
    programme: P
    citations: ["31 CFR part 999"]
    effective: {effective}
    {ended}
    sources: [https://example.org]
"""


def test_a_clear_record_is_refused(tmp_path: Path):
    path = _write(tmp_path, "as_of: 2026-11-23\njurisdictions:\n" +
                  RECORD.format(code="IR", status="clear", effective="2020-01-01", ended=""))
    with pytest.raises(InputError) as caught:
        load_jurisdictions(path)
    assert caught.value.line == 5 and "match" in caught.value.message


def test_overlapping_records_are_refused(tmp_path: Path):
    body = ("as_of: 2026-11-23\njurisdictions:\n"
            + RECORD.format(code="SY", status="match", effective="2011-08-17", ended="ended: 2025-07-02")
            + RECORD.format(code="SY", status="review", effective="2025-07-01", ended=""))
    with pytest.raises(InputError, match="same time"):
        load_jurisdictions(_write(tmp_path, body))


def test_bad_code_names_the_line(tmp_path: Path):
    path = _write(tmp_path, "as_of: 2026-11-23\njurisdictions:\n" +
                  RECORD.format(code="Iran", status="match", effective="2020-01-01", ended=""))
    with pytest.raises(InputError) as caught:
        load_jurisdictions(path)
    assert caught.value.line == 3 and "ISO 3166" in caught.value.message


@pytest.mark.parametrize(("code", "expected"), [
    ("EU", set()), ("EEA", set()), ("GCC", set()),            # no sanctioned jurisdiction inside: clear
    ("MIDDLE-EAST", {"IR", "SY"}), ("APAC", {"KP"}),         # may include one: a review, with the reason
])
def test_region_codes_are_not_countries(code, expected):
    from datetime import date as day

    checked = check_place(load_jurisdictions(), country=code, today=day(2026, 12, 1), role="hosting")
    assert {h.entry_id for h in checked.hits} == expected
    assert all(h.status.value == "review" and code in h.reason for h in checked.hits)


def test_an_unknown_place_code_is_said_not_checked():
    from datetime import date as day

    checked = check_place(load_jurisdictions(), country="ATLANTIS", today=day(2026, 12, 1), role="hosting")
    assert not checked.hits and "not checked" in checked.warnings[0]


def test_a_region_code_screens_through_the_cli(cli):
    result = cli("screen", "--name", "Acme", "--country", "MIDDLE-EAST", "--list",
                 str(REFERENCE / "ofac" / "sdn_sample.csv"), "--format", "json")
    assert result.exit_code == 0 and {h["entry_id"] for h in json.loads(result.stdout)["hits"]} == {"IR", "SY"}
