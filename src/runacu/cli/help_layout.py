"""--help as wide as the terminal, down to 40 columns: Click's help formatter, told the width and laid out to fit.

Click keeps help at least 50 columns wide, and sets options' descriptions in a column however narrow the
screen; here the help takes the terminal's width (at most 80, as Click's), a description too narrow to read
beside its option goes under it, and no word is cut. Only Click's public API: a `Context` whose
`make_formatter` makes runacu's `HelpFormatter` (a subclass of the one Click documents for this).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import typer

from runacu.views.wrapping import cells, wrap

if TYPE_CHECKING:
    from typer._click.formatting import HelpFormatter as ClickHelpFormatter

    from runacu.views.terminal import Terminal
else:  # the class Click's context makes its formatters of, whichever module holds it
    ClickHelpFormatter = typer.Context.formatter_class

#: Help is at most this wide, with a margin of 2 columns, as Click has it.
WIDEST = 80
MARGIN = 2
NARROWEST = 20
#: Descriptions beside their options need this many columns; with fewer, each goes under its option.
BESIDE = 24
#: A Python type after an argument's name ("TOPIC <str>"): the name already says what to type.
_TYPE_NAME = re.compile(r" <(?:str|int|float|bool|path|file|dir|uuid|datetime|list\[[^\]<>]*\])>$")
#: The words of an example command: a quoted argument is one word.
_SHELL_WORD = re.compile(r"""(?:"[^"]*"|'[^']*'|[^\s"'])+""")


def help_width(columns: int) -> int:
    """The width help is laid out in on a terminal `columns` wide."""
    return max(min(columns, WIDEST) - MARGIN, NARROWEST)


class HelpFormatter(ClickHelpFormatter):
    """Click's help formatter, with runacu's wrapping: at spaces only, descriptions under their options when
    the screen is narrow, and on a terminal an example too long for it continued on the next line with a `\\`."""

    def __init__(self, width: int, on_terminal: bool) -> None:
        super().__init__(width=width)
        self.on_terminal = on_terminal

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        # Click's, without the space it leaves at the end of "Usage: runacu guide" when the rest goes below it.
        start = len(self.buffer)
        super().write_usage(prog, args, prefix)
        written = "".join(self.buffer[start:])
        del self.buffer[start:]
        self.write(re.sub(" +\n", "\n", written))

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        lines: list[str] = []
        for paragraph in _paragraphs(text):
            if lines:
                lines.append("")
            if paragraph[0].strip() == "\b":  # Click's mark for a block not to re-wrap: examples
                for line in paragraph[1:]:
                    lines += self._command_lines(indent + line)
            else:
                extra = paragraph[0][: len(paragraph[0]) - len(paragraph[0].lstrip())]
                lines += wrap(indent + extra + " ".join(line.strip() for line in paragraph), self.width)
        self.write("".join(f"{line}\n" for line in lines))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(_TYPE_NAME.sub("", term), text) for term, text in rows]
        indent = " " * self.current_indent
        first = min(max((cells(term) for term, _ in rows), default=0), col_max) + col_spacing
        beside = self.width - self.current_indent - first >= BESIDE
        column = self.current_indent + (first if beside else 4)
        for term, text in rows:
            terms = wrap(indent + term, self.width, indent=indent + "    ")
            said = [line for paragraph in _paragraphs(text) for line in wrap(" ".join(paragraph), self.width - column)]
            if said and beside and len(terms) == 1 and cells(term) + col_spacing <= first:
                terms[0] += " " * (column - cells(terms[0])) + said.pop(0)
            self.write("".join(f"{line}\n" for line in terms + [" " * column + line for line in said]))

    def _command_lines(self, line: str) -> list[str]:
        """An example command; on a terminal too narrow for it, continued on the next lines as a shell reads it."""
        if not self.on_terminal or cells(line) <= self.width:
            return [line]
        indent = line[: len(line) - len(line.lstrip())]
        lines: list[str] = []
        current = indent
        for word in _SHELL_WORD.findall(line):
            if current.strip() and cells(current) + 1 + cells(word) + 2 > self.width:
                lines.append(current + " \\")
                current = indent + "    " + word
            else:
                current += (" " if current.strip() else "") + word
        return [*lines, current]


def _paragraphs(text: str) -> list[list[str]]:
    """The paragraphs of a help text, each its lines; a blank line ends one."""
    paragraphs: list[list[str]] = [[]]
    for line in text.expandtabs().splitlines():
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [paragraph for paragraph in paragraphs if paragraph]


class HelpContext(typer.Context):
    """A context whose help and usage lines are laid out for the terminal runacu writes to."""

    def make_formatter(self) -> HelpFormatter:
        terminal = terminal_of(self)
        return HelpFormatter(help_width(terminal.width), terminal.is_terminal)


def terminal_of(ctx: Any) -> Terminal:
    """The terminal of this run: the session's; before there is one, the one given to the CLI, or the process's."""
    from runacu.cli.session import Session, Start
    from runacu.views.terminal import Terminal

    found = ctx.find_root().obj if ctx is not None else None
    if isinstance(found, Session):
        return found.terminal
    if isinstance(found, Start) and found.terminal is not None:
        return found.terminal
    if isinstance(found, Terminal):
        return found
    return Terminal.from_environment()
