"""Reading denied-party lists: OFAC's SDN legacy CSV files and trade.gov's Consolidated Screening List.

Both are read strictly. A list that does not parse, or parses to nothing, raises
:class:`ScreeningError` naming the file and line: screening against a silently empty list
would report every party as clear.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from auditor.errors import ScreeningError
from auditor.files import read_bounded

MAX_LIST_BYTES = 512 * 1024 * 1024
SDN_COLUMNS = 12
ALT_COLUMNS = 5
ADD_COLUMNS = 6
SDN_LIST_NAME = "OFAC SDN"
CSL_LIST_NAME = "trade.gov CSL"

_NULL = "-0-"
EOF_MARK_FROM = 1000
"""An SDN file of this many entries claims to be the whole list, so it must end with OFAC's Ctrl-Z mark."""
_CSL_SHORT = re.compile(r"\(([A-Z][A-Z0-9-]{1,15})\)")
_CSL_SUCCESSOR = re.compile(r";\s*and any successor.*$", re.IGNORECASE | re.DOTALL)
_ISO2 = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One listed party with every name it is known by."""

    entry_id: str
    name: str
    kind: str                      # entity, individual, vessel, aircraft, or unknown (CSL lists without a type)
    list_name: str                 # "OFAC SDN", "CSL/EL", "CSL/SDN" ...
    programs: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO 3166 alpha-2 codes of the addresses, nationalities, citizenships
    birth_years: tuple[int, ...] = ()  # years of birth the list gives (a range or "circa" widened to every year)

    @property
    def is_person(self) -> bool | None:
        """True for individuals, False for entities and craft, None when the list does not say."""
        if self.kind == "individual":
            return True
        if self.kind == "unknown":
            return None
        return False


@dataclass(frozen=True)
class ScreeningList:
    """A parsed list file (with its companion files) ready for the matcher."""

    name: str
    kind: str                      # "sdn" or "csl"
    path: Path
    files: tuple[Path, ...]
    sha256: str                    # of the main file
    entries: tuple[ListEntry, ...]
    warnings: tuple[str, ...] = ()  # what the reader must know: a companion file missing, no end-of-file mark
    digests: tuple[str, ...] = ()   # sha256 of every file read (main file first): what the name index is keyed by
    complete: bool = True           # False when part of the list (aliases, addresses) could not be read
    published: date | None = None   # the publisher's date written in the list itself (EU, UK, UN)

    @property
    def alias_count(self) -> int:
        return sum(len(e.aliases) for e in self.entries)


def read_list_text(path: Path) -> tuple[str, str]:
    """The file's text and sha256; OFAC's trailing Ctrl-Z and Latin-1 bytes are accepted."""
    data = read_bounded(path, max_bytes=MAX_LIST_BYTES, noun="list file", error=ScreeningError)
    digest = hashlib.sha256(data).hexdigest()
    data = data.rstrip(b"\x1a\r\n\t ")
    if b"\x00" in data:
        raise ScreeningError("binary file (NUL byte), expected a CSV list", file=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # OFAC's legacy files are Latin-1/Windows text
    return text, digest


def _ends_with_eof_mark(path: Path) -> bool:
    """OFAC's files end with CR LF and Ctrl-Z; a download cut at a row boundary does not."""
    try:
        with path.open("rb") as fh:
            fh.seek(0, 2)
            fh.seek(max(0, fh.tell() - 4))
            return b"\x1a" in fh.read()
    except OSError:
        return False


def _value(cell: str) -> str | None:
    cell = cell.strip()
    return None if not cell or cell == _NULL else cell


def _rows(text: str, path: Path, columns: int, what: str):
    """Rows of a headerless OFAC file, each checked for its column count."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            if not row or all(not c.strip() for c in row):
                continue
            if len(row) != columns:
                hint = ""
                if what == "sdn.csv" and len(row) in (ALT_COLUMNS, ADD_COLUMNS):
                    hint = " (is this alt.csv or add.csv? pass sdn.csv; the files beside it are read too)"
                raise ScreeningError(
                    f"{what}: row has {len(row)} fields, the OFAC legacy layout has {columns}{hint}",
                    file=path, line=reader.line_num)
            yield reader.line_num, row
    except csv.Error as exc:
        raise ScreeningError(f"{what}: not valid CSV: {exc}", file=path, line=reader.line_num) from None


def _ent_num(cell: str, path: Path, line: int, what: str) -> int:
    try:
        return int(cell.strip())
    except ValueError:
        raise ScreeningError(f"{what}: ent_num {cell.strip()[:20]!r} is not a number", file=path,
                             line=line) from None


def split_programs(cell: str | None) -> tuple[str, ...]:
    """``SDGT] [IFSR`` -> ``("SDGT", "IFSR")``: OFAC joins programs as a bracketed list without its ends."""
    if not cell:
        return ()
    parts = re.split(r"\]\s*\[", cell.strip().strip("[]"))
    return tuple(p.strip() for p in parts if p.strip())


def companion(path: Path, kind: str) -> Path | None:
    """``sdn.csv`` -> ``alt.csv``; ``sdn_sample.csv`` -> ``alt_sample.csv``; None when absent."""
    match = re.search("sdn", path.name, re.IGNORECASE)
    if not match:
        return None
    found = match.group(0)
    replacement = kind.upper() if found.isupper() else kind
    other = path.with_name(path.name[:match.start()] + replacement + path.name[match.end():])
    return other if other.is_file() else None


_YEAR_RANGE = re.compile(r"\b(1[89]\d\d|20\d\d)\s*(?:to|-)\s*(1[89]\d\d|20\d\d)\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_REMARK_DOB = re.compile(r"\bDOB ([^;]*)")
_REMARK_NATION = re.compile(r"\b(?:nationality|citizen) ([A-Z][A-Za-z ,.'()-]*?)(?:;|\.\s|\.$|$)")


def birth_years(text: str) -> tuple[int, ...]:
    """Years in a date-of-birth text: ``13 Jan 1967`` -> 1967, ``1960 to 1962`` -> all three, ``circa 1970`` +-1."""
    years: set[int] = set()
    for part in text.split(";"):
        for start, end in _YEAR_RANGE.findall(part):
            years.update(range(int(start), int(end) + 1))
        for year in _YEAR.findall(part):
            years.add(int(year))
            if "circa" in part.lower():
                years.update((int(year) - 1, int(year) + 1))
    return tuple(sorted(years))


def _remark_facts(remarks: str | None) -> tuple[list[str], tuple[int, ...]]:
    """Nationalities and birth years from an SDN entry's remarks (``DOB 13 Jan 1967; nationality Russia``)."""
    if not remarks:
        return [], ()
    countries = [code for name in _REMARK_NATION.findall(remarks) if (code := country_code(name.strip()))]
    years = birth_years("; ".join(_REMARK_DOB.findall(remarks)))
    return countries, years


@lru_cache(maxsize=1024)
def country_code(name: str) -> str | None:
    """``Russia`` -> ``RU``, ``Korea, North`` -> ``KP`` (OpenSanctions' territory names); None when unknown."""
    if _ISO2.match(name):
        return name
    from rigour.territories import lookup_territory

    territory = lookup_territory(name)
    code = territory.ftm_country if territory is not None else None
    return code.upper() if code and len(code) == 2 else None


def load_sdn(path: Path, *, alt: Path | None = None, add: Path | None = None,
             find_companions: bool = True) -> ScreeningList:
    """OFAC's ``sdn.csv`` with ``alt.csv`` (aliases) and ``add.csv`` (addresses) beside it.

    ``sdn_comments.csv`` only continues the remarks column (IDs, dates of birth), which
    name screening does not use, so it is not read.
    """
    text, digest = read_list_text(path)
    records: dict[int, dict] = {}
    order: list[int] = []
    for line, row in _rows(text, path, SDN_COLUMNS, "sdn.csv"):
        ent = _ent_num(row[0], path, line, "sdn.csv")
        name = _value(row[1])
        if not name:
            raise ScreeningError("sdn.csv: entry without a name", file=path, line=line)
        if ent in records:
            raise ScreeningError(f"sdn.csv: ent_num {ent} appears twice", file=path, line=line)
        nations, years = _remark_facts(_value(row[11]))
        records[ent] = {"name": name, "kind": (_value(row[2]) or "entity").lower(),
                        "programs": split_programs(_value(row[3])), "aliases": [], "countries": nations,
                        "years": years}
        order.append(ent)
    if not records:
        raise ScreeningError("the list has no entries (empty or truncated download?)", file=path)
    files = [path]
    warnings: list[str] = []
    alt = alt or (companion(path, "alt") if find_companions else None)
    add = add or (companion(path, "add") if find_companions else None)
    digests = [digest]
    if alt:
        files.append(alt)
        alt_text, alt_digest = read_list_text(alt)
        digests.append(alt_digest)
        rows = 0
        for line, row in _rows(alt_text, alt, ALT_COLUMNS, "alt.csv"):
            rows += 1
            record = records.get(_ent_num(row[0], alt, line, "alt.csv"))
            alias = _value(row[3])
            if record is not None and alias and alias not in record["aliases"]:
                record["aliases"].append(alias)
        if not rows:
            warnings.append(f"{alt.name} beside {path.name} is empty: names were compared without the list's "
                            "aliases (a.k.a.)")
    else:
        warnings.append(f"no alt.csv beside {path.name}: names were compared without the list's aliases (a.k.a.); "
                        "put OFAC's alt.csv and add.csv next to it")
    if add:
        files.append(add)
        add_text, add_digest = read_list_text(add)
        digests.append(add_digest)
        rows = 0
        for line, row in _rows(add_text, add, ADD_COLUMNS, "add.csv"):
            rows += 1
            record = records.get(_ent_num(row[0], add, line, "add.csv"))
            country = _value(row[4])
            country = country_code(country) if country else None
            if record is not None and country and country not in record["countries"]:
                record["countries"].append(country)
        if not rows:
            warnings.append(f"{add.name} beside {path.name} is empty: the listed countries are unknown")
    else:
        warnings.append(f"no add.csv beside {path.name}: the listed countries are unknown, so no hit is "
                        "supported or weakened by country")
    complete = not warnings
    if len(records) >= EOF_MARK_FROM and not _ends_with_eof_mark(path):
        warnings.append(f"{path.name} does not end with OFAC's end-of-file mark (Ctrl-Z): it may be cut short")
    entries = tuple(
        ListEntry(entry_id=f"SDN-{ent}", name=r["name"], kind=r["kind"], list_name=SDN_LIST_NAME,
                  programs=r["programs"], aliases=tuple(r["aliases"]), countries=tuple(dict.fromkeys(r["countries"])),
                  birth_years=r["years"])
        for ent in order for r in (records[ent],)
    )
    return ScreeningList(name=SDN_LIST_NAME, kind="sdn", path=path, files=tuple(files), sha256=digest,
                         entries=entries, warnings=tuple(warnings), complete=complete, digests=tuple(digests))


def csl_short_name(source: str) -> str:
    """``Entity List (EL) - Bureau of Industry and Security`` -> ``EL``."""
    match = _CSL_SHORT.search(source)
    return match.group(1) if match else source.split(" - ")[0].strip()


def _split_multi(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split(";") if p.strip()]


def _csl_countries(row: dict[str, str]) -> tuple[str, ...]:
    found: list[str] = []
    for address in _split_multi(row.get("addresses")):
        last = address.rsplit(",", 1)[-1].strip()
        if _ISO2.match(last) and last not in found:
            found.append(last)
    for column in ("nationalities", "citizenships"):
        for code in _split_multi(row.get(column)):
            if _ISO2.match(code) and code not in found:
                found.append(code)
    return tuple(found)


_CSL_KINDS = {"individual": "individual", "entity": "entity", "vessel": "vessel", "aircraft": "aircraft"}


def load_csl(path: Path) -> ScreeningList:
    """trade.gov's Consolidated Screening List CSV (the 28- and 29-column layouts)."""
    text, digest = read_list_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    entries: list[ListEntry] = []
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        missing = {"name", "source"} - set(header)
        if missing:
            raise ScreeningError(f"not a Consolidated Screening List CSV: no column {sorted(missing)[0]!r}",
                                 file=path, line=1)
        for row in reader:
            if not row or all(not c.strip() for c in row):
                continue
            line = reader.line_num
            if len(row) != len(header):
                raise ScreeningError(f"row has {len(row)} fields, the header has {len(header)}", file=path,
                                     line=line)
            if [c.strip().lower() for c in row] == header:
                raise ScreeningError("the header row is repeated (two files joined?): refusing a list that may "
                                     "be spliced", file=path, line=line)
            record = dict(zip(header, row))
            name = _CSL_SUCCESSOR.sub("", record["name"]).strip()
            source = record["source"].strip()
            if not name or not source:
                raise ScreeningError("entry without a name or source list", file=path, line=line)
            short = csl_short_name(source)
            number = (record.get("entity_number") or "").strip()
            entry_id = (record.get("_id") or "").strip() or (f"{short}-{number}" if number else f"{short}-line{line}")
            aliases = tuple(dict.fromkeys(a for a in _split_multi(record.get("alt_names")) if a != name))
            entries.append(ListEntry(
                entry_id=entry_id, name=name,
                kind=_CSL_KINDS.get((record.get("type") or "").strip().lower(), "unknown"),
                list_name=f"CSL/{short}", programs=tuple(_split_multi(record.get("programs"))),
                aliases=aliases, countries=_csl_countries(record),
                birth_years=birth_years(record.get("dates_of_birth") or "")))
    except csv.Error as exc:
        raise ScreeningError(f"not valid CSV: {exc}", file=path, line=reader.line_num) from None
    if not entries:
        raise ScreeningError("the list has no entries (empty or truncated download?)", file=path)
    return ScreeningList(name=CSL_LIST_NAME, kind="csl", path=path, files=(path,), sha256=digest,
                         entries=tuple(entries), digests=(digest,))


def detect_kind(path: Path) -> str:
    """``sdn`` or ``csl`` from the first line: SDN rows start with a number, the CSL has a header."""
    try:
        if not path.is_file() and path.exists():  # a FIFO or a device: opening it could block forever
            raise ScreeningError("not a regular file", file=path)
        with path.open("rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        raise ScreeningError("list file not found", file=path) from None
    except IsADirectoryError:
        raise ScreeningError("is a folder, not a list file", file=path) from None
    except OSError as exc:
        raise ScreeningError(f"cannot read list: {exc.strerror}", file=path) from None
    first = head.lstrip(b"\xef\xbb\xbf").lstrip().split(b"\n", 1)[0].decode("latin-1").strip()
    if not first.strip("\x1a"):
        raise ScreeningError("the list is empty", file=path, line=1)
    if first[0].isdigit():
        return "sdn"
    header = {h.strip().strip('"').lower() for h in first.split(",")}
    if {"name", "source"} <= header:
        return "csl"
    from auditor.screening.sources import detect_source

    other = detect_source(first)
    if other:
        return other
    raise ScreeningError(
        "not a list this tool reads: OFAC's sdn.csv, trade.gov's consolidated.csv, OpenSanctions' "
        f"targets.simple.csv, the EU, UK (OFSI) or UN consolidated list (first line starts {first[:40]!r})",
        file=path, line=1)


def load_list(path: Path) -> ScreeningList:
    """Any supported list file, its format recognised from its content."""
    path = Path(path)
    kind = detect_kind(path)
    if kind == "sdn":
        return load_sdn(path)
    if kind == "csl":
        return load_csl(path)
    from auditor.screening.sources import LOADERS

    return LOADERS[kind](path)
