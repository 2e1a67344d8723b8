"""Typos: a word no guide uses that is close to one they do, and whether it clearly stands for it.

A word no guide uses that is clearly a typo of one they do (CLEAR_TYPO: "acupuntra") is searched
as that word; an unclear one is suggested.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from runacu.content.search.index import _talked_about
from runacu.content.search.words import _is_number, _word_key

if TYPE_CHECKING:
    from runacu.content.search.guide_view import _GuideView

#: How close (difflib's ratio of the stems) a word no guide uses must be to one they use to be taken
#: for it, as a clear typo, when no other is as close: "acupuntra" is searched as "acupuntura".
CLEAR_TYPO = 0.84
#: Stems this close to each other are taken for forms of one word when telling whether a typo is clear.
SAME_WORD = 0.75


def _typos(views: Sequence[_GuideView], unknown: Sequence[str], language: str) -> dict[str, tuple[str, bool]]:
    """Each unknown word whose stem is close to one the guides talk about (a typo: `streching`), the guides'
    word, and whether it is clearly that one (long enough, close enough, and no other word nearly as close)."""
    candidates = [word for word in unknown if len(word) >= 5 and " " not in word and not _is_number(word)]
    if not candidates:
        return {}
    from difflib import SequenceMatcher, get_close_matches

    # Each stem the guides talk about (not only cite), and the word first seen with it.
    vocabulary: dict[str, str] = {}
    for view in views:
        for lookup in view.lookups:
            if not lookup.aliases_only and lookup.language == language:
                for stem, entry in lookup.index[1].items():
                    if _talked_about(entry):
                        vocabulary.setdefault(stem, entry[: entry.find(" ")])
    key = _word_key(language)
    found = {}
    for word in candidates:
        typed = key(word)
        # A typo seldom changes the first letter or the length by much: the others need not be compared.
        # A short stem ("band", "tibi") is a word of its own too often to be taken for another.
        near = [
            stem
            for stem in vocabulary
            if stem[:1] == typed[:1] and abs(len(stem) - len(typed)) <= 3 and min(len(stem), len(typed)) >= 5
        ]
        close = get_close_matches(typed, near, n=5, cutoff=0.8)
        if close:
            best, *others = close
            # "sleap" may be "sleep" or "slaps"; another form or spelling of the closest word ("recov" beside
            # "recoveri", "acupunctur" beside "acupuntur") is no rival.
            is_clear = SequenceMatcher(None, typed, best).ratio() >= CLEAR_TYPO and all(
                SequenceMatcher(None, best, other).ratio() >= SAME_WORD for other in others
            )
            found[word] = (vocabulary[best], is_clear)
    return found
