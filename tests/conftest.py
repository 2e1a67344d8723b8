"""Shared fixtures: an isolated environment, a CLI runner and helpers to run runacu as a user does."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from runacu.cli import app
from runacu.content.library import builtin_data_dir
from runacu.views.terminal import Terminal

REPO = Path(__file__).resolve().parents[1]
#: The start of any escape sequence (CSI or OSC): none may reach a pipe.
ANSI = re.compile(r"\x1b[\[\]]")
_ANSI_SEQUENCE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\]8;[^\x1b]*\x1b\\")
#: A colour (foreground 30-39/90-97, background 40-49), as opposed to bold or italic.
ANSI_COLOUR = re.compile(r"\x1b\[(?:[0-9]+;)*(?:3[0-9]|4[0-9]|9[0-7])(?:;[0-9]+)*m")


def strip_ansi(text: str) -> str:
    return _ANSI_SEQUENCE.sub("", text)


ISOLATED_VARIABLES = (
    "RUNACU_DATA_DIR", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM", "PAGER", "PYTHONIOENCODING",
    "XDG_DATA_HOME", "XDG_CACHE_HOME", "RUNACU_CACHE_DIR", "RUNACU_DEBUG", "TTY_COMPATIBLE", "TTY_INTERACTIVE",
    "RUNACU_LANG", "RUNACU_PAGER", "RUNACU_NO_CACHE", "LC_ALL", "LC_MESSAGES", "LANG", "LESS",
)  # fmt: skip


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's terminal settings, data directory or user files."""
    for name in ISOLATED_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LANG", "C.UTF-8")


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run(*args: str, terminal: Terminal | None = None, input: str | None = None) -> Result:
    """Run the CLI in-process; with `terminal`, output goes there (to test terminal rendering)."""
    result = CliRunner().invoke(app, list(args), obj=terminal, input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    stdout = terminal.out.getvalue() if terminal is not None and isinstance(terminal.out, io.StringIO) else ""
    stderr = terminal.err.getvalue() if terminal is not None and isinstance(terminal.err, io.StringIO) else ""
    return Result(result.exit_code, stdout + result.stdout, stderr + result.stderr)


def fake_terminal(width: int = 80, height: int = 10_000) -> Terminal:
    """A terminal that captures output; tall, so nothing is paged unless a test asks for it."""
    return Terminal(out=io.StringIO(), err=io.StringIO(), is_terminal=True, width=width, height=height)


def run_process(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m runacu` as a separate process, its output piped (not a terminal)."""
    environment = {key: value for key, value in os.environ.items() if key not in ISOLATED_VARIABLES}
    environment.update(env or {})
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "runacu", *args], capture_output=True, env=environment, cwd=cwd, timeout=60, **kwargs
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A copy of the built-in data the test may change."""
    target = tmp_path / "data"
    shutil.copytree(str(builtin_data_dir()), target)
    yield target
