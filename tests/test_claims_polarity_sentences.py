"""Denials, hedges and protective negations in other words (stop 42): 87 sentences of our own (14 in Arabic), each read alone. A
swap between affirmed and denied is the error a signed report can least afford, so each sentence also checks that
the opposite reading is absent."""

from __future__ import annotations

import pytest

import claimskit
from claimskit import found_on, sentence_rows

_CASES = sentence_rows("polarity_sentences.txt", 3)
_OPPOSITE = {"affirmed": "denied", "denied": "affirmed", "hedged": "denied"}


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


def _read(extractor, sentence: str) -> set[tuple[str, str]]:
    """(item, polarity) with "hedged" for an affirmed reading flagged hedged and "soc2" for either SOC 2 type."""
    out = set()
    for item, polarity in found_on(extractor, sentence):
        item = item.rstrip("*")
        item = "soc2" if item.startswith("soc2-") else item
        out.add((item, "hedged" if polarity == "affirmed?" else polarity.rstrip("?")))
    return out


@pytest.mark.parametrize("item, polarity, sentence", _CASES, ids=[s[:50] for _, _, s in _CASES])
def test_a_statement_is_read_with_its_polarity(extractor, item, polarity, sentence):
    found = _read(extractor, sentence)
    assert (item, polarity) in found, found
    assert (item, _OPPOSITE[polarity]) not in found, found
