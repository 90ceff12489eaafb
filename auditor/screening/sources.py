"""The optional lists: OpenSanctions' consolidated sanctions, the EU, UK and UN consolidated lists.

Each is read strictly into the same ``ListEntry`` records as OFAC's SDN and the CSL, so names
(and their non-Latin spellings, which these lists carry) are matched the same way:

* OpenSanctions ``targets.simple.csv``: ``id,schema,name,aliases,birth_date,countries,...``,
  one row per entity, aliases and countries joined with ``;``.
* EU Financial Sanctions Files, CSV 1.1: ``;``-separated, one row per name (or address, birth
  date, identifier) repeating ``Entity_LogicalId``; ``fileGenerationDate`` dates the list.
* UK OFSI consolidated list (``ConList.csv``): a ``Last Updated`` line, then one row per name
  with ``Name 1`` .. ``Name 6`` (``Name 6`` the family name or the entity's name), ``Group ID``.
* UN Security Council consolidated list (XML): ``INDIVIDUAL`` and ``ENTITY`` records with
  ``FIRST_NAME`` .. ``FOURTH_NAME``, aliases and ``NAME_ORIGINAL_SCRIPT``; ``dateGenerated``.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path

from auditor.errors import ScreeningError
from auditor.screening.lists import ListEntry, ScreeningList, birth_years, country_code, read_list_text

TITLES = {"opensanctions": "OpenSanctions sanctions", "eu": "EU FSF", "uk": "UK OFSI", "un": "UN SC"}
_SPLIT = re.compile(r"\s*;\s*")
_OS_KINDS = {"person": "individual", "vessel": "vessel", "airplane": "aircraft"}


def _dmy(text: str) -> date | None:
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text[:19], pattern).date()
        except ValueError:
            continue
    return None


def _csv_rows(text: str, path: Path, delimiter: str = ","):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:
        raise ScreeningError(f"not valid CSV: {exc}", file=path, line=reader.line_num) from None


def _header(row: list[str], required: set[str], path: Path, line: int, what: str) -> list[str]:
    header = [h.strip() for h in row]
    missing = required - set(header)
    if missing:
        raise ScreeningError(f"not {what}: no column {sorted(missing)[0]!r}", file=path, line=line)
    return header


def _records(rows, header: list[str], path: Path):
    """(line, {column: cell}) for each data row: blank rows skipped, a repeated header or a short row refused."""
    for line, row in rows:
        if not row or all(not c.strip() for c in row):
            continue
        if [c.strip() for c in row] == header:
            raise ScreeningError("the header row is repeated (two files joined?)", file=path, line=line)
        if len(row) != len(header):
            raise ScreeningError(f"row has {len(row)} fields, the header has {len(header)}", file=path, line=line)
        yield line, dict(zip(header, row))


def _finish(kind: str, path: Path, digest: str, entries: list[ListEntry], published: date | None) -> ScreeningList:
    if not entries:
        raise ScreeningError("the list has no entries (empty or truncated download?)", file=path)
    return ScreeningList(name=TITLES[kind], kind=kind, path=path, files=(path,), sha256=digest,
                         entries=tuple(entries), digests=(digest,), published=published)


def _codes(values) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        code = country_code(value.strip().upper() if len(value.strip()) == 2 else value.strip()) if value else None
        if code and code not in found:
            found.append(code)
    return tuple(found)


def load_opensanctions(path: Path) -> ScreeningList:
    text, digest = read_list_text(path)
    rows = _csv_rows(text, path)
    first = next(rows, None)
    if first is None:
        raise ScreeningError("the list is empty", file=path, line=1)
    header = _header(first[1], {"id", "schema", "name", "aliases", "countries"}, path, first[0],
                     "an OpenSanctions targets.simple.csv")
    entries = []
    for line, record in _records(rows, header, path):
        name = record["name"].strip()
        if not name or not record["id"].strip():
            raise ScreeningError("entry without an id or a name", file=path, line=line)
        aliases = tuple(dict.fromkeys(a for a in _SPLIT.split(record["aliases"]) if a and a != name))
        entries.append(ListEntry(
            entry_id=record["id"].strip(), name=name,
            kind=_OS_KINDS.get(record["schema"].strip().lower(), "entity"), list_name="OpenSanctions",
            programs=tuple(p for p in _SPLIT.split(record.get("sanctions", "")) if p)[:5], aliases=aliases,
            countries=_codes(_SPLIT.split(record["countries"])),
            birth_years=birth_years(record.get("birth_date", ""))))
    return _finish("opensanctions", path, digest, entries, None)


def load_eu(path: Path) -> ScreeningList:
    text, digest = read_list_text(path)
    rows = _csv_rows(text, path, ";")
    first = next(rows, None)
    if first is None:
        raise ScreeningError("the list is empty", file=path, line=1)
    header = _header(first[1], {"Entity_LogicalId", "NameAlias_WholeName"}, path, first[0],
                     "an EU Financial Sanctions Files CSV (1.1)")
    records: dict[str, dict] = {}
    published: date | None = None
    for line, raw in _records(rows, header, path):
        cell = {k: v.strip() for k, v in raw.items()}
        logical = cell["Entity_LogicalId"]
        if not logical:
            raise ScreeningError("row without Entity_LogicalId", file=path, line=line)
        published = published or _dmy(cell.get("fileGenerationDate", ""))
        record = records.setdefault(logical, {"names": [], "countries": [], "programs": [], "kind": "entity",
                                              "born": ""})
        record["born"] += " " + cell.get("BirthDate_BirthDate", "") + " " + cell.get("BirthDate_Year", "")
        subject = (cell.get("Entity_SubjectType_ClassificationCode") or cell.get("Entity_SubjectType", "")).lower()
        if subject in ("person", "p"):
            record["kind"] = "individual"
        whole = cell["NameAlias_WholeName"] or " ".join(
            p for p in (cell.get("NameAlias_FirstName"), cell.get("NameAlias_MiddleName"),
                        cell.get("NameAlias_LastName")) if p)
        if whole and whole not in record["names"]:
            record["names"].append(whole)
        for column in ("Citizenship_CountryIso2Code", "Address_CountryIso2Code", "BirthDate_CountryIso2Code"):
            if cell.get(column) and cell[column] not in record["countries"]:
                record["countries"].append(cell[column])
        programme = cell.get("Entity_Regulation_Programme", "")
        if programme and programme not in record["programs"]:
            record["programs"].append(programme)
    entries = [ListEntry(entry_id=f"EU-{logical}", name=r["names"][0], kind=r["kind"], list_name="EU FSF",
                         programs=tuple(r["programs"]), aliases=tuple(r["names"][1:]),
                         countries=_codes(r["countries"]), birth_years=birth_years(r["born"]))
               for logical, r in records.items() if r["names"]]
    return _finish("eu", path, digest, entries, published)


_UK_NAMES = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5")
_UK_KINDS = {"individual": "individual", "entity": "entity", "ship": "vessel"}


def load_uk(path: Path) -> ScreeningList:
    text, digest = read_list_text(path)
    rows = _csv_rows(text, path)
    first = next(rows, None)
    if first is None:
        raise ScreeningError("the list is empty", file=path, line=1)
    published = None
    if first[1] and first[1][0].strip().lower().rstrip(":") == "last updated":
        published = _dmy(first[1][1]) if len(first[1]) > 1 else None
        first = next(rows, None)
        if first is None:
            raise ScreeningError("the list has no header row", file=path, line=2)
    header = _header(first[1], {"Name 6", "Group ID", *_UK_NAMES}, path, first[0],
                     "a UK OFSI consolidated list CSV (ConList.csv)")
    groups: dict[str, dict] = {}
    for line, raw in _records(rows, header, path):
        cell = {k: v.strip() for k, v in raw.items()}
        group = cell["Group ID"]
        if not group:
            raise ScreeningError("row without a Group ID", file=path, line=line)
        kind = _UK_KINDS.get(cell.get("Group Type", "").lower(), "unknown")
        given = " ".join(cell[n] for n in _UK_NAMES if cell[n])
        family = cell["Name 6"]
        name = f"{family}, {given}" if kind == "individual" and given and family else (family or given)
        record = groups.setdefault(group, {"names": [], "kind": kind, "countries": [], "programs": [], "born": ""})
        record["born"] += " " + cell.get("DOB", "")
        for candidate in (name, cell.get("Name Non-Latin Script", "")):
            if candidate and candidate not in record["names"]:
                record["names"].append(candidate)
        for column in ("Nationality", "Country"):
            for value in cell.get(column, "").split(","):
                if value.strip() and value.strip() not in record["countries"]:
                    record["countries"].append(value.strip())
        if cell.get("Regime") and cell["Regime"] not in record["programs"]:
            record["programs"].append(cell["Regime"])
    entries = [ListEntry(entry_id=f"UK-{group}", name=r["names"][0], kind=r["kind"], list_name="UK OFSI",
                         programs=tuple(r["programs"]), aliases=tuple(r["names"][1:]),
                         countries=_codes(r["countries"]), birth_years=birth_years(r["born"]))
               for group, r in groups.items() if r["names"]]
    return _finish("uk", path, digest, entries, published)


def load_un(path: Path) -> ScreeningList:
    import xml.etree.ElementTree as ET  # expat: no external entities, bounded entity expansion

    text, digest = read_list_text(path)
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        raise ScreeningError(f"not valid XML: {exc}", file=path, line=exc.position[0]) from None
    if root.tag != "CONSOLIDATED_LIST":
        raise ScreeningError(f"not the UN consolidated list (root element {root.tag!r})", file=path, line=1)
    published = _dmy(root.get("dateGenerated", ""))
    entries = []
    for kind, tag in (("individual", "INDIVIDUAL"), ("entity", "ENTITY")):
        for record in root.iter(tag):
            number = (record.findtext("REFERENCE_NUMBER") or record.findtext("DATAID") or "").strip()
            parts = [(record.findtext(p) or "").strip() for p in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME",
                                                                   "FOURTH_NAME")]
            name = " ".join(p for p in parts if p)
            if not name or not number:
                raise ScreeningError(f"{tag} without a name or a reference number", file=path)
            aliases = [(a.findtext("ALIAS_NAME") or "").strip() for a in record.iter(f"{tag}_ALIAS")]
            aliases.append((record.findtext("NAME_ORIGINAL_SCRIPT") or "").strip())
            born = " ".join((d.text or "") for tag_ in ("DATE", "YEAR", "FROM_YEAR", "TO_YEAR")
                            for block in record.iter(f"{tag}_DATE_OF_BIRTH") for d in block.iter(tag_))
            countries = [(v.text or "").strip() for v in record.iter("VALUE") if v.text]
            countries += [(c.text or "").strip() for c in record.iter("COUNTRY") if c.text]
            entries.append(ListEntry(
                entry_id=f"UN-{number}", name=name, kind=kind, list_name="UN SC",
                programs=tuple(p for p in [(record.findtext("UN_LIST_TYPE") or "").strip()] if p),
                aliases=tuple(dict.fromkeys(a for a in aliases if a and a != name)), countries=_codes(countries),
                birth_years=birth_years(born)))
    return _finish("un", path, digest, entries, published)


LOADERS = {"opensanctions": load_opensanctions, "eu": load_eu, "uk": load_uk, "un": load_un}


def detect_source(first_line: str) -> str | None:
    """Which of these lists a file is, from its first line; None when it is none of them."""
    line = first_line.strip().lstrip("\ufeff")
    low = line.lower()
    if low.startswith("<?xml") or low.startswith("<consolidated_list"):
        return "un"
    if ";" in line and ("entity_logicalid" in low or "filegenerationdate" in low):
        return "eu"
    if low.startswith("last updated") or low.startswith("name 6,"):
        return "uk"
    if low.startswith("id,schema,name"):
        return "opensanctions"
    return None
