"""`auditor vendor`: create, list, show and check vendor dossiers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import echo_table, emit_json, format_option, note

_DATA_CHOICES = ["personal data", "health data", "cardholder data", "export-controlled technology"]


@click.group()
def vendor() -> None:
    """Vendor dossiers: evidence/<id>/vendor.yaml and the documents it was read from.

    A dossier records what the vendor says about itself, every statement cited to a line of
    its own documents; `auditor audit` weighs it against the frameworks.
    """


@vendor.command("init")
@click.argument("vendor_id", metavar="VENDOR")
@click.option("--from", "sources", multiple=True, required=True, metavar="DOC",
              help="A vendor document (text, Markdown, HTML or PDF) or an https URL of its trust or security "
                   "page; repeat for several.")
@click.option("--allow-private", is_flag=True,
              help="Also fetch from loopback, private, link-local and cloud-metadata addresses (refused by default).")
@click.option("--ca-bundle", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Trust only the CAs in this PEM file when fetching pages (a private CA); never unverified.")
@click.option("--name", help="Display name (default: from the id, e.g. zoho-crm -> Zoho Crm).")
@click.option("--legal-name", help="The vendor's legal entity name.")
@click.option("--website", help="The vendor's website.")
@click.option("--data", "data", multiple=True, type=click.Choice(_DATA_CHOICES),
              help="What the engagement hands the vendor; decides which frameworks apply. Repeatable.")
@format_option
@pass_app
def init_command(app: AppContext, vendor_id: str, sources: tuple[str, ...], allow_private: bool,
                 ca_bundle: Path | None, name: str | None,
                 legal_name: str | None, website: str | None, data: tuple[str, ...], fmt: str) -> None:
    """Create the dossier evidence/VENDOR/ from the vendor's documents, for a reviewer to correct.

    The documents are copied into evidence/VENDOR/documents/ and referenced by sha256; every
    item in vendor.yaml cites the line it was read from. An existing dossier is never
    overwritten.

    \b
    Example:
      auditor vendor init acme --from acme-security.html --from acme-dpa.pdf --data "personal data"
      auditor vendor init acme --from https://acme.example/security
    """
    from auditor.claims import build_extractor
    from auditor.claims.consolidate import vendor_from_extraction
    from auditor.cli.claims import read_sources, store_pages
    from auditor.dossier import safe_document_name, write_new_dossier
    from auditor.model.vendor import DocumentRef
    from auditor.workspace import validate_vendor_id

    validate_vendor_id(vendor_id)
    folder = app.workspace.evidence_dir / vendor_id
    if folder.exists():
        from auditor.errors import DossierError

        raise DossierError(f"dossier {folder} already exists; refusing to overwrite it")
    docs, pages = read_sources(sources, allow_private=allow_private, ca_bundle=ca_bundle)
    extraction = build_extractor(app.catalog.controls, sources=app.catalog.sources).extract(docs)
    taken: set[str] = set()
    refs, files = [], []
    for doc in docs:
        file_name = doc.path
        if doc.source:  # a fetched page: its host and path, with the suffix of what it is
            from urllib.parse import urlsplit

            parts = urlsplit(doc.source)
            file_name = (parts.hostname or "page") + "-" + (Path(parts.path).stem or "index") + \
                {"html": ".html", "pdf": ".pdf"}.get(doc.kind, ".txt")
        relative = f"documents/{safe_document_name(file_name, taken)}"
        refs.append(DocumentRef(path=relative, sha256=doc.sha256, language=doc.language))
        files.append((relative, doc.data))
    display = name or " ".join(part.capitalize() for part in vendor_id.replace("_", "-").split("-"))
    result = vendor_from_extraction(
        vendor_id, display, extraction, refs, legal_name=legal_name, website=website, data=list(data),
        notes=f"Built by `auditor vendor init` on {date.today().isoformat()} from {len(docs)} document(s). "
              "Read every item against its cited line and correct what the tool misread.")
    header = (f"Vendor dossier for {display}, built by `auditor vendor init` from {len(docs)} document(s).\n"
              "Each item cites its source: document sha256, line (an HTML page's source line), the exact text\n"
              "(`auditor claims text evidence/" + vendor_id + "/documents/FILE` shows the numbering).")
    write_new_dossier(folder, result, files, header=header)
    stored = store_pages(app, vendor_id, pages)  # fetched pages are evidence too (URL and time in the ledger)
    counts = {"claims": len(result.claims), "attestations": len(result.attestations),
              "regulations": len(result.regulations), "sla": len(result.support.sla),
              "channels": len(result.support.channels), "hosting": len(result.hosting),
              "prices": len(result.prices), "documents": len(refs), "pages stored": len(stored)}
    if fmt == "json":
        emit_json({"vendor": vendor_id, "path": str(folder), "counts": counts})
        return
    note(f"created {folder}")
    echo_table(["item", "count"], sorted(counts.items()))


def _summary(vendor_id: str, path: Path) -> dict:
    from auditor.dossier import load_dossier

    v = load_dossier(path)
    return {"id": v.id, "name": v.name, "claims": len(v.claims), "attestations": len(v.attestations),
            "documents": len(v.documents), "path": str(path)}


@vendor.command("list")
@format_option
@pass_app
def list_command(app: AppContext, fmt: str) -> None:
    """List the dossiers of the workspace (and the built-in samples).

    Example: auditor vendor list --format json
    """
    ws = app.workspace
    rows = [_summary(vid, ws.dossier_dir(vid)) for vid in sorted(ws.known_vendor_ids())]
    if fmt == "json":
        emit_json(rows)
        return
    echo_table(["id", "name", "claims", "attestations", "documents", "path"],
               [(r["id"], r["name"], r["claims"], r["attestations"], r["documents"], r["path"]) for r in rows])


@vendor.command("show")
@click.argument("vendor_ref", metavar="VENDOR")
@format_option
@pass_app
def show_command(app: AppContext, vendor_ref: str, fmt: str) -> None:
    """Show a dossier: identity, claims, attestations, support promises, contract terms.

    Example: auditor vendor show zoho-crm
    """
    from auditor.dossier import load_dossier

    path = app.workspace.dossier_dir(vendor_ref)
    v = load_dossier(path)
    if fmt == "json":
        emit_json(v.model_dump(mode="json"))
        return
    click.echo(f"{v.name} ({v.id}) — {path}")
    for label, value in (("legal name", v.legal_name), ("website", v.website),
                         ("headquarters", v.headquarters.country if v.headquarters else None),
                         ("hosting", ", ".join(h.country for h in v.hosting) or None),
                         ("engagement", ", ".join(d.value for d in v.engagement.data) or None)):
        if value:
            click.echo(f"  {label}: {value}")
    rows = [("claim", c.control, c.polarity.value + (" (hedged)" if c.hedged else ""),
             (c.citation.line or c.citation.cell) if c.citation else "", c.citation.text if c.citation else "")
             for c in v.claims]
    rows += [("attestation", a.type.value, a.polarity.value, a.citation.line if a.citation else "",
              a.citation.text if a.citation else "") for a in v.attestations]
    rows += [("regulation", r.id.value, r.polarity.value, r.citation.line if r.citation else "",
              r.citation.text if r.citation else "") for r in v.regulations]
    from auditor.durations import in_words

    def words(duration, business: bool) -> str:  # for people: "3 business hours", not "PT3H"
        return in_words(duration, business=business) if duration else "-"

    rows += [("sla", s.severity.value, f"response {words(s.response, s.business_time)}"
              f" resolution {words(s.resolution, s.business_time)}"
              + (f" {s.coverage}" if s.coverage else ""), s.citation.line if s.citation else "",
              s.citation.text if s.citation else "") for s in v.support.sla]
    for name in type(v.contract).model_fields:
        fact = getattr(v.contract, name)
        if fact is not None:
            rows.append(("contract", name, str(fact.value).lower() + (" (hedged)" if fact.hedged else ""),
                         fact.citation.line if fact.citation else "", fact.citation.text if fact.citation else ""))
    click.echo("")
    echo_table(["type", "item", "says", "line", "text"], rows, max_col=60)


@vendor.command("check")
@click.argument("vendor_ref", metavar="VENDOR")
@format_option
@pass_app
def check_command(app: AppContext, vendor_ref: str, fmt: str) -> None:
    """Validate a dossier, re-hash its documents and compare every citation with its line.

    Exit 0 when everything matches; 1 when a document changed, a citation no longer reads as
    its line, or the dossier's id is not the name of its folder under evidence/ (the id is
    what `audit` and `evidence` look for); 2 when the dossier itself is malformed or claims a
    control no catalog defines.

    Example: auditor vendor check zoho-crm
    """
    from auditor.assess.run import check_claimed_controls
    from auditor.claims.verify import verify_dossier
    from auditor.dossier import dossier_file
    from auditor.workspace import looks_like_path

    path = app.workspace.dossier_dir(vendor_ref)
    in_evidence_folder = not looks_like_path(vendor_ref) or \
        path.resolve().parent == app.workspace.evidence_dir.resolve()
    check = verify_dossier(path, expected_id=path.name if in_evidence_folder else None)
    check_claimed_controls(check.vendor, app.catalog, dossier_file(path))  # as the audit would: exit 2
    if fmt == "json":
        emit_json({"vendor": check.vendor.id, "path": str(path), "valid": check.ok,
                   "documents": len(check.vendor.documents), "problems": [str(p) for p in check.problems]})
    elif check.ok:
        note(f"{check.vendor.id}: dossier valid, {len(check.vendor.documents)} document(s) intact, "
             "every citation reads as its line")
    else:
        for problem in check.problems:
            note(str(problem))
    if not check.ok:
        raise SystemExit(1)
