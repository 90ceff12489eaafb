"""Every YAML file the tool reads, fed the bad-input corpus: one-line error, exit 2, nothing written.

The YAML entry points are the workspace catalogs (``frameworks/``, ``controls/``), the
workspace policy (``auditor.yaml``) and vendor dossiers (``evidence/<id>/vendor.yaml``).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from badinput import DEEP_YAML_CASES, RLO, YAML_CASES, Case, assert_refused, assert_refused_proc, make_huge, tree
from conftest import run_auditor

SDN_ROW = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
GOOD_VENDOR = textwrap.dedent("""\
    id: acme
    name: Acme Hosting
    hosting:
      - country: DE
        role: hosting
    support:
      sla:
        - severity: critical
          response: PT1H
""")


def _list_file(ws: Path) -> Path:
    # Outside the workspace: the list is an input, not part of what must stay untouched.
    lists = ws.parent / "lists"
    lists.mkdir(exist_ok=True)
    (lists / "sdn.csv").write_text(SDN_ROW, encoding="utf-8")
    return lists / "sdn.csv"


# entry point name -> (file it reads, relative to the workspace; the command that reads it)
def _entry(name: str, ws: Path) -> tuple[Path, list[str]]:
    if name == "framework":
        return ws / "frameworks" / "bad.yaml", ["frameworks", "list"]
    if name == "framework-show":
        return ws / "frameworks" / "bad.yaml", ["frameworks", "show", "gdpr"]
    if name == "control":
        return ws / "controls" / "bad.yaml", ["controls", "list"]
    if name == "vendor-screen":
        return ws / "evidence" / "acme" / "vendor.yaml", ["screen", "acme", "--list", str(_list_file(ws))]
    if name == "policy-screen":
        return ws / "auditor.yaml", ["screen", "--name", "Acme", "--list", str(_list_file(ws))]
    if name == "vendor-show":
        return ws / "evidence" / "acme" / "vendor.yaml", ["vendor", "show", "acme"]
    if name == "vendor-audit":  # recording the run is on: a refused audit must not create the history either
        return ws / "evidence" / "acme" / "vendor.yaml", ["audit", "acme"]
    if name == "policy-audit":
        vendor = ws / "evidence" / "acme" / "vendor.yaml"
        vendor.parent.mkdir(parents=True, exist_ok=True)
        vendor.write_text(GOOD_VENDOR, encoding="utf-8")
        return ws / "auditor.yaml", ["audit", "acme"]
    raise AssertionError(name)


ENTRIES = ["framework", "framework-show", "control", "vendor-show", "vendor-screen", "vendor-audit", "policy-screen",
           "policy-audit"]
# An empty policy is a valid policy (all defaults); `screen` reads only its screening: section.
POLICY_ACCEPTS = {"empty", "comments-only", "top-level-null", "unknown-field", "wrong-types"}


def _run_case(cli, workspace: Path, entry: str, case: Case):
    path, args = _entry(entry, workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(case.content)
    before = tree(workspace)
    result = cli(*args)
    return result, before, path


@pytest.mark.parametrize("entry", ENTRIES)
def test_good_input_is_accepted(cli, workspace, entry):
    """The harness itself: with a valid file at the same place, the same command succeeds."""
    path, args = _entry(entry, workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    if entry in ("framework", "framework-show"):
        path = path.with_name("acme-policy.yaml")
        path.write_text(textwrap.dedent("""\
            id: acme-policy
            name: ACME policy
            version: "1"
            publisher: ACME
            source: internal
            licence_note: ours
            requirements:
              - id: R1
                title: Second factor
                description: Every login needs a second factor.
                controls:
                  - control: mfa
        """), encoding="utf-8")
    elif entry == "control":
        path = path.with_name("acme-widget.yaml")
        path.write_text(textwrap.dedent("""\
            id: acme-widget
            domain: test
            title: Widget
            description: A widget.
            evidence:
              - kind: policy
                max_age: P12M
            questions:
              - Do you have a widget?
        """), encoding="utf-8")
    elif entry in ("vendor-show", "vendor-screen", "vendor-audit"):
        path.write_text(GOOD_VENDOR, encoding="utf-8")
    else:
        path.write_text("screening:\n  max_list_age: P30D\n", encoding="utf-8")
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


# The whole corpus through each distinct loader (catalog, dossier, policy); a sample through the
# other commands that read the same files, to show they pass the loader's error on unchanged.
SAMPLE = ("syntax", "duplicate-key", "alias-bomb", "recursive-alias", "binary", "invalid-utf8", "impossible-date")
CORPUS_RUNS = [pytest.param(entry, case, id=f"{entry}-{case.name}")
               for entry in ("framework", "vendor-show", "policy-audit") for case in YAML_CASES
               if not (entry.startswith("policy") and case.name in POLICY_ACCEPTS - {"unknown-field", "wrong-types"})]
CORPUS_RUNS += [pytest.param(entry, case, id=f"{entry}-{case.name}")
                for entry in ("framework-show", "control", "vendor-screen", "vendor-audit", "policy-screen")
                for case in YAML_CASES if case.name in SAMPLE]


@pytest.mark.parametrize("entry,case", CORPUS_RUNS)
def test_bad_yaml_is_refused(cli, workspace, entry, case):
    result, before, path = _run_case(cli, workspace, entry, case)
    line = assert_refused(result, case.needle, root=workspace, before=before)
    assert path.name in line  # the message names the file


@pytest.mark.parametrize("entry", ["framework", "control", "vendor-show", "vendor-screen", "policy-screen",
                                   "vendor-audit", "policy-audit"])
def test_hundred_megabyte_yaml_is_refused_by_size(cli, workspace, entry):
    path, args = _entry(entry, workspace)
    make_huge(path)
    before = tree(workspace)
    line = assert_refused(cli(*args), "too large", root=workspace, before=before)
    assert path.name in line and "104,857,600" in line


@pytest.mark.parametrize("case", DEEP_YAML_CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("entry", ["framework", "vendor-screen"])
def test_deeply_nested_yaml_is_refused_not_a_crash(workspace, entry, case):
    """In a real process: a stack overflow in libyaml's C composer would be a segfault (exit -11)."""
    path, args = _entry(entry, workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(case.content)
    before = tree(workspace)
    line = assert_refused_proc(run_auditor("--workspace", str(workspace), *args), case.needle)
    assert path.name in line
    assert tree(workspace) == before


def test_policy_wrong_types_are_refused_with_their_line(cli, workspace):
    list_file = _list_file(workspace)
    (workspace / "auditor.yaml").write_text("screening:\n  max_list_age: [1, 2]\n", encoding="utf-8")
    before = tree(workspace)
    line = assert_refused(cli("screen", "--name", "Acme", "--list", str(list_file)), "auditor.yaml:2:",
                          "max_list_age", root=workspace, before=before)
    assert line


@pytest.mark.parametrize("field,value,needle", [
    ("name", f"Acme{RLO}gnitsoH", "bidirectional"),
    ("name", "Acme\x1b[2J Hosting", "control"),
    ("name", "Acme\u2066Hosting\u2069", "bidirectional"),
    ("legal_name", f"{RLO}fdp.exe", "bidirectional"),
    ("name", "", "name"),
])
def test_vendor_names_that_could_disguise_themselves_are_refused(cli, workspace, field, value, needle):
    """A right-to-left override in a vendor name would reorder it in every report and terminal."""
    import json

    path, args = _entry("vendor-screen", workspace)
    path.parent.mkdir(parents=True)
    # JSON is YAML: the escape keeps the control characters exactly as given, whatever they are.
    doc = {"id": "acme", "name": "Acme", field: value}
    path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    before = tree(workspace)
    line = assert_refused(cli(*args), "vendor.yaml:1:", field, root=workspace, before=before)
    assert RLO not in line and "\x1b" not in line and "\u2066" not in line  # the message is safe to print
    assert needle.lower() in line.lower()


@pytest.mark.parametrize("bad_id,needle", [
    ("../../etc", "id"), ("/etc/passwd", "id"), ("Acme", "id"), ("acme/../x", "id"), ("", "id"),
])
def test_vendor_ids_that_are_paths_are_refused(cli, workspace, bad_id, needle):
    path, args = _entry("vendor-screen", workspace)
    path.parent.mkdir(parents=True)
    path.write_text(GOOD_VENDOR.replace("id: acme", f"id: {bad_id!r}"), encoding="utf-8")
    before = tree(workspace)
    assert_refused(cli(*args), "vendor.yaml:1:", needle, root=workspace, before=before)


@pytest.mark.parametrize("value", ["P99999999999D", "PT" + "9" * 400 + "H", "P1e9D", "PT-1H", "1 hour"])
def test_out_of_range_durations_in_a_dossier_are_input_errors(cli, workspace, value):
    path, args = _entry("vendor-screen", workspace)
    path.parent.mkdir(parents=True)
    path.write_text(GOOD_VENDOR.replace("PT1H", value), encoding="utf-8")
    before = tree(workspace)
    assert_refused(cli(*args), "vendor.yaml:9:", "duration", root=workspace, before=before)


@pytest.mark.parametrize("value", ["P99999999999D", "P" + "9" * 400 + "M"])
def test_out_of_range_durations_in_a_catalog_are_input_errors(cli, workspace, value):
    (workspace / "controls").mkdir()
    (workspace / "controls" / "acme-widget.yaml").write_text(textwrap.dedent(f"""\
        id: acme-widget
        domain: test
        title: Widget
        description: A widget.
        evidence:
          - kind: policy
            max_age: {value}
        questions:
          - Do you have a widget?
    """), encoding="utf-8")
    before = tree(workspace)
    assert_refused(cli("controls", "list"), "acme-widget.yaml:7:", "duration", root=workspace, before=before)
