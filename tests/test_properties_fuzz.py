"""Bounded, seeded fuzzing of the two parsers that take untrusted text: claim extraction and YAML loading.

Claim extraction gets random mixes of real vendor-document lines (the Arabic seeds) with random
Unicode and random bytes: reading either refuses the input with an InputError or the extractor
runs, and then every citation's text is exactly the line of the input it names. The YAML loader
gets real catalogs and dossiers with random mutations: it loads or raises InputError, nothing else.
Every run uses the same inputs (fixed seeds, derandomized Hypothesis), so a failure reproduces.
"""

from __future__ import annotations

import json
import random

import pytest
from conftest import REPO, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.claims.reading import parse_document
from auditor.errors import InputError
from auditor.model.catalog import Control, Framework
from auditor.model.vendor import Vendor
from auditor.yamlio import load_model

FUZZ = settings(max_examples=100, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])
SEED_LINES = [line for path in sorted(SEEDS.glob("*.txt"))
              for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
ENGLISH_LINES = [
    "We encrypt all customer data at rest with AES-256 and in transit with TLS 1.2+.",
    "We do not sign BAAs.", "Our data is hosted in Frankfurt, Germany (AWS eu-central-1).",
    "Critical (P1): response within 1 hour, 24x7.", "| Severity 2 | 6-12 hours | 24-48 hours |",
    "We may offer SSO in the future.", "SOC 2 Type II report available under NDA.",
    "Support hours: Monday to Friday, 9am to 6pm CET.", "Subscriptions renew automatically; no refunds.",
]
NASTY = ["\u202e", "\u2066", "\u2069", "\u200f", "\x1b[2J", "\x00", "\ufeff", "\r", "\u2028", "\x85", "\t",
         "٠١٢٣٤٥٦٧٨٩", "ـــ", "\ufdfa", "\U0001f600", "|", " | ", "-", "•", "…", "\u0301", "ﷲ"]


@pytest.fixture(scope="module")
def extractor():
    from auditor.catalog.loader import load_catalog
    from auditor.claims import build_extractor

    return build_extractor(load_catalog(None).controls)


def citations(value):
    """Every citation object anywhere in the extraction's JSON."""
    if isinstance(value, dict):
        if {"document", "line", "text"} <= set(value):
            yield value
        for item in value.values():
            yield from citations(item)
    elif isinstance(value, list):
        for item in value:
            yield from citations(item)


def check_extraction(extractor, data: bytes, suffix: str) -> bool:
    """True when the document was read and extracted, False when reading refused it (InputError)."""
    try:
        document = parse_document(data, path=f"fuzz{suffix}", suffix=suffix)
    except InputError:
        return False  # refused as input: binary, not UTF-8, no text, not a PDF
    extraction = extractor.extract([document]).to_json()
    json.dumps(extraction)  # what `claims extract --format json` prints must serialise
    for cite in citations(extraction):
        assert cite["document"] == document.sha256
        assert 1 <= cite["line"] <= document.cited_line(len(document.lines)), cite
        assert cite["text"] in document.quoted(cite["line"]), cite
    return True


pieces = st.one_of(
    st.sampled_from(SEED_LINES), st.sampled_from(ENGLISH_LINES), st.sampled_from(NASTY),
    st.text(max_size=40), st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn"]),
                                  max_size=10),
)


@FUZZ
@given(parts=st.lists(pieces, min_size=1, max_size=25), joiner=st.sampled_from(["\n", "\r\n", " ", "\n\n", " | "]),
       suffix=st.sampled_from([".txt", ".md", ".html"]), noise=st.binary(max_size=16), at=st.integers(0, 10**6))
def test_extractor_on_mixed_seed_lines_and_random_text(extractor, parts, joiner, suffix, noise, at):
    data = joiner.join(parts).encode("utf-8", "surrogatepass")
    if noise:
        cut = at % (len(data) + 1)
        data = data[:cut] + noise + data[cut:]
    check_extraction(extractor, data, suffix)


def _mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        if not data:
            break
        op = rng.randrange(6)
        i = rng.randrange(len(data))
        if op == 0:
            data[i] = rng.randrange(256)
        elif op == 1:
            del data[i:i + rng.randint(1, 64)]
        elif op == 2:
            data[i:i] = rng.choice(NASTY).encode("utf-8") if rng.random() < 0.7 else rng.randbytes(rng.randint(1, 8))
        elif op == 3:  # duplicate a slice somewhere else
            j = rng.randrange(len(data))
            data[j:j] = data[i:i + rng.randint(1, 200)]
        elif op == 4:
            data[i:i] = b"\n"
        else:
            data[i:i] = rng.choice(SEED_LINES).encode("utf-8")
    return bytes(data)


def _mutate_text(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 12)):
        i = rng.randrange(len(chars) + 1)
        op = rng.randrange(4)
        if op == 0:
            chars[i:i] = list(rng.choice(NASTY))
        elif op == 1:
            del chars[i:i + rng.randint(1, 40)]
        elif op == 2:
            chars[i:i] = list("\n" + rng.choice(SEED_LINES + ENGLISH_LINES) + "\n")
        else:
            chars[i:i] = [chr(rng.choice([rng.randrange(0x20, 0x7f), rng.randrange(0x600, 0x700),
                                          rng.randrange(0x2000, 0x2070), rng.randrange(0xfb50, 0xfeff)]))]
    return "".join(chars)


def test_extractor_on_mutated_seed_documents(extractor):
    """300 seeded mutations of the real documents (bytes flipped, cut, duplicated, nasty characters)."""
    rng = random.Random(20261123)
    sources = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    extracted = 0
    for i in range(300):
        base = rng.choice(sources)
        start = rng.randrange(len(base))
        chunk = base[start:start + rng.randint(200, 6000)].encode("utf-8")
        # one in five keeps a raw-byte mutation (usually refused as not UTF-8); the rest stay text
        data = _mutate(chunk, rng) if i % 5 == 0 else _mutate_text(chunk.decode("utf-8"), rng).encode("utf-8")
        extracted += check_extraction(extractor, data, rng.choice([".txt", ".txt", ".md", ".html"]))
    assert extracted >= 200, extracted  # most inputs really went through the extractor


def test_claims_extract_cli_on_fuzzed_files(cli, tmp_path):
    """The real command: exit 0 or 2, one line on error, never a traceback or an internal error."""
    rng = random.Random(7)
    sources = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(12):
        path = tmp_path / f"doc{i}{rng.choice(['.txt', '.html', '.md'])}"
        base = rng.choice(sources)
        path.write_bytes(_mutate(base[: rng.randint(500, 4000)], rng))
        result = cli("claims", "extract", str(path), "--format", rng.choice(["json", "table"]))
        assert result.exit_code in (0, 2), result.output
        assert "Traceback" not in result.output and "internal error" not in result.stderr, result.stderr
        if result.exit_code == 2:
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr


# YAML loader ----------------------------------------------------------------------------------------

YAML_SOURCES = [(Vendor, REPO / "evidence" / "zoho-crm" / "vendor.yaml"),
                (Vendor, REPO / "evidence" / "6clicks" / "vendor.yaml"),
                (Control, REPO / "controls" / "encryption-at-rest.yaml"),
                (Framework, REPO / "frameworks" / "ear-ofac.yaml")]
YAML_NASTY = [":", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!", "!!python/object ", "|", ">", "'", '"', "#",
              "%YAML 1.1\n", "---\n", "...\n", "? ", "<<: *a\n", "\t", "  ", "\n  ", "~", "null", "2026-13-45",
              "1e999", "0x", ".nan", "\\u", "\ufeff", "\u202e", "\x00", "\x85", "@", "`"]


def _mutate_yaml(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(5)
        i = rng.randrange(len(lines))
        if op == 0 and lines[i]:
            j = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:j] + rng.choice(YAML_NASTY) + lines[i][j:]
        elif op == 1 and lines[i]:
            j = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:j] + lines[i][j + rng.randint(1, 10):]
        elif op == 2:
            lines.insert(rng.randrange(len(lines) + 1), lines[i])  # duplicate keys and items
        elif op == 3:
            lines[i] = " " * rng.randint(0, 6) + lines[i].lstrip()  # indentation
        else:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


@pytest.mark.parametrize("model,source", YAML_SOURCES, ids=lambda v: getattr(v, "name", getattr(v, "__name__", v)))
def test_yaml_loader_on_mutated_real_files(tmp_path, model, source):
    if not source.is_file():
        pytest.skip(f"{source} not in this checkout")
    rng = random.Random(f"yaml-{source.name}")
    text = source.read_text(encoding="utf-8")
    path = tmp_path / source.name
    outcomes = {"loaded": 0, "refused": 0}
    for _ in range(120):
        path.write_text(_mutate_yaml(text, rng), encoding="utf-8", errors="surrogatepass")
        try:
            load_model(model, path)
            outcomes["loaded"] += 1
        except InputError as exc:
            assert "\n" not in str(exc).strip() or "\\x0a" in str(exc), str(exc)
            outcomes["refused"] += 1
    assert outcomes["refused"] > 0  # the mutations do break things: the loader was really exercised


yaml_text = st.lists(st.one_of(st.sampled_from(YAML_NASTY), st.text(max_size=8),
                               st.sampled_from(["id: acme", "name: Acme", "claims:", "  - control: mfa",
                                                "support:", "  sla:", "    - severity: critical",
                                                "      response: PT1H", "hosting: [{country: DE, role: hosting}]"])),
                     max_size=30).map("\n".join)


@FUZZ
@given(text=yaml_text, model=st.sampled_from([Vendor, Control, Framework]))
def test_yaml_loader_on_generated_text(tmp_path_factory, text, model):
    path = tmp_path_factory.mktemp("y", numbered=True) / "doc.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        load_model(model, path)
    except InputError:
        pass


GRID_PIECES = st.sampled_from([
    "+------+-------+", "+======+=======+", "+--+", "| ISO 27001 | Yes |", "| Region | SOC 2 audited? |",
    "|      | Germany |", "| de-fra-1 | Frankfurt | In progress |", "|", "+", "| a | b | c | d | e |",
    "+---+---+---+---+---+", "|only a wall", "+-+-+-+-+", "", "   +----+----+", "   | x  | y  |",
])


@FUZZ
@given(lines=st.lists(GRID_PIECES, min_size=1, max_size=30), suffix=st.sampled_from([".rst", ".md", ".txt"]))
def test_extractor_on_broken_grid_tables(extractor, lines, suffix):
    """Grid-table borders and walls in any order, ragged or cut short, are read without failing (a page of
    blank lines only is refused as input, as any empty page is)."""
    assert check_extraction(extractor, "\n".join(lines).encode("utf-8"), suffix) or not "".join(lines).strip()
