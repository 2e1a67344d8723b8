"""A guide file's search index, plain data: made from the guide, kept beside the parse cache, checked when read.

Each guide file keeps its index beside the parse cache (`Library.derived`): for each stem, the
topics holding it with their weighted, length-normalised count, and the topics' questions. A
search reads those small entries and scores from them: no topic is built to be searched.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from runacu.content.search.fields import (
    _LEVELS,
    CITED_FIELDS,
    FIELD_WEIGHTS,
    HEADLINE_FIELDS,
    LENGTH_NORMS,
    _field_texts,
)
from runacu.content.search.stop_words import STOP_WORDS
from runacu.content.search.words import _form, _is_content, _word_key, _words

if TYPE_CHECKING:
    from runacu.content.library import DataFile, Library
    from runacu.content.models import Guide


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
    """What the kept indexes were made by: this package's modules (the stop words among them), which decide them.

    Any of them, not only those an index is made by: an edit anywhere in search makes the indexes again."""
    from hashlib import blake2b
    from pathlib import Path

    digest = blake2b(digest_size=12)
    for source in sorted(Path(__file__).parent.glob("*.py")):
        raw = source.read_bytes()
        digest.update(f"{source.name}\0{len(raw)}\0".encode())
        digest.update(raw)
    return digest.hexdigest()


def _kept_index(library: Library, data_file: DataFile) -> list[Any]:
    def make(guide: Guide) -> list[Any]:
        return _file_index(guide, data_file.language)

    index: list[Any] = library.derived(data_file, "search", _index_version(), make, _is_file_index)
    return index


def _talked_about(entry: str) -> bool:
    """Whether a posting entry ("word topic:weightL ...") has a topic holding its stem outside its sources."""
    return "t " in entry or "h " in entry or entry.endswith(("t", "h"))
