"""The command line: parses arguments, gathers the data, builds a page and maps errors to exit codes.

Typer only: no content logic and no Rich here. Every line on stderr goes through `Session.report`,
and every error through the one boundary, `RunacuGroup.invoke`.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from runacu import __version__
from runacu.content.problems import DataError
from runacu.errors import RunacuError, UsageError
from runacu.exit_status import ExitStatus
from runacu.views import OutputFormat, choose_format
from runacu.views.pager import PagerMode
from runacu.views.terminal import ColorMode, Terminal, make_stream_safe
from runacu.words import LANGUAGES, language, say, set_language

if TYPE_CHECKING:
    from runacu.content.library import Library
    from runacu.content.models import Clinic
    from runacu.content.warning_check import CheckRun
    from runacu.output_store import Recorder
    from runacu.views.blocks import Page
    from runacu.views.pages import ClinicView

DESCRIPTION = (
    "runacu is a wellness guide for runners from Valencia Sports Medicine: how acupuncture may help "
    "runners, running-induced back pain and how to prevent it, when pain needs a doctor, and how to reach the clinic."
)
#: The commands that show a built-in guide, and the guide each shows (completion and search use this).
GUIDE_COMMANDS = {"benefits": "benefits", "back-pain": "back-pain"}
#: The quick card's examples: (words after `runacu`, the word key of what it does).
CARD_FOR_RUNNERS = (
    (("benefits",), "card_benefits"),
    (("back-pain",), "card_back_pain"),
    (("check",), "card_check"),
    (("guide", "first-visit"), "card_first_visit"),
    (("contact",), "card_contact"),
    (("request",), "card_request"),
    (("search", "WORD"), "card_search"),
)
CARD_FOR_CLINIC = (
    (("guides",), "card_guides"),
    (("validate",), "card_validate"),
    (("schema", "guide"), "card_schema"),
)


def opener(guide_slug: str, topic_slug: str | None = None) -> tuple[str, ...]:
    """The words after `runacu` that open a guide (or one of its topics)."""
    command = next((name for name, slug in GUIDE_COMMANDS.items() if slug == guide_slug), None)
    words = (command,) if command else ("guide", guide_slug)
    return (*words, topic_slug) if topic_slug else words


class RunacuGroup(TyperGroup):
    """Builds only the command that runs, and turns runacu's errors, Ctrl-C and a closed pipe into one
    stderr line and a named exit code.

    The commands are declared once, on `commands`; Typer would build the Click command of every one
    of them at start-up. Here a command is built when it is run, or its own help or completion is
    asked for; the list of commands (help, completion of command names) comes from the declarations.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return list(declared_commands())

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            info = declared_commands().get(cmd_name)
            if info is None:
                return None
            from typer.main import get_command_from_info

            if not (isinstance(info.cls, type) and issubclass(info.cls, RunacuCommand)):
                info.cls = RunacuCommand
            self.commands[cmd_name] = get_command_from_info(info, pretty_exceptions_short=False, rich_markup_mode=None)
        return self.commands[cmd_name]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """As Typer's, but suggesting from every declared command, built or not."""
        from typer._click.exceptions import UsageError as ClickUsageError

        try:
            return self._click_resolve_command(ctx, args)
        except ClickUsageError as error:
            import difflib

            if args and (matches := difflib.get_close_matches(args[0], list(declared_commands()))):
                suggestions = ", ".join(f"{match!r}" for match in matches)
                error.message = f"{error.message.rstrip('.')}. Did you mean {suggestions}?"
            raise

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        # The whole first sentence, wrapped by the formatter: a description is never cut off.
        rows = [(name, short_help(info, 1000)) for name, info in declared_commands().items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        from typer._click.shell_completion import CompletionItem

        names = [name for name in declared_commands() if name.startswith(incomplete)]
        items = [CompletionItem(name, help=short_help(declared_commands()[name])) for name in names]
        # The group's own options, as Click would offer them; never building a command.
        return items + list(super(TyperGroup, self).shell_complete(ctx, incomplete))

    def get_params(self, ctx: Any) -> list[Any]:
        return _convert_plainly(super().get_params(ctx))

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        with _plain_usage_errors():
            return super().make_context(info_name, args, parent, **extra)

    # Typer's click is vendored privately, so its Context type is not importable: hence Any.
    def invoke(self, ctx: Any) -> Any:
        with _plain_usage_errors():
            return self._invoke(ctx)

    def _invoke(self, ctx: Any) -> Any:
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


_UNHANDLED = object()


class RunacuCommand(TyperCommand):
    """A command whose parameters are converted without pydantic (see `_convert_plainly`)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _convert_plainly(super().get_params(ctx))


def _convert_plainly(params: list[Any]) -> list[Any]:
    """Convert runacu's simple parameter types (text, flags, paths, choices) without pydantic.

    Typer 0.29 builds a pydantic adapter for every parameter, even one not given, which makes
    up much of a command's start-up. runacu's parameters need no more than the conversions
    below; any other value still goes through Typer's own.
    """
    for param in params:
        if getattr(param, "_runacu_plain", False) or not hasattr(param, "type_descriptor"):
            continue
        param.process_value = _plain_process_value(param, param.process_value)
        param._runacu_plain = True
    return params


def _plain_process_value(param: Any, typer_process_value: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    annotation = param.type_descriptor.annotation

    def process_value(ctx: Any, value: Any) -> Any:
        converted = _convert_value(annotation, value, param, ctx)
        if converted is _UNHANDLED:
            return typer_process_value(ctx, value)
        if param.required and param.value_is_missing(converted):
            from typer._click.exceptions import MissingParameter

            raise MissingParameter(ctx=ctx, param=param)
        return param.callback(ctx, param, converted) if param.callback is not None else converted

    return process_value


def _convert_value(annotation: Any, value: Any, param: Any, ctx: Any) -> Any:
    if value is None or (isinstance(annotation, type) and isinstance(value, annotation)):
        return value
    if annotation is Path and isinstance(value, str):
        return Path(value)
    if annotation == list[str] and isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    if isinstance(annotation, type) and issubclass(annotation, StrEnum) and isinstance(value, str):
        for choice in annotation:
            if value in (choice.value, choice.value.casefold()) or value.casefold() == choice.value:
                return choice
        from typer._click.exceptions import BadParameter

        choices = ", ".join(repr(choice.value) for choice in annotation)
        raise BadParameter(f"{value!r} is not one of {choices}.", ctx=ctx, param=param)
    return _UNHANDLED


@contextmanager
def _plain_usage_errors() -> Iterator[None]:
    """A bad option value says what is allowed, without pydantic's "Value error, " that Typer passes on."""
    from typer._click.exceptions import BadParameter

    try:
        yield
    except BadParameter as error:
        error.message = error.message.removeprefix("Value error, ")
        raise


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


#: Every command, declared once: `RunacuGroup` builds the one that runs; the docs and the quick card read it.
commands = typer.Typer()


def declared_commands() -> dict[str, Any]:
    """Command name -> Typer's declaration of it, in the order readers meet them."""
    found = {
        info.name or info.callback.__name__: info for info in commands.registered_commands if info.callback is not None
    }
    return dict(sorted(found.items(), key=lambda item: COMMAND_ORDER.index(item[0])))


COMMAND_ORDER = (
    "benefits", "back-pain", "check", "guide", "contact", "request", "search", "guides", "validate", "schema",
)  # fmt: skip


def short_help(info: Any, limit: int = 45) -> str:
    """A command's first sentence, as Click's help would show it, without building the command."""
    import inspect

    from typer._click.utils import make_default_short_help

    return make_default_short_help(info.help or inspect.getdoc(info.callback) or "", max(limit, 30))


app = typer.Typer(
    cls=RunacuGroup,
    help=DESCRIPTION,
    invoke_without_command=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Session:
    """What every command shares: where output goes and which data is active."""

    terminal: Terminal
    data_dir: Path | None = None
    #: The global --format, for commands not given their own.
    default_format: OutputFormat | None = None

    @cached_property
    def library(self) -> Library:
        from runacu.content.library import Library
        from runacu.words import language

        return Library(self.data_dir, language=language())

    def report(self, message: str, label: str = "") -> None:
        """Each line of `message` on stderr as `runacu: ...`, with no control characters."""
        from runacu.content.text import neutralize

        for line in neutralize(message).splitlines() or [""]:
            self.terminal.err.write(f"runacu: {label}{line}\n" if line else "\n")
        self.terminal.err.flush()

    def show(
        self,
        page: Callable[[], Page],
        data: Callable[[], object],
        options: OutputOptions,
    ) -> None:
        """Write a screen in the chosen format: to --output, through the pager, or straight out."""
        from runacu.views import output
        from runacu.views.pager import show

        output_format = self.format_of(options)
        if "library" in self.__dict__:  # what was loaded in English for want of a translation, said once
            for notice in dict.fromkeys(self.library.notices):
                self.report(notice)
            self.library.notices.clear()
        if options.output is not None:
            self.save(output(self.terminal, output_format, page, data).encode("utf-8"), options.output, "saved_output")
            return
        text = output(self.terminal, output_format, page, data)
        if output_format is OutputFormat.JSON:
            self.terminal.write_utf8(text)
            return
        show(text, self.terminal, options.pager)

    def format_of(self, options: OutputOptions) -> OutputFormat:
        return choose_format(options.output_format or self.default_format, options.as_json, self.terminal)

    def save(self, data: bytes, path: Path, said: str) -> None:
        from runacu.content.text import echo
        from runacu.new_file import check_output_path, write_new_file

        check_output_path(path)
        if not write_new_file(data, path, private=False):
            raise RunacuError(say("output_exists", path=echo(str(path))))
        self.report(say(said, path=echo(str(path))))


@dataclass(frozen=True)
class OutputOptions:
    output_format: OutputFormat | None = None
    as_json: bool = False
    pager: PagerMode = PagerMode.AUTO
    output: Path | None = None


def current(ctx: typer.Context) -> Session:
    found = ctx.find_object(Session)
    if found is None:  # an error before the root callback ran
        found = Session(Terminal.from_environment())
        ctx.obj = found
    return found


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
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format of the quick card, and the default for every command.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (same as --format json).")] = False,
) -> None:
    """runacu: acupuncture and running, from Valencia Sports Medicine."""
    set_language(lang.value if lang is not None else _language_from_environment())
    terminal = ctx.obj if isinstance(ctx.obj, Terminal) else Terminal.from_environment(color=color)
    if color is not ColorMode.AUTO:
        from runacu.views.terminal import color_wanted

        terminal.color = color_wanted(color, terminal.is_terminal)
    ctx.obj = Session(terminal, data_dir, default_format=OutputFormat.JSON if as_json else output_format)
    if ctx.invoked_subcommand is None:
        _quick_card(ctx)


def _quick_card(ctx: typer.Context) -> None:
    from runacu.views.pages import CardCommand, overview_page

    session = current(ctx)
    clinic = session.library.load_clinic()

    def card(entries: tuple[tuple[tuple[str, ...], str], ...]) -> list[CardCommand]:
        return [CardCommand(words, say(key)) for words, key in entries]

    def data() -> object:
        # The shape 0.1 printed: each command's name (the words after `runacu`) and what it does.
        entries = (*CARD_FOR_RUNNERS, *CARD_FOR_CLINIC)
        commands = [{"name": " ".join(words), "help": say(key)} for words, key in entries]
        return {
            "description": DESCRIPTION,
            "commands": commands,
            "clinic": {"name": clinic.name, "phone": clinic.phone.display, "tagline": clinic.tagline},
        }

    session.show(lambda: overview_page(clinic, card(CARD_FOR_RUNNERS), card(CARD_FOR_CLINIC)), data, OutputOptions())


FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format [default: rich on a terminal, plain when piped].",
        case_sensitive=False,
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (same as --format json).")]
ListOption = Annotated[bool, typer.Option("--list", "-l", help="Print the topic slugs, one per line.")]
PagerOption = Annotated[
    bool | None,
    typer.Option(
        "--pager/--no-pager",
        help="Page through $RUNACU_PAGER, $PAGER or less [default: when taller than the terminal].",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to this new file instead.", show_default=False),
]


def _options(
    output_format: OutputFormat | None, as_json: bool, pager: bool | None, output: Path | None = None
) -> OutputOptions:
    if as_json and output_format not in (None, OutputFormat.JSON):
        raise UsageError(say("conflict", first="--json", second="--format"))
    mode = PagerMode.AUTO if pager is None else (PagerMode.ALWAYS if pager else PagerMode.NEVER)
    if output is not None and pager:
        raise UsageError(say("conflict", first="--output", second="--pager"))
    return OutputOptions(output_format, as_json, mode, output)


def _completion_library(ctx: typer.Context) -> Library:
    """The active data while the shell completes a word (the root callback has not run)."""
    from runacu.content.library import Library

    data_dir = ctx.find_root().params.get("data_dir") or os.environ.get("RUNACU_DATA_DIR")
    return Library(Path(data_dir) if data_dir else None)


def _complete_topic(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the topic slugs of the guide the command shows."""
    guide_slug = ctx.params.get("slug") or GUIDE_COMMANDS.get(ctx.info_name or "", "")
    try:
        slugs = _completion_library(ctx).load_guide(guide_slug).topic_slugs
    except RunacuError:
        return []
    return [slug for slug in slugs if slug.startswith(incomplete.lower())]


TopicArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="TOPIC",
        help="A topic: its name, a number, or the start of a name (see --list). Every topic when left out.",
        autocompletion=_complete_topic,
        show_default=False,
    ),
]


def show_guide(ctx: typer.Context, slug: str, topic: str | None, as_list: bool, options: OutputOptions) -> None:
    """What `benefits`, `back-pain` and `guide` share: one guide, all of it, one topic, or its slugs."""
    from runacu.views.pages import guide_page, slugs_page

    session = current(ctx)
    guide = session.library.load_guide(slug)
    if as_list:
        if topic is not None:
            raise UsageError(say("conflict", first="--list", second="TOPIC"))
        session.show(lambda: slugs_page(guide), lambda: guide.topic_slugs, options)
        return
    topics = [guide.find_topic(topic)] if topic is not None else list(enumerate(guide.topics, start=1))
    contact = _clinic_now(session, options)

    def data() -> object:
        from runacu.views.json_view import guide_json

        return guide_json(guide, [found for _, found in topics])

    session.show(lambda: guide_page(guide, topics, contact, opener(guide.slug)), data, options)


def _clinic_now(session: Session, options: OutputOptions) -> ClinicView:
    """The clinic for a call to action: whether it is open now on a screen, not in a handout (Markdown, HTML)."""
    from runacu.clinic.hours import status_at
    from runacu.views.pages import ClinicView

    clinic = session.library.load_clinic()
    if session.format_of(options) not in (OutputFormat.PLAIN, OutputFormat.RICH):
        return ClinicView(clinic, None)
    view = ClinicView(clinic, status_at(clinic, datetime.now(UTC)))
    _expire_with_the_status(view)
    return view


def _examples(*lines: str) -> str:
    # \b keeps Click from re-wrapping the block: each example stays one line to copy.
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


def _guide_command(name: str, slug: str, summary: str, examples: tuple[str, ...]) -> None:
    """Declare the command that shows one built-in guide (`benefits`, `back-pain`)."""

    def show(
        ctx: typer.Context,
        topic: TopicArgument = None,
        as_list: ListOption = False,
        output_format: FormatOption = None,
        as_json: JsonOption = False,
        pager: PagerOption = None,
        output: OutputOption = None,
    ) -> None:
        show_guide(ctx, slug, topic, as_list, _options(output_format, as_json, pager, output))

    show.__doc__ = summary
    commands.command(name, epilog=_examples(*examples))(show)


_guide_command(
    "benefits",
    GUIDE_COMMANDS["benefits"],
    "How acupuncture may help runners: five topics, each with what the evidence shows.",
    ("runacu benefits", "runacu benefits sleep", "runacu benefits 2 --format markdown"),
)
_guide_command(
    "back-pain",
    GUIDE_COMMANDS["back-pain"],
    "Running-induced back pain: causes, how acupuncture may help, the research, prevention, when to see a doctor.",
    ("runacu back-pain", "runacu back-pain doctor", "runacu back-pain research --json"),
)


def _complete_guide(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the guide slugs of the active data."""
    try:
        slugs = _completion_library(ctx).guide_slugs()
    except RunacuError:
        return []
    return [slug for slug in slugs if slug.startswith(incomplete.lower())]


def _complete_checkable_guide(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for `check`: only the guides that have warning signs to check."""
    try:
        library = _completion_library(ctx)
        guides = [library.load_guide(slug) for slug in _complete_guide(ctx, incomplete)]
    except RunacuError:
        return []
    return [guide.slug for guide in guides if any(topic.red_flags for topic in guide.topics)]


@commands.command(epilog=_examples("runacu guide first-visit", "runacu guide first-visit safe", "runacu guides"))
def guide(
    ctx: typer.Context,
    slug: Annotated[
        str,
        typer.Argument(
            metavar="GUIDE",
            help="The guide's name, or its start (see 'runacu guides').",
            autocompletion=_complete_guide,
        ),
    ],
    topic: TopicArgument = None,
    as_list: ListOption = False,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    pager: PagerOption = None,
    output: OutputOption = None,
) -> None:
    """Any guide, such as first-visit or an extra one from --data-dir, shown like 'benefits'."""
    show_guide(ctx, slug, topic, as_list, _options(output_format, as_json, pager, output))


class Cancelled(RunacuError):
    """The reader ended a prompt with Ctrl-D."""

    exit_status = ExitStatus.INTERRUPTED


def ask(session: Session, prompt: str) -> str:
    """One answer typed at a prompt on stderr; Ctrl-D cancels."""
    session.terminal.err.write(prompt)
    session.terminal.err.flush()
    line = sys.stdin.readline()
    if not line:
        session.terminal.err.write("\n")
        raise Cancelled(say("cancelled"))
    return line.rstrip("\r\n")


@commands.command(epilog=_examples("runacu check", "runacu check < /dev/null", "runacu check --json < answers.txt"))
def check(
    ctx: typer.Context,
    slug: Annotated[
        str,
        typer.Argument(
            metavar="GUIDE",
            help="A guide with warning signs [default: back-pain].",
            autocompletion=_complete_checkable_guide,
        ),
    ] = "back-pain",
    output_format: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Walk through the warning signs that need a doctor, most urgent first. Not a diagnosis.

    At a terminal it asks about each sign in turn. Without one, it reads the answers from standard input,
    one per line (y, n or ?), as a script or a kiosk gives them; with no input it shows the whole checklist.
    """
    from runacu.content.models import json_data
    from runacu.content.warning_check import CheckRun
    from runacu.views.pages import check_result_page, checklist_page

    session = current(ctx)
    options = _options(output_format, as_json, False)
    guide = session.library.load_guide(slug)
    topic = next((topic for topic in guide.topics if topic.red_flags), None)
    if topic is None:
        raise UsageError(say("check_no_flags", guide=guide.slug))
    run = CheckRun(topic.red_flags)
    # A format asked for, here or before the command (`runacu --json check`), means no questions are asked.
    format_asked = options.as_json or options.output_format is not None or session.default_format is not None
    interactive = session.terminal.is_interactive and not format_asked
    given = None if session.terminal.is_interactive else _stdin_answers()
    first = next(given, None) if given is not None else None
    if not interactive and first is None:
        levels = [json_data(flags) for flags in topic.red_flags]
        contact = _clinic_now(session, options)
        session.show(lambda: checklist_page(topic, contact), lambda: {"guide": guide.slug, "levels": levels}, options)
        return
    _do_not_store()  # the outcome depends on what was answered
    if given is not None and first is not None:
        _answer_from(run, itertools.chain((first,), given))
    else:
        _ask_each(session, run)
    result = run.result
    assert result is not None
    contact = _clinic_now(session, options)
    prevention = None
    if result.flags is None:
        prevention = next((opener(guide.slug, t.slug) for t in guide.topics if t.slug == "prevention"), None)

    def data() -> object:
        return {
            "guide": guide.slug,
            "outcome": result.outcome,
            "action": result.flags.action if result.flags is not None else None,
            "answers": [{"level": a.level, "sign": a.sign, "answer": a.answer} for a in result.answers],
        }

    session.show(lambda: check_result_page(topic, result, contact, prevention), data, options)


#: An answer is a word or two: a longer line is read no further than this, and is not an answer.
_LONGEST_ANSWER = 1024


def _stdin_answers() -> Iterator[str]:
    """The answers a script gives on standard input, one per line, each read only when it is needed.

    Reading stops as soon as the check is decided, so a kiosk that writes one answer at a time gets
    the outcome at once; blank lines are skipped, and a byte-order mark (as Notepad writes) ignored.
    """
    if sys.stdin is None:
        return
    first = True
    while True:
        try:
            line = sys.stdin.readline(_LONGEST_ANSWER)
        except (OSError, ValueError):  # a closed stdin
            return
        except UnicodeDecodeError:
            raise UsageError(say("check_not_text")) from None
        if not line:
            return
        if first:
            line, first = line.removeprefix("\ufeff"), False
        if line.strip():
            yield line.strip()


def _answer_from(run: CheckRun, given: Iterable[str]) -> None:
    from runacu.content.text import echo
    from runacu.content.warning_check import parse_answer

    answers = iter(given)
    while (question := run.next_question) is not None:  # never reads past the answer that decides
        text = next(answers, None)
        if text is None:
            raise UsageError(say("check_too_few", number=question.number, total=question.total))
        answer = parse_answer(text)
        if answer is None:
            raise UsageError(say("check_bad_answer", number=question.number, answer=echo(text)))
        run.answer(answer)


def _ask_each(session: Session, run: CheckRun) -> None:
    """Ask about each sign, most urgent level first; the first yes (or not sure) ends the check."""
    from runacu.content.warning_check import parse_answer

    session.terminal.err.write(f"{say('check_intro')}\n{say('check_answers')}\n")
    while (question := run.next_question) is not None:
        if question.starts_level:
            first, last = question.level_span
            session.terminal.err.write(f"\n{say(f'check_level_{question.flags.level}', first=first, last=last)}\n")
        prompt = say("check_question", number=question.number, total=question.total, sign=question.sign)
        while (answer := parse_answer(ask(session, f"{prompt} {say('check_prompt')} "))) is None:
            session.terminal.err.write(say("check_again") + "\n")
        run.answer(answer)
    session.terminal.err.write("\n")
    session.terminal.err.flush()


@commands.command(
    epilog=_examples(
        "runacu request",
        "runacu request --topic 3 --contact-method phone",
        'runacu request --name "Jo Runner" --phone "661 555 0123" --email jo@example.com --contact-method email'
        ' --topic research --message "Back pain after long runs"',
    )
)
def request(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(metavar="NAME", help="Your name.", show_default=False)] = None,
    phone: Annotated[
        str | None,
        typer.Option(metavar="PHONE", help="Your phone number (US numbers need no +1).", show_default=False),
    ] = None,
    email: Annotated[str | None, typer.Option(metavar="EMAIL", help="Your email address.", show_default=False)] = None,
    contact_method: Annotated[
        str | None,
        typer.Option(metavar="METHOD", help="How you'd like to be contacted: phone or email.", show_default=False),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(
            metavar="TOPIC",
            help="What it is about: a topic name or number from the list, or 'other'.",
            autocompletion=lambda ctx, incomplete: _complete_request_topic(ctx, incomplete),
            show_default=False,
        ),
    ] = None,
    message: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Your message to the clinic.", show_default=False)
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Save the draft here [default: requests/ in your data folder].",
            show_default=False,
        ),
    ] = None,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ask for an appointment: saves an email draft (.eml) for the clinic. Asks for what is missing."""
    from runacu.clinic.request import (
        DraftExistsError,
        FieldError,
        RequestForm,
        default_directory,
        draft_message,
        draft_text,
        mailto_link,
        save_draft,
    )
    from runacu.content.text import neutralize, neutralize_line
    from runacu.new_file import OutputError
    from runacu.views.pages import Receipt, receipt_page

    session = current(ctx)
    options = _options(output_format, as_json, False)
    library = session.library
    clinic = library.load_clinic()
    topics = [topic for guide in library.load_guides() for topic in guide.topics]
    form = RequestForm(tuple((t.slug, t.title) for t in topics), {t.slug: tuple(t.aliases) for t in topics})
    given = {
        "name": name,
        "phone": phone,
        "email": email,
        "contact_method": contact_method,
        "topic": topic,
        "message": message,
    }
    for field_name, value in given.items():
        if value is not None and _has_bad_bytes(value):
            raise UsageError(f"--{field_name.replace('_', '-')}: " + say(form.field(field_name).invalid))
    if session.terminal.is_interactive:
        if not clinic.email:
            session.report(say("request_no_email", name=clinic.name, phone=clinic.phone.display))
        answers: dict[str, str | None] = {}
        for form_field in form.fields:
            value = given[form_field.name]
            while True:
                if value is not None:
                    try:
                        answers[form_field.name] = form.clean(form_field, value)
                        break
                    except FieldError as error:
                        session.report(f"{form_field.option}: {error}")
                if form_field.choices:
                    _show_choices(session, form_field.choices)
                value = ask(session, f"{say(form_field.prompt)}: ")
        appointment = form.build(answers)
    else:
        appointment = form.build(given)
    draft = draft_message(appointment, form, clinic, datetime.now(UTC))
    try:
        saved = (
            save_draft(draft, path=output) if output is not None else save_draft(draft, directory=default_directory())
        )
    except (OSError, OutputError, DraftExistsError) as error:
        # A read-only home, a full disk, a missing --output folder: nothing the reader typed may be lost.
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        session.report(say("save_failed", reason=reason), "error: ")
        session.terminal.write(neutralize(draft_text(draft)))
        raise typer.Exit(ExitStatus.ERROR) from None

    receipt = Receipt(neutralize(str(saved)), clinic, mailto_link(draft, clinic))
    try:
        session.show(
            lambda: receipt_page(receipt),
            lambda: {"path": str(saved), "mailto": receipt.mailto, "phone": clinic.phone.display},
            options,
        )
        sys.stdout.flush()
    except OSError:  # stdout on a full disk: the receipt is lost, so say on stderr where the draft is
        session.report(f"{say('saved_request')} {neutralize_line(str(saved))}")
        raise


def _has_bad_bytes(value: str) -> bool:
    """An argument that was not valid text in the locale's encoding (`--name $'\\xff'`)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _show_choices(session: Session, choices: tuple[tuple[str, str], ...]) -> None:
    """The choices numbered, wrapped at word boundaries to the terminal's width."""
    import textwrap

    width = session.terminal.text_width
    for number, (value, label) in enumerate(choices, start=1):
        text = f"{label} ({value})" if label.casefold() != value.casefold() else label
        lines = textwrap.wrap(text, max(20, width - 6), break_long_words=False) or [""]
        session.terminal.err.write(f"{number:>3}. {lines[0]}\n")
        for line in lines[1:]:
            session.terminal.err.write(f"     {line}\n")
    session.terminal.err.write(f"     {say('prompt_choose')}\n")


def _complete_request_topic(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for `request --topic`: every topic slug, and 'other'."""
    from runacu.clinic.request import OTHER_TOPIC

    try:
        library = _completion_library(ctx)
        slugs = [topic.slug for guide in library.load_guides() for topic in guide.topics]
    except RunacuError:
        return []
    return [slug for slug in [*slugs, OTHER_TOPIC] if slug.startswith(incomplete.lower())]


@commands.command(epilog=_examples("runacu guides", "runacu guides --json"))
def guides(
    ctx: typer.Context,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    output: OutputOption = None,
) -> None:
    """Every guide, built-in and extra, with its name, title and number of topics."""
    from runacu.views.pages import guides_page

    found = current(ctx).library.summaries()
    current(ctx).show(
        lambda: guides_page(found),
        lambda: [{"slug": g.slug, "title": g.title, "topics": g.topics} for g in found],
        _options(output_format, as_json, None, output),
    )


@commands.command(
    epilog=_examples("runacu contact", "runacu contact --at 2026-12-25T10:00", "runacu contact --vcard -o clinic.vcf")
)
def contact(
    ctx: typer.Context,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="WHEN",
            help="Ask about another moment: YYYY-MM-DDTHH:MM, like 2026-11-23T09:30 (clinic time unless it has"
            " an offset).",
            show_default=False,
        ),
    ] = None,
    as_vcard: Annotated[
        bool, typer.Option("--vcard", help="Print the clinic as a vCard 4.0, to save the number.")
    ] = False,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    pager: PagerOption = None,
    output: OutputOption = None,
) -> None:
    """The clinic's phone number, address and opening hours, and whether it is open now."""
    session = current(ctx)
    if as_vcard:
        for name, given in (("--at", at), ("--format", output_format), ("--json", as_json or None)):
            if given is not None:
                raise UsageError(say("conflict", first="--vcard", second=name))
    options = _options(output_format, as_json, pager, output)
    clinic = session.library.load_clinic()
    if as_vcard:
        _write_vcard(session, clinic, output)
        return
    from runacu.clinic.hours import MomentError, parse_moment, status_at
    from runacu.views.pages import ClinicView, clinic_page

    if at is not None:
        try:
            moment = parse_moment(at, clinic)
        except MomentError as error:
            raise UsageError(say(error.key, **error.params)) from None
        view = ClinicView(clinic, status_at(clinic, moment.at), asked=True, ambiguous=moment.ambiguous)
    else:
        view = ClinicView(clinic, status_at(clinic, datetime.now(UTC)))
        _expire_with_the_status(view)
    chosen = session.format_of(options)
    publishing = chosen in (OutputFormat.MARKDOWN, OutputFormat.HTML)
    if chosen is OutputFormat.JSON and at is None:
        _do_not_store()  # its "at" is this very moment

    def data() -> object:
        from runacu.content.models import json_data

        card: dict[str, object] = json_data(clinic)
        if view.status is not None:
            card["status"] = view.status.to_json()
        return card

    session.show(lambda: clinic_page(view, publishing), data, options)


def _do_not_store() -> None:
    from runacu import output_store

    if output_store.recorder is not None:
        output_store.recorder.spoilt = True


def _expire_with_the_status(view: ClinicView) -> None:
    """A stored copy of `contact` holds until the status changes or the clinic's day ends."""
    from runacu import output_store

    if output_store.recorder is None or view.status is None:
        return
    moment = view.status.moment
    midnight = datetime.combine(moment.date() + timedelta(days=1), datetime.min.time(), tzinfo=moment.tzinfo)
    ends = min(view.status.next_change or midnight, midnight)
    output_store.recorder.expire_at(ends.timestamp())


def _write_vcard(session: Session, clinic: Clinic, output: Path | None) -> None:
    from runacu.clinic.vcard import vcard

    data = vcard(clinic).encode("utf-8")
    if output is None:
        session.terminal.write_bytes(data)
        return
    session.save(data, output, "saved_vcard")


@commands.command(
    epilog=_examples(
        'runacu search "will it hurt?"',
        "runacu search blood flow --json",
        'runacu --lang es search "¿me van a doler las agujas?"',
    )
)
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(metavar="QUERY", help="A question or a few words, in everyday words; not all must appear."),
    ],
    show_all: Annotated[bool, typer.Option("--all", help="Show every topic that answers, each in full.")] = False,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    output: OutputOption = None,
) -> None:
    """Find the topics that answer a question, best first, in the guides' words or yours. Exit 1 if none."""
    from runacu.content.search import search_library
    from runacu.views.pages import SEARCH_SHOWN, search_page, search_warning_line

    session = current(ctx)
    options = _options(output_format, as_json, None, output)
    as_data = session.format_of(options) is OutputFormat.JSON
    result = search_library(session.library, query, language(), None if show_all or as_data else SEARCH_SHOWN)
    guides = session.library.summaries() if not result.hits and not as_data else []
    if as_data and result.warning is not None:  # JSON holds the answers only: the warning still reaches a person
        session.report(search_warning_line(result.warning))

    def data() -> object:
        return [
            {
                "guide": hit.guide_slug,
                "guide_title": hit.guide_title,
                "topic": hit.topic.slug,
                "topic_number": hit.topic_number,
                "title": hit.topic.title,
                "field": hit.field_name,
                "snippet": hit.snippet,
                "command": " ".join(("runacu", *opener(hit.guide_slug, hit.topic.slug))),
                "score": hit.score,
            }
            for hit in result.hits
        ]

    session.show(lambda: search_page(query, result, opener, guides, show_all), data, options)
    if not result.hits:
        raise typer.Exit(ExitStatus.ERROR)


@commands.command(epilog=_examples("runacu validate", "runacu validate mydata", "runacu validate --strict --json"))
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(metavar="DIR", help="A data folder to check [default: the active data].", show_default=False),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 3 on warnings too.")] = False,
    today: Annotated[
        str | None,
        typer.Option(
            "--today", metavar="DATE", help="Check review dates as of this day (YYYY-MM-DD).", show_default=False
        ),
    ] = None,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check every data file; report every problem with file, line and field. Exit 3 if any."""
    from datetime import date

    from runacu.content.library import Library
    from runacu.content.review import review_warnings
    from runacu.content.text import neutralize_line
    from runacu.views.pages import validate_page

    try:
        day = date.fromisoformat(today) if today is not None else datetime.now(UTC).date()
    except ValueError:
        raise UsageError(say("bad_date", option="--today")) from None
    session = current(ctx)
    library = Library(path) if path is not None else session.library
    files = [neutralize_line(str(data_file)) for data_file in library.files()]
    problems = library.check()
    problems += review_warnings(library, day)
    errors = [p for p in problems if not p.warning]

    def data() -> object:
        return {
            "valid": not errors,
            "files": files,
            "problems": [
                {"file": p.file, "line": p.line, "column": p.column, "field": p.field, "message": p.message}
                for p in errors
            ],
            "warnings": [
                {"file": p.file, "line": p.line, "column": p.column, "field": p.field, "message": p.message}
                for p in problems
                if p.warning
            ],
        }

    session.show(lambda: validate_page(files, problems), data, _options(output_format, as_json, False))
    if errors or (strict and problems):
        raise typer.Exit(ExitStatus.INVALID_DATA)


class SchemaKind(StrEnum):
    GUIDE = "guide"
    CLINIC = "clinic"


@commands.command(epilog=_examples("runacu schema guide > guide.schema.json", "runacu schema clinic"))
def schema(
    ctx: typer.Context,
    kind: Annotated[
        SchemaKind, typer.Argument(metavar="KIND", help="Which file's schema: a guide file or the clinic file.")
    ],
) -> None:
    """Print the JSON Schema of a guide file or of the clinic file, for editors to check YAML as it is typed."""
    from runacu.content.schemas import json_schema
    from runacu.views.json_view import to_json

    current(ctx).terminal.write_utf8(to_json(json_schema(kind.value)))


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
