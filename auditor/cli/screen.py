"""`auditor screen`: a vendor dossier or one party against denied-party lists and sanctioned places."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import echo_table, emit_json, format_option, note

_PLACE = re.compile(r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")


def _parse_day(value: str | None, option: str = "--as-of") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


@click.command("screen")
@click.argument("vendor", required=False, metavar="[VENDOR]")
@click.option("--name", metavar="NAME", help="Screen one party by name instead of a dossier.")
@click.option("--names", "names_file", metavar="FILE", type=click.Path(path_type=Path),
              help="Screen many parties: a CSV with a `name` column (optionally `country`, `born`), or one name per "
                   "line. One result per input line, in order; a progress bar on a terminal.")
@click.option("--country", metavar="CC",
              help="The party's country (ISO code such as IR) or region (UA-43), checked against sanctioned "
                   "jurisdictions and noted on name hits.")
@click.option("--born", metavar="YEAR", type=click.IntRange(1850, 2100),
              help="The party's year of birth (a person): a listed person born in another year is a review, "
                   "not a match.")
@click.option("--list", "list_files", multiple=True, metavar="FILE", type=click.Path(path_type=Path),
              help="A list file to screen against instead of the cached official lists (repeatable): OFAC's "
                   "sdn.csv (alt.csv and add.csv beside it are read too) or trade.gov's consolidated.csv.")
@click.option("--list-date", "list_dates", multiple=True, metavar="DATE",
              help="The date the publisher issued the --list file (YYYY-MM-DD; one for all lists or one per "
                   "--list). Without it the list is shown as undated and treated as stale.")
@click.option("--fail-on", type=click.Choice(["match", "review"]), default="match", show_default=True,
              help="Lowest status that makes the command exit 1.")
@click.option("--as-of", "as_of", metavar="DATE",
              help="Screen as on this date: which jurisdiction rules apply and how old the lists are (default today).")
@format_option
@pass_app
def screen(app: AppContext, vendor: str | None, name: str | None, names_file: Path | None, country: str | None,
           born: int | None, list_files: tuple[Path, ...], list_dates: tuple[str, ...], fail_on: str, as_of: str | None,
           fmt: str) -> None:
    """Screen a vendor, or one party, for EAR/OFAC denied parties and sanctioned places.

    VENDOR (a dossier id or folder) screens the vendor's legal and trading name, its parent and
    its sub-processors against the lists, and its headquarters, hosting and sub-processor
    countries against the sanctioned jurisdictions (Cuba, Iran, North Korea, Crimea and the
    so-called DNR/LNR regions are a match; Syria, Russia, Belarus, Venezuela need review).

    Names are compared after normalisation (case, accents, punctuation, other scripts such as
    Cyrillic, Arabic, Greek, Chinese or Korean, legal forms such as LLC, GmbH or OOO in any
    position, LAST, First order) with fuzzy scoring. Given and family name of a person listed
    with middle names or a patronymic are a review; the same name listed in another country
    is a review, not a match. The workspace policy (auditor.yaml, section `screening:`) sets
    the match and review thresholds and the maximum list age.

    Lists: the copies downloaded by `auditor lists update` (dated by the publisher), or files
    given with --list (dated by --list-date, else undated and stale). With neither, the
    command stops (exit 2) rather than report a party clear unscreened. An OFAC sdn.csv
    without alt.csv/add.csv beside it is used with a warning and `lists_complete: false`.

    Exit codes: 0 clear or review, 1 match (or review with --fail-on review), 2 bad input
    or no list.

    \b
    Examples:
      auditor screen zoho-crm
      auditor screen --name "Aerocaribbean Airlines" --list sdn.csv
      auditor screen --name "Acme Hosting LLC" --country IR --format json
      auditor screen --names parties.csv --list sdn.csv --list-date 2024-05-03 --format json
    """
    from auditor.screening.screen import screen_party, screen_vendor
    from auditor.screening.service import workspace_screener

    if sum(1 for given in (vendor, name, names_file) if given) != 1:
        raise click.UsageError("give one of VENDOR, --name NAME or --names FILE")
    if country:
        _check_country(country)
    if (vendor or names_file) and (country or born):
        raise click.UsageError("--country and --born go with --name; a dossier's places come from the dossier, "
                               "a names file's from its `country` and `born` columns")
    today = _parse_day(as_of)
    dates = [_parse_day(d, "--list-date") for d in list_dates]
    if dates and not list_files:
        raise click.UsageError("--list-date dates a --list file; the downloaded lists are dated by their publisher")
    failing = {"match"} | ({"review"} if fail_on == "review" else set())
    if names_file:
        _screen_file(app, names_file, list_files, dates, today, fmt, failing)
        return
    screener = workspace_screener(app.workspace, list_files=list_files, today=today, require_lists=True,
                                  list_dates=dates)
    if vendor:
        from auditor.dossier import load_dossier

        dossier = load_dossier(app.workspace.dossier_dir(vendor))
        result = screen_vendor(dossier, screener)
    else:
        result = screen_party(screener, name, country=country.upper() if country else None, born=born)

    if fmt == "json":
        emit_json(result)
    else:
        _print_result(result)
    for warning in result.warnings:
        note(f"warning: {warning}")
    if result.status.value in failing:
        raise SystemExit(1)


def _screen_file(app: AppContext, names_file: Path, list_files, dates, today, fmt: str, failing: set[str]) -> None:
    import sys

    from auditor.claims import data_dir
    from auditor.claims.lexicon import load_country_codes
    from auditor.screening.batch import read_parties, screen_parties
    from auditor.screening.service import workspace_screener

    from auditor.screening.jurisdictions import regions

    known = regions()
    places = set(load_country_codes(data_dir())) | set(known["regions"]) | set(known["vague"])
    parties = read_parties(names_file, places)
    screener = workspace_screener(app.workspace, list_files=list_files, today=today, require_lists=True,
                                  list_dates=dates)
    if sys.stderr.isatty():
        with click.progressbar(length=len(parties), label="screening", file=sys.stderr) as bar:
            report = screen_parties(screener, parties, progress=lambda _n: bar.update(1))
    else:
        report = screen_parties(screener, parties)
    if fmt == "json":
        emit_json(report)
    else:
        from auditor.text import visible

        for info in report["lists"]:
            click.echo(f"list: {info['name']}, dated {info['date'] or 'undated'}, {info['entries']:,} entries")
        echo_table(["line", "status", "score", "name", "country", "best hit"],
                   [(r["line"], r["status"], f"{r['score']:.2f}", visible(r["name"]), r["country"] or "",
                     (f"{r['hits'][0]['name']} ({r['hits'][0]['list']})" if r["hits"] else ""))
                    for r in report["results"]], max_col=48)
    for warning in report["warnings"]:
        note(f"warning: {warning}")
    if any(r["status"] in failing for r in report["results"]):
        raise SystemExit(1)


def _check_country(country: str) -> None:
    """A mistyped code would screen as clear: refuse any code that names no country or known region."""
    from auditor.screening.jurisdictions import regions

    known = regions()
    if country.upper() in known["regions"] or country.upper() in known["vague"]:
        return
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
