"""Live evidence against real HTTPS servers on 127.0.0.1 with trustme certificates."""

from __future__ import annotations

import json
import os
import socket
import ssl
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import trustme
from tlskit import TlsServer

from auditor.evidence.store import EvidenceStore
from auditor.workspace import Workspace
from ledgerkit import anchored_vendor

# The test servers themselves speak TLS 1.0 on purpose.
pytestmark = pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1:DeprecationWarning")

GOOD_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
FUTURE = (datetime.now(timezone.utc) + timedelta(days=200)).strftime("%Y-%m-%dT%H:%M:%SZ")
GOOD_SECURITY_TXT = f"Contact: mailto:security@acme.example\nExpires: {FUTURE}\nPreferred-Languages: en, ar\n"
EXPIRED_SECURITY_TXT = "Contact: https://acme.example/security\nExpires: 2020-01-01T00:00:00Z\n"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        site = self.server.site
        if self.path == "/.well-known/security.txt" and site["security_txt"] is not None:
            body, content_type, headers = site["security_txt"].encode(), "text/plain; charset=utf-8", {}
            self.send_response(200)
        elif self.path == "/":
            body, content_type, headers = b"<!doctype html><p>Acme</p>", "text/html", site["headers"]
            self.send_response(200)
        else:
            body, content_type, headers = b"not found", "text/plain", {}
            self.send_response(404)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass




@contextmanager
def https_server(cert: trustme.LeafCert, *, headers=None, security_txt=GOOD_SECURITY_TXT,
                 min_version=ssl.TLSVersion.TLSv1_2, max_version=None):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)
    if min_version < ssl.TLSVersion.TLSv1_2:
        context.set_ciphers("ALL:@SECLEVEL=0")
    context.minimum_version = min_version
    if max_version is not None:
        context.maximum_version = max_version
    server = TlsServer(("127.0.0.1", 0), _Handler)
    server.context = context
    server.site = {"headers": GOOD_HEADERS if headers is None else headers, "security_txt": security_txt}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_server():
    """Accepts TCP connections (the kernel completes them) and never says a word."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    try:
        yield f"https://127.0.0.1:{sock.getsockname()[1]}/"
    finally:
        sock.close()


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def good_cert(ca):
    return ca.issue_cert("127.0.0.1", "localhost")


@pytest.fixture
def ca_file(ca, workspace) -> Path:
    path = workspace / "private-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def acme(cli, workspace):
    anchored_vendor(workspace, name="Acme")
    return cli


def collect(cli, *urls, ca_file=None, extra=()):
    args = ["evidence", "collect", "acme", *[a for u in urls for a in ("--url", u)], "--format", "json",
            "--timeout", "3", "--connect-timeout", "3", "--retries", "0", "--allow-private", *extra]
    if ca_file is not None:
        args += ["--ca-bundle", str(ca_file)]
    result = cli(*args)
    assert result.exit_code in (0, 1), result.output
    return result, json.loads(result.stdout)


def checks_of(data) -> dict:
    return {c["name"]: c for c in data["checks"]}


# TLS ----------------------------------------------------------------------------------------------


def test_modern_server_passes_every_check_and_is_stored_as_evidence(acme, workspace, good_cert, ca_file):
    with https_server(good_cert) as url:
        result, data = collect(acme, url, ca_file=ca_file)
    assert result.exit_code == 0, result.stdout
    assert data["url"] == url and len(data["evidence"]) == 1
    checks = checks_of(data)
    assert {name: c["status"] for name, c in checks.items()} == {
        "tls": "pass", "hsts": "pass", "content-security-policy": "pass", "x-content-type-options": "pass",
        "frame-protection": "pass", "referrer-policy": "pass", "security.txt": "pass"}
    tls = checks["tls"]["observed"]
    assert tls["protocol"] == "TLSv1.3" and tls["cipher"]["name"].startswith("TLS_")
    assert {v: r["result"] for v, r in tls["versions"].items()} == {
        "TLSv1": "refused", "TLSv1.1": "refused", "TLSv1.2": "accepted", "TLSv1.3": "accepted"}
    assert tls["trusted"] is True and tls["hostname_match"] is True and tls["verify_error"] is None
    assert "trustme" in tls["certificate"]["issuer"] and tls["certificate"]["days_left"] > 300_000
    assert tls["certificate"]["not_after"].startswith("3000-01-01") and len(tls["chain"]) >= 1
    assert checks["tls"]["controls"] == ["encryption-in-transit"]
    assert checks["hsts"]["observed"]["strict-transport-security"] == GOOD_HEADERS["Strict-Transport-Security"]
    assert checks["hsts"]["observed"]["max_age"] == 31536000
    assert checks["security.txt"]["observed"]["contact"] == ["mailto:security@acme.example"]
    assert "vulnerability-management" in checks["security.txt"]["controls"]
    # the observation is a blob in the store, hashed into the ledger, read back checked
    store = EvidenceStore(Workspace(workspace))
    (item,) = store.items("acme")
    assert item.sha256 == data["evidence"][0] and item.kind.value == "scan" and item.source == url
    assert {"encryption-in-transit", "configuration-hardening", "vulnerability-management"} <= set(item.covers)
    assert [c.name for c in item.checks] == list(checks) and item.checks[0].status.value == "pass"
    assert (item.valid_until - item.effective).days == 90
    document = json.loads(store.read(item.sha256))
    assert document["vendor"] == "acme" and document["url"] == url
    assert document["tls"]["chain"][0]["pem"].startswith("-----BEGIN CERTIFICATE-----")
    assert ["strict-transport-security", GOOD_HEADERS["Strict-Transport-Security"]] in document["http"]["headers"]
    assert acme("evidence", "verify").exit_code == 0


def test_server_capped_at_tls_1_2(acme, good_cert, ca_file):
    with https_server(good_cert, max_version=ssl.TLSVersion.TLSv1_2) as url:
        _, data = collect(acme, url, ca_file=ca_file)
    tls = checks_of(data)["tls"]
    assert tls["status"] == "pass"
    assert tls["observed"]["protocol"] == "TLSv1.2" and tls["observed"]["accepted_versions"] == ["TLSv1.2"]
    assert tls["observed"]["versions"]["TLSv1.3"]["result"] == "refused"


def test_server_accepting_tls_1_0_fails(acme, good_cert, ca_file):
    with https_server(good_cert, min_version=ssl.TLSVersion.TLSv1) as url:
        result, data = collect(acme, url, ca_file=ca_file)
    tls = checks_of(data)["tls"]
    assert result.exit_code == 1 and tls["status"] == "fail"
    assert tls["observed"]["versions"]["TLSv1"]["result"] == "accepted"
    assert tls["observed"]["versions"]["TLSv1.1"]["result"] == "accepted"
    assert "accepts TLS 1.0" in tls["message"] and "accepts TLS 1.1" in tls["message"]


def test_expired_certificate_is_a_recorded_failure(acme, ca, ca_file):
    now = datetime.now(timezone.utc)
    expired = ca.issue_cert("127.0.0.1", not_before=now - timedelta(days=400), not_after=now - timedelta(days=10))
    with https_server(expired) as url:
        result, data = collect(acme, url, ca_file=ca_file)
    checks = checks_of(data)
    tls = checks["tls"]
    assert result.exit_code == 1 and tls["status"] == "fail"
    assert tls["observed"]["certificate"]["expired"] is True
    assert tls["observed"]["certificate"]["days_left"] in (-10, -11)
    assert tls["observed"]["trusted"] is False and "expired" in tls["observed"]["verify_error"]
    assert "certificate expired on" in tls["message"]
    # headers were still read and recorded, but over an unverified connection they prove nothing
    assert checks["hsts"]["status"] == "unverified" and checks["hsts"]["observed"]["certificate_verified"] is False
    assert checks["hsts"]["observed"]["seen"] == "pass"
    assert "not counted, read over a connection whose certificate did not verify" in checks["hsts"]["message"]
    assert len(data["evidence"]) == 1


def test_wrong_hostname_is_named(acme, ca, ca_file):
    other = ca.issue_cert("www.other.example")
    with https_server(other) as url:
        _, data = collect(acme, url, ca_file=ca_file)
    tls = checks_of(data)["tls"]
    assert tls["status"] == "fail"
    assert tls["observed"]["trusted"] is True and tls["observed"]["hostname_match"] is False
    assert "does not name 127.0.0.1 (it names: www.other.example)" in tls["message"]


def test_untrusted_certificate_is_a_result_not_a_silent_pass(acme, good_cert):
    with https_server(good_cert) as url:
        _, data = collect(acme, url)  # no --ca-bundle: the private CA is unknown to the system store
    tls = checks_of(data)["tls"]
    assert tls["status"] == "fail" and tls["observed"]["trusted"] is False
    assert tls["observed"]["trust_store"] in ("system", "certifi")
    assert "certificate not trusted: unable to get local issuer certificate" in tls["message"]
    assert all(c["observed"]["certificate_verified"] is False for c in data["checks"][1:])


def test_untestable_versions_are_said_to_be_untestable(workspace, good_cert, ca_file, tmp_path):
    """When this machine's OpenSSL will not offer TLS 1.0/1.1, they are untestable, not "refused"."""
    config = tmp_path / "openssl.cnf"
    config.write_text("openssl_conf = init\n[init]\nssl_conf = ssl\n[ssl]\nsystem_default = defaults\n"
                      "[defaults]\nProtocol = -TLSv1, -TLSv1.1\n")
    (workspace / "evidence" / "acme").mkdir(parents=True)
    (workspace / "evidence" / "acme" / "vendor.yaml").write_text("id: acme\nname: Acme\n")
    with https_server(good_cert, min_version=ssl.TLSVersion.TLSv1) as url:
        env = {"AUDITOR_WORKSPACE": str(workspace), "OPENSSL_CONF": str(config)}
        result = subprocess.run([sys.executable, "-m", "auditor", "evidence", "collect", "acme", "--url", url,
                                 "--ca-bundle", str(ca_file), "--format", "json", "--allow-private"], capture_output=True,
                                text=True,
                                env={**os.environ, **env}, timeout=60)
    tls = checks_of(json.loads(result.stdout))["tls"]
    for version in ("TLSv1", "TLSv1.1"):
        probe = tls["observed"]["versions"][version]
        assert probe["result"] == "untestable" and "refuses to offer" in probe["detail"]
    assert tls["observed"]["versions"]["TLSv1.2"]["result"] == "accepted"
    assert "TLSv1 untestable here" in tls["message"]


# headers and security.txt -----------------------------------------------------------------------------


def test_missing_hsts_and_weak_headers_fail(acme, good_cert, ca_file):
    weak = {"Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'",
            "X-Frame-Options": "ALLOW-FROM https://partner.example", "Referrer-Policy": "unsafe-url"}
    with https_server(good_cert, headers=weak) as url:
        result, data = collect(acme, url, ca_file=ca_file)
    checks = checks_of(data)
    assert result.exit_code == 1
    assert checks["hsts"]["status"] == "fail" and checks["hsts"]["message"] == "no Strict-Transport-Security header"
    assert checks["hsts"]["observed"]["strict-transport-security"] is None
    assert checks["content-security-policy"]["status"] == "fail"
    assert "script-src allows 'unsafe-inline'" in checks["content-security-policy"]["message"]
    assert checks["x-content-type-options"]["status"] == "fail"
    assert checks["frame-protection"]["status"] == "fail" and "ALLOW-FROM" in checks["frame-protection"]["message"]
    assert checks["referrer-policy"]["status"] == "fail"
    assert checks["tls"]["status"] == "pass"


def test_short_hsts_max_age_fails(acme, good_cert, ca_file):
    with https_server(good_cert, headers={**GOOD_HEADERS, "Strict-Transport-Security": "max-age=300"}) as url:
        _, data = collect(acme, url, ca_file=ca_file)
    hsts = checks_of(data)["hsts"]
    assert hsts["status"] == "fail" and hsts["observed"]["max_age"] == 300 and "under six months" in hsts["message"]


def test_expired_security_txt_fails(acme, good_cert, ca_file):
    with https_server(good_cert, security_txt=EXPIRED_SECURITY_TXT) as url:
        _, data = collect(acme, url, ca_file=ca_file)
    check = checks_of(data)["security.txt"]
    assert check["status"] == "fail" and check["observed"]["expires"] == "2020-01-01T00:00:00Z"
    assert check["observed"]["contact"] == ["https://acme.example/security"]
    assert "expired on 2020-01-01" in check["message"] and check["observed"]["expires_in_days"] < 0


def test_missing_security_txt_fails(acme, good_cert, ca_file):
    with https_server(good_cert, security_txt=None) as url:
        _, data = collect(acme, url, ca_file=ca_file)
    check = checks_of(data)["security.txt"]
    assert check["status"] == "fail" and "no security.txt at /.well-known/security.txt (HTTP 404)" in check["message"]


# hosts that fail -------------------------------------------------------------------------------------------


def test_a_server_that_never_answers_ends_by_its_timeout(acme):
    with silent_server() as url:
        started = time.monotonic()
        result = acme("evidence", "collect", "acme", "--url", url, "--timeout", "0.4", "--connect-timeout", "0.4",
                      "--retries", "1", "--format", "json", "--allow-private")
        elapsed = time.monotonic() - started
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and elapsed < 4
    assert {c["status"] for c in data["checks"]} == {"error"}
    tls = checks_of(data)["tls"]
    assert "no TLS handshake" in tls["message"] and "within 0.4 s" in tls["message"]
    assert "after 2 attempts" in tls["message"]
    assert len(data["evidence"]) == 1  # the failed observation is itself recorded


def test_many_urls_run_concurrently_with_progress_and_failures_stay_local(acme, good_cert, ca_file):
    with https_server(good_cert) as good, silent_server() as silent, silent_server() as silent2, \
            silent_server() as silent3:
        refused = socket.socket()
        refused.bind(("127.0.0.1", 0))
        closed_url = f"https://127.0.0.1:{refused.getsockname()[1]}/"
        refused.close()  # nothing listens there now
        urls = [good, silent, closed_url, silent2, good + "?again", silent3]
        started = time.monotonic()
        result = acme("evidence", "collect", "acme", *[a for u in urls for a in ("--url", u)], "--ca-bundle",
                      str(ca_file), "--timeout", "1", "--connect-timeout", "1", "--retries", "0", "--format", "json",
                      "--allow-private")
        elapsed = time.monotonic() - started
    data = json.loads(result.stdout)
    assert [d["url"] for d in data] == urls
    assert elapsed < 2.5  # the three silent hosts (1 s each) waited out their timeouts side by side
    assert checks_of(data[0])["tls"]["status"] == "pass" and checks_of(data[4])["tls"]["status"] == "pass"
    assert all(checks_of(data[i])["tls"]["status"] == "error" for i in (1, 3, 5))
    assert "cannot connect" in checks_of(data[2])["tls"]["message"]
    progress = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert sorted(line.split("]")[0] for line in progress) == [f"[{i}/6" for i in range(1, 7)]
    assert len({sha for d in data for sha in d["evidence"]}) == 6
    assert acme("evidence", "verify").exit_code == 0


def test_bad_urls_and_bundles_are_usage_errors(acme, workspace):
    result = acme("evidence", "collect", "acme", "--url", "ftp://example.com/")
    assert result.exit_code == 2 and "give an http:// or https:// URL" in result.stderr
    junk = workspace / "junk.pem"
    junk.write_text("not a certificate")
    result = acme("evidence", "collect", "acme", "--url", "https://127.0.0.1:9/", "--ca-bundle", str(junk),
                  "--allow-private")
    assert result.exit_code == 2 and "not a readable PEM bundle" in result.stderr


# the judging functions on their own ------------------------------------------------------------------


def test_security_txt_parsing_handles_signed_files_and_bad_dates():
    from auditor.evidence.collect.securitytxt import parse

    signed = ("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n# our policy\nContact: mailto:a@b.example\n"
              "- Expires: 2030-01-01T00:00:00Z\n-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n")
    parsed = parse(signed)
    assert parsed["signed"] is True
    assert parsed["fields"] == {"contact": ["mailto:a@b.example"], "expires": ["2030-01-01T00:00:00Z"]}
    assert parse("Contact mailto:x\n")["malformed"] == ["line 1: Contact mailto:x"]


@pytest.mark.parametrize("host, names, ips, expected", [
    ("www.example.com", ["*.example.com"], [], True),
    ("example.com", ["*.example.com"], [], False),
    ("a.b.example.com", ["*.example.com"], [], False),
    ("WWW.Example.COM.", ["www.example.com"], [], True),
    ("127.0.0.1", ["localhost"], ["127.0.0.1"], True),
    ("127.0.0.1", ["127.0.0.1"], [], False),  # an address must be an IP SAN, not a DNS name
])
def test_hostname_matching(host, names, ips, expected):
    from auditor.evidence.collect.certs import hostname_matches

    assert hostname_matches(host, names, ips) is expected
