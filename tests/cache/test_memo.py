"""Memos of slow libraries' answers: a later run finds them and does not import the library."""

from __future__ import annotations

from pathlib import Path

import pytest

from runacu.cache import parsed
from runacu.cache.memo import Memo
from runacu.content.text import has_unsafe


def _entry() -> Path:
    return Path(parsed.folder()) / "test.marshal"


def SAFE(answer: str) -> bool:
    """What runacu's memos accept: text without control characters."""
    return not has_unsafe(answer)


def test_an_answer_is_made_once_and_kept_for_the_next_run() -> None:
    made: list[str] = []
    first = Memo("test", "snowballstemmer", limit=10, accept=SAFE)
    assert first.get("a", lambda: made.append("a") or "A") == "A"
    assert first.get("a", lambda: made.append("a") or "X") == "A"
    first.save()
    later = Memo("test", "snowballstemmer", limit=10, accept=SAFE)
    assert later.get("a", lambda: made.append("a") or "X") == "A"
    assert made == ["a"]


def test_a_full_memo_keeps_only_what_the_run_used() -> None:
    def kept() -> dict[str, str]:
        return parsed.read(str(_entry()))[1]  # type: ignore[no-any-return]

    memo = Memo("test", "snowballstemmer", limit=2, accept=SAFE)
    memo.get("a", lambda: "A")
    memo.get("b", lambda: "B")
    memo.save()
    assert kept() == {"a": "A", "b": "B"}
    later = Memo("test", "snowballstemmer", limit=2, accept=SAFE)
    assert later.get("b", lambda: "new") == "B"
    later.get("z", lambda: "Z")  # three answers now, of which this run used two
    later.save()
    assert kept() == {"b": "B", "z": "Z"}
    crowded = Memo("test", "snowballstemmer", limit=2, accept=SAFE)
    for key in "xyz":
        crowded.get(key, key.upper)
    crowded.save()  # this run alone used more than the limit: the memo is left as it was
    assert kept() == {"b": "B", "z": "Z"}


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"garbage"),
        lambda path: parsed.write(str(path), (("elsewhere", 1, 2), {"a": "stale"})),
        lambda path: parsed.write(str(path), (parsed.read(str(path))[0], {"a": "\x1b[31m"})),
    ],
    ids=["damaged", "another version of the library", "a control character"],
)
def test_a_memo_that_cannot_be_trusted_is_not_used(damage: object) -> None:
    memo = Memo("test", "snowballstemmer", limit=10, accept=SAFE)
    memo.get("a", lambda: "A")
    memo.save()
    damage(_entry())  # type: ignore[operator]
    assert Memo("test", "snowballstemmer", limit=10, accept=SAFE).get("a", lambda: "made again") == "made again"


def test_a_memo_of_a_library_not_installed_keeps_nothing() -> None:
    memo = Memo("test", "no_such_package_for_runacu", limit=10, accept=SAFE)
    memo.get("a", lambda: "A")
    memo.save()
    assert not _entry().exists()
