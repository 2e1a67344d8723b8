"""runacu as a separate process, as scripts and pipelines run it: piped output, encodings, locales and time zones,
closed pipes, full disks, signals and exit codes."""

from __future__ import annotations

import functools
import json
import os
import signal
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from runacu.exit_status import ExitStatus
from tests.conftest import (
    ANSI,
    ISOLATED_VARIABLES,
    PAGE_COMMANDS,
    REQUEST,
    REQUEST_NAME,
    drafts_in,
    error_line,
    one_line,
    strip_ansi,
)
from tests.e2e.conftest import run_process


@functools.cache
def piped(*command: str) -> subprocess.CompletedProcess[bytes]:
    """`command` with its output to a UTF-8 pipe: run once per worker, read by every test of that run."""
    return run_process(*command, env={"PYTHONIOENCODING": "utf-8"})


@pytest.mark.parametrize("command", [["benefits"], ["back-pain"], ["contact"], []])
def test_piped_output_has_no_escape_codes(command: list[str]) -> None:
    result = piped(*command)
    assert result.returncode == 0
    out = result.stdout.decode()
    assert out.strip()
    assert not ANSI.search(out)
    assert b"Traceback" not in result.stderr


def test_force_color_with_rich_format_colours_a_pipe() -> None:
    result = run_process("benefits", "recovery", "--format", "rich", env={"FORCE_COLOR": "1"})
    assert ANSI.search(result.stdout.decode())


def test_json_is_utf8_whatever_the_locale() -> None:
    result = run_process("contact", "--json", env={"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"})
    assert result.returncode == 0
    assert json.loads(result.stdout.decode("utf-8"))["name"] == "Valencia Sports Medicine"


def test_exit_codes_reach_the_shell(tmp_path: Path) -> None:
    assert run_process("benefits", "nope").returncode == 2
    assert run_process("--data-dir", str(tmp_path / "missing"), "benefits").returncode == 2
    (tmp_path / "benefits.yaml").write_text("title: [\n")
    broken = run_process("--data-dir", str(tmp_path), "benefits")
    assert broken.returncode == 3
    assert b"Traceback" not in broken.stderr
    assert f"{tmp_path / 'benefits.yaml'}:".encode() in broken.stderr


def test_data_dir_from_environment(tmp_path: Path) -> None:
    (tmp_path / "benefits.yaml").write_text("title: [\n")
    assert run_process("benefits", env={"RUNACU_DATA_DIR": str(tmp_path)}).returncode == 3
    assert run_process("back-pain", env={"RUNACU_DATA_DIR": str(tmp_path)}).returncode == 0


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
        assert process.wait(timeout=60) == 0, "runacu waited for more input after the deciding answer"
    finally:
        process.kill()
        process.stdin.close()
        process.stdout.close()
        process.wait()
    assert json.loads(out)["outcome"] == "emergency"


def big_guide(directory: Path, topics: int = 300) -> Path:
    lines = ["title: Big", "intro: Many topics.", "disclaimer: Not medical advice.", "reviewed: 2026-11-23",
             "next_review: 2027-11-23", "topics:"]  # fmt: skip
    for index in range(topics):
        lines += [f"  - slug: topic-{index}", f"    title: Topic {index}", "    summary: A summary.",
                  "    evidence: {kind: practice, note: Experience.}",
                  "    explanation: " + "Words and more words about running. " * 10]  # fmt: skip
    (directory / "benefits.yaml").write_text("\n".join(lines) + "\n")
    return directory


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_a_closed_pipe_is_a_quiet_success(tmp_path: Path) -> None:
    # Far more output than a pipe holds, so runacu is still writing when the reader goes away.
    data_dir = big_guide(tmp_path)
    environment = {k: v for k, v in __import__("os").environ.items() if k not in ISOLATED_VARIABLES}
    process = subprocess.Popen([sys.executable, "-m", "runacu", "--data-dir", str(data_dir), "benefits"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"Big")
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert stderr == b""


def test_head_in_a_shell_pipeline(tmp_path: Path) -> None:
    data_dir = big_guide(tmp_path)
    command = f"'{sys.executable}' -m runacu --data-dir '{data_dir}' benefits | head -n 1; exit ${{PIPESTATUS[0]}}"
    result = subprocess.run(["bash", "-c", command], capture_output=True, timeout=60)
    assert result.stdout == b"Big\n"
    assert result.stderr == b""
    assert result.returncode == 0


@functools.cache
def encoded(encoding: str, *command: str) -> subprocess.CompletedProcess[bytes]:
    """`command` with its output to a pipe in `encoding`, in the C locale: run once per worker, read by every test
    of that run."""
    return run_process(*command, env={"PYTHONIOENCODING": encoding, "LANG": "C", "LC_ALL": "C"})


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("command", PAGE_COMMANDS)
def test_non_utf8_stdout_gets_readable_ascii(encoding: str, command: list[str]) -> None:
    result = encoded(encoding, *command)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode(encoding)
    utf8 = piped(*command).stdout.decode("utf-8")
    assert text.count("?") == utf8.count("?"), "no character became a question mark"
    assert b"Traceback" not in result.stderr


def test_typographic_characters_become_close_ascii() -> None:
    assert "8:00 AM - 6:00 PM" in encoded("ascii", "contact").stdout.decode("ascii")


def test_rich_on_an_ascii_terminal_draws_ascii_boxes() -> None:
    result = run_process("back-pain", "prevention", "-f", "rich", env={"PYTHONIOENCODING": "ascii", "FORCE_COLOR": "1"})
    text = strip_ansi(result.stdout.decode("ascii"))
    assert "+-" in text and "*" in text


def test_help_names_the_program_runacu() -> None:
    result = run_process("search", "--help")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("Usage: runacu search ")


def run_to(stdout: typing.IO[str], *args: str) -> subprocess.CompletedProcess[bytes]:
    """`python -m runacu` with its stdout on `stdout` (a file), its stderr piped."""
    environment = {key: value for key, value in os.environ.items() if key not in ISOLATED_VARIABLES}
    environment["XDG_DATA_HOME"] = os.environ["XDG_DATA_HOME"]  # the test's own, where drafts are looked for
    return subprocess.run(
        [sys.executable, "-m", "runacu", *args], stdout=stdout, stderr=subprocess.PIPE, env=environment, timeout=60
    )


@pytest.mark.parametrize("args", [["benefits"], ["contact", "--vcard"], ["contact", "--json"]])
def test_stdout_on_a_full_disk(args: list[str]) -> None:
    with Path("/dev/full").open("w") as full:
        result = run_to(full, *args)
    assert result.returncode == 1
    assert "No space left on device" in error_line(result.stderr.decode())


def test_a_request_with_stdout_on_a_full_disk_is_saved_once_and_says_where(tmp_path: Path) -> None:
    with Path("/dev/full").open("w") as full:
        result = run_to(full, "request", *REQUEST)
    stderr = result.stderr.decode()
    assert result.returncode == 0, "saved: a retry would save a second draft"
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert "No space left on device" in stderr
    [draft] = drafts_in(tmp_path / "xdg-data" / "runacu" / "requests")  # one draft, no more
    assert str(draft) in stderr


def test_a_name_that_is_not_text_in_the_locale() -> None:
    environment = {key: value for key, value in os.environ.items() if key not in ISOLATED_VARIABLES}
    environment.update(LANG="C.UTF-8", LC_ALL="C.UTF-8")
    argv = [os.fsencode(sys.executable), b"-m", b"runacu", b"request", *(arg.encode() for arg in REQUEST)]
    argv[argv.index(REQUEST_NAME.encode())] = b"\xff"
    result = subprocess.run(argv, capture_output=True, env=environment, timeout=60)
    assert result.returncode == 2
    assert "--name" in error_line(result.stderr.decode())


# A signal while a draft is written


CHILD = """
import os, sys, time
from pathlib import Path
from typing import Annotated
from runacu.new_file import write_new_file
def slow_fsync(descriptor):
    print("writing", flush=True)
    time.sleep(30)
os.fsync = slow_fsync
write_new_file(b"draft", Path(sys.argv[1]))
print("done", flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_while_writing_leaves_no_file(signal_number: int, tmp_path: Path) -> None:
    target = tmp_path / "folder" / "request.eml"
    target.parent.mkdir()
    # The signal as a shell leaves it (pytest run under nohup would pass SIGHUP on ignored).
    default = functools.partial(signal.signal, signal_number, signal.SIG_DFL)
    process = subprocess.Popen([sys.executable, "-c", CHILD, str(target)], stdout=subprocess.PIPE, preexec_fn=default)
    assert process.stdout is not None
    assert process.stdout.readline() == b"writing\n"
    [temporary] = target.parent.iterdir()
    assert temporary.name.startswith(".runacu-") and temporary.suffix == ".tmp", "caught mid-write"
    process.send_signal(signal_number)
    assert process.wait(timeout=30) == -signal_number
    process.stdout.close()
    assert list(target.parent.iterdir()) == []


def test_the_readers_own_time_zone_does_not_matter() -> None:
    for zone in ("Asia/Tokyo", "UTC", "America/New_York"):
        result = run_process("contact", "--json", "--at", "2026-11-23T17:30:00+00:00", env={"TZ": zone})
        assert json.loads(result.stdout)["status"]["open"] is True


def test_a_spanish_locale_gives_spanish_in_a_real_process() -> None:
    environment = {"LANG": "es_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "RUNACU_LANG": ""}
    done = run_process("contact", "--at", "2026-11-23T10:00", env=environment)
    assert done.returncode == ExitStatus.SUCCESS, done.stderr
    out = one_line(done.stdout.decode("utf-8"))  # CLDR puts a narrow no-break space in "a. m."
    assert "Abierto el lunes 23 de noviembre de 2026 a las 10:00 a. m., cierra a las 6:00 p. m." in out
    assert "Teléfono" in out and "Phone" not in out
