"""The red-flag check's answers: every word a reader may type means what it says, and an unsure reader is acted on."""

from __future__ import annotations

import json

import pytest

from runacu.content.warning_check import ANSWERS, parse_answer
from tests.conftest import run, run_process


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("unsure", "not sure"), ("Unsure", "not sure"), ("NO SÉ", "not sure"), ("no se", "not sure"), ("?", "not sure"),
     ("s", "yes"), ("S", "yes"), ("SÍ", "yes"), ("Yes", "yes"), ("N", "no"), ("no", "no"),
     ("sure", None), ("nope", None), ("ye s", None), ("no no", None)],
)  # fmt: skip
def test_every_answer_word_means_what_it_says(typed: str, expected: str | None) -> None:
    assert parse_answer(typed) == expected


def test_only_the_words_for_no_count_as_no() -> None:
    assert sorted(word for word, answer in ANSWERS.items() if answer == "no") == ["n", "no"]


def test_a_script_answering_unsure_gets_the_emergency_action() -> None:
    data = json.loads(run("check", "--json", input="unsure\n").stdout)
    assert data["outcome"] == "emergency"
    assert data["answers"][0]["answer"] == "not sure"


def test_a_scripts_answers_are_read_every_time_never_replayed_from_a_stored_page() -> None:
    # As installed (python -m runacu), where repeat runs may be answered from stored output.
    for _ in range(2):
        checklist = json.loads(run_process("check", "--json", input=b"").stdout)
        assert "levels" in checklist and "outcome" not in checklist
        assert json.loads(run_process("check", "--json", input=b"y\n").stdout)["outcome"] == "emergency"
        assert json.loads(run_process("check", "--json", input=b"n\n" * 100).stdout)["outcome"] == "none"
