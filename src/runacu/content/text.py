"""Untrusted text from data files made safe to print: no control or bidi characters reach a terminal raw."""

import contextlib
import re

# C0 controls other than tab and newline, DEL, C1 controls, the Unicode bidi
# embedding/override/isolate characters that can make text display as something else, and
# lone surrogates (a file name's bytes that are not UTF-8), which no output stream can encode.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: Tab and newline too: what is quoted in a one-line message must stay on that line.
_UNSAFE_IN_A_LINE = re.compile(f"{_UNSAFE.pattern}|[\t\n]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture", e.g. ESC -> U+241B
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def fold(text: str) -> str:
    """`text` as a reader's typing is compared, everywhere: any case, accents optional (`medico` is `médico`),
    and one kind of apostrophe (a typographic one is a straight one).
    """
    text = text.casefold().replace("\u2019", "'")
    if text.isascii():
        return text
    import unicodedata

    bare = "".join(char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare)


def neutralize(text: str) -> str:
    """Replace control characters (ESC, CR, BEL, ...) with visible stand-ins."""
    return _UNSAFE.sub(_visible, text)


def has_unsafe(text: str) -> bool:
    """True if `text` holds a character `neutralize` would replace."""
    return _UNSAFE.search(text) is not None


#: Echoed input (an argument, a path) is cut to this many characters.
ECHO_CHARS = 80


def neutralize_line(text: str) -> str:
    """`neutralize`, with line breaks and tabs made visible too: for text quoted within one line (a file name)."""
    return _UNSAFE_IN_A_LINE.sub(_visible, text)


def echo(text: str) -> str:
    """Something the user typed, safe, on one line and short enough to quote back in a message."""
    # Bytes that were not text in the locale's encoding are read as UTF-8 where they are; a
    # surrogate that stands for no byte cannot be, and is replaced below.
    with contextlib.suppress(UnicodeEncodeError):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = neutralize_line(text)
    return text if len(text) <= ECHO_CHARS else text[: ECHO_CHARS - 1] + "\u2026"
