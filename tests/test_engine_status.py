"""Statuses a reviewer would agree with, on small dossiers where the answer is plain to see."""

from __future__ import annotations

from datetime import date

from enginekit import audit, cite, evidence_item, requirement, vendor

from auditor.model.enums import Severity, Status
from auditor.model.screening import Hit, ScreeningResult


def test_mfa_denied_makes_a_8_5_a_gap_with_the_cited_line():
    v = vendor(claims=[{"control": "mfa", "polarity": "denied", "citation": cite(4, "لا ندعم المصادقة الثنائية")},
                       {"control": "password-policy", "citation": cite(5, "strong passwords")}])
    result = requirement(audit(v), "iso27001-2022", "A.8.5")
    assert result.status == Status.GAP
    assert any("لا ندعم المصادقة الثنائية" in r.text for r in result.reasons)
    assert any(f.control == "mfa" and "denies" in f.title for f in audit(v).findings)


def test_claim_without_evidence_is_unverified_and_evidence_makes_it_satisfied():
    v = vendor(claims=[{"control": "backup", "citation": cite(9, "daily backups")}])
    assert requirement(audit(v), "iso27001-2022", "A.8.13").status == Status.UNVERIFIED
    ev = evidence_item("b", ["backup"], effective=date(2026, 6, 30))
    satisfied = requirement(audit(v, evidence=[ev]), "iso27001-2022", "A.8.13")
    assert satisfied.status == Status.SATISFIED
    assert satisfied.evidence == ["b" * 64]


def test_old_evidence_is_stale_not_satisfied():
    v = vendor(claims=[{"control": "backup", "citation": cite(9, "daily backups")}])
    old = evidence_item("c", ["backup"], effective=date(2025, 1, 31))
    assert requirement(audit(v, evidence=[old]), "iso27001-2022", "A.8.13").status == Status.STALE
    expired = evidence_item("d", ["backup"], effective=date(2026, 10, 1), valid_until=date(2026, 11, 1))
    assert requirement(audit(v, evidence=[expired]), "iso27001-2022", "A.8.13").status == Status.STALE


def test_vendor_that_affirms_and_denies_is_contradicted():
    v = vendor(claims=[{"control": "backup", "citation": cite(1, "we back up")},
                       {"control": "backup", "polarity": "denied", "citation": cite(2, "we do not back up")}])
    assert requirement(audit(v), "iso27001-2022", "A.8.13").status == Status.CONTRADICTED


def test_tls_check_accepting_tls10_contradicts_the_claim():
    v = vendor(claims=[{"control": "encryption-in-transit", "attributes": {"protocol": "TLS 1.2+"},
                        "citation": cite(3, "TLS 1.2 or higher")},
                       {"control": "encryption-at-rest", "citation": cite(4, "AES-256")}])
    check = {"name": "tls", "status": "fail", "observed": {"accepted": ["TLSv1", "TLSv1.2"]},
             "message": "accepts TLSv1", "controls": ["encryption-in-transit"]}
    scan = evidence_item("e", ["encryption-in-transit"], kind="scan", effective=date(2026, 11, 20), checks=[check])
    a = audit(v, evidence=[scan])
    assert requirement(a, "iso27001-2022", "A.8.24").status == Status.CONTRADICTED
    finding = next(f for f in a.findings if f.control == "encryption-in-transit")
    assert finding.severity == Severity.HIGH and "contradicted" in finding.title


def test_hedged_claim_is_unverified_and_a_finding_of_its_own():
    v = vendor(claims=[{"control": "backup", "hedged": True, "citation": cite(7, "من المحتمل أن يتم النسخ الاحتياطي")}])
    a = audit(v)
    assert requirement(a, "iso27001-2022", "A.8.13").status == Status.UNVERIFIED
    hedges = [f for f in a.findings if f.kind == "hedge"]
    assert len(hedges) == 1 and hedges[0].control == "backup" and "من المحتمل" in hedges[0].detail


def test_out_of_scope_framework_is_not_applicable_with_its_reason():
    a = audit(vendor())
    pci = next(f for f in a.frameworks if f.id == "pci-dss-4.0.1")
    assert not pci.applicable and pci.counts.not_applicable == 1
    assert "cardholder data" in pci.requirements[0].reasons[0].text
    with_cards = audit(vendor(), scope=["cardholder data"])
    assert next(f for f in with_cards.frameworks if f.id == "pci-dss-4.0.1").applicable


def test_evidenced_certificate_satisfies_its_own_framework_but_not_a_denial():
    from auditor.model.attestation import ReviewerAcceptance

    cert = evidence_item("f", [], kind="certificate", effective=date(2026, 1, 10), valid_until=date(2027, 1, 9))
    # a stand-in file no reader can read: a reviewer's acceptance lets it count (assess/attestation_facts.py)
    cert = cert.model_copy(update={"accepted_unread": ReviewerAcceptance(reason="read by the reviewer")})
    v = vendor(attestations=[{"type": "iso27001", "evidence": "f" * 64, "expires": "2027-01-09"}],
               claims=[{"control": "mfa", "polarity": "denied", "citation": cite(2, "no 2FA")}])
    a = audit(v, evidence=[cert])
    assert requirement(a, "iso27001-2022", "A.8.13").status == Status.SATISFIED
    assert requirement(a, "iso27001-2022", "A.8.5").status == Status.CONTRADICTED
    assert requirement(a, "gdpr", "Art.32(1)(a)").status == Status.GAP  # ISO evidences ISO only


def test_claimed_certificate_does_not_lift_requirements_but_is_a_finding():
    v = vendor(attestations=[{"type": "iso27001", "citation": cite(1, "ISO 27001 certified")}])
    a = audit(v)
    result = requirement(a, "iso27001-2022", "A.8.13")
    assert result.status == Status.GAP
    assert any("iso27001" in r.text and "no certificate" in r.text for r in result.reasons)
    finding = next(f for f in a.findings if f.kind == "attestation")
    assert finding.framework == "iso27001-2022" and finding.severity == Severity.LOW


def test_hosting_in_iran_is_a_critical_ear_ofac_finding():
    hit = Hit(list="jurisdictions", name="Iran", score=1.0, status="match", query="IR", party_role="hosting",
              reason="comprehensively sanctioned: 31 CFR Part 560")
    screening = ScreeningResult(status="match", hits=[hit], screened=["IR"], lists_available=False)
    v = vendor(hosting=[{"country": "IR", "role": "hosting"}])
    a = audit(v, screening=screening)
    assert requirement(a, "ear-ofac", "OFAC-EMBARGO").status == Status.GAP
    top = a.findings[0]
    assert top.severity == Severity.CRITICAL and top.framework == "ear-ofac" and top.control == "embargoed-jurisdictions"


def test_clear_screening_satisfies_embargo_requirement():
    screening = ScreeningResult(status="clear", hits=[], screened=["DE"], lists_available=True,
                                lists=[{"name": "SDN", "source": "test", "date": "2026-11-20"}])
    a = audit(vendor(hosting=[{"country": "DE", "role": "hosting"}]), screening=screening)
    assert requirement(a, "ear-ofac", "OFAC-EMBARGO").status == Status.SATISFIED
    assert requirement(a, "ear-ofac", "OFAC-SDN").status == Status.SATISFIED


def test_deletion_at_cancellation_without_export_window_is_high_and_names_art_28_3_g():
    v = vendor(contract={"deletion_at_termination": {"value": True, "citation": cite(30, "access may be lost")},
                         "auto_renewal": {"value": True, "citation": cite(31, "renews automatically")},
                         "refunds": {"value": False, "citation": cite(32, "no refunds")}})
    a = audit(v)
    assert requirement(a, "gdpr", "Art.28(3)(g)").status == Status.GAP
    export = next(f for f in a.findings if f.control == "termination-data-export")
    assert export.severity == Severity.HIGH and export.requirement == "Art.28(3)(g)"
    renewal = next(f for f in a.findings if f.control == "auto-renewal-notice")
    assert renewal.severity == Severity.MEDIUM
    refund = next(f for f in a.findings if f.control == "refund-policy")
    assert refund.severity == Severity.LOW  # refunds are not required by the default policy


def test_coverage_and_verified_percentages():
    v = vendor(claims=[{"control": "backup", "citation": cite(1, "backups")},
                       {"control": "mfa", "citation": cite(2, "2FA")}])
    ev = evidence_item("a", ["backup"], effective=date(2026, 10, 1))
    iso = next(f for f in audit(v, evidence=[ev]).frameworks if f.id == "iso27001-2022")
    # A.8.5 unverified (mfa claimed), A.8.13 satisfied, A.8.24 gap: 2 of 3 claimed, 1 of 3 verified.
    assert (iso.coverage, iso.verified) == (66.7, 33.3)


def test_findings_are_ranked_by_severity():
    v = vendor(claims=[{"control": "mfa", "polarity": "denied", "citation": cite(2, "no 2FA")}],
               hosting=[{"country": "IR", "role": "hosting"}])
    hit = Hit(list="jurisdictions", name="Iran", score=1.0, status="match", query="IR", reason="sanctioned")
    a = audit(v, screening=ScreeningResult(status="match", hits=[hit]))
    ranks = [f.severity.rank for f in a.findings]
    assert ranks == sorted(ranks) and a.findings[0].severity == Severity.CRITICAL
