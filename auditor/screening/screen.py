"""Screening a party or a vendor dossier: names against the lists, places against jurisdictions.

The result always says which lists were used and how old they were. Without any list the
caller chooses: ``require=True`` (the ``screen`` command) raises a clear error;
``require=False`` (the audit) screens places only and says so in a warning. Reading a
workspace (policy, cached lists, its own jurisdictions file) is in ``service``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from auditor.model.enums import ScreeningStatus
from auditor.model.screening import Hit, ScreeningResult
from auditor.screening.jurisdictions import JurisdictionTable, check_place
from auditor.screening.loading import NO_LIST_MESSAGE, LoadedLists, load_lists  # noqa: F401 (re-exported)
from auditor.screening.normalize import normalize
from auditor.screening.policy import ScreeningPolicy

OTHER_COUNTRY_FACTOR = 0.90
"""A name that is only similar (not equal) to a listed one whose country differs from the party's: two weak
signals do not add up to a review unless the name alone is close (as a typo is)."""
_RANK = {ScreeningStatus.CLEAR: 0, ScreeningStatus.REVIEW: 1, ScreeningStatus.MATCH: 2}


def worst(statuses: Iterable[ScreeningStatus]) -> ScreeningStatus:
    return max(statuses, key=_RANK.__getitem__, default=ScreeningStatus.CLEAR)


class Screener:
    """Names and places of one screening run, against an index built once."""

    def __init__(self, loaded: LoadedLists, policy: ScreeningPolicy, jurisdictions: JurisdictionTable,
                 today: date):
        self.loaded = loaded
        self.policy = policy
        self.jurisdictions = jurisdictions
        self.today = today
        self.index = loaded.name_index()

    def names(self, name: str, role: str, *, country: str | None = None, born: int | None = None) -> list[Hit]:
        """Hits for one name; the party's ``country`` and year of birth (``born``), when known, support a hit
        the list gives them for and weaken (to a review) one it gives other ones for."""
        if self.index is None or not name.strip():
            return []
        code = country.split("-")[0].upper() if country else None
        hits = []
        for found in self.index.search(name, floor=self.policy.review_threshold):
            entry = found.entry
            which = f"alias of {entry.name!r}" if found.is_alias else "listed name"
            reasons = [f"{role} {name!r} is similar to {found.listed_name!r} ({which}, {entry.kind}; "
                       f"{found.method} {found.score:.2f})"]
            capped = found.at_most_review
            if found.common_only:
                capped = capped or "only generic words agree, so at most a review"
            if code and entry.countries:
                if code in entry.countries:
                    reasons.append(f"the list gives {code} for this entry, the party's country: supports the hit")
                else:
                    same = found.score >= 1.0 or found.method.startswith("same name")
                    if not same and found.score * OTHER_COUNTRY_FACTOR < self.policy.review_threshold:
                        continue   # a name only like the listed one, and in another country: not this party
                    reasons.append(f"the list gives {', '.join(entry.countries)} for this entry, the party is in "
                                   f"{code}: {'same' if same else 'similar'} name, other country")
                    capped = capped or "other country, so a review"
            if born and entry.birth_years:
                if born in entry.birth_years:
                    reasons.append(f"the list gives year of birth {born} for this entry, as the party's: "
                                   "supports the hit")
                else:
                    shown = ", ".join(str(y) for y in entry.birth_years[:4])
                    shown += "…" if len(entry.birth_years) > 4 else ""
                    reasons.append(f"the list gives year of birth {shown}, the party was born in {born}: same name, "
                                   "other person?")
                    capped = capped or "other year of birth, so a review"
            if capped:
                reasons.append(capped)
            status = (ScreeningStatus.MATCH if found.score >= self.policy.match_threshold and not capped
                      else ScreeningStatus.REVIEW)
            hits.append(Hit(list=entry.list_name, name=found.listed_name, score=min(1.0, found.score),
                            reason="; ".join(reasons), reasons=reasons, status=status, query=name, party_role=role,
                            programs=list(entry.programs), entry_id=entry.entry_id))
        return hits

    def place(self, country: str, role: str, *, region: str | None = None,
              city: str | None = None) -> tuple[list[Hit], list[str]]:
        checked = check_place(self.jurisdictions, country=country, region=region, city=city, role=role,
                              today=self.today)
        return list(checked.hits), list(checked.warnings)

    def result(self, hits: list[Hit], screened: list[str], warnings: list[str]) -> ScreeningResult:
        unique: dict[tuple, Hit] = {}
        for hit in hits:
            key = (hit.list, normalize(hit.name), hit.party_role, hit.query, hit.entry_id if hit.list == "jurisdictions"
                   else None)
            if key not in unique or hit.score > unique[key].score:
                unique[key] = hit
        ordered = sorted(unique.values(), key=lambda h: (-_RANK[h.status], -h.score, h.list, h.name))
        return ScreeningResult(
            status=worst(h.status for h in ordered), hits=ordered, lists=list(self.loaded.infos),
            screened=screened, warnings=list(dict.fromkeys([*self.loaded.warnings, *warnings])),
            lists_available=bool(self.loaded.infos),
            lists_complete=all(info.complete for info in self.loaded.infos))


def screen_party(screener: Screener, name: str | None, *, country: str | None = None,
                 born: int | None = None) -> ScreeningResult:
    """One party: its name against the lists and, when given, its country or region (and year of birth)."""
    hits: list[Hit] = []
    warnings: list[str] = []
    screened: list[str] = []
    unscreenable = bool(name) and not normalize(name)
    if name:
        screened.append(f"name: {name}")
        hits.extend(screener.names(name, "party", country=country, born=born))
        if unscreenable:
            warnings.append(f"the name {name!r} has no letters or digits to compare: it was not screened")
        else:
            warning, unscreenable = script_warning(name, country)
            if warning:
                warnings.append(warning)
    if country:
        screened.append(f"place: {country}")
        found, notes = screener.place(country, "party location")
        hits.extend(found)
        warnings.extend(notes)
    result = screener.result(hits, screened, warnings)
    if unscreenable and result.status == ScreeningStatus.CLEAR:
        return result.model_copy(update={"status": ScreeningStatus.NOT_SCREENED})
    return result


def screen_vendor(vendor, screener: Screener, fourth_parties: Sequence[str] = ()) -> ScreeningResult:
    """A dossier: legal and trading name, parent, sub-processors; headquarters, hosting, sub-processors' countries.
    ``fourth_parties``: sub-service organisations carved out of the vendor's SOC 2 reports, screened by name."""
    hits: list[Hit] = []
    warnings: list[str] = []
    screened: list[str] = []
    seen: set[str] = set()
    home = vendor.headquarters.country if vendor.headquarters else None
    parties = [(vendor.legal_name, "vendor legal name", home), (vendor.name, "vendor", home),
               (vendor.parent, "parent", None)]
    parties += [(s.name, "subprocessor", s.country) for s in vendor.subprocessors]
    parties += [(name, "fourth party", None) for name in fourth_parties]
    unread = False
    for name, role, country in parties:
        if not name or normalize(name) in seen:
            continue
        seen.add(normalize(name))
        screened.append(f"{role}: {name}")
        hits.extend(screener.names(name, role, country=country))
        warning, unreadable = script_warning(name, country)
        if warning:
            unread = unread or unreadable
            warnings.append(f"{role}: {warning}")
    places = [(vendor.headquarters, "headquarters")] if vendor.headquarters else []
    places += [(location, "hosting") for location in vendor.hosting]
    for location, role in places:
        city = f" ({location.city})" if location.city else ""
        screened.append(f"{role}: {location.region or location.country}{city}")
        found, notes = screener.place(location.country, role, region=location.region, city=location.city)
        hits.extend(found)
        warnings.extend(notes)
    for sub in vendor.subprocessors:
        screened.append(f"subprocessor {sub.name}: {sub.country}")
        found, notes = screener.place(sub.country, f"subprocessor {sub.name}")
        hits.extend(found)
        warnings.extend(notes)
    result = screener.result(hits, screened, warnings)
    if unread and result.status == ScreeningStatus.CLEAR:  # a name nobody could compare is no clear
        return result.model_copy(update={"status": ScreeningStatus.NOT_SCREENED})
    return result


def script_warning(name: str, country: str | None) -> tuple[str | None, bool]:
    """What the script of ``name`` means for its result, and whether it makes the name unscreenable: a script the
    lists' spelling cannot be read from is never reported clear; one read by sound (Burmese, Thai) is compared, with a
    note that the lists may spell the name otherwise."""
    from auditor.screening.scripts import sound_read_script, unread_script

    script = unread_script(name, country)
    if script is not None:
        return (f"the name {name!r} is written in {script} script, which this tool reads only by a machine "
                f"transliteration that the lists do not use: it is not reported clear; screen it as the lists "
                f"spell it, in Latin letters"), True
    script = sound_read_script(name)
    if script is not None:
        return (f"the name {name!r} is written in {script} script and was read as the lists usually romanise it; "
                f"they may spell it otherwise, so also screen its Latin spelling if it is known"), False
    return None, False
