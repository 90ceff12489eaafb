"""Classes of misreading found at stop 36 on a new dev set of real pages, each written in our own words:
a certificate's name is an attestation, not a claim about the management system it certifies; a page
exported from a web framework (HTML or JSX in a Markdown file) hard-wraps its paragraphs and spreads a
tag's attributes over several lines.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import items, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


@pytest.mark.parametrize("text", [
    "Acme is ISO 27001 certified.",
    "We hold an ISO/IEC 27001:2022 certificate for the hosting platform.",
    "| ISO 27001 | Certified |",
])
def test_a_certificate_named_is_an_attestation_and_no_claim_about_the_isms(extractor, text):
    doc = "# Compliance\n\n| Standard | Status |\n|---|---|\n" + text if text.startswith("|") else text
    found = items(read(extractor, doc))
    assert any(item == "iso27001" for item, _, _ in found), found
    assert not any(item == "isms-governance" for item, _, _ in found), found


def test_the_management_system_itself_is_still_a_claim(extractor):
    found = items(read(extractor, "We run an information security management system reviewed by management every year."))
    assert ("isms-governance", 1, "affirmed") in found, found


PAGE = """export default function Trust() {
  return (
    <section>
      <h3>Staff</h3>
      <p>
        Every person we hire completes information security
        awareness training before they are given any access.
      </p>
      <p>
        Contractors sign a confidentiality agreement on their
        first day.
      </p>
      <img
        src="/images/badges/soc2-type2.svg"
        alt="SOC 2 Type 2"
        className="badge"
      />
      <a
        href="/blog/our-iso-27001-journey"
      >
        Read more
      </a>
    </section>
  );
}
"""


def test_a_hard_wrapped_paragraph_inside_page_markup_is_read_as_one(extractor):
    found = items(read(extractor, PAGE))
    assert ("security-awareness-training", 6, "affirmed") in found, found
    assert ("confidentiality-agreements", 10, "affirmed") in found, found


def test_the_attributes_of_a_tag_spread_over_lines_state_nothing(extractor):
    found = items(read(extractor, PAGE))
    assert not {f for f in found if f[1] in range(13, 21)}, found
