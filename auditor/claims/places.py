"""Places a vendor names, with the role they play: hosting, headquarters, sub-processor.

Country and city names in English and Arabic map to ISO 3166-1 alpha-2 codes
(``auditor/data/places.yaml``). A place is recorded only when a role word stands in the same
clause ("data centres in Frankfurt", "مقرها في دبي"); a list of sales regions or support
contacts is not a hosting location. "Not hosted in China" records nothing, and a place after
"from" (where data comes from) is not where it goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.claims.answers import AnswerReader
from auditor.claims.extraction import Extraction, Rejected
from auditor.claims.lexicon import Lexicon, compile_any, compile_pattern
from auditor.claims.lines import LineView
from auditor.claims.literals import gated
from auditor.claims.normalise import normalise
from auditor.claims.phrases import Entry
from auditor.errors import CatalogError
from auditor.model.base import REGION_CODES, VAGUE_REGION_CODES
from auditor.model.enums import LocationRole, Polarity
from auditor.model.vendor import Location, Subprocessor

# a list item's label: "- **Location:** USA", "* Regions used: EU"
_FIELD_LABEL = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\*\*|__)?([^:*_]{2,40}?)(?:\*\*|__)?\s*:")
ROLE_WORDS = 14  # a role word this many words away still speaks of the place
PROVIDER_WORDS = 5  # a cloud provider this close to a hosting place hosts there
_ARABIC = re.compile("[\u0600-\u06ff]")


def _wrap(names: list[str]) -> str:
    """Whole-word names as one pattern; Arabic ones may carry a clinging prefix (و ب ل ف ك)."""
    arabic, other = [], []
    for name in names:
        norm = normalise(name)
        if _ARABIC.search(norm):
            arabic.append(norm)
            if norm.startswith("ال"):
                arabic.append("لال" + norm[2:])  # ل + ال is written لل, which normalisation makes لال
        else:
            other.append(norm)
    parts = []
    # longest first: the regex takes the first alternative that fits, and "Hong Kong" must not
    # win over "Hong Kong Special Administrative Region of China" and leave "China" to match alone
    other.sort(key=len, reverse=True)
    arabic.sort(key=len, reverse=True)
    if other:
        parts.append(r"(?<![\w])(?:" + "|".join(other) + r")(?![\w])")
    if arabic:
        parts.append(r"(?<![\w])(?:[وف]?[بلك]?)(?:" + "|".join(arabic) + r")(?![\w])")
    return "|".join(parts)


PLACE_KINDS = ("country", "city", "region-code", "region")
_BRACKETED = re.compile(r"\w\s*\(\s*$")
_OPEN_BRACKET = re.compile(r"\s*\(\s*")


def longest_places(spans: list[tuple[int, int, Entry]], named: set[str] | frozenset[str] = frozenset()
                   ) -> list[tuple[str, str | None, int, int]]:
    """(code, city, start, end) of the non-overlapping place names among ``spans``, in text order:
    longest first, so a region shadows the country inside its name ("South America" is not the
    US); a name that is both a city and a country is the city when the document names its country."""
    def rank(s) -> tuple[int, int, int]:
        entry = s[2]
        city_first = entry.kind == "city" and entry.key.partition("|")[0] in named
        return -(s[1] - s[0]), s[0], 0 if city_first or entry.kind == "region-code" else (1 if entry.kind == "country" else 2)

    taken: list[tuple[int, int]] = []
    out = []
    for start, end, entry in sorted(spans, key=rank):
        if any(a < end and start < b for a, b in taken):
            continue
        taken.append((start, end))
        if entry.kind != "region":
            code, _, city = entry.key.partition("|")
            out.append((code, city or None, start, end))
    out.sort(key=lambda s: s[2])
    return out


def redundant_vague(code: str, together: list[str]) -> bool:
    """Is ``code`` a region without borders named beside a country or a region with borders (in one
    clause or cell)? That one says where: "Europe (Frankfurt)" is DE, "Europe (EU)" is the EU."""
    return code in VAGUE_REGION_CODES and any(c not in VAGUE_REGION_CODES for c in together)


def place_entries(lexicon: Lexicon) -> list[Entry]:
    """One entry per country, city, region, role and provider and language: names joined."""
    places = lexicon.places
    file = lexicon.files["places"]
    entries: list[Entry] = []
    for code, names in places.countries.items():
        for lang in ("en", "ar"):
            if getattr(names, lang):
                entries.append(Entry("country", code, compile_pattern(_wrap(getattr(names, lang)), file=file,
                                                                      where=f"countries.{code}"), lang))
    for city in places.cities:
        canonical = city.en[0].replace("\\", "") if city.en else (city.ar[0] if city.ar else "")
        for lang in ("en", "ar"):
            if getattr(city, lang):
                entries.append(Entry("city", f"{city.country}|{canonical}",
                                     compile_pattern(_wrap(getattr(city, lang)), file=file, where="cities"), lang))
    for lang in ("en", "ar"):
        if getattr(places.regions, lang):
            entries.append(Entry("region", "", compile_pattern(_wrap(getattr(places.regions, lang)), file=file,
                                                               where="regions"), lang))
    for code, names in places.region_codes.items():
        if code not in REGION_CODES:  # the model would refuse the location later: say so where it is written
            raise CatalogError(f"region_codes: {code!r} is not one of {', '.join(sorted(REGION_CODES))}", file=file)
        for lang in ("en", "ar"):
            if getattr(names, lang):
                entries.append(Entry("region-code", code, compile_pattern(_wrap(getattr(names, lang)), file=file,
                                                                          where=f"region_codes.{code}"), lang))
    for role, words in places.roles.items():
        for lang in ("en", "ar"):
            for word in getattr(words, lang):
                pattern, window = (word, None) if isinstance(word, str) else (word.pattern, word.window)
                entries.append(Entry("role", role, compile_pattern(pattern, file=file, where=f"roles.{role}"), lang,
                                     window=window))
    for name, patterns in places.providers.items():
        for pattern in patterns:
            entries.append(Entry("provider", name, compile_pattern(pattern, file=file, where=f"providers.{name}")))
    return entries


@dataclass
class PlaceFindings:
    locations: list[Location] = field(default_factory=list)
    subprocessors: list[Subprocessor] = field(default_factory=list)


class PlaceReader:
    def __init__(self, lexicon: Lexicon):
        file = lexicon.files["places"]
        roles = lexicon.places.roles
        self._role_any = {role: gated(compile_any([w if isinstance(w, str) else w.pattern for w in (*words.en, *words.ar)],
                                                  file=file, where=f"roles.{role}"))
                          for role, words in roles.items() if role != "subprocessor"}
        self._exclude = compile_any([f"(?:{p})" for p in lexicon.places.exclude_before.all()], file=file,
                                    where="exclude_before")
        self._exclude_after = compile_any([f"^(?:{p})" for p in lexicon.places.exclude_after.all()], file=file,
                                          where="exclude_after")
        self._leaves = compile_any(lexicon.places.leaving.all(), file=file, where="leaving")
        self._answers = AnswerReader(lexicon)   # the one reading of "Yes" / "No" answers
        self._asks_where = compile_any(lexicon.places.where_questions.all(), file=file, where="where_questions")
        self._exclude_line = compile_any(lexicon.places.exclude_line.all(), file=file, where="exclude_line")
        self._coordinator = compile_any(lexicon.places.coordinators.all(), file=file, where="coordinators")
        words = lexicon.places.complement_words.all()
        self._complement = compile_any([rf"^(?:\s*(?:{'|'.join(words)}))*[\s,]*$"] if words else [], file=file,
                                       where="complement_words")

    def excluded(self, text: str, start: int, end: int | None) -> bool:
        """Is the place named at ``start`` (ending at ``end``) kept out by the words just before it ("from
        the", an identifier's "ACME-") or, with ``end``, just after it ("EU law")?"""
        if self._exclude and self._exclude.search(text[max(0, start - 60):start]):
            return True
        return end is not None and bool(self._exclude_after and self._exclude_after.search(text[end:end + 60]))

    def lead_in_roles(self, layout, norm_lines: list[str], subprocessor_context,
                      location_label=None) -> dict[int, str]:
        """Lines of a list, quotation or table whose lead-in gives their places a role: "Your data is
        stored in the EU:" (hosting), "Below is a list of our subprocessors:" (subprocessor).
        In a section about sub-processors, an item labelled as a location ("- **Location:** USA",
        under "#### Twilio") gives that sub-processor's place (``location_label`` tells the label)."""
        from auditor.documents.model import BlockKind

        out: dict[int, str] = {}
        blocks = layout.blocks
        role: str | None = None
        items_only = False  # the role reaches list items only (a heading over a table leaves it to the header)
        answer_role: str | None = None  # a question heading's role, lent to the paragraphs answering it
        for block in blocks:
            if block.kind in (BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.MARKUP, BlockKind.TABLE_ROW,
                              BlockKind.TABLE_HEADER, BlockKind.TABLE_RULE):
                if role is not None and block.kind in (BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.TABLE_ROW) \
                        and not (items_only and block.kind is not BlockKind.LIST_ITEM):
                    for n in range(block.first, block.last + 1):
                        out[n] = role
                elif block.kind is BlockKind.LIST_ITEM and location_label is not None and subprocessor_context is not None:
                    label = _FIELD_LABEL.match(norm_lines[block.first - 1])
                    if label and location_label(label.group(1)) and \
                            any(subprocessor_context.search(title) for title in block.section):
                        out[block.first] = LocationRole.SUBPROCESSOR.value
                continue
            role, items_only = None, False
            if block.kind is BlockKind.HEADING:
                # a list right under a heading that names where the service runs ("### AWS regions",
                # "## Data centres") takes the heading as its lead-in; the answer under a question
                # heading ("Where is my data stored?": "You can choose the EU or the US") takes its role
                hosting = self._role_any.get(LocationRole.HOSTING.value)
                title = norm_lines[block.first - 1]
                answer_role = None
                if hosting is not None and hosting.search(title):
                    role = LocationRole.HOSTING.value
                    asks_where = self._asks_where is not None and self._asks_where.search(title)
                    answer_role = role if title.rstrip().endswith("?") and asks_where else None
                elif subprocessor_context is not None and subprocessor_context.search(title) \
                        and not title.rstrip().endswith("?"):
                    # "## Sub-processors" over "- Acme Mail - email - Ireland" (a table reads its own header)
                    role, items_only = LocationRole.SUBPROCESSOR.value, True
                continue
            if block.kind is not BlockKind.PARAGRAPH:
                continue
            if answer_role is not None:
                for n in range(block.first, block.last + 1):
                    out[n] = answer_role
            text = " ".join(norm_lines[n - 1] for n in range(block.first, block.last + 1)).strip()
            if not text.endswith(":"):
                continue
            if subprocessor_context is not None and subprocessor_context.search(text):
                role = LocationRole.SUBPROCESSOR.value
                continue
            for name, regex in self._role_any.items():
                if regex is not None and regex.search(text):
                    role = name
                    break
        return out

    def read(self, views: list[LineView], context: dict[int, str] | None = None,
             skip: set[int] | frozenset[int] = frozenset()) -> PlaceFindings:
        """Places with their roles; ``context`` gives a role to lines that have none of their
        own (items under a lead-in); lines in ``skip`` were read already (a table row)."""
        context = context or {}
        found = PlaceFindings()
        seen: set[tuple[str, str]] = set()
        # countries the document names: "عمان" is Amman where Jordan is named, else Oman
        named = {e.key for v in views for e, _ in v.hits.get("country", ())}
        for view in views:
            if view.number in skip or not view.names_place():
                continue
            lent = context.get(view.number)
            if lent is None and not view.has("role") and not ("?" in view.norm and self._leaves
                                                              and self._leaves.search(view.norm)):
                continue
            if self._exclude_line and self._exclude_line.search(view.norm):
                continue  # "comprehensive sanctions on Cuba, Iran, ...": places the vendor keeps out of, not its own
            for code, city, start, end in self._without_vague(view, self._places(view, named)):
                if self.excluded(view.norm, start, end):
                    continue  # "from the EU", "under EU or Member State law": not where data goes
                questions = "?" in view.norm or "؟" in view.norm
                answered = None
                if questions and view.cues().in_question(start, end):
                    answered = self._answered(view, start, end)
                    if answered is None:
                        continue  # "Do you host data in the EU?" asks; the answer says
                found_role = self._role(view, start, end) if answered else \
                    self._role(view, start, end, questions) if view.has("role") else None
                role = answered or (found_role[0] if found_role else None) or lent
                if role is None or (not answered and view.read(start, end).negated):
                    continue  # (a question's own answer, not a "no" in it, says whether)
                if found_role and self._denied_role(view, found_role[1], start, end):
                    continue  # "... and no data is ever hosted in China": the statement placing it is denied
                key = (role, code, view.number)  # every line that states it is cited
                if key not in seen:
                    seen.add(key)
                    found.locations.append(Location(country=code, role=LocationRole(role), city=city,
                                                    citation=view.citation()))
                if role == LocationRole.HOSTING.value:
                    for provider in self._providers_near(view, start, end):
                        if (provider, code, view.number) not in seen:
                            seen.add((provider, code, view.number))
                            found.subprocessors.append(Subprocessor(name=provider, country=code, purpose="hosting",
                                                                    citation=view.citation()))
        return found

    def _places(self, view: LineView, named: set[str] | frozenset[str] = frozenset()
                ) -> list[tuple[str, str | None, int, int]]:
        """Non-overlapping place names on a line (see ``longest_places``)."""
        return longest_places([(m.start(), m.end(), e) for kind in PLACE_KINDS for e, m in view.of(kind)], named)

    @staticmethod
    def _without_vague(view: LineView, places: list[tuple[str, str | None, int, int]]
                       ) -> list[tuple[str, str | None, int, int]]:
        """A region without borders is dropped where its clause names a country: "Europe
        (Frankfurt)" is hosted in DE, not somewhere in Europe besides."""
        if not any(p[0] in VAGUE_REGION_CODES for p in places):
            return places
        cues = view.cues()
        kept = []
        for place in places:
            if place[0] in VAGUE_REGION_CODES:
                left, right = cues.clause_of(place[2], place[3])
                if redundant_vague(place[0], [code for code, _, a, b in places if left <= a and b <= right]):
                    continue
            kept.append(place)
        return kept

    @staticmethod
    def _providers_near(view: LineView, start: int, end: int) -> list[str]:
        """Cloud providers named close to the place ("AWS data centers in Frankfurt")."""
        cues = view.cues()
        near = []
        for entry, m in view.of("provider"):
            if _BRACKETED.search(view.norm, 0, m.start()) and view.norm[m.end():m.end() + 2].lstrip().startswith(")"):
                # "the United States (GCP) and the European Union (AWS)": a provider in brackets is the place's before it
                if _OPEN_BRACKET.fullmatch(view.norm, end, m.start()):
                    near.append(entry.key)
                continue
            gap = cues.words_between(m.end(), start) if m.end() <= start else cues.words_between(end, m.start())
            if gap <= PROVIDER_WORDS and entry.key not in near:
                near.append(entry.key)
        return near

    def _role(self, view: LineView, start: int, end: int, questions: bool = False
              ) -> tuple[str, tuple[int, int] | None] | None:
        """The role the nearest role word in the place's clause gives it, with that word's span
        (None for a role asked by a question on the line)."""
        cues = view.cues()
        left, right = cues.clause_of(start, end)
        best: tuple[int, str, tuple[int, int]] | None = None
        for entry, m in view.of("role"):
            if m.end() <= left or m.start() >= right:
                continue
            gap = cues.words_between(m.end(), start) if m.end() <= start else cues.words_between(end, m.start())
            limit = ROLE_WORDS if entry.window is None else entry.window
            if gap <= limit and (best is None or gap < best[0]):
                best = (gap, entry.key, (m.start(), m.end()))
        if best is None and questions:
            asked = self._asked_role(view, start)
            return (asked, None) if asked else None
        return (best[1], best[2]) if best else None

    def _denied_role(self, view: LineView, span: tuple[int, int] | None, start: int, end: int) -> bool:
        """Is the role word that places this name negated, with nothing coordinated in between?"""
        if span is None or not view.read(*span).negated:
            return False
        between = view.norm[span[1]:start] if span[1] <= start else view.norm[end:span[0]]
        last = None
        for last in self._coordinator.finditer(between) if self._coordinator else ():
            pass
        if last is None:
            return True
        # "... to the US or in Canada": still the negated placement; "... and stays in Germany": a new one
        return bool(self._complement and self._complement.match(between[last.end():]))

    def _answered(self, view: LineView, start: int, end: int) -> str | None:
        """The role of a place in a question its own row answers: "Is data stored in the EU? | Yes" hosts it
        there, as "Does data leave the United States? | No" does."""
        asked = min((i for i in (view.norm.find("?", end), view.norm.find("؟", end)) if i >= 0), default=-1)
        answer = self._answers.answer(view.norm[asked + 1:].strip(" |*_")) if asked >= 0 else None
        if answer is Polarity.AFFIRMED:
            role = self._role(view, start, end)
            return role[0] if role else None
        if answer is Polarity.DENIED and self._leaves and self._leaves.search(view.norm[:asked]):
            return LocationRole.HOSTING.value
        return None

    @staticmethod
    def _asked_role(view: LineView, start: int) -> str | None:
        """A place in the cell answering a question on its line ("Where is customer data stored?
        | AWS us-east-1 (Virginia, USA)") has the role the question asks about."""
        line = view.norm
        asked = max(line.rfind("?", 0, start), line.rfind("؟", 0, start))
        if asked < 0 or line.count("|", asked, start) > 1:
            return None
        left, _right = view.cues().sentence_of(max(0, asked - 1), max(0, asked - 1))
        roles = [(m.end(), entry.key) for entry, m in view.of("role") if left <= m.start() and m.end() <= asked]
        return max(roles)[1] if roles else None


NO_PLACE = "no place named on the line: a store such as Amazon S3 is not a place"


def unplaced(result: Extraction, document: str, placed: set[tuple[int, str]], found: PlaceFindings,
             continued: dict[int, int] | None = None) -> None:
    """Drop the claims read only from phrases that say where when a place follows ("data is stored in ..."):
    on a line where no place is read (nor on the line its wrapped sentence runs on to), the data is stored
    in something else ("in Amazon S3"). Each is kept
    among the rejected, with why."""
    if not placed:
        return
    located = {item.citation.line for item in (*found.locations, *found.subprocessors)
               if item.citation is not None and item.citation.document == document}
    continued = continued or {}  # line -> the line its hard-wrapped sentence runs on to

    def reaches_a_place(line: int) -> bool:  # on the line, or on the next two its wrapped sentence runs on to
        nxt = continued.get(line)
        return line in located or nxt in located or continued.get(nxt) in located

    dropped = {(line, control) for line, control in placed if not reaches_a_place(line)}
    if not dropped:
        return
    kept = []
    for claim in result.claims:
        if claim.citation.document == document and (claim.citation.line, claim.control) in dropped:
            result.rejected.append(Rejected(document, claim.citation.line, f"claim:{claim.control}", NO_PLACE,
                                            claim.citation.text))
        else:
            kept.append(claim)
    result.claims = kept


__all__ = ["NO_PLACE", "PlaceReader", "PlaceFindings", "place_entries", "redundant_vague", "unplaced"]
