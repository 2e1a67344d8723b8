"""Pydantic models of runacu's data files: guides (topics with sources) and the clinic."""

from __future__ import annotations

import itertools
import re
from datetime import date, time
from typing import Annotated, Literal, Self, get_args

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

from runacu.content.lookup import Entry, resolve
from runacu.content.text import has_unsafe, neutralize

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class StrictModel(BaseModel):
    # A misspelt key is an error, not silently ignored; numbers are fine where text is
    # expected (a postal code written without quotes), and models are immutable.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True, defer_build=True)


class LocatedValueError(ValueError):
    """A validation error that knows where below the validated value it belongs (for file:line)."""

    def __init__(self, message: str, at: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.at = at


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be one line, with no line breaks")
    return value


def _pattern(regex: str, explanation: str) -> AfterValidator:
    compiled = re.compile(regex)

    def check(value: str) -> str:
        # fullmatch, not match with `$`: a `$` also matches before a final newline.
        if compiled.fullmatch(value) is None or has_unsafe(value):
            raise ValueError(f"'{neutralize(value)}' is not {explanation}")
        return value

    return AfterValidator(check)


# Every string read from a data file is one of the types below, and each ends by neutralising
# control characters: no field can be declared that lets one reach a terminal, a vCard or a mail header.
SAFE = AfterValidator(neutralize)
#: Text that may hold paragraphs (separated by a blank line).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), SAFE]
#: A title, a summary, a name: one line.
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_one_line), SAFE]


# The JSON Schema keeps the pattern so editors can check it as the YAML is typed.
SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
Slug = Annotated[
    str,
    _pattern(
        SLUG_PATTERN, "a valid slug: use lower-case letters and digits joined by hyphens, like 'injury-prevention'"
    ),
    Field(max_length=64, json_schema_extra={"pattern": f"^{SLUG_PATTERN}$"}),
    SAFE,
]
# An alias is a slug in any script: `sueño` is as good as `sleep`.
_ALIAS = r"[^\W_A-Z]+(?:-[^\W_A-Z]+)*"
Alias = Annotated[
    str,
    _pattern(_ALIAS, "a valid alias: lower-case words joined by hyphens, like 'red-flags'"),
    Field(max_length=64, json_schema_extra={"pattern": f"^{_ALIAS}$"}),
    SAFE,
]


def is_slug(text: str) -> bool:
    return re.fullmatch(SLUG_PATTERN, text) is not None


_E164 = r"\+[1-9]\d{6,14}"
E164 = Annotated[
    str,
    _pattern(_E164, "a phone number in E.164 form, like '+16614909221'"),
    Field(json_schema_extra={"pattern": f"^{_E164}$"}),
    SAFE,
]
_URL = r"https?://[^\s/?#]+\.[^\s/?#]+[^\s]*"
# A plain pattern, not pydantic's HttpUrl: that one imports importlib.metadata and email (10 ms of start-up).
WebAddress = Annotated[
    str,
    _pattern(_URL, "a web address starting with https:// or http://"),
    Field(max_length=2000, json_schema_extra={"pattern": f"^{_URL}$", "format": "uri"}),
    SAFE,
]
_DOI = r"10\.\d{4,9}/\S+"
Doi = Annotated[
    str,
    _pattern(_DOI, "a DOI, like '10.1001/archinte.167.17.1892'"),
    Field(max_length=300, json_schema_extra={"pattern": f"^{_DOI}$"}),
    SAFE,
]
_EMAIL = r"[^@\s\"<>(),;:]+@[^@\s\"<>(),;:]+\.[^@\s\"<>(),;:]+"
Email = Annotated[
    str,
    _pattern(_EMAIL, "an email address"),
    Field(max_length=254, json_schema_extra={"pattern": f"^{_EMAIL}$", "format": "email"}),
    SAFE,
]
ClockTime = Annotated[time, PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str)]

EvidenceKind = Literal["review", "trial", "study", "lab", "guidance", "practice"]
#: The red-flag levels, most urgent first: the order they must be written and are shown in.
RedFlagLevel = Literal["emergency", "today", "soon"]
RED_FLAG_LEVELS: tuple[str, ...] = get_args(RedFlagLevel)


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


class Evidence(StrictModel):
    """The kind of evidence behind a topic, from a fixed vocabulary, and a plain note on it."""

    kind: EvidenceKind = Field(description="review, trial, study, lab, guidance or practice.")
    note: Line = Field(description="One plain sentence: what is and is not known.")


class RedFlags(StrictModel):
    """Warning signs of one urgency, and what to do about them."""

    level: RedFlagLevel = Field(description="emergency, today or soon.")
    action: Line = Field(description="What to do, for example: Call 911 or go to the emergency room.")
    signs: list[Line] = Field(min_length=1, description="Short descriptions of the signs.")


class Topic(StrictModel):
    slug: Slug
    title: Line
    aliases: list[Alias] = Field(default_factory=list, description="Other names a reader may type.")
    summary: Line = Field(description="One line, true on its own (search shows it alone).")
    evidence: Evidence
    explanation: Text = Field(description="Paragraphs separated by a blank line.")
    red_flags: list[RedFlags] = Field(default_factory=list, description="Levels in the order emergency, today, soon.")
    tips: list[Text] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)

    @field_validator("red_flags")
    @classmethod
    def _levels_in_order(cls, levels: list[RedFlags]) -> list[RedFlags]:
        # Named at the first level out of place, so the message points at the line to fix.
        for position, (earlier, later) in enumerate(itertools.pairwise(levels), start=1):
            if RED_FLAG_LEVELS.index(later.level) <= RED_FLAG_LEVELS.index(earlier.level):
                raise LocatedValueError(
                    f"red-flag levels must each appear once, in the order {', '.join(RED_FLAG_LEVELS)}",
                    at=(position, "level"),
                )
        return levels

    @property
    def lookup_entry(self) -> Entry:
        return Entry(self.slug, tuple(self.aliases))


class GuideFile(StrictModel):
    """A guide as written in its YAML file; the file name (without .yaml) is its slug."""

    title: Line
    intro: Text
    disclaimer: Text
    reviewed: date = Field(description="When the facts were last checked against their sources (YYYY-MM-DD).")
    next_review: date = Field(description="When the next check is due (YYYY-MM-DD).")
    reading_grade: float = Field(
        default=8, ge=1, le=20, description="Highest Flesch-Kincaid grade a topic may read at (validate warns)."
    )
    topics: list[Topic] = Field(min_length=1)

    @field_validator("topics")
    @classmethod
    def _names_are_unique(cls, topics: list[Topic]) -> list[Topic]:
        owner: dict[str, int] = {}
        for index, topic in enumerate(topics):
            if topic.slug in owner:
                raise LocatedValueError(
                    f"duplicate topic slug '{topic.slug}' (topic {owner[topic.slug] + 1} has it too)",
                    at=(index, "slug"),
                )
            owner[topic.slug] = index
        for index, topic in enumerate(topics):
            for position, alias in enumerate(topic.aliases):
                if alias.isdecimal():
                    raise LocatedValueError(
                        f"the alias '{alias}' is a number: numbers already name topics in order",
                        at=(index, "aliases", position),
                    )
                if alias == topic.slug or alias in topic.aliases[:position]:
                    raise LocatedValueError(
                        f"the alias '{alias}' repeats a name topic {index + 1} already has",
                        at=(index, "aliases", position),
                    )
                if alias in owner and owner[alias] != index:
                    raise LocatedValueError(
                        f"the alias '{alias}' is already the name of topic {owner[alias] + 1}",
                        at=(index, "aliases", position),
                    )
                owner[alias] = index
        return topics

    @model_validator(mode="after")
    def _review_dates_in_order(self) -> Self:
        if self.next_review <= self.reviewed:
            raise LocatedValueError("'next_review' must be later than 'reviewed'", at=("next_review",))
        return self


class Guide(GuideFile):
    """A loaded guide: its file's content plus the slug that names it."""

    slug: Slug

    @property
    def topic_slugs(self) -> list[str]:
        return [topic.slug for topic in self.topics]

    def find_topic(self, name: str) -> tuple[int, Topic]:
        """A topic and its 1-based number: by number, slug or alias in any case, or a unique prefix."""
        index = resolve("topic", name, [topic.lookup_entry for topic in self.topics])
        return index + 1, self.topics[index]


class Phone(StrictModel):
    display: Line = Field(description="As people read it, for example (661) 490-9221.")
    e164: E164 = Field(description="International form, for example +16614909221.")


class Address(StrictModel):
    street: Line
    city: Line
    region: Line
    postal_code: Line
    country: Line

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


class ClinicTexts(StrictModel):
    """The clinic's words in another language (its facts are stored once)."""

    tagline: Line | None = None


class Clinic(StrictModel):
    name: Line
    tagline: Line | None = None
    translations: dict[Literal["es"], ClinicTexts] = Field(
        default_factory=dict, description="The clinic's texts in other languages, by language code."
    )
    phone: Phone
    address: Address
    timezone: Annotated[str, AfterValidator(_known_time_zone), SAFE] = Field(description="IANA name.")
    hours: WeeklyHours
    closures: list[Closure] = Field(default_factory=list)
    email: Email | None = None
    website: WebAddress | None = None

    def in_language(self, language: str) -> Clinic:
        """The clinic with its texts in `language` where a translation is given."""
        texts = self.translations.get(language)  # type: ignore[call-overload]
        if texts is None or texts.tagline is None:
            return self
        return self.model_copy(update={"tagline": texts.tagline})
