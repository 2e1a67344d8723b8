"""The root of the command line: the version, unknown and mistyped commands, and the error boundary."""

from __future__ import annotations

import pytest

from runacu.content.library import Library
from runacu.exit_status import ExitStatus
from tests.conftest import run


def test_version() -> None:
    from runacu import __version__

    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"runacu {__version__}"


def test_unknown_command_is_a_usage_error() -> None:
    result = run("benefit")
    assert result.exit_code == 2


def test_an_unexpected_error_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Library, slug: str) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Library, "load_guide", broken)
    result = run("benefits")
    assert result.exit_code == ExitStatus.ERROR == 1
    assert result.stderr.splitlines()[0] == "runacu: internal error: RuntimeError: disk on fire"
    assert "Traceback" not in result.stderr


def test_a_mistyped_command_suggests_the_right_one() -> None:
    result = run("benefts")
    assert result.exit_code == 2
    assert "Did you mean 'benefits'?" in result.stderr
