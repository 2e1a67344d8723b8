"""runacu's own exceptions; the CLI turns each into one stderr line and an exit code."""

from __future__ import annotations

from dataclasses import dataclass

from runacu.exit_status import ExitStatus


class RunacuError(Exception):
    """An error the user can act on. `str(error)` is the message shown to them."""

    exit_status = ExitStatus.ERROR


class UsageError(RunacuError):
    exit_status = ExitStatus.USAGE


class UnknownNameError(UsageError):
    """A topic or guide name that is not in the data, with the valid names and a suggestion."""

    def __init__(self, kind: str, name: str, valid: list[str]) -> None:
        import difflib

        self.name = name
        self.valid = valid
        self.suggestion = next(iter(difflib.get_close_matches(name, valid, n=1, cutoff=0.5)), None)
        hint = f" Did you mean '{self.suggestion}'?" if self.suggestion else ""
        super().__init__(f"unknown {kind} '{name}'.{hint} Valid {kind}s: {', '.join(valid)}.")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, located as precisely as the file allows."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __post_init__(self) -> None:
        # A message can quote the file's own text (an unknown key): never let it drive a terminal.
        from runacu.content.text import neutralize

        for name in ("file", "message", "field"):
            if (value := getattr(self, name)) is not None:
                object.__setattr__(self, name, neutralize(value))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class DataError(RunacuError):
    """One or more problems in the data files."""

    exit_status = ExitStatus.INVALID_DATA

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"invalid data: {problem}" for problem in problems))
