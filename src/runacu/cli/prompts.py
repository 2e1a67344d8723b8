"""Questions asked at the terminal, on stderr: one answer, a numbered choice, a check's signs, a request's fields."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from runacu.errors import RunacuError
from runacu.exit_status import ExitStatus
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.cli.session import Session
    from runacu.clinic.request import RequestForm
    from runacu.content.warning_check import CheckRun


class Cancelled(RunacuError):
    """The reader ended a prompt with Ctrl-D."""

    exit_status = ExitStatus.INTERRUPTED


def ask(session: Session, prompt: str) -> str:
    """One answer typed at a prompt on stderr; Ctrl-D cancels. The prompt is wrapped to the terminal, with room
    on its last line for the space after it and a one-letter answer ("y")."""
    question = prompt.rstrip(" ")
    space = prompt[len(question) :]
    session.terminal.err.write(session.terminal.wrap_message(question, room=len(space) + 1) + space)
    session.terminal.err.flush()
    line = sys.stdin.readline()
    if not line:
        session.terminal.err.write("\n")
        raise Cancelled(session.words.say("cancelled"))
    return line.rstrip("\r\n")


def show_choices(
    session: Session, choices: tuple[tuple[str, str], ...], numbers: Sequence[int] = (), hint: bool = True
) -> None:
    """The choices numbered (1, 2, ... or `numbers`), wrapped at word boundaries to the terminal's width; then
    how to answer, unless `hint` is False (a list in parts: the hint comes once, after the last)."""
    from runacu.views.wrapping import wrap

    # On a terminal, its width; in a log, the width the choices have always had there.
    width = session.terminal.message_width or session.terminal.text_width - 1
    lines = []
    for number, (value, label) in zip(numbers or range(1, len(choices) + 1), choices, strict=True):
        text = f"{label} ({value})" if label.casefold() != value.casefold() else label
        lines += wrap(f"{number:>3}. {text}", width, indent="     ")
    if hint:
        lines += wrap("     " + session.words.say("Type a number or a name"), width)
    session.terminal.err.write("".join(f"{line}\n" for line in lines))


#: The line that opens each level's questions in `runacu check`.
LEVEL_QUESTIONS = {
    "emergency": N_("Emergency signs: questions {first} to {last}"),
    "today": N_("Signs that need a doctor today: questions {first} to {last}"),
    "soon": N_("Signs that need a doctor soon: questions {first} to {last}"),
}


def ask_each_sign(session: Session, run: CheckRun) -> None:
    """Ask about each sign, most urgent level first; the first yes (or not sure) ends the check."""
    from runacu.content.warning_check import parse_answer

    words = session.words
    intro = words.say(
        "Yes-or-no questions about warning signs that need a doctor. Each asks: do you have back pain"
        " and this sign? This is not a diagnosis."
    )
    answers = words.say("Answer y (yes), n (no) or ? (not sure). Not sure counts as yes. Ctrl-D stops.")
    session.tell(f"{intro}\n{answers}")
    while (question := run.next_question) is not None:
        if question.starts_level:
            first, last = question.level_span
            session.tell(f"\n{words.say(LEVEL_QUESTIONS[question.flags.level], first=first, last=last)}")
        prompt = words.say(
            "Question {number} of {total}: {sign}?", number=question.number, total=question.total, sign=question.sign
        )
        while (answer := parse_answer(ask(session, prompt + " " + words.say("[y/n/?]") + " "), words.language)) is None:
            session.tell(words.say("Please answer y, n or ? (not sure)."))
        run.answer(answer)
    session.terminal.err.write("\n")
    session.terminal.err.flush()


def ask_for_each_field(
    session: Session,
    form: RequestForm,
    given: dict[str, str | None],
    answered: Callable[[str, str], None] | None = None,
) -> dict[str, str]:
    """Every field of the request form, as given when it is valid, else asked for until it is.

    A message about an answer names where the answer came from: its option when it was given as one
    (`--email: ...`), its field when it was typed here (`Email: ...`). `answered` hears each field's name and
    answer as soon as it is taken, before the next question (what the request says about a warning sign).
    """
    from runacu.clinic.request import FieldError

    words = session.words
    answers: dict[str, str] = {}
    for form_field in form.fields:
        value, source = given[form_field.name], form_field.option
        question, listed = form_field.prompt, False
        while True:
            if value is not None and form_field.name == "topic" and value.strip():
                chosen, question, listed = _match_topic(session, form, value, source, listed)
                if chosen is not None:
                    answers[form_field.name] = chosen
                    break
            elif value is not None:
                try:
                    answers[form_field.name] = form.clean(form_field, value)
                    break
                except FieldError as error:
                    session.tell(f"{source}: {error}")
            if form_field.name == "topic" and not listed:
                show_topics(session, form, [slug for slug, _ in form_field.choices])
            elif form_field.choices and not listed:
                show_choices(session, form_field.choices)
            listed = True
            value, source = ask(session, question_line(words.say(question))), words.say(form_field.label)
        if answered is not None:
            answered(form_field.name, answers[form_field.name])
    return answers


def _match_topic(
    session: Session, form: RequestForm, value: str, source: str, listed: bool
) -> tuple[str | None, str, bool]:
    """The topic `value` names; or, naming none, the topics it may mean offered and the question to ask next, and
    whether the reader has seen a list to choose from."""
    from runacu.clinic.request import OTHER_TOPIC
    from runacu.content.text import echo

    words = session.words
    match = form.match_topic(value)
    if match.topic is not None:
        return match.topic, "", listed
    name = echo(value.strip())
    if match.reason == "guide":
        session.tell(f"{source}: " + words.say("'{name}' is a guide with these topics:", name=name))
    elif match.reason == "several":
        session.tell(f"{source}: " + words.say("'{name}' could be any of these:", name=name))
    elif match.reason == "near":
        said = words.say("No topic is called '{name}'.", name=name) + " "
        said += words.say_count("Did you mean this topic?", "Did you mean one of these topics?", len(match.choices))
        session.tell(f"{source}: {said}")
    else:
        said = words.say("No topic is called '{name}'.", name=name)
        if listed:
            other = form.title_of(OTHER_TOPIC)
            said += " " + words.say("Type a number from the list, a topic's name, or '{other}'.", other=other)
        session.tell(f"{source}: {said}")
        return None, form.field("topic").prompt, listed
    show_topics(session, form, match.choices)
    return None, N_("Which one?") if match.reason != "near" else form.field("topic").prompt, True


def show_topics(session: Session, form: RequestForm, topics: Sequence[str]) -> None:
    """The topics numbered as the topic question numbers them (across the guides), each guide's under its title."""
    groups = form.groups_of(topics)
    for index, (title, choices) in enumerate(groups):
        if title is not None:
            session.tell(title)
        numbers = [form.number_of(slug) for slug, _ in choices]
        show_choices(session, choices, numbers, hint=index == len(groups) - 1)


def question_line(question: str) -> str:
    """A question as its prompt: `Your name: `, but `What is it about? ` (a question mark needs no colon)."""
    return f"{question} " if question.endswith("?") else f"{question}: "
