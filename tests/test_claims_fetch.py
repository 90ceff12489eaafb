"""Live vendor pages: fetched over verified TLS from a real HTTPS server on 127.0.0.1 (trustme)."""

from __future__ import annotations

import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler

import pytest
import trustme
from tlskit import TlsServer

# a trust page written for this test
PAGE = b"""<!doctype html><html><body>
<nav><a href="/">Home</a> SOC 2 ISO 27001</nav>
<main><h1>Security at Example Ltd</h1>
<p>We encrypt customer data at rest with AES-256 and in transit with TLS 1.3.</p>
<h2>Certifications</h2>
<table><tr><th>Standard</th><th>Status</th></tr><tr><td>SOC 2 Type 2</td><td>Certified</td></tr>
<tr><td>HIPAA</td><td>Not supported</td></tr></table>
<p>Customer data is hosted in the European Union.</p></main>
<footer>Cookie settings</footer></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        port = self.server.server_port
        routes = {
            "/trust": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE),
            "/moved": (302, {"Location": "/trust"}, b""),
            "/to-http": (302, {"Location": f"http://127.0.0.1:{port}/trust"}, b""),
            "/big": (200, {"Content-Type": "text/plain"}, b"We encrypt data at rest.\n" * 4000),
        }
        status, headers, body = routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass




@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def site(ca):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    server = TlsServer(("127.0.0.1", 0), _Handler)
    server.context = context
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def ca_file(ca, tmp_path):
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture
def acme(workspace):
    (workspace / "evidence" / "acme").mkdir(parents=True)
    (workspace / "evidence" / "acme" / "vendor.yaml").write_text("id: acme\nname: Acme\n", encoding="utf-8")
    return workspace


def _evidence(workspace):
    from auditor.evidence.store import EvidenceStore
    from auditor.workspace import Workspace

    return EvidenceStore(Workspace(workspace)).items("acme")


def test_a_page_is_fetched_read_and_cited_by_its_url(cli, site, ca_file):
    url = f"{site}/moved"  # a redirect to https on the same site is followed
    result = cli("claims", "extract", url, "--allow-private", "--ca-bundle", ca_file, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    doc = data["documents"][0]
    assert doc["path"] == url and doc["url"] == url and doc["kind"] == "html"
    controls = {c["control"] for c in data["claims"]}
    assert {"encryption-at-rest", "encryption-in-transit"} <= controls
    assert {(a["type"], a["polarity"]) for a in data["attestations"]} == {("soc2-type2", "affirmed")}
    assert ("hipaa", "denied") in {(r["id"], r["polarity"]) for r in data["regulations"]}
    assert ("EU", "hosting") in {(loc["country"], loc["role"]) for loc in data["locations"]}
    # the navigation bar names SOC 2 and ISO 27001 but states nothing: never read
    assert all("Home" not in c["citation"]["text"] for c in data["claims"])


def test_the_page_is_kept_as_evidence_only_when_a_vendor_is_named(cli, site, ca_file, acme, workspace):
    result = cli("claims", "extract", f"{site}/trust", "--allow-private", "--ca-bundle", ca_file, "--vendor", "acme",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    items = _evidence(workspace)
    assert len(items) == 1
    from hashlib import sha256

    assert items[0].sha256 == sha256(PAGE).hexdigest()
    assert f"{site}/trust" in items[0].metadata.get("note", "")
    # the ledger names the URL as the page's source, not the temporary file it was written to
    assert items[0].source == f"{site}/trust"
    listed = cli("evidence", "list", "acme", "--format", "json")
    assert listed.exit_code == 0, listed.output
    assert f"{site}/trust" in listed.stdout and "auditor-page-" not in listed.stdout
    table = cli("evidence", "list", "acme")
    assert table.exit_code == 0 and "auditor-page-" not in table.stdout


@pytest.mark.parametrize("path, extra, expected", [
    ("/trust", (), "--allow-private"),  # loopback refused by default
    ("/missing", ("--allow-private",), "HTTP 404"),
    ("/to-http", ("--allow-private",), "not https"),
])
def test_a_page_that_cannot_be_fetched_exits_1_and_keeps_nothing(cli, site, ca_file, acme, workspace, path, extra,
                                                                 expected):
    result = cli("claims", "extract", f"{site}{path}", "--ca-bundle", ca_file, "--vendor", "acme", *extra)
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert expected in message and len(message.splitlines()) == 1
    assert not (workspace / ".auditor").exists() or not _evidence(workspace)


def test_an_untrusted_certificate_is_refused(cli, site):
    result = cli("claims", "extract", f"{site}/trust", "--allow-private")
    assert result.exit_code == 1
    assert "certificate verification failed" in result.stderr


def test_a_page_over_the_size_limit_is_not_read(site, ca_file):
    from pathlib import Path

    from auditor.claims.fetch import FetchError, fetch_page

    with pytest.raises(FetchError, match="larger than"):
        fetch_page(f"{site}/big", allow_private=True, ca_bundle=Path(ca_file), max_bytes=50_000)
    page = fetch_page(f"{site}/big", allow_private=True, ca_bundle=Path(ca_file))
    assert page.sha256 and page.fetched_at.endswith("+00:00")


def test_vendor_init_from_a_url_builds_the_dossier_and_keeps_the_page(cli, site, ca_file, workspace):
    result = cli("vendor", "init", "acme", "--from", f"{site}/trust", "--allow-private", "--ca-bundle", ca_file,
                 "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"]["pages stored"] == 1 and data["counts"]["attestations"] >= 1
    documents = list((workspace / "evidence" / "acme" / "documents").iterdir())
    assert [p.suffix for p in documents] == [".html"]
    (kept,) = _evidence(workspace)
    assert kept.source == f"{site}/trust"
