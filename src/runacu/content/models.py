"""runacu's data: guides (topics with sources) and the clinic, as immutable dataclasses.

Reading them needs no pydantic. What each field must be is declared on its type with `Rule`s,
which pydantic applies when a file is validated (`content/validation.py`); a file validated
once is rebuilt from the parse cache (`content/trusted.py`) without validating it again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from runacu.content.lookup import Entry, resolve
from runacu.content.text import echo, fold, has_unsafe, neutralize
from runacu.content.validation import Model, Rule, described

if TYPE_CHECKING:
    from runacu.words import Words

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class LocatedValueError(ValueError):
    """A validation error that knows where below the validated value it belongs (for file:line)."""

    def __init__(self, message: str, at: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.at = at


def _filled(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("should have at least 1 character")
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be one line, with no line breaks")
    return value


def _not_empty(values: list[Any]) -> list[Any]:
    if not values:
        raise ValueError("should have at least 1 item")
    return values


def _pattern(regex: str, explanation: str, max_length: int | None = None, format: str | None = None) -> Rule:
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if max_length is not None and len(value) > max_length:
            raise ValueError(f"should have at most {max_length} characters")
        # fullmatch, not match with `$`: a `$` also matches before a final newline.
        if compiled.fullmatch(value) is None or has_unsafe(value):
            raise ValueError(f"'{neutralize(value)}' is not {explanation}")
        return value

    # The JSON Schema keeps the pattern so editors can check it as the YAML is typed.
    schema: dict[str, Any] = {"pattern": f"^{regex}$"}
    if max_length is not None:
        schema["maxLength"] = max_length
    if format is not None:
        schema["format"] = format
    return Rule(check, **schema)


def _written_as_text(value: object) -> object:
    """Text must be written as text: YAML reads `02134` as the number 2134 and `true` as a truth value."""
    if isinstance(value, bool):
        raise ValueError("should be text, not true or false: put it in quotes to keep it as written")
    if isinstance(value, (int, float)):
        raise ValueError("should be text, not a number: put it in quotes to keep it as written")
    return value


# Every string read from a data file is one of the types below, and each ends by neutralising
# control, bidi and format characters: no field can be declared that lets one reach a terminal, a
# vCard or a mail header. Each is written as text: a number is refused, never turned into text.
SAFE = Rule(neutralize, before=_written_as_text)
FILLED = Rule(_filled, minLength=1)
#: Text that may hold paragraphs (separated by a blank line).
Text = Annotated[str, FILLED, SAFE]
#: A title, a summary, a name: one line.
Line = Annotated[str, FILLED, Rule(_one_line), SAFE]

SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SLUG = "a valid slug: use lower-case letters and digits joined by hyphens, like 'injury-prevention'"
Slug = Annotated[str, _pattern(SLUG_PATTERN, _SLUG, 64), SAFE]
# An alias is a slug in any script: `sueño` is as good as `sleep`.
_ALIAS = "a valid alias: lower-case words joined by hyphens, like 'red-flags'"
Alias = Annotated[str, _pattern(r"[^\W_A-Z]+(?:-[^\W_A-Z]+)*", _ALIAS, 64), SAFE]
E164 = Annotated[str, _pattern(r"\+[1-9]\d{6,14}", "a phone number in E.164 form, like '+16614909221'"), SAFE]
# A plain pattern, not pydantic's HttpUrl: that one imports importlib.metadata and email (10 ms of start-up).
_URL = r"https?://[^\s/?#]+\.[^\s/?#]+[^\s]*"
WebAddress = Annotated[str, _pattern(_URL, "a web address starting with https:// or http://", 2000, format="uri"), SAFE]
Doi = Annotated[str, _pattern(r"10\.\d{4,9}/\S+", "a DOI, like '10.1001/archinte.167.17.1892'", 300), SAFE]
_DOMAIN_LABEL = r"[^\W_]+(?:-+[^\W_]+)*"
_EMAIL = rf"[^@\s\"<>(),;:?]+@{_DOMAIN_LABEL}(?:\.{_DOMAIN_LABEL})+"


def _address_alone(value: str) -> str:
    # A mailto: link would read what follows a `?` as headers: `desk@example.com?bcc=...` copies every message.
    if "?" in value:
        raise ValueError(
            f"'{echo(value)}' is not an email address alone: what follows '?' would add headers such as bcc"
            " to every message sent from a link to it; give the address only, like 'desk@example.com'"
        )
    return value


Email = Annotated[
    str, Rule(_address_alone), _pattern(_EMAIL, "an email address, like 'desk@example.com'", 254, format="email"), SAFE
]


def _written(kind: str, pattern: str, example: str) -> Rule:
    """The value must be written as text of this form: YAML's numbers and other readings are refused."""
    compiled = re.compile(pattern)

    def check(value: object) -> object:
        if not isinstance(value, str) or compiled.fullmatch(value) is None:
            raise ValueError(f"should be {kind}, like {example}")
        return value

    return Rule(before=check)


#: A calendar day, written YYYY-MM-DD.
Day = Annotated[dt.date, _written("a date written YYYY-MM-DD", r"\d{4}-\d{2}-\d{2}", "2026-11-23")]
#: A time of day on the clinic's clock, in hours and minutes.
ClockTime = Annotated[dt.time, _written("a time written HH:MM", r"\d{2}:\d{2}", "09:00 or 18:30")]


def _a_number(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("should be a number")
    return value


def is_slug(text: str) -> bool:
    return re.fullmatch(SLUG_PATTERN, text) is not None


EvidenceKind = Literal["review", "trial", "study", "lab", "guidance", "practice"]
#: The red-flag levels, most urgent first: the order they must be written and are shown in.
RedFlagLevel = Literal["emergency", "today", "soon"]
RED_FLAG_LEVELS: tuple[str, ...] = get_args(RedFlagLevel)


@dataclass(frozen=True, kw_only=True)
class Source(Model):
    """A reference behind a claim, with a note on how strong the evidence is."""

    citation: Text
    doi: Doi | None = None
    url: WebAddress | None = None
    note: Annotated[Text | None, described("What the evidence does and does not show.")] = None

    @property
    def link(self) -> str | None:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return self.url


@dataclass(frozen=True, kw_only=True)
class Evidence(Model):
    """The kind of evidence behind a topic, from a fixed vocabulary, and a plain note on it."""

    kind: Annotated[EvidenceKind, described("review, trial, study, lab, guidance or practice.")]
    note: Annotated[Line, described("One plain sentence: what is and is not known.")]


@dataclass(frozen=True, kw_only=True)
class RedFlags(Model):
    """Warning signs of one urgency, and what to do about them."""

    level: Annotated[RedFlagLevel, described("emergency, today or soon.")]
    action: Annotated[Line, described("What to do, for example: Call 911 or go to the emergency room.")]
    signs: Annotated[list[Line], Rule(_not_empty, minItems=1), described("Short descriptions of the signs.")]


@dataclass(frozen=True, kw_only=True)
class ItemList(Model):
    """A list with its own heading, such as conditions to tell a practitioner about: never shown as tips."""

    heading: Annotated[Line, described("The list's heading, for example: Tell your practitioner if.")]
    items: Annotated[list[Text], Rule(_not_empty, minItems=1), described("The list's items.")]


def _levels_in_order(levels: list[RedFlags]) -> list[RedFlags]:
    # Named at the first level out of place, so the message points at the line to fix.
    for position, (earlier, later) in enumerate(itertools.pairwise(levels), start=1):
        if RED_FLAG_LEVELS.index(later.level) <= RED_FLAG_LEVELS.index(earlier.level):
            raise LocatedValueError(
                f"red-flag levels must each appear once, in the order {', '.join(RED_FLAG_LEVELS)}",
                at=(position, "level"),
            )
    return levels


@dataclass(frozen=True, kw_only=True)
class Topic(Model):
    """One topic of a guide: what it explains, how strong the evidence is, and its warning signs."""

    slug: Slug
    title: Line
    aliases: Annotated[list[Alias], described("Other names a reader may type.")] = field(default_factory=list)
    questions: Annotated[
        list[Line],
        described("Questions a reader may ask that this topic answers, in the reader's words (search matches them)."),
    ] = field(default_factory=list)
    summary: Annotated[Line, described("One line, true on its own (search shows it alone).")]
    evidence: Evidence
    explanation: Annotated[Text, described("Paragraphs separated by a blank line.")]
    red_flags: Annotated[
        list[RedFlags], Rule(_levels_in_order), described("Levels in the order emergency, today, soon.")
    ] = field(default_factory=list)
    tips: Annotated[list[Text], described("Advice a reader may follow.")] = field(default_factory=list)
    lists: Annotated[list[ItemList], described("Lists with their own headings, such as conditions: never tips.")] = (
        field(default_factory=list)
    )
    sources: list[Source] = field(default_factory=list)

    @property
    def lookup_entry(self) -> Entry:
        return Entry(self.slug, tuple(self.aliases))


def _names_are_unique(topics: list[Topic]) -> list[Topic]:
    """Every name reaches one topic: names are compared as a reader's typing is (`medico` is `médico`)."""
    _not_empty(topics)
    owner: dict[str, int] = {}
    for index, topic in enumerate(topics):
        if topic.slug in owner:
            raise LocatedValueError(
                f"duplicate topic slug '{topic.slug}' (topic {owner[topic.slug] + 1} has it too)", at=(index, "slug")
            )
        owner[topic.slug] = index
    for index, topic in enumerate(topics):
        seen = {topic.slug}
        for position, alias in enumerate(topic.aliases):
            name = fold(alias)
            if alias.isdecimal():
                raise LocatedValueError(
                    f"the alias '{alias}' is a number: numbers already name topics in order",
                    at=(index, "aliases", position),
                )
            if name in seen:
                raise LocatedValueError(
                    f"the alias '{alias}' repeats a name topic {index + 1} already has",
                    at=(index, "aliases", position),
                )
            if name in owner and owner[name] != index:
                raise LocatedValueError(
                    f"the alias '{alias}' is already the name of topic {owner[name] + 1}",
                    at=(index, "aliases", position),
                )
            seen.add(name)
            owner[name] = index
    return topics


def _grade(value: float) -> float:
    if not 1 <= value <= 20:
        raise ValueError("should be a grade from 1 to 20")
    return value


@dataclass(frozen=True, kw_only=True)
class GuideFile(Model):
    """A guide as written in its YAML file; the file name (without .yaml) is its slug."""

    title: Line
    intro: Text
    disclaimer: Text
    reviewed: Annotated[Day, described("When the facts were last checked against their sources (YYYY-MM-DD).")]
    next_review: Annotated[Day, described("When the next check is due (YYYY-MM-DD).")]
    reading_grade: Annotated[
        float,
        Rule(_grade, before=_a_number, minimum=1, maximum=20),
        described("Highest Flesch-Kincaid grade a topic may read at (validate warns)."),
    ] = 8.0
    topics: Annotated[list[Topic], Rule(_names_are_unique, minItems=1)]
    sources: Annotated[list[Source], described("Sources of the intro's facts.")] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.next_review <= self.reviewed:
            raise LocatedValueError("'next_review' must be later than 'reviewed'", at=("next_review",))


@dataclass(frozen=True, kw_only=True)
class Guide(GuideFile):
    """A loaded guide: its file's content plus the slug that names it."""

    slug: Slug

    @property
    def topic_slugs(self) -> list[str]:
        return [topic.slug for topic in self.topics]

    def find_topic(self, name: str, words: Words) -> tuple[int, Topic]:
        """A topic and its 1-based number: by number, slug or alias in any case, or a unique prefix
        (a usage error in `words`, the reader's language, when none or several answer)."""
        index = resolve("topic", name, [topic.lookup_entry for topic in self.topics], words)
        return index + 1, self.topics[index]


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


_PHRASE = "a word or a few (at most 4, letters and digits), like 'hurt' or 'pins and needles'"
#: A word or a few, as a reader types them: `hurt`, `pins and needles`, `can't pee`.
Phrase = Annotated[
    str, _pattern(r"[^\W_]+(?:['\u2019-][^\W_]+)*(?: [^\W_]+(?:['\u2019-][^\W_]+)*){0,3}", _PHRASE, 60), SAFE
]


def _said_once(words: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each everyday word is listed once, compared as search compares words (in any case, with or without accents)."""
    seen: dict[str, str] = {}
    for said in words:
        name = fold(said)
        if name in seen:
            raise LocatedValueError(f"'{said}' is '{seen[name]}' again (case and accents do not count)", at=(said,))
        seen[name] = said
    return words


@dataclass(frozen=True, kw_only=True)
class EverydayWords(Model):
    """The words a runner may type for what the guides say in their own words, in one language.

    Search looks for a runner's word and for the guides' words it stands for; a query naming a
    warning sign is pointed to the red-flag check and the emergency action first; a phrase the
    guides do not cover is said to be not covered.
    """

    words: Annotated[
        dict[Phrase, Annotated[list[Phrase], Rule(_not_empty, minItems=1)]],
        Rule(_said_once),
        described("A runner's word or phrase, and the words the guides use for it: `hurt: [pain, sore]`."),
    ] = field(default_factory=dict)
    warning_signs: Annotated[
        list[Phrase],
        described("Words and phrases that name a warning sign (numbness, chest pain): search points to the check."),
    ] = field(default_factory=list)
    not_covered: Annotated[
        list[Phrase],
        described(
            "Phrases for what the guides do not cover though they use its words in another sense (training plan):"
            " search says it is not covered instead of answering with one of its words."
        ),
    ] = field(default_factory=list)


def json_data(value: Any) -> Any:
    """A model's data as JSON data: what `--json` prints and the parse cache keeps (`trusted.rebuild` reverses it)."""
    if isinstance(value, Model):
        return {name: json_data(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, list):
        return [json_data(item) for item in value]
    if isinstance(value, dict):
        return {key: json_data(item) for key, item in value.items()}
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(model: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(model)
    if names is None:
        names = _FIELD_NAMES[model] = tuple(item.name for item in dataclasses.fields(model))
    return names
