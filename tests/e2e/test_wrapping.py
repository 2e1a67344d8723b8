"""Every screen on a real terminal 40 and 80 columns wide (a pseudo-terminal, pexpect): no line runacu writes is
wider than the terminal, and no word is split across lines.

Each screen's words are compared with the same screen written in this process at 200 columns: a word cut in two
("strugg" / "ling", "[y/" / "n/?]") would be a word the wide screen does not have.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from runacu.cli import app
from runacu.views.rich_view import NARROW
from runacu.views.terminal import Terminal
from tests.conftest import COMMAND_NAMES, fake_terminal, strip_ansi
from tests.e2e.conftest import ForkServer, terminal_environment, warm_cache

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals need a POSIX system")

WIDTHS = [40, 80]
TIMEOUT = 60
#: Each screen that only prints: its name, and the words after `runacu`.
SCREENS = {
    **{f"{command or 'runacu'} --help": [*filter(None, [command]), "--help"] for command in ["", *COMMAND_NAMES]},
    "usage error": ["benefts"],
    "guide alone": ["guide"],
    "contact": ["contact", "--no-pager"],
    "benefits": ["benefits", "--no-pager"],
    "quick card": [],
}
_BOX = re.compile("[\u2500-\u257f]")
_OSC = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def screen_lines(raw: str) -> list[str]:
    """The lines as the reader sees them: no escape codes (colours, links)."""
    return strip_ansi(_OSC.sub("", raw)).replace("\r\n", "\n").split("\n")


def words(text: str) -> set[str]:
    return set(_BOX.sub(" ", strip_ansi(_OSC.sub("", text))).split())


def assert_fits(lines: list[str], width: int) -> None:
    wide = [line for line in lines if cell_len(line) > width]
    assert not wide, f"wider than {width} columns: {wide}"


def assert_words_whole(
    shown: str, wide: str, width: int, typed: frozenset[str] = frozenset(), laid_out: str | None = None
) -> None:
    """Every word of the screen is a word of the wide screen (or one typed): none is a piece of a word, but of one
    longer than the line (a long web address), the only thing that may break; and every word of the screen as laid
    out for this width (`laid_out`, else the wide screen) is there."""
    said, vocabulary, expected = words(shown), words(wide), words(laid_out if laid_out is not None else wide)
    too_long = [word for word in vocabulary if cell_len(word) > width - 4]
    pieces = {word for word in said - vocabulary - typed - {"\\"} if not any(word in long for long in too_long)}
    assert not pieces, f"pieces of words: {sorted(pieces)}"
    assert {word for word in expected if word not in too_long} <= said, f"words missing: {sorted(expected - said)}"


#: One process shows every screen in turn, each as `runacu ARGS` would (main() with those arguments): one start-up
#: instead of one per screen.
_SHOW_EACH = """
import json, sys
from runacu.cli.app import main
for name, args in json.loads(sys.argv[1]).items():
    sys.stdout.write("@@ " + name + "\\n")
    sys.stdout.flush()
    sys.argv = ["runacu", *args]
    try:
        main()
    except SystemExit:
        pass
    sys.stdout.flush()
    sys.stderr.flush()
"""


@pytest.fixture(scope="module")
def printed(
    tmp_path_factory: pytest.TempPathFactory, warm_cache_template: Path, fork_server: ForkServer
) -> dict[int, dict[str, str]]:
    """Each screen of SCREENS as a terminal of each width shows it."""
    found: dict[int, dict[str, str]] = {}
    for width in WIDTHS:
        folder = tmp_path_factory.mktemp(f"screens-{width}")
        warm_cache(folder / "xdg-cache", warm_cache_template)
        child = fork_server.on_terminal(
            [json.dumps(SCREENS)], env=terminal_environment(folder), rows=500, cols=width, script=_SHOW_EACH,
            timeout=TIMEOUT,
        )  # fmt: skip
        try:
            shown, _ = child.finish()
        finally:
            child.stop()
        parts = re.split(r"@@ (.+)\r\n", shown)[1:]
        found[width] = dict(zip(parts[::2], parts[1::2], strict=True))
    return found


def written_wide(
    args: list[str], terminal: Terminal | None = None, input: str | None = None, width: int = 200
) -> tuple[int, str]:
    """The exit status and the text of `runacu ARGS` on a terminal `width` columns wide (no colour), in this
    process."""
    terminal = terminal or fake_terminal(width=width)
    result = CliRunner().invoke(app, args, obj=terminal, input=input, prog_name="runacu")
    assert isinstance(terminal.out, io.StringIO) and isinstance(terminal.err, io.StringIO)
    return result.exit_code, terminal.out.getvalue() + terminal.err.getvalue() + result.stdout + result.stderr


@functools.cache
def screen_written(name: str, width: int = 200) -> str:
    """The text of the screen `name` (SCREENS) on a terminal `width` columns wide, written in this process: made
    once, read by the test of each width."""
    return written_wide(SCREENS[name], width=width)[1]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(SCREENS))
def test_a_printed_screen_fits_the_terminal_and_splits_no_word(
    printed: dict[int, dict[str, str]], name: str, width: int
) -> None:
    shown = printed[width][name]
    assert shown.strip(), name
    assert_fits(screen_lines(shown), width)
    # Below NARROW columns Rich lays a page out another way (no table headers): its words, at the widest it is so.
    laid_out = screen_written(name, NARROW - 1) if width < NARROW else None
    assert_words_whole(shown, screen_written(name), width, laid_out=laid_out)


def _converse(
    forks: ForkServer, folder: Path, width: int, args: list[str], answers: list[tuple[str, str]], end: str
) -> str:
    """Run runacu on a terminal `width` wide, answering each prompt (a regular expression) in turn; then, with `end`
    "eof", press Ctrl-D."""
    child = forks.on_terminal(args, env=terminal_environment(folder), rows=500, cols=width, timeout=TIMEOUT)
    for prompt, answer in answers:
        child.process.expect(prompt)
        child.process.sendline(answer)
    if end == "eof":
        child.ctrl_d()
    shown, _ = child.finish()
    return shown


#: A question of `check` (its words perhaps on several lines).
_QUESTION = r"\[y/n/\?\] $"
#: Two answers no, an answer that is none (asked again), no again, then yes: the emergency outcome.
CHECK_ANSWERS = ["n", "n", "x", "n", "y"]


@pytest.mark.parametrize("width", WIDTHS)
def test_check_fits_the_terminal_and_splits_no_word(forks: ForkServer, tmp_path: Path, width: int) -> None:
    shown = _converse(forks, tmp_path, width, ["check"], [(_QUESTION, answer) for answer in CHECK_ANSWERS], "")
    lines = screen_lines(shown)
    assert_fits(lines, width)
    terminal = fake_terminal(width=200)
    terminal.is_interactive = True
    terminal.err_width = 200
    status, wide = written_wide(["check"], terminal, "".join(f"{answer}\n" for answer in CHECK_ANSWERS))
    assert status == 0
    assert_words_whole(shown, wide, width, typed=frozenset(CHECK_ANSWERS))
    assert "Please answer y, n or ? (not sure)." in " ".join(" ".join(lines).split())
    assert any(line.rstrip().endswith("[y/n/?] x") for line in lines)  # the answer on the question's line


#: The name, a phone number that is none (the form says why and asks again), a phone number, then Ctrl-D.
REQUEST_ANSWERS = [("[Nn]ame", "Jo Runner"), ("[Pp]hone", "not a phone"), ("[Pp]hone", "661 555 0123")]


@pytest.mark.parametrize("width", WIDTHS)
def test_request_fits_the_terminal_and_splits_no_word(forks: ForkServer, tmp_path: Path, width: int) -> None:
    shown = _converse(forks, tmp_path, width, ["request"], REQUEST_ANSWERS, "eof")
    assert_fits(screen_lines(shown), width)
    terminal = fake_terminal(width=200)
    terminal.is_interactive = True
    terminal.err_width = 200
    typed = "".join(f"{answer}\n" for _, answer in REQUEST_ANSWERS)
    status, wide = written_wide(["request"], terminal, typed)
    assert status == 130  # cancelled at the next question
    said = frozenset({word for _, answer in REQUEST_ANSWERS for word in answer.split()} | {"^D"})
    assert_words_whole(shown, wide, width, typed=said)


def test_with_stdout_in_a_pipe_a_message_fits_the_error_streams_terminal(forks: ForkServer, tmp_path: Path) -> None:
    """stdout to a file, stderr on the screen: a message is wrapped to the screen, the file gets the JSON."""
    out = tmp_path / "answers.json"
    answers = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)  # as the shell's `> answers.json`
    try:
        child = forks.on_terminal(
            ["search", "zebra", "--json"], env=terminal_environment(tmp_path), rows=50, cols=40, stdout=answers,
            timeout=TIMEOUT,
        )  # fmt: skip
    finally:
        os.close(answers)
    shown, status = child.finish()
    assert status == 1
    lines = [line for line in screen_lines(shown) if line]
    assert len(lines) > 1
    assert lines[0].startswith("runacu: No topic answers")
    assert_fits(lines, 40)
    assert json.loads(out.read_text(encoding="utf-8")) == []


def test_a_message_to_a_file_stays_one_line(forks: ForkServer, tmp_path: Path) -> None:
    result = forks.piped(["search", "zebra", "--json"], env=terminal_environment(tmp_path, COLUMNS="40"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and len(lines[0]) > 40
