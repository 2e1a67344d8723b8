"""The translation catalogs: complete, current, and saying what the English says (placeholders included)."""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from runacu.words import catalog_path, for_language

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "src" / "runacu" / "locale"
LANGUAGES = sorted(path.parents[1].name for path in LOCALE.glob("*/LC_MESSAGES/runacu.po"))


@cache
def catalogs_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "scripts" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogs"] = module
    spec.loader.exec_module(module)
    return module


@cache
def catalog(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "runacu.po").open("rb") as po_file:
        return read_po(po_file, locale=language)


def forms(message: Message) -> list[tuple[str, str]]:
    """(English, translation) for each form of `message`: one, or one per plural form."""
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    strings = [message.string] if isinstance(message.string, str) else list(message.string)
    return [(ids[min(index, len(ids) - 1)], string) for index, string in enumerate(strings)]


def placeholders(text: str) -> list[str]:
    """`{name}` and `%(name)s`/`%s` placeholders, sorted (`{{` and `%%` are not placeholders)."""
    text = text.replace("{{", "").replace("}}", "").replace("%%", "")
    return sorted(re.findall(r"\{[^{}]*\}|%(?:\(\w+\))?[sdr]", text))


def test_spanish_is_a_catalog_runacu_finds() -> None:
    assert "es" in LANGUAGES


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_in_the_catalog(language: str) -> None:
    """A string marked in the code but missing from a catalog: run `python scripts/catalogs.py`."""
    marked = catalogs_script().template(libraries=())
    known = {(message.context, message.id) for message in catalog(language) if message.id}
    missing = [message.id for message in marked if message.id and (message.context, message.id) not in known]
    assert missing == [], "run `python scripts/catalogs.py`, then translate the new entries"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language: str) -> None:
    untranslated = [message.id for message in catalog(language) if message.id and not all(message.string or [""])]
    fuzzy = [message.id for message in catalog(language) if message.id and message.fuzzy]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_translation_keeps_the_placeholders_of_the_english(language: str) -> None:
    differ = [
        (english, said)
        for message in catalog(language)
        if message.id
        for english, said in forms(message)
        if said and placeholders(said) != placeholders(english)
    ]
    assert differ == []


def test_the_placeholder_check_sees_a_dropped_or_renamed_placeholder() -> None:
    assert placeholders("{count} topics in {files}") != placeholders("{count} temas")
    assert placeholders("Got unexpected extra argument (%s)") != placeholders("Argumento extra (%d)")
    assert placeholders("{a} and {b}") == placeholders("{b} y {a}")
    assert placeholders("100%% {{literal}}") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_the_catalog_compiled(language: str, tmp_path: Path) -> None:
    """The `.mo` runacu reads matches its `.po`: after an edit, `python scripts/catalogs.py compile`."""
    sys.path.insert(0, str(ROOT))
    try:
        from hatch_build import compile_catalogs
    finally:
        sys.path.remove(str(ROOT))
    (fresh,) = (path for path in compile_catalogs(LOCALE, tmp_path) if path.parts[-3] == language)
    installed = Path(catalog_path(language))
    assert installed.read_bytes() == fresh.read_bytes(), "run `python scripts/catalogs.py compile`"


def test_a_plural_takes_the_form_its_count_needs() -> None:
    spanish = for_language("es")
    assert spanish.say_count("{count} problem in {files}.", "{count} problems in {files}.", 1, files="x") == (
        "1 problema en x."
    )
    assert spanish.say_count("{count} problem in {files}.", "{count} problems in {files}.", 2, files="x") == (
        "2 problemas en x."
    )
    assert for_language("en").say_count("{count} file", "{count} files", 1) == "1 file"
    assert for_language("en").say_count("{count} file", "{count} files", 0) == "0 files"


def test_a_message_without_a_translation_is_said_in_english() -> None:
    assert for_language("es").say("A message no catalog has: {x}", x=1) == "A message no catalog has: 1"
    assert for_language("xx").language == "en"


def test_the_evidence_labels_use_the_project_vocabulary() -> None:
    spanish = for_language("es")
    assert spanish.say("Systematic review of trials") == "Revisión sistemática de ensayos"
    assert spanish.say("Randomized trials in people") == "Ensayos aleatorizados en personas"
    assert spanish.say("Animal or lab studies only") == "Solo estudios en animales o de laboratorio"
    assert spanish.say("Observational studies in people") == "Estudios observacionales en personas"
    assert spanish.say("Public-health guidance") == "Recomendaciones de salud pública"
    assert spanish.say("Clinical experience; no controlled studies found") == (
        "Experiencia clínica; no se encontraron estudios controlados"
    )
    assert spanish.say_in("the name of the language this is in", "English") == "español"
