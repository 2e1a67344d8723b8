"""`runacu request`: an appointment request saved as a draft to send to the clinic (or to read out when calling
it, when it has no email address), asking for what is missing."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from runacu.cli.options import OutputFlags, completion_library, examples, output_options
from runacu.cli.prompts import ask_for_each_field
from runacu.cli.session import current, silence_stdout
from runacu.errors import RunacuError, UsageError
from runacu.exit_status import ExitStatus
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.content.search import WarningSign

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
    help=N_(
        "Ask for an appointment: saves your request as a draft (.eml) for you to email the clinic, or to read out"
        " when you call. Asks for what is missing; if the clinic has no email address, it shows what to say when"
        " you call.\n\n"
        "Warning signs need a doctor, not an appointment: in an emergency, call 911; to go through them one by one,"
        " run 'runacu check'. A warning sign your message names is shown first."
    ),
    epilog=examples(
        "runacu request",
        "runacu request --topic 3 --contact-method phone",
        N_(
            'runacu request --name "Jo Runner" --phone "661 555 0123" --email jo@example.com --contact-method email'
            ' --topic research --message "Back pain after long runs"'
        ),
    ),
)
@output_options(page=False)
def request(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(metavar=N_("NAME"), help=N_("Your name."), show_default=False)] = None,
    phone: Annotated[
        str | None,
        typer.Option(metavar=N_("PHONE"), help=N_("Your phone number (US numbers need no +1)."), show_default=False),
    ] = None,
    email: Annotated[
        str | None, typer.Option(metavar=N_("EMAIL"), help=N_("Your email address."), show_default=False)
    ] = None,
    contact_method: Annotated[
        str | None,
        typer.Option(
            metavar=N_("METHOD"), help=N_("How you'd like to be contacted: phone or email."), show_default=False
        ),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(
            metavar=N_("TOPIC"),
            help=N_("What it is about: a topic name or number from the list, or 'other'."),
            autocompletion=_complete_request_topic,
            show_default=False,
        ),
    ] = None,
    message: Annotated[
        str | None, typer.Option(metavar=N_("TEXT"), help=N_("Your message to the clinic."), show_default=False)
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar=N_("FILE"),
            help=N_("Save the draft here [default: requests/ in your data folder]."),
            show_default=False,
        ),
    ] = None,
    *,
    flags: OutputFlags,
) -> None:
    from dataclasses import asdict
    from functools import cache, partial

    from runacu.cli.session import clinic_now
    from runacu.clinic.draft import (
        DraftExistsError,
        call_script,
        default_directory,
        draft_message,
        draft_text,
        mailto_link,
        save_draft,
    )
    from runacu.clinic.request import WARNING_SIGNS_LINE, RequestForm, TopicGroup, named_warning, searched_topics
    from runacu.content.text import neutralize, neutralize_line
    from runacu.new_file import OutputError
    from runacu.views import OutputFormat
    from runacu.views.pages import Receipt, receipt_page, search_warning_line
    from runacu.views.pages.receipt import warning_lines

    session = current(ctx)
    words = session.words
    options = flags.options(words)
    library = session.library
    clinic = library.load_clinic()
    guides = library.load_guides()
    form = RequestForm(
        words,
        tuple(TopicGroup(g.slug, g.title, tuple((t.slug, t.title) for t in g.topics)) for g in guides),
        {t.slug: tuple(t.aliases) for g in guides for t in g.topics},
        search=partial(searched_topics, library),
    )
    # A warning sign needs a doctor, not an appointment: the topic about them is pointed at the check, and a sign the
    # message names (as a search finds one) is said as soon as it is typed, and first on the receipt.
    warning_topics = {t.slug for g in guides for t in g.topics if t.red_flags}
    warning_in = cache(partial(named_warning, library))
    told_warning = False
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
        session.tell(words.say(WARNING_SIGNS_LINE))
        if not clinic.email:
            session.tell(
                words.say(
                    "The clinic has no email address yet: at the end you will get your request ready to read out"
                    " when you call {name} at {phone}, and a copy saved for your records.",
                    name=clinic.name,
                    phone=clinic.phone.display,
                )
            )

        def answered(field_name: str, value: str) -> None:
            nonlocal told_warning
            if field_name == "topic" and value in warning_topics:
                session.tell(words.say(WARNING_SIGNS_LINE))
            elif field_name == "message" and (warning := warning_in(value)) is not None:
                session.tell("\n" + warning_lines(words, warning) + "\n")
                told_warning = True

        appointment = form.build(ask_for_each_field(session, form, given, answered))
    else:
        appointment = form.build(given)
    warning = warning_in(appointment.message)
    # Said on stderr wherever the receipt would not show it to a person: beside JSON, or with no receipt at all.
    warning_line = search_warning_line(words, warning) if warning is not None and not told_warning else None
    # The writer's own clock, with its offset: the draft says when they wrote it as they would.
    draft = draft_message(appointment, form, clinic, datetime.now(UTC).astimezone())
    try:
        saved = (
            save_draft(draft, words, path=output)
            if output is not None
            else save_draft(draft, words, directory=default_directory())
        )
    except (OSError, OutputError, DraftExistsError) as error:
        # A read-only home, a full disk, a missing --output folder: nothing the reader typed may be lost.
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        if warning_line is not None:
            session.report(warning_line)
        session.report(
            words.say("could not save the request ({reason}); here it is in full, so nothing is lost:", reason=reason),
            "error: ",
        )
        session.terminal.write(neutralize(draft_text(draft)))
        raise typer.Exit(ExitStatus.ERROR) from None

    # With no address to send it to, the request is to be read out on the phone: it is shown as such, with
    # whether the clinic is open now on a screen (a Markdown or HTML page is read later).
    script = () if clinic.email else call_script(appointment, form)
    on_screen = session.format_of(options) in (OutputFormat.PLAIN, OutputFormat.RICH)
    now = clinic_now(session, clinic) if script and on_screen else None
    shown = tuple((label, neutralize(value)) for label, value in script)  # what was typed, shown safe
    about = words.say(WARNING_SIGNS_LINE) if appointment.topic in warning_topics else None
    receipt = Receipt(neutralize(str(saved)), clinic, mailto_link(draft, clinic), shown, now, warning, about)
    if warning_line is not None and session.format_of(options) is OutputFormat.JSON:
        session.report(warning_line)
    try:
        session.show(
            lambda: receipt_page(words, receipt),
            lambda: {
                "warning": _warning_data(warning),
                "path": str(saved),
                "mailto": receipt.mailto,
                "phone": clinic.phone.display,
                "request": asdict(appointment),
                "call_script": [f"{label}: {value}" for label, value in script] if script else None,
            },
            options,
        )
        sys.stdout.flush()
    except OSError as error:
        # stdout closed, full or gone: only the receipt is lost. The request was saved, so say where on stderr
        # and exit 0: a script that saw a failure would send it again, and save a second draft.
        silence_stdout()
        if not isinstance(error, BrokenPipeError):  # the reader going away is no error
            session.report(error.strerror or str(error))
        if warning_line is not None and session.format_of(options) is not OutputFormat.JSON:
            session.report(warning_line)
        session.report(words.say("Saved your request to") + " " + neutralize_line(str(saved)))


def _warning_data(warning: WarningSign | None) -> dict[str, str | None] | None:
    """The warning sign the message names, for a script: its level first."""
    if warning is None:
        return None
    return {
        "level": warning.flags.level,
        "action": warning.flags.action,
        "sign": warning.sign,
        "guide": warning.guide_slug,
        "topic": warning.topic.slug,
    }


def _has_bad_bytes(value: str) -> bool:
    """An argument that was not valid text in the locale's encoding (`--name $'\\xff'`)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
