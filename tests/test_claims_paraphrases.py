"""Known controls written in other words: 136 sentences of our own (stop 42), one or two per way a vendor page may
word a control, each read alone. A vocabulary change that loses one of them fails here."""

from __future__ import annotations

import pytest

import claimskit
from claimskit import found_on, sentence_rows

_CASES = sentence_rows("control_paraphrases.txt", 2)


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


@pytest.mark.parametrize("controls, sentence", _CASES, ids=[s[:50] for _, s in _CASES])
def test_a_control_in_other_words_is_read(extractor, controls, sentence):
    found = found_on(extractor, sentence)
    assert any((control, "affirmed") in found for control in controls.split(",")), found
