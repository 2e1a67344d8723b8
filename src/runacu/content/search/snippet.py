"""Snippets: where the query's terms occur in a topic's text, and the part of it an answer shows.

Each answer shows the window of about SNIPPET_CHARS of its text holding the most weight of the
query's terms; its summary, which is true on its own, when its title, questions or aliases hold
as much; a source's citation only when no other text of the topic holds a word of the query.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from runacu.content.search.fields import CITED_FIELDS, _clause, _field_texts, _level_text
from runacu.content.search.result import SearchHit
from runacu.content.search.words import _WORD, _prefix, _starts_word, _word_key
from runacu.content.text import fold

if TYPE_CHECKING:
    from runacu.content.models import Guide, Topic
    from runacu.content.search.query import _Term

SNIPPET_CHARS = 160

#: The fields a snippet may come from, preferred in this order when they hold as much of the query.
#: Never the title, questions or aliases: the title is shown with every hit, and they are not answers.
SNIPPET_FIELDS = ("summary", "explanation", "lists", "red_flags", "tips", "evidence", "sources")

#: (start, end, index of the query term) of one matched word in a text.
_Match = tuple[int, int, int]


class _Matcher:
    """Where the query's terms occur in a text, and which term each occurrence is."""

    def __init__(self, terms: Sequence[_Term], language: str) -> None:
        self._key = _word_key(language)
        #: Each stem searched for, and the index of its term.
        self.keys: dict[str, int] = {}
        for index, term in enumerate(terms):
            for stem in term.stems(language):
                self.keys.setdefault(stem, index)
        # A Snowball stem keeps all but the last letter of the folded word it comes from, at most changed
        # (dying -> die: the last two): whatever stems to `stretch` starts with `stretc`. Searching texts
        # for these prefixes, in C, and stemming only the words that start with one keeps this fast.
        # tests/content/test_search.py checks it.
        self._prefixes = {_prefix(key) for key in self.keys}
        #: Which term (or -1: none) each word seen in a text is.
        self._index_of: dict[str, int] = {}

    def _matches(self, folded: str, prefix: str) -> Iterator[_Match]:
        at = folded.find(prefix)
        while at >= 0:
            before = folded[at - 1] if at else " "
            if (before == " " or (not before.isalnum() and _starts_word(folded, at))) and (
                word := _WORD.match(folded, at)
            ):
                index = self._index_of.get(word.group())
                if index is None:
                    index = self._index_of[word.group()] = self.keys.get(self._key(word.group()), -1)
                if index >= 0:
                    yield at, word.end(), index
            at = folded.find(prefix, at + 1)

    def find(self, folded: str) -> list[_Match]:
        """Where terms occur in a folded text, in order."""
        found = {match[0]: match for prefix in self._prefixes for match in self._matches(folded, prefix)}
        return sorted(found.values())

    def find_in(self, text: str) -> list[_Match]:
        """Where terms occur in `text`, not folded, in order."""
        folded = fold(text)
        if len(folded) == len(text):
            return self.find(folded)
        # Folding changed lengths (ß is ss folded): fold character by character to know where each came from.
        parts = [fold(character) for character in text]
        origin = [at for at, part in enumerate(parts) for _ in part]
        return [(origin[start], origin[end - 1] + 1, term) for start, end, term in self.find("".join(parts))]


def _densest(matches: Sequence[_Match], weights: Sequence[float]) -> tuple[float, int, int]:
    """The stretch of at most SNIPPET_CHARS holding the most weight of distinct terms (then most matches):
    that weight, its start and its end."""
    best, best_rank = (0, 0), (0.0, 0)
    counts: dict[int, int] = {}
    left = 0
    for right, (_, end, term) in enumerate(matches):
        counts[term] = counts.get(term, 0) + 1
        while left < right and end - matches[left][0] > SNIPPET_CHARS:
            dropped = matches[left][2]
            counts[dropped] -= 1
            if not counts[dropped]:
                del counts[dropped]
            left += 1
        rank = (round(sum(weights[term] for term in counts), 9), right - left + 1)
        if rank > best_rank:
            best, best_rank = (matches[left][0], end), rank
    return best_rank[0], *best


def _snippet(
    text: str, matches: Sequence[_Match], first: int, last: int, size: int = SNIPPET_CHARS
) -> tuple[str, list[tuple[int, int]]]:
    """About `size` characters of `text` around `first`..`last`, cut between words, and the matches in it."""
    if len(text) <= size:
        return text, [(start, end) for start, end, _ in matches]
    # Some context before the matches, more after; near the end of the text, all of it before.
    lead = max(0, size - (last - first)) // 3
    start = max(0, min(first - lead, len(text) - size))
    if start and text[start - 1] != " ":
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else text.rfind(" ", 0, start) + 1
    end = min(len(text), start + size)
    if end < len(text) and text[end] != " ":
        space = text.rfind(" ", last, end)
        if space < 0:
            space = text.find(" ", end)
        end = space if space >= 0 else len(text)
    prefix = "…" if start else ""
    body = text[start:end] if end == len(text) else text[start:end].rstrip(",;:") + "…"
    shift = len(prefix) - start
    return prefix + body, [(s + shift, e + shift) for s, e, _ in matches if start <= s and e <= end]


def _hit(
    slug: str, guide: Guide, number: int, topic: Topic, matcher: _Matcher, idf: Sequence[float], score: float
) -> SearchHit:
    """A topic as a result: the part of its text holding most of the query (its summary if none does)."""
    texts = _field_texts(topic)
    best: tuple[float, str, str, list[_Match], int, int] | None = None
    lead = ""
    for name in SNIPPET_FIELDS:
        if best is not None and name in CITED_FIELDS:
            break  # a citation is shown only when no text of the topic's own holds a word of the query
        # Each level of warning signs is a text of its own: a snippet never runs from one level's signs
        # into the next level's action ("Chest pain; ... See a doctor today").
        parts = [(group.action, _level_text(group)) for group in topic.red_flags] if name == "red_flags" else []
        for action, raw in parts or [("", texts[name])]:
            text = " ".join(raw.split())
            matches = matcher.find_in(text) if text else []
            if not matches:
                continue
            weight, first, last = _densest(matches, idf)
            if best is None or weight > best[0]:
                best, lead = (weight, name, text, matches, first, last), action
    # A topic found by its title, questions or aliases at least as much as by any part of its text is
    # answered by its summary, which is true on its own.
    named = {term for name in ("title", "questions", "aliases") for *_, term in matcher.find_in(texts[name])}
    if best is None or sum(idf[term] for term in named) >= best[0]:
        summary = " ".join(topic.summary.split())
        matches = matcher.find_in(summary)
        best = (0.0, "summary", summary, matches, *(_densest(matches, idf)[1:] if matches else (0, 0)))
    _, name, text, matches, first, last = best
    # A summary is true on its own: shown whole unless it is very long.
    prefix = f"{_clause(lead)}: " if name == "red_flags" else ""
    if prefix and first >= len(prefix):  # cut within the signs, and their own action put back in front
        signs = [(start - len(prefix), end - len(prefix), term) for start, end, term in matches if start >= len(prefix)]
        snippet, spans = _snippet(text[len(prefix) :], signs, first - len(prefix), last - len(prefix))
        snippet = prefix + snippet
        spans = [(start + len(prefix), end + len(prefix)) for start, end in spans]
    else:
        snippet, spans = _snippet(text, matches, first, last, SNIPPET_CHARS * (2 if name == "summary" else 1))
    return SearchHit(slug, guide.title, number, topic, name, snippet, round(score, 4), spans)
