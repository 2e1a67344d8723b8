"""`runacu validate`: every problem in the data files, with file, line and field."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from runacu.cli.options import OutputFlags, examples, output_options
from runacu.cli.session import current
from runacu.errors import UsageError
from runacu.exit_status import ExitStatus
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.content.problems import Problem
    from runacu.words import Words

commands = typer.Typer()


@commands.command(
    help=N_("Check every data file; report every problem with file, line and field. Exit 3 if any."),
    epilog=examples("runacu validate", N_("runacu validate mydata"), "runacu validate --strict --json"),
)
@output_options(page=False)
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar=N_("DIR"), help=N_("A data folder to check [default: the active data]."), show_default=False
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help=N_("Exit 3 on warnings too."))] = False,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar=N_("DATE"),
            help=N_("Check review dates as of this day (YYYY-MM-DD)."),
            show_default=False,
        ),
    ] = None,
    *,
    flags: OutputFlags,
) -> None:
    from runacu.content.library import Library
    from runacu.content.review import review_warnings
    from runacu.content.text import neutralize_line
    from runacu.views.pages import validate_page

    session = current(ctx)
    words = session.words
    try:
        day = date.fromisoformat(today) if today is not None else datetime.now(UTC).date()
    except ValueError:
        raise UsageError(words.say("{option}: not a date in the form YYYY-MM-DD", option="--today")) from None
    library = Library(path, language=words.language) if path is not None else session.library
    files = [neutralize_line(str(data_file)) for data_file in library.files()]
    problems = library.check()
    problems += review_warnings(library, day)
    errors = [p for p in problems if not p.warning]

    def data() -> object:
        return {
            "valid": not errors,
            "files": files,
            "problems": [_problem_json(p, words) for p in errors],
            "warnings": [_problem_json(p, words) for p in problems if p.warning],
        }

    session.show(lambda: validate_page(words, files, problems), data, flags.options(words))
    if errors or (strict and problems):
        raise typer.Exit(ExitStatus.INVALID_DATA)


def _problem_json(problem: Problem, words: Words) -> dict[str, object]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "field": problem.field,
        "message": problem.message_in(words),
    }
