"""Ctrl-C where the reader does not expect runacu to act on it: while reading in the pager (the pager's to handle,
as with git), and while runacu starts (exit 130, no traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from runacu.exit_status import ExitStatus
from tests.conftest import ISOLATED_VARIABLES
from tests.e2e.conftest import ForkServer, spawn_on_terminal, terminal_environment

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


def page_benefits(
    tmp_path: Path, *, ctrl_c: bool, forks: ForkServer | None = None, **env: str
) -> tuple[str, int | None, str]:
    """`runacu benefits --pager` on a terminal with PAGER, Ctrl-C pressed while it shows (or not), then quit.

    What was on the screen, the exit status, and whether the run imported the CLI ("False": replayed). With
    `forks`, the run is forked from runacu already imported (what it imported then says nothing: ""); else it is a
    new process.
    """
    (tmp_path / "pager.py").write_text(PAGER)
    marker = tmp_path / "imported-the-cli"
    env = terminal_environment(tmp_path, RUNACU_PAGER=f"{sys.executable} {tmp_path / 'pager.py'}", **env)
    if forks is not None:
        child = forks.on_terminal(["benefits", "--pager"], env=env, cwd=tmp_path, timeout=30)
    else:
        child = spawn_on_terminal(
            sys.executable, ["-c", PROBE, str(marker), "benefits", "--pager"], env=env, cwd=tmp_path, timeout=30
        )  # a deadline, not a pause: a regression fails instead of hanging
    try:
        child.expect_exact("pager ready")  # each key waits for the text it answers
        if ctrl_c:
            child.ctrl_c()  # to the terminal's foreground process group: runacu and its pager alike
            child.expect_exact("pager got Ctrl-C")
        child.process.sendline("q")
        child.expect_exact("pager done")
        screen, status = child.finish()  # its exit waited for: no pause at the close
    finally:
        child.stop()
    return screen, status, marker.read_text() if marker.exists() else ""


def stored_pages(tmp_path: Path) -> list[Path]:
    return list((tmp_path / "xdg-cache" / "runacu" / "pages").glob("*.page"))


def test_ctrl_c_in_the_pager_is_the_pagers(forks: ForkServer, tmp_path: Path) -> None:
    screen, status, _ = page_benefits(tmp_path, ctrl_c=True, forks=forks, RUNACU_NO_CACHE="1")  # a fresh run
    assert status == ExitStatus.SUCCESS, screen
    assert "Traceback" not in screen and "interrupted" not in screen
    assert stored_pages(tmp_path) == []  # the premise: nothing stored, nothing replayed


def test_ctrl_c_in_the_pager_of_a_replayed_page_is_the_pagers(forks: ForkServer, tmp_path: Path) -> None:
    first, status, _ = page_benefits(tmp_path, ctrl_c=False, forks=forks)
    assert status == ExitStatus.SUCCESS, first
    assert len(stored_pages(tmp_path)) == 1, "the page is stored"
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
