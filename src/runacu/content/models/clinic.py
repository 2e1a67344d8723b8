"""The clinic's model: its name, phone, address, opening hours and closures, and its texts in other languages."""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass, field
from typing import Annotated, Literal

from runacu.content.models.fields import E164, SAFE, ClockTime, Day, Email, Line, WebAddress
from runacu.content.text import neutralize
from runacu.content.validation import Model, Rule, described

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, kw_only=True)
class Phone(Model):
    """The clinic's phone number, as people read it and as phones dial it."""

    display: Annotated[Line, described("As people read it, for example (661) 490-9221.")]
    e164: Annotated[E164, described("International form, for example +16614909221.")]


@dataclass(frozen=True, kw_only=True)
class Address(Model):
    """The clinic's postal address."""

    street: Line
    city: Line
    region: Line
    postal_code: Line
    country: Line

    @property
    def one_line(self) -> str:
        return f"{self.street}, {self.city}, {self.region} {self.postal_code}, {self.country}"


@dataclass(frozen=True, kw_only=True)
class Interval(Model):
    """One stretch of opening time within a day, in the clinic's time zone."""

    opens: ClockTime
    closes: ClockTime

    def __post_init__(self) -> None:
        if self.opens >= self.closes:
            raise ValueError("'opens' must be earlier than 'closes'")


def _do_not_overlap(intervals: list[Interval]) -> list[Interval]:
    for earlier, later in itertools.pairwise(intervals):
        if later.opens < earlier.closes:
            raise ValueError("opening intervals must be in order and must not overlap")
    return intervals


DayHours = Annotated[list[Interval], Rule(_do_not_overlap), described("Empty when closed.")]


@dataclass(frozen=True, kw_only=True)
class WeeklyHours(Model):
    """Opening hours for each day of the week."""

    monday: DayHours = field(default_factory=list)
    tuesday: DayHours = field(default_factory=list)
    wednesday: DayHours = field(default_factory=list)
    thursday: DayHours = field(default_factory=list)
    friday: DayHours = field(default_factory=list)
    saturday: DayHours = field(default_factory=list)
    sunday: DayHours = field(default_factory=list)

    def on(self, day: str) -> list[Interval]:
        intervals: list[Interval] = getattr(self, day)
        return intervals


@dataclass(frozen=True, kw_only=True)
class Closure(Model):
    """A dated closure, such as a public holiday."""

    date: Day
    reason: Line | None = None


_TIME_ZONE = r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*"


def _known_time_zone(name: str) -> str:
    import zoneinfo

    try:
        if len(name) > 64 or re.fullmatch(_TIME_ZONE, name) is None:
            raise ValueError
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a folder of the zone database, such as 'America', is not a zone.
        raise ValueError(
            f"unknown time zone '{neutralize(name[:64])}' (use an IANA name such as America/Los_Angeles)"
        ) from None
    return name


@dataclass(frozen=True, kw_only=True)
class ClinicTexts(Model):
    """The clinic's words in another language (its facts are stored once)."""

    tagline: Line | None = None


@dataclass(frozen=True, kw_only=True)
class Clinic(Model):
    """The clinic: how to reach it and when it is open."""

    name: Line
    tagline: Line | None = None
    translations: Annotated[
        dict[Literal["es"], ClinicTexts], described("The clinic's texts in other languages, by language code.")
    ] = field(default_factory=dict)
    phone: Phone
    address: Address
    timezone: Annotated[str, Rule(_known_time_zone), SAFE, described("IANA name.")]
    hours: WeeklyHours
    closures: list[Closure] = field(default_factory=list)
    email: Email | None = None
    website: WebAddress | None = None

    def in_language(self, language: str) -> Clinic:
        """The clinic with its texts in `language` where a translation is given."""
        texts = self.translations.get(language)  # type: ignore[call-overload]
        if texts is None or texts.tagline is None:
            return self
        return dataclasses.replace(self, tagline=texts.tagline)
