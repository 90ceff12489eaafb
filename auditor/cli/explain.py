"""`auditor explain`: the full reasoning behind one requirement's status."""

from __future__ import annotations

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import emit_json, format_option


@click.command()
@click.argument("vendor")
@click.argument("framework_id", metavar="FRAMEWORK")
@click.argument("requirement_id", metavar="REQUIREMENT")
@format_option
@pass_app
def explain(app: AppContext, vendor: str, framework_id: str, requirement_id: str, fmt: str) -> None:
    """Explain why REQUIREMENT of FRAMEWORK has its status for VENDOR.

    Shows each mapped common control with its status, the vendor's cited statements,
    the evidence and checks, and the rule that combined them.

    Example: auditor explain zoho-crm iso27001-2022 A.8.5
    """
    from auditor import api
    from auditor.errors import InputError
    from auditor.durations import durations_in_text
    from auditor.text import visible

    framework = app.catalog.framework(framework_id)
    requirement = framework.requirement(requirement_id)
    if requirement is None:
        import difflib

        close = difflib.get_close_matches(requirement_id, [r.id for r in framework.requirements], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise InputError(f"framework {framework_id!r} has no requirement {requirement_id!r}{hint}")
    outcome = api.audit(vendor, workspace=app.workspace, catalog=app.catalog, frameworks=[framework_id])
    fw = outcome.assessment.frameworks[0]
    result = next(r for r in fw.requirements if r.id == requirement_id)
    standings = [s for s in outcome.assessment.attestations if s.type.value in framework.attestations]
    if fmt == "json":
        emit_json({"vendor": outcome.vendor.id, "framework": fw.id, "requirement": result.model_dump(mode="json"),
                   "mappings": [m.model_dump(mode="json") for m in requirement.controls],
                   "attestations": [s.model_dump(mode="json") for s in standings]})
        return
    click.secho(f"{fw.id} {result.id} {result.title}: {result.status.value}", bold=True)
    click.echo(click.wrap_text(requirement.description, 100, initial_indent="  ", subsequent_indent="  "))
    coverage = {m.control: m.coverage.value for m in requirement.controls}
    own = [r for r in result.reasons if r.control is None]
    if own:
        click.echo("\nDecision:")
        for reason in own:
            click.echo(f"  - {visible(durations_in_text(reason.text))}")
    if standings:  # the one attestation standing the requirement read (assess/standing.py)
        click.echo(f"\nAttestations {fw.id} accepts:")
        for standing in standings:
            click.echo(f"  - {standing.type.value}: {standing.state.value} ({visible(standing.reason)})")
    for control in result.control_results:
        click.echo(f"\n{control.control} ({coverage.get(control.control, '?')}): {control.status.value}")
        for reason in control.reasons:
            click.echo(f"  - [{reason.kind}] {visible(durations_in_text(reason.text))}")
