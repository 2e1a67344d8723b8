"""`runacu benefits`, `runacu back-pain` and `runacu guide`: one guide, all of it, one topic, or its topic slugs."""

from __future__ import annotations

from typing import Annotated

import typer

from runacu.cli.options import (
    GUIDE_COMMANDS,
    ListOption,
    OutputFlags,
    TopicArgument,
    complete_guide,
    examples,
    guide_argument,
    opener,
    output_options,
)
from runacu.cli.session import call_to_action, current
from runacu.errors import UsageError

commands = typer.Typer()


def show_guide(ctx: typer.Context, slug: str, topic: str | None, as_list: bool, flags: OutputFlags) -> None:
    """What `benefits`, `back-pain` and `guide` share: one guide, all of it, one topic, or its slugs."""
    from runacu.views.pages import guide_page, slugs_page

    session = current(ctx)
    words = session.words
    options = flags.options(words)
    guide = session.library.load_guide(slug)
    if as_list:
        if topic is not None:
            raise UsageError(words.say("{first} and {second} cannot be used together", first="--list", second="TOPIC"))
        session.show(lambda: slugs_page(words, guide), lambda: guide.topic_slugs, options)
        return
    topics = [guide.find_topic(topic, words)] if topic is not None else list(enumerate(guide.topics, start=1))
    contact = call_to_action(session, options)

    def data() -> object:
        from runacu.views.json_view import guide_json

        return guide_json(guide, [found for _, found in topics])

    session.show(lambda: guide_page(words, guide, topics, contact, opener(guide.slug)), data, options)


def _guide_command(name: str, summary: str, *example_lines: str) -> None:
    """Declare the command that shows one built-in guide (`benefits`, `back-pain`)."""

    def show(
        ctx: typer.Context, topic: TopicArgument = None, as_list: ListOption = False, *, flags: OutputFlags
    ) -> None:
        show_guide(ctx, GUIDE_COMMANDS[name], topic, as_list, flags)

    show.__doc__ = summary
    commands.command(name, epilog=examples(*example_lines))(output_options("--pager", "--output")(show))


_guide_command(
    "benefits",
    "How acupuncture may help runners: five topics, each with what the evidence shows.",
    "runacu benefits",
    "runacu benefits sleep",
    "runacu benefits 2 --format markdown",
)
_guide_command(
    "back-pain",
    "Running-induced back pain: causes, how acupuncture may help, the research, prevention, when to see a doctor.",
    "runacu back-pain",
    "runacu back-pain doctor",
    "runacu back-pain research --json",
)


@commands.command(epilog=examples("runacu guide first-visit", "runacu guide first-visit safe", "runacu guides"))
@output_options("--pager", "--output")
def guide(
    ctx: typer.Context,
    slug: Annotated[str, guide_argument("The guide's name, or its start (see 'runacu guides').", complete_guide)],
    topic: TopicArgument = None,
    as_list: ListOption = False,
    *,
    flags: OutputFlags,
) -> None:
    """Any guide, such as first-visit or an extra one from --data-dir, shown like 'benefits'."""
    show_guide(ctx, slug, topic, as_list, flags)
