"""Names read as a party in Cyprus, Iran or Syria writes them (stop 40, dev12): Greek company words (a Cypriot
company registered in Greek letters), Persian and Arabic words that name an organisation by themselves though
written in Latin letters (Sanaye, Goruh, Sharikat), the cities the lists write in English, and the Syrian legal
form written in full. Against the full SDN list of 2024-05-03; skipped when it is not there."""

from __future__ import annotations

import pytest

from auditor.screening.glossary import translated
from auditor.screening.readings import readings
from screeningkit import assert_clear, assert_flagged, full_screener
from screeningkit import present as lists_present


@pytest.fixture(scope="module")
def full():
    return full_screener()


def test_greek_is_read_without_accents_or_case():
    assert translated("Χαράζ Ναυτιλιακή Εταιρεία Λίμιτεδ") == "ΧΑΡΑΖ shipping company limited"
    assert translated("Κim Jong Un") is None   # a look-alike letter only: no Greek word of the glossary


def test_a_romanised_word_that_names_an_organisation_makes_the_name_one():
    english = [text for text, how in readings("Sanaye Shahid Cheraqi") if how]
    assert english and english[0].lower().startswith("industries"), readings("Sanaye Shahid Cheraqi")
    # a word that may be a family name (Omrani: construction) needs another generic word beside it
    assert [text for text, how in readings("Omrani") if how] == []


def test_cities_and_the_syrian_legal_form_are_read_as_the_lists_write_them():
    assert translated("روافد دمشق المساهمة المغفلة الخاصة") == "روافد damascus private jsc"
    assert translated("روافد دمشق المساهمة المغفلة الخاصة", second=True) == "روافد damascus jsc"


@lists_present
@pytest.mark.parametrize("query, entry", [
    ("Χαράζ Ναυτιλιακή Εταιρεία Λίμιτεδ", "SDN-15126"),          # HARAZ SHIPPING COMPANY LIMITED
    ("Ομνια Υπηρεσιες Κυπρου Λτδ", "SDN-41499"),                  # OMNIA SERVICES CYPRUS LTD
    ("Goruh-e Sanaye Shahid Karimi", "SDN-26545"),                # SHAHID KARIMI GROUP
    ("Sanaye Shahid Kharrazi", "SDN-23429"),                      # SHAHID KHARRAZI INDUSTRIES
    ("روافد دمشق المساهمة المغفلة الخاصة", "SDN-29048"),          # RAWAFED DAMASCUS PRIVATE JOINT STOCK COMPANY
    ("أمان دمشق المساهمة المغفلة الخاصة", "SDN-26894"),           # AMAN DAMASCUS JOINT STOCK COMPANY
])
def test_a_name_written_as_its_country_writes_it_is_found(full, query, entry):
    assert_flagged(full, query, entry)


@lists_present
@pytest.mark.parametrize("query", ["Ali Sherkat", "Όμιλος Παπαδόπουλος", "شركة دمشق للحلويات"])
def test_names_of_such_words_and_no_listed_name_stay_clear(full, query):
    assert_clear(full, query)


def test_more_generic_words_of_arabic_and_persian_organisations():
    assert translated("مصرف صناعي") == "bank industrial"
    assert translated("غرفة الملاحة السورية") == "chamber navigation syrian"
    assert translated("شرکت ابزار برشی") == "company tools cutting"


@lists_present
@pytest.mark.parametrize("query, entry", [
    ("غرفة الملاحة السورية", "SDN-18212"),                # SYRIAN CHAMBER OF SHIPPING
    ("مصرف التعاون الإقليمي الاسلامي", "SDN-13146"),       # ISLAMIC REGIONAL COOPERATION BANK
    ("وزارت فرهنگ و ارشاد", "SDN-15542"),                 # MINISTRY OF CULTURE AND ISLAMIC GUIDANCE
])
def test_names_of_those_words_are_found(full, query, entry):
    assert_flagged(full, query, entry)
