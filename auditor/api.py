"""The library face of auditor: what the CLI calls and what a Python user imports.

    from auditor import api

    result = api.audit("zoho-crm", workspace=".", frameworks=["iso27001-2022"])
    print(result.summary())                       # verdict, with the policy rule that set it
    check = api.gate(result, fail_on="critical")   # the same gate as --fail-on / --fail-under
    report = api.build_report(result, reviewer="Layla Haddad")
    text = api.render(report, "md")                # json, md, csv, oscal (str) or pdf (bytes)

Orchestration only: the rules live in ``auditor.assess`` (standing, findings, verdict, gate) and
the renderers in ``auditor.report``. Nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.assess.gate import FrameworkFigure, GateResult, Metric, evaluate
from auditor.assess.gate import gate as _gate
from auditor.assess.run import AuditOptions, AuditOutcome
from auditor.model.assessment import Assessment
from auditor.workspace import Workspace

if TYPE_CHECKING:
    from auditor.assess.batch import PortfolioRow
    from auditor.catalog.loader import Catalog
    from auditor.model.enums import DataCategory, Severity
    from auditor.report.model import LedgerHead, ReportData

__all__ = ["AuditOutcome", "GateResult", "audit", "audit_all", "build_report", "gate", "gate_portfolio", "gate_scenarios",
           "render", "sign", "workspace_of"]

FORMATS = ("json", "md", "csv", "oscal", "pdf")


def workspace_of(workspace: Workspace | str | Path | None = None) -> Workspace:
    """A Workspace from a path (default: AUDITOR_WORKSPACE or the current directory)."""
    return workspace if isinstance(workspace, Workspace) else Workspace.resolve(workspace)


def audit(vendor: str, *, workspace: Workspace | str | Path | None = None, catalog: Catalog | None = None,
          frameworks: Sequence[str] | None = None, scope: Sequence[DataCategory | str] | None = None,
          as_of: date | None = None, lists: Sequence[str | Path] = (),
          requirements: Sequence[str | Path] = (), language: str | None = None) -> AuditOutcome:
    """Audit one vendor (a dossier id or folder); Gherkin ``requirements`` files are run and folded in.
    ``language`` (``en``/``ar``) of the questions to the vendor; default: the language of its documents.

    Returns the outcome (``.assessment``, ``.verdict``, ``.summary()``); build a report from it.
    """
    from auditor.assess.run import audit_vendor
    from auditor.model.enums import DataCategory

    ws = workspace_of(workspace)
    if catalog is None:
        from auditor.catalog.loader import load_catalog

        catalog = load_catalog(ws)
    options = AuditOptions(frameworks=list(frameworks) if frameworks else None,
                           scope=[DataCategory(s) for s in scope] if scope is not None else None,
                           as_of=as_of, lists=[Path(p) for p in lists], language=language)
    outcome = audit_vendor(ws, catalog, vendor, options)
    if requirements:
        from auditor.requirements.runner import fold_requirements

        outcome = fold_requirements(ws, catalog, outcome, vendor, options, [Path(p) for p in requirements])
    return outcome


def gate(result: AuditOutcome | Assessment | ReportData, *, fail_under: float | None = None,
         metric: Metric = "coverage", fail_on: Severity | str | None = None) -> GateResult:
    """``--fail-under`` / ``--fail-on``: every finding counts (screening and outside-selection ones too)."""
    assessment = result if isinstance(result, Assessment) else result.assessment
    return _gate(assessment, fail_under=fail_under, metric=metric, fail_on=fail_on)


def build_report(result: AuditOutcome, *, reviewer: str | None = None,
                 ledger_head: LedgerHead | None = None) -> ReportData:
    """The one report object, built once from the finished (requirements-folded) audit."""
    from auditor.report.build import build_report_data

    return build_report_data(result.assessment, result.vendor, result.evidence, result.verdict, reviewer,
                             ledger_head or result.ledger_head)


def render(report: ReportData, fmt: str, *, catalog: Catalog | None = None) -> str | bytes:
    """The report as ``json``, ``md``, ``csv``, ``oscal`` (text) or an unsigned ``pdf`` (bytes)."""
    if fmt == "json":
        from auditor.report.formats import to_json_data

        return _json(to_json_data(report))
    if fmt == "md":
        from auditor.report.formats import to_markdown

        return to_markdown(report)
    if fmt == "csv":
        from auditor.report.formats import to_csv

        return to_csv(report)
    if fmt == "oscal":
        from auditor.report.oscal import to_oscal

        if catalog is None:
            from auditor.catalog.loader import load_catalog

            catalog = load_catalog(None)
        return _json(to_oscal(report, catalog))
    if fmt == "pdf":
        return sign(report, None)[0]
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


def sign(report: ReportData, material: Any, tsa: str | None = None, *, language: str = "en") -> tuple[bytes, int]:
    """The report as PDF bytes with its evidence manifest embedded; signed (PAdES) when ``material``
    (``auditor.signing.keys.load_signing_material``) is given. Returns (bytes, pages)."""
    from auditor.errors import InputError
    from auditor.report.model import manifest_digest
    from auditor.report.pdf import SIGNATURE_BOX, SIGNATURE_PAGE, manifest_entries, render_pdf
    from auditor.signing.sign import Attachment, SignatureRequest, attach_files, sign_pdf
    from auditor.signing.verify import LEDGER_HEAD_FILE, MANIFEST_FILE, manifest_attachment_bytes

    if manifest_digest(report.evidence) != report.evidence_manifest_digest:
        raise InputError("report data: the evidence-manifest digest does not match its entries")
    signer = material.cert.subject.rfc4514_string() if material is not None else None
    pdf = render_pdf(report, signed=material is not None, signer=signer, language=language)
    attachment = Attachment(MANIFEST_FILE, manifest_attachment_bytes(manifest_entries(report)), "application/json",
                            f"Evidence manifest of the {report.vendor.id} audit; sha256 of its canonical JSON: "
                            f"{report.evidence_manifest_digest}")
    attachments = [attachment]
    if report.ledger_head is not None:  # signed with the report: `evidence verify --against` reads it
        import json

        head = {"ledger_head": report.ledger_head.model_dump(mode="json"), "vendor": report.vendor.id}
        attachments.append(Attachment(LEDGER_HEAD_FILE, json.dumps(head, sort_keys=True).encode("utf-8"),
                                      "application/json", "The evidence ledger head this report was built on"))
    if material is None:
        final = attach_files(pdf, attachments)
    else:
        request = SignatureRequest(material=material, box=SIGNATURE_BOX, page=SIGNATURE_PAGE, tsa_url=tsa,
                                   reason=f"Vendor audit report: {report.vendor.name}",
                                   stamp_lines=(f"Evidence manifest {report.evidence_manifest_digest[:24]}...",))
        final = sign_pdf(pdf, request, attachments)
    return final, _count_pages(pdf)


def audit_all(workspace: Workspace | str | Path | None = None, vendors: Iterable[str] | None = None,
              jobs: int | None = None, progress: Callable[[int, int], None] | None = None) -> list[PortfolioRow]:
    """Every dossier of the workspace (or ``vendors``), one row each with its verdict and figures."""
    from auditor.assess.batch import audit_many
    from auditor.errors import InputError

    ws = workspace_of(workspace)
    if vendors is None:
        local = sorted(p.name for p in ws.evidence_dir.iterdir() if (p / "vendor.yaml").is_file()) \
            if ws.evidence_dir.is_dir() else []
        vendors = local or sorted(ws.known_vendor_ids())
    vendors = list(vendors)
    if not vendors:
        raise InputError(f"no dossiers in {ws.evidence_dir}")
    return audit_many(ws, vendors, jobs, progress)


def gate_portfolio(rows: Iterable[PortfolioRow], *, fail_under: float | None = None, metric: Metric = "coverage",
                   fail_on: Severity | str | None = None) -> GateResult:
    """The same gate over a portfolio: a dossier that did not load fails it too."""
    failures: list[str] = []
    for row in rows:
        if row.error:
            failures.append(f"{row.vendor}: not audited")
            continue
        figures = [FrameworkFigure(fw, v["coverage"], v["verified"]) for fw, v in row.frameworks.items()]
        failures += evaluate(figures, row.findings, 0, fail_under=fail_under, metric=metric, fail_on=fail_on,
                             label=row.vendor).failures
    return GateResult(tuple(failures))


def gate_scenarios(failed: int) -> GateResult:
    """The gate of ``requirements run``: any failed scenario fails it."""
    return evaluate([], {}, failed)


def _json(data: Any) -> str:
    import json

    def default(obj: Any) -> Any:
        if hasattr(obj, "model_dump"):
            return obj.model_dump(mode="json")
        if hasattr(obj, "isoformat"):
            return obj.isoformat()
        if hasattr(obj, "value"):
            return obj.value
        return str(obj)

    return json.dumps(data, default=default, indent=2, ensure_ascii=False)


def _count_pages(pdf: bytes) -> int:
    """Pages of the PDF reportlab just wrote (its page objects are plain, uncompressed dictionaries)."""
    import re

    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
