"""Start-up speed through Typer's internals: the one module that uses names Typer does not document at run
time (help_layout.py names Click's help formatter for the type checker only).

Typer builds the Click command of every command at start-up, with a pydantic adapter for each of their
parameters, given or not. `LazyGroup` builds only the command that runs (or whose help or completion is
asked for), reading the others' names and summaries from their declarations, and `PlainCommand` converts
runacu's simple parameter types (text, flags, paths, choices) without pydantic.

Measured with Typer 0.29.2 and CPython 3.11 on a shared 2-core machine, `runacu benefits` (first run,
stdout not a terminal), 20 runs alternated, twice: wall time median 136 ms with this module, 235-249 ms
without it (every command built, Typer's pydantic conversion); CPU time 132 ms against 233-241 ms. It
saves about 100 ms, over 40% of a first run. Building only the command that runs but converting through
pydantic saves little (229-235 ms): the pydantic adapters are most of the cost.

Every name used here that Typer does not document is feature-detected, with Typer's public way as the
fallback: a newer Typer that changes one makes runacu slower, never wrong. Which names, and whether
this Typer still has them: tests/cli/test_typer_speed.py, each test naming what changed.
- `typer.main.get_command_from_info` (build one command; else a one-command Typer app, built publicly);
- `typer._click.shell_completion.CompletionItem` (complete without building commands; else Click's own);
- a parameter's `process_value` and `type_descriptor` (convert without pydantic; else Typer's own).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from gettext import gettext as _
from gettext import ngettext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from runacu.cli.click_words import SaidHelp, said, say_command

if TYPE_CHECKING:
    from typer.models import CommandInfo

_UNHANDLED = object()


class LazyGroup(SaidHelp, TyperGroup):
    """A group whose commands are built when used; a subclass names them (`list_commands`) and declares each.

    Typer's vendored Click has no public Context type: hence Any.
    """

    def declaration(self, name: str) -> CommandInfo:
        """Typer's declaration of the command `name` (one of `list_commands`)."""
        raise NotImplementedError

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            if cmd_name not in self.list_commands(ctx):
                return None
            info = self.declaration(cmd_name)
            if not (isinstance(info.cls, type) and issubclass(info.cls, PlainCommand)):
                info.cls = PlainCommand
            self.commands[cmd_name] = _build(info)
        command = self.commands[cmd_name]
        say_command(command)  # in this run's language: a command is built once and may run again
        return command

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """As Typer's, but suggesting from every declared command, built or not (Typer knows only the built), in
        the reader's words (the group is made with `suggest_commands=False`)."""
        try:
            return super().resolve_command(ctx, args)
        except typer.TyperException as error:
            import difflib

            message = getattr(error, "message", None)
            matches = difflib.get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if isinstance(message, str) and matches:
                suggestions = ", ".join(f"{match!r}" for match in matches)
                error.message = f"{message.rstrip('.')}. " + _("Did you mean {suggestions}?").format(
                    suggestions=suggestions
                )
            raise

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        # The whole first sentence, wrapped by the formatter: a description is never cut off.
        rows = [(name, _short_help(self.declaration(name), 1000)) for name in self.list_commands(ctx)]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        try:
            from typer._click.shell_completion import CompletionItem
        except ImportError:  # a Typer without it: Click's way, building each command
            return list(super().shell_complete(ctx, incomplete))
        names = [name for name in self.list_commands(ctx) if name.startswith(incomplete)]
        items = [CompletionItem(name, help=_short_help(self.declaration(name))) for name in names]
        # The group's own options, as Click would offer them; never building a command.
        return items + list(super(TyperGroup, self).shell_complete(ctx, incomplete))

    def get_params(self, ctx: Any) -> list[Any]:
        return _convert_plainly(super().get_params(ctx))

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        with _plain_usage_errors():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        with _plain_usage_errors():
            return super().invoke(ctx)


class PlainCommand(SaidHelp, TyperCommand):
    """A command whose parameters are converted without pydantic (see `_convert_plainly`)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _convert_plainly(super().get_params(ctx))


def _build(info: CommandInfo) -> Any:
    """The Click command of one declaration."""
    try:
        from typer.main import get_command_from_info

        return get_command_from_info(info, pretty_exceptions_short=False, rich_markup_mode=None)
    except (ImportError, TypeError):  # a Typer that moved or changed it
        return build_publicly(info)


def build_publicly(info: CommandInfo) -> Any:
    """The Click command of one declaration, through Typer's public API: a one-command app, built."""
    single = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)
    single.registered_commands.append(info)
    return typer.main.get_command(single)


def _short_help(info: CommandInfo, limit: int = 45) -> str:
    """A command's first sentence, as Click's help shows it, without building the command.

    Click's own rule (`make_default_short_help`, not public in Typer): the first paragraph up to its
    first full stop, or cut at a word boundary with "..." when longer than `limit`.
    """
    import inspect

    limit = max(limit, 30)
    words = said(info.help or inspect.getdoc(info.callback) or "").split("\n\n")[0].split()
    if words[:1] == ["\b"]:
        words = words[1:]
    length = 0
    for index, word in enumerate(words):
        length += len(word) + (index > 0)
        if length > limit or (length == limit and index != len(words) - 1):
            break
        if word.endswith("."):
            return " ".join(words[: index + 1])
    else:
        return " ".join(words)
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) + 3 > limit:
            break
        kept.append(word)
    return " ".join(kept) + "..."


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
            return typer_process_value(ctx, value)  # Typer's own error for it
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
        choices = ", ".join(repr(choice.value) for choice in annotation)
        message = ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", len(annotation))
        raise typer.BadParameter(message.format(value=value, choice=choices, choices=choices), ctx=ctx, param=param)
    return _UNHANDLED


@contextmanager
def _plain_usage_errors() -> Iterator[None]:
    """A bad option value says what is allowed, without pydantic's "Value error, " that Typer passes on."""
    try:
        yield
    except typer.BadParameter as error:
        error.message = error.message.removeprefix("Value error, ")
        raise
