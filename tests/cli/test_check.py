"""`runacu check` without a terminal: answers read from a script, and the outcome in every format."""

from __future__ import annotations

import json

import pytest

from tests.conftest import red_flag_levels, red_flags, run, signs_before

PHONE = "(661) 490-9221"


def answers(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


# A script's answers on standard input
def test_json_with_answers_on_stdin_reports_the_outcome_and_each_answer() -> None:
    before = signs_before("today")
    result = run("check", "--json", input=answers(*["n"] * before, "?"))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["guide"] == "back-pain"
    assert data["outcome"] == "today"
    today = next(f for f in red_flags() if f.level == "today")
    assert data["action"] == today.action
    assert len(data["answers"]) == before + 1
    assert data["answers"][0] == {"level": "emergency", "sign": red_flags()[0].signs[0], "answer": "no"}
    assert data["answers"][-1] == {"level": "today", "sign": today.signs[0], "answer": "not sure"}


@pytest.mark.slow
@pytest.mark.parametrize(("level", "position"), [("emergency", 0), ("soon", 1)])
def test_json_outcome_names_the_level_of_the_first_yes(level: str, position: int) -> None:
    given = ["n"] * (signs_before(level) + position) + ["y"]
    data = json.loads(run("check", "--json", input=answers(*given)).stdout)
    assert data["outcome"] == level
    assert data["answers"][-1]["answer"] == "yes"


def test_json_outcome_none_when_every_answer_is_no() -> None:
    total = sum(len(f.signs) for f in red_flags())
    data = json.loads(run("check", "--json", input=answers(*["n"] * total)).stdout)
    assert data["outcome"] == "none"
    assert data["action"] is None
    assert [a["answer"] for a in data["answers"]] == ["no"] * total


def test_answers_past_the_outcome_are_ignored() -> None:
    data = json.loads(run("check", "--json", input=answers("y", "n", "n")).stdout)
    assert data["outcome"] == "emergency"
    assert len(data["answers"]) == 1


def test_text_outcome_from_stdin_for_an_emergency_is_the_action_alone() -> None:
    result = run("check", input=answers("y"))
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "EMERGENCY: Call 911 or go to the emergency room" in out
    for competing in (PHONE, "Valencia Sports Medicine", "If you are worried", "Regain control"):
        assert competing not in out


def test_text_outcome_none_says_none_reported_not_a_diagnosis_then_the_clinic() -> None:
    total = sum(len(f.signs) for f in red_flags())
    out = " ".join(run("check", input=answers(*["n"] * total)).stdout.split())
    assert "You reported none of these signs. This is not a diagnosis." in out
    assert out.index("You reported none") < out.index(PHONE)
    assert ("Open now" in out) != ("Closed now" in out)


def test_an_answer_that_is_not_one_is_a_usage_error_naming_it() -> None:
    result = run("check", "--json", input=answers("n", "perhaps"))
    assert result.exit_code == 2
    assert "answer 2 ('perhaps') is not y, n or ?" in result.stderr
    assert result.stdout == ""


def test_too_few_answers_is_a_usage_error_saying_where_they_ended() -> None:
    total = sum(len(f.signs) for f in red_flags())
    result = run("check", "--json", input=answers("n", "n"))
    assert result.exit_code == 2
    assert f"the answers ended before question 3 of {total}" in result.stderr
    assert result.stdout == ""


def test_no_answers_on_stdin_prints_the_checklist() -> None:
    result = run("check", "--json", input="")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [level["level"] for level in data["levels"]] == ["emergency", "today", "soon"]
    assert "outcome" not in data


def test_spanish_outcome_in_spanish() -> None:
    result = run("--lang", "es", "check", input=answers("s"))
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "EMERGENCIA: Llame al 911" in out
    assert "Respondió que sí a:" in out


@pytest.mark.parametrize(
    ("output_format", "link"),
    [("html", '<strong><a href="tel:911">911</a></strong>'), ("markdown", "**[911](<tel:911>)**")],
)
def test_the_emergency_number_is_a_tel_link_in_handouts(output_format: str, link: str) -> None:
    result = run("check", "--format", output_format, input=answers("y"))
    assert result.exit_code == 0
    assert link in result.stdout


def test_a_byte_order_mark_before_the_first_answer_is_ignored() -> None:
    result = run("check", "--json", input="\ufeffy\n")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["outcome"] == "emergency"


def test_answers_are_read_however_far_into_the_input_they_are() -> None:
    total = sum(len(f.signs) for f in red_flags())
    padding = "\n" * 70_000 + " " * 70_000 + "\n"  # more than any read-ahead limit: nothing may be dropped
    result = run("check", "--json", input=padding + answers(*["n"] * (total - 1), "not sure"))
    data = json.loads(result.stdout)
    assert data["outcome"] == "soon"
    assert data["answers"][-1]["answer"] == "not sure"


def test_a_line_too_long_to_be_an_answer_is_a_usage_error() -> None:
    result = run("check", "--json", input="y" * 100_000 + "\n")
    assert result.exit_code == 2
    assert "answer 1 (" in result.stderr
    assert len(result.stderr) < 400  # the line is not echoed whole


def test_a_script_answering_unsure_gets_the_emergency_action() -> None:
    data = json.loads(run("check", "--json", input="unsure\n").stdout)
    assert data["outcome"] == "emergency"
    assert data["answers"][0]["answer"] == "not sure"


# Red flags


def test_check_json_lists_the_three_levels_in_order() -> None:
    result = run("check", "--json")
    assert result.exit_code == 0, result.stderr
    levels = json.loads(result.stdout)["levels"]
    assert [level["level"] for level in levels] == ["emergency", "today", "soon"]
    flags = red_flag_levels()
    assert [len(level["signs"]) for level in levels] == [len(level["signs"]) for level in flags]  # type: ignore[arg-type]
    assert levels[0]["action"] == "Call 911 or go to the emergency room"
