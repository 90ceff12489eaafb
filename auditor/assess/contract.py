"""Contract terms a reviewer flags: silent renewals, no refunds, data lost at termination."""

from __future__ import annotations

from datetime import date

from auditor.assess.controls import quote
from auditor.assess.policy import ContractPolicy
from auditor.durations import in_words
from auditor.model.assessment import ContractAssessment
from auditor.model.base import period_at_least
from auditor.model.enums import Severity
from auditor.model.vendor import ContractFact, ContractTerms


def _cite(fact: ContractFact | None) -> str:
    if fact is None:
        return ""
    # "may lose access" is not "loses access": say the wording was hedged before quoting it
    hedge = "; the vendor's wording is hedged" if fact.hedged else ""
    if fact.citation is None:
        return f" ({hedge[2:]})" if hedge else ""
    return f"{hedge} ({quote(fact.citation)})"


def assess_contract(terms: ContractTerms, policy: ContractPolicy, as_of: date | None = None) -> list[ContractAssessment]:
    """Periods are compared in calendar time from ``as_of`` (P1M is a calendar month, not 30 days)."""
    anchor = as_of or date.today()
    rows: list[ContractAssessment] = []

    renew, notice = terms.auto_renewal, terms.renewal_notice
    if renew is None or renew.value is None:
        rows.append(ContractAssessment(term="auto-renewal", meets=None, reason="renewal terms not stated"))
    elif not renew.value:
        rows.append(ContractAssessment(term="auto-renewal", meets=True, reason="does not renew automatically" + _cite(renew)))
    elif notice is not None and notice.period and period_at_least(notice.period, policy.renewal_notice, anchor):
        rows.append(ContractAssessment(term="auto-renewal", meets=True,
                                       reason=f"renews automatically with {in_words(notice.period)} notice" + _cite(notice)))
    else:
        if notice is not None and notice.period:
            given = f"only {in_words(notice.period)} notice"
        elif notice is not None and notice.value:  # "we usually notify you" without saying how early
            given = "a notice of unstated length"
        else:
            given = "no stated notice"
        rows.append(ContractAssessment(
            term="auto-renewal", meets=False, severity=Severity.MEDIUM,
            reason=f"renews automatically with {given}; policy requires {in_words(policy.renewal_notice)}" + _cite(renew)))

    refunds = terms.refunds
    if refunds is None or refunds.value is None:
        rows.append(ContractAssessment(term="refunds", meets=None, reason="refund terms not stated"))
    elif refunds.value:
        window = f" within {in_words(refunds.period)}" if refunds.period else ""
        rows.append(ContractAssessment(term="refunds", meets=True, reason=f"refunds offered{window}" + _cite(refunds)))
    else:
        rows.append(ContractAssessment(
            term="refunds", meets=False,
            severity=Severity.MEDIUM if policy.refunds_required else Severity.LOW,
            reason="no refunds" + _cite(refunds)))

    export, deletion = terms.export_at_termination, terms.deletion_at_termination
    window_ok = (export is not None and export.value and
                 (export.period is None or period_at_least(export.period, policy.export_window, anchor)))
    if deletion is not None and deletion.value and not window_ok:
        rows.append(ContractAssessment(
            term="termination-data-export", meets=False, severity=Severity.HIGH,
            reason="data is deleted or access is lost at cancellation without an export window of "
                   f"{in_words(policy.export_window)} (GDPR Art.28(3)(g))" + _cite(deletion)))
    elif export is not None and export.value is False:
        rows.append(ContractAssessment(term="termination-data-export", meets=False, severity=Severity.HIGH,
                                       reason="no export of data after termination" + _cite(export)))
    elif window_ok:
        period = f" for {in_words(export.period)}" if export.period else ""
        rows.append(ContractAssessment(term="termination-data-export", meets=True,
                                       reason=f"customer can export its data after termination{period}" + _cite(export)))
    else:
        rows.append(ContractAssessment(term="termination-data-export", meets=None,
                                       reason="export of data at termination not stated"))

    changes = terms.unilateral_changes
    if changes is None or changes.value is None:
        rows.append(ContractAssessment(term="unilateral-changes", meets=None, reason="change-of-terms clause not stated"))
    elif changes.value:
        rows.append(ContractAssessment(term="unilateral-changes", meets=False, severity=Severity.MEDIUM,
                                       reason="the vendor may change the terms unilaterally" + _cite(changes)))
    else:
        rows.append(ContractAssessment(term="unilateral-changes", meets=True,
                                       reason="terms change only by agreement" + _cite(changes)))
    return rows
