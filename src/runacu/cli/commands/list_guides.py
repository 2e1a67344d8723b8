"""`runacu guides`: every guide, built-in and extra, with its name, title and number of topics."""

from __future__ import annotations

import typer

from runacu.cli.options import OutputFlags, examples, output_options
from runacu.cli.session import current
from runacu.words import N_

commands = typer.Typer()


@commands.command(
    help=N_("Every guide, built-in and extra, with its name, title and number of topics."),
    epilog=examples("runacu guides", "runacu guides --json"),
)
@output_options("--pager", "--output")
def guides(ctx: typer.Context, *, flags: OutputFlags) -> None:
    from runacu.views.pages import guides_page

    session = current(ctx)
    found = session.library.summaries()
    session.show(
        lambda: guides_page(session.words, found),
        lambda: [{"slug": g.slug, "title": g.title, "topics": g.topics} for g in found],
        flags.options(session.words),
    )
