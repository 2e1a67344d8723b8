"""A data file's problems are kept as runacu's marked English and its values, and told in a reader's language
only where they are shown: one validation, English to one reader and Spanish to another."""

from __future__ import annotations

from pathlib import Path

import pytest

from runacu.content.library import Library
from runacu.content.message import InvalidValue, message, verbatim
from runacu.content.problems import DataError, Problem
from runacu.exit_status import ExitStatus
from runacu.words import N_, for_language
from tests.conftest import run
from tests.content.conftest import english_left, write_broken_files

ENGLISH, SPANISH = for_language("en"), for_language("es")


def test_a_message_is_said_in_each_language_with_its_values_filled_in() -> None:
    said = message(N_("duplicate key '{key}' (first given on line {line})"), key="title", line=3)
    assert said.said(ENGLISH) == str(said) == "duplicate key 'title' (first given on line 3)"
    assert said.said(SPANISH) == "clave 'title' repetida (dada por primera vez en la línea 3)"


def test_a_message_in_a_message_is_said_in_the_same_language() -> None:
    said = message(N_("a key must be text, not {kind}: put it in quotes"), kind=message(N_("a number")))
    assert str(said) == "a key must be text, not a number: put it in quotes"
    assert said.said(SPANISH) == "una clave debe ser texto, no un número: póngala entre comillas"
    assert said.templates() == ["a key must be text, not {kind}: put it in quotes", "a number"]


def test_verbatim_text_is_said_as_it_is_in_every_language() -> None:
    said = message(N_("invalid YAML: {problem}"), problem=verbatim("the file {is} odd"))
    assert said.said(SPANISH) == "YAML no válido: the file {is} odd"
    assert said.templates() == ["invalid YAML: {problem}"]


def test_a_rules_error_is_a_value_error_in_english_that_carries_its_message() -> None:
    error = InvalidValue(
        N_("the alias '{alias}' is a number: numbers already name topics in order"), alias="7", at=(0,)
    )
    assert isinstance(error, ValueError)
    assert str(error) == "the alias '7' is a number: numbers already name topics in order"
    assert error.at == (0,)
    assert error.message.said(SPANISH) == "el alias '7' es un número: los números ya nombran los temas en orden"


def test_a_problem_is_told_in_the_language_of_whoever_reads_it() -> None:
    problem = Problem("f.yaml", message(N_("unknown key '{key}'"), key="titel"), 3, 5, "topics[0]")
    assert str(problem) == problem.said(ENGLISH) == "f.yaml:3:5: topics[0]: unknown key 'titel'"
    assert problem.said(SPANISH) == "f.yaml:3:5: topics[0]: clave desconocida 'titel'"
    assert problem.message == "unknown key 'titel'"
    error = DataError([problem])
    assert str(error) == "f.yaml:3:5: topics[0]: unknown key 'titel'"
    assert error.said(SPANISH) == "datos no válidos: f.yaml:3:5: topics[0]: clave desconocida 'titel'"


def test_a_template_without_values_may_be_given_as_it_is_marked() -> None:
    problem = Problem("f.yaml", N_("the file is empty"))
    assert (problem.message, problem.message_in(SPANISH)) == ("the file is empty", "el archivo está vacío")


def test_what_a_message_quotes_of_a_file_never_drives_a_terminal() -> None:
    problem = Problem("f\x1b.yaml", message(N_("unknown key '{key}'"), key="a\x1b[31mb"), field="x\ny")
    assert problem.said(SPANISH) == "f␛.yaml: x␊y: clave desconocida 'a␛[31mb'"


@pytest.mark.slow
def test_one_validation_is_told_in_english_to_one_reader_and_in_spanish_to_another(tmp_path: Path) -> None:
    folder = write_broken_files(tmp_path)
    problems = Library(folder, language="es").check()
    # What a library finds does not depend on its language: only the telling does.
    assert problems == Library(folder, language="en").check()
    english = [problem.said(ENGLISH) for problem in problems]
    spanish = [problem.said(SPANISH) for problem in problems]
    assert any(said.endswith("missing required key 'intro'") for said in english)
    assert any(said.endswith("falta la clave obligatoria 'intro'") for said in spanish)
    assert [said.split(": ")[0] for said in english] == [said.split(": ")[0] for said in spanish]


@pytest.mark.slow
def test_a_command_reading_a_broken_file_tells_it_in_the_readers_language(data_dir: Path) -> None:
    path = data_dir / "benefits.yaml"
    path.write_text(path.read_text().replace("kind: practice", "kind: anecdote", 1).replace("intro:", "intro_:"))
    result = run("--data-dir", str(data_dir), "--lang", "es", "benefits")
    assert result.exit_code == ExitStatus.INVALID_DATA
    assert "datos no válidos" in result.stderr and f"{path}:" in result.stderr
    assert "falta la clave obligatoria 'intro'" in result.stderr
    assert "o 'practice', no 'anecdote'" in result.stderr
    assert english_left(result.stderr, ["Input should be {expected}", "unknown key '{key}'"]) == []
    english = run("--data-dir", str(data_dir), "benefits")
    assert "missing required key 'intro'" in english.stderr and "or 'practice', not 'anecdote'" in english.stderr
