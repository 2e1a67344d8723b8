"""runacu run as its own process (`run_process`, a pseudo-terminal, a shell): every test here is slow (the `slow`
marker, see pyproject.toml).

Each test's runacu starts as on a reader's machine after its first run: the shipped data already parsed,
validated and indexed in its cache, so a process spends its time on what the test is about, not on parsing
YAML. Stored pages are never carried over, so no run is replayed from another test's, and data a test copies
or writes lives at another path, so it is read afresh. A test that needs a cold cache names a cache folder
of its own, or empties the one it was given.

On a pseudo-terminal (pexpect), a test reads what runacu writes through a `Child`, and waits for the text it
expects and for the exit (`Child.finish`), each with a deadline, never for a fixed time. Most runs on a terminal,
and most runs whose output a test pipes, are started by the `fork_server`: runacu imported once per pytest-xdist
worker, in a Python started on a terminal of its own, and each run a child forked from it onto its own
pseudo-terminal (or pipes), in a session of its own, then run as `python -m runacu` (or `python -c SCRIPT`) runs. Each run is still its own process, with its own exit status, signals, environment and terminal: it
only skips the imports, most of what a run costs (`test_terminal.py` checks that it starts as a new Python does).
A run that is about what a process imports, or that Python must start another way (another locale or
PYTHONPATH), is a new process (`spawn_on_terminal`, `run_process`).
"""

from __future__ import annotations

import io
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from runacu.content import review
from runacu.content.library import builtin_data_dir
from runacu.content.search import words
from runacu.views import dates
from tests.conftest import ISOLATED_VARIABLES, run, strip_ansi

if TYPE_CHECKING:
    from pexpect.spawnbase import SpawnBase

HERE = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.slow)


def run_process(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m runacu` as a separate process, its output piped (not a terminal)."""
    environment = {key: value for key, value in os.environ.items() if key not in ISOLATED_VARIABLES}
    environment.update(env or {})
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "runacu", *args], capture_output=True, env=environment, cwd=cwd, timeout=60, **kwargs
    )


def own_copies(folder: Path, *names: str) -> Path:
    """A data folder holding copies of the built-in files `names` only (to edit, or none: to add to). runacu
    reads the rest of the built-in data underneath it, already parsed in the test's cache."""
    folder.mkdir(parents=True)
    for name in names:
        shutil.copyfile(str(builtin_data_dir() / name), folder / name)
    return folder


#: Runs that leave the shipped data of both languages parsed, validated, summarised, indexed and memoised
#: (`validate`: its reading scores).
WARMING_RUNS = [
    ["guides"], ["benefits"], ["back-pain"], ["guide", "first-visit"], ["contact"], ["search", "blood"],
    ["check", "--json"], ["--lang", "es", "guides"], ["--lang", "es", "benefits"], ["--lang", "es", "back-pain"],
    ["--lang", "es", "guide", "first-visit"], ["--lang", "es", "contact"], ["--lang", "es", "search", "sangre"],
    ["validate"],
]  # fmt: skip


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """The folder `name`, filled by `make` once per run: by the first pytest-xdist worker that asks for it, while
    the others wait, then read by them all. It is made whole in a folder of its own, then renamed into place, so a
    worker that failed midway leaves nothing behind. Without xdist (or without fcntl's locks), each makes its own."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None or sys.platform == "win32":
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    import fcntl

    shared = tmp_path_factory.getbasetemp().parent  # this run's folder, which every worker's is in
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not (shared / name).is_dir():
            folder = tmp_path_factory.mktemp(name)
            make(folder)
            folder.rename(shared / name)
    return shared / name


@pytest.fixture(scope="session")
def warm_cache_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder (an XDG_CACHE_HOME) holding the shipped data parsed: made in-process, once (`made_once`)."""
    return made_once(tmp_path_factory, "warm-cache", lambda cache: _make_warm_cache(cache, tmp_path_factory))


def _make_warm_cache(cache: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    with pytest.MonkeyPatch.context() as patch:
        for name in ISOLATED_VARIABLES:
            patch.delenv(name, raising=False)
        patch.setenv("XDG_CACHE_HOME", str(cache))
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("warm-data")))
        patch.setenv("HOME", str(tmp_path_factory.mktemp("warm-home")))
        patch.setenv("LANG", "C.UTF-8")
        # A process reads each memo once and writes it only when a run adds to it: here the memos start as in a
        # new process, so the template gets every memo whatever the tests before it in this worker looked up.
        for memo in (dates._MEMO, words._STEMS, review._SCORES):
            patch.setattr(memo, "_answers", None)
            patch.setattr(memo, "_used", set())
            patch.setattr(memo, "_changed", False)
        words._word_key.cache_clear()  # the stems this process already looked up, in front of the memo
        for args in WARMING_RUNS:
            assert run(*args, input="").exit_code == 0, args


def warm_cache(cache_home: Path, template: Path) -> None:
    """Give `cache_home` (an XDG_CACHE_HOME) the template's parsed data, never a stored page.

    Each file is a hard link to the template's, not a copy: runacu replaces a cache file (a new file renamed
    into place) and never writes into one, so no run can change what the next test is given.
    """
    for folder in template.iterdir():
        shutil.copytree(
            folder, cache_home / folder.name, ignore=shutil.ignore_patterns("pages"), copy_function=os.link,
            dirs_exist_ok=True,
        )  # fmt: skip


@pytest.fixture(autouse=True)
def warm_caches(isolated_environment: None, tmp_path: Path, warm_cache_template: Path) -> None:
    """Both places a test's runacu may keep its cache: XDG_CACHE_HOME, and ~/.cache when that is unset."""
    warm_cache(tmp_path / "xdg-cache", warm_cache_template)
    warm_cache(tmp_path / "home" / ".cache", warm_cache_template)


# ---------------------------------------------------------------------------------------------------------------
# Pseudo-terminals, and runs forked from a runacu already imported
# ---------------------------------------------------------------------------------------------------------------

#: How long a test waits for the text it expects, or for an exit: a deadline, not a pause (a regression fails the
#: test instead of hanging the suite).
TIMEOUT = 20

#: Set by a developer's terminal and read by Rich, but not in ISOLATED_VARIABLES: dropped from a run's too.
TERMINAL_VARIABLES = ("COLORTERM", "CLICOLOR_FORCE")


def terminal_environment(folder: Path, **extra: str) -> dict[str, str]:
    """The environment of a fresh terminal: no developer settings, files under `folder`, UTF-8, xterm."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ISOLATED_VARIABLES and key not in TERMINAL_VARIABLES
    }
    environment.update(
        XDG_DATA_HOME=str(folder / "xdg-data"),
        XDG_CACHE_HOME=str(folder / "xdg-cache"),
        HOME=str(folder / "home"),
        LANG="C.UTF-8",
        TERM="xterm-256color",
    )
    environment.update(extra)
    return environment


def screen_text(raw: str) -> str:
    """What the reader reads: no escape codes, `\\n` line ends."""
    return strip_ansi(raw).replace("\r\n", "\n")


def prose(text: str) -> str:
    """Screen text as one line of words: no line breaks, no panel borders."""
    return " ".join(re.sub("[\u2500-\u257f]", " ", text).split())


def as_at_a_keyboard() -> None:
    """Ctrl-C interrupts, as in a shell: pytest started as a background job of a script inherits SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Child:
    """A process on a pseudo-terminal (pexpect), with everything it wrote kept: a test waits for the text it
    expects, types, and waits for the end (`finish`), each with a deadline."""

    def __init__(self, process: SpawnBase, log: io.StringIO, wait: Callable[[], int], kill: Callable[[], None]) -> None:
        self.process = process
        self.log = log
        self._wait = wait
        self._kill = kill
        self.ended = False

    def expect(self, text: str) -> str:
        """Wait for `text`, its words perhaps wrapped onto several lines to fit the terminal; return what came
        before it."""
        self.process.expect(re.compile(r"\s+".join(re.escape(word) for word in text.split())))
        return str(self.process.before)

    def expect_exact(self, text: str) -> str:
        """Wait for `text` as it is; return what came before it."""
        self.process.expect_exact(text)
        return str(self.process.before)

    def answer(self, prompt: str, reply: str) -> str:
        """Wait for `prompt` (as `expect`), then type `reply` and Enter; return what came before the prompt."""
        before = self.expect(prompt)
        self.process.sendline(reply)
        return before

    def ctrl_c(self) -> None:
        """Press Ctrl-C: the terminal interrupts (SIGINT) what runs in its foreground."""
        self._type_control_character("VINTR")

    def ctrl_d(self) -> None:
        """Press Ctrl-D: at the start of a line, the terminal ends the input of what reads it."""
        self._type_control_character("VEOF")

    def _type_control_character(self, name: str) -> None:
        import termios

        character = termios.tcgetattr(self.process.child_fd)[6][getattr(termios, name)]
        self.process.send(character.decode())

    def finish(self) -> tuple[str, int]:
        """Wait for the end: the terminal closed, then the exit. Everything it wrote, and its exit status (-N:
        killed by signal N)."""
        import pexpect

        self.process.expect(pexpect.EOF)
        status = self._wait()
        self.ended = True
        self.process.close()
        return self.log.getvalue(), status

    def stop(self) -> None:
        """End it if it is still running (a test that failed midway), and close its terminal."""
        try:
            if not self.ended:
                self.ended = True
                self._kill()
        finally:
            self.process.close()


def _wait_for_exit(process: Any, timeout: float) -> int:
    """The exit status of a pexpect-spawned process (-N: killed by signal N), waited for at most `timeout` s."""
    import pexpect

    try:
        handle = os.pidfd_open(process.pid)
    except (AttributeError, OSError):  # no pidfd here, or reaped already: pexpect's own wait, done or at once
        handle = None
    if handle is not None:
        try:
            if not select.select([handle], [], [], timeout)[0]:
                raise pexpect.TIMEOUT(f"process {process.pid} did not exit within {timeout} s of closing its terminal")
        finally:
            os.close(handle)
    process.wait()
    return int(process.exitstatus if process.exitstatus is not None else -process.signalstatus)


def spawn_on_terminal(
    command: str,
    args: Sequence[str],
    *,
    env: dict[str, str],
    rows: int = 24,
    cols: int = 80,
    cwd: Path | None = None,
    timeout: float = TIMEOUT,
) -> Child:
    """`command ARGS` started afresh on a pseudo-terminal of rows x cols, as at a keyboard (Ctrl-C interrupts)."""
    import pexpect

    log = io.StringIO()
    process = pexpect.spawn(
        command, list(args), env=env, cwd=None if cwd is None else str(cwd), dimensions=(rows, cols),
        encoding="utf-8", timeout=timeout, preexec_fn=as_at_a_keyboard,
    )  # fmt: skip
    process.logfile_read = log
    # No pauses: pexpect waits 50 ms before each answer, and 100 ms at each close in pexpect and again in the
    # ptyprocess under it (its own `delayafterclose`, which pexpect's does not set). A test answers only once the
    # prompt is on the screen, and `finish` has waited for the exit before it closes.
    process.delaybeforesend = None
    process.delayafterclose = 0
    process.ptyproc.delayafterclose = 0
    return Child(process, log, wait=lambda: _wait_for_exit(process, timeout), kill=lambda: process.close(force=True))


#: What the fork server imports before it forks: what most runs here import (the CLI and its commands, Rich, the
#: library and its models, the pages, the request's draft and its checks of a phone number, an email address and the
#: words of a message). Only a cost: nothing in runacu asks what is imported, and a run imports whatever else it
#: needs (pydantic and the YAML reader, for data it has not read before).
PRELOADED = (
    "json", "zoneinfo", "hashlib", "runpy", "email.generator", "email_validator", "phonenumbers", "snowballstemmer",
    "runacu.launch", "runacu.cache.pages", "runacu.pager_command", "runacu.new_file",
    "runacu.cli", "runacu.cli.prompts", "runacu.cli.commands.card", "runacu.cli.commands.check",
    "runacu.cli.commands.contact", "runacu.cli.commands.guides", "runacu.cli.commands.request",
    "runacu.content.library", "runacu.content.lookup", "runacu.content.models", "runacu.content.validation",
    "runacu.content.warning_check", "runacu.content.search", "runacu.content.document", "runacu.content.trusted",
    "runacu.clinic.hours", "runacu.clinic.draft",
    "runacu.views.pages", "runacu.views.rich_view", "runacu.views.plain", "runacu.views.json_view",
    "runacu.views.dates",
)  # fmt: skip

#: The fork server: it imports PRELOADED, then forks a child for each run it is sent (its argument list, environment,
#: folder, signals, and its three standard streams as file descriptors), says the child's pid, waits for its exit,
#: and says its exit status. The child becomes a new Python started with those streams, then runs as `python -m
#: runacu` (or `python -c SCRIPT`) does: Python itself reports its exit, an uncaught exception, a KeyboardInterrupt.
_FORK_SERVER = r"""
import gc, importlib, json, os, socket, sys

gc.disable()  # as the gc module advises a server that forks: the children share its memory, copied only if written
control = socket.socket(fileno=int(sys.argv[1]))
for name in sys.argv[2:]:
    importlib.import_module(name)
gc.freeze()  # what it imported: no child's collection touches it


def serve():
    while True:
        message, fds, _, _ = socket.recv_fds(control, 1 << 20, 3)
        if not message:
            return None, []
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            gc.enable()
            control.close()
            return json.loads(message), fds
        for fd in fds:
            os.close(fd)
        control.send(json.dumps({"pid": pid}).encode())
        _, status = os.waitpid(pid, 0)
        control.send(json.dumps({"status": os.waitstatus_to_exitcode(status)}).encode())


def become(run, fds):
    import fcntl, io, signal, termios, time

    os.setsid()  # a session of its own: a terminal's Ctrl-C and hang-up reach this run (and its pager) alone
    for number, fd in enumerate(fds):
        os.dup2(fd, number)
    for fd in set(fds):
        os.close(fd)
    for number in range(3):
        if os.isatty(number):
            fcntl.ioctl(number, termios.TIOCSCTTY, 0)  # its controlling terminal, with this run in the foreground
            break
    os.chdir(run["cwd"])
    os.environ.clear()
    os.environ.update(run["env"])
    time.tzset()  # TZ, as a new process reads it
    for name, ignored in run["signals"].items():
        number = getattr(signal, name)
        if ignored:
            signal.signal(number, signal.SIG_IGN)
        elif number == signal.SIGINT:
            signal.signal(number, signal.default_int_handler)  # as Python installs it when it starts
        else:
            signal.signal(number, signal.SIG_DFL)
    # The standard streams as Python makes them when it starts (line-buffered on a terminal, stderr always; unbuffered
    # output under PYTHONUNBUFFERED): this server's own were made for its own terminal.
    buffered = not sys.stdout.write_through
    for number, name in enumerate(("stdin", "stdout", "stderr")):
        old = getattr(sys, name)
        buffer = open(number, "wb" if number else "rb", buffering=-1 if buffered or not number else 0, closefd=False)
        getattr(buffer, "raw", buffer).name = f"<{name}>"
        stream = io.TextIOWrapper(
            buffer, old.encoding, old.errors, "\n", line_buffering=buffered and (number == 2 or os.isatty(number)),
            write_through=not buffered,
        )
        stream.mode = "w" if number else "r"
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)
    sys.argv = run["argv"]


run, fds = serve()
if run is None:
    sys.exit(0)
become(run, fds)
script = run["script"]
del become, serve, control, fds, run, gc, importlib, json, socket
import types

sys.modules["__main__"] = main = types.ModuleType("__main__")  # a __main__ of its own, as a new Python has
main.__builtins__ = __builtins__
if script is None:  # as `python -m runacu` runs
    import runpy

    sys.path[0] = os.getcwd()
    runpy.run_module("runacu", run_name="__main__", alter_sys=True)
else:  # as `python -c SCRIPT` runs
    main.__annotations__ = {}
    exec(compile(script, "<string>", "exec"), vars(main))
"""

#: What decides how Python starts (its locale, encodings, paths, flags): the same for every run of a fork server.
_STARTUP = re.compile(r"PYTHON.*|LANG|LC_.*")


class ForkServer:
    """Runs of runacu, each forked from a Python that has imported it already (`_FORK_SERVER`), one at a time: on a
    pseudo-terminal of their own (`on_terminal`), or with stdin from /dev/null and their output piped (`piped`)."""

    def __init__(self, environment: dict[str, str]) -> None:
        self.environment = environment
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # The server's own terminal: Python makes its standard streams as for any run on a terminal.
        self.screen, terminal = os.openpty()
        with theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _FORK_SERVER, str(theirs.fileno()), *PRELOADED],
                stdin=terminal, stdout=terminal, stderr=terminal, pass_fds=[theirs.fileno()], env=environment,
                start_new_session=True,
            )  # fmt: skip
        os.close(terminal)
        self.control = ours
        self.control.settimeout(TIMEOUT)
        self.running: Child | None = None
        self.pid: int | None = None

    def _start(
        self, args: Sequence[str], streams: list[int], env: dict[str, str], cwd: Path | None, script: str | None,
        signals: dict[str, bool],
    ) -> None:  # fmt: skip
        startup = {key: value for key, value in env.items() if _STARTUP.fullmatch(key)}
        if startup != {key: value for key, value in self.environment.items() if _STARTUP.fullmatch(key)}:
            raise ValueError(f"Python starts otherwise with {startup}: start this run as a new process")
        if self.pid is not None:
            raise RuntimeError("one run at a time: the last one has not ended")
        run = {
            "argv": ["-c" if script is not None else "runacu", *args],
            "env": env,
            "cwd": str(cwd or Path.cwd()),  # as a process started from here
            "script": script,
            "signals": {"SIGINT": False, "SIGTERM": False, "SIGHUP": False, **signals},
        }
        socket.send_fds(self.control, [json.dumps(run).encode()], streams)
        self.pid = int(self._reply()["pid"])

    def _reply(self) -> dict[str, int]:
        message = self.control.recv(1 << 16)
        if not message:
            raise RuntimeError(f"the fork server ended: {self._said()}")
        return json.loads(message)  # type: ignore[no-any-return]

    def _said(self) -> str:
        """What the server wrote on its own terminal (a traceback)."""
        if not select.select([self.screen], [], [], 0)[0]:
            return ""
        try:
            return os.read(self.screen, 1 << 16).decode(errors="replace")
        except OSError:
            return ""

    def _wait(self) -> int:
        """The exit status of the run (-N: killed by signal N), as the server saw it end: within TIMEOUT."""
        status = int(self._reply()["status"])
        self.pid = self.running = None
        return status

    def _kill(self) -> None:
        """End the run and whatever it started (its session), and wait for it."""
        if self.pid is None:
            return
        for kill in (os.killpg, os.kill):
            try:
                kill(self.pid, signal.SIGKILL)
                break
            except ProcessLookupError:  # not yet in a session of its own, or it has ended already
                continue
        self._wait()

    def on_terminal(
        self,
        args: Sequence[str],
        *,
        env: dict[str, str],
        rows: int = 24,
        cols: int = 80,
        cwd: Path | None = None,
        script: str | None = None,
        stdin: int | None = None,
        stdout: int | None = None,
        timeout: float = TIMEOUT,
    ) -> Child:
        """`python -m runacu ARGS` (with `script`: `python -c SCRIPT ARGS`) on a new pseudo-terminal of rows x cols,
        as at a keyboard. `stdin` or `stdout`: a file descriptor in place of the terminal, as a shell's `<` or `>`."""
        import fcntl
        import struct
        import termios

        from pexpect import fdpexpect

        screen, terminal = os.openpty()
        try:
            fcntl.ioctl(screen, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            streams = [terminal if stdin is None else stdin, terminal if stdout is None else stdout, terminal]
            self._start(args, streams, env, cwd, script, {})
        except BaseException:
            os.close(screen)
            raise
        finally:
            os.close(terminal)  # the run's alone: the terminal closes (pexpect's EOF) when the run and its pager end
        log = io.StringIO()
        process = fdpexpect.fdspawn(screen, encoding="utf-8", timeout=timeout)
        process.logfile_read = log
        self.running = Child(process, log, wait=self._wait, kill=self._kill)
        return self.running

    def piped(
        self,
        args: Sequence[str],
        *,
        env: dict[str, str],
        cwd: Path | None = None,
        script: str | None = None,
        ignored: Sequence[str] = (),
        timeout: float = 60,
    ) -> subprocess.CompletedProcess[str]:
        """As `subprocess.run([python, "-m", "runacu", *ARGS], stdin=DEVNULL, capture_output=True, text=True)`
        (with `script`: `python -c SCRIPT ARGS`); `ignored`: signals ignored from the start, as under nohup."""
        null = os.open(os.devnull, os.O_RDONLY)
        out, out_end = os.pipe()
        err, err_end = os.pipe()
        try:
            self._start(args, [null, out_end, err_end], env, cwd, script, dict.fromkeys(ignored, True))
        except BaseException:
            os.close(out)
            os.close(err)
            raise
        finally:
            for fd in (null, out_end, err_end):
                os.close(fd)
        chunks: dict[int, list[bytes]] = {out: [], err: []}
        open_ends = [out, err]
        try:
            while open_ends:
                ready = select.select(open_ends, [], [], timeout)[0]
                if not ready:
                    self._kill()
                    raise subprocess.TimeoutExpired(["runacu", *args], timeout)
                for fd in ready:
                    if chunk := os.read(fd, 1 << 16):
                        chunks[fd].append(chunk)
                    else:
                        open_ends.remove(fd)
        finally:
            os.close(out)
            os.close(err)
        status = self._wait()
        # As text=True decodes it: UTF-8, universal newlines.
        stdout, stderr = (
            io.TextIOWrapper(io.BytesIO(b"".join(chunks[fd])), encoding="utf-8").read() for fd in (out, err)
        )
        return subprocess.CompletedProcess(["runacu", *args], status, stdout, stderr)

    def stop(self) -> None:
        """End the run still going, if any (a test that failed midway)."""
        if self.running is not None:
            self.running.stop()
        self._kill()

    def close(self) -> None:
        self.stop()
        self.control.close()  # the server's cue to end
        try:
            self.process.wait(timeout=TIMEOUT)
        finally:
            os.close(self.screen)


@pytest.fixture(scope="session")
def fork_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForkServer]:
    """This pytest-xdist worker's fork server, started at its first run."""
    server = ForkServer(terminal_environment(tmp_path_factory.mktemp("fork-server")))
    yield server
    server.close()


@pytest.fixture
def forks(fork_server: ForkServer) -> Iterator[ForkServer]:
    """The fork server, with whatever run this test left going ended when the test ends."""
    yield fork_server
    fork_server.stop()
