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
import re
from collections.abc import Iterable
from dataclasses import dataclass

from auditor.screening.lists import ListEntry
from auditor.screening.normalize import COMMON_WORDS, STOPWORDS, NormalName, normalize_name, skeleton

CANDIDATES_PER_QUERY = 40
"""How many index candidates are scored per query; the rest never reach rapidfuzz."""
BROAD_KEY = 500
"""A word held by more names than this only strengthens candidates found through rarer words."""
SPELLINGS_PER_KEY = 64
"""A spelling key shared by more words than this (a frequent prefix) is not followed."""
INFORMATIVE_ONLY_FACTOR = 0.88
"""Distinctive words equal but generic words different: at most a review, never a match alone."""
SHORT_NAME = 4
AGREEMENT_SHARE = 0.25
"""Part of the score set by IDF-weighted word agreement: sharing only frequent words costs up to this much."""
COMMON_WORD_WEIGHT = 0.15
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")


@dataclass(frozen=True, slots=True)
class IndexedName:
    entry: ListEntry
    text: str
    is_alias: bool
    norm: NormalName
    informative_sorted: str


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A listed name close enough to a query, with the evidence for the score."""

    entry: ListEntry
    listed_name: str
    is_alias: bool
    score: float
    method: str
    common_only: bool = False   # only generic words agree: the name was equal, but can never be a match


def _name_variants(text: str) -> list[str]:
    """A name and, when it carries a parenthesis, the name without it and the bracketed acronym."""
    variants = [text]
    if "(" in text:
        bare = _PARENTHESIS.sub("", text).strip()
        if bare and bare != text:
            variants.append(bare)
        for inner in _PARENTHESIS.findall(text):
            inner = inner.strip()
            if len(inner) >= 3 and " " not in inner and inner.upper() == inner:
                variants.append(inner)
    return variants


def _spelling_keys(token: str, query: bool) -> tuple[tuple[str, float], ...]:
    """Keys under which a word's near spellings meet, each with how much a meeting counts.

    The word and its one-letter deletions (one inserted, dropped or changed letter still
    meets: the SymSpell idea), its consonant skeleton (transliterations: Muhammad and
    Mohammed), its first and its last four letters. A query's shorter word also looks up the
    prefix key, so "TSMR Bank" finds "TSMRBANK".
    """
    keys: list[tuple[str, float]] = []
    if 3 <= len(token) <= 12:
        keys.append(("d:" + token, 0.6))
    if 4 <= len(token) <= 12:
        keys.extend(("d:" + d, 0.6) for d in dict.fromkeys(token[:i] + token[i + 1:] for i in range(len(token))))
    skel = skeleton(token)
    if len(skel) >= 3:
        keys.append(("s:" + skel, 0.7))
    if len(token) >= (4 if query else 5):
        keys.append(("p:" + token[:4], 0.5))
    if len(token) >= (5 if query else 6):
        keys.append(("e:" + token[-4:], 0.5))
    return tuple(keys)


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
        self._sets: dict[str, frozenset[int]] = {}
        self._similar_cache: dict[str, dict[str, float]] = {}
        for entry in entries:
            seen: set[str] = set()
            person = entry.is_person
            for position, text in enumerate((entry.name, *entry.aliases)):
                for variant in _name_variants(text):
                    norm = normalize_name(variant, person=person)
                    if not norm.tokens or norm.sorted_all in seen:
                        continue
                    seen.add(norm.sorted_all)
                    self._add(IndexedName(entry, variant, position > 0, norm, " ".join(sorted(norm.informative))))
        self._total = max(1, len(self.names))

    def _add(self, name: IndexedName) -> None:
        number = len(self.names)
        self.names.append(name)
        self._exact.setdefault(name.norm.sorted_all, []).append(number)
        postings = self._postings
        for token in set(name.norm.informative):
            bucket = postings.get(token)
            if bucket is not None:
                bucket.append(number)
                continue
            postings[token] = [number]
            for key, _factor in _spelling_keys(token, False):
                self._spellings.setdefault(key, []).append(token)

    def __len__(self) -> int:
        return len(self.names)

    def weight(self, token: str) -> float:
        """IDF of a word over all indexed names: a rare surname outweighs a frequent given name."""
        return math.log(1.0 + self._total / (len(self._postings.get(token, ())) or 0.5))

    def similar_words(self, token: str) -> dict[str, float]:
        """Words of the lists spelt like ``token``, each with the strength of the likeness."""
        cached = self._similar_cache.get(token)
        if cached is not None:
            return cached
        found: dict[str, float] = {token: 1.0} if token in self._postings else {}
        for key, factor in _spelling_keys(token, True):
            words = self._spellings.get(key)
            if not words or len(words) > SPELLINGS_PER_KEY:
                continue
            for word in words:
                if found.get(word, 0.0) < factor:
                    found[word] = factor
        self._similar_cache[token] = found
        return found

    def _posting_set(self, word: str) -> frozenset[int]:
        cached = self._sets.get(word)
        if cached is None:
            cached = self._sets[word] = frozenset(self._postings[word])
        return cached

    def candidates(self, query: NormalName, limit: int = CANDIDATES_PER_QUERY) -> list[int]:
        """The names sharing the most (IDF-weighted) words or near spellings with the query, best first."""
        found: dict[int, float] = {n: 1000.0 for n in self._exact.get(query.sorted_all, ())}
        broad: list[tuple[str, str, float]] = []
        for token in dict.fromkeys(query.informative):
            for word, factor in self.similar_words(token).items():
                postings = self._postings[word]
                weight = factor * self.weight(word)
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
        if len(found) <= limit:
            return sorted(found, key=found.__getitem__, reverse=True)
        return heapq.nlargest(limit, found, key=found.__getitem__)

    def _aligned(self, query: NormalName, name: NormalName) -> bool:
        """Some informative token of the query agrees with one of the listed name."""
        for mine in query.informative:
            for theirs in name.informative:
                if mine == theirs:
                    return True
                if min(len(mine), len(theirs)) >= 4 and (
                        self._ratio(mine, theirs) >= 80 or mine in theirs or theirs in mine):
                    return True
        return False

    def _token_weight(self, token: str) -> float:
        if token in STOPWORDS or len(token) < 2:
            return 0.0
        weight = self.weight(token)
        return weight * COMMON_WORD_WEIGHT if token in COMMON_WORDS else weight

    def agreement(self, query: NormalName, name: NormalName) -> float:
        """IDF-weighted agreement of the two names' words (an F1 of fuzzy word matches), 0..1.

        Two names sharing a rare surname agree strongly; two sharing only "security
        department" while differing in "political"/"state" agree weakly.
        """
        def side(mine: tuple[str, ...], theirs: tuple[str, ...], theirs_compact: str) -> float:
            total = matched = 0.0
            for token in mine:
                weight = self._token_weight(token)
                if not weight:
                    continue
                total += weight
                best = max((self._ratio(token, other) for other in theirs), default=0.0) / 100.0
                if best < 1.0 and len(token) >= 4 and token in theirs_compact:
                    best = 1.0  # written as one word on the other side: Gazprom Bank / GAZPROMBANK
                matched += weight * best if best >= 0.75 else 0.0
            return matched / total if total else 1.0

        recall = side(query.tokens, name.tokens, name.compact)
        precision = side(name.tokens, query.tokens, query.compact)
        return 0.0 if recall + precision == 0 else 2 * recall * precision / (recall + precision)

    def score(self, query: NormalName, query_informative: str, name: IndexedName) -> tuple[float, str]:
        """Similarity in 0..1 and the comparison that produced it."""
        ratio = self._ratio
        target = name.norm
        best, method = ratio(query.sorted_all, target.sorted_all), "token-sorted"
        core = ratio(query.sorted_core, target.sorted_core)
        if core > best:
            best, method = core, "token-sorted without initials"
        compact = ratio(query.compact, target.compact)
        if compact > best:
            best, method = compact, "spelling without spaces"
        if min(len(query_informative), len(name.informative_sorted)) >= 6:
            distinct = ratio(query_informative, name.informative_sorted) * INFORMATIVE_ONLY_FACTOR
            if distinct > best:
                best, method = distinct, "distinctive words only"
        score = best / 100.0
        if min(len(query.compact), len(target.compact)) <= SHORT_NAME and query.compact != target.compact:
            score *= 0.85
            method += ", short name"
        return score, method

    def search(self, query: str, *, floor: float, person: bool | None = None,
               limit: int = 10) -> list[NameMatch]:
        """Listed names scoring at least ``floor`` against ``query``, one per entry, best first."""
        norm = normalize_name(query, person=person)
        if not norm.tokens:
            return []
        query_informative = " ".join(sorted(norm.informative))
        best: dict[str, NameMatch] = {}
        for number in self.candidates(norm):
            name = self.names[number]
            score, method = self.score(norm, query_informative, name)
            if score < floor:
                continue
            agreement = self.agreement(norm, name.norm)
            score *= 1.0 - AGREEMENT_SHARE * (1.0 - agreement)
            if score < floor:
                continue
            method += f", weighted word agreement {agreement:.2f}"
            common_only = not self._aligned(norm, name.norm)
            if common_only and not (norm.sorted_all == name.norm.sorted_all and len(norm.tokens) >= 2):
                continue  # generic words alone never make a hit
            found = NameMatch(name.entry, name.text, name.is_alias, round(score, 4), method, common_only)
            key = name.entry.list_name + "\x00" + name.entry.entry_id
            if key not in best or found.score > best[key].score:
                best[key] = found
        ranked = sorted(best.values(), key=lambda m: (-m.score, m.entry.list_name, m.listed_name))
        return ranked[:limit]
