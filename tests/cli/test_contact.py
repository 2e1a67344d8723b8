"""`runacu contact`: the clinic card in every format."""

from __future__ import annotations

import json

import pytest

from tests.conftest import fake_terminal, run, strip_ansi


@pytest.mark.slow
def test_contact_card_has_phone_address_and_weekly_hours() -> None:
    result = run("contact")
    assert result.exit_code == 0
    out = result.stdout
    for fact in ("Valencia Sports Medicine", "(661) 490-9221", "27430 The Old Rd, Valencia, CA 91355, United States",
                 "Regain control of your life", "Pacific Time"):  # fmt: skip
        assert fact in out
    assert "Monday     8:00 AM – 6:00 PM" in out
    assert "Saturday   Closed" in out and "Sunday     Closed" in out


@pytest.mark.slow
def test_contact_on_a_terminal_shows_an_hours_table() -> None:
    out = strip_ansi(run("contact", terminal=fake_terminal()).stdout)
    assert "Day" in out and "Hours" in out
    assert "Friday" in out and "8:00 AM – 6:00 PM" in out


def test_contact_json_has_every_field() -> None:
    data = json.loads(run("contact", "--json").stdout)
    assert data["name"] == "Valencia Sports Medicine"
    assert data["phone"] == {"display": "(661) 490-9221", "e164": "+16614909221"}
    assert data["address"]["postal_code"] == "91355"
    assert data["timezone"] == "America/Los_Angeles"
    assert data["hours"]["monday"] == [{"opens": "08:00", "closes": "18:00"}]
    assert data["hours"]["saturday"] == []
    assert data["email"] is None and data["website"] is None


def test_terminal_links_for_phone_and_map_with_readable_text() -> None:
    out = run("contact", terminal=fake_terminal(width=100)).stdout
    assert "\x1b]8;id=" in out and ";tel:+16614909221\x1b\\" in out
    assert "https://www.openstreetmap.org/search?query=27430+The+Old+Rd%2C+Valencia%2C+CA+91355%2C+United+States" in out
    assert "(661) 490-9221" in strip_ansi(out)
    piped = run("contact").stdout
    assert "\x1b]8" not in piped and "(661) 490-9221" in piped
