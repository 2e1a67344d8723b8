"""The query: a runner's question, read into terms with the everyday-words table of its language.

The query is folded (case, accents, curly apostrophes and punctuation such as "?" do not count)
and split into words. Phrases of the everyday-words table of the query's language are read
first ("how much" means cost, "pins and needles" tingling, and a phrase listed as not covered,
"training plan", means none of the guides' words); then the language's stop words ("does",
"my", "better", "el", "para"; `stop_words.py`), single letters, and bare numbers beside other
words ("12 weeks") are dropped. Each word left is a *term*: its Snowball stem (a word of
OWN_WORDS keeps a stem of its own: "plano", flat, is not "plan"), or, for a word of the
everyday-words table, its stem and the stems of the guides' words it stands for ("hurt": pain,
sore), which count EVERYDAY_WEIGHT as much.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from runacu.content.search.stop_words import STOP_WORDS
from runacu.content.search.words import _WORD, _form, _is_content, _is_number, _word_key, _words
from runacu.content.text import echo
from runacu.errors import UsageError

if TYPE_CHECKING:
    from runacu.content.library import Library
    from runacu.content.models import EverydayWords
    from runacu.words import Words

#: A longer query is a usage error: no runner's question is that long, and every word costs time.
MAX_QUERY_CHARS = 500
#: What a guide's word given by the everyday-words table counts for, against the word typed.
EVERYDAY_WEIGHT = 0.6


@dataclass(frozen=True)
class _Term:
    """One meaningful word of the query: the words it is looked for as (folded), each with its weight."""

    said: str
    words: dict[str, float]

    def stems(self, language: str) -> dict[str, float]:
        key = _word_key(language)
        found: dict[str, float] = {}
        for word, weight in self.words.items():
            stem = key(word)
            found[stem] = max(found.get(stem, 0.0), weight)
        return found

    def identity(self, language: str) -> frozenset[str]:
        """What makes two terms the same: their stems; for a phrase the guides do not cover, its words."""
        return frozenset(self.stems(language)) if self.words else frozenset(("", *self.said.split()))

    @property
    def own(self) -> list[str]:
        """The word typed, when the term is looked for itself (not a phrase of the everyday-words table)."""
        return [self.said] if self.said in self.words else []

    def forms(self, language: str) -> set[str]:
        """The term's words as a guide's question is matched (see `_form`): the word typed, or what a phrase
        or a stop word of the everyday-words table ("how much") means."""
        return {_form(word, language) for word in (self.own or self.words)}


@dataclass(frozen=True)
class _Table:
    """The everyday-words table of one language, keyed by the stems of what a runner says."""

    #: By the stems of a runner's words: those words as listed (folded), and the guides' words meant (none
    #: for a phrase the guides do not cover).
    meanings: dict[tuple[str, ...], tuple[list[tuple[str, ...]], list[str]]]
    longest: int
    #: Each warning sign's words, as forms: a sign is named by these words, not by others of their stem.
    warnings: list[frozenset[str]]

    @classmethod
    def of(cls, everyday: EverydayWords | None, language: str) -> _Table:
        if everyday is None:
            return cls({}, 0, [])
        key = _word_key(language)
        meanings: dict[tuple[str, ...], tuple[list[tuple[str, ...]], list[str]]] = {}
        for said, meant in everyday.words.items():
            words = _words(said)
            stems = tuple(key(word) for word in words)
            if stems:
                kept = meanings.setdefault(stems, ([], []))
                kept[0].append(tuple(words))
                kept[1].extend(word for phrase in meant for word in _words(phrase))
        for said in everyday.not_covered:  # a phrase the guides do not cover: it means none of their words
            words = _words(said)
            if words:
                meanings[tuple(key(word) for word in words)] = ([tuple(words)], [])
        stop = STOP_WORDS.get(language, frozenset())
        warnings = []
        for phrase in everyday.warning_signs:
            words = _words(phrase)
            # "can't pee" names a sign by its "pee": a stop word need not be typed too.
            content = [word for word in words if _is_content(word, stop)] or words
            warnings.append(frozenset(_form(word, language) for word in content))
        return cls(meanings, max(map(len, meanings), default=0), warnings)

    @classmethod
    def kept(cls, library: Library, language: str) -> _Table:
        """The table of `library`'s everyday words of `language` (`of`), kept beside the parse cache while their file
        and the search's code are unchanged: a search then reads it whole, without building the words' model or
        stemming a phrase of it (most of what reading the table costs).

        Kept as lines of words, which hold no space, "|" or tab (`_WORD`): each meaning is its stems, the phrases
        listed (split by "|") and the guides' words meant, split by tabs; each warning sign is its forms."""
        from runacu.content.models import EverydayWords
        from runacu.content.search.index import _index_version

        data_file = library.everyday_words_file(language)
        if data_file is None:
            return cls.of(None, language)

        def make(everyday: EverydayWords) -> list[Any]:
            table = cls.of(everyday, language)
            meanings = [
                "\t".join((" ".join(stems), "|".join(" ".join(words) for words in said), " ".join(meant)))
                for stems, (said, meant) in table.meanings.items()
            ]
            return [meanings, table.longest, [" ".join(sorted(forms)) for forms in table.warnings]]

        kept = library.derived(data_file, "table", _index_version(), make, _is_table, EverydayWords)
        meanings: dict[tuple[str, ...], tuple[list[tuple[str, ...]], list[str]]] = {}
        for line in kept[0]:
            stems, said, meant = line.split("\t")
            meanings[tuple(stems.split(" "))] = ([tuple(words.split(" ")) for words in said.split("|")], meant.split())
        return cls(meanings, kept[1], [frozenset(forms.split()) for forms in kept[2]])


def _is_table(value: object) -> bool:
    """Whether a kept value has the shape `_Table.kept` keeps a table in."""
    if type(value) is not list or len(value) != 3:
        return False
    meanings, longest, warnings = value
    return (
        type(meanings) is list
        and all(type(line) is str and line.count("\t") == 2 and line[:1] not in ("", "\t") for line in meanings)
        and type(longest) is int
        and type(warnings) is list
        and all(type(forms) is str for forms in warnings)
    )


@dataclass(frozen=True)
class _Query:
    terms: list[_Term]
    #: The words of the query that name a warning sign, and the guides' words they stand for (folded).
    warning_words: frozenset[str]
    #: Each warning phrase the query says (as forms), and each guide word a said warning phrase means:
    #: a listed sign is named by a whole phrase ("high temperature" is "fever", not "pain high in the back").
    warning_phrases: tuple[frozenset[str], ...] = ()
    #: Every word of the query, folded, stop words too.
    words: list[str] = field(default_factory=list)


def _parse(query: Sequence[str], language: str, table: _Table, reader_words: Words) -> _Query:
    """The query's terms, and its warning words; a usage error (told in `reader_words`) when it has nothing to
    search for."""
    text = " ".join(query)
    if not _WORD.search(text):
        raise UsageError(reader_words.say("search needs at least one word"))
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(
            reader_words.say(
                "a search is at most {most} characters, and this one has {count}: ask one question at a time",
                most=MAX_QUERY_CHARS,
                count=len(text),
            )
        )
    key = _word_key(language)
    stop = STOP_WORDS.get(language, frozenset())
    words = _words(text)
    stems = [key(word) for word in words]
    forms = [_form(word, language) for word in words]
    terms: list[_Term] = []
    #: The runner's words, and the guides' words of the table entries they typed as written (not merely
    #: with the same stem): "dormir" (to sleep) does not name the sign the table gives "dormida" (numb) for.
    spoken = set(forms)
    said_meaning: dict[frozenset[str], list[str]] = {}
    at = 0
    while at < len(words):
        for length in range(min(table.longest, len(words) - at), 0, -1):
            entry = table.meanings.get(tuple(stems[at : at + length]))
            if entry is not None:
                listed_as, meant = entry
                said = words[at : at + length]
                own = {said[0]: 1.0} if length == 1 and _is_content(said[0], stop) and meant else {}
                # A phrase, or a stop word ("why"), is not looked for itself: what it means is, in full.
                weight = EVERYDAY_WEIGHT if own else 1.0
                terms.append(_Term(" ".join(said), own | {word: weight for word in meant if word not in own}))
                typed = tuple(forms[at : at + length])
                if any(tuple(_form(word, language) for word in listed) == typed for listed in listed_as):
                    spoken.update(_form(word, language) for word in meant)
                    # Keyed as its warning sign is, if it is one: by its words but its stop words.
                    content = [word for word in said if _is_content(word, stop)] or said
                    said_meaning[frozenset(_form(word, language) for word in content)] = [
                        _form(word, language) for word in meant
                    ]
                at += length
                break
        else:
            if _is_content(words[at], stop):
                terms.append(_Term(words[at], {words[at]: 1.0}))
            at += 1
    # A bare number ("12 weeks", "10 sessions") means nothing beside words; alone, it is looked for.
    if any(not _is_number(term.said) for term in terms):
        terms = [term for term in terms if not _is_number(term.said)]
    distinct = {term.identity(language): term for term in reversed(terms)}
    terms = [term for term in terms if distinct[term.identity(language)] is term]
    if not terms:
        raise UsageError(
            reader_words.say(
                "'{query}' has only common words ('how', 'my', 'the'...): add a word that says what"
                " you want to know, such as 'sleep' or 'cost'",
                query=echo(text),
            )
        )
    # A sign is named in the runner's words or the guides' ("my back hurts at night": pain at night).
    said_phrases = [phrase for phrase in table.warnings if phrase <= spoken]
    named = {form for phrase in said_phrases for form in phrase}
    said_or_meant = set(words) | {word for term in terms for word in term.words}
    phrases_meant = [frozenset({form}) for phrase in said_phrases for form in said_meaning.get(phrase, ())]
    warning_words = frozenset(word for word in said_or_meant if _form(word, language) in named)
    return _Query(
        terms, warning_words, words=words, warning_phrases=tuple(dict.fromkeys([*said_phrases, *phrases_meant]))
    )
