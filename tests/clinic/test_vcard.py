"""`runacu contact --vcard`: a vCard 4.0 a real parser reads, with CRLF, escaping and folding."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import vobject

from runacu.clinic.vcard import vcard
from runacu.content.library import Library
from tests.conftest import run


def test_vcard_parses_with_every_field() -> None:
    result = run("contact", "--vcard")
    assert result.exit_code == 0
    card = vobject.readOne(result.stdout)
    assert card.version.value == "4.0"
    assert card.fn.value == "Valencia Sports Medicine"
    assert card.tel.value == "tel:+16614909221"
    address = card.adr.value
    assert (address.street, address.city, address.region, address.code, address.country) == (
        "27430 The Old Rd", "Valencia", "CA", "91355", "United States",
    )  # fmt: skip
    assert not hasattr(card, "email") and not hasattr(card, "url")


def test_vcard_lines_end_in_crlf_and_fold_at_75_octets() -> None:
    clinic = replace(Library().load_clinic(), name="Clínica " + "ñ" * 60 + ", Valencia; CA")
    text = vcard(clinic, "en")
    assert text.endswith("END:VCARD\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    card = vobject.readOne(text)
    assert card.fn.value == clinic.name
    assert "Valencia\\; CA" in text and "\\, Valencia" in text


def test_vcard_includes_email_and_website_when_the_data_has_them() -> None:
    clinic = replace(Library().load_clinic(), email="desk@example.org", website="https://example.org/")
    card = vobject.readOne(vcard(clinic, "en"))
    assert card.email.value == "desk@example.org"
    assert card.url.value == "https://example.org/"


def test_vcard_output_writes_a_new_file_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "clinic.vcf"
    assert run("contact", "--vcard", "--output", str(target)).exit_code == 0
    assert vobject.readOne(target.read_text(encoding="utf-8")).fn.value == "Valencia Sports Medicine"
    target.write_text("mine")
    again = run("contact", "--vcard", "--output", str(target))
    assert again.exit_code == 1
    assert "already exists" in again.stderr
    assert target.read_text() == "mine"
