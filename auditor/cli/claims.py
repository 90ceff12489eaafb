"""`auditor claims`: what vendor documents claim, each item with the line it was read from."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import echo_table, emit_json, format_option, note


@click.group()
def claims() -> None:
    """Read vendor documents (text, Markdown, HTML, PDF; English or Arabic) for claims.

    Every item found is cited: the document's sha256, the line number (for HTML the page's source
    line where the statement starts), and the extracted line exactly as written.
    """


def _read_all(paths: tuple[str, ...]):
    return read_sources(paths)[0]


def read_sources(sources: tuple[str, ...], *, allow_private: bool = False, ca_bundle: Path | None = None):
    """Documents from files and https URLs, and the pages fetched. Every page is fetched before
    anything is read or stored, so one that cannot be fetched stops the command with nothing kept."""
    from auditor.claims.fetch import fetch_page, is_url, page_document
    from auditor.claims.reading import read_document

    pages = {src: fetch_page(src, allow_private=allow_private, ca_bundle=ca_bundle) for src in sources if is_url(src)}
    docs = [page_document(pages[src]) if src in pages else read_document(Path(src)) for src in sources]
    return docs, list(pages.values())


def store_pages(app: AppContext, vendor: str, pages) -> list[str]:
    """Keep fetched pages as evidence of ``vendor`` (kind other): the page as fetched, its URL as the
    ledger's source, the fetch time in its note. Returns their sha256."""
    import tempfile

    from auditor.evidence.store import EvidenceStore
    from auditor.model.enums import EvidenceKind

    if not pages:
        return []
    store = EvidenceStore(app.workspace)
    stored = []
    with tempfile.TemporaryDirectory(prefix="auditor-page-") as tmp:
        for i, page in enumerate(pages):
            path = Path(tmp) / f"page-{i + 1}{page.suffix}"
            path.write_bytes(page.data)
            item = store.add(vendor, path, kind=EvidenceKind.OTHER, source=page.final_url,
                             note=f"fetched from {page.final_url} at {page.fetched_at}"
                                  + (f" (asked for {page.url})" if page.url != page.final_url else ""))
            stored.append(item.sha256)
    return stored


def _rows(extraction) -> list[tuple[str, str, str, str, str, str]]:
    from auditor.durations import in_words

    rows = []

    def where(c) -> str:
        return f"{c.document[:12]}:{c.line}" if c else ""

    def flag(hedged: bool) -> str:
        return " (hedged)" if hedged else ""

    for c in extraction.claims:
        detail = ", ".join(f"{k}={v}" for k, v in c.attributes.items())
        rows.append(("claim", c.control, c.polarity.value + flag(c.hedged), detail, where(c.citation), c.citation.text))
    for a in extraction.attestations:
        detail = ", ".join(p for p in (f"issued {a.issued}" if a.issued else "",
                                       f"expires {a.expires}" if a.expires else "",
                                       f"scope: {a.scope}" if a.scope else "") if p)
        rows.append(("attestation", a.type.value, a.polarity.value + flag(a.hedged), detail, where(a.citation),
                     a.citation.text))
    for r in extraction.regulations:
        rows.append(("regulation", r.id.value, r.polarity.value + flag(r.hedged), "", where(r.citation),
                     r.citation.text))
    for loc in extraction.locations:
        rows.append(("location", f"{loc.role.value}:{loc.country}", "", loc.city or "", where(loc.citation),
                     loc.citation.text))
    for s in extraction.subprocessors:
        rows.append(("subprocessor", s.name, "", f"{s.country} {s.purpose or ''}".strip(), where(s.citation),
                     s.citation.text))
    for s in extraction.sla:
        # durations in words for people ("1 hour", "4 business hours"); --format json keeps ISO 8601
        parts = [f"response={in_words(s.response, business=s.business_time)}" if s.response else "",
                 f"resolution={in_words(s.resolution, business=s.business_time)}" if s.resolution else "",
                 f"coverage={s.coverage}" if s.coverage else ""]
        rows.append(("sla", s.severity.value, "hedged" if s.hedged else "", ", ".join(p for p in parts if p),
                     where(s.citation), s.citation.text))
    for h in extraction.support_hours:
        days = ",".join(str(d) for d in h.days)
        rows.append(("support-hours", f"days {days}", "", f"{h.start}-{h.end} {h.timezone}", where(h.citation),
                     h.citation.text))
    for ch in extraction.channels:
        detail = ", ".join(p for p in (ch.availability or "", "tiers: " + "; ".join(ch.tiers) if ch.tiers else "") if p)
        rows.append(("channel", ch.type, "", detail, where(ch.citation), ch.citation.text))
    for c in extraction.escalation:
        rows.append(("escalation", "escalation path", "", "", where(c), c.text))
    for t in extraction.contract:
        detail = ", ".join(p for p in (f"period={in_words(t.fact.period)}" if t.fact.period else "",
                                       t.fact.note or "") if p)
        rows.append(("contract", t.name, f"{str(t.fact.value).lower()}{flag(t.fact.hedged)}", detail,
                     where(t.fact.citation), t.fact.citation.text))
    for p in extraction.prices:
        amount = "" if p.amount is None else (f"{p.amount:g}" + (f"-{p.amount_max:g}" if p.amount_max else ""))
        detail = " ".join(x for x in (amount, p.currency or "", f"per {p.unit}" if p.unit else "",
                                      f"/{p.period}" if p.period else "") if x)
        rows.append(("price", p.item, "", detail, where(p.citation), p.citation.text))
    return rows


def _echo_items(rows) -> None:
    """One line per item (type, item, polarity, detail, aligned), then its citation: the
    document (first 12 hex digits of its sha256), the line number and the full line."""
    from auditor.cli.output import table
    from auditor.text import visible

    heads = table(["type", "item", "says", "detail"], [r[:4] for r in rows], max_col=70).splitlines()
    click.echo(heads[0])
    click.echo(heads[1])
    for head, row in zip(heads[2:], rows):
        click.echo(head)
        click.echo(f"    {row[4]}  {visible(row[5].strip())}")


@claims.command("extract")
@click.argument("documents", nargs=-1, required=True, metavar="DOC...")
@click.option("--vendor", "vendor_ref", metavar="VENDOR",
              help="Keep fetched pages (https URLs among DOC) as evidence of this vendor's dossier.")
@click.option("--allow-private", is_flag=True,
              help="Also fetch from loopback, private, link-local and cloud-metadata addresses (refused by default).")
@click.option("--ca-bundle", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Trust only the CAs in this PEM file when fetching pages (a private CA); never unverified.")
@click.option("--explain", is_flag=True,
              help="Per line: what was read, and what was set aside and why (heading, advice, another party, "
                   "definition, outside the clause). JSON: an extra \"explain\" list.")
@format_option
@pass_app
def extract_command(app: AppContext, documents: tuple[str, ...], vendor_ref: str | None, allow_private: bool,
                    ca_bundle: Path | None, explain: bool, fmt: str) -> None:
    """List the claims, attestations, regulations, locations, SLA, support hours and channels,
    contract terms and prices that the documents state, each with its citation.

    DOC may be an https URL: the page is fetched (TLS verified, time-outs, 16 MiB limit,
    redirects only to https) and cited by its URL and line; with --vendor it is kept as
    evidence. A page that cannot be fetched exits 1 with one line, and nothing is kept.

    A negated statement ("we do not sign BAAs", "لا ندعم المصادقة الثنائية") is reported as
    denied, a hedged one ("may", "planned", "قد", "من المحتمل") as hedged; ranges count at
    their worst end ("1-3 ساعات" is three hours).

    \b
    Examples:
      auditor claims extract security-page.html soc2.pdf
      auditor claims extract profile.txt --format json
      auditor claims extract trust-page.md --explain
      auditor claims extract https://vendor.example/security --vendor acme
    """
    from auditor.claims import build_extractor

    vendor_id = None
    if vendor_ref:
        from auditor.workspace import validate_vendor_id

        vendor_id = validate_vendor_id(app.workspace.dossier_dir(vendor_ref).name)
    docs, pages = read_sources(documents, allow_private=allow_private, ca_bundle=ca_bundle)
    extraction = build_extractor(app.catalog.controls, sources=app.catalog.sources).extract(docs)
    if vendor_id:
        for sha in store_pages(app, vendor_id, pages):
            note(f"stored the fetched page as evidence {sha[:12]} of {vendor_id}")
    if fmt == "json":
        out = extraction.to_json()
        if explain:
            out["explain"] = extraction.explain()
        emit_json(out)
        return
    if explain:
        _echo_explain(extraction)
        return
    echo_table(["document", "language", "kind", "lines", "path"],
               [(d.sha256[:12], d.language, d.kind, d.lines, d.path) for d in extraction.documents])
    rows = _rows(extraction)
    click.echo("")
    if not rows:
        note("nothing found: no sentence of these documents matched the control vocabulary")
        return
    _echo_items(rows)


def _echo_explain(extraction) -> None:
    """Each line that gave or nearly gave something: its number, the line, then read / set aside."""
    from auditor.text import visible

    names = {d.sha256: d.path for d in extraction.documents}
    current = None
    for row in extraction.explain():
        if row["document"] != current:
            current = row["document"]
            click.echo(f"== {names.get(current, current[:12])}")
        where = f"p.{row['page']} " if "page" in row else ""
        click.echo(f"{where}{row['line']:>5}  {visible(row['text'].strip())}")
        for what in row["read"]:
            click.echo(f"       read: {what}")
        for item in row["rejected"]:
            click.echo(f"       set aside: {item['item']} ({item['reason']})")


@claims.command("text")
@click.argument("document", metavar="DOC")
@format_option
def text_command(document: str, fmt: str) -> None:
    """Print a document's extracted text with the line numbers citations use.

    For HTML, each line carries the number of the page's source line where its text starts (the
    number citations use); for PDF, the line of this extracted text.

    \b
    Examples:
      auditor claims text security-page.html
      auditor claims text security-page.html --format json
    """
    from auditor.text import visible

    doc = _read_all((document,))[0]
    numbers = [doc.cited_line(i) for i in range(1, len(doc.lines) + 1)]
    if fmt == "json":
        emit_json({"document": doc.path, "sha256": doc.sha256, "kind": doc.kind,
                   "lines": [{"line": n, "text": line} for n, line in zip(numbers, doc.lines)]})
        return
    width = len(str(max(numbers, default=0)))
    for n, line in zip(numbers, doc.lines):
        click.echo(f"{n:>{width}}  {visible(line)}")
