"""How the extractor reads English and Arabic: negation, hedging, digits, durations, ranges,
severities, SLA layouts, places, attestation spellings, contract terms, prices.

Each test feeds a few sentences written the way vendor documents write them and checks what
comes out, item by item, with the line it was read from.
"""

from __future__ import annotations

import pytest

from auditor.claims.reading import document_from_text


@pytest.fixture(scope="module")
def extractor():
    from auditor.catalog.loader import load_catalog
    from auditor.claims import build_extractor

    return build_extractor(load_catalog(None).controls)


@pytest.fixture
def read(extractor):
    def run(text: str):
        return extractor.extract([document_from_text(text)])
    return run


def claims_of(extraction) -> dict[str, tuple[str, bool]]:
    """control -> (polarity, hedged) as the line-level claims say (denied wins)."""
    out: dict[str, tuple[str, bool]] = {}
    for c in extraction.claims:
        if c.control not in out or c.polarity.value == "denied":
            out[c.control] = (c.polarity.value, c.hedged)
    return out


# ---- negation ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, control", [
    ("We do not sign BAAs.", "hipaa-baa"),
    ("We don't sign Business Associate Agreements with customers.", "hipaa-baa"),
    ("Multi-factor authentication is not supported.", "mfa"),
    ("Two-factor authentication: not available", "mfa"),
    ("Customer data is never encrypted at rest.", "encryption-at-rest"),
    ("لا ندعم المصادقة الثنائية.", "mfa"),
    ("لا نوقّع اتفاقيات شريك الأعمال (BAA).", "hipaa-baa"),
    ("المصادقة الثنائية غير مدعومة حاليًا.", "mfa"),
    ("ولا يتم تشفير البيانات المخزنة على خوادمنا.", "encryption-at-rest"),
    ("ليس لدينا خطة للتعافي من الكوارث.", "disaster-recovery"),
    ("Fees are non-refundable.", "refund-policy"),
])
def test_a_negated_statement_is_denied_in_both_languages(read, text, control):
    assert claims_of(read(text))[control][0] == "denied"


@pytest.mark.parametrize("text, control", [
    ("We sign BAAs with healthcare customers.", "hipaa-baa"),
    ("Zoho CRM supports two-factor authentication for every account.", "mfa"),
    ("يدعم النظام المصادقة الثنائية لجميع المستخدمين.", "mfa"),
    ("We do not only encrypt data at rest with AES-256, we also rotate the keys yearly.", "encryption-at-rest"),
    ("لا سيما أن جميع البيانات المخزنة مشفرة باستخدام AES-256.", "encryption-at-rest"),
    ("We do not sell customer data, and we encrypt everything at rest with AES-256.", "encryption-at-rest"),
    ("If your plan does not include it, backups are still taken daily.", "backup"),
    ("There are no hidden fees: our pricing is published at $12 per user per month.", "pricing-transparency"),
])
def test_negation_belongs_to_its_clause(read, text, control):
    assert claims_of(read(text))[control][0] == "affirmed"


def test_a_line_that_denies_and_affirms_the_same_item_reads_as_denied(read):
    text = "MFA is available in the dashboard, but MFA is not supported for API keys."
    assert claims_of(read(text))["mfa"][0] == "denied"


def test_a_phrase_for_the_opposite_of_a_control_denies_it_and_its_negation_affirms_it(read):
    assert claims_of(read("Cliently reserves the right to modify these terms."))["terms-change-notice"][0] == "denied"
    assert claims_of(read("There are no hidden fees."))["pricing-transparency"][0] == "affirmed"
    assert claims_of(read("لا توجد رسوم خفية."))["pricing-transparency"][0] == "affirmed"


# ---- hedging ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, control", [
    ("We may offer live training sessions to new customers.", "training-onboarding"),
    ("SOC 2 Type II audit in progress; we plan to encrypt backups at rest with AES-256.", "encryption-at-rest"),
    ("We are working towards a certified information security management system.", "isms-governance"),
    ("Penetration tests are likely performed annually.", "penetration-testing"),
    ("قد يقدم المورد جلسات تدريبية حية.", "training-onboarding"),
    ("من المحتمل أن يقدم Cliently مواد تدريبية.", "training-onboarding"),
    ("نعمل على إضافة المصادقة الثنائية خلال الربع القادم.", "mfa"),
    ("عادةً ما يتم تشفير البيانات المخزنة باستخدام AES-256.", "encryption-at-rest"),
])
def test_hedged_statements_are_marked_hedged(read, text, control):
    polarity, hedged = claims_of(read(text))[control]
    assert polarity == "affirmed" and hedged


def test_a_hedge_in_another_sentence_does_not_hedge(read):
    text = "All data is encrypted at rest with AES-256. We may add customer-managed keys later."
    assert claims_of(read(text))["encryption-at-rest"] == ("affirmed", False)


def test_a_hedged_negation_is_denied_and_hedged(read):
    assert claims_of(read("We may not offer phone support to every plan; MFA is not available yet."))["mfa"][0] == "denied"


# ---- attestations and regulations -------------------------------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("We are SOC 2 Type II certified.", "soc2-type2"),
    ("Our SOC 2 Type 2 report is available on request.", "soc2-type2"),
    ("Supabase is SOC2 - Type 2 compliant.", "soc2-type2"),
    ("We completed a SOC 2 Type I audit.", "soc2-type1"),
    ("Certified to ISO/IEC 27001:2022.", "iso27001"),
    ("يمتثل المنتج لمعيار ISO 27017 ومعيار ISO 27018.", "iso27017"),
    ("We hold a CSA STAR Level 2 certification.", "csa-star"),
    ("We are a PCI DSS Level 1 service provider.", "pci-dss-aoc"),
])
def test_attestation_names_and_their_spellings(read, text, kind):
    assert kind in {a.type.value for a in read(text).attestations}


def test_type_one_is_not_read_as_type_two(read):
    assert {a.type.value for a in read("We completed a SOC 2 Type I audit.").attestations} == {"soc2-type1"}


def test_a_standard_described_is_not_a_claim(read):
    found = read("ISO 27001 is an international standard for information security.\n"
                 "Customers who have GDPR obligations should read our guide.")
    assert not found.attestations and not found.regulations


def test_regulations_in_both_languages_including_a_clinging_arabic_conjunction(read):
    found = read("يلتزم المورد باللوائح مثل GDPR وCCPA.\nWe are HIPAA compliant.\nWe are not PCI DSS compliant.")
    got = {(r.id.value, r.polarity.value) for r in found.regulations}
    assert {("gdpr", "affirmed"), ("ccpa", "affirmed"), ("hipaa", "affirmed"), ("pci-dss", "denied")} <= got


def test_a_customer_duty_is_not_a_vendor_claim(read):
    found = read("Customers must comply with HIPAA when they store PHI.")
    assert not found.regulations


# ---- durations, ranges, digits -------------------------------------------------------------------

@pytest.fixture(scope="module")
def durations(extractor):
    return extractor.durations


@pytest.mark.parametrize("text, iso, business", [
    ("within 1 business day", "P1D", True),
    ("خلال يوم عمل واحد", "P1D", True),
    ("خلال ١٢ ساعة", "PT12H", False),
    ("خلال ۱۲ ساعت", None, False),
    ("1-3 ساعات", "PT3H", False),
    ("١–٣ ساعات", "PT3H", False),
    ("16-24 ساعة", "PT24H", False),
    ("2-3 أيام", "P3D", False),
    ("4 business hours", "PT4H", True),
    ("4-8 ساعات عمل", "PT8H", True),
    ("between 2 and 4 hours", "PT4H", False),
    ("ساعتين", "PT2H", False),
    ("within an hour", "PT1H", False),
    ("مدته ساعة", "PT1H", False),
    ("15-minute response", "PT15M", False),
    ("خمسة عشر يومًا", "P15D", False),
    ("خمسة أيام عمل", "P5D", True),
    ("1.5 hours", "PT1.5H", False),
])
def test_durations_and_ranges_commit_to_the_worst_end(durations, text, iso, business):
    from auditor.claims.normalise import normalise

    hits = durations.find(normalise(text))
    if iso is None:
        assert not hits
        return
    assert [(h.iso, h.business) for h in hits] == [(iso, business)]


@pytest.mark.parametrize("text, coverage", [
    ("24x7", "24x7"), ("24/7", "24x7"), ("٨×٥", "8x5"), ("8x5 effort", "8x5"), ("24x5", "24x5"),
    ("around the clock", "24x7"), ("على مدار الساعة طوال أيام الأسبوع", "24x7"),
    ("على مدار ٢٤ ساعة طوال أيام الأسبوع", "24x7"), ("على مدار الساعة 5 أيام في الأسبوع", "24x5"),
    ("على مدار ٢٤ ساعة في اليوم لمدة ٦ أيام في الأسبوع", "24x6"), ("24 hours a day, 5 days a week", "24x5"),
])
def test_coverage_in_both_languages(durations, text, coverage):
    from auditor.claims.normalise import normalise

    assert durations.coverage(normalise(text)) == coverage


def test_an_availability_is_not_a_deadline(durations):
    from auditor.claims.normalise import normalise

    assert durations.find(normalise("monitored 24 hours a day, 6 days a week")) == []
    assert durations.find(normalise("على مدار ٢٤ ساعة في اليوم")) == []


def test_arabic_indic_and_persian_digits_are_plain_digits():
    from auditor.claims.normalise import normalise

    assert normalise("خلال ١٢ ساعة و۳ أيام") == "خلال 12 ساعه و3 ايام".replace("و3", "و 3")


# ---- SLA layouts -----------------------------------------------------------------------------------

def sla_of(extraction) -> dict[str, tuple]:
    return {s.severity.value: (s.response, s.resolution, s.coverage, s.business_time) for s in extraction.sla}


def test_sla_as_a_pipe_table_with_numbered_severities_and_ranges(read):
    text = ("الحدة | الإقرار (وقت الاستجابة الأولي) | تحديد المشكلة |\n---|---|---|\n"
            "1 | 1-3 ساعات | 2-8 ساعات |\n2 | 6-12 ساعة | 24-48 ساعة |\n3 | 16-24 ساعة | 2-3 أيام |\n"
            "- يشمل الوقت المذكور أيام العمل في الأسبوع فقط.")
    assert sla_of(read(text)) == {"critical": ("PT3H", None, None, True), "high": ("PT12H", None, None, True),
                                  "medium": ("PT24H", None, None, True)}


def test_sla_as_an_english_markdown_table_with_resolution(read):
    text = ("| Priority | First response | Resolution |\n|---|---|---|\n| P1 - Critical | 30 minutes | 4 hours |\n"
            "| P2 | 2 business hours | 2 business days |\n| Sev 3 | 1 business day | 5 business days |\n"
            "| Low | 2 business days | best effort |")
    assert sla_of(read(text)) == {"critical": ("PT30M", "PT4H", None, False), "high": ("PT2H", "P2D", None, True),
                                  "medium": ("P1D", "P5D", None, True), "low": ("P2D", None, None, True)}


def test_sla_as_a_list_under_severity_headings(read):
    text = "\n".join([
        "Support SLA", "Severity", "Response", "",
        "Critical", "Business stops.", "- Acknowledged within 1 hour.", "- 24x7 effort until resolved.",
        "High", "Major function down.", "- Response within 4 hours.", "- 8x5 effort to resolution.",
        "عالٍ" if False else "Low", "- Response within 2 business days."])
    assert sla_of(read(text)) == {"critical": ("PT1H", None, "24x7", False), "high": ("PT4H", None, "8x5", True),
                                  "low": ("P2D", None, None, True)}


def test_sla_as_inline_arabic_list_items(read):
    text = ("- حرج: الاستجابة خلال ساعتين، والحل خلال ١٢ ساعة، على مدار الساعة طوال أيام الأسبوع.\n"
            "- متوسط: الاستجابة خلال يوم عمل واحد.")
    assert sla_of(read(text)) == {"critical": ("PT2H", "PT12H", "24x7", False), "medium": ("P1D", None, None, True)}


@pytest.mark.parametrize("word, level", [
    ("P1", "critical"), ("Sev 1", "critical"), ("Severity 2", "high"), ("حرِج", "critical"), ("عاجل", "critical"),
    ("عالٍ", "high"), ("متوسط", "medium"), ("منخفض", "low"), ("urgent", "critical"), ("normal", "medium"),
    ("P4", "low"), ("minor", "low"),
])
def test_severity_names_map_to_the_four_levels(read, word, level):
    assert set(sla_of(read(f"{word}: response within 2 hours"))) == {level}


# ---- support hours and channels ----------------------------------------------------------------------

def test_support_hours_listed_day_by_day_in_arabic(read):
    text = "ساعات الدعم العام\nتقدم الشركة ساعات دعم في جميع المناطق الزمنية كما يلي:\n" + "\n".join(
        f"  • {day}: ٨ ص – ٥ م" for day in ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"))
    hours = read(text).support_hours[0]
    assert (hours.days, hours.start, hours.end, hours.timezone) == ([1, 2, 3, 4, 5], "08:00", "17:00", "local")


def test_support_hours_as_a_range_in_english(read):
    hours = read("Support hours: Monday to Friday, 9:00-18:00 CET.").support_hours[0]
    assert (hours.days, hours.start, hours.end, hours.timezone) == ([1, 2, 3, 4, 5], "09:00", "18:00", "CET")


def test_channels_with_the_tiers_of_a_feature_table(read):
    text = ("الخدمات المقدَّمة | المعتمدة | المتطورة | المميزة |\n---|---|---|---|\n"
            "ساعات الدعم | على مدار الساعة 5 أيام في الأسبوع | على مدار الساعة 5 أيام في الأسبوع | على مدار الساعة 5 أيام في الأسبوع |\n"
            "الدعم عبر الدردشة | لا | نعم | نعم |\nالدعم عبر الهاتف | لا | نعم | نعم |\n"
            "الدعم عبر البريد الإلكتروني | نعم | نعم | نعم |")
    found = read(text)
    tiers = {c.type: c.tiers for c in found.channels}
    assert tiers == {"chat": ["المتطورة", "المميزة"], "phone": ["المتطورة", "المميزة"],
                     "email": ["المعتمدة", "المتطورة", "المميزة"]}
    assert (found.support_hours[0].days, found.support_hours[0].end) == ([1, 2, 3, 4, 5], "24:00")


def test_a_channel_that_is_not_offered_is_left_out(read):
    found = read("Support is available by email and chat. We do not offer phone support.")
    assert {c.type for c in found.channels} == {"email", "chat"}


# ---- places -----------------------------------------------------------------------------------------

def test_places_with_roles_in_both_languages(read):
    found = read("Northwind is headquartered in Dublin, Ireland.\n"
                 "Customer data is hosted in AWS data centers in Frankfurt, and backups are replicated to the Netherlands.\n"
                 "تُستضاف البيانات في مراكز بيانات داخل المملكة العربية السعودية.\n"
                 "يقع المقر الرئيسي في دبي.")
    got = {(loc.role.value, loc.country) for loc in found.locations}
    assert got == {("headquarters", "IE"), ("hosting", "DE"), ("hosting", "NL"), ("hosting", "SA"),
                   ("headquarters", "AE")}
    assert {(s.name, s.country) for s in found.subprocessors} == {("Amazon Web Services", "DE")}


def test_places_without_a_role_or_denied_are_not_locations(read):
    found = read("Escalation contacts: Australia, India, Middle East and Africa, North America.\n"
                 "We do not host any data in China.\nTransfers from the United Kingdom use SCCs.")
    assert found.locations == []


# ---- contract terms and prices ------------------------------------------------------------------------

def terms_of(extraction) -> dict[str, tuple]:
    return {t.name: (t.fact.value, t.fact.period, t.fact.hedged) for t in extraction.contract}


def test_contract_terms_in_arabic(read):
    text = ("قد تكون الخدمات خاضعة للتجديد التلقائي.\nيمكن للعملاء إلغاء اشتراكاتهم في أي وقت.\n"
            "لا رد للأموال عند الإلغاء.\nبعد الإلغاء، قد يفقد العملاء الوصول إلى بياناتهم. يُوصى بتصدير البيانات قبل إلغاء الاشتراك.\n"
            "يحتفظ المورد بالحق في تعديل شروط الخدمة.")
    terms = terms_of(read(text))
    assert terms["auto_renewal"] == (True, None, True)
    assert terms["cancel_anytime"][0] is True and terms["refunds"][0] is False
    assert terms["deletion_at_termination"][:1] == (True,) and terms["export_at_termination"][0] is False
    assert terms["unilateral_changes"][0] is True


def test_contract_terms_in_english_with_periods(read):
    terms = terms_of(read("After termination you can export your data for 30 days.\n"
                          "Refunds are available within 14 days of purchase."))
    assert terms["export_at_termination"] == (True, "P30D", False)
    assert terms["refunds"] == (True, "P14D", False)


def test_prices_with_ranges_currency_period_and_unit(read):
    prices = read("تبدأ الأسعار من 14 دولارًا لكل مستخدم في الشهر ويمكن أن تصل إلى 52 دولارًا لكل مستخدم في الشهر.\n"
                  "Setup fee: a one-time fee of €500.").prices
    assert [(p.amount, p.amount_max, p.currency, p.period, p.unit) for p in prices] == [
        (14.0, 52.0, "USD", "month", "user"), (500.0, None, "EUR", "one-off", None)]


def test_attributes_are_captured(read):
    found = read("Data at rest is encrypted with AES-256; data in transit uses TLS 1.3.")
    attrs = {c.control: c.attributes for c in found.claims}
    assert attrs["encryption-at-rest"]["algorithm"] == "AES-256"
    assert attrs["encryption-in-transit"]["protocol"] == "TLS 1.3"


def test_attestation_dates_and_scope_where_stated(read):
    found = read("Our ISO/IEC 27001:2022 certificate was issued on 1 March 2025 and is valid until 28 February 2028; "
                 "scope: the Northwind analytics platform.\n"
                 "حصلنا على شهادة ISO 27001 بتاريخ 15 مارس 2024، وهي صالحة حتى مارس 2027.\n"
                 "SOC 2 Type 2 report for the period from 2024-03-01 to 2025-02-28.").attestations
    got = [(a.type.value, str(a.issued), str(a.expires), a.scope) for a in found]
    assert got == [("iso27001", "2025-03-01", "2028-02-28", "the Northwind analytics platform"),
                   ("iso27001", "2024-03-15", "2027-03-31", None),
                   ("soc2-type2", "2024-03-01", "2025-02-28", None)]


def test_several_severities_on_one_line_each_keep_their_time(read):
    text = ("Priority 1 incidents: 15-minute response, 24x7. Priority 2: 1 hour. Priority 3: 8 business hours. "
            "Priority 4: 2 business days.")
    assert sla_of(read(text)) == {"critical": ("PT15M", None, "24x7", False), "high": ("PT1H", None, None, False),
                                  "medium": ("PT8H", None, None, True), "low": ("P2D", None, None, True)}


def test_an_arabic_exceptive_negation_is_a_restriction_not_a_denial(read):
    found = claims_of(read("لا يُسمح للموظفين بالوصول إلى بيانات العملاء إلا بموافقة مسبقة."))
    assert found["access-control-rbac"][0] == "affirmed"


def test_an_arabic_exceptive_negation_still_negates_a_phrase_for_the_opposite(read):
    # "not transferred outside it except under standard contractual clauses" restricts transfers
    # out of the EU: the (?#deny) phrase "transferred outside" is negated, so residency is affirmed
    found = claims_of(read("تُخزن البيانات في الاتحاد الأوروبي ولا تُنقل إلى خارجه إلا بموجب البنود التعاقدية القياسية."))
    assert found["data-residency"][0] == "affirmed"


def test_a_coverage_after_a_severity_in_its_sentence_is_that_severitys(read):
    text = ("Standard Support is provided 08:00 to 18:00 GMT, Monday to Friday. "
            "Severity 1 incidents are supported 24 hours a day, 7 days a week.")
    assert sla_of(read(text))["critical"][2] == "24x7"


def test_a_denied_channel_does_not_deny_the_other_channels(read):
    found = read("يمكن التواصل مع الدعم عبر البوابة الإلكترونية أو البريد الإلكتروني، ولا يتوفر الدعم الهاتفي.")
    assert claims_of(found)["support-channels"][0] == "affirmed"
    assert {c.type for c in found.channels} == {"portal", "email"}


def test_a_question_states_nothing_and_its_answer_does(read):
    found = read("Do you comply with HIPAA?\nNo. We are not designed for protected health information.\n\n"
                 "Do you encrypt data at rest?\n\nYes, with AES-256.\n"
                 "هل تدعمون المصادقة الثنائية؟\nلا، ليس حاليًا.")
    regs = {(r.id.value, r.polarity.value, r.citation.line) for r in found.regulations}
    assert regs == {("hipaa", "denied", 2)}
    claims = {(c.control, c.polarity.value, c.citation.line) for c in found.claims}
    assert ("encryption-at-rest", "affirmed", 6) in claims and ("mfa", "denied", 8) in claims
    assert not any(c.citation.line in (1, 4, 7) for c in found.claims)


def test_support_found_in_a_table_states_its_controls(read):
    found = read("Plan | Price | Support\n---|---|---\nStarter | $19 per user per month | Email, next business day")
    assert {"support-sla", "support-channels"} <= {c.control for c in found.claims}
    assert [c.type for c in found.channels] == ["email"]


def test_a_status_cell_speaks_of_the_item_in_its_row(read):
    found = read("Framework | Status\nHIPAA | Not supported\nSOC 2 Type 2 | Planned\nالتشفير أثناء التخزين | غير متاح")
    assert {(r.id.value, r.polarity.value) for r in found.regulations} == {("hipaa", "denied")}
    assert [(a.type.value, a.hedged) for a in found.attestations] == [("soc2-type2", True)]
    assert claims_of(found)["encryption-at-rest"][0] == "denied"


def test_a_status_cell_does_not_deny_when_another_tier_says_yes(read):
    found = read("Feature | Basic | Enterprise\nEncryption at rest | No | Yes")
    assert claims_of(found)["encryption-at-rest"][0] == "affirmed"


def test_an_arabic_severity_after_its_noun_owns_the_coverage_of_its_sentence(read):
    text = "فريق الدعم متاح من الأحد إلى الخميس. الحوادث الحرجة تُعالج على مدار الساعة طوال أيام الأسبوع."
    assert sla_of(read(text))["critical"][2] == "24x7"


def test_a_questionnaire_row_answers_its_own_question(read):
    found = read("Question | Answer | Notes\n"
                 "Do you encrypt customer data at rest? | Yes | AES-256 on all databases.\n"
                 "Do you sign HIPAA Business Associate Agreements? | No |\n"
                 "Do you hold an ISO 27001 certificate? | No | We plan to begin certification in 2026.\n"
                 "Are backups tested for restoration? | Yes | Quarterly restore tests.\n"
                 "Where is customer data stored? | AWS us-east-1 (Virginia, USA) | Not replicated outside the US.\n"
                 "Do you use sub-processors? | Yes | Customers are notified 30 days before changes.")
    claims = {(c.control, c.polarity.value, c.citation.line) for c in found.claims}
    assert {("encryption-at-rest", "affirmed", 2), ("hipaa-baa", "denied", 3), ("backup", "affirmed", 5),
            ("data-residency", "affirmed", 6), ("subprocessor-management", "affirmed", 7)} <= claims
    # the BAA question is not a question about HIPAA; no certificate does not deny an ISMS
    assert not found.regulations
    assert not any(c.control == "isms-governance" for c in found.claims)
    assert [(a.type.value, a.polarity.value) for a in found.attestations] == [("iso27001", "denied")]
    assert [(loc.role.value, loc.country) for loc in found.locations] == [("hosting", "US")]
    # a questionnaire row is not a table header: "restoration" heads no column, so "30 days" is no SLA
    assert not found.sla and not any(c.control == "support-sla" for c in found.claims)


def test_a_place_in_a_question_is_not_a_location(read):
    assert not read("Do you host customer data in Germany?\nWe are evaluating it.").locations
