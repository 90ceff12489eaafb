"""Fuzzy name matching against list entries, through an index so not every pair is compared.

Each listed name (primary and aliases) is normalised once. An inverted index maps keys
derived from its informative tokens (the token, its consonant skeleton, its prefix) to
the names holding them; a query gathers candidates through its own keys, weighted by how
rare each token is in the lists (IDF), and only the best few candidates are scored with
rapidfuzz. Generic words ("bank", "trading", "international") are not indexed and cannot
make a match alone: a candidate must share at least one informative token with the query.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

from auditor.screening.abjad import Abjad
from auditor.screening.chinese import PERSON_ONLY, family_agrees, pinyin_halves
from auditor.screening.systems import FROM_PINYIN
from auditor.screening.keys import romanised
from auditor.screening.lists import ListEntry
from auditor.screening.normalize import NormalName, craft_name, normalize_name, vocabulary
from auditor.screening.persons import own_name_left_out, partial_person, patronymic_differs
from auditor.screening.readings import listed_variants, readings
from auditor.screening.spelling import (GENERIC_SOUNDS, consonant_likeness, consonants_agree, family_first_likeness,
                                        generic_key, generic_spelling, names_fit, near_spelling, paired_ratio,
                                        romanised_likeness, same_sound, same_word, similar_spellings,
                                        sorted_consonants, sounds_of, spelling_keys, token_agrees, word_agreement)

CANDIDATES_PER_QUERY = 25
"""How many index candidates are scored per query; the rest never reach rapidfuzz."""
RERANK_BONUS = 3.0
"""Whole-name likeness adds up to this to a candidate's word score when candidates crowd at the cut."""
BROAD_KEY = 350
"""A word held by more names than this only strengthens candidates found through rarer words."""
BROAD_SCAN = 3000
"""With nothing but one such word, this many of the names holding it are compared whole."""
SPELLINGS_PER_KEY = 64
"""A spelling key shared by more words than this (a frequent prefix) is not followed."""
INFORMATIVE_ONLY_FACTOR = 0.88
"""Distinctive words equal but generic words different: at most a review, never a match alone."""
SHORT_NAME = 4
AGREEMENT_SHARE = 0.25
"""Part of the score set by IDF-weighted word agreement: sharing only frequent words costs up to this much."""
COMMON_WORD_WEIGHT = 0.3
PARTIAL_PERSON_SCORE = 0.86
"""Given and family name found in a longer listed name (middle names, patronymic left out): a review."""
PARTIAL_GATE = 0.35
"""Below this whole-name likeness a shorter name is not tried as a partial writing of the listed one."""
STRAY_WORD_FACTOR = 0.9
"""A person's name with a word that agrees with none of the listed name's words: likeness counts for less."""
NEAR_SPELLING_SCORE = 0.85
"""Every distinctive word of both names paired with one equal or one letter off (ZAGNA/ZANGA): a review."""
NEAR_SPELLING_GATE = 0.6
"""Below this whole-name likeness two names are not tried as one slip apart (one slip keeps them closer)."""
SOUNDS_ALIKE_FACTOR = 0.90
"""Same consonant skeleton (Hezbollah/Hizballah): close, but spelt differently."""
CONSONANTS_FACTOR = 0.95
"""A name in Arabic or Persian script compared by its consonants with the listed Latin name."""
NO_SAME_WORD_FACTOR = 0.9
"""A Latin-script person's name none of whose words is a listed word, even in another romanisation
(Farhad Mohammadi, FARHAT Mohammad): a slip or a romanisation changes one word, not every one."""
WHOLE_READING = 0.95
"""A hit from a reading whose words were split apart (``systems.FROM_PINYIN``) counts from this score only: the
listed words themselves, not a near name with a word to spare."""


WORD_ORDER = "o:"
"""Key prefix of an organisation's name by its words' consonants in alphabetical order (any word order)."""


CRAFT = frozenset({"aircraft", "vessel"})  # named by a registration mark or a ship's name: no legal form in it


@dataclass(frozen=True, slots=True)
class IndexedName:
    entry: ListEntry
    text: str
    is_alias: bool
    norm: NormalName
    informative_sorted: str
    sounds: str                  # consonant skeletons of the informative words, sorted


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A listed name close enough to a query, with the evidence for the score."""

    entry: ListEntry
    listed_name: str
    is_alias: bool
    score: float
    method: str
    common_only: bool = False   # only generic words agree: the name was equal, but can never be a match
    at_most_review: str = ""    # why this hit cannot be a match whatever its score (partial name ...)


class NameIndex:
    """Every name of the given entries, indexed for fast fuzzy lookup.

    Two levels keep the index small: names are posted under their exact words only, and the
    typo and transliteration keys map to the (far fewer) distinct words of the lists.
    """

    def __init__(self, entries: Iterable[ListEntry]):
        from rapidfuzz import fuzz  # heavy import kept out of start-up

        self._ratio = fuzz.ratio
        self.names: list[IndexedName] = []
        self._postings: dict[str, list[int]] = {}      # word -> names holding it
        self._spellings: dict[str, list[str]] = {}     # spelling key -> words of the lists
        self._exact: dict[str, list[int]] = {}
        self._exact_full: dict[str, list[int]] = {}
        self._by_consonants: dict[str, list[int]] = {}
        self._sets: dict[str, frozenset[int]] = {}
        self._generic_by_word: dict[str, list[int]] | None = None   # built on the first query of generic words
        self._similar_cache: dict[str, dict[str, float]] = {}
        self._weights: dict[str, float] = {}
        self._idf: dict[str, float] = {}
        self._stopwords = vocabulary()["stopwords"]
        self._common = vocabulary()["generic_words"]
        for entry in entries:
            seen: set[str] = set()
            person = entry.is_person
            for position, text in enumerate((entry.name, *entry.aliases)):
                for variant, shown in listed_variants(text, not person and entry.kind not in CRAFT):
                    norm = normalize_name(variant, person=person, craft=entry.kind in CRAFT)
                    if not norm.tokens or norm.sorted_all in seen:
                        continue
                    seen.add(norm.sorted_all)
                    self._add(IndexedName(entry, shown, position > 0, norm, " ".join(sorted(norm.informative)),
                                          sounds_of(norm.informative)))
        self._total = max(1, len(self.names))

    @classmethod
    def from_tables(cls, *, names, postings, spellings, exact, exact_full, by_consonants) -> NameIndex:
        """An index over tables built before (see ``stored``): mappings and a sequence of names."""
        from rapidfuzz import fuzz

        index = cls.__new__(cls)
        index._ratio = fuzz.ratio
        index.names, index._postings, index._spellings = names, postings, spellings
        index._exact, index._exact_full, index._by_consonants = exact, exact_full, by_consonants
        index._sets, index._similar_cache, index._weights, index._idf = {}, {}, {}, {}
        index._generic_by_word = None
        index._stopwords = vocabulary()["stopwords"]
        index._common = vocabulary()["generic_words"]
        index._total = max(1, len(names))
        return index

    def _add(self, name: IndexedName) -> None:
        number = len(self.names)
        self.names.append(name)
        self._exact.setdefault(name.norm.sorted_all, []).append(number)
        self._exact_full.setdefault(name.norm.full, []).append(number)
        if len(name.norm.consonant_key) >= 3:
            self._by_consonants.setdefault(name.norm.consonant_key, []).append(number)
            if not name.entry.is_person and len(name.norm.tokens) >= 2:   # Arabic puts the noun first (بانک سپه)
                self._by_consonants.setdefault(WORD_ORDER + sorted_consonants(name.norm), []).append(number)
        if not name.norm.informative and len(name.norm.tokens) >= 2:   # not posted under any word: found by sound
            self._by_consonants.setdefault(generic_key(name.norm), []).append(number)
            self._by_consonants.setdefault(GENERIC_SOUNDS, []).append(number)   # and all of them together
        postings = self._postings
        for token in set(name.norm.informative):
            bucket = postings.get(token)
            if bucket is not None:
                bucket.append(number)
                continue
            postings[token] = [number]
            for key, _factor in spelling_keys(token, False):
                self._spellings.setdefault(key, []).append(token)

    def __len__(self) -> int:
        return len(self.names)

    def _usage(self, word: str) -> int:
        """How many listed names hold ``word``."""
        return len(self._postings.get(word, ()))

    def weight(self, token: str) -> float:
        """IDF of a word over all indexed names: a rare surname outweighs a frequent given name."""
        cached = self._idf.get(token)
        if cached is None:
            cached = self._idf[token] = math.log(1.0 + self._total / (len(self._postings.get(token, ())) or 0.5))
        return cached

    def similar_words(self, token: str, abjad: bool = False, kin: bool = False) -> dict[str, float]:
        """Words of the lists spelt like ``token``, each with the strength of the likeness.

        A word from Arabic or Persian script (``abjad``) has no short vowels: it also meets the
        listed words with the same consonants; the one distinctive word of an organisation's name (``kin``) meets
        its other Latin writings nearly as itself (a person's given names have too many such twins: Evgenii, Evgeny).
        """
        cache_key = ("\x01" if abjad else "\x02" if kin else "") + token
        cached = self._similar_cache.get(cache_key)
        if cached is not None:
            return cached
        found = similar_spellings(token, abjad, self._spellings, token in self._postings, SPELLINGS_PER_KEY, kin)
        self._similar_cache[cache_key] = found
        return found

    def _generic_words(self) -> dict[str, list[int]]:
        """Word -> the listed names made of generic words only that hold it (posted under no word, found by
        sound otherwise): built once per index, on the first query of generic words only."""
        cached = self._generic_by_word
        if cached is None:
            cached = {}
            for n in self._by_consonants.get(GENERIC_SOUNDS, []):
                for token in set(self.names[n].norm.tokens):
                    cached.setdefault(token, []).append(n)
            self._generic_by_word = cached
        return cached

    def _posting_set(self, word: str) -> frozenset[int]:
        cached = self._sets.get(word)
        if cached is None:
            cached = self._sets[word] = frozenset(self._postings[word])
        return cached

    def candidates(self, query: NormalName, limit: int = CANDIDATES_PER_QUERY) -> list[int]:
        """The names sharing the most (IDF-weighted) words or near spellings with the query, best first."""
        found: dict[int, float] = {n: 1000.0 for n in self._exact.get(query.sorted_all, ())}
        for n in self._exact_full.get(query.full, ()):
            found[n] = 2000.0
        # Names equal to the query are all scored, however many entries carry them (AL-AQSA FOUNDATION).
        limit = max(limit, len(found))
        if query.abjad:
            for n in self._by_consonants.get(query.consonant_key, ()):
                found[n] = found.get(n, 0.0) + 500.0
            if not query.given and len(query.tokens) >= 2:
                for n in self._by_consonants.get(WORD_ORDER + sorted_consonants(query), ()):
                    found[n] = found.get(n, 0.0) + 500.0
        if len(query.tokens) >= 2 and len(query.informative) <= 1:
            for n in self._by_consonants.get(generic_key(query), ()):
                found[n] = found.get(n, 0.0) + 400.0
        if not query.informative and len(set(query.tokens)) >= 3:
            # generic words only, one of them worded otherwise (INDUSTRY / INDUSTRIAL DEVELOPMENT BANK): the
            # listed names of generic words only that hold all the others
            mine = set(query.tokens)
            held: dict[int, int] = {}
            by_word = self._generic_words()
            for token in mine:
                for n in by_word.get(token, ()):
                    held[n] = held.get(n, 0) + 1
            for n, count in held.items():
                if count >= len(mine) - 1 and len(self.names[n].norm.tokens) <= len(mine) + 1:
                    found[n] = found.get(n, 0.0) + 300.0
        broad: list[tuple[str, str, float]] = []
        words = list(dict.fromkeys(query.informative))
        # Two words written as one on the list (TSMR Bank / TSMRBANK, Fang Wei / Fangwei, hzb allh / hizballah).
        joined = [a + b for a, b in zip(query.tokens, query.tokens[1:])
                  if len(a) + len(b) >= 5 and min(len(a), len(b)) <= 4]
        words += [w for w in joined if w not in words]
        kin = len(query.informative) == 1 and not query.given and self._organisation(query)   # Mahdi Group
        # A word of two pinyin syllables the lists write apart (Shenyang / SHEN YANG; from Han script 長安 / CHANG AN too).
        words += [half for token in query.informative if token not in self._postings and (halves := pinyin_halves(token))
                  and all(h in self._postings or (h in self._stopwords and not query.original.isascii()) for h in halves)
                  for half in halves if half not in words and half in self._postings]
        for token in words:
            # A near spelling is worth no more than the word as written: a listed word the query holds
            # (AERO) is not outweighed by rare words merely spelt like it (HERO, EURO); a word the lists do not
            # hold is worth no more than the listed word one slip away (SVERBANK: SBERBANK, not ONERBANK).
            similar = self.similar_words(token, query.abjad, kin)
            weight_of = self.weight
            if token in self._postings:
                own = weight_of(token)
            else:
                own = max((weight_of(w) for w, f in similar.items() if f >= 0.6 and w[0] == token[0]), default=math.inf)
            for word, factor in similar.items():
                postings = self._postings[word]
                weight = factor * min(weight_of(word), own)
                if len(postings) > BROAD_KEY:
                    broad.append((word, token, weight))
                    continue
                for number in postings:
                    found[number] = found.get(number, 0.0) + weight
        if broad and found:
            for word, _token, weight in broad:
                members = self._posting_set(word)
                for number in found:
                    if number in members:
                        found[number] += weight
        elif len({token for _, token, _ in broad}) >= 2:
            # Only frequent words (two common given names, say): the names holding both of them.
            broad.sort(key=lambda item: len(self._postings[item[0]]))
            first = broad[0]
            second = next(item for item in broad if item[1] != first[1])
            for number in self._posting_set(first[0]) & self._posting_set(second[0]):
                found[number] = first[2] + second[2]
        elif broad:
            # One frequent word and generic ones (AERO EXPRESS INTERCONTINENTAL): the names holding it,
            # the closest whole names first.
            word = min(broad, key=lambda item: len(self._postings[item[0]]))[0]
            ratio, text = self._ratio, query.sorted_all
            for number in self._postings[word][:BROAD_SCAN]:
                found[number] = ratio(text, self.names[number].norm.sorted_all) / 10.0
        if len(found) > limit:
            # Many names share the query's words (45 names hold ALMAZ): near the cut, the closest whole
            # names go first (a bonus of up to RERANK_BONUS for whole-name likeness).
            wide = heapq.nlargest(limit * 3, found, key=found.__getitem__)
            cut = found[wide[limit - 1]] - RERANK_BONUS
            if found[wide[limit]] < cut:
                return wide[:limit]
            sure = [n for n in wide[:limit] if found[n] >= cut + RERANK_BONUS * 2]
            taken = set(sure)
            close = [n for n in wide if n not in taken and found[n] >= cut]
            ratio, text = self._ratio, query.sorted_all
            bonus = {n: found[n] + RERANK_BONUS * ratio(text, self.names[n].norm.sorted_all) / 100.0 for n in close}
            return sure + heapq.nlargest(limit - len(sure), bonus, key=bonus.__getitem__)
        return sorted(found, key=found.__getitem__, reverse=True)

    def _aligned(self, query: NormalName, name: NormalName) -> bool:
        """Some informative token of the query agrees with one of the listed name."""
        abjad = Abjad.of(query, name)
        if abjad.any and min(len(query.consonant_key), len(name.consonant_key)) >= 3 and \
                consonant_likeness(self._ratio, query, name) >= 85:
            return True
        for mine in query.informative:
            for theirs in name.informative:
                if mine == theirs or (len(mine) >= 4 and same_sound(mine, theirs)):
                    return True
                if abjad.any and len(mine) >= 3 and consonants_agree(mine, theirs, abjad):
                    return True   # Hamsho / حمشو: the same consonants and long vowels
                if min(len(mine), len(theirs)) >= 4 and (self._ratio(mine, theirs) >= 80 or mine in theirs or theirs
                                                         in mine or self._ratio(romanised(mine), romanised(theirs)) >= 80):
                    return True
        return False

    def _organisation(self, query: NormalName) -> bool:
        """The name holds a generic word or a legal form: its words may be compared in any order (a person's two
        names sorted apart meet too many names by chance)."""
        return bool(query.legal) or any(t in self._common for t in query.tokens)

    def _token_weight(self, token: str) -> float:
        cached = self._weights.get(token)
        if cached is None:
            if token in self._stopwords or len(token) < 2:
                cached = 0.0
            else:
                cached = self.weight(token) * (COMMON_WORD_WEIGHT if token in self._common else 1.0)
            self._weights[token] = cached
        return cached

    def agreement(self, query: NormalName, name: NormalName) -> float:
        """IDF-weighted agreement of the two names' words, 0..1 (``spelling.word_agreement``)."""
        return word_agreement(self._ratio, self._token_weight, query, name)

    def score(self, query: NormalName, query_informative: str, query_sounds: str,
              name: IndexedName) -> tuple[float, str]:
        """Similarity in 0..1 and the comparison that produced it."""
        ratio = self._ratio
        target = name.norm
        if query.legal and name.entry.kind in CRAFT:  # the letters read as a legal form may be a registration mark's
            query = craft_name(query.original)
        if query.full == target.full:
            return 1.0, "same name after normalisation"
        if query.sorted_all == target.sorted_all:
            return (0.97 if query.informative else 0.88), "same name, other legal form"
        best, method = ratio(query.sorted_all, target.sorted_all), "token-sorted"
        core = ratio(query.sorted_core, target.sorted_core) * 0.96
        if core > best:
            best, method = core, "token-sorted without initials"
        compact = ratio(query.compact, target.compact)
        if compact > best:
            best, method = compact, "spelling without spaces"
        if best < 92 and (family := family_first_likeness(ratio, query, target)) > best:
            best, method = family, "family name first, spelling without spaces"
        if 70 <= best < 92 and (alike := romanised_likeness(ratio, query, target)) > best:
            best, method = alike, "the same words in another romanisation"
        if best < 92 and 2 <= len(query.tokens) == len(target.tokens) <= 5 and \
                len(set(query.tokens).intersection(target.tokens)) == len(query.tokens) - 1:
            paired = paired_ratio(ratio, query.tokens, target.tokens)
            if paired > best:  # all words but one the same (KHORSHEVA, Natalya for "Horsheva Natalya"), sorted apart
                best, method = paired, "words paired in another order"
        if min(len(query_informative), len(name.informative_sorted)) >= 6:
            distinct = ratio(query_informative, name.informative_sorted) * INFORMATIVE_ONLY_FACTOR
            if distinct > best:
                best, method = distinct, "distinctive words only"
        if 65 <= best < 92 and min(len(query_sounds), len(name.sounds)) >= 4:
            # Hezbolla/Hizballah: the same consonants; only names of about the same length (not Amgen/Amegino).
            same = query_sounds == name.sounds and \
                min(len(query.compact), len(target.compact)) >= 0.8 * max(len(query.compact), len(target.compact))
            if same or (best >= 75 and min(len(query_sounds), len(name.sounds)) >= 5):
                alike = ratio(query_sounds, name.sounds) * SOUNDS_ALIKE_FACTOR
                if alike > best:
                    best, method = alike, "same consonants, other vowels"
        if (query.abjad or target.abjad) and min(len(query.consonant_key), len(target.consonant_key)) >= 3 and \
                names_fit(query, target) and name.entry.kind != "aircraft":   # a registration mark is no word
            written = consonant_likeness(ratio, query, target, self._organisation(query), True) * CONSONANTS_FACTOR
            if written > best:
                best, method = written, "consonants (script written without short vowels)"
        score = best / 100.0
        if min(len(query.compact), len(target.compact)) <= SHORT_NAME and query.compact != target.compact:
            score *= 0.85
            method += ", short name"
        return score, method

    def _generic_misspelt(self, query: NormalName) -> NormalName:
        """An organisation's word the lists do not hold, one slip from a generic word, read as it: "Strian Gas",
        "Ekectronics" (the generic word is not indexed, so the misspelling would otherwise be its only clue)."""
        if query.given or query.abjad or all(t in self._postings for t in query.informative):
            return query
        fixed = [generic_spelling(t) if t in query.informative and t not in self._postings else t
                 for t in query.tokens]
        if fixed == list(query.tokens):
            return query
        return normalize_name(" ".join(fixed + list(query.legal)), person=False)

    def _stray_word(self, query: NormalName, name: NormalName) -> bool:
        """A distinctive word of the party's name agrees with no word of the listed person's name (Li Ming is not
        LI, Zeming; David Anderson is not DAVID, Andoson): the whole-name likeness overstates the match."""
        theirs = [t for t in name.tokens if t not in self._stopwords]
        return any(not any(token_agrees(mine, other) for other in theirs)
                   for mine in query.informative)

    def _own_name_left_out(self, query: NormalName, name: NormalName) -> bool:
        return own_name_left_out(query, name, self._stopwords)

    def partial_person(self, query: NormalName, name: NormalName) -> str:
        """Why ``query`` is a shorter writing of the listed person's name, else ``""`` (see ``persons``)."""
        return partial_person(query, name, self._stopwords, self.weight, self._total)

    def search(self, query: str, *, floor: float, person: bool | None = None,
               limit: int = 10) -> list[NameMatch]:
        """Listed names scoring at least ``floor`` against ``query``, one per entry, best first; a name in
        another script also as translated (``glossary``), the better score of the two readings counting."""
        best: dict[str, NameMatch] = {}
        for reading, how in readings(query, self._usage):   # as written, and as translated or romanised otherwise (``readings``)
            for found in self._search(reading, floor=floor, person=person):
                if how.startswith(PERSON_ONLY) and not (found.entry.is_person and
                                                        family_agrees(reading, found.listed_name)):
                    continue   # a Chinese person's name read otherwise: a listed person's, of the same family
                if how.startswith(FROM_PINYIN) and found.score < WHOLE_READING:
                    continue   # Chen Xiaoli read chen hsiao li is not Hao Li Chen: only the listed words themselves
                if how:
                    found = replace(found, method=found.method + ", " + how)
                key = found.entry.list_name + "\x00" + found.entry.entry_id
                if key not in best or found.score > best[key].score:
                    best[key] = found
        ranked = sorted(best.values(), key=lambda m: (-m.score, m.entry.list_name, m.listed_name))
        cut = min(1.0, ranked[limit - 1].score) if len(ranked) > limit else 0.0  # every entry tied at the cut: one
        return [m for m in ranked if m.score >= cut]  # name listed again or on two lists, shown whole or not at all

    def _search(self, query: str, *, floor: float, person: bool | None) -> list[NameMatch]:
        norm = normalize_name(query, person=person)
        if not norm.tokens:
            return []
        norm = self._generic_misspelt(norm)
        query_informative = " ".join(sorted(norm.informative))
        query_sounds = sounds_of(norm.informative)
        has_initial = any(len(t) == 1 for t in norm.tokens)
        best: dict[str, NameMatch] = {}
        for number in self.candidates(norm):
            name = self.names[number]
            score, method = self.score(norm, query_informative, query_sounds, name)
            exact = score >= 1.0
            capped = ""
            if not exact and score >= floor:
                agreement = self.agreement(norm, name.norm)
                if method.startswith("consonants"):   # words split otherwise in the other script (hzb allh)
                    agreement = max(agreement, consonant_likeness(self._ratio, norm, name.norm, self._organisation(norm),
                                                                  True) / 100.0)
                score *= 1.0 - AGREEMENT_SHARE * (1.0 - agreement)
                method += f", weighted word agreement {agreement:.2f}"
                if name.entry.is_person and score >= floor and not norm.abjad and self._stray_word(norm, name.norm):
                    score *= STRAY_WORD_FACTOR
                    method += ", a word of the name is not in the listed one"
                if name.entry.is_person and score >= floor and not norm.abjad and self._own_name_left_out(norm, name.norm):
                    score *= STRAY_WORD_FACTOR
                    method += ", the listed person's own given name is not in the name"
                if name.entry.is_person and score >= floor and norm.original.isascii() and not any(
                        same_word(mine, theirs) for mine in norm.informative for theirs in name.norm.tokens):
                    score *= NO_SAME_WORD_FACTOR
                    method += ", no word is the listed one"
            if not exact and floor <= NEAR_SPELLING_SCORE and NEAR_SPELLING_GATE <= score < NEAR_SPELLING_SCORE and \
                    near_spelling(norm, name.norm):
                score, method = NEAR_SPELLING_SCORE, "every distinctive word equal or one letter off"
            if not exact and score < PARTIAL_PERSON_SCORE and name.entry.is_person and (
                    score >= PARTIAL_GATE or has_initial):
                partial = self.partial_person(norm, name.norm)
                if partial:
                    score, method, capped = PARTIAL_PERSON_SCORE, partial, "a partial name is a review, not a match"
            if score < floor:
                continue
            common_only = not exact and not self._aligned(norm, name.norm)
            if common_only and norm.sorted_all != name.norm.sorted_all and not (
                    not name.norm.informative and len(name.norm.tokens) >= 2
                    and self._ratio(norm.sorted_all, name.norm.sorted_all) >= 90):
                continue  # generic words alone never make a hit (a listed generic name misspelt: a review)
            if not exact and not capped and name.entry.is_person and patronymic_differs(norm, name.norm):
                capped = "the patronymics name different fathers, so a review"
            if not exact and not capped and method.startswith("consonants"):
                capped = "compared by consonants only (a script without short vowels), so a review"
            found = NameMatch(name.entry, name.text, name.is_alias, round(min(score, 1.0), 4), method,
                              common_only, capped)
            key = name.entry.list_name + "\x00" + name.entry.entry_id
            if key not in best or found.score > best[key].score:
                best[key] = found
        return list(best.values())
