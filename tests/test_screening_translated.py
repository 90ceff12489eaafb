"""A company name in another script is screened as written and as translated (stop 36).

The lists translate many foreign names (COMMERCIAL BANK OF SYRIA, IRAN ALUMINUM COMPANY, MOSCOW INSTITUTE OF
HEAT TECHNOLOGY) where a party writes them in its own script; Russian generic words inflect. Against the full
SDN list of 2024-05-03 and the real CSL extract; skipped when they are not there.
"""

from __future__ import annotations

import pytest

from auditor.model.enums import ScreeningStatus
from auditor.screening.glossary import translated
from screeningkit import assert_clear, full_screener
from screeningkit import present as lists_present


@pytest.fixture(scope="module")
def full():
    return full_screener()


def test_russian_generic_words_are_translated_whatever_their_case():
    assert translated("Московского областного банка") == "moscow regional bank"   # genitive
    assert translated("Институт ядерной физики им. Будкера") == "institute nuclear physics Будкера"
    # a stem is no prefix of a longer word: Газпромнефть is a name, not "gas"
    assert translated("Газпромнефть") is None
    assert translated("Gazprom Neft") is None


def test_arabic_words_keep_their_clinging_and_and_chinese_words_run_on():
    assert translated("مركز الدراسات والبحوث") == "center studies and research"
    assert translated("上海国际贸易有限公司") == "shanghai international trading company limited"


@lists_present
@pytest.mark.parametrize("query, entry", [
    ("المصرف التجاري السوري", "SDN-12847"),                 # COMMERCIAL BANK OF SYRIA
    ("مجموعة الصناعات الكيميائية", "SDN-15644"),            # CHEMICAL INDUSTRIES GROUP
    ("شرکت آلومینیوم ایران", "SDN-28305"),                   # IRAN ALUMINUM COMPANY
    ("Московский институт теплотехники", "SDN-37662"),       # ... MOSCOW INSTITUTE OF HEAT TECHNOLOGY
    ("Государственный научно-исследовательский институт органической химии и технологии", "SDN-30723"),
])
def test_a_name_the_list_translates_is_found_in_the_partys_script(full, query, entry):
    hits = [h for h in full.names(query, "party") if h.entry_id == entry]
    assert hits and hits[0].status in (ScreeningStatus.MATCH, ScreeningStatus.REVIEW), full.names(query, "party")[:3]
    assert "read translated as" in hits[0].reason


@lists_present
def test_a_listed_name_of_generic_words_worded_a_little_otherwise_is_a_review(full):
    hits = [h for h in full.names("Chemical Industry Group", "party") if h.entry_id == "SDN-15644"]
    assert hits and hits[0].status is ScreeningStatus.REVIEW, hits


@lists_present
@pytest.mark.parametrize("query", [
    "Научно-исследовательский институт педиатрии",    # a research institute of paediatrics
    "شركة الخليج للتجارة العامة",                      # a Gulf general trading company
    "上海国际贸易有限公司",
    "Национальный банк Казахстана",
])
def test_translated_generic_words_alone_make_no_hit(full, query):
    assert_clear(full, query)


def test_an_arabic_word_is_read_with_its_article_or_for_the_in_front():
    # the glossary holds each word once, without its article: التجارية, للتجارة and تجارة are one word
    assert translated("الشركة التجارية للتجارة") == translated("شركة تجارية تجارة")
    assert translated("مجموعة القابضة ش.م.ل").split()[-1] == "sal"   # a Lebanese legal form, as lists write it


@lists_present
def test_a_russian_name_in_another_romanisation_is_found(full):
    """ISO 9 and passport spellings of one name (Iuliia / Yuliya, Drozhzhina) agree word for word; read in one
    romanisation the whole names are the same (stop 37), so a match, not merely a review."""
    hits = [h for h in full.names("Iuliia Nikolaevna Drozhzhina", "party") if h.entry_id == "SDN-35612"]
    assert hits and hits[0].status in (ScreeningStatus.MATCH, ScreeningStatus.REVIEW), hits


def test_a_name_word_written_with_an_apostrophe_is_no_legal_form():
    from auditor.screening.normalize import looks_like_person, normalize_name

    assert looks_like_person("AL-SHARIF, Sa'd Abdullah")            # Sa'd, not the legal form SAD
    assert "sad" in normalize_name("Sa'd Al-Sharif").tokens
    assert normalize_name("ACME SAD").legal                          # written as a legal form, it is one


@lists_present
def test_a_given_and_family_name_with_an_apostrophe_is_found(full):
    hits = [h for h in full.names("Sa'd Al-Sharif", "party") if h.entry_id == "SDN-6944"]
    assert hits and hits[0].status is ScreeningStatus.REVIEW, full.names("Sa'd Al-Sharif", "party")[:2]


@lists_present
@pytest.mark.parametrize(("split", "floor"), [
    ("dev7", 0.89),    # written for stop 36 and tuned on: 0.744 before its changes
    ("test5", 0.80),   # written blind with dev7, scored once on stop 36's code (0.806; 0.719 on the code before)
    ("dev15", 0.93),   # stop 43's dev set, every kind: 0.858 first, 0.940 with Burmese, Thai and Arabic honorifics read
    ("dev16", 0.91),   # stop 44's dev set, 20 Burmese and 6 Thai among its 40 in other scripts: 0.882 first, 0.925
])
def test_regression_floor_on_names_written_in_other_scripts(full, split, floor):
    from bench.screening_accuracy import evaluate, queries_of

    outcome = evaluate([q for q in queries_of(split) if q.expected], full)
    assert outcome.recall >= floor, outcome.summary()
