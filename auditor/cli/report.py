"""`auditor report`: the audit as a PDF for people, optionally signed (PAdES) by the reviewer."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.main import AppContext, pass_app
from auditor.cli.output import emit_json, format_option, note

SCOPES = ["personal data", "health data", "cardholder data", "export-controlled technology"]
SEVERITIES = ["critical", "high", "medium", "low", "info"]


def _load_data(path: Path):
    """A ReportData saved as JSON (for re-rendering a past audit exactly as it was)."""
    from pydantic import ValidationError

    from auditor.errors import InputError
    from auditor.report.model import ReportData
    from auditor.yamlio import read_text

    try:
        return ReportData.model_validate_json(read_text(path))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "top level"
        raise InputError(f"not report data: {where}: {first.get('msg')}", file=path) from None


def _audit(app: AppContext, vendor: str, frameworks, scopes, as_of: str | None, reviewer: str | None,
           requirement_files=(), language: str | None = None):
    """The audit (requirements folded in) and the report built once from it."""
    from datetime import date

    from auditor import api
    from auditor.errors import InputError

    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise InputError(f"--as-of: not an ISO 8601 date: {as_of!r} (example: 2026-11-23)") from None
    outcome = api.audit(vendor, workspace=app.workspace, catalog=app.catalog, frameworks=list(frameworks) or None,
                        scope=list(scopes) or None, as_of=day, requirements=list(requirement_files),
                        language=language)
    return api.build_report(outcome, reviewer=reviewer)


@click.command("report")
@click.argument("vendor", required=False)
@click.option("--out", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.pdf",
              help="Where to write the PDF (written to a temporary name, then renamed).")
@click.option("--sign", is_flag=True, help="Sign as PAdES B-B with the workspace key (see `auditor keys init`).")
@click.option("--tsa", metavar="URL", help="With --sign: add an RFC 3161 timestamp from this authority (PAdES B-T).")
@click.option("--reviewer", metavar="NAME", help="Reviewer named on the cover and signature page.")
@click.option("--framework", "-f", "frameworks", multiple=True, metavar="ID",
              help="Only these frameworks (repeatable). Default: all.")
@click.option("--scope", "scopes", multiple=True, type=click.Choice(SCOPES),
              help="Data the engagement involves (repeatable); overrides the dossier's engagement section.")
@click.option("--as-of", "as_of", metavar="DATE", help="Judge evidence validity on this date (default: today).")
@click.option("--data", "data_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.json",
              help="Render saved report data (a ReportData JSON) instead of auditing VENDOR now.")
@click.option("--requirements", "requirement_files", multiple=True, type=click.Path(path_type=Path),
              metavar="FEATURE", help="Also run Gherkin requirement files (or folders); their results get a section.")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PERCENT",
              help="Exit 1 (after writing the PDF) if any applicable framework's coverage is below PERCENT.")
@click.option("--fail-metric", type=click.Choice(["coverage", "verified"]), default="coverage", show_default=True,
              help="Which percentage --fail-under checks.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), metavar="SEVERITY",
              help="Exit 1 (after writing the PDF) if any finding is at least this severe. With either "
                   "gate option a failed --requirements scenario fails too (the gate of `audit`).")
@click.option("--language", type=click.Choice(["en", "ar"]),
              help="Language of the report's headings and labels (default: English) and of the questions to "
                   "the vendor (default: the language of its documents).")
@format_option
@pass_app
def report(app: AppContext, vendor: str | None, out: Path, sign: bool, tsa: str | None, reviewer: str | None,
           frameworks, scopes, as_of: str | None, data_file: Path | None, fmt: str, requirement_files=(),
           fail_under=None, fail_metric: str = "coverage", fail_on=None, language: str | None = None) -> None:
    """Write the audit of VENDOR as a PDF report, signed with --sign.

    The report holds the verdict, charts, key findings with the questions to ask, every
    requirement with its status and reason, the SLA and contract assessment, EAR/OFAC
    screening, the vendor's own statements (Arabic shown right to left) and the evidence
    manifest with its digest. With --sign the evidence manifest is embedded and the whole file
    signed, so `auditor verify` detects any later change. The key's passphrase comes from
    AUDITOR_KEY_PASSPHRASE or is asked at the terminal.

    \b
    Examples:
      auditor report zoho-crm --out zoho.pdf
      auditor report zoho-crm --out zoho.pdf --sign --reviewer "Layla Haddad"
      auditor report zoho-crm --out zoho.pdf --sign --tsa http://timestamp.example/tsa
      auditor report --data zoho-report.json --out zoho.pdf --sign
      auditor report zoho-crm --out zoho-ar.pdf --language ar
    """
    from auditor.errors import InputError

    if tsa and not sign:
        raise InputError("--tsa adds a timestamp to a signature: use it with --sign")
    if bool(vendor) == bool(data_file):
        raise InputError("give a VENDOR to audit, or --data FILE.json with saved report data (not both)")
    if out.suffix.lower() != ".pdf":
        raise InputError(f"--out {out}: the report is a PDF; name the file *.pdf")
    material = None
    if sign:  # unlock the key first: a wrong passphrase should cost nothing and write nothing
        from auditor.cli.keys import key_passphrase
        from auditor.signing.keys import load_signing_material

        keys_dir = app.workspace.keys_dir
        material = load_signing_material(keys_dir, key_passphrase(keys_dir))
    if data_file:
        data = _load_data(data_file)
        if reviewer:
            data = data.model_copy(update={"reviewer": reviewer})
    else:
        data = _audit(app, vendor, frameworks, scopes, as_of, reviewer, requirement_files, language)
    from auditor import api
    from auditor.yamlio import write_atomic

    final, pages = api.sign(data, material, tsa, language=language or "en")

    write_atomic(out, final)
    summary = {"out": str(out), "pages": pages, "bytes": len(final), "signed": material is not None,
               "level": ("PAdES B-T" if tsa else "PAdES B-B") if material else None,
               "signer": material.cert.subject.rfc4514_string() if material else None,
               "vendor": data.vendor.id, "evidence_manifest": data.evidence_manifest_digest,
               "evidence_items": len(data.evidence)}
    if fmt == "json":
        emit_json(summary)
    else:
        how = f"signed {summary['level']} by {summary['signer']}" if material else "not signed"
        note(f"wrote {out} ({pages} pages, {how}); evidence manifest sha256 {data.evidence_manifest_digest}")
        if material:
            note(f"check it with: auditor verify {out}")
    if fail_under is None and fail_on is None:
        return  # the report's job is the PDF: its gate is asked for, as in CI
    result = api.gate(data, fail_under=fail_under, metric=fail_metric, fail_on=fail_on)
    if not result.passed:
        note(result.summary())
        raise SystemExit(1)
