"""`auditor keys`: key generation, storage, PKCS#12 import, and passphrase errors."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from auditor.signing.keys import CERT_FILE, KEY_FILE

PASS = {"AUDITOR_KEY_PASSPHRASE": "correct horse"}


def _one_line_error(result) -> str:
    lines = result.stderr.strip().splitlines() if hasattr(result, "stderr") else result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("auditor: error: ")
    assert "Traceback" not in result.output
    return lines[0]


def test_init_writes_encrypted_p256_key_with_mode_0600_and_document_signing_cert(cli, workspace):
    result = cli("keys", "init", "--name", "Layla Haddad", "--format", "json", env=PASS)
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    keys_dir = workspace / ".auditor" / "keys"
    key_file = keys_dir / KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    pem = key_file.read_bytes()
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    with pytest.raises(TypeError):  # encrypted: unusable without the passphrase
        serialization.load_pem_private_key(pem, password=None)
    key = serialization.load_pem_private_key(pem, password=b"correct horse")
    assert isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1"

    cert = x509.load_pem_x509_certificate((keys_dir / CERT_FILE).read_bytes())
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Layla Haddad"
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ObjectIdentifier("1.3.6.1.5.5.7.3.36") in eku and ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    assert cert.public_key().public_numbers() == key.public_key().public_numbers()
    assert shown["key_type"] == "ECDSA P-256" and shown["encrypted"] is True and shown["self_signed"] is True
    assert shown["subject"] == "CN=Layla Haddad"


def test_no_passphrase_key_is_plain_but_still_0600(cli, workspace):
    assert cli("keys", "init", "--name", "Test Reviewer", "--no-passphrase").exit_code == 0
    key_file = workspace / ".auditor" / "keys" / KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_file.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    shown = cli.json("keys", "show")
    assert shown["encrypted"] is False


def test_existing_keys_are_kept_unless_forced(cli, workspace):
    assert cli("keys", "init", "--name", "Test Reviewer", "--no-passphrase").exit_code == 0
    first = (workspace / ".auditor" / "keys" / CERT_FILE).read_bytes()
    refused = cli("keys", "init", "--name", "Test Reviewer", "--no-passphrase")
    assert refused.exit_code == 2
    assert "--force" in _one_line_error(refused)
    assert (workspace / ".auditor" / "keys" / CERT_FILE).read_bytes() == first
    assert cli("keys", "init", "--name", "Test Reviewer", "--no-passphrase", "--force").exit_code == 0
    assert (workspace / ".auditor" / "keys" / CERT_FILE).read_bytes() != first


def test_missing_passphrase_without_terminal_is_one_line_exit_2(cli, workspace):
    result = cli("keys", "init", "--name", "Test Reviewer", env={"AUDITOR_KEY_PASSPHRASE": None})
    assert result.exit_code == 2
    assert "AUDITOR_KEY_PASSPHRASE" in _one_line_error(result)
    assert not (workspace / ".auditor" / "keys" / KEY_FILE).exists()


def test_wrong_passphrase_is_one_line_exit_2_and_writes_no_report(cli, workspace, tmp_path):
    from reportdata import write_json

    assert cli("keys", "init", "--name", "Test Reviewer", env=PASS).exit_code == 0
    data = write_json(tmp_path / "data.json", scale=0, findings=5)
    out = tmp_path / "report.pdf"
    result = cli("report", "--data", str(data), "--out", str(out), "--sign",
                 env={"AUDITOR_KEY_PASSPHRASE": "wrong"})
    assert result.exit_code == 2
    assert "wrong passphrase" in _one_line_error(result)
    assert not out.exists()
    assert not list(tmp_path.glob(".report.pdf*"))


def test_show_without_keys_says_how_to_create_them(cli):
    result = cli("keys", "show")
    assert result.exit_code == 2
    assert "auditor keys init" in _one_line_error(result)


def _p12(tmp_path: Path, key, password: bytes | None, name: str = "Imported Reviewer") -> Path:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    from datetime import datetime, timedelta, timezone

    now = datetime.now(timezone.utc)
    algorithm = None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(key, algorithm))
    encryption = serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption()
    path = tmp_path / "reviewer.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"reviewer", key, cert, None, encryption))
    return path


def test_p12_import_then_sign_and_verify(cli, workspace, tmp_path):
    from reportdata import write_json

    p12 = _p12(tmp_path, rsa.generate_private_key(public_exponent=65537, key_size=2048), b"p12 secret")
    result = cli("keys", "init", "--p12", str(p12), "--format", "json",
                 env={"AUDITOR_P12_PASSPHRASE": "p12 secret", **PASS})
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["subject"] == "CN=Imported Reviewer" and shown["key_type"] == "RSA 2048"
    assert shown["encrypted"] is True
    assert stat.S_IMODE((workspace / ".auditor" / "keys" / KEY_FILE).stat().st_mode) == 0o600

    out = tmp_path / "signed.pdf"
    data = write_json(tmp_path / "data.json", scale=0, findings=5)
    assert cli("report", "--data", str(data), "--out", str(out), "--sign", env=PASS).exit_code == 0
    verdict = cli.json("verify", str(out))
    assert verdict["valid"] and verdict["intact"] and verdict["signer"] == "CN=Imported Reviewer"


def test_p12_wrong_passphrase_is_one_line_exit_2(cli, workspace, tmp_path):
    p12 = _p12(tmp_path, ec.generate_private_key(ec.SECP256R1()), b"right")
    result = cli("keys", "init", "--p12", str(p12), env={"AUDITOR_P12_PASSPHRASE": "wrong", **PASS})
    assert result.exit_code == 2
    assert "wrong passphrase" in _one_line_error(result)
    assert not (workspace / ".auditor" / "keys").exists() or not any((workspace / ".auditor" / "keys").iterdir())


def test_p12_with_ed25519_key_is_refused_because_pdfsig_cannot_check_it(cli, tmp_path):
    p12 = _p12(tmp_path, ed25519.Ed25519PrivateKey.generate(), None)
    result = cli("keys", "init", "--p12", str(p12), "--no-passphrase", env={"AUDITOR_P12_PASSPHRASE": None})
    assert result.exit_code == 2
    assert "ECDSA P-256 or RSA" in _one_line_error(result)
