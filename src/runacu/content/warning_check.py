"""The red-flag check: its questions in order, the answers a reader may give, and where they lead.

No I/O: `runacu check` asks the questions (at a terminal) or reads the answers (from a script) and
shows the outcome this module works out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from runacu.content.models import RedFlags
from runacu.content.text import fold
from runacu.words import SOURCE_LANGUAGE, for_language, languages

if TYPE_CHECKING:
    from runacu.words import Words

Answer = Literal["yes", "no", "not sure"]
#: Where a check ends: the level of the first sign answered yes (or not sure), or none.
Outcome = Literal["none", "emergency", "today", "soon"]


@dataclass(frozen=True)
class Question:
    """One sign asked about: its place in the whole check, and the level it belongs to."""

    number: int
    total: int
    flags: RedFlags
    sign: str
    #: The first question of its level: the level's heading is shown before it.
    starts_level: bool
    #: The numbers of the first and last questions of its level.
    level_span: tuple[int, int]


@dataclass(frozen=True)
class Answered:
    level: str
    sign: str
    answer: Answer


@dataclass(frozen=True)
class CheckResult:
    """The answers given, in order; the last one decides the outcome unless every answer was no."""

    answers: tuple[Answered, ...]
    #: The level reached, or None when every sign was answered no.
    flags: RedFlags | None

    @property
    def outcome(self) -> Outcome:
        return "none" if self.flags is None else self.flags.level

    @property
    def deciding(self) -> Answered | None:
        return self.answers[-1] if self.flags is not None else None


def questions(levels: list[RedFlags]) -> Iterator[Question]:
    """Every sign, most urgent level first, numbered across the whole check."""
    total = sum(len(flags.signs) for flags in levels)
    number = 0
    for flags in levels:
        first = number + 1
        span = (first, number + len(flags.signs))
        for position, sign in enumerate(flags.signs):
            number += 1
            yield Question(number, total, flags, sign, position == 0, span)


def _typed(words: Words) -> dict[Answer, str]:
    """The words that give each answer in `words`' language, separated by "|" (each catalog says its own)."""
    return {
        "yes": words.say_in("the answers a reader may type, separated by |", "y|yes"),
        "no": words.say_in("the answers a reader may type, separated by |", "n|no"),
        "not sure": words.say_in("the answers a reader may type, separated by |", "?|not sure|unsure"),
    }


@cache
def answers(language: str = SOURCE_LANGUAGE) -> Mapping[str, Answer]:
    """What a reader may type, as `fold` leaves it ("Sí" and "no sé" are "si" and "no se"): the answers of
    every language runacu speaks, whichever is shown, the reader's own winning where two differ."""
    table: dict[str, Answer] = {}
    for code in (*languages(), language):
        for answer, typed in _typed(for_language(code)).items():
            table.update({fold(" ".join(word.split())): answer for word in typed.split("|") if word.strip()})
    return MappingProxyType(table)


def parse_answer(text: str, language: str = SOURCE_LANGUAGE) -> Answer | None:
    """The answer `text` gives, in any case and spacing; None if it is not one."""
    return answers(language).get(fold(" ".join(text.split())))


def counts_as_yes(answer: Answer) -> bool:
    """Not sure counts as yes: a sign that may be there is acted on."""
    return answer != "no"


class CheckRun:
    """A check in progress: feed it answers in order until it says it is done."""

    def __init__(self, levels: list[RedFlags]) -> None:
        self._questions = list(questions(levels))
        self._answers: list[Answered] = []
        self._reached: RedFlags | None = None

    @property
    def total(self) -> int:
        return len(self._questions)

    @property
    def next_question(self) -> Question | None:
        if self._reached is not None or len(self._answers) == len(self._questions):
            return None
        return self._questions[len(self._answers)]

    def answer(self, answer: Answer) -> None:
        question = self.next_question
        if question is None:
            raise ValueError("the check is over")
        self._answers.append(Answered(question.flags.level, question.sign, answer))
        if counts_as_yes(answer):
            self._reached = question.flags

    @property
    def result(self) -> CheckResult | None:
        """The result once the check is over (a sign answered yes, or every sign answered no)."""
        if self.next_question is not None:
            return None
        return CheckResult(tuple(self._answers), self._reached)
