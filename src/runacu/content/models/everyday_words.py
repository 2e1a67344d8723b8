"""The everyday words a runner may type for what the guides say in their own words, as a model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from runacu.content.message import InvalidValue
from runacu.content.models.fields import Phrase, not_empty
from runacu.content.text import fold
from runacu.content.validation import Model, Rule, described
from runacu.words import N_


def _said_once(words: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each everyday word is listed once, compared as search compares words (in any case, with or without accents)."""
    seen: dict[str, str] = {}
    for said in words:
        name = fold(said)
        if name in seen:
            raise InvalidValue(
                N_("'{word}' is '{first}' again (case and accents do not count)"),
                at=(said,),
                word=said,
                first=seen[name],
            )
        seen[name] = said
    return words


@dataclass(frozen=True, kw_only=True)
class EverydayWords(Model):
    """The words a runner may type for what the guides say in their own words, in one language.

    Search looks for a runner's word and for the guides' words it stands for; a query naming a
    warning sign is pointed to the red-flag check and the emergency action first; a phrase the
    guides do not cover is said to be not covered.
    """

    words: Annotated[
        dict[Phrase, Annotated[list[Phrase], Rule(not_empty, minItems=1)]],
        Rule(_said_once),
        described("A runner's word or phrase, and the words the guides use for it: `hurt: [pain, sore]`."),
    ] = field(default_factory=dict)
    warning_signs: Annotated[
        list[Phrase],
        described("Words and phrases that name a warning sign (numbness, chest pain): search points to the check."),
    ] = field(default_factory=list)
    not_covered: Annotated[
        list[Phrase],
        described(
            "Phrases for what the guides do not cover though they use its words in another sense (training plan):"
            " search says it is not covered instead of answering with one of its words."
        ),
    ] = field(default_factory=list)
