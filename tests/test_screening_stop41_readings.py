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
