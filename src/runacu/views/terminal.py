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
from typing import TextIO

#: Plain and Rich text is wrapped at most this wide: long lines are hard to read.
MAX_WIDTH = 100
MIN_WIDTH = 20

_ASCII_STAND_INS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2013": "-", "\u2014": "--", "\u2026": "...", "\u2022": "*", "\u00b7": "-", "\u2192": "->",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2212": "-", "\u00d7": "x", "\u2122": "(TM)",
    "\u00a9": "(c)", "\u00ae": "(R)", "\u00b0": " deg", "\u2713": "v", "\u2717": "x",
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

    @classmethod
    def from_environment(cls, out: TextIO | None = None, err: TextIO | None = None) -> Terminal:
        out = out if out is not None else sys.stdout
        err = err if err is not None else sys.stderr
        is_terminal = out.isatty() if hasattr(out, "isatty") else False
        is_interactive = sys.stdin is not None and sys.stdin.isatty()
        return cls(out=out, err=err, is_terminal=is_terminal, width=_width(is_terminal), is_interactive=is_interactive)

    @property
    def text_width(self) -> int:
        return max(MIN_WIDTH, min(self.width, MAX_WIDTH))

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


def _width(is_terminal: bool) -> int:
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if is_terminal:
        return shutil.get_terminal_size().columns
    return 80
