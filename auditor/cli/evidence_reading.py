"""Reading attestation documents as they are added (`evidence add`), and `auditor evidence show`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import echo_table, emit_json, format_option, note

# Kinds whose files are read as attestation documents; "other" is read to see whether it is one.
READ_KINDS = {"audit-report", "certificate", "pentest-report", "attestation-letter", "other"}
# A readable document of this type, filed under this kind, attests it without being told.
DETECTED_ATTESTS = {("audit-report", "soc2-type2"): "soc2-type2", ("audit-report", "soc2-type1"): "soc2-type1",
                    ("certificate", "iso27001"): "iso27001"}


MAX_READ_BYTES = 64 * 1024 * 1024  # larger files are stored, not read (a reviewer may --accept-unread)


def read_document(file: Path, kind: str, attests: str | None, notes: list[str]):
    """The facts of FILE when its kind or --attests calls for reading; None for other evidence.
    ``notes`` collects what reading had to say, printed once the store has accepted the file."""
    from auditor.attestations import UnreadableDocument, read_attestation
    from auditor.model.attestation import AttestationFacts, DocumentType

    readable_types = ("soc2-type1", "soc2-type2", "iso27001")
    if (kind not in READ_KINDS and attests not in readable_types) or (attests and attests not in readable_types):
        return None  # a screenshot, a policy; a PCI DSS AoC or a signed BAA: no reader for those
    try:
        if not file.is_file() or file.stat().st_size > MAX_READ_BYTES:
            if file.is_file():
                notes.append(f"warning: {file.name}: over {MAX_READ_BYTES >> 20} MB, stored but not read")
                return AttestationFacts(type=DocumentType.NONE, missing=["type"])
            return None  # the store reports the file's problem in its own words
        data = file.read_bytes()
    except OSError:
        return None
    try:
        return read_attestation(data)
    except UnreadableDocument as exc:
        notes.append(f"warning: {file.name}: {exc}")
        return AttestationFacts(type=DocumentType.NONE, missing=["type"])


def dates_from(facts, period_start, effective_day, until):
    """Dates the document states, where the command line did not give them."""
    from auditor.model.attestation import DocumentType

    if facts is None or effective_day is not None:
        return period_start, effective_day, until
    if facts.period and facts.type in (DocumentType.SOC2_TYPE2, DocumentType.BRIDGE_LETTER):
        return facts.period.start, facts.period.end, until
    if facts.type is DocumentType.SOC2_TYPE1 and facts.as_of:
        return None, facts.as_of, until
    if facts.type is DocumentType.ISO27001:
        return None, facts.issued, until or facts.expires
    if facts.type is DocumentType.PENTEST:
        return None, facts.report_date or (facts.period.end if facts.period else None), until
    return period_start, effective_day, until


def detected_attests(facts, kind: str, attests: str | None) -> str | None:
    if attests or facts is None or not facts.readable:
        return attests
    return DETECTED_ATTESTS.get((kind, facts.type.value))


def report_reading(facts, attests: str | None, given: str | None, notes: list[str],
                   dossier_dir: Path | None = None) -> None:
    """What was read, and whether it shows what it was filed as (on stderr, beside the add line)."""
    for text in notes:
        note(text)
    if facts is None:
        return
    note(f"read: {facts.summary()}")
    if facts.organisation and dossier_dir is not None:
        from auditor.assess.attestation_facts import names_of, organisation_matches
        from auditor.dossier import load_dossier

        vendor = load_dossier(dossier_dir)
        if not organisation_matches(facts.organisation, vendor):
            note(f"warning: the document is about {facts.organisation!r}, not {' / '.join(names_of(vendor))}: it "
                 "attests nothing for this vendor (add the name to the dossier's legal_name or aliases if it is "
                 "the same organisation)")
    if attests and not given:
        note(f"attests {attests} (detected from the document)")
    wanted = {"soc2-type2": {"soc2-type2"}, "soc2-type1": {"soc2-type1", "soc2-type2"}, "iso27001": {"iso27001"}}
    if given in wanted and facts.type.value not in wanted[given]:
        note(f"warning: the document reads as {facts.type.value}, not {given}: it will not count as {given} "
             "(an 'unreadable attestation' finding asks for the real one)")


def acceptance(accept_unread: bool, reason: str | None, actor: str | None):
    from auditor.errors import InputError
    from auditor.model.attestation import ReviewerAcceptance

    if not accept_unread:
        if reason:
            raise InputError("--reason goes with --accept-unread")
        return None
    if not reason or not reason.strip():
        raise InputError("--accept-unread needs --reason TEXT (kept in the ledger)")
    return ReviewerAcceptance(reason=reason.strip(), by=actor, at=date.today())


def show_json(item) -> dict:
    return {"sha256": item.sha256, "kind": item.kind.value, "attests": [a.value for a in item.attests],
            "facts": item.facts.to_json() if item.facts is not None else None,
            "accepted_unread": item.accepted_unread.model_dump(mode="json") if item.accepted_unread else None}


@click.command("show")
@click.argument("vendor")
@click.argument("sha256")
@format_option
@pass_app
def show(app: AppContext, vendor: str, sha256: str, fmt: str) -> None:
    """Show what was read from a piece of evidence (SOC 2 report, bridge letter, certificate, pen-test letter).

    SHA256 may be shortened to its first 6 or more hex digits. JSON:
    {"sha256", "kind", "attests", "facts": {...}}, each fact with its page and line in "citations".

    Example: auditor evidence show harbor-payroll 3fa1c2 --format json
    """
    from auditor.cli.evidence import _store, _vendor_id

    vendor_id = _vendor_id(app, vendor)
    store = _store(app)
    item = store.item(vendor_id, store.resolve(vendor_id, sha256))
    if fmt == "json":
        emit_json(show_json(item))
        return
    click.echo(f"{item.sha256}  {item.kind.value}  attests: {', '.join(a.value for a in item.attests) or '-'}")
    if item.accepted_unread:
        a = item.accepted_unread
        click.echo(f"accepted unread by {a.by or 'a reviewer'} on {a.at}: {a.reason}")
    facts = item.facts
    if facts is None:
        note("nothing was read from this evidence (not an attestation document, or added before documents were read)")
        return
    click.echo(facts.summary())
    rows = []
    data = facts.to_json()
    for name, value in data.items():
        if name in ("citations", "pages") or value in (None, [], {}, False):
            continue
        cite = facts.citations.get(name)
        where = f"p{cite.page} l{cite.line}" if cite else ""
        if name == "controls_with_exceptions":
            value = "; ".join(f"{e['control']} ({e['criterion']}): {e['exception']}" for e in value)
        elif name == "subservice_organisations":
            value = "; ".join(f"{s['name']} ({s['method']})" for s in value)
        elif isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        elif isinstance(value, list):
            value = "; ".join(map(str, value))
        rows.append((name, str(value), where))
    echo_table(["fact", "value", "where"], rows, max_col=90)
