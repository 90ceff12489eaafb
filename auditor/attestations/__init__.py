"""Read attestation documents (SOC 2 reports, bridge letters, ISO/IEC 27001 certificates, pen-test letters).

``read_attestation(data)`` returns :class:`~auditor.model.attestation.AttestationFacts`: what the
document says, each fact cited by page and line, and the essential facts it does not state
(``missing``). A document that reads as none of these kinds, or lacks an essential fact, attests
nothing (``facts.readable`` is False); the audit turns that into an "unreadable attestation" finding.
"""

from __future__ import annotations

from pathlib import Path

from auditor.attestations.text import Doc, UnreadableDocument, from_pages, read_pages
from auditor.model.attestation import AttestationFacts, DocumentType

__all__ = ["read_attestation", "read_file", "detect", "UnreadableDocument", "ESSENTIAL"]

# What each kind must state to count at all.
ESSENTIAL: dict[DocumentType, tuple[str, ...]] = {
    DocumentType.SOC2_TYPE2: ("organisation", "period", "opinion", "issuer"),
    DocumentType.SOC2_TYPE1: ("organisation", "as_of", "opinion", "issuer"),
    DocumentType.BRIDGE_LETTER: ("organisation", "period"),
    DocumentType.ISO27001: ("organisation", "standard_edition", "expires", "issuer"),
    DocumentType.PENTEST: ("organisation", "issuer", "report_date", "findings_by_severity"),
}


def detect(doc: Doc) -> DocumentType:
    """The kind of document from its wording; SOC 2 needs an opinion, not just the words "SOC 2"."""
    from auditor.attestations.vocab import any_rx, vocab

    d = vocab()["detect"]
    text = doc.text

    def count(key: str) -> int:
        return len(any_rx(d[key]).findall(text))

    if count("bridge"):
        return DocumentType.BRIDGE_LETTER
    if count("pentest") and not count("soc2"):
        return DocumentType.PENTEST
    if count("iso27001") and count("certificate") and not count("soc2"):
        return DocumentType.ISO27001
    if count("soc2") > count("not_soc2") and any_rx(d["opinion_section"]).search(text):
        return DocumentType.SOC2_TYPE2  # refined to Type I by the SOC 2 reader
    return DocumentType.NONE


def read_attestation(data: bytes, *, expect: DocumentType | None = None) -> AttestationFacts:
    """Facts of one document (PDF bytes or UTF-8 text). Raises UnreadableDocument for damaged files.

    ``expect`` is the kind the document was filed as; it is used only when the wording does not
    decide (a SOC 2 report is read as SOC 2 whatever it was filed as).
    """
    from auditor.attestations.vocab import vocab

    doc = from_pages(read_pages(data), vocab()["furniture_share"])
    return read_doc(doc, expect=expect)


def read_doc(doc: Doc, *, expect: DocumentType | None = None) -> AttestationFacts:
    from auditor.attestations import letters, soc2

    kind = detect(doc)
    facts: dict = {"type": kind, "pages": doc.pages}
    cites: dict = {}
    if kind in (DocumentType.SOC2_TYPE1, DocumentType.SOC2_TYPE2):
        soc2.read(doc, facts, cites)
    elif kind is DocumentType.BRIDGE_LETTER:
        letters.read_bridge(doc, facts, cites)
    elif kind is DocumentType.ISO27001:
        letters.read_iso(doc, facts, cites)
    elif kind is DocumentType.PENTEST:
        letters.read_pentest(doc, facts, cites)
    kind = facts["type"]
    wanted = ESSENTIAL.get(kind, ("type",) if kind is DocumentType.NONE else ())
    facts["missing"] = [name for name in wanted if name == "type" or not facts.get(name)]
    facts["citations"] = cites
    return AttestationFacts(**facts)


def read_file(path: Path, *, expect: DocumentType | None = None) -> AttestationFacts:
    return read_attestation(path.read_bytes(), expect=expect)
