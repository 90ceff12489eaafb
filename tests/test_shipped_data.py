"""Over the data shipped in the wheel: every catalog parses, ids are unique, nothing dangles."""

from __future__ import annotations

import re
import pytest

from auditor.catalog.loader import load_catalog
from auditor.workspace import builtin_dir

CONTRACT_FRAMEWORKS = ["gdpr", "iso27001-2022", "soc2-2017", "hipaa-security", "pci-dss-4.0.1", "ear-ofac",
                       "vendor-due-diligence"]
CONTRACT_CONTROLS = [
    "isms-governance",
    "security-policy",
    "risk-assessment",
    "security-roles",
    "internal-audit",
    "asset-inventory",
    "data-classification",
    "security-awareness-training",
    "background-checks",
    "confidentiality-agreements",
    "access-control-rbac",
    "mfa",
    "access-reviews",
    "privileged-access",
    "password-policy",
    "encryption-at-rest",
    "encryption-in-transit",
    "key-management",
    "audit-logging",
    "intrusion-detection",
    "vulnerability-management",
    "penetration-testing",
    "malware-protection",
    "change-management",
    "secure-development",
    "configuration-hardening",
    "network-security",
    "tenant-isolation",
    "patch-management",
    "backup",
    "disaster-recovery",
    "incident-response",
    "breach-notification",
    "physical-security",
    "secure-disposal",
    "data-processing-agreement",
    "consent-management",
    "data-subject-rights",
    "data-portability",
    "data-retention-deletion",
    "records-of-processing",
    "privacy-by-design",
    "data-protection-officer",
    "international-transfers",
    "subprocessor-management",
    "data-residency",
    "hipaa-baa",
    "cardholder-data-scope",
    "third-party-risk-management",
    "sanctions-screening",
    "embargoed-jurisdictions",
    "export-classification",
    "support-sla",
    "support-channels",
    "support-hours",
    "escalation-process",
    "documentation",
    "training-onboarding",
    "change-communication",
    "auto-renewal-notice",
    "refund-policy",
    "data-ownership",
    "termination-data-export",
    "terms-change-notice",
    "service-scalability",
]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(None)


def test_every_contract_framework_ships(catalog):
    assert set(CONTRACT_FRAMEWORKS) <= set(catalog.frameworks)


def test_every_contract_control_has_its_file(catalog):
    ids = CONTRACT_CONTROLS
    missing = [i for i in ids if not (builtin_dir("controls") / f"{i}.yaml").is_file()]
    assert not missing, missing
    assert set(ids) <= set(catalog.controls)


def test_requirement_ids_unique_and_mapped_to_existing_controls(catalog):
    for fw in catalog.frameworks.values():
        ids = [r.id for r in fw.requirements]
        assert len(ids) == len(set(ids)), fw.id
        for req in fw.requirements:
            for control in req.control_ids:
                assert control in catalog.controls, (fw.id, req.id, control)


def test_no_common_control_is_orphaned(catalog):
    used = {c for fw in catalog.frameworks.values() for r in fw.requirements for c in r.control_ids}
    assert sorted(set(catalog.controls) - used) == []


def test_every_control_has_wording_in_both_languages(catalog):
    for control in catalog.controls.values():
        assert control.vocabulary.en and control.vocabulary.ar, control.id
        for pattern in control.vocabulary.en + control.vocabulary.ar:
            assert re.compile(pattern).search("") is None, (control.id, pattern)


def test_descriptions_are_written_out(catalog):
    for fw in catalog.frameworks.values():
        for req in fw.requirements:
            assert len(req.description) >= 20, (fw.id, req.id)
