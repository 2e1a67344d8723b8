"""Untrusted text from data files made safe to print: no control or bidi characters reach a terminal raw."""

import re

# C0 controls other than tab and newline, DEL, C1 controls, and the Unicode bidi
# embedding/override/isolate characters that can make text display as something else.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture", e.g. ESC -> U+241B
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def neutralize(text: str) -> str:
    """Replace control characters (ESC, CR, BEL, ...) with visible stand-ins."""
    return _UNSAFE.sub(_visible, text)


def has_unsafe(text: str) -> bool:
    """True if `text` holds a character `neutralize` would replace."""
    return _UNSAFE.search(text) is not None


#: Echoed input (an argument, a path) is cut to this many characters.
ECHO_CHARS = 80


def echo(text: str) -> str:
    """Something the user typed, safe and short enough to quote back in a message."""
    text = neutralize(text.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    return text if len(text) <= ECHO_CHARS else text[: ECHO_CHARS - 1] + "\u2026"
