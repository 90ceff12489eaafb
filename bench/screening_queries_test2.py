"""A second, independent screening query set (split ``test2``), never tuned on.

``python -m bench.screening_queries_test2`` writes ``bench/screening_queries_test2.csv``. It draws
listed entries the main set (``screening_queries.csv``) does not use, with another seed, and
perturbs them with other functions than the main generator: a neighbouring key struck instead of
the right one, a vowel changed (another romanisation), LAST First without the comma, a middle
name kept but the family name cut to the first of two, the legal form spelt another way. Half of
the listed variants carry the country the list gives for the entry (as a dossier would), so the
cost of weighing countries is measured too. Non-listed names come from
``bench/screening_clean_names_test2.txt`` (written by hand, names only).

The same functions with another seed, over other entries, and ``screening_clean_names_dev2.txt``
give ``screening_queries_dev2.csv`` (split ``dev2``): a second set to tune on, so test2 stays unseen.
"""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path

from bench.screening_queries import (_ARABIC_PROGRAMS, _CYRILLIC, _PARTICLES, _RUSSIAN_PROGRAMS, CSL_FILE, HERE,
                                     QUERIES, SDN_DIR, Query, _arabic, _map, load, write)

TEST2 = HERE / "screening_queries_test2.csv"
CLEAN2 = HERE / "screening_clean_names_test2.txt"
DEV2 = HERE / "screening_queries_dev2.csv"
CLEAN_DEV2 = HERE / "screening_clean_names_dev2.txt"
DEV2_SEED = 7
_KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_FORMS = {"LLC": ["L.L.C.", "Limited Liability Company", "OOO"], "LTD": ["Limited", "Ltd"],
          "LIMITED": ["Ltd.", "Ltd"], "JSC": ["Joint-Stock Company", "AO"], "INC": ["Incorporated", "Inc"],
          "CO., LTD.": ["Company Limited", "Co Ltd"], "CORPORATION": ["Corp.", "Corp"], "S.A.": ["SA", "S A"]}
_VOWEL_SWAP = {"a": "e", "e": "a", "i": "e", "o": "u", "u": "o"}


def _neighbour(ch: str) -> str:
    for row in _KEYBOARD:
        i = row.find(ch.lower())
        if i >= 0:
            near = row[i - 1] if i > 0 else row[i + 1]
            return near.upper() if ch.isupper() else near
    return ch


def _key_slip(rng: random.Random, name: str) -> str | None:
    words = re.findall(r"[A-Za-z]{6,}", name)
    if not words:
        return None
    word = rng.choice(words)
    i = rng.randrange(1, len(word) - 1)
    return name.replace(word, word[:i] + _neighbour(word[i]) + word[i + 1:], 1)


def _vowel(rng: random.Random, name: str) -> str | None:
    words = re.findall(r"[A-Za-z]{5,}", name)
    if not words:
        return None
    word = rng.choice(words)
    spots = [i for i, ch in enumerate(word) if ch.lower() in _VOWEL_SWAP and i > 0]
    if not spots:
        return None
    i = rng.choice(spots)
    new = _VOWEL_SWAP[word[i].lower()]
    return name.replace(word, word[:i] + (new.upper() if word[i].isupper() else new) + word[i + 1:], 1)


def _no_comma(name: str) -> str | None:
    return name.replace(",", "") if name.count(",") == 1 else None


def _first_and_family(name: str) -> str | None:
    """Given names kept, only the first of two family names: "Nicolas Maduro" for MADURO MOROS, Nicolas."""
    if name.count(",") != 1:
        return None
    last, first = (p.split() for p in name.split(","))
    last = [w for w in last if w.lower().strip("-") not in _PARTICLES]   # AL MUSAWI: the family name is MUSAWI
    if len(last) < 2 or not first:
        return None
    return f"{' '.join(first).title()} {last[0].title()}"


def _other_form(rng: random.Random, name: str) -> str | None:
    upper = name.upper().rstrip()
    for form, options in _FORMS.items():
        if upper.endswith(" " + form) or upper.endswith(", " + form):
            core = name[:len(name) - len(form)].rstrip(" ,")
            return f"{core} {rng.choice(options)}"
    return None


def _countries() -> dict[str, tuple[str, ...]]:
    from auditor.screening.policy import ScreeningPolicy
    from auditor.screening.screen import load_lists

    loaded = load_lists(lists_dir=SDN_DIR / "none", files=[SDN_DIR / "sdn.csv", CSL_FILE],
                        policy=ScreeningPolicy(max_list_age="P100000D"), today=date(2024, 5, 3),
                        list_dates=[date(2024, 5, 3), date(2023, 11, 30)])
    return {e.entry_id: tuple(e.countries) for lst in loaded.lists for e in lst.entries}


def generate(seed: int = 2026, split: str = "test2", exclude: frozenset[str] = frozenset(),
             clean: Path | None = None) -> list[Query]:
    """The test2 set; another ``seed`` and ``split`` (with test2's entries in ``exclude``) gives a set to tune on."""
    rng = random.Random(seed)
    used = {q.expected for q in load(QUERIES) if q.expected} | exclude
    from bench.screening_queries import _read_csl, _read_sdn

    countries = _countries()
    sdn = [e for e in _read_sdn() if e["id"] not in used]
    persons = [e for e in sdn if e["person"]]
    entities = [e for e in sdn if not e["person"]]
    csl = [e for e in _read_csl() if e["id"] not in used]
    drawn = rng.sample(persons, 200) + rng.sample(entities, 160) + rng.sample(csl, 60)
    queries: list[Query] = []
    for entry in drawn:
        name, programs = entry["name"], entry["programs"].upper()
        found = {"typo": _key_slip(rng, name), "translit": _vowel(rng, name)}
        if entry["person"]:
            found["reordered"] = _no_comma(name)
            found["partial"] = _first_and_family(name)
            if any(p in programs for p in _RUSSIAN_PROGRAMS) and name.count(",") == 1:
                last, first = (p.split() for p in name.split(","))
                found["cyrillic"] = _map(f"{first[0]} {last[0]}", _CYRILLIC) if first and last else None
            if any(p in programs for p in _ARABIC_PROGRAMS) and name.count(",") == 1:
                last, first = (p.strip() for p in name.split(","))
                found["arabic"] = _arabic(f"{first} {last}")
        else:
            found["legal_other"] = _other_form(rng, name)
        if entry["aliases"]:
            found["alias"] = rng.choice(entry["aliases"])
        usable = [(k, v) for k, v in found.items() if v and len(v) >= 3]
        rng.shuffle(usable)
        for variant, text in usable[:2]:
            country = countries.get(entry["id"], ())
            code = country[0] if country and rng.random() < 0.5 else ""
            queries.append(Query(text, code, entry["id"], variant, split))
    for line in (clean or (CLEAN2 if split == "test2" else CLEAN_DEV2)).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, _, country = line.partition("|")
            queries.append(Query(text.strip(), country.strip(), "", "not_listed", "test2"))
    return queries


def load_test2(path=TEST2) -> list[Query]:
    return load(path) if path.is_file() else []


if __name__ == "__main__":  # pragma: no cover
    made = generate()
    write(made, TEST2)
    print(f"{len(made)} queries written to {TEST2}")
    tune = generate(DEV2_SEED, "dev2", frozenset(q.expected for q in made if q.expected))
    write(tune, DEV2)
    print(f"{len(tune)} queries written to {DEV2} (a second set to tune on, other entries, same functions)")
