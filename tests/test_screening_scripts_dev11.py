"""Names of stop 39 (third round): legal forms written out, Russian, Arabic, Persian and Chinese generic words, Taiwan's Wade-Giles.

French, Lebanese and Italian legal forms in full (Société à Responsabilité Limitée is the lists' S.A.R.L.), a private
limited company without "company"; Russian abbreviations and words the lists translate two ways (Авиационный aviation
or aircraft, АЭС NPP or nuclear power plant); Han characters read in Wade-Giles as the lists write Taiwan's people and
companies (張文福 CHANG, Wen-Fu). Names written for these tests, with look-alikes that must stay clear. Hits against
the full SDN list of 2024-05-03 and the real CSL extract; skipped without them.
"""

from __future__ import annotations

import pytest

from auditor.screening.chinese import wade_giles_person
from auditor.screening.glossary import translated
from auditor.screening.normalize import normalize_name
from auditor.screening.systems import in_wade_giles
from screeningkit import assert_clear, assert_flagged, full_screener
from screeningkit import present as lists_present


@pytest.fixture(scope="module")
def full():
    return full_screener()


@pytest.mark.parametrize("written, short", [
    ("Boulangerie Dupont Société à Responsabilité Limitée", "Boulangerie Dupont SARL"),
    ("Cedre Bleu Societe Anonyme Libanaise", "Cedre Bleu SAL"),
    ("Pasta Rossi Società a Responsabilità Limitata", "Pasta Rossi S.r.l."),
    ("Ganga Textiles Private Limited", "Ganga Textiles Ltd"),
    ("Ganga Textiles Private Ltd.", "Ganga Textiles Pte Ltd"),
])
def test_a_legal_form_written_out_is_the_short_one(written, short):
    assert normalize_name(written).tokens == normalize_name(short).tokens


def test_private_alone_is_a_name_word():
    assert "private" in normalize_name("Private Equity Partners Ltd").tokens


def test_russian_words_of_stop_41():
    assert "aircraft" in translated("ПАО «Авиационный завод Сокол»", second=True).split()
    assert "aviation" in translated("ПАО «Авиационный завод Сокол»").split()
    assert translated("ФКП «Пороховой завод»").startswith("federal state enterprise")
    assert "companies" in translated("Группа компаний Восток").split()
    assert translated("Ленинградская АЭС", second=True).endswith("nuclear power plant")
    assert "operating organization" in translated("Эксплуатирующая организация Курской АЭС")


def test_arabic_persian_and_chinese_words_of_stop_41():
    assert translated("شركة النخيل للمحروقات").endswith("hydrocarbons")
    assert translated("شركة النخيل للمحروقات", second=True).endswith("fuel")
    assert "smelting" in translated("شرکت ذوب آهن اصفهان").split()
    assert "palestinian" in translated("البنك الفلسطيني للتنمية").split()
    assert "restaurant management" in translated("上海华美餐饮管理有限公司")
    assert "special alloy" in translated("无锡特种合金有限公司")


def test_pinyin_read_in_wade_giles():
    assert in_wade_giles("zhang xue liang") == "chang hsueh liang"
    assert in_wade_giles("zi si ci") == "tzu ssu tzu"
    assert in_wade_giles("rui cheng") == "jui cheng"
    assert in_wade_giles("london") is None
    assert wade_giles_person("李登輝") == "li teng hui"
    assert wade_giles_person("李登辉") is None   # simplified: a mainland name, in pinyin
    assert wade_giles_person("台北貿易有限公司") is None   # a company, not a person
    assert translated("瑞豐船務有限公司", wade_giles=True).startswith("juifeng shipping")


@lists_present
@pytest.mark.parametrize("query, entry", [
    ("張文福", "SDN-15923"),        # CHANG, Wen-Fu: Taiwan's people are listed in Wade-Giles
    ("孫世美", "SDN-30288"),        # SUN, Shih Mei
])
def test_taiwan_names_are_found(full, query, entry):
    assert_flagged(full, query, entry)


@lists_present
@pytest.mark.parametrize("query", [
    "Boulangerie Dupont Société à Responsabilité Limitée",
    "Ganga Textiles Private Limited",
    "ФКП «Пороховой завод»",              # another federal state enterprise
    "شركة النخيل للمحروقات",               # another fuel company
    "上海华美餐饮管理有限公司",               # another restaurant company
    "張偉明",                              # a common Taiwanese name
    "瑞豐船務有限公司",                      # another Hong Kong shipping company
])
def test_look_alikes_stay_clear(full, query):
    assert_clear(full, query)
