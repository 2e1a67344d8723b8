"""The commands a page tells the reader to type, written as they would type them."""

from __future__ import annotations

#: The guide `runacu check` checks when none is named.
DEFAULT_CHECK_GUIDE = "back-pain"


def command(*words: str) -> str:
    """The command a reader types, as they would type it."""
    return " ".join(("runacu", *words))
