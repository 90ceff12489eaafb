"""Claim extraction speed: MB of vendor-document text read per second, on one core.

The input is generated from the real documents: the five Arabic seed documents and the three
English vendor pages, their lines drawn in random order (seeded) into one large mixed document,
about two thirds Arabic by bytes. A second, denser mix adds the labelled test documents
(questionnaires and SLA tables that hit the vocabulary on almost every line). The whole extraction is
timed (normalisation, the vocabulary scan, negation and hedging, SLA, places, contract terms),
best of three runs (two with --quick), measured in the process's CPU time (so other work on the machine does not
count against it); the one-off cost of compiling the vocabulary is reported apart.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

from bench.figure import Figure

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def _corpus(test_documents: bool = False) -> list[str]:
    from auditor.claims.reading import read_document

    paths = sorted((SHARED / "seeds").glob("0*.txt")) + sorted((SHARED / "reference" / "vendor-pages").glob("*.txt"))
    if test_documents:
        paths += sorted((REPO / "tests" / "data" / "claims" / "docs").iterdir())
    lines: list[str] = []
    for path in paths:
        lines.extend(line for line in read_document(path).lines if line.strip())
    return lines


def mixed_document(megabytes: float, seed: int = 11, test_documents: bool = False) -> str:
    """About ``megabytes`` MB of UTF-8 text: lines of the corpus in random order."""
    rng = random.Random(seed)
    lines = _corpus(test_documents)
    out: list[str] = []
    size = 0
    target = int(megabytes * 1_000_000)
    while size < target:
        line = rng.choice(lines)
        out.append(line)
        size += len(line.encode("utf-8")) + 1
    return "\n".join(out)


def _pin_one_core() -> str:
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        return "pinned to one core"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity)"


def _throughput(extractor, text: str, runs: int) -> tuple[float, str]:
    from auditor.claims.reading import document_from_text

    size = len(text.encode("utf-8")) / 1_000_000
    doc = document_from_text(text, path="<generated mix>")
    arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff")
    best = float("inf")
    items = 0
    for _ in range(runs):
        start = time.process_time()  # CPU time of this one thread: other processes on the machine do not count
        extraction = extractor.extract([doc])
        best = min(best, time.process_time() - start)
        items = len(extraction.claims) + len(extraction.attestations) + len(extraction.regulations)
    detail = (f"{size:.1f} MB ({len(doc.lines):,} lines, {arabic / max(1, len(text)):.0%} Arabic letters) "
              f"in {best:.2f} s, {items:,} cited claims/attestations/regulations")
    return size / best, detail


def _real_pages_throughput(extractor, runs: int, passes: int) -> tuple[float, str] | None:
    """The real public vendor pages of the shared corpus, each read as its own document (small
    Markdown pages with headings, lists and tables: layout and per-document work weigh more)."""
    from auditor.claims.reading import read_document

    folder = SHARED / "corpus" / "real-vendor-docs" / "docs"
    if not folder.is_dir():
        return None
    paths = sorted(p for p in folder.iterdir() if p.is_file())
    docs = [read_document(p) for p in paths]
    size = sum(p.stat().st_size for p in paths) * passes / 1_000_000
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        for _ in range(passes):
            extractor.extract(docs)
        best = min(best, time.process_time() - start)
    return size / best, f"{len(docs)} pages read {passes} times ({size:.2f} MB) in {best:.2f} s"


def benchmarks(quick: bool) -> list[Figure]:
    from auditor.catalog.loader import load_catalog
    from auditor.claims import build_extractor

    pinned = _pin_one_core()  # `python -m bench` gives the other cores back when this area ends
    catalog = load_catalog(None)
    start = time.perf_counter()
    extractor = build_extractor(catalog.controls)
    build = time.perf_counter() - start

    megabytes = 2.0 if quick else 8.0
    runs = 2 if quick else 3
    rate, detail = _throughput(extractor, mixed_document(megabytes), runs)
    # the labelled test documents (security questionnaires, SLA tables) hit the vocabulary on
    # nearly every line: a denser input, reported beside it
    dense, dense_detail = _throughput(extractor, mixed_document(megabytes, test_documents=True), runs)
    suffix = f"; {len(catalog.controls)} controls; {pinned}"
    real = _real_pages_throughput(extractor, runs, 6 if quick else 24)
    real_figures = [Figure("claims extraction throughput, real vendor pages", real[0], "MB/s", "reference (no target)",
                           True, "../shared/corpus/real-vendor-docs: " + real[1] + suffix)] if real else []
    return [
        Figure("claims extraction throughput", rate, "MB/s", ">= 2 MB/s on one core", rate >= 2.0,
               "seeds and English vendor pages: " + detail + suffix),
        Figure("claims extraction throughput, dense mix", dense, "MB/s", ">= 2 MB/s on one core", dense >= 2.0,
               "also the labelled test documents: " + dense_detail + suffix),
        Figure("claims vocabulary compile time", build, "s", "<= 3 s", build <= 3.0,
               f"{len(extractor.index.entries):,} vocabulary patterns from controls/ and auditor/data/"),
    ] + real_figures


if __name__ == "__main__":  # pragma: no cover
    for figure in benchmarks(quick=True):
        print(figure)
