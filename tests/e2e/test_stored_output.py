"""Stored output run as a user runs it: a repeat run replays exactly what a fresh run writes, and nothing else.

Most runs here happen in one driver process that loops over many argument lists (`DRIVER`), the way
`runacu.launch.main` runs them: the fresh run with a `Recorder`, then `pages.serve` of the
same key, each into its own in-memory byte streams; or one run at a time, served when there is a page
to serve, as a user runs runacu again after changing a file, a setting or the store. Its pages are
real files, in the test's own store, looked at on disk. The rest runs runacu as a user does
(`run_process`), for what only a real process shows: what a first run and its repeat import, and what
they make of the umask. The real `runacu.launch` serves and refuses pages in tests/e2e/test_pages_trust.py,
test_closed_streams.py and test_interrupts.py too.

The driver also makes runs through the console script itself (`Driver.launch`: `runacu.launch.main`, one
run after another in the one process), for the other files of tests/e2e/ whose checks need runacu's own
entry point but not a process of their own: a run's exit status and output, whether it was served, and
(in a driver of its own, started for them) what it imports. The tests here and there that need no driver of
their own share one per pytest process (`shared_driver`).
"""

from __future__ import annotations

import itertools
import json
import marshal
import os
import select
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from runacu.cache import pages, sealed
from runacu.content.library import builtin_data_dir
from tests.cache.conftest import FORMATS, OSC_52, PROFILE, REQUEST_RUN, environments, forge, invocations
from tests.conftest import ISOLATED_VARIABLES
from tests.e2e.conftest import made_once, own_copies, run_process, warm_cache

# ---------------------------------------------------------------------------------------------------------------
# The driver: many runs in one process, each a fresh run (recorded) and its repeat (served), compared byte for byte.
# ---------------------------------------------------------------------------------------------------------------

DRIVER = r'''
import hashlib
import io
import json
import os
import re
import sys
import traceback

PROTOCOL_IN = sys.stdin
PROTOCOL_OUT = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(os.open(os.devnull, os.O_RDWR), 1)  # whatever might write to fd 1 itself cannot garble the replies

# What the console script's fast path imports anyway, and nothing more: what a run imports is its own (`launch`).
from runacu.cache import pages
from runacu.command_table import data_dir_of, replayable

UMASK = os.umask(0o022)
os.umask(UMASK)


def key_for(args):
    """The key launch.main works out, or None when the run is not to be stored."""
    return pages.key_for(args, data_dir_of(args)) if pages.enabled() and replayable(args) else None

BASE = dict(os.environ)


class Capture(io.BytesIO):
    """What a run wrote; kept when the run drops (and so closes) its text wrapper."""

    tty = False
    broken = False

    def close(self):
        pass

    def isatty(self):
        return self.tty

    def write(self, data):
        if self.broken:
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(data)


def streams(kind):
    out, err = Capture(), Capture()
    out.tty = kind == "tty"
    out.broken = kind == "broken"
    return out, err, io.TextIOWrapper(out, encoding="utf-8"), io.TextIOWrapper(err, encoding="utf-8")


def environ(env):
    os.environ.clear()
    os.environ.update(BASE)
    os.environ.update(env)


def restore():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    sys.stdout, sys.stderr, sys.stdin = sys.__stdout__, sys.__stderr__, sys.__stdin__


def fresh(args, env, kind):
    """A run that misses the store, as launch.main runs it: a Recorder installed, then runacu.cli.main."""
    environ(env)
    sys.argv = ["runacu", *args]
    key = key_for(args)
    out, err, sys.stdout, sys.stderr = streams(kind)
    sys.stdin = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    recorder = None
    code = 0
    try:
        if key is not None:
            recorder = pages.Recorder(key)
            recorder.install()
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        from runacu.cli import main

        main(recorder)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        restore()
    expires = recorder.expires if recorder is not None else None
    return key, int(code), out.getvalue(), err.getvalue(), expires


def serving(args, env, kind):
    """The repeat, as launch.main serves it: the key worked out again, then pages.serve (its exit status, or None
    when no page was served)."""
    environ(env)
    sys.argv = ["runacu", *args]
    key = key_for(args)
    out, err, sys.stdout, sys.stderr = streams(kind)
    try:
        status = pages.serve(key) if key is not None else None
    finally:
        restore()
    return key, status, out.getvalue(), err.getvalue()


def served(args, env, kind):
    """The repeat, and whether it was served from the store."""
    key, status, out, err = serving(args, env, kind)
    return key, status is not None, out, err


def launched(args, env, kind):
    """As launch.main runs it: the stored page when there is one to use, else a fresh run (stored if it may be)."""
    key, status, out, err = serving(args, env, kind)
    if status is not None:
        return key, True, status, out, err
    key, code, out, err, _ = fresh(args, env, kind)
    return key, False, code, out, err


def exit_status(done, err):
    """The exit status a process ends with on `SystemExit` (a message instead of a number: said on stderr, 1)."""
    if done.code is None or isinstance(done.code, int):
        return done.code or 0
    err.write(f"{done.code}\n".encode("utf-8", "backslashreplace"))
    return 1


def launch(request):
    """One run exactly as the `runacu` console script makes it (`runacu.launch.main`), in the request's
    environment, working directory and umask, reading `stdin`: its exit status, what it wrote (bytes, as
    latin-1 text), whether its page was served from the store, which of `modules` are imported after it
    (as in a new process, the driver itself imports only what the fast path does), and where runacu is."""
    environ(request.get("env", {}))
    here, mask = os.getcwd(), os.umask(request.get("umask", UMASK))
    served = []
    serve = pages.serve

    def serving(key):
        status = serve(key)
        served.append(status is not None)
        return status

    pages.serve = serving
    sys.argv = ["runacu", *request["args"]]
    out, err, text_out, text_err = streams(request.get("stdout", "pipe"))
    sys.stdout, sys.stderr = text_out, text_err
    sys.stdin = io.TextIOWrapper(io.BytesIO(request.get("stdin", "").encode("utf-8")), encoding="utf-8")
    try:
        os.chdir(request.get("cwd", here))
        from runacu import launch as console_script

        console_script.main()
        code = 0
    except SystemExit as done:
        code = exit_status(done, err)
    except BaseException:  # as Python ends a process on an uncaught exception
        err.write(traceback.format_exc().encode("utf-8", "backslashreplace"))
        code = 1
    finally:
        restore()
        for stream in (text_out, text_err):  # what is still in them, as at a process's exit
            try:
                stream.flush()
            except Exception:
                pass
        pages.serve = serve
        os.chdir(here)
        os.umask(mask)
    return {"code": code, "stdout": out.getvalue().decode("latin-1"), "stderr": err.getvalue().decode("latin-1"),
            "served": any(served), "modules": [name for name in request.get("modules", []) if name in sys.modules],
            "package": os.path.dirname(os.path.abspath(sys.modules["runacu"].__file__))}


def digest(data):
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def normal(data):
    """Rich numbers its links from a random start (`ESC ] 8 ; id=N ;`): two fresh runs differ only there."""
    return digest(re.sub(rb"\x1b\]8;id=[0-9]+;", b"\x1b]8;id=;", data))


def difference(a, b):
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return {"at": at, "lengths": [len(a), len(b)], "fresh": a[max(0, at - 60) : at + 60].decode("latin-1"),
            "repeat": b[max(0, at - 60) : at + 60].decode("latin-1")}


def pair(request):
    args, env, kind = request["args"], request.get("env", {}), request.get("stdout", "pipe")
    if request.get("mode") == "launch":  # the console script itself
        return launch(request)
    if request.get("mode") == "served":  # the repeat alone, of a run stored before
        key, hit, out, err = served(args, env, kind)
        return {"key": key, "served": hit, "out": digest(out), "err": digest(err)}
    if request.get("mode") == "run":  # one run, as a user makes it: served or fresh
        key, hit, code, out, err = launched(args, env, kind)
        return {"key": key, "served": hit, "code": code, "out_text": out.decode("utf-8", "replace"),
                "err_text": err.decode("utf-8", "replace")}
    key, code, out, err, expires = fresh(args, env, kind)
    stored = key is not None and os.path.isfile(pages._entry(key))
    reply = {"key": key, "code": code, "stored": stored, "expires": expires, "out": digest(out), "err": digest(err),
             "out_normal": normal(out),
             "out_bytes": len(out), "err_text": err[:400].decode("utf-8", "replace"), "has_escape": b"\x1b" in out,
             "has_sgr": b"\x1b[" in out, "widest": max((len(l.decode("utf-8", "replace")) for l in out.splitlines()), default=0)}
    if request.get("text"):
        reply["out_text"] = out.decode("utf-8", "replace")
    if request.get("mode") == "fresh":
        return reply
    repeat_key, hit, out2, err2 = served(args, env, kind)
    if not hit and request.get("once"):  # the repeat missed the store: not made afresh again
        reply.update(repeat_key=repeat_key, served=hit)
        return reply
    if not hit:
        _, code2, out2, err2, _ = fresh(args, env, kind)
        reply["repeat_code"] = code2
    reply.update(repeat_key=repeat_key, served=hit, repeat_out=digest(out2), repeat_err=digest(err2),
                 repeat_out_normal=normal(out2))
    if request.get("text"):
        reply["repeat_out_text"] = out2.decode("utf-8", "replace")
    if out != out2:
        reply["out_difference"] = difference(out, out2)
    if err != err2:
        reply["err_difference"] = difference(err, err2)
    return reply


for line in PROTOCOL_IN:
    request = json.loads(line)
    try:
        reply = pair(request)
    except BaseException:
        restore()
        reply = {"error": traceback.format_exc()}
    reply["request"] = request
    PROTOCOL_OUT.write(json.dumps(reply) + "\n")
    PROTOCOL_OUT.flush()
'''


def _environment(home: Path, **extra: str) -> dict[str, str]:
    """An isolated environment, as `run_process` gives runacu, with its user folders under `home`."""
    environment = {key: value for key, value in os.environ.items() if key not in ISOLATED_VARIABLES}
    environment.update(HOME=str(home / "home"), XDG_CACHE_HOME=str(home / "xdg-cache"))
    environment.update(XDG_DATA_HOME=str(home / "xdg-data"), LANG="C.UTF-8", **extra)
    return environment


def _driver_script(folder: Path) -> Path:
    script = folder / "store_driver.py"
    script.write_text(DRIVER, encoding="utf-8")
    return script


@dataclass(frozen=True)
class Launched:
    """One run of the console script in a driver (`Driver.launch`)."""

    returncode: int
    stdout: bytes
    stderr: bytes
    #: Answered from the page store.
    served: bool
    #: Which of the modules asked about were imported once the run was over.
    modules: frozenset[str]
    #: The folder of the runacu package that ran.
    package: Path

    def to_json(self) -> dict[str, Any]:
        return {
            "returncode": self.returncode, "stdout": self.stdout.decode("latin-1"),
            "stderr": self.stderr.decode("latin-1"), "served": self.served, "modules": sorted(self.modules),
            "package": str(self.package),
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Launched:
        return cls(
            data["returncode"], data["stdout"].encode("latin-1"), data["stderr"].encode("latin-1"), data["served"],
            frozenset(data["modules"]), Path(data["package"]),
        )  # fmt: skip


def made_once_json(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Any]
) -> tuple[Path, Any]:
    """What `make(folder)` gives (as JSON), and the folder, worked out once per run however many pytest-xdist
    workers ask for it (`made_once` in tests/e2e/conftest.py): for the runs several tests read."""

    def making(folder: Path) -> None:
        (folder / "made.json").write_text(json.dumps(make(folder)), encoding="utf-8")

    folder = made_once(tmp_path_factory, name, making)
    return folder, json.loads((folder / "made.json").read_text(encoding="utf-8"))


#: How long a driver may take over one request (a run that hangs fails its test, not the whole session).
ANSWER_WITHIN = 120


class Driver:
    """A driver process kept running, asked one run at a time: started in `folder` (its HOME and XDG folders
    there unless a run's environment says otherwise), with `env` on top of an isolated environment."""

    def __init__(self, folder: Path, env: dict[str, str] | None = None) -> None:
        self.errors = (folder / "driver.err").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, str(_driver_script(folder))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            env={**_environment(folder), **(env or {})},
            cwd=folder,
            text=True,
            encoding="utf-8",
        )

    def ask(self, args: list[str], env: dict[str, str] | None = None, **options: str) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"args": args, "env": env or {}, **options}) + "\n")
        self.process.stdin.flush()
        # One reply line per request, so nothing is left read ahead in the pipe's buffer: wait on the pipe itself
        # (where a pipe can be waited on: not on Windows, whose runs are then waited for without a deadline).
        if sys.platform != "win32" and not select.select([self.process.stdout], [], [], ANSWER_WITHIN)[0]:
            self.process.kill()
            raise AssertionError(f"the driver did not answer within {ANSWER_WITHIN} s: {args}")
        line = self.process.stdout.readline()
        assert line, "the driver stopped"
        reply: dict[str, Any] = json.loads(line)
        assert "error" not in reply, reply["error"]
        return reply

    def launch(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        stdin: str = "",
        modules: Iterable[str] = (),
        **options: Any,
    ) -> Launched:
        """`runacu *args` as the console script runs it (`runacu.launch.main`), in this process, reading `stdin`;
        `cwd`, `umask` and `stdout` ("pipe", "tty") as options. The run's environment is the driver's with `env`
        on top: pass the test's own XDG_CACHE_HOME for it to use the test's cache."""
        reply = self.ask(list(args), env, mode="launch", stdin=stdin, modules=list(modules), **options)
        return Launched(
            reply["code"],
            reply["stdout"].encode("latin-1"),
            reply["stderr"].encode("latin-1"),
            reply["served"],
            frozenset(reply["modules"]),
            Path(reply["package"]),
        )

    def __enter__(self) -> Driver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self.process.stdout.close()
        self.errors.close()


_SHARED: dict[str, Driver] = {}


def shared_driver(request: pytest.FixtureRequest) -> Driver:
    """The driver of this pytest process (each pytest-xdist worker has its own), for every test in tests/e2e/ that
    asks runs of one: started by the first that asks (its start-up, importing runacu.cli, paid once), ended with
    the session. Its own cache (for runs whose environment names none) is warmed as each test's is."""
    if "driver" not in _SHARED:
        folder = request.getfixturevalue("tmp_path_factory").mktemp("driver")
        warm_cache(folder / "xdg-cache", request.getfixturevalue("warm_cache_template"))
        _SHARED["driver"] = Driver(folder)
        request.session.addfinalizer(lambda: _SHARED.pop("driver").close())
    return _SHARED["driver"]


@pytest.fixture
def driver(request: pytest.FixtureRequest) -> Driver:
    return shared_driver(request)


def _same(reply: dict[str, Any]) -> bool:
    """The repeat wrote what the fresh run wrote: byte for byte when served from the store; when it ran
    afresh too (nothing stored), up to the numbers Rich gives its links, which start at random each run."""
    if reply.get("served", True):
        return reply["out"] == reply["repeat_out"] and reply["err"] == reply["repeat_err"]
    return reply["out_normal"] == reply["repeat_out_normal"] and reply["err"] == reply["repeat_err"]


# What a test leaves in its own store (tests/e2e/conftest.py gives each test its XDG_CACHE_HOME).


def _cache() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"])


def _pages() -> Path:
    return _cache() / "runacu" / "pages"


def _entries() -> dict[str, int]:
    """Stored entries: file name -> inode (a served repeat keeps the inode; a new store replaces the file)."""
    if not _pages().is_dir():
        return {}
    return {path.name: path.lstat().st_ino for path in _pages().iterdir() if path.name.endswith(".page")}


# The driver, asked for runs into this test's own folders: its cache (`_pages`) and where drafts go.


def own_folders() -> dict[str, str]:
    """This test's own HOME, XDG_CACHE_HOME and XDG_DATA_HOME (tests/conftest.py gives each test its own; the
    caches are warmed): for the environment of a run in a driver that other tests share, whose files are then the
    test's alone, as a process of its own would keep them."""
    return {name: os.environ[name] for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "HOME")}


def _ask(driver: Driver, args: list[str], env: dict[str, str] | None = None, **options: Any) -> dict[str, Any]:
    """`driver.ask`, the run storing in this test's cache folder (`_pages`) alone."""
    return driver.ask(args, {**own_folders(), **(env or {})}, **options)


def _launch(driver: Driver, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """One run as a user makes it (`runacu.launch`): the stored page when there is one to use, else a fresh run,
    stored when it may be. Its `code`, `out_text`, `err_text`, and whether it was `served`."""
    return _ask(driver, list(args), env, mode="run")


def _out(driver: Driver, *args: str, env: dict[str, str] | None = None) -> str:
    """What a run that must succeed writes (`_launch`)."""
    reply = _launch(driver, *args, env=env)
    assert reply["code"] == 0, reply["err_text"]
    return str(reply["out_text"])


# ---------------------------------------------------------------------------------------------------------------
# 1. Content commands x formats x widths x colours x languages, pairwise: the repeat is the fresh run, byte for byte.
# ---------------------------------------------------------------------------------------------------------------

CONTENT_COMMANDS = (
    (),
    ("benefits",),
    ("back-pain",),
    ("guide", "first-visit"),
    ("contact", "--at", "2026-11-23T10:00"),
    ("guides",),
    ("search", "blood"),  # finds nothing in Spanish: exit 1, never stored, and the same twice
)


#: The content commands that show a guide, ending with the clinic's call to action.
GUIDE_COMMANDS = {("benefits",), ("back-pain",), ("guide",)}


#: A search that finds something in Spanish, so Spanish search output is stored and served too.
SPANISH_SEARCH = ("search", "sangre")


WIDTHS = (40, 80, 200)


COLOURS = ("always", "never")


LANGUAGES = ("en", "es")


#: A search in the other language's word finds nothing: exit 1, never stored. Its repeat misses the store in
#: every case, and is made afresh in one format (`SAID_AGAIN`), to say the same (as any failing run's repeat says the
#: same in test_any_run_repeats_exactly).
NO_MATCHES = {("es", "blood")}
SAID_AGAIN = "json"


def _matrix_args(command: tuple[str, ...], output_format: str, colour: str, language: str) -> list[str]:
    root = ["--lang", language, "--color", colour]
    if not command:  # the quick card takes the global --format
        return [*root, "--format", output_format]
    return [*root, *command, "--format", output_format]


def _width(command: tuple[str, ...], output_format: str, colour: str) -> int:
    """The width a case runs at: the widths take turns, so every command, format, colour and language meets each."""
    turn = (*CONTENT_COMMANDS, SPANISH_SEARCH).index(command) + FORMATS.index(output_format) + COLOURS.index(colour)
    return WIDTHS[turn % len(WIDTHS)]


#: Plain text without colour at every width, in English (what wrapping changes most: the same code wraps Spanish),
#: for each command whose wrapping is compared below (not search's); in Spanish, benefits at the narrowest too.
WRAPPED = {"en": WIDTHS, "es": ()}


def _matrix(language: str) -> list[tuple[tuple[str, ...], str, int, str]]:
    """The cases run in `language`: every command in every format without colour, and with colour in rich (the
    one format colour changes) and, for the first commands, in one other format each (so each format meets
    colour too), each at its turn's width (so each command meets every width); plain text at more widths
    (`WRAPPED`). Every pair of values meets, not every combination."""
    commands = [*CONTENT_COMMANDS, *([SPANISH_SEARCH] if language == "es" else [])]
    cases = {(("benefits",), "plain", 40, "never")}  # in every language: its lines must fit (checked below)
    for index, command in enumerate(commands):
        # Colour changes rich output alone: rich is coloured for every command, each other format for one.
        coloured = ("rich", *FORMATS[1 + index : 2 + index])
        cases |= {(command, f, _width(command, f, "never"), "never") for f in FORMATS}
        cases |= {(command, f, _width(command, f, "always"), "always") for f in coloured}
        if command[:1] != ("search",):
            cases |= {(command, "plain", width, "never") for width in WRAPPED[language]}
    return sorted(cases)


def test_every_content_command_repeats_byte_for_byte_from_the_store(driver: Driver) -> None:
    cases = {language: _matrix(language) for language in LANGUAGES}
    replies = {
        language: [
            _ask(
                driver, _matrix_args(command, output_format, colour, language), {"COLUMNS": str(width)},
                once=command[:1] == ("search",) and (language, command[1]) in NO_MATCHES and output_format != SAID_AGAIN,
            )
            for command, output_format, width, colour in found
        ]
        for language, found in cases.items()
    }  # fmt: skip

    problems = []
    by_case: dict[tuple[Any, ...], dict[str, Any]] = {}
    for language, found in replies.items():
        for reply in found:
            if "error" in reply:
                problems.append(reply)
                continue
            args = reply["request"]["args"]
            command = tuple(args[4:-2])
            output_format, width = args[-1], int(reply["request"]["env"]["COLUMNS"])
            by_case[command, output_format, width, args[3], language] = reply
            fails = command[:1] == ("search",) and (language, command[1]) in NO_MATCHES
            if fails:  # exit 1: not stored, so the repeat misses the store; made afresh, it says the same
                said_again = output_format == SAID_AGAIN
                right = reply["code"] == 1 and not reply["stored"] and not reply["served"]
                right = right and (
                    reply["repeat_code"] == 1 and _same(reply) if said_again else "repeat_out" not in reply
                )
            else:  # stored, then served: the same bytes
                right = reply["code"] == 0 and reply["stored"] and reply["served"] and reply["out_bytes"] > 0
                # A guide on a screen says whether the clinic is open now: it holds until that changes. A handout
                # (HTML: a guide, a search) ends with this week's opening hours: it holds no longer than today.
                # Elsewhere nothing depends on the clock (--at fixes the moment): no expiry.
                says_now = (command[:1] in GUIDE_COMMANDS and output_format in ("rich", "plain")) or (
                    command[:1] in (*GUIDE_COMMANDS, ("search",)) and output_format == "html"
                )
                right = right and (reply["expires"] is not None) == says_now and _same(reply)
            if not (right and reply["key"] is not None and reply["repeat_key"] == reply["key"]):
                problems.append(reply)
    assert not problems, json.dumps(problems[:5], indent=1, ensure_ascii=False)
    assert len(by_case) == sum(map(len, cases.values()))
    for one, other in itertools.combinations(range(5), 2):  # every value of each dimension meets every other's
        met = {(case[one], case[other]) for case in by_case}
        assert met == {(a[one], b[other]) for a in by_case for b in by_case if a[4] == b[4]}, (one, other)

    # Every dimension of the matrix really changes the output it was meant to change (and colour that of rich alone).
    assert not any(r["has_escape"] for case, r in by_case.items() if case[1] != "rich" and case[3] == "always")
    for command in [c for c in CONTENT_COMMANDS if c[:1] != ("search",)]:
        for language in LANGUAGES:
            uncoloured = {
                case: r for case, r in by_case.items() if case[0] == command and case[3:] == ("never", language)
            }
            assert {case[1] for case in uncoloured} == set(FORMATS)
            assert not any(r["has_escape"] for r in uncoloured.values())
            assert by_case[command, "rich", _width(command, "rich", "always"), "always", language]["has_sgr"]
        plain = {by_case[command, "plain", w, "never", "en"]["out"] for w in WRAPPED["en"]}
        assert len(plain) > 1 or command == ("guides",), command
        english, spanish = (
            [by_case[command, f, _width(command, f, "never"), "never", language]["out"] for f in FORMATS]
            for language in LANGUAGES
        )
        assert all(a != b for a, b in zip(english, spanish, strict=True) if command != ("guides",)), command
        assert any(a != b for a, b in zip(english, spanish, strict=True)), command
    for language in LANGUAGES:
        assert by_case[("benefits",), "plain", 40, "never", language]["widest"] <= 40


def _import_lines(stderr: bytes) -> tuple[set[str], bytes]:
    """The modules -X importtime says were imported, and stderr without its lines."""
    modules, rest = set(), []
    for line in stderr.splitlines(keepends=True):
        if line.startswith(b"import time:"):
            modules.add(line.rsplit(b"|", 1)[-1].strip().decode())
        else:
            rest.append(line)
    return modules, b"".join(rest)


@pytest.fixture(scope="module")
def first_run_and_repeat(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[bytes], subprocess.CompletedProcess[bytes], Path]:
    """A reader's very first run of `benefits` (nothing parsed or stored yet, no cache folder at all) and its
    repeat, as a user runs them, under the umask 0 (what runacu makes is private whatever the umask), each
    telling every import on stderr (-X importtime); and the cache folder (runacu's) they used. Once per run."""

    def make(home: Path) -> list[list[Any]]:
        env = {
            "HOME": str(home / "home"), "XDG_CACHE_HOME": str(home / "xdg-cache"),
            "XDG_DATA_HOME": str(home / "xdg-data"), "PYTHONPROFILEIMPORTTIME": "1",
        }  # fmt: skip
        runs = [run_process("benefits", env=env, preexec_fn=lambda: os.umask(0)) for _ in range(2)]
        return [[run.returncode, run.stdout.decode("latin-1"), run.stderr.decode("latin-1")] for run in runs]

    home, runs = made_once_json(tmp_path_factory, "first-run", make)
    first, repeat = (
        subprocess.CompletedProcess(["benefits"], code, out.encode("latin-1"), err.encode("latin-1"))
        for code, out, err in runs
    )
    return first, repeat, home / "xdg-cache" / "runacu"


def test_a_repeat_imports_neither_typer_nor_pydantic_nor_rich(
    first_run_and_repeat: tuple[subprocess.CompletedProcess[bytes], subprocess.CompletedProcess[bytes], Path],
) -> None:
    first, repeat, _ = first_run_and_repeat
    assert first.returncode == repeat.returncode == 0
    fresh_modules, fresh_stderr = _import_lines(first.stderr)
    served_modules, served_stderr = _import_lines(repeat.stderr)
    assert {"typer", "pydantic"} <= fresh_modules  # the measurement sees them when they are imported
    assert "runacu.cache.pages" in served_modules
    heavy = {name for name in served_modules if name.split(".")[0] in ("typer", "pydantic", "rich", "click")}
    assert not heavy
    assert "runacu.cli" not in served_modules
    assert first.stdout == repeat.stdout and first.stdout.startswith(b"Benefits")
    assert fresh_stderr == served_stderr == b""


# ---------------------------------------------------------------------------------------------------------------
# 2. Properties: any arguments and environment repeat exactly; the key tells apart what can change the output.
# ---------------------------------------------------------------------------------------------------------------


@PROFILE
@given(args=invocations(), env=environments)
def test_any_run_repeats_exactly(driver: Driver, args: list[str], env: dict[str, str]) -> None:
    reply = driver.ask(args, env)
    assert reply["key"] is not None and reply["repeat_key"] == reply["key"], reply
    assert _same(reply), reply
    assert "internal error" not in reply["err_text"] and "Traceback" not in reply["err_text"], reply
    if reply["code"] == 0:
        assert reply["stored"] and reply["served"], reply
    else:
        assert not reply["stored"] and not reply["served"] and reply["repeat_code"] == reply["code"], reply


def test_variables_left_out_of_the_key_do_not_change_the_output(driver: Driver) -> None:
    args = ["--color", "always", "benefits", "recovery", "--format", "rich"]
    without = driver.ask(args, {"COLUMNS": "60"}, mode="fresh")
    for ignored in sorted(pages.IGNORED_VARIABLES):
        with_it = driver.ask(args, {"COLUMNS": "60", ignored: "/elsewhere"}, mode="fresh")
        assert without["key"] == with_it["key"], ignored
        assert (without["out_normal"], without["err"]) == (with_it["out_normal"], with_it["err"]), ignored


# ---------------------------------------------------------------------------------------------------------------
# 3. Invalidation: what changes the output misses the store. Asked of the driver, run after run, as a user
#    runs runacu again after changing a file (the key is worked out from the files on disk, as launch does).
# ---------------------------------------------------------------------------------------------------------------


def test_an_edited_data_file_of_the_same_size_is_seen(driver: Driver, tmp_path: Path) -> None:
    data_dir = own_copies(tmp_path / "data", "benefits.yaml")
    args = ("--data-dir", str(data_dir), "benefits", "--format", "plain")
    first = _out(driver, *args)
    assert first.startswith("Benefits of acupuncture")
    stored = _entries()
    repeat = _launch(driver, *args)
    assert repeat["served"] and repeat["out_text"] == first and _entries() == stored  # the entry untouched

    guide = data_dir / "benefits.yaml"
    for title, mtime in ((b"Bneefits", "bumped"), (b"Bnefeits", "kept as it was")):
        before = guide.stat()
        edited = guide.read_bytes().replace(guide.read_bytes().split(b"title: ")[1][:8], title, 1)
        assert len(edited) == before.st_size
        guide.write_bytes(edited)  # in place: the same size and inode
        moment = before.st_mtime_ns + 1_000_000_000 if mtime == "bumped" else before.st_mtime_ns
        os.utime(guide, ns=(moment, moment))
        assert _out(driver, *args).startswith(title.decode() + " of acupuncture"), mtime
    assert len(_entries()) == 3


def test_an_added_guide_is_listed_and_a_removed_one_is_gone(driver: Driver, tmp_path: Path) -> None:
    data_dir = own_copies(tmp_path / "data")
    args = ("--data-dir", str(data_dir), "guides", "--json")
    before = _out(driver, *args)
    assert "stretching" not in before
    extra = data_dir / "stretching.yaml"
    first_visit = (builtin_data_dir() / "first-visit.yaml").read_bytes()
    extra.write_bytes(first_visit.replace(b"title: Your first", b"title: Stretch, your first", 1))
    added = _out(driver, *args)
    assert "stretching" in added and "Stretch, your first" in added
    extra.unlink()
    assert _out(driver, *args) == before


def test_a_translation_made_later_is_seen(driver: Driver, tmp_path: Path) -> None:
    custom = tmp_path / "custom"
    custom.mkdir()
    args = ("--lang", "es", "--data-dir", str(custom), "benefits", "--format", "plain")
    before = _out(driver, *args)
    repeat = _launch(driver, *args)
    assert repeat["served"] and repeat["out_text"] == before
    (custom / "es").mkdir()
    original = (builtin_data_dir() / "es" / "benefits.yaml").read_text(encoding="utf-8")
    title = next(line for line in original.splitlines() if line.startswith("title:"))
    (custom / "es" / "benefits.yaml").write_text(original.replace(title, "title: Título hecho después"), "utf-8")
    after = _out(driver, *args)
    assert after.startswith("Título hecho después") and after != before


# What the environment changes misses the store too (the key is worked out from the run's environment).


def _stored_and_served(*replies: dict[str, Any]) -> bool:
    return all(reply["code"] == 0 and reply["stored"] and reply["served"] and _same(reply) for reply in replies)


def test_a_new_width_wraps_anew(driver: Driver) -> None:
    args = ["benefits", "--format", "plain"]
    narrow, wide = (_ask(driver, args, {"COLUMNS": columns}) for columns in ("40", "120"))
    assert narrow["widest"] <= 40 < wide["widest"]
    assert _stored_and_served(narrow, wide)
    assert len(_entries()) == 2
    again = _ask(driver, args, {"COLUMNS": "40"}, mode="served")
    assert again["served"] and again["out"] == narrow["out"]


def test_a_new_language_speaks_it(driver: Driver) -> None:
    args = ["benefits", "recovery", "--format", "plain"]
    english = _ask(driver, args, text=True)
    assert english["out_text"].startswith("Benefits of acupuncture")
    spanish = [_ask(driver, args, env, text=True) for env in ({"RUNACU_LANG": "es"}, {"LANG": "es_ES.UTF-8"})]
    for found in spanish:
        assert found["out"] != english["out"] and "acupuntura" in found["out_text"].split("\n", 1)[0].lower()
    assert _stored_and_served(english, *spanish)
    assert len(_entries()) == 3
    assert _ask(driver, args, mode="served")["out"] == english["out"]


def test_a_new_colour_setting_colours_or_not(driver: Driver) -> None:
    args = ["benefits", "recovery", "--format", "rich"]
    forced = _ask(driver, args, {"FORCE_COLOR": "1"})
    no_color = _ask(driver, args, {"FORCE_COLOR": "1", "NO_COLOR": "1"})
    always = _ask(driver, ["--color", "always", *args], {"NO_COLOR": "1"})
    assert forced["has_sgr"] and always["has_sgr"]
    assert not no_color["has_escape"]
    assert _stored_and_served(forced, no_color, always)
    assert len(_entries()) == 3


@pytest.mark.parametrize("setting", ["1", "true", "yes"])
def test_runacu_no_cache_stores_nothing(driver: Driver, setting: str) -> None:
    reply = _ask(driver, ["benefits", "recovery"], {"RUNACU_NO_CACHE": setting}, text=True)
    assert reply["code"] == 0 and reply["out_text"].startswith("Benefits of acupuncture")
    assert reply["key"] is None and not reply["stored"] and not reply["served"]
    assert not _pages().exists()


# ---------------------------------------------------------------------------------------------------------------
# 4. Never stored, never served.
# ---------------------------------------------------------------------------------------------------------------


def test_what_is_never_stored_leaves_the_store_empty(driver: Driver, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    runs: list[tuple[tuple[str, ...], int, Path | None]] = [
        ((*REQUEST_RUN, "--format", "plain"), 0, None),
        (("check",), 0, None),
        (("validate",), 0, None),
        (("contact", "--vcard", "-o" + str(out / "clinic.vcf")), 0, out / "clinic.vcf"),
        (("search", "zzzqqq", "--json"), 1, None),  # a run that failed (and wrote to stdout)
    ]
    results = [_launch(driver, *args) for args, _, _ in runs]  # stdin empty, as from /dev/null
    for (args, code, written), result in zip(runs, results, strict=True):
        assert result["code"] == code, (args, result["err_text"])
        assert written is None or written.is_file(), args
    assert _entries() == {}

    def drafts() -> list[Path]:
        return [path for path in tmp_path.rglob("*.eml") if out not in path.parents]

    assert len(drafts()) == 1  # the request without -o saved its draft where drafts go
    assert results[4]["out_text"].strip() == "[]"
    # A repeat of a request really runs again: a second draft.
    assert _launch(driver, *REQUEST_RUN, "--format", "plain")["code"] == 0
    assert len(drafts()) == 2
    assert _entries() == {}


def test_a_run_that_lost_output_to_a_closed_pipe_is_not_stored(driver: Driver) -> None:
    reply = driver.ask(["benefits", "--format", "plain"], mode="fresh", stdout="broken")
    assert reply["key"] is not None and not reply["stored"]


def _read_entry(path: Path) -> tuple[Any, ...]:
    payload = sealed.unseal(pages.KIND, path.read_bytes())
    assert payload is not None
    return tuple(marshal.loads(payload))


def test_contact_without_at_is_stored_only_until_its_status_can_change(
    driver: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = time.time()
    first = _out(driver, "contact", "--format", "plain")
    (name,) = _entries()
    version, key, expires, events = _read_entry(_pages() / name)
    assert (version, key + ".page") == (pages.FORMAT, name)
    assert isinstance(expires, float) and started < expires <= started + 25 * 3600
    assert b"".join(data for channel, data in events if channel == "out") == first.encode()

    class Clock:
        now = expires - 1.0

        def time(self) -> float:
            return self.now

    clock = Clock()
    monkeypatch.setattr(pages, "time", clock)
    assert pages.load(key) is not None
    clock.now = expires
    assert pages.load(key) is None

    # With --at, the moment is fixed: no expiry.
    _out(driver, "contact", "--at", "2026-11-23T10:00", "--format", "plain")
    (other,) = set(_entries()) - {name}
    assert _read_entry(_pages() / other)[2] is None


# ---------------------------------------------------------------------------------------------------------------
# 5. Safety: private files, damaged or forged or odd entries ignored, a bounded store, only clean bytes.
# ---------------------------------------------------------------------------------------------------------------


def test_the_store_is_private(
    first_run_and_repeat: tuple[subprocess.CompletedProcess[bytes], subprocess.CompletedProcess[bytes], Path],
) -> None:
    """Made by a first run under the umask 0: the cache folder and the store in it, then the stored page."""
    first, _, cache = first_run_and_repeat
    assert first.returncode == 0
    for folder in (cache, cache / "pages"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    (entry,) = (cache / "pages").iterdir()  # no temporary file left behind
    assert entry.name.endswith(".page") and stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_a_damaged_entry_is_ignored_and_replaced(driver: Driver) -> None:
    args = ("back-pain", "doctor", "--format", "plain")
    first = _out(driver, *args)
    (name,) = _entries()
    entry = _pages() / name
    good = entry.read_bytes()
    damaged = bytearray(good)
    damaged[-3] ^= 0x20
    entry.write_bytes(bytes(damaged))
    rerun = _launch(driver, *args)
    assert not rerun["served"] and rerun["out_text"] == first
    assert entry.read_bytes() == good  # replaced by the fresh run: the same bytes as the first store
    inode = entry.stat().st_ino
    again = _launch(driver, *args)
    assert again["served"] and again["out_text"] == first and entry.stat().st_ino == inode  # and served again


def test_a_forged_entry_with_a_valid_digest_is_refused_for_its_content(driver: Driver) -> None:
    args = ("benefits", "sleep", "--format", "plain")
    first = _out(driver, *args)
    (name,) = _entries()
    entry, key = _pages() / name, name.removesuffix(".page")

    forge(entry, key, [("out", b"FORGED\n")])  # the format is right: a clean forged entry is served
    assert _out(driver, *args) == "FORGED\n"

    forge(entry, key, [("out", b"FORGED " + OSC_52 + b"\n")])
    result = _launch(driver, *args)
    assert result["code"] == 0 and not result["served"] and "\x1b" not in result["out_text"]
    assert result["out_text"] == first
    assert pages.load(key) == [("out", first.encode())]  # replaced by the fresh run


def test_an_entry_that_is_not_a_regular_file_is_ignored(driver: Driver, tmp_path: Path) -> None:
    args = ("back-pain", "research", "--format", "plain")
    first = _out(driver, *args)
    (name,) = _entries()
    entry, key = _pages() / name, name.removesuffix(".page")
    valid_elsewhere = tmp_path / "elsewhere.page"
    forge(valid_elsewhere, key, [("out", b"FOLLOWED A LINK\n")])
    forged = valid_elsewhere.read_bytes()

    def symlink_to_dev_zero() -> None:
        entry.symlink_to("/dev/zero")

    def symlink_to_a_valid_entry() -> None:
        entry.symlink_to(valid_elsewhere)

    def fifo() -> None:
        os.mkfifo(entry)

    def directory() -> None:
        entry.mkdir()
        (entry / "inside").write_bytes(b"x")

    for make in (symlink_to_a_valid_entry, symlink_to_dev_zero, fifo, directory):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        elif entry.exists() or entry.is_symlink():
            entry.unlink()
        make()
        assert pages.load(key) is None, make.__name__
        if make is symlink_to_a_valid_entry:  # the same check as a run's, without a run
            continue
        assert _out(driver, *args) == first, make.__name__
        if make is not directory:  # replaced by a stored copy (a folder cannot be replaced by a file)
            assert entry.is_file() and not entry.is_symlink(), make.__name__
            assert pages.load(key) == [("out", first.encode())]
    assert valid_elsewhere.read_bytes() == forged  # what a link pointed to is left alone


def test_contact_json_tells_the_moment_of_this_run(driver: Driver) -> None:
    reply = _ask(driver, ["contact", "--json"], text=True)  # a run, then its repeat
    assert reply["code"] == 0 and not reply["served"]
    first, second = json.loads(reply["out_text"]), json.loads(reply["repeat_out_text"])
    assert second["status"]["at"] != first["status"]["at"]


def test_a_warning_sign_said_on_stderr_beside_json_is_said_again_by_the_repeat(driver: Driver) -> None:
    """A successful run that writes to stderr: search's warning line beside its JSON. A repeat served from the
    store must say it again, byte for byte (a store that kept stdout alone would drop the 911 line)."""
    reply = driver.ask(["search", "I can't pee and my legs are numb", "--json"], {})
    assert reply["code"] == 0 and reply["served"], reply
    assert "Call 911" in reply["err_text"] and "runacu check" in reply["err_text"], reply["err_text"]
    assert reply["err"] == reply["repeat_err"], reply.get("err_difference")
    assert reply["out"] == reply["repeat_out"], reply.get("out_difference")


def test_a_pager_that_cannot_start_repeats_exactly(driver: Driver) -> None:
    env = {"PAGER": "/nonexistent/pager", "COLUMNS": "80", "LINES": "10"}
    reply = driver.ask(["benefits", "--format", "plain", "--pager"], env, stdout="tty")
    assert reply["code"] == 0 and reply["served"]
    assert _same(reply), reply.get("out_difference")
