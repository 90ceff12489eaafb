"""`auditor frameworks`: list, show and map the framework catalogs."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import check_catalog_files, echo_table, emit_json, format_option


@click.group()
def frameworks() -> None:
    """Framework catalogs: GDPR, ISO 27001, SOC 2, HIPAA, PCI DSS, EAR/OFAC, due diligence.

    Built-in catalogs ship with auditor; a YAML file in your workspace's frameworks/ with
    the same id replaces the built-in one, a new id adds a framework.
    """


@frameworks.command("list")
@format_option
@pass_app
def list_frameworks(app: AppContext, fmt: str) -> None:
    """List every framework with its version and number of requirements.

    Example: auditor frameworks list --format json
    """
    rows = [
        {"id": fw.id, "name": fw.name, "version": fw.version, "requirement_count": len(fw.requirements),
         "publisher": fw.publisher}
        for fw in sorted(app.catalog.frameworks.values(), key=lambda f: f.id)
    ]
    if fmt == "json":
        emit_json(rows)
        return
    echo_table(["id", "name", "version", "requirements"],
               [(r["id"], r["name"], r["version"], r["requirement_count"]) for r in rows])


@frameworks.command("show")
@click.argument("framework_id", metavar="FRAMEWORK")
@format_option
@pass_app
def show_framework(app: AppContext, framework_id: str, fmt: str) -> None:
    """Show a framework's requirements, in the standard's order, with their common controls.

    Example: auditor frameworks show iso27001-2022 --format json
    """
    fw = app.catalog.framework(framework_id)
    if fmt == "json":
        data = fw.model_dump(mode="json", exclude={"requirements"})
        data["requirement_count"] = len(fw.requirements)
        data["requirements"] = [
            {**req.model_dump(mode="json", exclude={"controls"}),
             "controls": req.control_ids,
             "mappings": [m.model_dump(mode="json") for m in req.controls]}
            for req in fw.requirements
        ]
        emit_json(data)
        return
    click.echo(f"{fw.name} ({fw.id}) version {fw.version}, {len(fw.requirements)} requirements")
    click.echo("; ".join(f"{k}: {v}" for k, v in (("publisher", fw.publisher), ("source", fw.source)) if v) + "\n")
    echo_table(
        ["id", "title", "controls"],
        [(r.id, r.title, ", ".join(m.control + ("" if m.coverage == "full" else " (partial)") for m in r.controls))
         for r in fw.requirements],
        max_col=60,
    )


@frameworks.command("map")
@click.option("--from", "source_id", required=True, metavar="A", help="Framework already assessed.")
@click.option("--to", "target_id", required=True, metavar="B", help="Framework to see covered.")
@format_option
@pass_app
def map_frameworks(app: AppContext, source_id: str, target_id: str, fmt: str) -> None:
    """Show which requirements of B are covered by A through shared common controls.

    A requirement of B is covered `full` when every control it maps to fully is also mapped
    by some requirement of A, `partial` when only some are, `none` otherwise.

    Example: auditor frameworks map --from iso27001-2022 --to soc2-2017
    """
    from auditor.catalog.crosswalk import crosswalk

    result = crosswalk(app.catalog, source_id, target_id)
    if fmt == "json":
        emit_json(result)
        return
    echo_table(["requirement", "title", "coverage", "shared controls", f"via {source_id}"],
               [(r["requirement"], r["title"], r["coverage"], ", ".join(r["shared_controls"]),
                 ", ".join(r["via"][:6]) + (" …" if len(r["via"]) > 6 else "")) for r in result["requirements"]],
               max_col=48)
    c = result["counts"]
    click.echo(f"\n{target_id} from {source_id}: {c['full']} full, {c['partial']} partial, {c['none']} not covered "
               f"of {c['total']} requirements")


@frameworks.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@format_option
@pass_app
def check_frameworks(app: AppContext, files: tuple[Path, ...], fmt: str) -> None:
    """Check framework files and list every problem at once, one `file:line: problem` per line.

    Exit 0 when every file is sound, 2 when any has a problem. `publisher`, `source` and
    `licence_note` are required only of the catalogs shipped with auditor.

    \b
    Examples:
      auditor frameworks check frameworks/my-framework.yaml
      auditor frameworks check frameworks/*.yaml --format json
    """
    check_catalog_files(app, files, "framework", fmt)
