"""`auditor screen`: a vendor dossier or one party against denied-party lists and sanctioned places."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import echo_table, emit_json, format_option, note

_PLACE = re.compile(r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--as-of") from None


@click.command("screen")
@click.argument("vendor", required=False, metavar="[VENDOR]")
@click.option("--name", metavar="NAME", help="Screen one party by name instead of a dossier.")
@click.option("--country", metavar="CC",
              help="The party's country (ISO code such as IR) or region (UA-43), checked against sanctioned "
                   "jurisdictions and noted on name hits.")
@click.option("--list", "list_files", multiple=True, metavar="FILE", type=click.Path(path_type=Path),
              help="A list file to screen against instead of the cached official lists (repeatable): OFAC's "
                   "sdn.csv (alt.csv and add.csv beside it are read too) or trade.gov's consolidated.csv.")
@click.option("--fail-on", type=click.Choice(["match", "review"]), default="match", show_default=True,
              help="Lowest status that makes the command exit 1.")
@click.option("--as-of", "as_of", metavar="DATE",
              help="Screen as on this date: which jurisdiction rules apply and how old the lists are (default today).")
@format_option
@pass_app
def screen(app: AppContext, vendor: str | None, name: str | None, country: str | None, list_files: tuple[Path, ...],
           fail_on: str, as_of: str | None, fmt: str) -> None:
    """Screen a vendor, or one party, for EAR/OFAC denied parties and sanctioned places.

    VENDOR (a dossier id or folder) screens the vendor's legal and trading name, its parent and
    its sub-processors against the lists, and its headquarters, hosting and sub-processor
    countries against the sanctioned jurisdictions (Cuba, Iran, North Korea, Crimea and the
    so-called DNR/LNR regions are a match; Syria, Russia, Belarus, Venezuela need review).

    Names are compared after normalisation (case, accents, punctuation, legal forms such as
    LLC or GmbH, LAST, First order) with fuzzy scoring; the workspace policy (auditor.yaml,
    section `screening:`) sets the match and review thresholds and the maximum list age.

    Lists: the copies downloaded by `auditor lists update`, or files given with --list. With
    neither, the command stops (exit 2) rather than report a party clear unscreened.

    Exit codes: 0 clear or review, 1 match (or review with --fail-on review), 2 bad input
    or no list.

    \b
    Examples:
      auditor screen zoho-crm
      auditor screen --name "Aerocaribbean Airlines" --list sdn.csv
      auditor screen --name "Acme Hosting LLC" --country IR --format json
    """
    from auditor.model.enums import ScreeningStatus
    from auditor.screening.screen import screen_party, screen_vendor
    from auditor.screening.service import workspace_screener

    if bool(vendor) == bool(name):
        raise click.UsageError("give either VENDOR or --name NAME (not both)")
    if country:
        _check_country(country)
    if vendor and country:
        raise click.UsageError("--country goes with --name; a dossier's places come from the dossier")
    today = _parse_day(as_of)
    screener = workspace_screener(app.workspace, list_files=list_files, today=today, require_lists=True)
    if vendor:
        from auditor.dossier import load_dossier

        dossier = load_dossier(app.workspace.dossier_dir(vendor))
        result = screen_vendor(dossier, screener)
    else:
        result = screen_party(screener, name, country=country.upper() if country else None)

    if fmt == "json":
        emit_json(result)
    else:
        _print_result(result)
    for warning in result.warnings:
        note(f"warning: {warning}")
    failing = {ScreeningStatus.MATCH} | ({ScreeningStatus.REVIEW} if fail_on == "review" else set())
    if result.status in failing:
        raise SystemExit(1)


def _check_country(country: str) -> None:
    """A mistyped code would screen as clear: refuse any code that names no country."""
    if not _PLACE.match(country):
        raise click.BadParameter(f"{country!r} is not an ISO country code (IR) or region code (UA-43)",
                                 param_hint="--country")
    from auditor.claims import data_dir
    from auditor.claims.lexicon import load_country_codes

    if country[:2].upper() not in load_country_codes(data_dir()):
        raise click.BadParameter(f"{country!r}: {country[:2].upper()} is not an ISO 3166-1 country code "
                                 "(examples: IR, CU, KP, UA-43)", param_hint="--country")


def _print_result(result) -> None:
    from auditor.text import visible

    click.echo(f"status: {result.status.value}")
    for info in result.lists:
        stale = "  STALE" if info.stale else ""
        click.echo(f"list: {info.name}, dated {info.date}, {info.entries:,} entries, "
                   f"sha256 {(info.sha256 or '')[:12]}, from {visible(str(info.source))}{stale}")
    if not result.lists:
        click.echo("list: none (names not screened)")
    click.echo("screened: " + visible("; ".join(result.screened)))
    if not result.hits:
        click.echo("no hits")
        return
    click.echo("")
    echo_table(["status", "score", "list", "listed name", "screened", "reason"],
               [(h.status.value, f"{h.score:.2f}", h.list, h.name, h.query or "", h.reason) for h in result.hits],
               max_col=48)
