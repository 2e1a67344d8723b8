"""`runacu request`: an appointment request saved as an email draft for the clinic, asking for what is missing."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from runacu.cli.options import OutputFlags, completion_library, examples, output_options
from runacu.cli.prompts import ask_for_each_field
from runacu.cli.session import current, silence_stdout
from runacu.errors import RunacuError, UsageError
from runacu.exit_status import ExitStatus

commands = typer.Typer()


def _complete_request_topic(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for `request --topic`: every topic slug, and 'other'."""
    from runacu.clinic.request import OTHER_TOPIC

    try:
        library = completion_library(ctx)
        slugs = [topic.slug for guide in library.load_guides() for topic in guide.topics]
    except RunacuError:
        return []
    return [slug for slug in [*slugs, OTHER_TOPIC] if slug.startswith(incomplete.lower())]


@commands.command(
    epilog=examples(
        "runacu request",
        "runacu request --topic 3 --contact-method phone",
        'runacu request --name "Jo Runner" --phone "661 555 0123" --email jo@example.com --contact-method email'
        ' --topic research --message "Back pain after long runs"',
    )
)
@output_options(page=False)
def request(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(metavar="NAME", help="Your name.", show_default=False)] = None,
    phone: Annotated[
        str | None,
        typer.Option(metavar="PHONE", help="Your phone number (US numbers need no +1).", show_default=False),
    ] = None,
    email: Annotated[str | None, typer.Option(metavar="EMAIL", help="Your email address.", show_default=False)] = None,
    contact_method: Annotated[
        str | None,
        typer.Option(metavar="METHOD", help="How you'd like to be contacted: phone or email.", show_default=False),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(
            metavar="TOPIC",
            help="What it is about: a topic name or number from the list, or 'other'.",
            autocompletion=_complete_request_topic,
            show_default=False,
        ),
    ] = None,
    message: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Your message to the clinic.", show_default=False)
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Save the draft here [default: requests/ in your data folder].",
            show_default=False,
        ),
    ] = None,
    *,
    flags: OutputFlags,
) -> None:
    """Ask for an appointment: saves an email draft (.eml) for the clinic. Asks for what is missing."""
    from runacu.clinic.request import (
        DraftExistsError,
        RequestForm,
        default_directory,
        draft_message,
        draft_text,
        mailto_link,
        save_draft,
    )
    from runacu.content.text import neutralize, neutralize_line
    from runacu.new_file import OutputError
    from runacu.views.pages import Receipt, receipt_page

    session = current(ctx)
    words = session.words
    options = flags.options(words)
    library = session.library
    clinic = library.load_clinic()
    topics = [topic for guide in library.load_guides() for topic in guide.topics]
    form = RequestForm(words, tuple((t.slug, t.title) for t in topics), {t.slug: tuple(t.aliases) for t in topics})
    given = {
        "name": name,
        "phone": phone,
        "email": email,
        "contact_method": contact_method,
        "topic": topic,
        "message": message,
    }
    for field_name, value in given.items():
        if value is not None and _has_bad_bytes(value):
            raise UsageError(f"--{field_name.replace('_', '-')}: " + words.say(form.field(field_name).invalid))
    if session.terminal.is_interactive:
        if not clinic.email:
            session.report(
                words.say(
                    "The clinic has no email address in runacu's data. Your request will be saved as a draft"
                    " for you to send or read out when you call {name} at {phone}.",
                    name=clinic.name,
                    phone=clinic.phone.display,
                )
            )
        appointment = form.build(ask_for_each_field(session, form, given))
    else:
        appointment = form.build(given)
    draft = draft_message(appointment, form, clinic, datetime.now(UTC))
    try:
        saved = (
            save_draft(draft, words, path=output)
            if output is not None
            else save_draft(draft, words, directory=default_directory())
        )
    except (OSError, OutputError, DraftExistsError) as error:
        # A read-only home, a full disk, a missing --output folder: nothing the reader typed may be lost.
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        session.report(
            words.say("could not save the request ({reason}); here it is in full, so nothing is lost:", reason=reason),
            "error: ",
        )
        session.terminal.write(neutralize(draft_text(draft)))
        raise typer.Exit(ExitStatus.ERROR) from None

    receipt = Receipt(neutralize(str(saved)), clinic, mailto_link(draft, clinic))
    try:
        session.show(
            lambda: receipt_page(words, receipt),
            lambda: {"path": str(saved), "mailto": receipt.mailto, "phone": clinic.phone.display},
            options,
        )
        sys.stdout.flush()
    except OSError as error:
        # stdout closed, full or gone: only the receipt is lost. The request was saved, so say where on stderr
        # and exit 0: a script that saw a failure would send it again, and save a second draft.
        silence_stdout()
        if not isinstance(error, BrokenPipeError):  # the reader going away is no error
            session.report(error.strerror or str(error))
        session.report(words.say("Saved your request to") + " " + neutralize_line(str(saved)))


def _has_bad_bytes(value: str) -> bool:
    """An argument that was not valid text in the locale's encoding (`--name $'\\xff'`)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
