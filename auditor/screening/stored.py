"""The name index kept on disk (SQLite), keyed by the lists' hashes, so one screening does not rebuild it.

Building the index for the full official lists takes seconds (every name normalised and
transliterated); a later ``auditor screen --name`` opens the stored copy and reads only the
rows its query needs: a few words, their near spellings and some forty candidate names.
The file is written to a temporary name and renamed into place, so a reader sees a complete
index or none. Its name is the hash of everything that shapes it: the list files' sha256,
the vocabulary file, the format version of this module, and the transliteration library.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path

from auditor.screening.lists import ListEntry
from auditor.screening.normalize import _raw_vocabulary, prime_vocabulary

FORMAT = 15  # 15: French, Lebanese and Italian legal forms written out (societe a responsabilite limitee) and private limited read as legal forms; 14: JV and JVC read as joint venture, a ph in a word without e, i, o, u (سپهر) no f in consonant keys; 13: organisations also keyed by their words' consonants in alphabetical order, a final h after p (سپه) left out of consonant keys; 12: qaf and ghayn one letter in consonant keys; 11: Russian legal forms spelt -oye read as legal forms in listed names; 10: listed names half translated (romanised generic words in English), the article's l kept in Alavi; 9: a word written with an apostrophe (Sa'd) is no legal form; 8: the names of generic words only, listed together; 7: Chinese, Korean, Arabic and Persian company words glossed (6: Chinese personal names, short legal forms, Persian letters)
"""Raised whenever what is stored changes (the code that normalises names is hashed into the key too)."""


def index_key(digests: Iterable[str]) -> str:
    """The stored index's name: every list file's sha256, the vocabulary and the code that read and indexed them."""
    import rigour._core

    from auditor.workspace import package_data

    words = hashlib.sha256(package_data("screening_words.yaml").read_bytes())
    here = Path(__file__).resolve().parent
    for code in ("normalize.py", "spelling.py", "matcher.py", "lists.py", "sources.py", "readings.py", "glossary.py",
                 "eastasian.py"):   # how names were read and indexed
        words.update((here / code).read_bytes())
    words = words.hexdigest()
    core = Path(rigour._core.__file__).stat()   # the transliteration and legal-form tables' build
    material = json.dumps([FORMAT, sorted(digests), words, core.st_size, core.st_mtime_ns])
    return hashlib.sha256(material.encode()).hexdigest()[:32]


def _vocabulary_row() -> list[tuple[str, str]]:
    """The screening vocabulary as JSON, to be read back in place of parsing its YAML (a warm ``screen --name``
    spends a tenth of its time there); none when JSON cannot hold it as it is."""
    raw = _raw_vocabulary()
    text = json.dumps(raw, ensure_ascii=False)
    return [("vocabulary", text)] if json.loads(text) == raw else []


def _entry_row(entry: ListEntry) -> bytes:
    return marshal.dumps((entry.entry_id, entry.name, entry.kind, entry.list_name, entry.programs, entry.aliases,
                          entry.countries, entry.birth_years))


def _name_row(name) -> bytes:
    n = name.norm
    return marshal.dumps((name.text, name.is_alias, n.original, n.tokens, n.sorted_all, n.sorted_core, n.compact,
                          n.informative, n.legal, n.abjad, n.consonant_key, n.given, n.full, name.informative_sorted,
                          name.sounds))


def save(index, summaries: list[dict], path: Path) -> None:
    """Write ``index`` (built in memory) and the lists' summaries to ``path``, atomically."""
    from auditor.files import private_dir

    private_dir(path.parent)   # workspace state is private (0700)
    handle, temp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        db = sqlite3.connect(temp)
        with db:
            db.execute("PRAGMA journal_mode=OFF")
            db.executescript("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);"
                             "CREATE TABLE entries (n INTEGER PRIMARY KEY, row BLOB);"
                             "CREATE TABLE names (n INTEGER PRIMARY KEY, entry INTEGER, row BLOB);"
                             "CREATE TABLE postings (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;"
                             "CREATE TABLE spellings (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;"
                             "CREATE TABLE keyed (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;")
            entry_number: dict[int, int] = {}
            entries = []
            for name in index.names:
                if id(name.entry) not in entry_number:
                    entry_number[id(name.entry)] = len(entries)
                    entries.append(name.entry)
            db.executemany("INSERT INTO entries VALUES (?, ?)", ((i, _entry_row(e)) for i, e in enumerate(entries)))
            db.executemany("INSERT INTO names VALUES (?, ?, ?)",
                           ((i, entry_number[id(n.entry)], _name_row(n)) for i, n in enumerate(index.names)))
            db.executemany("INSERT INTO postings VALUES (?, ?)",
                           ((k, marshal.dumps(v)) for k, v in index._postings.items()))
            db.executemany("INSERT INTO spellings VALUES (?, ?)",
                           ((k, marshal.dumps(v)) for k, v in index._spellings.items()))
            for prefix, table in (("x:", index._exact), ("f:", index._exact_full), ("c:", index._by_consonants)):
                db.executemany("INSERT INTO keyed VALUES (?, ?)",
                               ((prefix + k, marshal.dumps(v)) for k, v in table.items()))
            db.executemany("INSERT INTO meta VALUES (?, ?)",
                           [("summaries", json.dumps(summaries)), ("total", str(len(index.names))),
                            *_vocabulary_row()])
        db.close()
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class _Lookup:
    """A read-only mapping over one table, fetched row by row and remembered."""

    def __init__(self, db: sqlite3.Connection, table: str, prefix: str = ""):
        self._db, self._prefix, self._seen, self._complete = db, prefix, {}, False
        self._sql = f"SELECT v FROM {table} WHERE k = ?"

    def load_all(self) -> None:
        """Read the whole table at once: a batch of thousands of names touches most of it anyway."""
        rows = self._db.execute(self._sql.replace(" WHERE k = ?", "").replace("SELECT v", "SELECT k, v")).fetchall()
        cut = len(self._prefix)
        self._seen = {k[cut:]: marshal.loads(v) for k, v in rows if k.startswith(self._prefix)}
        self._complete = True

    def get(self, key: str, default=None):
        if key in self._seen:
            value = self._seen[key]
        elif self._complete:
            return default
        else:
            row = self._db.execute(self._sql, (self._prefix + key,)).fetchone()
            value = self._seen[key] = marshal.loads(row[0]) if row else None
        return default if value is None else value

    def __getitem__(self, key: str):
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None


class _Names:
    """Indexed names read on demand: a query touches some forty of them."""

    def __init__(self, db: sqlite3.Connection, total: int):
        self._db, self._total, self._seen, self._entries = db, total, {}, {}

    def __len__(self) -> int:
        return self._total

    def _entry(self, number: int) -> ListEntry:
        entry = self._entries.get(number)
        if entry is None:
            row = self._db.execute("SELECT row FROM entries WHERE n = ?", (number,)).fetchone()
            entry = self._entries[number] = ListEntry(*marshal.loads(row[0]))
        return entry

    def __getitem__(self, number: int):
        found = self._seen.get(number)
        if found is None:
            from auditor.screening.matcher import IndexedName
            from auditor.screening.normalize import NormalName

            row = self._db.execute("SELECT entry, row FROM names WHERE n = ?", (number,)).fetchone()
            if row is None:
                raise IndexError(number)
            (text, is_alias, original, tokens, sorted_all, sorted_core, compact, informative, legal, abjad,
             consonant_key, given, full, informative_sorted, sounds) = marshal.loads(row[1])
            norm = NormalName(original, tokens, sorted_all, sorted_core, compact, informative, legal, abjad,
                              consonant_key, given, full)
            found = self._seen[number] = IndexedName(self._entry(row[0]), text, is_alias, norm, informative_sorted,
                                                     sounds)
        return found


def preload(index) -> None:
    """Read a stored index into memory (for a batch); an index built in memory is left as it is."""
    for table in (index._postings, index._spellings, index._exact, index._exact_full, index._by_consonants):
        if isinstance(table, _Lookup):
            table.load_all()


def open_stored(path: Path):
    """(index, summaries) from a stored index file, or None when there is none or it cannot be read."""
    from auditor.screening.matcher import NameIndex

    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(db.execute("SELECT k, v FROM meta").fetchall())
        summaries = json.loads(meta["summaries"])
        total = int(meta["total"])
        if "vocabulary" in meta:   # the vocabulary file this index was named after, already parsed
            prime_vocabulary(json.loads(meta["vocabulary"]))
    except (sqlite3.Error, KeyError, ValueError):
        return None  # damaged or from another version: rebuilt by the caller
    index = NameIndex.from_tables(names=_Names(db, total), postings=_Lookup(db, "postings"),
                                  spellings=_Lookup(db, "spellings"), exact=_Lookup(db, "keyed", "x:"),
                                  exact_full=_Lookup(db, "keyed", "f:"), by_consonants=_Lookup(db, "keyed", "c:"))
    return index, summaries
