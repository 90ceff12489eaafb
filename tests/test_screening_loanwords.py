"""Names of stop 39 (fourth round): Latin writings of one Arabic or Persian name in a company's name, Russian loanwords and places.

A company named after a person (Rashid Exchange) is found under its other Latin writing (RASHED EXCHANGE), where the
many people named as written crowded it out of the candidates; Russian кв is the lists' qu (аква, aqua); a Russian
company's place adjective (Смоленский) is read as its place (SMOLENSK) where the name is read translated. Names
written for these tests, with look-alikes that must stay clear. Hits against the full SDN list of 2024-05-03 and the
real CSL extract; skipped without them.
"""

from __future__ import annotations

import pytest

from auditor.screening.glossary import places_read, translated
from auditor.screening.keys import romanised
from auditor.screening.spelling import kin, romanised_alike
from screeningkit import assert_clear, assert_flagged, full_screener
from screeningkit import present as lists_present


@pytest.fixture(scope="module")
def full():
    return full_screener()


@pytest.mark.parametrize("mine, theirs", [("rashid", "rashed"), ("sadeq", "sadik"), ("hoda", "huda"),
                                          ("jawad", "javad")])
def test_one_arabic_name_written_two_ways_is_kin(mine, theirs):
    assert kin(mine, theirs) and romanised_alike(mine, theirs)


@pytest.mark.parametrize("mine, theirs", [
    ("chang", "chiang"),        # a letter more: another syllable
    ("evgenii", "evgeniia"),    # another person's given name
    ("hadi", "huda"),           # the same letters, spelt otherwise: another name
    ("qiang", "kang"),
])
def test_other_names_are_no_kin(mine, theirs):
    assert not kin(mine, theirs)


def test_kin_needs_the_vowels_alike_and_the_letters_in_place():
    assert not kin("karim", "kirma")
    assert not kin("tariq", "tarq")


def test_russian_kv_is_latin_qu():
    assert romanised("akvarium") == romanised("aquarium")
    assert romanised("kvarts") == romanised("quarts")


def test_place_adjectives_are_read_as_places():
    assert places_read("Омский моторный завод") == "Омск моторный завод"
    assert places_read("Феодосийская верфь") == "Феодосия верфь"
    assert places_read("Троицкое предприятие") == "Троицк предприятие"
    assert places_read("научно-исследовательский институт") == "научно-исследовательский институт"
    assert places_read("Андрей Полянский") == "Андрей Полянск"   # only ever applied to a name read translated:
    assert translated("Андрей Полянский") is None                 # a person's name holds no glossary word
    assert "Смоленск" in translated("АО «Смоленский молочный завод»").split()


@lists_present
@pytest.mark.parametrize("query, entry", [
    ("RASHID EXCHANGE", "SDN-24537"),                   # RASHED EXCHANGE
    ("АО «Смоленский авиационный завод»", "SDN-35879"),   # JSC SMOLENSK AVIATION PLANT
    ("АО «Вольский механический завод»", "SDN-46660"),    # JOINT STOCK COMPANY VOLSK MECHANICAL PLANT
])
def test_found(full, query, entry):
    assert_flagged(full, query, entry)


@lists_present
@pytest.mark.parametrize("query", [
    "Hadi Trading",
    "Hamid Group",
    "Tarek Trading",
    "Feng Qiang",
    "ООО «Аквалайн»",
    "АО «Брянский хлебозавод»",
    "ООО «Курский механический завод»",
    "АО «Смоленский молочный завод»",
])
def test_look_alikes_stay_clear(full, query):
    assert_clear(full, query)


@lists_present
def test_a_family_name_written_as_a_stopword_is_a_name(full):
    """TEN, LO, DU are connectors in Dutch, Spanish and French names, but a listed person's whole family name here."""
    assert [h.entry_id for h in full.names("Stephen Wai Lo", "party")] == ["SDN-29244"]   # LO, Stephen Wai-chung
    assert full.names("Anna Ten", "party") == []
    assert full.names("Ivan Ten", "party") == []
    assert full.names("Wei Du", "party") == []


@lists_present
def test_a_word_the_lists_lack_is_also_looked_up_in_one_romanisation(full):
    """Aquamarin written the Latin way meets the lists' Russian AKVAMARIN; other words spelt with qu stay clear."""
    assert "SDN-43128" in [h.entry_id for h in full.names("Aquamarin OOO", "party")]
    assert full.names("Aquarelle LLC", "party") == []
    assert full.names("Aquamarin Hotel", "party") == []
