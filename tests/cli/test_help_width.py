"""--help as wide as the terminal, down to 40 columns: no line wider, no word cut, and a command to copy kept whole."""

from __future__ import annotations

from functools import cache

import pytest
from rich.cells import cell_len

from runacu.views.terminal import Terminal
from tests.conftest import COMMAND_NAMES, fake_terminal, one_line, run


def help_at(width: int, *command: str, terminal: Terminal | None = None) -> str:
    if terminal is None:
        return _help_on_a_terminal(width, command)
    result = run(*command, "--help", terminal=terminal)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@cache
def _help_on_a_terminal(width: int, command: tuple[str, ...]) -> str:
    """The help on a terminal `width` columns wide, in the environment every test here has: made once per test
    process, read by every test that asks for it."""
    result = run(*command, "--help", terminal=fake_terminal(width=width))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def words(text: str) -> set[str]:
    return set(text.split())


@pytest.mark.slow
@pytest.mark.parametrize("width", [40, 50, 60])
@pytest.mark.parametrize("command", ["", *COMMAND_NAMES])
def test_no_help_line_is_wider_than_the_terminal_and_no_word_is_cut(command: str, width: int) -> None:
    narrow = help_at(width, *filter(None, [command]))
    assert all(cell_len(line) <= width for line in narrow.splitlines()), narrow
    wide = help_at(200, *filter(None, [command]))
    # Every word of the help at full width is there whole (an example continued on the next line adds "\").
    assert words(wide) <= words(narrow), sorted(words(wide) - words(narrow))
    assert words(narrow) - words(wide) <= {"\\"}


def test_narrow_help_puts_each_description_under_its_option() -> None:
    text = help_at(40, "benefits")
    assert "\n  -f, --format\n      <rich|plain|markdown|html|json>\n      Output format" in text
    assert "\n  -h, --help\n      Show this message and exit.\n" in text


def test_help_at_80_columns_sets_descriptions_beside_their_options() -> None:
    text = help_at(80, "benefits")
    assert "\n  -l, --list                      Print the topic slugs, one per line.\n" in text
    assert "\n  TOPIC  A topic: its name, a number, or the start of a name (see --list).\n" in text


def test_an_argument_is_named_without_a_python_type() -> None:
    for command in ("benefits", "guide", "check", "search", "validate"):
        text = help_at(80, command)
        for type_name in ("<str>", "<path>", "<list[str]>"):
            assert type_name not in text, (command, type_name)
    assert "KIND <guide|clinic>" in help_at(80, "schema")  # choices still say what to type


def test_the_argument_name_is_in_the_readers_language() -> None:
    text = help_at(80, "--lang", "es", "benefits")
    assert "<str>" not in text
    assert "\n  TEMA  " in text


def test_on_a_terminal_an_example_too_long_is_continued_as_a_shell_reads_it() -> None:
    text = help_at(40, "request")
    examples = text.split("Examples:")[1]
    assert all(cell_len(line) <= 40 for line in examples.splitlines())
    assert '--name \\\n        "Jo Runner"' in examples  # a quoted argument stays one word
    joined = one_line(examples.replace("\\\n", " "))
    assert 'runacu request --name "Jo Runner" --phone "661 555 0123" --email jo@example.com' in joined


def test_in_a_pipe_each_example_stays_one_line_to_copy() -> None:
    terminal = fake_terminal(width=40)
    terminal.is_terminal = False
    text = help_at(40, "request", terminal=terminal)
    assert "\\\n" not in text
    assert any(line.strip().startswith('runacu request --name "Jo Runner"') for line in text.splitlines())
