"""QA regressions in the audit engine: statuses and findings a reviewer reading the documents would dispute."""

from __future__ import annotations

import json

from enginekit import audit, cite, requirement, vendor

from auditor.assess.policy import load_policy
from auditor.assess.support import assess_sla
from auditor.model.enums import Severity, Status
from auditor.model.screening import ScreeningResult
from auditor.model.vendor import Support

CLEAR_WITH_LISTS = dict(status="clear", hits=[], screened=["vendor: Acme"], lists_available=True,
                        lists=[{"name": "SDN", "source": "test", "date": "2026-11-20"}])


def test_no_declared_location_is_not_a_satisfied_embargo_check():
    """Nothing to check is not "checked and clear": the embargo requirement is not verified."""
    a = audit(vendor(), screening=ScreeningResult(**CLEAR_WITH_LISTS))
    embargo = requirement(a, "ear-ofac", "OFAC-EMBARGO")
    assert embargo.status == Status.UNVERIFIED
    assert any("no headquarters, hosting or sub-processor location" in r.text for r in embargo.reasons)
    finding = next(f for f in a.findings if f.control == "embargoed-jurisdictions")
    assert finding.title.endswith("not verified") and "claimed" not in finding.title
    declared = audit(vendor(hosting=[{"country": "DE", "role": "hosting"}]),
                     screening=ScreeningResult(**CLEAR_WITH_LISTS))
    assert requirement(declared, "ear-ofac", "OFAC-EMBARGO").status == Status.SATISFIED


def test_screening_without_lists_does_not_say_the_vendor_claimed_screening():
    screening = ScreeningResult(status="clear", hits=[], screened=["vendor: Acme"], lists_available=False)
    a = audit(vendor(hosting=[{"country": "DE", "role": "hosting"}]), screening=screening)
    sdn = requirement(a, "ear-ofac", "OFAC-SDN")
    assert sdn.status == Status.UNVERIFIED
    assert not any("claimed" in r.text for r in sdn.reasons), [r.text for r in sdn.reasons]
    titles = [f.title for f in a.findings if f.control == "sanctions-screening"]
    assert titles == ["Not screened against denied-party lists"], titles


def test_a_hedged_affirmation_does_not_contradict_a_plain_denial():
    v = vendor(claims=[{"control": "backup", "hedged": True, "citation": cite(53, "companies may back up")},
                       {"control": "backup", "polarity": "denied", "citation": cite(62, "we do not keep backups")}])
    a = audit(v)
    assert requirement(a, "iso27001-2022", "A.8.13").status == Status.GAP
    finding = next(f for f in a.findings if f.control == "backup" and f.kind == "control")
    assert "denies" in finding.title and "contradicted" not in finding.title


def test_a_vendor_stating_no_sla_at_all_gets_a_finding():
    a = audit(vendor())
    assert [r.meets for r in a.sla] == [None, None, None, None]
    finding = next(f for f in a.findings if f.control == "support-sla")
    assert finding.kind == "control" and "not addressed" in finding.title


def test_a_denied_export_at_termination_is_one_finding_not_two():
    v = vendor(claims=[{"control": "termination-data-export", "polarity": "denied",
                        "citation": cite(63, "access may be lost after cancellation")}],
               contract={"deletion_at_termination": {"value": True, "citation": cite(63, "access may be lost")}})
    a = audit(v)
    found = [f for f in a.findings if f.control == "termination-data-export"]
    assert len(found) == 1 and found[0].kind == "contract" and found[0].severity == Severity.HIGH
    assert found[0].requirement == "Art.28(3)(g)"


def test_an_sla_bought_as_an_add_on_names_its_plan():
    support = Support.model_validate({"sla": [{"severity": "critical", "response": "PT1H", "coverage": "24x7",
                                               "plan": "Enterprise (25% extra)"}]})
    row = next(r for r in assess_sla(support, load_policy(None).sla) if r.severity == "critical")
    assert row.meets is True and row.plan == "Enterprise (25% extra)"
    assert "Enterprise (25% extra)" in row.reason


def test_sample_dossiers_without_locations_never_show_a_satisfied_embargo(repo_cli):
    """On the shipped samples (none declares where it hosts), OFAC-EMBARGO is not evidenced."""
    for vendor_id in ("cliently", "6clicks"):
        result = repo_cli("audit", vendor_id, "--framework", "ear-ofac", "--no-record", "--format", "json")
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        reqs = {r["id"]: r for r in data["frameworks"][0]["requirements"]}
        if not any(h for h in data["screening"]["screened"] if h.startswith(("hosting", "headquarters"))):
            assert reqs["OFAC-EMBARGO"]["status"] != "satisfied", (vendor_id, reqs["OFAC-EMBARGO"])


def test_hedged_contract_terms_say_so_and_an_unmeasured_notice_is_not_no_notice():
    v = vendor(contract={"auto_renewal": {"value": True, "hedged": True, "citation": cite(58, "may renew automatically")},
                         "renewal_notice": {"value": True, "hedged": True, "citation": cite(59, "usually notified")},
                         "deletion_at_termination": {"value": True, "hedged": True,
                                                     "citation": cite(63, "may lose access to data")}})
    rows = {r.term: r for r in audit(v).contract}
    assert rows["auto-renewal"].meets is False
    assert "notice of unstated length" in rows["auto-renewal"].reason and "hedged" in rows["auto-renewal"].reason
    assert "hedged" in rows["termination-data-export"].reason
    plain = audit(vendor(contract={"auto_renewal": {"value": True, "citation": cite(1, "renews automatically")}}))
    reason = next(r.reason for r in plain.contract if r.term == "auto-renewal")
    assert "no stated notice" in reason and "hedged" not in reason


def test_a_claim_of_an_unknown_control_is_refused_with_its_line(cli, workspace):
    """A typo in a hand-edited dossier must not silently drop the claim from the audit."""
    dossier = workspace / "evidence" / "acme"
    dossier.mkdir(parents=True)
    (dossier / "vendor.yaml").write_text("id: acme\nname: Acme\nclaims:\n  - control: mfa\n  - control: encryption-at-rst\n",
                                         encoding="utf-8")
    for args in (["audit", "acme", "--no-record"], ["explain", "acme", "iso27001-2022", "A.8.24"]):
        result = cli(*args)
        assert result.exit_code == 2 and result.stdout == "", result.output
        assert ("vendor.yaml:5: claims[1].control: unknown control 'encryption-at-rst'; "
                "did you mean encryption-at-rest") in result.stderr, result.stderr
    assert not (workspace / ".auditor").exists()
