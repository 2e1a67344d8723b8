"""Forgiving lookup of a topic or guide by what a reader types: any case, a number, an alias or a unique prefix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from runacu.content.text import fold
from runacu.errors import UsageError
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.words import Words


@dataclass(frozen=True)
class Entry:
    """Something that can be looked up: its slug and the other names it answers to."""

    slug: str
    aliases: Sequence[str] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.slug, *self.aliases)


class _Said(NamedTuple):
    unknown: str
    valid: str
    ambiguous: str


#: What a lookup says, for each kind of name it looks up.
_SAID = {
    "topic": _Said(
        N_("unknown topic '{name}'."),
        N_("Topics: {names}."),
        N_("'{name}' could be more than one topic: {names}. Type more of the name."),
    ),
    "guide": _Said(
        N_("unknown guide '{name}'."),
        N_("Guides: {names}."),
        N_("'{name}' could be more than one guide: {names}. Type more of the name."),
    ),
}


class UnknownNameError(UsageError):
    """No topic or guide answers to a name; carries the closest names as suggestions."""

    def __init__(
        self, kind: str, name: str, suggestions: list[str], valid: list[str], numbered: bool, words: Words
    ) -> None:
        from runacu.content.text import echo

        self.name, self.suggestions = name, suggestions
        message = words.say(_SAID[kind].unknown, name=echo(name))
        if suggestions:
            message += " " + words.say(
                "Did you mean {names}?", names=words.say(" or ").join(f"'{slug}'" for slug in suggestions)
            )
        message += " " + words.say(_SAID[kind].valid, names=", ".join(valid))
        if numbered:
            message += " " + words.say("Numbers 1 to {count} work too.", count=len(valid))
        super().__init__(message)


class AmbiguousNameError(UsageError):
    def __init__(self, kind: str, name: str, candidates: list[str], words: Words) -> None:
        self.name, self.candidates = name, candidates
        from runacu.content.text import echo

        super().__init__(words.say(_SAID[kind].ambiguous, name=echo(name), names=", ".join(candidates)))


def resolve(kind: str, name: str, entries: Sequence[Entry], words: Words, numbered: bool = True) -> int:
    """The index in `entries` that `name` means: a number (1-based), a slug or alias, or a unique prefix.

    A name that means none (or several) is a usage error, told in `words` (the reader's language).
    """
    wanted = fold(name.strip())
    # A number only as long as one that can name an entry: Python reads none of thousands of digits.
    digits = wanted.lstrip("0") if wanted.isdecimal() and wanted.isascii() else ""
    if numbered and digits and len(digits) <= len(str(len(entries))) and int(digits) <= len(entries):
        return int(digits) - 1
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
            raise AmbiguousNameError(kind, name, [entries[i].slug for i in matches], words)
    raise UnknownNameError(kind, name, _closest(wanted, entries), [entry.slug for entry in entries], numbered, words)


def _closest(wanted: str, entries: Sequence[Entry]) -> list[str]:
    import difflib

    by_name = {fold(name): entry.slug for entry in entries for name in entry.names}
    close = difflib.get_close_matches(wanted, list(by_name), n=3, cutoff=0.5)
    return list(dict.fromkeys(by_name[name] for name in close))
