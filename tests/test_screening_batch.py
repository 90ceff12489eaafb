"""`auditor screen --names FILE`: many parties in one run, one result per input line, in order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REFERENCE, run_auditor

SDN = str(REFERENCE / "ofac" / "sdn_sample.csv")
DATED = ("--list", SDN, "--list-date", "2026-11-20", "--as-of", "2026-11-21")


def _batch(cli, path: Path, *extra):
    result = cli("screen", "--names", str(path), *DATED, "--format", "json", *extra)
    return result, (json.loads(result.stdout) if result.stdout.strip().startswith("{") else None)


def test_csv_with_name_and_country_gives_one_result_per_line_in_order(cli, tmp_path):
    names = tmp_path / "parties.csv"
    names.write_text("name,country,note\nAcme Hosting,DE,x\nAEROCARIBBEAN AIRLINES,CU,y\n,,\n"
                     "Hetzner Online GmbH,DE,z\n", encoding="utf-8")
    result, data = _batch(cli, names)
    assert result.exit_code == 1
    assert [r["name"] for r in data["results"]] == ["Acme Hosting", "AEROCARIBBEAN AIRLINES", "", "Hetzner Online GmbH"]
    assert [r["line"] for r in data["results"]] == [2, 3, 4, 5]
    assert [r["status"] for r in data["results"]] == ["clear", "match", "not_screened", "clear"]
    listed = data["results"][1]
    assert listed["country"] == "CU" and listed["score"] == 1.0
    hit = next(h for h in listed["hits"] if h["list"] == "OFAC SDN")
    assert {"list", "entry", "score", "reasons"} <= set(hit) and hit["entry"] == "SDN-36"
    assert isinstance(hit["reasons"], list) and hit["reasons"]
    assert data["lists"][0]["name"] == "OFAC SDN" and data["lists"][0]["date"] == "2026-11-20"
    assert data["lists"][0]["entries"] == 110


def test_one_name_per_line_and_exit_codes(cli, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Acme Hosting\nSAMIR KISHK\nHetzner Online GmbH\n", encoding="utf-8")
    result, data = _batch(cli, names)
    assert [r["name"] for r in data["results"]] == ["Acme Hosting", "SAMIR KISHK", "Hetzner Online GmbH"]
    assert data["results"][1]["status"] in ("match", "review")
    clean = tmp_path / "clean.txt"
    clean.write_text("Acme Hosting\nHetzner Online GmbH\n", encoding="utf-8")
    assert _batch(cli, clean)[0].exit_code == 0
    review_only = tmp_path / "review.txt"
    review_only.write_text("Samir Kishk Trading\n", encoding="utf-8")
    result, data = _batch(cli, review_only, "--fail-on", "review")
    assert data["results"][0]["status"] != "review" or result.exit_code == 1


@pytest.mark.parametrize(("content", "message"), [
    (b"name,country\nAcme,XX1\n", "names.csv:2"),
    (b"name,country\nAcme,DE,extra\n", "row has 3 fields"),
    (b"", "empty"),
    (b"\xff\xfeA\x00", "NUL byte"),
    (b"name,country\n", "header but no names"),
])
def test_bad_names_files_are_refused_with_file_and_line(cli, tmp_path, content, message):
    names = tmp_path / "names.csv"
    names.write_bytes(content)
    result = cli("screen", "--names", str(names), *DATED)
    assert result.exit_code == 2 and message in result.output, result.output
    assert "Traceback" not in result.output


def test_region_codes_are_accepted_as_countries(cli, tmp_path):
    names = tmp_path / "names.csv"
    names.write_text("name,country\nAcme,EU\nGulf Trading,GCC\n", encoding="utf-8")
    result, data = _batch(cli, names)
    assert result.exit_code == 0 and [r["country"] for r in data["results"]] == ["EU", "GCC"]


def test_country_option_does_not_go_with_a_names_file(cli, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Acme\n", encoding="utf-8")
    result = cli("screen", "--names", str(names), "--country", "DE", *DATED)
    assert result.exit_code == 2 and "--country and --born go with --name" in result.output


def test_table_output_and_real_entry_point(tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("AEROCARIBBEAN AIRLINES\nAcme\n", encoding="utf-8")
    done = run_auditor("--workspace", str(tmp_path), "screen", "--names", str(names), *DATED)
    assert done.returncode == 1, done.stderr
    assert "AEROCARIBBEAN AIRLINES" in done.stdout and "match" in done.stdout
    assert "screening" not in done.stderr  # no progress bar when stderr is not a terminal


def test_born_column_and_option(cli, tmp_path):
    names = tmp_path / "names.csv"
    names.write_text("name,born\nAcme,1970\nBeta,\n", encoding="utf-8")
    result, data = _batch(cli, names)
    assert result.exit_code == 0 and len(data["results"]) == 2
    names.write_text("name,born\nAcme,197O\n", encoding="utf-8")
    result, _ = _batch(cli, names)
    assert result.exit_code == 2 and "names.csv:2" in result.output and "not a year" in result.output
    result = cli("screen", "--name", "Acme", "--born", "1970", *DATED, "--format", "json")
    assert result.exit_code == 0
