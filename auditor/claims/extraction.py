"""What extraction gives: the items read from documents, each with its citation, and what was set aside.

The result model only: :mod:`auditor.claims.extract` fills it; ``claims extract`` prints it
(``to_json`` is the contract's shape, ``explain`` the per-line account of ``--explain``).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from auditor.claims.terms import TermFact
from auditor.model.vendor import (
    Attestation,
    Citation,
    Claim,
    Location,
    Price,
    RegulationClaim,
    SlaEntry,
    Subprocessor,
    SupportChannel,
    SupportHours,
)


@dataclass(frozen=True)
class DocumentInfo:
    path: str
    sha256: str
    language: str
    kind: str
    lines: int
    url: str | None = None  # a fetched page's URL
    pages: tuple[int, ...] | None = None  # PDF: the first line of each page


@dataclass
class Extraction:
    """What the documents say, item by item, each with its citation (in document order)."""

    documents: list[DocumentInfo] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    attestations: list[Attestation] = field(default_factory=list)
    regulations: list[RegulationClaim] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    subprocessors: list[Subprocessor] = field(default_factory=list)
    sla: list[SlaEntry] = field(default_factory=list)
    support_hours: list[SupportHours] = field(default_factory=list)
    channels: list[SupportChannel] = field(default_factory=list)
    escalation: list[Citation] = field(default_factory=list)
    contract: list[TermFact] = field(default_factory=list)
    prices: list[Price] = field(default_factory=list)
    rejected: list["Rejected"] = field(default_factory=list)

    def items(self) -> set[tuple[str, str, str]]:
        """(document, item, polarity) triples: what precision and recall are measured on."""
        out: set[tuple[str, str, str]] = set()
        for c in self.claims:
            out.add((c.citation.document, f"claim:{c.control}", c.polarity.value))
        for a in self.attestations:
            out.add((a.citation.document, f"attestation:{a.type.value}", a.polarity.value))
        for r in self.regulations:
            out.add((r.citation.document, f"regulation:{r.id.value}", r.polarity.value))
        for loc in self.locations:
            out.add((loc.citation.document, f"location:{loc.role.value}:{loc.country}", "affirmed"))
        for s in self.sla:
            for name in ("response", "resolution", "coverage"):
                value = getattr(s, name)
                if value:
                    out.add((s.citation.document, f"sla:{s.severity.value}:{name}:{value}", "affirmed"))
        for t in self.contract:
            out.add((t.fact.citation.document, f"contract:{t.name}", t.polarity.value))
        return out

    def explain(self) -> list[dict[str, Any]]:
        """Per cited line, what was read from it and what was set aside and why (document order)."""
        lines: dict[tuple[str, int], dict[str, Any]] = {}

        def entry(document: str, line: int, text: str) -> dict[str, Any]:
            return lines.setdefault((document, line), {"document": document, "line": line, "text": text,
                                                       "read": [], "rejected": []})

        def read(c: Citation | None, what: str) -> None:
            if c is not None and c.line is not None:
                found = entry(c.document, c.line, c.text)["read"]
                if what not in found:
                    found.append(what)

        for c in self.claims:
            read(c.citation, f"claim {c.control} {c.polarity.value}" + (" hedged" if c.hedged else ""))
        for a in self.attestations:
            read(a.citation, f"attestation {a.type.value}{'' if a.type_stated else ' (type not stated)'} "
                             f"{a.polarity.value}" + (" hedged" if a.hedged else ""))
        for r in self.regulations:
            read(r.citation, f"regulation {r.id.value} {r.polarity.value}" + (" hedged" if r.hedged else ""))
        for loc in self.locations:
            read(loc.citation, f"location {loc.country} ({loc.role.value})")
        for s in self.subprocessors:
            read(s.citation, f"sub-processor {s.name} ({s.country})")
        for s in self.sla:
            read(s.citation, f"sla {s.severity.value}")
        for h in self.support_hours:
            read(h.citation, "support hours")
        for ch in self.channels:
            read(ch.citation, f"support channel {ch.type}")
        for t in self.contract:
            read(t.fact.citation, f"contract {t.name} {str(t.fact.value).lower()}")
        for p in self.prices:
            read(p.citation, f"price {p.item}")
        for j in self.rejected:
            rejected = entry(j.document, j.line, j.text)["rejected"]
            item = {"item": j.item, "reason": j.reason}
            if item not in rejected:
                rejected.append(item)
        order = {d.sha256: i for i, d in enumerate(self.documents)}
        pages = {d.sha256: d.pages for d in self.documents if d.pages}
        for (document, line), row in lines.items():
            row["rejected"].sort(key=lambda r: (r["item"], r["reason"]))  # the same order on every run
            if document in pages:  # a PDF's line is also cited by its page
                row["page"] = bisect.bisect_right(pages[document], line)
        return [lines[k] for k in sorted(lines, key=lambda k: (order.get(k[0], 0), k[1]))]

    def to_json(self) -> dict[str, Any]:
        """The contract's ``claims extract`` shape, plus support hours, channels, contract, prices."""
        def cite(c: Citation | None) -> dict[str, Any] | None:
            return c.model_dump(mode="json", exclude_none=True) if c else None

        return {
            "documents": [{"path": d.path, "sha256": d.sha256, "language": d.language, "kind": d.kind,
                           "lines": d.lines, **({"url": d.url} if d.url else {})} for d in self.documents],
            "claims": [{"control": c.control, "polarity": c.polarity.value, "hedged": c.hedged,
                        "attributes": dict(c.attributes), "citation": cite(c.citation)} for c in self.claims],
            "attestations": [{"type": a.type.value, "type_stated": a.type_stated, "polarity": a.polarity.value,
                              "hedged": a.hedged,
                              "scope": a.scope, "issued": a.issued.isoformat() if a.issued else None,
                              "expires": a.expires.isoformat() if a.expires else None,
                              "citation": cite(a.citation)} for a in self.attestations],
            "regulations": [{"id": r.id.value, "polarity": r.polarity.value, "hedged": r.hedged,
                             "citation": cite(r.citation)} for r in self.regulations],
            "locations": [{"country": loc.country, "role": loc.role.value, "city": loc.city,
                           "citation": cite(loc.citation)} for loc in self.locations],
            "subprocessors": [s.model_dump(mode="json") for s in self.subprocessors],
            "sla": [{"severity": s.severity.value, "response": s.response, "resolution": s.resolution,
                     "business_time": s.business_time, "coverage": s.coverage, "hedged": s.hedged,
                     "citation": cite(s.citation)} for s in self.sla],
            "support_hours": [h.model_dump(mode="json") for h in self.support_hours],
            "channels": [c.model_dump(mode="json") for c in self.channels],
            "escalation": [cite(c) for c in self.escalation],
            "contract": [{"term": t.name, "value": t.fact.value, "period": t.fact.period, "hedged": t.fact.hedged,
                          "note": t.fact.note, "citation": cite(t.fact.citation)} for t in self.contract],
            "prices": [p.model_dump(mode="json") for p in self.prices],
        }


@dataclass(frozen=True)
class Rejected:
    """A candidate that was read and set aside, with why (for --explain)."""

    document: str
    line: int
    item: str
    reason: str
    text: str


def citation_of(item) -> Citation | None:
    if isinstance(item, Citation):
        return item
    if isinstance(item, TermFact):
        return item.fact.citation
    return getattr(item, "citation", None)


# the lists of cited items, in field order: every field but the documents read and the set-asides
ITEM_LISTS = tuple(f.name for f in fields(Extraction) if f.name not in ("documents", "rejected"))


def sizes(result: Extraction) -> dict[str, int]:
    """How many items each list holds now: where the next document's items will start."""
    return {name: len(getattr(result, name)) for name in (*ITEM_LISTS, "rejected")}


def renumber(result: Extraction, start: Mapping[str, int], cited_line: Callable[[int], int]) -> None:
    """Give one document's items (those after ``start``) the line numbers their citations name:
    an HTML page's source lines. Readers work on extracted lines; this is the last step."""
    def cite(c: Citation) -> Citation:
        return c.model_copy(update={"line": cited_line(c.line)}) if c.line else c

    for name in (*ITEM_LISTS, "rejected"):
        items = getattr(result, name)
        for i in range(start.get(name, 0), len(items)):
            item = items[i]
            if isinstance(item, Citation):
                items[i] = cite(item)
            elif isinstance(item, Rejected):
                items[i] = replace(item, line=cited_line(item.line))
            elif isinstance(item, TermFact):
                if item.fact.citation is not None:
                    items[i] = replace(item, fact=item.fact.model_copy(update={"citation": cite(item.fact.citation)}))
            elif getattr(item, "citation", None) is not None:
                items[i] = item.model_copy(update={"citation": cite(item.citation)})


def drop_silent_lines(result: Extraction, document: str, silent: Mapping[int, str]) -> None:
    """Whatever a reader took from a line that states nothing (a heading, a table header, front
    matter, a link list, a list of customer duties) goes, with its reason."""
    if not silent:
        return
    for name in ITEM_LISTS:
        items = getattr(result, name)
        kept = []
        for item in items:
            c = citation_of(item)
            reason = silent.get(c.line) if c is not None and c.document == document else None
            if reason is None:
                kept.append(item)
            else:
                result.rejected.append(Rejected(document, c.line, name, reason, c.text))
        if len(kept) != len(items):
            setattr(result, name, kept)
