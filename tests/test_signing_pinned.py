"""`auditor verify` trusts only pinned signers: the workspace's own key, trusted-signers/, --trust.

The attack of issue #17: a report signed by a key from another workspace said "verdict: OK",
exit 0, and every key carried the same default name. Real keys, real pyHanko signatures, and
poppler's pdfsig as a second, independent validator.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import Cli
from ledgerkit import init_keys


def tiny_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Vendor audit: a one-page test report")
    page.showPage()
    page.save()
    return out.getvalue()


def signed_by(workspace: Path, out: Path) -> Path:
    """A PDF signed with ``workspace``'s key, through the tool's own signing code."""
    from auditor.signing.keys import load_signing_material
    from auditor.signing.sign import SignatureRequest, sign_pdf
    from auditor.workspace import Workspace

    material = load_signing_material(Workspace(workspace).keys_dir, None)
    out.write_bytes(sign_pdf(tiny_pdf(), SignatureRequest(material=material, box=(72, 72, 300, 140), page=0)))
    return out


@pytest.fixture
def two_workspaces(tmp_path):
    """Ours and someone else's, both keys named alike (a name proves nothing; the fingerprint does)."""
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    ours.mkdir()
    theirs.mkdir()
    init_keys(ours, name="Jane Doe, Acme Security")
    init_keys(theirs, name="Jane Doe, Acme Security")
    return ours, theirs


def fingerprint(workspace: Path) -> str:
    from auditor.signing.keys import describe_keys
    from auditor.workspace import Workspace

    return describe_keys(Workspace(workspace).keys_dir).fingerprint_sha256


def test_a_report_signed_by_our_own_key_verifies(two_workspaces, tmp_path):
    ours, _ = two_workspaces
    pdf = signed_by(ours, tmp_path / "ours.pdf")
    result = Cli(ours)("verify", str(pdf))
    assert result.exit_code == 0, result.output
    assert "OK: signed by a trusted key" in result.stdout and "Jane Doe" in result.stdout


def test_a_foreign_signer_is_refused_with_subject_and_fingerprint(two_workspaces, tmp_path):
    ours, theirs = two_workspaces
    pdf = signed_by(theirs, tmp_path / "theirs.pdf")
    result = Cli(ours)("verify", str(pdf))
    assert result.exit_code == 1
    assert "signed by an untrusted key" in result.stderr
    assert "Jane Doe" in result.stderr and fingerprint(theirs) in result.stderr
    assert "FAILED" in result.stdout
    data = json.loads(Cli(ours)("verify", str(pdf), "--format", "json").stdout)
    assert data["ok"] is False and data["trusted"] is False and data["valid"] is True
    assert data["signer_fingerprint"] == fingerprint(theirs)


def test_with_no_key_at_all_no_signer_is_trusted(two_workspaces, tmp_path):
    _, theirs = two_workspaces
    empty = tmp_path / "empty"
    empty.mkdir()
    pdf = signed_by(theirs, tmp_path / "theirs.pdf")
    result = Cli(empty)("verify", str(pdf))
    assert result.exit_code == 1 and "trusts no signer" in result.stderr
    assert not (empty / ".auditor").exists()


@pytest.mark.parametrize("how", ["--trust file", "--trust folder", "trusted-signers folder"])
def test_a_pinned_foreign_signer_is_accepted(two_workspaces, tmp_path, how):
    ours, theirs = two_workspaces
    pdf = signed_by(theirs, tmp_path / "theirs.pdf")
    cert = theirs / ".auditor" / "keys" / "signing-cert.pem"
    args: list[str] = []
    if how == "--trust file":
        args = ["--trust", str(cert)]
    elif how == "--trust folder":
        folder = tmp_path / "colleagues"
        folder.mkdir()
        shutil.copy(cert, folder / "jane.pem")
        args = ["--trust", str(folder)]
    else:
        (ours / "trusted-signers").mkdir()
        shutil.copy(cert, ours / "trusted-signers" / "jane.pem")
    result = Cli(ours)("verify", str(pdf), *args)
    assert result.exit_code == 0, result.output


def test_any_signer_is_an_explicit_opt_out_that_says_so(two_workspaces, tmp_path):
    ours, theirs = two_workspaces
    pdf = signed_by(theirs, tmp_path / "theirs.pdf")
    result = Cli(ours)("verify", str(pdf), "--any-signer")
    assert result.exit_code == 0
    assert "NOT CHECKED (--any-signer)" in result.stdout and "signer NOT checked" in result.stdout
    data = json.loads(Cli(ours)("verify", str(pdf), "--any-signer", "--format", "json").stdout)
    assert data["any_signer"] is True and data["trusted"] is False
    assert any("--any-signer" in n for n in data["notes"])


def test_any_signer_still_refuses_a_modified_document(two_workspaces, tmp_path):
    ours, theirs = two_workspaces
    pdf = signed_by(theirs, tmp_path / "theirs.pdf")
    pdf.write_bytes(pdf.read_bytes() + b"\n% appended after signing\n")
    assert Cli(ours)("verify", str(pdf), "--any-signer").exit_code == 1


def test_a_bad_trust_file_is_bad_input(two_workspaces, tmp_path):
    ours, theirs = two_workspaces
    pdf = signed_by(theirs, tmp_path / "theirs.pdf")
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    result = Cli(ours)("verify", str(pdf), "--trust", str(junk))
    assert result.exit_code == 2 and "junk.pem" in result.stderr
    assert Cli(ours)("verify", str(pdf), "--trust", str(tmp_path / "nope.pem")).exit_code == 2


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
def test_pdfsig_validates_the_signature_and_names_the_signer(two_workspaces, tmp_path):
    ours, _ = two_workspaces
    pdf = signed_by(ours, tmp_path / "ours.pdf")
    out = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, timeout=60).stdout
    assert "Signature is Valid." in out and "Jane Doe" in out


def test_keys_init_requires_the_signers_name(cli, workspace):
    result = cli("keys", "init", "--no-passphrase")
    assert result.exit_code == 2 and "--name" in result.stderr
    assert not (workspace / ".auditor" / "keys" / "signing-key.pem").exists()
    made = cli("keys", "init", "--name", "Jane Doe, Acme Security", "--no-passphrase", "--format", "json")
    assert made.exit_code == 0 and "Jane Doe" in json.loads(made.stdout)["subject"]


def test_signer_name_comes_from_the_certificate(workspace):
    from auditor.signing.keys import describe_keys, signer_name
    from auditor.workspace import Workspace

    cert_file = init_keys(workspace, name="ليلى حداد, Acme Security")
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
    assert signer_name(cert) == "ليلى حداد, Acme Security"
    assert describe_keys(Workspace(workspace).keys_dir).subject.startswith("CN=")
