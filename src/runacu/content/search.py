"""Search: a runner's question, typed in everyday words, answered by the topics that answer it best (BM25F).

The method, step by step:

1. The query is folded (case, accents, curly apostrophes and punctuation such as "?" do not count)
   and split into words. Phrases of the everyday-words table of the query's language are read
   first ("how much" means cost, "pins and needles" tingling, and a phrase listed as not covered,
   "training plan", means none of the guides' words); then the language's stop words ("does",
   "my", "better", "el", "para"; `stop_words.py`), single letters, and bare numbers beside other
   words ("12 weeks") are dropped. Each word left is a *term*: its Snowball stem (a word of
   OWN_WORDS keeps a stem of its own: "plano", flat, is not "plan"), or, for a word of the
   everyday-words table, its stem and the stems of the guides' words it stands for ("hurt": pain,
   sore), which count EVERYDAY_WEIGHT as much.
2. Topics are ranked by BM25F, BM25 over weighted fields (Robertson and Zaragoza, "The
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
3. A topic one of whose `questions` or aliases is the query (the same words as written, a plural
   aside, once stop words and words nearly every topic holds are dropped: "is it painful" is "Is
   acupuncture painful?") answers, and ranks first. Another topic answers if its coverage is at least
   MIN_COVERAGE, counting only words it talks about (a word named only in a source's citation is
   not talked about), and it scores at least MIN_SHARE_OF_BEST of the best answer. When the query
   has words no topic talks about ("knee", "shin", "sciatica"), they are what the question is
   about if they weigh (by idf) more than the words the guides do talk about: nothing answers
   "flat feet shoes" or "IT band stretches", however well "shoes" and "stretches" match. Otherwise
   an answer must also hold, in its title, questions, aliases or summary, a word of the rest that
   is not common to many topics (COMMON_SHARE): "knee pain" is not answered by every topic that
   says "pain". A word no guide uses that is clearly a typo of one they do (CLEAR_TYPO:
   "acupuntra") is searched as that word. What is reported beside the answers: the words not
   covered, the guides' word an unclear typo may stand for, when nothing answers the closest
   topics, and the language the query seems to be written in when it is not the one searched.
4. Each answer shows the window of about SNIPPET_CHARS of its text holding the most weight of the
   query's terms; its summary, which is true on its own, when its title, questions or aliases hold
   as much; a source's citation only when no other text of the topic holds a word of the query.
5. A query naming a warning sign of the everyday-words table ("numbness", "chest pain") is given
   the red-flag sign of the guides it fits best, with its level's action, whether or not a topic
   answers it. A sign is named by its words as written (a plural or, in Spanish, a gender aside),
   typed or given by an everyday word typed as written, never by another word of their stem:
   "dormir" (to sleep) does not name "dormida" (numb).

Speed: each guide file keeps its index beside the parse cache (`Library.derived`): for each stem,
the topics holding it with their weighted, length-normalised count, and the topics' questions. A
search reads those small entries, scores from them and builds only the guides whose topics it
shows; stems found once are kept in a memo, so a search run again does not import snowballstemmer.
The other language's guides are read (their kept indexes only) when a query has words no guide
uses, to tell whether it is written in that language.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from runacu.cache.memo import Memo
from runacu.content.library import ENGLISH
from runacu.content.stop_words import OWN_WORDS, STOP_WORDS
from runacu.content.text import echo, fold, has_unsafe
from runacu.errors import UsageError
from runacu.words import for_language

if TYPE_CHECKING:
    from runacu.content.library import DataFile, Library
    from runacu.content.models import EverydayWords, Guide, RedFlags, Topic
    from runacu.words import Words

SNIPPET_CHARS = 160
#: A longer query is a usage error: no runner's question is that long, and every word costs time.
MAX_QUERY_CHARS = 500
#: How much a match in each field counts (BM25F field weights).
FIELD_WEIGHTS = {
    "title": 5.0,
    "questions": 4.0,
    "aliases": 4.0,
    "summary": 2.5,
    "explanation": 1.0,
    "lists": 1.0,
    "tips": 1.0,
    "red_flags": 1.0,
    "evidence": 0.5,
    "sources": 0.25,
}
#: How much a field's length lowers its matches (BM25F's b): little for a title, fully for running text.
LENGTH_NORMS = {
    "title": 0.3,
    "questions": 0.5,
    "aliases": 0.3,
    "summary": 0.5,
    "explanation": 0.75,
    "lists": 0.75,
    "tips": 0.75,
    "red_flags": 0.75,
    "evidence": 0.5,
    "sources": 0.75,
}
#: BM25's saturation: the second match of a word adds less than the first.
K1 = 1.2
#: The least a word's idf counts for, however many topics hold it.
IDF_FLOOR = 0.2
#: What a guide's word given by the everyday-words table counts for, against the word typed.
EVERYDAY_WEIGHT = 0.6
#: The share of the weight of the query's known words a topic must match to answer it.
MIN_COVERAGE = 0.34
#: An answer scores at least this share of the best answer's score: the rest is noise, not an answer.
MIN_SHARE_OF_BEST = 0.35
#: A word in more than this share of the topics is common: alone, it answers nothing ("pain").
COMMON_SHARE = 0.4
#: A word in more than this share of the topics ("acupuncture") tells no question of a topic from the query.
UNIVERSAL_SHARE = 0.8
#: The fields that say what a topic is about: a query with words no guide uses must match one of these.
HEADLINE_FIELDS = ("title", "questions", "aliases", "summary")
#: Where a word is only cited: a topic that names it only in a source's title does not talk about it.
CITED_FIELDS = ("sources",)
#: How a topic holds a word, as each posting ends: only in a citation, in its text, in its headline fields.
_CITED, _TOLD, _HEADLINE = 1, 2, 3
_LEVELS = {"c": _CITED, "t": _TOLD, "h": _HEADLINE}
#: The fields a snippet may come from, preferred in this order when they hold as much of the query.
#: Never the title, questions or aliases: the title is shown with every hit, and they are not answers.
SNIPPET_FIELDS = ("summary", "explanation", "lists", "red_flags", "tips", "evidence", "sources")
#: Snowball algorithms by language code; words in other languages must match whole.
STEMMERS = {"en": "english", "es": "spanish"}

# A word, with inner apostrophes (runner's, don't); a decimal number such as 47.6 or 1,162 is one word.
_WORD = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:'\w+)*")

#: (start, end, index of the query term) of one matched word in a text.
_Match = tuple[int, int, int]


@dataclass(frozen=True)
class SearchHit:
    guide_slug: str
    guide_title: str
    topic_number: int
    topic: Topic
    field_name: str
    snippet: str
    score: float
    #: (start, end) of each match inside `snippet`, for highlighting.
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class WarningSign:
    """A warning sign the query names, as the guides list it: where, how urgent, and what to do."""

    guide_slug: str
    topic: Topic
    #: The listed sign the query fits best, and its level; None when none fits (then the most urgent level).
    sign: str | None
    flags: RedFlags
    #: The most urgent level's action, when the sign's own level is less urgent.
    emergency_action: str | None


@dataclass(frozen=True)
class SearchResult:
    #: The topics that answer the query, best first (at most the limit asked for; `total` counts them all).
    hits: list[SearchHit]
    total: int
    #: When no topic answers: the closest topics, if any are near.
    near: list[SearchHit]
    #: Words of the query no guide uses, as typed (folded).
    unknown: list[str]
    #: Each word no guide uses that looks like a typo, and the guides' word it may stand for; a clear typo
    #: is searched as that word (and is not in `unknown`).
    suggestions: dict[str, str]
    warning: WarningSign | None
    #: The language the query seems to be written in, when it is not the one searched ("en", "es").
    other_language: str | None = None


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


def _level_text(group: RedFlags) -> str:
    """One level of warning signs as searched and shown: its action, then its signs."""
    return f"{_clause(group.action)}: {'; '.join(_clause(sign) for sign in group.signs)}."


def _field_texts(topic: Topic) -> dict[str, str]:
    """Each searched field's text (whitespace not yet collapsed), keyed as in FIELD_WEIGHTS."""
    return {
        "title": topic.title,
        "questions": "\n".join(topic.questions),
        "aliases": ", ".join(topic.aliases),
        "summary": topic.summary,
        "explanation": topic.explanation,
        "lists": " ".join(f"{_clause(listed.heading)}: {' '.join(listed.items)}" for listed in topic.lists),
        "tips": " ".join(topic.tips),
        "red_flags": " ".join(_level_text(group) for group in topic.red_flags),
        "evidence": topic.evidence.note,
        "sources": " ".join(part for source in topic.sources for part in (source.citation, source.note) if part),
    }


def _language_code(language: str) -> str:
    return language.replace("_", "-").split("-")[0].casefold()


#: Stems found on earlier runs: importing snowballstemmer loads the tables of all its languages.
_STEMS = Memo("stems", "snowballstemmer", limit=20_000, accept=lambda answer: not has_unsafe(answer))


@functools.cache
def _stemmer(algorithm: str) -> Callable[[str], str]:
    import snowballstemmer

    stem: Callable[[str], str] = snowballstemmer.stemmer(algorithm).stemWord
    return stem


@functools.cache
def _word_key(language: str) -> Callable[[str], str]:
    """For one language, what a folded word matches on: its stem (numbers and unknown languages: the word itself),
    or, for a word of OWN_WORDS, the stem its forms share with nothing else."""
    algorithm = STEMMERS.get(language)
    # Stemming is pure Python (tens of microseconds a word), so each word is stemmed once per process,
    # and found in the memo on later runs.
    keys: dict[str, str] = dict(OWN_WORDS.get(language, {}))

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


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _is_content(word: str, stop: frozenset[str]) -> bool:
    return len(word) > 1 and word not in stop


# The query


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


def _form(word: str, language: str) -> str:
    """A folded word as a warning sign or a guide's question is matched: whole, but for a plural (and, in
    Spanish, a gender): "legs" is "leg", "dormidas" is "dormido"; "dormir" is not "dormida". A word of
    OWN_WORDS is the forms listed with it: "segura" (safe) is not "seguro" (insurance)."""
    own = OWN_WORDS.get(language)
    if own is not None and word in own:
        return own[word]
    if language == "es":
        if len(word) > 4 and word.endswith("es") and word[-3] not in "aeiou":
            word = word[:-2]  # dolores, genitales
        elif len(word) > 3 and word.endswith("s"):
            word = word[:-1]
        if len(word) > 3 and word[-1] in "ao":
            word = word[:-1] + "o"
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


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


def _is_number(word: str) -> bool:
    return word[0].isdigit() and _NUMBER.fullmatch(word) is not None


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _parse(query: Sequence[str], language: str, table: _Table, reader_words: Words) -> _Query:
    """The query's terms, and its warning words; a usage error (told in `reader_words`) when it has nothing to
    search for."""
    text = " ".join(query)
    if not _WORD.search(text):
        raise UsageError(reader_words.say("empty_query"))
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(reader_words.say("query_too_long", most=MAX_QUERY_CHARS, count=len(text)))
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
                    said_meaning[frozenset(typed)] = [_form(word, language) for word in meant]
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
        raise UsageError(reader_words.say("query_only_common_words", query=echo(text)))
    # A sign is named in the runner's words or the guides' ("my back hurts at night": pain at night).
    said_phrases = [phrase for phrase in table.warnings if phrase <= spoken]
    named = {form for phrase in said_phrases for form in phrase}
    said_or_meant = set(words) | {word for term in terms for word in term.words}
    phrases_meant = [frozenset({form}) for phrase in said_phrases for form in said_meaning.get(phrase, ())]
    warning_words = frozenset(word for word in said_or_meant if _form(word, language) in named)
    return _Query(
        terms, warning_words, words=words, warning_phrases=tuple(dict.fromkeys([*said_phrases, *phrases_meant]))
    )


# The index: what each guide file keeps beside the parse cache


def _file_index(guide: Guide, language: str) -> list[Any]:
    """One guide file's index, plain data: [topic slugs, postings, alias words, topics with red flags,
    questions, question words].

    Postings: each stem -> "word topic:weightL topic:weightL ...", `word` the first folded word seen with
    that stem (for suggestions), `weight` the stem's BM25F pseudo-frequency in that topic: its count in
    each field, weighted and divided by the field's length relative to the field's average in this file;
    `L` where the topic has it: h in a headline field, t elsewhere in its text, c only in its sources.
    Alias words: each folded word of an alias -> "topic topic ..." (a translation's topics answer to
    their English aliases). Questions: each of the topics' `questions` and aliases as "topic form/stem
    form/stem ...", one for each of its words that is not a stop word (see `_form`); question words:
    each form -> "question question ...", the questions' numbers in that list.
    """
    key = _word_key(language)
    stop = STOP_WORDS.get(language, frozenset())
    counted: list[dict[str, dict[str, int]]] = []
    totals = dict.fromkeys(FIELD_WEIGHTS, 0)
    first_words: dict[str, str] = {}
    for topic in guide.topics:
        fields: dict[str, dict[str, int]] = {}
        for name, text in _field_texts(topic).items():
            counts: dict[str, int] = {}
            for word in _words(text):
                if _is_content(word, stop):
                    stem = key(word)
                    counts[stem] = counts.get(stem, 0) + 1
                    first_words.setdefault(stem, word)
            fields[name] = counts
            totals[name] += sum(counts.values())
        counted.append(fields)
    averages = {name: max(total / len(counted), 1.0) for name, total in totals.items()}
    entries: dict[str, list[str]] = {}
    for number, fields in enumerate(counted):
        pseudo: dict[str, float] = {}
        level: dict[str, str] = {}
        for name, counts in fields.items():
            norm = 1 - LENGTH_NORMS[name] + LENGTH_NORMS[name] * sum(counts.values()) / averages[name]
            mark = "h" if name in HEADLINE_FIELDS else "c" if name in CITED_FIELDS else "t"
            for stem, count in counts.items():
                pseudo[stem] = pseudo.get(stem, 0.0) + FIELD_WEIGHTS[name] * count / norm
                if _LEVELS[mark] > _LEVELS[level.get(stem, "c")]:
                    level[stem] = mark
                level.setdefault(stem, mark)
        for stem, weight in pseudo.items():
            entries.setdefault(stem, []).append(f"{number}:{weight:.4g}{level[stem]}")
    postings = {stem: " ".join((first_words[stem], *found)) for stem, found in entries.items()}
    aliases: dict[str, list[str]] = {}
    for number, topic in enumerate(guide.topics):
        for word in dict.fromkeys(_words(" ".join(topic.aliases))):
            aliases.setdefault(word, []).append(str(number))
    flagged = [number for number, topic in enumerate(guide.topics) if topic.red_flags]
    questions: list[str] = []
    question_words: dict[str, list[str]] = {}
    for number, topic in enumerate(guide.topics):
        for question in (*topic.questions, *topic.aliases):  # an alias is the shortest question a topic answers
            words = {_form(word, language): key(word) for word in _words(question) if _is_content(word, stop)}
            if words:
                for form in words:
                    question_words.setdefault(form, []).append(str(len(questions)))
                questions.append(" ".join((str(number), *(f"{form}/{stem}" for form, stem in words.items()))))
    return [
        guide.topic_slugs,
        postings,
        {word: " ".join(numbers) for word, numbers in aliases.items()},
        flagged,
        questions,
        {form: " ".join(numbers) for form, numbers in question_words.items()},
    ]


#: Indexes of guides searched in memory, by the guide's identity (kept with it) and language: a few at most.
_INDEXED: dict[tuple[int, str], tuple[Guide, list[Any]]] = {}


def _index_of(guide: Guide, language: str) -> list[Any]:
    """`_file_index` of a guide searched in memory, made once however often it is searched."""
    kept = _INDEXED.get((id(guide), language))
    if kept is None or kept[0] is not guide:
        if len(_INDEXED) >= 16:
            _INDEXED.clear()
        kept = _INDEXED[(id(guide), language)] = (guide, _file_index(guide, language))
    return kept[1]


def _is_file_index(value: object) -> bool:
    if type(value) is not list or len(value) != 6:
        return False
    slugs, postings, aliases, flagged, questions, question_words = value
    return (
        type(slugs) is list
        and all(type(slug) is str for slug in slugs)
        and type(postings) is dict
        and all(type(entry) is str for entry in postings.values())
        and type(aliases) is dict
        and all(type(entry) is str for entry in aliases.values())
        and type(flagged) is list
        and all(type(number) is int and 0 <= number < len(slugs) for number in flagged)
        and type(questions) is list
        and all(type(question) is str and question[:1].isdigit() for question in questions)
        and type(question_words) is dict
        and all(type(entry) is str for entry in question_words.values())
    )


@functools.cache
def _index_version() -> str:
    """What the kept indexes were made by: this module and the stop words, which decide them."""
    from hashlib import blake2b
    from pathlib import Path

    from runacu.content import stop_words

    digest = blake2b(digest_size=12)
    for source in (__file__, stop_words.__file__ or ""):
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()


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


def _kept_index(library: Library, data_file: DataFile) -> list[Any]:
    def make(guide: Guide) -> list[Any]:
        return _file_index(guide, data_file.language)

    index: list[Any] = library.derived(data_file, "search", _index_version(), make, _is_file_index)
    return index


# Scoring


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
        """BM25F, scaled by the coverage."""
        return self.scores[key]

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


def _talked_about(entry: str) -> bool:
    """Whether a posting entry ("word topic:weightL ...") has a topic holding its stem outside its sources."""
    return "t " in entry or "h " in entry or entry.endswith(("t", "h"))


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


# Snippets


def _prefix(key: str) -> str:
    """What every word whose matching key is `key` starts with, folded."""
    if key.startswith("="):  # a word of OWN_WORDS: what its forms share
        return _own_prefixes()[key]
    kept = len(key) - (2 if key.endswith("ie") else 1)
    return key[: max(1, kept)]


@functools.cache
def _own_prefixes() -> dict[str, str]:
    forms: dict[str, list[str]] = {}
    for own in OWN_WORDS.values():
        for form, key in own.items():
            forms.setdefault(key, []).append(form)
    shared = {}
    for key, group in forms.items():
        first, last = min(group), max(group)
        length = next((at for at, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), len(first))
        shared[key] = first[:length]
    return shared


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
        # tests/test_search_engine.py checks it.
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


# Warning signs


def _warning(query: _Query, guide: Guide, topic: Topic, language: str) -> WarningSign:
    """The listed sign of `topic` that holds most of the query's whole warning phrases (the most urgent first).

    A sign holds a phrase when it has every word of it: "high temperature" (which means "fever") names
    "A fever", not "Pain high in your back" for its "high".
    """
    best: tuple[int, RedFlags, str | None] = (0, topic.red_flags[0], None)
    for flags in topic.red_flags:
        for listed in flags.signs:
            forms = {_form(word, language) for word in _words(listed)}
            held = sum(1 for phrase in query.warning_phrases if phrase <= forms)
            if held > best[0]:
                best = (held, flags, listed)
    _, flags, sign = best
    first = topic.red_flags[0]
    emergency = first.action if flags is not first and first.level == "emergency" else None
    return WarningSign(guide.slug, topic, sign, flags, emergency)


# Searching


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
    parsed = _parse(query, language, _Table.of(library.load_everyday_words(), language), library.words)
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


def _with_warnings_said_in_another_language(
    library: Library, query: Sequence[str], language: str, parsed: _Query
) -> _Query:
    """A warning sign named in the other language ("dolor en el pecho" in English) still leads to the
    warning first: which sign is not told (the guides are in the reader's language), but where to go is."""
    for other in STEMMERS:
        if other == language:
            continue
        try:
            theirs = _parse(query, other, _Table.of(library.load_everyday_words(other), other), library.words)
        except UsageError:  # only that language's common words
            continue
        if theirs.warning_words:
            return dataclasses.replace(parsed, warning_words=theirs.warning_words, warning_phrases=())
    return parsed


#: How many closest topics a search that found no answer names.
NEAR = 3
#: How close (difflib's ratio of the stems) a word no guide uses must be to one they use to be taken
#: for it, as a clear typo, when no other is as close: "acupuntra" is searched as "acupuntura".
CLEAR_TYPO = 0.84
#: Stems this close to each other are taken for forms of one word when telling whether a typo is clear.
SAME_WORD = 0.75


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
    warning = None
    if parsed.warning_words:
        flagged = next((view for view in views if view.flagged), None)
        if flagged is not None:
            position = flagged.flagged[0]
            guide = build(flagged.slug)
            warning = _warning(parsed, guide, _topic_at(guide, flagged, position), flagged.languages[position])
    other = _other_language(parsed, views, language, vocabulary) if unknown else None
    return SearchResult(hits, len(answers), near, unknown, suggestions, warning, other)


def _answers(scores: _Scores) -> list[tuple[int, int]]:
    """The topics that answer, best first."""
    answering = scores.ranked(key for key in scores.matched if scores.answers(key))
    best = max((scores.score(key) for key in answering), default=0.0)
    return [key for key in answering if key in scores.asked or scores.score(key) >= MIN_SHARE_OF_BEST * best]


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


def _typos(views: Sequence[_GuideView], unknown: Sequence[str], language: str) -> dict[str, tuple[str, bool]]:
    """Each unknown word whose stem is close to one the guides talk about (a typo: `streching`), the guides'
    word, and whether it is clearly that one (long enough, close enough, and no other word nearly as close)."""
    candidates = [word for word in unknown if len(word) >= 5 and " " not in word and not _is_number(word)]
    if not candidates:
        return {}
    from difflib import SequenceMatcher, get_close_matches

    # Each stem the guides talk about (not only cite), and the word first seen with it.
    vocabulary: dict[str, str] = {}
    for view in views:
        for lookup in view.lookups:
            if not lookup.aliases_only and lookup.language == language:
                for stem, entry in lookup.index[1].items():
                    if _talked_about(entry):
                        vocabulary.setdefault(stem, entry[: entry.find(" ")])
    key = _word_key(language)
    found = {}
    for word in candidates:
        typed = key(word)
        # A typo seldom changes the first letter or the length by much: the others need not be compared.
        # A short stem ("band", "tibi") is a word of its own too often to be taken for another.
        near = [
            stem
            for stem in vocabulary
            if stem[:1] == typed[:1] and abs(len(stem) - len(typed)) <= 3 and min(len(stem), len(typed)) >= 5
        ]
        close = get_close_matches(typed, near, n=5, cutoff=0.8)
        if close:
            best, *others = close
            # "sleap" may be "sleep" or "slaps"; another form or spelling of the closest word ("recov" beside
            # "recoveri", "acupunctur" beside "acupuntur") is no rival.
            is_clear = SequenceMatcher(None, typed, best).ratio() >= CLEAR_TYPO and all(
                SequenceMatcher(None, best, other).ratio() >= SAME_WORD for other in others
            )
            found[word] = (vocabulary[best], is_clear)
    return found


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
