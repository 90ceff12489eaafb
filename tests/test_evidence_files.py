"""Files: private workspace state, shareable outputs, special files refused, dossiers kept inside.

Run as real subprocesses with a chosen umask (the umask belongs to the process), on real files,
FIFOs and devices.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from ledgerkit import init_keys

REPO = Path(__file__).resolve().parent.parent


def run(workspace: Path, *args: str, umask: int = 0o022, timeout: float = 120) -> subprocess.CompletedProcess:
    def preexec():
        os.umask(umask)

    return subprocess.run([sys.executable, "-m", "auditor", "-w", str(workspace), *args], capture_output=True,
                          text=True, preexec_fn=preexec, timeout=timeout, cwd=workspace)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def acme(workspace: Path) -> Path:
    folder = workspace / "evidence" / "acme"
    folder.mkdir(parents=True)
    (folder / "vendor.yaml").write_text("id: acme\nname: Acme Ltd\n", encoding="utf-8")
    return workspace


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o002])
def test_workspace_state_is_private_whatever_the_umask(acme, umask):
    doc = acme / "soc2.pdf"
    doc.write_bytes(b"%PDF-1.7 a confidential vendor report\n")
    assert run(acme, "keys", "init", "--name", "Test Reviewer", "--no-passphrase", umask=umask).returncode == 0
    added = run(acme, "evidence", "add", "acme", str(doc), "--kind", "audit-report", umask=umask)
    assert added.returncode == 0, added.stderr
    assert run(acme, "audit", "acme", "--record", "--format", "json", umask=umask).returncode in (0, 1)
    state = acme / ".auditor"
    assert mode(state) == 0o700
    files = [p for p in state.rglob("*") if p.is_file()]
    folders = [p for p in state.rglob("*") if p.is_dir()]
    assert any(p.name == "auditor.db" for p in files) and any("blobs" in p.parts for p in files)
    for path in files:
        if path.name == "signing-cert.pem":
            continue  # the certificate is public by design
        assert mode(path) == 0o600, f"{path.relative_to(acme)} is {oct(mode(path))}"
    for path in folders:
        assert mode(path) == 0o700, f"{path.relative_to(acme)} is {oct(mode(path))}"


def test_state_left_readable_by_an_older_version_is_tightened(acme):
    doc = acme / "p.txt"
    doc.write_text("policy\n")
    init_keys(acme)
    assert run(acme, "evidence", "add", "acme", str(doc), "--kind", "policy").returncode == 0
    state = acme / ".auditor"
    state.chmod(0o755)
    (state / "auditor.db").chmod(0o644)
    doc2 = acme / "q.txt"
    doc2.write_text("another\n")
    assert run(acme, "evidence", "add", "acme", str(doc2), "--kind", "policy").returncode == 0
    assert mode(state) == 0o700 and mode(state / "auditor.db") == 0o600


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_reports_and_exports_written_with_out_follow_the_umask(workspace, umask, expected):
    out = workspace / "zoho.json"
    soa = workspace / "soa.csv"
    result = run(workspace, "audit", "zoho-crm", "--format", "json", "--out", str(out), "--soa", str(soa),
                 "--no-record", umask=umask)
    assert result.returncode in (0, 1), result.stderr
    assert mode(out) == expected and mode(soa) == expected
    # replacing an existing file gives the new one the same umask-decided mode
    out.chmod(0o600)
    assert run(workspace, "audit", "zoho-crm", "--format", "md", "--out", str(out), "--no-record",
               umask=umask).returncode in (0, 1)
    assert mode(out) == expected


READ_ONLY = [
    ["frameworks", "list"],
    ["frameworks", "show", "gdpr"],
    ["controls", "show", "encryption-at-rest"],
    ["claims", "extract", "{doc}"],
    ["vendor", "show", "zoho-crm"],
    ["vendor", "check", "zoho-crm"],
    ["audit", "zoho-crm", "--no-record", "--format", "json"],
    ["evidence", "verify"],
    ["evidence", "list", "zoho-crm"],
    ["evidence", "log"],
    ["evidence", "kinds"],
    ["screen", "--name", "Acme Trading", "--list", "{sdn}"],
    ["verify", "{pdf}"],
    ["keys", "show"],
]


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: " ".join(c[:2]))
def test_read_only_commands_do_not_create_the_state_folder(tmp_path, command):
    folder = tmp_path / "anywhere"
    folder.mkdir()
    doc = tmp_path / "policy.txt"
    doc.write_text("We encrypt customer data at rest with AES-256.\n")
    sdn = tmp_path / "sdn.csv"
    sdn.write_text('36,"AEROCARIBBEAN AIRLINES",-0-,"CUBA",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n')
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%%EOF\n")
    args = [a.format(doc=doc, sdn=sdn, pdf=pdf) for a in command]
    result = run(folder, *args)
    assert "Traceback" not in result.stderr
    assert not (folder / ".auditor").exists(), f"{' '.join(command)} created .auditor/ ({result.stderr})"
    assert sorted(p.name for p in folder.iterdir()) == []


# special files as outputs ----------------------------------------------------------------------------


def _special(kind: str, base: Path) -> Path:
    if kind == "fifo":
        path = base / "out.fifo"
        os.mkfifo(path)
    elif kind == "folder":
        path = base / "out-folder"
        path.mkdir()
    elif kind == "socket":
        path = base / "out.sock"
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()
    elif kind == "device":
        path = Path("/dev/full")
    else:  # a symlink to a device
        path = base / "link-to-null"
        path.symlink_to("/dev/null")
    return path


@pytest.mark.parametrize("kind", ["fifo", "folder", "socket", "device", "symlink-to-device"])
@pytest.mark.parametrize("option", ["--soa", "--out"])
def test_outputs_that_are_not_regular_files_are_refused_and_untouched(workspace, tmp_path, kind, option):
    target = _special(kind, tmp_path)
    before = os.stat(target)
    result = run(workspace, "audit", "zoho-crm", "--format", "md", "--no-record", option, str(target))
    assert result.returncode == 2, result.stderr
    assert "not a regular file" in result.stderr and "refusing to replace it" in result.stderr
    after = os.stat(target)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode) and after.st_ino == before.st_ino
    assert target.is_symlink() == (kind == "symlink-to-device")


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_report_pdf_to_a_fifo_or_device_is_refused(workspace, tmp_path, kind):
    target = _special(kind, tmp_path)
    before = os.stat(target)
    result = run(workspace, "report", "zoho-crm", "--out", str(target))
    assert result.returncode == 2, result.stderr
    assert stat.S_IFMT(os.stat(target).st_mode) == stat.S_IFMT(before.st_mode)


# dossiers stay inside documents/ ---------------------------------------------------------------------


@pytest.mark.parametrize("command", [["vendor", "check", "evil"], ["vendor", "show", "evil"],
                                     ["audit", "evil", "--no-record"], ["report", "evil", "--out", "{out}"]],
                         ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("path", ["../../../../etc/passwd", "documents/../vendor.yaml", "/etc/passwd"])
def test_a_document_path_leaving_documents_is_bad_input_in_every_command(workspace, tmp_path, command, path):
    folder = workspace / "evidence" / "evil"
    (folder / "documents").mkdir(parents=True)
    (folder / "vendor.yaml").write_text(f"id: evil\nname: Evil Ltd\ndocuments:\n  - path: {path}\n"
                                        f"    sha256: \"{'a' * 64}\"\n", encoding="utf-8")
    args = [a.format(out=tmp_path / "r.pdf") for a in command]
    result = run(workspace, *args)
    assert result.returncode == 2, result.stderr
    assert "leaves the dossier's documents/ folder" in result.stderr and "vendor.yaml:4" in result.stderr
    assert not (tmp_path / "r.pdf").exists()


# catalog and policy files that are links to something else -------------------------------------------


@pytest.mark.parametrize("where", ["frameworks/x.yaml", "controls/y.yaml", "auditor.yaml"])
@pytest.mark.parametrize("target", ["/dev/zero", "folder", "missing"])
def test_catalog_or_policy_link_to_a_non_file_is_an_error_not_skipped(workspace, where, target):
    link = workspace / where
    link.parent.mkdir(exist_ok=True)
    if target == "folder":
        (workspace / "somewhere").mkdir()
        link.symlink_to(workspace / "somewhere")
    elif target == "missing":
        link.symlink_to(workspace / "nothing-here.yaml")
    else:
        link.symlink_to(target)
    command = ["audit", "zoho-crm", "--no-record"] if where == "auditor.yaml" else ["frameworks", "list"]
    result = run(workspace, *command, timeout=30)
    assert result.returncode == 2, result.stderr
    assert where.split("/")[-1] in result.stderr and ("not a regular file" in result.stderr
                                                      or "broken link" in result.stderr)
