"""The red-flag check: the checklist of every warning sign, and where the check ended."""

from __future__ import annotations

from typing import TYPE_CHECKING

from runacu.views.blocks import Block, Callout, Code, Page, Paragraph, Strong
from runacu.views.pages.clinic import call_to_action, handout
from runacu.views.pages.commands import command
from runacu.views.pages.red_flags import CALLOUT_LEVELS, LEVEL_TITLES, action_inlines, red_flag_callout
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.content.models import Topic
    from runacu.content.warning_check import CheckResult
    from runacu.views.pages.clinic import ClinicView
    from runacu.words import Words


def checklist_page(words: Words, topic: Topic, contact: ClinicView) -> Page:
    """Every warning sign, most urgent level first: what `check` shows when nobody can answer questions."""
    blocks: list[Block] = [
        Paragraph((words.say("Warning signs, most urgent first. If you have any, do what its level says."),)),
        Paragraph((Strong(words.say("This check is not a diagnosis.")),)),
    ]
    blocks += [red_flag_callout(words, flags, contact.handout) for flags in topic.red_flags]
    blocks.append(call_to_action(words, contact))
    return Page(
        words.say("Warning signs: {title}", title=topic.title),
        tuple(blocks),
        language=words.language,
        handout=handout(words, contact),
    )


def check_result_page(
    words: Words, topic: Topic, result: CheckResult, contact: ClinicView, prevention: tuple[str, ...] | None
) -> Page:
    """Where the check ended: the action of the level reached and nothing that competes with it, or no signs."""
    blocks: list[Block] = []
    answered = result.deciding
    if result.flags is not None and answered is not None:
        flags = result.flags
        said = (
            N_("You were not sure about: {sign} (not sure counts as yes)")
            if answered.answer == "not sure"
            else N_("You answered yes to: {sign}")
        )
        body: list[Block] = [Paragraph(action_inlines(flags.action)), Paragraph((words.say(said, sign=answered.sign),))]
        if flags.level != "emergency":
            body.append(Paragraph((words.say("This check is not a diagnosis."),)))
        blocks.append(Callout(CALLOUT_LEVELS[flags.level], words.say(LEVEL_TITLES[flags.level]), tuple(body)))
    else:
        blocks.append(Paragraph((Strong(words.say("You reported none of these signs. This is not a diagnosis.")),)))
        if prevention is not None:
            blocks.append(Paragraph((words.say("To help prevent back pain:"), " ", Code(command(*prevention)))))
        blocks.append(call_to_action(words, contact))
    return Page(
        words.say("Warning signs: {title}", title=topic.title),
        tuple(blocks),
        language=words.language,
        handout=handout(words, contact),
    )
