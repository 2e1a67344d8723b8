"""The command line: parses arguments, gathers the data, picks a view, and maps errors to exit codes."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from runacu import __version__
from runacu.errors import DataError, RunacuError, UsageError
from runacu.exit_status import ExitStatus
from runacu.views import OutputFormat, View, make_view
from runacu.views.terminal import Terminal, make_stream_safe

if TYPE_CHECKING:
    from runacu.clinic.request import AppointmentRequest
    from runacu.content.library import Library
    from runacu.content.models import Clinic

DESCRIPTION = (
    "runacu is a wellness guide for runners from Valencia Sports Medicine: how acupuncture can help "
    "runners, running-induced back pain and how to prevent it, and how to reach the clinic."
)


def _report(message: str, label: str = "error: ") -> None:
    """Each line of `message` on stderr as `runacu: error: ...`, with no control characters."""
    from runacu.content.text import neutralize

    for line in neutralize(message).splitlines():
        sys.stderr.write(f"runacu: {label}{line}\n")


class RunacuGroup(TyperGroup):
    """Turns runacu's errors, Ctrl-C and a closed pipe into one stderr line and a named exit code."""

    # Typer's click is vendored privately, so its Context type is not importable: hence Any.
    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # here, not at exit, so a closed pipe is handled below
            return result
        except RunacuError as error:
            _report(str(error), "" if isinstance(error, DataError) else "error: ")
            if isinstance(error, DataError):
                sys.stderr.write("runacu: run 'runacu validate' to list every problem in the data files\n")
            raise typer.Exit(error.exit_status) from None
        except (KeyboardInterrupt, typer.Abort):
            sys.stderr.write("\nrunacu: interrupted\n")
            raise typer.Exit(ExitStatus.INTERRUPTED) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(ExitStatus.SUCCESS) from None
        except (typer.Exit, typer.TyperException):  # Typer's own exits and usage errors (exit 2)
            raise
        except Exception as error:  # a bug in runacu: still one line, not a traceback
            if os.environ.get("RUNACU_DEBUG"):
                raise
            _report(f"{type(error).__name__}: {error}", "internal error: ")
            sys.stderr.write("runacu: please report this; set RUNACU_DEBUG=1 to see the details\n")
            raise typer.Exit(ExitStatus.ERROR) from None


def _silence_stdout() -> None:
    """The reader went away (`runacu benefits | head`): drop the rest quietly, with no flush error at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


app = typer.Typer(
    cls=RunacuGroup,
    help=DESCRIPTION,
    invoke_without_command=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Session:
    """What every command shares: where output goes and which data is active."""

    terminal: Terminal
    data_dir: Path | None = None

    @cached_property
    def library(self) -> Library:
        from runacu.content.library import Library

        return Library(self.data_dir)

    def view(self, output_format: OutputFormat | None, as_json: bool = False, terminal: Terminal | None = None) -> View:
        """The view for the chosen format: rich on a terminal and plain in a pipe unless told otherwise."""
        terminal = terminal if terminal is not None else self.terminal
        if as_json:
            output_format = OutputFormat.JSON
        if output_format is None:
            output_format = OutputFormat.RICH if terminal.is_terminal else OutputFormat.PLAIN
        return make_view(output_format, terminal)


def session(ctx: typer.Context) -> Session:
    found = ctx.find_object(Session)
    assert found is not None, "the root callback creates the session"
    return found


def _version(value: bool) -> None:
    if value:
        typer.echo(f"runacu {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="RUNACU_DATA_DIR",
            help="A directory of YAML files layered over the built-in data.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """runacu: acupuncture and running, from Valencia Sports Medicine."""
    terminal = ctx.obj if isinstance(ctx.obj, Terminal) else Terminal.from_environment()
    ctx.obj = Session(terminal, data_dir)
    if ctx.invoked_subcommand is None:
        _overview(ctx)


def _overview(ctx: typer.Context) -> None:
    from runacu.views.models import Overview

    group = ctx.command
    assert isinstance(group, TyperGroup)
    commands = [
        (name, command.get_short_help_str(limit=200))
        for name in group.list_commands(ctx)
        if (command := group.get_command(ctx, name)) is not None and not command.hidden
    ]
    clinic = session(ctx).library.load_clinic()
    overview = Overview(DESCRIPTION, commands, clinic.name, clinic.phone.display, clinic.tagline)
    session(ctx).view(None).overview(overview)


FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format [default: rich on a terminal, plain when piped].",
        case_sensitive=False,
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (same as --format json).")]
ListOption = Annotated[bool, typer.Option("--list", "-l", help="Print the topic slugs, one per line.")]
PagerOption = Annotated[bool, typer.Option("--pager", help="On a terminal, show the output through $PAGER (or less).")]


def _completion_library(ctx: typer.Context) -> Library:
    """The active data while the shell completes a word (the root callback has not run)."""
    from runacu.content.library import Library

    data_dir = ctx.find_root().params.get("data_dir") or os.environ.get("RUNACU_DATA_DIR")
    return Library(Path(data_dir) if data_dir else None)


def _complete_topic(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the topic slugs of the active data."""
    guide_slug = ctx.params.get("slug") or ctx.info_name or ""
    try:
        slugs = _completion_library(ctx).load_guide(guide_slug).topic_slugs
    except RunacuError:
        return []
    return [slug for slug in slugs if slug.startswith(incomplete)]


TopicArgument = Annotated[
    str | None,
    typer.Argument(
        help="A topic's slug or number (see --list). Shows every topic when left out.",
        autocompletion=_complete_topic,
        show_default=False,
    ),
]


def show_guide(
    ctx: typer.Context,
    slug: str,
    topic: str | None,
    as_list: bool,
    output: tuple[OutputFormat | None, bool, bool],
) -> None:
    """What `benefits`, `back-pain` and `guide` share: one guide, all of it, one topic, or its slugs."""
    from runacu.views.models import GuidePage
    from runacu.views.pager import paged

    guide = session(ctx).library.load_guide(slug)
    output_format, as_json, use_pager = output
    with paged(session(ctx).terminal, use_pager) as terminal:
        view = session(ctx).view(output_format, as_json, terminal)
        if as_list:
            view.slugs(guide.topic_slugs)
            return
        topics = [guide.find_topic(topic)] if topic is not None else list(enumerate(guide.topics, start=1))
        view.guide(GuidePage(guide, topics))


@app.command()
def benefits(
    ctx: typer.Context,
    topic: TopicArgument = None,
    as_list: ListOption = False,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    use_pager: PagerOption = False,
) -> None:
    """The benefits of acupuncture for runners (five topics)."""
    show_guide(ctx, "benefits", topic, as_list, (output_format, as_json, use_pager))


@app.command("back-pain")
def back_pain(
    ctx: typer.Context,
    section: TopicArgument = None,
    as_list: ListOption = False,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    use_pager: PagerOption = False,
) -> None:
    """Running-induced back pain: causes, how acupuncture helps, research, prevention, when to see a doctor."""
    show_guide(ctx, "back-pain", section, as_list, (output_format, as_json, use_pager))


@app.command()
def contact(
    ctx: typer.Context,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            help="Ask about another moment: ISO 8601, like 2026-11-23T09:30 (clinic time unless it has an offset).",
            show_default=False,
        ),
    ] = None,
    as_vcard: Annotated[
        bool, typer.Option("--vcard", help="Print the clinic as a vCard 4.0, to save the number.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="With --vcard: write it to this new file instead.", show_default=False),
    ] = None,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    use_pager: PagerOption = False,
) -> None:
    """The clinic's phone number, address and opening hours, and whether it is open now."""
    clinic = session(ctx).library.load_clinic()
    if as_vcard or output is not None:
        _write_vcard(ctx, clinic, output)
        return
    from runacu.clinic.hours import parse_moment, status_at
    from runacu.views.models import ClinicCard
    from runacu.views.pager import paged

    try:
        moment = parse_moment(at, clinic) if at is not None else datetime.now(UTC)
    except ValueError as error:
        raise UsageError(f"--at: {error}") from None
    card = ClinicCard(clinic, status_at(clinic, moment))
    with paged(session(ctx).terminal, use_pager) as terminal:
        session(ctx).view(output_format, as_json, terminal).clinic(card)


def _write_vcard(ctx: typer.Context, clinic: Clinic, output: Path | None) -> None:
    from runacu.clinic.vcard import vcard
    from runacu.new_file import write_new_file

    data = vcard(clinic).encode("utf-8")
    if output is None:
        session(ctx).terminal.write_bytes(data)
        return
    if not write_new_file(data, output):
        raise RunacuError(f"'{output}' already exists; choose another --output path")
    sys.stderr.write(f"runacu: saved the vCard to {output}\n")


@app.command()
def request(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Your name.", show_default=False)] = None,
    phone: Annotated[
        str | None, typer.Option(help="Your phone number (US numbers need no +1).", show_default=False)
    ] = None,
    email: Annotated[str | None, typer.Option(help="Your email address.", show_default=False)] = None,
    contact_method: Annotated[
        str | None, typer.Option(help="How you'd like to be contacted: phone or email.", show_default=False)
    ] = None,
    topic: Annotated[
        str | None, typer.Option(help="What it is about: a topic slug from the guides, or 'other'.", show_default=False)
    ] = None,
    message: Annotated[str | None, typer.Option(help="Your message to the clinic.", show_default=False)] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Save the draft here [default: requests/ in your data folder].", show_default=False
        ),
    ] = None,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ask for an appointment: saves an email draft (.eml) for the clinic. Asks for what is missing."""
    from urllib.parse import quote

    from runacu.clinic.request import OTHER_TOPIC, build_request, default_directory, draft_message, save_draft
    from runacu.views.models import DraftReceipt

    library = session(ctx).library
    clinic = library.load_clinic()
    titles = {topic.slug: topic.title for guide in library.load_guides() for topic in guide.topics}
    titles.setdefault(OTHER_TOPIC, "Other")
    values = {
        "name": name,
        "phone": phone,
        "email": email,
        "contact_method": contact_method,
        "topic": topic,
        "message": message,
    }
    if session(ctx).terminal.is_interactive:
        appointment = _ask_for_missing(values, list(titles))
    else:
        appointment = build_request(values, list(titles))
    draft = draft_message(appointment, clinic, titles[appointment.topic], datetime.now(UTC))
    saved = save_draft(draft, path=output) if output is not None else save_draft(draft, directory=default_directory())
    mailto = f"mailto:{clinic.email}?subject={quote(str(draft['Subject']))}" if clinic.email else None
    receipt = DraftReceipt(str(saved), clinic.name, clinic.phone.display, mailto)
    session(ctx).view(output_format, as_json).draft_saved(receipt)


PROMPTS = {
    "name": "Your name",
    "phone": "Your phone number",
    "email": "Your email address",
    "contact_method": "Preferred contact method (phone/email)",
    "topic": "Topic of interest",
    "message": "Your message",
}


def _ask_for_missing(values: dict[str, str | None], topics: list[str]) -> AppointmentRequest:
    """Prompt for each missing or wrong field, re-asking only that field until it is right."""
    from runacu.clinic.request import FIELDS, AppointmentRequest, clean_field

    answers: dict[str, str] = {}
    for field_name in FIELDS:
        value = values[field_name]
        while True:
            if value is not None:
                try:
                    answers[field_name] = clean_field(field_name, value, topics)
                    break
                except ValueError as error:
                    typer.echo(str(error), err=True)
            if field_name == "topic":
                typer.echo(f"Topics: {', '.join(topics)}", err=True)
            value = typer.prompt(PROMPTS[field_name], default="", show_default=False, err=True)
    return AppointmentRequest(**answers)


def _complete_guide(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the guide slugs of the active data."""
    try:
        slugs = _completion_library(ctx).guide_slugs()
    except RunacuError:
        return []
    return [slug for slug in slugs if slug.startswith(incomplete)]


@app.command()
def guides(ctx: typer.Context, output_format: FormatOption = None, as_json: JsonOption = False) -> None:
    """Every guide, built-in and extra, with its slug, title and number of topics."""
    found = session(ctx).library.load_guides()
    session(ctx).view(output_format, as_json).guides(found)


@app.command()
def guide(
    ctx: typer.Context,
    slug: Annotated[
        str, typer.Argument(help="The guide's slug (see 'runacu guides').", autocompletion=_complete_guide)
    ],
    topic: TopicArgument = None,
    as_list: ListOption = False,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
    use_pager: PagerOption = False,
) -> None:
    """Any guide, extra ones from --data-dir included, shown like 'benefits' and 'back-pain'."""
    show_guide(ctx, slug, topic, as_list, (output_format, as_json, use_pager))


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(help="A data directory to check [default: the active data].", show_default=False),
    ] = None,
    output_format: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check every data file and report every problem with file, line, column and field. Exit 3 if any."""
    from runacu.content.library import Library
    from runacu.views.models import ValidationReport

    library = Library(path) if path is not None else session(ctx).library
    report = ValidationReport([str(data_file) for data_file in library.files()], library.check())
    session(ctx).view(output_format, as_json).problems(report)
    if not report.is_valid:
        raise typer.Exit(ExitStatus.INVALID_DATA)


class SchemaKind(StrEnum):
    GUIDE = "guide"
    CLINIC = "clinic"


@app.command()
def schema(
    ctx: typer.Context,
    kind: Annotated[SchemaKind, typer.Argument(help="Which file's schema: a guide file or the clinic file.")],
) -> None:
    """Print the JSON Schema of a guide file or of the clinic file, for editors to check YAML as it is typed."""
    from runacu.content.schemas import json_schema
    from runacu.views.json_view import write_json

    write_json(session(ctx).terminal, json_schema(kind.value))


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[list[str], typer.Argument(help="Words that must all appear (case does not matter).")],
    output_format: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search every guide's titles, summaries, explanations and tips. Exit 1 when nothing matches."""
    from runacu.content.search import search as find

    hits = find(session(ctx).library.load_guides(), query)
    view = session(ctx).view(output_format, as_json)
    if not hits and not as_json and output_format is not OutputFormat.JSON:
        sys.stderr.write(f"runacu: no matches for '{' '.join(query)}'\n")
        raise typer.Exit(ExitStatus.ERROR)
    view.search(hits)
    if not hits:
        raise typer.Exit(ExitStatus.ERROR)


def main() -> NoReturn:
    """The `runacu` console script."""
    make_stream_safe(sys.stdout)
    make_stream_safe(sys.stderr)
    try:
        # A fixed name, so `python -m runacu` has the same help and shell completion as `runacu`.
        app(prog_name="runacu")
    except KeyboardInterrupt:
        sys.stderr.write("\nrunacu: interrupted\n")
        sys.exit(ExitStatus.INTERRUPTED)
    sys.exit(ExitStatus.SUCCESS)
