"""The topics one of whose `questions` or aliases is the query: they answer, and rank first.

The same words as written, a plural aside, once stop words and words nearly every topic holds are
dropped: "is it painful" is "Is acupuncture painful?".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from runacu.content.search.words import _word_key

if TYPE_CHECKING:
    from runacu.content.search.guide_view import _GuideView
    from runacu.content.search.query import _Term
    from runacu.content.search.ranking import _Scores

#: A word in more than this share of the topics ("acupuncture") tells no question of a topic from the query.
UNIVERSAL_SHARE = 0.8


def _asked(views: Sequence[_GuideView], terms: Sequence[_Term], scores: _Scores) -> frozenset[tuple[int, int]]:
    """The topics one of whose `questions` or aliases is the query: the same words once stop words are dropped.

    Words compare as written, a plural aside (see `_form`): "is it painful" is "Is acupuncture
    painful?", not "Why does my back hurt?" though the everyday words give "hurt" for "pain". A word
    nearly every topic holds (UNIVERSAL_SHARE: "acupuncture") counts for nothing on either side.
    """
    asked: set[tuple[int, int]] = set()
    if not all(scores.known(index) for index in range(scores.terms)):
        return frozenset()  # a word no guide talks about is in no question
    universal: dict[tuple[str, str], bool] = {}

    def is_universal(stem: str, language: str) -> bool:
        found = universal.get((stem, language))
        if found is None:
            told = 0
            for view in views:
                for lookup in view.lookups:
                    if not lookup.aliases_only and lookup.language == language:
                        entry = lookup.index[1].get(stem)
                        if entry is not None:  # "word topic:weightL topic:weightL ...": count all but L = c
                            postings = entry[entry.find(" ") + 1 :]
                            told += postings.count(" ") + 1 - postings.count("c ") - postings.endswith("c")
            found = universal[(stem, language)] = told > UNIVERSAL_SHARE * scores.topics
        return found

    for number, view in enumerate(views):
        for lookup in view.lookups:
            if lookup.aliases_only or not lookup.index[4]:
                continue
            language, questions = lookup.language, lookup.index[4]
            key = _word_key(language)
            said: list[set[str]] = []
            for term in terms:
                if term.own and all(is_universal(key(word), language) for word in term.own):
                    continue
                said.append(term.forms(language))
            if not said or not all(said):  # a phrase the guides do not cover is in no question
                continue
            every = set().union(*said)
            candidates = {int(n) for form in every for n in lookup.index[5].get(form, "").split()}
            for candidate in sorted(candidates):
                if candidate >= len(questions):
                    continue
                topic, *parts = questions[candidate].split()
                words = {
                    form for form, stem in (part.split("/", 1) for part in parts) if not is_universal(stem, language)
                }
                if (
                    words
                    and words <= every
                    and all(forms & words for forms in said)
                    and int(topic) < len(lookup.positions)
                    and (position := lookup.positions[int(topic)]) is not None
                ):
                    asked.add((number, position))
    return frozenset(asked)
