"""The warning sign a query names: the red-flag sign of the guides it fits best, with its level's action.

A query naming a warning sign of the everyday-words table ("numbness", "chest pain") is given
the red-flag sign of the guides it fits best, with its level's action, and the topic that lists
it answers the query first (`searching.py`), whatever else does. A sign is named by its words as
written (a plural or, in Spanish, a gender aside), typed or given by an everyday word or phrase
typed as written ("wet myself": bladder; "fell": accident), never by another word of their stem:
"dormir" (to sleep) does not name "dormida" (numb).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from runacu.content.search.query import _parse, _Query, _Table
from runacu.content.search.result import WarningSign
from runacu.content.search.words import STEMMERS, _form, _words
from runacu.errors import UsageError

if TYPE_CHECKING:
    from runacu.content.library import Library
    from runacu.content.models import Guide, RedFlags, Topic


def _warning(query: _Query, guide: Guide, topic: Topic, language: str) -> WarningSign:
    """The listed sign of `topic` that holds most of the query's whole warning phrases (the most urgent first).

    A sign holds a phrase when it has every word of it: "high temperature" (which means "fever") names
    "A fever", not "Pain high in your back" for its "high".
    """
    best: tuple[int, RedFlags, str | None] = (0, topic.red_flags[0], None)
    for flags in topic.red_flags:
        for listed in flags.signs:
            forms = {_form(word, language) for word in _words(listed)}
            held = sum(1 for phrase in query.warning_phrases if phrase <= forms)
            if held > best[0]:
                best = (held, flags, listed)
    _, flags, sign = best
    first = topic.red_flags[0]
    emergency = first.action if flags is not first and first.level == "emergency" else None
    return WarningSign(guide.slug, topic, sign, flags, emergency)


def _with_warnings_said_in_another_language(
    library: Library, query: Sequence[str], language: str, parsed: _Query
) -> _Query:
    """A warning sign named in the other language ("dolor en el pecho" in English) still leads to the
    warning first: which sign is not told (the guides are in the reader's language), but where to go is."""
    for other in STEMMERS:
        if other == language:
            continue
        try:
            theirs = _parse(query, other, _Table.kept(library, other), library.words)
        except UsageError:  # only that language's common words
            continue
        if theirs.warning_words:
            return dataclasses.replace(parsed, warning_words=theirs.warning_words, warning_phrases=())
    return parsed
