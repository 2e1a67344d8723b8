"""The receipt of `runacu request`: a warning sign the message names first, then where the draft is and how to
send it, or what to say when you call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from runacu.views.blocks import Block, Callout, Code, Definitions, Link, Page, Paragraph, Strong, plain_text
from runacu.views.pages.clinic import status_sentence
from runacu.views.pages.commands import check_command
from runacu.views.pages.red_flags import CALLOUT_LEVELS, LEVEL_TITLES, action_inlines

if TYPE_CHECKING:
    from runacu.content.models import Clinic
    from runacu.content.search import WarningSign
    from runacu.views.pages.clinic import ClinicView
    from runacu.words import Words


@dataclass(frozen=True)
class Receipt:
    """Where `runacu request` put the draft, and how to reach the clinic with it."""

    path: str | None
    clinic: Clinic
    mailto: str | None
    #: The request as it is read out on the phone (label, value), when the clinic has no email address.
    call_script: tuple[tuple[str, str], ...] = ()
    #: The clinic now: whether it is open, on a screen (None, or no status, in a file to read later).
    now: ClinicView | None = None
    #: The warning sign the message names, as a search finds one: its level's callout comes first.
    warning: WarningSign | None = None
    #: The line about warning signs (`WARNING_SIGNS_LINE`, in the reader's words), when the topic is theirs and the
    #: message names none: it comes first.
    about_warning_signs: str | None = None


def receipt_page(words: Words, receipt: Receipt) -> Page:
    if receipt.call_script:
        return _call_page(words, receipt)
    clinic = receipt.clinic
    blocks = _warning_first(words, receipt)
    if receipt.path is not None:
        blocks += [Paragraph((words.say("Saved your request to"),)), Paragraph((Code(receipt.path),))]
    if receipt.mailto:
        blocks.append(Paragraph((words.say("Send it from your mail program, or open:"),)))
        blocks.append(Paragraph((Link(receipt.mailto, receipt.mailto),)))
    blocks.append(
        Paragraph(
            (
                words.say("Or call {name}:", name=clinic.name),
                " ",
                Link(clinic.phone.display, f"tel:{clinic.phone.e164}"),
            )
        )
    )
    return Page(words.say("Appointment request"), tuple(blocks), language=words.language)


def _call_page(words: Words, receipt: Receipt) -> Page:
    """The request to read out when calling a clinic with no email address: whom to call and whether they are
    open now, what to say, and where the copy for the reader's records is."""
    clinic = receipt.clinic
    blocks = _warning_first(words, receipt)
    blocks += [
        Paragraph(
            (
                words.say("The clinic has no email address yet. Call {name}:", name=clinic.name),
                " ",
                Link(clinic.phone.display, f"tel:{clinic.phone.e164}"),
            )
        )
    ]
    if receipt.now is not None and receipt.now.status is not None:
        sentence = status_sentence(words, receipt.now)
        blocks.append(Paragraph((Strong(sentence if sentence.endswith(".") else sentence + "."),)))
    blocks += [
        Paragraph((words.say("What to say:"),)),
        Paragraph((words.say("I'd like to ask for an appointment."),)),
        Definitions(tuple((label, (value,)) for label, value in receipt.call_script)),
    ]
    if receipt.path is not None:
        blocks += [Paragraph((words.say("A copy is saved for your records:"),)), Paragraph((Code(receipt.path),))]
    return Page(words.say("Appointment request"), tuple(blocks), language=words.language)


def _warning_first(words: Words, receipt: Receipt) -> list[Block]:
    """What comes before anything about the appointment: the callout of a warning sign the message names, or the
    line about warning signs when the topic is theirs."""
    if receipt.warning is not None:
        return [warning_callout(words, receipt.warning)]
    if receipt.about_warning_signs is not None:
        return [Paragraph((Strong(receipt.about_warning_signs),))]
    return []


def warning_callout(words: Words, warning: WarningSign) -> Callout:
    """The warning sign a request's message names: its level's action, the sign, the most urgent action too, that
    a request is no way to get it seen, and the way to the check."""
    flags, title = warning.flags, warning.topic.title
    named = words.say("Your message names a warning sign: see “{title}”.", title=title)
    if warning.sign is not None:
        named = words.say(
            "Your message names a warning sign listed under “{title}”: {sign}.",
            title=title,
            sign=warning.sign.strip().rstrip("."),
        )
    body: list[Block] = [Paragraph(action_inlines(flags.action)), Paragraph((named,))]
    if warning.emergency_action is not None:
        body.append(
            Paragraph((words.say("For the most urgent signs:"), " ", *action_inlines(warning.emergency_action)))
        )
    check = check_command(warning.guide_slug)
    body += [
        Paragraph(
            (words.say("Do this first: the clinic reads requests later, and a request does not replace a doctor."),)
        ),
        Paragraph((words.say("Go through the warning signs one by one:"), " ", Code(check))),
    ]
    if flags.level != "emergency":  # as the check has it: nothing softens an emergency
        body.append(Paragraph((words.say("This is not a diagnosis."),)))
    return Callout(CALLOUT_LEVELS[flags.level], words.say(LEVEL_TITLES[flags.level]), tuple(body))


def warning_lines(words: Words, warning: WarningSign) -> str:
    """The same callout as lines of text, for the form to say on stderr as soon as the message is typed: the level
    and its action first ('EMERGENCY: Call 911 or go to the emergency room'), then each of its paragraphs."""
    callout = warning_callout(words, warning)
    said = [plain_text(block.parts) for block in callout.body if isinstance(block, Paragraph)]
    return "\n".join((f"{callout.label.upper()}: {said[0]}", *said[1:]))
