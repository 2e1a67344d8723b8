"""Opening hours in the clinic's own time zone: is it open at a moment, and when does that change."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from runacu.content.models import WEEKDAYS, Clinic, Interval

#: How far ahead to look for the next opening (a long holiday closure still finds it).
LOOKAHEAD_DAYS = 400


def clock(moment: time) -> str:
    """18:00 -> '6:00 PM'."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def describe_day(intervals: list[Interval]) -> str:
    """'8:00 AM - 6:00 PM' (with an en dash), several intervals joined by commas, or 'Closed'."""
    if not intervals:
        return "Closed"
    return ", ".join(f"{clock(interval.opens)} \u2013 {clock(interval.closes)}" for interval in intervals)


@dataclass(frozen=True)
class OpenStatus:
    """Whether the clinic is open at `moment`, and when that next changes (both in clinic time)."""

    moment: datetime
    is_open: bool
    next_change: datetime | None
    closure_reason: str | None = None

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.moment.weekday()]

    def sentence(self) -> str:
        """'Open now, closes 6:00 PM' or 'Closed, opens Monday 8:00 AM'."""
        state = "Open now" if self.is_open else "Closed"
        if self.closure_reason and not self.is_open:
            state += f" ({self.closure_reason})"
        if self.next_change is None:
            return state
        verb = "closes" if self.is_open else "opens"
        return f"{state}, {verb} {_when(self.next_change, self.moment)}{clock(self.next_change.time())}"

    def to_json(self) -> dict[str, object]:
        return {
            "at": self.moment.isoformat(),
            "open": self.is_open,
            "next_change": self.next_change.isoformat() if self.next_change else None,
        }


def _when(change: datetime, moment: datetime) -> str:
    days = (change.date() - moment.date()).days
    if days == 0:
        return ""
    if days == 1:
        return "tomorrow "
    if days < 7:
        return f"{WEEKDAYS[change.weekday()].capitalize()} "
    return f"{change.strftime('%A, %B')} {change.day}, "


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
    reason = next((c.reason for c in clinic.closures if c.date == local.date()), None)
    for start, end in _periods(clinic, zone, local.date() - timedelta(days=1)):
        if end <= instant:
            continue
        if start <= instant:
            return OpenStatus(local, True, end.astimezone(zone))
        return OpenStatus(local, False, start.astimezone(zone), reason)
    return OpenStatus(local, False, None, reason)


def parse_moment(text: str, clinic: Clinic) -> datetime:
    """An ISO 8601 date-time; without an offset it is read as clinic-local time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not an ISO 8601 date and time, like 2026-11-23T09:30") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(clinic.timezone))
    return moment
