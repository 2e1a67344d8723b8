"""The clinic's country: an ISO 3166 code (or a name) in clinic.yaml, named in the reader's language from CLDR,
and kept as its code in the vCard and the JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import vobject

from runacu.clinic.vcard import vcard
from runacu.content import cldr
from runacu.content.library import Library, builtin_data_dir
from tests.conftest import run

#: The line of the shipped clinic.yaml that gives the country.
COUNTRY_LINE = "  country: US  #"


def clinic_dir(tmp_path: Path, country: str) -> Path:
    """A data folder whose clinic.yaml gives `country` (the rest of the built-in data underneath)."""
    folder = tmp_path / "data"
    folder.mkdir()
    text = (Path(str(builtin_data_dir())) / "clinic.yaml").read_text(encoding="utf-8")
    assert COUNTRY_LINE in text, "has the shipped clinic.yaml moved?"
    (folder / "clinic.yaml").write_text(text.replace(COUNTRY_LINE, f"  country: {country}  #", 1), encoding="utf-8")
    return folder


def test_the_shipped_clinic_gives_its_country_as_a_code() -> None:
    assert Library().load_clinic().address.country == "US"


@pytest.mark.parametrize(
    ("language", "name"), [("en", "United States"), ("es", "Estados Unidos"), ("fr", "États-Unis")]
)
def test_a_code_is_named_in_the_readers_language(language: str, name: str) -> None:
    assert cldr.country_name("US", language) == name


def test_a_name_cldr_does_not_know_is_shown_as_written() -> None:
    assert cldr.country_name("Freedonia", "es") == "Freedonia"


@pytest.mark.slow
def test_contact_names_the_country_in_the_readers_language() -> None:
    assert "27430 The Old Rd, Valencia, CA 91355, United States" in run("contact").stdout
    spanish = run("--lang", "es", "contact").stdout
    assert "27430 The Old Rd, Valencia, CA 91355, Estados Unidos" in spanish
    assert "United States" not in spanish
    assert "Estados+Unidos" in run("--lang", "es", "contact", "--format", "markdown").stdout  # the map link too


@pytest.mark.parametrize(
    ("written", "kept"),
    [("US", "US"), ("us", "US"), ("United States", "US"), ("united  STATES", "US"), ("Freedonia", "Freedonia")],
)
def test_a_code_or_an_english_name_cldr_knows_is_kept_as_the_code(tmp_path: Path, written: str, kept: str) -> None:
    assert Library(clinic_dir(tmp_path, written)).load_clinic().address.country == kept


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("UK", "'UK' is not a country code: the ISO 3166 code of that country is 'GB'"),
        ("XX", "'XX' is not a country code: use an ISO 3166 code such as US, or the country's name"),
        ("EU", "'EU' is not a country code: use an ISO 3166 code such as US, or the country's name"),
    ],
)
def test_a_wrong_code_is_refused_naming_the_line(tmp_path: Path, written: str, message: str) -> None:
    folder = clinic_dir(tmp_path, written)
    result = run("--data-dir", str(folder), "contact")
    assert result.exit_code == 3
    lines = (folder / "clinic.yaml").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "country:" in text)
    assert f"clinic.yaml:{line}:3: address.country: {message}\n" in result.stderr


def test_a_wrong_code_is_said_in_the_readers_language(tmp_path: Path) -> None:
    result = run("--lang", "es", "--data-dir", str(clinic_dir(tmp_path, "UK")), "contact")
    assert result.exit_code == 3
    assert "address.country: 'UK' no es un código de país: el código ISO 3166 de ese país es 'GB'" in result.stderr


@pytest.mark.slow
def test_the_vcard_gives_the_code_and_the_name_in_the_readers_language() -> None:
    english = run("contact", "--vcard").stdout
    spanish = run("--lang", "es", "contact", "--vcard").stdout
    assert "ADR;TYPE=work;CC=US:;;27430 The Old Rd;Valencia;CA;91355;United States" in english.splitlines()
    card = vobject.readOne(spanish)
    assert card.adr.params["CC"] == ["US"]
    assert card.adr.value.country == "Estados Unidos"


def test_the_vcard_of_a_country_cldr_does_not_know_has_its_name_alone() -> None:
    clinic = Library().load_clinic()
    clinic = replace(clinic, address=replace(clinic.address, country="Freedonia"))
    assert "ADR;TYPE=work:;;27430 The Old Rd;Valencia;CA;91355;Freedonia\r\n" in vcard(clinic, "es")


@pytest.mark.slow
def test_the_json_gives_the_code_in_every_language_and_the_name_in_the_readers() -> None:
    english = json.loads(run("contact", "--json").stdout)["address"]
    spanish = json.loads(run("--lang", "es", "contact", "--json").stdout)["address"]
    assert (english["country"], english["country_name"]) == ("US", "United States")
    assert (spanish["country"], spanish["country_name"]) == ("US", "Estados Unidos")


def test_the_schema_says_how_to_write_the_country() -> None:
    schema = json.loads(run("schema", "clinic").stdout)
    assert "ISO 3166" in schema["$defs"]["Address"]["properties"]["country"]["description"]
