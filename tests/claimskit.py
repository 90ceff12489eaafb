"""Reading test documents written for the claims tests, and the short forms their assertions compare."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def build_extractor():
    """One extractor for the whole run: compiling the vocabulary is the slow part."""
    from auditor.catalog.loader import load_catalog
    from auditor.claims import build_extractor as build

    return build(load_catalog(None).controls)


def read(extractor, text: str, suffix: str = ".md"):
    from auditor.claims.reading import parse_document

    return extractor.extract([parse_document(text.encode("utf-8"), path=f"doc{suffix}", suffix=suffix)])


def items(extraction, *, places: bool = True) -> set[tuple[str, int, str]]:
    """(item, line, polarity) triples; a hedged one ends with "?", an attestation of unstated type with "*";
    with ``places`` also regulations and locations ("hosting:DE")."""
    out = set()
    for c in extraction.claims:
        out.add((c.control, c.citation.line, c.polarity.value + ("?" if c.hedged else "")))
    for a in extraction.attestations:
        out.add((a.type.value + ("" if a.type_stated else "*"), a.citation.line,
                 a.polarity.value + ("?" if a.hedged else "")))
    if places:
        for r in extraction.regulations:
            out.add((r.id.value, r.citation.line, r.polarity.value + ("?" if r.hedged else "")))
        for loc in extraction.locations:
            out.add((f"{loc.role.value}:{loc.country}", loc.citation.line, "affirmed"))
    return out


def controls(extraction, polarity: str = "affirmed") -> set[str]:
    return {c.control for c in extraction.claims if c.polarity.value == polarity}


def assert_affirmed(extraction, control: str) -> None:
    """``control`` affirmed and denied nowhere: a protective phrasing ("never stored", "not accessible
    from the internet") read the right way round."""
    assert control in controls(extraction) and control not in controls(extraction, "denied"), extraction.explain()


def reasons(extraction) -> set[tuple[int, str, str]]:
    return {(r.line, r.item, r.reason) for r in extraction.rejected}


def found_on(extractor, line: str) -> set[tuple[str, str]]:
    """(item, polarity) read from ``line`` alone, under a neutral heading ("# Practices")."""
    return {(item, polarity) for item, number, polarity in items(read(extractor, f"# Practices\n\n{line}\n"))
            if number == 3}


def sentence_rows(name: str, fields: int) -> list[list[str]]:
    """The rows of a ``|``-separated file of sentences in ``tests/data`` (comment lines start with ``#``); the
    sentence is the last of ``fields`` fields and may hold a ``|`` of its own."""
    text = (Path(__file__).parent / "data" / name).read_text(encoding="utf-8")
    return [line.split("|", fields - 1) for line in text.splitlines() if line and not line.startswith("#")]
