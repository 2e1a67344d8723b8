"""`runacu search`: the topics that answer a question, best first."""

from __future__ import annotations

from typing import Annotated

import typer

from runacu.cli.options import OutputFlags, examples, opener, output_options
from runacu.cli.session import call_to_action, current
from runacu.exit_status import ExitStatus
from runacu.views import OutputFormat
from runacu.words import N_

commands = typer.Typer()


@commands.command(
    help=N_("Find the topics that answer a question, best first, in the guides' words or yours. Exit 1 if none."),
    epilog=examples(
        N_('runacu search "will it hurt?"'),
        N_("runacu search blood flow --json"),
        N_('runacu --lang es search "¿me van a doler las agujas?"'),
    ),
)
@output_options("--pager", "--output")
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            metavar=N_("QUERY"), help=N_("A question or a few words, in everyday words; not all must appear.")
        ),
    ],
    show_all: Annotated[bool, typer.Option("--all", help=N_("Show every topic that answers, each in full."))] = False,
    *,
    flags: OutputFlags,
) -> None:
    from runacu.content.search import search_library
    from runacu.views.pages import SEARCH_SHOWN, search_nothing_line, search_page, search_warning_line

    session = current(ctx)
    words = session.words
    options = flags.options(words)
    as_data = session.format_of(options) is OutputFormat.JSON
    result = search_library(session.library, query, words.language, None if show_all or as_data else SEARCH_SHOWN)
    guides = session.library.summaries() if not result.hits and not as_data else []
    # A page handed out (HTML) names the clinic at its top and ends with its address and hours.
    contact = call_to_action(session, options) if session.format_of(options) is OutputFormat.HTML else None
    if as_data and result.warning is not None:  # JSON holds the answers only: the warning still reaches a person
        session.report(search_warning_line(words, result.warning))
    if as_data and not result.hits:  # and why none answers: a script tells "not covered" from a failure
        session.report(search_nothing_line(words, query, result))

    def data() -> object:
        return [
            {
                "guide": hit.guide_slug,
                "guide_title": hit.guide_title,
                "topic": hit.topic.slug,
                "topic_number": hit.topic_number,
                "title": hit.topic.title,
                "field": hit.field_name,
                "snippet": hit.snippet,
                "command": " ".join(("runacu", *opener(hit.guide_slug, hit.topic.slug))),
                "score": hit.score,
            }
            for hit in result.hits
        ]

    session.show(lambda: search_page(words, query, result, opener, guides, show_all, contact), data, options)
    if not result.hits and result.warning is None:  # a warning sign named is an answer (its topic answers too)
        raise typer.Exit(ExitStatus.ERROR)
