"""A third screening query set (split ``dev3``) to tune on, so test2 stays unseen.

``python -m bench.screening_queries_dev3`` writes ``bench/screening_queries_dev3.csv``: the test2
generator (``bench/screening_queries_test2.py``) with another seed, over entries neither test2 nor
dev2 use, plus more persons listed under Arabic- and Russian-speaking programmes, drawn only for their
Arabic-script and Cyrillic variants (the same mapping functions), so those two kinds are not a
handful of names. Non-listed names come from ``bench/screening_clean_names_dev3.txt`` (by hand).
"""

from __future__ import annotations

import random

from bench.screening_queries import (_ARABIC_PROGRAMS, _CYRILLIC, _RUSSIAN_PROGRAMS, HERE, QUERIES, Query, _arabic,
                                     _map, _read_sdn, load, write)
from bench.screening_queries_test2 import DEV2, TEST2, generate, load_test2

DEV3 = HERE / "screening_queries_dev3.csv"
CLEAN_DEV3 = HERE / "screening_clean_names_dev3.txt"
DEV3_SEED = 11
EXTRA_SCRIPT = 90        # further persons per script (Arabic, Cyrillic)


def _script_variants(rng: random.Random, used: set[str]) -> list[Query]:
    """Arabic-script and Cyrillic variants of further listed persons (First Last, as test2 writes them)."""
    persons = [e for e in _read_sdn() if e["person"] and e["id"] not in used and e["name"].count(",") == 1]
    out: list[Query] = []
    for programs, kind in ((_ARABIC_PROGRAMS, "arabic"), (_RUSSIAN_PROGRAMS, "cyrillic")):
        pool = [e for e in persons if any(p in e["programs"].upper() for p in programs) and e["id"] not in used]
        for entry in rng.sample(pool, min(EXTRA_SCRIPT, len(pool))):
            last, first = (p.strip() for p in entry["name"].split(","))
            if not first or not last:
                continue
            if kind == "arabic":
                text = _arabic(f"{first} {last}")
            else:
                text = _map(f"{first.split()[0]} {last.split()[0]}", _CYRILLIC)
            if len(text) >= 3:
                used.add(entry["id"])
                out.append(Query(text, "", entry["id"], kind, "dev3"))
    return out


def make() -> list[Query]:
    exclude = {q.expected for q in load_test2(TEST2) + load_test2(DEV2) if q.expected}
    made = generate(DEV3_SEED, "dev3", frozenset(exclude), clean=CLEAN_DEV3)
    used = exclude | {q.expected for q in made if q.expected} | {q.expected for q in load(QUERIES) if q.expected}
    listed = [q for q in made if q.expected] + _script_variants(random.Random(DEV3_SEED + 1), used)
    return listed + [q for q in made if not q.expected]


if __name__ == "__main__":  # pragma: no cover
    queries = make()
    write(queries, DEV3)
    kinds: dict[str, int] = {}
    for q in queries:
        kinds[q.variant] = kinds.get(q.variant, 0) + 1
    print(f"{len(queries)} queries written to {DEV3}: {kinds}")
