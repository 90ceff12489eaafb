"""Run user feature files through pytest-bdd with the packaged steps, isolated from the user's pytest.

The user's folder may hold a ``conftest.py`` or a ``pytest.ini`` of its own; neither may change
what a requirements run means. pytest is started with an empty configuration file (``-c
os.devnull``), ``--noconftest``, no plugin auto-loading and no ``PYTEST_ADDOPTS``; only pytest-bdd,
the step library and the plugin object below take part. The plugin collects exactly the given
feature files and records one typed result per scenario; nothing pytest prints reaches the user.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import types
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from auditor.errors import AuditorError, InputError
from auditor.yamlio import write_atomic
from auditor.requirements.context import AuditCache, RunSettings, ScenarioState
from auditor.requirements.features import FeatureFile, display_path
from auditor.requirements.tags import Predicate, compile_tags

if TYPE_CHECKING:
    from auditor.assess.run import AuditOptions, AuditOutcome
    from auditor.catalog.loader import Catalog
    from auditor.model.assessment import RequirementsRun
    from auditor.workspace import Workspace

STEPS_MODULE = "auditor.requirements.steps"
_ENV_CLEARED = ("PYTEST_ADDOPTS", "PYTEST_PLUGINS")


@dataclass(frozen=True)
class ScenarioResult:
    feature: str
    name: str
    status: str  # passed | failed
    message: str
    file: str
    line: int
    vendor: str | None = None
    step: str | None = None  # the failing step, as written
    step_line: int | None = None
    tags: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "name": self.name, "status": self.status, "message": self.message,
                "file": self.file, "line": self.line, "vendor": self.vendor, "step": self.step,
                "step_line": self.step_line, "tags": list(self.tags)}


@dataclass(frozen=True)
class RunResult:
    scenarios: tuple[ScenarioResult, ...]

    @property
    def passed(self) -> int:
        return sum(1 for s in self.scenarios if s.status == "passed")

    @property
    def failed(self) -> int:
        return sum(1 for s in self.scenarios if s.status != "passed")

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def as_dict(self) -> dict[str, Any]:
        return {"scenarios": [s.as_dict() for s in self.scenarios], "passed": self.passed, "failed": self.failed}

    def to_model(self) -> RequirementsRun:
        from auditor.model.assessment import RequirementsRun

        return RequirementsRun(scenarios=[s.as_dict() for s in self.scenarios], passed=self.passed,
                               failed=self.failed)


class FeatureModule(pytest.Module):
    """A feature file collected as if it were a test module calling ``scenarios()`` on itself."""

    def _getobj(self) -> types.ModuleType:
        from pytest_bdd.scenario import get_python_name_generator, scenario

        from auditor.requirements.steps import RUN

        feature = self.config.stash[RUN].features[str(self.path.resolve())].feature
        module = types.ModuleType(f"auditor_feature_{self.path.stem}")
        module.__file__ = str(self.path)
        for name in feature.scenarios:
            bound = scenario(self.path.name, name, features_base_dir=str(self.path.parent))(lambda: None)
            for test_name in get_python_name_generator(name):
                if not hasattr(module, test_name):
                    setattr(module, test_name, bound)
                    break
        return module


@dataclass
class _Seen:
    feature: Any = None
    scenario: Any = None
    example: dict[str, str] = field(default_factory=dict)
    error: BaseException | None = None
    step: Any = None


class RunPlugin:
    """The pytest plugin of one run: collects the feature files, hands out state, records results."""

    def __init__(self, files: Sequence[FeatureFile], cache: AuditCache, select: Predicate | None = None):
        self.features = {str(f.path): f for f in files}
        self.select = select
        self.recorded: set[str] = set()
        self.cache = cache
        self.states: dict[str, ScenarioState] = {}
        self.seen: dict[str, _Seen] = {}
        self.results: list[ScenarioResult] = []
        self.fatal: AuditorError | None = None
        self.crash: BaseException | None = None
        self.collect_errors: list[str] = []

    def pytest_configure(self, config: pytest.Config) -> None:
        from auditor.requirements.steps import RUN

        config.stash[RUN] = self

    # collection and selection
    @pytest.hookimpl(tryfirst=True)
    def pytest_bdd_apply_tag(self, tag: str, function: Any) -> bool:
        """Tags select scenarios (``--tags``); they never become pytest marks such as ``skip``."""
        return True

    @pytest.hookimpl(tryfirst=True)
    def pytest_collect_directory(self, path: Path, parent: pytest.Collector) -> pytest.Collector | None:
        """Every folder is a plain folder: an ``__init__.py`` beside the features must never be imported."""
        return pytest.Dir.from_parent(parent, path=path)

    def pytest_collect_file(self, file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
        if str(file_path.resolve()) in self.features:
            return FeatureModule.from_parent(parent, path=file_path)
        return None

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        if self.select is None:
            return
        keep = [item for item in items if self.select(self._tags_of(item))]
        dropped = [item for item in items if item not in keep]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = keep

    def _tags_of(self, item: pytest.Item) -> set[str]:
        from pytest_bdd.scenario import scenario_wrapper_template_registry

        template = scenario_wrapper_template_registry.get(getattr(item, "obj", None))
        if template is None:
            return set()
        tags = set(template.tags) | set(template.feature.tags) | (set(template.rule.tags) if template.rule else set())
        callspec = getattr(item, "callspec", None)
        example = callspec.params.get("_pytest_bdd_example") if callspec else None
        for examples in template.examples:
            if example is not None and example in list(examples.as_contexts()):
                tags |= examples.tags
        return tags

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collect_errors.append(f"{report.nodeid}: {_short(report)}")

    # state handed to the step library
    def scenario_state(self, nodeid: str) -> ScenarioState:
        state = self.states.get(nodeid)
        if state is None:
            state = self.states[nodeid] = ScenarioState(self.cache)
        return state

    # pytest-bdd hooks
    def pytest_bdd_before_scenario(self, request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
        callspec = getattr(request.node, "callspec", None)
        example = dict(callspec.params.get("_pytest_bdd_example", {})) if callspec else {}
        self.seen[request.node.nodeid] = _Seen(feature, scenario, example)
        request.node.user_properties.extend([("feature", feature.name), ("scenario", scenario.name)])

    def pytest_bdd_step_error(self, request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any,
                              step_func: Any, step_func_args: Any, exception: BaseException) -> None:
        seen = self.seen.setdefault(request.node.nodeid, _Seen(feature, scenario))
        seen.error, seen.step = exception, step
        if isinstance(exception, AssertionError):
            return
        if isinstance(exception, AuditorError):
            if exception.file is None:
                exception = type(exception)(exception.message, file=display_path(Path(feature.filename)),
                                            line=step.line_number)
            self.fatal = self.fatal or exception
        else:
            self.crash = self.crash or exception

    def pytest_bdd_step_func_lookup_error(self, request: pytest.FixtureRequest, feature: Any, scenario: Any,
                                          step: Any, exception: BaseException) -> None:
        self.fatal = self.fatal or InputError(f"undefined step “{step.keyword} {step.name}”",
                                              file=display_path(Path(feature.filename)), line=step.line_number)

    # results
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.skipped or (report.when != "call" and report.passed) or report.nodeid in self.recorded:
            return
        self.recorded.add(report.nodeid)
        self.results.append(self._result(report))

    def _result(self, report: pytest.TestReport) -> ScenarioResult:
        seen = self.seen.get(report.nodeid, _Seen())
        path = report.location[0] if report.location else report.nodeid.split("::")[0]
        feature, scenario = seen.feature, seen.scenario
        name = scenario.name if scenario is not None else report.nodeid
        if seen.example and scenario is not None and not any(v in name for v in seen.example.values()):
            name += " (" + ", ".join(f"{k}={v}" for k, v in seen.example.items()) + ")"
        file = display_path(Path(feature.filename)) if feature is not None else path
        state = self.states.get(report.nodeid)
        if report.passed:
            message, step = "", None
        elif seen.error is not None:
            message, step = _one_line(seen.error), seen.step
        else:
            message, step = _short(report), None
        return ScenarioResult(
            feature=(feature.name or file) if feature is not None else file, name=name,
            status="passed" if report.passed else "failed", message=message, file=file,
            line=scenario.line_number if scenario is not None else 0, vendor=state.vendor if state else None,
            step=f"{step.keyword.strip()} {step.name}" if step is not None else None,
            step_line=step.line_number if step is not None else None,
            tags=tuple(sorted(scenario.tags | feature.tags | (scenario.rule.tags if scenario.rule else set())))
            if scenario is not None else (),
        )


def _one_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    if not isinstance(error, AssertionError):
        text = f"{type(error).__name__}: {text}"
    return " ".join(text.split())


def _short(report: Any) -> str:
    crash = getattr(getattr(report, "longrepr", None), "reprcrash", None)
    text = crash.message if crash is not None else str(report.longrepr or "failed")
    return " ".join(text.split())[:500]


@contextlib.contextmanager
def _isolated() -> Iterator[io.StringIO]:
    """No user pytest options or plugins from the environment; nothing printed by pytest."""
    saved = {k: os.environ.get(k) for k in (*_ENV_CLEARED, "PYTEST_DISABLE_PLUGIN_AUTOLOAD", "PYTEST_CURRENT_TEST")}
    for key in _ENV_CLEARED:
        os.environ.pop(key, None)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            yield sink
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _pytest_args(files: Sequence[FeatureFile], junit: Path | None, cucumber: Path | None) -> list[str]:
    root = os.path.commonpath([str(f.path.parent) for f in files])
    args = [str(f.path) for f in files]
    args += ["-c", os.devnull, "--rootdir", root, "--noconftest", "--assert=plain", "--capture=no",
             "--tb=line", "-q", "-p", "pytest_bdd.plugin", "-p", STEPS_MODULE, "-p", "no:cacheprovider",
             "-p", "no:faulthandler", "-p", "no:doctest", "-o", "junit_suite_name=auditor-requirements",
             "-o", "junit_family=xunit2"]
    if junit is not None:
        args += [f"--junitxml={junit}"]
    if cucumber is not None:
        args += [f"--cucumberjson={cucumber}"]
    return args


def load_features(paths: Sequence[Path]) -> list[FeatureFile]:
    from auditor.requirements.features import expand, parse_feature

    return [parse_feature(p) for p in expand(paths)]


def run_requirements(paths: Sequence[Path], settings: RunSettings, *, tags: str | None = None,
                     junit: Path | None = None, cucumber_json: Path | None = None,
                     seed: AuditOutcome | None = None) -> RunResult:
    """Check the feature files, run them, and return one result per scenario (in file order).

    Raises ``InputError`` (exit 2) for a syntax error, an undefined step or a bad argument, before
    anything runs; or for a problem a step meets that the user must fix (an unknown dossier).
    """
    from auditor.requirements import features as feature_check
    from auditor.requirements.steps import LIBRARY

    select = compile_tags(tags) if tags else None
    if settings.vendor is not None:
        settings.workspace.dossier_dir(settings.vendor)  # an unknown --vendor fails before anything runs
    files = load_features(paths)
    feature_check.check(files, LIBRARY, settings.catalog, default_vendor=settings.vendor is not None)
    run = RunPlugin(files, AuditCache(settings, seed), select)
    with tempfile.TemporaryDirectory(prefix="auditor-requirements-") as scratch:
        junit_tmp = Path(scratch, "junit.xml") if junit else None
        cucumber_tmp = Path(scratch, "cucumber.json") if cucumber_json else None
        args = _pytest_args(files, junit_tmp, cucumber_tmp)
        _forget_parsed(files)
        try:
            with _isolated() as sink:
                code = pytest.main(args, plugins=[run])
        finally:
            _forget_parsed(files)
        _raise_for(code, run, sink.getvalue())
        for made, target in ((junit_tmp, junit), (cucumber_tmp, cucumber_json)):
            if made is not None and target is not None:
                write_atomic(target, made.read_bytes())
    return RunResult(tuple(run.results))


def _forget_parsed(files: Sequence[FeatureFile]) -> None:
    """pytest-bdd caches parsed features by path for the whole process: a re-run must read the file anew."""
    from pytest_bdd import feature as bdd_feature

    cache = getattr(bdd_feature, "features", None)
    if isinstance(cache, dict):
        for f in files:
            cache.pop(str(f.path), None)


def _raise_for(code: int, run: RunPlugin, printed: str) -> None:
    if run.fatal is not None:
        raise run.fatal
    if run.crash is not None:
        raise run.crash
    if run.collect_errors:
        raise InputError("cannot collect the feature files: " + "; ".join(run.collect_errors))
    if code in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED, pytest.ExitCode.NO_TESTS_COLLECTED):
        return
    lines = [line.strip() for line in printed.splitlines() if line.strip()]
    detail = ([line for line in lines if "error" in line.lower()] or lines or ["no detail"])[-1]
    if code == pytest.ExitCode.INTERRUPTED:
        raise KeyboardInterrupt
    raise RuntimeError(f"pytest stopped with exit code {int(code)}: {detail}")


def fold_requirements(workspace: Workspace, catalog: Catalog, outcome: AuditOutcome, vendor_ref: str,
                      options: AuditOptions, paths: Sequence[Path]) -> AuditOutcome:
    """``auditor audit --requirements``: run the files against the audited vendor and fold the results
    into its Assessment (the report is built afterwards, from the folded Assessment).

    The audit just made answers the scenarios that keep its scope; the others get their own.
    """
    settings = RunSettings(workspace=workspace, catalog=catalog, vendor=vendor_ref, scope=options.scope,
                           as_of=outcome.assessment.as_of, lists=list(options.lists))
    seed = outcome if options.frameworks is None else None  # a framework-limited audit cannot answer every step
    run = run_requirements(paths, settings, seed=seed).to_model()
    return outcome.with_requirements(run)
