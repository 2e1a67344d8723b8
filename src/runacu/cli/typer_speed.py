"""Start-up speed through Typer's internals: the one module that uses Typer's or its vendored Click's private names.

Typer builds the Click command of every command at start-up, with a pydantic adapter for each of their
parameters, given or not. `LazyGroup` builds only the command that runs (or whose help or completion is
asked for), reading the others' names and summaries from their declarations, and `PlainCommand` converts
runacu's simple parameter types (text, flags, paths, choices) without pydantic.

Measured with Typer 0.29.2 and CPython 3.11 on a shared 2-core machine, `runacu benefits` (first run,
stdout not a terminal), 20 runs alternated, twice: wall time median 136 ms with this module, 235-249 ms
without it (every command built, Typer's pydantic conversion); CPU time 132 ms against 233-241 ms. It
saves about 100 ms, over 40% of a first run. Building only the command that runs but converting through
pydantic saves little (229-235 ms): the pydantic adapters are most of the cost.

When a newer Typer changes any name used here, tests/test_typer_speed.py says which.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from typer.models import CommandInfo

_UNHANDLED = object()


class LazyGroup(TyperGroup):
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
            from typer.main import get_command_from_info

            info = self.declaration(cmd_name)
            if not (isinstance(info.cls, type) and issubclass(info.cls, PlainCommand)):
                info.cls = PlainCommand
            self.commands[cmd_name] = get_command_from_info(info, pretty_exceptions_short=False, rich_markup_mode=None)
        return self.commands[cmd_name]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """As Typer's, but suggesting from every declared command, built or not."""
        from typer._click.exceptions import UsageError as ClickUsageError

        try:
            return self._click_resolve_command(ctx, args)
        except ClickUsageError as error:
            import difflib

            if args and (matches := difflib.get_close_matches(args[0], self.list_commands(ctx))):
                suggestions = ", ".join(f"{match!r}" for match in matches)
                error.message = f"{error.message.rstrip('.')}. Did you mean {suggestions}?"
            raise

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        # The whole first sentence, wrapped by the formatter: a description is never cut off.
        rows = [(name, _short_help(self.declaration(name), 1000)) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        from typer._click.shell_completion import CompletionItem

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


class PlainCommand(TyperCommand):
    """A command whose parameters are converted without pydantic (see `_convert_plainly`)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _convert_plainly(super().get_params(ctx))


def _short_help(info: CommandInfo, limit: int = 45) -> str:
    """A command's first sentence, as Click's help would show it, without building the command."""
    import inspect

    from typer._click.utils import make_default_short_help

    return make_default_short_help(info.help or inspect.getdoc(info.callback) or "", max(limit, 30))


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
