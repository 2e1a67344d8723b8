"""Untrusted text made safe to print: no control, bidi or other format character reaches any output raw.

What is unsafe is a matter of Unicode categories, in one pattern every writer uses: controls (Cc: the
C0 set, DEL and the C1 set a terminal obeys), format characters (Cf: the bidi marks, embeddings,
overrides and isolates, zero-width characters, the byte order mark, tag characters), the line and
paragraph separators (Zl, Zp) and lone surrogates (Cs: a file name's bytes that are not UTF-8, which
no output stream can encode). Spaces (Zs) are text: the views write no-break spaces on purpose.
"""

import contextlib
import re
from collections.abc import Callable

# The code points of the categories Cc, Cf, Zl, Zp and Cs, as of Unicode 15.1 (a test checks the list
# against the running Python's Unicode database). Tab and newline are controls too: kept by `neutralize`
# where a format allows them, replaced by `neutralize_line`.
_CATEGORIES = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_UNSAFE = re.compile(f"[{_CATEGORIES}]")
#: Tab and newline too: what is quoted in a one-line message must stay on that line.
_UNSAFE_IN_A_LINE = re.compile(f"[\t\n{_CATEGORIES}]")
#: Invisible by design, and read the same without: a soft hyphen (a place a word may break) and the
#: zero-width joiner (which draws two emoji as one: 🏃 and ♀ stay, side by side). Dropped, not shown.
_DROPPED = frozenset("\u00ad\u200d")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _DROPPED:
        return ""
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
    """`text` with every unsafe character but tab and newline replaced by a visible stand-in: a control by its
    picture (ESC by ␛, DEL by ␡), any other by U+FFFD; a soft hyphen and a zero-width joiner are dropped."""
    return _UNSAFE.sub(_visible, text)


def replace_unsafe(text: str, replacement: Callable[[str], str]) -> str:
    """`text` with each unsafe character but tab and newline replaced by `replacement(char)`: for a format
    that can write it escaped, so that its reader gets it back exactly (JSON's `\\u200f`)."""
    return _UNSAFE.sub(lambda match: replacement(match.group()), text)


def has_unsafe(text: str) -> bool:
    """True if `text` holds a character `neutralize` would replace or drop."""
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
