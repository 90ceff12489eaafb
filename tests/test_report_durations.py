"""Durations as people say them: "30 days", "4 business hours", "يوم عمل واحد"; ISO 8601 only in
JSON, CSV and OSCAL, never in the table, Markdown, `explain` or the PDF."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from conftest import Cli

from auditor.durations import delta_in_words, durations_in_text, has_iso_duration, in_words


@pytest.mark.parametrize("iso, english", [
    ("P30D", "30 days"), ("PT1H", "1 hour"), ("P1D", "1 day"), ("P12M", "12 months"), ("P1Y", "1 year"),
    ("P2W", "2 weeks"), ("PT90M", "90 minutes"), ("P1DT4H", "1 day and 4 hours"),
    ("P1Y2M3D", "1 year, 2 months and 3 days"),
])
def test_english_words(iso, english):
    assert in_words(iso) == english


def test_business_time_in_english():
    assert in_words("PT4H", business=True) == "4 business hours"
    assert in_words("P1D", business=True) == "1 business day"
    assert durations_in_text("within PT4H business time") == "within 4 business hours"
    assert durations_in_text("up to P1D in business time, policy P30D") == "up to 1 business day, policy 30 days"


@pytest.mark.parametrize("iso, business, arabic", [
    ("P1D", True, "يوم عمل واحد"),       # one: the noun, then "one"
    ("P2D", True, "يوما عمل"),           # two: the dual
    ("P3D", True, "3 أيام عمل"),         # 3 to 10: the plural
    ("P11D", False, "11 يومًا"),         # 11 to 99: the singular, accusative
    ("P30D", False, "30 يومًا"),
    ("P100D", False, "100 يوم"),         # hundreds: the singular, genitive
    ("PT1H", False, "ساعة واحدة"),
    ("PT2H", False, "ساعتان"),
    ("PT4H", True, "4 ساعات عمل"),
    ("P12M", False, "12 شهرًا"),
    ("P1Y", False, "سنة واحدة"),
])
def test_arabic_number_agreement(iso, business, arabic):
    assert in_words(iso, "ar", business=business) == arabic


def test_arabic_dual_after_a_preposition():
    assert in_words("P2D", "ar", genitive=True) == "يومين"
    assert in_words("PT2H", "ar", business=True, genitive=True) == "ساعتي عمل"


def test_computed_spans_in_words():
    assert delta_in_words(timedelta(hours=1)) == "1 hour"
    assert delta_in_words(timedelta(hours=50)) == "2 days and 2 hours"
    assert delta_in_words(timedelta(minutes=30)) == "30 minutes"
    assert delta_in_words(timedelta(days=3), "ar") == "3 أيام"


def test_ids_that_look_like_durations_are_left_alone():
    text = "SOC 2 P6.6, PDF, P1, PT, P3D-2, sha P30DX, /P30D/"
    assert durations_in_text(text) == text
    assert has_iso_duration("policy requires P30D") == ["P30D"]


@pytest.fixture
def samples(sample_workspace):
    return Cli(sample_workspace)


def _dossiers(cli: Cli) -> list[str]:
    return sorted(p.name for p in (cli.workspace / "evidence").iterdir() if (p / "vendor.yaml").is_file())


def test_no_iso_duration_in_table_markdown_or_explain(samples):
    checked = 0
    for vendor in _dossiers(samples):
        table = samples("audit", vendor, "--no-record")
        assert table.exit_code in (0, 1), table.output
        assert not has_iso_duration(table.stdout), (vendor, has_iso_duration(table.stdout))
        md = samples("audit", vendor, "--format", "md")
        assert not has_iso_duration(md.stdout), (vendor, has_iso_duration(md.stdout))
        data = json.loads(samples("audit", vendor, "--format", "json").stdout)
        sla = [r for r in data["sla"] if r["required_response"]]
        assert all(r["required_response"].startswith("P") for r in sla)  # JSON keeps ISO 8601
        for fw in data["frameworks"]:
            for req in fw["requirements"]:
                if any(c in ("support-sla", "auto-renewal-notice", "termination-data-export") for c in req["controls"]):
                    out = samples("explain", vendor, fw["id"], req["id"])
                    assert out.exit_code == 0, out.output
                    assert not has_iso_duration(out.stdout), (vendor, req["id"], has_iso_duration(out.stdout))
                    checked += 1
                    break
    assert checked >= 3


def test_no_iso_duration_in_the_pdf_text(samples, tmp_path):
    from poppler import normalised, pdftotext

    for vendor in ("zoho-crm", "zoho-partner-support"):
        out = tmp_path / f"{vendor}.pdf"
        result = samples("report", vendor, "--out", str(out))
        assert result.exit_code in (0, 1), result.output
        text = normalised(pdftotext(out))
        assert "Support response times" in text
        assert not has_iso_duration(text), (vendor, has_iso_duration(text))
