"""The ``auditor`` root command: global options, lazy sub-commands, one place for errors."""

from __future__ import annotations

import os
import sys
import warnings
from typing import Any

import click

from auditor import __version__
from auditor.errors import AuditorError

# name -> ("module:attribute", short help). Sub-commands are imported only when run, and
# `auditor --help` lists them from here without importing any: start-up stays fast.
COMMANDS: dict[str, tuple[str, str]] = {
    "frameworks": ("auditor.cli.frameworks:frameworks", "Framework catalogs: list, show, map one onto another."),
    "controls": ("auditor.cli.controls:controls", "Common controls and every requirement mapped to each."),
    "claims": ("auditor.cli.claims:claims", "Extract claims from vendor documents, with citations."),
    "vendor": ("auditor.cli.vendor:vendor", "Vendor dossiers: create from documents, list, show, check."),
    "evidence": ("auditor.cli.evidence:evidence", "Evidence store: add, collect live checks, list, verify."),
    "screen": ("auditor.cli.screen:screen", "EAR/OFAC screening of a vendor or a name."),
    "lists": ("auditor.cli.lists:lists", "Denied-party lists: download and show the cached copies."),
    "audit": ("auditor.cli.audit:audit", "Audit a vendor against every applicable framework."),
    "explain": ("auditor.cli.explain:explain", "Why one requirement has its status."),
    "history": ("auditor.cli.history:history", "Recorded audits of a vendor."),
    "diff": ("auditor.cli.history:diff", "What changed between two audits."),
    "report": ("auditor.cli.report:report", "Render the PDF audit report, optionally signed."),
    "keys": ("auditor.cli.keys:keys", "Signing key and certificate for reports."),
    "verify": ("auditor.cli.verify:verify", "Verify a signed report: signature, integrity, evidence."),
    "requirements": ("auditor.cli.requirements:requirements", "Run Gherkin vendor requirements against a dossier."),
    "questionnaire": ("auditor.cli.questionnaire:questionnaire", "Import a vendor's CAIQ/HECVAT; export follow-ups."),
}


class AppContext:
    """What every command needs, built on first use (no work at start-up)."""

    def __init__(self, workspace_option: str | None = None):
        self.workspace_option = workspace_option
        self._workspace: Any = None
        self._catalog: Any = None

    @property
    def workspace(self):
        if self._workspace is None:
            from auditor.workspace import Workspace

            self._workspace = Workspace.resolve(self.workspace_option)
        return self._workspace

    @property
    def catalog(self):
        if self._catalog is None:
            from auditor.catalog.loader import load_catalog

            self._catalog = load_catalog(self.workspace)
        return self._catalog


pass_app = click.make_pass_decorator(AppContext)

# click >= 8.2 shows a group's help through this UsageError; it must stay help, not an error line.
_NO_ARGS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


class LazyGroup(click.Group):
    """A group whose sub-commands live in their own modules and load on demand."""

    def __init__(self, *args: Any, lazy: dict[str, tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            module_name, attr = self.lazy[name][0].split(":")
            return getattr(__import__(module_name, fromlist=[attr]), attr)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, self.lazy[name][1]) for name in self.list_commands(ctx) if name in self.lazy]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except _NO_ARGS_HELP:
            raise
        except click.UsageError as exc:  # a bad global option (`auditor -w`)
            _fail(_usage_message(exc), 2)
            raise  # unreachable: _fail exits

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AuditorError as exc:
            _fail(str(exc), exc.exit_code)
        except _NO_ARGS_HELP:  # `auditor frameworks` alone: click shows the group's help
            raise
        except click.UsageError as exc:  # click's own checks: the same one line as every other error
            _fail(_usage_message(exc), 2)
        except BrokenPipeError:  # `auditor ... | head`: the reader left, nothing to report
            _quiet_exit()
        except OSError as exc:  # disk full, permissions: the user's to fix, not a bug
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            _fail(f"{where}{exc.strerror or exc}", 2)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: one line unless the user asks for the traceback
            if os.environ.get("AUDITOR_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set AUDITOR_DEBUG=1 for the traceback)", 70)


def _usage_message(exc: click.UsageError) -> str:
    message = exc.format_message().rstrip(".")
    command = exc.ctx.command_path if exc.ctx is not None else "auditor"
    return f"{message[:1].lower()}{message[1:]} (see '{command} --help')"


def _quiet_exit() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file descriptor (CliRunner): nothing to redirect
        pass
    sys.exit(1)


def _fail(message: str, code: int) -> None:
    from auditor.text import visible

    click.echo(f"auditor: error: {visible(message)}", err=True)
    sys.exit(code)


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="auditor")
@click.option(
    "--workspace", "-w", metavar="DIR", envvar="AUDITOR_WORKSPACE",
    help="Folder holding your frameworks/, controls/, evidence/ and features/ (default: current folder).",
)
@click.pass_context
def cli(ctx: click.Context, workspace: str | None) -> None:
    """Audit a third-party vendor's compliance and security posture.

    A vendor dossier (evidence/<vendor>/) holds what the vendor claims, each claim cited to
    the line of its own documents; the evidence store holds what you collected. `auditor
    audit` compares both against GDPR, ISO/IEC 27001:2022, SOC 2, HIPAA, PCI DSS v4.0.1,
    EAR/OFAC and the vendor due-diligence questions, and tells you, per requirement, where
    the vendor stands and what to ask next.

    \b
    A first tour, on the sample dossiers:
      auditor frameworks list
      auditor controls show encryption-at-rest
      auditor audit zoho-crm
      auditor report zoho-crm --out zoho.pdf --sign

    Exit codes: 0 success, 1 a check ran and failed, 2 bad usage or input.
    """
    ctx.obj = AppContext(workspace_option=workspace)
    # a library's notice to its own users (cryptography 51 deprecates DSA, which pyHanko imports) is
    # not for the reviewer's terminal: errors stay one line on stderr
    warnings.filterwarnings("ignore", module=r"pyhanko(?:_certvalidator)?(?:\.|$)")
    if os.environ.get("NO_COLOR"):  # https://no-color.org: colours off even on a terminal
        ctx.color = False


def main(argv: list[str] | None = None) -> None:
    # pydantic's plugins are other programs' instruments, not the tool's: looking for them costs a tenth of a
    # warm `screen --name` (they are left on for a program that imports the library)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    cli.main(args=argv, prog_name="auditor")


if __name__ == "__main__":  # pragma: no cover
    main()
