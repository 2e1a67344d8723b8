"""What can be wrong with a data file: one located `Problem`, and the `DataError` that carries them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from runacu.content.text import neutralize, neutralize_line
from runacu.errors import RunacuError
from runacu.exit_status import ExitStatus

if TYPE_CHECKING:
    from runacu.words import Words


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, located as precisely as the file allows.

    `warning` problems (an overdue review, a hard-to-read topic) are reported by `validate`
    but do not make the data invalid.
    """

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    warning: bool = False

    def __post_init__(self) -> None:
        # A message can quote the file's own text (an unknown key): never let it drive a terminal.
        # A file name or a field is quoted within one line: a line break in it is shown, not obeyed.
        for name, clean in (("file", neutralize_line), ("message", neutralize), ("field", neutralize_line)):
            if (value := getattr(self, name)) is not None:
                object.__setattr__(self, name, clean(value))

    @property
    def where(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.where}:{field} {self.message}"


class DataError(RunacuError):
    """One or more problems in the data files (raised where no reader's language is known: `said` tells them)."""

    exit_status = ExitStatus.INVALID_DATA

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))

    def said(self, words: Words) -> str:
        """The problems as the reader is told them, one a line, each marked as invalid data in their language."""
        label = words.say("invalid data:")
        return "\n".join(f"{label} {problem}" for problem in self.problems)
