"""`auditor requirements`: vendor requirements written in Gherkin, run against the dossiers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import echo_table, emit_json, format_option, note


@click.group()
def requirements() -> None:
    """Vendor requirements written in Gherkin, checked against a vendor's audit.

    A requirements file is ordinary Gherkin (Feature, Background, Rule, Scenario Outline with
    Examples, tags, `# language: ar`) using the sentences `auditor requirements steps` lists.

    \b
    Example (features/crm.feature):
      Feature: CRM vendors handling EU personal data
        Background:
          Given the engagement involves "personal data"
        Scenario: Encryption and certification
          Then the vendor must claim "encryption-at-rest"
          And the vendor must hold a valid "iso27001"
    """


@requirements.command("run")
@click.argument("features", nargs=-1, type=click.Path(path_type=Path), metavar="[FEATURE]...")
@click.option("--vendor", metavar="VENDOR", help="Vendor for scenarios without a `Given the vendor` step.")
@click.option("-t", "--tags", metavar="EXPR", help='Run only scenarios whose tags match, e.g. "@eu and not @draft".')
@format_option
@click.option("--junit", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also write a JUnit XML report (for CI).")
@click.option("--cucumber-json", "cucumber_json", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also write a Cucumber JSON report (for CI).")
@click.option("--as-of", "as_of", metavar="DATE", help="Judge evidence and certificates on this date (default: today).")
@click.option("--list", "lists", multiple=True, type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Denied-party list for the sanctions steps (sdn.csv or CSL CSV); default: the cached lists.")
@pass_app
def run(app: AppContext, features: tuple[Path, ...], vendor: str | None, tags: str | None, fmt: str,
        junit: Path | None, cucumber_json: Path | None, as_of: str | None, lists: tuple[Path, ...]) -> None:
    """Run requirement FEATURE files (or folders) against a vendor's audit.

    With no FEATURE, runs the workspace's features/ folder. The user's own conftest.py and
    pytest.ini are ignored. Exit 0 when every scenario passes, 1 when one fails, 2 for a Gherkin
    syntax error, an undefined step or an unknown control, with the file and line.

    \b
    Examples:
      auditor requirements run features/support-sla.feature --vendor 6clicks
      auditor requirements run features/ --vendor zoho-crm --tags "@gdpr or @support"
      auditor requirements run features/crm-eu-personal-data.feature --vendor cliently --format json
      auditor requirements run --vendor zoho-crm --junit out/junit.xml --cucumber-json out/cucumber.json
      auditor audit zoho-crm --requirements features/     # the results go into the audit
    """
    from auditor.errors import InputError
    from auditor.requirements.context import RunSettings
    from auditor.requirements.runner import run_requirements

    paths = list(features)
    if not paths:
        if not app.workspace.features_dir.is_dir():
            raise InputError(f"no FEATURE given and no features/ folder in the workspace {app.workspace.root}")
        paths = [app.workspace.features_dir]
    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise InputError(f"--as-of: not an ISO 8601 date: {as_of!r} (example: 2026-11-23)") from None
    settings = RunSettings(workspace=app.workspace, catalog=app.catalog, vendor=vendor, as_of=day, lists=list(lists))
    result = run_requirements(paths, settings, tags=tags, junit=junit, cucumber_json=cucumber_json)
    if not result.scenarios:  # a requirements run that checked nothing must not look green
        where = ", ".join(str(p) for p in paths)
        raise InputError(f"no scenario to run in {where}" + (f" matching --tags {tags!r}" if tags else ""))
    if fmt == "json":
        emit_json(result.as_dict())
    else:
        _table(result)
    for target in (junit, cucumber_json):
        if target is not None:
            note(f"wrote {target}")
    from auditor import api

    verdict = api.gate_scenarios(result.failed)
    if not verdict.passed:
        raise SystemExit(verdict.exit_code)


def _table(result) -> None:
    from auditor.text import visible

    if not result.scenarios:
        click.echo("0 scenario(s)")
        return
    echo_table(["status", "feature", "scenario", "vendor"],
               [("PASS" if s.status == "passed" else "FAIL", s.feature, s.name, s.vendor or "")
                for s in result.scenarios], max_col=60)
    failures = [s for s in result.scenarios if s.status != "passed"]
    if failures:
        click.echo("\nFailures:")
    for s in failures:
        where = f"{s.file}:{s.step_line or s.line}"
        click.echo(f"  {visible(where)}  {visible(s.feature)} / {visible(s.name)}")
        if s.step:
            click.echo(f"    {visible(s.step)}")
        click.echo(f"    {visible(s.message)}")
    click.echo(f"\n{len(result.scenarios)} scenario(s): {result.passed} passed, {result.failed} failed")


@requirements.command("steps")
@format_option
def steps(fmt: str) -> None:
    """List the step sentences requirements files may use, with an example of each.

    The list is generated from the step library itself, so it is always the one that runs.
    Quoted values and numbers are yours to change; the rest must be written as shown.

    \b
    Examples:
      auditor requirements steps
      auditor requirements steps --format json
    """
    from auditor.requirements.steps import LIBRARY

    if fmt == "json":
        emit_json([{"keyword": s.kind.capitalize(), "pattern": s.pattern, "example": s.example, "help": s.help}
                   for s in LIBRARY])
        return
    for kind in ("given", "then"):
        for spec in (s for s in LIBRARY if s.kind == kind):
            click.echo(spec.example)
            click.echo(click.wrap_text(spec.help, width=96, initial_indent="    ", subsequent_indent="    "))
            click.echo("")
