"""Spellings a party writes that the lists do not (stop 43, dev15): a Russian name in German transcription
(Dmitrij Medwedew for MEDVEDEV, Dmitry), a Ukrainian name romanised the Ukrainian way (Serhii Kurchenko for
KURCHENKO, Sergey), a person's dotted initials that spell a legal form when joined (A.S., A.B.), a legal-form word
written short (LIMTD) and the Japanese company form written out (Kabushiki Kaisha for K.K.). Each with a look-alike
that must keep its reading."""

from __future__ import annotations

import pytest

from auditor.screening.normalize import entity_tokens, tokens_of
from auditor.screening.systems import german_russian, ukrainian_latin
from screeningkit import assert_clear, assert_flagged, full_screener
from screeningkit import present as lists_present


@pytest.mark.parametrize("name, reading", [
    ("Dmitrij Medwedew", "dmitriy medvedev"),
    ("Wjatscheslaw Wolodin", "vyacheslav volodin"),
    ("Nikolaj Patruschew", "nikolay patrushev"),
    ("Elwira Nabiullina", None),          # no German mark: a w alone proves nothing
    ("Andrew Barlow", None),              # English names that end like a German transcription
    ("Wassilij Denissow", "vasiliy denisov"),
])
def test_a_russian_name_in_german_transcription(name, reading):
    assert german_russian(name) == reading


def test_a_company_is_not_read_as_a_german_transcription():
    assert german_russian("Dow Inc.") is None and german_russian("Krasnow") is None


@pytest.mark.parametrize("name, reading", [
    ("Serhii Kurchenko", "sergey kurchenko"),
    ("Mykola Azarov", "nikolay azarov"),
    ("Oleh Hrytsenko", "oleg grytsenko"),
    ("Petro Mykhailovskyi", "petr mykhailovsky"),
    ("Nikolai Patrushev", None),          # a Russian form already
])
def test_a_ukrainian_name_romanised_the_ukrainian_way(name, reading):
    assert ukrainian_latin(name) == reading


def test_dotted_initials_before_a_family_name_are_letters():
    assert tokens_of("A.S. Chemezov") == ["a", "s", "chemezov"]
    assert entity_tokens("A.S. Chemezov")[0] == ["a", "s", "chemezov"]
    # the same letters after a company's name are its legal form
    assert entity_tokens("Koc Holding A.S.") == (["koc", "holding"], ["jsc"])
    assert tokens_of("Acme Trading S.A.") == ["acme", "trading", "sa"]


def test_a_legal_form_word_written_short_or_in_full_is_read_as_it():
    assert entity_tokens("Orion Shipping Co. Limtd")[0] == ["orion", "shipping"]
    assert entity_tokens("Delta Privte Entrprise")[0] == ["delta"]
    assert entity_tokens("Hoshi Trading Kabushiki Kaisha") == (["hoshi", "trading"], ["kk"])
    # a word that only looks shortened keeps its spelling (its last letter is not the legal word's)
    assert entity_tokens("Limits Consulting Ltd")[0] == ["limits", "consulting"]


@pytest.fixture(scope="module")
def full():
    return full_screener()


@lists_present
@pytest.mark.parametrize("query, entry", [
    ("Dmitrij Medwedew", "SDN-36407"),
    ("Wjatscheslaw Wolodin", "SDN-16714"),
    ("Nikolaj Patruschew", "SDN-24309"),
    ("Serhii Kurchenko", "SDN-18323"),
    ("V.I. Matviyenko", "SDN-16660"),
    ("I.I. Sechin", "SDN-16692"),
    ("Ascotec Japan Kabushiki Kaisha", "SDN-11609"),
])
def test_the_other_spellings_are_flagged(full, query, entry):
    assert_flagged(full, query, entry)


@lists_present
@pytest.mark.parametrize("query", ["Andrew Barlow", "Oleksandr Kovalenko", "Wolfgang Schuster", "Dow Inc."])
def test_ordinary_names_in_those_spellings_stay_clear(full, query):
    assert_clear(full, query)
