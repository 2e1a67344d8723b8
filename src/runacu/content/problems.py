"""What can be wrong with a data file: one located `Problem`, and the `DataError` that carries them.

A problem's message is a `Message` (runacu's marked English and its parameters): it is told in the
language of whoever reads it, when it is shown, not when the file is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from runacu.content.message import Message
from runacu.content.text import neutralize, neutralize_line
from runacu.errors import RunacuError
from runacu.exit_status import ExitStatus
from runacu.words import SOURCE_LANGUAGE, for_language

if TYPE_CHECKING:
    from runacu.words import Words


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, located as precisely as the file allows.

    `what` is wrong is a `Message`, or a template of runacu's with no parameters (`N_("the file is empty")`).
    `warning` problems (an overdue review, a hard-to-read topic) are reported by `validate`
    but do not make the data invalid.
    """

    file: str
    what: Message | str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    warning: bool = False

    def __post_init__(self) -> None:
        # A file name or a field is quoted within one line: a line break in it is shown, not obeyed.
        for name in ("file", "field"):
            if (value := getattr(self, name)) is not None:
                object.__setattr__(self, name, neutralize_line(value))
        if isinstance(self.what, str):
            object.__setattr__(self, "what", Message(self.what))

    def message_in(self, words: Words) -> str:
        """What is wrong, in the language of `words`."""
        assert isinstance(self.what, Message)  # made one when the problem was
        # A message can quote the file's own text (an unknown key): never let it drive a terminal.
        return neutralize(self.what.said(words))

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return self.message_in(for_language(SOURCE_LANGUAGE))

    @property
    def where(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def said(self, words: Words) -> str:
        """`file:line:column: field: message`, the message in the language of `words`."""
        field = f" {self.field}:" if self.field else ""
        return f"{self.where}:{field} {self.message_in(words)}"

    def __str__(self) -> str:
        return self.said(for_language(SOURCE_LANGUAGE))


class DataError(RunacuError):
    """One or more problems in the data files (raised where no reader's language is known: `said` tells them)."""

    exit_status = ExitStatus.INVALID_DATA

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))

    def said(self, words: Words) -> str:
        """The problems as the reader is told them, one a line, each marked as invalid data in their language."""
        label = words.say("invalid data:")
        return "\n".join(f"{label} {problem.said(words)}" for problem in self.problems)
