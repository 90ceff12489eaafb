"""`auditor lists`: download the official denied-party lists and see the cached copies."""

from __future__ import annotations

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import echo_table, emit_json, format_option, note


@click.group("lists")
def lists() -> None:
    """Denied-party lists: OFAC's SDN list and trade.gov's Consolidated Screening List by default;
    optionally OpenSanctions' consolidated sanctions, the EU, UK (OFSI) and UN consolidated lists.

    `auditor lists update` downloads them into the workspace (.auditor/lists/), and
    `auditor screen` uses those copies unless given --list FILE.
    """


def _parse_urls(pairs: tuple[str, ...]) -> dict[str, str]:
    urls: dict[str, str] = {}
    for pair in pairs:
        key, sep, url = pair.partition("=")
        if not sep or not key or not url:
            raise click.BadParameter(f"{pair!r}: expected NAME=URL (NAME: sdn, alt, add, csl, opensanctions, eu, uk "
                                     "or un)", param_hint="--url")
        urls[key.strip().lower()] = url.strip()
    return urls


@lists.command("update")
@click.option("--source", "sources", multiple=True,
              type=click.Choice(["sdn", "csl", "opensanctions", "eu", "uk", "un"]),
              help="This list (repeatable; default sdn and csl). opensanctions (their consolidated sanctions, "
                   "targets.simple.csv), eu (EU financial sanctions, CSV 1.1), uk (OFSI ConList.csv) and un (UN "
                   "Security Council, XML) are optional.")
@click.option("--url", "url_pairs", multiple=True, metavar="NAME=URL",
              help="Fetch NAME (sdn, alt, add, csl) from URL instead of the official address (repeatable); "
                   "AUDITOR_LIST_URL_SDN and friends do the same from the environment.")
@click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True,
              help="Seconds to wait for the server at each step.")
@click.option("--retries", type=click.IntRange(0, 10), default=2, show_default=True,
              help="Further attempts after a network error or a 429/5xx answer.")
@click.option("--backoff", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds before the first retry; doubled for each further one.")
@format_option
@pass_app
def update(app: AppContext, sources: tuple[str, ...], url_pairs: tuple[str, ...], timeout: float, retries: int,
           backoff: float, fmt: str) -> None:
    """Download the current official lists into the workspace cache.

    Each list is fetched from its official address (OFAC's Sanctions List Service for the
    legacy sdn.csv, alt.csv and add.csv; data.trade.gov for the Consolidated Screening
    List), conditionally when a copy exists (ETag / Last-Modified): an unchanged list costs
    one small request. A new copy is parsed before it replaces the old one, so a failed,
    empty or cut-short download (fewer entries than the official list ever had, or well
    under the cached copy; an SDN without its alt.csv/add.csv) leaves the previous copy in
    place. The list is dated by its publisher (Last-Modified). Progress goes to stderr.

    Exit codes: 0 every list updated or unchanged, 1 a list could not be updated, 2 bad input.

    \b
    Examples:
      auditor lists update
      auditor lists update --source sdn
      auditor lists update --source sdn --source csl --source eu --source un
      auditor lists update --url csl=https://mirror.example/consolidated.csv --format json
    """
    from auditor.screening.update import DEFAULT_SOURCES, resolve_urls, update_lists

    urls = resolve_urls(_parse_urls(url_pairs))
    outcomes = update_lists(app.workspace.lists_dir, sources=sources or DEFAULT_SOURCES, urls=urls,
                            timeout=timeout, retries=retries, backoff=backoff, progress=note)
    rows = [{"source": o.source, "status": o.status, "message": o.message,
             "date": (o.meta.published_date or o.meta.list_date).isoformat() if o.meta else None,
             "checked": o.meta.list_date.isoformat() if o.meta else None,
             "sha256": o.meta.sha256 if o.meta else None,
             "entries": o.meta.entries if o.meta else 0,
             "aliases": o.meta.aliases if o.meta else 0} for o in outcomes]
    if fmt == "json":
        emit_json(rows)
    else:
        echo_table(["source", "status", "date", "entries", "sha256", "message"],
                   [(r["source"], r["status"], r["date"] or "-", f"{r['entries']:,}", (r["sha256"] or "-")[:12],
                     r["message"]) for r in rows])
    if any(o.status == "failed" for o in outcomes):
        raise SystemExit(1)


@lists.command("show")
@format_option
@pass_app
def show(app: AppContext, fmt: str) -> None:
    """Show the cached lists: date, entries, sha256, address, and whether they are stale.

    A list is stale when its date (last download or confirmed-unchanged check) is older
    than `screening.max_list_age` in the workspace policy (default P7D).

    \b
    Example:
      auditor lists show --format json
    """
    from datetime import date

    from auditor.screening.cache import cached_metas
    from auditor.screening.policy import load_screening_policy

    policy = load_screening_policy(app.workspace.policy_path)
    today = date.today()
    rows = []
    for meta in cached_metas(app.workspace.lists_dir):
        age = (today - meta.list_date).days
        rows.append({"source": meta.source, "title": meta.title,
                     "date": (meta.published_date or meta.list_date).isoformat(),
                     "checked": meta.list_date.isoformat(),
                     "downloaded_at": meta.downloaded_at.isoformat(), "checked_at": meta.checked_at.isoformat(),
                     "entries": meta.entries, "aliases": meta.aliases, "sha256": meta.sha256, "url": meta.url,
                     "files": [f.model_dump(mode="json") for f in meta.files],
                     "age_days": age, "stale": age * 86400 > policy.max_age.total_seconds()})
    if fmt == "json":
        emit_json(rows)
        return
    if not rows:
        note("no lists cached in this workspace: run `auditor lists update`")
        return
    echo_table(["source", "date", "entries", "aliases", "stale", "sha256", "url"],
               [(r["source"], r["date"], f"{r['entries']:,}", f"{r['aliases']:,}", "yes" if r["stale"] else "no",
                 r["sha256"][:12], r["url"]) for r in rows])


lists.add_command(show, "status")
