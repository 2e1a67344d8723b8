"""Open-now status in the clinic's own zone: weekends, DST change days, split hours, closures, midnight."""

from __future__ import annotations

import inspect
import json
import sys
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from runacu.clinic.hours import status_at
from runacu.content.library import Library
from runacu.content.models import Clinic, json_data
from runacu.content.validation import adapter
from runacu.views.pages import ClinicView, status_sentence
from runacu.words import for_language
from tests.conftest import fake_terminal, run, strip_ansi

LA = ZoneInfo("America/Los_Angeles")


def clinic_with(**changes: object) -> Clinic:
    data = json_data(Library().load_clinic())
    data.update(changes)
    return adapter(Clinic).validate_python(data)


def status(at: str, clinic: Clinic | None = None) -> tuple[str, str | None]:
    clinic = clinic or Library().load_clinic()
    found = status_at(
        clinic,
        datetime.fromisoformat(at).replace(tzinfo=LA)
        if "+" not in at[10:] and not at.endswith("Z")
        else datetime.fromisoformat(at),
    )
    sentence = status_sentence(for_language("en"), ClinicView(clinic, found))
    return sentence, found.next_change.isoformat() if found.next_change else None


@pytest.mark.parametrize(
    ("at", "sentence", "next_change"),
    [
        ("2026-11-23T10:00", "Open now, closes 6:00 PM", "2026-11-23T18:00:00-08:00"),  # Monday
        ("2026-11-23T07:59", "Closed now, opens 8:00 AM", "2026-11-23T08:00:00-08:00"),
        ("2026-11-23T18:00", "Closed now, opens tomorrow 8:00 AM", "2026-11-24T08:00:00-08:00"),
        ("2026-11-27T19:00", "Closed now, opens Monday 8:00 AM", "2026-11-30T08:00:00-08:00"),  # Friday evening
        ("2026-11-28T12:00", "Closed now, opens Monday 8:00 AM", "2026-11-30T08:00:00-08:00"),  # Saturday
        (
            "2026-11-29T23:59",
            "Closed now, opens tomorrow 8:00 AM",
            "2026-11-30T08:00:00-08:00",
        ),  # Sunday, just before midnight
        ("2026-11-30T00:00", "Closed now, opens 8:00 AM", "2026-11-30T08:00:00-08:00"),  # Monday, midnight
        ("2026-11-23T17:30:00+00:00", "Open now, closes 6:00 PM", "2026-11-23T18:00:00-08:00"),  # 9:30 in Valencia
    ],
)
def test_status_with_the_shipped_hours(at: str, sentence: str, next_change: str) -> None:
    assert status(at) == (sentence, next_change)


def test_spring_forward_weekend_reopens_with_the_new_offset() -> None:
    # US clocks go forward on Sunday 2026-03-08: Friday closes at -08:00, Monday opens at -07:00.
    assert status("2026-03-06T18:30") == ("Closed now, opens Monday 8:00 AM", "2026-03-09T08:00:00-07:00")


def test_fall_back_weekend_reopens_with_the_new_offset() -> None:
    assert status("2026-10-31T09:00") == ("Closed now, opens Monday 8:00 AM", "2026-11-02T08:00:00-08:00")


def night_hours(**day: list[dict[str, str]]) -> Clinic:
    closed: dict[str, list[dict[str, str]]] = {
        d: [] for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    }
    return clinic_with(hours={**closed, **day})


def test_hours_across_the_spring_forward_gap() -> None:
    clinic = night_hours(sunday=[{"opens": "01:00", "closes": "04:00"}])
    assert status("2026-03-08T01:30", clinic) == ("Open now, closes 4:00 AM", "2026-03-08T04:00:00-07:00")
    # 01:00 PST to 04:00 PDT is two real hours: at 10:30 UTC (03:30 PDT) it is still open.
    assert status("2026-03-08T10:30:00+00:00", clinic)[0] == "Open now, closes 4:00 AM"
    assert status("2026-03-08T11:00:00+00:00", clinic)[0].startswith("Closed")


def test_hours_across_the_fall_back_repeat() -> None:
    clinic = night_hours(sunday=[{"opens": "00:30", "closes": "03:00"}])
    assert status("2026-11-01T01:30", clinic) == ("Open now, closes 3:00 AM", "2026-11-01T03:00:00-08:00")


def test_split_hours() -> None:
    clinic = night_hours(monday=[{"opens": "08:00", "closes": "12:00"}, {"opens": "13:00", "closes": "18:00"}])
    assert status("2026-11-23T11:00", clinic) == ("Open now, closes 12:00 PM", "2026-11-23T12:00:00-08:00")
    assert status("2026-11-23T12:30", clinic) == ("Closed now, opens 1:00 PM", "2026-11-23T13:00:00-08:00")
    assert status("2026-11-23T13:00", clinic)[0] == "Open now, closes 6:00 PM"


def test_touching_intervals_are_one_open_period() -> None:
    # 8-12 and 12-18 touch: at 11:00 the clinic is open until 6 PM, it does not close at noon.
    clinic = night_hours(monday=[{"opens": "08:00", "closes": "12:00"}, {"opens": "12:00", "closes": "18:00"}])
    assert status("2026-11-23T11:00", clinic) == ("Open now, closes 6:00 PM", "2026-11-23T18:00:00-08:00")
    assert status("2026-11-23T12:00", clinic) == ("Open now, closes 6:00 PM", "2026-11-23T18:00:00-08:00")
    assert status("2026-11-23T07:00", clinic) == ("Closed now, opens 8:00 AM", "2026-11-23T08:00:00-08:00")


def test_intervals_a_minute_apart_across_midnight_stay_apart() -> None:
    clinic = night_hours(
        monday=[{"opens": "20:00", "closes": "23:59"}], tuesday=[{"opens": "00:00", "closes": "02:00"}]
    )
    assert status("2026-11-23T22:00", clinic) == ("Open now, closes 11:59 PM", "2026-11-23T23:59:00-08:00")
    assert status("2026-11-23T23:59:30", clinic)[1] == "2026-11-24T00:00:00-08:00"


def test_dated_closures() -> None:
    clinic = clinic_with(closures=[{"date": "2026-11-26", "reason": "Thanksgiving"}])
    assert status("2026-11-26T10:00", clinic) == (
        "Closed now (Thanksgiving), opens tomorrow 8:00 AM",
        "2026-11-27T08:00:00-08:00",
    )
    assert status("2026-11-25T17:00", clinic) == ("Open now, closes 6:00 PM", "2026-11-25T18:00:00-08:00")
    assert status("2026-11-25T19:00", clinic)[1] == "2026-11-27T08:00:00-08:00"


def test_a_closure_of_several_weeks_still_finds_the_next_opening() -> None:
    first = date(2026, 12, 19)
    break_days = [{"date": str(first + timedelta(days=n)), "reason": "Winter break"} for n in range(23)]
    found = status("2026-12-21T10:00", clinic_with(closures=break_days))
    assert found[0].startswith("Closed now (Winter break), opens ")
    assert found[1] == "2027-01-11T08:00:00-08:00"  # the first Monday after the break


def test_a_clinic_with_no_hours_is_simply_closed() -> None:
    assert status("2026-11-23T10:00", night_hours()) == ("Closed now", None)


@pytest.mark.slow
def test_contact_at_speaks_about_that_moment_and_marks_its_day() -> None:
    result = run("contact", "--at", "2026-11-23T10:00")
    assert result.exit_code == 0
    assert "Open at Mon, Nov 23, 2026, 10:00 AM, closes 6:00 PM" in result.stdout
    assert "* Monday" in result.stdout and "(* the day asked about)" in result.stdout
    assert "now" not in result.stdout.lower() and "today" not in result.stdout
    on_terminal = strip_ansi(run("contact", "--at", "2026-11-28T10:00", terminal=fake_terminal()).stdout)
    assert "Saturday (the day asked about)" in on_terminal
    assert "Closed at Sat, Nov 28, 2026, 10:00 AM, opens Monday 8:00 AM" in on_terminal
    assert "(today)" not in on_terminal


def stop_the_clock(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    """Wherever runacu reads the clock (`datetime.now`, in whichever of its modules), it reads `moment`."""

    class Stopped(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
            return moment.astimezone(tz) if tz is not None else moment.astimezone().replace(tzinfo=None)

    run("contact", "--json")  # loads the modules `contact` runs
    readers = [
        module
        for name, module in list(sys.modules.items())
        if name.partition(".")[0] == "runacu"
        and getattr(module, "datetime", None) is datetime
        and "datetime.now(" in inspect.getsource(module)
    ]
    assert readers, "runacu reads the clock somewhere else now: stop it there"
    for module in readers:
        monkeypatch.setattr(module, "datetime", Stopped)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("utc", "sentence", "today"),
    [
        ("2026-11-23T18:00:00+00:00", "Open now, closes 6:00 PM", "Monday (today)"),  # 10:00 in Valencia
        ("2026-11-24T03:00:00+00:00", "Closed now, opens tomorrow 8:00 AM", "Monday (today)"),  # 19:00 Monday there
        ("2026-11-28T18:00:00+00:00", "Closed now, opens Monday 8:00 AM", "Saturday (today)"),
    ],
    ids=["open", "closed-evening", "closed-weekend"],
)
def test_contact_now_says_now_and_today(utc: str, sentence: str, today: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Both branches (open and closed), and a day that is already the next one in UTC.
    stop_the_clock(monkeypatch, datetime.fromisoformat(utc))
    on_terminal = strip_ansi(run("contact", terminal=fake_terminal()).stdout)
    assert sentence in on_terminal
    assert today in on_terminal and on_terminal.count("(today)") == 1


def test_contact_json_has_the_status() -> None:
    data = json.loads(run("contact", "--json", "--at", "2026-11-27T17:59").stdout)
    assert data["status"] == {
        "at": "2026-11-27T17:59:00-08:00",
        "open": True,
        "next_change": "2026-11-27T18:00:00-08:00",
    }


@pytest.mark.parametrize("bad", ["tomorrow", "2026-13-01T10:00", "10am"])
def test_invalid_at_is_a_usage_error(bad: str) -> None:
    result = run("contact", "--at", bad)
    assert result.exit_code == 2
    assert "ISO 8601" in result.stderr


def test_closures_in_a_custom_clinic_file(data_dir: Path) -> None:
    clinic = data_dir / "clinic.yaml"
    clinic.write_text(
        clinic.read_text().replace("closures: []", "closures:\n  - {date: 2026-12-25, reason: Christmas Day}")
    )
    out = run("--data-dir", str(data_dir), "contact", "--at", "2026-12-25T10:00").stdout
    assert "Closed at Fri, Dec 25, 2026, 10:00 AM (Christmas Day), opens Monday 8:00 AM" in out
    assert "* Friday     Closed: Christmas Day" in out
    assert "December 25, 2026: Christmas Day" in out  # the closures in the next 30 days
