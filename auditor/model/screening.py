"""Results of screening a party against denied-party lists and sanctioned jurisdictions."""

from __future__ import annotations

import builtins
import datetime as dt

from pydantic import Field, model_validator

from auditor.model.base import Frozen
from auditor.model.enums import ScreeningStatus


class ListInfo(Frozen):
    """Which list was used: so a reader knows how current the screening was."""

    name: str
    source: str
    date: dt.date | None = Field(default=None, description="the publisher's date of the list; None: undated")
    dated_by: str | None = Field(default=None, description="where the date comes from (Last-Modified, --list-date)")
    sha256: str | None = None
    entries: int = 0
    stale: bool = False
    complete: bool = Field(default=True, description="False when part of the list (aliases, addresses) was missing")


class Hit(Frozen):
    list: str = Field(description="list or source name: SDN, CSL/Entity List, jurisdictions")
    name: str = Field(description="the listed name that matched")
    score: float = Field(ge=0.0, le=1.0)
    reason: str
    reasons: builtins.list[str] = Field(default_factory=builtins.list,
                                        description="the reason in parts: the likeness, what supports or weakens it")
    status: ScreeningStatus = ScreeningStatus.REVIEW
    query: str | None = Field(default=None, description="the screened name or place")
    party_role: str | None = Field(default=None, description="vendor, parent, subprocessor, hosting ...")
    programs: builtins.list[str] = Field(default_factory=builtins.list)
    entry_id: str | None = None
    citation: str | None = Field(default=None, description="CFR citation for jurisdiction hits")

    @model_validator(mode="after")
    def _reasons_from_reason(self) -> Hit:
        """A hit built with one ``reason`` lists it as its only reason."""
        if not self.reasons:
            object.__setattr__(self, "reasons", [self.reason])
        return self


class ScreeningResult(Frozen):
    status: ScreeningStatus
    hits: list[Hit] = Field(default_factory=list)
    lists: list[ListInfo] = Field(default_factory=list)
    screened: list[str] = Field(default_factory=list, description="names and places screened")
    warnings: list[str] = Field(default_factory=list)
    lists_available: bool = Field(default=True, description="False when no denied-party list could be used")
    lists_complete: bool = Field(default=True, description="False when a list was used without part of it "
                                 "(OFAC's alt.csv or add.csv missing): the warnings say what")

    @model_validator(mode="after")
    def _never_clear_unscreened(self) -> ScreeningResult:
        """Names compared against no list are ``not_screened``, never ``clear`` (places may still match)."""
        if not self.lists_available and self.status == ScreeningStatus.CLEAR:
            object.__setattr__(self, "status", ScreeningStatus.NOT_SCREENED)
        return self
