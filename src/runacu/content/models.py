"""Pydantic models of runacu's data files: guides (topics with sources) and the clinic."""

from __future__ import annotations

import itertools
import re
from datetime import date, time
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    field_validator,
    model_validator,
)

from runacu.content.text import neutralize
from runacu.errors import UnknownNameError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class StrictModel(BaseModel):
    # A misspelt key is an error, not silently ignored; numbers are fine where text is
    # expected (a postal code written without quotes), and models are immutable.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True, defer_build=True)


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(neutralize)]


class LocatedValueError(ValueError):
    """A validation error that knows where below the validated value it belongs (for file:line)."""

    def __init__(self, message: str, at: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.at = at


def _pattern(regex: str, explanation: str) -> AfterValidator:
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if not compiled.match(value):
            raise ValueError(f"'{value}' is not {explanation}")
        return value

    return AfterValidator(check)


# The JSON Schema keeps the pattern so editors can check it as the YAML is typed.
_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[
    str,
    _pattern(_SLUG, "a valid slug: use lower-case letters and digits joined by hyphens, like 'injury-prevention'"),
    Field(max_length=64, json_schema_extra={"pattern": _SLUG}),
]


def is_slug(text: str) -> bool:
    return re.match(_SLUG, text) is not None


_E164 = r"^\+[1-9]\d{6,14}$"
E164 = Annotated[
    str,
    _pattern(_E164, "a phone number in E.164 form, like '+16614909221'"),
    Field(json_schema_extra={"pattern": _E164}),
]
_URL = r"^https?://[^\s/?#]+\.[^\s/?#]+[^\s]*$"
# A plain pattern, not pydantic's HttpUrl: that one imports importlib.metadata and email (10 ms of start-up).
WebAddress = Annotated[
    str,
    _pattern(_URL, "a web address starting with https:// or http://"),
    Field(json_schema_extra={"pattern": _URL, "format": "uri"}),
]
_DOI = r"^10\.\d{4,9}/\S+$"
Doi = Annotated[
    str, _pattern(_DOI, "a DOI, like '10.1001/archinte.167.17.1892'"), Field(json_schema_extra={"pattern": _DOI})
]
ClockTime = Annotated[time, PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str)]


class Source(StrictModel):
    """A reference behind a claim, with a note on how strong the evidence is."""

    citation: Text
    doi: Doi | None = None
    url: WebAddress | None = None
    note: Text | None = Field(default=None, description="What the evidence does and does not show.")

    @property
    def link(self) -> str | None:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return self.url


class Topic(StrictModel):
    slug: Slug
    title: Text
    summary: Text = Field(description="One line.")
    explanation: Text = Field(description="Paragraphs separated by a blank line.")
    tips: list[Text] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)


class GuideFile(StrictModel):
    """A guide as written in its YAML file; the file name (without .yaml) is its slug."""

    title: Text
    intro: Text
    disclaimer: Text
    topics: list[Topic] = Field(min_length=1)

    @field_validator("topics")
    @classmethod
    def _slugs_are_unique(cls, topics: list[Topic]) -> list[Topic]:
        first_index: dict[str, int] = {}
        for index, topic in enumerate(topics):
            if topic.slug in first_index:
                raise LocatedValueError(
                    f"duplicate topic slug '{topic.slug}' (topic {first_index[topic.slug] + 1} has it too)",
                    at=(index, "slug"),
                )
            first_index[topic.slug] = index
        return topics


class Guide(GuideFile):
    """A loaded guide: its file's content plus the slug that names it."""

    slug: str

    @property
    def topic_slugs(self) -> list[str]:
        return [topic.slug for topic in self.topics]

    def find_topic(self, name: str) -> tuple[int, Topic]:
        """A topic and its 1-based number, by slug or by number."""
        for number, topic in enumerate(self.topics, start=1):
            if name in (topic.slug, str(number)):
                return number, topic
        raise UnknownNameError("topic", name, self.topic_slugs)


class Phone(StrictModel):
    display: Text = Field(description="As people read it, for example (661) 490-9221.")
    e164: E164 = Field(description="International form, for example +16614909221.")


class Address(StrictModel):
    street: Text
    city: Text
    region: Text
    postal_code: Text
    country: Text

    @property
    def one_line(self) -> str:
        return f"{self.street}, {self.city}, {self.region} {self.postal_code}, {self.country}"


class Interval(StrictModel):
    """One stretch of opening time within a day, in the clinic's time zone."""

    opens: ClockTime
    closes: ClockTime

    @model_validator(mode="after")
    def _opens_before_it_closes(self) -> Self:
        if self.opens >= self.closes:
            raise ValueError("'opens' must be earlier than 'closes'")
        return self


DayHours = Annotated[list[Interval], Field(default_factory=list, description="Empty when closed.")]


class WeeklyHours(StrictModel):
    monday: DayHours
    tuesday: DayHours
    wednesday: DayHours
    thursday: DayHours
    friday: DayHours
    saturday: DayHours
    sunday: DayHours

    @model_validator(mode="after")
    def _intervals_do_not_overlap(self) -> Self:
        for day in WEEKDAYS:
            intervals = self.on(day)
            for earlier, later in itertools.pairwise(intervals):
                if later.opens < earlier.closes:
                    raise LocatedValueError("opening intervals must be in order and must not overlap", at=(day,))
        return self

    def on(self, day: str) -> list[Interval]:
        intervals: list[Interval] = getattr(self, day)
        return intervals


class Closure(StrictModel):
    """A dated closure, such as a public holiday."""

    date: date
    reason: Text | None = None


def _known_time_zone(name: str) -> str:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone '{name}' (use an IANA name such as America/Los_Angeles)") from None
    return name


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _looks_like_email(address: str) -> str:
    if not _EMAIL.match(address):
        raise ValueError(f"'{address}' is not an email address")
    return address


class Clinic(StrictModel):
    name: Text
    tagline: Text | None = None
    phone: Phone
    address: Address
    timezone: Annotated[str, AfterValidator(_known_time_zone)] = Field(description="IANA name.")
    hours: WeeklyHours
    closures: list[Closure] = Field(default_factory=list)
    email: Annotated[str, AfterValidator(_looks_like_email)] | None = None
    website: WebAddress | None = None
