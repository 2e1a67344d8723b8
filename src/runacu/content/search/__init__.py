"""Search: a runner's question, typed in everyday words, answered by the topics that answer it best (BM25F).

The method, step by step, each step in the module that takes it:

1. The query is folded and split into words (`words.py`), phrases of the everyday-words table
   are read first and stop words dropped (`stop_words.py`): each word left is a term
   (`query.py`).
2. Topics are ranked by BM25F over weighted fields (`fields.py`, `ranking.py`), from each guide
   file's index (`index.py`; a guide as searched, from its files' indexes: `guide_view.py`).
3. A topic one of whose questions is the query answers, and ranks first (`questions.py`); another
   answers if it covers enough of the query (`ranking.py`). A clear typo is searched as the
   guides' word (`typos.py`), and the language the query seems to be written in is told when it
   is not the one searched (`other_language.py`).
4. Each answer shows the part of its text holding the most of the query (`snippet.py`).
5. A query naming a warning sign is given the red-flag sign of the guides it fits best
   (`warning.py`), and the topic that lists it answers first.

`searching.py` takes these steps, over guides in memory (`search`) or over a library's kept
indexes (`search_library`), and returns a `SearchResult` (`result.py`).
"""

from __future__ import annotations

from runacu.content.search.query import MAX_QUERY_CHARS
from runacu.content.search.result import SearchHit, SearchResult, WarningSign
from runacu.content.search.searching import search, search_library
from runacu.content.search.snippet import SNIPPET_CHARS
from runacu.content.search.words import STEMMERS

__all__ = [
    "MAX_QUERY_CHARS",
    "SNIPPET_CHARS",
    "STEMMERS",
    "SearchHit",
    "SearchResult",
    "WarningSign",
    "search",
    "search_library",
]
