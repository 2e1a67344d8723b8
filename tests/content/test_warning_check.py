"""The red-flag check's logic: its questions in order, every word a reader may answer, and where the answers lead."""

from __future__ import annotations

import pytest

from runacu.content.warning_check import CheckRun, answers, parse_answer, questions
from tests.conftest import red_flags, signs_before


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("unsure", "not sure"), ("Unsure", "not sure"), ("NO SÉ", "not sure"), ("no se", "not sure"), ("?", "not sure"),
     ("s", "yes"), ("S", "yes"), ("SÍ", "yes"), ("Yes", "yes"), ("N", "no"), ("no", "no"),
     ("sure", None), ("nope", None), ("ye s", None), ("no no", None)],
)  # fmt: skip
def test_every_answer_word_means_what_it_says(typed: str, expected: str | None) -> None:
    assert parse_answer(typed) == expected


@pytest.mark.parametrize("language", ["en", "es"])
def test_only_the_words_for_no_count_as_no(language: str) -> None:
    assert sorted(word for word, answer in answers(language).items() if answer == "no") == ["n", "no"]


def test_the_answers_come_from_the_catalog_of_each_language() -> None:
    """English answers work in Spanish (a script's "y") and Spanish ones in English; each catalog says its own."""
    assert parse_answer("sí", "en") == parse_answer("y", "es") == "yes"
    assert parse_answer("no lo sé", "es") == "not sure"
    assert {"s", "si", "y", "yes"} <= {word for word, answer in answers("es").items() if answer == "yes"}


# The logic
def test_questions_are_numbered_across_levels_and_each_level_starts_once() -> None:
    asked = list(questions(red_flags()))
    total = sum(len(f.signs) for f in red_flags())
    assert [q.number for q in asked] == list(range(1, total + 1))
    assert {q.total for q in asked} == {total}
    starts = [q.flags.level for q in asked if q.starts_level]
    assert starts == ["emergency", "today", "soon"]
    today = [q for q in asked if q.flags.level == "today"]
    assert today[0].level_span == (today[0].number, today[-1].number)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("y", "yes"), (" YES ", "yes"), ("sí", "yes"), ("Si", "yes"), ("n", "no"), ("No", "no"), ("?", "not sure"),
     ("not  sure", "not sure"), ("no sé", "not sure"), ("maybe", None), ("", None), ("yes no", None)],
)  # fmt: skip
def test_answers_are_read_forgivingly(typed: str, expected: str | None) -> None:
    assert parse_answer(typed) == expected


def test_the_first_yes_or_not_sure_ends_the_check_at_its_level() -> None:
    run_ = CheckRun(red_flags())
    for _ in range(signs_before("today")):
        run_.answer("no")
    assert run_.result is None
    run_.answer("not sure")
    result = run_.result
    assert result is not None
    assert result.outcome == "today"
    assert result.deciding is not None and result.deciding.answer == "not sure"
    assert run_.next_question is None


def test_every_no_is_outcome_none() -> None:
    run_ = CheckRun(red_flags())
    while run_.next_question is not None:
        run_.answer("no")
    result = run_.result
    assert result is not None and result.outcome == "none" and result.deciding is None
    assert len(result.answers) == run_.total
