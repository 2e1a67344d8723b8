"""`runacu check` without a terminal: answers from a script, the outcome in every format, and its logic."""

from __future__ import annotations

import json

import pytest

from runacu.content.library import Library
from runacu.content.models import RedFlags
from runacu.content.warning_check import CheckRun, parse_answer, questions
from tests.conftest import run

PHONE = "(661) 490-9221"


def red_flags() -> list[RedFlags]:
    guide = Library().load_guide("back-pain")
    return next(topic.red_flags for topic in guide.topics if topic.red_flags)


def signs_before(level: str) -> int:
    flags = red_flags()
    names = [f.level for f in flags]
    return sum(len(f.signs) for f in flags[: names.index(level)])


def answers(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


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


def test_a_kiosk_gets_the_outcome_as_soon_as_an_answer_decides_it() -> None:
    """Answers written one at a time, stdin left open: the outcome comes without waiting for the end of input."""
    import selectors
    import subprocess
    import sys
    import time

    process = subprocess.Popen(
        [sys.executable, "-m", "runacu", "check", "--json"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert process.stdin is not None and process.stdout is not None
    out = b""
    try:
        process.stdin.write(b"y\n")
        process.stdin.flush()
        with selectors.DefaultSelector() as selector:  # a deadline of our own: a blocked runacu fails, never hangs
            selector.register(process.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and selector.select(timeout=deadline - time.monotonic()):
                chunk = process.stdout.read1(65536)
                if not chunk:
                    break
                out += chunk
        assert process.wait(timeout=5) == 0, "runacu waited for more input after the deciding answer"
    finally:
        process.kill()
        process.stdin.close()
        process.stdout.close()
        process.wait()
    assert json.loads(out)["outcome"] == "emergency"


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


@pytest.mark.parametrize("args", [("--json", "check"), ("check", "--json"), ("-f", "plain", "check")])
def test_a_format_asked_for_before_or_after_the_command_asks_nothing_on_a_terminal(args: tuple[str, ...]) -> None:
    import sys

    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(sys.executable, ["-m", "runacu", *args], encoding="utf-8", timeout=30, dimensions=(50, 100))
    try:
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert "[y/n/?]" not in str(child.before)
    assert "Call 911 or go to the emergency room" in str(child.before)  # the whole checklist
