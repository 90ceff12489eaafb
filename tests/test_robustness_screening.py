"""`auditor screen` and `auditor lists update` on bad lists, bad names and bad downloads.

A bad list file is refused (exit 2, one line); a bad download (an HTML error page, an empty
or binary body, a redirect to file://) fails without touching the cached lists, which keep
screening as before. Downloads come from a real HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import http.server
import json
import os
import threading
from pathlib import Path

import pytest
from badinput import RLO, assert_refused, make_huge, tree
from conftest import REFERENCE

SDN = (REFERENCE / "ofac" / "sdn_sample.csv").read_bytes()
ALT = (REFERENCE / "ofac" / "alt_sample.csv").read_bytes()
ADD = (REFERENCE / "ofac" / "add_sample.csv").read_bytes()


def _lists(base: Path) -> dict[str, Path]:
    base.mkdir(parents=True, exist_ok=True)
    files = {"binary": bytes(range(1, 256)) * 8 + b"\x00", "html": b"<html><body>Service unavailable</body></html>\n",
             "empty": b"", "ctrl-z-only": b"\x1a", "utf16": SDN[:2000].decode("latin-1").encode("utf-16"),
             "alt-instead-of-sdn": ALT, "truncated-row": SDN.split(b"\n")[0][:40] + b"\n",
             "unclosed-quote": b'36,"AEROCARIBBEAN AIRLINES,-0- ,"CUBA"\n'}
    made = {}
    for name, content in files.items():
        (base / name).mkdir()
        made[name] = base / name / "sdn.csv"
        made[name].write_bytes(content)
    made["huge"] = make_huge(base / "huge" / "sdn.csv", SDN[:500])
    made["missing"] = base / "missing.csv"
    (base / "folder.csv").mkdir()
    made["folder"] = base / "folder.csv"
    return made


LIST_CASES = ["binary", "html", "empty", "ctrl-z-only", "utf16", "alt-instead-of-sdn", "truncated-row",
              "unclosed-quote", "huge", "missing", "folder"]


@pytest.mark.parametrize("case", LIST_CASES)
@pytest.mark.parametrize("target", ["name", "vendor"])
def test_bad_list_files_are_refused(cli, workspace, tmp_path, case, target):
    path = _lists(tmp_path / "lists")[case]
    (workspace / "evidence" / "acme").mkdir(parents=True)
    (workspace / "evidence" / "acme" / "vendor.yaml").write_text("id: acme\nname: Acme\n", encoding="utf-8")
    args = ["screen", "--name", "Acme"] if target == "name" else ["screen", "acme"]
    before = tree(workspace)
    line = assert_refused(cli(*args, "--list", str(path)), root=workspace, before=before)
    assert path.name in line


@pytest.mark.parametrize("country", ["XX1", "../IR", "ir ", f"I{RLO}R", "IRN", "UA-"])
def test_bad_country_codes_are_refused(cli, workspace, tmp_path, country):
    lists = tmp_path / "sdn.csv"
    lists.write_bytes(SDN)
    before = tree(workspace)
    result = cli("screen", "--name", "Acme", "--country", country, "--list", str(lists))
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert RLO not in result.output
    assert tree(workspace) == before


@pytest.mark.parametrize("name", [f"AEROCARIBBEAN{RLO}SENILRIA", "Acme\x1b[2J\x1b[31m Hosting", "A\u2066cme\u2069"])
def test_screened_names_are_escaped_in_the_table(cli, workspace, tmp_path, name):
    lists = tmp_path / "sdn.csv"
    lists.write_bytes(SDN)
    result = cli("screen", "--name", name, "--list", str(lists))
    assert result.exit_code in (0, 1), result.output
    for bad in (RLO, "\x1b", "\u2066", "\u2069"):
        assert bad not in result.output


# lists update against a real HTTP server on 127.0.0.1 ---------------------------------------------

class _Server:
    """Serves path -> (status, headers, body); anything else is a 404."""

    def __init__(self):
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        routes = self.routes

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                status, headers, body = routes.get(self.path.split("?")[0], (404, {}, b"not found"))
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                       daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    srv = _Server()
    yield srv
    srv.close()


def _update(cli, server, sdn_path: str):
    return cli("lists", "update", "--source", "sdn", "--retries", "0", "--timeout", "5",
               "--url", f"sdn={server.base}{sdn_path}", "--url", f"alt={server.base}/alt.csv",
               "--url", f"add={server.base}/add.csv")


BAD_DOWNLOADS = {
    "html-error-page": (200, {}, b"<!doctype html><html><body>Maintenance</body></html>"),
    "empty": (200, {}, b""),
    "binary": (200, {}, os.urandom(4096)),
    "not-found": (404, {}, b"gone"),
    "server-error": (500, {}, b"oops"),
    "redirect-to-file": (302, {"Location": "file:///etc/passwd"}, b""),
    "redirect-loop": (302, {"Location": "/loop"}, b""),
    "short-body": (200, {"Content-Length": "100000"}, SDN[:1000]),
    "too-large": (200, {"Content-Length": str(600 * 1024 * 1024)}, b""),
    "alt-as-sdn": (200, {}, ALT),
}


@pytest.mark.parametrize("case", BAD_DOWNLOADS)
def test_a_bad_download_keeps_the_cached_lists(cli, workspace, server, case):
    server.routes.update({"/sdn.csv": (200, {}, SDN), "/alt.csv": (200, {}, ALT), "/add.csv": (200, {}, ADD)})
    first = _update(cli, server, "/sdn.csv")
    assert first.exit_code == 0, first.output
    screened = cli("screen", "--name", "AEROCARIBBEAN AIRLINES", "--format", "json")
    assert screened.exit_code == 1 and '"match"' in screened.stdout, screened.output  # the cache works

    server.routes["/bad"] = BAD_DOWNLOADS[case]
    server.routes["/loop"] = BAD_DOWNLOADS["redirect-loop"]
    before = tree(workspace / ".auditor" / "lists")
    result = _update(cli, server, "/loop" if case == "redirect-loop" else "/bad")
    assert "Traceback" not in result.output and "internal error" not in result.stderr, result.output
    assert result.exit_code in (1, 2), result.output
    assert tree(workspace / ".auditor" / "lists") == before  # nothing replaced, nothing half-written
    again = cli("screen", "--name", "AEROCARIBBEAN AIRLINES", "--format", "json")
    assert again.exit_code == 1 and again.stdout == screened.stdout


@pytest.mark.parametrize("pair", ["sdn", "sdn=", "sdn=ftp://127.0.0.1/sdn.csv", "sdn=javascript:alert(1)",
                                  "nope=http://127.0.0.1/x", f"sdn=http://acme{RLO}.example/sdn.csv"])
def test_bad_list_urls_are_refused_before_any_download(cli, workspace, pair):
    before = tree(workspace)
    result = cli("lists", "update", "--source", "sdn", "--retries", "0", "--url", pair)
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "internal error" not in result.stderr and RLO not in result.output
    assert tree(workspace) == before or not any(
        (workspace / ".auditor" / "lists").rglob("*.csv"))  # at most an empty cache folder


def _tamper_meta(meta: Path, how: str, sentinel: Path) -> None:
    data = json.loads(meta.read_text(encoding="utf-8"))
    if how == "garbage":
        meta.write_bytes(os.urandom(256))
        return
    if how == "not-json":
        meta.write_text("{ this is not json", encoding="utf-8")
        return
    if how == "version-escapes":
        data["version"] = "../../../" + sentinel.name
    elif how == "file-name-escapes":
        data["files"][0]["name"] = "../../../../" + sentinel.name + "/keep.txt"
    elif how == "wrong-types":
        data["entries"] = "many"
    meta.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("how", ["garbage", "not-json", "version-escapes", "file-name-escapes", "wrong-types"])
def test_damaged_list_metadata_is_one_line_and_deletes_nothing(cli, workspace, server, tmp_path, how):
    server.routes.update({"/sdn.csv": (200, {}, SDN), "/alt.csv": (200, {}, ALT), "/add.csv": (200, {}, ADD)})
    assert _update(cli, server, "/sdn.csv").exit_code == 0
    sentinel = workspace.parent / "sentinel"  # a folder a path in the metadata could point at
    sentinel.mkdir()
    (sentinel / "keep.txt").write_text("keep me", encoding="utf-8")
    _tamper_meta(workspace / ".auditor" / "lists" / "sdn.json", how, sentinel)
    for args in (["screen", "--name", "AEROCARIBBEAN AIRLINES"], ["lists", "show"], ["audit", "--all"]):
        result = cli(*args)
        assert "Traceback" not in result.output and "internal error" not in result.stderr, (args, result.output)
        assert result.exit_code in (0, 1, 2), (args, result.output)
    server.routes["/sdn.csv"] = (200, {}, SDN.replace(b"AEROCARIBBEAN", b"AERO CARIBBEAN"))
    result = _update(cli, server, "/sdn.csv")  # replacing the damaged version must not delete outside it
    assert "Traceback" not in result.output and "internal error" not in result.stderr, result.output
    assert (sentinel / "keep.txt").read_text(encoding="utf-8") == "keep me"
