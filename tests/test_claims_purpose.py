"""What a vendor does not do with customer data, read as a privacy safeguard, not as a denial.

Each document is written in our own words, after shapes met on public vendor pages.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import controls, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


@pytest.mark.parametrize("sentence", [
    "Quillmoor does not use customer data to train machine learning models.",
    "We never train any models on your prompts or files.",
    "Your content is not used to train or refine our models.",
    "Quillmoor does not use client data for analytics, product research or model training.",
])
def test_not_training_on_customer_data_affirms_privacy_by_design(extractor, sentence):
    found = read(extractor, f"# Data use\n\n{sentence}\n")
    assert "privacy-by-design" in controls(found, "affirmed"), found.explain()
    assert "privacy-by-design" not in controls(found, "denied"), found.explain()


def test_training_on_customer_data_is_a_denial_a_reviewer_must_see(extractor):
    found = read(extractor, "# Data use\n\nWe use customer content to train and improve our AI models.\n")
    assert "privacy-by-design" in controls(found, "denied"), found.explain()


def test_arabic_not_training_on_customer_data_affirms_privacy_by_design(extractor):
    found = read(extractor, "# استخدام البيانات\n\nلا نستخدم بيانات العملاء لتدريب نماذج الذكاء الاصطناعي.\n")
    assert "privacy-by-design" in controls(found, "affirmed"), found.explain()


def test_training_staff_is_not_a_data_use(extractor):
    found = read(extractor, "# People\n\nWe train our support staff on your industry's terminology.\n")
    assert "privacy-by-design" not in controls(found) | controls(found, "denied"), found.explain()
