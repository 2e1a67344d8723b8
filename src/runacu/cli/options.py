"""The options and arguments the commands share, each declared once, and the words that open a guide."""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from runacu.cli.session import OutputOptions, current, reader_words
from runacu.errors import RunacuError, UsageError
from runacu.views import OutputFormat
from runacu.views.pager import PagerMode
from runacu.views.terminal import ColorMode, color_wanted
from runacu.words import N_, languages

if TYPE_CHECKING:
    from runacu.content.library import Library
    from runacu.words import Words

#: The commands that show a built-in guide, and the guide each shows (completion and search use this).
GUIDE_COMMANDS = {"benefits": "benefits", "back-pain": "back-pain"}


def opener(guide_slug: str, topic_slug: str | None = None) -> tuple[str, ...]:
    """The words after `runacu` that open a guide (or one of its topics)."""
    command = next((name for name, slug in GUIDE_COMMANDS.items() if slug == guide_slug), None)
    words = (command,) if command else ("guide", guide_slug)
    return (*words, topic_slug) if topic_slug else words


def examples(*lines: str) -> str:
    """A command's epilog: runnable examples (each said in the reader's language when marked with `N_`)."""
    # \b keeps Click from re-wrapping the block: each example stays one line to copy.
    return N_("Examples:") + "\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


if TYPE_CHECKING:
    Language = StrEnum
else:
    #: --lang's choices: English and each language runacu has a catalog for (found, not listed: a new catalog is a
    #: new choice).
    Language = StrEnum("Language", {code.upper(): code for code in languages()})


def _format_option(help: str) -> Any:
    return typer.Option("--format", "-f", help=help, case_sensitive=False, show_default=False)


FormatOption = Annotated[
    OutputFormat | None, _format_option(N_("Output format [default: rich on a terminal, plain when piped]."))
]
#: The root's --format, before the command: the quick card's format, and every command's default.
DefaultFormatOption = Annotated[
    OutputFormat | None, _format_option(N_("Output format of the quick card, and the default for every command."))
]
JsonOption = Annotated[bool, typer.Option("--json", help=N_("Print JSON (same as --format json)."))]
PagerOption = Annotated[
    bool | None,
    typer.Option(
        "--pager/--no-pager",
        help=N_("Page through $RUNACU_PAGER, $PAGER or less [default: when taller than the terminal]."),
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar=N_("FILE"), help=N_("Write to this new file instead."), show_default=False),
]
ListOption = Annotated[bool, typer.Option("--list", "-l", help=N_("Print the topic slugs, one per line."))]
#: The root's global options as every command takes them after its name too (`runacu benefits --lang es`): read
#: after the root's, so the one after the command wins. Hidden: a command's help lists the root's, as the root
#: declares them (`SaidHelp` in cli/click_words.py).
_AfterDataDirOption = Annotated[Path | None, typer.Option("--data-dir", metavar=N_("DIR"), hidden=True)]
_AfterColorOption = Annotated[ColorMode | None, typer.Option("--color", hidden=True)]
_AfterLangOption = Annotated[Language | None, typer.Option("--lang", hidden=True)]


class OutputFlags(NamedTuple):
    """--format, --json, --pager and --output as typed; `options()` checks they go together."""

    output_format: OutputFormat | None
    as_json: bool
    #: --pager/--no-pager; None: page when taller than the terminal.
    pager: bool | None
    output: Path | None

    def options(self, words: Words) -> OutputOptions:
        """The options, or a usage error (in `words`, the reader's language) naming two that do not go together."""
        if self.as_json and self.output_format not in (None, OutputFormat.JSON):
            raise UsageError(
                words.say("{first} and {second} cannot be used together", first="--json", second="--format")
            )
        mode = PagerMode.AUTO if self.pager is None else (PagerMode.ALWAYS if self.pager else PagerMode.NEVER)
        if self.output is not None and self.pager:
            raise UsageError(
                words.say("{first} and {second} cannot be used together", first="--output", second="--pager")
            )
        return OutputOptions(self.output_format, self.as_json, mode, self.output)


#: The shared options, in the order --help lists them, as parameters of a command's signature.
_SHARED_PARAMETERS = {
    option: inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
    for option, name, annotation, default in (
        ("--format", "output_format", FormatOption, None),
        ("--json", "as_json", JsonOption, False),
        ("--pager", "pager", PagerOption, None),
        ("--output", "output", OutputOption, None),
        ("--data-dir", "global_data_dir", _AfterDataDirOption, None),
        ("--color", "global_color", _AfterColorOption, None),
        ("--lang", "global_lang", _AfterLangOption, None),
    )
}
_GLOBAL = ("--data-dir", "--color", "--lang")


def output_options(*offered: str, page: bool = True) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command --format and --json, and those of --pager and --output `offered`, after its own, and the
    global options (`global_options`).

    The command takes them as one keyword argument, `flags: OutputFlags`. Without --pager its screens are
    paged when taller than the terminal, or never with `page=False` (a command that asks or reads stdin).
    """
    return lambda command: _WithSharedOptions(command, ("--format", "--json", *offered), page)


def global_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command (one with a `ctx` parameter) the root's --data-dir, --color and --lang after its name too:
    given there, they are the session's, whatever was given before the command."""
    return _WithSharedOptions(command, (), page=False)


class _WithSharedOptions:
    """A command with shared options after its own parameters (see `output_options`, `global_options`)."""

    def __init__(self, command: Callable[..., None], offered: tuple[str, ...], page: bool) -> None:
        functools.update_wrapper(self, command, assigned=("__module__", "__name__", "__qualname__", "__doc__"))
        self._command, self._offered, self._page = command, offered, page
        self.__annotations__: dict[str, Any] = {}  # what typing.get_type_hints reads: the signature has them all

    # Typer reads a command's parameters from its signature when it builds the command: worked out only then,
    # so `runacu --help`, which reads every command's summary, evaluates no annotations.
    @functools.cached_property
    def __signature__(self) -> inspect.Signature:
        own = inspect.signature(self._command, eval_str=True).parameters.values()
        shared = [_SHARED_PARAMETERS[option] for option in (*self._offered, *_GLOBAL)]
        return inspect.Signature([*(p for p in own if p.name != "flags"), *shared])

    def __call__(self, **given: Any) -> None:
        _take_global_options(
            given["ctx"], given.pop("global_data_dir"), given.pop("global_color"), given.pop("global_lang")
        )
        if "--format" not in self._offered:
            self._command(**given)
            return
        flags = OutputFlags(
            given.pop("output_format"),
            given.pop("as_json"),
            given.pop("pager") if "--pager" in self._offered else (None if self._page else False),
            given.pop("output") if "--output" in self._offered else None,
        )
        self._command(**given, flags=flags)


def _take_global_options(ctx: typer.Context, data_dir: Path | None, color: ColorMode | None, lang: str | None) -> None:
    """The global options given after the command: the session's now, over those given before it."""
    if data_dir is None and color is None and lang is None:
        return
    session = current(ctx)
    if lang is not None:
        session.words = reader_words(lang)
    if data_dir is not None:
        session.data_dir = data_dir
    if lang is not None or data_dir is not None:
        session.__dict__.pop("library", None)  # read while parsing (a usage error's list): read again, as asked
    if color is not None:
        session.terminal.color = color_wanted(color, session.terminal.is_terminal)


def guide_argument(help: str, complete: Callable[[typer.Context, str], list[str]]) -> Any:
    """GUIDE: the guide a command shows or checks, completed from the active data."""
    return typer.Argument(metavar=N_("GUIDE"), help=help, autocompletion=complete)


def completion_library(ctx: typer.Context) -> Library:
    """The active data while the shell completes a word (the root callback has not run)."""
    from runacu.content.library import Library

    given = ctx.params.get("global_data_dir") or ctx.find_root().params.get("data_dir")
    data_dir = given or os.environ.get("RUNACU_DATA_DIR")
    return Library(Path(data_dir) if data_dir else None)


def complete_guide(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the guide slugs of the active data."""
    try:
        slugs = completion_library(ctx).guide_slugs()
    except RunacuError:
        return []
    return [slug for slug in slugs if slug.startswith(incomplete.lower())]


def _complete_topic(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the topic slugs of the guide the command shows."""
    guide_slug = ctx.params.get("slug") or GUIDE_COMMANDS.get(ctx.info_name or "", "")
    try:
        slugs = completion_library(ctx).load_guide(guide_slug).topic_slugs
    except RunacuError:
        return []
    return [slug for slug in slugs if slug.startswith(incomplete.lower())]


TopicArgument = Annotated[
    str | None,
    typer.Argument(
        metavar=N_("TOPIC"),
        help=N_("A topic: its name, a number, or the start of a name (see --list). Every topic when left out."),
        autocompletion=_complete_topic,
        show_default=False,
    ),
]
