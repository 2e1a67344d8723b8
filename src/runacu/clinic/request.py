"""The appointment request form: its fields, choices and checks (the draft it makes is in `runacu.clinic.draft`).

One structure holds the form, as the clinic's web form has it; the CLI only asks the questions
(`RequestForm.fields`, each with its prompt) and hands the answers back. What a typed topic means (a
topic, a guide's topics to choose among, or the topics it nearly names) is told here too. No terminal
I/O here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from runacu.content.text import fold
from runacu.errors import UsageError
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.content.library import Library
    from runacu.content.lookup import Entry
    from runacu.content.search import WarningSign
    from runacu.words import Words

CONTACT_METHODS = ("phone", "email")
OTHER_TOPIC = "other"
DEFAULT_REGION = "US"
MAX_NAME_CHARS = 200
MAX_MESSAGE_CHARS = 5000
#: How many topics an answer that names none is offered instead, at most.
SUGGESTIONS = 3
#: What the form always says first, and `request --help` too: a warning sign is not for an appointment request.
WARNING_SIGNS_LINE = N_(
    "Warning signs need a doctor, not an appointment: in an emergency, call 911; to go through them one by one,"
    " run 'runacu check'."
)


@dataclass(frozen=True)
class FormField:
    """One question of the form. The texts are messages for `runacu.words` (marked, said in the reader's
    language): the web form's own messages."""

    name: str
    prompt: str
    #: The field's name in a message about its answer ("Email: This isn't a valid email address.").
    label: str
    missing: str
    invalid: str
    #: (value, label) pairs for a choice; empty for free text.
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


class FieldError(ValueError):
    """An answer the form does not accept; `str()` is the form's message for it, in `words`."""

    def __init__(self, form_field: FormField, key: str, words: Words) -> None:
        super().__init__(words.say(key))
        self.field = form_field


@dataclass(frozen=True)
class AppointmentRequest:
    name: str
    phone: str  # E.164
    email: str
    contact_method: str
    topic: str
    message: str


class InvalidRequestError(UsageError):
    """Some answers are wrong: each named by its option, in the form's own words."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("\n".join(f"--{name.replace('_', '-')}: {text}" for name, text in problems.items()))


@dataclass(frozen=True)
class TopicGroup:
    """A guide's topics, as the topic question lists them: under the guide's title."""

    slug: str
    title: str
    #: (slug, title) of each topic, in the guide's order.
    topics: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class TopicMatch:
    """What an answer to the topic question means: one topic, or the topics to choose among."""

    #: The one topic the answer names.
    topic: str | None = None
    #: Otherwise the topics to offer, in the form's order: a guide's (the answer named the guide), those the
    #: answer could be (a name they share, or the start of their names), or those it nearly names.
    choices: tuple[str, ...] = ()
    #: Why these choices: "guide", "several" or "near"; "" when the answer names nothing, not even nearly.
    reason: Literal["", "guide", "several", "near"] = ""
    #: The guide whose topics these are, when the answer named it, or nearly.
    guide: str | None = None


@dataclass(frozen=True)
class RequestForm:
    """The clinic's appointment form, with the topics of the active guides as choices, in the reader's words."""

    words: Words
    #: The active guides' topics, guide by guide; the topic question numbers them across the guides, then "Other".
    groups: tuple[TopicGroup, ...]
    #: Other names each topic answers to, as in the guides (`sleep` for stress-and-sleep).
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: The topics a search for a text answers best (`searched_topics`): offered for an answer no name matches.
    search: Callable[[str], Sequence[str]] | None = field(default=None, compare=False)
    fields: tuple[FormField, ...] = field(init=False)

    def __post_init__(self) -> None:
        listed = tuple(topic for group in self.groups for topic in group.topics)
        topics = (*listed, (OTHER_TOPIC, self.words.say("Other")))
        said = {
            "phone": self.words.say_in("contact method", "phone"),
            "email": self.words.say_in("contact method", "email"),
        }
        methods = tuple((method, said[method]) for method in CONTACT_METHODS)
        select = N_("Please make a selection.")
        fields = (
            FormField(
                "name",
                N_("Your name"),
                N_("Name"),
                N_("Please enter your name."),
                N_("Please enter your name on one line."),
            ),
            FormField(
                "phone",
                N_("Your phone number"),
                N_("Phone"),
                N_("Please enter your phone number."),
                N_("This isn't a valid phone number."),
            ),
            FormField(
                "email",
                N_("Your email address"),
                N_("Email"),
                N_("Please enter your email address."),
                N_("This isn't a valid email address."),
            ),
            FormField(
                "contact_method",
                N_("How should the clinic contact you?"),
                N_("Preferred contact method"),
                select,
                select,
                methods,
            ),
            FormField("topic", N_("What is it about?"), N_("Topic"), select, select, topics),
            FormField(
                "message",
                N_("Your message"),
                N_("Message"),
                N_("Please enter a message."),
                N_("Please keep the message under 5,000 characters."),
            ),
        )
        object.__setattr__(self, "fields", fields)

    def field(self, name: str) -> FormField:
        return next(form_field for form_field in self.fields if form_field.name == name)

    def title_of(self, topic: str) -> str:
        return dict(self.field("topic").choices)[topic]

    def number_of(self, topic: str) -> int:
        """The topic's number in the topic question (1 is the first guide's first topic)."""
        return [slug for slug, _ in self.field("topic").choices].index(topic) + 1

    def match_topic(self, raw: str) -> TopicMatch:
        """What a typed topic means, as the guides take a topic name, and as the form's list numbers them.

        A topic's number, name, title or other name in any case and with or without accents (spaces for
        hyphens: `self care`), or a unique start of one, names that topic; a guide's name or title (`back
        pain`) offers the guide's topics; a name several topics share (`prevent`), or the start of several,
        offers them. Otherwise the topics it may mean are offered: those a search for it answers best (the
        search knows every word of the guides and forgives typos: `espalda`, `insomina`), else those with a
        name spelt nearly so (`slep`), else the topics of a guide whose name is (`bak pain`).
        """
        from runacu.content.lookup import AmbiguousNameError, UnknownNameError, resolve

        value = raw.strip()
        wanted = fold(value)
        topics = [_entry(slug, (*self.aliases.get(slug, ()), label)) for slug, label in self.field("topic").choices]
        named = [entry.slug for entry in topics if _is_named(entry, wanted)]
        if len(named) > 1:  # `prevent`: the benefits guide's injury prevention, or the back-pain guide's
            return TopicMatch(choices=tuple(named), reason="several")
        found: str | None = None
        several: list[str] = []
        near: list[str] = []
        try:
            found = topics[resolve("topic", value, topics, self.words)].slug
        except AmbiguousNameError as error:
            several = error.candidates
        except UnknownNameError as error:
            near = error.suggestions
        if found is not None and (named or wanted.isdecimal()):
            return TopicMatch(found)
        guides = [_entry(group.slug, (group.title,)) for group in self.groups]
        guide: int | None = None
        guide_near: list[str] = []
        try:
            guide = resolve("guide", value, guides, self.words, numbered=False)
        except AmbiguousNameError:
            pass
        except UnknownNameError as error:
            guide_near = error.suggestions
        # A guide named in full wins over the start of a topic's name; the start of a guide's name does not.
        if guide is not None and (found is None or _is_named(guides[guide], wanted)):
            named_guide = self.groups[guide]
            return TopicMatch(
                choices=tuple(slug for slug, _ in named_guide.topics), reason="guide", guide=named_guide.slug
            )
        if found is not None:
            return TopicMatch(found)
        if several:
            return TopicMatch(choices=self._in_order(several), reason="several")
        searched = self.search(value) if self.search is not None and not wanted.isdecimal() else ()
        if searched or near:
            return TopicMatch(choices=self._in_order(searched or near), reason="near")
        if guide_near:
            nearly = self._group(guide_near[0])
            return TopicMatch(choices=tuple(slug for slug, _ in nearly.topics), reason="near", guide=nearly.slug)
        return TopicMatch()

    def hint(self, form_field: FormField, raw: str | None) -> str:
        """What to say after the form's message about a wrong choice given with no one to ask (an option):
        the topics it may have meant, else every choice."""
        from runacu.content.text import echo

        match = self.match_topic(raw) if form_field.name == "topic" and raw and raw.strip() else TopicMatch()
        quoted = [f"'{slug}'" for slug in match.choices]
        if match.guide is not None:
            said = (
                N_("'{name}' is a guide: choose one of its topics: {topics}.")
                if match.reason == "guide"
                else N_("Did you mean a topic of the guide '{guide}': {topics}?")
            )
            return self.words.say(said, name=echo((raw or "").strip()), guide=match.guide, topics=", ".join(quoted))
        if match.choices:
            return self.words.say("Did you mean {names}?", names=self.words.say(" or ").join(quoted))
        return self.words.say("Choices: {choices}.", choices=", ".join(value for value, _ in form_field.choices))

    def groups_of(self, topics: Sequence[str]) -> list[tuple[str | None, tuple[tuple[str, str], ...]]]:
        """The choices among `topics`, as the topic question lists them: each guide's under its title, then
        "Other" with none."""
        wanted = set(topics)
        found: list[tuple[str | None, tuple[tuple[str, str], ...]]] = [
            (group.title, chosen)
            for group in self.groups
            if (chosen := tuple(t for t in group.topics if t[0] in wanted))
        ]
        if OTHER_TOPIC in wanted:
            found.append((None, ((OTHER_TOPIC, self.title_of(OTHER_TOPIC)),)))
        return found

    def _group(self, slug: str) -> TopicGroup:
        return next(group for group in self.groups if group.slug == slug)

    def _in_order(self, slugs: Sequence[str]) -> tuple[str, ...]:
        """The topics among `slugs` that the form lists, in its order."""
        wanted = set(slugs)
        return tuple(slug for slug, _ in self.field("topic").choices if slug in wanted)

    def clean(self, form_field: FormField, raw: str | None) -> str:
        """The answer made canonical, or FieldError with the form's message ("missing" or "not valid")."""
        value = (raw or "").strip()
        if not value:
            raise FieldError(form_field, form_field.missing, self.words)
        if form_field.name == "topic":
            match = self.match_topic(value)
            if match.topic is None:
                raise FieldError(form_field, form_field.invalid, self.words)
            return match.topic
        if form_field.choices:
            return _choice(form_field, value, self.aliases, self.words)
        if form_field.name == "name":
            if "\n" in value or "\r" in value or len(value) > MAX_NAME_CHARS or not value.isprintable():
                raise FieldError(form_field, form_field.invalid, self.words)
            return " ".join(value.split())
        if form_field.name == "phone":
            return _phone(form_field, value, self.words)
        if form_field.name == "email":
            return _email(form_field, value, self.words)
        if len(value) > MAX_MESSAGE_CHARS:
            raise FieldError(form_field, form_field.invalid, self.words)
        return value

    def build(self, answers: Mapping[str, str | None]) -> AppointmentRequest:
        """Check every answer; raise InvalidRequestError listing all that are wrong."""
        cleaned: dict[str, str] = {}
        problems: dict[str, str] = {}
        for form_field in self.fields:
            try:
                cleaned[form_field.name] = self.clean(form_field, answers.get(form_field.name))
            except FieldError as error:
                problems[form_field.name] = str(error)
                if form_field.choices:  # with no one to ask, say what is allowed
                    problems[form_field.name] += " " + self.hint(form_field, answers.get(form_field.name))
        if problems:
            raise InvalidRequestError(problems)
        return AppointmentRequest(**cleaned)


def _entry(slug: str, names: Sequence[str]) -> Entry:
    """A topic or guide as the form looks it up: its names, and each hyphenated one with spaces (`back pain`)."""
    from runacu.content.lookup import Entry

    spaced = [" ".join(name.split("-")) for name in (slug, *names) if "-" in name]
    return Entry(slug, tuple(dict.fromkeys((*names, *spaced))))


def _is_named(entry: Entry, wanted: str) -> bool:
    """`wanted` (folded) is one of the entry's names in full."""
    return any(wanted == fold(name) for name in entry.names)


def searched_topics(library: Library, text: str) -> tuple[str, ...]:
    """The topics a search of `library` for `text` answers best (or, answering none, comes closest to), at
    most SUGGESTIONS: what the form offers for an answer that no name matches."""
    from runacu.content.search import search_library

    try:
        result = search_library(library, [text], library.language, limit=SUGGESTIONS)
    except UsageError:  # only common words, or too long: nothing to search for
        return ()
    return tuple(dict.fromkeys(hit.topic.slug for hit in result.hits or result.near))[:SUGGESTIONS]


def named_warning(library: Library, text: str) -> WarningSign | None:
    """The warning sign `text` (a request's message) names, as a search of `library` for it finds one; None when
    it names none. A text longer than a search is searched in overlapping parts, and the most urgent sign they
    name is the one."""
    from runacu.content.models import RED_FLAG_LEVELS
    from runacu.content.search import MAX_QUERY_CHARS, search_library

    named = []
    for part in _parts(text, MAX_QUERY_CHARS):
        try:
            warning = search_library(library, [part], library.language, limit=0).warning
        except UsageError:  # only common words: it names nothing
            continue
        if warning is not None:
            named.append(warning)
    return min(named, key=lambda warning: RED_FLAG_LEVELS.index(warning.flags.level), default=None)


def _parts(text: str, most: int) -> list[str]:
    """`text` in parts of whole words, each at most `most` characters long (a longer word cut) and starting
    halfway through the one before: every run of words up to half a part long is whole in one of them."""
    if len(text) <= most:
        return [text]
    words = [word[:most] for word in text.split()]
    parts = []
    start = 0
    while True:
        end, length = start, -1
        while end < len(words) and length + 1 + len(words[end]) <= most:
            length += 1 + len(words[end])
            end += 1
        parts.append(" ".join(words[start:end]))
        if end >= len(words):
            return parts
        start = max(start + 1, (start + end) // 2)


def _choice(form_field: FormField, value: str, aliases: Mapping[str, tuple[str, ...]], words: Words) -> str:
    """A choice as the guides take a topic: its number, its name or title in any case, an alias, a unique prefix."""
    from runacu.content.lookup import Entry, resolve

    entries = [Entry(choice, (*aliases.get(choice, ()), label)) for choice, label in form_field.choices]
    try:
        return entries[resolve("topic", value, entries, words)].slug
    except UsageError:
        raise FieldError(form_field, form_field.invalid, words) from None


def _phone(form_field: FormField, value: str, words: Words) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise FieldError(form_field, form_field.invalid, words) from None
    if not phonenumbers.is_valid_number(number):
        raise FieldError(form_field, form_field.invalid, words)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _email(form_field: FormField, value: str, words: Words) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise FieldError(form_field, form_field.invalid, words) from None
