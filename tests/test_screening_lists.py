"""Parsing the real OFAC SDN legacy CSV rows and trade.gov CSL files, quirks included."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.errors import ScreeningError
from auditor.screening.lists import companion, load_csl, load_list, load_sdn, split_programs
from conftest import REFERENCE

OFAC = REFERENCE / "ofac"
CSL = REFERENCE / "csl"


def _entry(screening_list, entry_id):
    return next(e for e in screening_list.entries if e.entry_id == entry_id)


def test_sdn_sample_reads_every_row_with_its_companions():
    sdn = load_list(OFAC / "sdn_sample.csv")
    assert sdn.kind == "sdn"
    assert len(sdn.entries) == 110
    assert [p.name for p in sdn.files] == ["sdn_sample.csv", "alt_sample.csv", "add_sample.csv"]
    assert sdn.alias_count == 105  # every alt_sample.csv row belongs to one of the 110 entries
    kinds = {k: sum(e.kind == k for e in sdn.entries) for k in ("entity", "individual", "vessel", "aircraft")}
    assert kinds == {"entity": 45, "individual": 45, "vessel": 10, "aircraft": 10}


def test_sdn_null_markers_joined_programs_and_aliases():
    sdn = load_sdn(OFAC / "sdn_sample.csv")
    airline = _entry(sdn, "SDN-36")
    assert (airline.name, airline.kind, airline.programs) == ("AEROCARIBBEAN AIRLINES", "entity", ("CUBA",))
    assert airline.aliases == ("AERO-CARIBBEAN",)
    assert airline.countries == ("CU",)  # add.csv country names read as ISO codes
    assert _entry(sdn, "SDN-12479").programs == ("SDGT", "NPWMD", "IRGC", "IFSR")
    assert _entry(sdn, "SDN-10569").programs == ("SYRIA", "LEBANON")
    vessel = _entry(sdn, "SDN-4234")
    assert vessel.kind == "vessel" and vessel.countries == ()  # its add.csv row is all -0-
    assert split_programs("SDGT] [IFSR") == ("SDGT", "IFSR")
    assert split_programs(None) == ()


def test_sdn_crlf_and_trailing_ctrl_z_are_accepted(tmp_path: Path):
    raw = (OFAC / "sdn_sample.csv").read_bytes()
    crlf = raw.replace(b"\n", b"\r\n") + b"\x1a"
    (tmp_path / "sdn.csv").write_bytes(crlf)
    (tmp_path / "alt.csv").write_bytes((OFAC / "alt_sample.csv").read_bytes().replace(b"\n", b"\r\n") + b"\x1a")
    parsed = load_sdn(tmp_path / "sdn.csv")
    assert len(parsed.entries) == 110
    assert parsed.alias_count == 105
    assert all(not e.name.endswith(("\r", "\x1a")) for e in parsed.entries)
    assert [p.name for p in parsed.files] == ["sdn.csv", "alt.csv"]


def test_companion_files_follow_the_sdn_name(tmp_path: Path):
    for name in ("SDN.CSV", "ALT.CSV", "sdn_x.csv", "alt_x.csv"):
        (tmp_path / name).write_text("")
    assert companion(tmp_path / "SDN.CSV", "alt").name == "ALT.CSV"
    assert companion(tmp_path / "sdn_x.csv", "alt").name == "alt_x.csv"
    assert companion(tmp_path / "sdn_x.csv", "add") is None


def test_csl_both_layouts():
    new = load_csl(CSL / "consolidated_2025_watchman_cslustest.csv")
    old = load_csl(CSL / "csl_2019_watchman_testdata.csv")
    assert (len(new.entries), len(old.entries)) == (13, 115)
    rosneft = next(e for e in new.entries if e.name == "ROSNEFT TRADE LIMITED")
    assert rosneft.list_name == "CSL/SSI" and rosneft.aliases == ("TNK TRADE LIMITED",) and rosneft.kind == "entity"
    isn = next(e for e in new.entries if e.list_name == "CSL/ISN")
    assert isn.name == "Sinobright Import and Export Company"  # "; and any successor ..." dropped
    rim = next(e for e in new.entries if e.name == "RIM, Ryong Nam")
    assert rim.kind == "individual" and set(rim.countries) == {"CN", "KP"}
    counts: dict[str, int] = {}
    for entry in old.entries:
        counts[entry.list_name] = counts.get(entry.list_name, 0) + 1
    assert counts["CSL/SDN"] == 28 and counts["CSL/EL"] == 22 and counts["CSL/CAP"] == 1


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\x1a", "empty"),
    (b"<html><body>Service unavailable</body></html>\n", "not a list this tool reads"),
])
def test_empty_or_foreign_file_is_refused(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "sdn.csv"
    path.write_bytes(content)
    with pytest.raises(ScreeningError) as caught:
        load_list(path)
    assert message in str(caught.value) and str(path) in str(caught.value)


def test_broken_row_names_file_and_line(tmp_path: Path):
    lines = (OFAC / "sdn_sample.csv").read_text(encoding="latin-1").splitlines(keepends=True)
    lines[6] = '6923,"EL-HOORIE, Ali","individual"\n'
    path = tmp_path / "sdn.csv"
    path.write_text("".join(lines), encoding="latin-1")
    with pytest.raises(ScreeningError) as caught:
        load_list(path)
    assert caught.value.file == str(path) and caught.value.line == 7
    assert "3 fields" in caught.value.message


def test_non_numeric_ent_num_names_line(tmp_path: Path):
    path = tmp_path / "sdn.csv"
    path.write_text('36,"A",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
                    'x7,"B",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n')
    with pytest.raises(ScreeningError) as caught:
        load_list(path)
    assert caught.value.line == 2 and "not a number" in caught.value.message


def test_alt_file_given_as_the_list_gets_a_hint():
    with pytest.raises(ScreeningError) as caught:
        load_list(OFAC / "alt_sample.csv")
    assert "alt.csv" in caught.value.message and caught.value.line == 1


def test_csl_without_entries_or_with_a_short_row(tmp_path: Path):
    header = (CSL / "consolidated_2025_watchman_cslustest.csv").read_text().splitlines()[0]
    only_header = tmp_path / "consolidated.csv"
    only_header.write_text(header + "\n")
    with pytest.raises(ScreeningError, match="no entries"):
        load_list(only_header)
    short = tmp_path / "short.csv"
    short.write_text(header + '\n"1","Entity List (EL) - Bureau of Industry and Security","Acme"\n')
    with pytest.raises(ScreeningError) as caught:
        load_list(short)
    assert caught.value.line == 2
