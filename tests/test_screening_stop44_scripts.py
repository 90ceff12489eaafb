"""Names in scripts the lists romanise by sound (stop 44, dev14 to dev16): Burmese syllable by syllable, Thai in the
Royal Thai General System, Hebrew letters by their place in the word. Before, a Burmese or Thai name was not screened
at all, and a Hebrew bet was always a b (SHARVIT was never met). The Burmese spellings here are written for these tests from the listed Latin names."""

from __future__ import annotations

import pytest

from auditor.screening.normalize import fold
from auditor.screening.phonetic import burmese, hebrew, thai
from auditor.screening.scripts import unread_script
from screeningkit import assert_flagged, full_screener
from screeningkit import present as lists_present


@pytest.mark.parametrize("written, read", [
    ("မောင်မောင်ကျော်", "maung maung kyaw"),   # the rhyme -aung, the medial ya: ky
    ("မင်းအောင်လှိုင်", "min aung hlaing"),     # the vowel carrier, the medial ha: hl
    ("သိန်းညွန့်", "thein nyun"),               # -ein; the medial wa before a closing n: -un
    ("တင်ဦး", "tin oo"),                       # an independent vowel is its own syllable
    ("စိုးဝင်း", "soe win"),                    # the high tone on -o: -oe
    ("တေဇ", "tay za"),                         # an open e is written ay
    ("ဆွေဆွေအောင်", "swe swe aung"),            # but we after the medial wa
    ("အေး", "aye"),                            # e on the vowel carrier alone
])
def test_burmese_is_read_syllable_by_syllable_as_the_lists_spell_it(written, read):
    assert burmese(written) == read
    assert fold(written) == read


def test_text_without_burmese_or_hebrew_is_left_alone():
    assert burmese("Acme Trading") == "Acme Trading" and hebrew("Acme Trading") == "Acme Trading"
    assert burmese("ACME ကျော် Ltd") == "ACME kyaw Ltd"   # only the Burmese run is read


def test_thai_is_read_in_the_royal_thai_system_with_a_companys_generic_words_in_english():
    assert thai("สมชาย ใจดี") == "somchai chaidi"
    # sara am as NFKC splits it is read as written (จำกัด limited)
    assert fold("บริษัท รุ่งริน จำกัด") == "company rungrin limited"
    assert fold("ร้านพลอยแดง") == "shop phloidaeng"   # Thai runs on: a generic word inside a word is still one
    assert thai("Acme") == "Acme"


def test_burmese_and_thai_are_no_longer_unread_scripts_but_khmer_still_is():
    assert unread_script("ဇော်ဝင်း") is None and unread_script("สมชาย ใจดี") is None
    assert unread_script("សុខ ចាន់") == "Khmer"


@pytest.mark.parametrize("written, read", [
    ("משה שרביט", "msh srvyt"),     # a bet after the first letter is a v
    ("בר יוסף", "br ywsf"),         # an opening bet stays b; a closing pe is f
    ("ברוך", "brwkh"),             # a closing kaf is kh
    ("ורד", "vrd"),                # an opening vav is a v
])
def test_hebrew_letters_are_read_by_their_place_in_the_word(written, read):
    assert fold(written) == read


@pytest.fixture(scope="module")
def full():
    return full_screener()


@lists_present
@pytest.mark.parametrize("query, entry", [
    ("မင်းအောင်လှိုင်", "SDN-27225"),    # HLAING, Min Aung
    ("သိန်းညွန့်", "SDN-31758"),         # NYUNT, Thein
    ("ကိုကိုဦး", "SDN-35836"),           # OO, Ko Ko
    ("ခင်ဖြူဝင်း", "SDN-44658"),         # WIN, Khin Phyu
    ("သန်းသန်းနွယ်", "SDN-32358"),       # NWE, Than Than
    ("נריה בן פזי", "SDN-48247"),       # BEN PAZI, Neriya
    ("שלום זיכרמן", "SDN-47324"),       # ZICHERMAN, Shalom
    ("ณัฐ รุ่งตะวันคีรี", "SDN-23651"),    # RUNGTAWANKHIRI, Nat
    ("สุวิทย์ พวงเพชร", "SDN-9531"),      # PHUANGPHET, Suwit
])
def test_listed_names_in_burmese_and_hebrew_are_found(full, query, entry):
    assert_flagged(full, query, entry)


@lists_present
@pytest.mark.parametrize("query", ["ကျော်စွာ", "နန်းခင်ဆွေ", "ရဲလင်း", "สมศักดิ์ ศรีสุข", "บริษัท การบินไทย จำกัด (มหาชน)"])
def test_common_burmese_and_thai_names_not_on_the_lists_stay_clear(full, query):
    from auditor.model.enums import ScreeningStatus

    hits = full.names(query, "party")
    assert not [h for h in hits if h.status in (ScreeningStatus.MATCH, ScreeningStatus.REVIEW)], hits


@lists_present
def test_a_name_read_by_sound_is_compared_with_a_note_that_the_lists_may_spell_it_otherwise(full):
    from auditor.model.enums import ScreeningStatus
    from auditor.screening.screen import screen_party

    result = screen_party(full, "ကျော်စွာ")
    assert result.status is ScreeningStatus.CLEAR
    assert any("Myanmar script" in w and "read as the lists usually romanise it" in w for w in result.warnings), result
    # a Latin name carries no such note; an unread script is still not screened
    assert not any("script" in w for w in screen_party(full, "Acme Trading GmbH").warnings)
    assert screen_party(full, "ሰላም ተስፋዬ").status is ScreeningStatus.NOT_SCREENED


def test_an_honorific_in_arabic_script_is_also_read_away():
    from auditor.screening.readings import readings

    read = [text for text, _ in readings("سید رضی موسوی")]
    assert "رضی موسوی" in read
    # a name of two words keeps both (the honorific may be all there is of a given name), and سعيد (Saeed), which
    # folds like سید, is no honorific
    assert "موسوی" not in [text for text, _ in readings("سید موسوی")]
    assert "رضا محمدی" not in [text for text, _ in readings("سعيد رضا محمدی")]


@lists_present
def test_a_listed_person_written_with_an_honorific_in_arabic_script_is_found(full):
    assert_flagged(full, "سید رضی موسوی", "SDN-12117")   # MUSAVI, Razi


def test_a_chinese_family_name_that_spells_a_legal_form_stays_a_name():
    from auditor.screening.normalize import normalize_name

    # PAO is a Russian PJSC in front of a company's name, and a family name in front of two Chinese syllables
    assert normalize_name("Pao Hua Chiang").tokens == ("pao", "hua", "chiang")
    assert normalize_name("Pao Hua Chiang").legal == ()
    assert normalize_name("PAO Lukoil").legal == ("jsc",) and normalize_name("PAO Lukoil").tokens == ("lukoil",)
    assert normalize_name("PAO Sberbank Rossii").legal == ("jsc",)


@lists_present
def test_a_chinese_name_opening_with_such_a_family_name_is_found(full):
    assert_flagged(full, "Pao Hua Chiang", "SDN-11287")   # PAO, Hua Chiang
