"""`runacu check`: the warning signs that need a doctor, asked at a terminal or read from a script."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from runacu.cli.options import (
    OutputFlags,
    complete_guide,
    completion_library,
    examples,
    guide_argument,
    opener,
    output_options,
)
from runacu.cli.prompts import ask_each_sign
from runacu.cli.session import call_to_action, current
from runacu.errors import RunacuError, UsageError
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.content.warning_check import CheckRun
    from runacu.words import Words

commands = typer.Typer()
#: An answer is a word or two: a longer line is read no further than this, and is not an answer.
_LONGEST_ANSWER = 1024


def _complete_checkable_guide(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for `check`: only the guides that have warning signs to check."""
    try:
        library = completion_library(ctx)
        guides = [library.load_guide(slug) for slug in complete_guide(ctx, incomplete)]
    except RunacuError:
        return []
    return [guide.slug for guide in guides if any(topic.red_flags for topic in guide.topics)]


@commands.command(
    help=N_(
        "Walk through the warning signs that need a doctor, most urgent first. Not a diagnosis.\n\n"
        "At a terminal it asks about each sign in turn. Without one, it reads the answers from standard input,"
        " one per line (y, n or ?), as a script or a kiosk gives them; with no input it shows the whole checklist."
    ),
    epilog=examples("runacu check", "runacu check < /dev/null", N_("runacu check --json < answers.txt")),
)
@output_options(page=False)
def check(
    ctx: typer.Context,
    slug: Annotated[str, guide_argument(N_("A guide with warning signs."), _complete_checkable_guide)] = "back-pain",
    *,
    flags: OutputFlags,
) -> None:
    from runacu.content.models import json_data
    from runacu.content.warning_check import CheckRun
    from runacu.views.pages import check_result_page, checklist_page

    session = current(ctx)
    words = session.words
    options = flags.options(words)
    guide = session.library.load_guide(slug)
    topic = next((topic for topic in guide.topics if topic.red_flags), None)
    if topic is None:
        raise UsageError(words.say("the guide '{guide}' has no warning signs to check", guide=guide.slug))
    run = CheckRun(topic.red_flags)
    # A format asked for, here or before the command (`runacu --json check`), means no questions are asked.
    format_asked = options.as_json or options.output_format is not None or session.default_format is not None
    interactive = session.terminal.is_interactive and not format_asked
    given = None if session.terminal.is_interactive else _stdin_answers(words)
    first = next(given, None) if given is not None else None
    if not interactive and first is None:
        levels = [json_data(level) for level in topic.red_flags]
        contact = call_to_action(session, options)
        session.show(
            lambda: checklist_page(words, topic, contact), lambda: {"guide": guide.slug, "levels": levels}, options
        )
        return
    session.do_not_store()  # the outcome depends on what was answered
    if given is not None and first is not None:
        _answer_from(run, itertools.chain((first,), given), words)
    else:
        ask_each_sign(session, run)
    result = run.result
    assert result is not None
    contact = call_to_action(session, options)
    prevention = None
    if result.flags is None:
        prevention = next((opener(guide.slug, t.slug) for t in guide.topics if t.slug == "prevention"), None)

    def data() -> object:
        return {
            "guide": guide.slug,
            "outcome": result.outcome,
            "action": result.flags.action if result.flags is not None else None,
            "answers": [{"level": a.level, "sign": a.sign, "answer": a.answer} for a in result.answers],
        }

    session.show(lambda: check_result_page(words, topic, result, contact, prevention), data, options)


def _stdin_answers(words: Words) -> Iterator[str]:
    """The answers a script gives on standard input, one per line, each read only when it is needed.

    Reading stops as soon as the check is decided, so a kiosk that writes one answer at a time gets
    the outcome at once; blank lines are skipped, and a byte-order mark (as Notepad writes) ignored.
    """
    if sys.stdin is None:
        return
    first = True
    while True:
        try:
            line = sys.stdin.readline(_LONGEST_ANSWER)
        except (OSError, ValueError):  # a closed stdin
            return
        except UnicodeDecodeError:
            raise UsageError(
                words.say("the answers on standard input are not text: give one answer (y, n or ?) per line")
            ) from None
        if not line:
            return
        if first:
            line, first = line.removeprefix("\ufeff"), False
        if line.strip():
            yield line.strip()


def _answer_from(run: CheckRun, given: Iterable[str], words: Words) -> None:
    from runacu.content.text import echo
    from runacu.content.warning_check import parse_answer

    answers = iter(given)
    while (question := run.next_question) is not None:  # never reads past the answer that decides
        text = next(answers, None)
        if text is None:
            raise UsageError(
                words.say(
                    "the answers ended before question {number} of {total}: give one answer (y, n or ?) per line",
                    number=question.number,
                    total=question.total,
                )
            )
        answer = parse_answer(text, words.language)
        if answer is None:
            raise UsageError(
                words.say(
                    "answer {number} ('{answer}') is not y, n or ? (not sure)",
                    number=question.number,
                    answer=echo(text),
                )
            )
        run.answer(answer)
