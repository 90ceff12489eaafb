"""The full OFAC SDN list of 2024-05-03 and the real CSL extract, read from ../shared, for the tests that
screen against whole lists (skipped where the lists are not there)."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import REPO

SHARED = REPO.parent / "shared" / "reference"
SDN = SHARED / "ofac" / "full-2024-05-03" / "sdn.csv"
CSL = SHARED / "csl" / "real-extract-2023-11-30" / "consolidated.csv"
DAY = date(2024, 5, 3)
present = pytest.mark.skipif(not (SDN.is_file() and CSL.is_file()), reason="full reference lists not present")


def full_screener():
    """One screener over both lists, dated as published, with the default policy."""
    from auditor.screening.jurisdictions import load_jurisdictions
    from auditor.screening.policy import ScreeningPolicy
    from auditor.screening.screen import Screener, load_lists

    policy = ScreeningPolicy()
    loaded = load_lists(lists_dir=SHARED / "nowhere", files=[SDN, CSL], policy=policy, today=DAY,
                        list_dates=[DAY, date(2023, 11, 30)])
    return Screener(loaded, policy, load_jurisdictions(), DAY)


def assert_flagged(screener, query: str, entry: str) -> None:
    """``query`` hits the listed ``entry`` as a match or a review (every hit shown when it does not)."""
    from auditor.model.enums import ScreeningStatus

    found = screener.names(query, "party")
    hits = [h for h in found if h.entry_id == entry]
    assert hits and hits[0].status in (ScreeningStatus.MATCH, ScreeningStatus.REVIEW), found


def assert_clear(screener, query: str) -> None:
    """``query`` hits no listed name at all (the hits shown when it does)."""
    found = screener.names(query, "party")
    assert found == [], found[:2]
