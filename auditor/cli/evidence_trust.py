"""`auditor evidence verify | anchor | collect`: what the store can vouch for, and live checks.

Registered on the `evidence` group by auditor/cli/evidence.py; the shared helpers live there.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.cli.evidence import _anchor_note, _store, _vendor_id
from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import echo_table, emit_json, format_option, is_terminal, note, to_json


@click.command("verify")
@click.argument("vendor", required=False)
@click.option("--against", "against", type=click.Path(dir_okay=False, path_type=Path), metavar="REPORT",
              help="Also prove the ledger still holds the state this report (JSON, OSCAL or PDF) was built on.")
@format_option
@pass_app
def verify(app: AppContext, vendor: str | None, against: Path | None, fmt: str) -> None:
    """Check the ledger against its latest signed checkpoint, re-hash every stored file; exit 1 if anything broke.

    The hash chain must run unbroken from the first record to the latest checkpoint signed
    with the workspace's key, and every record after it is reported as not anchored. A
    database that is missing, empty, replaced or not a file while blobs or checkpoints exist
    is damage. With VENDOR, only that vendor's files are re-hashed (the ledger is always
    checked whole). With --against REPORT, the ledger must still hold the record the report
    was built on (its ledger_head): a rollback, truncation or rewrite is exit 1.

    \b
    Examples:
      auditor evidence verify
      auditor evidence verify --against zoho.pdf
    """
    from auditor.evidence.anchor import head_from_report

    vendor_id = _vendor_id(app, vendor) if vendor else None
    wanted = head_from_report(against) if against else None  # bad report: exit 2 before any work
    store = _store(app)
    report = store.verify(vendor_id)
    difference = store.verify_against(wanted) if wanted else None
    ok = report.ok and difference is None
    if fmt == "json":
        data = report.to_dict()
        if wanted:
            data["against"] = {"report": str(against), "ledger_head": wanted.model_dump(), "matches": difference is None,
                               "difference": difference}
            data["valid"] = ok
        emit_json(data)
    else:
        for problem in report.problems:
            click.echo(f"BROKEN {problem.message}")
        if difference:
            click.echo(f"BROKEN {difference}")
        for warning in report.warnings:
            note(f"warning: {warning}")
        click.echo(_verify_summary(report, wanted, difference, against))
    if not ok:
        raise click.exceptions.Exit(1)


def _verify_summary(report, wanted, difference, against) -> str:
    head = f"head record {report.head_seq} {report.head_hash[:16]}…" if report.head_hash else "empty ledger"
    if report.anchored_seq is not None:
        anchor = (f"signed checkpoint at record {report.anchored_seq} by {report.anchor_signer} "
                  f"(sha256 {(report.anchor_fingerprint or '')[:16]}…)"
                  + (f", time-stamped {report.anchor_timestamp}" if report.anchor_timestamp else ""))
    else:
        anchor = "no signed checkpoint"
    damage = [p.message for p in report.problems if p.area != "anchor" or not p.message.startswith("not anchored")]
    if damage or difference:
        verdict = f"evidence store DAMAGED, first broken: {damage[0] if damage else difference}"
    elif report.problems:
        verdict = f"evidence store NOT ANCHORED (nothing vouches for it): {report.first_broken}"
    elif report.records == 0:
        verdict = "evidence store empty: nothing recorded, nothing to vouch for"
    else:
        verdict = "evidence store intact and anchored"
    line = (f"{verdict}: {report.records} ledger records, {report.blobs_checked} files "
            f"({report.bytes_checked / 1e6:.1f} MB) re-hashed; {head}; {anchor}")
    if wanted and difference is None:
        line += f"; still holds ledger record {wanted.seq} that {against} was built on"
    return line


@click.command("anchor")
@click.option("--tsa", metavar="URL", help="Also have this RFC 3161 time-stamping authority stamp the checkpoint.")
@format_option
@pass_app
def anchor(app: AppContext, tsa: str | None, fmt: str) -> None:
    """Sign a checkpoint of the ledger head with the workspace key (after checking the whole store).

    Needed when evidence was added while the key was locked (no AUDITOR_KEY_PASSPHRASE) or
    before `auditor keys init`: those records are reported as not anchored until then. Refused
    while `auditor evidence verify` shows any damage: check first that the records listed as
    not anchored are yours.

    With --tsa URL the checkpoint also carries an RFC 3161 time-stamp: proof that it existed
    at that time, which even the key's holder cannot back-date.

    \b
    Examples:
      AUDITOR_KEY_PASSPHRASE=... auditor evidence anchor
      auditor evidence anchor --tsa http://timestamp.example/tsa
    """
    store = _store(app, writing=True)
    head, newly = store.anchor(tsa)
    if fmt == "json":
        emit_json({"ledger_head": head.model_dump() if head else None,
                   "newly_anchored": list(newly) if newly else None})
        return
    if head is None:
        note("the ledger is empty: nothing to anchor")
        return
    span = f"; now vouches for records {newly[0]}–{newly[1]}" if newly else ""
    click.echo(f"signed checkpoint of ledger record {head.seq} ({head.hash[:16]}…){span}")


@click.command("collect")
@click.argument("vendor")
@click.option("--url", "urls", multiple=True, required=True, metavar="URL", help="A URL to check (repeatable).")
@click.option("--ca-bundle", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Trust only the CAs in this PEM file (a private CA). Verification is never switched off: "
                   "an untrusted certificate is recorded as a failed tls check.")
@click.option("--connect-timeout", type=click.FloatRange(0.05, 120), default=5.0, show_default=True,
              help="Seconds to wait for a TCP connection.")
@click.option("--timeout", "read_timeout", type=click.FloatRange(0.05, 300), default=10.0, show_default=True,
              help="Seconds to wait for each read (TLS handshake, HTTP response).")
@click.option("--retries", type=click.IntRange(0, 5), default=2, show_default=True,
              help="Extra attempts after a timeout, refusal or reset, with backoff 0.5 s, 1 s, 2 s …")
@click.option("--workers", type=click.IntRange(1, 64), default=8, show_default=True, help="URLs checked at once.")
@click.option("--allow-private", is_flag=True,
              help="Also connect to loopback, private, link-local and cloud-metadata addresses (refused by default).")
@format_option
@pass_app
def collect(app: AppContext, vendor: str, urls: tuple[str, ...], ca_bundle: Path | None, connect_timeout: float,
            read_timeout: float, retries: int, workers: int, allow_private: bool, fmt: str) -> None:
    """Run live checks and keep each URL's observation as evidence (kind scan).

    Checks: tls (every protocol version accepted, probed one by one; cipher; certificate chain,
    issuer, dates, hostname, trust), hsts, content-security-policy, x-content-type-options,
    frame-protection, referrer-policy and security.txt (RFC 9116). Each is pass, fail or error;
    what was read over plain http or a connection whose certificate did not verify is recorded
    as unverified and satisfies no control. Loopback, private, link-local and cloud-metadata
    addresses are refused (also as redirect targets) unless --allow-private; redirects are
    followed only to https. Credentials in a URL (user:password@) are removed before anything
    is sent, stored or printed.
    JSON: one object per URL ({"url", "checks", "evidence"}); a list when several URLs are given.
    Exit 1 when any check fails or errors.

    Example: auditor evidence collect zoho-crm --url https://www.zoho.com --url https://accounts.zoho.com
    """
    from auditor.evidence.collect.net import NetOptions
    from auditor.evidence.collect.runner import collect as run_collect, target

    from auditor.evidence.collect.headers import public_url

    cleaned = tuple(public_url(u) for u in urls)
    if cleaned != urls:
        note("warning: credentials removed from the URL(s); they are never sent, stored or printed")
    urls = cleaned
    vendor_id = _vendor_id(app, vendor)
    for url in urls:
        target(url)
    store = _store(app, writing=True)
    options = NetOptions(connect_timeout=connect_timeout, read_timeout=read_timeout, retries=retries,
                         ca_bundle=ca_bundle, allow_private=allow_private)
    stored: dict[int, str] = {}  # by observation: the same URL may be given twice
    progress = _Progress(len(urls))

    def keep(observation) -> None:
        item = store.record_observation(vendor_id, observation.document, source=observation.url,
                                        checks=observation.checks)
        stored[id(observation)] = item.sha256
        progress.advance(observation)

    try:
        results = run_collect(list(urls), options, workers=workers, on_result=keep)
    finally:
        progress.close()
    _anchor_note(store)
    payload = [{"url": r.url, "checks": [c.model_dump(mode="json") for c in r.checks],
                "evidence": [stored[id(r)]] if id(r) in stored else []} for r in results]
    if fmt == "json":
        click.echo(to_json(payload[0] if len(payload) == 1 else payload))
    else:
        for result, data in zip(results, payload):
            click.echo(f"\n{result.url}  (evidence {', '.join(s[:12] for s in data['evidence'])})")
            echo_table(["check", "status", "what was seen"],
                       [(c.name, c.status.value, c.message or "") for c in result.checks])
    if any(c.status.value != "pass" for r in results for c in r.checks):
        raise click.exceptions.Exit(1)


class _Progress:
    """A progress bar on a terminal, one line per finished URL otherwise (logs, CI)."""

    def __init__(self, total: int):
        self.total = total
        self.done = 0
        self.bar = None
        if is_terminal() and total > 1:
            self.bar = click.progressbar(length=total, label="collecting", file=sys.stderr,
                                         show_pos=True, item_show_func=lambda url: url or "")
            self.bar.__enter__()

    def advance(self, observation) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1, observation.url)
            return
        summary = ", ".join(f"{c.name} {c.status.value}" for c in observation.checks)
        note(f"[{self.done}/{self.total}] {observation.url}: {summary}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
