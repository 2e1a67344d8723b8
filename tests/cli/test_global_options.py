"""The global options (--lang, --color, --data-dir) after the command as before it: the one after it wins, `--`
ends them, every command's help lists them, and a bad value is the same usage error on either side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runacu.command_table import COMMANDS, GLOBAL_OPTIONS
from runacu.exit_status import ExitStatus
from tests.cli.conftest import read_only_run
from tests.conftest import ANSI, ANSI_COLOUR, HAMSTRING_GUIDE, fake_terminal, one_line, run


def test_the_language_after_the_command_is_the_readers() -> None:
    result = run("benefits", "--lang", "es")
    assert result.exit_code == ExitStatus.SUCCESS, result.stderr
    assert "Beneficios de la acupuntura para corredores" in result.stdout
    assert "Benefits of acupuncture" not in result.stdout


def test_check_in_spanish_after_the_command() -> None:
    result = run("check", "--lang", "es")  # no terminal, no answers: the whole checklist
    assert result.exit_code == ExitStatus.SUCCESS, result.stderr
    assert result.stdout.startswith("Señales de alarma")


def test_global_options_after_a_topic_with_an_equals_sign() -> None:
    result = run("benefits", "sleep", "--lang=es", "--color", "never", terminal=fake_terminal())
    assert result.exit_code == ExitStatus.SUCCESS, result.stderr
    assert "Menos estrés, mejor sueño" in result.stdout
    assert not ANSI.search(result.stdout)


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (("--lang", "en", "benefits", "--lang", "es"), "Beneficios de la acupuntura"),
        (("--lang", "es", "benefits", "--lang", "en"), "Benefits of acupuncture"),
        (("--lang=es", "benefits", "sleep", "--lang=en"), "Less stress, better sleep"),
    ],
)
def test_the_value_after_the_command_wins(args: tuple[str, ...], title: str) -> None:
    result = run(*args)
    assert result.exit_code == ExitStatus.SUCCESS, result.stderr
    assert title in result.stdout


def test_the_colour_after_the_command_wins() -> None:
    plain = run("--color", "always", "benefits", "--color", "never", terminal=fake_terminal())
    assert plain.exit_code == ExitStatus.SUCCESS and not ANSI.search(plain.stdout)
    coloured = run("--color", "never", "benefits", "--color", "always", terminal=fake_terminal())
    assert coloured.exit_code == ExitStatus.SUCCESS and ANSI_COLOUR.search(coloured.stdout)


def test_a_data_folder_after_the_command_is_read(tmp_path: Path) -> None:
    (tmp_path / "hamstrings.yaml").write_text(HAMSTRING_GUIDE, encoding="utf-8")
    for args in (
        ("guides", "--data-dir", str(tmp_path)),
        ("--data-dir", "/nonexistent", "guides", "--json", f"--data-dir={tmp_path}"),
    ):
        result = run(*args, "--json")
        assert result.exit_code == ExitStatus.SUCCESS, result.stderr
        assert "hamstrings" in [guide["slug"] for guide in json.loads(result.stdout)], args
    contact = run("contact", "--data-dir", str(tmp_path), "--json")
    assert contact.exit_code == ExitStatus.SUCCESS, contact.stderr


@pytest.mark.slow
def test_search_words_after_a_double_dash_are_words() -> None:
    """`--lang` after the command is the option, as `--json` is; after `--` it is a word to search for."""
    spanish = run("search", "--lang", "es", "dolor")
    assert spanish.exit_code == ExitStatus.SUCCESS, spanish.stderr
    assert spanish.stdout.startswith("Búsqueda: dolor")
    word = run("search", "--", "--lang", "es")
    assert word.exit_code == ExitStatus.ERROR  # searched for, found nowhere: not a usage error
    assert word.stdout.startswith("Search: --lang es")
    missing = run("search", "--lang")
    assert missing.exit_code == ExitStatus.USAGE
    assert "Option '--lang' requires an argument." in missing.stderr


def test_a_value_of_another_option_is_not_a_global_option() -> None:
    """`--lang` is the moment asked about, and `es` a word too many. (Click's words come in the language the
    arguments name before Click reads them: here Spanish, as a reader who wrote `--lang es` meant.)"""
    result = run("contact", "--at", "--lang", "es")
    assert result.exit_code == ExitStatus.USAGE
    assert result.stderr.rstrip().endswith("(es)"), result.stderr


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_bad_value_is_the_same_error_on_either_side(where: str) -> None:
    args = ("--lang", "fr", "benefits") if where == "before" else ("benefits", "--lang", "fr")
    result = run(*args)
    assert result.exit_code == ExitStatus.USAGE
    assert "Invalid value for '--lang': 'fr' is not one of 'en', 'es'." in one_line(result.stderr)


@pytest.mark.slow
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_commands_help_lists_the_global_options(command: str) -> None:
    result = read_only_run(command, "--help")
    assert result.exit_code == ExitStatus.SUCCESS
    section = result.stdout.split("\nGlobal options:\n")[1].split("\n\n")[0]
    assert sorted(line.split()[0] for line in section.splitlines() if line.startswith("  -")) == sorted(GLOBAL_OPTIONS)
    assert "[env var: RUNACU_DATA_DIR]" in one_line(section)  # as the root's help says it
    assert "Global options" not in read_only_run("--help").stdout  # the root's own are its options


def test_a_commands_help_lists_the_global_options_after_its_own() -> None:
    text = read_only_run("schema", "--help").stdout
    assert text.index("\nOptions:\n") < text.index("\nGlobal options:\n") < text.index("Examples:")
