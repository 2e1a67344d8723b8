"""A search from the query to its result: `search` over guides in memory, `search_library` over a library.

A library's search reads each guide file's kept index (`index.py`), scores from it and builds only
the guides whose topics it shows. What is reported beside the answers: the words not covered, the
guides' word an unclear typo may stand for, when nothing answers the closest topics, and the
language the query seems to be written in when it is not the one searched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from runacu.content.library import ENGLISH
from runacu.content.search.guide_view import _GuideView, _library_views, _view
from runacu.content.search.index import _index_of
from runacu.content.search.other_language import _other_language, _vocabulary
from runacu.content.search.query import _parse, _Query, _Table, _Term
from runacu.content.search.questions import _asked
from runacu.content.search.ranking import _answers, _score, _Scores
from runacu.content.search.result import SearchHit, SearchResult, WarningSign
from runacu.content.search.snippet import _hit, _Matcher
from runacu.content.search.typos import _typos
from runacu.content.search.warning import _warning, _with_warnings_said_in_another_language
from runacu.content.search.words import _STEMS, _language_code
from runacu.words import for_language

if TYPE_CHECKING:
    from runacu.content.library import Library
    from runacu.content.models import EverydayWords, Guide, Topic


def search(
    guides: Sequence[Guide],
    query: Sequence[str] | str,
    language: str = ENGLISH,
    everyday: EverydayWords | None = None,
    limit: int | None = None,
) -> SearchResult:
    """The topics of `guides` that answer `query`, best first, with everything else a search says.

    `language` picks the stop words and the stemmer: "en" or "es"; words in other languages must
    match whole. At most `limit` answers are made (`total` counts them all). A query with nothing
    to search for is a UsageError, told in `language` too. Only the guides given are known: a query
    in another language is told by its stop words alone.
    """
    language = _language_code(language)
    table = _Table.of(everyday, language)
    parsed = _parse([query] if isinstance(query, str) else query, language, table, for_language(language))
    views = [_view(guide.slug, None, _index_of(guide, language), language) for guide in guides]
    built = {guide.slug: guide for guide in guides}
    result = _result(views, parsed, language, built.__getitem__, limit, lambda other, stems: set())
    _STEMS.save()
    return result


def search_library(
    library: Library, query: Sequence[str], language: str = ENGLISH, limit: int | None = None
) -> SearchResult:
    """`search` over every guide of `library`, from each guide file's kept index: only the guides shown are built.

    At most `limit` answers are built (`total` still counts them all); the guides' notices (what
    stands in English) are the same as building every guide would give. A query with nothing to search
    for is a UsageError, told in the library's language.
    """
    language = _language_code(language)
    parsed = _parse(query, language, _Table.kept(library, language), library.words)
    if not parsed.warning_words:
        parsed = _with_warnings_said_in_another_language(library, query, language, parsed)
    views = _library_views(library)
    built: dict[str, Guide] = {}
    said: dict[str, list[str]] = {}

    def build(slug: str) -> Guide:
        if slug not in built:
            before = len(library.notices)
            built[slug] = library.load_guide(slug)
            said[slug] = library.notices[before:]
            del library.notices[before:]
        return built[slug]

    result = _result(views, parsed, language, build, limit, lambda other, stems: _vocabulary(library, other, stems))
    for view in views:  # in guide order, as building every guide would say it
        if view.slug in said:
            library.notices += said.pop(view.slug)
        elif view.slug not in built:
            library.note_fallbacks(view.slug, *view.files)
    _STEMS.save()
    return result


#: How many closest topics a search that found no answer names.
NEAR = 3


def _result(
    views: Sequence[_GuideView],
    parsed: _Query,
    language: str,
    build: Callable[[str], Guide],
    limit: int | None,
    vocabulary: Callable[[str, set[str]], set[str]],
) -> SearchResult:
    terms = parsed.terms
    scores = _score(views, terms)
    typos = _typos(views, [term.said for index, term in enumerate(terms) if not scores.known(index)], language)
    clear = {word: found for word, (found, is_clear) in typos.items() if is_clear}
    if clear:  # a clear typo counts as the word it stands for
        corrected = [_Term(term.said, {clear[term.said]: 1.0}) if term.said in clear else term for term in terms]
        distinct = {term.identity(language): term for term in reversed(corrected)}
        terms = [term for term in corrected if distinct[term.identity(language)] is term]
        scores = _score(views, terms)
    scores.asked = _asked(views, terms, scores)
    answers = _answers(scores)
    warning, listed_at = _warning_of(views, parsed, build)
    if listed_at is not None:
        # The topic that lists the warning sign the query names answers it first: the page under the warning
        # never says that nothing answers, nor sends the reader away from the sign's action.
        answers = [listed_at, *(key for key in answers if key != listed_at)]
    unknown = [term.said for index, term in enumerate(terms) if not scores.known(index)]
    suggestions = {word: found for word, (found, _) in typos.items()}
    near: list[SearchHit] = []
    if not answers:
        unclear = {word: found for word, found in suggestions.items() if word not in clear}
        if unclear:
            guessed = [_Term(term.said, {unclear[term.said]: 1.0}) if term.said in unclear else term for term in terms]
            again = _score(views, guessed)
            near = _hits(views, _answers(again)[:NEAR], guessed, again, build)
        if not near:
            closest = scores.ranked(key for key in scores.matched if scores.is_near(key))[:NEAR]
            near = _hits(views, closest, terms, scores, build)
    shown = answers if limit is None else answers[:limit]
    hits = _hits(views, shown, terms, scores, build)
    other = _other_language(parsed, views, language, vocabulary) if unknown else None
    return SearchResult(hits, len(answers), near, unknown, suggestions, warning, other)


def _warning_of(
    views: Sequence[_GuideView], parsed: _Query, build: Callable[[str], Guide]
) -> tuple[WarningSign | None, tuple[int, int] | None]:
    """The warning sign the query names, from the first guide with warning signs, and where its topic is."""
    if not parsed.warning_words:
        return None, None
    number, flagged = next(((number, view) for number, view in enumerate(views) if view.flagged), (0, None))
    if flagged is None:
        return None, None
    position = flagged.flagged[0]
    guide = build(flagged.slug)
    warning = _warning(parsed, guide, _topic_at(guide, flagged, position), flagged.languages[position])
    return warning, (number, position)


def _topic_at(guide: Guide, view: _GuideView, position: int) -> Topic:
    topic = guide.topics[position] if position < len(guide.topics) else None
    if topic is None or topic.slug != view.topics[position]:  # the file changed since its index was read
        topic = next(t for t in guide.topics if t.slug == view.topics[position])
    return topic


def _hits(
    views: Sequence[_GuideView],
    keys: Sequence[tuple[int, int]],
    terms: Sequence[_Term],
    scores: _Scores,
    build: Callable[[str], Guide],
) -> list[SearchHit]:
    matchers: dict[str, _Matcher] = {}
    hits = []
    for guide_number, position in keys:
        view = views[guide_number]
        guide = build(view.slug)
        language = view.languages[position]
        matcher = matchers.get(language)
        if matcher is None:
            matcher = matchers[language] = _Matcher(terms, language)
        topic = _topic_at(guide, view, position)
        score = scores.score((guide_number, position))
        hits.append(_hit(view.slug, guide, guide.topics.index(topic) + 1, topic, matcher, scores.idf, score))
    return hits
