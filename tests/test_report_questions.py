"""Questions to the vendor: every generated question, in English and Arabic, reads as a sentence a
reviewer can send as it is (no ids, no "a audit", no doubled words), and follows the vendor's language."""

from __future__ import annotations

import itertools
import json
import re

import pytest

from auditor.catalog.loader import load_catalog
from auditor.model.enums import AttestationType, EvidenceKind, SupportSeverity
from auditor.questions import (
    ATTESTATION_SITUATIONS,
    FACT_SITUATIONS,
    SITUATIONS,
    attestation_question,
    fact_question,
    known_controls,
    question_for,
    sla_question,
    vendor_language,
)

CATALOG = load_catalog()
KIND_IDS = {k.value for k in EvidenceKind if "-" in k.value}
ATTESTATION_IDS = {a.value for a in AttestationType}
_ARABIC = re.compile("[\u0600-\u06ff]")


def grammar_problems(text: str, language: str) -> list[str]:
    """What would make a reviewer edit the sentence before sending it."""
    problems = []
    words = re.findall(r"[\w'-]+", text.lower())
    for a, b in zip(words, words[1:]):
        if a == b and not a.isdigit():
            problems.append(f"doubled word {a!r}")
    if not text.rstrip().endswith((".", "?", "؟")):
        problems.append("does not end with a full stop or a question mark")
    if "  " in text or " ," in text or " ." in text or ",," in text or "،،" in text:
        problems.append("stray spacing or punctuation")
    if "{" in text or "}" in text:
        problems.append("a template placeholder left in")
    raw = set(re.findall(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b", text))
    ids = raw & (set(CATALOG.controls) | KIND_IDS | ATTESTATION_IDS)
    if ids:
        problems.append(f"raw ids {sorted(ids)}")
    if language == "en":
        for article, word in re.findall(r"\b(a|an) (\w+)", text, flags=re.I):
            vowel = word[0].lower() in "aeiou" and not word.lower().startswith(("uni", "use", "one"))
            if article.lower() == "a" and vowel and not word.isupper():
                problems.append(f"'a {word}'")
            if article.lower() == "an" and not vowel and not word.isupper():
                problems.append(f"'an {word}'")
        if _ARABIC.search(text):
            problems.append("Arabic in an English question")
        if not text[0].isupper():
            problems.append("does not start with a capital letter")
    else:
        letters = [c for c in text if c.isalpha()]
        arabic = sum(1 for c in letters if _ARABIC.match(c))
        if arabic < 0.7 * len(letters):
            problems.append("mostly not Arabic")
        if re.search(r"\b(?:please|send|your|the|showing)\b", text, re.I):
            problems.append("English words left in")
    return problems


def every_question():
    for control in CATALOG.controls.values():
        kinds = [e.kind for e in control.evidence]
        for language, situation in itertools.product(("en", "ar"), SITUATIONS):
            yield control.id, language, question_for(control, None, language, situation=situation)
            for kind in kinds:  # each kind alone, as the follow-up export asks for what is missing
                yield control.id, language, question_for(control, [kind], language, situation=situation)
        for kind, language in itertools.product(EvidenceKind, ("en", "ar")):
            yield control.id, language, question_for(control.id, [kind], language)
    for kind, language, hedged in itertools.product(AttestationType, ("en", "ar"), (False, True)):
        yield kind.value, language, attestation_question(kind, language, hedged=hedged)
    for kind, language, situation in itertools.product(AttestationType, ("en", "ar"), ATTESTATION_SITUATIONS):
        yield kind.value, language, attestation_question(kind, language, situation=situation)
    for situation, language in itertools.product(FACT_SITUATIONS, ("en", "ar")):  # what a document says
        yield situation, language, fact_question(situation, language, name="Stripe, Inc.",
                                                 control="QA-8.1")
    for severity, language, business, duration, coverage in itertools.product(
            SupportSeverity, ("en", "ar"), (False, True), ("PT1H", "PT4H", "P1D", "P2D", "P3D", "P30D"),
            (None, "24x7")):
        yield severity.value, language, sla_question(severity, duration, language, business=business,
                                                     coverage=coverage)


def test_every_generated_question_is_grammatical_in_both_languages():
    bad = []
    count = 0
    for where, language, text in every_question():
        count += 1
        problems = grammar_problems(text, language)
        if problems:
            bad.append(f"{where} [{language}] {text!r}: {problems}")
    assert count > 5000
    assert not bad, "\n".join(bad[:20])


def test_every_control_has_wording_in_both_languages():
    missing = [c for c in CATALOG.controls if c not in known_controls()]
    assert not missing, f"controls without a topic and 'shows' in questions.yaml: {missing}"


def test_the_backup_question_reads_as_the_issue_asks():
    backup = CATALOG.controls["backup"]
    assert question_for(backup, ["audit-report", "policy"], "en") == (
        "Please send your current SOC 2 Type II report, or your backup policy, "
        "showing how backups are taken and tested.")
    arabic = question_for(backup, ["audit-report", "policy"], "ar")
    assert "النسخ الاحتياطي" in arabic and "SOC 2" in arabic and arabic.endswith(".")


def test_the_grammar_check_catches_what_the_old_questions_did():
    old = "Please send a audit-report or policy or other that shows backup."
    problems = grammar_problems(old, "en")
    assert any("raw ids" in p for p in problems) and any("'a audit" in p for p in problems)
    assert grammar_problems("Please send send it.", "en")
    assert grammar_problems("يرجى إرسال your policy.", "ar")


def test_sla_questions_give_durations_in_words():
    assert sla_question("critical", "PT1H", "en") == \
        "Can you commit in the contract to responding to critical issues within 1 hour?"
    assert "4 business hours" in sla_question("high", "PT4H", "en", business=True)
    assert "يوم عمل واحد" in sla_question("medium", "P1D", "ar", business=True)
    assert "يومي عمل" in sla_question("low", "P2D", "ar", business=True)  # the dual after "خلال"


def _audit(cli, vendor, *extra):
    result = cli("audit", vendor, "--format", "json", "--no-record", *extra)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture
def samples(sample_workspace):
    from conftest import Cli

    return Cli(sample_workspace)


def test_findings_ask_an_arabic_vendor_in_arabic_and_language_chooses(samples):
    from auditor.workspace import Workspace

    from auditor.assess.run import load_vendor

    ws = Workspace.resolve(samples.workspace)
    vendor = load_vendor(ws.dossier_dir("zoho-crm"))
    assert vendor_language(vendor) == "ar"  # the sample's documents are Arabic
    default = _audit(samples, "zoho-crm")
    questions = [f["question"] for f in default["findings"] if f["question"]]
    assert questions and all(not grammar_problems(q, "ar") for q in questions), questions[:3]
    english = _audit(samples, "zoho-crm", "--language", "en")
    questions = [f["question"] for f in english["findings"] if f["question"]]
    assert questions and all(not grammar_problems(q, "en") for q in questions), \
        [q for q in questions if grammar_problems(q, "en")][:3]


def test_findings_of_every_sample_vendor_ask_grammatical_questions(samples):
    for vendor in sorted(p.name for p in (samples.workspace / "evidence").iterdir()
                         if (p / "vendor.yaml").is_file()):
        for language in ("en", "ar"):
            data = _audit(samples, vendor, "--language", language)
            for f in data["findings"]:
                if f["question"]:  # policy hard rules too: a question from the templates
                    assert not grammar_problems(f["question"], language), (vendor, f["title"], f["question"])


def test_a_workspace_control_without_wording_still_gets_a_sentence_not_an_id():
    mine = CATALOG.controls["backup"].model_copy(update={"id": "vendor-escrow-arrangement",
                                                         "title": "Source code escrow"})
    for language in ("en", "ar"):
        for situation in SITUATIONS:
            text = question_for(mine, None, language, situation=situation)
            assert "vendor-escrow-arrangement" not in text
            assert not [p for p in grammar_problems(text, language) if "raw ids" in p or "placeholder" in p], text
    assert "source code escrow" in question_for(mine, ["policy"], "en")


def test_titles_keep_their_acronyms_when_lowered():
    from auditor.questions import lower_first

    assert lower_first("Backup") == "backup"
    assert lower_first("EU representative") == "EU representative"
    assert lower_first("HIPAA business associate agreement") == "HIPAA business associate agreement"
    for control in CATALOG.controls.values():  # no title lowered into "eU …" or "hIPAA …"
        lowered = lower_first(control.title)
        assert not re.match(r"^[a-z][A-Z]", lowered), lowered
