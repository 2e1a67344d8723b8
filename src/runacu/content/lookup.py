"""Forgiving lookup of a topic or guide by what a reader types: any case, a number, an alias or a unique prefix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from runacu.content.text import fold
from runacu.errors import UsageError
from runacu.words import say


@dataclass(frozen=True)
class Entry:
    """Something that can be looked up: its slug and the other names it answers to."""

    slug: str
    aliases: Sequence[str] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.slug, *self.aliases)


class UnknownNameError(UsageError):
    """No topic or guide answers to a name; carries the closest names as suggestions."""

    def __init__(self, kind: str, name: str, suggestions: list[str], valid: list[str], numbered: bool) -> None:
        from runacu.content.text import echo

        self.name, self.suggestions = name, suggestions
        message = say(f"unknown_{kind}", name=echo(name))
        if suggestions:
            message += " " + say("did_you_mean", names=say("or").join(f"'{slug}'" for slug in suggestions))
        message += " " + say(f"valid_{kind}s", names=", ".join(valid))
        if numbered:
            message += " " + say("numbers_work", count=len(valid))
        super().__init__(message)


class AmbiguousNameError(UsageError):
    def __init__(self, kind: str, name: str, candidates: list[str]) -> None:
        self.name, self.candidates = name, candidates
        from runacu.content.text import echo

        super().__init__(say(f"ambiguous_{kind}", name=echo(name), names=", ".join(candidates)))


def resolve(kind: str, name: str, entries: Sequence[Entry], numbered: bool = True) -> int:
    """The index in `entries` that `name` means: a number (1-based), a slug or alias, or a unique prefix."""
    wanted = fold(name.strip())
    if numbered and wanted.isdecimal() and wanted.isascii() and 1 <= int(wanted) <= len(entries):
        return int(wanted) - 1
    # A slug wins over an alias, and an alias over a prefix.
    for index, entry in enumerate(entries):
        if wanted == fold(entry.slug):
            return index
    for index, entry in enumerate(entries):
        if any(wanted == fold(alias) for alias in entry.aliases):
            return index
    if wanted:
        matches = sorted({i for i, e in enumerate(entries) if any(fold(n).startswith(wanted) for n in e.names)})
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise AmbiguousNameError(kind, name, [entries[i].slug for i in matches])
    raise UnknownNameError(kind, name, _closest(wanted, entries), [entry.slug for entry in entries], numbered)


def _closest(wanted: str, entries: Sequence[Entry]) -> list[str]:
    import difflib

    by_name = {fold(name): entry.slug for entry in entries for name in entry.names}
    close = difflib.get_close_matches(wanted, list(by_name), n=3, cutoff=0.5)
    return list(dict.fromkeys(by_name[name] for name in close))
