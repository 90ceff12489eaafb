"""The optional lists (OpenSanctions, EU, UK, UN): read from small files in their publishers' layouts.

The files are written here by hand after the documented column layouts; names on them are
real listed parties (facts), the rows are ours.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from auditor.errors import ScreeningError
from auditor.screening.lists import load_list

OPENSANCTIONS = (
    "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,program_ids,dataset,"
    "first_seen,last_seen,last_change\n"
    "NK-test-1,Person,Vladimir Vladimirovich Putin,Владимир Владимирович Путин;Wladimir Putin,1952-10-07,ru,,,"
    "EU 269/2014,,,,eu_fsf;gb_fcdo_sanctions,2022-02-25T00:00:00,2024-05-01T00:00:00,2024-04-01T00:00:00\n"
    "NK-test-2,Company,Mahan Air,ماهان ایر;Mahan Airlines,,ir,,,,,,,us_ofac_sdn,2018-01-01T00:00:00,"
    "2024-05-01T00:00:00,2024-04-01T00:00:00\n"
)
EU = (
    "fileGenerationDate;Entity_LogicalId;Entity_EU_ReferenceNumber;Entity_SubjectType;"
    "Entity_SubjectType_ClassificationCode;Entity_Regulation_Programme;NameAlias_LastName;NameAlias_FirstName;"
    "NameAlias_MiddleName;NameAlias_WholeName;NameAlias_NameLanguage;Citizenship_CountryIso2Code;"
    "Address_CountryIso2Code\n"
    "28/04/2024;13;EU.27.28;P;person;RUS;Putin;Vladimir;Vladimirovich;Vladimir Vladimirovich PUTIN;EN;;\n"
    "28/04/2024;13;EU.27.28;P;person;RUS;;;;Владимир Владимирович ПУТИН;RU;RU;\n"
    "28/04/2024;2001;EU.200.1;E;enterprise;IRN;;;;Islamic Republic of Iran Shipping Lines;EN;;IR\n"
)
UK = (
    "Last Updated,28/04/2024\n"
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script Type,"
    "Non-Latin Script Language,DOB,Nationality,Country,Group Type,Alias Type,Regime,Listed On,Last Updated,Group ID\n"
    "PUTIN,Vladimir,Vladimirovich,,,,President,Владимир Владимирович ПУТИН,Cyrillic,Russian,07/10/1952,Russia,,"
    "Individual,Primary name,Russia,25/02/2022,25/02/2022,14200\n"
    "PUTIN,Wladimir,,,,,,,,,07/10/1952,Russia,,Individual,AKA,Russia,25/02/2022,25/02/2022,14200\n"
    "MAHAN AIR,,,,,,,,,,,,Iran,Entity,Primary name,Iran,01/01/2020,01/01/2020,13000\n"
)
UN = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2024-04-28T10:00:00.000Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>6908555</DATAID><FIRST_NAME>KIM</FIRST_NAME><SECOND_NAME>JONG UN</SECOND_NAME>
      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER>
      <NAME_ORIGINAL_SCRIPT>김정은</NAME_ORIGINAL_SCRIPT>
      <NATIONALITY><VALUE>Democratic People's Republic of Korea</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Kim Jong-un</ALIAS_NAME></INDIVIDUAL_ALIAS>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <DATAID>110401</DATAID><FIRST_NAME>KOREA MINING DEVELOPMENT TRADING CORPORATION</FIRST_NAME>
      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPe.001</REFERENCE_NUMBER>
      <ENTITY_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>KOMID</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ADDRESS><COUNTRY>Democratic People's Republic of Korea</COUNTRY></ENTITY_ADDRESS>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_opensanctions_simple_csv(tmp_path):
    parsed = load_list(_write(tmp_path, "targets.simple.csv", OPENSANCTIONS))
    assert parsed.kind == "opensanctions" and len(parsed.entries) == 2
    putin = parsed.entries[0]
    assert putin.kind == "individual" and "Владимир Владимирович Путин" in putin.aliases and putin.countries == ("RU",)
    assert parsed.entries[1].kind == "entity" and parsed.entries[1].countries == ("IR",)


def test_eu_csv_groups_names_by_entity_and_dates_the_list(tmp_path):
    parsed = load_list(_write(tmp_path, "eu.csv", EU))
    assert parsed.kind == "eu" and parsed.published == date(2024, 4, 28)
    putin, shipping = parsed.entries
    assert putin.entry_id == "EU-13" and putin.kind == "individual" and putin.aliases == ("Владимир Владимирович ПУТИН",)
    assert putin.countries == ("RU",) and shipping.kind == "entity" and shipping.countries == ("IR",)


def test_uk_conlist_joins_name_columns_and_groups(tmp_path):
    parsed = load_list(_write(tmp_path, "ConList.csv", UK))
    assert parsed.kind == "uk" and parsed.published == date(2024, 4, 28)
    putin, mahan = parsed.entries
    assert putin.name == "PUTIN, Vladimir Vladimirovich" and putin.kind == "individual"
    assert "Владимир Владимирович ПУТИН" in putin.aliases and "PUTIN, Wladimir" in putin.aliases
    assert putin.countries == ("RU",) and mahan.name == "MAHAN AIR" and mahan.kind == "entity"


def test_un_xml(tmp_path):
    parsed = load_list(_write(tmp_path, "consolidated.xml", UN))
    assert parsed.kind == "un" and parsed.published == date(2024, 4, 28)
    kim, komid = parsed.entries
    assert kim.name == "KIM JONG UN" and "김정은" in kim.aliases and kim.countries == ("KP",)
    assert komid.kind == "entity" and komid.aliases == ("KOMID",)


@pytest.mark.parametrize(("name", "text", "query", "entry"), [
    ("targets.simple.csv", OPENSANCTIONS, "Владимир Путин", "NK-test-1"),
    ("eu.csv", EU, "Vladimir Putin", "EU-13"),
    ("ConList.csv", UK, "Mahan Air", "UK-13000"),
    ("consolidated.xml", UN, "김정은", "UN-KPi.999"),
])
def test_each_list_screens_through_the_cli_with_its_own_date(cli, tmp_path, name, text, query, entry):
    path = _write(tmp_path, name, text)
    result = cli("screen", "--name", query, "--list", str(path), "--as-of", "2024-04-30", "--format", "json")
    data = json.loads(result.stdout)
    assert any(h["entry_id"] == entry for h in data["hits"]), data
    if name != "targets.simple.csv":   # OpenSanctions' file carries no date of its own: --list-date or undated
        assert data["lists"][0]["date"] == "2024-04-28" and data["lists"][0]["dated_by"] == "the list's own publish date"


@pytest.mark.parametrize(("name", "text", "message"), [
    ("eu.csv", EU.splitlines()[0] + "\n" + EU.splitlines()[0] + "\n" + EU.splitlines()[1] + "\n", "header row is repeated"),
    ("eu.csv", EU.replace("28/04/2024;2001;", "28/04/2024;;"), "without Entity_LogicalId"),
    ("ConList.csv", UK.replace(",14200\n", ",\n", 1), "without a Group ID"),
    ("consolidated.xml", UN[:300], "not valid XML"),
    ("targets.simple.csv", OPENSANCTIONS.splitlines()[0] + "\n", "no entries"),
])
def test_broken_optional_lists_are_refused(tmp_path, name, text, message):
    with pytest.raises(ScreeningError, match=message):
        load_list(_write(tmp_path, name, text))


def test_lists_update_takes_an_optional_source(cli, monkeypatch, tmp_path):
    import http.server
    import threading

    body = EU.encode("utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", "Sun, 28 Apr 2024 09:00:00 GMT")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/eu.csv"
        result = cli("lists", "update", "--source", "eu", "--url", f"eu={url}", "--format", "json")
        rows = json.loads(result.stdout)
        assert result.exit_code == 0 and rows[0]["source"] == "eu" and rows[0]["entries"] == 2
        assert rows[0]["date"] == "2024-04-28"
        screened = cli("screen", "--name", "Vladimir Putin", "--as-of", "2024-04-29", "--format", "json")
        data = json.loads(screened.stdout)
        assert data["lists"][0]["name"] == "EU FSF" and any(h["entry_id"] == "EU-13" for h in data["hits"])
    finally:
        server.shutdown()
