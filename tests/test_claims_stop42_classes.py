"""Classes of misreading found at stop 42, written in our own words, each with a look-alike that must keep its
reading: a response time of two or more digits, other verbs of answering, and what the customer is told it will
receive (the vendor's promise, not the customer's duty)."""

from __future__ import annotations

import pytest

import claimskit
from claimskit import found_on


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


@pytest.mark.parametrize("line", [
    "We reply to every request within 24 hours.",
    "Our support team answers within one business day.",
    "Support requests get a first response in under 4 hours.",
    "Our agents get back to you within 12 hours.",
])
def test_a_response_time_in_other_words_is_a_support_sla(extractor, line):
    assert ("support-sla", "affirmed") in found_on(extractor, line), line


def test_a_reply_without_a_time_is_no_sla(extractor):
    assert "support-sla" not in {item for item, _ in found_on(extractor, "We reply to every message we receive.")}


@pytest.mark.parametrize("line, item", [
    ("You will hear back from us within 2 business days.", "support-sla"),
    ("You'll be notified within 72 hours of a breach.", "breach-notification"),
    ("You will receive a reply within one business day.", "support-sla"),
])
def test_what_the_customer_will_receive_is_the_vendors_promise(extractor, line, item):
    assert (item, "affirmed") in found_on(extractor, line), line


def test_what_the_customer_will_need_to_do_stays_theirs(extractor):
    found = found_on(extractor, "You will need to enable MFA for your users.")
    assert ("mfa", "affirmed") not in found, found
