"""Questions asked at the terminal, on stderr: one answer, a numbered choice, a check's signs, a request's fields."""

from __future__ import annotations

import sys
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
    """One answer typed at a prompt on stderr; Ctrl-D cancels."""
    session.terminal.err.write(prompt)
    session.terminal.err.flush()
    line = sys.stdin.readline()
    if not line:
        session.terminal.err.write("\n")
        raise Cancelled(session.words.say("cancelled"))
    return line.rstrip("\r\n")


def show_choices(session: Session, choices: tuple[tuple[str, str], ...]) -> None:
    """The choices numbered, wrapped at word boundaries to the terminal's width."""
    import textwrap

    width = session.terminal.text_width
    for number, (value, label) in enumerate(choices, start=1):
        text = f"{label} ({value})" if label.casefold() != value.casefold() else label
        lines = textwrap.wrap(text, max(20, width - 6), break_long_words=False) or [""]
        session.terminal.err.write(f"{number:>3}. {lines[0]}\n")
        for line in lines[1:]:
            session.terminal.err.write(f"     {line}\n")
    session.terminal.err.write("     " + session.words.say("Type a number or a name") + "\n")


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
    session.terminal.err.write(f"{intro}\n{answers}\n")
    while (question := run.next_question) is not None:
        if question.starts_level:
            first, last = question.level_span
            session.terminal.err.write(
                f"\n{words.say(LEVEL_QUESTIONS[question.flags.level], first=first, last=last)}\n"
            )
        prompt = words.say(
            "Question {number} of {total}: {sign}?", number=question.number, total=question.total, sign=question.sign
        )
        while (answer := parse_answer(ask(session, prompt + " " + words.say("[y/n/?]") + " "))) is None:
            session.terminal.err.write(words.say("Please answer y, n or ? (not sure).") + "\n")
        run.answer(answer)
    session.terminal.err.write("\n")
    session.terminal.err.flush()


def ask_for_each_field(session: Session, form: RequestForm, given: dict[str, str | None]) -> dict[str, str | None]:
    """Every field of the request form, as given when it is valid, else asked for until it is."""
    from runacu.clinic.request import FieldError

    answers: dict[str, str | None] = {}
    for form_field in form.fields:
        value = given[form_field.name]
        while True:
            if value is not None:
                try:
                    answers[form_field.name] = form.clean(form_field, value)
                    break
                except FieldError as error:
                    session.report(f"{form_field.option}: {error}")
            if form_field.choices:
                show_choices(session, form_field.choices)
            value = ask(session, f"{session.words.say(form_field.prompt)}: ")
    return answers
