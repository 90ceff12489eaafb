"""What attestation documents say, applied to the audit: standing rules, contradicted controls, findings.

The documents are read once, when added (auditor.attestations → ``EvidenceItem.facts``); this
module only judges the facts, through the extension points of the one attestation standing
(``FACT_RULES``, see assess/standing.py) and of the findings (``FINDING_SOURCES``):

- standing: a report about another organisation, a Type I offered as Type II, an adverse or
  disclaimed opinion, a document that cannot be read as what it claims → rejected; a period that
  no longer reaches the audit date (a bridge letter extends it only as far as the policy allows),
  an expired certificate or an ISO/IEC 27001:2013 certificate after the transition → expired;
- controls: criteria in a qualified opinion's basis and criteria with control exceptions make the
  common controls they map to contradicted, citing the document (so the same controls are
  contradicted in every framework);
- findings: wrong organisation, unreadable, qualified/adverse opinions, exceptions, carved-out
  sub-service organisations (fourth parties), pen-test findings still open or a stale pen test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from auditor.model.assessment import AttestationState, Reason
from auditor.model.attestation import (AttestationFacts, AttestationReviewPolicy, DocCitation, DocumentType,
                                       FourthParty, Opinion, Responsibility, SubserviceMethod)
from auditor.model.enums import AttestationType, EvidenceKind, Severity, Status
from auditor.model.evidence import EvidenceItem
from auditor.model.vendor import Vendor
from auditor.questions import fact_question

if TYPE_CHECKING:
    from auditor.assess.controls import RuleOutcome
    from auditor.assess.findings import FindingContext
    from auditor.assess.standing import Downgrade, StandingContext
    from auditor.catalog.loader import Catalog
    from auditor.model.assessment import AttestationStanding, Finding

SOC2 = (AttestationType.SOC2_TYPE1, AttestationType.SOC2_TYPE2)
READ_TYPES = {AttestationType.SOC2_TYPE1: {DocumentType.SOC2_TYPE1, DocumentType.SOC2_TYPE2},
              AttestationType.SOC2_TYPE2: {DocumentType.SOC2_TYPE2},
              AttestationType.ISO27001: {DocumentType.ISO27001}}
"""Attestation types the readers can read, and the document types that can show each."""
SOC2_FRAMEWORK = "soc2-2017"


def review_policy(policy) -> AttestationReviewPolicy:
    found = getattr(policy, "attestation_documents", None) if policy is not None else None
    return found if isinstance(found, AttestationReviewPolicy) else AttestationReviewPolicy()


def _months(duration: str) -> relativedelta:
    """An ISO 8601 duration as calendar months and days (P3M is three calendar months)."""
    m = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", duration)
    if not m:
        raise ValueError(f"attestation_documents: not a date duration: {duration!r}")
    y, mo, w, d = (int(x or 0) for x in m.groups())
    return relativedelta(years=y, months=mo, days=7 * w + d)


def where(c: DocCitation | None) -> str:
    if c is None:
        return ""
    text = " ".join(c.text.split())
    text = text if len(text) <= 160 else text[:159] + "\u2026"
    return f" (page {c.page}, line {c.line}: \u201c{text}\u201d)"


# ------------------------------------------------------------------ names


@lru_cache(maxsize=1)
def _legal_tokens() -> frozenset[str]:
    from auditor.attestations.vocab import vocab

    words = set()
    for form in vocab()["legal_forms"]:
        words.add(re.sub(r"[^a-z]", "", form.replace("\\s+", " ").replace("\\.", "").lower()))
    return frozenset(words | {"the", "co", "company", "corporation", "corp", "incorporated", "limited", "pty",
                              "holdings", "group"})


def _core(name: str) -> str:
    import fingerprints

    tokens = (fingerprints.generate(name) or "").split()
    return " ".join(sorted(t for t in tokens if t not in _legal_tokens()))


def names_of(vendor: Vendor) -> list[str]:
    return [n for n in [vendor.name, vendor.legal_name, *vendor.aliases] if n]


def organisation_matches(organisation: str, vendor: Vendor, threshold: int = 90) -> bool:
    """Same organisation: the names agree once legal forms, case and punctuation are set aside
    (a typo-level difference is tolerated; a different word is not)."""
    from rapidfuzz import fuzz

    found = _core(organisation)
    if not found:
        return False
    for name in names_of(vendor):
        core = _core(name)
        if core and (core == found or fuzz.ratio(core, found) >= max(threshold, 90)
                     and len(core.split()) == len(found.split())):
            return True
    return False


# ------------------------------------------------------------------ standing rules


def _covered_through(item: EvidenceItem, facts: AttestationFacts, ctx: StandingContext,
                     policy: AttestationReviewPolicy) -> tuple[date, str]:
    """The last day a SOC 2 report speaks for: its period end (Type I: its date), extended by a
    bridge letter for the same organisation that starts where the report stops, capped by policy."""
    end = facts.period.end if facts.period else facts.as_of
    assert end is not None
    cap = end + _months(policy.bridge_letter_max)
    best, note = end, ""
    evidence = getattr(ctx, "evidence", None) or {}
    for other in evidence.values():
        f = other.facts
        if (other.sha256 == item.sha256 or other.revoked or other.superseded_by or f is None
                or f.type is not DocumentType.BRIDGE_LETTER or f.period is None or not f.organisation
                or not organisation_matches(f.organisation, ctx.vendor, policy.match_threshold)):
            continue
        if f.period.start <= end + timedelta(days=7) and f.period.end > best:
            reach = min(f.period.end, cap)
            if reach > best:
                capped = " (capped by policy)" if f.period.end > cap else ""
                best, note = reach, (f"; bridge letter {other.sha256[:12]} (management's word, not audited) "
                                     f"extends it to {reach.isoformat()}{capped}")
    return best, note


def standing_rule(item: EvidenceItem, kind: AttestationType, ctx: StandingContext) -> Downgrade | None:
    """Every fact-based reason an attestation document does not count (the first that applies)."""
    from auditor.assess.standing import Downgrade

    if kind not in READ_TYPES or item.kind not in (EvidenceKind.AUDIT_REPORT, EvidenceKind.CERTIFICATE,
                                                   EvidenceKind.OTHER):
        return None
    policy = review_policy(getattr(ctx, "policy", None))
    facts = item.facts
    rejected = AttestationState.REJECTED
    if facts is None or not facts.readable or facts.type not in READ_TYPES[kind]:
        if item.accepted_unread is not None:
            return None  # a reviewer read it and said so, with a reason kept in the ledger
        if facts is None:
            return Downgrade(rejected, "unreadable attestation: the document was never read (added before "
                                       "documents were read); add it again or accept it with --accept-unread")
        if facts.type is DocumentType.NONE or (facts.type in READ_TYPES[kind] and facts.missing):
            missing = ", ".join(facts.missing) if facts.type is not DocumentType.NONE else "any recognisable structure"
            return Downgrade(rejected, f"unreadable attestation: no {missing} could be read in it; "
                                       "ask for the full report or certificate")
        if kind is AttestationType.SOC2_TYPE2 and facts.type is DocumentType.SOC2_TYPE1:
            return Downgrade(rejected, "a SOC 2 Type I report shows the design of controls on one date, "
                                       "not their operating effectiveness over a period" + where(
                                           facts.citations.get("type")))
        return Downgrade(rejected, f"the document reads as {facts.type.value}, not {kind.value}")
    if facts.organisation and not organisation_matches(facts.organisation, ctx.vendor, policy.match_threshold):
        return Downgrade(rejected, f"report is for another organisation: {facts.organisation!r}, not "
                                   f"{' / '.join(names_of(ctx.vendor))}" + where(facts.citations.get("organisation")))
    if facts.opinion in (Opinion.ADVERSE, Opinion.DISCLAIMER):
        return Downgrade(rejected, f"the auditor's opinion is {facts.opinion.value}" + where(facts.citations.get("opinion")))
    if kind in SOC2:
        through, note = _covered_through(item, facts, ctx, policy)
        deadline = through + _months(policy.report_recent_within)
        if ctx.as_of > deadline:
            return Downgrade(AttestationState.EXPIRED,
                             f"the report speaks for {through.isoformat()}{note}; the policy accepts it until "
                             f"{policy.report_recent_within} after that ({deadline.isoformat()})")
    if kind is AttestationType.ISO27001:
        if facts.standard_edition == "2013" and ctx.as_of > policy.iso27001_2013_invalid_after:
            return Downgrade(AttestationState.EXPIRED,
                             "an ISO/IEC 27001:2013 certificate is not valid after "
                             f"{policy.iso27001_2013_invalid_after.isoformat()} (end of the transition to the 2022 "
                             "edition)" + where(facts.citations.get("standard_edition")))
        if facts.expires and facts.expires < ctx.as_of:
            return Downgrade(AttestationState.EXPIRED, f"the certificate expired on {facts.expires.isoformat()}"
                             + where(facts.citations.get("expires")))
    return None


FACT_RULES = (standing_rule,)


# ------------------------------------------------------------------ contradicted controls


def counted_reports(standings: Iterable[AttestationStanding], evidence: Mapping[str, EvidenceItem]
                    ) -> list[EvidenceItem]:
    """SOC 2 reports that decided a valid standing: only a report that counts can contradict."""
    out = []
    for s in standings:
        if s.type in SOC2 and s.state is AttestationState.VALID and s.evidence in evidence:
            item = evidence[s.evidence]
            if item.facts is not None and item not in out:
                out.append(item)
    return out


def contradiction_rules(standings: list[AttestationStanding], evidence: Mapping[str, EvidenceItem],
                        catalog: Catalog, policy) -> dict[str, RuleOutcome]:
    """Common controls behind each SOC 2 criterion the report itself says failed."""
    from auditor.assess.controls import RuleOutcome

    review = review_policy(policy)
    framework = catalog.frameworks.get(SOC2_FRAMEWORK)
    if framework is None:
        return {}
    by_id = {r.id: r for r in framework.requirements}
    outcomes: dict[str, RuleOutcome] = {}
    for item in counted_reports(standings, evidence):
        facts = item.facts
        failed: dict[str, str] = {}
        if facts.opinion is Opinion.QUALIFIED:
            for criterion in facts.qualified_criteria:
                failed[criterion] = (f"qualified opinion: the auditor names {criterion} in the basis for its "
                                     f"qualification" + where(facts.citations.get("qualified_criteria")))
        for exc in facts.controls_with_exceptions:
            if not exc.criterion or (review.accept_exceptions_with_response and exc.management_response):
                continue
            failed.setdefault(exc.criterion, f"exception noted in control {exc.control}: {exc.exception[:200]}"
                                             + where(exc.citation))
        for criterion, text in failed.items():
            req = by_id.get(criterion)
            if req is None:
                continue
            for mapping in req.controls:
                outcome = outcomes.setdefault(mapping.control, RuleOutcome(Status.CONTRADICTED, []))
                outcome.reasons.append(Reason(kind="attestation", control=mapping.control, ref=item.sha256,
                                              text=f"contradicted (exception noted): SOC 2 {criterion}: {text}"))
    return outcomes


# ------------------------------------------------------------------ findings


def _name(item: EvidenceItem) -> str:
    filename = item.metadata.get("filename") if isinstance(item.metadata, dict) else None
    return f"{filename or 'document'} ({item.sha256[:12]})"


def _framework(facts: AttestationFacts | None, item: EvidenceItem) -> str:
    if facts is not None and facts.type is DocumentType.ISO27001 or AttestationType.ISO27001 in item.attests:
        return "iso27001-2022"
    if facts is not None and facts.type is DocumentType.PENTEST or item.kind is EvidenceKind.PENTEST_REPORT:
        return "vendor-due-diligence"
    return SOC2_FRAMEWORK


def _expects_reading(item: EvidenceItem) -> bool:
    return bool(set(item.attests) & READ_TYPES.keys()) or item.kind is EvidenceKind.PENTEST_REPORT


def _current(items: Mapping[str, EvidenceItem]) -> list[EvidenceItem]:
    return [i for i in items.values() if not i.revoked and not i.superseded_by]


def rejection_explained(standing: AttestationStanding, evidence: Mapping[str, EvidenceItem]) -> bool:
    """A rejection this module's standing rule made: ``fact_findings`` reports it under its own title
    (report for another organisation, unreadable, Type I for Type II ...), so it is not reported twice."""
    item = evidence.get(standing.evidence or "")
    return (standing.state is AttestationState.REJECTED and item is not None and standing.type in READ_TYPES
            and standing.type in item.attests)


def fact_findings(ctx: FindingContext) -> Iterable[Finding]:
    """Findings from what each current attestation document says (see the module doc)."""
    policy = review_policy(ctx.policy)
    for item in _current(ctx.evidence):
        facts = item.facts
        if not _expects_reading(item) and facts is None:
            continue
        fw = _framework(facts, item)
        basis = [Reason(kind="evidence", ref=item.sha256, text=f"read from {_name(item)}")]
        if facts is None or not facts.readable:
            if _expects_reading(item) and item.accepted_unread is None:
                what = ", ".join(a.value for a in item.attests) or item.kind.value
                lacking = ("it was never read" if facts is None else
                           "it reads as none of a SOC 2 report, bridge letter, ISO certificate or pen-test letter"
                           if facts.type is DocumentType.NONE else "no " + ", ".join(facts.missing) + " found")
                severity = Severity.HIGH if set(item.attests) & READ_TYPES.keys() else Severity.MEDIUM
                yield ctx.finding(severity, None, f"Unreadable attestation: {_name(item)} does not read as {what}",
                                  kind="attestation", framework=fw, basis=basis,
                                  detail=f"{lacking}; it attests nothing until the real document is added "
                                         "(or a reviewer accepts it with --accept-unread --reason)",
                                  question=fact_question("unreadable", ctx.language))
            continue
        yield from _wrong_type_findings(ctx, item, facts, fw, basis)
        if facts.organisation and not organisation_matches(facts.organisation, ctx.vendor, policy.match_threshold):
            yield ctx.finding(Severity.HIGH, None, f"Report is for another organisation: {facts.organisation}",
                              kind="attestation", framework=fw, basis=basis,
                              detail=f"{_name(item)} names {facts.organisation!r}, not "
                                     f"{' / '.join(names_of(ctx.vendor))}" + where(facts.citations.get("organisation")),
                              question=fact_question("other-organisation", ctx.language))
            continue
        yield from _opinion_findings(ctx, item, facts, fw, basis, policy)
        yield from _pentest_findings(ctx, item, facts, basis, policy)
        for sub in facts.subservice_organisations:
            if sub.method is SubserviceMethod.CARVE_OUT:
                yield ctx.finding(Severity.INFO, "third-party-risk-management",
                                  f"Fourth party {sub.name}: controls not covered by the vendor's report",
                                  kind="attestation", basis=basis,
                                  detail=f"{_name(item)} carves out {sub.name}" + where(sub.citation)
                                         + "; obtain its own report or assess it as a fourth party",
                                  question=fact_question("fourth-party", ctx.language, name=sub.name))


def _wrong_type_findings(ctx, item, facts: AttestationFacts, fw: str, basis) -> Iterable[Finding]:
    """Filed as one attestation, reads as another kind of document: it does not attest what it was filed as."""
    for kind in item.attests:
        if kind not in READ_TYPES or facts.type in READ_TYPES[kind] or item.accepted_unread is not None:
            continue
        if kind is AttestationType.SOC2_TYPE2 and facts.type is DocumentType.SOC2_TYPE1:
            title = "SOC 2 Type I report offered as Type II: it does not show operating effectiveness"
        else:
            title = f"{_name(item)} reads as {facts.type.value}, not {kind.value}"
        yield ctx.finding(Severity.HIGH, None, title, kind="attestation", framework=fw, basis=basis,
                          detail=f"{_name(item)}" + where(facts.citations.get("type")),
                          question=fact_question("wrong-type", ctx.language))


def _opinion_findings(ctx, item, facts: AttestationFacts, fw: str, basis, policy) -> Iterable[Finding]:
    if facts.opinion in (Opinion.ADVERSE, Opinion.DISCLAIMER):
        yield ctx.finding(Severity.CRITICAL, None, f"SOC 2 report has an {facts.opinion.value} opinion"
                          if facts.opinion is Opinion.ADVERSE else "SOC 2 report: the auditor disclaims an opinion",
                          kind="attestation", framework=fw, basis=basis,
                          detail=f"{_name(item)}" + where(facts.citations.get("opinion")),
                          question=fact_question("adverse", ctx.language))
        return
    if facts.opinion is Opinion.QUALIFIED:
        criteria = ", ".join(facts.qualified_criteria) or "criteria not named"
        yield ctx.finding(Severity.HIGH, None, f"SOC 2 report has a qualified opinion ({criteria})",
                          kind="attestation", framework=fw, basis=basis,
                          prefer=(SOC2_FRAMEWORK, facts.qualified_criteria[0]) if facts.qualified_criteria else None,
                          detail=f"{_name(item)}" + where(facts.citations.get("opinion")),
                          question=fact_question("qualified", ctx.language))
    for exc in facts.controls_with_exceptions:
        accepted = policy.accept_exceptions_with_response and exc.management_response
        control = _control_of(ctx, exc.criterion)
        yield ctx.finding(Severity.LOW if accepted else Severity.MEDIUM, control,
                          f"Control exception in SOC 2 report: {exc.control}"
                          + (f" ({exc.criterion})" if exc.criterion else ""),
                          kind="attestation", framework=SOC2_FRAMEWORK, basis=basis,
                          prefer=(SOC2_FRAMEWORK, exc.criterion) if exc.criterion else None,
                          detail=exc.exception + where(exc.citation)
                                 + (f"; management's response: {exc.management_response}" if exc.management_response
                                    else "; no management response") + ("; accepted by policy" if accepted else ""),
                          question=fact_question("exception", ctx.language, control=exc.control))


def _control_of(ctx, criterion: str | None) -> str | None:
    fw = ctx.catalog.frameworks.get(SOC2_FRAMEWORK)
    for req in fw.requirements if fw and criterion else []:
        if req.id == criterion and req.controls:
            return req.controls[0].control
    return None


def _pentest_findings(ctx, item, facts: AttestationFacts, basis, policy) -> Iterable[Finding]:
    if facts.type is not DocumentType.PENTEST:
        return
    still = facts.open_findings_by_severity
    if still and (still.critical or still.high):
        yield ctx.finding(Severity.CRITICAL if still.critical else Severity.HIGH, "penetration-testing",
                          f"Pen test: {still.critical} critical and {still.high} high finding(s) still open",
                          kind="attestation", basis=basis,
                          detail=f"{_name(item)}" + where(facts.citations.get("findings_by_severity")),
                          question=fact_question("pentest-open", ctx.language))
    tested = facts.report_date or (facts.period.end if facts.period else None)
    if tested and tested + _months(policy.pentest_max_age) < ctx.as_of:
        yield ctx.finding(Severity.MEDIUM, "penetration-testing",
                          f"Pen test older than policy ({policy.pentest_max_age}): {tested.isoformat()}",
                          kind="attestation", basis=basis, detail=f"{_name(item)} is stale",
                          question=fact_question("pentest-stale", ctx.language))


def responsibilities(standings: Iterable[AttestationStanding], evidence: Mapping[str, EvidenceItem]
                     ) -> list[Responsibility]:
    """Complementary user entity controls of the SOC 2 reports that count: the customer's part."""
    return [Responsibility(text=text, evidence=item.sha256, organisation=item.facts.organisation,
                           citation=item.facts.citations.get("cuecs"))
            for item in counted_reports(standings, evidence) for text in item.facts.cuecs]


def fourth_parties(evidence: Iterable[EvidenceItem], vendor: Vendor, policy=None) -> list[FourthParty]:
    """Sub-service organisations carved out of the vendor's own current, readable SOC 2 reports."""
    review = review_policy(policy)
    out: dict[str, FourthParty] = {}
    for item in evidence:
        f = item.facts
        if (item.revoked or item.superseded_by or f is None or not f.readable
                or f.type not in (DocumentType.SOC2_TYPE1, DocumentType.SOC2_TYPE2) or not f.organisation
                or not organisation_matches(f.organisation, vendor, review.match_threshold)):
            continue
        for sub in f.subservice_organisations:
            if sub.method is SubserviceMethod.CARVE_OUT:
                out.setdefault(_core(sub.name) or sub.name, FourthParty(name=sub.name, method=sub.method,
                                                                         evidence=item.sha256, citation=sub.citation))
    return list(out.values())
