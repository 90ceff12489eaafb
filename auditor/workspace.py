"""Where things live: the workspace a user works in and the data built into the package."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import InputError

STATE_DIR_NAME = ".auditor"
_VENDOR_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_dir(name: str) -> Path:
    """The built-in ``frameworks``, ``controls`` or ``evidence`` folder.

    In an installed wheel the data sits in ``auditor/_builtin/``; in a source checkout
    (editable install, tests) it is the repository's top-level folder of that name.
    """
    packaged = _PACKAGE_DIR / "_builtin" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / name


def package_data(name: str) -> Path:
    """A data file shipped inside the package (jurisdictions, default policy, ...)."""
    return _PACKAGE_DIR / "data" / name


def validate_vendor_id(vendor_id: str) -> str:
    """Refuse ids that could escape ``evidence/`` or confuse a filesystem."""
    if not _VENDOR_ID.match(vendor_id) or ".." in vendor_id:
        raise InputError(
            f"invalid vendor id {vendor_id!r}: use lowercase letters, digits, '.', '_' or '-' "
            "(at most 64, starting with a letter or digit)"
        )
    return vendor_id


def looks_like_path(vendor: str) -> bool:
    """``VENDOR`` names a folder (``./acme``, ``dossiers/acme``) rather than a dossier id."""
    return os.sep in vendor or "/" in vendor or vendor.startswith(".")


@dataclass(frozen=True)
class Workspace:
    """A folder holding the user's own catalogs, dossiers, features and the tool's state."""

    root: Path

    @classmethod
    def resolve(cls, path: str | Path | None = None) -> "Workspace":
        chosen = path or os.environ.get("AUDITOR_WORKSPACE") or os.getcwd()
        root = Path(chosen).expanduser()
        if not root.is_dir():
            raise InputError(f"workspace {str(root)!r} is not a folder")
        return cls(root.resolve())

    @property
    def frameworks_dir(self) -> Path:
        return self.root / "frameworks"

    @property
    def controls_dir(self) -> Path:
        return self.root / "controls"

    @property
    def evidence_dir(self) -> Path:
        return self.root / "evidence"

    @property
    def features_dir(self) -> Path:
        return self.root / "features"

    @property
    def policy_path(self) -> Path:
        return self.root / "auditor.yaml"

    @property
    def state_dir(self) -> Path:
        """Tool-managed state (database, blobs, keys, list cache); created on first write."""
        return self.root / STATE_DIR_NAME

    @property
    def db_path(self) -> Path:
        return self.state_dir / "auditor.db"

    @property
    def blobs_dir(self) -> Path:
        return self.state_dir / "blobs"

    @property
    def keys_dir(self) -> Path:
        return self.state_dir / "keys"

    @property
    def lists_dir(self) -> Path:
        return self.state_dir / "lists"

    @property
    def checkpoints_dir(self) -> Path:
        """Signed checkpoints of the ledger head, kept outside the database they vouch for."""
        return self.state_dir / "checkpoints"

    @property
    def trusted_signers_dir(self) -> Path:
        """Certificates of other reviewers whose signed reports this workspace accepts."""
        return self.root / "trusted-signers"

    def ensure_state_dir(self) -> Path:
        """Create ``.auditor/`` private (0700) whatever the umask: it holds confidential vendor files."""
        from auditor.files import private_dir

        return private_dir(self.state_dir)

    def ensure_db(self) -> Path:
        """The state database, created 0600 in the private state folder (SQLite's -wal and -shm
        files take the database's mode), and tightened to 0600 if an older version left it wider."""
        from auditor.files import ensure_private_file

        self.ensure_state_dir()
        return ensure_private_file(self.db_path, "state database")

    def dossier_dir(self, vendor: str, *, must_exist: bool = True) -> Path:
        """Resolve ``VENDOR``: a dossier id under ``evidence/`` or a path to a dossier folder.

        A bare id not found in the workspace falls back to the sample dossiers shipped
        with the package, so ``auditor audit zoho-crm`` works from any folder.
        """
        if looks_like_path(vendor):
            path = Path(vendor).expanduser()
            if must_exist and not (path / "vendor.yaml").is_file():
                raise InputError(f"{vendor}: not a vendor dossier (no vendor.yaml in it)")
            return path.resolve() if path.exists() else path
        validate_vendor_id(vendor)
        local = self.evidence_dir / vendor
        if not must_exist or (local / "vendor.yaml").is_file():
            return local
        shipped = builtin_dir("evidence") / vendor
        if (shipped / "vendor.yaml").is_file():
            return shipped
        known = ", ".join(sorted(self.known_vendor_ids())) or "none"
        raise InputError(f"no dossier {vendor!r} in {self.evidence_dir} (known: {known})")

    def known_vendor_ids(self) -> set[str]:
        ids: set[str] = set()
        for base in (self.evidence_dir, builtin_dir("evidence")):
            if base.is_dir():
                ids.update(p.name for p in base.iterdir() if (p / "vendor.yaml").is_file())
        return ids
