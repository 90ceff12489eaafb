"""Gather one audit's inputs from a workspace, run it, and keep the hashes of what was used."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from auditor.assess.engine import AuditInputs, run_audit
from auditor.assess.policy import Policy, load_policy
from auditor.catalog.loader import Catalog
from auditor.evidence.anchor import LedgerHead
from auditor.model.assessment import Assessment, RequirementsRun, Verdict
from auditor.model.enums import DataCategory
from auditor.model.evidence import EvidenceItem
from auditor.model.screening import ScreeningResult
from auditor.model.vendor import Vendor
from auditor.workspace import Workspace


@dataclass
class AuditOptions:
    frameworks: list[str] | None = None
    scope: list[DataCategory] | None = None
    as_of: date | None = None
    lists: list[Path] = field(default_factory=list)
    reviewer: str | None = None
    language: str | None = None  # of the questions to the vendor (None: the vendor's own language)


@dataclass
class AuditOutcome:
    """One audit's result and what it was made from; the report is built from it later, once."""

    assessment: Assessment
    vendor: Vendor
    evidence: list[EvidenceItem]
    dossier_dir: Path
    policy: Policy
    ledger_head: LedgerHead | None = None  # the evidence ledger head this audit read its evidence at

    @property
    def verdict(self) -> Verdict:
        from auditor.assess.verdict import decide

        return decide(self.assessment, self.policy.verdict)

    def with_requirements(self, run: RequirementsRun) -> AuditOutcome:
        """The same audit with Gherkin requirement results folded in (before any report exists)."""
        assessment = self.assessment.model_copy(update={"requirements_run": run})
        return AuditOutcome(assessment, self.vendor, self.evidence, self.dossier_dir, self.policy, self.ledger_head)

    def summary(self) -> str:
        a = self.assessment
        return f"{a.vendor_name} ({a.vendor_id}) as of {a.as_of.isoformat()}: {self.verdict.summary()}"


def load_vendor(dossier_dir: Path) -> Vendor:
    from auditor.dossier import load_dossier

    return load_dossier(dossier_dir)


def check_claimed_controls(vendor: Vendor, catalog: Catalog, file: Path) -> None:
    """A claim of a control no catalog defines would silently count for nothing: refuse it, with its line."""
    from auditor.errors import DossierError, InputError

    for index, claim in enumerate(vendor.claims):
        try:
            catalog.control(claim.control)
        except InputError as exc:
            from auditor.yamlio import load_yaml

            _, lines = load_yaml(file)
            raise DossierError(f"claims[{index}].control: {exc.message}",
                               file=file, line=lines.line_of(("claims", index, "control"))) from None


def load_evidence_at_head(workspace: Workspace, vendor_id: str) -> tuple[list[EvidenceItem], LedgerHead, list[str]]:
    """The vendor's evidence, the ledger head it was read at (one transaction) and, when the ledger
    is not vouched for by a signed checkpoint, a warning saying so; an empty head without a store."""
    from auditor.evidence.ledger import GENESIS

    if not workspace.db_path.exists() and not workspace.db_path.is_symlink():
        return [], LedgerHead(seq=0, hash=GENESIS), []
    from auditor.evidence.store import EvidenceStore  # something else in its place: exit 1, never "no evidence"

    store = EvidenceStore(workspace)
    evidence, head = store.items_at_head(vendor_id)
    warning = store.anchor_warning() if evidence else None
    return evidence, head, [warning] if warning else []


def load_evidence(workspace: Workspace, vendor_id: str) -> list[EvidenceItem]:
    """Evidence currently on record for the vendor; none when the store was never created."""
    if not workspace.db_path.is_file():
        return []
    from auditor.evidence.store import EvidenceStore

    return EvidenceStore(workspace).items(vendor_id)


def screen(workspace: Workspace, vendor: Vendor, policy: Policy, lists: list[Path], as_of: date,
           cache=None, evidence: list[EvidenceItem] = ()) -> ScreeningResult:
    """Screen the dossier, and the fourth parties its SOC 2 reports carve out (read from ``evidence``)."""
    from auditor.assess.attestation_facts import fourth_parties
    from auditor.screening.service import screen_vendor_in_workspace

    return screen_vendor_in_workspace(workspace, vendor, policy.screening, lists=lists, today=as_of,
                                      require_lists=False, cache=cache,
                                      fourth_parties=[p.name for p in fourth_parties(evidence, vendor, policy)])


_UNCHANGED: dict[tuple, Any] = {}
"""Per process: file digests and the loaded policy, keyed by path, size and modification time, so a
portfolio hashes the catalog and reads the policy once, and a changed file is read again."""


def _stamp(path: Path) -> tuple:
    try:
        st = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), st.st_size, st.st_mtime_ns)


def _digest(path: Path) -> str:
    from auditor.dossier import sha256_file

    key = ("sha256", *_stamp(path))
    if key not in _UNCHANGED:
        _UNCHANGED[key] = sha256_file(path)
    return _UNCHANGED[key]


def policy_of(workspace: Workspace) -> Policy:
    """The workspace policy (auditor.yaml over the shipped defaults), read again only when it changed."""
    key = ("policy", *_stamp(workspace.policy_path))
    if key not in _UNCHANGED:
        _UNCHANGED[key] = load_policy(workspace)
    return _UNCHANGED[key]


def input_hashes(catalog: Catalog, dossier_dir: Path, workspace: Workspace, evidence: list[EvidenceItem],
                 screening: ScreeningResult | None) -> dict[str, str]:
    from auditor.dossier import sha256_file

    hashes = {"dossier": sha256_file(dossier_dir / "vendor.yaml")}
    for key, path in sorted(catalog.sources.items()):
        hashes[key] = _digest(path)
    if workspace.policy_path.is_file():
        hashes["policy"] = sha256_file(workspace.policy_path)
    for item in evidence:
        hashes[f"evidence:{item.sha256[:12]}"] = item.sha256
    if screening is not None:
        for info in screening.lists:
            if info.sha256:
                hashes[f"list:{info.name}"] = info.sha256
    return hashes


def audit_vendor(workspace: Workspace, catalog: Catalog, vendor_ref: str, options: AuditOptions,
                 screener_cache=None) -> AuditOutcome:
    """One audit. ``screener_cache`` (a ``ScreenerCache``) lets a portfolio build the list index once."""
    dossier_dir = workspace.dossier_dir(vendor_ref)
    vendor = load_vendor(dossier_dir)
    check_claimed_controls(vendor, catalog, dossier_dir / "vendor.yaml")
    policy = policy_of(workspace)
    as_of = options.as_of or date.today()
    evidence, ledger_head, ledger_warnings = load_evidence_at_head(workspace, vendor.id)
    screening = screen(workspace, vendor, policy, options.lists, as_of, screener_cache, evidence)
    assessment = run_audit(AuditInputs(
        catalog=catalog, vendor=vendor, policy=policy, evidence=evidence, screening=screening, as_of=as_of,
        scope=options.scope, frameworks=options.frameworks, language=options.language,
        inputs=input_hashes(catalog, dossier_dir, workspace, evidence, screening), warnings=ledger_warnings,
    ))
    return AuditOutcome(assessment, vendor, evidence, dossier_dir, policy, ledger_head)
