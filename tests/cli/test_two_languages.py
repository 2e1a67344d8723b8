"""Two languages in one process: each run, page and error speaks the reader's language, whatever spoke before.

The language travels on the session (and on the Library a page is built from), never in a module global,
so runs in English and in Spanish can alternate in one test process and each is wholly in its own language.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import runacu.words
from runacu.cli.options import opener
from runacu.clinic.hours import status_at
from runacu.content.library import Library
from runacu.content.problems import DataError, Problem
from runacu.errors import UsageError
from runacu.exit_status import ExitStatus
from runacu.views import OutputFormat, output
from runacu.views.blocks import Page
from runacu.views.pages import ClinicView, clinic_page, guide_page
from runacu.views.terminal import Terminal
from runacu.words import Words, for_language
from tests.conftest import run

#: runacu's own words that only an English screen may show (none is in the Spanish guides' citations).
ENGLISH_ONLY = [
    "Evidence", "Sources", "The whole guide", "Last reviewed", "Disclaimer", "For questions", "Open at", "Open now",
    "Closed", "Monday", "Phone", "Address", "Opening hours", "the day asked about", "Regain control",
    "You answered yes", "Warning signs", "EMERGENCY", "unknown topic", "Did you mean", "Topics:", "Numbers 1 to",
    "the answers ended", "invalid data", "unknown key", "run 'runacu validate'", " AM", " PM", "November",
]  # fmt: skip
#: ... and only a Spanish one.
SPANISH_ONLY = [
    "Evidencia", "Fuentes", "La guía completa", "Última revisión", "Aviso:", "Si tiene preguntas", "Abierto",
    "Cerrado", "lunes", "Lunes", "Teléfono", "Dirección", "Horario", "el día consultado", "Recupere el control",
    "Respondió", "Señales de alarma", "EMERGENCIA", "no existe el tema", "¿Quiso decir", "Temas:", "También sirven",
    "las respuestas terminaron", "datos no válidos", "clave desconocida", "ejecute", "a. m.", "p. m.", "noviembre",
]  # fmt: skip
OTHERS = {"en": SPANISH_ONLY, "es": ENGLISH_ONLY}
#: A guide's review dates, as each language writes them.
REVIEWED = {
    "en": re.compile(r"Last reviewed [A-Z][a-z]+ \d+, \d{4}; next review due [A-Z][a-z]+ \d+, \d{4}\."),
    "es": re.compile(r"Última revisión: \d+ de [a-z]+ de \d{4}; próxima revisión: \d+ de [a-z]+ de \d{4}\."),
}


def flat(text: str) -> str:
    """Output as one line of words, so a phrase wrapped across lines is still found."""
    return " ".join(text.split())


def wholly_in(language: str, text: str, *expected: str) -> None:
    """`text` says everything `expected` and no word of runacu's own in the other language."""
    words = flat(text)
    assert [phrase for phrase in expected if phrase not in words] == [], words
    assert [word for word in OTHERS[language] if word in words] == [], words


def guide(language: str) -> None:
    result = run("--lang", language, "benefits", "sleep")
    assert result.exit_code == ExitStatus.SUCCESS, result.stderr
    if language == "en":
        wholly_in("en", result.stdout, "Evidence:", "Sources", "The whole guide:", "For questions about acupuncture")
    else:
        wholly_in("es", result.stdout, "Evidencia:", "Fuentes", "La guía completa:", "Si tiene preguntas sobre")
    assert REVIEWED[language].search(flat(result.stdout)), "the review dates, written in the reader's language"
    wholly_in(language, result.stderr)


def unknown_topic(language: str) -> None:
    result = run("--lang", language, "benefits", "slep")
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    if language == "en":
        wholly_in("en", result.stderr, "error: unknown topic 'slep'.", "Did you mean 'stress-and-sleep'?", "Topics:")
    else:
        wholly_in("es", result.stderr, "error: no existe el tema 'slep'.", "¿Quiso decir 'stress-and-sleep'?", "Temas:")


def check(language: str) -> None:
    """A script's answers on stdin: the outcome, and an error when the answers run out."""
    result = run("--lang", language, "check", input="n\ny\n")
    assert result.exit_code == ExitStatus.SUCCESS, result.stderr
    too_few = run("--lang", language, "check", input="n\n")
    assert too_few.exit_code == ExitStatus.USAGE
    if language == "en":
        wholly_in("en", result.stdout, "Warning signs: When to see a doctor", "EMERGENCY", "You answered yes to:")
        wholly_in("en", too_few.stderr, "the answers ended before question 2 of")
    else:
        wholly_in("es", result.stdout, "Señales de alarma:", "EMERGENCIA", "Respondió que sí a:")
        wholly_in("es", too_few.stderr, "las respuestas terminaron antes de la pregunta 2 de")


def contact(language: str) -> None:
    result = run("--lang", language, "contact", "--at", "2026-11-23T10:00")
    assert result.exit_code == ExitStatus.SUCCESS, result.stderr
    if language == "en":
        expected = ["Phone:", "Open at Mon, Nov 23, 2026, 10:00 AM, closes 6:00 PM", "Opening hours (Pacific Time)"]
        wholly_in("en", result.stdout, *expected, "Monday", "Saturday Closed", "(* the day asked about)")
    else:
        expected = ["Teléfono:", "Abierto el lunes 23 de noviembre de 2026 a las 10:00 a. m., cierra a las 6:00 p. m."]
        expected += ["Horario de atención (hora del Pacífico)", "Lunes", "Sábado Cerrado", "(* el día consultado)"]
        wholly_in("es", result.stdout, *expected)


def data_error(language: str, broken: Path) -> None:
    """A data file's problems, found deep in the loader, told in the reader's language at the error boundary."""
    result = run("--lang", language, "--data-dir", str(broken), "benefits")
    assert result.exit_code == ExitStatus.INVALID_DATA
    stderr = result.stderr.replace(str(broken), "DATA")
    if language == "en":
        wholly_in("en", stderr, "runacu: invalid data: DATA/benefits.yaml:", "unknown key 'bogus'", "run 'runacu")
    else:
        wholly_in("es", stderr, "runacu: datos no válidos: DATA/benefits.yaml:", "clave desconocida 'bogus'", "ejecute")


@pytest.fixture
def broken(own_data: Callable[..., Path]) -> Path:
    """A data folder whose English benefits guide has a key no guide has (the rest is the built-in data)."""
    data_dir = own_data("benefits.yaml")
    with (data_dir / "benefits.yaml").open("a", encoding="utf-8") as guide_file:
        guide_file.write("bogus: 1\n")
    return data_dir


@pytest.mark.slow
def test_runs_in_english_and_spanish_alternate_in_one_process_each_wholly_in_its_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, broken: Path
) -> None:
    monkeypatch.setenv("RUNACU_NO_CACHE", "1")
    monkeypatch.setenv("RUNACU_CACHE_DIR", str(tmp_path / "cache"))
    for _ in range(2):  # the second round follows a run with no --lang, and all the first round left in the process
        for language in ("en", "es", "es", "en"):  # each follows the other language, and itself
            guide(language)
            unknown_topic(language)
            check(language)
            contact(language)
            data_error(language, broken)
        # No --lang after a Spanish run: the environment's language (English here), nothing left from before.
        guide("es")
        wholly_in("en", run("benefits", "sleep").stdout, "Evidence:", "Sources", "The whole guide:")


def test_runacu_words_keeps_no_current_language() -> None:
    """Nothing to switch and nothing to leak: a language is asked for by name, and what it gives cannot change."""
    for name in ("set_language", "language", "_current", "say", "say_count"):
        assert not hasattr(runacu.words, name), name
    spanish = for_language("es")
    assert (spanish.language, for_language("en").language) == ("es", "en")
    with pytest.raises(dataclasses.FrozenInstanceError):
        spanish.language = "en"  # type: ignore[misc]
    assert for_language("es") is spanish


def plain(page: Page) -> str:
    terminal = Terminal(out=io.StringIO(), err=io.StringIO(), is_terminal=False, width=80)
    return flat(output(terminal, OutputFormat.PLAIN, lambda: page, lambda: None))


@pytest.mark.slow
def test_pages_in_two_languages_are_built_side_by_side_without_any_switch() -> None:
    """An English and a Spanish library, used in turn, give English and Spanish pages in any order, right after
    a Spanish run too (where a language kept in a module global would have made the English page Spanish):
    each page takes its words from what it is built from, and says which language it is in."""
    assert run("--lang", "es", "benefits").exit_code == ExitStatus.SUCCESS
    english, spanish = Library(language="en"), Library(language="es")
    for library in (english, spanish, spanish, english):
        words: Words = library.words
        clinic = library.load_clinic()  # its texts (the tagline) in the library's language too
        moment = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo(clinic.timezone))
        view = ClinicView(clinic, status_at(clinic, moment), asked=True)
        benefits = library.load_guide("benefits")
        page = guide_page(words, benefits, [benefits.find_topic("sleep", words)], view, opener("benefits"))
        card = clinic_page(words, view)
        assert (page.language, card.language) == (library.language, library.language)
        if library is english:
            wholly_in("en", plain(page), "Evidence:", "Sources", "The whole guide:", "Open at Mon, Nov 23, 2026")
            wholly_in("en", plain(card), "Phone:", "Opening hours (Pacific Time)", "Monday")
        else:
            wholly_in("es", plain(page), "Evidencia:", "Fuentes", "La guía completa:", "Abierto el lunes 23 de")
            wholly_in("es", plain(card), "Teléfono:", "Horario de atención (hora del Pacífico)", "Lunes")


def test_errors_raised_deep_in_the_content_speak_the_language_of_what_raised_them() -> None:
    english, spanish = Library(language="en"), Library(language="es")
    for library, said in ((spanish, "no existe el tema 'nope'"), (english, "unknown topic 'nope'")) * 2:
        with pytest.raises(UsageError, match=said):
            library.load_guide("benefits").find_topic("nope", library.words)
    for language, said in (("es", "la carpeta de datos '/nowhere' no existe"), ("en", "'/nowhere' does not exist")):
        with pytest.raises(UsageError, match=said):
            Library(Path("/nowhere"), language=language)
    problem = DataError([Problem("clinic.yaml", "a problem")])
    assert problem.said(for_language("es")) == "datos no válidos: clinic.yaml: a problem"
    assert problem.said(for_language("en")) == "invalid data: clinic.yaml: a problem"
