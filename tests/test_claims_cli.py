"""`auditor claims extract` and `auditor claims text` through the real CLI."""

from __future__ import annotations

import hashlib
import json

from conftest import SEEDS, run_auditor

ZOHO_PARTNER = SEEDS / "004_e3ea271914ed96d1.txt"


def test_extract_json_has_the_contract_shape(cli):
    data = cli.json("claims", "extract", str(ZOHO_PARTNER), str(SEEDS / "001_1b8df0b9a5395975.txt"))
    assert set(data) >= {"documents", "claims", "attestations", "regulations", "locations", "sla"}
    sha = hashlib.sha256(ZOHO_PARTNER.read_bytes()).hexdigest()
    assert data["documents"][0] == {**data["documents"][0], "path": str(ZOHO_PARTNER), "sha256": sha, "language": "ar"}
    for claim in data["claims"]:
        assert set(claim) >= {"control", "polarity", "hedged", "attributes", "citation"}
        assert claim["polarity"] in ("affirmed", "denied") and isinstance(claim["hedged"], bool)
        assert set(claim["citation"]) == {"document", "line", "text"}
    for att in data["attestations"]:
        assert set(att) >= {"type", "polarity", "citation"}
    for reg in data["regulations"]:
        assert set(reg) >= {"id", "polarity", "citation"}
    sla = {s["severity"]: s for s in data["sla"] if s["citation"]["document"] == sha}
    assert set(sla) == {"critical", "high", "medium"}
    critical = sla["critical"]
    assert set(critical) >= {"severity", "response", "resolution", "business_time", "coverage", "citation"}
    assert (critical["response"], critical["resolution"]) == ("PT3H", None)
    assert critical["citation"] == {"document": sha, "line": 77, "text": "1 | 1-3 ساعات | 2-8 ساعات |"}
    zoho_crm = {a["type"] for a in data["attestations"]}
    assert {"iso27001", "iso27017", "iso27018", "soc2-type2"} <= zoho_crm


def test_extract_table_shows_every_item_with_its_citation(cli):
    result = cli("claims", "extract", str(SEEDS / "003_ebf6e348cae9f93b.txt"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    sha = hashlib.sha256((SEEDS / "003_ebf6e348cae9f93b.txt").read_bytes()).hexdigest()
    assert sha[:12] in out and f"{sha[:12]}:228" in out
    assert "response=1 hour" in out and "coverage=24x7" in out and "escalation-process" in out
    assert "PT1H" not in out  # people read durations in words (issue #20); JSON keeps ISO 8601


def test_extract_reads_a_denial(cli, tmp_path):
    doc = tmp_path / "page.md"
    doc.write_text("# Health data\n\nWe do not sign BAAs.\n", encoding="utf-8")
    data = cli.json("claims", "extract", str(doc))
    assert [(c["control"], c["polarity"], c["citation"]["line"], c["citation"]["text"]) for c in data["claims"]] == [
        ("hipaa-baa", "denied", 3, "We do not sign BAAs.")]


def test_text_prints_the_lines_citations_number(cli, tmp_path):
    doc = tmp_path / "page.html"
    doc.write_text("<html><body><h1>Security</h1>\n<p>We encrypt\ndata at rest.</p>\n\n"
                   "<table>\n<tr><td>P1</td>\n<td>1 hour</td></tr></table></body></html>", encoding="utf-8")
    result = cli("claims", "text", str(doc))
    assert result.exit_code == 0
    # the page's source lines where each extracted line starts: what a reviewer finds in the file
    # (a paragraph written over two source lines keeps them apart, and is read across them; so do the cells of
    # a table row written over two)
    assert result.stdout.splitlines() == ["1  Security", "2  We encrypt", "3  data at rest.", "6  P1", "7  1 hour"]
    cited = cli.json("claims", "extract", str(doc))
    assert {(c["control"], c["citation"]["line"]) for c in cited["claims"]} >= {("encryption-at-rest", 2)}
    data = cli.json("claims", "text", str(doc), "--format", "json")
    assert [(row["line"], row["text"]) for row in data["lines"]] == [(1, "Security"), (2, "We encrypt"),
                                                                     (3, "data at rest."), (6, "P1"), (7, "1 hour")]
    assert data["kind"] == "html" and len(data["sha256"]) == 64


def test_bad_documents_are_one_line_errors_with_exit_2(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"GIF89a\x00\x01\x02")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("caf\u00e9 is encrypted at rest\n".encode("latin-1"))
    for path, words in ((binary, "binary file"), (latin1, "not valid UTF-8"), (tmp_path / "missing.txt", "not found")):
        proc = run_auditor("claims", "extract", str(path), cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert proc.stdout == ""
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("auditor: error: ") and words in lines[0]
        assert str(path) in lines[0] and "Traceback" not in proc.stderr


def test_extract_json_through_the_console_entry_point(tmp_path):
    proc = run_auditor("claims", "extract", str(ZOHO_PARTNER), "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert any(s["severity"] == "critical" and s["response"] == "PT3H" for s in data["sla"])


def _workspace_control(workspace, control_id: str, extra_en: list[str]):
    """A workspace copy of a built-in control with extra English phrases (data only, no code)."""
    import yaml

    from conftest import REPO

    data = yaml.safe_load((REPO / "controls" / f"{control_id}.yaml").read_text(encoding="utf-8"))
    data["vocabulary"]["en"] = data["vocabulary"]["en"] + extra_en
    (workspace / "controls").mkdir(exist_ok=True)
    (workspace / "controls" / f"{control_id}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                                               encoding="utf-8")


def test_a_phrase_added_to_a_control_file_is_read_without_code(cli, workspace, tmp_path):
    doc = tmp_path / "page.txt"
    doc.write_text("Staff sign in with a passkey bound to their laptop.\n", encoding="utf-8")
    assert cli.json("claims", "extract", str(doc))["claims"] == []
    _workspace_control(workspace, "mfa", [r"\bpasskeys?\b"])
    claims = cli.json("claims", "extract", str(doc))["claims"]
    assert [(c["control"], c["polarity"], c["citation"]["line"]) for c in claims] == [("mfa", "affirmed", 1)]


def test_a_bad_vocabulary_pattern_names_its_file(cli, workspace, tmp_path):
    doc = tmp_path / "page.txt"
    doc.write_text("Anything.\n", encoding="utf-8")
    _workspace_control(workspace, "mfa", ["(unclosed"])
    result = cli("claims", "extract", str(doc))
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "mfa.yaml" in message and "invalid regular expression" in message
