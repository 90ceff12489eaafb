"""From everything the documents say, line by line, to one dossier a reviewer can correct.

Per item the strongest statement is kept: a plain statement over a hedged one, the first in
document order otherwise. A control both affirmed and denied keeps both claims, so the
contradiction stays visible. Contract terms prefer the plain statement and, between two plain
ones that disagree, the one less favourable to the customer.
"""

from __future__ import annotations

from collections.abc import Sequence

from auditor.claims.extraction import Extraction
from auditor.model.enums import LocationRole
from auditor.model.vendor import (
    Claim,
    ContractTerms,
    DocumentRef,
    Engagement,
    Location,
    SlaEntry,
    Support,
    SupportChannel,
    Vendor,
)

# for each term, the value that is worse for the customer (chosen when plain statements disagree)
_WORSE = {"auto_renewal": True, "renewal_notice": False, "cancel_anytime": False, "refunds": False,
          "export_at_termination": False, "deletion_at_termination": True, "unilateral_changes": True}


def _strongest(items, key):
    """One item per key: the first plain statement, else the first hedged one."""
    chosen: dict = {}
    for item in items:
        k = key(item)
        current = chosen.get(k)
        if current is None or (current.hedged and not item.hedged):
            chosen[k] = item
    return list(chosen.values())


def _claims(extraction: Extraction) -> list[Claim]:
    merged: dict[tuple[str, str], Claim] = {}
    attributes: dict[tuple[str, str], dict[str, str]] = {}
    for claim in extraction.claims:
        key = (claim.control, claim.polarity.value)
        for name, value in claim.attributes.items():
            attributes.setdefault(key, {}).setdefault(name, value)
        current = merged.get(key)
        if current is None or (current.hedged and not claim.hedged):
            merged[key] = claim
    out = []
    for key, claim in merged.items():
        out.append(claim.model_copy(update={"attributes": attributes.get(key, {})}))
    return out


def _sla(entries: Sequence[SlaEntry]) -> list[SlaEntry]:
    by_severity: dict[str, SlaEntry] = {}
    for entry in entries:
        current = by_severity.get(entry.severity.value)
        if current is None:
            by_severity[entry.severity.value] = entry
            continue
        update = {f: getattr(entry, f) for f in ("response", "resolution", "coverage") if getattr(current, f) is None
                  and getattr(entry, f) is not None}
        if update:
            by_severity[entry.severity.value] = current.model_copy(update=update)
    return list(by_severity.values())


def _channels(channels: Sequence[SupportChannel]) -> list[SupportChannel]:
    merged: dict[str, SupportChannel] = {}
    for channel in channels:
        current = merged.get(channel.type)
        if current is None:
            merged[channel.type] = channel.model_copy()
            continue
        if channel.tiers and not current.tiers:
            current.tiers = list(channel.tiers)
        if channel.availability and not current.availability:
            current.availability = channel.availability
    return list(merged.values())


def _contract(extraction: Extraction) -> ContractTerms:
    terms = ContractTerms()
    for name in ContractTerms.model_fields:
        facts = [t.fact for t in extraction.contract if t.name == name]
        if not facts:
            continue
        plain = [f for f in facts if not f.hedged]
        pool = plain or facts
        values = {f.value for f in pool}
        if len(values) > 1:
            pool = [f for f in pool if f.value == _WORSE.get(name)] or pool
        setattr(terms, name, pool[0])
    return terms


def vendor_from_extraction(vendor_id: str, name: str, extraction: Extraction, documents: list[DocumentRef],
                           **identity) -> Vendor:
    """A new dossier from an extraction: every item cited, nothing invented."""
    hosting: dict[str, Location] = {}
    headquarters = None
    for loc in extraction.locations:
        if loc.role is LocationRole.HOSTING:
            hosting.setdefault(loc.country, loc)
        elif loc.role is LocationRole.HEADQUARTERS and headquarters is None:
            headquarters = loc
    subprocessors = {}
    for sub in extraction.subprocessors:
        subprocessors.setdefault((sub.name, sub.country), sub)
    support = Support(
        sla=_sla(extraction.sla),
        hours=extraction.support_hours[0] if extraction.support_hours else None,
        channels=_channels(extraction.channels),
        escalation=extraction.escalation[0] if extraction.escalation else None,
    )
    from pydantic import ValidationError

    from auditor.errors import InputError
    from auditor.yamlio import describe_validation_error

    try:
        return _vendor(vendor_id, name, identity, headquarters, hosting, subprocessors, support, extraction,
                       documents)
    except ValidationError as exc:  # --name "Acme\u202e..." and friends: the user's input, one line
        message, _ = describe_validation_error(exc, None)
        raise InputError(f"cannot build the dossier: {message}") from None


def _vendor(vendor_id, name, identity, headquarters, hosting, subprocessors, support, extraction,
            documents) -> Vendor:
    return Vendor(
        id=vendor_id,
        name=name,
        legal_name=identity.get("legal_name"),
        website=identity.get("website"),
        headquarters=headquarters,
        hosting=list(hosting.values()),
        subprocessors=list(subprocessors.values()),
        claims=_claims(extraction),
        attestations=_strongest(extraction.attestations, lambda a: (a.type.value, a.polarity.value)),
        regulations=_strongest(extraction.regulations, lambda r: (r.id.value, r.polarity.value)),
        support=support,
        contract=_contract(extraction),
        prices=list(extraction.prices),
        engagement=Engagement(data=list(identity.get("data") or [])),
        documents=documents,
        notes=identity.get("notes"),
    )


__all__ = ["vendor_from_extraction"]
