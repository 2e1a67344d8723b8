"""runacu as a separate process, as scripts and pipelines run it: piped output, encodings, locales and time zones,
closed pipes, full disks, signals and exit codes.

Most runs here, and in test_closed_streams.py, test_third_language.py and test_data_folder_access.py, are made by
`run_each`: one Python started as a shell starts runacu (its redirections, its environment), runacu imported once,
then each command line run in a process forked from it, as `python -m runacu` runs. A run that is about how Python
starts (its locale, what it imports) or that talks to the test as it runs (a reader that goes away, answers typed one
at a time) is a process of its own.
"""

from __future__ import annotations

import functools
import json
import os
import shlex
import signal
import subprocess
import sys
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
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
from tests.e2e.conftest import made_once, run_process, warm_cache

# Many runs from one start


#: Runs the command lines given on its command line (argv[3:], cut by the counts in the JSON argv[2]), each in a
#: process forked from this one and from there on as `python -m runacu ARGS` (or `python -c CODE ARGS`) runs: with
#: the streams this process was started with (one the shell closed is closed in the run too; a pipe to the test is
#: swapped for a pipe of the run's own, a file such as /dev/full is kept), its own environment variables on top of
#: this one's (its time zone read anew), its own exit and shutdown (which flushes its streams). Its arguments are
#: decoded by Python as any command line is. All of runacu (and the modules argv[2] names) is imported before the
#: first fork, so a run costs what runacu does, not what starting Python and importing runacu cost. Writes each
#: run's exit status, stdout and stderr (Latin-1) to argv[1].
FORKING_DRIVER = r"""
import json, os, runpy, selectors, stat, sys, time

report, spec, arguments = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3:]
closed = []  # what the shell closed: held on /dev/null here (nothing opened here may land on it), closed in a run
for descriptor in (0, 1, 2):
    try:
        os.fstat(descriptor)
    except OSError:
        if os.open(os.devnull, os.O_RDONLY) != descriptor:
            raise SystemExit("could not hold the closed descriptor %d" % descriptor)
        closed.append(descriptor)
piped = [fd for fd in (1, 2) if fd not in closed and stat.S_ISFIFO(os.fstat(fd).st_mode)]  # each run gets its own

import gc, importlib, runacu
for folder, _, files in os.walk(runacu.__path__[0]):
    package = "runacu" + folder[len(runacu.__path__[0]):].replace(os.sep, ".")
    for module in sorted(name[:-3] for name in files if name.endswith(".py") and name != "__main__.py"):
        importlib.import_module(package if module == "__init__" else f"{package}.{module}")
for module in spec["imports"]:
    importlib.import_module(module)
gc.freeze()  # what is imported stays untouched: a run copies only the memory it writes to

said = []
for count, environment, code in spec["runs"]:
    args, arguments = arguments[:count], arguments[count:]
    pipes = {descriptor: os.pipe() for descriptor in piped}
    child = os.fork()
    if child == 0:  # the run, from here to its exit: no try, no with around it
        for descriptor, (read, write) in pipes.items():
            os.dup2(write, descriptor)
            os.close(read)
            os.close(write)
        for descriptor in closed:
            os.close(descriptor)
        os.environ.update(environment)
        if "TZ" in environment:
            time.tzset()  # the time zone, as Python's start reads it
        if code is None:
            sys.argv = ["-m", *args]
            runpy.run_module("runacu", run_name="__main__", alter_sys=True)
        else:
            sys.argv = ["-c", *args]
            exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})
        raise SystemExit(0)  # a script that ends (runacu itself always exits)
    output = {descriptor: b"" for descriptor in pipes}
    selector = selectors.DefaultSelector()
    for descriptor, (read, write) in pipes.items():
        os.close(write)
        selector.register(read, selectors.EVENT_READ, descriptor)
    while selector.get_map():
        for key, _ in selector.select():
            chunk = os.read(key.fd, 65536)
            if chunk:
                output[key.data] += chunk
            else:
                selector.unregister(key.fd)
                os.close(key.fd)
    selector.close()
    _, status = os.waitpid(child, 0)
    said.append([os.waitstatus_to_exitcode(status), *(output.get(fd, b"").decode("latin-1") for fd in (1, 2))])
with open(report, "w", encoding="utf-8") as file:
    json.dump(said, file)
"""


@dataclass(frozen=True)
class Run:
    """A command line for `run_each`: `{home}` in an argument or a value of `env` is the run's own folder, which
    `prepare` (if given) fills first. `env` holds variables runacu reads as it runs (a data folder, FORCE_COLOR),
    and TZ (the run reads it anew, `time.tzset()`, as Python does as it starts), never another one Python reads as it
    starts (PYTHONIOENCODING, LANG, LC_*): those are all the runs' (`run_each`'s `env`). With `code`, the run is
    `python -c CODE ARGS` instead of `python -m runacu ARGS`."""

    args: tuple[str | bytes, ...]
    env: Mapping[str, str] = field(default_factory=dict)
    prepare: Callable[[Path], object] | None = None
    code: str | None = None


def runs_of(*commands: list[str]) -> dict[str, Run]:
    """A run of each command line, named by it."""
    return {shlex.join(command): Run(tuple(command)) for command in commands}


@dataclass(frozen=True)
class Ran:
    """What a run of `run_each` did: its exit status, what it wrote to stdout and stderr (nothing where the shell
    closed the stream or sent it to a file), and its own folder: `home`, as the run knew it (the paths it printed
    are in it), and `kept`, where the folder is now (`made_once` moves it where every worker finds it)."""

    returncode: int
    stdout: bytes
    stderr: bytes
    home: Path
    kept: Path

    def drafts(self) -> list[Path]:
        """The request drafts the run saved, by the paths it knew them by."""
        found = drafts_in(self.kept / "xdg-data" / "runacu" / "requests")
        return [self.home / path.relative_to(self.kept) for path in found]

    def read(self, path: Path) -> bytes:
        """A file the run wrote in its folder, by the path it knew it by."""
        return (self.kept / path.relative_to(self.home)).read_bytes()


def drive(
    folder: Path,
    runs: Mapping[str, Run],
    *,
    env: Mapping[str, str] | None = None,
    redirections: str = "",
    cache: Path | None = None,
    cwd: Path | None = None,
    imports: Sequence[str] = (),
) -> None:
    """Run `runs` in one FORKING_DRIVER started by a shell with `redirections` (`>&-` closes stdout, `>/dev/full`)
    and the environment `env`, stdin from /dev/null, and write what each did to `folder`/report.json. The driver
    imports `imports` too: the libraries several of the runs import (phonenumbers for requests). A single run is a
    process of its own, started as a user starts it.

    Each run has its own folder in `folder`, with its own HOME and XDG_DATA_HOME (its drafts), and, with `cache` (a
    warm cache template), its own warm cache: as each test of tests/e2e/ has. Without `cache`, the runs share the
    XDG_CACHE_HOME of `env`, if any."""
    said = folder / "said.json"
    names: list[tuple[str, str]] = []  # each run's name and folder
    order: list[tuple[int, dict[str, str], str | None]] = []  # each run's number of arguments, environment, code
    arguments: list[str | bytes] = []
    for number, (name, run) in enumerate(runs.items()):
        home = folder / "runs" / str(number)
        (home / "xdg-data").mkdir(parents=True)
        own = {"HOME": str(home / "home"), "XDG_DATA_HOME": str(home / "xdg-data")}
        if cache is not None:
            own["XDG_CACHE_HOME"] = str(home / "xdg-cache")
            warm_cache(home / "xdg-cache", cache)
            warm_cache(home / "home" / ".cache", cache)
        own.update({key: value.replace("{home}", str(home)) for key, value in run.env.items()})
        if run.prepare is not None:
            run.prepare(home)
        names.append((name, str(home)))
        order.append((len(run.args), own, run.code))
        arguments += [arg.replace("{home}", str(home)) if isinstance(arg, str) else arg for arg in run.args]
    environment = {key: value for key, value in os.environ.items() if key not in ISOLATED_VARIABLES}
    environment["HOME"] = str(folder)  # the driver's own: each run has its own
    environment.update(env or {})
    command: list[str | bytes]
    if len(order) == 1:
        [(_, own, code)] = order
        environment.update(own)
        command = [sys.executable, *(["-m", "runacu"] if code is None else ["-c", code]), *arguments]
    else:
        spec = json.dumps({"runs": order, "imports": list(imports)})
        command = [sys.executable, "-c", FORKING_DRIVER, str(said), spec, *arguments]
    if redirections:
        command = ["sh", "-c", f'exec "$@" {redirections}', "sh", *command]
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, cwd=cwd,
        process_group=0,
    )  # fmt: skip
    try:
        out, errors = process.communicate(timeout=120)  # a run blocked for good (a FIFO opened) fails, never hangs
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the driver and the run it waits for
        process.communicate()
        raise
    if len(order) == 1:
        done = [[process.returncode, out.decode("latin-1"), errors.decode("latin-1")]]
    else:
        assert process.returncode == 0 and said.is_file(), errors.decode()
        done = json.loads(said.read_text())
    report = [[name, home, *ran] for (name, home), ran in zip(names, done, strict=True)]
    (folder / "report.json").write_text(json.dumps(report), encoding="utf-8")


_RAN: dict[str, dict[str, Ran]] = {}


def run_each(
    tmp_path_factory: pytest.TempPathFactory, name: str, runs: Mapping[str, Run], **options: typing.Any
) -> dict[str, Ran]:
    """What each of `runs` did, by its name: run once per pytest run (`made_once`, `drive` with `options`), then
    read by every test that asks, in every worker."""
    if name not in _RAN:
        folder = made_once(tmp_path_factory, name, functools.partial(drive, runs=runs, **options))
        _RAN[name] = read_report(folder)
    return _RAN[name]


def read_report(folder: Path) -> dict[str, Ran]:
    """What `drive` wrote to `folder`/report.json, with each run's folder where it is now."""
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    return {
        name: Ran(code, out.encode("latin-1"), err.encode("latin-1"), Path(home), folder / "runs" / str(number))
        for number, (name, home, code, out, err) in enumerate(report)
    }


def broken_benefits(home: Path) -> None:
    """A data folder, `{home}/data`, whose benefits.yaml is not YAML."""
    (home / "data").mkdir()
    (home / "data" / "benefits.yaml").write_text("title: [\n")


#: Time zones a reader may be in: ahead of the clinic's day, on UTC, behind it.
ZONES = ["Asia/Tokyo", "UTC", "America/New_York"]
#: The runs with stdout and stderr to a UTF-8 pipe (`piped`).
PIPED = {
    **runs_of(*PAGE_COMMANDS, ["benefits", "nope"], ["search", "--help"]),
    "--data-dir missing": Run(("--data-dir", "{home}/missing", "benefits")),
    "--data-dir broken": Run(("--data-dir", "{home}/data", "benefits"), prepare=broken_benefits),
    "RUNACU_DATA_DIR broken, benefits": Run(("benefits",), {"RUNACU_DATA_DIR": "{home}/data"}, broken_benefits),
    "RUNACU_DATA_DIR broken, back-pain": Run(("back-pain",), {"RUNACU_DATA_DIR": "{home}/data"}, broken_benefits),
    "FORCE_COLOR": Run(("benefits", "recovery", "--format", "rich"), {"FORCE_COLOR": "1"}),
    **{f"TZ={zone}": Run(("contact", "--json", "--at", "2026-11-23T17:30:00+00:00"), {"TZ": zone}) for zone in ZONES},
    # The name given as a byte that is not UTF-8: Python decodes it as it decodes any command line.
    "a name that is not text": Run(tuple(b"\xff" if arg == REQUEST_NAME else arg for arg in ["request", *REQUEST])),
}


@pytest.fixture(scope="module")
def piped(tmp_path_factory: pytest.TempPathFactory, warm_cache_template: Path) -> dict[str, Ran]:
    """Each of PIPED with stdout and stderr to a UTF-8 pipe: run once, read by every test that needs it."""
    return run_each(
        tmp_path_factory, "pipes-utf-8", PIPED, env={"PYTHONIOENCODING": "utf-8"}, cache=warm_cache_template
    )


@pytest.mark.parametrize("command", [["benefits"], ["back-pain"], ["contact"], []])
def test_piped_output_has_no_escape_codes(command: list[str], piped: dict[str, Ran]) -> None:
    result = piped[shlex.join(command)]
    assert result.returncode == 0
    out = result.stdout.decode()
    assert out.strip()
    assert not ANSI.search(out)
    assert b"Traceback" not in result.stderr


def test_force_color_with_rich_format_colours_a_pipe(piped: dict[str, Ran]) -> None:
    assert ANSI.search(piped["FORCE_COLOR"].stdout.decode())


def test_json_is_utf8_whatever_the_locale(encoded: Callable[[str], dict[str, Ran]]) -> None:
    result = encoded("ascii")["contact --json"]  # PYTHONIOENCODING=ascii, LANG=C, LC_ALL=C
    assert result.returncode == 0
    assert json.loads(result.stdout.decode("utf-8"))["name"] == "Valencia Sports Medicine"


def test_exit_codes_reach_the_shell(piped: dict[str, Ran]) -> None:
    assert piped["benefits nope"].returncode == 2
    assert piped["--data-dir missing"].returncode == 2
    broken = piped["--data-dir broken"]
    assert broken.returncode == 3
    assert b"Traceback" not in broken.stderr
    assert f"{broken.home / 'data' / 'benefits.yaml'}:".encode() in broken.stderr


def test_data_dir_from_environment(piped: dict[str, Ran]) -> None:
    assert piped["RUNACU_DATA_DIR broken, benefits"].returncode == 3
    assert piped["RUNACU_DATA_DIR broken, back-pain"].returncode == 0


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


def big_guide(directory: Path, topics: int = 40) -> Path:
    """A guide whose page (about 150 KB) is far more than a pipe holds: few topics, each long, so it is quick to
    read."""
    lines = ["title: Big", "intro: Many topics.", "disclaimer: Not medical advice.", "reviewed: 2026-11-23",
             "next_review: 2027-11-23", "topics:"]  # fmt: skip
    for index in range(topics):
        lines += [f"  - slug: topic-{index}", f"    title: Topic {index}", "    summary: A summary.",
                  "    evidence: {kind: practice, note: Experience.}",
                  "    explanation: " + "Words and more words about running. " * 100]  # fmt: skip
    (directory / "benefits.yaml").write_text("\n".join(lines) + "\n")
    return directory


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_a_closed_pipe_is_a_quiet_success(tmp_path: Path) -> None:
    # Far more output than the pipe holds, so runacu is still writing when the reader goes away: the pipe is made
    # one page small (Linux), so a shipped page (24 KB) is; elsewhere, a big guide.
    import fcntl

    small_pipe = getattr(fcntl, "F_SETPIPE_SZ", None)
    args = ["back-pain", "--format", "html"] if small_pipe else ["--data-dir", str(big_guide(tmp_path)), "benefits"]
    environment = {k: v for k, v in os.environ.items() if k not in ISOLATED_VARIABLES}
    read, write = os.pipe()
    if small_pipe:
        fcntl.fcntl(read, small_pipe, 4096)
    with os.fdopen(read, "rb") as reader:
        process = subprocess.Popen([sys.executable, "-m", "runacu", *args], stdout=write, stderr=subprocess.PIPE,
                                   env=environment)  # fmt: skip
        os.close(write)
        assert process.stderr is not None
        first = reader.readline()
    assert first.startswith(b"<!doctype html>" if small_pipe else b"Big")
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


#: The runs with stdout to a pipe in an encoding other than UTF-8, in the C locale (`encoded`), and those in ASCII only.
ENCODED = runs_of(*PAGE_COMMANDS)
IN_ASCII = {
    **runs_of(["contact", "--json"]),
    "FORCE_COLOR": Run(("back-pain", "prevention", "-f", "rich"), {"FORCE_COLOR": "1"}),
}


@pytest.fixture(scope="module")
def encoded(tmp_path_factory: pytest.TempPathFactory, warm_cache_template: Path) -> Callable[[str], dict[str, Ran]]:
    """The runs with stdout to a pipe in `encoding` (ascii or latin-1), in the C locale: each encoding's run once,
    read by every test that needs it."""

    def runs(encoding: str) -> dict[str, Ran]:
        env = {"PYTHONIOENCODING": encoding, "LANG": "C", "LC_ALL": "C"}
        runs = {**ENCODED, **(IN_ASCII if encoding == "ascii" else {})}
        return run_each(tmp_path_factory, f"pipes-{encoding}", runs, env=env, cache=warm_cache_template)

    return runs


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("command", PAGE_COMMANDS)
def test_non_utf8_stdout_gets_readable_ascii(
    encoding: str, command: list[str], encoded: Callable[[str], dict[str, Ran]], piped: dict[str, Ran]
) -> None:
    result = encoded(encoding)[shlex.join(command)]
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode(encoding)
    utf8 = piped[shlex.join(command)].stdout.decode("utf-8")
    assert text.count("?") == utf8.count("?"), "no character became a question mark"
    assert b"Traceback" not in result.stderr


def test_typographic_characters_become_close_ascii(encoded: Callable[[str], dict[str, Ran]]) -> None:
    assert "8:00 AM - 6:00 PM" in encoded("ascii")["contact"].stdout.decode("ascii")


def test_rich_on_an_ascii_terminal_draws_ascii_boxes(encoded: Callable[[str], dict[str, Ran]]) -> None:
    result = encoded("ascii")["FORCE_COLOR"]  # back-pain prevention -f rich, coloured, to an ASCII pipe
    text = strip_ansi(result.stdout.decode("ascii"))
    assert "+-" in text and "*" in text


def test_help_names_the_program_runacu(piped: dict[str, Ran]) -> None:
    result = piped["search --help"]
    assert result.returncode == 0
    assert result.stdout.decode().startswith("Usage: runacu search ")


#: What a request imports (to read a phone number and an e-mail address): imported once by a driver of several.
REQUEST_IMPORTS = ("phonenumbers", "email_validator")
#: The runs with stdout on a full disk (/dev/full), stderr to a pipe: tests/e2e/test_closed_streams.py reads the
#: requests.
FULL_DISK = {
    **runs_of(["benefits"], ["contact", "--vcard"], ["contact", "--json"]),
    "request": Run(("request", *REQUEST)),
    "request --json": Run(("request", *REQUEST, "--json")),
}


def on_a_full_disk(tmp_path_factory: pytest.TempPathFactory, warm_cache_template: Path) -> dict[str, Ran]:
    """Each of FULL_DISK with its stdout on /dev/full: run once, read by every test that needs it."""
    return run_each(
        tmp_path_factory, "full-disk", FULL_DISK, redirections=">/dev/full", cache=warm_cache_template,
        imports=REQUEST_IMPORTS,
    )  # fmt: skip


@pytest.mark.parametrize("args", [["benefits"], ["contact", "--vcard"], ["contact", "--json"]])
def test_stdout_on_a_full_disk(
    args: list[str], tmp_path_factory: pytest.TempPathFactory, warm_cache_template: Path
) -> None:
    result = on_a_full_disk(tmp_path_factory, warm_cache_template)[shlex.join(args)]
    assert result.returncode == 1
    assert "No space left on device" in error_line(result.stderr.decode())


# A request saved with its receipt on a full disk: tests/e2e/test_closed_streams.py


def test_a_name_that_is_not_text_in_the_locale(piped: dict[str, Ran]) -> None:
    result = piped["a name that is not text"]
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


def test_the_readers_own_time_zone_does_not_matter(piped: dict[str, Ran]) -> None:
    for zone in ZONES:
        result = piped[f"TZ={zone}"]
        assert json.loads(result.stdout)["status"]["open"] is True, zone


def test_a_spanish_locale_gives_spanish_in_a_real_process() -> None:
    environment = {"LANG": "es_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "RUNACU_LANG": ""}
    done = run_process("contact", "--at", "2026-11-23T10:00", env=environment)
    assert done.returncode == ExitStatus.SUCCESS, done.stderr
    out = one_line(done.stdout.decode("utf-8"))  # CLDR puts a narrow no-break space in "a. m."
    assert "Abierto el lunes 23 de noviembre de 2026 a las 10:00 a. m., cierra a las 6:00 p. m." in out
    assert "Teléfono" in out and "Phone" not in out
