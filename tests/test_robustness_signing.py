"""`keys init`, `report --out --sign` and `verify FILE.pdf` on bad input.

A file that is not a PDF is refused (exit 2, one line); a damaged signed report never
verifies (exit 1); a report that cannot be written or signed leaves no file behind.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest
from badinput import RLO, assert_refused, make_huge, tree
from conftest import Cli

PASS = {"AUDITOR_KEY_PASSPHRASE": "correct horse", "AUDITOR_P12_PASSPHRASE": "p12 pass"}
VENDOR = "id: acme\nname: Acme Hosting\nhosting:\n  - country: DE\n    role: hosting\n"


@pytest.fixture(scope="module")
def signed(tmp_path_factory) -> Path:
    """A workspace with keys and one signed report (made once: signing costs about a second)."""
    ws = tmp_path_factory.mktemp("signed") / "ws"
    (ws / "evidence" / "acme").mkdir(parents=True)
    (ws / "evidence" / "acme" / "vendor.yaml").write_text(VENDOR, encoding="utf-8")
    cli = Cli(ws)
    assert cli("keys", "init", "--name", "Layla Haddad", env=PASS).exit_code == 0
    result = cli("report", "acme", "--out", str(ws / "acme.pdf"), "--sign", env=PASS)
    assert result.exit_code == 0, result.output
    return ws


@pytest.fixture
def signed_ws(signed, tmp_path) -> Path:
    ws = tmp_path / "signed-copy"
    shutil.copytree(signed, ws)
    return ws


def _not_pdfs(base: Path) -> dict[str, tuple[Path, str]]:
    base.mkdir(parents=True, exist_ok=True)
    files = {"text": b"This is the report, honest.\n", "empty": b"", "binary": os.urandom(2048).replace(b"%", b"_"),
             "html": b"<html><body>%PDF in the body is not a header</body></html>" + b" " * 2000 + b"%PDF-1.7",
             "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "utf16": "%PDF-1.7".encode("utf-16")}
    made = {}
    for name, content in files.items():
        path = base / f"{name}.pdf"
        path.write_bytes(content)
        made[name] = (path, "not a pdf")
    made["missing"] = (base / "missing.pdf", "no such file")
    (base / "folder.pdf").mkdir()
    made["folder"] = (base / "folder.pdf", "folder")
    return made


@pytest.mark.parametrize("case", ["text", "empty", "binary", "html", "png", "utf16", "missing", "folder"])
def test_verify_refuses_what_is_not_a_pdf(cli, workspace, tmp_path, case):
    path, needle = _not_pdfs(tmp_path / "files")[case]
    before = tree(workspace)
    for fmt in ("table", "json"):
        line = assert_refused(cli("verify", str(path), "--format", fmt), needle, root=workspace, before=before)
        assert path.name in line


@pytest.mark.parametrize("content", [b"%PDF-1.7\ngarbage", b"%PDF-1.4\n" + bytes(range(256)) * 8,
                                     b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"
                                     b"trailer << /Root 1 0 R >>\n%%EOF\n"],
                         ids=["garbage", "binary-body", "no-xref"])
def test_verify_of_a_broken_pdf_fails_cleanly(cli, workspace, tmp_path, content):
    """A %PDF- header with nothing readable behind it: a failed verification (or refused input), never valid."""
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    result = cli("verify", str(path), "--format", "json")
    assert "Traceback" not in result.output and "internal error" not in result.stderr, result.output
    assert result.exit_code in (1, 2), result.output
    if result.exit_code == 1:
        import json

        report = json.loads(result.stdout)
        assert report["valid"] is False and report["intact"] is False


@pytest.mark.parametrize("content", [b"", b"not a certificate", os.urandom(512),
                                     b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"],
                         ids=["empty", "text", "binary", "broken-pem"])
def test_verify_refuses_a_trust_file_that_is_not_a_certificate(signed_ws, tmp_path, content):
    cert = tmp_path / "ca.pem"
    cert.write_bytes(content)
    before = tree(signed_ws)
    assert_refused(Cli(signed_ws)("verify", str(signed_ws / "acme.pdf"), "--trust", str(cert)), "ca.pem",
                   root=signed_ws, before=before)


def test_the_signed_report_verifies(signed):
    result = Cli(signed)("verify", str(signed / "acme.pdf"))
    assert result.exit_code == 0, result.output


def _damaged(original: bytes, how: str, rng: random.Random) -> bytes:
    if how == "truncated-half":
        return original[: len(original) // 2]
    if how == "truncated-tail":
        return original[:-50]
    if how == "appended":
        return original + b"\n% appended after signing\n"
    if how == "flipped-byte":
        data = bytearray(original)
        position = rng.randrange(len(data))
        data[position] ^= 1 << rng.randrange(8)
        return bytes(data)
    if how == "zeroed-block":
        start = rng.randrange(len(original) - 512)
        return original[:start] + b"\x00" * 512 + original[start + 512:]
    raise AssertionError(how)


DAMAGE = ["truncated-half", "truncated-tail", "appended"] + [f"flipped-byte-{i}" for i in range(12)] + \
    [f"zeroed-block-{i}" for i in range(4)]


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_signed_report_never_verifies(signed, tmp_path, how):
    rng = random.Random(f"damage-{how}")  # fixed seed: the same bytes every run
    original = (signed / "acme.pdf").read_bytes()
    damaged = _damaged(original, how.rsplit("-", 1)[0] if how[-1].isdigit() else how, rng)
    assert damaged != original
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damaged)
    result = Cli(signed)("verify", str(path), "--format", "json")
    assert "Traceback" not in result.output and "internal error" not in result.stderr, result.output
    assert result.exit_code in (1, 2), f"{how}: a damaged report verified:\n{result.output}"


# keys init ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", ["text", "empty", "binary", "huge", "missing"])
def test_keys_init_refuses_a_p12_that_is_not_one(cli, workspace, tmp_path, case):
    path = tmp_path / "reviewer.p12"
    if case == "huge":
        make_huge(path, b"0\x82")
    elif case != "missing":
        path.write_bytes({"text": b"MII not really\n", "empty": b"", "binary": os.urandom(1024)}[case])
    before = tree(workspace)
    assert_refused(cli("keys", "init", "--p12", str(path), env=PASS), "reviewer.p12", root=workspace, before=before)


@pytest.mark.parametrize("name", [f"Layla{RLO}laddaH", "Layla\x1b[2J", "Layla\nHaddad", "Layla\u2067Haddad", "  "])
def test_keys_init_refuses_signer_names_that_could_disguise_themselves(cli, workspace, name):
    before = tree(workspace)
    line = assert_refused(cli("keys", "init", "--name", name, env=PASS), "name", root=workspace, before=before)
    assert RLO not in line and "\x1b" not in line


def test_keys_init_never_replaces_keys_without_force(signed_ws):
    before = tree(signed_ws)
    assert_refused(Cli(signed_ws)("keys", "init", "--name", "Mallory", env=PASS), "--force",
                   root=signed_ws, before=before)


# report ------------------------------------------------------------------------------------------

@pytest.fixture
def unsigned_ws(workspace) -> Path:
    (workspace / "evidence" / "acme").mkdir(parents=True)
    (workspace / "evidence" / "acme" / "vendor.yaml").write_text(VENDOR, encoding="utf-8")
    return workspace


def test_report_sign_without_keys_writes_nothing(cli, unsigned_ws):
    before = tree(unsigned_ws)
    assert_refused(cli("report", "acme", "--out", str(unsigned_ws / "out" / "acme.pdf"), "--sign", env=PASS),
                   "keys init", root=unsigned_ws, before=before)


def test_report_sign_with_a_wrong_passphrase_writes_nothing(signed_ws):
    before = tree(signed_ws)
    result = Cli(signed_ws)("report", "acme", "--out", str(signed_ws / "new.pdf"), "--sign",
                            env={"AUDITOR_KEY_PASSPHRASE": "wrong"})
    assert_refused(result, "passphrase", root=signed_ws, before=before)


@pytest.mark.parametrize("args,needle", [
    (["--out", "acme.txt"], "pdf"),
    (["--tsa", "http://127.0.0.1:9/"], "--sign"),
    (["--as-of", "2026-13-45"], "--as-of"),
    (["--framework", "../../etc/passwd"], "framework"),
])
def test_report_refuses_bad_options_and_writes_nothing(cli, unsigned_ws, args, needle):
    out = ["--out", str(unsigned_ws / "acme.pdf")] if "--out" not in args else \
        ["--out", str(unsigned_ws / args[args.index("--out") + 1])]
    rest = [a for i, a in enumerate(args) if a != "--out" and (i == 0 or args[i - 1] != "--out")]
    before = tree(unsigned_ws)
    assert_refused(cli("report", "acme", *out, *rest, env=PASS), needle, root=unsigned_ws, before=before)


@pytest.mark.parametrize("tsa", ["javascript:alert(1)", "file:///etc/passwd", "http://", "ftp://127.0.0.1/tsa"])
def test_report_refuses_a_bad_timestamp_authority_and_writes_nothing(signed_ws, tsa):
    before = tree(signed_ws)
    assert_refused(Cli(signed_ws)("report", "acme", "--out", str(signed_ws / "new.pdf"), "--sign", "--tsa", tsa,
                                  env=PASS), "timestamp", root=signed_ws, before=before)


@pytest.mark.parametrize("vendor", ["../acme", "/etc", "ACME", f"acme{RLO}", "nosuch"])
def test_report_refuses_bad_vendors_and_writes_nothing(cli, unsigned_ws, vendor):
    before = tree(unsigned_ws)
    assert_refused(cli("report", vendor, "--out", str(unsigned_ws / "acme.pdf")), root=unsigned_ws, before=before)


@pytest.mark.parametrize("content,needle", [
    (b"\x00\x01\x02binary", "binary"), (b"{not json", "json"), (b'{"vendor": 1}', "report data"), (b"[]", ""),
    (b"caf\xe9", "utf-8"), (b"", ""),
], ids=["binary", "syntax", "schema", "list", "latin1", "empty"])
def test_report_refuses_bad_saved_data_and_writes_nothing(cli, workspace, tmp_path, content, needle):
    data = tmp_path / "report.json"
    data.write_bytes(content)
    before = tree(workspace)
    line = assert_refused(cli("report", "--data", str(data), "--out", str(workspace / "r.pdf")), needle,
                          root=workspace, before=before)
    assert "report.json" in line


def test_report_refuses_a_hundred_megabyte_data_file_by_size(cli, workspace, tmp_path):
    data = make_huge(tmp_path / "report.json", b'{"vendor": ')
    before = tree(workspace)
    assert_refused(cli("report", "--data", str(data), "--out", str(workspace / "r.pdf")), "too large",
                   root=workspace, before=before)
