"""OSCAL 1.1.3 assessment-results from a report: one result per framework, a finding per requirement.

OSCAL control ids are NCName tokens, so requirement ids such as ``Art.28(3)(g)`` or ``4.1`` are
turned into tokens (``gdpr_Art.28_3_g``); the original id is kept in a property. The customer's
responsibilities (CUECs) and fourth parties are back-matter resources (see ``_responsibility_resources``).
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timezone
from typing import Any

from auditor.model.enums import Status
from auditor.report.formats import framework_title
from auditor.report.model import ReportData

OSCAL_VERSION = "1.1.3"
NS = "https://github.com/auditor-project/auditor/ns/oscal"
_NAMESPACE = uuid.UUID("6f1c1f63-9a55-4a40-8a8e-3f4d5d7c2a10")


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def control_token(framework: str, requirement: str) -> str:
    token = re.sub(r"[^\w.\-]+", "_", f"{framework}_{requirement}").strip("_")
    return token if re.match(r"^[^\W\d]", token) else f"r_{token}"


def _text(value: str | None, fallback: str = "-") -> str:
    """OSCAL strings may not start or end with white space, nor be empty."""
    cleaned = " ".join((value or "").split())
    return cleaned or fallback


def _prop(name: str, value: str) -> dict[str, str]:
    return {"name": name, "ns": NS, "value": _text(value)}


def _timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat()


def to_oscal(report: ReportData, catalog: Any = None) -> dict[str, Any]:
    a = report.assessment
    started = _timestamp(a.generated_at)
    seed = f"{a.vendor_id}|{started}"
    vendor_party = _uuid(seed, "party", "vendor")
    parties = [{"uuid": vendor_party, "type": "organization", "name": _text(report.vendor.legal_name or a.vendor_name)}]
    if report.reviewer:
        parties.append({"uuid": _uuid(seed, "party", "reviewer"), "type": "person", "name": _text(report.reviewer)})
    metadata = {
        "title": _text(report.title),
        "last-modified": started,
        "version": _text(f"{a.as_of.isoformat()}-{report.tool_version}"),
        "oscal-version": OSCAL_VERSION,
        "props": [_prop("verdict", report.verdict), _prop("evidence-manifest-sha256", report.evidence_manifest_digest)]
        + ([_prop("verdict-rule", report.decision.rule)] if report.decision else [])
        + ([_prop("screening-status", a.screening.status.value)] if a.screening is not None else [])
        + ([_prop("ledger-head-seq", str(report.ledger_head.seq)), _prop("ledger-head-hash", report.ledger_head.hash)]
           if report.ledger_head else []),
        "parties": parties,
    }
    risks_by_requirement: dict[tuple[str, str], list[str]] = {}
    results = []
    for fw in a.frameworks:
        if not fw.applicable:
            continue
        risks = []
        for i, f in enumerate(x for x in a.findings if x.framework == fw.id):
            risk_uuid = _uuid(seed, "risk", fw.id, str(i), f.title)
            risks_by_requirement.setdefault((fw.id, f.requirement), []).append(risk_uuid)
            risks.append({
                "uuid": risk_uuid, "title": _text(f.title),
                "description": _text(f.detail or f.title),
                "statement": _text(f.question, "Follow up with the vendor."),
                "props": [_prop("severity", f.severity.value), _prop("kind", f.kind)]
                         + ([_prop("control", f.control)] if f.control else []),
                "status": "open",
            })
        observations, findings = [], []
        for req in fw.requirements:
            if req.status == Status.NOT_APPLICABLE:
                continue
            obs_uuid = _uuid(seed, "obs", fw.id, req.id)
            methods = ["TEST"] if any(r.kind == "check" for r in req.reasons) else ["EXAMINE"]
            observations.append({
                "uuid": obs_uuid, "title": _text(f"{fw.id} {req.id}"),
                "description": _text("; ".join(r.text for r in req.reasons[:8]), "No statement or evidence found."),
                "methods": methods, "types": ["finding"] if req.status != Status.SATISFIED else ["control-objective"],
                "collected": started,
                "relevant-evidence": [{"href": f"urn:sha256:{sha}", "description": "evidence blob"}
                                      for sha in req.evidence if len(sha) == 64] or None,
            })
            if observations[-1]["relevant-evidence"] is None:
                del observations[-1]["relevant-evidence"]
            finding = {
                "uuid": _uuid(seed, "finding", fw.id, req.id),
                "title": _text(f"{req.id} {req.title}"),
                "description": _text(req.reasons[0].text if req.reasons else req.status.value),
                "props": [_prop("auditor-status", req.status.value), _prop("requirement-id", req.id),
                          _prop("framework", fw.id)],
                "target": {"type": "objective-id", "target-id": control_token(fw.id, req.id),
                           "status": {"state": "satisfied" if req.status == Status.SATISFIED else "not-satisfied"}},
                "related-observations": [{"observation-uuid": obs_uuid}],
            }
            related = risks_by_requirement.get((fw.id, req.id))
            if related:
                finding["related-risks"] = [{"risk-uuid": r} for r in related]
            findings.append(finding)
        result = {
            "uuid": _uuid(seed, "result", fw.id),
            "title": _text(framework_title(fw.name, fw.version)),
            "description": _text(f"Assessment of {a.vendor_name} against {fw.name}: coverage {fw.coverage}%, "
                                 f"verified {fw.verified}%."),
            "start": started,
            "end": started,
            "props": [_prop("coverage", str(fw.coverage)), _prop("verified", str(fw.verified))],
            "reviewed-controls": {"control-selections": [{"include-controls": [
                {"control-id": control_token(fw.id, r.id)} for r in fw.requirements
                if r.status != Status.NOT_APPLICABLE]}]},
        }
        if observations:
            result["observations"] = observations
        if risks:
            result["risks"] = risks
        if findings:
            result["findings"] = findings
        results.append(result)
    if not results:
        results.append({"uuid": _uuid(seed, "result", "none"), "title": "No applicable framework",
                        "description": "Every framework was out of scope for this engagement.", "start": started,
                        "reviewed-controls": {"control-selections": [{"include-all": {}}]}})
    document = {
        "uuid": _uuid(seed, "assessment-results"),
        "metadata": metadata,
        "import-ap": {"href": f"urn:auditor:assessment-plan:{a.vendor_id}"},
        "results": results,
    }
    resources = _responsibility_resources(report, seed)
    if resources:
        document["back-matter"] = {"resources": resources}
    return {"assessment-results": document}


def _source(sha: str, page: int | None, line: int | None) -> dict[str, Any]:
    """The SOC 2 report a fact was read from: its blob by sha256, and the page and line."""
    where = ", ".join(x for x in (f"page {page}" if page else "", f"line {line}" if line else "") if x)
    source: dict[str, Any] = {"rlinks": [{"href": f"urn:sha256:{sha}",
                                          "hashes": [{"algorithm": "SHA-256", "value": sha}]}]}
    if where:
        source["citation"] = {"text": _text(f"SOC 2 report {sha[:12]}, {where}")}
    return source


def _responsibility_resources(report: ReportData, seed: str) -> list[dict[str, Any]]:
    """CUECs ("Your responsibilities") and carved-out sub-service organisations (fourth parties) of the
    SOC 2 reports that count: OSCAL has no field of their own in assessment results, so each is a
    back-matter resource marked by its ``kind`` property, linked to the report it was read from."""
    a = report.assessment
    resources = []
    for i, r in enumerate(a.responsibilities, 1):
        cite = r.citation
        resources.append({
            "uuid": _uuid(seed, "responsibility", str(i), r.text), "title": _text(f"Your responsibility {i}"),
            "description": _text(r.text),
            "props": [_prop("kind", "customer-responsibility")]
            + ([_prop("organisation", r.organisation)] if r.organisation else []),
            **_source(r.evidence, cite.page if cite else None, cite.line if cite else None)})
    for p in a.fourth_parties:
        cite = p.citation
        resources.append({
            "uuid": _uuid(seed, "fourth-party", p.name), "title": _text(p.name),
            "description": _text(f"Sub-service organisation of {a.vendor_name} ({p.method.value}): {p.note}."),
            "props": [_prop("kind", "fourth-party"), _prop("subservice-method", p.method.value)],
            **_source(p.evidence, cite.page if cite else None, cite.line if cite else None)})
    return resources
