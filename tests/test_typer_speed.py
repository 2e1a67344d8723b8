"""runacu.cli.typer_speed leans on Typer's private names: each test says which one a newer Typer changed."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from runacu.cli import app
from runacu.cli.typer_speed import PlainCommand
from runacu.exit_status import ExitStatus
from tests.conftest import run

TYPER = ".".join(typer.__version__.split(".")[:2])


def changed(name: str) -> str:
    return f"typer {TYPER} changed {name}: see cli/typer_speed.py"


def parameters(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


@pytest.fixture
def group() -> Any:
    """runacu's root group, as Typer builds it (public API), before any command is built."""
    return typer.main.get_command(app)


@pytest.mark.parametrize(
    "method",
    ["list_commands", "get_command", "format_commands", "shell_complete", "get_params", "make_context", "invoke"],
)
def test_the_group_methods_it_overrides_still_exist(method: str) -> None:
    assert callable(getattr(TyperGroup, method, None)), changed(f"TyperGroup.{method}")


def test_get_command_from_info_builds_a_command_from_its_declaration(group: Any) -> None:
    name = "typer.main.get_command_from_info"
    built = getattr(typer.main, "get_command_from_info", None)
    assert built is not None, changed(name)
    signature = inspect.signature(built)
    assert list(signature.parameters) == ["command_info", "pretty_exceptions_short", "rich_markup_mode"], changed(name)
    keyword_only = [p.name for p in signature.parameters.values() if p.kind is inspect.Parameter.KEYWORD_ONLY]
    assert keyword_only == ["pretty_exceptions_short", "rich_markup_mode"], changed(name)
    assert isinstance(group.get_command(None, "benefits"), PlainCommand), changed(f"{name} (its cls)")
    assert issubclass(PlainCommand, TyperCommand), changed("typer.core.TyperCommand")


def test_click_resolve_command_still_resolves_and_fails_with_a_usage_error() -> None:
    name = "TyperGroup._click_resolve_command"
    method = getattr(TyperGroup, "_click_resolve_command", None)
    assert method is not None, changed(name)
    assert parameters(method) == ["self", "ctx", "args"], changed(name)
    result = run("benefts")
    assert result.exit_code == ExitStatus.USAGE, changed(name)
    assert "No such command 'benefts'. Did you mean 'benefits'?" in result.stderr, changed(f"{name} (its message)")


def test_the_usage_errors_still_take_a_context_and_a_parameter() -> None:
    from typer._click.exceptions import BadParameter, MissingParameter, UsageError

    assert issubclass(MissingParameter, BadParameter) and issubclass(BadParameter, UsageError), changed(
        "typer._click.exceptions"
    )
    assert issubclass(UsageError, typer.TyperException), changed("typer._click.exceptions.UsageError's base")
    error = BadParameter("'x' is not one of 'a'.", ctx=None, param=None)
    error.message = error.message.removeprefix("'x' ")
    assert error.message == "is not one of 'a'.", changed("typer._click.exceptions.BadParameter.message")
    assert {"ctx", "param"} <= set(parameters(MissingParameter)), changed("typer._click.exceptions.MissingParameter")


def test_a_choice_is_checked_without_pydantic() -> None:
    result = run("--color", "purple")
    assert result.exit_code == ExitStatus.USAGE
    assert "'purple' is not one of 'auto', 'always', 'never'." in result.stderr, changed("BadParameter")
    assert run("--format", "PLAIN", "guides").exit_code == 0, changed("TyperOption.type_descriptor")


def test_a_missing_argument_is_still_missing() -> None:
    result = run("search")
    assert result.exit_code == ExitStatus.USAGE, changed("typer._click.exceptions.MissingParameter")
    assert "Error: Missing argument 'QUERY'." in result.stderr, changed("typer._click.exceptions.MissingParameter")


def test_the_parameters_it_converts_keep_their_typer_attributes(group: Any) -> None:
    command = group.get_command(None, "search")
    params = command.get_params(typer.Context(command))
    for param in params:
        if param.name == "help":
            continue
        descriptor = getattr(param, "type_descriptor", None)
        assert descriptor is not None and hasattr(descriptor, "annotation"), changed(f"{param.name}.type_descriptor")
        for attribute in ("required", "callback", "value_is_missing"):
            assert hasattr(param, attribute), changed(f"TyperParameter.{attribute}")
        assert getattr(param, "_runacu_plain", False), changed(f"{param.name}.process_value (not replaced)")
    query = next(param for param in params if param.name == "query")
    assert query.type_descriptor.annotation == list[str], changed("TyperArgument.type_descriptor.annotation")


def test_make_default_short_help_still_gives_the_first_sentence() -> None:
    from typer._click.utils import make_default_short_help

    name = "typer._click.utils.make_default_short_help"
    assert parameters(make_default_short_help) == ["help", "max_length"], changed(name)
    assert make_default_short_help("One sentence. Another one.", 1000) == "One sentence.", changed(name)


def test_completion_of_command_names_builds_no_command(group: Any) -> None:
    from typer._click.shell_completion import CompletionItem

    assert {"value", "type", "help"} <= set(parameters(CompletionItem)), changed(
        "typer._click.shell_completion.CompletionItem"
    )
    # `super(TyperGroup, self).shell_complete` is Click's Command's: the group's own options only.
    assert "shell_complete" in vars(TyperGroup.__mro__[1]), changed("TyperGroup's base class")
    context = group.make_context("runacu", [], resilient_parsing=True)
    offered = {item.value: item.help for item in group.shell_complete(context, "b")}
    assert set(offered) == {"benefits", "back-pain"}, changed("CompletionItem")
    assert offered["benefits"].startswith("How acupuncture may help runners"), changed("CompletionItem.help")
    assert [item.value for item in group.shell_complete(context, "--vers")] == ["--version"], changed(
        "Command.shell_complete"
    )
    assert group.commands == {}, changed("TyperGroup.commands")
