"""ISO/IEC 27001 Statement of Applicability: every Annex A control, applicable or not, and why."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from auditor.model.enums import Status
from auditor.report.model import ReportData
from auditor.yamlio import write_atomic

_IMPLEMENTATION = {
    Status.SATISFIED: "implemented (evidenced)",
    Status.UNVERIFIED: "implemented (vendor claim, not evidenced)",
    Status.STALE: "implemented (evidence out of date)",
    Status.CONTRADICTED: "contradicted",
    Status.GAP: "not implemented",
    Status.NOT_APPLICABLE: "not applicable",
}


def soa_rows(report: ReportData) -> list[dict[str, str]]:
    iso = next((fw for fw in report.assessment.frameworks if fw.id == "iso27001-2022"), None)
    if iso is None:
        return []
    rows = []
    for req in iso.requirements:
        if not req.id.startswith("A."):
            continue
        applicable = req.status != Status.NOT_APPLICABLE
        justification = (req.reasons[0].text if req.reasons else "") if not applicable else (
            "Needed for the engagement: maps to " + ", ".join(req.controls))
        rows.append({"control": req.id, "title": req.title, "applicable": "yes" if applicable else "no",
                     "justification": justification, "implementation": _IMPLEMENTATION[req.status],
                     "evidence": " ".join(req.evidence), "claims": " ".join(req.claims)})
    return rows


def write_soa(report: ReportData, catalog, path: Path) -> None:
    """CSV by default; a ``.md`` name gets a Markdown table."""
    rows = soa_rows(report)
    if path.suffix.lower() == ".md":
        lines = [f"# Statement of Applicability: {report.assessment.vendor_name}", "",
                 "| control | title | applicable | justification | implementation | evidence |",
                 "|---|---|---|---|---|---|"]
        for r in rows:
            cells = [r[k].replace("|", "\\|") for k in ("control", "title", "applicable", "justification",
                                                          "implementation", "evidence")]
            lines.append("| " + " | ".join(cells) + " |")
        write_atomic(path, "\n".join(lines) + "\n")
        return
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["control", "title", "applicable", "justification", "implementation",
                                             "evidence", "claims"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(path, out.getvalue())
