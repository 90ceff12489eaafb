"""Live checks prove only what they saw: real trustme HTTPS and plain HTTP servers on 127.0.0.1.

Attacks from issue #17: a self-signed, expired or wrong-host certificate, or plain http, used to
let the six header and security.txt checks pass and satisfy ISO 27001 and SOC 2 requirements;
the collector fetched loopback and metadata addresses, followed redirects to http, wrote
``user:pass@`` into the append-only ledger, and called a ``file://`` redirect "more than 5 redirects".
"""

from __future__ import annotations

import json
import sqlite3
import ssl
import threading
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from ledgerkit import anchored_vendor
from test_evidence_collect import GOOD_HEADERS, _Handler, checks_of, https_server
from tlskit import TlsServer

pytestmark = pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1:DeprecationWarning")


@pytest.fixture(scope="module")
def ca():
    import trustme

    return trustme.CA()


@pytest.fixture
def acme(cli, workspace):
    anchored_vendor(workspace, name="Acme")
    return cli


@pytest.fixture
def ca_file(ca, workspace):
    path = workspace / "private-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


def run_collect(cli, url, *extra):
    result = cli("evidence", "collect", "acme", "--url", url, "--format", "json", "--timeout", "3",
                 "--connect-timeout", "3", "--retries", "0", *extra)
    assert result.exit_code in (0, 1), result.output
    return result, json.loads(result.stdout)


def satisfied_by(cli, sha256: str) -> list[str]:
    """Requirements the audit marks satisfied with this evidence among their reasons."""
    result = cli("audit", "acme", "--format", "json", "--no-record")
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    found = []
    for framework in report["frameworks"]:
        for requirement in framework["requirements"]:
            if requirement["status"] == "satisfied" and sha256[:12] in json.dumps(requirement):
                found.append(f"{framework['id']} {requirement['id']}")
    return found


@contextmanager
def plain_http_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.site = {"headers": GOOD_HEADERS, "security_txt": "Contact: mailto:s@acme.example\n"}
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


class _Redirect(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(302)
        self.send_header("Location", self.server.location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def redirecting_server(cert, location: str):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)
    server = TlsServer(("127.0.0.1", 0), _Redirect)
    server.context = context
    server.location = location
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"https://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


# what was read without a verified certificate satisfies nothing ---------------------------------------


def test_verified_scan_satisfies_requirements_but_untrusted_one_satisfies_none(acme, workspace, ca, ca_file):
    cert = ca.issue_cert("127.0.0.1")
    with https_server(cert) as url:
        _, trusted = run_collect(acme, url, "--allow-private", "--ca-bundle", str(ca_file))
        _, untrusted = run_collect(acme, url, "--allow-private")  # no --ca-bundle: the CA is unknown
    assert {c["status"] for c in trusted["checks"]} == {"pass"}
    assert satisfied_by(acme, trusted["evidence"][0]), "a verified scan must count (the control of this test)"
    checks = checks_of(untrusted)
    assert checks["tls"]["status"] == "fail"
    for name in ("hsts", "content-security-policy", "x-content-type-options", "frame-protection",
                 "referrer-policy", "security.txt"):
        assert checks[name]["status"] == "unverified", name
        assert checks[name]["observed"]["seen"] == "pass"
        assert "certificate did not verify" in checks[name]["message"]
    assert satisfied_by(acme, untrusted["evidence"][0]) == []


@pytest.mark.parametrize("fault", ["expired", "wrong-host"])
def test_expired_or_wrong_host_certificates_satisfy_nothing(acme, ca, ca_file, fault):
    now = datetime.now(timezone.utc)
    cert = (ca.issue_cert("127.0.0.1", not_before=now - timedelta(days=400), not_after=now - timedelta(days=3))
            if fault == "expired" else ca.issue_cert("www.other.example"))
    with https_server(cert) as url:
        result, data = run_collect(acme, url, "--allow-private", "--ca-bundle", str(ca_file))
    assert result.exit_code == 1
    assert {c["status"] for c in data["checks"][1:]} == {"unverified"}
    assert satisfied_by(acme, data["evidence"][0]) == []


def test_plain_http_scan_is_recorded_but_satisfies_nothing(acme):
    with plain_http_server() as url:
        result, data = run_collect(acme, url, "--allow-private")
    checks = checks_of(data)
    assert result.exit_code == 1 and checks["tls"]["status"] == "fail"
    assert checks["x-content-type-options"]["status"] == "unverified"
    assert checks["x-content-type-options"]["observed"]["seen"] == "pass"
    assert "plain http" in checks["x-content-type-options"]["message"]
    assert len(data["evidence"]) == 1  # recorded all the same
    assert satisfied_by(acme, data["evidence"][0]) == []


# addresses --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url, what", [
    ("http://169.254.169.254/latest/meta-data/", "cloud metadata address"),
    ("https://[fd00:ec2::254]/", "cloud metadata address"),
    ("https://127.0.0.1:8443/", "loopback address"),
    ("https://localhost/", "loopback address"),
    ("https://10.1.2.3/", "private address"),
    ("https://192.168.0.1/", "private address"),
    ("https://169.254.10.20/", "link-local address"),
    ("https://[::1]/", "loopback address"),
    ("https://[::ffff:127.0.0.1]/", "loopback address"),
])
def test_private_loopback_and_metadata_addresses_are_refused(acme, workspace, url, what):
    result = acme("evidence", "collect", "acme", "--url", url)
    assert result.exit_code == 2, result.output
    assert what in result.stderr and "--allow-private" in result.stderr
    assert not (workspace / ".auditor" / "auditor.db").exists()  # nothing connected, nothing stored


def test_redirects_to_http_file_or_metadata_are_refused_and_named(acme, ca, ca_file):
    from auditor.evidence.collect.headers import redirect_refusal
    from auditor.evidence.collect.net import NetOptions

    cert = ca.issue_cert("127.0.0.1")
    for location, named in [("http://127.0.0.1:1/", "plain http"), ("file:///etc/passwd", "file:// URL")]:
        with redirecting_server(cert, location) as url:
            _, data = run_collect(acme, url, "--allow-private", "--ca-bundle", str(ca_file))
        hsts = checks_of(data)["hsts"]
        assert hsts["status"] == "error" and named in hsts["message"], hsts["message"]
        assert "more than" not in hsts["message"]
    # a redirect to the metadata address is refused like the address itself
    assert "cloud metadata address" in redirect_refusal("https://169.254.169.254/x", NetOptions())
    assert "loopback address" in redirect_refusal("https://127.0.0.1/x", NetOptions())
    assert redirect_refusal("https://127.0.0.1/x", NetOptions(allow_private=True)) is None


def test_credentials_in_a_url_are_never_stored_or_printed(acme, workspace, ca, ca_file):
    cert = ca.issue_cert("127.0.0.1")
    with https_server(cert) as url:
        secret_url = url.replace("https://", "https://alice:s3cr3t-pw@")
        result = acme("evidence", "collect", "acme", "--url", secret_url, "--allow-private", "--ca-bundle",
                      str(ca_file), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "s3cr3t" not in result.stdout and "s3cr3t" not in result.stderr and "alice" not in result.stdout
    assert "credentials removed" in result.stderr
    database = workspace / ".auditor" / "auditor.db"
    dump = "\n".join(sqlite3.connect(database).iterdump())
    assert "s3cr3t" not in dump and "alice" not in dump
    for blob in (workspace / ".auditor" / "blobs").glob("??/*"):
        assert b"s3cr3t" not in blob.read_bytes()
    assert acme("evidence", "verify").exit_code == 0
