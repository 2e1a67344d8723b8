"""The language a query seems to be written in, when it is not the one searched.

The other language's guides are read (their kept indexes only) when a query has words no guide
uses, to tell whether it is written in that language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from runacu.content.search.index import _kept_index, _talked_about
from runacu.content.search.stop_words import STOP_WORDS
from runacu.content.search.words import STEMMERS, _is_number, _word_key

if TYPE_CHECKING:
    from runacu.content.library import Library
    from runacu.content.search.guide_view import _GuideView
    from runacu.content.search.query import _Query


def _vocabulary(library: Library, language: str, stems: set[str]) -> set[str]:
    """Those of `stems` the guides of `library` talk about in `language` (their files in it only)."""
    from runacu.content.library import Library
    from runacu.content.problems import DataError

    found: set[str] = set()
    try:
        other = Library(library.custom_dir, library.builtin_dir, language=language)
        for slug in other.guide_slugs():
            for data_file in other.guide_files_of(slug):
                if data_file.language == language:
                    postings = _kept_index(other, data_file)[1]
                    found.update(stem for stem in stems if (entry := postings.get(stem)) and _talked_about(entry))
    except DataError:  # a broken file in another language is no reason to fail this search
        pass
    return found


def _other_language(
    parsed: _Query, views: Sequence[_GuideView], language: str, vocabulary: Callable[[str, set[str]], set[str]]
) -> str | None:
    """The language the query seems to be in, when it is not `language`: more of its words are that
    language's alone (its stop words, or words its guides talk about and these do not) than this one's."""
    here, key = STOP_WORDS.get(language, frozenset()), _word_key(language)

    def talked_about_here(word: str) -> bool:
        stem = key(word)
        return any(
            (entry := lookup.index[1].get(stem)) is not None and _talked_about(entry)
            for view in views
            for lookup in view.lookups
            if not lookup.aliases_only and lookup.language == language
        )

    best: tuple[int, str | None] = (0, None)
    for other in STEMMERS:
        if other == language:
            continue
        there, their_key = STOP_WORDS.get(other, frozenset()), _word_key(other)
        words = [word for word in dict.fromkeys(parsed.words) if not _is_number(word)]
        known = vocabulary(other, {their_key(word) for word in words if word not in here and word not in there})
        ours = theirs = 0
        for word in words:
            if word in here or word in there:
                ours += word in here and word not in there
                theirs += word in there and word not in here
            else:
                mine, yours = talked_about_here(word), their_key(word) in known
                ours += mine and not yours
                theirs += yours and not mine
        if theirs > ours and theirs > best[0]:
            best = (theirs, other)
    return best[1]
