"""`auditor verify`: is this signed report authentic, unchanged, and is its evidence still there?"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import echo_table, emit_json, format_option


def _check_evidence(app: AppContext, vendor: str, status) -> tuple[list[str], list[str], int]:
    """Re-read every blob the signed manifest lists: recorded for this vendor, bytes still intact."""
    from auditor.errors import AuditorError

    vendor_id = app.workspace.dossier_dir(vendor).name  # a mistyped vendor is bad input (exit 2)
    entries = status.manifest_entries
    if status.evidence_manifest is None:
        return ["--dossier: the document names no evidence manifest to check against"], [], 0
    if not entries:
        return [], [], 0
    if not app.workspace.db_path.is_file():
        return [f"--dossier {vendor}: this workspace has no evidence store, so none of the "
                f"{len(entries)} listed blob(s) can be checked"], [], 0
    from auditor.evidence.store import EvidenceStore

    store = EvidenceStore(app.workspace)
    problems, notes, checked = [], [], 0
    if status.ledger_head:  # the ledger must still hold the state the signed report was built on
        from auditor.evidence.anchor import LedgerHead

        try:
            difference = store.verify_against(LedgerHead.model_validate(status.ledger_head))
        except ValueError:
            difference = "the report's ledger head is not {seq, hash}"
        if difference:
            problems.append(f"evidence ledger: {difference}")
    for entry in entries:
        sha = str(entry.get("sha256", ""))
        try:
            item = store.item(vendor_id, sha)
            store.read(sha)
            checked += 1
            if item.revoked:
                notes.append(f"evidence {sha[:12]}… was revoked after the report was signed")
        except AuditorError as exc:  # not recorded for the vendor, missing, or altered (IntegrityError)
            problems.append(f"evidence {sha[:12]}…: {exc.message}")
        except OSError as exc:
            problems.append(f"evidence {sha[:12]}…: cannot be read ({exc.strerror or exc})")
    return problems, notes, checked


@click.command("verify")
@click.argument("pdf", metavar="FILE.pdf", type=click.Path(path_type=Path))
@click.option("--trust", "trust", multiple=True, type=click.Path(path_type=Path), metavar="CERT|DIR",
              help="Also trust this signer certificate (PEM or DER), or every certificate file in DIR; repeatable.")
@click.option("--any-signer", is_flag=True,
              help="Accept a valid signature by ANY key (trust not checked); the output says so.")
@click.option("--dossier", metavar="VENDOR",
              help="Also re-check every evidence blob listed in the report's manifest against this workspace's store.")
@format_option
@pass_app
def verify(app: AppContext, pdf: Path, trust: tuple[Path, ...], any_signer: bool, dossier: str | None,
           fmt: str) -> None:
    """Check a signed report: signer trusted, signature valid, nothing changed or added since signing.

    Only pinned signers are accepted: this workspace's own signing certificate
    (.auditor/keys/signing-cert.pem), the certificates in its trusted-signers/ folder, and
    those given with --trust (or certificates they issued). Any other signer is exit 1,
    "signed by an untrusted key", with its subject and SHA-256 fingerprint. Any change
    after signing, even an incremental update of the document information or bytes appended
    after %%EOF, counts as a modification. Exit 0 only when the signer is trusted, the
    signature is valid and the file is exactly as signed (and, with --dossier, every
    evidence blob is intact).

    \b
    Examples:
      auditor verify zoho.pdf
      auditor verify zoho.pdf --trust colleague-cert.pem --format json
      auditor verify zoho.pdf --trust trusted-signers/ --dossier zoho-crm
      auditor verify other.pdf --any-signer          # signature checked, signer NOT checked
    """
    from auditor.signing.trust import pinned_signers
    from auditor.signing.verify import verify_pdf

    pinned = pinned_signers(app.workspace.keys_dir, app.workspace.trusted_signers_dir, list(trust))
    status = verify_pdf(pdf, [p.der for p in pinned], require_trust=not any_signer)
    extra: dict = {"any_signer": any_signer, "pinned_signers": len(pinned)}
    if dossier:
        problems, notes, checked = _check_evidence(app, dossier, status)
        status = replace(status, problems=status.problems + tuple(problems), notes=status.notes + tuple(notes))
        extra.update({"dossier": dossier, "evidence_checked": checked, "evidence_ok": not problems})
    if fmt == "json":
        emit_json({**status.to_json(), **extra})
    else:
        _print(status, any_signer, extra)
    if not status.ok:
        raise SystemExit(1)


def _yes(value: bool) -> str:
    return "yes" if value else "NO"


def _print(status, any_signer: bool, extra: dict) -> None:
    from auditor.cli.output import note

    rows = [("file", status.file), ("signed", _yes(status.signed))]
    if status.signed:
        rows += [
            ("signature valid", _yes(status.valid) + (f" ({status.level})" if status.level else "")),
            ("document intact", _yes(status.intact)),
            ("covers whole file", _yes(status.covers_whole_file)),
            # one answer: the signed bytes altered (not intact) is a change after signing too
            ("changed after signing", "YES" if status.modified_after_signing or not status.intact else "no"),
            ("signer", status.signer or "-"),
            ("signer sha256", status.signer_fingerprint or "-"),
            ("signed at", (status.signed_at.isoformat() if status.signed_at else "-")
             + (" (trusted timestamp)" if status.timestamped else " (signer's clock)")),
            ("trusted signer", "NOT CHECKED (--any-signer)" if any_signer and not status.trusted
             else _yes(status.trusted)),
        ]
    rows.append(("evidence manifest", status.evidence_manifest or "-"))
    if status.ledger_head:
        rows.append(("ledger head", f"record {status.ledger_head.get('seq')} {str(status.ledger_head.get('hash'))[:16]}… "
                                    "(check with `auditor evidence verify --against`)"))
    if status.manifest_entries:
        rows.append(("evidence items", str(len(status.manifest_entries))))
    if "dossier" in extra:
        rows.append(("evidence re-checked", f"{extra['evidence_checked']} blob(s), "
                     + ("all intact" if extra["evidence_ok"] else "PROBLEMS")))
    echo_table(["check", "result"], rows)
    for problem in status.problems:
        note(f"problem: {problem}")
    for remark in status.notes:
        note(f"note: {remark}")
    if status.ok and any_signer and not status.trusted:
        verdict = "OK only as far as checked: valid and unchanged since signing, signer NOT checked (--any-signer)"
    elif status.ok:
        verdict = "OK: signed by a trusted key, valid and unchanged since signing"
    else:
        verdict = "FAILED: " + ("; ".join(dict.fromkeys(status.problems)) if status.problems else "not verified")
    click.echo("\nverdict: " + verdict)
