"""The receipt of `runacu request`: where the draft is and how to send it, or what to say when you call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from runacu.views.blocks import Block, Code, Definitions, Link, Page, Paragraph, Strong
from runacu.views.pages.clinic import status_sentence

if TYPE_CHECKING:
    from runacu.content.models import Clinic
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


def receipt_page(words: Words, receipt: Receipt) -> Page:
    if receipt.call_script:
        return _call_page(words, receipt)
    clinic = receipt.clinic
    blocks: list[Block] = []
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
    blocks: list[Block] = [
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
