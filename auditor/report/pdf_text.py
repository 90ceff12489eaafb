"""Words and small formatting for the PDF: labels in the report's language, dates, reasons, the signer.

Labels are data (`data/report_labels.yaml`): the English text is the key, so an English report needs
no lookup and a missing translation shows the English rather than nothing.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from auditor.model.assessment import Finding, Reason
from auditor.model.enums import Severity, Status

REASON_LIMIT = 360


@lru_cache(maxsize=4)
def labels(language: str) -> dict[str, str]:
    """English label -> the label in ``language`` (empty for English)."""
    if language == "en":
        return {}
    from auditor.workspace import package_data
    from auditor.yamlio import load_yaml

    data, _ = load_yaml(package_data("report_labels.yaml"))
    return dict(data.get(language) or {})


def label(text: str, language: str) -> str:
    return labels(language).get(text, text) if language != "en" else text


def signer_name(subject: str | None) -> str | None:
    """The signer as people read it: the common name of the certificate subject (RFC 4514 string)."""
    if not subject:
        return None
    try:
        from cryptography import x509
        from cryptography.x509.oid import NameOID

        names = x509.Name.from_rfc4514_string(subject).get_attributes_for_oid(NameOID.COMMON_NAME)
    except (ValueError, TypeError):
        return subject
    return str(names[0].value) if names else subject


def _as_status(value) -> Status | None:
    try:
        return Status(value)
    except ValueError:
        return None


def _verdict_colour(findings: list[Finding]):
    from reportlab.lib.colors import HexColor

    worst = min((f.severity.rank for f in findings), default=Severity.INFO.rank)
    return HexColor({0: "#8e0000", 1: "#c62828", 2: "#b26a00"}.get(worst, "#2e7d32"))


def _finding_counts(findings: list[Finding], language: str = "en") -> str:
    parts = [f"{sum(f.severity == s for f in findings)} {label(s.value, language)}" for s in Severity]
    return label("{count} findings: {parts}", language).format(
        count=len(findings), parts=label(", ", language).join(parts))


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "-"
    return moment.isoformat(timespec="minutes") if moment.tzinfo else moment.strftime("%Y-%m-%d %H:%M")


def _date(day) -> str:
    return day.isoformat() if day else "-"


def _meets(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "unknown"}[value]


def _polarity(polarity: str, hedged: bool) -> str:
    return polarity + (" (hedged)" if hedged else "")


def _cited(citation) -> list[str]:
    if citation is None:
        return ["(no citation)", "-"]
    return [citation.text, f"{citation.document[:12]}:{citation.line or citation.cell}"]


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def _ref(ref: str | None) -> str:
    """'document-sha256:line' or an evidence sha256, short enough to read and still findable."""
    if not ref:
        return ""
    head, _, line = ref.partition(":")
    return f" [{head[:12]}:{line}]" if line else f" [{head[:12]}]"


def _reason_text(reason: Reason, limit: int = REASON_LIMIT) -> str:
    return _clip(f"{reason.kind}: {reason.text}", limit) + _ref(reason.ref)


def _requirement_reason(reasons: list[Reason], claims: list[str]) -> str:
    """One paragraph per reason: an Arabic citation then gets its own right-to-left lines."""
    if reasons:
        return "\n".join(_clip(f"{r.kind}: {r.text}", REASON_LIMIT // 2 + 60) for r in reasons[:3])
    if claims:
        return _clip(f"claim: {claims[0]}", REASON_LIMIT)
    return "no claim and no evidence"


def _decision_colour(data):
    """The cover's verdict colour follows the verdict itself (insufficient evidence is never green)."""
    from reportlab.lib.colors import HexColor

    if data.decision is None:
        return _verdict_colour(data.assessment.findings)
    return HexColor({"not_acceptable": "#8e0000", "insufficient_evidence": "#b26a00", "remediate": "#c62828",
                     "follow_up": "#b26a00"}.get(data.decision.decision.value, "#2e7d32"))
