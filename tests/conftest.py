"""Shared by every test folder: parallel runs, an isolated environment, a CLI runner, and the data and helpers
tests in more than one folder use."""

from __future__ import annotations

import functools
import io
import itertools
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from hypothesis import settings
from typer.testing import CliRunner

from runacu.cli import app
from runacu.content.library import Library, builtin_data_dir
from runacu.content.models import RedFlags
from runacu.views.terminal import Terminal

REPO = Path(__file__).resolve().parents[1]
#: The start of any escape sequence (CSI or OSC): none may reach a pipe.
ANSI = re.compile(r"\x1b[\[\]]")
_ANSI_SEQUENCE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\]8;[^\x1b]*\x1b\\")
#: A colour (foreground 30-39/90-97, background 40-49), as opposed to bold or italic.
ANSI_COLOUR = re.compile(r"\x1b\[(?:[0-9]+;)*(?:3[0-9]|4[0-9]|9[0-7])(?:;[0-9]+)*m")


#: Property tests draw the same examples on every run and keep no example database (workers would share
#: it), and no example has a deadline: how long one takes depends on the machine's load, not on runacu.
settings.register_profile("runacu", derandomize=True, database=None, deadline=None)
settings.load_profile("runacu")


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Run in parallel, one pytest-xdist worker per CPU, unless -n says otherwise (-n0: in this process)."""
    in_a_worker = hasattr(config, "workerinput")
    if config.pluginmanager.has_plugin("xdist") and not in_a_worker and config.option.numprocesses is None:
        config.option.numprocesses = "auto"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test folder is a package, so two test files of one name in two folders cannot clash."""
    for folder in {item.path.parent for item in items}:
        if not (folder / "__init__.py").is_file():
            raise pytest.UsageError(f"{folder} holds tests but no __init__.py: add an empty one")


def strip_ansi(text: str) -> str:
    return _ANSI_SEQUENCE.sub("", text)


ISOLATED_VARIABLES = (
    "RUNACU_DATA_DIR", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM", "PAGER", "PYTHONIOENCODING",
    "XDG_DATA_HOME", "XDG_CACHE_HOME", "RUNACU_CACHE_DIR", "RUNACU_DEBUG", "TTY_COMPATIBLE", "TTY_INTERACTIVE",
    "RUNACU_LANG", "RUNACU_PAGER", "RUNACU_NO_CACHE", "LC_ALL", "LC_MESSAGES", "LANG", "LESS",
)  # fmt: skip


_UNMADE = itertools.count()


@pytest.fixture(autouse=True)
def isolated_environment(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No test sees the developer's terminal settings, data directory or user files: its HOME, XDG_DATA_HOME and
    XDG_CACHE_HOME are folders of its own, under its `tmp_path` when it has one (`tmp_path / "xdg-data"`...).
    A test without one gets folders no other test has, not yet made (runacu makes what it writes to): making
    and removing a tmp_path for each of the thousands of tests that write nothing would cost seconds."""
    for name in ISOLATED_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    if "tmp_path" in request.fixturenames:
        folder: Path = request.getfixturevalue("tmp_path")
    else:
        folder = tmp_path_factory.getbasetemp() / "isolated" / str(next(_UNMADE))
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder / "xdg-cache"))
    monkeypatch.setenv("HOME", str(folder / "home"))
    monkeypatch.setenv("LANG", "C.UTF-8")


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@functools.cache
def _command() -> Any:
    """runacu's Click command, built once per process as Typer builds it for each run: building it (with the
    command that runs) costs a few milliseconds, thousands of times over. runacu says a built command's texts
    again in each run's language (`say_command`), so a command run again is as a new one."""
    return typer.main.get_command(app)


def run(*args: str, terminal: Terminal | None = None, input: str | None = None) -> Result:
    """Run the CLI in-process, as Typer's CliRunner.invoke does (its isolated standard streams, the program named
    "root"); with `terminal`, output goes there (to test terminal rendering)."""
    exit_code = 0
    with CliRunner().isolation(input=input) as (out, err, *_):
        try:
            _command().main(list(args), prog_name="root", obj=terminal)
        except SystemExit as exit:
            exit_code = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        stdout, stderr = out.getvalue().decode(), err.getvalue().decode()
    if terminal is not None and isinstance(terminal.out, io.StringIO):
        stdout = terminal.out.getvalue() + stdout
    if terminal is not None and isinstance(terminal.err, io.StringIO):
        stderr = terminal.err.getvalue() + stderr
    return Result(exit_code, stdout, stderr)


def fake_terminal(width: int = 80, height: int = 10_000) -> Terminal:
    """A terminal that captures output; tall, so nothing is paged unless a test asks for it."""
    return Terminal(out=io.StringIO(), err=io.StringIO(), is_terminal=True, width=width, height=height)


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A copy of the built-in data the test may change."""
    target = tmp_path / "data"
    shutil.copytree(str(builtin_data_dir()), target)
    yield target


# Data and helpers tests in more than one folder share


#: The topics of the shipped guides, in the order the guides list them.
BENEFITS_SLUGS = ["recovery", "injury-prevention", "muscle-balance", "immune-system", "stress-and-sleep"]
BACK_PAIN_SLUGS = ["causes", "how-it-helps", "research", "prevention", "self-care", "when-to-see-a-doctor"]
FIRST_VISIT_SLUGS = [
    "what-happens", "what-it-feels-like", "is-it-safe", "tell-your-practitioner", "choosing-a-practitioner",
    "cost-and-insurance",
]  # fmt: skip

#: An extra guide of one topic.
HAMSTRING_GUIDE = """\
title: Hamstring care for runners
intro: What to know about tight hamstrings.
disclaimer: General information, not medical advice.
reviewed: 2026-11-23
next_review: 2027-11-23
topics:
  - slug: stretching
    title: Gentle stretching
    summary: Stretch after easy runs.
    evidence: {kind: practice, note: The clinic's experience.}
    explanation: Hold each stretch for thirty seconds.
    tips: [Breathe out as you stretch., Never bounce.]
"""

#: An extra guide whose two topics share a prefix.
STRETCHING_GUIDE = """\
title: Stretching for runners
intro: Two ways to stretch.
disclaimer: General information, not medical advice.
reviewed: 2026-10-05
next_review: 2027-10-05
topics:
  - slug: stretch-a
    title: Stretch A
    aliases: [ham]
    summary: The first stretch.
    evidence: {kind: practice, note: The clinic's experience.}
    explanation: Stretch gently.
  - slug: stretch-b
    title: Stretch B
    aliases: [hamstrings]
    summary: The second stretch.
    evidence: {kind: practice, note: The clinic's experience.}
    explanation: Stretch slowly.
"""


@pytest.fixture
def stretching_dir(tmp_path: Path) -> Path:
    """A data folder holding only the extra `stretching` guide (the built-in data stays underneath)."""
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "stretching.yaml").write_text(STRETCHING_GUIDE)
    return folder


#: Nine levels of aliases, each nine times the one before: a few lines that expand to 9**9 values.
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)

#: An appointment request with every field filled in and valid.
REQUEST_NAME = "Jo Runner"
REQUEST_MESSAGE = "My back hurts after long runs."
#: The fields a person types in, without the two choices (--contact-method and --topic).
REQUEST_FIELDS = ["--name", "Jo Runner", "--phone", "661 555 0123", "--email", "jo@example.com", "--message", "Hello"]
REQUEST = ["--name", REQUEST_NAME, "--phone", "(661) 555-0123", "--email", "jo@example.com",
           "--contact-method", "email", "--topic", "research", "--message", REQUEST_MESSAGE]  # fmt: skip


def drafts_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.eml"))


def drafts(tmp_path: Path) -> list[Path]:
    """The request drafts saved in the test's own data folder (XDG_DATA_HOME)."""
    return drafts_in(tmp_path / "xdg-data" / "runacu" / "requests")


def a_file(tmp_path: Path) -> Path:
    """A file where a folder is expected."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    return blocker


def one_line(text: str) -> str:
    """Text with its line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def error_line(text: str) -> str:
    """The one message line on stderr, with no traceback and no internal error."""
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text and "internal error" not in text
    return lines[0]


def edit(path: Path, change: Callable[[str], str]) -> str:
    """Change a data file; the change must change something."""
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, "the edit changed nothing: has the shipped data moved?"
    path.write_text(after, encoding="utf-8")
    return after


def replace(old: str, new: str) -> Callable[[str], str]:
    """A change for `edit`: the first `old` becomes `new`."""

    def change(text: str) -> str:
        assert old in text, f"{old!r} is not in the file"
        return text.replace(old, new, 1)

    return change


def red_flags() -> list[RedFlags]:
    """The warning-sign levels of the shipped back-pain guide, most urgent first."""
    guide = Library().load_guide("back-pain")
    return list(next(topic.red_flags for topic in guide.topics if topic.red_flags))


def signs_before(level: str) -> int:
    """How many signs the check asks about before the first of `level`."""
    flags = red_flags()
    names = [f.level for f in flags]
    return sum(len(f.signs) for f in flags[: names.index(level)])


def red_flag_levels() -> list[dict[str, object]]:
    """The warning-sign levels as the back-pain data file writes them."""
    data = yaml.safe_load((REPO / "data" / "back-pain.yaml").read_text(encoding="utf-8"))
    flags: list[dict[str, object]] = next(topic["red_flags"] for topic in data["topics"] if topic.get("red_flags"))
    return flags


def line_number(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based number of the line holding the `occurrence`-th `needle`."""
    lines = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(lines) >= occurrence, f"{needle!r} is not in the file {occurrence} times"
    return lines[occurrence - 1]


#: Every command, by name.
COMMAND_NAMES = [
    "benefits",
    "back-pain",
    "check",
    "guide",
    "contact",
    "request",
    "search",
    "guides",
    "validate",
    "schema",
]
#: A command line for each kind of page (the quick card last).
PAGE_COMMANDS = [["benefits"], ["back-pain"], ["contact"], ["guides"], ["search", "blood"], []]
