"""Warnings `validate` gives about guides that are valid but need the clinic's attention.

An overdue review, a topic that reads above the guide's reading grade, and a translation that
does not match its English guide. Readability uses textstat when it is installed (the
`readability` extra), imported here only: no other command pays for it. To count syllables textstat
loads a pronouncing dictionary, most of a `validate` run, so each text's score is kept in a memo
(`runacu/cache/memo.py`): a later run over the same texts does not import textstat at all.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from runacu.cache.memo import Memo
from runacu.content.message import message
from runacu.content.problems import DataError, Problem
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.content.data_files import DataFile
    from runacu.content.document import YamlDocument
    from runacu.content.library import Library
    from runacu.content.models import Guide, Source, Topic

#: Spanish text should reach this Fernández-Huerta reading ease (60 is "normal", plain language).
SPANISH_READING_EASE = 60
#: What a list of DOIs with none in it says.
_NONE = message(N_("none"))


def _is_number(answer: str) -> bool:
    try:
        float(answer)
    except ValueError:
        return False
    return True


#: The scores textstat gave, by measure and text, kept for later runs (at most this many).
_SCORES = Memo("readability", "textstat", limit=2000, accept=_is_number)


def review_warnings(library: Library, today: date) -> list[Problem]:
    """The warnings about every guide file of `library`."""
    warnings: list[Problem] = []
    for data_file in library.guide_files():
        try:
            guide, document = library.load_guide_file(data_file)
        except DataError:
            continue  # its problems are errors, reported by Library.check
        warnings += _overdue(guide, document, str(data_file), today)
        warnings += _hard_to_read(guide, document, str(data_file), data_file.language)
        warnings += _unfindable_sources(guide, document, str(data_file))
        if data_file.language != "en":
            warnings += _translation_mismatch(library, guide, document, data_file)
    return warnings


def _at(document: YamlDocument, *path: str | int) -> tuple[int | None, int | None]:
    found = document.locate(path)
    return found if found is not None else (None, None)


def _overdue(guide: Guide, document: YamlDocument, file: str, today: date) -> list[Problem]:
    if guide.next_review >= today:
        return []
    due = message(
        N_("the review was due on {date}: check the facts against the sources"), date=guide.next_review.isoformat()
    )
    return [Problem(file, due, *_at(document, "next_review"), field="next_review", warning=True)]


def _unfindable_sources(guide: Guide, document: YamlDocument, file: str) -> list[Problem]:
    """A source a reader cannot find (no DOI, no web address) is not a source."""
    warnings = []
    places: list[tuple[tuple[str | int, ...], list[Source]]] = [(("sources",), guide.sources)]
    places += [(("topics", index, "sources"), topic.sources) for index, topic in enumerate(guide.topics)]
    for path, sources in places:
        for position, source in enumerate(sources):
            if source.doi is None and source.url is None:
                where = _at(document, *path, position)
                field = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in (*path, position))
                warnings.append(
                    Problem(
                        file,
                        N_("this source has neither a DOI nor a web address (url): a reader cannot find it"),
                        *where,
                        field=field.lstrip("."),
                        warning=True,
                    )
                )
    return warnings


def reading_text(topic: Topic) -> str:
    """Everything a reader reads in a topic, as one text: readability is judged on all of it.

    Citations are left out: they are titles as published, not runacu's words.
    """
    parts = [topic.title, topic.summary, topic.evidence.note, topic.explanation, *topic.tips]
    for listed in topic.lists:
        parts += [listed.heading, *listed.items]
    for flags in topic.red_flags:
        parts += [flags.action, *flags.signs]
    parts += [source.note for source in topic.sources if source.note]
    # Each part is a sentence or more; one without a full stop would run into the next.
    return " ".join(_sentence(" ".join(part.split())) for part in parts)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def _hard_to_read(guide: Guide, document: YamlDocument, file: str, language: str) -> list[Problem]:
    try:
        scores = [_reading_score(reading_text(topic), language) for topic in guide.topics]
    except ImportError:
        return []
    finally:
        _SCORES.save()
    warnings = []
    for index, score in enumerate(scores):
        where = _at(document, "topics", index)
        if language == "es":
            if score < SPANISH_READING_EASE:
                hard = message(
                    N_(
                        "reads harder than plain Spanish (Fernández-Huerta reading ease {ease}, want {want} or more):"
                        " use shorter sentences and words"
                    ),
                    ease=format(score, ".0f"),
                    want=SPANISH_READING_EASE,
                )
                warnings.append(Problem(file, hard, *where, field=f"topics[{index}]", warning=True))
            continue
        if score > guide.reading_grade:
            hard = message(
                N_("reads at grade {grade}, above the guide's reading grade {want}: use shorter sentences and words"),
                grade=format(score, ".1f"),
                want=format(guide.reading_grade, "g"),
            )
            warnings.append(Problem(file, hard, *where, field=f"topics[{index}]", warning=True))
    return warnings


def _reading_score(text: str, language: str) -> float:
    """The Fernández-Huerta reading ease of Spanish `text`, the Flesch-Kincaid grade of any other."""
    measure = "fernandez_huerta" if language == "es" else "flesch_kincaid_grade"

    def make() -> str:
        import textstat

        textstat.set_lang("es" if language == "es" else "en_US")
        try:
            score = textstat.fernandez_huerta(text) if language == "es" else textstat.flesch_kincaid_grade(text)
        finally:
            textstat.set_lang("en_US")
        return repr(float(score))

    return float(_SCORES.get(f"{measure}|{text}", make))


def _translation_mismatch(library: Library, guide: Guide, document: YamlDocument, data_file: DataFile) -> list[Problem]:
    """A translation carries the same topics, red-flag levels and sign counts, and DOIs as its English guide."""
    english_file = library.english_counterpart(data_file)
    if english_file is None:
        return []
    try:
        english, _ = library.load_guide_file(english_file)
    except DataError:
        return []
    file = str(data_file)
    warnings = []
    if guide.topic_slugs != english.topic_slugs:
        here, there = ", ".join(guide.topic_slugs), ", ".join(english.topic_slugs)
        differ = message(
            N_("the topics differ from {english}: {here} here, {there} there"),
            english=str(english_file),
            here=here,
            there=there,
        )
        warnings.append(Problem(file, differ, *_at(document, "topics"), field="topics", warning=True))
    by_slug = {topic.slug: topic for topic in english.topics}
    for index, topic in enumerate(guide.topics):
        original = by_slug.get(topic.slug)
        if original is None:
            continue
        levels = [(flags.level, len(flags.signs)) for flags in topic.red_flags]
        expected = [(flags.level, len(flags.signs)) for flags in original.red_flags]
        if levels != expected:
            differ = message(
                N_("the red flags differ from the English guide: {here} here, {there} there"),
                here=str(levels),
                there=str(expected),
            )
            where = _at(document, "topics", index, "red_flags")
            warnings.append(Problem(file, differ, *where, field=f"topics[{index}].red_flags", warning=True))
        dois = sorted(s.doi for s in topic.sources if s.doi)
        expected_dois = sorted(s.doi for s in original.sources if s.doi)
        if dois != expected_dois:
            differ = message(
                N_("the DOIs differ from the English guide: {here} here, {there} there"),
                here=", ".join(dois) or _NONE,
                there=", ".join(expected_dois) or _NONE,
            )
            where = _at(document, "topics", index, "sources")
            warnings.append(Problem(file, differ, *where, field=f"topics[{index}].sources", warning=True))
    return warnings
