"""Stored output (`runacu.output_store`): a repeat run replays exactly what a fresh run writes, and nothing else.

Most runs here happen in one driver process that loops over many argument lists (`DRIVER`), the way
`runacu.launch.main` runs them: the fresh run with a `Recorder`, then `output_store.serve` of the
same key, each into its own in-memory byte streams. The rest runs runacu as a user does
(`run_process`), for what only a real process shows: what a repeat imports, and the files on disk.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import marshal
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runacu import output_store
from runacu.content.library import builtin_data_dir
from tests.conftest import ISOLATED_VARIABLES, run_process

#: One fixed profile for every property here: the same examples on every run, no example database.
PROFILE = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

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

from runacu import output_store
import runacu.cli

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
    output_store.recorder = None


def fresh(args, env, kind):
    """A run that misses the store, as launch.main runs it: a Recorder installed, then runacu.cli.main."""
    environ(env)
    sys.argv = ["runacu", *args]
    key = output_store.key_for(args) if output_store.enabled() else None
    out, err, sys.stdout, sys.stderr = streams(kind)
    sys.stdin = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    recorder = None
    code = 0
    try:
        if key is not None:
            recorder = output_store.Recorder(key)
            recorder.install()
            output_store.recorder = recorder
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        runacu.cli.main(recorder)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        restore()
    expires = recorder.expires if recorder is not None else None
    return key, int(code), out.getvalue(), err.getvalue(), expires


def served(args, env, kind):
    """The repeat, as launch.main serves it: the key worked out again, then output_store.serve."""
    environ(env)
    sys.argv = ["runacu", *args]
    key = output_store.key_for(args) if output_store.enabled() else None
    out, err, sys.stdout, sys.stderr = streams(kind)
    try:
        hit = key is not None and output_store.serve(key)
    finally:
        restore()
    return key, hit, out.getvalue(), err.getvalue()


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
    key, code, out, err, expires = fresh(args, env, kind)
    stored = key is not None and os.path.isfile(output_store._entry(key))
    reply = {"key": key, "code": code, "stored": stored, "expires": expires, "out": digest(out), "err": digest(err),
             "out_normal": normal(out),
             "out_bytes": len(out), "err_text": err[:400].decode("utf-8", "replace"), "has_escape": b"\x1b" in out,
             "has_sgr": b"\x1b[" in out, "widest": max((len(l.decode("utf-8", "replace")) for l in out.splitlines()), default=0)}
    if request.get("mode") == "fresh":
        return reply
    repeat_key, hit, out2, err2 = served(args, env, kind)
    if not hit:
        _, code2, out2, err2, _ = fresh(args, env, kind)
        reply["repeat_code"] = code2
    reply.update(repeat_key=repeat_key, served=hit, repeat_out=digest(out2), repeat_err=digest(err2),
                 repeat_out_normal=normal(out2))
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


def _run_driver_batches(folder: Path, batches: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Every batch in its own driver process, the processes side by side; the replies of each, in order."""
    script = _driver_script(folder)
    running = {}
    for name, requests in batches.items():
        (folder / f"{name}.in").write_text("".join(json.dumps(request) + "\n" for request in requests))
        cache = folder / f"cache-{name}"
        with (folder / f"{name}.in").open("rb") as stdin, (folder / f"{name}.out").open("wb") as stdout:
            running[name] = subprocess.Popen(
                [sys.executable, str(script)],
                stdin=stdin,
                stdout=stdout,
                stderr=subprocess.PIPE,
                env=_environment(folder, XDG_CACHE_HOME=str(cache)),
                cwd=folder,
            )
    replies = {}
    for name, process in running.items():
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode("utf-8", "replace")
        replies[name] = [json.loads(line) for line in (folder / f"{name}.out").read_text().splitlines()]
        assert len(replies[name]) == len(batches[name]), stderr.decode("utf-8", "replace")
    return replies


class Driver:
    """A driver process kept running, asked one run at a time (for the property tests)."""

    def __init__(self, folder: Path) -> None:
        self.errors = (folder / "driver.err").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, str(_driver_script(folder))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            env=_environment(folder),
            cwd=folder,
            text=True,
            encoding="utf-8",
        )

    def ask(self, args: list[str], env: dict[str, str] | None = None, **options: str) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"args": args, "env": env or {}, **options}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the driver stopped"
        reply: dict[str, Any] = json.loads(line)
        assert "error" not in reply, reply["error"]
        return reply

    def close(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self.process.stdout.close()
        self.errors.close()


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    """One driver for the tests that ask a run at a time: its start-up (importing runacu.cli) is paid once."""
    running = Driver(tmp_path_factory.mktemp("driver"))
    yield running
    running.close()


def _same(reply: dict[str, Any]) -> bool:
    """The repeat wrote what the fresh run wrote: byte for byte when served from the store; when it ran
    afresh too (nothing stored), up to the numbers Rich gives its links, which start at random each run."""
    if reply.get("served", True):
        return reply["out"] == reply["repeat_out"] and reply["err"] == reply["repeat_err"]
    return reply["out_normal"] == reply["repeat_out_normal"] and reply["err"] == reply["repeat_err"]


# Real processes: `run_process`, and what they leave in the store.


def _cache() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"])


def _pages() -> Path:
    return _cache() / "runacu" / "pages"


def _entries() -> dict[str, int]:
    """Stored entries: file name -> inode (a served repeat keeps the inode; a new store replaces the file)."""
    if not _pages().is_dir():
        return {}
    return {path.name: path.lstat().st_ino for path in _pages().iterdir() if path.name.endswith(".page")}


def run(*args: str, env: dict[str, str] | None = None, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """`run_process` with this test's cache folder (run_process leaves XDG_CACHE_HOME out)."""
    return run_process(*args, env={"XDG_CACHE_HOME": str(_cache()), **(env or {})}, **kwargs)


def ok(*args: str, env: dict[str, str] | None = None, **kwargs: Any) -> bytes:
    result = run(*args, env=env, **kwargs)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return result.stdout


def _together(*calls: Callable[[], Any]) -> list[Any]:
    """Independent runs side by side (two at a time)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda call: call(), calls))


# ---------------------------------------------------------------------------------------------------------------
# 1. Every content command x format x width x colour x language: the repeat is the fresh run, byte for byte.
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
FORMATS = ("rich", "plain", "markdown", "html", "json")
WIDTHS = (40, 80, 200)
COLOURS = ("always", "never")
LANGUAGES = ("en", "es")
#: A search in the other language's word finds nothing: exit 1, never stored.
NO_MATCHES = {("es", "blood")}


def _matrix_args(command: tuple[str, ...], output_format: str, colour: str, language: str) -> list[str]:
    root = ["--lang", language, "--color", colour]
    if not command:  # the quick card takes the global --format
        return [*root, "--format", output_format]
    return [*root, *command, "--format", output_format]


def test_every_content_command_repeats_byte_for_byte_from_the_store(tmp_path: Path) -> None:
    batches = {
        language: [
            {"args": _matrix_args(command, output_format, colour, language), "env": {"COLUMNS": str(width)}}
            for command, output_format, width, colour in itertools.product(
                [*CONTENT_COMMANDS, *([SPANISH_SEARCH] if language == "es" else [])], FORMATS, WIDTHS, COLOURS
            )
        ]
        for language in LANGUAGES
    }
    replies = _run_driver_batches(tmp_path, batches)

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
            if fails:  # exit 1: not stored, so the repeat is a second fresh run, and says the same
                right = reply["code"] == reply["repeat_code"] == 1 and not reply["stored"] and not reply["served"]
            else:  # stored, then served: the same bytes
                right = reply["code"] == 0 and reply["stored"] and reply["served"] and reply["out_bytes"] > 0
                # A guide on a screen says whether the clinic is open now: it holds until that changes.
                # Elsewhere nothing depends on the clock (--at fixes the moment): no expiry.
                says_now = command[:1] in GUIDE_COMMANDS and output_format in ("rich", "plain")
                right = right and (reply["expires"] is not None) == says_now
            if not (right and reply["key"] is not None and reply["repeat_key"] == reply["key"] and _same(reply)):
                problems.append(reply)
    assert not problems, json.dumps(problems[:5], indent=1, ensure_ascii=False)
    assert len(by_case) == (2 * len(CONTENT_COMMANDS) + 1) * len(FORMATS) * len(WIDTHS) * len(COLOURS)

    # Every dimension of the matrix really changes the output it was meant to change.
    for command in [c for c in CONTENT_COMMANDS if c[:1] != ("search",)]:
        for language in LANGUAGES:
            assert not any(by_case[command, f, w, "never", language]["has_escape"] for f in FORMATS for w in WIDTHS)
            assert by_case[command, "rich", 80, "always", language]["has_sgr"], (command, language)
            plain = {by_case[command, "plain", w, "never", language]["out"] for w in WIDTHS}
            assert len(plain) > 1 or command == ("guides",), (command, language)
        english, spanish = (
            [by_case[command, f, 80, "never", language]["out"] for f in FORMATS] for language in LANGUAGES
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


def test_a_repeat_imports_neither_typer_nor_pydantic_nor_rich() -> None:
    env = {"PYTHONPROFILEIMPORTTIME": "1"}  # -X importtime: every import, on stderr
    first, repeat = run("benefits", env=env), run("benefits", env=env)
    assert first.returncode == repeat.returncode == 0
    fresh_modules, fresh_stderr = _import_lines(first.stderr)
    served_modules, served_stderr = _import_lines(repeat.stderr)
    assert {"typer", "pydantic"} <= fresh_modules  # the measurement sees them when they are imported
    assert "runacu.output_store" in served_modules
    heavy = {name for name in served_modules if name.split(".")[0] in ("typer", "pydantic", "rich", "click")}
    assert not heavy
    assert "runacu.cli" not in served_modules
    assert first.stdout == repeat.stdout and first.stdout.startswith(b"Benefits")
    assert fresh_stderr == served_stderr == b""


# ---------------------------------------------------------------------------------------------------------------
# 2. Properties: any arguments and environment repeat exactly; the key tells apart what can change the output.
# ---------------------------------------------------------------------------------------------------------------

TOPICS = {
    ("benefits",): ["recovery", "recov", "RECOVERY", "sleep", "immune", "2", "5", "0", "6", "nope", "sueño", "-1"],
    ("back-pain",): ["causes", "doctor", "red-flags", "gerac", "prev", "1", "9", "médico", "zzz"],
    ("guide", "first-visit"): ["safety", "cost", "3", "what-happens", "none-such"],
    ("guide", "first"): ["is-it-safe", "1"],
    ("guide", "back"): ["doctor"],
    ("guide", "nope"): ["1"],
}
SEARCH_WORDS = ["blood", "sangre", "GERAC", "sleep", "running back", "zzzqqq", "flujo"]
MOMENTS = [
    "2026-11-23T10:00",
    "2026-11-28T23:30",
    "2026-03-08T02:30",
    "2026-11-01T01:30",
    "tomorrow",
    "2026-12-24T09:00-05:00",
]
FORMAT_VALUES = [*FORMATS, "JSON", "Markdown", "pdf"]

root_options = st.fixed_dictionaries(
    {},
    optional={
        "--lang": st.sampled_from(["en", "es"]),
        "--color": st.sampled_from(["auto", "always", "never"]),
        "--format": st.sampled_from(FORMAT_VALUES),
        "--json": st.just(None),
    },
)
command_options = st.fixed_dictionaries(
    {}, optional={"--format": st.sampled_from(FORMAT_VALUES), "--json": st.just(None), "--list": st.just(None)}
)


@st.composite
def invocations(draw: st.DrawFn) -> list[str]:
    """Arguments as a reader may type them: root options, a content command, its topic and options in any order."""
    root = draw(root_options)
    words: list[str] = []
    kind = draw(st.sampled_from(["card", "guide", "guide", "guide", "guides", "search", "contact"]))
    options = dict(draw(command_options))
    if kind == "guide":
        guide = draw(st.sampled_from(sorted(TOPICS)))
        words = [*guide]
        topic = draw(st.none() | st.sampled_from(TOPICS[guide]))
        if topic is not None:
            words.append(topic)
    elif kind == "search":
        words = ["search", *draw(st.sampled_from(SEARCH_WORDS)).split()]
    elif kind == "contact":
        words = ["contact", "--at", draw(st.sampled_from(MOMENTS))]
    elif kind == "guides":
        words = ["guides"]
    if kind != "guide":
        options.pop("--list", None)
    if kind == "card":
        options = {}
    flat = [[name] if value is None else [name, value] for name, value in options.items()]
    flat = draw(st.permutations(flat)) if flat else []
    root_flat = [token for name, value in root.items() for token in ([name] if value is None else [name, value])]
    return [*root_flat, *words, *itertools.chain.from_iterable(flat)]


ENVIRONMENT_VALUES = {
    "COLUMNS": ["20", "40", "80", "132", "200", "abc", ""],
    "NO_COLOR": ["1", ""],
    "FORCE_COLOR": ["1", "0", ""],
    "RUNACU_LANG": ["en", "es", "fr", "ES"],
    "LANG": ["C.UTF-8", "es_ES.UTF-8", "en_US.UTF-8", "es"],
}
environments = st.fixed_dictionaries(
    {}, optional={name: st.sampled_from(values) for name, values in ENVIRONMENT_VALUES.items()}
)


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


class _Environment:
    """os.environ as the isolated fixture left it, with `env` on top, for the length of a `with`."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def __enter__(self) -> None:
        self.saved = dict(os.environ)
        for name in ENVIRONMENT_VALUES:
            os.environ.pop(name, None)
        os.environ.update(self.env)

    def __exit__(self, *exc: object) -> None:
        os.environ.clear()
        os.environ.update(self.saved)


def _key(args: list[str], env: dict[str, str]) -> str | None:
    with _Environment(env):
        return output_store.key_for(args)


@PROFILE
@given(
    args=invocations(),
    env=environments,
    other_args=invocations(),
    other_env=environments,
    change=st.sampled_from(["args", *ENVIRONMENT_VALUES, "ignored"]),
    ignored=st.sampled_from(sorted(output_store.IGNORED_VARIABLES)),
    value=st.text(alphabet="abc/019", max_size=8),
)
def test_the_key_changes_with_every_input_that_can_change_the_output(
    args: list[str],
    env: dict[str, str],
    other_args: list[str],
    other_env: dict[str, str],
    change: str,
    ignored: str,
    value: str,
) -> None:
    key = _key(args, env)
    assert key is not None and key == _key(list(args), dict(env))  # a pure function of its inputs
    changed_args, changed_env = list(args), dict(env)
    if change == "args":
        changed_args = other_args
    elif change == "ignored":  # a variable that cannot change the output leaves the key alone
        changed_env[ignored] = value
        assert _key(changed_args, changed_env) == key
        return
    elif change in other_env and other_env[change] != env.get(change):
        changed_env[change] = other_env[change]
    elif change in env:
        del changed_env[change]
    else:
        changed_env[change] = "2"
    if (changed_args, changed_env) != (args, env):
        assert _key(changed_args, changed_env) != key, (args, env, changed_args, changed_env)


def test_variables_left_out_of_the_key_do_not_change_the_output(driver: Driver) -> None:
    args = ["--color", "always", "benefits", "recovery", "--format", "rich"]
    without = driver.ask(args, {"COLUMNS": "60"}, mode="fresh")
    for ignored in sorted(output_store.IGNORED_VARIABLES):
        with_it = driver.ask(args, {"COLUMNS": "60", ignored: "/elsewhere"}, mode="fresh")
        assert without["key"] == with_it["key"], ignored
        assert (without["out_normal"], without["err"]) == (with_it["out_normal"], with_it["err"]), ignored


def test_the_key_covers_what_is_not_in_the_arguments_or_the_environment(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["--data-dir", str(data_dir), "benefits"]
    key = output_store.key_for(args)
    assert key is not None

    def changed() -> bool:
        return output_store.key_for(args) != key

    # Data: a file edited (same size, same mtime), a file added, the translation folder removed, then made again.
    guide = data_dir / "benefits.yaml"
    before = guide.stat()
    text = guide.read_bytes()
    guide.write_bytes(text.replace(b"Benefits", b"Bneefits", 1))
    os.utime(guide, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert changed()
    key = output_store.key_for(args)
    (data_dir / "extra.yaml").write_bytes((data_dir / "first-visit.yaml").read_bytes())
    assert changed()
    key = output_store.key_for(args)
    shutil.rmtree(data_dir / "es")
    assert changed()
    key = output_store.key_for(args)
    (data_dir / "es").mkdir()
    assert changed()
    key = output_store.key_for(args)
    for spelling in (["--data-dir=" + str(data_dir), "benefits"], ["benefits"]):
        monkeypatch.setenv("RUNACU_DATA_DIR", str(data_dir))
        spelled = output_store.key_for(spelling)
        (data_dir / "es" / "benefits.yaml").write_text("title: x\n")
        assert output_store.key_for(spelling) != spelled, spelling
        (data_dir / "es" / "benefits.yaml").unlink()
        monkeypatch.delenv("RUNACU_DATA_DIR")
    key = output_store.key_for(args)

    # The working directory (a relative --data-dir, a relative --output), the version.
    monkeypatch.chdir(tmp_path)
    assert changed()
    key = output_store.key_for(args)
    monkeypatch.setattr("runacu.__version__", "0.0.0-test")
    assert changed()
    key = output_store.key_for(args)

    # What stdout is: its encoding, its error handler, a terminal or not, and the terminal's size.
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="latin-1"))
    assert changed()
    key = output_store.key_for(args)
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="latin-1", errors="replace"))
    assert changed()
    key = output_store.key_for(args)
    monkeypatch.setattr(output_store, "_is_terminal", lambda descriptor: False)
    key = output_store.key_for(args)
    for fd in (0, 1, 2):
        monkeypatch.setattr(output_store, "_is_terminal", lambda descriptor, fd=fd: descriptor == fd)
        assert changed(), fd
    monkeypatch.setattr(output_store, "_is_terminal", lambda descriptor: descriptor == 1)
    sizes = iter([os.terminal_size((80, 24)), os.terminal_size((120, 24)), os.terminal_size((120, 50))])
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: next(sizes))
    assert len({output_store.key_for(args) for _ in range(3)}) == 3


# ---------------------------------------------------------------------------------------------------------------
# 3. Invalidation, with real processes: what changes the output misses the store.
# ---------------------------------------------------------------------------------------------------------------


def test_an_edited_data_file_of_the_same_size_is_seen(data_dir: Path) -> None:
    args = ("--data-dir", str(data_dir), "benefits", "--format", "plain")
    first = ok(*args)
    assert first.startswith(b"Benefits of acupuncture")
    stored = _entries()
    assert ok(*args) == first and _entries() == stored  # the repeat: served, the entry untouched

    guide = data_dir / "benefits.yaml"
    for title, mtime in ((b"Bneefits", "bumped"), (b"Bnefeits", "kept as it was")):
        before = guide.stat()
        edited = guide.read_bytes().replace(guide.read_bytes().split(b"title: ")[1][:8], title, 1)
        assert len(edited) == before.st_size
        guide.write_bytes(edited)  # in place: the same size and inode
        moment = before.st_mtime_ns + 1_000_000_000 if mtime == "bumped" else before.st_mtime_ns
        os.utime(guide, ns=(moment, moment))
        assert ok(*args).startswith(title + b" of acupuncture"), mtime
    assert len(_entries()) == 3


def test_an_added_guide_is_listed_and_a_removed_one_is_gone(data_dir: Path) -> None:
    args = ("--data-dir", str(data_dir), "guides", "--json")
    before = ok(*args)
    assert b"stretching" not in before
    extra = data_dir / "stretching.yaml"
    extra.write_bytes(
        (data_dir / "first-visit.yaml").read_bytes().replace(b"title: Your first", b"title: Stretch, your first", 1)
    )
    added = ok(*args)
    assert b"stretching" in added and b"Stretch, your first" in added
    extra.unlink()
    assert ok(*args) == before


def test_a_translation_made_later_is_seen(tmp_path: Path) -> None:
    custom = tmp_path / "custom"
    custom.mkdir()
    args = ("--lang", "es", "--data-dir", str(custom), "benefits", "--format", "plain")
    before = ok(*args)
    assert ok(*args) == before  # served
    (custom / "es").mkdir()
    original = (builtin_data_dir() / "es" / "benefits.yaml").read_text(encoding="utf-8")
    title = next(line for line in original.splitlines() if line.startswith("title:"))
    (custom / "es" / "benefits.yaml").write_text(original.replace(title, "title: Título hecho después"), "utf-8")
    after = ok(*args)
    assert after.startswith("Título hecho después".encode()) and after != before


def test_a_new_width_wraps_anew() -> None:
    args = ("benefits", "--format", "plain")
    narrow, wide = _together(lambda: ok(*args, env={"COLUMNS": "40"}), lambda: ok(*args, env={"COLUMNS": "120"}))
    assert max(map(len, narrow.decode().splitlines())) <= 40 < max(map(len, wide.decode().splitlines()))
    assert len(_entries()) == 2
    assert ok(*args, env={"COLUMNS": "40"}) == narrow


def test_a_new_language_speaks_it() -> None:
    args = ("benefits", "recovery", "--format", "plain")
    english = ok(*args)
    assert english.startswith(b"Benefits of acupuncture")
    spanish = _together(lambda: ok(*args, env={"RUNACU_LANG": "es"}), lambda: ok(*args, env={"LANG": "es_ES.UTF-8"}))
    for found in spanish:
        assert found != english and b"acupuntura" in found.split(b"\n", 1)[0].lower()
    assert len(_entries()) == 3
    assert ok(*args) == english


def test_a_new_colour_setting_colours_or_not() -> None:
    args = ("benefits", "recovery", "--format", "rich")
    forced, no_color, always = _together(
        lambda: ok(*args, env={"FORCE_COLOR": "1"}),
        lambda: ok(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}),
        lambda: ok("--color", "always", *args, env={"NO_COLOR": "1"}),
    )
    assert b"\x1b[" in forced and b"\x1b[" in always
    assert b"\x1b" not in no_color
    assert len(_entries()) == 3


@pytest.mark.parametrize("setting", ["1", "true", "yes"])
def test_runacu_no_cache_stores_nothing(setting: str) -> None:
    args = ("benefits", "recovery")
    first = ok(*args, env={"RUNACU_NO_CACHE": setting})
    assert first.startswith(b"Benefits of acupuncture")
    assert not _pages().exists()


# ---------------------------------------------------------------------------------------------------------------
# 4. Never stored, never served.
# ---------------------------------------------------------------------------------------------------------------

REQUEST = (
    "request", "--name", "Jo Runner", "--phone", "661 555 0123", "--email", "jo@example.com",
    "--contact-method", "email", "--topic", "research", "--message", "Back pain after long runs",
)  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        [*REQUEST],
        [*REQUEST, "--json", "-o", "draft.eml"],
        ["--lang", "es", "--color", "never", *REQUEST, "--format", "plain"],
        ["--data-dir", "d", "-f", "json", "request"],
        ["request", "--help"],
        ["check"],
        ["check", "back-pain", "--json"],
        ["--json", "check"],
        ["validate"],
        ["validate", "d", "--strict", "--json", "--today", "2026-01-01"],
        ["benefits", "--output", "x.txt"],
        ["benefits", "--output=x.txt"],
        ["benefits", "-o", "x.txt"],
        ["benefits", "-ox.txt"],
        ["back-pain", "doctor", "-o", "x.md", "--format", "markdown"],
        ["guide", "first-visit", "--output", "x.html"],
        ["guides", "-o", "x.json", "--json"],
        ["search", "blood", "--output=x.txt"],
        ["contact", "--vcard", "-o", "clinic.vcf"],
        ["contact", "--at", "2026-11-23T10:00", "-o", "x.txt"],
        ["--install-completion"],
        ["--show-completion", "bash"],
    ],
)
def test_what_is_never_stored_has_no_key(args: list[str]) -> None:
    assert output_store.key_for(args) is None


def test_what_is_never_stored_leaves_the_store_empty(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    devnull = {"stdin": subprocess.DEVNULL}
    runs: list[tuple[tuple[str, ...], int, Path | None]] = [
        ((*REQUEST, "--format", "plain"), 0, None),
        (("check",), 0, None),
        (("validate",), 0, None),
        (("contact", "--vcard", "-o" + str(out / "clinic.vcf")), 0, out / "clinic.vcf"),
        (("search", "zzzqqq", "--json"), 1, None),  # a run that failed (and wrote to stdout)
    ]
    results = _together(*[lambda args=args: run(*args, **devnull) for args, _, _ in runs])
    for (args, code, written), result in zip(runs, results, strict=True):
        assert result.returncode == code, (args, result.stderr)
        assert written is None or written.is_file(), args
    assert _entries() == {}

    def drafts() -> list[Path]:
        return [path for path in tmp_path.rglob("*.eml") if out not in path.parents]

    assert len(drafts()) == 1  # the request without -o saved its draft where drafts go
    assert results[4].stdout.strip() == b"[]"
    # A repeat of a request really runs again: a second draft.
    assert run(*REQUEST, "--format", "plain", **devnull).returncode == 0
    assert len(drafts()) == 2
    assert _entries() == {}


def test_a_run_that_lost_output_to_a_closed_pipe_is_not_stored(driver: Driver) -> None:
    reply = driver.ask(["benefits", "--format", "plain"], mode="fresh", stdout="broken")
    assert reply["key"] is not None and not reply["stored"]


def _read_entry(path: Path) -> tuple[Any, ...]:
    raw = path.read_bytes()
    assert raw.startswith(output_store._MAGIC)
    payload = raw[len(output_store._MAGIC) + output_store._DIGEST_BYTES :]
    return tuple(marshal.loads(payload))


def test_contact_without_at_is_stored_only_until_its_status_can_change(monkeypatch: pytest.MonkeyPatch) -> None:
    started = time.time()
    first = ok("contact", "--format", "plain")
    (name,) = _entries()
    version, key, expires, events = _read_entry(_pages() / name)
    assert (version, key + ".page") == (output_store.FORMAT, name)
    assert isinstance(expires, float) and started < expires <= started + 25 * 3600
    assert b"".join(data for channel, data in events if channel == "out") == first

    class Clock:
        now = expires - 1.0

        def time(self) -> float:
            return self.now

    clock = Clock()
    monkeypatch.setattr(output_store, "time", clock)
    assert output_store.load(key) is not None
    clock.now = expires
    assert output_store.load(key) is None

    # With --at, the moment is fixed: no expiry.
    ok("contact", "--at", "2026-11-23T10:00", "--format", "plain")
    (other,) = set(_entries()) - {name}
    assert _read_entry(_pages() / other)[2] is None


moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0)
)


@PROFILE
@given(moment=moments)
def test_the_expiry_of_contact_is_the_next_change_or_midnight(moment: datetime) -> None:
    from runacu.cli.session import _expire_with_the_status
    from runacu.clinic.hours import status_at
    from runacu.content.library import Library
    from runacu.views.pages import ClinicView

    clinic = Library().load_clinic()
    zone = ZoneInfo(clinic.timezone)
    status = status_at(clinic, moment.replace(tzinfo=zone))
    recorder = output_store.Recorder("k")
    saved = output_store.recorder
    output_store.recorder = recorder
    try:
        _expire_with_the_status(ClinicView(clinic, status))
    finally:
        output_store.recorder = saved
    assert recorder.expires is not None
    ends = datetime.fromtimestamp(recorder.expires, zone)
    local = status.moment.astimezone(zone)
    midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    assert local < ends <= midnight
    # Until it expires, the stored status is still the status; when it is not midnight, it changes then.
    assert status_at(clinic, ends - timedelta(seconds=1)).is_open == status.is_open
    if ends != midnight:
        assert status_at(clinic, ends).is_open != status.is_open


# ---------------------------------------------------------------------------------------------------------------
# 5. Safety: private files, damaged or forged or odd entries ignored, a bounded store, only clean bytes.
# ---------------------------------------------------------------------------------------------------------------


def _forge(path: Path, key: str, events: object, expires: object = None, version: object = None) -> None:
    """An entry in the module's own format: magic, blake2b digest, marshalled payload."""
    payload = marshal.dumps((output_store.FORMAT if version is None else version, key, expires, events))
    digest = hashlib.blake2b(payload, digest_size=output_store._DIGEST_BYTES).digest()
    path.write_bytes(output_store._MAGIC + digest + payload)


def test_the_store_is_private() -> None:
    ok("benefits", "recovery", preexec_fn=lambda: os.umask(0))
    assert stat.S_IMODE(_pages().stat().st_mode) == 0o700
    (name,) = _entries()
    assert stat.S_IMODE((_pages() / name).stat().st_mode) == 0o600
    assert [path.name for path in _pages().iterdir()] == [name]  # no temporary file left behind


def test_a_damaged_entry_is_ignored_and_replaced() -> None:
    args = ("back-pain", "doctor", "--format", "plain")
    first = ok(*args)
    (name,) = _entries()
    entry = _pages() / name
    good = entry.read_bytes()
    damaged = bytearray(good)
    damaged[-3] ^= 0x20
    entry.write_bytes(bytes(damaged))
    assert ok(*args) == first
    assert entry.read_bytes() == good  # replaced by the fresh run: the same bytes as the first store
    inode = entry.stat().st_ino
    assert ok(*args) == first and entry.stat().st_ino == inode  # and served again


def test_every_flipped_or_missing_byte_makes_an_entry_unusable() -> None:
    key = "0" * 40
    recorder = output_store.Recorder(key)
    recorder.events = [("out", b"Benefits\n"), ("err", b"runacu: note\n")]
    recorder.store()
    entry = Path(output_store._entry(key))
    good = entry.read_bytes()
    assert output_store.load(key) == recorder.events
    for offset in range(len(good)):
        damaged = bytearray(good)
        damaged[offset] ^= 0x80 if offset % 2 else 0x01
        entry.write_bytes(bytes(damaged))
        assert output_store.load(key) is None, offset
    for length in range(len(good)):
        entry.write_bytes(good[:length])
        assert output_store.load(key) is None, length


OSC_52 = b"\x1b]52;c;SGVsbG8=\x07"


def test_a_forged_entry_with_a_valid_digest_is_refused_for_its_content() -> None:
    args = ("benefits", "sleep", "--format", "plain")
    first = ok(*args)
    (name,) = _entries()
    entry, key = _pages() / name, name.removesuffix(".page")

    _forge(entry, key, [("out", b"FORGED\n")])  # the format is right: a clean forged entry is served
    assert ok(*args) == b"FORGED\n"

    _forge(entry, key, [("out", b"FORGED " + OSC_52 + b"\n")])
    result = run(*args)
    assert result.returncode == 0 and OSC_52 not in result.stdout and b"\x1b" not in result.stdout
    assert result.stdout == first
    assert output_store.load(key) == [("out", first)]  # replaced by the fresh run


@pytest.mark.parametrize(
    ("events", "expires", "version", "key"),
    [
        ([("out", OSC_52)], None, None, None),
        ([("err", b"\x1b]52;c;SGVsbG8=\x1b\\")], None, None, None),
        ([("pager", b"ok\n"), ("out", b"\x1b[2J")], None, None, None),
        ([("out", b"fine\n"), ("exec", b"fine\n")], None, None, None),
        ([("out", "text, not bytes")], None, None, None),
        ([("out", b"a", b"b")], None, None, None),
        ((("out", b"fine\n"),), None, None, None),  # a tuple of events, not a list
        ([("out", b"fine\n")], 1.0, None, None),  # expired
        ([("out", b"fine\n")], "tomorrow", None, None),
        ([("out", b"fine\n")], None, output_store.FORMAT + 1, None),
        ([("out", b"fine\n")], None, None, "another key"),
    ],
)
def test_forged_entries_are_refused(events: object, expires: object, version: object, key: str | None) -> None:
    mine = "1" * 40
    Path(output_store._folder()).mkdir(parents=True)
    _forge(Path(output_store._entry(mine)), key or mine, events, expires, version)
    assert output_store.load(mine) is None
    _forge(Path(output_store._entry(mine)), mine, [("out", b"fine\n")], time.time() + 3600.0)
    assert output_store.load(mine) == [("out", b"fine\n")]  # the same entry, made right, is used


marshallable = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.binary(max_size=20) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children) | st.frozensets(st.integers()),
    max_leaves=12,
)


@PROFILE
@given(payload=st.binary(max_size=200) | marshallable.map(marshal.dumps), shape=st.tuples(marshallable, marshallable))
def test_no_payload_with_a_valid_digest_makes_load_raise(payload: bytes, shape: tuple[object, object]) -> None:
    key = "2" * 40
    folder = Path(output_store._folder())
    folder.mkdir(parents=True, exist_ok=True)
    entry = Path(output_store._entry(key))
    digest = hashlib.blake2b(payload, digest_size=output_store._DIGEST_BYTES).digest()
    entry.write_bytes(output_store._MAGIC + digest + payload)
    assert output_store.load(key) is None
    _forge(entry, key, list(shape), shape[0], None)
    found = output_store.load(key)
    assert found is None or all(output_store.is_clean(data) for _, data in found)


def test_an_entry_that_is_not_a_regular_file_is_ignored(tmp_path: Path) -> None:
    args = ("back-pain", "research", "--format", "plain")
    first = ok(*args)
    (name,) = _entries()
    entry, key = _pages() / name, name.removesuffix(".page")
    valid_elsewhere = tmp_path / "elsewhere.page"
    _forge(valid_elsewhere, key, [("out", b"FOLLOWED A LINK\n")])
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
        assert output_store.load(key) is None, make.__name__
        if make is symlink_to_a_valid_entry:  # the same check as a run's, without a run
            continue
        assert ok(*args) == first, make.__name__
        if make is not directory:  # replaced by a stored copy (a folder cannot be replaced by a file)
            assert entry.is_file() and not entry.is_symlink(), make.__name__
            assert output_store.load(key) == [("out", first)]
    assert valid_elsewhere.read_bytes() == forged  # what a link pointed to is left alone


def test_an_oversized_entry_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    key = "3" * 40
    recorder = output_store.Recorder(key)
    recorder.events = [("out", b"x" * 1000)]
    recorder.store()
    assert output_store.load(key) is not None
    monkeypatch.setattr(output_store, "MAX_ENTRY_BYTES", 500)
    assert output_store.load(key) is None
    recorder.events = [("out", b"y" * 1000)]
    recorder.store()  # too big to store: the old entry stays, and is still too big to use
    assert output_store.load(key) is None


def _store(key: str, size: int = 1000) -> Path:
    recorder = output_store.Recorder(key)
    recorder.events = [("out", key.encode()[:1] * size)]
    recorder.store()
    return Path(output_store._entry(key))


def test_the_store_is_bounded_and_evicts_the_least_recently_used(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second, third = (_store(f"{n}" * 40) for n in "abc")
    size = first.stat().st_size
    for number, path in enumerate((first, second, third), start=1):
        os.utime(path, ns=(number * 10**12, number * 10**12))
    monkeypatch.setattr(output_store, "MAX_STORE_BYTES", 3 * size + size // 2)

    assert output_store.load("a" * 40) is not None  # the oldest, used now: the most recently used
    fourth = _store("d" * 40)
    assert not second.exists() and first.exists() and third.exists() and fourth.exists()
    fifth = _store("e" * 40)
    assert not third.exists() and first.exists() and fourth.exists() and fifth.exists()

    for number in range(20):
        _store(f"{number:040d}", size=200 + 50 * number)
        total = sum(path.stat().st_size for path in Path(output_store._folder()).iterdir())
        assert total <= output_store.MAX_STORE_BYTES
    assert Path(output_store._entry(f"{19:040d}")).exists()  # the newest stays


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"plain text\n",
        b"a\ttab\n",
        "Médico \u2013 8:00 \u2192 ok\n".encode(),
        b"\x1b[1mbold\x1b[0m \x1b[1;31mred\x1b[m \x1b[38;5;208morange\x1b[39m \x1b[38;2;1;2;3mrgb\x1b[0m\n",
        b"\x1b]8;;https://example.com/a?b=c\x1b\\link\x1b]8;;\x1b\\\n",
        b"\x1b]8;id=12;tel:+16614909221\x1b\\\x1b[4m(661) 490-9221\x1b[0m\x1b]8;;\x1b\\",
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nEND:VCARD\r\n",
    ],
)
def test_is_clean_accepts_what_runacu_writes(data: bytes) -> None:
    assert output_store.is_clean(data)


@pytest.mark.parametrize(
    "data",
    [
        b"bare\rcarriage return",
        b"line\n\r",
        b"bell\x07",
        OSC_52,
        b"\x1b]52;c;SGVsbG8=\x1b\\",
        b"ok \x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\ then " + OSC_52,
        b"\xc2\x9b31m",  # C1 CSI (U+009B)
        b"\xc2\x9d52;c;SGVsbG8=\xc2\x9c",  # C1 OSC ... ST
        b"\xc2\x85",
        b"\x1b",
        b"\x1b[2J",
        b"\x1b[?25l",
        b"\x1b[31",
        b"\x1b[31mred\x1b[",
        b"\x1bc",
        b"\x1b]0;title\x07",
        b"\x1bP+q\x1b\\",
        b"\x1b]8;;http://x",
        b"\x1b]8;;http://x\x07link",
        b"\x1b]8;;http://x\x07\x1b\\",
        b"\x1b]8;;http://x\x1b[2J\x1b\\",
        b"nul\x00",
        b"back\x08space",
        b"del\x7f",
        b"form\x0cfeed",
        b"vertical\x0btab",
    ],
)
def test_is_clean_refuses_any_other_control(data: bytes) -> None:
    assert not output_store.is_clean(data)


# ---------------------------------------------------------------------------------------------------------------
# Bugs found by this file, kept fixed.
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"\x1b]8;;\xc2\x9b2J\x1b\\", b"\x1b]8;;\xc2\x9d52;c;SGVsbG8=\xc2\x9c\x1b\\"])
def test_is_clean_refuses_c1_controls_inside_a_link(data: bytes) -> None:
    assert not output_store.is_clean(data)


@pytest.mark.parametrize("args", [["benefits", "-lo", "slugs.txt"], ["back-pain", "-loslugs.txt"]])
def test_a_bundled_output_option_is_never_stored(args: list[str]) -> None:
    # `runacu benefits -lo slugs.txt` writes the file and stores "saved to slugs.txt"; the repeat prints
    # that from the store and writes nothing.
    assert output_store.key_for(args) is None


@pytest.mark.parametrize("args", [["--data-dir=", "benefits"], ["--data-dir", "", "benefits"]])
def test_an_empty_data_dir_option_still_sees_edits(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Click reads `--data-dir=` as Path(""), the working directory: `runacu --data-dir= benefits` shows
    # ./benefits.yaml, and after an edit of it the repeat still shows the old text.
    monkeypatch.chdir(tmp_path)
    guide = tmp_path / "benefits.yaml"
    guide.write_text("title: Benefits\n")
    key = output_store.key_for(args)
    guide.write_text("title: Bneefits\n")
    assert output_store.key_for(args) != key


def test_contact_json_tells_the_moment_of_this_run() -> None:
    first = json.loads(ok("contact", "--json"))
    second = json.loads(ok("contact", "--json"))
    assert second["status"]["at"] != first["status"]["at"]


def test_a_pager_that_cannot_start_repeats_exactly(driver: Driver) -> None:
    env = {"PAGER": "/nonexistent/pager", "COLUMNS": "80", "LINES": "10"}
    reply = driver.ask(["benefits", "--format", "plain", "--pager"], env, stdout="tty")
    assert reply["code"] == 0 and reply["served"]
    assert _same(reply), reply.get("out_difference")
