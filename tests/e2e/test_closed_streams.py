"""Standard output or error closed by the shell (`>&-`, `2>&-`) or on a full disk: the documented exit code, one
line where there is somewhere to say it, never a traceback; and a request saved is saved once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from runacu.exit_status import ExitStatus
from tests.conftest import ISOLATED_VARIABLES, REQUEST, STRETCHING_GUIDE, drafts, error_line

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell's redirections")]

#: `python -m runacu`, writing at exit to the file named first whether the run needed the CLI (a replayed run
#: never imports it).
PROBE = """
import atexit, runpy, sys
marker = sys.argv.pop(1)
atexit.register(lambda: open(marker, "w").write(str("runacu.cli" in sys.modules)))
sys.argv = ["runacu", *sys.argv[1:]]
runpy.run_module("runacu", run_name="__main__")
"""


def run_redirected(redirections: str, *args: str, code: str | None = None) -> subprocess.CompletedProcess[bytes]:
    """runacu ARGS run by a shell with `redirections` (`>&-` closes stdout); what is left open is piped here.

    With `code`, `python -c CODE ARGS` instead of `python -m runacu ARGS`.
    """
    environment = {key: value for key, value in os.environ.items() if key not in ISOLATED_VARIABLES}
    environment["XDG_DATA_HOME"] = os.environ["XDG_DATA_HOME"]  # the test's own, where drafts are looked for
    environment["XDG_CACHE_HOME"] = os.environ["XDG_CACHE_HOME"]
    python = [sys.executable, "-c", code] if code is not None else [sys.executable, "-m", "runacu"]
    return subprocess.run(
        ["sh", "-c", f'exec "$@" {redirections}', "sh", *python, *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=environment,
        timeout=60,
        check=False,
    )


# A closed stdout: like a full disk, stdout that cannot be written (exit 1)


@pytest.mark.parametrize("args", [["benefits"], ["contact", "--vcard"], ["search", "sleep"], ["--json", "guides"]])
def test_a_closed_stdout_is_stdout_that_cannot_be_written(args: list[str]) -> None:
    result = run_redirected(">&-", *args)
    assert result.returncode == ExitStatus.ERROR
    assert error_line(result.stderr.decode()) == "runacu: Bad file descriptor"


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["benefits", "--help"]])
def test_what_is_printed_before_any_command_runs_fails_on_a_closed_stdout_too(args: list[str]) -> None:
    result = run_redirected(">&-", *args)
    assert result.returncode == ExitStatus.ERROR
    line = error_line(result.stderr.decode())  # and no "Exception ignored" at exit
    assert line.startswith("runacu: ") and line.endswith(": Bad file descriptor")


def test_a_closed_stdout_does_not_hide_a_usage_error() -> None:
    result = run_redirected(">&-", "benefits", "nope")
    assert result.returncode == ExitStatus.USAGE
    assert "unknown topic 'nope'" in error_line(result.stderr.decode())


def test_output_to_a_file_needs_no_stdout(tmp_path: Path) -> None:
    target = tmp_path / "benefits.md"
    result = run_redirected(">&-", "benefits", "--format", "markdown", "--output", str(target))
    assert result.returncode == ExitStatus.SUCCESS
    assert target.read_text(encoding="utf-8").startswith("# Benefits of acupuncture for runners")
    assert "saved to" in error_line(result.stderr.decode())


# A closed stderr: nowhere to say anything, so the exit status must say it all


@pytest.mark.parametrize(
    ("redirections", "args", "status"),
    [
        ("2>&-", ["benefits", "nope"], ExitStatus.USAGE),
        ("2>&-", ["guide", "nope"], ExitStatus.USAGE),
        ("2>&-", ["--no-such-option"], ExitStatus.USAGE),
        ("2>&-", ["contact", "--at", "not-a-time"], ExitStatus.USAGE),
        (">&- 2>&-", ["benefits", "nope"], ExitStatus.USAGE),
        (">&- 2>&-", ["benefits"], ExitStatus.ERROR),
        (">/dev/full 2>&-", ["benefits"], ExitStatus.ERROR),
        ("2>&-", ["benefits"], ExitStatus.SUCCESS),
    ],
)
def test_a_closed_stderr_leaves_the_documented_exit_status(redirections: str, args: list[str], status: int) -> None:
    result = run_redirected(redirections, *args)
    assert result.returncode == status
    assert result.stderr == b""


def test_a_data_error_with_stderr_closed_is_still_exit_3(tmp_path: Path) -> None:
    (tmp_path / "benefits.yaml").write_text("title: [\n")
    assert run_redirected("2>&-", "--data-dir", str(tmp_path), "benefits").returncode == ExitStatus.INVALID_DATA


def test_a_stored_page_that_says_something_on_stderr_replays_with_stderr_closed(tmp_path: Path) -> None:
    """A page stored with its notice on stderr (a guide shown in English), replayed where stderr is closed."""
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "stretching.yaml").write_text(STRETCHING_GUIDE)
    marker = tmp_path / "imported-the-cli"
    args = [str(marker), "--lang", "es", "--data-dir", str(tmp_path / "extra"), "guide", "stretching"]
    fresh = run_redirected("", *args, code=PROBE)
    assert fresh.returncode == ExitStatus.SUCCESS
    assert b"stretching" in fresh.stderr and marker.read_text() == "True"
    replayed = run_redirected("2>&-", *args, code=PROBE)
    assert marker.read_text() == "False", "replayed from the stored page"
    assert replayed.returncode == ExitStatus.SUCCESS
    assert replayed.stdout == fresh.stdout


# A request whose receipt cannot be printed: saved once, said so, exit 0


@pytest.mark.parametrize(
    ("redirections", "reason"),
    [(">&-", "Bad file descriptor"), (">/dev/full", "No space left on device")],
)
@pytest.mark.parametrize("json", [False, True])
def test_a_request_whose_receipt_cannot_be_printed_is_saved_once(
    redirections: str, reason: str, json: bool, tmp_path: Path
) -> None:
    result = run_redirected(redirections, "request", *REQUEST, *(["--json"] if json else []))
    stderr = result.stderr.decode()
    [draft] = drafts(tmp_path)
    assert result.returncode == ExitStatus.SUCCESS, "it was saved: a script that saw a failure would save it again"
    assert stderr.splitlines() == [f"runacu: {reason}", f"runacu: Saved your request to {draft}"]
    assert b"Jo Runner" in draft.read_bytes() and draft.read_bytes().endswith(b"My back hurts after long runs.\n")


def test_a_request_with_no_stdout_and_no_stderr_is_saved_once(tmp_path: Path) -> None:
    result = run_redirected(">&- 2>&-", "request", *REQUEST)
    assert result.returncode == ExitStatus.SUCCESS
    assert len(drafts(tmp_path)) == 1
