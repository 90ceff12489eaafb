"""The labelled screening query set: variants of real listed names, and real names that are not listed.

``python -m bench.screening_queries`` (re)writes ``bench/screening_queries.csv`` from the full
OFAC SDN list of 2024-05-03 and the real CSL extract in ``../shared/reference`` (the lists stay
there; only the queries, which name listed parties as facts, are kept here) and from
``bench/screening_clean_names.txt`` (real companies and common person names, written by hand).

Each listed entry drawn gives a few variants of one kind each: ``exact``, ``alias``, ``typo``,
``translit`` (another Latin spelling), ``cyrillic`` and ``arabic`` (the name written in that script
by a letter mapping: Arabic without short vowels, as it is written), ``partial`` (given + family
name of a person listed with middle names or patronymic), ``initials``, ``reordered`` (First Last,
or LAST First without the comma), ``legal_front`` (the legal form moved in front, sometimes spelt
out), ``legal_misspelt`` (COMPNAY, LIMTED ...). Entries are split by a hash of their id into
``dev`` (tuned on) and ``held`` (measured once, never tuned on); clean names the same way.
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "screening_queries.csv"
CLEAN = HERE / "screening_clean_names.txt"
SHARED = HERE.parent.parent / "shared" / "reference"
SDN_DIR = SHARED / "ofac" / "full-2024-05-03"
CSL_FILE = SHARED / "csl" / "real-extract-2023-11-30" / "consolidated.csv"
FIELDS = ("query", "country", "expected", "variant", "split")

_CYRILLIC = [("shch", "щ"), ("kh", "х"), ("zh", "ж"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("yu", "ю"),
             ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("iy", "ий"), ("yy", "ый"), ("a", "а"), ("b", "б"),
             ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("y", "ы"), ("k", "к"),
             ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
             ("u", "у"), ("f", "ф"), ("c", "к"), ("h", "х"), ("w", "в"), ("x", "кс"), ("j", "дж"), ("q", "к")]
_ARABIC = [("kh", "خ"), ("ch", "ش"), ("sh", "ش"), ("th", "ث"), ("dh", "ذ"), ("gh", "غ"), ("ou", "و"), ("oo", "و"),
           ("ee", "ي"), ("b", "ب"), ("t", "ت"), ("j", "ج"), ("h", "ح"), ("d", "د"), ("r", "ر"), ("z", "ز"),
           ("s", "س"), ("f", "ف"), ("q", "ق"), ("k", "ك"), ("l", "ل"), ("m", "م"), ("n", "ن"), ("w", "و"),
           ("y", "ي"), ("g", "ج"), ("p", "پ"), ("v", "و"), ("c", "ك"), ("x", "كس")]
_LONG_VOWEL = {"a": "ا", "i": "ي", "e": "ي", "u": "و", "o": "و"}
_LEGAL_TAIL = re.compile(r",?\s+(LLC|LTD\.?|LIMITED|JSC|OJSC|CJSC|PJSC|OOO|AO|ZAO|OAO|CO\.?,? LTD\.?|"
                         r"COMPANY LIMITED|CORPORATION|CORP\.?|INC\.?|S\.A\.|GMBH|FZE|FZCO|LLP)$", re.IGNORECASE)
_SPELT_OUT = {"LLC": "LIMITED LIABILITY COMPANY", "OOO": "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU",
              "JSC": "JOINT STOCK COMPANY", "AO": "AKTSIONERNOE OBSHCHESTVO", "OJSC": "OPEN JOINT STOCK COMPANY"}
_MISSPELL = {"COMPANY": ["COMPNAY", "COMAPNY", "COMPANI"], "LIMITED": ["LIMTED", "LIMITID", "LMITED"],
             "CORPORATION": ["CORPORATOIN", "CORPRATION"], "JOINT": ["JIONT", "JOIN"], "STOCK": ["STOK", "STOCKS"],
             "INDUSTRIES": ["INDUSTRES"], "TRADING": ["TRAIDING"], "INTERNATIONAL": ["INTERNATONAL"]}
_TRANSLIT = [("ou", "u"), ("u", "ou"), ("kh", "h"), ("y", "i"), ("i", "y"), ("ph", "f"), ("ee", "i"),
             ("mohammad", "muhammad"), ("muhammad", "mohamed"), ("hussein", "husayn"), ("husayn", "hussein"),
             ("ev", "iev"), ("aa", "a"), ("q", "k"), ("j", "dj"), ("w", "v"), ("e", "a")]
_LEGAL_WORDS = re.compile(r"\b(LIMITED|LIABILITY|COMPANY|JOINT|STOCK|PUBLIC|OPEN|CLOSED|LLC|OOO|AO|JSC|OJSC|PJSC|"
                         r"CJSC|ZAO|OAO|PAO|NON-PUBLIC|JOINT-STOCK)\b|[,.\"()]", re.IGNORECASE)
_ENGLISH = {"research", "institute", "scientific", "design", "bureau", "plant", "bank", "investment", "digital",
            "invest", "group", "trading", "international", "engineering", "production", "development", "regional",
            "russian", "federal", "state", "enterprise", "center", "centre", "company", "and", "of", "the",
            "technologies", "technology", "systems", "holding", "holdings", "motor", "electric", "electronics",
            "industrial", "military", "aviation", "shipping", "energy", "capital", "management", "services",
            "unitary", "innovations", "national", "financial", "project", "projects", "trade", "oil", "gas"}
_RUSSIAN_PROGRAMS = ("RUSSIA", "UKRAINE", "BELARUS", "CYBER", "ELECTION", "MAGNIT")
_ARABIC_PROGRAMS = ("SDGT", "IRAN", "IRGC", "SYRIA", "IFSR", "NPWMD", "HIZBALLAH", "FTO", "YEMEN", "LIBYA",
                    "IRAQ", "SDT", "SUDAN")


@dataclass(frozen=True)
class Query:
    query: str
    country: str
    expected: str      # entry id, empty for a name that is not listed
    variant: str
    split: str


def split_of(key: str) -> str:
    return "dev" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 == 0 else "held"


# Common Arabic names as Arabic script writes them (with the letters a Latin spelling cannot show).
_ARABIC_WORDS = {"ali": "علي", "abd": "عبد", "abdul": "عبد", "muhammad": "محمد", "mohammed": "محمد",
                 "mohamed": "محمد", "mohammad": "محمد", "muhammed": "محمد", "ahmad": "أحمد", "ahmed": "أحمد",
                 "hasan": "حسن", "hassan": "حسن", "husayn": "حسين", "hussein": "حسين", "hussain": "حسين",
                 "umar": "عمر", "omar": "عمر", "abdallah": "عبدالله", "abdullah": "عبدالله", "khalid": "خالد",
                 "yusuf": "يوسف", "ibrahim": "إبراهيم", "mahmud": "محمود", "mahmoud": "محمود", "said": "سعيد",
                 "salih": "صالح", "saleh": "صالح", "abu": "أبو", "bin": "بن", "al": "ال", "ali's": "علي"}


def _arabic(text: str) -> str:
    words = re.split(r"[\s-]+", text.lower())
    return " ".join(_ARABIC_WORDS.get(w) or _map(w, _ARABIC, _LONG_VOWEL) for w in words if w)


def _map(text: str, table: list[tuple[str, str]], vowels: dict[str, str] | None = None) -> str:
    out, i, low = [], 0, text.lower()
    while i < len(low):
        for latin, native in table:
            if low.startswith(latin, i):
                if not (vowels is not None and out and out[-1] == native):  # Arabic writes a doubled letter once
                    out.append(native)
                i += len(latin)
                break
        else:
            ch = low[i]
            if vowels is not None and ch in vowels:
                # Arabic writes long vowels and a word's first vowel; short ones are left out.
                start = i == 0 or not low[i - 1].isalpha()
                doubled = i + 1 < len(low) and low[i + 1] == ch
                if start or doubled:
                    out.append("ا" if start else vowels[ch])
                    i += 2 if doubled else 1
                    continue
            elif not ch.isalpha():
                out.append(ch)
            i += 1
    return "".join(out)


def reading_order(name: str) -> str:
    if name.count(",") == 1:
        last, first = (p.strip() for p in name.split(","))
        return f"{first} {last}".strip()
    return name


def _typo(rng: random.Random, name: str) -> str | None:
    words = [w for w in re.findall(r"[A-Za-z]{5,}", name)]
    if not words:
        return None
    word = max(words, key=len)
    i = rng.randrange(1, len(word) - 2)
    roll = rng.random()
    if roll < 0.33:
        changed = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    elif roll < 0.66:
        changed = word[:i] + word[i + 1:]
    else:
        changed = word[:i] + word[i] + word[i:]
    return name.replace(word, changed, 1) if changed != word else None


def _translit(rng: random.Random, name: str) -> str | None:
    low = name.lower()
    options = [(a, b) for a, b in _TRANSLIT if a in low]
    if not options:
        return None
    a, b = rng.choice(options)
    return re.sub(re.escape(a), b, low, count=1).title()


_PARTICLES = {"al", "el", "bin", "ben", "ibn", "abu", "de", "del", "la", "van", "von", "da", "dos", "y"}


def _partial(name: str) -> str | None:
    if name.count(",") != 1:
        return None
    last, first = (re.split(r"[\s-]+", p.strip()) for p in name.split(","))
    last = [w for w in last if w and w.lower() not in _PARTICLES]
    first = [w for w in first if w and w.lower() not in _PARTICLES]
    if not last or not first or len(last) + len(first) < 3:
        return None
    return f"{first[0].title()} {last[0].title()}"


def _initials(name: str) -> str | None:
    if name.count(",") != 1:
        return None
    last, first = (p.strip() for p in name.split(","))
    if not first or len(last) < 5:
        return None
    return f"{first[0].upper()}. {last.title()}"


def _legal_front(rng: random.Random, name: str) -> str | None:
    found = _LEGAL_TAIL.search(name)
    if not found or found.start() < 4:
        return None
    form = found.group(1).upper().rstrip(".")
    core = name[:found.start()].strip(" ,")
    if form in _SPELT_OUT and rng.random() < 0.5:
        form = _SPELT_OUT[form]
    return f"{form} {core}"


def _legal_misspelt(rng: random.Random, name: str) -> str | None:
    upper = name.upper()
    options = [w for w in _MISSPELL if re.search(rf"\b{w}\b", upper)]
    if not options:
        return None
    word = rng.choice(options)
    return re.sub(rf"\b{word}\b", rng.choice(_MISSPELL[word]), upper, count=1)


def _reordered(rng: random.Random, name: str, person: bool) -> str | None:
    if person and name.count(",") == 1:
        return reading_order(name) if rng.random() < 0.6 else name.replace(",", "")
    words = name.split()
    if len(words) < 3 or _LEGAL_TAIL.search(name) or _LEGAL_WORDS.search(name) or \
            re.search(r"\b(OBSHCHESTVO|AKTSIONERNOE|OTVETSTVENNOSTYU)\b", name):
        return None  # a legal form is one block: word order changes around it, not inside it
    return " ".join(words[1:] + words[:1])


def _read_sdn() -> list[dict]:
    entries: dict[str, dict] = {}
    with (SDN_DIR / "sdn.csv").open(encoding="latin-1", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) < 4 or not row[0].strip().isdigit():
                continue
            kind = row[2].strip().strip('"').lower()
            entries[row[0].strip()] = {"id": f"SDN-{row[0].strip()}", "name": row[1].strip(),
                                       "person": kind == "individual", "kind": kind or "entity",
                                       "programs": row[3], "aliases": [], "country": ""}
    with (SDN_DIR / "alt.csv").open(encoding="latin-1", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) >= 4 and row[0].strip() in entries:
                entries[row[0].strip()]["aliases"].append(row[3].strip())
    return list(entries.values())


def _read_csl() -> list[dict]:
    out = []
    with CSL_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if "(SDN)" in row["source"] or not row["name"].strip():
                continue
            aliases = [a.strip() for a in row["alt_names"].split(";") if a.strip()]
            out.append({"id": row["_id"].strip(), "name": row["name"].strip(), "person": row["type"] == "Individual",
                        "kind": row["type"].lower() or "unknown", "programs": row["programs"], "aliases": aliases,
                        "country": ""})
    return out


def _variants(rng: random.Random, entry: dict) -> list[tuple[str, str]]:
    name, person, programs = entry["name"], entry["person"], entry["programs"].upper()
    found: dict[str, str | None] = {"exact": name, "typo": _typo(rng, name), "translit": _translit(rng, name)}
    if entry["aliases"]:
        found["alias"] = rng.choice(entry["aliases"])
    if person:
        found["partial"] = _partial(name)
        found["initials"] = _initials(name)
        found["reordered"] = _reordered(rng, name, True)
        order = reading_order(name)
        if any(p in programs for p in _RUSSIAN_PROGRAMS):
            found["cyrillic"] = _map(_partial(name) or order, _CYRILLIC)
        if any(p in programs for p in _ARABIC_PROGRAMS):
            found["arabic"] = _arabic(order)
    else:
        found["legal_front"] = _legal_front(rng, name)
        found["legal_misspelt"] = _legal_misspelt(rng, name)
        found["reordered"] = _reordered(rng, name, False)
        core = _LEGAL_WORDS.sub(" ", name).split()
        if any(p in programs for p in _RUSSIAN_PROGRAMS) and 1 <= len(core) <= 2 and \
                not any(w.lower() in _ENGLISH for w in core):
            # As a Russian writes it: the legal form abbreviated in Cyrillic, the name in Cyrillic letters.
            found["cyrillic"] = rng.choice(["ООО ", "АО ", "ПАО ", ""]) + _map(" ".join(core), _CYRILLIC).upper()
    usable = [(k, v) for k, v in found.items() if v and len(v) >= 3]
    # The rarer kinds first, so every kind is well represented; exact names come with a third of the entries.
    rare = [kv for kv in usable if kv[0] not in ("exact", "typo", "translit", "alias")]
    common = [kv for kv in usable if kv not in rare]
    rng.shuffle(rare)
    rng.shuffle(common)
    return (rare[:2] + common[:1]) if rare else common[:2]


def generate(seed: int = 21) -> list[Query]:
    rng = random.Random(seed)
    sdn = [e for e in _read_sdn() if e["kind"] in ("individual", "-0-", "entity", "")]
    persons = [e for e in sdn if e["person"]]
    entities = [e for e in sdn if not e["person"]]
    drawn = rng.sample(persons, 330) + rng.sample(entities, 260) + rng.sample(_read_csl(), 110)
    queries: list[Query] = []
    for entry in drawn:
        for variant, text in _variants(rng, entry):
            queries.append(Query(text, entry["country"], entry["id"], variant, split_of(entry["id"])))
    for line in CLEAN.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, country = line.partition("|")
        queries.append(Query(name.strip(), country.strip(), "", "not_listed", split_of(name.strip())))
    return queries


def write(queries: list[Query], path: Path = QUERIES) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(FIELDS)
        for q in queries:
            writer.writerow([q.query, q.country, q.expected, q.variant, q.split])


def load(path: Path = QUERIES) -> list[Query]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [Query(**{k: row[k] for k in FIELDS}) for row in csv.DictReader(fh)]


if __name__ == "__main__":  # pragma: no cover
    made = generate()
    write(made)
    kinds: dict[str, int] = {}
    for q in made:
        kinds[q.variant] = kinds.get(q.variant, 0) + 1
    print(f"{len(made)} queries written to {QUERIES}: {kinds}")
