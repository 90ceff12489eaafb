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
