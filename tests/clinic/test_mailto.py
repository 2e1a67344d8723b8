"""The clinic's email address is an address alone: validation refuses a query, and no mailto: link carries one."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from runacu.clinic.mailto import mailto
from runacu.content.library import Library
from runacu.views import blocks as b
from runacu.views.pages import ClinicView, clinic_page
from runacu.words import for_language
from tests.conftest import line_number, run

QUERY = "desk@example.com?bcc=eve@example.org"


@pytest.mark.slow
def test_an_email_with_a_query_is_a_data_error_naming_its_line(data_dir: Path) -> None:
    clinic = data_dir / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("email:\n", f"email: {QUERY}\n"))
    line = line_number(clinic.read_text(), "email:")
    result = run("validate", str(data_dir))
    assert result.exit_code == 3
    [problem] = [row for row in result.stdout.splitlines() if "clinic.yaml" in row and "email" in row]
    assert f"clinic.yaml:{line}:" in problem and "'?'" in problem and "bcc" in problem
    contact = run("--data-dir", str(data_dir), "contact")
    assert contact.exit_code == 3 and f"clinic.yaml:{line}:" in contact.stderr and "bcc=" not in contact.stdout


@pytest.mark.slow
@pytest.mark.parametrize("address", ["desk@example.com&bcc=eve@example.org", "desk@exa?mple.com", "a@b.c/?x"])
def test_other_addresses_that_would_carry_more_are_refused(address: str, data_dir: Path) -> None:
    clinic = data_dir / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("email:\n", f"email: '{address}'\n"))
    result = run("--data-dir", str(data_dir), "contact")
    assert result.exit_code == 3 and "email" in result.stderr


def test_a_valid_address_still_is(data_dir: Path) -> None:
    clinic = data_dir / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("email:\n", "email: front.desk+runners@valencia-sports.example.org\n"))
    result = run("--data-dir", str(data_dir), "contact", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "(<mailto:front.desk%2Brunners@valencia-sports.example.org>)" in result.stdout


@pytest.mark.parametrize(
    "address", [QUERY, "desk@example.com&bcc=eve@example.org", "desk%3F@example.com", "desk@example.com#x"]
)
def test_the_mailto_writer_never_carries_a_query(address: str) -> None:
    link = mailto(address)
    assert "?" not in link and "&" not in link and "#" not in link
    assert unquote(urlsplit(link).path) == address  # the address, exactly, and nothing more


def test_the_fields_of_a_mailto_link_are_the_ones_given() -> None:
    link = mailto(QUERY, subject="Hi & bye?", body="a=b&c\n")
    assert link.count("?") == 1 and link.count("&") == 1
    assert link.endswith("?subject=Hi%20%26%20bye%3F&body=a%3Db%26c%0A")


def test_the_contact_card_link_carries_no_query_even_from_a_forged_clinic() -> None:
    # A clinic that did not come through validation (a damaged cache, a future loader): the writer still holds.
    clinic = dataclasses.replace(Library().load_clinic(), email=QUERY)
    page = clinic_page(for_language("en"), ClinicView(clinic, None), publishing=True)
    [row] = [block for block in page.blocks if isinstance(block, b.Definitions)]
    links = [part for _, parts in row.rows for part in parts if isinstance(part, b.Link)]
    [email] = [link for link in links if link.target.startswith("mailto:")]
    assert email.text == QUERY and "?" not in email.target
