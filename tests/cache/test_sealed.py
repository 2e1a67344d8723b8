"""The one cache file format (`runacu.cache.sealed`): private, atomic, and never read when another could have written it.

A writer killed midway, which needs a process of its own, is in tests/e2e/test_output_signals.py.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from runacu.cache import sealed

MAX = 1 << 20


@pytest.fixture
def folder(tmp_path: Path) -> str:
    return str(tmp_path / "cache" / "things")


def _entry(folder: str) -> str:
    return os.path.join(folder, "one.entry")


def test_an_entry_written_is_read_back_and_only_as_its_own_kind(folder: str) -> None:
    assert sealed.write(_entry(folder), "page", b"payload", MAX)
    assert sealed.read(_entry(folder), "page", MAX) == b"payload"
    assert sealed.read(_entry(folder), "parse", MAX) is None


def test_folders_and_entries_are_created_private(folder: str) -> None:
    sealed.write(_entry(folder), "page", b"payload", MAX)
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(os.path.dirname(folder)).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(_entry(folder)).st_mode) == 0o600


@pytest.mark.parametrize("cut", [1, 10, 40])
def test_a_damaged_entry_is_not_read(folder: str, cut: int) -> None:
    sealed.write(_entry(folder), "page", b"payload" * 10, MAX)
    raw = Path(_entry(folder)).read_bytes()
    Path(_entry(folder)).write_bytes(raw[:-cut])
    assert sealed.read(_entry(folder), "page", MAX) is None
    flipped = bytearray(raw)
    flipped[-cut] ^= 1
    Path(_entry(folder)).write_bytes(bytes(flipped))
    assert sealed.read(_entry(folder), "page", MAX) is None


@pytest.mark.parametrize("where", ["entry", "folder", "root"])
@pytest.mark.parametrize("bits", [stat.S_IWGRP, stat.S_IWOTH])
def test_anything_another_user_could_write_is_not_read_nor_written_into(folder: str, where: str, bits: int) -> None:
    entry = _entry(folder)
    assert sealed.write(entry, "page", b"payload", MAX)
    target = {"entry": entry, "folder": folder, "root": os.path.dirname(folder)}[where]
    os.chmod(target, stat.S_IMODE(os.stat(target).st_mode) | bits)
    assert sealed.read(entry, "page", MAX) is None
    if where != "entry":
        assert not sealed.write(os.path.join(folder, "two.entry"), "page", b"payload", MAX)
        assert not os.path.exists(os.path.join(folder, "two.entry"))


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="a system without owners")
def test_what_another_user_owns_is_not_read_nor_written_into(folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _entry(folder)
    assert sealed.write(entry, "page", b"payload", MAX)
    # The same files, seen by a process of another user: they are someone else's.
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(entry).st_uid + 1)
    assert sealed.read(entry, "page", MAX) is None
    assert not sealed.write(os.path.join(folder, "two.entry"), "page", b"payload", MAX)


@pytest.mark.skipif(os.name != "posix" or not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_an_entry_owned_by_another_user_is_not_read(folder: str) -> None:
    entry = _entry(folder)
    assert sealed.write(entry, "page", b"payload", MAX)
    os.chown(entry, 4242, 4242)
    assert sealed.read(entry, "page", MAX) is None


def test_a_link_or_a_fifo_or_a_folder_is_not_read(folder: str, tmp_path: Path) -> None:
    entry = _entry(folder)
    assert sealed.write(entry, "page", b"payload", MAX)
    real = tmp_path / "elsewhere"
    os.replace(entry, real)
    os.symlink(real, entry)
    assert sealed.read(entry, "page", MAX) is None
    os.unlink(entry)
    if hasattr(os, "mkfifo"):
        os.mkfifo(entry, 0o600)
        assert sealed.read(entry, "page", MAX) is None  # and it returned: a FIFO is not waited on
        os.unlink(entry)
    os.mkdir(entry, 0o700)
    assert sealed.read(entry, "page", MAX) is None


def test_an_entry_over_the_cap_is_neither_written_nor_read(folder: str) -> None:
    assert not sealed.write(_entry(folder), "page", b"x" * 2000, 1000)
    assert not os.path.exists(_entry(folder))
    assert sealed.write(_entry(folder), "page", b"x" * 2000, 4000)
    assert sealed.read(_entry(folder), "page", 1000) is None


def test_temporary_names_cannot_be_guessed(folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone who creates `.PID.tmp` first cannot make a write fail; nor can a later process with the same PID."""
    sealed.make_private_folder(folder)
    for name in (f".{os.getpid()}.tmp", f".{os.getpid()}-0000000000000000.tmp", f".one.entry.{os.getpid()}.tmp"):
        Path(folder, name).write_bytes(b"in the way")
    seen: list[str] = []
    real_open = os.open

    def spy(path: str, *args: object, **kwargs: object) -> int:
        seen.append(os.path.basename(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", spy)
    assert sealed.write(_entry(folder), "page", b"one", MAX)
    assert sealed.write(_entry(folder), "page", b"two", MAX)
    temporaries = [name for name in seen if name.endswith(".tmp")]
    assert len(temporaries) == 2 and len(set(temporaries)) == 2


def test_ctrl_c_while_writing_leaves_no_temporary_file(folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sealed.make_private_folder(folder)

    def interrupted(descriptor: int, data: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        sealed.write(_entry(folder), "page", b"payload", MAX)
    assert os.listdir(folder) == []


def test_a_full_disk_writes_nothing_and_says_so(folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sealed.make_private_folder(folder)

    def full(descriptor: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    assert not sealed.write(_entry(folder), "page", b"payload", MAX)
    assert os.listdir(folder) == []


def test_eviction_keeps_the_folder_under_its_cap_oldest_first(folder: str) -> None:
    for number in range(10):
        path = os.path.join(folder, f"{number}.entry")
        assert sealed.write(path, "page", b"x" * 1000, MAX)
        os.utime(path, (1_000_000 + number, 1_000_000 + number))
    sealed.evict(folder, 5500, ".entry")
    assert sorted(os.listdir(folder)) == [f"{number}.entry" for number in range(5, 10)]


def test_the_fast_digest_is_still_there() -> None:
    """`sealed` imports `_blake2`, CPython's C module, to skip hashlib's 2.5 ms of OpenSSL on a repeat run.

    If this fails, a new Python moved it: `sealed` falls back to hashlib (correct, a little slower).
    """
    import _blake2
    import hashlib

    assert sealed.blake2b is _blake2.blake2b
    assert sealed.digest(b"runacu", 16) == hashlib.blake2b(b"runacu", digest_size=16).hexdigest()
