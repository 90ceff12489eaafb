"""Test helper: give a workspace its signing key, so its evidence ledger is anchored as it changes."""

from __future__ import annotations

from pathlib import Path


def init_keys(workspace: Path, name: str = "Test Reviewer, Example Audit") -> Path:
    """An unencrypted P-256 key and certificate in ``workspace``/.auditor/keys (as `keys init --no-passphrase`)."""
    from auditor.signing.keys import cert_path, generate_keys
    from auditor.workspace import Workspace

    keys_dir = Workspace(workspace).keys_dir
    generate_keys(keys_dir, name=name, passphrase=None)
    return cert_path(keys_dir)


def anchored_vendor(workspace: Path, vendor: str = "acme", name: str = "Acme Ltd") -> None:
    """A minimal dossier ``evidence/<vendor>/vendor.yaml`` in a workspace whose ledger is anchored as it changes."""
    folder = workspace / "evidence" / vendor
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vendor.yaml").write_text(f"id: {vendor}\nname: {name}\n", encoding="utf-8")
    init_keys(workspace)
