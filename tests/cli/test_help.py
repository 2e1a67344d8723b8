"""`--help`: usage lines that name their arguments, examples that work, whole first sentences."""

from __future__ import annotations

import re

import pytest

from tests.cli.conftest import read_only_run
from tests.conftest import COMMAND_NAMES, one_line, run

# Help


def help_of(*command: str) -> str:
    result = read_only_run(*command, "--help")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_help_usage_names_the_arguments() -> None:
    assert re.search(r"^Usage: \S+ benefits \[OPTIONS\] \[TOPIC\]$", help_of("benefits"), re.MULTILINE)
    assert re.search(r"^Usage: \S+ back-pain \[OPTIONS\] \[TOPIC\]$", help_of("back-pain"), re.MULTILINE)


def test_contact_help_names_when_and_its_format() -> None:
    text = one_line(help_of("contact"))
    assert "--at WHEN" in text
    assert "YYYY-MM-DDTHH:MM" in text


def test_search_help_shows_query_with_one_ellipsis() -> None:
    usage = help_of("search").splitlines()[0]
    shown = usage.replace("{", "").replace("}", "")  # Typer marks a required argument with braces
    assert shown.endswith(" QUERY..."), usage
    assert "QUERY...." not in shown, f"one ellipsis, not two: {usage}"


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_usage_names_arguments_in_capitals(command: str) -> None:
    usage = help_of(command).splitlines()[0]
    words = re.findall(r"[\[{]([^\]}]+)[\]}]", usage)
    for word in words:
        assert word == word.upper(), f"argument {word!r} in {usage!r}"


def _examples(text: str) -> list[str]:
    assert "Examples:" in text
    return [line.strip() for line in text.split("Examples:")[-1].splitlines() if line.strip()]


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_every_command_help_ends_with_examples(command: str) -> None:
    text = help_of(command)
    examples = _examples(text)
    assert 2 <= len(examples) <= 3, examples
    for example in examples:
        # each example is one whole command to copy: not wrapped onto the next line
        assert example.startswith("runacu "), f"a broken example line in {command} --help: {example!r}"
    assert text.rstrip().endswith(examples[-1])


#: Examples that only read: run them to see they work (shell redirections dropped).
RUNNABLE = {"benefits", "back-pain", "guide", "guides", "search", "schema"}


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(RUNNABLE))
def test_the_examples_work(command: str) -> None:
    for example in _examples(help_of(command)):
        words = example.split(">")[0].split()[1:]
        result = run(*words)
        assert result.exit_code == 0, f"{example}: {result.stderr}"


def _first_sentence(description: str) -> str:
    match = re.match(r"(.+?\.)(?:\s|$)", description)
    return match.group(1) if match else description


@pytest.mark.slow
@pytest.mark.parametrize("columns", ["80", "50"])
def test_root_help_lists_every_command_with_its_whole_first_sentence(
    columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    text = help_of()
    section = text.split("Commands:")[-1]
    assert "..." not in section, "no description is cut off"
    flat = one_line(section)
    for command in COMMAND_NAMES:
        own = help_of(command).split("\n\n")[1]  # the description, after the usage line
        sentence = _first_sentence(one_line(own))
        assert f"{command} {sentence}" in flat, f"{command}: {sentence!r} not in {flat!r}"
