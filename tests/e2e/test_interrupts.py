"""Ctrl-C where the reader does not expect runacu to act on it: while reading in the pager (the pager's to handle,
as with git), and while runacu starts (exit 130, no traceback)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from runacu.exit_status import ExitStatus
from tests.conftest import ISOLATED_VARIABLES
from tests.e2e.test_terminal import Child

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals and signals")]

#: A pager that handles Ctrl-C itself, as less does (it stops a search), and quits when a line is typed.
PAGER = """
import signal, sys
signal.signal(signal.SIGINT, lambda *_: print("pager got Ctrl-C", flush=True))
sys.stdin.read()
print("pager ready", flush=True)
with open("/dev/tty") as keyboard:
    keyboard.readline()
print("pager done", flush=True)
"""

#: `python -m runacu`, writing at exit whether the run needed the CLI (a replayed run never imports it).
PROBE = """
import atexit, runpy, sys
marker = sys.argv.pop(1)
atexit.register(lambda: open(marker, "w").write(str("runacu.cli" in sys.modules)))
sys.argv = ["runacu", *sys.argv[1:]]
runpy.run_module("runacu", run_name="__main__")
"""


def at_a_keyboard() -> None:
    """Ctrl-C interrupts, as in a shell: pytest started as a background job inherits SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def page_benefits(tmp_path: Path, *, ctrl_c: bool, **env: str) -> tuple[str, int | None, str]:
    """`runacu benefits --pager` on a terminal with PAGER, Ctrl-C pressed while it shows (or not), then quit.

    What was on the screen, the exit status, and whether the run imported the CLI ("False": replayed).
    """
    (tmp_path / "pager.py").write_text(PAGER)
    environment = {key: value for key, value in os.environ.items() if key not in ISOLATED_VARIABLES}
    environment.update(
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
        HOME=str(tmp_path / "home"),
        LANG="C.UTF-8",
        TERM="xterm-256color",
        RUNACU_PAGER=f"{sys.executable} {tmp_path / 'pager.py'}",
        **env,
    )
    marker = tmp_path / "imported-the-cli"
    screen = io.StringIO()
    child = pexpect.spawn(
        sys.executable,
        ["-c", PROBE, str(marker), "benefits", "--pager"],
        env=environment,
        cwd=str(tmp_path),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=30,  # a deadline, not a pause: a regression fails instead of hanging
        preexec_fn=at_a_keyboard,
    )
    child.logfile_read = screen
    child.delaybeforesend = None  # no pause before typing: each key waits for the text it answers
    try:
        child.expect_exact("pager ready")
        if ctrl_c:
            child.sendintr()  # to the terminal's foreground process group: runacu and its pager alike
            child.expect_exact("pager got Ctrl-C")
        child.sendline("q")
        child.expect_exact("pager done")
        _, status = Child(child, screen).finish()  # its exit waited for: no pause at the close
    finally:
        child.close(force=True)
    return screen.getvalue(), status, marker.read_text() if marker.exists() else ""


def test_ctrl_c_in_the_pager_is_the_pagers(tmp_path: Path) -> None:
    screen, status, imported = page_benefits(tmp_path, ctrl_c=True, RUNACU_NO_CACHE="1")
    assert imported == "True"
    assert status == ExitStatus.SUCCESS, screen
    assert "Traceback" not in screen and "interrupted" not in screen


def test_ctrl_c_in_the_pager_of_a_replayed_page_is_the_pagers(tmp_path: Path) -> None:
    first, status, imported = page_benefits(tmp_path, ctrl_c=False)
    assert (status, imported) == (ExitStatus.SUCCESS, "True"), first
    screen, status, imported = page_benefits(tmp_path, ctrl_c=True)
    assert imported == "False", "replayed from the stored page"
    assert status == ExitStatus.SUCCESS, screen
    assert "Traceback" not in screen and "interrupted" not in screen


# Ctrl-C while runacu starts: made to happen at one import, every time, by an import hook

INTERRUPTING_IMPORT = """
import sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
"""


@pytest.mark.parametrize(
    ("module", "env"),
    [
        ("runacu.cli", {"RUNACU_NO_CACHE": "1"}),  # the CLI
        ("typer", {"RUNACU_NO_CACHE": "1"}),  # what the CLI is built with
        ("runacu.cache.pages", {}),  # the page store, before a page is replayed
        ("runacu.command_table", {}),
    ],
)
def test_ctrl_c_while_starting_exits_130_without_a_traceback(module: str, env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(INTERRUPTING_IMPORT.format(module=module))
    environment = {key: value for key, value in os.environ.items() if key not in ISOLATED_VARIABLES}
    environment.update(env, PYTHONPATH=os.pathsep.join([str(tmp_path / "hook"), os.environ.get("PYTHONPATH", "")]))
    result = subprocess.run(
        [sys.executable, "-m", "runacu", "benefits"], capture_output=True, env=environment, timeout=60, check=False
    )
    assert result.returncode == ExitStatus.INTERRUPTED, result.stderr
    assert b"Traceback" not in result.stderr and result.stdout == b""
