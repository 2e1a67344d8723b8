"""The receipt of `runacu request`: where the draft is and how to send it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from runacu.views.blocks import Block, Code, Link, Page, Paragraph

if TYPE_CHECKING:
    from runacu.content.models import Clinic
    from runacu.words import Words


@dataclass(frozen=True)
class Receipt:
    """Where `runacu request` put the draft, and how to reach the clinic with it."""

    path: str | None
    clinic: Clinic
    mailto: str | None


def receipt_page(words: Words, receipt: Receipt) -> Page:
    clinic = receipt.clinic
    blocks: list[Block] = []
    if receipt.path is not None:
        blocks += [Paragraph((words.say("Saved your request to"),)), Paragraph((Code(receipt.path),))]
    if receipt.mailto:
        blocks.append(Paragraph((words.say("Send it from your mail program, or open:"),)))
        blocks.append(Paragraph((Link(receipt.mailto, receipt.mailto),)))
    else:
        blocks.append(
            Paragraph(
                (words.say("The clinic has no email address: read the draft out when you call, or bring it with you."),)
            )
        )
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
