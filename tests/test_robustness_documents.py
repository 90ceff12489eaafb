"""Vendor documents and dossiers: `claims extract|text`, `vendor init|show|check`, and symlinks in a dossier.

Every bad document is refused with one line and exit 2; `vendor init` never leaves half a
dossier behind; control characters from a document never reach the terminal raw.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from badinput import RLO, assert_refused, make_huge, tree
from conftest import SEEDS

ZOHO = sorted(SEEDS.glob("001_*.txt"))[0]
ENGLISH = "We encrypt all customer data at rest with AES-256.\nWe hold an ISO 27001 certificate.\n"


def _encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _documents(base: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, word the one-line message must contain)."""
    base.mkdir(parents=True, exist_ok=True)
    made: dict[str, tuple[Path, str]] = {}

    def put(name: str, filename: str, content: bytes, needle: str) -> None:
        path = base / name / filename
        path.parent.mkdir()
        path.write_bytes(content)
        made[name] = (path, needle)

    put("binary", "profile.txt", bytes(range(256)) * 8, "binary")
    put("png", "logo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "binary")
    put("utf16", "profile.txt", ENGLISH.encode("utf-16"), "binary")
    put("latin1", "profile.txt", "Données chiffrées au repos (AES-256).\n".encode("latin-1"), "utf-8")
    put("cp1256-arabic", "profile.txt", "نحن نشفر البيانات".encode("cp1256"), "utf-8")
    put("pdf-that-is-text", "report.pdf", ENGLISH.encode(), "pdf")
    put("truncated-pdf", "report.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R", "pdf")
    put("pdf-header-garbage", "report.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 16, "pdf")
    put("encrypted-pdf", "report.pdf", _encrypted_pdf(), "encrypted")
    put("html-nested-deep", "page.html",
        ("<html><body>" + "<div>" * 5_000 + ENGLISH + "</div>" * 5_000 + "</body></html>").encode(), "nested")
    put("html-only-script", "page.html", b"<html><head><script>alert(1)</script></head><body></body></html>", "no text")
    put("empty", "profile.txt", b"", "no text")
    put("blank", "profile.txt", b" \n\t\n\r\n  ", "no text")
    made["huge"] = (make_huge(base / "huge" / "profile.txt", ENGLISH.encode()), "too large")
    made["missing"] = (base / "missing" / "profile.txt", "not found")
    (base / "folder" / "profile.txt").mkdir(parents=True)
    made["folder"] = (base / "folder" / "profile.txt", "folder")
    return made


DOCUMENT_CASES = ["binary", "png", "utf16", "latin1", "cp1256-arabic", "pdf-that-is-text", "truncated-pdf",
                  "pdf-header-garbage", "encrypted-pdf", "html-nested-deep", "html-only-script", "empty", "blank",
                  "huge", "missing", "folder"]


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    return _documents(tmp_path_factory.mktemp("docs"))


@pytest.mark.parametrize("case", DOCUMENT_CASES)
@pytest.mark.parametrize("command", ["extract", "text", "init"])
def test_bad_documents_are_refused(cli, workspace, documents, command, case):
    path, needle = documents[case]
    args = {"extract": ["claims", "extract", str(path)], "text": ["claims", "text", str(path)],
            "init": ["vendor", "init", "acme", "--from", str(path)]}[command]
    before = tree(workspace)
    line = assert_refused(cli(*args), needle, root=workspace, before=before)
    assert path.name in line


def test_a_bad_document_among_good_ones_stops_vendor_init_before_anything_is_written(cli, workspace, documents):
    good = workspace.parent / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    before = tree(workspace)
    assert_refused(cli("vendor", "init", "acme", "--from", str(good), "--from", str(documents["binary"][0])),
                   "binary", root=workspace, before=before)
    assert not (workspace / "evidence").exists()


@pytest.mark.parametrize("vendor_id", ["../evil", "/tmp/evil", "..", ".", "a/b", "evidence/../../x", "Evil",
                                       f"acme{RLO}", "acme\x1b[2J", "a" * 65, "", "-", ".hidden", "a..b", "acme "])
def test_vendor_init_refuses_ids_that_are_not_plain_names(cli, workspace, vendor_id):
    good = workspace.parent / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    before = tree(workspace)
    outside = tree(workspace.parent)
    result = cli("vendor", "init", vendor_id, "--from", str(good))
    if result.stderr.startswith("Usage:"):  # "-" read as an option by click: still a usage error, exit 2
        assert result.exit_code == 2 and "Traceback" not in result.output
    else:
        line = assert_refused(result, "vendor id", root=workspace, before=before)
        assert RLO not in line and "\x1b" not in line
    assert tree(workspace.parent) == outside  # nothing written next to the workspace either


@pytest.mark.parametrize("option,value", [("--name", f"Zoho{RLO}MRC"), ("--name", "Zoho\x1b[2J"),
                                          ("--legal-name", "Acme\u2066Ltd\u2069"), ("--website", "x\x00y")])
def test_vendor_init_refuses_names_that_could_disguise_themselves(cli, workspace, option, value):
    good = workspace.parent / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    before = tree(workspace)
    line = assert_refused(cli("vendor", "init", "acme", "--from", str(good), option, value),
                          root=workspace, before=before)
    assert RLO not in line and "\x1b" not in line and "\u2066" not in line and "\x00" not in line


def test_vendor_init_never_overwrites_a_dossier(cli, workspace):
    good = workspace.parent / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    assert cli("vendor", "init", "acme", "--from", str(good)).exit_code == 0
    before = tree(workspace)
    assert_refused(cli("vendor", "init", "acme", "--from", str(ZOHO)), "exists", root=workspace, before=before)


# control characters from documents ---------------------------------------------------------------

SNEAKY_LINES = [
    f"We encrypt data at rest{RLO} with AES-256.",
    "\x1b[2J\x1b[31mWe are ISO 27001 certified.\x1b[0m",
    "We support two-factor authentication\u2066 for every user\u2069.",
    "Backups run daily\x07\x08 and are kept for 30 days.",
]


def test_claims_tables_escape_control_and_bidi_characters(cli, workspace):
    doc = workspace.parent / "sneaky.txt"
    doc.write_text("\n".join(SNEAKY_LINES) + "\n", encoding="utf-8")
    for args in (["claims", "extract", str(doc)], ["claims", "text", str(doc)]):
        result = cli(*args)
        assert result.exit_code == 0, result.output
        for bad in (RLO, "\x1b", "\u2066", "\u2069", "\x07", "\x08"):
            assert bad not in result.stdout, (args, bad)
        assert "\\u202e" in result.stdout


def test_claims_json_cites_the_exact_lines_even_with_control_characters(cli, workspace):
    doc = workspace.parent / "sneaky.txt"
    doc.write_text("\n".join(SNEAKY_LINES) + "\n", encoding="utf-8")
    result = cli("claims", "extract", str(doc), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    citations = [item["citation"] for key in ("claims", "attestations", "regulations", "locations", "sla")
                 for item in data.get(key, []) if item.get("citation")]
    assert citations, data
    for citation in citations:
        assert citation["text"] == SNEAKY_LINES[citation["line"] - 1]


def test_a_dossier_built_from_sneaky_lines_shows_them_escaped(cli, workspace):
    doc = workspace.parent / "sneaky.txt"
    doc.write_text("\n".join(SNEAKY_LINES) + "\n", encoding="utf-8")
    assert cli("vendor", "init", "acme", "--from", str(doc)).exit_code == 0
    for args in (["vendor", "show", "acme"], ["vendor", "check", "acme"], ["audit", "acme", "--no-record"],
                 ["audit", "acme", "--no-record", "--format", "md"]):
        result = cli(*args)
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        for bad in (RLO, "\x1b", "\u2066", "\x07"):
            assert bad not in result.output, (args, bad)


def test_the_pdf_report_draws_sneaky_lines_in_their_logical_order(cli, workspace):
    """A right-to-left override inside a cited line must not reverse it in the report."""
    from poppler import pdftotext

    doc = workspace.parent / "sneaky.txt"
    doc.write_text("\n".join(SNEAKY_LINES) + "\n", encoding="utf-8")
    assert cli("vendor", "init", "acme", "--from", str(doc)).exit_code == 0
    out = workspace / "acme.pdf"
    result = cli("report", "acme", "--out", str(out))
    assert result.exit_code == 0, result.output
    text = pdftotext(out, layout=True)  # skips cleanly where poppler is not installed
    for bad in (RLO, "\u2066", "\u2069", "\x1b", "\x07"):
        assert bad not in text, repr(bad)
    squashed = " ".join(text.split())
    assert "We encrypt data at rest with AES-256" in squashed or "at rest with AES-256" in squashed, squashed[:3000]
    assert "652-SEA" not in squashed  # the override did not reverse what follows it


# symbolic links in a dossier ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def built_dossier(tmp_path_factory) -> Path:
    """One real `vendor init` (the slow part), copied into each test's workspace."""
    from conftest import Cli

    ws = tmp_path_factory.mktemp("built") / "ws"
    ws.mkdir()
    doc = ws.parent / "profile.txt"
    doc.write_text(ENGLISH, encoding="utf-8")
    assert Cli(ws)("vendor", "init", "acme", "--from", str(doc)).exit_code == 0
    return ws / "evidence" / "acme"


@pytest.fixture
def dossier(workspace, built_dossier) -> Path:
    shutil.copytree(built_dossier, workspace / "evidence" / "acme", symlinks=True)
    return workspace / "evidence" / "acme"


def _secret(workspace: Path) -> Path:
    secret = workspace.parent / "secret.txt"
    secret.write_text("id: acme\nname: Not Your Business\n", encoding="utf-8")
    return secret


def test_a_symlinked_vendor_yaml_is_refused(cli, workspace, dossier):
    target = workspace.parent / "elsewhere.yaml"
    shutil.move(dossier / "vendor.yaml", target)
    (dossier / "vendor.yaml").symlink_to(target)
    before = tree(workspace)
    for args in (["audit", "acme", "--no-record"], ["vendor", "show", "acme"], ["vendor", "check", "acme"],
                 ["screen", "acme", "--name", "x"][:2], ["report", "acme", "--out", str(workspace / "r.pdf")]):
        result = cli(*args)
        if args[0] == "screen" and "list" in result.stderr:  # no list available: refused before the dossier
            continue
        assert_refused(result, "symbolic link", root=workspace, before=before)


def test_a_symlinked_document_is_refused(cli, workspace, dossier):
    document = next((dossier / "documents").iterdir())
    secret = _secret(workspace)
    document.unlink()
    document.symlink_to(secret)
    before = tree(workspace)
    result = cli("vendor", "check", "acme")
    assert result.exit_code in (1, 2), result.output  # a check that ran and failed, or refused input
    assert "Traceback" not in result.output and "internal error" not in result.stderr
    assert "Not Your Business" not in result.output
    assert tree(workspace) == before


def test_a_symlinked_documents_folder_is_refused(cli, workspace, dossier):
    documents = dossier / "documents"
    elsewhere = workspace.parent / "docs-elsewhere"
    shutil.move(documents, elsewhere)
    documents.symlink_to(elsewhere)
    result = cli("vendor", "check", "acme")
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.stderr


@pytest.mark.parametrize("path", ["../../../etc/passwd", "/etc/passwd", "documents/../../vendor.yaml",
                                  "documents/../../../../etc/hostname"])
def test_document_paths_that_leave_the_dossier_are_refused(cli, workspace, dossier, path):
    text = (dossier / "vendor.yaml").read_text(encoding="utf-8")
    original = next(line for line in text.splitlines() if line.startswith("- path: documents/"))
    (dossier / "vendor.yaml").write_text(text.replace(original, f"- path: {path}"), encoding="utf-8")
    result = cli("vendor", "check", "acme")
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.stderr
    assert "root:" not in result.output  # the file outside was not shown
