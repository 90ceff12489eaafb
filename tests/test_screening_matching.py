"""Name matching on the real SDN and CSL sample rows: the cases a screening must get right."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.model.enums import ScreeningStatus
from auditor.screening.jurisdictions import load_jurisdictions
from auditor.screening.matcher import CANDIDATES_PER_QUERY, NameIndex
from auditor.screening.normalize import normalize, normalize_name
from auditor.screening.keys import skeleton
from auditor.screening.policy import ScreeningPolicy
from auditor.screening.screen import Screener, load_lists, screen_party
from conftest import REFERENCE

TODAY = date(2026, 11, 23)
SDN = REFERENCE / "ofac" / "sdn_sample.csv"
CSL_FILES = [REFERENCE / "csl" / "csl_2019_watchman_testdata.csv",
             REFERENCE / "csl" / "consolidated_2025_watchman_cslustest.csv"]


@pytest.fixture(scope="module")
def screener() -> Screener:
    policy = ScreeningPolicy()
    loaded = load_lists(lists_dir=REFERENCE / "nowhere", files=[SDN, *CSL_FILES], policy=policy, today=TODAY)
    return Screener(loaded, policy, load_jurisdictions(), TODAY)


def _only_hit(result):
    assert len(result.hits) == 1, [(h.list, h.name, h.score) for h in result.hits]
    return result.hits[0]


# --- normalisation -------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("Inversiones El Peñón S.A.", "INVERSIONES EL PENON S.A."),     # diacritics, case
    ("Barakat Bank & Remittances", "BARAKAT BANK AND REMITTANCES"),  # & and "and"
    ("LLC TSMRBANK", "TSMRBANK, OOO"),                                 # legal form in front or behind
    ("Comercializadora Toquin SA de CV", "COMERCIALIZADORA TOQUIN, S.A. DE C.V."),
    ("Printing Trade Center", "PRINTING TRADE CENTER GMBH"),
    ("Samir Kishk", "KISHK, Samir"),                                   # LAST, First
    ("Ba'asyir Abdul Rosyid Ridho", "BA'ASYIR, Abdul Rosyid Ridho"),
])
def test_normalised_forms_agree(a: str, b: str):
    assert normalize(a) == normalize(b)


def test_person_order_and_legal_forms_do_not_mix():
    person = normalize_name("KISHK, Samir")
    company = normalize_name("FORTANAS, S. DE R.L. DE C.V.")
    assert person.compact == "samirkishk"
    assert company.tokens == ("fortanas",)
    assert skeleton("makhlouf") == skeleton("makhluf") and skeleton("hassan") == skeleton("hasan")


# --- the must-show cases on real rows --------------------------------------------------------

def test_exact_listed_name_is_a_match(screener: Screener):
    hit = _only_hit(screen_party(screener, "AEROCARIBBEAN AIRLINES"))
    assert (hit.list, hit.name, hit.entry_id, hit.status) == ("OFAC SDN", "AEROCARIBBEAN AIRLINES", "SDN-36",
                                                             ScreeningStatus.MATCH)
    assert hit.score == 1.0 and hit.programs == ["CUBA"]


def test_alias_from_alt_csv_is_a_match(screener: Screener):
    result = screen_party(screener, "Political Security Department")
    hit = _only_hit(result)
    assert result.status == ScreeningStatus.MATCH
    assert (hit.name, hit.entry_id) == ("POLITICAL SECURITY DEPARTMENT", "SDN-12813")  # alt.csv row 14027
    assert "alias of 'POLITICAL SECURITY DIRECTORATE'" in hit.reason


@pytest.mark.parametrize("variant, listed", [
    ("Aerocaribean Airlines", "AEROCARIBBEAN AIRLINES"),  # one letter missing
    ("Hafiz Makhlouf", "MAKHLUF, Hafiz"),                 # transliteration
    ("Reza Mozafarinia", "MOZAFFARINIA, Reza"),
    ("Mozaffari Nia Reza", "MOZAFFARINIA, Reza"),         # split differently
])
def test_spelling_variant_is_found(screener: Screener, variant: str, listed: str):
    result = screen_party(screener, variant)
    assert result.status == ScreeningStatus.MATCH
    assert result.hits[0].name == listed or listed in result.hits[0].reason
    assert 0.92 <= result.hits[0].score < 1.0 or result.hits[0].name != listed


@pytest.mark.parametrize("first_last, listed", [
    ("Godwin Matanga", "MATANGA, Godwin"),
    ("Samir Kishk", "KISHK, Samir"),
    ("Juan de la Cruz", "CRUZ, Juan M. de la"),  # middle initial absent from the query
    ("Ryong Nam Rim", "RIM, Ryong Nam"),        # CSL 2025 row
])
def test_individual_in_first_last_order(screener: Screener, first_last: str, listed: str):
    result = screen_party(screener, first_last)
    assert result.status == ScreeningStatus.MATCH
    assert listed in {h.name for h in result.hits}


@pytest.mark.parametrize("clean", ["Zoho Corporation", "Supabase Inc.", "PostHog Inc", "Acme Cloud Services GmbH",
                                   "Berlin Data Center GmbH", "Juan Carlos Moreno Gomez"])
def test_clean_names_stay_clear(screener: Screener, clean: str):
    result = screen_party(screener, clean)
    assert result.status == ScreeningStatus.CLEAR and result.hits == []


@pytest.mark.parametrize("common", ["Bank", "Trading Company", "International Trading Company",
                                    "The Bank", "Global Bank Group", "General Trading LLC", "Trade & Investment"])
def test_common_words_never_match(screener: Screener, common: str):
    # The lists hold ARIAN BANK, BARAKAT BANK AND REMITTANCES, GBS TRADING S.A.,
    # ADOLFO FONNEGRA ESPEJO TRADING & INVESTMENT, A & C International Trade, Inc. ...
    assert screener.index.search(common, floor=0.0) == []
    assert screen_party(screener, common).status == ScreeningStatus.CLEAR


def test_distinctive_words_with_different_generic_words_are_review(screener: Screener):
    result = screen_party(screener, "Islamic Brigade")
    assert result.status == ScreeningStatus.REVIEW
    assert result.hits[0].name == "THE ISLAMIC INTERNATIONAL BRIGADE"
    assert 0.80 <= result.hits[0].score < 0.92


def test_policy_thresholds_decide_match_and_review():
    strict = ScreeningPolicy(match_threshold=0.99, review_threshold=0.95)
    loaded = load_lists(lists_dir=REFERENCE / "nowhere", files=[SDN], policy=strict, today=TODAY)
    result = screen_party(Screener(loaded, strict, load_jurisdictions(), TODAY), "Aerocaribean Airlines")
    assert result.status == ScreeningStatus.REVIEW  # 0.98 is below a 0.99 match threshold
    loose_review = ScreeningPolicy(match_threshold=1.0, review_threshold=0.99)
    loaded = load_lists(lists_dir=REFERENCE / "nowhere", files=[SDN], policy=loose_review, today=TODAY)
    assert screen_party(Screener(loaded, loose_review, load_jurisdictions(), TODAY),
                        "Aerocaribean Airlines").status == ScreeningStatus.CLEAR


def test_index_scores_only_a_few_candidates(screener: Screener):
    index: NameIndex = screener.index
    assert len(index) > 400
    query = normalize_name("Samir Kishk")
    candidates = index.candidates(query)
    assert 0 < len(candidates) <= 10  # of 489 indexed names
    assert index.names[candidates[0]].text == "KISHK, Samir"
    assert len(index.candidates(normalize_name("Mohammed Ali Hassan Ahmad"))) <= CANDIDATES_PER_QUERY


def test_country_is_noted_on_a_name_hit(screener: Screener):
    result = screen_party(screener, "Ryong Nam Rim", country="KP")
    rim = next(h for h in result.hits if h.list == "CSL/SDN")
    assert "the list gives KP for this entry, the party's country: supports the hit" in rim.reason
    assert rim.status == ScreeningStatus.MATCH
    assert any(h.list == "jurisdictions" and h.entry_id == "KP" for h in result.hits)


def test_same_name_in_another_country_is_a_review(screener: Screener):
    result = screen_party(screener, "Ryong Nam Rim", country="DE")
    rim = next(h for h in result.hits if h.list == "CSL/SDN")
    assert rim.status == ScreeningStatus.REVIEW and rim.score == 1.0
    assert any("same name, other country" in r for r in rim.reasons)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_any_text_screens_without_error(screener: Screener, text: str):
    for found in screener.index.search(text, floor=0.5):
        assert 0.5 <= found.score <= 1.0
    assert isinstance(normalize(text), str)


def test_a_listed_name_of_generic_words_matches_only_when_equal():
    """Exact equality after normalisation is a match even for generic words; anything less at most a review."""
    from auditor.screening.lists import ListEntry, ScreeningList
    from auditor.screening.screen import LoadedLists

    generic = ListEntry(entry_id="X-1", name="INTERNATIONAL TRADING GROUP LLC", kind="entity", list_name="CSL/EL")
    listed = ScreeningList(name="test", kind="csl", path=SDN, files=(SDN,), sha256="0" * 64, entries=(generic,))
    policy = ScreeningPolicy()
    screener = Screener(LoadedLists((listed,), ()), policy, load_jurisdictions(), TODAY)
    equal = screen_party(screener, "International Trading Group Ltd.")  # Ltd and LLC: one legal form
    assert equal.status == ScreeningStatus.MATCH and equal.hits[0].score == 1.0
    other_form = screen_party(screener, "International Trading Group S.A.")
    assert other_form.status == ScreeningStatus.REVIEW
    assert "only generic words agree" in other_form.hits[0].reason
    assert screen_party(screener, "Global Trading Group").hits == []


@pytest.mark.parametrize(("written", "folded"), [
    ("Κim Jong Un", "kim jong un"), ("ΒANK MELLI", "bank melli"), ("Mаhan Air", "mahan air"),
    ("Ｍａｈａｎ Ａｉｒ", "mahan air"), ("MAHAN\u200bAIR", "mahanair"), ("Владимир Путин", "vladimir putin"),
    ("Αλέξης Τσίπρας", "alexis tsipras"), ("김정은", " kim jong un "), ("毛泽东", " mao zedong "),
])
def test_scripts_and_look_alike_letters_fold_to_latin(written, folded):
    from auditor.screening.normalize import fold

    assert fold(written) == folded


@pytest.mark.parametrize(("written", "tokens", "legal"), [
    ("Joint Stock Co. United Shipbuilding Corporation", ("united", "shipbuilding"), ("corporation", "jsc")),
    ("JOINT STOCK COMPNAY UNITED SHIPBUILDING", ("united", "shipbuilding"), ("jsc",)),
    ("OOO TSMRBANK", ("tsmrbank",), ("llc",)),
    ("ООО Рога и копыта", ("roga", "i", "kopyta"), ("llc",)),
    ("Obshchestvo s Ogranichennoy Otvetstvennostyu Roga", ("roga",), ("llc",)),
    ("AL-UBAYDI Khalid Sa'id", ("al", "ubaydi", "khalid", "said"), ()),
])
def test_legal_forms_anywhere_and_misspelt(written, tokens, legal):
    norm = normalize_name(written, person=False)
    assert (norm.tokens, norm.legal) == (tokens, legal)


@pytest.mark.parametrize(("written", "latin", "fits"), [
    ("حسین", "hossein", True), ("حسین", "hassan", False), ("کریمی", "karimi", True), ("کریمی", "karami", False),
    ("جميل", "jamil", True), ("جميل", "jamal", False), ("جمال", "jamal", True), ("أحمد", "ahmad", True),
    ("أحمد", "hameed", False), ("سليمان", "sulayman", True), ("محمود", "mahmud", True), ("داوود", "davood", True),
    ("العتيبي", "alotaibi", True), ("فاطمة", "fatimah", True), ("حسن", "hossein", True),   # short vowels unwritten
])
def test_long_vowels_of_arabic_script_must_be_vowels_of_the_latin_name(written, latin, fits):
    from auditor.screening.abjad import long_vowels_fit
    from auditor.screening.normalize import fold

    assert long_vowels_fit(fold(written), latin) is fits
