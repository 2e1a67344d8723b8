"""Memos of slow libraries' answers: a later run finds them and does not import the library."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from runacu.content import parse_cache
from runacu.memo import Memo
from tests.conftest import run_process


def test_an_answer_is_made_once_and_kept_for_the_next_run() -> None:
    made: list[str] = []
    first = Memo("test", "snowballstemmer", limit=10)
    assert first.get("a", lambda: made.append("a") or "A") == "A"
    assert first.get("a", lambda: made.append("a") or "X") == "A"
    first.save()
    later = Memo("test", "snowballstemmer", limit=10)
    assert later.get("a", lambda: made.append("a") or "X") == "A"
    assert made == ["a"]


def test_a_full_memo_keeps_only_what_the_run_used() -> None:
    def kept() -> dict[str, str]:
        return parse_cache.unseal(parse_cache.cache_dir() / "parsed" / "test.marshal")[1]  # type: ignore[no-any-return]

    memo = Memo("test", "snowballstemmer", limit=2)
    memo.get("a", lambda: "A")
    memo.get("b", lambda: "B")
    memo.save()
    assert kept() == {"a": "A", "b": "B"}
    later = Memo("test", "snowballstemmer", limit=2)
    assert later.get("b", lambda: "new") == "B"
    later.get("z", lambda: "Z")  # three answers now, of which this run used two
    later.save()
    assert kept() == {"b": "B", "z": "Z"}
    crowded = Memo("test", "snowballstemmer", limit=2)
    for key in "xyz":
        crowded.get(key, key.upper)
    crowded.save()  # this run alone used more than the limit: the memo is left as it was
    assert kept() == {"b": "B", "z": "Z"}


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"garbage"),
        lambda path: parse_cache.write_sealed(path, marshal.dumps((("elsewhere", 1, 2), {"a": "stale"}))),
        lambda path: parse_cache.write_sealed(path, marshal.dumps((parse_cache.unseal(path)[0], {"a": "\x1b[31m"}))),
    ],
    ids=["damaged", "another version of the library", "a control character"],
)
def test_a_memo_that_cannot_be_trusted_is_not_used(damage: object) -> None:
    memo = Memo("test", "snowballstemmer", limit=10)
    memo.get("a", lambda: "A")
    memo.save()
    damage(parse_cache.cache_dir() / "parsed" / "test.marshal")  # type: ignore[operator]
    assert Memo("test", "snowballstemmer", limit=10).get("a", lambda: "made again") == "made again"


def test_a_memo_of_a_library_not_installed_keeps_nothing() -> None:
    memo = Memo("test", "no_such_package_for_runacu", limit=10)
    memo.get("a", lambda: "A")
    memo.save()
    assert not (parse_cache.cache_dir() / "parsed" / "test.marshal").exists()


def test_a_search_run_again_does_not_import_the_stemmer(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path), "RUNACU_NO_CACHE": "1", "PYTHONPROFILEIMPORTTIME": "1"}
    first, again = run_process("search", "stretching", env=env), run_process("search", "stretching", env=env)
    assert first.returncode == again.returncode == 0
    assert b"| snowballstemmer\n" in first.stderr
    assert b"snowballstemmer" not in again.stderr
    assert first.stdout == again.stdout and b"stretch" in first.stdout.lower()
    other = run_process("--lang", "es", "search", "estiramientos", env=env)  # a word not stemmed before
    assert other.returncode == 0 and b"| snowballstemmer\n" in other.stderr
