"""Stored output (`runacu.cache.pages`), in this process: the key tells apart what can change the output, what is
never stored, and damaged, forged or odd entries are refused. Real repeat runs: tests/e2e/test_stored_output.py."""

from __future__ import annotations

import functools
import io
import marshal
import os
import shutil
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runacu.cache import pages, sealed
from runacu.command_table import data_dir_of, replayable
from tests.cache.conftest import ENVIRONMENT_VALUES, OSC_52, PROFILE, REQUEST_RUN, environments, forge, invocations

if TYPE_CHECKING:
    from runacu.content.models import Clinic


def key_for(args: list[str]) -> str | None:
    """The key `launch.main` works out for a run, or None when the run is not to be stored."""
    return pages.key_for(args, data_dir_of(args)) if pages.enabled() and replayable(args) else None


# ---------------------------------------------------------------------------------------------------------------
# 2. Properties: any arguments and environment repeat exactly; the key tells apart what can change the output.
# ---------------------------------------------------------------------------------------------------------------


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
        return key_for(args)


@pytest.mark.slow
@PROFILE
@given(
    args=invocations(),
    env=environments,
    other_args=invocations(),
    other_env=environments,
    change=st.sampled_from(["args", *ENVIRONMENT_VALUES, "ignored"]),
    ignored=st.sampled_from(sorted(pages.IGNORED_VARIABLES)),
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


def test_the_key_covers_what_is_not_in_the_arguments_or_the_environment(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["--data-dir", str(data_dir), "benefits"]
    key = key_for(args)
    assert key is not None

    def changed() -> bool:
        return key_for(args) != key

    # Data: a file edited (same size, same mtime), a file added, the translation folder removed, then made again.
    guide = data_dir / "benefits.yaml"
    before = guide.stat()
    text = guide.read_bytes()
    guide.write_bytes(text.replace(b"Benefits", b"Bneefits", 1))
    os.utime(guide, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert changed()
    key = key_for(args)
    (data_dir / "extra.yaml").write_bytes((data_dir / "first-visit.yaml").read_bytes())
    assert changed()
    key = key_for(args)
    shutil.rmtree(data_dir / "es")
    assert changed()
    key = key_for(args)
    (data_dir / "es").mkdir()
    assert changed()
    key = key_for(args)
    for spelling in (["--data-dir=" + str(data_dir), "benefits"], ["benefits"]):
        monkeypatch.setenv("RUNACU_DATA_DIR", str(data_dir))
        spelled = key_for(spelling)
        (data_dir / "es" / "benefits.yaml").write_text("title: x\n")
        assert key_for(spelling) != spelled, spelling
        (data_dir / "es" / "benefits.yaml").unlink()
        monkeypatch.delenv("RUNACU_DATA_DIR")
    key = key_for(args)

    # The working directory (a relative --data-dir, a relative --output), the version.
    monkeypatch.chdir(tmp_path)
    assert changed()
    key = key_for(args)
    monkeypatch.setattr("runacu.__version__", "0.0.0-test")
    assert changed()
    key = key_for(args)

    # What stdout is: its encoding, its error handler, a terminal or not, and the terminal's size.
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="latin-1"))
    assert changed()
    key = key_for(args)
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="latin-1", errors="replace"))
    assert changed()
    key = key_for(args)
    monkeypatch.setattr(pages, "_is_terminal", lambda descriptor: False)
    key = key_for(args)
    for fd in (0, 1, 2):
        monkeypatch.setattr(pages, "_is_terminal", lambda descriptor, fd=fd: descriptor == fd)
        assert changed(), fd
    monkeypatch.setattr(pages, "_is_terminal", lambda descriptor: descriptor == 1)
    sizes = iter([os.terminal_size((80, 24)), os.terminal_size((120, 24)), os.terminal_size((120, 50))])
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: next(sizes))
    assert len({key_for(args) for _ in range(3)}) == 3


# ---------------------------------------------------------------------------------------------------------------
# 4. Never stored, never served.
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [*REQUEST_RUN],
        [*REQUEST_RUN, "--json", "-o", "draft.eml"],
        ["--lang", "es", "--color", "never", *REQUEST_RUN, "--format", "plain"],
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
    assert key_for(args) is None


moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0)
)


@functools.cache
def shipped_clinic() -> Clinic:
    """The shipped clinic, read once: the examples only read it."""
    from runacu.content.library import Library

    return Library().load_clinic()


@pytest.mark.slow
@PROFILE
@given(moment=moments)
def test_the_expiry_of_contact_is_the_next_change_or_midnight(moment: datetime) -> None:
    from runacu.cli.session import stored_until
    from runacu.clinic.hours import status_at
    from runacu.views.pages import ClinicView

    clinic = shipped_clinic()
    zone = ZoneInfo(clinic.timezone)
    status = status_at(clinic, moment.replace(tzinfo=zone))
    ends = stored_until(ClinicView(clinic, status).status).astimezone(zone)  # type: ignore[arg-type]
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


def test_every_flipped_or_missing_byte_makes_an_entry_unusable() -> None:
    key = "0" * 40
    recorder = pages.Recorder(key)
    recorder.events = [("out", b"Benefits\n"), ("err", b"runacu: note\n")]
    recorder.store()
    entry = Path(pages._entry(key))
    good = entry.read_bytes()
    assert pages.load(key) == recorder.events
    for offset in range(len(good)):
        damaged = bytearray(good)
        damaged[offset] ^= 0x80 if offset % 2 else 0x01
        entry.write_bytes(bytes(damaged))
        assert pages.load(key) is None, offset
    for length in range(len(good)):
        entry.write_bytes(good[:length])
        assert pages.load(key) is None, length


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
        ([("out", b"fine\n")], None, pages.FORMAT + 1, None),
        ([("out", b"fine\n")], None, None, "another key"),
    ],
)
def test_forged_entries_are_refused(events: object, expires: object, version: object, key: str | None) -> None:
    mine = "1" * 40
    Path(pages._folder()).mkdir(parents=True)
    forge(Path(pages._entry(mine)), key or mine, events, expires, version)
    assert pages.load(mine) is None
    forge(Path(pages._entry(mine)), mine, [("out", b"fine\n")], time.time() + 3600.0)
    assert pages.load(mine) == [("out", b"fine\n")]  # the same entry, made right, is used


marshallable = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.binary(max_size=20) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children) | st.frozensets(st.integers()),
    max_leaves=12,
)


@pytest.mark.slow
@PROFILE
@given(payload=st.binary(max_size=200) | marshallable.map(marshal.dumps), shape=st.tuples(marshallable, marshallable))
def test_no_payload_with_a_valid_digest_makes_load_raise(payload: bytes, shape: tuple[object, object]) -> None:
    key = "2" * 40
    folder = Path(pages._folder())
    folder.mkdir(parents=True, exist_ok=True)
    entry = Path(pages._entry(key))
    entry.write_bytes(sealed.seal(pages.KIND, payload))
    assert pages.load(key) is None
    forge(entry, key, list(shape), shape[0], None)
    found = pages.load(key)
    assert found is None or all(pages.is_clean(data) for _, data in found)


def test_an_oversized_entry_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    key = "3" * 40
    recorder = pages.Recorder(key)
    recorder.events = [("out", b"x" * 1000)]
    recorder.store()
    assert pages.load(key) is not None
    monkeypatch.setattr(pages, "MAX_ENTRY_BYTES", 500)
    assert pages.load(key) is None
    recorder.events = [("out", b"y" * 1000)]
    recorder.store()  # too big to store: the old entry stays, and is still too big to use
    assert pages.load(key) is None


def _store(key: str, size: int = 1000) -> Path:
    recorder = pages.Recorder(key)
    recorder.events = [("out", key.encode()[:1] * size)]
    recorder.store()
    return Path(pages._entry(key))


def test_the_store_is_bounded_and_evicts_the_least_recently_used(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second, third = (_store(f"{n}" * 40) for n in "abc")
    size = first.stat().st_size
    for number, path in enumerate((first, second, third), start=1):
        os.utime(path, ns=(number * 10**12, number * 10**12))
    monkeypatch.setattr(pages, "MAX_STORE_BYTES", 3 * size + size // 2)

    assert pages.load("a" * 40) is not None  # the oldest, used now: the most recently used
    fourth = _store("d" * 40)
    assert not second.exists() and first.exists() and third.exists() and fourth.exists()
    fifth = _store("e" * 40)
    assert not third.exists() and first.exists() and fourth.exists() and fifth.exists()

    for number in range(20):
        _store(f"{number:040d}", size=200 + 50 * number)
        total = sum(path.stat().st_size for path in Path(pages._folder()).iterdir())
        assert total <= pages.MAX_STORE_BYTES
    assert Path(pages._entry(f"{19:040d}")).exists()  # the newest stays


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
    assert pages.is_clean(data)


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
    assert not pages.is_clean(data)


# ---------------------------------------------------------------------------------------------------------------
# Bugs found by this file, kept fixed.
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"\x1b]8;;\xc2\x9b2J\x1b\\", b"\x1b]8;;\xc2\x9d52;c;SGVsbG8=\xc2\x9c\x1b\\"])
def test_is_clean_refuses_c1_controls_inside_a_link(data: bytes) -> None:
    assert not pages.is_clean(data)


@pytest.mark.parametrize("args", [["benefits", "-lo", "slugs.txt"], ["back-pain", "-loslugs.txt"]])
def test_a_bundled_output_option_is_never_stored(args: list[str]) -> None:
    # `runacu benefits -lo slugs.txt` writes the file and stores "saved to slugs.txt"; the repeat prints
    # that from the store and writes nothing.
    assert key_for(args) is None


@pytest.mark.parametrize(
    "args",
    [
        ["contact", "--data-dir", "{data}"],
        ["guides", "--data-dir={data}"],
        ["--data-dir", "{other}", "benefits", "--data-dir", "{data}"],  # the one after the command is read
        ["--data-dir", "{data}", "search", "knee", "--", "--data-dir", "{other}"],  # after `--`, a word
    ],
)
def test_a_data_dir_after_the_command_is_in_the_key(args: list[str], data_dir: Path, tmp_path: Path) -> None:
    """`runacu contact --data-dir D` reads D as `runacu --data-dir D contact` does: an edit there is a new key."""
    other = tmp_path / "other"
    other.mkdir()
    args = [arg.format(data=data_dir, other=other) for arg in args]
    key = key_for(args)
    assert key is not None
    (data_dir / "extra.yaml").write_bytes((data_dir / "first-visit.yaml").read_bytes())
    assert key_for(args) != key


@pytest.mark.parametrize("args", [["--data-dir=", "benefits"], ["--data-dir", "", "benefits"]])
def test_an_empty_data_dir_option_still_sees_edits(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Click reads `--data-dir=` as Path(""), the working directory: `runacu --data-dir= benefits` shows
    # ./benefits.yaml, and after an edit of it the repeat still shows the old text.
    monkeypatch.chdir(tmp_path)
    guide = tmp_path / "benefits.yaml"
    guide.write_text("title: Benefits\n")
    key = key_for(args)
    guide.write_text("title: Bneefits\n")
    assert key_for(args) != key
