"""A topic as search reads it: the text of each field, what a match in each counts, and where a topic holds a word."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runacu.content.models import RedFlags, Topic

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
#: The fields that say what a topic is about: a query with words no guide uses must match one of these.
HEADLINE_FIELDS = ("title", "questions", "aliases", "summary")
#: Where a word is only cited: a topic that names it only in a source's title does not talk about it.
CITED_FIELDS = ("sources",)
#: How a topic holds a word, as each posting ends: only in a citation, in its text, in its headline fields.
_CITED, _TOLD, _HEADLINE = 1, 2, 3
_LEVELS = {"c": _CITED, "t": _TOLD, "h": _HEADLINE}


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
