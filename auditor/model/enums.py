"""The closed vocabularies of the contract, as enums."""

from __future__ import annotations

from enum import Enum


class StrEnum(str, Enum):
    def __str__(self) -> str:  # print the value, not the member name
        return self.value


class Coverage(StrEnum):
    FULL = "full"
    PARTIAL = "partial"


class Polarity(StrEnum):
    AFFIRMED = "affirmed"
    DENIED = "denied"


class Status(StrEnum):
    SATISFIED = "satisfied"
    UNVERIFIED = "unverified"
    STALE = "stale"
    CONTRADICTED = "contradicted"
    GAP = "gap"
    NOT_APPLICABLE = "not_applicable"


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for critical, 4 for info: sort findings by it."""
        return _SEVERITY_ORDER.index(self)


_SEVERITY_ORDER = [Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO]


class SupportSeverity(StrEnum):
    """Ticket severity in a support SLA (P1/Sev 1/حرج map to critical)."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class AttestationType(StrEnum):
    ISO27001 = "iso27001"
    ISO27017 = "iso27017"
    ISO27018 = "iso27018"
    SOC2_TYPE1 = "soc2-type1"
    SOC2_TYPE2 = "soc2-type2"
    PCI_DSS_AOC = "pci-dss-aoc"
    HIPAA_BAA = "hipaa-baa"
    GDPR_DPA = "gdpr-dpa"
    CSA_STAR = "csa-star"

    @property
    def family(self) -> str:
        """The report family, one for each type of the same attestation ("soc2" for Type 1 and 2)."""
        return self.value.partition("-type")[0]


class Regulation(StrEnum):
    GDPR = "gdpr"
    CCPA = "ccpa"
    HIPAA = "hipaa"
    PCI_DSS = "pci-dss"
    EAR = "ear"
    OFAC = "ofac"


class EvidenceKind(StrEnum):
    CERTIFICATE = "certificate"
    AUDIT_REPORT = "audit-report"
    ATTESTATION_LETTER = "attestation-letter"
    PENTEST_REPORT = "pentest-report"
    POLICY = "policy"
    AGREEMENT = "agreement"
    QUESTIONNAIRE = "questionnaire"
    SCAN = "scan"
    SCREENSHOT = "screenshot"
    OTHER = "other"


class LocationRole(StrEnum):
    HOSTING = "hosting"
    SUBPROCESSOR = "subprocessor"
    HEADQUARTERS = "headquarters"


class DataCategory(StrEnum):
    """What an engagement hands the vendor; decides which frameworks apply."""

    PERSONAL_DATA = "personal data"
    HEALTH_DATA = "health data"
    CARDHOLDER_DATA = "cardholder data"
    EXPORT_CONTROLLED = "export-controlled technology"


class ScreeningStatus(StrEnum):
    CLEAR = "clear"
    REVIEW = "review"
    MATCH = "match"
    NOT_SCREENED = "not_screened"  # names compared against no list (places may still have been checked)


class CheckStatus(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"
    UNVERIFIED = "unverified"  # seen over plain http or an unverified certificate: recorded, proves nothing
