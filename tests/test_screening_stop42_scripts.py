"""A name in a script the lists' spelling cannot be read from (stop 42, dev14; Burmese is read since stop 44): Khmer, Devanagari, Tamil,
Ethiopic, and kanji written for a Japanese party. The lists spell every name in Latin letters; such a name is read
only by a machine transliteration no list uses, so it is never reported clear: not screened, with a warning that
says why. Names in the scripts the tool does read (Cyrillic, Arabic, Chinese, Korean, Greek, Hebrew) are screened
as before."""

from __future__ import annotations

import json

import pytest

from auditor.model.enums import ScreeningStatus
from auditor.screening.scripts import unread_script
from conftest import REPO
from screeningkit import assert_flagged, full_screener
from screeningkit import present as lists_present

SDN = str(REPO.parent / "shared" / "reference" / "ofac" / "sdn_sample.csv")


@pytest.mark.parametrize("name, country, script", [
    ("ဇော်ဝင်း", None, None),                 # Burmese is read syllable by syllable since stop 44 (ZAW WIN)
    ("សុខ ចាន់", None, "Khmer"),
    ("राजेश कुमार", None, "Devanagari"),
    ("ሰላም ተስፋዬ", None, "Ethiopic"),
    ("山本商事株式会社", "JP", "Japanese kanji"),
    ("やまもと しょうじ", None, None),   # kana alone are read as the lists romanise them
    ("山本商事", None, None),            # kanji for no Japanese party: read with Chinese readings
    ("Владимир Петров", None, None),
    ("شركة النور", None, None),
    ("김민준", None, None),
    ("Oʻzbekiston Havo Yoʻllari", None, None),   # a modifier letter is a mark, not a script
    ("Ａｃｍｅ Ｔｒａｄｉｎｇ", None, None),      # fullwidth letters are Latin letters
])
def test_the_script_a_name_cannot_be_compared_in(name, country, script):
    assert unread_script(name, country) == script


@pytest.fixture(scope="module")
def full():
    return full_screener()


@lists_present
def test_a_name_in_an_unread_script_is_not_screened_never_clear(full):
    from auditor.screening.screen import screen_party

    screener = full
    result = screen_party(screener, "ሰላም ተስፋዬ")
    assert result.status is ScreeningStatus.NOT_SCREENED
    assert any("Ethiopic script" in w and "Latin letters" in w for w in result.warnings), result.warnings
    # a name in a script the tool reads stays clear when nothing is found
    plain = screen_party(screener, "Петров Строй")
    assert plain.status is ScreeningStatus.CLEAR and not any("script" in w for w in plain.warnings), plain


def test_the_cli_reports_such_a_name_not_screened_with_its_warning(cli):
    result = cli("screen", "--name", "ሰላም ተስፋዬ", "--list", SDN, "--list-date", "2024-05-03", "--format", "json")
    data = json.loads(result.stdout)
    assert data["status"] == "not_screened", data
    assert any("Ethiopic script" in w for w in data["warnings"]), data
    # the batch gives the same status on its line
    clean = cli("screen", "--name", "Acme Trading GmbH", "--list", SDN, "--list-date", "2024-05-03", "--format", "json")
    assert json.loads(clean.stdout)["status"] == "clear"


def test_a_pinyin_name_with_its_given_name_joined_is_read_in_wade_giles():
    from auditor.screening.systems import other_system

    assert other_system("Shi Guoneng")[0] == "shih kuo neng"
    assert other_system("Duan Shaogui")[0] == "tuan shao kuei"
    # a name that is no pinyin, or whose given name is one syllable, is left alone
    assert other_system("Mary Johnson") is None and other_system("Zhang Wei") is None


def test_an_abd_compound_written_apart_is_also_read_joined():
    from auditor.screening.systems import abd_joined

    assert abd_joined("Abdul Majeed al-Zindani") == "abdulmajeed al-zindani"
    assert abd_joined("Abd al-Majid al-Zindani") == "abdalmajid al-zindani"
    assert abd_joined("Abdullah Ahmed") is None and abd_joined("Mary Abbott") is None


@lists_present
@pytest.mark.parametrize("query, entry", [
    ("Chen Meixiang", "SDN-26928"),                               # CHEN, Mei Hsiang (Taiwan)
    ("Shi Guoneng", "SDN-11280"),                                 # SHIH, Kuo Neng
    ("Lou Trading and Investment Co.,Limitted", "SDN-27589"),     # a misspelt legal form after a comma: no given name
    ("Sherkat-e Petroshimi Amir Kabir", "SDN-40757"),             # AMIR KABIR PETROCHEMICAL COMPANY
    ("Abdul Majeed al-Zindani", "SDN-8175"),                      # AL-ZINDANI, Abdelmajid: the Abd compound joined
    ("قوة التدخل السريع", "SDN-31191"),                            # RAPID INTERVENTION FORCE
])
def test_names_read_as_the_lists_write_them(full, query, entry):
    assert_flagged(full, query, entry)


@lists_present
@pytest.mark.parametrize("query", ["Chen Xiaoli", "Zhang Lihua"])
def test_a_reading_in_wade_giles_counts_only_word_for_word(full, query):
    """chen hsiao li is not Hao Li Chen: a split given name has a word more to be near other names with."""
    from auditor.model.enums import ScreeningStatus

    hits = [h for h in full.names(query, "party", country="CN") if "Wade-Giles" in h.reason]
    assert not [h for h in hits if h.status in (ScreeningStatus.MATCH, ScreeningStatus.REVIEW)], hits
