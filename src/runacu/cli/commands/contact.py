"""`runacu contact`: the clinic's card and whether it is open (now or at a moment asked about), or its vCard."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from runacu.cli.options import OutputFlags, examples, output_options
from runacu.cli.session import Session, clinic_now, current
from runacu.errors import UsageError
from runacu.views import OutputFormat
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.content.models import Clinic

commands = typer.Typer()


@commands.command(
    help=N_("The clinic's phone number, address and opening hours, and whether it is open now."),
    epilog=examples(
        "runacu contact", "runacu contact --at 2026-12-25T10:00", N_("runacu contact --vcard -o clinic.vcf")
    ),
)
@output_options("--pager", "--output")
def contact(
    ctx: typer.Context,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar=N_("WHEN"),
            help=N_(
                "Ask about another moment: YYYY-MM-DDTHH:MM, like 2026-11-23T09:30 (clinic time unless it has"
                " an offset)."
            ),
            show_default=False,
        ),
    ] = None,
    as_vcard: Annotated[
        bool, typer.Option("--vcard", help=N_("Print the clinic as a vCard 4.0, to save the number."))
    ] = False,
    *,
    flags: OutputFlags,
) -> None:
    session = current(ctx)
    words = session.words
    if as_vcard:
        for name, given in (("--at", at), ("--format", flags.output_format), ("--json", flags.as_json or None)):
            if given is not None:
                raise UsageError(
                    words.say("{first} and {second} cannot be used together", first="--vcard", second=name)
                )
    options = flags.options(words)
    clinic = session.library.load_clinic()
    if as_vcard:
        _write_vcard(session, clinic, options.output)
        return
    from runacu.clinic.hours import MomentError, parse_moment, status_at
    from runacu.views.pages import ClinicView, clinic_page

    if at is not None:
        try:
            moment = parse_moment(at, clinic)
        except MomentError as error:
            raise UsageError(words.say(error.key, **error.params)) from None
        view = ClinicView(clinic, status_at(clinic, moment.at), asked=True, ambiguous=moment.ambiguous)
    else:
        view = clinic_now(session, clinic)
    chosen = session.format_of(options)
    publishing = chosen in (OutputFormat.MARKDOWN, OutputFormat.HTML)
    if chosen is OutputFormat.HTML:  # handed out: its times are never broken across lines
        view = replace(view, handout=True)
    if chosen is OutputFormat.JSON and at is None:
        session.do_not_store()  # its "at" is this very moment

    def data() -> object:
        from runacu.content.cldr import country_name
        from runacu.content.models import json_data

        card: dict[str, object] = json_data(clinic)
        # The country as its code (the same in every language), and its name in the reader's.
        named = country_name(clinic.address.country, words.language)
        card["address"] = {**json_data(clinic.address), "country_name": named}
        if view.status is not None:
            card["status"] = view.status.to_json()
        return card

    session.show(lambda: clinic_page(words, view, publishing), data, options)


def _write_vcard(session: Session, clinic: Clinic, output: Path | None) -> None:
    from runacu.clinic.vcard import vcard

    data = vcard(clinic, session.words.language).encode("utf-8")
    if output is None:
        session.terminal.write_bytes(data)
        return
    session.save(data, output, N_("saved the vCard to {path}"))
