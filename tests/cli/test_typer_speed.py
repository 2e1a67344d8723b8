"""runacu.cli.typer_speed leans on Typer's private names: each test says which one a newer Typer changed."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
import typer
import typer.main
import typer.models
from hypothesis import given, settings
from hypothesis import strategies as st
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


def test_a_mistyped_command_is_suggested_from_every_declared_command(group: Any) -> None:
    result = run("benefts")
    assert result.exit_code == ExitStatus.USAGE, changed("TyperGroup.resolve_command")
    assert "No such command 'benefts'. Did you mean 'benefits'?" in result.stderr, changed("the usage error's message")
    assert group.commands == {}, changed("TyperGroup.resolve_command (it built commands)")


def test_typer_bad_parameter_is_still_a_usage_error() -> None:
    assert issubclass(typer.BadParameter, typer.TyperException), changed("typer.BadParameter's base")
    error = typer.BadParameter("'x' is not one of 'a'.", ctx=None, param=None)
    error.message = error.message.removeprefix("'x' ")
    assert error.message == "is not one of 'a'.", changed("typer.BadParameter.message")


def test_a_choice_is_checked_without_pydantic() -> None:
    result = run("--color", "purple")
    assert result.exit_code == ExitStatus.USAGE
    assert "'purple' is not one of 'auto', 'always', 'never'." in result.stderr, changed("BadParameter")
    assert run("--format", "PLAIN", "guides").exit_code == 0, changed("TyperOption.type_descriptor")


def test_a_missing_argument_is_still_missing() -> None:
    result = run("search")
    assert result.exit_code == ExitStatus.USAGE, changed("the missing-parameter error")
    assert "Missing argument 'QUERY'." in result.stderr, changed("the missing-parameter error")


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


@pytest.mark.slow
@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(text=st.text(alphabet=st.sampled_from("ab .,\n"), max_size=80), limit=st.integers(0, 60))
def test_the_short_help_is_clicks_first_sentence(text: str, limit: int) -> None:
    """runacu's port of Click's `make_default_short_help` (not public in Typer) gives what Click gives."""
    from typer._click.utils import make_default_short_help

    from runacu.cli.typer_speed import _short_help

    declared = typer.models.CommandInfo(help=text)
    assert _short_help(declared, limit) == make_default_short_help(text, max(limit, 30))


def test_get_command_from_info_still_builds_one_command(group: Any) -> None:
    name = "typer.main.get_command_from_info"
    built = getattr(typer.main, "get_command_from_info", None)
    assert built is not None, changed(f"{name} (runacu falls back to building a one-command app)")
    assert isinstance(group.get_command(None, "benefits"), PlainCommand), changed(name)


def test_the_public_fallback_builds_the_same_command(group: Any) -> None:
    """Were get_command_from_info gone, a one-command Typer app built publicly gives the same command."""
    from runacu.cli.app import declared_command
    from runacu.cli.typer_speed import build_publicly

    for name in ("benefits", "search", "contact"):
        built = group.get_command(None, name)
        fallback = build_publicly(declared_command(name))
        assert isinstance(fallback, PlainCommand)
        assert [(p.name, p.opts) for p in fallback.params] == [(p.name, p.opts) for p in built.params]
        assert (fallback.name, fallback.help) == (built.name, built.help)


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
