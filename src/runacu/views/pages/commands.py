"""The commands a page tells the reader to type, written as they would type them."""

from __future__ import annotations

#: The guide `runacu check` checks when none is named.
DEFAULT_CHECK_GUIDE = "back-pain"


def command(*words: str) -> str:
    """The command a reader types, as they would type it."""
    return " ".join(("runacu", *words))


def check_command(guide_slug: str) -> str:
    """The command that goes through the warning signs of the guide `guide_slug`, as short as it can be typed."""
    return command("check") if guide_slug == DEFAULT_CHECK_GUIDE else command("check", guide_slug)
