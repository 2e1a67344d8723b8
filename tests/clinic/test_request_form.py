"""The request form's own logic: what a typed topic means, the hints for an option, the call script, the draft's date.

The form searches the shipped guides, which do not change here: their files are read once for every search
(`each_file_read_once`), each search otherwise as `runacu request` makes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes, policy
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from runacu.clinic.draft import call_script, draft_message, save_draft
from runacu.clinic.request import (
    MAX_MESSAGE_CHARS,
    OTHER_TOPIC,
    AppointmentRequest,
    InvalidRequestError,
    RequestForm,
    TopicGroup,
    TopicMatch,
    named_warning,
    searched_topics,
)
from runacu.content.library import Library
from runacu.words import for_language
from tests.conftest import BACK_PAIN_SLUGS, BENEFITS_SLUGS, FIRST_VISIT_SLUGS
from tests.content.conftest import each_file_read_once

ALL_TOPICS = [*BENEFITS_SLUGS, *BACK_PAIN_SLUGS, *FIRST_VISIT_SLUGS]


@pytest.fixture(scope="module", autouse=True)
def _files_read_once() -> Iterator[None]:
    with each_file_read_once():
        yield


def form_of(language: str = "en", searching: bool = True) -> RequestForm:
    """The form as `runacu request` builds it from the shipped guides."""
    library = Library(language=language)
    guides = library.load_guides()
    return RequestForm(
        library.words,
        tuple(TopicGroup(g.slug, g.title, tuple((t.slug, t.title) for t in g.topics)) for g in guides),
        {t.slug: tuple(t.aliases) for g in guides for t in g.topics},
        search=partial(searched_topics, library) if searching else None,
    )


@pytest.fixture(scope="module")
def english() -> RequestForm:
    return form_of("en")


@pytest.fixture(scope="module")
def spanish() -> RequestForm:
    return form_of("es")


# The topic question: numbers across the guides, each guide's topics under its title


def test_topics_are_numbered_across_the_guides_with_other_last(english: RequestForm) -> None:
    assert [english.number_of(slug) for slug in [*ALL_TOPICS, OTHER_TOPIC]] == list(range(1, len(ALL_TOPICS) + 2))
    groups = english.groups_of([slug for slug, _ in english.field("topic").choices])
    assert [title for title, _ in groups] == [
        "Benefits of acupuncture for runners",
        "Acupuncture for running-induced back pain",
        "Your first acupuncture visit",
        None,
    ]
    assert [[slug for slug, _ in topics] for _, topics in groups] == [
        BENEFITS_SLUGS, BACK_PAIN_SLUGS, FIRST_VISIT_SLUGS, [OTHER_TOPIC]
    ]  # fmt: skip


def test_a_part_of_the_topics_keeps_its_guides_titles(english: RequestForm) -> None:
    assert english.groups_of(["prevention", "injury-prevention"]) == [
        ("Benefits of acupuncture for runners", (("injury-prevention", "Injury prevention"),)),
        ("Acupuncture for running-induced back pain", (("prevention", "Prevention tips"),)),
    ]


# What a typed topic means


@pytest.mark.parametrize(
    ("typed", "topic"),
    [
        ("sleep", "stress-and-sleep"),  # an alias
        ("SLEEP", "stress-and-sleep"),
        ("5", "stress-and-sleep"),  # its number in the list
        ("17", "cost-and-insurance"),
        ("18", OTHER_TOPIC),
        ("Other", OTHER_TOPIC),
        ("self care", "self-care"),  # a slug with spaces for hyphens
        ("does it hurt", "what-it-feels-like"),  # an alias with spaces
        ("What the research says", "research"),  # the title
        ("Is it safe?", "is-it-safe"),
        ("rec", "recovery"),  # a unique start
    ],
)
def test_a_topic_is_named_as_the_guides_name_it(english: RequestForm, typed: str, topic: str) -> None:
    assert english.match_topic(typed) == TopicMatch(topic)


@pytest.mark.parametrize(
    "typed", ["back pain", "Back Pain", "back-pain", "back", "Acupuncture for running-induced back pain"]
)
def test_a_guides_name_offers_its_topics(english: RequestForm, typed: str) -> None:
    assert english.match_topic(typed) == TopicMatch(choices=tuple(BACK_PAIN_SLUGS), reason="guide", guide="back-pain")


def test_a_name_two_topics_share_offers_both(english: RequestForm) -> None:
    # `prevent` is an alias of the benefits guide's injury prevention and of the back-pain guide's prevention.
    both = TopicMatch(choices=("injury-prevention", "prevention"), reason="several")
    assert english.match_topic("prevent") == both
    assert english.match_topic("prev") == both  # the start of both


@pytest.mark.slow  # searches the guides
@pytest.mark.parametrize(
    ("typed", "near"),
    [
        ("slep", ("stress-and-sleep",)),  # a name spelt nearly so
        ("recovry", ("recovery",)),
        ("insomina", ("stress-and-sleep",)),  # a typo the search forgives
    ],
)
def test_a_near_miss_offers_what_it_may_mean(english: RequestForm, typed: str, near: tuple[str, ...]) -> None:
    assert english.match_topic(typed) == TopicMatch(choices=near, reason="near")


def test_a_guide_spelt_nearly_so_offers_its_topics() -> None:
    match = form_of(searching=False).match_topic("bak pain")
    assert match == TopicMatch(choices=tuple(BACK_PAIN_SLUGS), reason="near", guide="back-pain")


@pytest.mark.slow  # searches the guides
def test_the_search_finds_topics_by_words_no_name_holds(spanish: RequestForm) -> None:
    match = spanish.match_topic("dolor de espalda")
    assert match.reason == "near"
    assert set(match.choices) <= set(BACK_PAIN_SLUGS) and match.choices


@pytest.mark.slow  # searches the guides
@pytest.mark.parametrize("typed", ["xyzzy", "0", "99"])
def test_an_answer_near_nothing_offers_nothing(english: RequestForm, typed: str) -> None:
    assert english.match_topic(typed) == TopicMatch()


@pytest.mark.parametrize(
    ("typed", "topic"),
    [("sueño", "stress-and-sleep"), ("suen", "stress-and-sleep"), ("medico", "when-to-see-a-doctor")],
)
def test_spanish_names_with_or_without_accents(spanish: RequestForm, typed: str, topic: str) -> None:
    assert spanish.match_topic(typed) == TopicMatch(topic)


def test_a_spanish_guide_title_offers_its_topics(spanish: RequestForm) -> None:
    match = spanish.match_topic("beneficios de la acupuntura para corredores")
    assert match == TopicMatch(choices=tuple(BENEFITS_SLUGS), reason="guide", guide="benefits")


# With no one to ask (options), a wrong topic is told with what it may have meant


ANSWERS = {"name": "Jo", "phone": "661 555 0123", "email": "jo@example.com", "contact_method": "phone",
           "message": "Hello"}  # fmt: skip


@pytest.mark.slow  # searches the guides
@pytest.mark.parametrize(
    ("topic", "said"),
    [
        ("back-pain", "--topic: Please make a selection. 'back-pain' is a guide: choose one of its topics: 'causes',"),
        ("prevent", "--topic: Please make a selection. Did you mean 'injury-prevention' or 'prevention'?"),
        ("slep", "--topic: Please make a selection. Did you mean 'stress-and-sleep'?"),
        ("xyzzy", "--topic: Please make a selection. Choices: recovery, injury-prevention,"),
    ],
)
def test_an_option_naming_no_one_topic_is_told_what_it_may_mean(english: RequestForm, topic: str, said: str) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        english.build({**ANSWERS, "topic": topic})
    assert str(caught.value).startswith(said)
    assert list(caught.value.problems) == ["topic"]


@pytest.mark.slow  # searches the guides
def test_an_option_naming_a_guide_is_told_in_spanish(spanish: RequestForm) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        spanish.build({**ANSWERS, "topic": "beneficios"})
    assert "'beneficios' es una guía: elija uno de sus temas: 'recovery'," in str(caught.value)


# The call script: the request in a few lines to read out on the phone


REQUEST = AppointmentRequest("Jo Runner", "+16615550123", "jo@example.com", "email", "stress-and-sleep", "Hi there")


def test_the_call_script_says_the_request_in_a_few_lines(english: RequestForm) -> None:
    assert call_script(REQUEST, english) == (
        ("Name", "Jo Runner"),
        ("Phone", "(661) 555-0123"),  # as it is said, not +16615550123
        ("Topic", "Less stress, better sleep"),
        ("Preferred contact method", "email (jo@example.com)"),
        ("Message", "Hi there"),
    )


def test_the_call_script_in_spanish_with_a_foreign_phone(spanish: RequestForm) -> None:
    request = AppointmentRequest("Jo", "+34912345678", "jo@example.com", "phone", "other", "Hola")
    assert call_script(request, spanish) == (
        ("Nombre", "Jo"),
        ("Teléfono", "+34 912 34 56 78"),  # a number from elsewhere keeps its country code
        ("Tema", "Otro"),
        ("Forma de contacto preferida", "teléfono"),
        ("Mensaje", "Hola"),
    )


# The draft's date: the writer's local time, with its offset, in its Date: and its file name


def test_the_draft_is_dated_and_named_in_local_time(english: RequestForm, tmp_path: Path) -> None:
    # 02:30 UTC on the 6th is still 18:30 on the 5th in California.
    local = datetime(2026, 12, 6, 2, 30, tzinfo=UTC).astimezone(ZoneInfo("America/Los_Angeles"))
    draft = draft_message(REQUEST, english, Library().load_clinic(), local)
    assert draft["Date"] == "Sat, 05 Dec 2026 18:30:00 -0800"
    first = save_draft(draft, english.words, directory=tmp_path)
    second = save_draft(draft, english.words, directory=tmp_path)
    assert (first.name, second.name) == (
        "appointment-request-2026-12-05-183000.eml",
        "appointment-request-2026-12-05-183000-2.eml",
    )
    saved = message_from_bytes(first.read_bytes(), policy=policy.default)
    assert saved["Date"].datetime == local


def test_spanish_words_are_the_catalogs() -> None:
    """The form's labels come from the catalog: the Spanish form says none of them in English."""
    form = RequestForm(for_language("es"), ())
    labels = [form.words.say(form_field.label) for form_field in form.fields]
    assert labels == ["Nombre", "Teléfono", "Correo electrónico", "Forma de contacto preferida", "Tema", "Mensaje"]


# A warning sign the message names, as a search finds one

#: A long message's everyday words, naming no sign.
FILLER = "My back has been sore after the long runs on the trail this month and I would like to know more. "


@pytest.mark.slow  # a search of each part of a message as long as the form takes
@pytest.mark.parametrize("where", ["start", "end", "across parts"])
def test_a_sign_anywhere_in_a_long_message_is_named(where: str) -> None:
    library = Library(language="en")
    sign = "numbness in both legs"
    words = (FILLER * 48).split()
    # Across the end of the first part (at most 500 characters: its "numbness" fits, not its "legs"); the second
    # part starts halfway through the first.
    across = next(at for at in range(len(words), 0, -1) if len(" ".join(words[:at])) + len(" numbness") <= 500)
    at = {"start": 0, "end": len(words), "across parts": across}[where]
    text = " ".join([*words[:at], *sign.split(), *words[at:]])
    assert 4500 < len(text) <= MAX_MESSAGE_CHARS
    warning = named_warning(library, text)
    assert warning is not None and warning.flags.level == "emergency"
    assert warning.sign == "Pain, tingling, weakness or numbness in both legs"


@pytest.mark.slow  # searches of several parts
def test_the_most_urgent_sign_of_a_long_message_is_the_one() -> None:
    text = "I have a fever. " + FILLER * 8 + "Since yesterday, loss of bladder control."
    warning = named_warning(Library(language="en"), text)
    assert warning is not None and warning.flags.level == "emergency"


@pytest.mark.slow
@pytest.mark.parametrize("text", ["Hello", "the", FILLER * 6], ids=["a-word", "a-common-word", "long"])
def test_a_message_naming_no_sign_names_none(text: str) -> None:
    assert named_warning(Library(language="en"), text) is None
