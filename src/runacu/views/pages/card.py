"""The quick card: what bare `runacu` shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from runacu.views.blocks import Block, Code, Definitions, Heading, Link, Page, Paragraph, Table
from runacu.views.pages.commands import command

if TYPE_CHECKING:
    from runacu.content.models import Clinic
    from runacu.words import Words


def _placeholder(words: Words, word: str) -> str:
    """A word of an example command; one in capitals (WORD) is a placeholder, said in the reader's language."""
    return words.say(f"placeholder_{word.lower()}") if word.isupper() else word


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
        Paragraph((words.say("tagline"),)),
        Heading(words.say("for_runners"), 3),
        examples(runners),
        Heading(words.say("for_the_clinic"), 3),
        examples(clinic_tools),
        Definitions(((clinic.name, (Link(clinic.phone.display, f"tel:{clinic.phone.e164}"),)),)),
        Paragraph((words.say("help_hint"), " ", Code(command(words.say("placeholder_command"), "--help"))), quiet=True),
    )
    return Page("runacu", blocks, language=words.language)
