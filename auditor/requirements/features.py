"""Reading feature files and checking them against the step library before anything runs.

A Gherkin syntax error, an undefined step, an unknown control or a scenario without a vendor is
the author's to fix: each becomes one ``InputError`` naming the file and line, with the closest
known steps or values, instead of a pytest traceback halfway through a run.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.errors import InputError

if TYPE_CHECKING:
    from auditor.catalog.loader import Catalog
    from auditor.requirements.steps import StepSpec

_MAX_FEATURE_BYTES = 2 * 1024 * 1024
_PLACEHOLDER = re.compile(r"<[^<>\s][^<>]*>")


@dataclass(frozen=True)
class FeatureFile:
    path: Path  # absolute
    display: str  # as the user sees it in messages
    feature: Any  # pytest_bdd.parser.Feature


def display_path(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return str(path) if rel.startswith("..") else rel


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given, folders searched for ``*.feature``; each file once, in the order given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*.feature") if p.is_file())
            if not inside:
                raise InputError("no .feature files in this folder", file=path)
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise InputError("no such feature file or folder", file=path)
    return list(dict.fromkeys(p.resolve() for p in found))


_TOKENS = {"#TableRow": "a table row", "#DocStringSeparator": "a doc string", "#StepLine": "a step",
           "#TagLine": "a tag", "#ExamplesLine": "Examples", "#ScenarioLine": "a Scenario", "#RuleLine": "a Rule",
           "#BackgroundLine": "a Background", "#FeatureLine": "a Feature", "#Language": "a language line",
           "#Other": "a description"}
_EXPECTED = re.compile(r"expected: (?P<tokens>[#\w, ]+), got '(?P<got>.*)'$")


def _syntax_message(error: Any) -> str:
    """The Gherkin parser's complaint in words: what it found and what it expected there."""
    text = re.sub(r"^\(\d+:\d+\): ", "", str(error)).strip()
    found = _EXPECTED.search(text)
    if found:
        wanted = [_TOKENS[t] for t in re.findall(r"#\w+", found["tokens"]) if t in _TOKENS]
        return f"unexpected “{found['got'].strip()[:80]}”; expected {', '.join(wanted) or 'the end of the file'}"
    if text.startswith("unexpected end of file"):
        wanted = [_TOKENS[t] for t in re.findall(r"#\w+", text) if t in _TOKENS]
        return f"the file ends too early; expected {', '.join(wanted)}"
    return text


def parse_feature(path: Path) -> FeatureFile:
    """Parse with the official Gherkin parser (for exact errors), then as pytest-bdd will run it."""
    from gherkin.errors import CompositeParserException, ParserError, ParserException
    from gherkin.parser import Parser
    from pytest_bdd.exceptions import GherkinParseError
    from pytest_bdd.parser import FeatureParser

    shown = display_path(path)
    if path.stat().st_size > _MAX_FEATURE_BYTES:
        raise InputError(f"feature file larger than {_MAX_FEATURE_BYTES // 1024 // 1024} MiB", file=shown)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", file=shown) from None
    try:
        document = Parser().parse(text)
    except (CompositeParserException, ParserException, ParserError) as exc:
        first = exc.errors[0] if getattr(exc, "errors", None) else exc
        location = getattr(first, "location", None) or {}
        raise InputError(f"Gherkin syntax error: {_syntax_message(first)}", file=shown,
                         line=location.get("line")) from None
    if not document.get("feature"):
        raise InputError("no `Feature:` line (an empty file, or only comments)", file=shown, line=1)
    _check_unique_names(document["feature"], shown)
    try:
        feature = FeatureParser(str(path.parent), path.name).parse()
    except GherkinParseError as exc:  # rules pytest-bdd adds, such as a first step starting with And
        raise InputError(f"Gherkin syntax error: {exc.message}", file=shown, line=exc.line) from None
    return FeatureFile(path, shown, feature)


def _check_unique_names(feature: dict[str, Any], shown: str) -> None:
    """pytest-bdd keys scenarios by name: a second one of the same name would silently vanish."""
    seen: dict[str, int] = {}
    children = list(feature.get("children", []))
    while children:
        child = children.pop(0)
        if "rule" in child:
            children = list(child["rule"].get("children", [])) + children
            continue
        scenario = child.get("scenario")
        if scenario is None:
            continue
        name, line = scenario["name"], scenario["location"]["line"]
        if name in seen:
            raise InputError(f"two scenarios named {name!r} (also line {seen[name]}): give each its own name",
                             file=shown, line=line)
        seen[name] = line


def keyword_of(spec: StepSpec) -> str:
    return spec.kind.capitalize()


def suggestions(text: str, library: Sequence[StepSpec], n: int = 3) -> list[str]:
    """The known step examples closest to ``text``."""
    examples = {spec.example.split(" ", 1)[1]: spec.example for spec in library}
    close = difflib.get_close_matches(text, list(examples), n=n, cutoff=0.45)
    if not close:  # fall back on the steps sharing the most words
        words = set(text.lower().split())
        close = sorted(examples, key=lambda e: -len(words & set(e.lower().split())))[:n]
    return [examples[c] for c in close]


def _undefined(step: Any, library: Sequence[StepSpec]) -> str:
    other = [s for s in library if s.parser.is_matching(step.name)]
    said = f"{step.keyword.strip()} {step.name}"
    if other:
        return (f"step “{said}” is a {keyword_of(other[0])} step but stands among {step.type.capitalize()} "
                f"steps: write it as “{keyword_of(other[0])} {step.name}”")
    hint = " | ".join(suggestions(step.name, library))
    return (f"undefined step “{said}”; closest known steps: {hint} "
            "(`auditor requirements steps` lists them all)")


def match(step: Any, library: Sequence[StepSpec]) -> StepSpec | None:
    for spec in library:
        if spec.kind == step.type and spec.parser.is_matching(step.name):
            return spec
    return None


def _check_no_placeholders(template: Any, shown: str) -> None:
    for step in template.steps:
        found = _PLACEHOLDER.search(step.name)
        if found:
            raise InputError(f"“{found.group(0)}” in “{step.keyword.strip()} {step.name}” is never filled in: "
                             "a Scenario Outline needs an Examples table with that column",
                             file=shown, line=step.line_number)


def _rendered(template: Any) -> list[Any]:
    contexts = [ctx for examples in template.examples for ctx in examples.as_contexts()]
    return [template.render(ctx) for ctx in contexts] if contexts else [template.render({})]


def check(files: Sequence[FeatureFile], library: Sequence[StepSpec], catalog: Catalog, *,
          default_vendor: bool) -> None:
    """Every step defined, every argument known, every scenario with a vendor; else the first problem."""
    for ff in files:
        for template in ff.feature.scenarios.values():
            if not template.examples:
                _check_no_placeholders(template, ff.display)
            for scenario in _rendered(template):
                names_vendor = False
                for step in scenario.steps:
                    spec = match(step, library)
                    if spec is None:
                        raise InputError(_undefined(step, library), file=ff.display, line=step.line_number)
                    names_vendor = names_vendor or spec.sets_vendor
                    if spec.validate is not None:
                        try:
                            spec.validate(catalog, **spec.args(step.name))
                        except InputError as exc:
                            raise InputError(f"{exc.message} in “{step.keyword.strip()} {step.name}”",
                                             file=ff.display, line=step.line_number) from None
                if not names_vendor and not default_vendor:
                    raise InputError(f"scenario “{scenario.name}” names no vendor: add a step "
                                     '`Given the vendor "<id>"` (or a Background with it), or pass --vendor',
                                     file=ff.display, line=template.line_number)
