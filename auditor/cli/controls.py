"""`auditor controls`: the common controls that claims and evidence attach to."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import check_catalog_files, echo_table, emit_json, format_option


@click.group()
def controls() -> None:
    """Common controls: one vendor-observable safeguard each.

    Every framework requirement maps to one or more of them, so one claim or piece of
    evidence answers every framework at once.
    """


@controls.command("list")
@click.option("--domain", help="Only controls of this domain (governance, access, cryptography, ...).")
@format_option
@pass_app
def list_controls(app: AppContext, domain: str | None, fmt: str) -> None:
    """List the common controls with the number of requirements mapped to each.

    Example: auditor controls list --domain privacy --format json
    """
    domains = sorted({c.domain for c in app.catalog.controls.values()})
    if domain is not None and domain not in domains:
        from auditor.errors import InputError

        raise InputError(f"--domain {domain!r}: no such domain; known: {', '.join(domains)}")
    items = [c for c in app.catalog.controls.values() if domain is None or c.domain == domain]
    items.sort(key=lambda c: (c.domain, c.id))
    rows = [{"id": c.id, "domain": c.domain, "title": c.title, "requirement_count": len(app.catalog.mapped_to(c.id))}
            for c in items]
    if fmt == "json":
        emit_json(rows)
        return
    echo_table(["id", "domain", "title", "requirements"],
               [(r["id"], r["domain"], r["title"], r["requirement_count"]) for r in rows])


@controls.command("show")
@click.argument("control_id", metavar="CONTROL")
@format_option
@pass_app
def show_control(app: AppContext, control_id: str, fmt: str) -> None:
    """Show a control and every requirement, in every framework, mapped to it.

    Example: auditor controls show encryption-at-rest
    """
    from auditor.durations import in_words

    catalog = app.catalog
    control = catalog.control(control_id)
    mapped = catalog.mapped_to(control_id)
    if fmt == "json":
        data = control.model_dump(mode="json")
        data["requirements"] = [
            {"framework": m.framework.id, "id": m.requirement.id, "title": m.requirement.title,
             "coverage": m.coverage.value}
            for m in mapped
        ]
        emit_json(data)
        return
    click.echo(f"{control.title} ({control.id}) — {control.domain}")
    click.echo(click.wrap_text(control.description, width=100) + "\n")
    click.echo("Evidence that proves it:")
    for ev in control.evidence:
        click.echo(f"  - {ev.kind.value} (at most {in_words(ev.max_age)} old){': ' + ev.note if ev.note else ''}")
    click.echo("\nAsk the vendor when it is missing:")
    for q in control.questions:
        click.echo(f"  - {q}")
    click.echo(f"\nMapped from {len(mapped)} requirements:")
    echo_table(["framework", "requirement", "title", "coverage"],
               [(m.framework.id, m.requirement.id, m.requirement.title, m.coverage.value) for m in mapped],
               max_col=70)


@controls.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@format_option
@pass_app
def check_controls(app: AppContext, files: tuple[Path, ...], fmt: str) -> None:
    """Check control files and list every problem at once, one `file:line: problem` per line.

    Exit 0 when every file is sound, 2 when any has a problem. `publisher`, `source` and
    `licence_note` are required only of the catalogs shipped with auditor.

    \b
    Examples:
      auditor controls check controls/my-control.yaml
      auditor controls check controls/*.yaml --format json
    """
    check_catalog_files(app, files, "control", fmt)
