"""Properties of the claim extractor's parsers: durations and ranges, severities, country names.

The inputs are generated (derandomized, bounded): any number in any digit script, any unit,
business time or not, any range connector; every severity spelling of the lexicon; every plain
country name of the places table in English and Arabic, in several sentence shapes.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.claims.normalise import normalise
from auditor.claims.reading import document_from_text
from auditor.model.base import CountryCode, parse_duration
from auditor.workspace import package_data

PROPS = settings(max_examples=120, derandomize=True, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def extractor():
    from auditor.catalog.loader import load_catalog
    from auditor.claims import build_extractor

    return build_extractor(load_catalog(None).controls)


def digits(n: int, script: str) -> str:
    base = {"ascii": ord("0"), "arabic-indic": 0x0660, "persian": 0x06F0}[script]
    return "".join(chr(base + int(d)) for d in str(n))


UNITS = {"minute": ("minute", "minutes", timedelta(minutes=1)), "hour": ("hour", "hours", timedelta(hours=1)),
         "day": ("day", "days", timedelta(days=1)), "week": ("week", "weeks", timedelta(weeks=1))}
scripts = st.sampled_from(["ascii", "arabic-indic", "persian"])


# durations and ranges ----------------------------------------------------------------------------

@PROPS
@given(n=st.integers(1, 9999), unit=st.sampled_from(sorted(UNITS)), business=st.booleans(), script=scripts,
       lead=st.sampled_from(["within", "in", "no later than", "up to", ""]))
def test_a_stated_duration_reads_back_exactly(extractor, n, unit, business, script, lead):
    singular, plural, length = UNITS[unit]
    word = singular if n == 1 else plural
    text = f"{lead} {digits(n, script)} {'business ' if business else ''}{word}".strip()
    hits = extractor.durations.find(normalise(text))
    assert len(hits) == 1, (text, hits)
    hit = hits[0]
    assert (hit.low, hit.high, hit.unit, hit.business) == (n, n, unit, business)
    assert parse_duration(hit.iso) == n * length


@PROPS
@given(a=st.integers(1, 999), b=st.integers(1, 999), unit=st.sampled_from(sorted(UNITS)), script=scripts,
       connector=st.sampled_from(["-", " - ", "\u2013", " \u2014 ", " to ", "~"]))
def test_a_range_commits_to_its_worst_end(extractor, a, b, unit, script, connector):
    if a == b:
        b = a + 1
    text = f"response within {digits(a, script)}{connector}{digits(b, script)} {UNITS[unit][1]}"
    hits = extractor.durations.find(normalise(text))
    if connector == "~":  # not a range connector: at most the second number with its unit
        assert all(h.high == b for h in hits)
        return
    assert len(hits) == 1, (text, hits)
    assert (hits[0].low, hits[0].high) == (min(a, b), max(a, b))
    assert parse_duration(hits[0].iso) == max(a, b) * UNITS[unit][2]


@PROPS
@given(a=st.integers(1, 99), b=st.integers(1, 99), script=scripts,
       template=st.sampled_from(["خلال {a} ساعة", "من {a} إلى {b} ساعات", "{a}-{b} أيام عمل", "خلال {a} يوم عمل",
                                 "بين {a} و {b} ساعة", "within {a}-{b} business days"]))
def test_digit_scripts_read_the_same(extractor, a, b, script, template):
    ascii_text = template.format(a=a, b=b)
    other = template.format(a=digits(a, script), b=digits(b, script))
    read = [(h.low, h.high, h.unit, h.business) for h in extractor.durations.find(normalise(ascii_text))]
    assert read == [(h.low, h.high, h.unit, h.business) for h in extractor.durations.find(normalise(other))]
    assert read, ascii_text


@PROPS
@given(st.text(max_size=120))
def test_any_line_gives_well_formed_duration_hits(extractor, text):
    line = normalise(text)
    hits = extractor.durations.find(line)
    previous_end = 0
    for hit in hits:
        assert previous_end <= hit.start < hit.end <= len(line)  # sorted, not overlapping, inside the line
        previous_end = hit.end
        assert 0 <= hit.low <= hit.high
        assert parse_duration(hit.iso) >= timedelta(0)


# severities ---------------------------------------------------------------------------------------

SEVERITY_SPELLINGS = {
    "critical": ["Critical", "CRITICAL", "Urgent", "Emergency", "P1", "Priority 1", "Sev 1", "Severity 1", "S1",
                 "حرج", "عاجل", "طارئ", "الأولوية 1", "الخطورة ١"],
    "high": ["High", "Major", "P2", "Priority 2", "Sev 2", "Severity 2", "عالية", "مرتفع", "الأولوية ٢"],
    "medium": ["Medium", "Moderate", "Normal", "P3", "Priority 3", "Severity 3", "متوسط", "معتدلة", "الخطورة 3"],
    "low": ["Low", "Minor", "Trivial", "P4", "Priority 4", "Severity 4", "منخفض", "طفيفة", "المستوى 4"],
}
SEVERITY_CASES = [(level, spelling) for level, spellings in SEVERITY_SPELLINGS.items() for spelling in spellings]


@PROPS
@given(case=st.sampled_from(SEVERITY_CASES), n=st.integers(1, 72), script=scripts,
       separator=st.sampled_from([": ", " - ", " – ", " | "]))
def test_every_severity_spelling_maps_to_its_level(extractor, case, n, script, separator):
    level, spelling = case
    arabic = bool(re.search("[\u0600-\u06ff]", spelling))
    body = f"الاستجابة خلال {digits(n, script)} ساعة" if arabic else f"response within {digits(n, script)} hours"
    extraction = extractor.extract([document_from_text(f"{spelling}{separator}{body}\n")])
    found = [(s.severity.value, s.response) for s in extraction.sla]
    assert found == [(level, f"PT{n}H")], (spelling, found)


# country names ------------------------------------------------------------------------------------

def _plain_country_names() -> list[tuple[str, str, str]]:
    data = yaml.safe_load(package_data("places.yaml").read_text(encoding="utf-8"))
    names = []
    for code, spellings in data["countries"].items():
        for language in ("en", "ar"):
            for name in spellings.get(language, []):
                if re.fullmatch(r"[\w .'’-]+", name) and "(?" not in name:  # plain names, not patterns
                    names.append((code, language, name))
    return names


COUNTRY_NAMES = _plain_country_names()
TEMPLATES = {"en": ["Our data is hosted in {}.", "Customer data is stored in data centers in {}.",
                    "All servers are located in {}", "We host everything in {} (primary region)."],
             "ar": ["نستضيف البيانات في {}", "يتم تخزين جميع البيانات في {}", "خوادمنا موجودة في {}."]}


def test_the_places_table_holds_plain_names_for_most_countries():
    codes = {code for code, _, _ in COUNTRY_NAMES}
    assert len(codes) >= 190 and all(re.fullmatch(r"[A-Z]{2}", c) for c in codes)


@PROPS
@given(entry=st.sampled_from(COUNTRY_NAMES), shape=st.integers(0, 3), upper=st.booleans())
def test_a_country_named_as_a_hosting_place_is_its_iso_code(extractor, entry, shape, upper):
    code, language, name = entry
    templates = TEMPLATES[language]
    text = templates[shape % len(templates)].format(name.upper() if upper and language == "en" else name)
    extraction = extractor.extract([document_from_text(text + "\n")])
    countries = {(loc.country, loc.role.value) for loc in extraction.locations}
    assert (code, "hosting") in countries, (text, countries)
    for loc in extraction.locations:
        CountryCode.__metadata__[0].func(loc.country)  # every code the extractor emits is ISO alpha-2 shaped


def test_every_plain_country_name_is_read_as_its_code(extractor):
    """All of them, not a sample: one hosting sentence per name and language, each on its own."""
    wrong = []
    for code, language, name in COUNTRY_NAMES:
        text = TEMPLATES[language][0].format(name)
        found = {loc.country for loc in extractor.extract([document_from_text(text + "\n")]).locations}
        if found != {code}:
            wrong.append(f"{name!r} -> {sorted(found)} (want {code})")
    assert not wrong, f"{len(wrong)} of {len(COUNTRY_NAMES)}: " + "; ".join(wrong[:20])
