"""The clinic's model: its name, phone, address, opening hours and closures, and its texts in other languages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from typing import Annotated

from runacu.content.message import InvalidValue
from runacu.content.models.fields import E164, SAFE, ClockTime, Day, Email, Line, WebAddress
from runacu.content.text import neutralize
from runacu.content.validation import Model, Rule, described
from runacu.words import N_

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, kw_only=True)
class Phone(Model):
    """The clinic's phone number, as people read it and as phones dial it."""

    display: Annotated[Line, described("As people read it, for example (661) 490-9221.")]
    e164: Annotated[E164, described("International form, for example +16614909221.")]


def _country(written: str) -> str:
    """An ISO 3166 code as it is (`us` is `US`); a country's English name as CLDR writes it, its code (`United
    States` is `US`); any other name as it is written. Two letters that are no country's code are refused."""
    from runacu.content import cldr

    try:
        return cldr.country_code(written)
    except cldr.UnknownCountryCode as unknown:
        if unknown.suggestion is not None:
            raise InvalidValue(
                N_("'{code}' is not a country code: the ISO 3166 code of that country is '{suggestion}'"),
                code=unknown.code,
                suggestion=unknown.suggestion,
            ) from None
        raise InvalidValue(
            N_("'{code}' is not a country code: use an ISO 3166 code such as US, or the country's name"),
            code=unknown.code,
        ) from None


#: The country: kept as its ISO 3166 code whenever CLDR knows it, and shown by its name in the reader's language.
Country = Annotated[
    Line,
    Rule(_country),
    SAFE,  # the last rule of any text (a name CLDR does not know is kept as written)
    described(
        "An ISO 3166 country code such as US (shown as the country's name in the reader's language), or the"
        " country's name in English (kept as its code when CLDR knows the name, else shown as written)."
    ),
]


@dataclass(frozen=True, kw_only=True)
class Address(Model):
    """The clinic's postal address."""

    street: Line
    city: Line
    region: Line
    postal_code: Line
    country: Country

    def one_line(self, country_name: str) -> str:
        """The address on one line, the country written as `country_name` (its name in the reader's language)."""
        return f"{self.street}, {self.city}, {self.region} {self.postal_code}, {country_name}"


@dataclass(frozen=True, kw_only=True)
class Interval(Model):
    """One stretch of opening time within a day, in the clinic's time zone."""

    opens: ClockTime
    closes: ClockTime

    def __post_init__(self) -> None:
        if self.opens >= self.closes:
            raise InvalidValue(N_("'opens' must be earlier than 'closes'"))


def _do_not_overlap(intervals: list[Interval]) -> list[Interval]:
    for earlier, later in itertools.pairwise(intervals):
        if later.opens < earlier.closes:
            raise InvalidValue(N_("opening intervals must be in order and must not overlap"))
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
    reason: Annotated[
        Line | None,
        described("Why, in English: Christmas Day. Its translations are under translations.<lang>.closures, by date."),
    ] = None


_TIME_ZONE = r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*"


def _known_time_zone(name: str) -> str:
    import zoneinfo

    try:
        if len(name) > 64 or re.fullmatch(_TIME_ZONE, name) is None:
            raise ValueError
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a folder of the zone database, such as 'America', is not a zone.
        raise InvalidValue(
            N_("unknown time zone '{name}' (use an IANA name such as America/Los_Angeles)"), name=neutralize(name[:64])
        ) from None
    return name


def _written_day(value: str) -> str:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is None:
            raise ValueError
        dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidValue(N_("'{date}' is not a date written YYYY-MM-DD, like 2026-12-25"), date=value) from None
    return value


#: A closure's date as a key (text: a key of JSON data is text), written YYYY-MM-DD.
ClosureDay = Annotated[str, Rule(_written_day, pattern=r"^\d{4}-\d{2}-\d{2}$"), SAFE]


@dataclass(frozen=True, kw_only=True)
class ClinicTexts(Model):
    """The clinic's words in another language (its facts are stored once)."""

    tagline: Line | None = None
    closures: Annotated[
        dict[ClosureDay, Line],
        Rule(
            description="The reason of each dated closure in this language, by its date: {2026-12-25: Navidad}."
            " Each date is one of 'closures' with a reason; a closure with none here shows its reason as"
            " 'closures' gives it.",
            additionalProperties=False,
        ),
    ] = field(default_factory=dict)


def _spoken(language: str) -> str:
    """A language runacu speaks (it has a catalog for it), English aside: the clinic's texts are written in English."""
    from runacu.words import SOURCE_LANGUAGE, languages

    others = [code for code in languages() if code != SOURCE_LANGUAGE]
    if language not in others:
        raise InvalidValue(
            N_("runacu has no catalog for the language '{language}'; it has catalogs for: {languages}"),
            language=language,
            languages=", ".join(others),
        )
    return language


#: A language code such as es, of a language runacu has a catalog for.
Language = Annotated[str, Rule(_spoken, pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$"), SAFE]


@dataclass(frozen=True, kw_only=True)
class Clinic(Model):
    """The clinic: how to reach it and when it is open."""

    name: Line
    tagline: Line | None = None
    translations: Annotated[
        dict[Language, ClinicTexts],
        Rule(
            description="The clinic's texts in other languages, by the code of a language runacu speaks, such as es.",
            additionalProperties=False,
        ),
    ] = field(default_factory=dict)
    phone: Phone
    address: Address
    timezone: Annotated[str, Rule(_known_time_zone), SAFE, described("IANA name.")]
    hours: WeeklyHours
    closures: list[Closure] = field(default_factory=list)
    email: Email | None = None
    website: WebAddress | None = None

    def __post_init__(self) -> None:
        with_reason = {closure.date.isoformat() for closure in self.closures if closure.reason}
        for language, texts in self.translations.items():
            for day in texts.closures:
                if day not in with_reason:
                    raise InvalidValue(
                        N_(
                            "no closure on {date} has a reason to translate: add it to 'closures', or remove this"
                            " translation"
                        ),
                        at=("translations", language, "closures", day),
                        date=day,
                    )

    def in_language(self, language: str) -> Clinic:
        """The clinic with its texts in `language` where a translation is given."""
        texts = self.translations.get(language)
        if texts is None:
            return self
        closures = [
            dataclasses.replace(closure, reason=texts.closures.get(closure.date.isoformat(), closure.reason))
            for closure in self.closures
        ]
        return dataclasses.replace(self, tagline=texts.tagline or self.tagline, closures=closures)
