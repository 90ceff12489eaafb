"""Severity ladders that count from 0 ("Sev 0", "P0"), and business time in SLA tables (issue #15).
Documents written for these tests."""

from __future__ import annotations

import pytest

ZERO_BASED = """# Support

| Priority | Meaning | First response |
| --- | --- | --- |
| 0 | Outage: the platform is down for everyone | Within one business hour |
| 1 | Major: a key feature fails with no workaround | Within four business hours |
| 2 | Minor: degraded, a workaround exists | Within two business days |
| 3 | Question about a feature | Within three business days |
"""

NAMED_ZERO = """# Support

| **Severity** | **Meaning** | **First response** |
| --- | --- | --- |
| Sev 0 | Outage | 30 minutes |
| Sev 1 | Major | 2 hours |
| Sev 2 | Minor | 1 business day |
"""

ONE_BASED = """# Support

| Severity | Meaning | First response |
| --- | --- | --- |
| 1 | Outage | 1 hour |
| 2 | Major | 4 hours |
| 3 | Minor | 2 business days |
"""


def _sla(cli, text: str) -> dict[str, tuple[str | None, bool, int]]:
    path = cli.workspace / "sla.md"
    path.write_text(text, encoding="utf-8")
    data = cli.json("claims", "extract", str(path))
    return {s["severity"]: (s["response"], s["business_time"], s["citation"]["line"]) for s in data["sla"]}


@pytest.mark.parametrize(("text", "expected"), [
    (ZERO_BASED, {"critical": ("PT1H", True, 5), "high": ("PT4H", True, 6), "medium": ("P2D", True, 7),
                  "low": ("P3D", True, 8)}),
    (NAMED_ZERO, {"critical": ("PT30M", False, 5), "high": ("PT2H", False, 6), "medium": ("P1D", True, 7)}),
    (ONE_BASED, {"critical": ("PT1H", False, 5), "high": ("PT4H", False, 6), "medium": ("P2D", True, 7)}),
])
def test_a_ladder_counts_from_its_first_level(cli, text, expected):
    assert _sla(cli, text) == expected


def test_sev_0_in_a_sentence_is_the_most_severe_level(cli):
    path = cli.workspace / "prose.md"
    path.write_text("# Support\n\nSev 0 incidents: we respond within 15 minutes, around the clock.\n", encoding="utf-8")
    data = cli.json("claims", "extract", str(path))
    assert [(s["severity"], s["response"]) for s in data["sla"]] == [("critical", "PT15M")]


def test_a_list_ladder_from_severity_0_shifts_every_level(cli):
    path = cli.workspace / "list.md"
    path.write_text("# Support targets\n\n- Severity 0: first response within two business hours\n"
                    "- Severity 1: first response within one business day\n"
                    "- Severity 2: first response within three business days\n", encoding="utf-8")
    data = cli.json("claims", "extract", str(path))
    assert {s["severity"]: (s["response"], s["business_time"]) for s in data["sla"]} == {
        "critical": ("PT2H", True), "high": ("P1D", True), "medium": ("P3D", True)}


def test_a_support_tier_named_level_0_does_not_shift_severities(cli):
    path = cli.workspace / "tier.md"
    path.write_text("# Support\n\nLevel 0 support is our self-service help centre.\n\n"
                    "- Severity 1: first response within 1 hour\n- Severity 2: first response within 4 hours\n",
                    encoding="utf-8")
    data = cli.json("claims", "extract", str(path))
    assert {s["severity"]: s["response"] for s in data["sla"]} == {"critical": "PT1H", "high": "PT4H"}
