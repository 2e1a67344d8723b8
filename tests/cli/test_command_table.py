"""The command table (`runacu.command_table`) the fast path reads is the CLI's own: it cannot drift from it.

The page store replays a run only when the table says it may. These tests tie the table to the real
options, and show that what the table does not know (a new root option, a new command) is never
replayed: at worst a run is not stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main

from runacu import command_table
from runacu.cli import app
from runacu.command_table import COMMANDS, replayable


@pytest.fixture(scope="module")
def root() -> Any:
    """The root group, as Typer builds it (public API). Typer's vendored Click has no public types: hence Any."""
    return typer.main.get_command(app)


def _options(command: Any) -> list[Any]:
    return [param for param in command.params if param.param_type_name == "option"]


def _command(root: Any, name: str) -> Any:
    found = root.get_command(None, name)
    assert found is not None, name
    return found


def _is_path(option: Any) -> bool:
    return option.type_descriptor.annotation in (Path, Path | None)


def test_the_table_lists_every_command_of_the_cli(root: Any) -> None:
    assert root.list_commands(None) == list(COMMANDS)
    for name in COMMANDS:
        assert _command(root, name).name == name


def test_the_table_knows_every_root_option_and_whether_it_takes_a_value(root: Any) -> None:
    with_value, flags = set(), set()
    for option in _options(root):
        names = {*option.opts, *option.secondary_opts}
        (flags if option.is_flag or option.count else with_value).update(names)
    assert with_value == command_table.ROOT_OPTIONS_WITH_VALUE
    # Every flag is known, as harmless or as one that writes (completion installs a script): none is unknown.
    writes = {"--install-completion", "--show-completion"}
    assert flags | {"--help", "-h"} == command_table.ROOT_FLAGS | writes  # help is added by Click itself
    for flag in writes:
        assert not replayable([flag])


def test_every_path_option_is_known_as_read_or_written(root: Any) -> None:
    """A new option naming a file is not replayed until someone says it only reads."""
    after_the_command = command_table.ROOT_PATHS_READ & command_table.GLOBAL_OPTIONS
    for command in [root, *(_command(root, name) for name in COMMANDS)]:
        for option in _options(command):
            if _is_path(option):
                names = set(option.opts)
                known = command_table.ROOT_PATHS_READ if command is root else command_table.FILE_OPTIONS
                assert names <= known | (set() if command is root else after_the_command), (command.name, names)


def test_every_command_takes_the_global_options_the_table_names(root: Any) -> None:
    """What the fast path reads after the command (`data_dir_of`) is what the commands take there: the root's
    options of those names, each taking a value."""
    by_name = {name: option for option in _options(root) for name in option.opts}
    assert command_table.GLOBAL_OPTIONS <= command_table.ROOT_OPTIONS_WITH_VALUE
    for name in COMMANDS:
        taken = {opt: option for option in _options(_command(root, name)) for opt in option.opts}
        for global_name in command_table.GLOBAL_OPTIONS:
            option = taken.get(global_name)
            assert option is not None, (name, global_name)
            assert not option.is_flag and option.hidden, (name, global_name)  # its help is the root's
            assert option.envvar is None, (name, global_name)  # the root reads the variable, once
            assert option.type_descriptor.annotation == by_name[global_name].type_descriptor.annotation, name


def test_a_replayable_command_asks_nothing(root: Any) -> None:
    for name, (_, stored) in COMMANDS.items():
        if stored:
            assert not any(option.prompt for option in _options(_command(root, name))), name


@pytest.mark.parametrize("name", [name for name, (_, stored) in COMMANDS.items() if not stored])
def test_a_command_that_asks_or_writes_is_never_replayed(name: str) -> None:
    assert not replayable([name])
    assert not replayable(["--lang", "es", name])
    assert not replayable(["--format=json", name, "--help"])


def test_a_new_value_taking_root_option_is_not_read_as_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """`runacu --profile check benefits`: were `--profile` unknown to take a value, `check` would be its value
    and `benefits` the command. Unknown, it makes the run not replayable instead."""
    assert replayable(["--lang", "es", "benefits"])
    assert not replayable(["--profile", "request", "benefits"])
    assert not replayable(["--profile=x", "benefits"])
    assert not replayable(["-p", "benefits"])


def test_a_new_command_is_not_replayed_until_the_table_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not replayable(["survey"])
    monkeypatch.setitem(COMMANDS, "survey", ("survey", False))
    assert not replayable(["survey"])


@pytest.mark.parametrize(
    "args",
    [
        ["benefits", "-o", "out.txt"],
        ["benefits", "--output", "out.txt"],
        ["benefits", "--output=out.txt"],
        ["benefits", "-lo", "slugs.txt"],
        ["back-pain", "-loslugs.txt"],
        ["--install-completion"],
        ["--", "benefits"],
    ],
)
def test_a_run_that_writes_a_file_is_never_replayed(args: list[str]) -> None:
    assert not replayable(args)


@pytest.mark.parametrize(
    "args",
    [[], ["--help"], ["benefits"], ["-fjson", "guides"], ["--color", "never", "contact"], ["search", "knee", "pain"]],
)
def test_what_only_reads_is_replayable(args: list[str]) -> None:
    assert replayable(args)


def test_the_data_folder_of_a_run_is_read_as_click_reads_it() -> None:
    assert command_table.data_dir_of(["--data-dir", "a", "--data-dir=b", "guides"], {}) == "b"
    assert command_table.data_dir_of(["guides"], {"RUNACU_DATA_DIR": "env"}) == "env"
    assert command_table.data_dir_of(["guides"], {"RUNACU_DATA_DIR": ""}) is None
    assert command_table.data_dir_of(["--data-dir=", "guides"], {"RUNACU_DATA_DIR": "env"}) == ""  # the working dir
    completing = {"_RUNACU_COMPLETE": "complete_bash", "COMP_WORDS": "runacu --data-dir mine benefits "}
    assert command_table.data_dir_of([], completing) == "mine"
    completing = {"_RUNACU_COMPLETE": "complete_bash", "COMP_WORDS": "runacu contact --data-dir mine --"}
    assert command_table.data_dir_of([], completing) == "mine"


@pytest.mark.parametrize(
    ("args", "read"),
    [
        (["contact", "--data-dir", "after"], "after"),
        (["--data-dir", "before", "contact", "--data-dir", "after"], "after"),  # the one after the command wins
        (["--data-dir", "before", "contact", "--data-dir=after"], "after"),
        (["--data-dir", "before", "search", "knee", "--", "--data-dir", "word"], "before"),  # `--` ends options
        (["search", "--data-dir", "a", "--", "--data-dir", "b"], "a"),
        (["--", "guides", "--data-dir", "after"], "after"),  # the root's `--`: the command's options still come
        (["guides", "--lang", "--data-dir"], None),  # `--lang`'s value (not a language: Click says so)
        (["guides", "--data-dir", "--lang"], "--lang"),  # a folder named --lang, as Click reads it
        (["guides", "--data-dir"], None),  # no value: Click says so, nothing is stored
        (["-f", "--data-dir", "guides"], None),  # the value of -f
    ],
)
def test_a_data_folder_after_the_command_is_read_as_click_reads_it(args: list[str], read: str | None) -> None:
    assert command_table.data_dir_of(args, {}) == read


def test_the_language_is_read_before_and_after_the_command() -> None:
    assert command_table.global_option(["--lang", "es", "benefits"], "--lang") == "es"
    assert command_table.global_option(["--lang=en", "benefits", "--lang", "es"], "--lang") == "es"
    assert command_table.global_option(["search", "--", "--lang", "es"], "--lang") is None
    assert command_table.global_option(["benefits", "--color", "never"], "--lang") is None
