"""The shape of ``auditor/data/speech.yaml``: the vocabulary of who is speaking (see speaker.py)."""

from __future__ import annotations

from pydantic import Field

from auditor.claims.lexicon import ByLanguage
from auditor.model.base import Strict


class ProviderAttestation(Strict):
    """Words after an attestation's name that make it a hosting provider's (speech.yaml)."""

    qualifier: str
    facilities: list[str]  # always the provider's ("certified data centres")
    hosting: list[str]  # the provider's when the line names a cloud provider ("compliant infrastructure")


class SpeechData(Strict):
    advice_sections: ByLanguage
    customer_sections: ByLanguage = Field(default_factory=ByLanguage)
    definition_sections: ByLanguage = Field(default_factory=ByLanguage)
    statement_headings: ByLanguage = Field(default_factory=ByLanguage)
    link_sections: ByLanguage
    imperatives: ByLanguage
    ambiguous_imperatives: ByLanguage = Field(default_factory=ByLanguage)
    imperative_leads: ByLanguage = Field(default_factory=ByLanguage)
    imperatives_of_motion: ByLanguage = Field(default_factory=ByLanguage)
    imperative_openers: ByLanguage = Field(default_factory=ByLanguage)
    feature_leads: ByLanguage = Field(default_factory=ByLanguage)
    polite_openers: ByLanguage = Field(default_factory=ByLanguage)
    object_words: ByLanguage = Field(default_factory=ByLanguage)
    not_imperative_next: ByLanguage
    duty: ByLanguage
    other_party_subject: ByLanguage
    other_party_verbs: ByLanguage
    other_party_parts: ByLanguage = Field(default_factory=ByLanguage)
    others_in_general: ByLanguage = Field(default_factory=ByLanguage)
    definition_verbs: ByLanguage
    link_item: str
    markup_line: str
    vendor_subjects: ByLanguage = Field(default_factory=ByLanguage)
    vendor_lead_modals: ByLanguage = Field(default_factory=ByLanguage)
    customer_subjects: ByLanguage = Field(default_factory=ByLanguage)
    self_reference: ByLanguage = Field(default_factory=ByLanguage)
    exclusions: ByLanguage = Field(default_factory=ByLanguage)
    others_standing: ByLanguage = Field(default_factory=ByLanguage)
    reader_questions: ByLanguage = Field(default_factory=ByLanguage)
    conditions: ByLanguage = Field(default_factory=ByLanguage)
    purposes: ByLanguage = Field(default_factory=ByLanguage)
    topics: ByLanguage = Field(default_factory=ByLanguage)
    offering_sections: ByLanguage = Field(default_factory=ByLanguage)
    offering_leads: ByLanguage = Field(default_factory=ByLanguage)
    supplier_duty_leads: ByLanguage = Field(default_factory=ByLanguage)
    scope_statements: ByLanguage = Field(default_factory=ByLanguage)
    not_imperative: ByLanguage = Field(default_factory=ByLanguage)
    continuations: ByLanguage = Field(default_factory=ByLanguage)
    customer_columns: ByLanguage = Field(default_factory=ByLanguage)
    ticks: ByLanguage = Field(default_factory=ByLanguage)
    provider_attestation: ProviderAttestation | None = None
