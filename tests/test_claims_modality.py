"""Four polarity classes met on vendor pages, each as a general rule (vocabulary in language.yaml
and speech.yaml):

1. a negation inside a condition ("if we fail to ...", "in the event the service is
   unavailable ...") denies nothing: the sentence affirms the commitment and its remedy;
2. "may" with the customer as subject is a permission the vendor grants, and "may only" / "may
   not" with staff as subject is a restriction (a control), neither a hedge; "we may" still is;
3. "endeavour to", "(commercially) reasonable efforts" promise an effort, not a result: a hedge;
4. a sentence about other vendors in general ("Most analytics tools ...") is not the vendor's claim.

Every document here was written for these tests.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import reasons


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


def read(extractor, text: str, suffix: str = ".txt"):
    return claimskit.read(extractor, text, suffix)


def items(extraction) -> set[tuple[str, int, str]]:
    return claimskit.items(extraction, places=False)


def of(extraction, item: str) -> set[str]:
    return {pol for name, _line, pol in items(extraction) if name == item}


# --- 1. a negation inside a condition ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "If we fail to meet the initial response time, the account receives service credits.\n",
    "Should we fail to meet the initial response time, the account receives service credits.\n",
    "In the event that we are unable to meet the initial response time, credits are granted.\n",
    "In case we do not meet the initial response time, a credit is applied to the next invoice.\n",
    "Where we fail to honour the initial response time, credits are owed to the subscriber.\n",
])
def test_a_negation_inside_a_condition_does_not_deny(extractor, text):
    assert of(read(extractor, text), "support-sla") == {"affirmed"}


@pytest.mark.parametrize("text", [
    "If the platform is not reachable for more than an hour in a month, service credits apply.\n",
    "In the event the platform is unavailable for longer than agreed, service credits apply.\n",
])
def test_a_remedy_for_unavailability_is_affirmed(extractor, text):
    assert of(read(extractor, text), "refund-policy") == {"affirmed"}


@pytest.mark.parametrize("text, item", [
    ("We do not offer an SLA.\n", "support-sla"),
    ("If you need HIPAA, note that we do not sign BAAs.\n", "hipaa-baa"),
    ("If your team requires a BAA we are not able to sign one.\n", "hipaa-baa"),
    ("We will not sign a BAA if the workspace is on the free tier.\n", "hipaa-baa"),
])
def test_a_negation_in_the_main_clause_still_denies(extractor, text, item):
    assert of(read(extractor, text), item) == {"denied"}


# --- 2. "may": permission and restriction, not a hedge -------------------------------------------

@pytest.mark.parametrize("text, item", [
    ("The customer may escalate support requests by phoning the duty manager.\n", "escalation-process"),
    ("Clients may escalate any open ticket to a named support lead.\n", "escalation-process"),
    ("You may request a copy of our SOC 2 report under NDA.\n", "soc2-type1*"),
])
def test_may_with_the_customer_as_subject_is_a_permission(extractor, text, item):
    assert of(read(extractor, text), item) == {"affirmed"}


@pytest.mark.parametrize("text", [
    "Employees may only access production systems with role-based access control approval.\n",
    "Employees may not access production systems without role-based access control approval.\n",
])
def test_may_only_or_may_not_with_staff_as_subject_is_a_control(extractor, text):
    got = read(extractor, text)
    assert of(got, "access-control-rbac") == {"affirmed"}
    assert of(got, "privileged-access") == {"affirmed"}


@pytest.mark.parametrize("text, item", [
    ("We may encrypt backups at rest.\n", "encryption-at-rest"),
    ("Users may experience slower restores of backups during maintenance.\n", "backup"),
])
def test_we_may_is_still_a_hedge(extractor, text, item):
    assert of(read(extractor, text), item) == {"affirmed?"}


# --- 3. efforts and endeavours ---------------------------------------------------------------

@pytest.mark.parametrize("text, item", [
    ("We will endeavour to notify you of new sub-processors.\n", "subprocessor-management"),
    ("We will endeavor to notify customers of new sub-processors.\n", "subprocessor-management"),
    ("The team uses commercially reasonable efforts to restore backups within a day.\n", "backup"),
    ("We use reasonable endeavours to meet the initial response time.\n", "support-sla"),
])
def test_an_effort_promised_is_a_hedge(extractor, text, item):
    assert of(read(extractor, text), item) == {"affirmed?"}


def test_an_effort_hedges_only_its_own_sentence(extractor):
    got = read(extractor, "We restore backups daily. We will endeavour to notify you of new sub-processors.\n")
    assert of(got, "backup") == {"affirmed"}
    assert of(got, "subprocessor-management") == {"affirmed?"}


# --- 4. other vendors in general -------------------------------------------------------------

@pytest.mark.parametrize("text, item", [
    ("Many providers store customer data outside the EU region.\n", "data-residency"),
    ("Other vendors charge extra before they sign a BAA.\n", "hipaa-baa"),
    ("Most observability tools keep logs in a region the customer cannot choose, for data residency is an extra.\n",
     "data-residency"),
    ("Traditional hosting platforms encrypt data at rest only on premium tiers.\n", "encryption-at-rest"),
])
def test_other_vendors_in_general_are_not_the_vendor(extractor, text, item):
    got = read(extractor, text)
    assert of(got, item) == set()
    assert any(r[1].endswith(item) and r[2] == "other vendors in general" for r in reasons(got))


@pytest.mark.parametrize("text, item, polarity", [
    ("Unlike most vendors, we sign a BAA on every plan.\n", "hipaa-baa", "affirmed"),
    ("Other providers we use store backups in a second region.\n", "backup", "affirmed"),
    ("Some of our tools encrypt data at rest with per-tenant keys.\n", "encryption-at-rest", "affirmed"),
])
def test_the_vendor_set_against_others_still_speaks(extractor, text, item, polarity):
    assert of(read(extractor, text), item) == {polarity}


def test_other_vendors_in_general_in_arabic(extractor):
    got = read(extractor, "معظم الشركات تخزن البيانات في الاتحاد الأوروبي.\n")
    assert of(got, "data-residency") == set()
    assert (1, "claim:data-residency", "other vendors in general") in reasons(got)
