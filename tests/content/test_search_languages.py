"""Search in a language runacu has no word lists for: Snowball's stemmer for it, found by the name CLDR gives the
language in English, and no stop words; a language Snowball has no stemmer for matches whole words."""

from __future__ import annotations

import pytest

from runacu.content.search.stop_words import STOP_WORDS
from runacu.content.search.words import _word_key


@pytest.mark.slow  # imports snowballstemmer and babel, as a first search in a new language does
def test_a_new_language_is_stemmed_by_snowballs_algorithm_for_it() -> None:
    french = _word_key("fr")
    assert french("recuperations") == french("recuperation") == french("recuperer")
    assert "fr" not in STOP_WORDS  # none of its own: every word counts


@pytest.mark.slow
def test_a_language_snowball_does_not_know_matches_whole_words() -> None:
    key = _word_key("qps")
    assert key("recuperations") == "recuperations" and key("running") == "running"
