"""Standard output or error closed by the shell (`>&-`, `2>&-`) or on a full disk: the documented exit code, one
line where there is somewhere to say it, never a traceback; and a request saved is saved once.

The runs of each redirection are made by one driver the shell starts with it (`run_each` in test_pipes.py): each
run is a process of its own, forked from the driver, with the streams the shell left it."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from runacu.exit_status import ExitStatus
from tests.conftest import ISOLATED_VARIABLES, REQUEST, STRETCHING_GUIDE, error_line
from tests.e2e.test_pipes import REQUEST_IMPORTS, Ran, Run, broken_benefits, on_a_full_disk, run_each, runs_of

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


def run_redirected(redirections: str, *args: str, code: str) -> subprocess.CompletedProcess[bytes]:
    """`python -c CODE ARGS` run by a shell with `redirections` (`2>&-` closes stderr); what is left open is piped
    here. A process of its own, for what a run imports."""
    environment = {key: value for key, value in os.environ.items() if key not in ISOLATED_VARIABLES}
    environment["XDG_DATA_HOME"] = os.environ["XDG_DATA_HOME"]  # the test's own
    environment["XDG_CACHE_HOME"] = os.environ["XDG_CACHE_HOME"]
    return subprocess.run(
        ["sh", "-c", f'exec "$@" {redirections}', "sh", sys.executable, "-c", code, *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=environment,
        timeout=60,
        check=False,
    )


#: The runs of each redirection, and the name of their driver's folder (`run_each`).
REDIRECTED: dict[str, tuple[str, dict[str, Run]]] = {
    ">&-": (
        "stdout-closed",
        {
            **runs_of(["benefits"], ["contact", "--vcard"], ["search", "sleep"], ["--json", "guides"]),
            **runs_of(["--version"], ["--help"], ["benefits", "--help"], ["benefits", "nope"]),
            "--output": Run(("benefits", "--format", "markdown", "--output", "{home}/benefits.md")),
            "request": Run(("request", *REQUEST)),
            "request --json": Run(("request", *REQUEST, "--json")),
        },
    ),
    "2>&-": (
        "stderr-closed",
        {
            **runs_of(["benefits", "nope"], ["guide", "nope"], ["--no-such-option"], ["contact", "--at", "not-a-time"]),
            **runs_of(["benefits"]),
            "--data-dir broken": Run(("--data-dir", "{home}/data", "benefits"), prepare=broken_benefits),
        },
    ),
    ">&- 2>&-": ("both-closed", {**runs_of(["benefits", "nope"], ["benefits"]), "request": Run(("request", *REQUEST))}),
    ">/dev/full 2>&-": ("full-disk-stderr-closed", runs_of(["benefits"])),
}


@pytest.fixture(scope="module")
def redirected(tmp_path_factory: pytest.TempPathFactory, warm_cache_template: Path) -> Callable[[str], dict[str, Ran]]:
    """What each run of REDIRECTED[redirections] did, by its name: each redirection's runs made once, read by every
    test that needs them. With stdout on a full disk, test_pipes.py's runs (`FULL_DISK`), made once for both files."""

    def runs(redirections: str) -> dict[str, Ran]:
        if redirections == ">/dev/full":
            return on_a_full_disk(tmp_path_factory, warm_cache_template)
        name, runs = REDIRECTED[redirections]
        return run_each(
            tmp_path_factory, name, runs, redirections=redirections, cache=warm_cache_template,
            imports=REQUEST_IMPORTS if redirections == ">&-" else (),  # its two requests
        )  # fmt: skip

    return runs


# A closed stdout: like a full disk, stdout that cannot be written (exit 1)


@pytest.mark.parametrize("args", [["benefits"], ["contact", "--vcard"], ["search", "sleep"], ["--json", "guides"]])
def test_a_closed_stdout_is_stdout_that_cannot_be_written(
    args: list[str], redirected: Callable[[str], dict[str, Ran]]
) -> None:
    result = redirected(">&-")[shlex.join(args)]
    assert result.returncode == ExitStatus.ERROR
    assert error_line(result.stderr.decode()) == "runacu: Bad file descriptor"


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["benefits", "--help"]])
def test_what_is_printed_before_any_command_runs_fails_on_a_closed_stdout_too(
    args: list[str], redirected: Callable[[str], dict[str, Ran]]
) -> None:
    result = redirected(">&-")[shlex.join(args)]
    assert result.returncode == ExitStatus.ERROR
    line = error_line(result.stderr.decode())  # and no "Exception ignored" at exit
    assert line.startswith("runacu: ") and line.endswith(": Bad file descriptor")


def test_a_closed_stdout_does_not_hide_a_usage_error(redirected: Callable[[str], dict[str, Ran]]) -> None:
    result = redirected(">&-")["benefits nope"]
    assert result.returncode == ExitStatus.USAGE
    assert "unknown topic 'nope'" in error_line(result.stderr.decode())


def test_output_to_a_file_needs_no_stdout(redirected: Callable[[str], dict[str, Ran]]) -> None:
    result = redirected(">&-")["--output"]
    assert result.returncode == ExitStatus.SUCCESS
    written = result.read(result.home / "benefits.md").decode("utf-8")
    assert written.startswith("# Benefits of acupuncture for runners")
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
def test_a_closed_stderr_leaves_the_documented_exit_status(
    redirections: str, args: list[str], status: int, redirected: Callable[[str], dict[str, Ran]]
) -> None:
    result = redirected(redirections)[shlex.join(args)]
    assert result.returncode == status
    assert result.stderr == b""


def test_a_data_error_with_stderr_closed_is_still_exit_3(redirected: Callable[[str], dict[str, Ran]]) -> None:
    assert redirected("2>&-")["--data-dir broken"].returncode == ExitStatus.INVALID_DATA


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
    redirections: str, reason: str, json: bool, redirected: Callable[[str], dict[str, Ran]]
) -> None:
    result = redirected(redirections)["request --json" if json else "request"]
    stderr = result.stderr.decode()
    [draft] = result.drafts()
    assert result.returncode == ExitStatus.SUCCESS, "it was saved: a script that saw a failure would save it again"
    assert stderr.splitlines() == [f"runacu: {reason}", f"runacu: Saved your request to {draft}"]
    saved = result.read(draft)
    assert b"Jo Runner" in saved and saved.endswith(b"My back hurts after long runs.\n")


def test_a_request_with_no_stdout_and_no_stderr_is_saved_once(redirected: Callable[[str], dict[str, Ran]]) -> None:
    result = redirected(">&- 2>&-")["request"]
    assert result.returncode == ExitStatus.SUCCESS
    assert len(result.drafts()) == 1
