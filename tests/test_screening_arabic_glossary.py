"""Generic words of Arabic, Persian, Korean and Chinese names read as the lists translate or romanise them (stop 39).

Broadcasters, clubs, projects and products; a Persian plural joined by a zero-width non-joiner; a word the lists
translate two ways (نفط PETROLEUM or OIL); a joint venture written JV, JVC or in full; a pe then a heh (سپهر) is no
f; a Han character read in names otherwise than alone (长 chang). Names written for these tests, with look-alikes
that must stay clear. Hits against the full SDN list of 2024-05-03 and the real CSL extract; skipped without them.
"""

from __future__ import annotations

import pytest

from auditor.screening.glossary import translated
from auditor.screening.normalize import fold, normalize_name
from auditor.screening.keys import consonants
from screeningkit import assert_clear, assert_flagged, full_screener
from screeningkit import present as lists_present


@pytest.fixture(scope="module")
def full():
    return full_screener()


def test_a_persian_plural_after_a_non_joiner_is_the_plural_and_a_joined_word_no_glossary_word():
    assert translated("زندان‌های استان یزد").split()[:3] == ["prisons", "province", "yazd"]   # a city read as the lists write it (stop 40)
    # سازمان‌یافته (organised) goes on after the non-joiner: not سازمان (organisation) and a stray ending
    reading = translated("گروه سازمان‌یافته کرمان")
    assert "organized" in reading.split() and "organization" not in reading


def test_a_word_the_lists_translate_two_ways_gives_both_readings():
    assert translated("شركة الواحة للنفط").split()[-1] == "petroleum"
    assert translated("شركة الواحة للنفط", second=True).split()[-1] == "oil"
    assert translated("شرکت نفت خزر", second=True) == translated("شرکت نفت خزر")   # Persian: oil only


def test_english_words_of_a_half_translated_reading_are_english():
    # "and" in a reading that keeps an Arabic word is the English stopword, not a name's consonants
    norm = normalize_name("company \u0627\u0644 \u0646\u0648\u0631 navigation and trade")
    assert "and" not in norm.informative and "nd" not in norm.consonant_key


def test_jv_and_jvc_are_a_joint_venture_written_short():
    assert normalize_name("SAMIL TRADING JVC").tokens == normalize_name("Samil Trading Joint Venture").tokens
    assert normalize_name("SAMIL TRADING JV CO").tokens == normalize_name("Samil Trading Joint Venture Co").tokens
    assert normalize_name("JVCKENWOOD").tokens == ("jvckenwood",)   # a word that only begins with the letters


def test_a_pe_then_heh_from_persian_script_is_no_f():
    assert consonants(fold("سپهری")) == consonants("sepehri")
    assert consonants("mustapha") == consonants("mustafa")   # a Latin ph still is


def test_a_han_character_of_its_own_reading_in_names():
    assert translated("长沙机械有限公司").startswith("changsha machinery")
    assert translated("廈門國際貿易有限公司").startswith("xiamen international")


def test_korean_generic_words_of_stop_40():
    assert translated("제일무역회사") == "first trading corporation"
    assert translated("농업은행") == "agricultural bank"
    assert translated("금강합영은행").endswith(" joint bank")


@lists_present
@pytest.mark.parametrize("query, entry", [
    ("قناة لانا", "SDN-26899"),                      # LANA TV: a broadcaster is a TV
    ("진명합영은행", "SDN-23006"),                     # JINMYONG JOINT BANK
    ("الشركة السورية لنقل النفط", "SDN-12870"),        # SYRIAN COMPANY FOR OIL TRANSPORT: نفط read as oil too
    ("بنك الشرق الأوسط", "SDN-17154"),                # MIDDLE EAST BANK
])
def test_translated_names_are_found(full, query, entry):
    assert_flagged(full, query, entry)


@lists_present
@pytest.mark.parametrize("query", [
    "قناة النور",              # another broadcaster
    "نادي الهلال",             # a football club
    "진달래합영회사",            # another joint venture
    "長城電子科技",              # another Chinese technology company
    "سازمان بنادر و دریانوردی",  # a ports organisation
    "اپرات",                   # no aircraft registration mark (EP-IRT) is a word read by its consonants
])
def test_look_alikes_stay_clear(full, query):
    assert_clear(full, query)
