"""Follow-up questions to the vendor, written from templates in `data/questions.yaml`.

One place turns a control and the evidence still wanted into a sentence a reviewer can send as it
is, in English or Arabic: "Please send your current SOC 2 Type II report, or your backup policy,
showing how backups are taken and tested." Findings and the questionnaire follow-up export both
call it; no question is assembled from ids anywhere else.

    question_for(control, kinds, language)            evidence wanted for a control
    question_for(control, kinds, language, situation="current" | "missing" | "confirm")
    attestation_question(type, language, hedged=False)
    fact_question(situation, language, name=..., control=...)   what an attestation document says
    sla_question(severity, duration, language, business=False)
    vendor_language(vendor)                           "ar" when the vendor's documents are Arabic
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from auditor.errors import InputError

if TYPE_CHECKING:
    from auditor.model.catalog import Control
    from auditor.model.vendor import Vendor

LANGUAGES = ("en", "ar")
SITUATIONS = ("evidence", "current", "missing", "confirm", "ask")
MAX_ITEMS = 2  # two kinds of evidence read as a choice; a third makes the sentence a list


def _model():
    """The shape of questions.yaml: every phrase in both languages, every kind and attestation named."""
    from pydantic import BaseModel, ConfigDict, Field

    from auditor.model.enums import AttestationType, EvidenceKind

    class Pair(BaseModel):
        model_config = ConfigDict(extra="forbid")
        en: str = Field(min_length=1)
        ar: str = Field(min_length=1)

    class Wording(BaseModel):
        model_config = ConfigDict(extra="forbid")
        topic: Pair
        shows: Pair
        items: dict[EvidenceKind, Pair] = Field(default_factory=dict)

    class Questions(BaseModel):
        model_config = ConfigDict(extra="forbid")
        templates: dict[str, Pair]
        joiner: Pair
        severities: dict[str, Pair]
        coverages: dict[str, Pair] = Field(default_factory=dict)
        kinds: dict[EvidenceKind, Pair]
        attestations: dict[AttestationType, Pair]
        controls: dict[str, Wording]

    return Questions, EvidenceKind, AttestationType


@lru_cache(maxsize=1)
def _data() -> dict:
    """questions.yaml, validated (a broken file fails closed, naming its line), as plain dicts."""
    from auditor.workspace import package_data
    from auditor.yamlio import load_model

    path = package_data("questions.yaml")
    model, kinds, attestations = _model()
    data = load_model(model, path).model_dump(mode="json")
    missing = [k.value for k in kinds if k.value not in data["kinds"]]
    missing += [a.value for a in attestations if a.value not in data["attestations"]]
    missing += [f"templates.{t}" for t in (*SITUATIONS[:-1], *(f"attestation-{s}" for s in ATTESTATION_SITUATIONS),
                                           *(f"fact-{s}" for s in FACT_SITUATIONS), "sla")
                if t not in data["templates"]]
    if missing:
        raise InputError(f"no wording for {', '.join(missing)}", file=path)
    return data


def _language(language: str | None) -> str:
    return language if language in LANGUAGES else "en"


def known_controls() -> list[str]:
    """Control ids that have a topic and a "shows" phrase in both languages."""
    return list(_data()["controls"])


def _entry(control_id: str) -> dict:
    entry = _data()["controls"].get(control_id)
    if entry is None:  # a workspace control without wording: still a sentence, never an id
        return {}
    return entry


def _topic(control_id: str, title: str | None, language: str) -> str:
    topic = _entry(control_id).get("topic", {}).get(language)
    if topic:
        return topic
    if language == "ar":
        return "هذا الضابط" + (f" ({title})" if title else "")
    return lower_first(title or "this control")


def _shows(control_id: str, title: str | None, language: str) -> str:
    shows = _entry(control_id).get("shows", {}).get(language)
    if shows:
        return shows
    if language == "ar":
        return "كيفية تطبيق هذا الضابط" + (f" ({title})" if title else "")
    return f"how {lower_first(title or 'this control')} is done in practice"


def lower_first(text: str) -> str:
    """Lower-case a title's first letter unless it starts an acronym ("MFA", "ISO/IEC")."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def evidence_phrase(control_id: str, kind: str, language: str = "en", *, title: str | None = None) -> str:
    """What to send for one kind of evidence: "your backup policy" (Arabic: "سياستكم بشأن …")."""
    language = _language(language)
    kind = getattr(kind, "value", kind)
    override = _entry(control_id).get("items", {}).get(kind, {}).get(language)
    if override:
        return override
    template = _data()["kinds"].get(kind, _data()["kinds"]["other"])[language]
    return template.format(topic=_topic(control_id, title, language))


def question_for(control: Control | str, kinds: Iterable[str] | None = None, language: str = "en", *,
                 situation: str = "evidence", limit: int = MAX_ITEMS) -> str:
    """The question to send about ``control`` (a catalog Control or its id).

    ``kinds`` are the evidence kinds that would answer it, most convincing first (default: the
    control's own list); at most ``limit`` are named. ``situation``: ``evidence`` (claimed, please
    send proof), ``current`` (what we hold is out of date), ``missing`` (not addressed at all),
    ``confirm`` (the wording was hedged), ``ask`` (not addressed or contradicted: the control's own
    first question from its catalog file when it is written in the language asked, else ``missing``).
    """
    language = _language(language)
    if situation not in SITUATIONS:
        raise ValueError(f"unknown situation {situation!r}: one of {', '.join(SITUATIONS)}")
    if situation == "ask":
        if language == "en" and not isinstance(control, str) and control.questions:
            return control.questions[0]
        situation = "missing"
    control_id = control if isinstance(control, str) else control.id
    title = None if isinstance(control, str) else control.title
    if kinds is None:
        kinds = [] if isinstance(control, str) else [e.kind for e in control.evidence]
    chosen = list(dict.fromkeys(getattr(k, "value", k) for k in kinds))[:max(1, limit)] or ["other"]
    items = _data()["joiner"][language].join(
        evidence_phrase(control_id, kind, language, title=title) for kind in chosen)
    template = _data()["templates"][situation][language]
    return template.format(items=items, shows=_shows(control_id, title, language),
                           title=title or _topic(control_id, None, "en"),
                           topic=_topic(control_id, title, language))


def attestation_name(attestation_type: str, language: str = "en") -> str:
    """An attestation type as a reader knows it: "soc2-type2" → "SOC 2 Type II report"."""
    value = getattr(attestation_type, "value", attestation_type)
    names = _data()["attestations"].get(value)
    if names is None:
        return value.replace("-", " ").upper()
    return names[_language(language)]


ATTESTATION_SITUATIONS = ("current", "hedged", "mismatch", "uncited", "denied")
FACT_SITUATIONS = ("unreadable", "other-organisation", "fourth-party", "wrong-type", "adverse", "qualified",
                   "exception", "pentest-open", "pentest-stale")


def attestation_question(attestation_type: str, language: str = "en", *, hedged: bool = False,
                         situation: str = "current") -> str:
    """Ask for an attestation: its current copy (``current``), whether it is held at all (``hedged``),
    one for this organisation and period (``mismatch``), where the vendor says so (``uncited``), whether
    it will provide one it says it does not (``denied``)."""
    language = _language(language)
    situation = "hedged" if hedged else situation
    if situation not in ATTESTATION_SITUATIONS:
        raise ValueError(f"unknown situation {situation!r}: one of {', '.join(ATTESTATION_SITUATIONS)}")
    template = _data()["templates"][f"attestation-{situation}"][language]
    return template.format(name=attestation_name(attestation_type, language))


def fact_question(situation: str, language: str = "en", *, name: str = "", control: str = "") -> str:
    """Ask about what an attestation document says (``FACT_SITUATIONS``): ``name`` is an organisation
    and ``control`` a control of the vendor's report, as the document writes them."""
    if situation not in FACT_SITUATIONS:
        raise ValueError(f"unknown situation {situation!r}: one of {', '.join(FACT_SITUATIONS)}")
    template = _data()["templates"][f"fact-{situation}"][_language(language)]
    return template.format(name=name, control=control)


def severity_words(severity: str, language: str = "en") -> str:
    value = getattr(severity, "value", severity)
    return _data()["severities"].get(value, {}).get(_language(language), value)


def sla_question(severity: str, duration: str, language: str = "en", *, business: bool = False,
                 coverage: str | None = None) -> str:
    """Ask for a support response commitment: "… to responding to critical issues within 1 hour?"."""
    from auditor.durations import in_words

    language = _language(language)
    template = _data()["templates"]["sla"][language]
    words = ""
    if coverage:
        known = _data().get("coverages", {}).get(coverage)
        words = known[language] if known else f" ({coverage})"
    return template.format(severity=severity_words(severity, language), coverage=words,
                           duration=in_words(duration, language, business=business, genitive=True))


def vendor_language(vendor: Vendor | None) -> str:
    """The language to write to a vendor in: Arabic when most of its documents are Arabic."""
    if vendor is None or not vendor.documents:
        return "en"
    arabic = sum(1 for d in vendor.documents if (d.language or "").lower().startswith("ar"))
    return "ar" if arabic * 2 > len(vendor.documents) else "en"
