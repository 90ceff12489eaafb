"""List hygiene: incomplete, cut-short, undated and spliced lists, and the stored name index."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from conftest import REFERENCE

OFAC = REFERENCE / "ofac"
CSL = REFERENCE / "csl" / "csl_2019_watchman_testdata.csv"


def _copy_sdn(folder: Path, *, alt: bool = True, add: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(OFAC / "sdn_sample.csv", folder / "sdn.csv")
    if alt:
        shutil.copy(OFAC / "alt_sample.csv", folder / "alt.csv")
    if add:
        shutil.copy(OFAC / "add_sample.csv", folder / "add.csv")
    return folder / "sdn.csv"


def _screen(cli, *args):
    result = cli("screen", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result, json.loads(result.stdout)


@pytest.mark.parametrize("missing", ["alt", "add"])
def test_a_missing_companion_file_is_said_in_every_output(cli, tmp_path, missing):
    sdn = _copy_sdn(tmp_path / "lists", alt=missing != "alt", add=missing != "add")
    result, data = _screen(cli, "--name", "AEROCARIBBEAN AIRLINES", "--list", str(sdn), "--list-date", "2026-11-20",
                           "--as-of", "2026-11-21")
    assert data["lists_complete"] is False and data["lists"][0]["complete"] is False
    assert any(f"no {missing}.csv beside sdn.csv" in w for w in data["warnings"])
    assert f"no {missing}.csv" in result.stderr
    names = tmp_path / "names.txt"
    names.write_text("AEROCARIBBEAN AIRLINES\n", encoding="utf-8")
    _, batch = _screen(cli, "--names", str(names), "--list", str(sdn), "--list-date", "2026-11-20",
                       "--as-of", "2026-11-21")
    assert batch["lists_complete"] is False and any(f"no {missing}.csv" in w for w in batch["warnings"])


def test_an_empty_alt_file_is_not_silently_no_aliases(cli, tmp_path):
    sdn = _copy_sdn(tmp_path / "lists")
    (tmp_path / "lists" / "alt.csv").write_bytes(b"")
    _, data = _screen(cli, "--name", "AERO-CARIBBEAN", "--list", str(sdn), "--list-date", "2026-11-20")
    assert data["lists_complete"] is False and any("alt.csv beside sdn.csv is empty" in w for w in data["warnings"])


def test_an_undated_list_file_is_stale_and_says_how_to_date_it(cli):
    _, data = _screen(cli, "--name", "Acme", "--list", str(OFAC / "sdn_sample.csv"))
    info = data["lists"][0]
    assert info["date"] is None and info["stale"] is True and info["dated_by"] is None
    assert any("undated" in w and "--list-date" in w for w in data["warnings"])


def test_list_dates_pair_with_list_files(cli):
    result = cli("screen", "--name", "Acme", "--list", str(OFAC / "sdn_sample.csv"), "--list", str(CSL),
                 "--list-date", "2026-11-20", "--list-date", "2026-11-19", "--list-date", "2026-11-18")
    assert result.exit_code == 2 and "3 list dates for 2 lists" in result.output
    result = cli("screen", "--name", "Acme", "--list-date", "2026-11-20")
    assert result.exit_code == 2 and "--list-date dates a --list file" in result.output
    result = cli("screen", "--name", "Acme", "--list", str(CSL), "--list-date", "20-11-2026")
    assert result.exit_code == 2 and "not a date" in result.output


def test_a_repeated_csl_header_is_an_error(cli, tmp_path):
    lines = CSL.read_text(encoding="utf-8").splitlines(keepends=True)
    spliced = tmp_path / "consolidated.csv"
    spliced.write_text("".join(lines[:40] + lines[:1] + lines[40:]), encoding="utf-8")
    result = cli("screen", "--name", "Acme", "--list", str(spliced))
    assert result.exit_code == 2 and "header row is repeated" in result.output and ":41" in result.output


def test_a_list_much_shorter_than_the_cached_copy_is_refused(cli, workspace, tmp_path):
    from auditor.screening.cache import CachedFile, CachedList, write_meta

    lists_dir = workspace / ".auditor" / "lists"
    version = lists_dir / "sdn-20261120T000000Z-00000000"
    _copy_sdn(version)
    now = "2026-11-20T00:00:00Z"
    files = [CachedFile(name=n, url=f"https://example.test/{n}", sha256="0" * 64, bytes=1) for n in
             ("sdn.csv", "alt.csv", "add.csv")]
    write_meta(lists_dir, CachedList.model_validate({
        "source": "sdn", "title": "OFAC SDN", "version": "sdn-20261120T000000Z-00000000", "downloaded_at": now,
        "checked_at": now, "entries": 110, "aliases": 100, "files": [f.model_dump() for f in files]}))
    cut = tmp_path / "cut" / "sdn.csv"
    _copy_sdn(cut.parent)
    cut.write_bytes(b"".join((OFAC / "sdn_sample.csv").read_bytes().splitlines(keepends=True)[:60]))
    result = cli("screen", "--name", "Acme", "--list", str(cut), "--list-date", "2026-11-20")
    assert result.exit_code == 2 and "60 entries" in result.output and "cut short" in result.output


def test_a_full_size_sdn_without_its_end_mark_is_flagged(tmp_path):
    from auditor.screening.lists import load_sdn

    rows = (OFAC / "sdn_sample.csv").read_text(encoding="latin-1").splitlines()
    big = tmp_path / "sdn.csv"
    copies = [f"{900000 + 1000 * i + n}{row[row.index(','):]}" for i in range(10) for n, row in enumerate(rows[:110])]
    big.write_text("\r\n".join(copies) + "\r\n", encoding="latin-1")
    shutil.copy(OFAC / "alt_sample.csv", tmp_path / "alt.csv")
    shutil.copy(OFAC / "add_sample.csv", tmp_path / "add.csv")
    parsed = load_sdn(big)
    assert any("end-of-file mark" in w for w in parsed.warnings)
    big.write_bytes(big.read_bytes() + b"\x1a")
    assert not any("end-of-file mark" in w for w in load_sdn(big).warnings)


def test_the_name_index_is_stored_and_reused_until_a_list_changes(cli, workspace, tmp_path):
    (workspace / ".auditor").mkdir()
    sdn = _copy_sdn(tmp_path / "lists")
    args = ("--name", "AEROCARIBBEAN AIRLINES", "--list", str(sdn), "--list-date", "2026-11-20",
            "--as-of", "2026-11-21")
    _, first = _screen(cli, *args)
    stored = sorted((workspace / ".auditor" / "cache" / "screening").glob("names-*.sqlite"))
    assert len(stored) == 1 and first["status"] == "match"
    stamp = stored[0].stat().st_mtime_ns
    _, second = _screen(cli, *args)
    assert second == first and stored[0].stat().st_mtime_ns == stamp   # read, not rebuilt
    with open(tmp_path / "lists" / "alt.csv", "ab") as fh:
        fh.write(b'36,99999,"aka","CARIBBEAN AERO LINES",-0- \r\n')
    _, third = _screen(cli, "--name", "CARIBBEAN AERO LINES", *args[2:])
    assert third["status"] == "match"
    assert len(list((workspace / ".auditor" / "cache" / "screening").glob("names-*.sqlite"))) == 2


def test_a_damaged_stored_index_is_rebuilt(cli, workspace, tmp_path):
    (workspace / ".auditor").mkdir()
    sdn = _copy_sdn(tmp_path / "lists")
    args = ("--name", "AEROCARIBBEAN AIRLINES", "--list", str(sdn), "--list-date", "2026-11-20")
    _, first = _screen(cli, *args)
    stored = next((workspace / ".auditor" / "cache" / "screening").glob("names-*.sqlite"))
    stored.write_bytes(b"not a database" * 100)
    _, again = _screen(cli, *args)
    assert again["status"] == first["status"] == "match"
    assert sqlite3.connect(stored).execute("SELECT count(*) FROM names").fetchone()[0] > 100


def test_screening_does_not_create_the_state_folder(cli, workspace):
    _screen(cli, "--name", "Acme", "--list", str(OFAC / "sdn_sample.csv"))
    assert not (workspace / ".auditor").exists()


def test_the_org_type_flags_used_directly_are_rigours(tmp_path):
    from rigour.text.normalize import Cleanup, Normalize

    from auditor.screening.normalize import CASEFOLD_FLAG, NOOP_CLEANUP

    assert CASEFOLD_FLAG == int(Normalize.CASEFOLD) and NOOP_CLEANUP == int(Cleanup.Noop)
    assert date.today()  # the module imports without the slow public path


def test_the_stored_index_answers_as_the_one_built_in_memory(cli, workspace, tmp_path):
    """The same names screened in memory, from the stored index row by row, and from it read whole."""
    import auditor.screening.batch as batch

    names = tmp_path / "names.txt"
    lines = ["AEROCARIBBEAN AIRLINES", "Aero Caribean", "KISHK, Samir", "Samir Kishk", "Acme", "Banco Nacional de Cuba",
             "BNC", "Anglo Caribbean Co Ltd", "Hetzner Online GmbH", "Kim Jong Un"]
    names.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sdn = _copy_sdn(tmp_path / "lists")
    args = ("--names", str(names), "--list", str(sdn), "--list-date", "2026-11-20", "--as-of", "2026-11-21")
    _, in_memory = _screen(cli, *args)
    (workspace / ".auditor").mkdir()
    _screen(cli, *args)                      # builds and stores the index
    _, row_by_row = _screen(cli, *args)      # reads it row by row
    old = batch.PRELOAD_FROM
    batch.PRELOAD_FROM = 1
    try:
        _, whole = _screen(cli, *args)       # reads it whole
    finally:
        batch.PRELOAD_FROM = old
    assert in_memory["results"] == row_by_row["results"] == whole["results"]
    assert any(r["status"] == "match" for r in in_memory["results"])


def test_the_stored_index_carries_the_vocabulary_it_was_named_after(cli, workspace, tmp_path):
    """A warm screening reads the vocabulary from the stored index (JSON) instead of parsing its YAML; the index's
    name holds the YAML's hash, so what it carries is that file, parsed."""
    import json
    import sqlite3

    from auditor.screening import normalize
    from auditor.screening.stored import open_stored

    (workspace / ".auditor").mkdir()
    sdn = _copy_sdn(tmp_path / "lists")
    _screen(cli, "--name", "AEROCARIBBEAN AIRLINES", "--list", str(sdn), "--list-date", "2026-11-20",
            "--as-of", "2026-11-21")
    stored = next((workspace / ".auditor" / "cache" / "screening").glob("names-*.sqlite"))
    db = sqlite3.connect(stored)
    carried = json.loads(db.execute("SELECT v FROM meta WHERE k = 'vocabulary'").fetchone()[0])
    db.close()
    assert carried == normalize._raw_vocabulary()
    primed = list(normalize._PRIMED)
    try:
        normalize._PRIMED.clear()
        assert open_stored(stored) is not None and normalize._PRIMED == [carried]
    finally:
        normalize._PRIMED[:] = primed
