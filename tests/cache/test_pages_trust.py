"""The page store replays only what runacu writes: what a stored page may hold, checked without a run.

Each test here is a case a hostile review found (issue 21): bytes a forger chose, a pager's page on a pipe.
The cases that need runacu run as a user runs it (a store another user could write, a data folder reached
through a link, completion in another data folder, a full disk, a deleted working directory) are in
tests/e2e/test_pages_trust.py.
"""

from __future__ import annotations

import sys

import pytest

from runacu.cache import pages

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX owners, modes, links and /dev/full")


@pytest.mark.parametrize(
    "data",
    [
        b"\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\\n",  # a link to anything but web, mail and phone
        b"\x1b]8;;javascript:alert(1)\x1b\\x\x1b]8;;\x1b\\\n",
        b"visible\x1b[8mconcealed\x1b[0m\n",  # concealed text runacu never writes
        b"\x1b[5mblinking\x1b[0m\n",
        "Clinic \u202eenohp\n".encode(),  # right-to-left override
        "a\u200bzero\u200fwidth\ufeff\n".encode(),
        "line\u2028separator\n".encode(),
        "\u0085next line\n".encode(),
    ],
)
def test_replay_refuses_what_runacu_would_not_write(data: bytes) -> None:
    assert not pages.is_clean(data, "utf-8")


def test_a_raw_c1_byte_is_refused_when_stdout_is_latin_1() -> None:
    assert not pages.is_clean(b"\x9b2J cleared\n", "latin-1")
    assert pages.is_clean("caf\u00e9 27.4\u00a0%\n".encode("latin-1"), "latin-1")


@pytest.mark.parametrize(
    "data",
    [
        b"plain\ttext\n",
        "Espa\u00f1ol 27,4\u00a0% \u2014 (661)\u00a0490-9221\n".encode(),
        b"\x1b[1;38;5;208mcoloured\x1b[0m \x1b[38;2;10;20;30mtrue\x1b[39m\n",
        b"\x1b]8;id=12;tel:+16614909221\x1b\\(661) 490-9221\x1b]8;;\x1b\\\n",
        b"\x1b]8;;https://www.nice.org.uk/guidance/ng59\x1b\\NICE\x1b]8;;\x1b\\\r\n",
    ],
)
def test_replay_accepts_what_runacu_writes(data: bytes) -> None:
    assert pages.is_clean(data, "utf-8")


def test_a_pager_event_is_never_replayed_on_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    key = "5" * 40
    recorder = pages.Recorder(key)
    recorder.events = [("pager", b"long text\n")]
    recorder.store()
    monkeypatch.setattr(pages, "_is_terminal", lambda descriptor: True)
    assert pages.load(key) == [("pager", b"long text\n")]
    monkeypatch.setattr(pages, "_is_terminal", lambda descriptor: False)
    assert pages.load(key) is None
