"""Full-text search over every guide's topics: whole words in any case, accent or form, ranked by where they match."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from runacu.content.library import ENGLISH
from runacu.content.models import Guide, Topic
from runacu.memo import Memo

if TYPE_CHECKING:
    from runacu.content.library import Library

SNIPPET_CHARS = 160
#: Where a match counts most: a title match ranks above a summary match, and so on.
FIELD_WEIGHTS = {
    "title": 8,
    "aliases": 6,
    "summary": 4,
    "explanation": 2,
    "tips": 1,
    "red_flags": 2,
    "evidence": 1,
    "sources": 1,
}
#: The fields a snippet may come from, preferred in this order when they match as many words.
#: Never the title: it is shown next to every hit already.
SNIPPET_FIELDS = ("summary", "explanation", "red_flags", "tips", "evidence", "sources", "aliases")
#: Snowball algorithms by language code; words in other languages must match whole.
STEMMERS = {"en": "english", "es": "spanish"}

# A word, with inner apostrophes (runner's, don't); a decimal number such as 47.6 or 1,162 is one word.
_WORD = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:'\w+)*")
# The combining diacritics left by NFD: stripping them makes `sueno` match `sueño` and `medico` `médico`.
_ACCENTS = re.compile("[\u0300-\u036f]")

#: (start, end, index of the query word) of one matched word in a text.
_Match = tuple[int, int, int]


@dataclass(frozen=True)
class SearchHit:
    guide_slug: str
    guide_title: str
    topic_number: int
    topic: Topic
    field_name: str
    snippet: str
    score: int
    #: (start, end) of each match inside `snippet`, for highlighting.
    spans: list[tuple[int, int]] = field(default_factory=list)


def _fold(text: str) -> str:
    """`text` as compared: casefolded, without accents, with one kind of apostrophe."""
    text = text.casefold().replace("\u2019", "'")
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _ACCENTS.sub("", unicodedata.normalize("NFD", text)))


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"  # what `\w` matches


def _starts_word(text: str, at: int) -> bool:
    """Whether a word of `text`, as _WORD finds them, starts at `at` (a letter or digit)."""
    if at == 0:
        return True
    before = text[at - 1]
    if _is_word_character(before):
        return False
    if at < 2 or not _is_word_character(text[at - 2]):
        return True
    # The `s` of runner's and the `6` of 47.6 are inside a word.
    return not (before == "'" or (before in ".," and text[at - 2].isdigit() and text[at].isdigit()))


def _clause(text: str) -> str:
    return text.strip().rstrip(".")


def _field_texts(topic: Topic) -> dict[str, str]:
    """Each searched field's text (whitespace not yet collapsed), keyed as in FIELD_WEIGHTS."""
    return {
        "title": topic.title,
        "aliases": ", ".join(topic.aliases),
        "summary": topic.summary,
        "explanation": topic.explanation,
        "tips": " ".join(topic.tips),
        "red_flags": " ".join(
            f"{_clause(group.action)}: {'; '.join(_clause(sign) for sign in group.signs)}." for group in topic.red_flags
        ),
        "evidence": topic.evidence.note,
        "sources": " ".join(part for source in topic.sources for part in (source.citation, source.note) if part),
    }


def _language_code(language: str) -> str:
    return language.replace("_", "-").split("-")[0].casefold()


#: Stems found on earlier runs: importing snowballstemmer loads the tables of all its languages.
_STEMS = Memo("stems", "snowballstemmer", limit=20_000)


@functools.cache
def _stemmer(algorithm: str) -> Callable[[str], str]:
    import snowballstemmer

    stem: Callable[[str], str] = snowballstemmer.stemmer(algorithm).stemWord
    return stem


@functools.cache
def _word_key(language: str) -> Callable[[str], str]:
    """For one language, what a folded word matches on: its stem (numbers and unknown languages: the word itself)."""
    algorithm = STEMMERS.get(language)
    # Stemming is pure Python (tens of microseconds a word), so each word is stemmed once per process,
    # and found in the memo on later runs.
    keys: dict[str, str] = {}

    def key(word: str) -> str:
        found = keys.get(word)
        if found is None:
            if algorithm is None or any(character.isdigit() for character in word):
                found = word
            else:
                found = _STEMS.get(f"{language}|{word}", lambda: _stemmer(algorithm)(word))
            keys[word] = found
        return found

    return key


def _prefix(key: str) -> str:
    """What every word whose matching key is `key` starts with, folded."""
    kept = len(key) - (2 if key.endswith("ie") else 1)
    return key[: max(1, kept)]


class _Query:
    """The query's distinct words as matching keys, and where they occur in a folded text."""

    def __init__(self, query: Sequence[str], language: str) -> None:
        self._key = _word_key(_language_code(language))
        words = (word for term in query for word in _WORD.findall(_fold(term)))
        #: Each distinct key and its index: `stretch stretching` is one word, not two.
        self.keys = {key: index for index, key in enumerate(dict.fromkeys(self._key(word) for word in words))}
        # A Snowball stem keeps all but the last letter of the folded word it comes from, at most changed
        # (dying -> die: the last two): whatever stems to `stretch` starts with `stretc`. Searching texts
        # for these prefixes, in C, and stemming only the words that start with one keeps search fast;
        # stemming every word of every topic would take seconds. tests/test_search_engine.py checks it.
        self._wanted: dict[str, set[int]] = {}
        for key, index in self.keys.items():
            self._wanted.setdefault(_prefix(key), set()).add(index)
        #: Which query word (or -1: none) each word seen in a text is.
        self._index_of: dict[str, int] = {}

    def may_match(self, folded: str) -> bool:
        """False when `folded` certainly lacks some query word: a quick test before the exact one."""
        return all(prefix in folded for prefix in self._wanted)

    def _classify(self, word: str) -> int:
        index = self._index_of[word] = self.keys.get(self._key(word), -1)
        return index

    def _matches(self, folded: str, prefix: str) -> Iterator[_Match]:
        """The query words among the words of `folded` that start with `prefix`."""
        at = folded.find(prefix)
        while at >= 0:
            # The hot loop of a search: the common cases (inside a word, after a space) come first.
            before = folded[at - 1] if at else " "
            if (before == " " or (not before.isalnum() and _starts_word(folded, at))) and (
                word := _WORD.match(folded, at)
            ):
                index = self._index_of.get(word.group())
                if index is None:
                    index = self._classify(word.group())
                if index >= 0:
                    yield at, word.end(), index
            at = folded.find(prefix, at + 1)

    def words_in(self, folded: str) -> set[int]:
        """Which query words occur in a folded text (stops looking for each at its first occurrence)."""
        found: set[int] = set()
        for prefix, wanted in self._wanted.items():
            if prefix not in folded:  # the usual case for most fields, and quicker to tell
                continue
            for *_, index in self._matches(folded, prefix):
                found.add(index)
                if wanted <= found:
                    break
        return found

    def find(self, folded: str) -> list[_Match]:
        """Where query words occur in a folded text, in order."""
        found = {match[0]: match for prefix in self._wanted for match in self._matches(folded, prefix)}
        return sorted(found.values())

    def find_in(self, text: str) -> list[_Match]:
        """Where query words occur in `text`, not folded, in order."""
        folded = _fold(text)
        if len(folded) == len(text):
            return self.find(folded)
        # Folding changed lengths (ß is ss folded): fold character by character to know where each came from.
        parts = [_fold(character) for character in text]
        origin = [at for at, part in enumerate(parts) for _ in part]
        return [(origin[start], origin[end - 1] + 1, word) for start, end, word in self.find("".join(parts))]


def _densest(matches: Sequence[_Match]) -> tuple[int, int]:
    """Start and end of the stretch of at most SNIPPET_CHARS with the most distinct words matched, then most matches."""
    best, best_rank = (0, 0), (0, 0)
    counts: dict[int, int] = {}
    left = 0
    for right, (_, end, word) in enumerate(matches):
        counts[word] = counts.get(word, 0) + 1
        while left < right and end - matches[left][0] > SNIPPET_CHARS:
            dropped = matches[left][2]
            counts[dropped] -= 1
            if not counts[dropped]:
                del counts[dropped]
            left += 1
        rank = (len(counts), right - left + 1)
        if rank > best_rank:
            best, best_rank = (matches[left][0], end), rank
    return best


def _snippet(text: str, matches: Sequence[_Match]) -> tuple[str, list[tuple[int, int]]]:
    """About SNIPPET_CHARS of `text` where the query words are densest, cut between words, and the matches in it."""
    if len(text) <= SNIPPET_CHARS:
        return text, [(start, end) for start, end, _ in matches]
    first, last = _densest(matches)
    # Some context before the matches, more after; near the end of the text, all of it before.
    lead = max(0, SNIPPET_CHARS - (last - first)) // 3
    start = max(0, min(first - lead, len(text) - SNIPPET_CHARS))
    if start and text[start - 1] != " ":
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else text.rfind(" ", 0, start) + 1
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text) and text[end] != " ":
        space = text.rfind(" ", last, end)
        if space < 0:
            space = text.find(" ", end)
        end = space if space >= 0 else len(text)
    prefix = "…" if start else ""
    body = text[start:end] if end == len(text) else text[start:end].rstrip(",;:") + "…"
    shift = len(prefix) - start
    return prefix + body, [(s + shift, e + shift) for s, e, _ in matches if start <= s and e <= end]


def _hit(guide: Guide, number: int, topic: Topic, query: _Query) -> SearchHit | None:
    texts = _field_texts(topic)
    folded = {name: _fold(text) for name, text in texts.items()}
    if not query.may_match("\n".join(folded.values())):
        return None
    found = {name: query.words_in(text) for name, text in folded.items()}
    if len(set().union(*found.values())) < len(query.keys):
        return None
    score = sum(FIELD_WEIGHTS[name] * len(words) for name, words in found.items())
    # max() keeps the first of equals, so ties go to the earlier field in SNIPPET_FIELDS.
    shown = max(SNIPPET_FIELDS, key=lambda name: len(found[name]))
    text = " ".join(texts[shown].split())
    snippet, spans = _snippet(text, query.find_in(text))
    return SearchHit(guide.slug, guide.title, number, topic, shown, snippet, score, spans)


def search(guides: Sequence[Guide], query: Sequence[str], language: str = "en") -> list[SearchHit]:
    """Topics in which every word of `query` appears, in any case, accent or form (stretching: Stretch), best first.

    `language` picks the stemmer: "en" or "es"; words in other languages must match whole.
    """
    parsed = _Query([query] if isinstance(query, str) else query, language)
    hits = _ranked(guides, parsed) if parsed.keys else []
    _STEMS.save()
    return hits


def search_library(library: Library, query: Sequence[str], language: str = "en") -> list[SearchHit]:
    """`search` over every guide of `library`, building only the guides that may hold a match.

    Each guide file keeps the folded text of its topics beside the parse cache (`Library.derived`):
    a guide none of whose topics has every query word's prefix cannot match, and is never built.
    With thousands of topics, that is most of the time a search would take.
    """
    parsed = _Query(query, language)
    if not parsed.keys:
        return []
    hits = _ranked(
        [library.load_guide(slug) for slug in library.guide_slugs() if _may_hold(library, slug, parsed)], parsed
    )
    _STEMS.save()
    return hits


def _sifting_texts(guide: Guide) -> list[list[str]]:
    """Each topic's slug and all its searched text, folded: what `_may_hold` sifts."""
    return [[topic.slug, _fold("\n".join(_field_texts(topic).values()))] for topic in guide.topics]


def _are_sifting_texts(value: object) -> bool:
    return type(value) is list and all(
        type(pair) is list and len(pair) == 2 and type(pair[0]) is str and type(pair[1]) is str for pair in value
    )


@functools.cache
def _sifting_version() -> str:
    """What the kept texts were made by: this module, whose fields and folding decide them."""
    from hashlib import blake2b
    from pathlib import Path

    return blake2b(Path(__file__).read_bytes(), digest_size=12).hexdigest()


def _may_hold(library: Library, slug: str, query: _Query) -> bool:
    """Whether the guide `slug` may have a topic with every query word, from its files' kept texts.

    A translated guide's topic also answers to its English aliases, so a topic's texts in both of
    its files are sifted together.
    """
    texts: dict[str, list[str]] = {}
    translated: list[str] | None = None
    english: list[str] = []
    for data_file in library.guide_files_of(slug):
        kept = library.derived(data_file, "search", _sifting_version(), _sifting_texts, _are_sifting_texts)
        if data_file.language == ENGLISH:
            english = [topic for topic, _ in kept]
        else:
            translated = [topic for topic, _ in kept]
        for topic, text in kept:
            texts.setdefault(topic, []).append(text)
    if any(query.may_match("\n".join(parts)) for parts in texts.values()):
        return True
    library.note_fallbacks(slug, translated, english)  # what building it would have said: its English stand-ins
    return False


def _ranked(guides: Sequence[Guide], parsed: _Query) -> list[SearchHit]:
    ranked: list[tuple[int, int, int, SearchHit]] = []
    for guide_rank, guide in enumerate(guides):
        for number, topic in enumerate(guide.topics, start=1):
            hit = _hit(guide, number, topic, parsed)
            if hit is not None:
                ranked.append((-hit.score, guide_rank, number, hit))
    ranked.sort(key=lambda item: item[:3])
    return [hit for *_, hit in ranked]
