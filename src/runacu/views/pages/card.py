"""The quick card: what bare `runacu` shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from runacu.views.blocks import Block, Code, Definitions, Heading, Link, Page, Paragraph, Table
from runacu.views.pages.commands import command
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.content.models import Clinic
    from runacu.words import Words


#: The placeholders of example commands, said in the reader's language.
PLACEHOLDERS = {"WORD": N_("WORD"), "COMMAND": N_("COMMAND"), "GUIDE": N_("GUIDE")}


def _placeholder(words: Words, word: str) -> str:
    """A word of an example command; one in capitals (WORD) is a placeholder, said in the reader's language."""
    return words.say(PLACEHOLDERS[word]) if word.isupper() else word


@dataclass(frozen=True)
class CardCommand:
    words: tuple[str, ...]
    help: str


def overview_page(
    words: Words, clinic: Clinic, runners: Sequence[CardCommand], clinic_tools: Sequence[CardCommand]
) -> Page:
    """Bare `runacu`: one line on what it is, runnable examples, and the clinic's phone."""

    def examples(commands: Sequence[CardCommand]) -> Table:
        return Table(
            (), tuple(((Code(command(*(_placeholder(words, word) for word in c.words))),), (c.help,)) for c in commands)
        )

    blocks: tuple[Block, ...] = (
        Paragraph(
            (
                words.say(
                    "Acupuncture and running, from a sports-medicine clinic: what it may help, what"
                    " the evidence shows, when back pain needs a doctor, and how to reach the clinic."
                ),
            )
        ),
        Heading(words.say("For runners"), 3),
        examples(runners),
        Heading(words.say("For the clinic"), 3),
        examples(clinic_tools),
        Definitions(((clinic.name, (Link(clinic.phone.display, f"tel:{clinic.phone.e164}"),)),)),
        Paragraph((words.say("Options of a command:"), " ", Code(command(words.say("COMMAND"), "--help"))), quiet=True),
    )
    return Page("runacu", blocks, language=words.language)
