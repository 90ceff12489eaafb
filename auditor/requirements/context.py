"""What one requirements run knows: the workspace, the default vendor, and the audits done so far.

Passed to the step library through a pytest plugin object (never a module global), so two runs
in one process do not see each other's vendors or cached audits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.errors import InputError
from auditor.model.enums import DataCategory

if TYPE_CHECKING:
    from auditor.assess.run import AuditOutcome
    from auditor.model.assessment import Assessment
    from auditor.catalog.loader import Catalog
    from auditor.workspace import Workspace



@dataclass
class RunSettings:
    """The user's choices for a run: the vendor when no step names one, the day the audit judges."""

    workspace: Workspace
    catalog: Catalog
    vendor: str | None = None
    scope: list[DataCategory] | None = None
    as_of: date | None = None
    lists: list[Path] = field(default_factory=list)


AuditKey = tuple[str, tuple[str, ...] | None]


class AuditCache:
    """One audit per (dossier, scope) within a run: scenarios share it, runs never do."""

    def __init__(self, settings: RunSettings, seed: AuditOutcome | None = None):
        self.settings = settings
        self._outcomes: dict[AuditKey, AuditOutcome] = {}
        if seed is not None:
            self._outcomes[self.key(str(seed.dossier_dir), settings.scope)] = seed

    @staticmethod
    def key(dossier: str, scope: list[DataCategory] | None) -> AuditKey:
        return dossier, (tuple(sorted(c.value for c in scope)) if scope is not None else None)

    def dossier(self, vendor_ref: str) -> str:
        return str(self.settings.workspace.dossier_dir(vendor_ref))

    def outcome(self, vendor_ref: str, scope: list[DataCategory] | None) -> AuditOutcome:
        key = self.key(self.dossier(vendor_ref), scope)
        if key not in self._outcomes:
            from auditor.assess.run import AuditOptions, audit_vendor

            options = AuditOptions(scope=scope, as_of=self.settings.as_of, lists=list(self.settings.lists))
            self._outcomes[key] = audit_vendor(self.settings.workspace, self.settings.catalog, vendor_ref, options)
        return self._outcomes[key]


class ScenarioState:
    """One scenario's vendor and engagement, as its Given steps set them."""

    def __init__(self, cache: AuditCache):
        self.cache = cache
        self.vendor: str | None = cache.settings.vendor
        self.scope: list[DataCategory] | None = None

    @property
    def catalog(self) -> Catalog:
        return self.cache.settings.catalog

    def set_vendor(self, vendor_ref: str) -> None:
        self.cache.dossier(vendor_ref)  # an unknown vendor is the user's error: fail here, at this step
        self.vendor = vendor_ref

    def add_scope(self, category: DataCategory) -> None:
        """The engagement steps say the whole scope: the first one replaces the dossier's own."""
        scope = self.scope or []
        self.scope = scope if category in scope else [*scope, category]

    def assessment(self) -> Assessment:
        """What the checks read: the audit's result, never the dossier behind it."""
        return self.outcome().assessment

    def outcome(self) -> AuditOutcome:
        if self.vendor is None:
            raise InputError('no vendor for this step: add a step `Given the vendor "<id>"` before it, '
                             "or pass --vendor")
        scope = self.scope if self.scope is not None else self.cache.settings.scope
        return self.cache.outcome(self.vendor, scope)
