"""runacu in a real pseudo-terminal (pexpect), as a person at a keyboard sees it: prompts, paging, colour, layout.

Each run is forked from runacu already imported (the `fork_server` of tests/e2e/conftest.py) onto a pseudo-terminal
of its own; the first tests here check that such a run starts as a new Python does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.cells import cell_len

from runacu.cli.commands.card import CARD_FOR_CLINIC, CARD_FOR_RUNNERS
from runacu.content.models import RedFlags
from tests.conftest import ANSI_COLOUR, drafts, red_flags
from tests.e2e.conftest import (
    Child,
    ForkServer,
    own_copies,
    prose,
    screen_text,
    spawn_on_terminal,
    terminal_environment,
    warm_cache,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals need a POSIX system")


PHONE = "(661) 490-9221"


#: What a marker pager prints before the text it was given: proof that the text went through it.
PAGER_MARK = "ZZ-PAGED-BY-PAGER-ZZ"


RUNACU_PAGER_MARK = "ZZ-PAGED-BY-RUNACU-PAGER-ZZ"


CHECK_PROMPT = "[y/n/?]"


RE_ASK = "Please answer y, n or ? (not sure)."


BENEFITS_TITLE = "Benefits of acupuncture for runners"


def marker_pager(mark: str) -> str:
    """A pager command that prints `mark`, then the text it was given."""
    return f"sh -c 'echo {mark}; cat'"


def screen_lines(raw: str) -> list[str]:
    lines = screen_text(raw).split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


Spawn = Callable[..., Child]


@pytest.fixture
def spawn(forks: ForkServer, tmp_path: Path) -> Spawn:
    """`runacu ARGS` on a new terminal of rows x cols, its files in this test's folder; a run still going when the
    test ends is ended."""

    def start(*args: str, rows: int = 24, cols: int = 80, env: dict[str, str] | None = None) -> Child:
        return forks.on_terminal(args, env=terminal_environment(tmp_path, **(env or {})), rows=rows, cols=cols)

    return start


Piped = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def piped(forks: ForkServer, tmp_path: Path) -> Piped:
    """`piped(*ARGS, **ENV)`: runacu with stdin from /dev/null and stdout and stderr piped: not a terminal anywhere."""

    def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return forks.piped(args, env=terminal_environment(tmp_path, **env))

    return run


# 0. A run forked from runacu already imported starts as a new Python does

#: Writes, to the file named first, how this Python started: its standard streams, signals, session, arguments.
STARTED = r"""
import json, os, signal, sys, time

def stream(name):
    s = getattr(sys, name)
    raw = getattr(s.buffer, "raw", s.buffer)
    return [type(s).__name__, s.encoding, s.errors, s.line_buffering, s.write_through, getattr(s, "mode", None),
            s.isatty(), type(s.buffer).__name__, type(raw).__name__, raw.name, s is getattr(sys, f"__{name}__")]

signals = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE, signal.SIGXFSZ, signal.SIGCHLD, signal.SIGTTOU]
started = {
    "streams": [stream(name) for name in ("stdin", "stdout", "stderr")],
    "signals": [str(signal.getsignal(number)) for number in signals],
    "blocked": sorted(signal.pthread_sigmask(signal.SIG_BLOCK, [])),
    "session leader": os.getsid(0) == os.getpid(),
    "in the foreground": os.isatty(0) and os.tcgetpgrp(0) == os.getpgrp(),
    "argv": sys.argv[:1], "path": sys.path[:1], "main": [sorted(vars(sys.modules["__main__"])), __name__],
    "folder": os.getcwd(), "umask": os.umask(0o22),
    "open files": sorted(int(fd) for fd in os.listdir("/proc/self/fd")),
    "flags": str(sys.flags), "time zone": time.tzname, "environment": dict(os.environ),
}
with open(sys.argv[1], "w") as out:
    json.dump(started, out)
"""


def test_a_run_forked_on_a_terminal_starts_as_a_new_python_does(forks: ForkServer, tmp_path: Path) -> None:
    env = terminal_environment(tmp_path, TZ="America/Los_Angeles")
    forked = forks.on_terminal([str(tmp_path / "forked.json")], env=env, cwd=tmp_path, script=STARTED)
    new = spawn_on_terminal(sys.executable, ["-c", STARTED, str(tmp_path / "new.json")], env=env, cwd=tmp_path)
    try:
        assert forked.finish()[1] == new.finish()[1] == 0
    finally:
        new.stop()
    started = json.loads((tmp_path / "new.json").read_text())
    assert started["session leader"] and started["in the foreground"]  # the premise: as on a terminal
    assert json.loads((tmp_path / "forked.json").read_text()) == started


def test_a_forked_run_with_its_output_piped_starts_as_a_new_python_does(forks: ForkServer, tmp_path: Path) -> None:
    env = terminal_environment(tmp_path)
    forked = forks.piped([str(tmp_path / "forked.json")], env=env, cwd=tmp_path, script=STARTED)
    new = subprocess.run(
        [sys.executable, "-c", STARTED, str(tmp_path / "new.json")],
        stdin=subprocess.DEVNULL, capture_output=True, env=env, cwd=tmp_path, timeout=60, check=False,
    )  # fmt: skip
    assert (forked.returncode, forked.stdout, forked.stderr) == (new.returncode, "", "") == (0, "", "")
    started = json.loads((tmp_path / "forked.json").read_text())
    assert started.pop("session leader")  # a session of its own, where subprocess.run's child shares pytest's
    expected = json.loads((tmp_path / "new.json").read_text())
    del expected["session leader"]
    assert started == expected


@dataclass(frozen=True)
class Run:
    """One run that needs no typing: read by the tests of its output."""

    args: tuple[str, ...]
    rows: int = 24
    cols: int = 80
    env: tuple[tuple[str, str], ...] = ()


def paged_by(mark: str) -> tuple[str, str]:
    return ("PAGER", marker_pager(mark))


#: Every run on a terminal that only prints, each read by the tests of its output.
ONE_SHOT = {
    "check-json": Run(("check", "--json")),
    "json-check": Run(("--json", "check"), rows=50, cols=100),
    "plain-check": Run(("-f", "plain", "check"), rows=50, cols=100),
    "benefits": Run(("benefits",), env=(paged_by(PAGER_MARK),)),
    "benefits-no-pager": Run(("benefits", "--no-pager"), env=(paged_by(PAGER_MARK),)),
    "contact-10-rows": Run(("contact",), rows=10, env=(paged_by(PAGER_MARK),)),
    "contact-10-rows-no-pager": Run(("contact", "--no-pager"), rows=10, env=(paged_by(PAGER_MARK),)),
    "version": Run(("--version",), env=(paged_by(PAGER_MARK),)),
    "list-pager": Run(("benefits", "--list", "--pager"), env=(paged_by(PAGER_MARK),)),
    "list-pager-both": Run(
        ("benefits", "--list", "--pager"),
        env=(paged_by(PAGER_MARK), ("RUNACU_PAGER", marker_pager(RUNACU_PAGER_MARK))),
    ),
    "pager-blank": Run(("benefits", "--pager"), env=(("PAGER", "   "),)),
    "pager-bad-quote": Run(("benefits", "--pager"), env=(("PAGER", 'less "'),)),
    "pager-missing": Run(("benefits", "--pager"), env=(("PAGER", "/nonexistent/runacu-test-pager"),)),
    "colour-default": Run(("contact", "--no-pager")),
    "colour-no-color": Run(("contact", "--no-pager"), env=(("NO_COLOR", "1"),)),
    "colour-never": Run(("--color", "never", "contact", "--no-pager")),
    "colour-auto-no-color": Run(("--color", "auto", "contact", "--no-pager"), env=(("NO_COLOR", "1"),)),
    "card-80x24": Run((), rows=24, cols=80, env=(paged_by(PAGER_MARK),)),
    "card-40-cols": Run((), rows=100, cols=40, env=(paged_by(PAGER_MARK),)),
}


class Finished(dict[str, tuple[str, int | None]]):
    """Each ONE_SHOT run's output and exit status (None if it did not end: a hang is a failure, not a wait),
    run when a test first reads it: a pytest-xdist worker runs only the ones its own tests read."""

    def __init__(self, folders: pytest.TempPathFactory, cache: Path, server: ForkServer) -> None:
        super().__init__()
        self.folders = folders
        self.cache = cache
        self.server = server

    def __missing__(self, key: str) -> tuple[str, int | None]:
        import pexpect

        run = ONE_SHOT[key]
        folder = self.folders.mktemp(key)
        warm_cache(folder / "xdg-cache", self.cache)
        env = terminal_environment(folder, **dict(run.env))
        child = self.server.on_terminal(run.args, env=env, rows=run.rows, cols=run.cols)
        try:
            self[key] = child.finish()
        except pexpect.TIMEOUT:
            self[key] = (child.log.getvalue(), None)
        finally:
            child.stop()
        return self[key]


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory, warm_cache_template: Path, fork_server: ForkServer) -> Finished:
    return Finished(tmp_path_factory, warm_cache_template, fork_server)


def level(name: str) -> RedFlags:
    return next(flags for flags in red_flags() if flags.level == name)


def all_signs() -> list[str]:
    return [sign for flags in red_flags() for sign in flags.signs]


def prompt_for(sign: str) -> str:
    return f"{sign}? {CHECK_PROMPT}"


# 1. runacu check
def test_the_data_has_the_levels_these_tests_walk_through() -> None:
    assert [flags.level for flags in red_flags()] == ["emergency", "today", "soon"]
    assert level("emergency").action.startswith("Call 911")
    assert all(len(flags.signs) >= 2 for flags in red_flags())


def question(number: int, sign: str) -> str:
    """The whole prompt of question `number`, as the reader sees it."""
    return f"Question {number} of {len(all_signs())}: {prompt_for(sign)}"


def answer_no_to_the_emergency_signs(child: Child) -> None:
    for number, sign in enumerate(level("emergency").signs, start=1):
        child.answer(question(number, sign), "n")


def closed_clinic(tmp_path: Path) -> Path:
    """A data folder whose clinic is never open (the guides are the built-in ones)."""
    data = own_copies(tmp_path / "closed-data", "clinic.yaml")
    clinic = (data / "clinic.yaml").read_text(encoding="utf-8")
    clinic = re.sub(r"^(\s+\w+day): \[.*\]$", r"\1: []", clinic, flags=re.MULTILINE)
    (data / "clinic.yaml").write_text(clinic, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def no_to_every_sign(
    tmp_path_factory: pytest.TempPathFactory, warm_cache_template: Path, fork_server: ForkServer
) -> tuple[str, int | None]:
    """`check` answered no to every sign, as a reader answers it: read by the tests of its questions and outcome."""
    folder = tmp_path_factory.mktemp("check-no")
    warm_cache(folder / "xdg-cache", warm_cache_template)
    child = fork_server.on_terminal(["check"], env=terminal_environment(folder))
    try:
        for number, sign in enumerate(all_signs(), start=1):
            child.answer(question(number, sign), "n")
        return child.finish()
    finally:
        child.stop()


def test_check_no_to_every_sign_reports_none_then_the_clinic_with_its_hours(
    no_to_every_sign: tuple[str, int | None],
) -> None:
    out, status = no_to_every_sign
    assert status == 0
    result = prose(screen_text(out)).split(prompt_for(all_signs()[-1]), 1)[1]
    none = "You reported none of these signs. This is not a diagnosis."
    assert none in result
    assert "No warning signs" not in result  # read as reassurance
    assert "runacu back-pain prevention" in result
    assert result.index(none) < result.index(PHONE)  # the clinic only after the outcome
    assert "For questions about acupuncture, or to book a visit, call Valencia Sports Medicine" in result
    assert re.search(r"(Open|Closed) now", result)
    assert "Regain control" not in result  # no tagline inside medical advice


def test_check_counts_the_questions_and_names_each_level_once_as_it_starts(
    no_to_every_sign: tuple[str, int | None],
) -> None:
    signs = all_signs()
    out, _ = no_to_every_sign
    text = prose(screen_text(out))
    emergency, today = (len(level(name).signs) for name in ("emergency", "today"))
    headings = [
        f"Emergency signs: questions 1 to {emergency}",
        f"Signs that need a doctor today: questions {emergency + 1} to {emergency + today}",
        f"Signs that need a doctor soon: questions {emergency + today + 1} to {len(signs)}",
    ]
    for heading in headings:
        assert text.count(heading) == 1
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert positions[1] > text.index(question(emergency, signs[emergency - 1]))  # shown when its level starts
    assert positions[1] < text.index(question(emergency + 1, signs[emergency]))


def test_check_a_yes_to_the_first_emergency_sign_gives_911_first_and_nothing_else(spawn: Spawn) -> None:
    emergency = level("emergency")
    child = spawn("check")
    intro = screen_text(child.answer(question(1, emergency.signs[0]), "y"))
    assert "not a diagnosis" in intro  # said before the first question
    assert "Not sure counts as yes" in intro
    out, status = child.finish()
    assert status == 0
    flat = prose(screen_text(out)).split(prompt_for(emergency.signs[0]), 1)[1]
    assert "EMERGENCY: Call 911 or go to the emergency room" in flat
    assert f"You answered yes to: {emergency.signs[0]}" in flat
    for competing in (PHONE, "Valencia Sports Medicine", "If you are worried", "book", "Regain control"):
        assert competing not in flat
    assert ";tel:911\x1b\\" in out  # a link a terminal can dial
    assert screen_text(out).count(CHECK_PROMPT) == 1
    assert emergency.signs[1] not in prose(screen_text(out))


def test_check_not_sure_is_reported_as_not_sure_and_gives_todays_action_alone(spawn: Spawn) -> None:
    today = level("today")
    child = spawn("check")
    answer_no_to_the_emergency_signs(child)
    child.answer(question(len(level("emergency").signs) + 1, today.signs[0]), "?")
    out, status = child.finish()
    assert status == 0
    flat = prose(screen_text(out)).split(prompt_for(today.signs[0]), 1)[1]
    assert f"TODAY: {today.action}" in flat
    assert f"You were not sure about: {today.signs[0]} (not sure counts as yes)" in flat
    assert "You answered yes" not in flat
    for competing in (PHONE, "book a visit", "Call 911", "Regain control"):
        assert competing not in flat
    assert CHECK_PROMPT not in flat  # no further question
    assert today.signs[1] not in flat


def test_check_a_soon_answer_gives_the_soon_action_and_no_clinic_line(spawn: Spawn) -> None:
    soon = level("soon")
    child = spawn("check")
    before = [sign for flags in red_flags() if flags.level != "soon" for sign in flags.signs]
    for number, sign in enumerate(before, start=1):
        child.answer(question(number, sign), "n")
    child.answer(question(len(before) + 1, soon.signs[0]), "y")
    out, status = child.finish()
    assert status == 0
    flat = prose(screen_text(out)).split(prompt_for(soon.signs[0]), 1)[1]
    assert f"SOON: {soon.action}" in flat
    assert "This check is not a diagnosis." in flat
    assert PHONE not in flat
    assert "Valencia Sports Medicine" not in flat


def test_check_while_the_clinic_is_closed_says_so_after_no_signs(spawn: Spawn, tmp_path: Path) -> None:
    child = spawn("--data-dir", str(closed_clinic(tmp_path)), "check")
    for number, sign in enumerate(all_signs(), start=1):
        child.answer(question(number, sign), "n")
    out, status = child.finish()
    assert status == 0
    flat = prose(screen_text(out)).split(prompt_for(all_signs()[-1]), 1)[1]
    assert "Closed now" in flat
    assert "Open now" not in flat


def test_check_garbage_answer_asks_the_same_question_again(spawn: Spawn) -> None:
    first, second = level("emergency").signs[:2]
    child = spawn("check")
    child.answer(question(1, first), "maybe")
    child.expect(RE_ASK)
    between = child.answer(question(1, first), "n")  # the same sign again, not the next one
    assert second not in between
    child.answer(question(2, second), "not sure")  # spelled out, it counts as yes too
    out, status = child.finish()
    assert status == 0
    assert prose(screen_text(out)).count(prompt_for(first)) == 2
    assert "EMERGENCY" in screen_text(out)


def test_check_ctrl_c_at_a_question_exits_130(spawn: Spawn) -> None:
    child = spawn("check")
    child.expect(prompt_for(all_signs()[0]))  # a deadline (TIMEOUT): a prompt that never comes fails, never hangs
    child.ctrl_c()
    out, status = child.finish()
    assert status == 130
    assert "interrupted" in out
    assert "Traceback" not in out


def test_check_ctrl_d_at_a_question_cancels_with_130(spawn: Spawn) -> None:
    child = spawn("check")
    answer_no_to_the_emergency_signs(child)
    child.expect(prompt_for(level("today").signs[0]))
    child.ctrl_d()
    out, status = child.finish()
    assert status == 130
    assert "cancelled" in out
    assert "Traceback" not in out
    assert "TODAY:" not in out  # no outcome from a check that was not finished


def test_check_in_spanish_counts_and_reports_in_spanish(spawn: Spawn) -> None:
    child = spawn("--lang", "es", "check")
    child.expect("Pregunta 1 de ")
    child.answer("[s/n/?]", "s")
    out, status = child.finish()
    assert status == 0
    flat = prose(screen_text(out))
    assert "Señales de emergencia: preguntas 1 a " in flat
    assert "EMERGENCIA: Llame al 911" in flat
    assert "Respondió que sí a:" in flat


def test_check_without_a_terminal_prints_the_whole_checklist_and_asks_nothing(piped: Piped) -> None:
    result = piped("check")
    assert result.returncode == 0
    assert CHECK_PROMPT not in result.stdout + result.stderr
    text = " ".join(result.stdout.split())  # long signs are wrapped
    for flags in red_flags():
        assert flags.action in prose(text)
        for sign in flags.signs:
            assert sign in text
    assert "not a diagnosis" in text
    assert PHONE in text


def test_check_with_stdin_from_dev_null_on_a_terminal_asks_nothing(forks: ForkServer, tmp_path: Path) -> None:
    """Output on a terminal, but nobody to answer: the checklist, not questions."""
    null = os.open(os.devnull, os.O_RDONLY)  # as `runacu check < /dev/null` typed at the terminal
    try:
        child = forks.on_terminal(["check"], env=terminal_environment(tmp_path), rows=200, cols=100, stdin=null)
    finally:
        os.close(null)
    out, status = child.finish()
    text = screen_text(out)
    assert status == 0
    assert CHECK_PROMPT not in text
    for flags in red_flags():
        assert flags.action in prose(text)


def test_check_json_on_a_terminal_prints_the_levels_and_asks_nothing(finished: Finished) -> None:
    out, status = finished["check-json"]
    assert status == 0
    assert CHECK_PROMPT not in out
    data = json.loads(screen_text(out))
    assert data["guide"] == "back-pain"
    assert [(item["level"], item["action"], item["signs"]) for item in data["levels"]] == [
        (flags.level, flags.action, list(flags.signs)) for flags in red_flags()
    ]


# 2. runacu request
def requests_folder(tmp_path: Path) -> Path:
    return tmp_path / "xdg-data" / "runacu" / "requests"


def test_request_asks_each_field_and_saves_a_draft(spawn: Spawn, tmp_path: Path) -> None:
    child = spawn("request", cols=200, rows=60)
    before_first = child.answer("Your name: ", "Jo Runner")
    assert "no email address" in before_first
    assert PHONE in before_first
    child.answer("Your phone number: ", "661 555 0123")
    child.answer("Your email address: ", "jo@example.com")
    choices = child.answer("How should the clinic contact you? ", "2")
    assert re.search(r"^ *1\. phone\s*$", screen_text(choices), re.MULTILINE)
    assert re.search(r"^ *2\. email\s*$", screen_text(choices), re.MULTILINE)
    assert "Type a number or a name" in choices
    topics = child.answer("What is it about? ", "research")
    assert re.search(r"^ *\d+\. What the research says \(research\)\s*$", screen_text(topics), re.MULTILINE)
    assert re.search(r"^ *\d+\. Other\s*$", screen_text(topics), re.MULTILINE)
    child.answer("Your message: ", "Back pain after long runs")
    out, status = child.finish()
    assert status == 0

    drafts = list(requests_folder(tmp_path).glob("*.eml"))
    assert len(drafts) == 1
    draft = drafts[0].read_text(encoding="utf-8")
    assert "Name: Jo Runner" in draft
    assert "Phone: +16615550123" in draft
    assert "Email: jo@example.com" in draft
    assert "Preferred contact method: email" in draft  # "2" chose the second choice
    assert "Topic of interest: What the research says" in draft  # chosen by name
    assert "Back pain after long runs" in draft

    receipt = screen_text(out).split("Back pain after long runs", 1)[1]  # the clinic has no email address yet:
    assert "Call Valencia Sports Medicine: " + PHONE in prose(receipt)  # what to say when you call
    assert "Message Back pain after long runs" in prose(receipt)
    assert "A copy is saved for your records:" in receipt
    assert str(drafts[0]) in re.sub(r"\s+", "", receipt)  # the path (however it is wrapped)


def test_request_reasks_only_the_wrong_field_with_the_forms_message(spawn: Spawn, tmp_path: Path) -> None:
    child = spawn("request", cols=200, rows=60)
    child.answer("Your name: ", "")
    child.expect("Please enter your name.")
    child.answer("Your name: ", "Jo Runner")
    child.answer("Your phone number: ", "123")
    child.expect("This isn't a valid phone number.")
    between = child.answer("Your phone number: ", "661 555 0123")
    assert "Your name" not in between
    child.answer("Your email address: ", "jo@example.com")
    child.answer("How should the clinic contact you? ", "9")
    child.expect("Preferred contact method: Please make a selection.")
    child.answer("How should the clinic contact you? ", "Phone")
    child.answer("What is it about? ", "other")
    child.answer("Your message: ", "Hello")
    out, status = child.finish()
    assert status == 0
    text = screen_text(out)
    assert text.count("Your name: ") == 2
    assert text.count("Your phone number: ") == 2
    assert text.count("Your email address: ") == 1
    assert text.count("How should the clinic contact you? ") == 2
    assert text.count("What is it about? ") == 1
    (draft,) = requests_folder(tmp_path).glob("*.eml")
    assert "Preferred contact method: phone" in draft.read_text(encoding="utf-8")


def test_request_ctrl_d_cancels_and_saves_nothing(spawn: Spawn, tmp_path: Path) -> None:
    child = spawn("request", cols=200)
    child.answer("Your name: ", "Jo Runner")
    child.expect("Your phone number: ")
    child.ctrl_d()
    out, status = child.finish()
    assert status == 130
    assert "cancelled" in out
    assert "Traceback" not in out
    folder = requests_folder(tmp_path)
    assert not folder.exists() or not any(folder.iterdir())


def test_request_prints_the_saved_path_on_one_line(spawn: Spawn, tmp_path: Path) -> None:
    """A path that can be copied: a long data folder is not folded in the middle of the path."""
    data_home = tmp_path / ("long-folder-name-" * 5) / "xdg-data"
    child = spawn(
        "request",
        "--name=Jo Runner",
        "--phone=661 555 0123",
        "--email=jo@example.com",
        "--contact-method=phone",
        "--topic=other",
        "--message=Hello",
        cols=250,
        env={"XDG_DATA_HOME": str(data_home)},
    )
    out, status = child.finish()
    assert status == 0
    (draft,) = (data_home / "runacu" / "requests").glob("*.eml")
    assert len(str(draft)) > 100  # the premise: longer than runacu's widest text
    assert any(str(draft) in line for line in screen_lines(out)), screen_text(out)


# 3. Paging
def test_long_output_on_a_short_terminal_goes_through_the_pager(finished: Finished) -> None:
    out, status = finished["benefits"]
    assert status == 0
    text = screen_text(out)
    assert len(screen_lines(out)) > 24  # the premise: taller than the screen
    assert PAGER_MARK in text
    assert text.index(PAGER_MARK) < text.index(BENEFITS_TITLE)  # the text went through the pager


@pytest.mark.parametrize(
    ("key", "rows"),
    [
        ("benefits-no-pager", 24),
        ("contact-10-rows-no-pager", 10),  # taller than 10 rows: only --no-pager keeps it off the pager
    ],
)
def test_no_pager_prints_tall_output_directly(finished: Finished, key: str, rows: int) -> None:
    out, status = finished[key]
    assert status == 0
    assert PAGER_MARK not in out
    assert len(screen_lines(out)) > rows  # the premise: taller than the screen


def test_contact_taller_than_the_screen_is_paged_without_no_pager(finished: Finished) -> None:
    """The counterpart of `contact --no-pager` at 10 rows: the option is what keeps the pager away."""
    out, status = finished["contact-10-rows"]
    assert status == 0
    assert PAGER_MARK in out


def test_short_output_is_printed_directly(finished: Finished) -> None:
    out, status = finished["version"]
    assert status == 0
    assert PAGER_MARK not in out
    assert screen_text(out).startswith("runacu ")


def test_a_pipe_never_uses_the_pager_even_with_the_pager_option(piped: Piped) -> None:
    result = piped("benefits", "--pager", PAGER=marker_pager(PAGER_MARK), LINES="5")
    assert result.returncode == 0
    assert PAGER_MARK not in result.stdout
    assert BENEFITS_TITLE in result.stdout


def test_pager_option_forces_the_pager_for_short_output(finished: Finished) -> None:
    out, status = finished["list-pager"]
    assert status == 0
    lines = screen_lines(out)
    assert PAGER_MARK in lines
    assert len(lines) < 24  # the premise: it fits the screen
    assert "recovery" in screen_text(out).split(PAGER_MARK, 1)[1]


def test_runacu_pager_wins_over_pager(finished: Finished) -> None:
    out, status = finished["list-pager-both"]
    assert status == 0
    lines = screen_lines(out)
    assert RUNACU_PAGER_MARK in lines
    assert PAGER_MARK not in lines


@pytest.mark.parametrize("key", ["pager-blank", "pager-bad-quote", "pager-missing"])
def test_a_pager_that_cannot_run_falls_back_to_printing(finished: Finished, key: str) -> None:
    out, status = finished[key]
    assert status == 0
    text = screen_text(out)
    assert text.count(BENEFITS_TITLE) == 1
    assert "Traceback" not in text


# 4. Colour
def test_a_terminal_gets_colour_by_default(finished: Finished) -> None:
    out, status = finished["colour-default"]
    assert status == 0
    assert ANSI_COLOUR.search(out)


@pytest.mark.parametrize("key", ["colour-no-color", "colour-never", "colour-auto-no-color"])
def test_colour_turned_off_on_a_terminal(finished: Finished, key: str) -> None:
    out, status = finished[key]
    assert status == 0
    assert "Valencia Sports Medicine" in out
    assert not ANSI_COLOUR.search(out)


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--color", "always", "contact"), {}),
        (("contact",), {"FORCE_COLOR": "1"}),
    ],
)
def test_colour_can_be_forced_into_a_pipe(piped: Piped, args: tuple[str, ...], env: dict[str, str]) -> None:
    result = piped(*args, **env)
    assert result.returncode == 0
    assert ANSI_COLOUR.search(result.stdout)


# 5. The quick card
def card_commands() -> list[str]:
    return [" ".join(("runacu", *words)) for words, _ in (*CARD_FOR_RUNNERS, *CARD_FOR_CLINIC)]


def test_quick_card_fits_80_by_24(finished: Finished) -> None:
    out, status = finished["card-80x24"]
    assert status == 0
    lines = [line for line in screen_lines(out) if line != PAGER_MARK]
    assert len(lines) <= 24, "\n".join(lines)
    assert max(cell_len(line) for line in lines) <= 80
    for command in card_commands():
        assert command in screen_text(out)
    assert PHONE in screen_text(out)


def test_quick_card_on_80_by_24_is_shown_without_a_pager(finished: Finished) -> None:
    """It fits the screen, so it must not open the pager (with the default `less`, it would wait for q)."""
    out, status = finished["card-80x24"]
    assert status == 0
    assert PAGER_MARK not in screen_lines(out)


WORD = re.compile(r"\w+(?:['\-.]\w+)*")


def test_quick_card_at_40_columns_is_one_column_with_whole_words(finished: Finished, piped: Piped) -> None:
    out, status = finished["card-40-cols"]
    assert status == 0
    lines = [line for line in screen_lines(out) if line != PAGER_MARK]
    assert max(cell_len(line) for line in lines) <= 40, "\n".join(lines)
    # One column: each command alone on its line, its help below it.
    for command in card_commands():
        assert any(line.strip() == command for line in lines), command
    # The phone number is never split.
    assert any(PHONE in line for line in lines)
    # Every word of the card (as printed wide, in a pipe) is whole at 40 columns.
    wide = piped(COLUMNS="100")
    assert wide.returncode == 0
    narrow_words = set(WORD.findall("\n".join(lines)))
    missing = [word for word in WORD.findall(wide.stdout) if word not in narrow_words]
    assert not missing, f"cut or missing at 40 columns: {missing}\n" + "\n".join(lines)


@pytest.mark.parametrize("key", ["json-check", "check-json", "plain-check"])
def test_a_format_asked_for_before_or_after_the_command_asks_nothing_on_a_terminal(
    finished: Finished, key: str
) -> None:
    out, status = finished[key]
    assert status == 0
    assert "[y/n/?]" not in out
    assert "Call 911 or go to the emergency room" in out  # the whole checklist


def test_ctrl_c_at_a_prompt_exits_130_with_no_file(spawn: Spawn, tmp_path: Path) -> None:
    child = spawn("request", "--name", "Jo")
    # pexpect waits a bounded time: a prompt that never comes fails the test instead of hanging the suite.
    child.expect("phone number")
    child.ctrl_c()  # Ctrl-C, as the terminal sends it
    output, status = child.finish()
    assert status == 130, output
    assert "Traceback" not in output
    assert drafts(tmp_path) == []
