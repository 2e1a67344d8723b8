"""Opening hours in the clinic's own time zone: is it open at a moment, and when does that change.

Domain only: it returns data (datetimes, intervals, closure reasons); the view layer words it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from runacu.content.models import WEEKDAYS, Clinic, Closure, Interval
from runacu.words import N_

#: How far ahead to look for the next opening (a long holiday closure still finds it).
LOOKAHEAD_DAYS = 400
#: The card lists dated closures this many days ahead.
CLOSURES_AHEAD_DAYS = 30
#: `--at` accepts moments in these years (a year past 9998 cannot look ahead a year).
EARLIEST_YEAR, LATEST_YEAR = 1900, 9000


@dataclass(frozen=True)
class OpenStatus:
    """Whether the clinic is open at `moment`, and when that next changes (both in clinic time)."""

    moment: datetime
    is_open: bool
    next_change: datetime | None
    closure_reason: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "at": self.moment.isoformat(),
            "open": self.is_open,
            "next_change": self.next_change.isoformat() if self.next_change else None,
        }


@dataclass(frozen=True)
class Day:
    """One day of the week around a moment: its date, its opening intervals, and a closure if one falls on it."""

    date: date
    intervals: list[Interval]
    closure: Closure | None = None


def _periods(clinic: Clinic, zone: ZoneInfo, first: date) -> Iterator[tuple[datetime, datetime]]:
    """Open periods as UTC instants, day by day from `first`, skipping dated closures.

    Wall-clock times are placed in the zone before converting, so a DST change day
    keeps its opening hours in local time. Back-to-back periods are merged.
    """
    closed_on = {closure.date for closure in clinic.closures}
    pending: tuple[datetime, datetime] | None = None
    for offset in range(LOOKAHEAD_DAYS):
        day = first + timedelta(days=offset)
        if day in closed_on:
            continue
        for interval in clinic.hours.on(WEEKDAYS[day.weekday()]):
            start = datetime.combine(day, interval.opens, tzinfo=zone).astimezone(UTC)
            end = datetime.combine(day, interval.closes, tzinfo=zone).astimezone(UTC)
            if pending is not None and start <= pending[1]:
                pending = (pending[0], max(end, pending[1]))
                continue
            if pending is not None:
                yield pending
            pending = (start, end)
    if pending is not None:
        yield pending


def status_at(clinic: Clinic, moment: datetime) -> OpenStatus:
    """The clinic's state at an aware `moment`."""
    zone = ZoneInfo(clinic.timezone)
    local = moment.astimezone(zone)
    instant = moment.astimezone(UTC)
    reason = next((c.reason or "" for c in clinic.closures if c.date == local.date()), None)
    for start, end in _periods(clinic, zone, local.date() - timedelta(days=1)):
        if end <= instant:
            continue
        if start <= instant:
            return OpenStatus(local, True, end.astimezone(zone))
        return OpenStatus(local, False, start.astimezone(zone), reason)
    return OpenStatus(local, False, None, reason)


def week_around(clinic: Clinic, day: date) -> list[Day]:
    """Monday to Sunday of the week holding `day`, each with its hours and any dated closure."""
    monday = day - timedelta(days=day.weekday())
    closures = {closure.date: closure for closure in clinic.closures}
    days = [monday + timedelta(days=offset) for offset in range(7)]
    return [Day(d, clinic.hours.on(WEEKDAYS[d.weekday()]), closures.get(d)) for d in days]


def closures_ahead(clinic: Clinic, day: date, days: int = CLOSURES_AHEAD_DAYS) -> list[Closure]:
    """Dated closures from `day` to `days` days later, in date order."""
    last = day + timedelta(days=days)
    return sorted((c for c in clinic.closures if day <= c.date <= last), key=lambda closure: closure.date)


class MomentError(ValueError):
    """A `--at` value that names no moment the clinic's clock can show; `key` says why (a marked message)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params


@dataclass(frozen=True)
class Moment:
    """A parsed `--at`: the instant, and whether its wall-clock time happened twice (the first is taken)."""

    at: datetime
    ambiguous: bool = False


def parse_moment(text: str, clinic: Clinic) -> Moment:
    """An ISO 8601 date and time; without an offset it is the clinic's wall-clock time.

    A wall-clock time skipped by a daylight-saving change does not exist and is refused; one
    that happens twice (when clocks go back) is taken at its first occurrence.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise MomentError(N_("--at: not a date and time in ISO 8601 form, like 2026-11-23T09:30")) from None
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise MomentError(N_("--at: the year must be from {first} to {last}"), first=EARLIEST_YEAR, last=LATEST_YEAR)
    if moment.tzinfo is not None:
        try:
            moment.astimezone(UTC)
        except (OverflowError, ValueError):
            raise MomentError(
                N_("--at: the year must be from {first} to {last}"), first=EARLIEST_YEAR, last=LATEST_YEAR
            ) from None
        return Moment(moment)
    zone = ZoneInfo(clinic.timezone)
    first, second = moment.replace(tzinfo=zone, fold=0), moment.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != second.utcoffset():
        # The round trip through UTC lands elsewhere only for a time that never happened.
        if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != moment:
            raise MomentError(
                N_("--at: that time does not exist in {zone}: clocks jump forward an hour then"), zone=clinic.timezone
            )
        return Moment(first, ambiguous=True)
    return Moment(first)
