"""The clinic's texts in other languages (clinic.yaml's `translations`): its tagline and its closures' reasons, by
date, each checked against the closures it translates, in the languages runacu has catalogs for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runacu.content.library import Library, builtin_data_dir
from tests.conftest import line_number, run

SPANISH_TAGLINE = "    tagline: Recupere el control de su vida\n"


def clinic_dir(tmp_path: Path, closures: str, spanish: str) -> Path:
    """A data folder whose clinic.yaml has `closures` and, after the Spanish tagline, the lines `spanish`."""
    folder = tmp_path / "data"
    folder.mkdir()
    text = (Path(str(builtin_data_dir())) / "clinic.yaml").read_text(encoding="utf-8")
    assert "closures: []\n" in text and SPANISH_TAGLINE in text
    text = text.replace("closures: []\n", f"closures: {closures}\n").replace(SPANISH_TAGLINE, SPANISH_TAGLINE + spanish)
    (folder / "clinic.yaml").write_text(text, encoding="utf-8")
    return folder


CLOSURES = "[{date: 2026-12-25, reason: Christmas Day}, {date: 2026-12-24}]"


@pytest.mark.slow
def test_a_closures_reason_is_given_in_the_readers_language(tmp_path: Path) -> None:
    folder = clinic_dir(tmp_path, CLOSURES, "    closures:\n      2026-12-25: Navidad\n")
    spanish = Library(folder, language="es").load_clinic()
    assert [(str(c.date), c.reason) for c in spanish.closures] == [("2026-12-25", "Navidad"), ("2026-12-24", None)]
    assert Library(folder).load_clinic().closures[0].reason == "Christmas Day"
    shown = run("--lang", "es", "--data-dir", str(folder), "contact", "--at", "2026-12-25T10:00").stdout
    assert "(Navidad)" in shown and "Cerrado: Navidad" in shown and "25 de diciembre de 2026: Navidad" in shown
    assert "Christmas" not in shown
    assert "Closed: Christmas Day" in run("--data-dir", str(folder), "contact", "--at", "2026-12-25T10:00").stdout


def test_a_closure_with_no_translation_keeps_its_reason(tmp_path: Path) -> None:
    folder = clinic_dir(tmp_path, CLOSURES, "")
    assert Library(folder, language="es").load_clinic().closures[0].reason == "Christmas Day"


def test_a_translation_for_a_date_with_no_closure_is_an_error_naming_its_line(tmp_path: Path) -> None:
    folder = clinic_dir(tmp_path, CLOSURES, "    closures:\n      2026-12-25: Navidad\n      2026-12-31: Nochevieja\n")
    result = run("--data-dir", str(folder), "contact")
    assert result.exit_code == 3
    line = line_number((folder / "clinic.yaml").read_text(encoding="utf-8"), "2026-12-31: Nochevieja")
    assert (
        f"clinic.yaml:{line}:7: translations.es.closures.2026-12-31: no closure on 2026-12-31 has a reason to"
        " translate: add it to 'closures', or remove this translation"
    ) in result.stderr


def test_a_translation_for_a_closure_with_no_reason_is_an_error(tmp_path: Path) -> None:
    folder = clinic_dir(tmp_path, CLOSURES, "    closures:\n      2026-12-24: Nochebuena\n")
    result = run("--lang", "es", "--data-dir", str(folder), "contact")
    assert result.exit_code == 3
    assert "translations.es.closures.2026-12-24: ningún cierre del 2026-12-24 tiene un motivo" in result.stderr


def test_a_translations_date_must_be_written_as_a_date(tmp_path: Path) -> None:
    folder = clinic_dir(tmp_path, CLOSURES, "    closures:\n      2026-12-32: Nunca\n")
    result = run("--data-dir", str(folder), "contact")
    assert result.exit_code == 3
    assert "'2026-12-32' is not a date written YYYY-MM-DD, like 2026-12-25" in result.stderr


def test_translations_are_in_languages_runacu_has_catalogs_for(tmp_path: Path) -> None:
    folder = clinic_dir(tmp_path, "[]", "")
    path = folder / "clinic.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\n  es:\n", "\n  xx:\n"), encoding="utf-8")
    result = run("--data-dir", str(folder), "contact")
    assert result.exit_code == 3
    assert "runacu has no catalog for the language 'xx'; it has catalogs for: es" in result.stderr


def test_the_schema_documents_the_translated_closures() -> None:
    texts = json.loads(run("schema", "clinic").stdout)["$defs"]["ClinicTexts"]
    assert "2026-12-25: Navidad" in texts["properties"]["closures"]["description"]
    assert texts["properties"]["closures"]["additionalProperties"] is False
