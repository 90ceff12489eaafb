"""`auditor audit`: the main job: where a vendor stands against every applicable framework."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import echo_table, note, to_json

SCOPES = ["personal data", "health data", "cardholder data", "export-controlled technology"]
SEVERITIES = ["critical", "high", "medium", "low", "info"]
_COLOURS = {"critical": "red", "high": "red", "medium": "yellow", "low": "cyan", "info": "white"}


def _write_or_echo(text: str, out: str | None) -> None:
    if out:
        from auditor.yamlio import write_atomic

        write_atomic(Path(out), text)
        note(f"wrote {out}")
    else:
        click.echo(text, nl=not text.endswith("\n"))


def _summary(report, limit: int) -> None:
    from auditor.durations import durations_in_text
    from auditor.text import visible

    a = report.assessment
    click.echo(f"Vendor audit: {visible(a.vendor_name)} ({a.vendor_id}) as of {a.as_of.isoformat()}")
    click.echo(f"Scope: {', '.join(a.scope) or 'none declared'}")
    click.secho(f"Verdict: {report.verdict}", bold=True)  # the style ends before the newline
    if report.decision is not None:
        click.echo(f"  (policy rule: {report.decision.rule})")
    click.echo("")
    echo_table(["framework", "coverage", "verified", "sat", "unver", "stale", "contra", "gap", "n/a"],
               [(fw.id, f"{fw.coverage:.1f}%" if fw.applicable else "n/a", f"{fw.verified:.1f}%" if fw.applicable else "n/a",
                 fw.counts.satisfied, fw.counts.unverified, fw.counts.stale, fw.counts.contradicted, fw.counts.gap,
                 fw.counts.not_applicable) for fw in a.frameworks])
    counts = {s: 0 for s in SEVERITIES}
    for f in a.findings:
        counts[f.severity.value] += 1
    click.echo("\nFindings: " + ", ".join(f"{n} {s}" for s, n in counts.items() if n))
    for f in a.findings[:limit]:
        sev = click.style(f"{f.severity.value:<8}", fg=_COLOURS[f.severity.value], bold=f.severity.value == "critical")
        where = f"{f.framework} {f.requirement}".strip() + (", outside the selected frameworks"
                                                            if f.outside_selection else "")
        click.echo(f"  {sev} {visible(durations_in_text(f.title))}  [{where}]")
    if len(a.findings) > limit:
        click.echo(f"  … {len(a.findings) - limit} more (--format md or json for all)")
    if a.screening is not None:
        click.echo(f"\nEAR/OFAC screening: {a.screening.status.value}"
                   + ("" if a.screening.lists_available else
                      " (names compared against no denied-party list; places checked against sanctioned "
                      "jurisdictions)"))
    for w in a.warnings:
        note(f"warning: {w}")
    click.echo(f"\nWhy a status? auditor explain {a.vendor_id} FRAMEWORK REQUIREMENT")


@click.command()
@click.argument("vendor", required=False)
@click.option("--all", "audit_all", is_flag=True,
              help="Audit every dossier in the workspace's evidence/ (a portfolio summary).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), help="Processes for --all (default: one per core).")
@click.option("--framework", "-f", "frameworks", multiple=True, metavar="ID",
              help="Audit only these frameworks (repeatable). Default: all.")
@click.option("--scope", "scopes", multiple=True, type=click.Choice(SCOPES),
              help="Data the engagement involves (repeatable); overrides the dossier's engagement section.")
@click.option("--as-of", "as_of", metavar="DATE", help="Judge evidence validity on this date (default: today).")
@click.option("--list", "lists", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="Denied-party list to screen against (sdn.csv or CSL CSV); default: the cached lists.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md", "csv", "oscal"]), default="table",
              show_default=True, help="Output: a terminal summary, or json/md/csv/oscal documents.")
@click.option("--out", metavar="FILE", help="Write the output to FILE (atomically) instead of stdout.")
@click.option("--soa", metavar="FILE", help="Also write an ISO 27001 Statement of Applicability (CSV or .md).")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PERCENT",
              help="Exit 1 if any applicable framework's coverage is below PERCENT.")
@click.option("--fail-metric", type=click.Choice(["coverage", "verified"]), default="coverage", show_default=True,
              help="Which percentage --fail-under checks.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), metavar="SEVERITY",
              help="Exit 1 if any finding is at least this severe.")
@click.option("--reviewer", metavar="NAME", help="Reviewer named in the report.")
@click.option("--record/--no-record", "record", default=None,
              help="Keep this run in the workspace history (default: the terminal summary is kept, "
                   "other formats are not). A run with the same outcome as the last is not kept twice.")
@click.option("--language", type=click.Choice(["en", "ar"]),
              help="Language of the questions to the vendor (default: the language of its documents).")
@click.option("--limit", default=15, show_default=True, help="Findings shown in the terminal summary.")
@click.option("--requirements", "requirement_files", multiple=True, type=click.Path(path_type=Path), metavar="FEATURE",
              help="Also run Gherkin requirement files (or folders) against the vendor; results go into the "
                   "audit, and a failed scenario fails the gate (exit 1).")
@pass_app
def audit(app: AppContext, vendor: str | None, audit_all: bool, jobs: int | None, frameworks, scopes, as_of, lists,
          fmt, out, soa, fail_under, fail_metric, fail_on, reviewer, record, limit, requirement_files=(), language=None) -> None:
    """Audit VENDOR (a dossier id under evidence/, or a path to a dossier folder).

    Every requirement of every applicable framework gets a status: satisfied, unverified,
    stale, contradicted, gap or not_applicable, with the claims and evidence that decided it;
    findings are ranked by severity with the question to send the vendor.

    \b
    Examples:
      auditor audit zoho-crm
      auditor audit zoho-crm --format json > zoho.json
      auditor audit 6clicks --framework iso27001-2022 --fail-under 60
      auditor audit cliently --scope "personal data" --fail-on critical
      auditor audit zoho-crm --format oscal --out zoho-ar.json --soa zoho-soa.csv
      auditor audit --all --format json        # every dossier in evidence/
    """
    from auditor import api
    from auditor.errors import InputError

    if audit_all:
        if vendor:
            raise InputError("give a VENDOR or --all, not both")
        if requirement_files:
            raise InputError("--requirements runs against one VENDOR, not --all")
        _portfolio(app, jobs, fmt, out, fail_under, fail_metric, fail_on)
        return
    if not vendor:
        raise InputError("missing VENDOR (a dossier id such as zoho-crm, or a folder); or use --all")
    if out and fmt == "table":
        raise InputError("--out needs --format json, md, csv or oscal")

    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise InputError(f"--as-of: not an ISO 8601 date: {as_of!r} (example: 2026-11-23)") from None
    outcome = api.audit(vendor, workspace=app.workspace, catalog=app.catalog, frameworks=list(frameworks) or None,
                        scope=list(scopes) or None, as_of=day, lists=list(lists),
                        requirements=list(requirement_files), language=language)
    if outcome.assessment.requirements_run is not None:
        run = outcome.assessment.requirements_run
        note(f"requirements: {run.passed} passed, {run.failed} failed")
    report = api.build_report(outcome, reviewer=reviewer)
    if fmt == "table":
        _summary(report, limit)
    else:
        _write_or_echo(api.render(report, fmt, catalog=app.catalog), out)
    if soa:
        from auditor.report.soa import write_soa

        write_soa(report, app.catalog, Path(soa))
        note(f"wrote {soa}")
    # recorded once every output is written: a run that failed to write is not in the history
    if record if record is not None else fmt == "table":  # an audit record is asked for: keep it
        from auditor.history import record_run
        from auditor.report.formats import to_json_data

        recorded = record_run(app.workspace, to_json_data(report))
        note(f"{recorded.summary()} (auditor history {outcome.vendor.id})")

    result = api.gate(outcome, fail_under=fail_under, metric=fail_metric, fail_on=fail_on)
    if not result.passed:
        note(result.summary())
        raise SystemExit(1)


def _portfolio(app: AppContext, jobs, fmt: str, out: str | None, fail_under, fail_metric: str, fail_on) -> None:
    from dataclasses import asdict

    from auditor import api
    from auditor.errors import InputError

    if fmt not in ("json", "table"):
        raise InputError("--all prints a table or --format json")

    def progress(done: int, total: int) -> None:
        if done == total or done % max(1, total // 20) == 0:
            note(f"audited {done}/{total}")

    app.catalog  # fail fast on a broken catalog before starting workers
    rows = api.audit_all(app.workspace, jobs=jobs, progress=progress)
    if fmt == "json":
        _write_or_echo(to_json([asdict(r) for r in rows]), out)
    elif not out:
        echo_table(["vendor", "critical", "high", "medium", "verdict"],
                   [(r.vendor, r.findings.get("critical", ""), r.findings.get("high", ""),
                     r.findings.get("medium", ""), r.error or r.verdict) for r in rows], max_col=70)
    result = api.gate_portfolio(rows, fail_under=fail_under, metric=fail_metric, fail_on=fail_on)
    if not result.passed:
        note(result.summary())
        raise SystemExit(1)
