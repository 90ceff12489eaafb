"""`auditor questionnaire`: import a vendor's CAIQ/HECVAT (or a mapped sheet), export follow-ups."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import echo_table, emit_json, format_option, note


@click.group()
def questionnaire() -> None:
    """Questionnaires in and out: a vendor's answers become cited claims; open items go back as a sheet.

    \b
    Example:
      auditor questionnaire import acme acme-caiq.xlsx
      auditor questionnaire export acme --out followup.xlsx
    """


@questionnaire.command("import")
@click.argument("vendor_ref", metavar="VENDOR")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--sheet", help="The sheet to read (default: found by its headers).")
@click.option("--map", "spec", metavar="SPEC",
              help="Columns of a custom sheet: id=A,question=B,answer=C,comment=D[,ownership=E,attachment=F,start=2].")
@click.option("--dry-run", is_flag=True, help="Read and show the answers; change nothing.")
@format_option
@pass_app
def import_command(app: AppContext, vendor_ref: str, file: Path, sheet: str | None, spec: str | None,
                   dry_run: bool, fmt: str) -> None:
    """Read a filled questionnaire (xlsx, xls, ods, CSV, or a CAIQ printed to PDF) into VENDOR's dossier.

    The template (CAIQ v4/v3, HECVAT Full/Lite 2.x/3.x/4.x, or an auditor follow-up) is told by its
    sheets and headers, never by the file name. Yes/No answers become claims cited to their cell
    (Sheet!C57); NA, blank and customer-owned items are kept for findings and follow-ups. The file
    is stored as evidence of kind questionnaire and copied into the dossier.

    \b
    Example:
      auditor questionnaire import acme acme-caiq.xlsx --format json
      auditor questionnaire import acme answers.xlsx --sheet Security --map id=A,answer=C,comment=D
    """
    from auditor.questionnaires.convert import answers_json

    if dry_run:
        from auditor.questionnaires.importer import read_and_convert

        _, q, converted = read_and_convert(file, app.catalog, sheet=sheet, spec=spec)
        result_path = None
    else:
        from auditor.cli.evidence import _anchor_note, _store
        from auditor.questionnaires.importer import import_into_dossier

        store = _store(app, writing=True)
        result = import_into_dossier(app.workspace, app.catalog, vendor_ref, file, store=store, sheet=sheet,
                                     spec=spec)
        _anchor_note(store)
        q, converted, result_path = result.questionnaire, result.converted, result.dossier
    for warning in q.warnings:
        note(f"warning: {file}: {warning}")
    if fmt == "json":
        emit_json(answers_json(q, converted))
        return
    summary = q.summary()
    claims = sum(len(c.claims) for c in converted)
    note(f"{file}: {q.family.value} {q.version or '(version unknown)'}"
         f"{', sheet ' + repr(q.sheet) if q.sheet else ''}: {len(q.items)} question ids, {claims} claims"
         + (f"; dossier {result_path} updated" if result_path else " (dry run: nothing written)"))
    echo_table(["answer", "count"], sorted(summary.items()))
    flagged = [c for c in converted if c.flag]
    if flagged:
        click.echo("")
        echo_table(["id", "cell", "flag"], [(c.item.id, c.item.cell or f"line {c.item.line}", c.flag)
                                           for c in flagged], max_col=90)
    attachments = [c for c in converted if c.item.attachment]
    if attachments:
        click.echo("")
        note("files the vendor named as attachments: add each one you receive with `auditor evidence add` "
             "(choose the --kind that fits):")
        vendor_id = result_path.name if result_path else vendor_ref
        for conv in attachments:
            covers = "".join(f" --covers {c}" for c in conv.controls)
            click.echo(f"  {conv.item.id}: auditor evidence add {vendor_id} '{conv.item.attachment}' --kind other{covers}")


@questionnaire.command("export")
@click.argument("vendor_ref", metavar="VENDOR")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The follow-up file to write (.xlsx, or .csv).")
@click.option("--language", type=click.Choice(["en", "ar"]), default=None,
              help="Language of the questions and headers (default: the vendor's documents' language).")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default=None,
              help="xlsx (default; CSV when --out ends in .csv).")
@pass_app
def export_command(app: AppContext, vendor_ref: str, out: Path, language: str | None, fmt: str | None) -> None:
    """Write the audit's open items as a questionnaire for VENDOR to fill in and send back.

    One row per open item (gaps, claims without evidence, contradictions, stale evidence,
    unanswered questions), most severe first: the question, why it is asked, the evidence that
    would close it, an Answer column with a Yes/No/NA list, Comment and Attachment columns, and a
    hidden column naming the item. Import the filled file back with `questionnaire import`.

    \b
    Example:
      auditor questionnaire export acme --out acme-followup.xlsx
      auditor questionnaire export acme --out acme-followup.csv --language ar
    """
    from auditor.api import audit
    from auditor.files import write_atomic
    from auditor.questionnaires.export import open_items, to_csv, to_xlsx
    from auditor.questions import vendor_language

    fmt = fmt or ("csv" if out.suffix.lower() == ".csv" else "xlsx")
    outcome = audit(vendor_ref, workspace=app.workspace, catalog=app.catalog, language=language)
    language = language or vendor_language(outcome.vendor)
    items = open_items(outcome.assessment, app.catalog, language)
    title = f"auditor follow-up for {outcome.vendor.name} ({outcome.vendor.id}), {outcome.assessment.as_of}"
    vendor_id = outcome.vendor.id
    data = to_csv(items, language, vendor_id) if fmt == "csv" else to_xlsx(items, language, vendor_id, title=title)
    write_atomic(out, data)
    note(f"wrote {out}: {len(items)} open item(s) for {outcome.vendor.id} ({language}, {fmt})")
