"""Names read as a party in Turkey or an Arab country writes them (stop 41, dev13): a Turkish company's name, its
letters folded (Şirketi, İnşa) and its generic words read as the lists translate them (MARITIME AND TRADE LIMITED
COMPANY); Arabic words the lists write two ways (جمعية society or association, هيئة authority or HAY'AT, كتائب
brigades or brigade). Against the full SDN list of 2024-05-03; skipped when it is not there."""

from __future__ import annotations

import pytest

from auditor.screening.glossary import translated
from auditor.screening.readings import readings
from screeningkit import assert_clear, assert_flagged, full_screener
from screeningkit import present as lists_present


@pytest.fixture(scope="module")
def full():
    return full_screener()


def test_a_turkish_company_is_read_with_its_words_in_english():
    english = [text for text, how in readings("Kartal Denizcilik ve Ticaret Limited Şirketi") if how]
    assert english == ["Kartal maritime and trade limited company"], readings("Kartal Denizcilik ve Ticaret Limited Şirketi")
    # a person's name with its own letters is no company: no reading of it
    assert [text for text, how in readings("Hüseyin Yılmaz") if how] == []
    assert [text for text, how in readings("Raúl Álvarez") if how] == []


def test_arabic_words_the_lists_write_two_ways_give_both_readings():
    assert translated("جمعية النور") == "society ال نور"
    assert translated("جمعية النور", second=True) == "association ال نور"
    assert translated("كتائب شهداء", second=True) == "brigade martyrs"


@lists_present
@pytest.mark.parametrize("query, entry", [
    ("Salda Yönetim Denizcilik ve Ticaret Ltd. Şti.", "SDN-42179"),   # SALDA MANAGEMENT MARITIME AND TRADE LIMITED COMPANY
    ("Denkar Gemi İnşa Anonim Şirketi", "SDN-44994"),                # DENKAR SHIP CONSTRUCTION INCORPORATED COMPANY
    ("كتائب شهداء الأقصى", "SDN-7200"),                             # AL-AQSA MARTYRS BRIGADE
])
def test_names_written_as_their_country_writes_them_are_found(full, query, entry):
    assert_flagged(full, query, entry)


@lists_present
@pytest.mark.parametrize("query", ["Koç Denizcilik ve Ticaret Anonim Şirketi", "Türkiye Petrol Rafinerileri A.Ş.",
                                   "جمعية الهلال الأحمر الكويتي"])
def test_look_alikes_of_those_words_stay_clear(full, query):
    assert_clear(full, query)


def test_the_article_on_a_family_name_is_read_apart_but_not_on_a_given_name():
    assert ("محمود ال زهار", "read with the article apart") in readings("محمود الزهار")
    assert [how for _, how in readings("الهام موسوی") if how] == []   # الهام is Elham, no article


@lists_present
def test_a_family_name_with_the_article_written_on_it_is_found(full):
    assert_flagged(full, "محمود خالد الزهار", "SDN-9647")   # ZAHHAR, Mahmoud Khaled (a.k.a. AL ZAHAR)


@lists_present
def test_another_fathers_patronymic_is_a_review_not_a_match(full):
    from auditor.model.enums import ScreeningStatus

    hits = [h for h in full.names("Dmitry Vladimirovich Kuznetsov", "party", country="RU")
            if h.name.upper().startswith("KUZNETSOV, DMITRY VADIMOVICH")]
    assert hits and all(h.status is ScreeningStatus.REVIEW for h in hits), hits
    assert any("patronymics" in h.reason for h in hits), [h.reason for h in hits]
    # the same patronymic in another spelling stays the listed person's
    hits = [h for h in full.names("Dmitriy Vadimovitch Kuznetsov", "party", country="RU")
            if h.name.upper().startswith("KUZNETSOV, DMITRY VADIMOVICH")]
    assert hits and any(h.status is ScreeningStatus.MATCH for h in hits), hits


def test_a_ukrainian_name_is_also_read_in_its_russian_forms():
    assert ("Петренко алексей сергеевич", "read with its Ukrainian names in their Russian forms as "
            "'Петренко алексей сергеевич'") in readings("Петренко Олексій Сергійович")
    assert [how for _, how in readings("Петренко Алексей Сергеевич") if how] == []   # Russian already: no reading
    assert [how for _, how in readings("Київстар") if how] == []                   # no name of the table


@lists_present
def test_a_ukrainian_listed_in_russian_forms_is_found(full):
    assert_flagged(full, "Селіванов Олексій Сергійович", "SDN-39198")   # SELIVANOV, Oleksiy Sergeevich
