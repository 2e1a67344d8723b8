"""Click's and Typer's words, and every help text, in the reader's language (cli/click_words.py): `--help` of every
command and the usage errors, with --lang before or after the command, RUNACU_LANG or the locale; English as it
was; two languages in one process; and the names of Typer's that this leans on."""

from __future__ import annotations

import gettext
import os
import re
import sys
from functools import cache
from pathlib import Path

import pytest
import typer
from babel.messages.pofile import read_po

from runacu import words
from runacu.cli import click_words
from runacu.cli.click_words import TYPER_UNMARKED_HELP
from runacu.command_table import COMMANDS
from runacu.exit_status import ExitStatus
from tests.cli.conftest import read_only_run
from tests.conftest import one_line, run

TYPER = ".".join(__import__("typer").__version__.split(".")[:2])
CATALOG = Path(__file__).resolve().parents[2] / "src" / "runacu" / "locale" / "es" / "LC_MESSAGES" / "runacu.po"
#: Where a message is cut into the parts said as they are: its placeholders, line breaks and tabs.
_CUTS = re.compile(r"\{[^{}]*\}|%\(\w+\)[sdr]|%[sdr]|\n|\t|\x08")


@cache
def english() -> tuple[str, ...]:
    """Every run of two words or more of an English message id that Spanish says otherwise: none may be in a
    Spanish screen (runacu's words, Click's and Typer's, as the catalog holds them)."""
    with CATALOG.open("rb") as po_file:
        catalog = read_po(po_file, locale="es")
    found = set()
    for message in catalog:
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if not message.id or set(ids) <= set(strings):
            continue  # said the same in both languages
        for text in ids:
            for part in _CUTS.split(text):
                words = part.split()
                if len(words) >= 2:
                    found.add(" ".join(words))
    return tuple(sorted(found))


@cache
def _english_pattern() -> re.Pattern[str]:
    longest_first = sorted(english(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, longest_first)) + r")(?!\w)")


def english_in(text: str) -> list[str]:
    """The English of `english()` in `text`, each as whole words ("a list" is not in "la lista")."""
    return _english_pattern().findall(one_line(text))


def wholly_spanish(text: str) -> None:
    assert english_in(text) == [], text


# --help


#: Each command, and the root (None).
HELPS = [None, *COMMANDS]


def help_args(command: str | None, where: str) -> list[str]:
    named = [command] if command else []
    if where == "before":
        return ["--lang", "es", *named, "--help"]
    if where == "after":
        return [*named, "--help", "--lang", "es"]
    return [*named, "--help"]


@pytest.mark.slow
@pytest.mark.parametrize("where", ["before", "after", "locale"])
@pytest.mark.parametrize("command", HELPS)
def test_help_is_wholly_spanish(command: str | None, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if where == "locale":
        monkeypatch.setenv("LANG", "es_US.UTF-8")
    result = read_only_run(*help_args(command, where))
    assert result.exit_code == ExitStatus.SUCCESS, result.stderr
    text = result.stdout
    wholly_spanish(text)
    assert text.startswith("Uso: ")
    assert "\nOpciones:\n" in text
    assert "Muestra este mensaje y termina." in one_line(text)
    if command is None:
        assert "[OPCIONES] COMANDO [ARGUMENTOS]..." in text
        assert "\nComandos:\n" in text
    else:
        assert "\nOpciones generales:\n" in text
        assert "\n  Ejemplos:\n" in text


def test_request_help_is_spanish_but_for_flag_and_command_names() -> None:
    text = read_only_run("--lang", "es", "request", "--help").stdout
    wholly_spanish(text)
    names = {"runacu", "request", "EE.", "UU.", "eml", "rich", "plain", "json", "JSON", "less", "auto", "always",
             "never", "YAML", "phone", "email", "other", "research", "Jo", "example", "com"}  # fmt: skip
    words = set(re.findall(r"(?<![-\w$@./])[A-Za-z][a-z]+\b(?![-/@])", text))
    english_words = {"the", "and", "your", "for", "with", "from", "this", "when", "help", "show", "options", "message"}
    assert words & english_words == set(), words & english_words
    assert "[OPCIONES]" in text and "NOMBRE" in text and "ARCHIVO" in text
    assert {"Su", "nombre", "borrador"} <= words | names


@pytest.mark.slow
def test_the_quick_cards_description_is_in_the_readers_language() -> None:
    import json

    spanish = json.loads(run("--lang", "es", "--json").stdout)["description"]
    assert spanish.startswith("runacu es una guía de bienestar para corredores")
    assert json.loads(run("--json").stdout)["description"].startswith("runacu is a wellness guide for runners")


@pytest.mark.slow
def test_the_spanish_examples_work() -> None:
    text = read_only_run("--lang", "es", "search", "--help").stdout
    examples = [line.strip() for line in text.split("Ejemplos:")[-1].splitlines() if line.strip()]
    assert len(examples) == 3
    for example in examples:
        words = [word.strip('"') for word in re.findall(r'"[^"]*"|\S+', example)][1:]
        result = run(*words)
        assert result.exit_code == ExitStatus.SUCCESS, f"{example}: {result.stderr}"


# Usage errors

#: (arguments, with `--lang es` where a reader would put it, what Spanish says) for each kind of usage error.
USAGE_ERRORS = {
    "no such option": (["--lang", "es", "--nope"], "Error: No existe la opción: --nope"),
    "possible options": (
        ["benefits", "--nope", "--lang", "es"],
        "Error: No existe la opción: --nope (Opciones posibles: --no-pager, --pager)",
    ),
    "missing argument": (["--lang", "es", "search"], "Error: Falta el argumento 'PREGUNTA'."),
    "missing choice": (["schema", "--lang", "es"], "Error: Falta el argumento 'TIPO'. Elija entre: guide, clinic"),
    "did you mean": (["--lang", "es", "benefit"], "Error: No existe el comando 'benefit'. ¿Quiso decir 'benefits'?"),
    "extra argument": (["contact", "extra", "--lang", "es"], "Error: Se recibió un argumento de más (extra)"),
    "extra arguments": (
        ["benefits", "sleep", "more", "words", "--lang", "es"],
        "Error: Se recibieron argumentos de más (more words)",
    ),
    "invalid choice": (
        ["--lang", "es", "--color", "purple"],
        "Error: Valor no válido para '--color': 'purple' no es ninguno de estos: 'auto', 'always', 'never'.",
    ),
    "invalid argument": (
        ["schema", "yaml", "--lang", "es"],
        "Error: Valor no válido para 'TIPO': 'yaml' no es ninguno de estos: 'guide', 'clinic'.",
    ),
    "requires an argument": (["--lang", "es", "--data-dir"], "Error: La opción '--data-dir' requiere un argumento."),
    "takes no value": (["benefits", "--list=1", "--lang=es"], "Error: La opción '--list' no admite un valor."),
}
#: The English of each, as Typer's Click says it (and said it before runacu said it in Spanish).
ENGLISH_ERRORS = {
    "no such option": "Error: No such option: --nope",
    "possible options": "Error: No such option: --nope (Possible options: --no-pager, --pager)",
    "missing argument": "Error: Missing argument 'QUERY'.",
    "missing choice": "Error: Missing argument 'KIND'. Choose from: guide, clinic",
    "did you mean": "Error: No such command 'benefit'. Did you mean 'benefits'?",
    "extra argument": "Error: Got unexpected extra argument(s) (extra)",
    "extra arguments": "Error: Got unexpected extra argument(s) (more words)",
    "invalid choice": "Error: Invalid value for '--color': 'purple' is not one of 'auto', 'always', 'never'.",
    "invalid argument": "Error: Invalid value for 'KIND': 'yaml' is not one of 'guide', 'clinic'.",
    "requires an argument": "Error: Option '--data-dir' requires an argument.",
    "takes no value": "Error: Option '--list' does not take a value.",
}


def without_lang(args: list[str]) -> list[str]:
    kept = [arg for arg in args if not arg.startswith("--lang=")]
    index = kept.index("--lang") if "--lang" in kept else None
    return kept if index is None else kept[:index] + kept[index + 2 :]


@pytest.mark.parametrize(
    "how", ["--lang", pytest.param("LANG", marks=pytest.mark.slow), pytest.param("RUNACU_LANG", marks=pytest.mark.slow)]
)
@pytest.mark.parametrize("kind", list(USAGE_ERRORS))
def test_usage_errors_are_spanish(kind: str, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    args, said = USAGE_ERRORS[kind]
    if how != "--lang":
        monkeypatch.setenv(how, "es_US.UTF-8" if how == "LANG" else "es")
        args = without_lang(args)
    result = run(*args)
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    assert said in one_line(result.stderr)
    wholly_spanish(result.stderr)
    if "--data-dir" not in args and "--list=1" not in args:  # a parser error before any command has no usage line
        assert result.stderr.startswith("Uso: ")
        assert "Para obtener ayuda, ejecute 'root" in result.stderr


@pytest.mark.parametrize("kind", list(USAGE_ERRORS))
def test_usage_errors_in_english_are_as_they_were(kind: str) -> None:
    result = run(*without_lang(USAGE_ERRORS[kind][0]))
    assert result.exit_code == ExitStatus.USAGE
    assert ENGLISH_ERRORS[kind] in one_line(result.stderr)
    if "--data-dir" not in result.stderr and "--list" not in result.stderr:
        assert re.match(r"Usage: root .*\nTry 'root( \S+)? -h' for help\.\n\nError: ", result.stderr), result.stderr


def test_english_usage_is_as_it_was() -> None:
    assert run("--nope").stderr == (
        "Usage: root [OPTIONS] COMMAND [ARGS]...\nTry 'root -h' for help.\n\nError: No such option: --nope\n"
    )
    assert run("guides", "--jsn").stderr == (
        "Usage: root guides [OPTIONS]\nTry 'root guides -h' for help.\n\n"
        "Error: No such option: --jsn (Possible options: --json)\n"
    )


# Two languages in one process


@pytest.mark.slow
def test_two_languages_in_one_process_each_hear_their_own() -> None:
    english_help = run("benefits", "--help").stdout
    for _ in range(2):
        spanish = run("--lang", "es", "benefits", "--help")
        wholly_spanish(spanish.stdout)
        assert run("benefits", "--help").stdout == english_help
        assert run("--lang", "en", "benefits", "--help").stdout == english_help
        error = run("benefits", "--nope", "--lang", "es").stderr
        assert "No existe la opción" in error
        assert "No such option: --nope" in run("benefits", "--nope").stderr
    assert "Uso:" not in english_help and "Usage: " in english_help


def test_a_run_leaves_gettext_as_it_found_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "fr:de")
    domain = gettext.textdomain()
    run("--lang", "es", "--version")
    run("--nope")
    assert os.environ["LANGUAGE"] == "fr:de"
    assert gettext.textdomain() == domain
    monkeypatch.delenv("LANGUAGE")
    run("--lang", "es", "--nope")
    assert "LANGUAGE" not in os.environ
    assert gettext.gettext("Show this message and exit.") == "Show this message and exit."


@pytest.mark.parametrize(
    ("environment", "spanish"),
    [
        ({"LANGUAGE": "es"}, True),
        ({"LANGUAGE": "fr:es"}, True),
        ({"LANGUAGE": "C:es"}, False),
        ({"LC_ALL": "es_ES.UTF-8", "LANG": "de_DE.UTF-8"}, True),
        ({"LANGUAGE": "", "LC_MESSAGES": "es_MX", "LANG": "de_DE"}, True),
        ({"LC_MESSAGES": "de_DE", "LANG": "es_ES"}, False),
        ({"LANG": "de_DE.UTF-8"}, False),
        ({}, False),
    ],
)  # fmt: skip
@pytest.mark.parametrize("in_a_run", [True, False])
def test_clicks_words_are_said_as_gettext_says_them(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], spanish: bool, in_a_run: bool
) -> None:
    """cli/click_words.py says Click's words as `gettext.gettext` says Typer's (it finds the catalog once): from the
    process's text domain (runacu's, in a run), in the languages the environment names."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    domain, folder = gettext.textdomain(), gettext.bindtextdomain(words.DOMAIN)
    if in_a_run:
        gettext.bindtextdomain(words.DOMAIN, words.LOCALE_DIR)
        gettext.textdomain(words.DOMAIN)
    try:
        for message in ("Usage:", "Show this message and exit.", "Error: {message}", "not a message"):
            assert click_words._(message) == gettext.gettext(message), message
        one, many = "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."
        for count in (1, 2):
            assert click_words.ngettext(one, many, count) == gettext.ngettext(one, many, count)
        assert click_words._("Usage:") == ("Uso:" if spanish and in_a_run else "Usage:")
    finally:
        gettext.textdomain(domain)
        gettext.bindtextdomain(words.DOMAIN, folder)


@pytest.mark.slow
def test_english_help_says_no_spanish() -> None:
    for command in HELPS:
        text = one_line(read_only_run(*([command] if command else []), "--help").stdout)
        for spanish in ("Uso:", "Opciones", "Muestra este mensaje", "Ejemplos", "predeterminado", "ARCHIVO", "TEMA"):
            assert spanish not in text, (command, spanish)


# What Typer does that this leans on (cli/click_words.py): each test names what changed


def changed(name: str) -> str:
    return f"typer {TYPER} changed {name}: see cli/click_words.py"


#: A command line raising each kind of Click usage error runacu says again, and what Click documents of that kind
#: that runacu knows it by (cli/click_words.py imports none of Typer's private names).
KNOWN_BY = {
    "MissingParameter": (["search"], "param_type"),
    "NoSuchOption": (["guides", "--jsn"], "possibilities"),
    "BadOptionUsage": (["benefits", "--list=1"], "option_name"),
    "BadParameter": (["schema", "yaml"], "param_hint"),
    "UsageError": (["guides", "extra"], "ctx"),
}


@pytest.mark.parametrize("kind", list(KNOWN_BY))
def test_clicks_usage_errors_are_known_by_what_click_documents_of_them(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from runacu.cli import click_words

    app_module = sys.modules["runacu.cli.app"]  # the module (runacu.cli's `app` is the Typer app)

    raised: list[Exception] = []

    def recording(error: Exception) -> Exception:
        raised.append(error)
        return click_words.said_usage_error(error)

    monkeypatch.setattr(app_module, "said_usage_error", recording)
    args, attribute = KNOWN_BY[kind]
    assert run(*args).exit_code == ExitStatus.USAGE
    [error] = raised
    assert type(error).__name__ == kind, changed(f"the error {args} raises: {type(error).__name__}, not {kind}")
    assert click_words.is_usage_error(error), changed(f"{kind}'s exit_code, ctx, message or show")
    assert hasattr(error, attribute), changed(f"{kind}.{attribute}")
    assert isinstance(error, typer.BadParameter) == (kind in ("BadParameter", "MissingParameter")), changed(kind)


def test_typers_completion_options_say_what_runacu_marked() -> None:
    import typer.main

    from runacu.cli import app

    root = typer.main.get_command(app)
    helps = {param.help for param in root.params if param.name in ("install_completion", "show_completion")}
    assert helps == set(TYPER_UNMARKED_HELP), changed("the completion options' help")
