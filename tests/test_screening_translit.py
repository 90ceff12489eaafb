"""A Latin name written in another romanisation than the lists' is still found (stop 37).

Classes: Chinese names in Wade-Giles (the lists write pinyin, a given name's syllables joined), Korean names in the
Revised Romanisation (the lists write them close to McCune-Reischauer), Persian and Arabic names with hyphenated parts
the lists join, one word in two romanisations (-ii/-y, iu/yu, ee/i, oo/u, abdel/abdul) compared over the whole name,
an article written on the word (ALNASER), and Russian legal forms spelt -oye. The full-list cases are skipped when the
SDN list of 2024-05-03 is not there.
"""

from __future__ import annotations

import pytest

from auditor.screening.normalize import entity_tokens
from auditor.screening.keys import romanised
from auditor.screening.spelling import same_sound
from auditor.screening.systems import hyphens_joined, korean_revised, other_system, pinyin_syllable, wade_giles
from screeningkit import full_screener
from screeningkit import present as lists_present


@pytest.mark.parametrize("syllable, pinyin", [
    ("hsiao", "xiao"), ("ch'ing", "qing"), ("ching", "jing"), ("chang", "zhang"), ("ch'ang", "chang"),
    ("chih", "zhi"), ("shih", "shi"), ("jen", "ren"), ("tzu", "zi"), ("ts'ai", "cai"), ("kuo", "guo"),
    ("ko", "ge"), ("lo", "luo"), ("yu", "you"), ("yung", "yong"), ("yen", "yan"), ("i", "yi"), ("hsieh", "xie"),
    ("kuei", "gui"), ("t'ai", "tai"), ("tai", "dai"),
])
def test_wade_giles_syllables_read_in_pinyin(syllable, pinyin):
    assert pinyin_syllable(syllable) == pinyin


def test_a_wade_giles_name_is_read_in_pinyin_with_its_given_name_joined():
    assert wade_giles("Chiang Ching-kuo") == "jiang jingguo"
    assert wade_giles("Hsu Pei") == "xu bei"                   # hs: Wade-Giles only
    assert wade_giles("Ch\u2019en Shui-pien") == "chen shuibian"   # a typographic apostrophe
    # pinyin, or not Chinese at all: no other reading
    assert wade_giles("Zhang Xiaoming") is None
    assert wade_giles("Wang Lei") is None
    assert wade_giles("Mary Smith") is None


def test_a_korean_name_in_the_revised_romanisation_is_read_as_the_lists_write_it():
    assert korean_revised("Bak Do-jun") == "pak to-chun"
    assert korean_revised("Gim Gwang-il") == "kim kwang-il"
    assert korean_revised("Goryeo Commercial Bank") == "koryo commercial bank"   # eo: Korean whatever the words
    # a Korean family name among words Korean does not write stays as written
    assert korean_revised("John Lee") is None
    assert korean_revised("Bruce Lee") is None


def test_hyphenated_parts_are_joined_but_not_an_article():
    assert hyphens_joined("Hossein Ali-Abadi") == "hossein aliabadi"
    assert hyphens_joined("Ahmad al-Rashid") is None
    assert hyphens_joined("Abu-Bakr Salem") is None
    assert other_system("Reza Mir-Hosseini")[0] == "reza mirhosseini"


def test_one_word_in_two_romanisations():
    assert romanised("sergeevich") == romanised("sergeyevich")
    assert romanised("arkadii") == romanised("arkadiy")
    assert romanised("yousef") == romanised("yusef")
    assert romanised("abdelkarim") == romanised("abdulkarim")
    assert romanised("rasheed") == romanised("rashid")
    assert same_sound("alhakim", "hakim")        # the article written on the word
    assert not same_sound("hakim", "karim")


def test_russian_legal_forms_spelt_oye_are_legal_forms():
    assert entity_tokens("ZAKRYTOYE AKTSIONERNOYE OBSHCHESTVO ROSTOK") == (["rostok"], ["jsc"])
    assert entity_tokens("PUBLICHNOYE AKTSIONERNOYE OBSHCHESTVO ROSTOK")[0] == ["rostok"]


@pytest.fixture(scope="module")
def full():
    return full_screener()


@lists_present
@pytest.mark.parametrize("query, entry", [
    ("Chang Hsiao-ming", "SDN-29259"),          # ZHANG, Xiaoming (Wade-Giles)
    ("Chang T'ao-t'ao", "SDN-27988"),           # ZHANG, Taotao
    ("Kim Gwang-il", "SDN-15657"),              # KIM, Kwang-Il (Revised Romanisation)
    ("Bak Do-chun", "SDN-15769"),               # PAK, To-Chun
    ("Air Goryeo", "SDN-20520"),                # AIR KORYO
    ("Leonid Eduardovich Slutskii", "SDN-16662"),   # SLUTSKY: -ii / -y
    ("Oleg Leonidovich Slizhevskii", "SDN-10138"),
])
def test_names_in_another_romanisation_are_found(full, query, entry):
    assert entry in {hit.entry_id for hit in full.names(query, "party")}


def test_a_korean_j_alone_is_no_mark_of_the_revised_romanisation():
    # the lists write KIM, Jong Un as often as CHO, Il-U: j to ch only beside another Revised spelling
    assert korean_revised("Kim Min-jun") is None
    assert korean_revised("Jo Min-jun") == "cho min-chun"


def test_a_western_name_with_eo_or_eu_is_not_read_as_korean():
    assert korean_revised("Leonardo Gonzalez") is None
    assert korean_revised("Ignacio Mateo Laureano") is None
    assert hyphens_joined("Sa'ad Abdel-Salam") is None     # the article of Abd is no part of a compound
