"""Classes of misreading found at stop 41 on real pages (dev sets DH and DI), written in our own words, each with a
look-alike that must keep its reading: a table row spread over lines, a setting that is not offered, data that does
not leave a place, regions called geographies, a double space typed in prose, whose data a duty speaks of, a kind
of plan, and wordings of known controls."""

from __future__ import annotations

import pytest

import claimskit
from claimskit import found_on, items, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


def test_a_value_in_a_row_spread_over_lines_is_cited_where_it_stands(extractor):
    text = ("# Plans\n\n<table>\n  <thead>\n    <tr>\n      <th>Plan</th>\n      <th>Retention period</th>\n"
            "    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <td>Starter</td>\n      <td>30 days</td>\n    </tr>\n"
            "    <tr>\n      <td>Business</td>\n      <td>2 years</td>\n    </tr>\n  </tbody>\n</table>\n")
    found = items(read(extractor, text, ".md"))
    assert {("data-retention-deletion", 13, "affirmed"), ("data-retention-deletion", 17, "affirmed")} <= found, found
    assert not {line for item, line, _ in found if item == "data-retention-deletion"} & {11, 15}, found


def test_a_finer_setting_not_offered_denies_the_setting_not_the_control(extractor):
    found = found_on(extractor, "Retention follows the plan. Per-project retention settings are not supported.")
    assert ("data-retention-deletion", "denied") not in found, found
    # a control itself not offered stays denied
    assert ("encryption-at-rest", "denied") in found_on(extractor, "Encryption at rest is not supported.")


def test_data_not_moved_outside_a_place_affirms_the_place(extractor):
    found = found_on(extractor, "Acme doesn't move or replicate customer data outside of the chosen geography.")
    assert ("data-residency", "affirmed") in found, found
    # the law naming the boundary is not denied ("outside its HIPAA-compliant storage")
    found = found_on(extractor, "Acme does not store this data outside its HIPAA-compliant storage.")
    assert ("hipaa", "denied") not in found, found
    assert ("hipaa", "denied") in found_on(extractor, "Acme is not HIPAA compliant outside the United States.")


def test_regions_called_geographies(extractor):
    found = found_on(extractor, "Acme is available in the following geographies: Canada, India and Brazil.")
    assert {("hosting:CA", "affirmed"), ("hosting:IN", "affirmed"), ("hosting:BR", "affirmed")} <= found, found
    for line in ("Projects are geo-specific and are not shared between geos.",
                 "All data and accounts are completely separated between the two regions.",
                 "Backups are maintained within the chosen geography.",
                 "Acme hosts your instance in a geographic region that you specify."):
        assert ("data-residency", "affirmed") in found_on(extractor, line), line
    assert ("data-residency", "denied") in found_on(extractor, "Usage data is shared between regions for billing.")


def test_a_double_space_typed_in_prose_is_no_column(extractor):
    found = found_on(extractor, "With SOC 2  Type II compliance, Acme keeps customer data safe.")
    assert ("soc2-type2", "affirmed") in found, found
    assert "soc2-type1" not in {item for item, _ in found}, found


def test_customer_data_in_a_duty_is_whose_data_not_who_must(extractor):
    found = found_on(extractor, "All employees with access to customer data must pass a background check.")
    assert ("background-checks", "affirmed") in found, found
    assert "mfa" not in {item for item, _ in found_on(extractor, "Customers must enable MFA for their accounts.")}


def test_a_kind_of_plan_is_no_plan_to(extractor):
    found = found_on(extractor, "Acme uses security response plans to limit data leakage.")
    assert ("incident-response", "affirmed") in found, found
    found = found_on(extractor, "Acme keeps incident response runbooks and plans to add a bug bounty next year.")
    assert ("vulnerability-management", "affirmed?") in found, found   # "?": hedged


@pytest.mark.parametrize("line, control", [
    ("Acme participates in the vendor's public bounty program.", "vulnerability-management"),
    ("Deleted workspaces can be recovered for up to 30 days after deletion.", "data-retention-deletion"),
    ("- EU Model Clauses", "international-transfers"),
    ("Admins grant or restrict permissions on user groups.", "access-control-rbac"),
    ("Access requests and approvals are tracked in a separate system.", "access-reviews"),
])
def test_more_wordings_of_known_controls(extractor, line, control):
    assert (control, "affirmed") in found_on(extractor, line), found_on(extractor, line)


def test_an_owner_told_of_data_potentially_disclosed_is_a_firm_promise(extractor):
    found = found_on(extractor, "Acme notifies the account owners if their data is potentially disclosed.")
    assert ("breach-notification", "affirmed") in found, found


def test_a_sentence_ends_at_the_arabic_semicolon_too():
    from auditor.documents.sentences import SENTENCE_END, split_units

    assert split_units("نحفظ البيانات مشفرة؛ ولا نشاركها") == [(0, 20), (21, 32)]
    lexicon = claimskit.build_extractor().lexicon.language
    assert SENTENCE_END in lexicon.clause_breaks.en and SENTENCE_END in lexicon.sentence_breaks.ar


def test_a_line_announcing_its_topic_states_nothing(extractor):
    text = "> Regarding data redundancy and failover:\n> * Data is replicated to a second region.\n"
    found = items(read(extractor, text, ".md"))
    assert not {item for item, line, _ in found if line == 1}, found
    assert ("disaster-recovery", 2, "affirmed") in found, found
    # a sentence opening on the topic still states what follows it
    assert ("backup", "affirmed") in found_on(extractor, "Regarding backups, Acme keeps daily backups for 30 days.")


def test_the_customers_own_penetration_testing_is_not_the_vendors(extractor):
    found = found_on(extractor, "If during your penetration testing you find a flaw, report it to us within 24 hours.")
    assert "penetration-testing" not in {item for item, _ in found}, found
    assert ("penetration-testing", "affirmed") in found_on(extractor, "Acme runs annual penetration tests.")


def test_a_paragraph_with_double_spaces_is_no_table_row(extractor):
    line = ("With SOC 2  Type II compliance, Acme ensures data security. Adherence to SOC 2  Type II standards "
            "mirrors the data protection measures in place, from encryption to access controls.")
    assert ("soc2-type2", "affirmed") in found_on(extractor, line)
    assert ("disaster-recovery", "affirmed") in found_on(extractor, "Storage geo-replicates customer data between two regions.")


def test_a_no_that_says_a_thing_is_not_needed_denies_nothing(extractor):
    text = ("### Does Acme have a DPA to sign?\n\nNo. This is not necessary as Acme's online Terms include everything "
            "a DPA requires.\n\n### Do you sign BAAs?\n\nNo. We do not sign BAAs.\n")
    found = items(read(extractor, text, ".md"))
    assert ("data-processing-agreement", 3, "denied") not in found, found
    assert ("hipaa-baa", 7, "denied") in found, found


def test_a_need_clause_ends_at_its_main_verb(extractor):
    found = found_on(extractor, "Teams that need round-the-clock coverage can subscribe to our 24/7 Premium Support plan.")
    assert ("support-hours", "affirmed") in found, found
    found = found_on(extractor, "Customers that need HIPAA compliance can sign our BAA.")
    assert ("hipaa-baa", "affirmed") in found and "hipaa" not in {item for item, _ in found}, found


def test_what_the_vendor_does_not_keep_or_own_protects_the_customer(extractor):
    found = found_on(extractor, "Acme does not store any customer data in terms of payloads or tokens.")
    assert ("privacy-by-design", "affirmed") in found, found
    assert ("data-ownership", "affirmed") in found_on(extractor, "Acme does not own any model or data you upload.")
    assert "data-ownership" not in {i for i, _ in found_on(extractor, "Acme owns the models it trains itself.")}
    assert ("privacy-by-design", "affirmed") in found_on(extractor, "Acme never inspects the payloads it relays.")
    assert "privacy-by-design" not in {i for i, _ in found_on(extractor, "Acme inspects payloads for malware.")}


@pytest.mark.parametrize("line, control", [
    ("- **HTTPS:** Secure communication with our servers using TLS.", "encryption-in-transit"),
    ("- **Updates:** Regular system and application updates to maintain security.", "patch-management"),
    ("- **Isolation:** Separate customer data with isolation and access permissions.", "tenant-isolation"),
    ("- Server access restricted to senior management.", "privileged-access"),
    ("We make sure of this by giving our team regular security training.", "security-awareness-training"),
    ("We are storing logs for 30 days.", "data-retention-deletion"),
    ("Acme also runs malware scans over uploaded repositories.", "malware-protection"),
    ("Any sensitive data is encrypted using a 256-bit cipher prior to being persisted in the storage backend.",
     "encryption-at-rest"),
    ("To handle regional failures, Acme keeps backups across cloud providers ready to take over.", "disaster-recovery"),
    ("Enterprise plans can restrict traffic to a specific region, such as EU-only.", "data-residency"),
])
def test_noun_phrases_and_the_vendors_own_make_sure_are_claims(extractor, line, control):
    assert (control, "affirmed") in found_on(extractor, line), found_on(extractor, line)


def test_imperatives_stay_advice(extractor):
    for line in ("- Secure your account with a strong password.", "Make sure you enable MFA."):
        assert not found_on(extractor, line), (line, found_on(extractor, line))


def test_a_bold_item_over_nested_items_is_a_heading(extractor):
    text = ("- **Access Control**\n  - **RBAC:** Roles limit access to what each job needs.\n"
            "  - Access logs are reviewed regularly.\n\n- **Backups are encrypted**\n")
    found = items(read(extractor, text, ".md"))
    assert not {item for item, line, _ in found if line == 1}, found
    assert ("access-control-rbac", 2, "affirmed") in found, found
    # a bold item with nothing nested under it is a statement
    assert ("encryption-at-rest", 5, "affirmed") in found, found


def test_an_eu_only_team_is_no_residency(extractor):
    assert "data-residency" not in {i for i, _ in found_on(extractor, "Our EU-only support team answers in German.")}

