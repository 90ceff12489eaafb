"""`auditor keys`: the signing key and certificate that `auditor report --sign` uses."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import echo_table, emit_json, format_option, note

PASSPHRASE_ENV = "AUDITOR_KEY_PASSPHRASE"
P12_PASSPHRASE_ENV = "AUDITOR_P12_PASSPHRASE"


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def new_key_passphrase(no_passphrase: bool) -> bytes | None:
    """The passphrase a new key is encrypted with: environment, else asked twice at a terminal."""
    from auditor.errors import SigningError

    if no_passphrase:
        return None
    value = os.environ.get(PASSPHRASE_ENV)
    if value is not None:
        return value.encode("utf-8")
    if _interactive():
        return click.prompt("Passphrase for the signing key", hide_input=True, confirmation_prompt=True,
                            err=True).encode("utf-8")
    raise SigningError(f"no passphrase for the signing key: set {PASSPHRASE_ENV}, run from a terminal, "
                       "or pass --no-passphrase for an unencrypted key")


def key_passphrase(keys_dir: Path) -> bytes | None:
    """The passphrase to unlock an existing key: environment, else asked at a terminal if it is encrypted."""
    from auditor.signing.keys import key_is_encrypted

    value = os.environ.get(PASSPHRASE_ENV)
    if value is not None:
        return value.encode("utf-8")
    if key_is_encrypted(keys_dir) and _interactive():
        return click.prompt("Passphrase for the signing key", hide_input=True, err=True).encode("utf-8")
    return None


def _p12_passphrase(p12: Path) -> bytes | None:
    value = os.environ.get(P12_PASSPHRASE_ENV)
    if value is not None:
        return value.encode("utf-8")
    if _interactive():
        return click.prompt(f"Passphrase of {p12}", hide_input=True, default="", show_default=False,
                            err=True).encode("utf-8") or None
    return None


def _info_json(info) -> dict:
    return {
        "key": str(info.key_path), "certificate": str(info.cert_path),
        "chain": str(info.chain_path) if info.chain_path else None,
        "subject": info.subject, "issuer": info.issuer, "serial": info.serial,
        "not_before": info.not_before.isoformat(), "not_after": info.not_after.isoformat(),
        "fingerprint_sha256": info.fingerprint_sha256, "key_type": info.key_type,
        "encrypted": info.encrypted, "self_signed": info.self_signed, "chain_length": info.chain_length,
    }


def _show(info, fmt: str) -> None:
    if fmt == "json":
        emit_json(_info_json(info))
        return
    echo_table(["field", "value"], [
        ("subject", info.subject), ("issuer", info.issuer + (" (self-signed)" if info.self_signed else "")),
        ("key", f"{info.key_type}, {'encrypted' if info.encrypted else 'NOT encrypted'}, {info.key_path}"),
        ("certificate", str(info.cert_path)),
        ("valid", f"{info.not_before:%Y-%m-%d} to {info.not_after:%Y-%m-%d}"),
        ("sha256", info.fingerprint_sha256),
        *([("chain", f"{info.chain_length} certificate(s) in {info.chain_path}")] if info.chain_path else []),
    ])


@click.group()
def keys() -> None:
    """The signing key and certificate for signed PDF reports.

    \b
    Examples:
      AUDITOR_KEY_PASSPHRASE=... auditor keys init --name "Layla Haddad"
      auditor keys init --p12 reviewer.p12          # import an existing key and certificate
      auditor keys show --format json
    """


@keys.command("init")
@click.option("--name", metavar="NAME",
              help='Who signs, as reports and PDF readers will show it: "Jane Doe, Acme Security" '
                   "(the new certificate's common name; required unless --p12).")
@click.option("--p12", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help=f"Import the key and certificate from a PKCS#12 file (its passphrase from {P12_PASSPHRASE_ENV} "
                   "or asked) instead of creating them.")
@click.option("--no-passphrase", is_flag=True, help="Store the private key unencrypted (still mode 0600).")
@click.option("--force", is_flag=True, help="Replace keys that already exist.")
@click.option("--valid-days", type=click.IntRange(1, 3650), default=730, show_default=True,
              help="Validity of a new self-signed certificate.")
@format_option
@pass_app
def init(app: AppContext, name: str | None, p12: Path | None, no_passphrase: bool, force: bool, valid_days: int,
         fmt: str) -> None:
    """Create an ECDSA P-256 signing key and a self-signed certificate in the workspace.

    The key is encrypted with the passphrase from AUDITOR_KEY_PASSPHRASE (or asked for at
    the terminal) and written with mode 0600 under .auditor/keys/. The certificate allows
    digital signatures and non-repudiation, for document signing. Share the certificate
    (signing-cert.pem) with whoever checks your reports: they put it in their trusted-signers/
    folder or pass it to `auditor verify --trust`. The same key signs the evidence ledger's
    checkpoints; existing evidence is anchored at once (the key vouches for the ledger as it
    is now: check it first with `auditor evidence verify`). With --no-passphrase the key
    works without anyone present, and so for anyone who can read the file.

    \b
    Examples:
      AUDITOR_KEY_PASSPHRASE=... auditor keys init --name "Jane Doe, Acme Security"
      auditor keys init --name "CI reviewer" --no-passphrase   # a CI machine with protected storage
      AUDITOR_P12_PASSPHRASE=... auditor keys init --p12 reviewer.p12 --force
    """
    from auditor.signing.keys import generate_keys, import_pkcs12, keys_exist

    keys_dir = app.workspace.keys_dir
    if keys_exist(keys_dir) and not force:
        from auditor.errors import SigningError

        raise SigningError(f"signing keys already exist in {keys_dir}: pass --force to replace them")
    if p12 is not None:
        p12_pass = _p12_passphrase(p12)
        passphrase = new_key_passphrase(no_passphrase)
        damage = _ledger_damage(app)
        info = import_pkcs12(keys_dir, p12, p12_passphrase=p12_pass, passphrase=passphrase, force=force)
    else:
        if not name or not name.strip():
            from auditor.errors import InputError

            raise InputError('give the signer\'s name: auditor keys init --name "Jane Doe, Acme Security"')
        passphrase = new_key_passphrase(no_passphrase)
        damage = _ledger_damage(app)
        info = generate_keys(keys_dir, name=name, passphrase=passphrase, force=force, valid_days=valid_days)
    anchored = _anchor_existing(app, passphrase, damage)
    if fmt == "json":
        emit_json({**_info_json(info), "ledger_anchored_at": anchored})
        return
    note(f"{'imported' if p12 else 'created'} signing key ({info.key_type}) and certificate for {info.subject}")
    if anchored is not None:
        note(f"signed a checkpoint of the evidence ledger at record {anchored} with the new key")
    _show(info, fmt)


def _ledger_damage(app: AppContext) -> str | None:
    """Checked with the old key still in place: a damaged ledger must not be vouched for by the new one."""
    if not app.workspace.db_path.exists():
        return None
    from auditor.evidence.store import EvidenceStore

    report = EvidenceStore(app.workspace).verify()
    damage = [p for p in report.problems if not p.message.startswith("not anchored")]
    return damage[0].message if damage else None


def _anchor_existing(app: AppContext, passphrase: bytes | None, damage: str | None) -> int | None:
    """A new key vouches for the ledger as it stands; checkpoints of a replaced key are set aside."""
    if not app.workspace.db_path.exists():
        return None
    if damage:
        note(f"warning: the evidence ledger is NOT anchored with the new key, it shows damage: {damage}")
        return None
    from auditor.evidence.anchor import retire_checkpoints
    from auditor.evidence.store import EvidenceStore

    retire_checkpoints(app.workspace.checkpoints_dir)
    head, _ = EvidenceStore(app.workspace, passphrase=passphrase).anchor()
    return head.seq if head else None


@keys.command("show")
@format_option
@pass_app
def show(app: AppContext, fmt: str) -> None:
    """Show the signing certificate: subject, validity, fingerprint (no passphrase needed).

    Example: auditor keys show --format json
    """
    from auditor.signing.keys import describe_keys

    _show(describe_keys(app.workspace.keys_dir), fmt)
