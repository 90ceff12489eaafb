"""The accuracy floor of claim extraction, on real vendor documents labelled by hand.

The corpus (``../shared/corpus/real-vendor-docs``: documents, ``labels.json`` and ``score.py``)
is read from the shared folder and never copied into the project. Its own scorer's matching
(``items_of`` and ``score_doc``) is applied to the extractor's JSON, in process. The floors are
the level reached when this test was written (bench/RESULTS.md, "Claims accuracy"), a little
below it so that an unrelated improvement elsewhere does not make it flaky: a change that loses
precision, recall, locations or polarity fails here. Skipped when the corpus is absent.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import REPO

CORPUS = REPO.parent / "shared" / "corpus" / "real-vendor-docs"

FLOOR_PRECISION = 0.95  # 0.96 reached at stop 36 (310/324)
FLOOR_RECALL = 0.95  # the issue asks 0.90; 0.97 reached at stop 39 (194/201 core labels)
FLOOR_LOCATION_RECALL = 0.95
FLOOR_ATTESTATION_RECALL = 0.90


def _scorer():
    spec = importlib.util.spec_from_file_location("real_vendor_docs_score", CORPUS / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores():
    if not (CORPUS / "score.py").is_file() or not (CORPUS / "labels.json").is_file():
        pytest.skip("the shared real-vendor-docs corpus is not here")
    from auditor.catalog.loader import load_catalog
    from auditor.claims import build_extractor
    from auditor.claims.reading import read_document

    score = _scorer()
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    extractor = build_extractor(load_catalog(None).controls)
    per_doc = {}
    for path in sorted((CORPUS / "docs").iterdir()):
        if path.name.startswith("."):
            continue
        out = json.loads(json.dumps(extractor.extract([read_document(path)]).to_json()))
        items, _ignored, _dupes = score.items_of(out)
        per_doc[path.name] = score.score_doc([lab for lab in labels if lab["doc"] == path.name], items)
    return per_doc


def _total(scores, key):
    return sum(r[key] for r in scores.values())


def test_precision_and_recall_stay_above_the_floor(scores):
    items, tp = _total(scores, "items"), _total(scores, "tp")
    core, found = _total(scores, "core"), _total(scores, "found")
    precision, recall = tp / items, found / core
    table = "\n".join(f"{doc}: P {r['tp']}/{r['items']} R {r['found']}/{r['core']}" for doc, r in scores.items())
    assert precision >= FLOOR_PRECISION, f"precision {precision:.3f}\n{table}"
    assert recall >= FLOOR_RECALL, f"recall {recall:.3f}\n{table}"


def test_no_affirmed_denied_swap(scores):
    swaps = [(doc, p["item"]["line"], p["item"]["id"]) for doc, r in scores.items()
             for p in r["details"]["polerr"] if p["severe"]]
    assert not swaps


def test_locations_and_attestations_are_found(scores):
    def recall(kind):
        found = sum(r["by_kind"].get(kind, [0, 0])[0] for r in scores.values())
        total = sum(r["by_kind"].get(kind, [0, 0])[1] for r in scores.values())
        return found / total if total else 1.0

    assert recall("location") >= FLOOR_LOCATION_RECALL
    assert recall("attestation") >= FLOOR_ATTESTATION_RECALL
