"""Where output goes and what that place can show: the one object the views write through.

Tests make their own (any text stream, any width), so nothing needs a real terminal.
"""

from __future__ import annotations

import codecs
import os
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import TextIO

#: Plain and Rich text is wrapped at most this wide: long lines are hard to read.
MAX_WIDTH = 100
MIN_WIDTH = 20

_ASCII_STAND_INS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2013": "-", "\u2014": "--", "\u2026": "...", "\u2022": "*", "\u00b7": "-", "\u2192": "->",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2212": "-", "\u00d7": "x", "\u2122": "(TM)",
    "\u00a9": "(c)", "\u00ae": "(R)", "\u00b0": " deg", "\u2713": "v", "\u2717": "x",
    # Not "n": "año" (year) would read "ano" (anus); "ni" sounds as the ñ does before a vowel ("anio").
    "\u00f1": "ni", "\u00d1": "NI",
}  # fmt: skip
TRANSLITERATE = "runacu-transliterate"


def _stand_in(char: str) -> str:
    if char in _ASCII_STAND_INS:
        return _ASCII_STAND_INS[char]
    ascii_form = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return ascii_form or "?"


def _transliterate(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: close ASCII stand-ins for what the stream's encoding lacks."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chars = error.object[error.start : error.end]
    return "".join(_stand_in(char) for char in chars), error.end


codecs.register_error(TRANSLITERATE, _transliterate)


def is_utf8(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return codecs.lookup(encoding).name == "utf-8"


def make_stream_safe(stream: TextIO) -> None:
    """On a non-UTF-8 stream, write ASCII stand-ins for typographic quotes, dashes and bullets."""
    if not is_utf8(stream) and hasattr(stream, "reconfigure"):
        stream.reconfigure(errors=TRANSLITERATE)


@dataclass
class Terminal:
    """The output and error streams, and what the output stream is (a terminal or a pipe, how wide)."""

    out: TextIO
    err: TextIO
    is_terminal: bool
    width: int
    #: Someone can answer questions: stdin is a terminal.
    is_interactive: bool = False
    #: Colour and styles: on a terminal unless NO_COLOR, or wherever FORCE_COLOR or --color always says.
    color: bool | None = None
    #: Lines on the screen (for paging), when it is a terminal.
    height: int = 24
    #: How wide the error stream's terminal is (messages, questions and errors are wrapped to it), or None when
    #: the error stream is no terminal: a log file gets each message on one line, as it was said.
    err_width: int | None = None

    def __post_init__(self) -> None:
        if self.color is None:
            self.color = color_wanted(ColorMode.AUTO, self.is_terminal)

    @classmethod
    def from_environment(
        cls, out: TextIO | None = None, err: TextIO | None = None, color: ColorMode | None = None
    ) -> Terminal:
        out = out if out is not None else sys.stdout
        err = err if err is not None else sys.stderr
        try:
            is_terminal = out.isatty()
        except (AttributeError, ValueError):
            is_terminal = False
        try:
            is_interactive = sys.stdin is not None and sys.stdin.isatty()
        except ValueError:  # a closed stdin
            is_interactive = False
        width, height = _size(is_terminal)
        return cls(
            out=out,
            err=err,
            is_terminal=is_terminal,
            width=width,
            is_interactive=is_interactive,
            color=color_wanted(color or ColorMode.AUTO, is_terminal),
            height=height,
            err_width=_err_width(err),
        )

    @property
    def text_width(self) -> int:
        return max(MIN_WIDTH, min(self.width, MAX_WIDTH))

    @property
    def message_width(self) -> int | None:
        """The width messages are wrapped to: the error stream's terminal's, at most `MAX_WIDTH`; None: not wrapped."""
        return None if self.err_width is None else max(MIN_WIDTH, min(self.err_width, MAX_WIDTH))

    def wrap_message(self, text: str, room: int = 0) -> str:
        """`text` as the error stream shows it: each line wrapped at word boundaries to fit its terminal, with `room`
        cells left free on every line (for the cursor after a question). Unchanged when it is no terminal."""
        from runacu.views.wrapping import wrap

        width = self.message_width
        return text if width is None else "\n".join(wrap(text, width - room))

    def write(self, text: str) -> None:
        self.out.write(text)

    def write_bytes(self, data: bytes) -> None:
        """Exact bytes (a vCard's CRLF line endings survive text-mode newline handling)."""
        buffer = getattr(self.out, "buffer", None)
        if buffer is None:
            self.out.write(data.decode("utf-8"))
            return
        self.out.flush()
        buffer.write(data)
        buffer.flush()

    def write_utf8(self, text: str) -> None:
        """Write UTF-8 whatever the stream's own encoding (JSON is always UTF-8)."""
        if is_utf8(self.out):
            self.out.write(text)
        else:
            self.write_bytes(text.encode("utf-8"))


class ColorMode(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def color_wanted(mode: ColorMode, is_terminal: bool) -> bool:
    """--color always/never decide; with auto, NO_COLOR wins, then FORCE_COLOR, then 'is it a terminal'."""
    if mode is not ColorMode.AUTO:
        return mode is ColorMode.ALWAYS
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_terminal and os.environ.get("TERM") != "dumb"


def _number(name: str) -> int | None:
    # isdecimal and isascii: `COLUMNS=²` is a digit to Python but not a number.
    value = os.environ.get(name, "").strip()
    if value.isascii() and value.isdecimal() and 0 < int(value) < 100_000:
        return int(value)
    return None


def _err_width(err: TextIO) -> int | None:
    """The error stream's own width when it is a terminal (stdout may be a pipe): COLUMNS, else its size."""
    try:
        if not err.isatty():
            return None
        return _number("COLUMNS") or os.get_terminal_size(err.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):  # no fileno (a test's buffer), closed, or no size to ask
        return None


def _size(is_terminal: bool) -> tuple[int, int]:
    columns, lines = _number("COLUMNS"), _number("LINES")
    if is_terminal and (columns is None or lines is None):
        size = shutil.get_terminal_size()
        return columns or size.columns, lines or size.lines
    return columns or 80, lines or 24
