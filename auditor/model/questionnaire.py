"""A vendor's questionnaire as imported: the answers that are not claims (NA, blank, the customer's part).

Yes/No answers become :class:`~auditor.model.vendor.Claim` objects cited to their cell; what a
Claim cannot say (not applicable with the vendor's reason, unanswered, owned by the customer)
is kept here so findings and follow-ups can ask about it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, Field

from auditor.model.base import Sha256, Slug, Strict
from auditor.model.enums import StrEnum

_CELL = re.compile(r"^.{1,64}![A-Z]{1,3}[1-9][0-9]{0,6}$", re.DOTALL)


def _check_cell(value: str) -> str:
    if not _CELL.match(value):
        raise ValueError(f"not a cell reference like 'Sheet!C57': {value!r}")
    return value


CellRef = Annotated[str, AfterValidator(_check_cell)]
"""``Sheet!C57``: the sheet's name, the column letters and the 1-based row."""


class QuestionnaireFamily(StrEnum):
    CAIQ = "caiq"
    HECVAT_FULL = "hecvat-full"
    HECVAT_LITE = "hecvat-lite"
    HECVAT = "hecvat"  # 4.x: one workbook, no Full/Lite split
    FOLLOWUP = "followup"  # our own follow-up sheet, filled in by the vendor
    CUSTOM = "custom"


class AnswerValue(StrEnum):
    YES = "yes"
    NO = "no"
    NA = "na"
    BLANK = "blank"
    OTHER = "other"


class Ownership(StrEnum):
    """CAIQ SSRM control ownership; ``customer`` and ``shared-customer`` are the customer's to do."""

    VENDOR = "vendor"
    CUSTOMER = "customer"
    SHARED_CUSTOMER = "shared-customer"
    THIRD_PARTY = "third-party"
    SHARED_THIRD_PARTY = "shared-third-party"

    @property
    def customer_duty(self) -> bool:
        return self in (Ownership.CUSTOMER, Ownership.SHARED_CUSTOMER)


class QuestionnaireItem(Strict):
    """One question the dossier must remember beyond its claims (NA, blank, customer-owned)."""

    id: str = Field(min_length=1, max_length=64)
    answer: AnswerValue
    controls: list[Slug] = Field(default_factory=list)
    cell: CellRef | None = None
    line: int | None = Field(default=None, ge=1, description="for a questionnaire read from PDF text")
    text: str = Field(default="", description="the vendor's reason or comment, as written")
    ownership: Ownership | None = None


class QuestionnaireRecord(Strict):
    """One imported questionnaire: which file, which template, and its non-claim items."""

    document: Sha256
    family: QuestionnaireFamily
    version: str | None = None
    sheet: str | None = None
    imported: date
    completed: date | None = Field(default=None, description="the date the vendor gave for its answers")
    questions: int = Field(ge=0, description="question ids read")
    not_applicable: list[QuestionnaireItem] = Field(default_factory=list)
    unanswered: list[QuestionnaireItem] = Field(default_factory=list)
    customer: list[QuestionnaireItem] = Field(default_factory=list,
                                              description="CSC-owned or shared items: the customer's duties")
    flagged: list[QuestionnaireItem] = Field(default_factory=list,
                                             description="answers their own comment contradicts")
    partial: list[QuestionnaireItem] = Field(
        default_factory=list, description="No answers about a control other answers affirm: a gap in part of it")
    attachments: list[str] = Field(default_factory=list, description="files the vendor named to attach")
