"""The non-control vocabulary of claim extraction, read from ``auditor/data/*.yaml``.

Cue words, numbers, units, severities, places, attestation names, contract phrases: all data,
so a reviewer adds a phrase or a city without touching Python. Every pattern is normalised
the same way as document lines (``normalise_pattern``) and compiled once, here; a bad regex
is reported with its file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, model_validator

from auditor.claims.normalise import normalise, normalise_pattern
from auditor.documents.sentences import SENTENCE_END
from auditor.errors import CatalogError
from auditor.model.base import Strict
from auditor.yamlio import load_yaml, validate

FLAGS = re.IGNORECASE


class Cue(Strict):
    pattern: str
    window: int | None = Field(default=None, ge=0, description="words allowed between cue and phrase")


class CueSet(Strict):
    before: list[str | Cue] = Field(default_factory=list)
    after: list[str | Cue] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    exceptive: list[str] = Field(
        default_factory=list,
        description="'not ... except' constructions: their negation is ignored for plain phrases "
                    "but still negates a (?#deny) phrase")


class ByLanguage(Strict):
    en: list[str] = Field(default_factory=list)
    ar: list[str] = Field(default_factory=list)

    def all(self) -> list[str]:
        return [*self.en, *self.ar]


class CuesByLanguage(Strict):
    en: CueSet = Field(default_factory=CueSet)
    ar: CueSet = Field(default_factory=CueSet)


class Unit(ByLanguage):
    singular: list[str] = Field(default_factory=list)


class Valued(Strict):
    pattern: str
    value: str


class BusinessWords(Strict):
    before: list[str]
    after: list[str]


class ContextPatterns(Strict):
    before: list[str]
    after: list[str]


class LanguageData(Strict):
    clause_breaks: ByLanguage
    sentence_breaks: ByLanguage = Field(default_factory=ByLanguage)
    label_breaks: list[str] = Field(default_factory=list)
    hedge_breaks: ByLanguage = Field(default_factory=ByLanguage,
                                     description="coordinators and contrast words a hedge does not reach across")
    window_neutral: ByLanguage = Field(default_factory=ByLanguage,
                                       description="words a cue's window does not count (\"at this time\", \"yet\")")
    negation: CuesByLanguage
    hedging: CuesByLanguage
    numbers: dict[str, dict[str, int]]
    units: dict[str, Unit]
    duals: dict[str, int]
    construct_duals: dict[str, int] = Field(default_factory=dict)
    business: BusinessWords
    business_context: ByLanguage
    implicit_one: ByLanguage
    coverage_context: ContextPatterns
    range_connectors: list[str]
    severity: dict[str, ByLanguage]
    severity_scale: dict[int, str]
    severity_number_prefixes: list[str] = Field(default_factory=list)
    severity_labels: ByLanguage
    severity_nouns: ByLanguage = Field(default_factory=ByLanguage)
    security_findings: ByLanguage = Field(default_factory=ByLanguage)
    disclosure_context: ByLanguage = Field(default_factory=ByLanguage)
    recovery_objectives: ByLanguage = Field(default_factory=ByLanguage)
    monitoring_hours: ByLanguage = Field(default_factory=ByLanguage)
    sla_fields: dict[str, ByLanguage]
    coverage: list[Valued]
    weekdays: dict[int, ByLanguage]
    clock: dict[str, list[str]]
    timezones: list[Valued]
    attributes: dict[str, list[Valued]] = Field(default_factory=dict)
    months: dict[int, list[str]] = Field(default_factory=dict)
    answers: dict[str, ByLanguage] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _sentence_end_breaks(self) -> "LanguageData":
        """A sentence's end breaks clauses and sentences in both languages; the sentence splitter owns it."""
        for breaks in (self.clause_breaks, self.sentence_breaks):
            for code in ("en", "ar"):
                patterns = getattr(breaks, code)
                if SENTENCE_END not in patterns:
                    patterns.insert(0, SENTENCE_END)
        return self


class City(Strict):
    country: str = Field(pattern=r"^[A-Z]{2}$")
    en: list[str] = Field(default_factory=list)
    ar: list[str] = Field(default_factory=list)


class RoleWords(Strict):
    en: list[str | Cue] = Field(default_factory=list)
    ar: list[str | Cue] = Field(default_factory=list)


class PlacesData(Strict):
    roles: dict[str, RoleWords]
    exclude_before: ByLanguage
    exclude_after: ByLanguage = Field(default_factory=ByLanguage)
    exclude_line: ByLanguage = Field(default_factory=ByLanguage)
    where_questions: ByLanguage = Field(default_factory=ByLanguage)
    leaving: ByLanguage = Field(default_factory=ByLanguage)
    regions: ByLanguage
    region_codes: dict[str, ByLanguage] = Field(default_factory=dict)
    coordinators: ByLanguage = Field(default_factory=ByLanguage)
    complement_words: ByLanguage = Field(default_factory=ByLanguage)
    providers: dict[str, list[str]]
    cities: list[City]
    countries: dict[str, ByLanguage]


class AttestationData(Strict):
    assertion_cues: ByLanguage
    held_list_leads: ByLanguage = Field(default_factory=ByLanguage)
    held_list_titles: ByLanguage = Field(default_factory=ByLanguage)
    attestation_dates: dict[str, ByLanguage] = Field(default_factory=dict)
    attestation_scope: ByLanguage = Field(default_factory=ByLanguage)
    attestations: dict[str, ByLanguage]
    untyped: dict[str, ByLanguage] = Field(
        default_factory=dict, description="names that leave the type open, by the lesser type they are recorded as")
    regulations: dict[str, ByLanguage]


class ContractTerm(ByLanguage):
    opposite: ByLanguage = Field(default_factory=ByLanguage)


class PriceData(Strict):
    currencies: dict[str, list[str]]
    periods: dict[str, list[str]]
    units: dict[str, list[str]]
    items: dict[str, list[str]]
    percent_of: list[str]
    not_price: list[str] = Field(default_factory=list)
    not_price_after: list[str] = Field(default_factory=list)


class TermsData(Strict):
    support_context: ByLanguage
    channels: dict[str, ByLanguage]
    table_yes: ByLanguage
    table_no: ByLanguage
    contract: dict[str, ContractTerm]
    prices: PriceData


@dataclass(frozen=True)
class CompiledCue:
    regex: "LazyPattern"
    window: int | None


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractor knows about language that is not a control's vocabulary."""

    language: LanguageData
    places: PlacesData
    attestations: AttestationData
    terms: TermsData
    files: dict[str, Path]


class LazyPattern:
    """A vocabulary regex checked at load time but compiled on first use.

    Thousands of phrases are loaded (every country's names in two languages); a short
    document runs only a few of them. Parsing validates the pattern (and gives the phrase
    index the literals it needs); compiling waits until a line needs the regex.
    """

    __slots__ = ("pattern", "flags", "parsed", "_compiled", "_lowered", "lower_ok")

    def __init__(self, pattern: str, flags: int = FLAGS):
        self.pattern = pattern
        self.flags = flags
        self.parsed = _sre_parse(pattern, flags)  # raises re.error on a bad pattern
        self._compiled: re.Pattern[str] | None = None
        self._lowered: re.Pattern[str] | None = None
        # a case-insensitive pattern can run, lower-cased and case-sensitive, on the lower-cased
        # line: same matches, but the engine may then skip ahead on a literal prefix
        self.lower_ok = bool(flags & re.IGNORECASE) and "(?" + "-i" not in pattern and "(?i" not in pattern \
            and not _UPPER_ESCAPE.search(pattern)

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    @property
    def lowered(self) -> re.Pattern[str]:
        if self._lowered is None:
            text = _LOWER_PART.sub(lambda m: m.group(1) or m.group(2).lower(), self.pattern)
            self._lowered = re.compile(text, self.flags & ~re.IGNORECASE)
        return self._lowered

    def finditer(self, text: str, *args):
        return self.compiled.finditer(text, *args)

    def search(self, text: str, *args):
        return self.compiled.search(text, *args)

    def match(self, text: str, *args):
        return self.compiled.match(text, *args)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


_UPPER_ESCAPE = re.compile(r"\\[A-Z]")
_LOWER_PART = re.compile(r"(\\.)|([^\\]+)", re.DOTALL)


def _sre_parse(pattern: str, flags: int):
    try:
        import re._parser as parser  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - older Pythons
        import sre_parse as parser  # type: ignore[no-redef]
    return parser.parse(pattern, flags)


_ESCAPE = re.compile(r"\\.")


def flags_for(pattern: str) -> int:
    """IGNORECASE only where a letter has case: Arabic has none, and matching an Arabic pattern
    case-insensitively makes the regex engine fold every character it compares (several times
    slower) for nothing."""
    bare = _ESCAPE.sub("", pattern)
    return FLAGS if any(ch.lower() != ch.upper() for ch in bare) else 0


def compile_pattern(pattern: str, *, file: Path | str, where: str) -> LazyPattern:
    """Normalise and check one vocabulary regex; a bad one names its file and entry."""
    try:
        norm = normalise_pattern(pattern)
        return LazyPattern(norm, flags_for(norm))
    except (re.error, OverflowError, RecursionError) as exc:
        raise CatalogError(f"{where}: invalid regular expression {pattern!r}: {exc}", file=file) from None


def compile_any(patterns: list[str], *, file: Path | str, where: str) -> re.Pattern[str] | None:
    """Several patterns as one alternation (for cues that only need a yes/no or positions)."""
    if not patterns:
        return None
    for p in patterns:  # each alone first, so an error points at the culprit
        try:
            re.compile(normalise_pattern(p), FLAGS)
        except re.error as exc:
            raise CatalogError(f"{where}: invalid regular expression {p!r}: {exc}", file=file) from None
    joined = "|".join(f"(?:{normalise_pattern(p)})" for p in patterns)
    return re.compile(joined, flags_for(joined))


def compile_cues(cues: list[str | Cue], *, file: Path | str, where: str, default_window: int | None) -> list[CompiledCue]:
    out = []
    for cue in cues:
        pattern, window = (cue, default_window) if isinstance(cue, str) else (cue.pattern, cue.window)
        out.append(CompiledCue(compile_pattern(pattern, file=file, where=where), window))
    return out


UNTYPED = "untyped:"  # an attestation key for a name that leaves its type open ("SOC 2")


def attestation_of(key: str):
    """The attestation type a vocabulary key records, and whether the text stated that type.
    "SOC 2" alone is recorded as the lesser type (Type 1) with ``type_stated`` false: it never
    counts as more than was said, and the audit asks for the type."""
    from auditor.model.enums import AttestationType

    if key.startswith(UNTYPED):
        return AttestationType(key[len(UNTYPED):]), False
    return AttestationType(key), True


def number_words(language: LanguageData) -> dict[str, int]:
    """Every spelled-out number, normalised and lower-cased, to its value."""
    words: dict[str, int] = {}
    for table in language.numbers.values():
        for word, value in table.items():
            words[normalise(word).lower()] = value
    return words


def _load(model, path: Path):
    data, lines = load_yaml(path)
    if data is None:
        raise CatalogError("empty data file", file=path)
    return validate(model, data, file=path, lines=lines)


def load_lexicon(data_dir: Path) -> Lexicon:
    """Load the four data files from ``data_dir`` (normally ``auditor/data``)."""
    files = {name: data_dir / f"{name}.yaml" for name in ("language", "places", "attestations", "terms")}
    return Lexicon(
        language=_load(LanguageData, files["language"]),
        places=_load(PlacesData, files["places"]),
        attestations=_load(AttestationData, files["attestations"]),
        terms=_load(TermsData, files["terms"]),
        files=files,
    )


def load_country_codes(data_dir: Path) -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code the place names know: the 249 assigned ones."""
    return frozenset(_load(PlacesData, data_dir / "places.yaml").countries)


class Prefiltered:
    """Many patterns searched anywhere in a sentence: each runs only where a literal it cannot
    match without occurs (as the phrase index does for the vocabulary); one pass finds the literals."""

    def __init__(self, patterns: list[str], file, where: str):
        from auditor.claims.literals import LiteralScan, required_literals

        self._always: list[re.Pattern[str]] = []
        self._regexes: list[re.Pattern[str]] = []
        by_literal: dict[str, list[int]] = {}
        for p in patterns:
            regex = compile_any([p], file=file, where=where)
            literals = required_literals(regex.pattern, regex.flags)
            if literals:
                for lit in literals:
                    by_literal.setdefault(lit, []).append(len(self._regexes))
                self._regexes.append(regex)
            else:
                self._always.append(regex)
        self._scan = LiteralScan(by_literal)

    def search(self, text: str):
        for regex in self._always:
            m = regex.search(text)
            if m:
                return m
        for i in sorted(self._scan.ids_in(text.lower())):
            m = self._regexes[i].search(text)
            if m:
                return m
        return None


__all__ = ["UNTYPED", "Prefiltered", "attestation_of", "Lexicon", "load_lexicon", "load_country_codes", "compile_pattern", "compile_any", "compile_cues",
           "CompiledCue", "number_words", "FLAGS"]
