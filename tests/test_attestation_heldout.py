"""Held-out sample documents: written with their expected facts BEFORE the readers were tuned, and
never tuned to (different layouts, label wording and phrasing from the samples the readers were
built on). Each fact is its own test case, so a regression names the fact."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from attestation_samples import DATA, attestation_pdfs  # noqa: F401  (fixture)
from auditor.attestations import read_file

EXPECTED = yaml.safe_load((DATA / "heldout" / "expected.yaml").read_text(encoding="utf-8"))
CASES = [(doc, fact) for doc, facts in EXPECTED.items() for fact in facts]


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value


def actual(facts, fact: str, expected):
    value = getattr(facts, fact)
    if fact == "period":
        return {"start": value.start.isoformat(), "end": value.end.isoformat()} if value else None
    if fact == "issuer":
        return {"name": value.name, "role": value.role.value} if value else None
    if fact == "cuecs":
        return len(value)
    if fact == "controls_with_exceptions":
        return [{"control": e.control, "criterion": e.criterion} for e in value]
    if fact == "subservice_organisations":
        return [{"name": s.name, "method": s.method.value} for s in value]
    if fact.endswith("by_severity"):
        return value.model_dump() if value else None
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return _plain(value)


@pytest.fixture(scope="module")
def heldout(attestation_pdfs):  # noqa: F811
    return {name: read_file(attestation_pdfs / "heldout" / f"{name}.pdf") for name in EXPECTED}


@pytest.mark.parametrize("doc,fact", CASES, ids=[f"{d}:{f}" for d, f in CASES])
def test_heldout_fact(heldout, doc, fact):
    expected = EXPECTED[doc][fact]
    if isinstance(expected, date):
        expected = expected.isoformat()
    assert actual(heldout[doc], fact, expected) == expected


@pytest.mark.parametrize("doc", list(EXPECTED))
def test_heldout_document_is_readable(heldout, doc):
    assert heldout[doc].readable, heldout[doc].missing
