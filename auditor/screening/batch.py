"""Screening many parties in one run: a CSV with ``name`` (and ``country``, ``born``) columns, or one name per line.

Every input line gives one result, in input order; a line without a name is ``not_screened``
rather than skipped, so the output lines up with the input. Country codes are checked before
anything is screened: a mistyped code would screen as clear.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import InputError
from auditor.files import read_bounded
from auditor.model.enums import ScreeningStatus

MAX_NAMES_BYTES = 64 * 1024 * 1024
PRELOAD_FROM = 200
"""From this many names a stored index is read whole rather than row by row."""
_PLACE = re.compile(r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")


@dataclass(frozen=True)
class Party:
    line: int
    name: str
    country: str | None
    born: int | None = None


def read_parties(path: Path, known_countries: set[str]) -> list[Party]:
    """The parties of a names file; a bad file or country code is an error naming the file and line."""
    data = read_bounded(path, max_bytes=MAX_NAMES_BYTES, noun="names file", error=InputError)
    if b"\x00" in data:
        raise InputError("binary file (NUL byte), expected names or a CSV", file=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", file=path, line=line) from None
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise InputError("the names file is empty", file=path, line=1)
    header = [h.strip().lower() for h in next(csv.reader([lines[0]]))]
    parties: list[Party] = []
    if "name" in header:
        reader = csv.reader(io.StringIO("\n".join(lines[1:]), newline=""), strict=True)
        name_at, country_at = header.index("name"), header.index("country") if "country" in header else None
        born_at = header.index("born") if "born" in header else None
        try:
            for row in reader:
                line = reader.line_num + 1
                if not any(cell.strip() for cell in row):
                    parties.append(Party(line, "", None))
                    continue
                if len(row) != len(header):
                    raise InputError(f"row has {len(row)} fields, the header has {len(header)}", file=path, line=line)
                country = row[country_at].strip() if country_at is not None else ""
                born = _year(row[born_at].strip(), path, line) if born_at is not None else None
                parties.append(Party(line, row[name_at].strip(), _country(country, known_countries, path, line), born))
        except csv.Error as exc:
            raise InputError(f"not valid CSV: {exc}", file=path, line=reader.line_num + 1) from None
    else:
        parties = [Party(number, raw.strip(), None) for number, raw in enumerate(lines, start=1)]
    if not parties:
        raise InputError("the names file has a header but no names", file=path, line=1)
    return parties


def _year(value: str, path: Path, line: int) -> int | None:
    if not value:
        return None
    if not value.isdigit() or not 1850 <= int(value) <= 2100:
        raise InputError(f"born {value[:20]!r} is not a year (1850-2100)", file=path, line=line)
    return int(value)


def _country(value: str, known: set[str], path: Path, line: int) -> str | None:
    if not value:
        return None
    if value.upper() in known:   # a region code such as EU or GCC
        return value.upper()
    if not _PLACE.match(value) or value[:2].upper() not in known:
        raise InputError(f"country {value[:20]!r} is not an ISO 3166 code (IR) or region code (UA-43)", file=path,
                         line=line)
    return value.upper()


def screen_parties(screener, parties: list[Party],
                   progress: Callable[[int], None] | None = None) -> dict:
    """The batch result: the lists used and one result per party, in order (CONTRACT, trust phase)."""
    from auditor.screening.screen import screen_party

    if screener.index is not None and len(parties) >= PRELOAD_FROM:
        from auditor.screening.stored import preload

        preload(screener.index)
    results = []
    warnings: list[str] = []
    for number, party in enumerate(parties, start=1):
        if not party.name:
            results.append({"line": party.line, "name": "", "country": party.country,
                            "status": ScreeningStatus.NOT_SCREENED.value, "score": 0.0, "hits": [],
                            "warnings": ["no name on this line"]})
        else:
            result = screen_party(screener, party.name, country=party.country, born=party.born)
            warnings.extend(w for w in result.warnings if w not in screener.loaded.warnings)
            hits = [{"list": h.list, "entry": h.entry_id, "name": h.name, "status": h.status.value,
                     "score": h.score, "programs": h.programs, "reasons": h.reasons or [h.reason]}
                    for h in result.hits]
            results.append({"line": party.line, "name": party.name, "country": party.country,
                            "status": result.status.value, "score": max((h.score for h in result.hits), default=0.0),
                            "hits": hits, "warnings": [w for w in result.warnings
                                                       if w not in screener.loaded.warnings]})
        if progress is not None:
            progress(number)
    infos = screener.loaded.infos
    return {
        "lists": [{"name": i.name, "date": i.date.isoformat() if i.date else None, "dated_by": i.dated_by,
                   "entries": i.entries, "sha256": i.sha256, "source": i.source, "stale": i.stale,
                   "complete": i.complete} for i in infos],
        "lists_complete": all(i.complete for i in infos),
        "warnings": list(dict.fromkeys([*screener.loaded.warnings, *warnings])),
        "results": results,
    }
