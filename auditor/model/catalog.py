"""Frameworks, their requirements and the common controls they map to (loaded from YAML)."""

from __future__ import annotations

from pydantic import Field, field_validator

from auditor.model.base import Duration, Slug, Strict
from auditor.model.enums import Coverage, DataCategory, EvidenceKind


class ControlMapping(Strict):
    """A requirement's link to a common control; ``partial`` when the control covers only part of it."""

    control: Slug
    coverage: Coverage = Coverage.FULL


class Requirement(Strict):
    id: str = Field(min_length=1, description="official id as the standard writes it (A.8.24, Art.28(3)(g))")
    title: str = Field(min_length=1)
    description: str = Field(min_length=1, description="what it asks, in our own words")
    controls: list[ControlMapping] = Field(min_length=1)
    attributes: dict[str, str | bool | int] = Field(
        default_factory=dict,
        description="e.g. implementation: required|addressable; service_provider_only: true; future_dated: 2025-03-31",
    )
    applies_when: list[DataCategory] | None = Field(
        default=None, description="data categories that bring this requirement into scope; None: the framework's"
    )
    section: str | None = Field(default=None, description="the chapter or group it belongs to, for display")

    @property
    def control_ids(self) -> list[str]:
        return [m.control for m in self.controls]


class Framework(Strict):
    id: Slug
    name: str
    version: str
    # required of the built-in catalogs only (auditor/catalog/check.py): a reviewer's own framework may omit them
    publisher: str | None = None
    source: str | None = Field(default=None, description="where the standard is published (URL or citation)")
    licence_note: str | None = Field(default=None,
                                     description="what of the standard is reproduced here and on what terms")
    applies_when: list[DataCategory] = Field(
        default_factory=list, description="empty: applies to every engagement; else any listed category"
    )
    attestations: list[str] = Field(
        default_factory=list,
        description="attestation types that evidence this framework's requirements (iso27001, soc2-type2)",
    )
    requirements: list[Requirement] = Field(min_length=1)

    def requirement(self, requirement_id: str) -> Requirement | None:
        for req in self.requirements:
            if req.id == requirement_id:
                return req
        return None


class EvidenceExpectation(Strict):
    """A kind of evidence that proves a control, and how old it may be before it is stale."""

    kind: EvidenceKind
    max_age: Duration = "P12M"
    note: str | None = None


class Near(Strict):
    """Words that state the control when they occur close together, in any order, in one
    sentence ("encrypts all stored secrets", "stored data is encrypted with AES"): one entry
    covers the phrasings a list of fixed phrases would have to enumerate."""

    words: list[str] = Field(min_length=2, max_length=3, description=(
        "groups of alternatives ('encrypt*|AES|cipher*'); one of each group must occur; a trailing * "
        "lets a word run on"))
    within: int = Field(default=8, ge=0, le=20, description="words allowed between two groups")
    unless: str | None = Field(default=None, description="a word (regex) that may not stand between the groups")
    not_after: str | None = Field(default=None, description="a regex that may not follow within three words")


class Vocabulary(Strict):
    """Phrases (Python regular expressions, matched case-insensitively on normalised text)
    that express the control in vendor documents, and ``near`` word groups (English)."""

    en: list[str] = Field(default_factory=list)
    ar: list[str] = Field(default_factory=list)
    near: list[Near] = Field(default_factory=list)


class Control(Strict):
    id: Slug
    domain: str
    title: str
    description: str
    evidence: list[EvidenceExpectation] = Field(min_length=1)
    questions: list[str] = Field(min_length=1, description="what to ask the vendor when this is missing")
    vocabulary: Vocabulary = Field(default_factory=Vocabulary)
    attributes: list[str] = Field(
        default_factory=list, description="attribute names the extractor captures for it (algorithm, protocol)"
    )

    @field_validator("questions")
    @classmethod
    def _non_empty_questions(cls, value: list[str]) -> list[str]:
        if any(not q.strip() for q in value):
            raise ValueError("a question is empty")
        return value
