"""Parsed data files, so a command run again skips the YAML parser and its import.

Each entry is keyed by the file's real path and stamped with its size, modification time, change
time and inode: any change to the file misses the cache. What is kept is plain data only (the
parse, where each key was, which texts were folded, the models' last validated data), and it is
checked on the way back: only plain data the YAML reader could have built reaches the models.
Beside a file's parse, `derived` entries keep what is worked out from it (a guide's summary, its
search text), so a command that needs only that reads neither the parse nor the models.

Entries are sealed (`cache/sealed.py`), and the folder is bounded (`MAX_CACHE_BYTES`, oldest first
to go): throwaway data folders do not pile up.
"""

from __future__ import annotations

import itertools
import marshal
import os
from collections.abc import Iterable
from typing import Any

from runacu.cache import sealed
from runacu.cache.dirs import cache_dir

FORMAT = 4
KIND = "parse"
Stamp = tuple[int, int, int, int]
#: A file's parse, as `store` keeps it: (data, marks, folded, validated).
Parts = tuple[Any, dict[tuple[str | int, ...], tuple[int, int]], list[tuple[str | int, ...]], Any]
MAX_ENTRY_BYTES = 8 * 1024 * 1024
MAX_CACHE_BYTES = 48 * 1024 * 1024
#: Nesting deeper than the YAML reader allows (its MAX_DEPTH, 64) was not written by runacu.
MAX_DEPTH = 80
_SCALARS = frozenset((str, int, float, bool, type(None)))
_KEY_PARTS = frozenset((str, int))


def folder() -> str:
    return os.path.join(cache_dir(), "parsed")


def stamp_of(path: str) -> Stamp | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _entry(path: str, kind: str = "marshal") -> str:
    digest = sealed.digest(os.path.realpath(path).encode("utf-8", "surrogatepass"), 16)
    return os.path.join(folder(), f"{digest}.{kind}")


def read(entry: str) -> Any:
    """An entry's unmarshalled payload, if it is intact and the user's; else None."""
    payload = sealed.read(entry, KIND, MAX_ENTRY_BYTES)
    if payload is None:
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


def write(entry: str, value: Any) -> None:
    """Keep `value` (plain data) at `entry`; quietly do nothing when that fails."""
    try:
        payload = marshal.dumps(value)
    except ValueError:
        return
    if sealed.write(entry, KIND, payload, MAX_ENTRY_BYTES):
        sealed.evict(folder(), MAX_CACHE_BYTES, "")


def load(path: str, stamp: Stamp) -> Parts | None:
    """The cached parse of `path` as it was at `stamp`, or None (no entry, a stale one, or a damaged one)."""
    entry = read(_entry(path))
    if type(entry) is not tuple or len(entry) != 7:
        return None
    version, saved_path, saved_stamp, data, marks, folded, validated = entry
    if version != FORMAT or saved_path != path or saved_stamp != stamp or type(saved_stamp) is not tuple:
        return None
    return (data, marks, folded, validated) if valid_parts(data, marks, folded, validated) else None


def valid_parts(data: Any, marks: Any, folded: Any, validated: Any) -> bool:
    """Whether a kept parse has exactly the shape the YAML reader and the models give: nothing else is used."""
    if not _is_marks(marks) or not _is_plain(data):
        return False
    if type(folded) is not list or not all(type(key) is tuple and _holds_text(data, key) for key in folded):
        return False
    return validated is None or (
        type(validated) is tuple and len(validated) == 2 and type(validated[0]) is str and _is_plain(validated[1])
    )


def store(path: str, stamp: Stamp, parts: Parts) -> None:
    """Cache `parts` as the parse of `path` at `stamp`; quietly do nothing when that fails."""
    data, marks, folded, validated = parts
    write(_entry(path), (FORMAT, path, stamp, data, marks, sorted(folded, key=repr), validated))


def load_derived(path: str, stamp: Stamp, kind: str, tag: str) -> Any:
    """Plain data worked out from `path` as it was at `stamp`, by what `tag` names; None if there is none."""
    entry = read(_entry(path, kind))
    if type(entry) is not tuple or len(entry) != 5:
        return None
    version, saved_path, saved_stamp, saved_tag, value = entry
    if (version, saved_path, saved_stamp, saved_tag) != (FORMAT, path, stamp, tag) or not _is_plain(value):
        return None
    return value


def store_derived(path: str, stamp: Stamp, kind: str, tag: str, value: Any) -> None:
    """Keep `value` (plain data) as derived from `path` at `stamp`; quietly do nothing when that fails."""
    write(_entry(path, kind), (FORMAT, path, stamp, tag, value))


def _holds_text(data: Any, path: tuple[Any, ...]) -> bool:
    """Whether `path` leads through `data` to text (a folded text the reader recorded)."""
    for part in path:
        in_dict = type(data) is dict and type(part) is str and part in data
        if not in_dict and not (type(data) is list and type(part) is int and 0 <= part < len(data)):
            return False
        data = data[part]
    return type(data) is str


def _is_marks(marks: Any) -> bool:
    """A dict of key path (a tuple of str and int) -> 1-based (line, column)."""
    if type(marks) is not dict:
        return False
    keys, values = marks.keys(), marks.values()
    if not all(type(key) is tuple for key in keys) or not {type(part) for key in keys for part in key} <= _KEY_PARTS:
        return False
    if not all(type(value) is tuple and len(value) == 2 for value in values):
        return False
    numbers = list(itertools.chain.from_iterable(values))
    return {type(number) for number in numbers} <= {int} and (not numbers or min(numbers) >= 1)


def _is_plain(data: Any) -> bool:
    """Only what the YAML reader builds: text, numbers, booleans, null, lists and text-keyed dicts, without cycles.

    Aliases make shared values, so each list or dict is walked once; one met again while it is
    still being walked contains itself, which the reader never builds. Every cache read walks
    what it loads, so the leaves (most of it) are checked inline, not in a call each.
    """
    walked: set[int] = set()
    walking: set[int] = set()

    def walk(value: list[Any] | dict[Any, Any], depth: int) -> bool:
        identity = id(value)
        if identity in walked:
            return True
        if identity in walking or depth > MAX_DEPTH:  # a cycle, or deeper than the reader nests
            return False
        if type(value) is dict:
            if not all(type(key) is str for key in value):
                return False
            children: Iterable[Any] = value.values()
        else:
            children = value
        walking.add(identity)
        for child in children:
            kind = type(child)
            if kind in _SCALARS:
                continue
            if (kind is not list and kind is not dict) or not walk(child, depth + 1):
                return False
        walking.discard(identity)
        walked.add(identity)
        return True

    kind = type(data)
    return kind in _SCALARS or ((kind is list or kind is dict) and walk(data, 1))
