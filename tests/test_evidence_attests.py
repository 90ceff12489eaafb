"""Attestations by kind: `--attests` only with kinds that can attest, and only their own types.

The attack of issue #17: `evidence add V f --kind screenshot --attests iso27001` (a 2-byte file)
made ISO 27001 100 % verified.
"""

from __future__ import annotations

import json

import pytest
from ledgerkit import anchored_vendor

from auditor.errors import InputError


@pytest.fixture
def acme(cli, workspace):
    anchored_vendor(workspace)
    return cli


def iso_verified(cli) -> float:
    result = cli("audit", "acme", "--format", "json", "--no-record")
    assert result.exit_code in (0, 1), result.output
    frameworks = {f["id"]: f for f in json.loads(result.stdout)["frameworks"]}
    return frameworks["iso27001-2022"]["verified"]


@pytest.mark.parametrize("kind, attests", [
    ("screenshot", "iso27001"), ("policy", "soc2-type2"), ("scan", "pci-dss-aoc"), ("other", "iso27001"),
    ("questionnaire", "csa-star"), ("pentest-report", "soc2-type2"),
    ("certificate", "soc2-type2"), ("audit-report", "hipaa-baa"), ("agreement", "iso27001"),
])
def test_a_kind_that_cannot_attest_that_type_is_refused_in_one_line(acme, workspace, kind, attests):
    before = iso_verified(acme)
    tiny = workspace / "tiny.png"
    tiny.write_bytes(b"ok")
    result = acme("evidence", "add", "acme", str(tiny), "--kind", kind, "--attests", attests)
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("auditor: error: --attests " + attests), result.stderr
    assert json.loads(acme("evidence", "list", "acme", "--format", "json").stdout) == []
    assert iso_verified(acme) == before


@pytest.mark.parametrize("kind, attests", [("agreement", "hipaa-baa"), ("agreement", "gdpr-dpa"),
                                           ("attestation-letter", "pci-dss-aoc")])
def test_matching_kinds_and_types_are_accepted(acme, workspace, kind, attests):
    doc = workspace / "signed.txt"
    doc.write_text(f"signed {attests} between Acme Ltd and us\n", encoding="utf-8")
    result = acme("evidence", "add", "acme", str(doc), "--kind", kind, "--attests", attests, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["attests"] == [attests]


def test_the_library_refuses_it_too(workspace):
    from auditor.evidence.store import EvidenceStore
    from auditor.model.enums import EvidenceKind
    from auditor.workspace import Workspace

    shot = workspace / "shot.png"
    shot.write_bytes(b"ok")
    with pytest.raises(InputError, match="cannot attest anything"):
        EvidenceStore(Workspace(workspace)).add("acme", shot, kind=EvidenceKind.SCREENSHOT, attests="iso27001")
    assert not (workspace / ".auditor").exists()  # refused before anything was stored
