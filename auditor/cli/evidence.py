"""`auditor evidence`: keep, list, verify and collect the evidence behind a vendor's claims."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import echo_table, emit_json, format_option, note
from auditor.model.enums import AttestationType, EvidenceKind

KINDS = [k.value for k in EvidenceKind]


@click.group()
def evidence() -> None:
    """The evidence store: files and live observations, each kept once by its sha256.

    Every change is a record in an append-only ledger (in .auditor/auditor.db) that carries the
    hash of the record before it, so `auditor evidence verify` can tell when anything was edited,
    deleted or reordered, and when a stored file no longer matches its hash.

    \b
      auditor evidence add zoho-crm soc2.pdf --kind audit-report --covers encryption-at-rest \\
          --effective 2025-01-01/2025-12-31
      auditor evidence collect zoho-crm --url https://www.zoho.com
      auditor evidence list zoho-crm --expiring 30d
      auditor evidence verify
    """


def _vendor_id(app: AppContext, vendor: str) -> str:
    """The dossier must exist; its evidence is kept in the workspace store under the dossier's id."""
    from auditor.workspace import validate_vendor_id

    return validate_vendor_id(app.workspace.dossier_dir(vendor).name)


def _store(app: AppContext, *, writing: bool = False):
    """The store; a writing command also gets the key's passphrase so it can sign a checkpoint."""
    from auditor.evidence.store import EvidenceStore

    passphrase = None
    if writing:
        from auditor.cli.keys import key_passphrase
        from auditor.signing.keys import keys_exist

        if keys_exist(app.workspace.keys_dir) and app.workspace.keys_dir.joinpath("signing-key.pem").is_file():
            passphrase = key_passphrase(app.workspace.keys_dir)
    return EvidenceStore(app.workspace, passphrase=passphrase)


def _anchor_note(store) -> None:
    """Say so when a change could not be anchored (no key, or the key is locked)."""
    if store.anchoring.note:
        note(f"warning: {store.anchoring.note}")


def _check_covers(app: AppContext, covers: tuple[str, ...]) -> list[str]:
    for control_id in covers:
        app.catalog.control(control_id)  # unknown ids: InputError with the closest known ones
    return list(covers)


def _dates(effective: str | None, valid_until: str | None):
    from auditor.evidence.kinds import parse_day, parse_effective

    period_start, effective_day = parse_effective(effective) if effective else (None, None)
    until = parse_day(valid_until, "--valid-until") if valid_until else None
    return period_start, effective_day, until


def _status(item, today: date) -> str:
    if item.revoked:
        return "revoked"
    if item.superseded_by:
        return f"superseded by {item.superseded_by[:12]}"
    if item.checks and all(c.status.value == "error" for c in item.checks):
        return "all checks errored: shows nothing"  # an unreachable host is no observation, never "valid"
    if item.valid_until is None:
        return "valid"
    days = (item.valid_until - today).days
    if days < 0:
        return f"expired {-days}d ago"
    if days <= 30:
        return f"expires in {days}d"
    return "valid"


def _item_json(item, today: date) -> dict:
    data = item.model_dump(mode="json")
    data["status"] = _status(item, today)
    return data


def _covers(item, short: bool = False) -> str:
    """What the item evidences: its controls, and any attestation it is (which covers a whole framework)."""
    from auditor.questions import attestation_name

    names = [attestation_name(a) for a in getattr(item, "attests", [])]
    if short:
        return "; ".join([", ".join(item.covers)] * bool(item.covers) + names)
    parts = [f"covers {', '.join(item.covers)}"] if item.covers else []
    parts += [f"attests {name} (what it evidences, for every framework)" for name in names]
    return "; ".join(parts)


def _period(item) -> str:
    """The effective period as start–end, or the one effective date."""
    if item.period_start and item.effective:
        return f"{item.period_start}–{item.effective}"
    return str(item.effective) if item.effective else "-"


def _summary(item) -> str:
    covers = _covers(item) or "covers no control yet (name them with --covers, or --attests)"
    return (f"{item.sha256[:12]}… {item.kind.value} for {item.vendor}, {covers}, "
            f"effective {_period(item)}, valid until {item.valid_until} (ledger record {item.ledger_seq})")


_effective_option = click.option(
    "--effective", metavar="DATE|START/END",
    help="Date the evidence speaks for, or the period it covers (START/END); an audit report's validity "
         "counts from the END of its period.")
ATTESTATIONS = [a.value for a in AttestationType]
_valid_until_option = click.option("--valid-until", metavar="DATE",
                                   help="Overrides the kind's default validity (see `auditor evidence kinds`).")


@evidence.command("add")
@click.argument("vendor")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kind", required=True, type=click.Choice(KINDS), help="What the file is.")
@click.option("--covers", multiple=True, metavar="CONTROL", help="A common control it evidences (repeatable).")
@_effective_option
@_valid_until_option
@click.option("--note", help="A free-text remark kept with the record.")
@click.option("--attests", type=click.Choice(ATTESTATIONS), metavar="TYPE",
              help="The file is this attestation (iso27001, soc2-type2, pci-dss-aoc, hipaa-baa, ...): a valid "
                   "ISO 27001 certificate or SOC 2 Type II report then evidences its whole framework. Only kinds "
                   "that can attest, with their own types: certificate (ISO, CSA STAR), audit-report (SOC 2, "
                   "PCI DSS), attestation-letter (PCI DSS AoC), agreement (HIPAA BAA, GDPR DPA).")
@click.option("--accept-unread", is_flag=True,
              help="Record a reviewer's acceptance of a report or certificate the readers could not read "
                   "(with --reason); without it such a document attests nothing.")
@click.option("--reason", help="Why the unread document is accepted (kept in the ledger).")
@format_option
@pass_app
def add(app: AppContext, vendor: str, file: Path, kind: str, covers: tuple[str, ...], effective: str | None,
        valid_until: str | None, note: str | None, attests: str | None, accept_unread: bool, reason: str | None,
        fmt: str) -> None:
    """Store FILE as evidence for VENDOR and record it in the ledger.

    SOC 2 reports, bridge letters, ISO/IEC 27001 certificates and pen-test letters (kinds audit-report,
    certificate, pentest-report, other) are read: the facts found (organisation, period, opinion,
    exceptions, expiry ...) go into the ledger record and decide what the document attests; see
    `auditor evidence show`. Dates the document states are used when --effective is not given.

    \b
    Examples:
      auditor evidence add zoho-crm soc2-2025.pdf --kind audit-report --attests soc2-type2 \\
          --effective 2025-01-01/2025-12-31
      auditor evidence add zoho-crm mfa-policy.pdf --kind policy --covers mfa --effective 2026-03-01
    """

    from auditor.cli import evidence_reading as reading

    vendor_id = _vendor_id(app, vendor)
    controls = _check_covers(app, covers)
    period_start, effective_day, until = _dates(effective, valid_until)
    store = _store(app, writing=True)
    if attests:  # a kind that cannot attest is refused before the document is read
        from auditor.evidence.kinds import check_attests

        check_attests(EvidenceKind(kind), [attests], store.rules)
    notes: list[str] = []
    facts = reading.read_document(file, kind, attests, notes)  # SOC 2 reports, certificates ...: read, not hashed
    given, attests = attests, reading.detected_attests(facts, kind, attests)
    period_start, effective_day, until = reading.dates_from(facts, period_start, effective_day, until)
    item = store.add(vendor_id, file, kind=EvidenceKind(kind), covers=controls, effective=effective_day,
                     period_start=period_start, valid_until=until, note=note, attests=attests, facts=facts,
                     accepted_unread=reading.acceptance(accept_unread, reason, store.actor))
    reading.report_reading(facts, attests, given, notes, app.workspace.dossier_dir(vendor))
    _anchor_note(store)
    if fmt == "json":
        emit_json(_item_json(item, date.today()))
    else:
        click.echo(f"added {_summary(item)}")


@evidence.command("supersede")
@click.argument("vendor")
@click.argument("old_sha256", metavar="OLD_SHA256")
@click.argument("new_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(KINDS), help="Default: the kind of the evidence it replaces.")
@click.option("--covers", multiple=True, metavar="CONTROL", help="Default: what the replaced evidence covered.")
@_effective_option
@_valid_until_option
@click.option("--reason", help="Why it is replaced (kept in the ledger).")
@format_option
@pass_app
def supersede(app: AppContext, vendor: str, old_sha256: str, new_file: Path, kind: str | None,
              covers: tuple[str, ...], effective: str | None, valid_until: str | None, reason: str | None,
              fmt: str) -> None:
    """Replace a piece of evidence by a newer file (this year's report, a renewed certificate).

    OLD_SHA256 may be shortened to its first 6 or more hex digits.

    Example: auditor evidence supersede zoho-crm 3fa1c2 soc2-2026.pdf --effective 2026-01-01/2026-12-31
    """

    from auditor.cli import evidence_reading as reading

    vendor_id = _vendor_id(app, vendor)
    controls = _check_covers(app, covers) if covers else None
    period_start, effective_day, until = _dates(effective, valid_until)
    store = _store(app, writing=True)
    previous = store.item(vendor_id, store.resolve(vendor_id, old_sha256))
    new_kind = kind or previous.kind.value
    attests = previous.attests[0].value if previous.attests and new_kind == previous.kind.value else None
    notes: list[str] = []
    facts = reading.read_document(new_file, new_kind, attests, notes)  # this year's report is read too
    period_start, effective_day, until = reading.dates_from(facts, period_start, effective_day, until)
    item = store.supersede(vendor_id, old_sha256, new_file, kind=EvidenceKind(kind) if kind else None,
                           covers=controls, effective=effective_day, period_start=period_start,
                           valid_until=until, reason=reason, facts=facts)
    reading.report_reading(facts, attests, attests, notes, app.workspace.dossier_dir(vendor))
    _anchor_note(store)
    if fmt == "json":
        emit_json(_item_json(item, date.today()))
    else:
        click.echo(f"superseded by {_summary(item)}")


@evidence.command("revoke")
@click.argument("vendor")
@click.argument("sha256")
@click.option("--reason", required=True, help="Why it no longer counts (kept in the ledger).")
@format_option
@pass_app
def revoke(app: AppContext, vendor: str, sha256: str, reason: str, fmt: str) -> None:
    """Withdraw a piece of evidence; it stays in the ledger, marked revoked.

    Example: auditor evidence revoke zoho-crm 3fa1c2 --reason "report was for another product"
    """
    vendor_id = _vendor_id(app, vendor)
    store = _store(app, writing=True)
    item = store.revoke(vendor_id, sha256, reason=reason)
    _anchor_note(store)
    if fmt == "json":
        emit_json(_item_json(item, date.today()))
    else:
        click.echo(f"revoked {item.sha256[:12]}… for {item.vendor}: {reason}")


@evidence.command("list")
@click.argument("vendor")
@click.option("--expiring", metavar="WINDOW",
              help="Only evidence still in force that expires within WINDOW (30d, 12w, P3M), or already has.")
@format_option
@pass_app
def list_evidence(app: AppContext, vendor: str, expiring: str | None, fmt: str) -> None:
    """List a vendor's evidence with its validity.

    Example: auditor evidence list zoho-crm --expiring 30d
    """
    from auditor.evidence.kinds import window_end

    vendor_id = _vendor_id(app, vendor)
    today = date.today()
    items = _store(app).items(vendor_id)
    if expiring:
        last_day = window_end(expiring, today)
        items = [i for i in items if not i.revoked and not i.superseded_by and i.valid_until is not None
                 and i.valid_until <= last_day]
        items.sort(key=lambda i: i.valid_until)
    if fmt == "json":
        emit_json([_item_json(i, today) for i in items])
        return
    if not items:
        note(f"no evidence for {vendor_id}" + (f" expiring within {expiring}" if expiring else ""))
        return
    echo_table(["sha256", "kind", "evidences", "effective period", "valid until", "status", "source"],
               [(i.sha256[:12], i.kind.value, _covers(i, short=True) or "-", _period(i), i.valid_until or "-",
                 _status(i, today), _short_source(i.source)) for i in items], max_col=48)


def _short_source(source: str | None) -> str:
    if not source:
        return "-"
    return source if "://" in source else Path(source).name


@evidence.command("log")
@click.argument("vendor", required=False)
@format_option
@pass_app
def log(app: AppContext, vendor: str | None, fmt: str) -> None:
    """Show the ledger: who added, collected, superseded or revoked what, and when.

    Example: auditor evidence log zoho-crm
    """
    vendor_id = _vendor_id(app, vendor) if vendor else None
    records = _store(app).log(vendor_id)
    if fmt == "json":
        emit_json([{**r.__dict__, "covers": r.covers_list, "metadata": r.metadata_dict} for r in records])
        return
    echo_table(["seq", "at", "who", "action", "vendor", "sha256", "kind", "detail"],
               [(r.seq, r.at[:19] + "Z", r.actor, r.action, r.vendor, r.sha256[:12], r.kind or "-",
                 _detail(r)) for r in records], max_col=48)


def _detail(record) -> str:
    if record.action == "revoke":
        return f"reason: {record.reason}"
    if record.action == "supersede":
        return f"replaces {record.target[:12]}; until {record.valid_until}"
    return f"{_short_source(record.source)}; until {record.valid_until}"


@evidence.command("kinds")
@format_option
def kinds(fmt: str) -> None:
    """The evidence kinds and how long each counts by default.

    Example: auditor evidence kinds
    """
    from auditor.durations import in_words
    from auditor.evidence.kinds import load_kind_rules

    rules = load_kind_rules()
    rows = [{"kind": k.value, "validity": r.validity, "counted_from": r.counted_from, "why": r.why}
            for k, r in rules.items()]
    if fmt == "json":
        emit_json(rows)
        return
    echo_table(["kind", "validity", "counted from", "why"],
               [(r["kind"], in_words(r["validity"]), r["counted_from"], r["why"]) for r in rows], max_col=70)


def _register_show() -> None:
    """`evidence show` lives with the document reading (auditor/cli/evidence_reading.py)."""
    from auditor.cli.evidence_reading import show

    evidence.add_command(show)


def _register_trust() -> None:
    """`evidence verify`, `anchor` and `collect` live in auditor/cli/evidence_trust.py."""
    from auditor.cli.evidence_trust import anchor, collect, verify

    for command in (verify, anchor, collect):
        evidence.add_command(command)


_register_show()
_register_trust()
