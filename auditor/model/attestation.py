"""Facts read from an attestation document (SOC 2 report, bridge letter, ISO certificate, pen-test letter).

What a reviewer reads off the document, each with the page and line it came from, so the audit can
decide an attestation's standing from what the document says rather than from the label it was filed
under. JSON names follow the contract (`auditor evidence show --format json`).
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from auditor.model.base import Duration, Frozen, Strict
from auditor.model.enums import StrEnum


class DocumentType(StrEnum):
    """What the document reads as, whatever it was filed as."""

    SOC2_TYPE2 = "soc2-type2"
    SOC2_TYPE1 = "soc2-type1"
    BRIDGE_LETTER = "bridge-letter"
    ISO27001 = "iso27001"
    PENTEST = "pentest"
    NONE = "none"


class Opinion(StrEnum):
    UNMODIFIED = "unmodified"
    QUALIFIED = "qualified"
    ADVERSE = "adverse"
    DISCLAIMER = "disclaimer"


class SubserviceMethod(StrEnum):
    CARVE_OUT = "carve-out"
    INCLUSIVE = "inclusive"


class IssuerRole(StrEnum):
    SERVICE_AUDITOR = "service-auditor"
    CERTIFICATION_BODY = "certification-body"
    TESTER = "tester"
    MANAGEMENT = "management"


class DocCitation(Frozen):
    """Where in the attestation document a fact was read: page (1-based), line on that page, the line."""

    page: int | None = None
    line: int
    text: str


class Issuer(Frozen):
    name: str
    role: IssuerRole


class Period(Frozen):
    start: date
    end: date


class ControlException(Frozen):
    """A control the auditor tested and found exceptions in (Section IV of a SOC 2 report)."""

    control: str
    criterion: str | None = None
    exception: str
    sample: int | None = None
    deviations: int | None = None
    management_response: str | None = None
    citation: DocCitation | None = None


class Subservice(Frozen):
    name: str
    method: SubserviceMethod
    citation: DocCitation | None = None


class SeverityCounts(Frozen):
    critical: int = 0
    high: int = 0
    medium: int = 0
    low: int = 0

    def total(self) -> int:
        return self.critical + self.high + self.medium + self.low


class ReviewerAcceptance(Frozen):
    """A reviewer's manual acceptance of a document the readers could not read (``--accept-unread``)."""

    reason: str
    by: str | None = None
    at: date | None = None


class AttestationReviewPolicy(Strict):
    """How the audit weighs what attestation documents say (``attestation_documents`` in policy.yaml)."""

    report_recent_within: Duration = Field(
        default="P3M", description="a SOC 2 report (or its bridge letter) must reach this close to the audit date")
    bridge_letter_max: Duration = Field(
        default="P3M", description="how far past the report period a bridge letter (management's word) may extend it")
    pentest_max_age: Duration = Field(default="P12M", description="a pen-test letter older than this is stale")
    accept_exceptions_with_response: bool = Field(
        default=False, description="a control exception with management's response does not contradict its criterion")
    iso27001_2013_invalid_after: date = Field(
        default=date(2025, 10, 31), description="end of the transition to ISO/IEC 27001:2022")
    match_threshold: int = Field(default=90, ge=50, le=100,
                                 description="fuzzy score (0-100) at which an organisation name matches the vendor")


class AttestationFacts(Frozen):
    """Everything read from one document; a fact that was not found is None or empty, never guessed."""

    type: DocumentType
    organisation: str | None = None
    system: str | None = None
    issuer: Issuer | None = None
    accreditation_body: str | None = None
    period: Period | None = None
    as_of: date | None = None
    report_date: date | None = None
    trust_services_categories: list[str] = Field(default_factory=list)
    opinion: Opinion | None = None
    qualified_criteria: list[str] = Field(default_factory=list)
    criteria_with_exceptions: list[str] = Field(default_factory=list)
    controls_with_exceptions: list[ControlException] = Field(default_factory=list)
    controls_tested: int | None = Field(default=None, description="controls in the test tables")
    controls_without_exceptions: list[str] = Field(default_factory=list,
                                                   description="controls tested with no exception noted")
    subservice_organisations: list[Subservice] = Field(default_factory=list)
    cuecs: list[str] = Field(default_factory=list)
    csocs: list[str] = Field(default_factory=list, description="complementary sub-service organisation controls")
    standard_edition: str | None = Field(default=None, description="ISO/IEC 27001 edition year: 2013 or 2022")
    certificate_number: str | None = None
    scope: str | None = None
    sites: list[str] = Field(default_factory=list)
    initial_issue: date | None = None
    issued: date | None = None
    expires: date | None = None
    findings_by_severity: SeverityCounts | None = None
    open_findings_by_severity: SeverityCounts | None = None
    retest_date: date | None = None
    management_assertion_only: bool = Field(
        default=False, description="the document is management's word, not an auditor's (a bridge letter)")
    citations: dict[str, DocCitation] = Field(default_factory=dict, description="fact name -> where it was read")
    missing: list[str] = Field(default_factory=list,
                               description="facts a document of this type must state that were not found")
    pages: int = 0

    @property
    def readable(self) -> bool:
        """Read as what it is: a known type with every essential fact found."""
        return self.type is not DocumentType.NONE and not self.missing

    def summary(self) -> str:
        """One line for people."""
        if self.type is DocumentType.NONE:
            return "not readable as an attestation (no SOC 2 report, bridge letter, certificate or pen-test letter)"
        parts = [self.type.value, f"for {self.organisation or '(organisation not found)'}"]
        if self.period:
            parts.append(f"period {self.period.start}..{self.period.end}")
        if self.as_of:
            parts.append(f"as of {self.as_of}")
        if self.opinion:
            parts.append(f"opinion {self.opinion.value}")
        if self.controls_with_exceptions:
            parts.append(f"{len(self.controls_with_exceptions)} control(s) with exceptions")
        if self.standard_edition:
            parts.append(f"ISO/IEC 27001:{self.standard_edition}")
        if self.expires:
            parts.append(f"expires {self.expires}")
        if self.open_findings_by_severity and (self.open_findings_by_severity.critical
                                               or self.open_findings_by_severity.high):
            o = self.open_findings_by_severity
            parts.append(f"open findings: {o.critical} critical, {o.high} high")
        if self.missing:
            parts.append("NOT FOUND: " + ", ".join(self.missing))
        return "; ".join(parts)

    def to_json(self) -> dict:
        """The contract's facts object (dates ISO 8601, enums as their values)."""
        return self.model_dump(mode="json")


class Responsibility(Frozen):
    """A control the customer must operate for a vendor's SOC 2 report to hold (a CUEC): "Your responsibilities"."""

    text: str
    evidence: str = Field(description="sha256 of the report that lists it")
    organisation: str | None = None
    citation: DocCitation | None = None


class FourthParty(Frozen):
    """A sub-service organisation carved out of the vendor's report: its controls are not covered by it."""

    name: str
    method: SubserviceMethod
    evidence: str = Field(description="sha256 of the report that names it")
    note: str = "controls not covered by the vendor's report"
    citation: DocCitation | None = None
