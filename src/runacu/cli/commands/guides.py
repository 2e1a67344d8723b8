"""`runacu benefits`, `runacu back-pain` and `runacu guide`: one guide, all of it, one topic, or its topic slugs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

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
from runacu.cli.typer_speed import PlainCommand
from runacu.errors import RunacuError, UsageError
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.cli.session import Session

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

    commands.command(name, help=summary, epilog=examples(*example_lines))(output_options("--pager", "--output")(show))


_guide_command(
    "benefits",
    N_("How acupuncture may help runners: five topics, each with what the evidence shows."),
    "runacu benefits",
    "runacu benefits sleep",
    "runacu benefits 2 --format markdown",
)
_guide_command(
    "back-pain",
    N_("Running-induced back pain: causes, how acupuncture may help, the research, prevention, when to see a doctor."),
    "runacu back-pain",
    "runacu back-pain doctor",
    "runacu back-pain research --json",
)


class _GuideCommand(PlainCommand):
    """`guide`: given no guide, its usage error lists the guides to choose from, as `git` lists its commands."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except typer.BadParameter as error:
            param = getattr(error, "param", None)
            if param is not None and param.name == "slug" and not error.message:  # missing, not wrong
                error.message = _guides_to_choose(current(ctx))
            raise


def _guides_to_choose(session: Session) -> str:
    """The guides of the active data, each with its title, under a line that says to choose one."""
    try:
        guides = session.library.summaries()
    except RunacuError:  # data that cannot be read says so when a guide is given
        return ""
    if not guides:
        return ""
    width = max(len(guide.slug) for guide in guides)
    listed = [f"  {guide.slug:<{width}}  {guide.title}" for guide in guides]
    return "\n".join([session.words.say("Choose one of these guides:"), *listed])


@commands.command(
    cls=_GuideCommand,
    help=N_("Any guide, such as first-visit or an extra one from --data-dir, shown like 'benefits'."),
    epilog=examples("runacu guide first-visit", "runacu guide first-visit safe", "runacu guides"),
)
@output_options("--pager", "--output")
def guide(
    ctx: typer.Context,
    slug: Annotated[str, guide_argument(N_("The guide's name, or its start (see 'runacu guides')."), complete_guide)],
    topic: TopicArgument = None,
    as_list: ListOption = False,
    *,
    flags: OutputFlags,
) -> None:
    show_guide(ctx, slug, topic, as_list, flags)
