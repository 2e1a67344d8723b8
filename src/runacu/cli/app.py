"""The root of the command line: the group and its global options, the command table, the error boundary, main()."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from runacu import __version__
from runacu.cli.options import DefaultFormatOption, JsonOption
from runacu.cli.prompts import Cancelled
from runacu.cli.session import Session, current
from runacu.cli.typer_speed import LazyGroup
from runacu.content.problems import DataError
from runacu.errors import RunacuError
from runacu.exit_status import ExitStatus
from runacu.views import OutputFormat
from runacu.views.terminal import ColorMode, Terminal, make_stream_safe
from runacu.words import LANGUAGES, say, set_language

if TYPE_CHECKING:
    from typer.models import CommandInfo

    from runacu.output_store import Recorder

DESCRIPTION = (
    "runacu is a wellness guide for runners from Valencia Sports Medicine: how acupuncture may help "
    "runners, running-induced back pain and how to prevent it, when pain needs a doctor, and how to reach the clinic."
)
#: Every command, in the order readers meet them: its name -> the module of `runacu.cli.commands` that
#: declares it. A run imports only the module of its command; help and completion, those they show.
COMMANDS = {
    "benefits": "guides",
    "back-pain": "guides",
    "check": "check",
    "guide": "guides",
    "contact": "contact",
    "request": "request",
    "search": "search",
    "guides": "list_guides",
    "validate": "validate",
    "schema": "schema",
}


def declared_command(name: str) -> CommandInfo:
    """Typer's declaration of one command (a name in `COMMANDS`), importing only the module that declares it."""
    # __import__, not importlib.import_module: so `python -X importtime` shows the module too.
    module = __import__(f"runacu.cli.commands.{COMMANDS[name]}", fromlist=["commands"])
    declared: typer.Typer = module.commands
    return next(
        info
        for info in declared.registered_commands
        if info.callback is not None and (info.name or info.callback.__name__) == name
    )


def declared_commands() -> dict[str, CommandInfo]:
    """Command name -> Typer's declaration of it, in the order readers meet them (the docs read this)."""
    return {name: declared_command(name) for name in COMMANDS}


class RunacuGroup(LazyGroup):
    """The root group: builds only the command that runs, and turns runacu's errors, Ctrl-C and a closed
    pipe into one stderr line and a named exit code (the one error boundary)."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def declaration(self, name: str) -> CommandInfo:
        return declared_command(name)

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # here, not at exit, so a closed or full stdout is handled below
            return result
        except RunacuError as error:
            current(ctx).report(str(error), "" if isinstance(error, DataError | Cancelled) else "error: ")
            if isinstance(error, DataError):
                current(ctx).report(say("run_validate"))
            raise typer.Exit(error.exit_status) from None
        except (KeyboardInterrupt, typer.Abort):
            current(ctx).report("\n" + say("interrupted"))
            raise typer.Exit(ExitStatus.INTERRUPTED) from None
        except BrokenPipeError:
            from runacu import output_store

            if output_store.recorder is not None:  # what was written is not all there is
                output_store.recorder.spoilt = True
            _silence_stdout()
            raise typer.Exit(ExitStatus.SUCCESS) from None
        except (typer.Exit, typer.TyperException):  # Typer's own exits and usage errors (exit 2)
            raise
        except OSError as error:  # stdout on a full disk, a folder we may not write: not a bug
            _silence_stdout()
            current(ctx).report(_os_error_line(error))
            raise typer.Exit(ExitStatus.ERROR) from None
        except Exception as error:  # a bug in runacu: still one line, not a traceback
            if os.environ.get("RUNACU_DEBUG"):
                raise
            current(ctx).report(f"{type(error).__name__}: {error}", say("internal_error_label"))
            current(ctx).report(say("internal_error"))
            raise typer.Exit(ExitStatus.ERROR) from None


def _os_error_line(error: OSError) -> str:
    """`reason: file`, the file name shortened as any echoed input is."""
    from runacu.content.text import echo

    return f"{error.strerror or error}" + (f": {echo(str(error.filename))}" if error.filename else "")


def _silence_stdout() -> None:
    """The reader went away (`runacu benefits | head`): drop the rest quietly, with no flush error at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


app = typer.Typer(
    cls=RunacuGroup,
    help=DESCRIPTION,
    invoke_without_command=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"runacu {__version__}")
        raise typer.Exit()


def _language_from_environment() -> str:
    """RUNACU_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG): any `es` or `es_XX` means Spanish."""
    if (chosen := os.environ.get("RUNACU_LANG", "").strip().lower()) in LANGUAGES:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            code = value.split(".")[0].split("_")[0].split("-")[0].lower()
            return code if code in LANGUAGES else "en"
    return "en"


class Language(StrEnum):
    EN = "en"
    ES = "es"


@app.callback()
def root(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="RUNACU_DATA_DIR",
            metavar="DIR",
            help="A folder of YAML files layered over the built-in data.",
            show_default=False,
        ),
    ] = None,
    color: Annotated[
        ColorMode,
        typer.Option("--color", help="Color: auto (on a terminal, unless NO_COLOR), always or never."),
    ] = ColorMode.AUTO,
    lang: Annotated[
        Language | None,
        typer.Option("--lang", help="Language: en or es [default: RUNACU_LANG, then the locale].", show_default=False),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    output_format: DefaultFormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """runacu: acupuncture and running, from Valencia Sports Medicine."""
    set_language(lang.value if lang is not None else _language_from_environment())
    terminal = ctx.obj if isinstance(ctx.obj, Terminal) else Terminal.from_environment(color=color)
    if color is not ColorMode.AUTO:
        from runacu.views.terminal import color_wanted

        terminal.color = color_wanted(color, terminal.is_terminal)
    ctx.obj = Session(terminal, data_dir, default_format=OutputFormat.JSON if as_json else output_format)
    if ctx.invoked_subcommand is None:
        from runacu.cli.commands.card import show_card

        show_card(current(ctx), DESCRIPTION)


def main(recorder: Recorder | None = None) -> NoReturn:
    """Run the CLI; with a `recorder`, store what a successful run wrote (see `runacu.output_store`)."""
    make_stream_safe(sys.stdout)
    make_stream_safe(sys.stderr)
    try:
        # A fixed name, so `python -m runacu` has the same help and shell completion as `runacu`.
        app(prog_name="runacu")
    except KeyboardInterrupt:
        sys.stderr.write("\nrunacu: " + say("interrupted") + "\n")
        sys.exit(ExitStatus.INTERRUPTED)
    except OSError as error:  # before any command runs: --install-completion into a home that cannot be written
        sys.stderr.write(f"runacu: error: {_os_error_line(error)}\n")
        sys.exit(ExitStatus.ERROR)
    except SystemExit as done:
        if recorder is not None and done.code in (0, None):
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except OSError:
                raise SystemExit(ExitStatus.ERROR) from None
            recorder.store()
        raise
    sys.exit(ExitStatus.SUCCESS)
