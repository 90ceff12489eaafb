"""`auditor lists update` against a real HTTP server on 127.0.0.1 serving the sample list files."""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import REFERENCE

SDN_BYTES = (REFERENCE / "ofac" / "sdn_sample.csv").read_bytes()
ALT_BYTES = (REFERENCE / "ofac" / "alt_sample.csv").read_bytes()
ADD_BYTES = (REFERENCE / "ofac" / "add_sample.csv").read_bytes()
CSL_BYTES = (REFERENCE / "csl" / "consolidated_2025_watchman_cslustest.csv").read_bytes()
LAST_MODIFIED = "Mon, 23 Nov 2026 08:00:00 GMT"


class ListServer:
    """Serves list files with ETag and Last-Modified, answers 304 to a matching If-None-Match."""

    def __init__(self) -> None:
        self.files = {"/SDN.CSV": SDN_BYTES, "/ALT.CSV": ALT_BYTES, "/ADD.CSV": ADD_BYTES,
                      "/consolidated.csv": CSL_BYTES}
        self.status: int | None = None  # force this status for every request
        self.requests: list[tuple[str, dict[str, str]]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                owner.requests.append((self.path, dict(self.headers)))
                if owner.status:
                    self.send_response(owner.status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = owner.files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", LAST_MODIFIED)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url_options(self) -> list[str]:
        return ["--url", f"sdn={self.base}/SDN.CSV", "--url", f"alt={self.base}/ALT.CSV",
                "--url", f"add={self.base}/ADD.CSV", "--url", f"csl={self.base}/consolidated.csv"]

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    srv = ListServer()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


def _update(cli, server, *extra):
    result = cli("lists", "update", *server.url_options(), "--retries", "0", "--format", "json", *extra)
    return result, json.loads(result.stdout)


def _snapshot(lists_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(lists_dir)): p.read_bytes() for p in sorted(lists_dir.rglob("*")) if p.is_file()}


def test_download_then_not_modified_then_screen(cli, server, workspace: Path):
    result, rows = _update(cli, server)
    assert result.exit_code == 0, result.output
    assert [(r["source"], r["status"], r["entries"]) for r in rows] == [("sdn", "updated", 110), ("csl", "updated", 13)]
    assert rows[0]["sha256"] == hashlib.sha256(SDN_BYTES).hexdigest()
    assert rows[0]["date"] == "2026-11-23"  # the publisher's date: Last-Modified of the download
    assert rows[0]["checked"] == date.today().isoformat()
    assert "fetching sdn.csv" in result.stderr
    lists_dir = workspace / ".auditor" / "lists"
    meta = json.loads((lists_dir / "sdn.json").read_text())
    assert [f["name"] for f in meta["files"]] == ["sdn.csv", "alt.csv", "add.csv"]
    assert meta["files"][1]["sha256"] == hashlib.sha256(ALT_BYTES).hexdigest()
    assert meta["files"][0]["last_modified"] == LAST_MODIFIED and meta["aliases"] == 105
    assert (lists_dir / meta["version"] / "alt.csv").read_bytes() == ALT_BYTES
    before = _snapshot(lists_dir)

    server.requests.clear()
    result, rows = _update(cli, server)
    assert result.exit_code == 0, result.output
    assert [r["status"] for r in rows] == ["unchanged", "unchanged"]
    assert all(headers.get("If-None-Match") and headers.get("If-Modified-Since") == LAST_MODIFIED
               for _, headers in server.requests)
    after = _snapshot(lists_dir)
    assert {k: v for k, v in after.items() if not k.endswith(".json")} == \
        {k: v for k, v in before.items() if not k.endswith(".json")}
    assert json.loads(after["sdn.json"])["checked_at"] >= json.loads(before["sdn.json"])["checked_at"]

    shown = cli.json("lists", "show")
    assert [(r["source"], r["entries"], r["stale"]) for r in shown] == [("sdn", 110, False), ("csl", 13, False)]
    assert shown[0]["url"] == f"{server.base}/SDN.CSV"

    screened = cli("screen", "--name", "Samir Kishk", "--format", "json")
    assert screened.exit_code == 1
    data = json.loads(screened.stdout)
    assert data["status"] == "match" and data["hits"][0]["name"] == "KISHK, Samir"
    assert {i["name"] for i in data["lists"]} == {"OFAC SDN", "trade.gov CSL"}
    assert data["lists"][0]["source"] == f"{server.base}/SDN.CSV"


def test_failing_server_leaves_the_cache_intact(cli, server, workspace: Path):
    assert _update(cli, server)[0].exit_code == 0
    lists_dir = workspace / ".auditor" / "lists"
    before = _snapshot(lists_dir)
    server.status = 503
    server.requests.clear()
    result, rows = _update(cli, server, "--retries", "1", "--backoff", "0")
    assert result.exit_code == 1
    assert [r["status"] for r in rows] == ["failed", "failed"]
    assert "503" in rows[0]["message"] and "kept the copy" in rows[0]["message"]
    assert server.paths().count("/SDN.CSV") == 2  # one retry, then it gave up
    assert _snapshot(lists_dir) == before
    assert not [p for p in lists_dir.iterdir() if p.name.startswith(".staging")]
    assert cli("screen", "--name", "Samir Kishk").exit_code == 1  # the old copy still screens


def test_not_found_is_not_retried(cli, server):
    server.status = 404
    result, rows = _update(cli, server, "--source", "csl", "--retries", "3", "--backoff", "0")
    assert result.exit_code == 1 and rows[0]["status"] == "failed" and "404" in rows[0]["message"]
    assert server.paths() == ["/consolidated.csv"]


def test_empty_or_foreign_download_is_refused(cli, server, workspace: Path):
    lists_dir = workspace / ".auditor" / "lists"
    server.files["/SDN.CSV"] = b""
    result, rows = _update(cli, server, "--source", "sdn")
    assert result.exit_code == 1 and rows[0]["status"] == "failed"
    assert "empty" in rows[0]["message"] and "no cached copy" in rows[0]["message"]
    assert not (lists_dir / "sdn.json").exists()
    assert [p.name for p in lists_dir.iterdir()] == []

    server.files["/SDN.CSV"] = SDN_BYTES
    assert _update(cli, server, "--source", "sdn")[0].exit_code == 0
    before = _snapshot(lists_dir)
    server.files["/SDN.CSV"] = b"<html><body>Maintenance</body></html>"
    result, rows = _update(cli, server, "--source", "sdn")
    assert rows[0]["status"] == "failed" and "not a list this tool reads" in rows[0]["message"]
    assert _snapshot(lists_dir) == before


def test_changed_list_replaces_the_old_version(cli, server, workspace: Path):
    assert _update(cli, server, "--source", "sdn")[0].exit_code == 0
    lists_dir = workspace / ".auditor" / "lists"
    old_version = json.loads((lists_dir / "sdn.json").read_text())["version"]
    server.files["/SDN.CSV"] = b"".join(SDN_BYTES.splitlines(keepends=True)[:105])
    result, rows = _update(cli, server, "--source", "sdn")
    assert rows[0]["status"] == "updated" and rows[0]["entries"] == 105
    meta = json.loads((lists_dir / "sdn.json").read_text())
    assert meta["version"] != old_version and not (lists_dir / old_version).exists()
    assert meta["files"][1]["sha256"] == hashlib.sha256(ALT_BYTES).hexdigest()  # alt.csv answered 304


def test_a_download_cut_short_keeps_the_cached_copy(cli, server, workspace: Path):
    """Cut at a row boundary the file parses, but with far fewer entries than the copy it would replace."""
    assert _update(cli, server, "--source", "sdn")[0].exit_code == 0
    lists_dir = workspace / ".auditor" / "lists"
    before = _snapshot(lists_dir)
    server.files["/SDN.CSV"] = b"".join(SDN_BYTES.splitlines(keepends=True)[:50])
    result, rows = _update(cli, server, "--source", "sdn")
    assert result.exit_code == 1 and rows[0]["status"] == "failed"
    assert "50 entries" in rows[0]["message"] and "cut short" in rows[0]["message"]
    assert _snapshot(lists_dir) == before
    screened = cli("screen", "--name", "AEROCARIBBEAN AIRLINES", "--format", "json")
    assert screened.exit_code == 1 and json.loads(screened.stdout)["lists"][0]["entries"] == 110


def test_an_sdn_download_without_aliases_is_refused(cli, server, workspace: Path):
    server.files["/ALT.CSV"] = b""
    result, rows = _update(cli, server, "--source", "sdn")
    assert result.exit_code == 1 and rows[0]["status"] == "failed" and "aliases" in rows[0]["message"]
    assert not (workspace / ".auditor" / "lists" / "sdn.json").exists()


def test_url_option_is_checked(cli):
    result = cli("lists", "update", "--url", "sdn")
    assert result.exit_code == 2 and "NAME=URL" in result.output
    result = cli("lists", "update", "--url", "nope=http://127.0.0.1:9/x")
    assert result.exit_code == 2 and "unknown list address" in result.output


def test_show_with_nothing_cached(cli):
    assert cli.json("lists", "show") == []
    result = cli("lists", "status")
    assert result.exit_code == 0 and "auditor lists update" in result.stderr


def test_addresses_from_the_environment(cli, server, workspace: Path):
    env = {"AUDITOR_LIST_URL_CSL": f"{server.base}/consolidated.csv"}
    result = cli("lists", "update", "--source", "csl", "--retries", "0", "--format", "json", env=env)
    assert result.exit_code == 0, result.output
    assert server.paths() == ["/consolidated.csv"]
    meta = json.loads((workspace / ".auditor" / "lists" / "csl.json").read_text())
    assert meta["files"][0]["url"] == f"{server.base}/consolidated.csv" and meta["entries"] == 13


def test_an_official_download_below_the_lists_floor_is_cut_short():
    """The official SDN never had fewer than 5,000 entries: a smaller download from its address is refused."""
    from types import SimpleNamespace

    from auditor.errors import ScreeningError
    from auditor.screening.update import DEFAULT_URLS, SOURCE_SPECS, _check_size

    parsed = SimpleNamespace(entries=[object()] * 110, complete=True, warnings=())
    with pytest.raises(ScreeningError, match="never had fewer than 5,000"):
        _check_size(SOURCE_SPECS["sdn"], parsed, None, DEFAULT_URLS)
    mirror = {**DEFAULT_URLS, "sdn": "https://mirror.example/sdn.csv"}
    _check_size(SOURCE_SPECS["sdn"], parsed, None, mirror)   # a mirror's size is its owner's business
