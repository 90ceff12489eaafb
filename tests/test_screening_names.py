"""Name screening against the full OFAC SDN list of 2024-05-03 and the real CSL extract.

Other scripts, partial person names, legal forms in front or misspelt, generic names, the
party's country; and the regression floor: recall and false hits on the held-out half of
the labelled query set (bench/screening_queries.csv), which is never tuned on.
Skipped when the shared reference lists are not there.
"""

from __future__ import annotations

import pytest

from auditor.model.enums import ScreeningStatus
from auditor.screening.screen import Screener, screen_party
from screeningkit import full_screener, present

pytestmark = present


@pytest.fixture(scope="module")
def full() -> Screener:
    return full_screener()


def _status_for(screener: Screener, query: str, entry: str, country: str | None = None):
    hits = [h for h in screener.names(query, "party", country=country) if h.entry_id == entry]
    return hits[0] if hits else None


@pytest.mark.parametrize(("query", "entry"), [
    ("Nicolas Maduro", "SDN-22790"), ("Ramzan Kadyrov", "SDN-23343"), ("Viktor Bout", "SDN-8279"),
    ("Vitaly Savelyev", "SDN-36501"), ("N. Maduro", "SDN-22790"), ("Maduro Nicolas", "SDN-22790"),
])
def test_given_and_family_name_of_a_longer_listed_name_is_a_review(full, query, entry):
    hit = _status_for(full, query, entry)
    assert hit is not None and hit.status == ScreeningStatus.REVIEW
    assert any("left out" in r or "initial" in r for r in hit.reasons)


def test_two_common_given_names_are_not_a_partial_name(full):
    assert not [h for h in full.names("Maria Jose", "party") if "left out" in h.reason]


@pytest.mark.parametrize(("query", "entry"), [
    ("Хезболла", "SDN-4697"), ("حزب الله", "SDN-4697"), ("Hezbollah", "SDN-4697"),
    ("Владимир Путин", "SDN-35096"), ("김정은", "SDN-20157"), ("Κim Jong Un", "SDN-20157"),
    ("Рамзан Кадыров", "SDN-23343"), ("MAHAN AİR", "SDN-12927"),
])
def test_names_in_other_scripts_and_homoglyphs_are_found(full, query, entry):
    hit = _status_for(full, query, entry)
    assert hit is not None and hit.status in (ScreeningStatus.MATCH, ScreeningStatus.REVIEW), query


@pytest.mark.parametrize("query", [
    "Joint Stock Co. United Shipbuilding Corporation", "JSC United Shipbuilding Corporation",
    "JOINT STOCK COMPNAY UNITED SHIPBUILDING CORPORATION", "United Shipbuilding Corporation JSC",
])
def test_legal_forms_in_front_and_misspelt(full, query):
    hit = _status_for(full, query, "SDN-16886")
    assert hit is not None and hit.status == ScreeningStatus.MATCH, query


def test_misspelt_legal_form_in_front_of_a_listed_company(full):
    hit = _status_for(full, "JIONT STOCK COMPANY CONCERN SOZVEZDIE", "SDN-16869")
    assert hit is not None and hit.status == ScreeningStatus.MATCH


def test_one_shared_generic_word_is_never_a_match(full):
    result = screen_party(full, "ON Semiconductor")
    assert result.status == ScreeningStatus.CLEAR, [h.name for h in result.hits]
    assert all(h.status != ScreeningStatus.MATCH for h in full.names("Northern Trust Corporation", "party"))


def test_same_name_in_another_country_is_a_review_and_says_so(full):
    listed = full.names("Mahan Air", "party", country="IR")
    assert listed[0].status == ScreeningStatus.MATCH and "supports the hit" in listed[0].reason
    elsewhere = [h for h in full.names("Mahan Air", "party", country="DE") if h.entry_id == "SDN-12927"][0]
    assert elsewhere.status == ScreeningStatus.REVIEW and "same name, other country" in elsewhere.reason


@pytest.mark.parametrize("clean", ["Apple Inc.", "Siemens AG", "Hetzner Online GmbH", "Emily Tremblay",
                                   "Microsoft Corporation"])
def test_real_companies_and_people_stay_clear(full, clean):
    assert screen_party(full, clean).status == ScreeningStatus.CLEAR


def test_regression_floor_on_the_held_out_queries(full):
    """Recall, false matches and false reviews on the half of the query set never tuned on.

    The floors sit a little under what was measured (bench/RESULTS.md): a change to the
    matcher that costs recall or adds false hits fails here.
    """
    from bench.screening_accuracy import evaluate
    from bench.screening_queries import load

    held = [q for q in load() if q.split == "held"]
    outcome = evaluate(held, full)
    assert outcome.recall >= 0.975, outcome.summary()          # measured 0.980
    assert outcome.clean_match / outcome.clean <= 0.005, outcome.summary()
    assert outcome.clean_review / outcome.clean <= 0.015, outcome.summary()   # measured 0.0063
    for kind in ("exact", "alias", "legal_front", "legal_misspelt", "partial", "cyrillic"):
        assert outcome.found[kind] >= 0.9 * outcome.total[kind], (kind, outcome.summary())


def test_year_of_birth_supports_or_weakens_a_hit(full):
    born_then = _status_for(full, "Viktor Anatolijevitch Bout", "SDN-8279")
    assert born_then is not None and born_then.status == ScreeningStatus.MATCH
    same = [h for h in full.names("Viktor Anatolijevitch Bout", "party", born=1967) if h.entry_id == "SDN-8279"][0]
    assert same.status == ScreeningStatus.MATCH and "supports the hit" in same.reason
    other = [h for h in full.names("Viktor Anatolijevitch Bout", "party", born=1990) if h.entry_id == "SDN-8279"][0]
    assert other.status == ScreeningStatus.REVIEW and "other person?" in other.reason


@pytest.mark.parametrize(("query", "entry"), [
    ("V.V. Putin", "SDN-35096"), ("Nicolas Maduor", "SDN-22790"),
])
def test_initials_written_together_and_a_misspelt_family_name(full, query, entry):
    hit = _status_for(full, query, entry)
    assert hit is not None and hit.status == ScreeningStatus.REVIEW, query


def test_regression_floor_on_the_independent_second_query_set(full):
    """test2 (bench/screening_queries_test2.py): other entries, other perturbations, countries given, names
    written apart from the first set; never tuned on. Floors a little under the measured figures."""
    from bench.screening_accuracy import evaluate
    from bench.screening_queries_test2 import load_test2

    outcome = evaluate(load_test2(), full)
    assert outcome.recall >= 0.97, outcome.summary()           # measured 0.979
    assert outcome.clean_match / outcome.clean <= 0.005, outcome.summary()
    assert outcome.clean_review / outcome.clean <= 0.04, outcome.summary()    # measured 0.031


def test_regression_floor_on_the_third_query_set(full):
    """dev3 (bench/screening_queries_dev3.py): recall, Arabic-script and Cyrillic persons among them."""
    from bench.screening_accuracy import evaluate, queries_of

    outcome = evaluate(queries_of("dev3"), full)
    assert outcome.recall >= 0.985, outcome.summary()           # measured 0.992
    assert outcome.clean_match / outcome.clean <= 0.005, outcome.summary()
    for kind in ("arabic", "cyrillic", "partial", "translit", "typo"):
        assert outcome.found[kind] >= 0.95 * outcome.total[kind], (kind, outcome.summary())


def test_review_ceiling_on_common_names_of_people_not_listed(full):
    """dev4 (bench/screening_clean_names_dev4.txt): common names of employees and directors, none listed; how many
    come back as a review or a match (a shared given name, a family name that only resembles a listed one)."""
    from bench.screening_accuracy import evaluate, queries_of

    outcome = evaluate(queries_of("dev4"), full)
    assert outcome.clean >= 500 and not outcome.total, outcome.summary()
    assert outcome.clean_match / outcome.clean <= 0.005, outcome.summary()   # measured 0.0018
    assert outcome.clean_review / outcome.clean <= 0.03, outcome.summary()   # measured 0.020
    assert outcome.clean_flagged["person"] / outcome.clean_kinds["person"] <= 0.04, outcome.summary()  # 0.026


@pytest.mark.parametrize(("split", "at_least"), [
    ("test3", 400),  # 420 names written blind at stop 32, scored once before any change: 0 matches, 2 reviews (0.48 %)
    ("test4", 450),  # 470 names written blind at stop 35, scored once before any change: 0 matches, 7 reviews (1.49 %)
    ("test5", 100),  # 100 real names in Cyrillic, Arabic, Chinese and Korean script, stop 36: 0 matches, 2 reviews
])
def test_ceiling_on_the_held_out_sets_of_names_not_listed(full, split, at_least):
    """test3 and test4 (bench/screening_clean_names_<split>.txt): names written blind by a helper that never saw
    the project, never tuned on. The issue's ceilings: match <= 0.5 %, review <= 3 %."""
    from bench.screening_accuracy import evaluate, queries_of

    outcome = evaluate([q for q in queries_of(split) if not q.expected], full)
    assert outcome.clean >= at_least and not outcome.total, outcome.summary()
    assert outcome.clean_match / outcome.clean <= 0.005, outcome.summary()
    assert outcome.clean_review / outcome.clean <= 0.03, outcome.summary()


@pytest.mark.parametrize(("query", "entry"), [
    ("ZANAG SAS", "SDN-44520"),                                              # two letters swapped
    ("Aviation Capital Soultions Ltd", "SDN-19712"),                         # a name of generic words only
    ("SYRAIN GAS COMPANY", "SDN-12871"),                                     # a generic word misspelt
    ("Obschestvo s Ogranichenoi Otvetstvenostiu Nipigaz IT", "SDN-44160"),   # the Russian LLC spelt another way
    ("Sahab Fase", "971132428d39871ec36a089bf7ca04c8a00e9653b718458da8d41bdd"),  # ph written f
])
def test_typing_slips_and_other_spellings_are_found(full, query, entry):
    hit = _status_for(full, query, entry)
    assert hit is not None and hit.status in (ScreeningStatus.MATCH, ScreeningStatus.REVIEW), query


def test_a_short_word_with_another_letter_is_another_name():
    from auditor.screening.spelling import is_slip

    assert is_slip("zagna", "zanga") and is_slip("vatexh", "vatech") and is_slip("sverbank", "sberbank")
    assert not is_slip("linde", "linda") and not is_slip("orlen", "orlan")


def test_a_name_compared_by_consonants_only_is_never_a_match(full):
    hits = full.names("علي حسن", "party")
    assert hits and all(h.status == ScreeningStatus.REVIEW for h in hits)
    assert any("consonants only" in h.reason for h in hits)


def test_a_long_vowel_written_in_arabic_script_tells_names_with_the_same_consonants_apart(full):
    """Hossein Karimi (حسین کریمی) has the consonants of KARAMI, Hassan but a ya where Hassan and Karami have none;
    Ahmad (أحمد) opens with an alef that Hameed lacks. Written as the listed names are, both are still found."""
    assert not [h for h in full.names("حسین کریمی", "party") if h.entry_id == "SDN-34104"]
    assert not [h for h in full.names("أحمد حسن", "party") if h.entry_id == "SDN-24757"]
    assert _status_for(full, "حسن کرمی", "SDN-34104").status == ScreeningStatus.REVIEW
    assert _status_for(full, "حميد حسن", "SDN-24757").status == ScreeningStatus.REVIEW


def test_a_similar_name_in_another_country_is_dropped_an_equal_one_is_not(full):
    assert any(h.status == ScreeningStatus.REVIEW for h in full.names("Walmart Inc.", "party"))
    assert not full.names("Walmart Inc.", "party", country="US")
    assert [h.status for h in full.names("Welmart Group Limited", "party", country="US")][:1] == [ScreeningStatus.REVIEW]


def test_a_word_not_in_the_listed_persons_name_weakens_the_likeness(full):
    assert not [h for h in full.names("Li Ming", "party", country="CN") if h.name == "LI, Zeming"]
    assert not [h for h in full.names("David Anderson", "party") if h.name == "DAVID, Andoson"]


@pytest.mark.parametrize(("name", "words"), [
    ("Opel Automobile GmbH", ["opel", "automobile"]), ("Publix Super Markets", ["publix", "super", "markets"]),
    ("Omen Ltd", ["omen"]), ("JOINT STOCK COMPNAY UNITED SHIPBUILDING", ["united", "shipbuilding"]),
    ("Obschestvo s Ogranichenoi Otvetstvenostiu Karat", ["karat"]),
])
def test_a_word_is_read_as_a_legal_form_only_inside_one(name, words):
    from auditor.screening.normalize import entity_tokens

    assert entity_tokens(name)[0] == words


def test_every_entry_carrying_the_same_name_is_reported(full):
    """AL-AQSA FOUNDATION is listed as many entries (one per country office), each with many aliases."""
    ids = {h.entry_id for h in full.names("AL-AQSA FOUNDATION", "party") if h.score >= 1.0}
    assert "SDN-7643" in ids and len(ids) > 10, sorted(ids)


def test_a_partial_name_in_another_romanisation_is_a_review(full):
    """Given and family name of a longer listed name, both romanised otherwise (Aleksander/Alexander,
    Terentev/Terentyev), in Cyrillic or Latin letters."""
    for query in ("Александр Терентьев", "Aleksander Terentev"):
        hit = _status_for(full, query, "SDN-35454")
        assert hit is not None and hit.status == ScreeningStatus.REVIEW, query


def test_an_aircraft_registration_mark_is_compared_whole(full):
    """EP- opens an Iranian registration mark, not a legal form: a company called MHP is not the aircraft EP-MHP,
    while the mark itself, however written, still finds it."""
    assert not [h for h in full.names("MHP SE", "party") if h.entry_id == "SDN-15456"]
    for written in ("EP-MHP", "EP MHP"):
        hit = _status_for(full, written, "SDN-15456")
        assert hit is not None and hit.status == ScreeningStatus.MATCH, written


def test_the_turkish_industry_and_trade_suffix_is_no_evidence(full):
    """'Sanayi ve Ticaret' ends most Turkish company names: two firms sharing it are not alike."""
    hits = full.names("VESTEL ELEKTRONIK SANAYI VE TICARET A.S.", "party", country="TR")
    assert not [h for h in hits if "Sanayi" in h.name], [(h.name, h.score) for h in hits]


def test_review_ceiling_on_the_fifth_set_of_names_not_listed(full):
    """dev5 (bench/screening_clean_names_dev5.txt): companies of countries near sanctioned ones and common names of
    people, none listed (three that proved to be listed names were taken out)."""
    from bench.screening_accuracy import evaluate, queries_of

    outcome = evaluate(queries_of("dev5"), full)
    assert outcome.clean >= 500 and not outcome.total, outcome.summary()
    assert outcome.clean_match / outcome.clean <= 0.005, outcome.summary()   # measured 0.000
    assert outcome.clean_review / outcome.clean <= 0.02, outcome.summary()   # measured 0.0098


@pytest.mark.parametrize(("query", "entry"), [
    ("李方伟", "SDN-11447"),                    # a Chinese name in Han characters: LI, Fangwei
    ("骆惠宁", "SDN-29263"),                    # LUO, Huining
    ("유진", "SDN-39497"),                      # a Korean name in Hangul: YU, Jin ("yu" is no legal form here)
    ("Yu Jin", "SDN-39497"),                   # the same, family name first in Latin letters
    ("Horsheva Natalya Ivanovna", "SDN-22410"),  # family name first, KH written H: KHORSHEVA, Natalya Ivanovna
])
def test_names_of_other_scripts_and_family_first_order_are_found(full, query, entry):
    """Found on dev6 (native-script variants written by hand, tuned on at stop 35)."""
    hit = _status_for(full, query, entry)
    assert hit is not None and hit.status == ScreeningStatus.MATCH, query


def test_two_letter_words_rigour_reads_as_legal_forms_stay_name_words():
    from auditor.screening.normalize import normalize_name

    assert normalize_name("Yu Jin").tokens == ("yu", "jin")
    assert normalize_name("Li Na").tokens == ("li", "na")
    assert normalize_name("Zeta Holding AG").legal == ("jsc",)   # a legal form our own vocabulary knows still goes


def test_words_paired_across_orders_when_sorting_splits_them():
    from rapidfuzz import fuzz

    from auditor.screening.spelling import paired_ratio

    assert paired_ratio(fuzz.ratio, ("horsheva", "natalya"), ("natalya", "khorsheva")) > 95
    assert paired_ratio(fuzz.ratio, ("anna", "smith"), ("boris", "petrov")) < 40


def test_a_name_in_persian_script_is_romanised_the_persian_way(full):
    """قاسم رضایی is Ghasem Rezaei (zad read z, qaf read gh), as the list writes Iranian names."""
    from auditor.screening.normalize import fold

    assert fold("قاسم رضایی").split() == ["ghasm", "rzayy"]
    hit = _status_for(full, "قاسم رضایی", "SDN-39076")
    assert hit is not None and hit.status in (ScreeningStatus.MATCH, ScreeningStatus.REVIEW)


def test_a_persian_ending_must_be_written_in_the_latin_name_too():
    from auditor.screening.abjad import ending_fits

    assert not ending_fits("rzayy", "reza") and ending_fits("rzayy", "rezaei") and ending_fits("rzayy", "rezai")


@pytest.mark.parametrize(("query", "entry"), [
    ("조선금산무역회사", "SDN-20603"),           # KOREA KUMSAN TRADING CORPORATION
    ("단천상업은행", "SDN-9346"),                # TANCHON COMMERCIAL BANK
    ("崑崙航運有限公司", "SDN-27470"),           # KUNLUN SHIPPING COMPANY LIMITED
    ("丹东至诚金属材料有限公司", "SDN-22603"),     # DANDONG ZHICHENG METALLIC MATERIAL CO., LTD.
])
def test_a_chinese_or_korean_company_name_is_read_through_its_generic_words(full, query, entry):
    """Found on dev6: the lists translate a company's generic words and romanise its own."""
    hit = _status_for(full, query, entry)
    assert hit is not None and hit.status in (ScreeningStatus.MATCH, ScreeningStatus.REVIEW), query


def test_a_korean_persons_name_keeps_its_syllables_apart():
    from auditor.screening.normalize import fold

    assert fold("김정은").split() == ["kim", "jong", "un"]
    assert fold("조선금산무역회사").split() == ["korea", "kumsan", "trading", "company"]


@pytest.mark.parametrize(("query", "entry"), [
    ("شرکت پتروشیمی کارون", "SDN-26840"),      # KAROUN PETROCHEMICAL COMPANY (Persian)
    ("مؤسسة الإسكان العسكرية", "SDN-13001"),    # MILITARY HOUSING ESTABLISHMENT
])
def test_an_arabic_or_persian_company_name_is_read_through_its_generic_words(full, query, entry):
    """Found on dev6: شركة / شرکت is the company's legal form, the generic words are the lists' English ones."""
    hit = _status_for(full, query, entry)
    assert hit is not None and hit.status in (ScreeningStatus.MATCH, ScreeningStatus.REVIEW), query
