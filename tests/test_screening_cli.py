"""`auditor screen` through the real CLI: dossiers, single parties, exit codes, JSON shape, policy."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from auditor.errors import InputError, ScreeningError
from auditor.model.enums import ScreeningStatus
from auditor.model.vendor import Vendor
from auditor.screening.service import ScreenerCache, screen_vendor_in_workspace
from auditor.workspace import Workspace
from auditor.yamlio import load_model
from conftest import REFERENCE, run_auditor

SDN = str(REFERENCE / "ofac" / "sdn_sample.csv")
CSL = str(REFERENCE / "csl" / "consolidated_2025_watchman_cslustest.csv")

VENDOR = """\
id: {id}
name: {name}
legal_name: {legal}
parent: {parent}
headquarters: {{country: DE, role: headquarters, city: Berlin}}
hosting:
{hosting}
subprocessors:
{subprocessors}
"""


def _dossier(workspace: Path, vendor_id: str, *, name="Acme Cloud", legal="Acme Cloud Services GmbH",
             parent="Acme Holdings AG", hosting=("DE",), subprocessors=(("Hetzner Online GmbH", "DE"),)) -> Path:
    folder = workspace / "evidence" / vendor_id
    folder.mkdir(parents=True)
    hosting_yaml = "\n".join(f"  - {{country: {c.split('-')[0]}, role: hosting"
                             + (f", region: {c}" if "-" in c else "") + "}" for c in hosting) or "  []"
    subs_yaml = "\n".join(f"  - {{name: {n}, country: {c}}}" for n, c in subprocessors) or "  []"
    (folder / "vendor.yaml").write_text(VENDOR.format(id=vendor_id, name=name, legal=legal, parent=parent,
                                                      hosting=hosting_yaml, subprocessors=subs_yaml))
    return folder


def _json(result):
    return json.loads(result.stdout)


def test_no_list_is_an_error_not_a_clear(cli):
    result = cli("screen", "--name", "Acme GmbH")
    assert result.exit_code == 2
    assert "no denied-party list" in result.stderr and "auditor lists update" in result.stderr
    assert result.stdout == ""


def test_json_shape_of_a_party(cli):
    today = date.today().isoformat()
    result = cli("screen", "--name", "AEROCARIBBEAN AIRLINES", "--list", SDN, "--list-date", today, "--format", "json")
    assert result.exit_code == 1
    data = _json(result)
    assert data["status"] == "match"
    hit = data["hits"][0]
    assert {"list", "name", "score", "reason"} <= set(hit)
    assert (hit["list"], hit["name"], hit["score"]) == ("OFAC SDN", "AEROCARIBBEAN AIRLINES", 1.0)
    assert isinstance(hit["reason"], str) and "listed name" in hit["reason"]
    info = data["lists"][0]
    assert (info["name"], info["entries"], info["stale"], info["complete"]) == ("OFAC SDN", 110, False, True)
    assert info["date"] == today and info["dated_by"] == "--list-date" and len(info["sha256"]) == 64
    assert data["lists_complete"] is True
    assert data["lists_available"] is True and data["screened"] == ["name: AEROCARIBBEAN AIRLINES"]


def test_clean_party_exits_zero_with_table(cli):
    result = cli("screen", "--name", "Supabase Inc.", "--country", "US", "--list", SDN, "--list", CSL)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("status: clear")
    assert "list: OFAC SDN, dated" in result.stdout and "list: trade.gov CSL, dated" in result.stdout
    assert "no hits" in result.stdout


def test_vendor_with_sanctioned_hosting_and_listed_subprocessor(cli, workspace: Path):
    _dossier(workspace, "acme", hosting=("DE", "IR"),
             subprocessors=(("Printing Trade Center GmbH", "DE"), ("Hetzner Online GmbH", "DE")))
    result = cli("screen", "acme", "--list", SDN, "--format", "json")
    assert result.exit_code == 1
    data = _json(result)
    assert data["status"] == "match"
    found = {(h["list"], h["name"], h["status"], h["party_role"]) for h in data["hits"]}
    assert ("jurisdictions", "Iran", "match", "hosting") in found
    assert ("OFAC SDN", "PRINTING TRADE CENTER GMBH", "match", "subprocessor") in found
    assert len(data["hits"]) == 2  # headquarters DE, Hetzner, Acme: clear
    iran = next(h for h in data["hits"] if h["list"] == "jurisdictions")
    assert iran["citation"] == "31 CFR part 560; 15 CFR 746.7"
    assert "vendor legal name: Acme Cloud Services GmbH" in data["screened"]
    assert "hosting: IR" in data["screened"] and "subprocessor Hetzner Online GmbH: DE" in data["screened"]


@pytest.mark.parametrize("place, status, code", [("SY", "review", 0), ("UA-43", "match", 1), ("DE", "clear", 0),
                                                 ("CU", "match", 1)])
def test_vendor_hosting_places(cli, workspace: Path, place: str, status: str, code: int):
    _dossier(workspace, "hoster", hosting=(place,))
    result = cli("screen", "hoster", "--list", SDN, "--format", "json")
    assert (result.exit_code, _json(result)["status"]) == (code, status)


def test_fail_on_review(cli, workspace: Path):
    _dossier(workspace, "syrian", hosting=("SY",))
    assert cli("screen", "syrian", "--list", SDN).exit_code == 0
    assert cli("screen", "syrian", "--list", SDN, "--fail-on", "review").exit_code == 1


def test_subprocessor_country_is_screened(cli, workspace: Path):
    _dossier(workspace, "outsourcer", subprocessors=(("Pyongyang Data Services", "KP"),))
    data = _json(cli("screen", "outsourcer", "--list", SDN, "--format", "json"))
    assert [(h["entry_id"], h["party_role"]) for h in data["hits"]] == [("KP", "subprocessor Pyongyang Data Services")]


def test_old_list_is_used_with_a_warning(cli):
    result = cli("screen", "--name", "Acme", "--list", SDN, "--list-date", "2026-11-20", "--as-of", "2027-01-05",
                 "--format", "json")
    assert result.exit_code == 0
    data = _json(result)
    assert data["lists"][0]["stale"] is True
    assert any("days old" in w and "P7D" in w for w in data["warnings"])
    assert "warning:" in result.stderr and "auditor lists update" in result.stderr


def test_policy_thresholds_come_from_auditor_yaml(cli, workspace: Path):
    args = ("screen", "--name", "Aerocaribean Airlines", "--list", SDN, "--format", "json")
    assert _json(cli(*args))["status"] == "match"
    (workspace / "auditor.yaml").write_text("other: kept for other readers\nscreening:\n  match_threshold: 0.99\n"
                                            "  max_list_age: P30D\n")
    result = cli(*args)
    assert result.exit_code == 0 and _json(result)["status"] == "review"
    (workspace / "auditor.yaml").write_text("screening:\n  match_threshold: 0.5\n  review_threshold: 0.9\n")
    result = cli(*args)
    assert result.exit_code == 2 and "auditor.yaml:2" in result.stderr
    (workspace / "auditor.yaml").write_text("screening:\n  max_list_age: one week\n")
    result = cli(*args)
    assert result.exit_code == 2 and "auditor.yaml:2: screening.max_list_age" in result.stderr


@pytest.mark.parametrize("args, message", [
    (("screen",), "one of VENDOR, --name NAME or --names FILE"),
    (("screen", "acme", "--name", "X"), "one of VENDOR, --name NAME or --names FILE"),
    (("screen", "--name", "X", "--country", "Iran"), "not an ISO country code"),
    (("screen", "--name", "X", "--country", "XX", "--list", SDN), "XX is not an ISO 3166-1 country code"),
    (("screen", "--name", "X", "--country", "QZ-43", "--list", SDN), "QZ is not an ISO 3166-1 country code"),
    (("screen", "--name", "X", "--as-of", "tomorrow"), "not a date"),
    (("screen", "--name", "X", "--list", "missing.csv"), "missing.csv: list file not found"),
    (("screen", "nobody", "--list", SDN), "no dossier 'nobody'"),
])
def test_bad_usage_exits_2(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize("code, status", [("ir", 1), ("UA-43", 1), ("DE", 0)])
def test_a_known_country_code_is_screened_in_either_case(cli, code, status):
    assert cli("screen", "--name", "Acme Hosting LLC", "--country", code, "--list", SDN).exit_code == status


def test_audit_can_screen_places_without_lists(workspace: Path):
    folder = _dossier(workspace, "nolists", hosting=("IR",))
    vendor = load_model(Vendor, folder / "vendor.yaml")
    result = screen_vendor_in_workspace(Workspace(workspace), vendor, {}, today=date(2026, 11, 23))
    assert result.lists_available is False and result.lists == []
    assert result.status == ScreeningStatus.MATCH and result.hits[0].entry_id == "IR"
    assert any("names were NOT screened" in w for w in result.warnings)
    with pytest.raises(ScreeningError, match="no denied-party list"):
        screen_vendor_in_workspace(Workspace(workspace), vendor, require_lists=True)


def test_audit_screening_reuses_the_index_until_an_input_changes(workspace: Path):
    folder = _dossier(workspace, "reuse", subprocessors=(("Printing Trade Center GmbH", "DE"),))
    vendor = load_model(Vendor, folder / "vendor.yaml")
    cache = ScreenerCache()
    ws = Workspace(workspace)

    def run(policy):
        return screen_vendor_in_workspace(ws, vendor, policy, lists=[SDN], today=date(2026, 11, 23), cache=cache)

    first = run({"match_threshold": 0.95})
    assert first.status == ScreeningStatus.MATCH
    built = dict(cache._items)
    assert run({"match_threshold": 0.95}) == first and dict(cache._items) == built  # same screener reused
    run({"match_threshold": 0.99})
    assert len(cache._items) == 2  # another policy: another index
    with pytest.raises(InputError, match="match_threshold"):
        run({"match_threshold": 2})


def test_real_entry_point(workspace: Path):
    done = run_auditor("--workspace", str(workspace), "screen", "--name", "Hafez Makhlouf", "--list", SDN,
                       "--format", "json")
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    assert data["hits"][0]["name"] == "MAKHLOUF, Hafez" and "alias of 'MAKHLUF, Hafiz'" in data["hits"][0]["reason"]
    assert run_auditor("--workspace", str(workspace), "screen", "--name", "X").returncode == 2
