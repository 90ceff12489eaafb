"""Chinese names read the other ways the lists write them, and Arabic qaf read as gh (chinese.py, stop 38).

Classes: a Hong Kong person's name in Han characters read in the Hong Kong Government's Cantonese romanisation; a
family name read in its own reading (仇 qiu, not chou); a name written family name first against a listed LAST, First
with the given syllables run together on one side; a two-syllable pinyin word the lists write apart; and ق written
q, k or gh. Each with a name that only looks like a listed one left clear. Full-list cases are skipped when the SDN
list of 2024-05-03 is not there.
"""

from __future__ import annotations

import pytest

from auditor.screening.chinese import cantonese, family_agrees, han_readings, pinyin_halves, surname_reading
from auditor.screening.normalize import normalize_name
from auditor.screening.keys import consonants
from auditor.screening.spelling import family_first_likeness
from screeningkit import full_screener
from screeningkit import present as lists_present


def test_hong_kong_names_are_read_in_cantonese_without_voiced_openings():
    assert cantonese("鄧炳強") == "tang ping keung"     # bing comes voiced only: written ping
    assert cantonese("蔡展鵬") == "choi chin pang"      # chin, not jin; pang, not paang
    assert cantonese("深圳市科技") is None              # no person's name


def test_a_given_syllable_takes_the_spelling_most_listed_names_hold():
    usage = {"ki": 40, "kee": 3, "kei": 5}.get
    assert cantonese("陳國基", lambda w: usage(w, 0)) == "chan kwok ki"
    assert cantonese("陳國基").startswith("chan kwok")   # family name: its first spelling, whatever the lists hold


def test_a_family_name_has_its_own_reading():
    assert surname_reading("仇鸿") == "qiu hong"
    assert surname_reading("王伟") is None               # read alike in running text
    assert surname_reading("仇") is None                 # one character is no name


def test_a_reading_of_a_person_must_keep_the_family_name():
    assert family_agrees("chan kwok ki", "CHAN, Kwok-ki")
    assert not family_agrees("cheung wai", "LO, Wai-chung")
    assert not family_agrees("cheung man", "CHO'NG, Man-pok")   # near is not enough for a family name
    assert all(how.startswith("read as a person's name") for _, how in han_readings("仇鸿"))


def test_family_name_first_with_given_syllables_run_together():
    listed = normalize_name("SUN, Shi Mei", person=True)
    assert family_first_likeness(lambda a, b: 100.0 if a == b else 0.0, normalize_name("Sun Shimei"), listed) == 100
    assert family_first_likeness(lambda a, b: 100.0 if a == b else 0.0, normalize_name("Sun Shiming"), listed) == 0


def test_a_two_syllable_pinyin_word_is_split():
    assert pinyin_halves("shenyang") == ("shen", "yang")
    assert pinyin_halves("jingcheng") == ("jing", "cheng")
    assert pinyin_halves("london") is None
    assert pinyin_halves("hassan") is None


def test_qaf_and_ghayn_are_one_letter():
    assert consonants("dehghan") == consonants("dhqan")   # دهقان folded
    assert consonants("qasim") == consonants("kasim")
    assert consonants("hajj") != consonants("hakk")      # jim stays apart


@pytest.fixture(scope="module")
def full():
    return full_screener()


@lists_present
@pytest.mark.parametrize("query, entry", [
    ("陳國基", "SDN-29260"),      # CHAN, Kwok-ki (Cantonese)
    ("鄧炳強", "SDN-29242"),      # TANG, Ping-keung
    ("仇鸿", "SDN-32473"),        # QIU, Hong (the family name's reading)
    ("孫詩梅", "SDN-30288"),      # SUN, Shi Mei (family name first)
    ("Shenyang Jingcheng Machinery Import & Export Co Ltd", "SDN-29118"),   # SHEN YANG JING CHENG
    ("حامد دهقان", "SDN-27159"),   # DEHGHAN, Hamed (qaf as gh)
])
def test_listed_names_read_otherwise_are_found(full, query, entry):
    assert entry in {hit.entry_id for hit in full.names(query, "party")}


@lists_present
@pytest.mark.parametrize("query, listed", [
    ("張偉", "SDN-29244"),       # cheung wai holds LO, Wai-chung's given names, not his family name
    ("成龍", "40902"),           # shing lung is not the vessel LIANG SHENG
    ("张敏", "SDN-23504"),       # cheung man is not CHO'NG, Man-pok
    ("Shenyang Sunrise Trading Co Ltd", "SDN-29118"),
])
def test_look_alikes_are_left_clear(full, query, listed):
    assert listed not in {hit.entry_id.replace("SDN-", "") if listed.isdigit() else hit.entry_id
                          for hit in full.names(query, "party")}
