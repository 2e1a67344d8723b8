"""A guide as searched, from its files' indexes: a translation's topics and its English ones, no topic built."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from runacu.content.library import ENGLISH
from runacu.content.search.index import _kept_index

if TYPE_CHECKING:
    from runacu.content.library import Library


@dataclass(frozen=True)
class _Lookup:
    """Where some of a guide's topics are looked up: one file's index, in that file's language."""

    index: list[Any]
    language: str
    #: Each of the file's topics' position in the guide as searched; None where this file does not speak for it.
    positions: list[int | None]
    #: Only the aliases (unstemmed words): a translation's topics answer to their English aliases too.
    aliases_only: bool = False


@dataclass(frozen=True)
class _GuideView:
    """A guide as searched, from its files' indexes: no topic built."""

    slug: str
    topics: list[str]
    lookups: list[_Lookup]
    #: The language of the text each topic is read in.
    languages: list[str]
    #: Its files' topic slugs, for the notice of what stands in English: (translation or None, English).
    files: tuple[list[str] | None, list[str]] = (None, [])

    @property
    def flagged(self) -> list[int]:
        return sorted(
            position
            for lookup in self.lookups
            if not lookup.aliases_only
            for number in lookup.index[3]
            if (position := lookup.positions[number]) is not None
        )


def _view(slug: str, english: list[Any] | None, translated: list[Any] | None, language: str) -> _GuideView:
    """The guide as `Library.load_guide` builds it, from its files' indexes: the same topics in the same order."""
    if translated is None or english is None:
        only, only_language = (english, ENGLISH) if translated is None else (translated, language)
        assert only is not None
        topics = list(only[0])
        lookup = _Lookup(only, only_language, list(range(len(topics))))
        files = (None, topics) if translated is None else (topics, [])
        return _GuideView(slug, topics, [lookup], [only_language] * len(topics), files)
    ours, theirs = list(translated[0]), list(english[0])
    mine = set(ours)
    topics = ours if set(theirs) <= mine else theirs + [topic for topic in ours if topic not in set(theirs)]
    position = {topic: number for number, topic in enumerate(topics)}
    lookups = [
        _Lookup(translated, language, [position[topic] for topic in ours]),
        _Lookup(english, ENGLISH, [None if topic in mine else position[topic] for topic in theirs]),
        _Lookup(english, ENGLISH, [position[topic] if topic in mine else None for topic in theirs], aliases_only=True),
    ]
    languages = [language if topic in mine else ENGLISH for topic in topics]
    return _GuideView(slug, topics, lookups, languages, (ours, theirs))


def _library_views(library: Library) -> list[_GuideView]:
    views = []
    for slug in library.guide_slugs():
        indexes: dict[str, list[Any]] = {}
        for data_file in library.guide_files_of(slug):
            indexes["en" if data_file.language == ENGLISH else "translation"] = _kept_index(library, data_file)
        if indexes:
            views.append(_view(slug, indexes.get("en"), indexes.get("translation"), library.language))
    return views
