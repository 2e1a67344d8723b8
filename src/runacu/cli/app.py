"""The root of the command line: the group and its global options, the command table, the error boundary, main()."""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from runacu import __version__
from runacu.cli.click_words import said_usage_error, say_command, speaking
from runacu.cli.help_layout import HelpContext, terminal_of
from runacu.cli.options import DefaultFormatOption, JsonOption, Language
from runacu.cli.prompts import Cancelled
from runacu.cli.session import Session, Start, current, reader_words, silence_stdout
from runacu.cli.typer_speed import LazyGroup
from runacu.command_table import COMMANDS, global_option
from runacu.content.problems import DataError
from runacu.errors import RunacuError
from runacu.exit_status import ExitStatus
from runacu.views import OutputFormat
from runacu.views.terminal import ColorMode, Terminal, make_stream_safe
from runacu.words import N_, for_language

if TYPE_CHECKING:
    from typer.models import CommandInfo

    from runacu.cache.pages import Recorder

#: Set by the shell when it asks for completions (Click's name for a program called runacu).
COMPLETE_VARIABLE = "_RUNACU_COMPLETE"
DESCRIPTION = N_(
    "runacu is a wellness guide for runners from Valencia Sports Medicine: how acupuncture may help "
    "runners, running-induced back pain and how to prevent it, when pain needs a doctor, and how to reach the clinic."
)


def declared_command(name: str) -> CommandInfo:
    """Typer's declaration of one command (a name in `COMMANDS`), importing only the module that declares it."""
    # __import__, not importlib.import_module: so `python -X importtime` shows the module too.
    module = __import__(f"runacu.cli.commands.{COMMANDS[name][0]}", fromlist=["commands"])
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

    #: Help and usage lines as wide as the terminal (`cli/help_layout.py`).
    context_class = HelpContext

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            command.context_class = HelpContext
        return command

    def declaration(self, name: str) -> CommandInfo:
        return declared_command(name)

    def main(self, args: Any = None, *rest: Any, **extra: Any) -> Any:
        """Run in the reader's language: known from the arguments before Click parses them (a usage error comes
        before the root's callback), with RUNACU_LANG and the locale after --lang, as the session reads them."""
        args = list(sys.argv[1:] if args is None else args)
        chosen = global_option(args, "--lang")
        with speaking(reader_words(chosen.lower() if chosen else None).language):
            say_command(self)
            return super().main(args, *rest, **extra)

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as error:  # a usage error in the group's own options
            said = said_usage_error(error)
            _neutralize_usage_error(said)
            raise said from None

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # here, not at exit, so a closed or full stdout is handled below
            return result
        except RunacuError as error:
            session = current(ctx)
            if isinstance(error, DataError):
                session.report(error.said(session.words))
                from runacu.content.text import neutralize_line

                validate = "runacu validate"
                if session.data_dir is not None:
                    validate = shlex.join(["runacu", "validate", str(session.data_dir)])
                session.report(
                    session.words.say(
                        "run '{command}' to list every problem in the data files", command=neutralize_line(validate)
                    )
                )
            else:
                session.report(str(error), "" if isinstance(error, Cancelled) else session.words.say("error: "))
            raise typer.Exit(error.exit_status) from None
        except (KeyboardInterrupt, typer.Abort):
            session = current(ctx)
            session.report("\n" + session.words.say("interrupted"))
            raise typer.Exit(ExitStatus.INTERRUPTED) from None
        except BrokenPipeError:
            current(ctx).do_not_store()  # what was written is not all there is
            silence_stdout()
            raise typer.Exit(ExitStatus.SUCCESS) from None
        except typer.Exit:
            raise
        except typer.TyperException as error:  # Typer's own usage errors (exit 2)
            said = said_usage_error(error)
            _neutralize_usage_error(said)
            raise said from None
        except OSError as error:  # stdout on a full disk, a folder we may not write: not a bug
            silence_stdout()
            current(ctx).report(_os_error_line(error))
            raise typer.Exit(ExitStatus.ERROR) from None
        except Exception as error:  # a bug in runacu: still one line, not a traceback
            if os.environ.get("RUNACU_DEBUG"):
                raise
            session = current(ctx)
            session.report(f"{type(error).__name__}: {error}", session.words.say("internal error: "))
            session.report(session.words.say("please report this; set RUNACU_DEBUG=1 to see the details"))
            raise typer.Exit(ExitStatus.ERROR) from None


def _neutralize_usage_error(error: Exception) -> None:
    """Typer quotes what was typed in its usage errors, escaping only the C0 and C1 controls: no bidi or other
    format character may reach the terminal either. Shown on a terminal, the error fits its width."""
    from runacu.content.text import neutralize

    message = getattr(error, "message", None)
    if isinstance(message, str):
        error.message = neutralize(message)  # type: ignore[attr-defined]
    show = getattr(error, "show", None)
    if callable(show):
        error.show = _wrapped(show, terminal_of(getattr(error, "ctx", None)))  # type: ignore[attr-defined]


def _wrapped(show: Callable[..., None], terminal: Terminal) -> Callable[..., None]:
    """A usage error's `show`, its lines wrapped at word boundaries to the error stream's terminal."""

    def show_wrapped(file: Any = None) -> None:
        import io

        shown = io.StringIO()
        show(shown)
        typer.echo(terminal.wrap_message(shown.getvalue().expandtabs().rstrip("\n")), file=file, err=file is None)

    return show_wrapped


def _os_error_line(error: OSError) -> str:
    """`reason: file`, the file name shortened as any echoed input is."""
    from runacu.content.text import echo

    return f"{error.strerror or error}" + (f": {echo(str(error.filename))}" if error.filename else "")


app = typer.Typer(
    cls=RunacuGroup,
    help=DESCRIPTION,
    invoke_without_command=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    suggest_commands=False,  # the group suggests from every command, in the reader's words (`LazyGroup`)
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"runacu {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="RUNACU_DATA_DIR",
            metavar=N_("DIR"),
            help=N_("A folder of YAML files layered over the built-in data."),
            show_default=False,
        ),
    ] = None,
    color: Annotated[
        ColorMode,
        typer.Option("--color", help=N_("Color: auto (on a terminal, unless NO_COLOR), always or never.")),
    ] = ColorMode.AUTO,
    lang: Annotated[
        Language | None,
        typer.Option("--lang", help=N_("Language [default: RUNACU_LANG, then the locale]."), show_default=False),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=N_("Show the version and exit."))
    ] = False,
    output_format: DefaultFormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """runacu: acupuncture and running, from Valencia Sports Medicine."""
    words = reader_words(lang.value if lang is not None else None)
    start = ctx.obj if isinstance(ctx.obj, Start) else Start(ctx.obj if isinstance(ctx.obj, Terminal) else None)
    terminal = start.terminal or Terminal.from_environment(color=color)
    if color is not ColorMode.AUTO:
        from runacu.views.terminal import color_wanted

        terminal.color = color_wanted(color, terminal.is_terminal)
    ctx.obj = Session(
        terminal,
        data_dir,
        default_format=OutputFormat.JSON if as_json else output_format,
        recorder=start.recorder,
        words=words,
    )
    if ctx.invoked_subcommand is None:
        from runacu.cli.commands.card import show_card

        show_card(current(ctx), current(ctx).words.say(DESCRIPTION))


def main(recorder: Recorder | None = None) -> NoReturn:
    """Run the CLI; with a `recorder`, store what a successful run wrote (see `runacu.cache.pages`)."""
    make_stream_safe(sys.stdout)
    make_stream_safe(sys.stderr)
    try:
        # A fixed name, so `python -m runacu` has the same help and shell completion as `runacu`.
        app(prog_name="runacu", obj=Start(recorder=recorder), complete_var=COMPLETE_VARIABLE)
    except KeyboardInterrupt:  # before --lang is read (once read, the group says it in the reader's language)
        sys.stderr.write("\nrunacu: " + for_language("en").say("interrupted") + "\n")
        sys.exit(ExitStatus.INTERRUPTED)
    except OSError as error:  # before any command runs: --install-completion into a home that cannot be written
        silence_stdout()  # --version or --help to a closed stdout: no second error at exit
        sys.stderr.write(f"runacu: error: {_os_error_line(error)}\n")
        sys.exit(ExitStatus.ERROR)
    except Exception:
        if not os.environ.get(COMPLETE_VARIABLE) or os.environ.get("RUNACU_DEBUG"):
            raise
        # A completion request that cannot be read (`COMP_CWORD=abc`): offer nothing, and print nothing over the
        # line being typed (bash shows stderr there, and ignores the exit status), as for a word nothing completes.
        sys.exit(ExitStatus.SUCCESS)
    except SystemExit as done:
        if recorder is not None and done.code in (0, None):
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except OSError:
                raise SystemExit(ExitStatus.ERROR) from None
            try:
                recorder.store()
            except KeyboardInterrupt:  # the output is all out: only its stored copy is given up
                raise SystemExit(ExitStatus.INTERRUPTED) from None
        raise
    sys.exit(ExitStatus.SUCCESS)
