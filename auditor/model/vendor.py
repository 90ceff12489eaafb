"""A vendor dossier: what the vendor says about itself, each statement with its citation."""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_serializer, model_validator

from auditor.model.base import CountryCode, Duration, PlainText, Sha256, Slug, Strict
from auditor.model.enums import (
    AttestationType,
    DataCategory,
    LocationRole,
    Polarity,
    Regulation,
    SupportSeverity,
)
from auditor.model.questionnaire import CellRef, QuestionnaireRecord


class Citation(Strict):
    """Where a statement was read: the document's sha256, the 1-based line (or, in a spreadsheet,
    the cell ``Sheet!C57``) and the exact text there."""

    document: Sha256
    line: int | None = Field(default=None, ge=1)
    cell: CellRef | None = Field(default=None, description="a questionnaire's cell, e.g. CAIQv4.0.3!C57")
    text: str

    @model_validator(mode="after")
    def _one_place(self) -> Citation:
        if (self.line is None) == (self.cell is None):
            raise ValueError("a citation names either a line or a cell")
        return self

    @model_serializer(mode="wrap")
    def _only_its_place(self, handler):
        """Serialise as the contract reads: {document, line, text} or {document, cell, text}."""
        data = handler(self)
        if isinstance(data, dict):
            data.pop("cell" if self.cell is None else "line", None)
        return data

    @property
    def where(self) -> str:
        """``line 12`` or ``cell Sheet!C57``: how a reader finds it."""
        return f"line {self.line}" if self.cell is None else f"cell {self.cell}"


class Claim(Strict):
    control: Slug
    polarity: Polarity = Polarity.AFFIRMED
    hedged: bool = False
    attributes: dict[str, str] = Field(default_factory=dict)
    citation: Citation | None = None
    note: str | None = Field(default=None, description="a reviewer's remark")


class Attestation(Strict):
    type: AttestationType
    polarity: Polarity = Polarity.AFFIRMED
    hedged: bool = False
    type_stated: bool = Field(default=True, description="false: the text names the report without its type "
                              "(\"SOC 2\"); recorded as the lesser type, and the audit asks which it is")
    scope: str | None = None
    issued: date | None = None
    expires: date | None = None
    evidence: Sha256 | None = Field(default=None, description="the stored certificate or report, if collected")
    citation: Citation | None = None


class RegulationClaim(Strict):
    id: Regulation
    polarity: Polarity = Polarity.AFFIRMED
    hedged: bool = False
    citation: Citation | None = None


class Location(Strict):
    country: CountryCode
    role: LocationRole
    city: str | None = None
    region: str | None = Field(default=None, description="sub-national region code where it matters (UA-43)")
    citation: Citation | None = None


class Subprocessor(Strict):
    name: PlainText = Field(min_length=1)
    country: CountryCode
    purpose: str | None = None
    citation: Citation | None = None


class SlaEntry(Strict):
    """One severity's promise; a range is recorded at its worst end."""

    severity: SupportSeverity
    response: Duration | None = None
    resolution: Duration | None = None
    business_time: bool = Field(default=False, description="counted in support hours, not calendar time")
    coverage: str | None = Field(default=None, description="24x7, 24x5, 8x5 ...")
    hedged: bool = False
    plan: str | None = Field(default=None, description="the plan or tier that gets this promise; empty: every customer")
    citation: Citation | None = None


class SupportHours(Strict):
    """When support works: e.g. days Mon-Fri, 08:00-17:00 in a time zone."""

    days: list[int] = Field(description="ISO weekdays, 1 = Monday ... 7 = Sunday")
    start: str = Field(pattern=r"^\d{2}:\d{2}$")
    end: str = Field(pattern=r"^\d{2}:\d{2}$", description="24:00 for end of day")
    timezone: str = "UTC"
    citation: Citation | None = None


class SupportChannel(Strict):
    type: str = Field(description="phone, email, chat, portal, ticket, community ...")
    availability: str | None = None
    tiers: list[str] = Field(default_factory=list, description="plans or partner tiers that get it; empty: all")
    citation: Citation | None = None


class Support(Strict):
    sla: list[SlaEntry] = Field(default_factory=list)
    hours: SupportHours | None = None
    channels: list[SupportChannel] = Field(default_factory=list)
    escalation: Citation | None = Field(default=None, description="where an escalation path is described")


class ContractFact(Strict):
    """One stated contract term: ``value`` what it says, ``period`` a window or notice it gives."""

    value: bool | None = None
    period: Duration | None = None
    note: str | None = None
    hedged: bool = False
    citation: Citation | None = None


class ContractTerms(Strict):
    auto_renewal: ContractFact | None = Field(default=None, description="value true: renews automatically")
    renewal_notice: ContractFact | None = Field(default=None, description="period: notice before renewal")
    cancel_anytime: ContractFact | None = None
    refunds: ContractFact | None = Field(default=None, description="value true: refunds offered; period: window")
    export_at_termination: ContractFact | None = Field(
        default=None, description="value true: customer can export after termination; period: the window"
    )
    deletion_at_termination: ContractFact | None = Field(
        default=None, description="value true: data deleted (or access lost) at cancellation"
    )
    unilateral_changes: ContractFact | None = Field(
        default=None, description="value true: vendor may change terms without consent"
    )


class Price(Strict):
    item: str
    amount: float | None = None
    amount_max: float | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    period: str | None = Field(default=None, description="month, year, one-off")
    unit: str | None = Field(default=None, description="user, licence, organisation")
    citation: Citation | None = None


class DocumentRef(Strict):
    path: str = Field(description="relative to the dossier folder, under documents/")
    sha256: Sha256
    language: str | None = None
    title: str | None = None


class Engagement(Strict):
    """What the customer will hand this vendor: decides which frameworks apply."""

    data: list[DataCategory] = Field(default_factory=list)
    description: str | None = None


class Vendor(Strict):
    id: Slug
    name: PlainText = Field(min_length=1)
    legal_name: PlainText | None = None
    aliases: list[PlainText] = Field(default_factory=list, description="other names the vendor trades or "
                                                                       "reports under (attestations must name one)")
    website: PlainText | None = None
    parent: PlainText | None = None
    headquarters: Location | None = None
    hosting: list[Location] = Field(default_factory=list)
    subprocessors: list[Subprocessor] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    attestations: list[Attestation] = Field(default_factory=list)
    regulations: list[RegulationClaim] = Field(default_factory=list)
    support: Support = Field(default_factory=Support)
    contract: ContractTerms = Field(default_factory=ContractTerms)
    prices: list[Price] = Field(default_factory=list)
    engagement: Engagement = Field(default_factory=Engagement)
    documents: list[DocumentRef] = Field(default_factory=list)
    questionnaires: list[QuestionnaireRecord] = Field(default_factory=list,
                                                      description="imported questionnaires' NA, blank and customer items")
    notes: str | None = None

    def claims_for(self, control: str) -> list[Claim]:
        return [c for c in self.claims if c.control == control]

    def locations(self) -> list[Location]:
        """Every place the vendor or its sub-processors are: headquarters, hosting, sub-processors."""
        places = list(self.hosting)
        if self.headquarters:
            places.append(self.headquarters)
        places.extend(
            Location(country=s.country, role=LocationRole.SUBPROCESSOR, city=None, citation=s.citation)
            for s in self.subprocessors
        )
        return places
