"""Ranking: each topic's BM25F score for the query's terms, and which topics answer.

Topics are ranked by BM25F, BM25 over weighted fields (Robertson and Zaragoza, "The
Probabilistic Relevance Framework: BM25 and Beyond", 2009). In each topic, a stem's count in
each field is weighted by FIELD_WEIGHTS (title, questions and aliases above the summary, above
the explanation, above the sources), divided by the field's length relative to that field's
average in the guide file (LENGTH_NORMS), and summed; the sum is saturated by K1 and multiplied
by the term's inverse document frequency over every topic searched, which is at least IDF_FLOOR
(a word every topic holds, "acupuncture", still tells a topic about it from one naming it in
passing). A term scores by the better of its own word and its everyday words (a disjunction
max), so a topic that says "hurt" ranks above one that only says "pain". Not every word must
match: a topic matching more of the query's rarer words ranks higher, and the score is scaled
by the share of the query's weight the topic matches (its coverage).

A topic one of whose `questions` or aliases is the query answers, and ranks first (`questions.py`).
Another topic answers if its coverage is at least MIN_COVERAGE, counting only words it talks about
(a word named only in a source's citation is not talked about), and it scores at least
MIN_SHARE_OF_BEST of the best answer. When the query has words no topic talks about ("knee",
"shin", "sciatica"), they are what the question is about if they weigh (by idf) more than the
words the guides do talk about: nothing answers "flat feet shoes" or "IT band stretches", however
well "shoes" and "stretches" match. Otherwise an answer must also hold, in its title, questions,
aliases or summary, a word of the rest that is not common to many topics (COMMON_SHARE): "knee
pain" is not answered by every topic that says "pain".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from runacu.content.search.fields import _HEADLINE, _LEVELS, _TOLD, FIELD_WEIGHTS
from runacu.content.search.query import EVERYDAY_WEIGHT

if TYPE_CHECKING:
    from runacu.content.search.guide_view import _GuideView
    from runacu.content.search.query import _Term

#: BM25's saturation: the second match of a word adds less than the first.
K1 = 1.2
#: The least a word's idf counts for, however many topics hold it.
IDF_FLOOR = 0.2
#: The share of the weight of the query's known words a topic must match to answer it.
MIN_COVERAGE = 0.34
#: An answer scores at least this share of the best answer's score: the rest is noise, not an answer.
MIN_SHARE_OF_BEST = 0.35
#: A word in more than this share of the topics is common: alone, it answers nothing ("pain").
COMMON_SHARE = 0.4


@dataclass
class _Scores:
    """Every topic that matched some term: its BM25F score, and how it holds each term."""

    #: (guide, position) -> the pseudo-frequency of each term's own words, of its everyday words (the guides'
    #: words the table gives for it), and where the topic holds the term (0: not at all).
    matched: dict[tuple[int, int], tuple[list[float], list[float], list[int]]]
    topics: int
    terms: int
    #: The topics one of whose `questions` or aliases the query is (see `_asked`): they answer, and rank first.
    asked: frozenset[tuple[int, int]] = frozenset()

    def __post_init__(self) -> None:
        levels = [found[2] for found in self.matched.values()]
        #: How many topics hold each term, and how many hold it outside their sources.
        self.found_in = [sum(1 for held in levels if held[term]) for term in range(self.terms)]
        self.told_in = [sum(1 for held in levels if held[term] >= _TOLD) for term in range(self.terms)]
        # BM25's idf; a word no topic holds gets the idf of a word held by one (it is reported, not scored).
        # A word nearly every topic holds keeps IDF_FLOOR: it still tells a topic about it ("acupuncture for
        # back pain": how acupuncture helps) from one naming it in passing.
        self.idf = idf = [
            max(IDF_FLOOR, math.log(1 + (self.topics - max(df, 1) + 0.5) / (max(df, 1) + 0.5))) for df in self.found_in
        ]
        known = sum(idf[term] for term in range(self.terms) if self.known(term))
        #: The words no guide talks about weigh more than those they do: the query is about something else.
        self.outweighed = sum(idf) - known > known
        self.coverages: dict[tuple[int, int], float] = {}
        self.scores: dict[tuple[int, int], float] = {}
        for key, (own, everyday, held) in self.matched.items():  # the hot loop of a search over many topics
            bm25 = told = 0.0
            for term, level in enumerate(held):
                if level:
                    mine, theirs = own[term], everyday[term]
                    # Each term scores by the better of its own words and its everyday words (which count less).
                    bm25 += idf[term] * max(mine / (K1 + mine), EVERYDAY_WEIGHT * theirs / (K1 + theirs))
                    if level >= _TOLD:
                        told += idf[term]
            coverage = self.coverages[key] = told / known if known else 0.0
            self.scores[key] = bm25 * (0.5 + 0.5 * coverage)

    def known(self, term: int) -> bool:
        """Whether some topic talks about the term (naming it in a citation is not talking about it)."""
        return self.told_in[term] > 0

    def common(self, term: int) -> bool:
        return self.told_in[term] > COMMON_SHARE * self.topics

    def score(self, key: tuple[int, int]) -> float:
        """BM25F, scaled by the coverage (0 for a topic that matched no term: one listing a warning sign named)."""
        return self.scores.get(key, 0.0)

    def answers(self, key: tuple[int, int]) -> bool:
        """Whether the topic answers: one of its questions is the query; or it talks about enough of the query,
        and when part of the query is not talked about anywhere, that part weighs no more than the rest and
        the topic's headline fields hold a word of the rest that is not in most topics."""
        if key in self.asked:
            return True
        if self.coverages[key] < MIN_COVERAGE:
            return False
        if all(self.known(term) for term in range(self.terms)):
            return True
        if self.outweighed:
            return False
        return any(level == _HEADLINE and not self.common(term) for term, level in enumerate(self.matched[key][2]))

    def is_near(self, key: tuple[int, int]) -> bool:
        return any(level and not self.common(term) for term, level in enumerate(self.matched[key][2]))

    def ranked(self, keys: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """`keys`, best first: the topics asked first; equal scores in guide and topic order."""
        scores, asked = self.scores, self.asked
        return sorted(keys, key=lambda key: (key not in asked, -scores[key], key))


def _score(views: Sequence[_GuideView], terms: Sequence[_Term]) -> _Scores:
    count = len(terms)
    matched: dict[tuple[int, int], tuple[list[float], list[float], list[int]]] = {}
    for number, view in enumerate(views):
        for lookup in view.lookups:
            positions = lookup.positions
            for index, term in enumerate(terms):
                if lookup.aliases_only:
                    found = [
                        (topic, weight == 1, f"{FIELD_WEIGHTS['aliases']}h")
                        for word, weight in term.words.items()
                        for topic in lookup.index[2].get(word, "").split()
                    ]
                else:
                    postings = lookup.index[1]
                    found = [
                        (topic, weight == 1, value)
                        for stem, weight in term.stems(lookup.language).items()
                        if stem in postings
                        for topic, _, value in (posting.partition(":") for posting in postings[stem].split()[1:])
                    ]
                for topic, own, value in found:
                    position = positions[int(topic)]
                    if position is None:
                        continue
                    held = matched.get((number, position))
                    if held is None:
                        held = matched[(number, position)] = ([0.0] * count, [0.0] * count, [0] * count)
                    frequencies = held[0] if own else held[1]
                    frequencies[index] += float(value[:-1])
                    level = _LEVELS[value[-1]]
                    if level > held[2][index]:
                        held[2][index] = level
    return _Scores(matched, sum(len(view.topics) for view in views), count)


def _answers(scores: _Scores) -> list[tuple[int, int]]:
    """The topics that answer, best first."""
    answering = scores.ranked(key for key in scores.matched if scores.answers(key))
    best = max((scores.score(key) for key in answering), default=0.0)
    return [key for key in answering if key in scores.asked or scores.score(key) >= MIN_SHARE_OF_BEST * best]
