"""Lines that fit a terminal: text cut at spaces, never inside a word, a phone number, a date, a time or a percentage.

The plain and Rich writers keep the same runs whole (`keep_together`); messages, prompts and errors on the
error stream are cut by `wrap`, the one function that wraps them.
"""

from __future__ import annotations

import re

#: The spaces a run of words may hold: ASCII, no-break and the narrow no-break space CLDR writes ("p. m.").
_SPACE = "[ \u00a0\u202f]"
_LETTERS = r"[^\W\d_]+\.?"
#: Runs of words a line never breaks, whatever the language (their shapes, not their words, so a new language
#: needs no new code): a phone number "(661) 490-9221", a time "6:00 PM" or "6:00 p. m.", a date
#: "November 23, 2026" or "23 de noviembre de 2026", a percentage "27.4 %". A run that is not one of
#: these but looks like it ("3 of the 2017") is only kept on one line: no harm done. Each holds a digit: text
#: with none holds no run, and is not searched (`keep_together`, on every paragraph of every page).
UNBREAKABLE = re.compile(
    "|".join(
        (
            r"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}(?!\w)",
            rf"(?<![\w:])\d{{1,2}}:\d{{2}}(?:{_SPACE}?[AaPp]\.?{_SPACE}?[Mm](?:\.|(?!\w)))?",
            rf"(?<![\w.,])\d{{1,2}}\.?(?:{_SPACE}{_LETTERS}){{1,3}},?{_SPACE}\d{{4}}(?!\w)",
            rf"(?<!\w){_LETTERS}{_SPACE}\d{{1,2}},{_SPACE}\d{{4}}(?!\w)",
            rf"(?<![\w.,])\d+(?:[.,]\d+)?{_SPACE}?%",
        )
    )
)
_SPACES = re.compile(_SPACE)
_DIGIT = re.compile(r"\d")
#: Characters as wide as one cell everywhere (Latin, Greek, Cyrillic): measured without Rich's tables.
_ONE_CELL_EACH = re.compile(r"[\x20-\x7e\xa0-\u02ff\u0370-\u0482]*")


def keep_together(text: str, keep: str) -> str:
    """`text` with the spaces inside each run of `UNBREAKABLE` made `keep`, a character no wrapper breaks at."""
    if not _DIGIT.search(text):  # no digit, no run: most paragraphs, told a third faster than by searching
        return text
    return UNBREAKABLE.sub(lambda found: _SPACES.sub(keep, found.group()), text)


def cells(text: str) -> int:
    """How many terminal cells `text` takes (a CJK character two, a combining accent none), as Rich counts them."""
    if _ONE_CELL_EACH.fullmatch(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def wrap(text: str, width: int, indent: str | None = None) -> list[str]:
    """Each line of `text` cut into lines at most `width` cells wide, at its spaces.

    A line's continuation lines start with `indent` (else with the line's own leading spaces). Only a word
    wider than a line is cut, and a run of `UNBREAKABLE` wider than a line only at its spaces.
    """
    width = max(width, 1)
    lines: list[str] = []
    for line in text.split("\n"):
        lines += _wrap_line(line, width, indent)
    return lines


def _wrap_line(line: str, width: int, indent: str | None) -> list[str]:
    if cells(line) <= width:
        return [line]
    body = line.lstrip(" ")
    lead = line[: len(line) - len(body)]
    rest = lead if indent is None else indent
    if cells(lead) > width // 2:
        lead = ""
    if cells(rest) > width // 2:
        rest = ""
    room = width - max(cells(lead), cells(rest))
    lines: list[str] = []
    current, empty = lead, True
    for space, word in _words(body):
        for joint, piece in _pieces(space, word, room):
            if empty:
                current, empty = current + piece, False
            elif cells(current) + cells(joint) + cells(piece) <= width:
                current += joint + piece
            else:
                lines.append(current)
                current = rest + piece
    lines.append(current)
    return lines


def _words(body: str) -> list[tuple[str, str]]:
    """The words of a line, each with the spaces before it; the spaces inside an unbreakable run are no break."""
    kept = [found.span() for found in UNBREAKABLE.finditer(body)]
    words: list[tuple[str, str]] = []
    start, space = 0, ""
    for found in re.finditer(" +", body):
        if any(begin < found.start() < end for begin, end in kept):
            continue
        if found.start() > start:
            words.append((space, body[start : found.start()]))
        space, start = found.group(), found.end()
    if start < len(body):
        words.append((space, body[start:]))
    return words


def _pieces(space: str, word: str, room: int) -> list[tuple[str, str]]:
    """A word and the spaces before it; a word wider than a line (`room`) in pieces: an unbreakable run cut at
    its own spaces, then any piece still too wide cut into slices of cells."""
    if cells(word) <= room:
        return [(space, word)]
    pieces: list[tuple[str, str]] = []
    for index, part in enumerate(word.split(" ")):
        joint = space if index == 0 else " "
        piece = ""
        for char in part:
            if piece and cells(piece + char) > room:
                pieces.append((joint, piece))
                joint, piece = "", ""
            piece += char
        if piece:
            pieces.append((joint, piece))
    return pieces
