"""`auditor history` and `auditor diff`: what earlier audits said and what changed since."""

from __future__ import annotations

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import echo_table, emit_json, format_option


def _vendor_id(app: AppContext, vendor: str) -> str:
    from auditor.workspace import validate_vendor_id

    if "/" in vendor or vendor.startswith("."):
        from auditor.assess.run import load_vendor

        return load_vendor(app.workspace.dossier_dir(vendor)).id
    return validate_vendor_id(vendor)


def _percent(value) -> str:
    return "n/a" if value is None else f"{value:g}%"


@click.command()
@click.argument("vendor")
@format_option
@pass_app
def history(app: AppContext, vendor: str, fmt: str) -> None:
    """List the recorded audits of VENDOR, oldest first.

    An audit is recorded when you ask for a record: `auditor audit VENDOR` (the terminal
    summary) or any audit with `--record`, with the sha256 of its inputs (dossier, catalogs,
    policy, evidence, lists). A run with the same outcome as the last one is not stored again.

    Example: auditor history zoho-crm
    """
    from auditor.history import list_runs

    runs = list_runs(app.workspace, _vendor_id(app, vendor))
    if not runs:
        app.workspace.dossier_dir(vendor)  # a typo is an error naming the known dossiers, not "no audits"
    if fmt == "json":
        emit_json([{"id": r.id, "vendor": r.vendor, "created_at": r.created_at, "as_of": r.as_of,
                    "inputs_sha256": r.inputs_sha256, **r.summary} for r in runs])
        return
    if not runs:
        from auditor.cli.output import note

        note(f"no recorded audits of {vendor} in this workspace (run: auditor audit {vendor})")
        return
    echo_table(["run", "created", "as of", "critical", "high", "medium", "inputs", "coverage"],
               [(r.id, r.created_at, r.as_of, r.summary["findings"]["critical"], r.summary["findings"]["high"],
                 r.summary["findings"]["medium"], r.inputs_sha256[:12],
                 " ".join(f"{k}:{_percent(v['coverage'])}" for k, v in r.summary["frameworks"].items()))
                for r in runs])


@click.command()
@click.argument("vendor")
@click.argument("run_a", required=False, type=int)
@click.argument("run_b", required=False, type=int)
@format_option
@pass_app
def diff(app: AppContext, vendor: str, run_a: int | None, run_b: int | None, fmt: str) -> None:
    """Show what changed between two audits of VENDOR (default: the last two that differ).

    Verdict, status changes per requirement, coverage changes, new and resolved findings.

    \b
    Examples:
      auditor diff zoho-crm            # the latest run against the last one that differs
      auditor diff zoho-crm 3          # run 3 against the latest run
      auditor diff zoho-crm 3 7        # run 3 against run 7
    """
    from auditor.durations import durations_in_text
    from auditor.errors import InputError
    from auditor.history import diff_runs, last_two_that_differ, list_runs, load_run
    from auditor.text import visible

    vendor_id = _vendor_id(app, vendor)
    runs = [r.id for r in list_runs(app.workspace, vendor_id)]
    if run_a is None or run_b is None:
        if run_a is not None:
            run_b = runs[-1] if runs else None
        elif len(runs) >= 2:
            pair = last_two_that_differ(app.workspace, vendor_id)
            run_a, run_b = pair if pair else (runs[-2], runs[-1])
        if run_a is None or run_b is None:
            raise InputError(f"need two recorded audits of {vendor_id} to compare (have {len(runs)}; "
                             f"record one with: auditor audit {vendor_id})")
    result = diff_runs(load_run(app.workspace, vendor_id, run_a), load_run(app.workspace, vendor_id, run_b))
    if fmt == "json":
        emit_json({"vendor": vendor_id, "from_run": run_a, "to_run": run_b, **result})
        return
    click.echo(f"{vendor_id}: run {run_a} → run {run_b}")
    if result["verdict_change"]:
        before, after = (v.get("text", v) if isinstance(v, dict) else v for v in result["verdict_change"])
        click.echo(f"  verdict: {visible(str(before))} → {visible(str(after))}")
    for c in result["coverage_changes"]:
        click.echo(f"  {c['framework']}: coverage {_percent(c['coverage'][0])} → {_percent(c['coverage'][1])}, "
                   f"verified {_percent(c['verified'][0])} → {_percent(c['verified'][1])}")
    if result["status_changes"]:
        click.echo(f"\n{len(result['status_changes'])} status change(s):")
        echo_table(["framework", "requirement", "from", "to", "title"],
                   [(c["framework"], c["requirement"], c["from"] or "-", c["to"], c["title"])
                    for c in result["status_changes"]], max_col=60)
    for label in ("new_findings", "resolved_findings"):
        items = result[label]
        click.echo(f"\n{label.replace('_', ' ')}: {len(items)}")
        for f in items:
            click.echo(f"  {f['severity']:<8} {visible(durations_in_text(f['title']))}")
    if not any(result.values()):
        click.echo("no change")
