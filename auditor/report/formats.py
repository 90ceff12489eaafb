"""Machine-readable renderings of a report: JSON (the contract's shape), Markdown and CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from auditor.durations import durations_in_text, in_words
from auditor.report.model import ReportData
from auditor.text import visible


def _reason_texts(reasons) -> list[str]:
    return [r.text for r in reasons]


def to_json_data(report: ReportData) -> dict[str, Any]:
    """The contract's ``audit --format json`` shape, with extra fields a reviewer can use."""
    a = report.assessment
    screening = None
    if a.screening is not None:
        screening = a.screening.model_dump(mode="json")
    return {
        "vendor": {"id": a.vendor_id, "name": a.vendor_name, "legal_name": report.vendor.legal_name,
                   "website": report.vendor.website},
        "generated_at": a.generated_at.isoformat(),
        "as_of": a.as_of.isoformat(),
        "scope": a.scope,
        "verdict": report.verdict,
        "verdict_rule": report.decision.rule if report.decision else None,
        "verdict_reasons": list(report.decision.reasons) if report.decision else [],
        "hard_rules": [h.model_dump(mode="json") for h in a.hard_rules],
        "attestations": [s.model_dump(mode="json") for s in a.attestations],
        "responsibilities": [r.model_dump(mode="json") for r in a.responsibilities],  # CUECs: your part
        "fourth_parties": [p.model_dump(mode="json") for p in a.fourth_parties],
        "frameworks": [
            {"id": fw.id, "name": fw.name, "version": fw.version, "applicable": fw.applicable,
             "scope_reason": fw.scope_reason,
             # a framework out of scope has no coverage: null, as the table's "n/a", never 0.0
             "coverage": fw.coverage if fw.applicable else None, "verified": fw.verified if fw.applicable else None,
             "counts": fw.counts.model_dump(mode="json"),
             "requirements": [
                 {"id": r.id, "title": r.title, "status": r.status.value, "controls": r.controls,
                  "evidence": r.evidence, "claims": r.claims, "reasons": _reason_texts(r.reasons)}
                 for r in fw.requirements]}
            for fw in a.frameworks],
        "findings": [
            {"severity": f.severity.value, "framework": f.framework, "requirement": f.requirement,
             "control": f.control, "title": f.title, "detail": f.detail, "question": f.question, "kind": f.kind,
             "requirements": f.requirements, "basis": _reason_texts(f.basis),
             "outside_selection": f.outside_selection, "ask_vendor": f.ask_vendor}
            for f in a.findings],
        "screening": screening or {"status": None, "hits": []},
        "sla": [row.model_dump(mode="json") for row in a.sla],
        "contract": [row.model_dump(mode="json") for row in a.contract],
        "requirements_run": a.requirements_run.model_dump(mode="json") if a.requirements_run else None,
        "evidence": [e.model_dump(mode="json") for e in report.evidence],
        "evidence_manifest": report.evidence_manifest_digest,
        "ledger_head": report.ledger_head.model_dump(mode="json") if report.ledger_head else None,
        "inputs": a.inputs,
        "warnings": a.warnings,
    }


CSV_RESPONSIBILITIES = "responsibilities"  # the framework cell of a CUEC row: the customer's part
CSV_FOURTH_PARTIES = "fourth-parties"      # ... and of a carved-out sub-service organisation's row


def to_csv(report: ReportData) -> str:
    """One row per requirement: easy to sort and filter in a spreadsheet.

    After them, in the same columns, one row per CUEC ("Your responsibilities": framework
    ``responsibilities``, requirement CUEC-n, status ``customer-responsibility``) and per carved-out
    sub-service organisation (framework ``fourth-parties``, requirement FP-n, status ``carved-out``);
    ``evidence`` is the SOC 2 report they were read from, ``reason`` where in it.
    """
    a = report.assessment
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["vendor", "framework", "requirement", "title", "status", "controls", "reason", "evidence",
                     "claims"])
    for fw in a.frameworks:
        for r in fw.requirements:
            writer.writerow([a.vendor_id, fw.id, r.id, r.title, r.status.value, " ".join(r.controls),
                             r.reasons[0].text if r.reasons else "", " ".join(r.evidence), " ".join(r.claims)])
    for i, r in enumerate(a.responsibilities, 1):
        writer.writerow([a.vendor_id, CSV_RESPONSIBILITIES, f"CUEC-{i}", r.text, "customer-responsibility", "",
                         _csv_where(r.organisation, r.citation), r.evidence, ""])
    for i, p in enumerate(a.fourth_parties, 1):
        writer.writerow([a.vendor_id, CSV_FOURTH_PARTIES, f"FP-{i}", p.name, "carved-out", "",
                         _csv_where(None, p.citation, p.note), p.evidence, ""])
    return out.getvalue()


def _csv_where(organisation: str | None, citation, note: str | None = None) -> str:
    parts = [note or "", f"SOC 2 report of {organisation}" if organisation else "",
             f"page {citation.page}" if citation is not None and citation.page else "",
             f"line {citation.line}" if citation is not None else ""]
    return ", ".join(x for x in parts if x)


def _md_cell(text: str) -> str:
    """Safe to show, durations in words ("30 days", not "P30D"), pipes escaped."""
    return visible(durations_in_text(text)).replace("|", "\\|")


def framework_title(name: str, version: str | None) -> str:
    """"ISO/IEC 27001:2022", not "ISO/IEC 27001:2022 2022": the version only when the name lacks it."""
    import re

    if not version:
        return name
    numbers = re.findall(r"\d+(?:\.\d+)*", version)
    if version in name or (numbers and all(n in name for n in numbers[:1])):
        return name
    return f"{name} {version}"


def percent(value: float, applicable: bool) -> str:
    """A framework's coverage as people read it: "n/a" when the framework is out of scope."""
    return f"{value:.1f}%" if applicable else "n/a"


def duration_cell(duration: str | None, coverage: str | None = None, *, business: bool = False,
                  language: str = "en") -> str:
    """An SLA duration in words, with its coverage ("1 hour, 24x7"); "-" when none is stated."""
    if not duration:
        return "-"
    return in_words(duration, language, business=business) + (f", {coverage}" if coverage else "")


def sla_cells(row, language: str = "en") -> tuple[str, str, str]:
    """Required, promised and worst-case times of one SLA row, in words."""
    return (duration_cell(row.required_response, row.required_coverage, business=row.required_business_time,
                          language=language),
            duration_cell(row.promised_response, row.promised_coverage, business=row.promised_business_time,
                          language=language),
            duration_cell(row.worst_case_calendar, language=language))


def to_markdown(report: ReportData) -> str:
    a = report.assessment
    lines = [f"# {report.title}", "",
             f"- Vendor: **{_md_cell(a.vendor_name)}** (`{a.vendor_id}`)",
             f"- Date: {a.as_of.isoformat()}; scope: {', '.join(a.scope) or 'none declared'}",
             f"- Verdict: **{_md_cell(report.verdict)}**"
             + (f" (policy rule `{report.decision.rule}`)" if report.decision else ""), ""]
    lines += ["## Frameworks", "", "| framework | coverage | verified | satisfied | unverified | stale | "
              "contradicted | gap | n/a |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for fw in a.frameworks:
        c = fw.counts
        lines.append(f"| {fw.id} | {percent(fw.coverage, fw.applicable)} | {percent(fw.verified, fw.applicable)} | "
                     f"{c.satisfied} | {c.unverified} | {c.stale} | "
                     f"{c.contradicted} | {c.gap} | {c.not_applicable} |")
    lines += ["", "## Findings", ""]
    if not a.findings:
        lines.append("No findings.")
    for f in a.findings:
        lines.append(f"- **{f.severity.value}** {_md_cell(f.title)} — {f.framework} {_md_cell(f.requirement)}"
                     f"{' (' + f.control + ')' if f.control else ''}")
        if f.detail:
            lines.append(f"  - {_md_cell(f.detail)}")
        if f.question:
            lines.append(f"  - Ask: {_md_cell(f.question)}")
    if a.responsibilities:
        lines += ["", "## Your responsibilities", "",
                  "Controls the vendor's SOC 2 report expects you (the user entity) to operate:", ""]
        lines += [f"- {_md_cell(r.text)} ({r.evidence[:12]}"
                  f"{f', page {r.citation.page}' if r.citation else ''})" for r in a.responsibilities]
    if a.fourth_parties:
        lines += ["", "## Fourth parties", ""]
        lines += [f"- {_md_cell(p.name)} ({p.method.value}): {p.note} ({p.evidence[:12]})" for p in a.fourth_parties]
    if a.sla:
        lines += ["", "## Support SLA", "", "| severity | required | promised | worst case | meets | reason |",
                  "|---|---|---|---|---|---|"]
        for s in a.sla:
            meets = {True: "yes", False: "no", None: "not stated"}[s.meets]
            required, promised, worst = sla_cells(s)
            lines.append(f"| {s.severity} | {required} | {promised} | {worst} | {meets} | {_md_cell(s.reason)} |")
    if a.contract:
        lines += ["", "## Contract", ""]
        for c in a.contract:
            meets = {True: "ok", False: "fails", None: "not stated"}[c.meets]
            lines.append(f"- {c.term}: {meets} — {_md_cell(c.reason)}")
    held = [st for st in a.attestations if st.state.value != "absent"]
    if held:  # the one attestation standing (assess/standing.py), as the verdict and the steps read it
        lines += ["", "## Attestations", "", "| attestation | standing | why |", "|---|---|---|"]
        lines += [f"| {st.type.value} | {st.state.value} | {_md_cell(st.reason)} |" for st in held]
    if a.screening is not None:
        lines += ["", "## EAR/OFAC screening", "", f"Status: **{a.screening.status.value}**"]
        for h in a.screening.hits:
            lines.append(f"- {h.status.value}: {_md_cell(h.query or '')} ~ {_md_cell(h.name)} ({h.list}, "
                         f"score {h.score:.2f}) — {_md_cell(h.reason)}")
        for w in a.screening.warnings:
            lines.append(f"- warning: {_md_cell(w)}")
    for fw in a.frameworks:
        lines += ["", f"## {fw.name} ({fw.id})", ""]
        if not fw.applicable:
            lines.append(f"Not applicable: {fw.scope_reason}")
            continue
        lines += ["| id | title | status | reason |", "|---|---|---|---|"]
        for r in fw.requirements:
            reason = r.reasons[0].text if r.reasons else ""
            lines.append(f"| {r.id} | {_md_cell(r.title)} | {r.status.value} | {_md_cell(reason)[:200]} |")
    lines += ["", "## Evidence manifest", "", f"Digest: `{report.evidence_manifest_digest}`", ""]
    for e in report.evidence:
        lines.append(f"- `{e.sha256}` {e.kind} covers {', '.join(e.covers) or '-'}; valid until {e.valid_until or '-'}")
    return "\n".join(lines) + "\n"
