"""A guide's models: the guide, its topics, their evidence, sources, red flags and lists."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Literal, get_args

from runacu.content.lookup import Entry, resolve
from runacu.content.message import InvalidValue
from runacu.content.models.fields import Alias, Day, Doi, Line, Slug, Text, WebAddress, not_empty
from runacu.content.text import fold
from runacu.content.validation import Model, Rule, described
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.words import Words


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
    signs: Annotated[list[Line], Rule(not_empty, minItems=1), described("Short descriptions of the signs.")]


@dataclass(frozen=True, kw_only=True)
class ItemList(Model):
    """A list with its own heading, such as conditions to tell a practitioner about: never shown as tips."""

    heading: Annotated[Line, described("The list's heading, for example: Tell your practitioner if.")]
    items: Annotated[list[Text], Rule(not_empty, minItems=1), described("The list's items.")]


def _levels_in_order(levels: list[RedFlags]) -> list[RedFlags]:
    # Named at the first level out of place, so the message points at the line to fix.
    for position, (earlier, later) in enumerate(itertools.pairwise(levels), start=1):
        if RED_FLAG_LEVELS.index(later.level) <= RED_FLAG_LEVELS.index(earlier.level):
            raise InvalidValue(
                N_("red-flag levels must each appear once, in the order {levels}"),
                at=(position, "level"),
                levels=", ".join(RED_FLAG_LEVELS),
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
    not_empty(topics)
    owner: dict[str, int] = {}
    for index, topic in enumerate(topics):
        if topic.slug in owner:
            raise InvalidValue(
                N_("duplicate topic slug '{slug}' (topic {number} has it too)"),
                at=(index, "slug"),
                slug=topic.slug,
                number=owner[topic.slug] + 1,
            )
        owner[topic.slug] = index
    for index, topic in enumerate(topics):
        seen = {topic.slug}
        for position, alias in enumerate(topic.aliases):
            name = fold(alias)
            if alias.isdecimal():
                raise InvalidValue(
                    N_("the alias '{alias}' is a number: numbers already name topics in order"),
                    at=(index, "aliases", position),
                    alias=alias,
                )
            if name in seen:
                raise InvalidValue(
                    N_("the alias '{alias}' repeats a name topic {number} already has"),
                    at=(index, "aliases", position),
                    alias=alias,
                    number=index + 1,
                )
            if name in owner and owner[name] != index:
                raise InvalidValue(
                    N_("the alias '{alias}' is already the name of topic {number}"),
                    at=(index, "aliases", position),
                    alias=alias,
                    number=owner[name] + 1,
                )
            seen.add(name)
            owner[name] = index
    return topics


def _a_number(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidValue(N_("should be a number"))
    return value


def _grade(value: float) -> float:
    if not 1 <= value <= 20:
        raise InvalidValue(N_("should be a grade from 1 to 20"))
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
            raise InvalidValue(N_("'next_review' must be later than 'reviewed'"), at=("next_review",))


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
