"""Names in other scripts and half translated, read the ways the lists write them (stop 37).

Each class below is a kind of writing, not a listed name: an Arabic or Persian name compared by consonants (the
article's alef inside a compound, a name that opens with the letters of the article, the adjective after its
noun), Hangul in the Revised and McCune-Reischauer romanisations, and a Latin name whose generic words are
romanised (Persian, Russian, Arabic, Chinese) while the list translates them, or the other way round. The
full-list cases run against the SDN of 2024-05-03 and are skipped when it is not there.
"""

from __future__ import annotations

import pytest

from auditor.screening.abjad import long_vowels_fit
from auditor.screening.normalize import _korean, consonants
from auditor.screening.readings import half_translated, listed_variants, readings
from screeningkit import full_screener
from screeningkit import present as lists_present


@pytest.fixture(scope="module")
def full():
    return full_screener()


def test_the_article_inside_a_compound_name_is_no_long_vowel():
    # عبدالله is Abdollah, Abdullah or Abdallah: the alef is the article's, not a long a
    assert long_vowels_fit("bdallhy", "abdollahi")
    assert long_vowels_fit("nsrallh", "nasrullah")
    assert not long_vowels_fit("hsyn", "hassan")   # a written ya still asks for an i or e (Hossein)


def test_a_name_opening_with_al_keeps_those_letters_when_nothing_else_is_left():
    assert consonants("alavi") == consonants("lwy") == "l"     # Alavi, علوی: the l is the name's
    assert consonants("alkhalidi") == consonants("khalidi")    # al-Khalidi: the article goes
    assert consonants("alwan") == consonants("lwan")


def test_hangul_in_the_revised_and_mccune_reischauer_spellings():
    assert _korean("합장강", joined=True, style="revised").strip() == "hapjanggang"
    assert _korean("전연근", style="mr").split() == ["chon", "yon", "kun"]
    assert _korean("전연근").split() == ["jon", "yon", "kun"]   # the lists' own reading is unchanged
    texts = [text for text, _ in readings("박철")]
    assert "pak chol" in texts and "bak chol" in texts


def test_romanised_generic_words_read_in_english():
    assert half_translated("Tianjin Haixing Keji Fazhan Youxian Gongsi") == \
        "Tianjin Haixing technology development co ltd"
    assert half_translated("SHERKAT-E SANAYE-E FOOLAD") == "company industries FOOLAD"
    assert half_translated("Torgovyi Dom Volga") == "trading house Volga"
    assert half_translated("Kiev Software") is None


def test_a_person_is_not_read_half_translated():
    assert readings("Ali Omrani") == [("Ali Omrani", "")]          # a family name, not "construction"
    assert len(readings("Omrani Sakhtemani Co.")) == 2
    assert len(readings("Ferdowsi, Sherkat")) == 1 or readings("Ferdowsi, Sherkat")[1][0]   # no crash on commas


def test_a_listed_organisation_is_also_indexed_in_english_under_its_own_name():
    forms = listed_variants("OOO KOMPANIYA ZOLOTOI VEK", organisation=True)
    assert ("OOO company ZOLOTOI VEK", "OOO KOMPANIYA ZOLOTOI VEK") in forms
    assert listed_variants("KOMPANIYA, Ivan", organisation=False) == [("KOMPANIYA, Ivan", "KOMPANIYA, Ivan")]


@lists_present
@pytest.mark.parametrize("query, entry", [
    ("حمشو الدولية", "SDN-12846"),                 # HAMSHO INTERNATIONAL: adjective after the noun
    ("عبداللهی علی", "SDN-27856"),                 # ABDOLLAHI, Ali: the article's alef in Abdollahi
    ("محمود علوی", "SDN-30422"),                   # ALAVI, Mahmoud: Alavi opens with ain, not the article
    ("전 연근", "SDN-48262"),                      # CHO'N, Yo'n Ku'n (McCune-Reischauer), JON, Yun Gun
    ("합장강 해운", "SDN-23706"),                  # HAPJANGGANG SHIPPING CORP (Revised Romanisation)
    ("Zolotoi Vek Company", "SDN-36676"),          # OOO KOMPANIYA ZOLOTOI VEK, the list romanising "company"
    ("Shenzhen Biguang Maoyi Youxian Gongsi", "SDN-47702"),   # SHENZHEN BIGUANG TRADING CO., LTD
    ("Pardis Sarmayegozari Co.", "SDN-16018"),     # PARDIS INVESTMENT COMPANY
])
def test_other_scripts_and_half_translated_names_are_found(full, query, entry):
    hits = full.names(query, "vendor")
    assert entry in {h.entry_id for h in hits}, [(h.name, h.score) for h in hits[:3]]
