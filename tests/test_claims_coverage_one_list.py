"""Support coverage is written in one list (language.yaml `coverage`): the same forms that give an
SLA row or a channel its coverage state the support-hours control and give that claim its
`coverage` attribute. Before, the control carried its own copy of the forms, which drifted."""

from __future__ import annotations

import pytest

import claimskit
from claimskit import read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


@pytest.mark.parametrize("line, coverage", [
    ("Our support desk is staffed 24x7x365.", "24x7"),
    ("The help desk answers 7x24 for production outages.", "24x7"),
    ("Standard support is provided 10x5 by our engineers.", "10x5"),
    ("Premium support is available around the clock, five days a week.", "24x5"),
    ("فريق الدعم متاح على مدار الساعة طوال أيام الأسبوع.", "24x7"),
    ("Support is reachable 365 days a year.", "24x7"),
])
def test_a_coverage_form_states_support_hours_with_its_value(extractor, line, coverage):
    extraction = read(extractor, f"# Support\n\n{line}\n")
    hours = [c for c in extraction.claims if c.control == "support-hours"]
    assert hours, [c.control for c in extraction.claims]
    assert hours[0].attributes.get("coverage") == coverage, hours[0].attributes


def test_support_hours_vocabulary_does_not_repeat_the_coverage_forms():
    import re
    from pathlib import Path

    import yaml
    path = Path(__file__).resolve().parents[1] / "controls" / "support-hours.yaml"
    vocabulary = yaml.safe_load(path.read_text(encoding="utf-8"))["vocabulary"]
    for form in ("24x7", "7x24", "8x5", "24/7", "around the clock", "على مدار الساعة"):
        repeats = [p for p in vocabulary["en"] + vocabulary["ar"] if re.search(p, form, re.IGNORECASE)]
        assert not repeats, (form, repeats)


def test_monitoring_round_the_clock_is_still_not_support_hours(extractor):
    extraction = read(extractor, "# Operations\n\nInfrastructure alerts are monitored 24/7 by the platform team.\n")
    assert not [c for c in extraction.claims if c.control == "support-hours"]
