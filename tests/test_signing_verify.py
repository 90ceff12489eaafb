"""Signed reports checked by pyHanko, by poppler's pdfsig and by `auditor verify`, before and after tampering."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import socket
import subprocess
import threading
from datetime import date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from conftest import Cli

from auditor.report.model import manifest_digest

PASS = {"AUDITOR_KEY_PASSPHRASE": "correct horse"}


def pdfsig(path: Path) -> str:
    """poppler's verdict; it exits 0 for broken signatures too, so callers read the text."""
    exe = shutil.which("pdfsig")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("pdfsig (poppler-utils) is required in CI")
        pytest.skip("pdfsig (poppler-utils) is not installed")
    done = subprocess.run([exe, str(path)], capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """One workspace with keys and one signed report, shared by the tests that only read it."""
    from reportdata import build

    root = tmp_path_factory.mktemp("signed")
    ws = root / "ws"
    ws.mkdir()
    cli = Cli(ws)
    assert cli("keys", "init", "--name", "Layla Haddad", env=PASS).exit_code == 0
    data = build(scale=1, findings=12)
    data_file = root / "data.json"
    data_file.write_text(data.model_dump_json(), encoding="utf-8")
    out = root / "report.pdf"
    result = cli("report", "--data", str(data_file), "--out", str(out), "--sign", env=PASS)
    assert result.exit_code == 0, result.output
    return {"cli": cli, "pdf": out, "bytes": out.read_bytes(), "data": data, "data_file": data_file,
            "cert": ws / ".auditor" / "keys" / "signing-cert.pem"}


def _pyhanko_status(data: bytes, trust_cert: Path | None = None):
    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from auditor.signing.sign import quiet_pyhanko_logs

    quiet_pyhanko_logs()
    roots = []
    if trust_cert is not None:
        _, _, der = pem.unarmor(trust_cert.read_bytes())
        roots.append(x509.Certificate.load(der))
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    embedded = reader.embedded_signatures[0]
    return embedded, validate_pdf_signature(embedded, ValidationContext(trust_roots=roots, allow_fetching=False))


def test_signed_report_is_valid_for_pyhanko_and_pdfsig(signed):
    from pyhanko.sign.validation import SignatureCoverageLevel

    embedded, status = _pyhanko_status(signed["bytes"], signed["cert"])
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES baseline
    assert status.md_algorithm == "sha256"
    assert embedded.field_name == "AuditorSignature"
    assert status.signing_cert.subject.human_friendly == "Common Name: Layla Haddad"

    text = pdfsig(signed["pdf"])
    assert "Signature is Valid." in text
    assert "Total document signed" in text
    assert "Layla Haddad" in text


def test_verify_reports_contract_json(signed):
    result = signed["cli"]("verify", str(signed["pdf"]), "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert {"valid", "intact", "signer", "signed_at", "trusted", "evidence_manifest"} <= set(out)
    assert out["valid"] is True and out["intact"] is True and out["trusted"] is True  # the workspace's own key
    assert out["signer"] == "CN=Layla Haddad"
    signed_at = datetime.fromisoformat(out["signed_at"])
    assert abs(datetime.now(timezone.utc) - signed_at) < timedelta(minutes=10)
    assert out["evidence_manifest"] == signed["data"].evidence_manifest_digest
    assert out["evidence_manifest"] == manifest_digest(signed["data"].evidence)
    assert out["evidence_items"] == len(signed["data"].evidence) and out["manifest_consistent"] is True
    assert out["covers_whole_file"] is True and out["modified_after_signing"] is False
    assert out["level"] == "PAdES B-B" and out["timestamped"] is False


def test_trust_anchor_decides_trusted(signed, tmp_path):
    ok = signed["cli"]("verify", str(signed["pdf"]), "--trust", str(signed["cert"]), "--format", "json")
    assert ok.exit_code == 0 and json.loads(ok.stdout)["trusted"] is True

    # from another workspace, whose own key is someone else's, only --trust decides
    other = Cli(tmp_path)
    assert other("keys", "init", "--no-passphrase", "--name", "Someone Else").exit_code == 0
    stranger = tmp_path / ".auditor" / "keys" / "signing-cert.pem"
    bad = other("verify", str(signed["pdf"]), "--trust", str(stranger), "--format", "json")
    assert bad.exit_code == 1
    out = json.loads(bad.stdout)
    assert out["trusted"] is False and out["valid"] is True
    assert any("signed by an untrusted key" in p and "--trust" in p for p in out["problems"])
    good = other("verify", str(signed["pdf"]), "--trust", str(signed["cert"]), "--format", "json")
    assert good.exit_code == 0 and json.loads(good.stdout)["trusted"] is True


def _flip_keywords_digit(data: bytes) -> bytes:
    """Change one hex digit of the evidence-manifest digest in the document information."""
    i = data.index(b"evidence-manifest-sha256=") + len("evidence-manifest-sha256=") + 5
    return data[:i] + (b"0" if data[i:i + 1] != b"0" else b"1") + data[i + 1:]


def _flip_stream_byte(data: bytes) -> bytes:
    """Flip one bit in the middle of the first compressed content stream."""
    start = data.index(b"stream\n", data.index(b"/FlateDecode")) + 7
    end = data.index(b"endstream", start)
    i = (start + end) // 2
    return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]


@pytest.mark.parametrize("flip", [_flip_keywords_digit, _flip_stream_byte], ids=["info-digest", "page-stream"])
def test_flipped_byte_inside_signed_range_is_rejected_by_all(signed, tmp_path, flip):
    original = signed["bytes"]
    tampered = flip(original)
    assert len(tampered) == len(original) and tampered != original
    byte_range = [int(x) for x in re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", original).groups()]
    changed = next(i for i, (a, b) in enumerate(zip(original, tampered)) if a != b)
    assert byte_range[0] <= changed < byte_range[1]  # inside the signed range
    path = tmp_path / "tampered.pdf"
    path.write_bytes(tampered)

    _, status = _pyhanko_status(tampered)
    assert not status.intact and not status.bottom_line
    text = pdfsig(path)
    assert "Signature is Valid." not in text and "Digest Mismatch." in text

    result = signed["cli"]("verify", str(path), "--format", "json")
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert out["valid"] is False and out["intact"] is False
    assert any("digest mismatch" in p for p in out["problems"])


def test_incremental_metadata_update_is_a_modification(signed, tmp_path):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.validation import SignatureCoverageLevel

    writer = IncrementalPdfFileWriter(io.BytesIO(signed["bytes"]))
    info = writer.trailer["/Info"]
    forged = "f" * 64
    info["/Keywords"] = generic.pdf_string(f"evidence-manifest-sha256={forged}")
    writer.update_container(info)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "updated.pdf"
    path.write_bytes(buffer.getvalue())

    _, status = _pyhanko_status(buffer.getvalue(), signed["cert"])
    assert status.intact and status.valid  # the signed bytes themselves are untouched...
    assert status.coverage != SignatureCoverageLevel.ENTIRE_FILE  # ...but they are no longer the whole file
    assert "Total document signed" not in pdfsig(path)

    result = signed["cli"]("verify", str(path), "--format", "json")
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert out["intact"] is False and out["modified_after_signing"] is True
    assert any("incremental update" in p for p in out["problems"])
    # the digest shown is the one that was signed, not the forged one
    assert out["evidence_manifest"] == signed["data"].evidence_manifest_digest != forged


def test_bytes_after_eof_are_a_modification(signed, tmp_path):
    path = tmp_path / "appended.pdf"
    path.write_bytes(signed["bytes"] + b"\n% appended after signing\n")
    result = signed["cli"]("verify", str(path), "--format", "json")
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert out["valid"] is True and out["intact"] is False and out["covers_whole_file"] is False
    assert any("follow the signed range" in p for p in out["problems"])


def test_unsigned_report_fails_verification_but_shows_its_manifest(signed, tmp_path):
    out_pdf = tmp_path / "plain.pdf"
    assert signed["cli"]("report", "--data", str(signed["data_file"]), "--out", str(out_pdf)).exit_code == 0
    result = signed["cli"]("verify", str(out_pdf), "--format", "json")
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert out["signed"] is False and out["valid"] is False
    assert out["evidence_manifest"] == signed["data"].evidence_manifest_digest
    assert "not signed" in pdfsig(out_pdf).lower() or "does not contain any signatures" in pdfsig(out_pdf)


@pytest.mark.parametrize("content", [b"hello, not a pdf\n", b""], ids=["text", "empty"])
def test_not_a_pdf_is_bad_input_exit_2(signed, tmp_path, content):
    path = tmp_path / "note.pdf"
    path.write_bytes(content)
    result = signed["cli"]("verify", str(path))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"auditor: error: {path}: not a PDF (no %PDF- header)"]
    missing = signed["cli"]("verify", str(tmp_path / "absent.pdf"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_human_output_names_signer_and_verdict(signed):
    result = signed["cli"]("verify", str(signed["pdf"]))
    assert result.exit_code == 0
    assert "CN=Layla Haddad" in result.stdout and "verdict: OK" in result.stdout


# ---- timestamps (PAdES B-T) from a real RFC 3161 server on 127.0.0.1 ------------------------------

def _tsa_identity():
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(key, hashes.SHA256()))
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return (asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
            asn1_keys.PrivateKeyInfo.load(der_key))


@pytest.fixture
def tsa_url():
    from asn1crypto import tsp
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    cert, key = _tsa_identity()
    stamper = DummyTimeStamper(tsa_cert=cert, tsa_key=key)
    requests_seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            requests_seen.append(self.headers.get("Content-Type"))
            reply = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/tsa", requests_seen
    server.shutdown()
    server.server_close()


def test_tsa_adds_rfc3161_timestamp_b_t(signed, tmp_path, tsa_url):
    url, seen = tsa_url
    out = tmp_path / "timestamped.pdf"
    result = signed["cli"]("report", "--data", str(signed["data_file"]), "--out", str(out), "--sign",
                           "--tsa", url, env=PASS)
    assert result.exit_code == 0, result.output
    assert seen and set(seen) == {"application/timestamp-query"}  # pyHanko asks once more to size the token
    verdict = json.loads(signed["cli"]("verify", str(out), "--format", "json").stdout)
    assert verdict["valid"] and verdict["intact"] and verdict["timestamped"] and verdict["level"] == "PAdES B-T"
    _, status = _pyhanko_status(out.read_bytes())
    assert status.timestamp_validity is not None and status.timestamp_validity.intact
    assert "Signature is Valid." in pdfsig(out)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_failed_signing_leaves_no_file_and_keeps_the_old_one(signed, tmp_path):
    out = tmp_path / "report.pdf"
    tsa = f"http://127.0.0.1:{_closed_port()}/tsa"
    result = signed["cli"]("report", "--data", str(signed["data_file"]), "--out", str(out), "--sign", "--tsa", tsa,
                           env=PASS)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "signing failed" in result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []

    out.write_bytes(b"previous report")
    again = signed["cli"]("report", "--data", str(signed["data_file"]), "--out", str(out), "--sign", "--tsa", tsa,
                          env=PASS)
    assert again.exit_code == 2
    assert out.read_bytes() == b"previous report" and sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


# ---- --dossier: every blob in the signed manifest re-checked in the evidence store ----------------

def test_dossier_recheck_finds_altered_blob(tmp_path):
    from reportdata import build

    from auditor.report.build import manifest_for
    from auditor.evidence.store import EvidenceStore
    from auditor.model.enums import EvidenceKind
    from auditor.workspace import Workspace

    ws = tmp_path / "ws"
    (ws / "evidence" / "zoho-crm").mkdir(parents=True)
    (ws / "evidence" / "zoho-crm" / "vendor.yaml").write_text("id: zoho-crm\nname: Zoho CRM\n", encoding="utf-8")
    store = EvidenceStore(Workspace(ws))
    for i, kind in enumerate([EvidenceKind.AUDIT_REPORT, EvidenceKind.CERTIFICATE]):
        doc = tmp_path / f"doc{i}.txt"
        doc.write_text(f"evidence document {i}\n", encoding="utf-8")
        store.add("zoho-crm", doc, kind=kind, covers=["encryption-at-rest"], effective=date(2026, 6, 30))
    entries = manifest_for(store.items("zoho-crm"))
    data = build(scale=0, findings=5).model_copy(update={"evidence": entries,
                                                        "evidence_manifest_digest": manifest_digest(entries)})
    data_file = tmp_path / "data.json"
    data_file.write_text(data.model_dump_json(), encoding="utf-8")
    cli = Cli(ws)
    assert cli("keys", "init", "--name", "Test Reviewer", "--no-passphrase").exit_code == 0
    pdf = tmp_path / "report.pdf"
    assert cli("report", "--data", str(data_file), "--out", str(pdf), "--sign").exit_code == 0

    good = cli("verify", str(pdf), "--dossier", "zoho-crm", "--format", "json")
    assert good.exit_code == 0, good.output
    assert json.loads(good.stdout)["evidence_checked"] == 2

    blob = store.blobs.path_for(entries[0].sha256)
    blob.chmod(0o644)
    blob.write_bytes(b"altered after the report was signed\n")
    bad = cli("verify", str(pdf), "--dossier", "zoho-crm", "--format", "json")
    assert bad.exit_code == 1
    out = json.loads(bad.stdout)
    assert out["valid"] and out["intact"] and out["evidence_ok"] is False
    assert any(entries[0].sha256[:12] in p for p in out["problems"])

    unknown = cli("verify", str(pdf), "--dossier", "no-such-vendor")
    assert unknown.exit_code == 2


def test_tampered_signature_blob_is_invalid_not_a_crash(signed, tmp_path):
    data = signed["bytes"]
    start = int(re.search(rb"/ByteRange\s*\[\s*\d+\s+(\d+)", data).group(1)) + 1  # first hex digit of /Contents
    i = start + 1200  # inside the embedded certificate
    flipped = data[:i] + (b"0" if data[i:i + 1] != b"0" else b"1") + data[i + 1:]
    path = tmp_path / "cert-tampered.pdf"
    path.write_bytes(flipped)
    result = signed["cli"]("verify", str(path), "--format", "json")
    assert result.exit_code == 1 and "Traceback" not in result.output
    out = json.loads(result.stdout)
    assert out["valid"] is False and out["problems"]
    # (poppler's pdfsig still says "Signature is Valid." here: it does not check the ESS signing-certificate
    # attribute that binds the certificate to the signature, which pyHanko does)


def test_signer_with_arabic_name_is_shown_on_the_signature_page(tmp_path):
    from reportdata import build

    ws = tmp_path / "ws"
    ws.mkdir()
    cli = Cli(ws)
    assert cli("keys", "init", "--no-passphrase", "--name", "ليلى حداد").exit_code == 0
    data_file = tmp_path / "data.json"
    data_file.write_text(build(scale=0, findings=5).model_dump_json(), encoding="utf-8")
    out = tmp_path / "r.pdf"
    assert cli("report", "--data", str(data_file), "--out", str(out), "--sign").exit_code == 0
    verdict = json.loads(cli("verify", str(out), "--format", "json").stdout)
    assert verdict["valid"] and verdict["signer"] == "CN=ليلى حداد"
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout \
        if shutil.which("pdftotext") else ""
    if text:
        import unicodedata

        assert "حداد" in unicodedata.normalize("NFKC", text)
        assert "signer named on this page" in text


def test_a_second_signature_added_later_is_a_modification(signed, tmp_path):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata

    from auditor.signing.keys import generate_keys, load_signing_material
    from auditor.signing.sign import _pyhanko_signer

    other = tmp_path / "other-keys"
    generate_keys(other, name="Someone Later", passphrase=None)
    signer = _pyhanko_signer(load_signing_material(other, None))
    out = io.BytesIO()
    signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(signed["bytes"])),
                     PdfSignatureMetadata(field_name="Later"), signer=signer, output=out)
    path = tmp_path / "countersigned.pdf"
    path.write_bytes(out.getvalue())
    result = signed["cli"]("verify", str(path), "--format", "json")
    assert result.exit_code == 1
    verdict = json.loads(result.stdout)
    assert verdict["signer"] == "CN=Layla Haddad" and verdict["signatures"] == 2
    assert verdict["valid"] is True and verdict["modified_after_signing"] is True
    assert any("added after the report was signed" in p for p in verdict["problems"])
