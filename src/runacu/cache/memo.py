"""Memos of what a slow library worked out, kept in the user's cache, so a later run need not import it.

babel takes a good part of a command's start-up to import, and snowballstemmer loads the tables of
all its languages to stem one word, while runacu asks them the same few things run after run ("23
November 2026", the stem of "blood"). A memo keeps each answer, tied to the installed library's
package file: a new version of the library starts a new memo. The memo is a sealed entry in the
parse cache's folder (a damaged one is an empty memo), and holds only text that the caller's
`accept` passes when read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache

from runacu.cache import parsed

LibraryStamp = tuple[str, int, int]


class Memo:
    """Answers of the library `package`, by key, kept in `<cache>/parsed/<name>.marshal`.

    At most `limit` answers are kept: a fuller memo keeps only those this run used. `accept` says
    whether a kept answer may be used (runacu passes its check for control characters).
    """

    def __init__(self, name: str, package: str, limit: int, accept: Callable[[str], bool]) -> None:
        self.name, self.package, self.limit, self.accept = name, package, limit, accept
        self._answers: dict[str, str] | None = None
        self._used: set[str] = set()
        self._changed = False

    def get(self, key: str, make: Callable[[], str]) -> str:
        """The kept answer for `key`, or `make()`'s, kept from now on (call `save` to write it)."""
        answers = self._load()
        self._used.add(key)
        found = answers.get(key)
        if found is None:
            found = answers[key] = make()
            self._changed = True
        return found

    def save(self) -> None:
        """Write the memo if it gained answers; quietly do nothing when it cannot be written."""
        if not self._changed or self._answers is None or (stamp := _stamp(self.package)) is None:
            return
        answers = self._answers
        if len(answers) > self.limit:
            answers = {key: answers[key] for key in self._used if key in answers}
        if len(answers) <= self.limit:
            parsed.write(self.path(), (stamp, answers))
        self._changed = False

    def path(self) -> str:
        return os.path.join(parsed.folder(), f"{self.name}.marshal")

    def _load(self) -> dict[str, str]:
        if self._answers is None:
            self._answers = self._read()
        return self._answers

    def _read(self) -> dict[str, str]:
        stamp = _stamp(self.package)
        if stamp is None:
            return {}
        entry = parsed.read(self.path())
        if type(entry) is not tuple or len(entry) != 2 or entry[0] != stamp or type(entry[1]) is not dict:
            return {}
        answers = entry[1]
        if not all(
            type(key) is str and type(value) is str and value and self.accept(value) for key, value in answers.items()
        ):
            return {}
        return dict(answers)


@cache
def _stamp(package: str) -> LibraryStamp | None:
    """Which installed `package` made the answers: its package file's path, size and time (without importing it)."""
    from importlib.util import find_spec

    spec = find_spec(package)
    if spec is None or spec.origin is None:
        return None
    try:
        info = os.stat(spec.origin)
    except OSError:
        return None
    return spec.origin, info.st_size, info.st_mtime_ns
