"""Full-text search over every guide's titles, summaries, explanations and tips."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from runacu.content.models import Guide, Topic

SNIPPET_CHARS = 160
#: Where a match counts most: a title match ranks above a summary match, and so on.
FIELD_WEIGHTS = {"title": 8, "summary": 4, "explanation": 2, "tips": 1}


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


def _fields(topic: Topic) -> dict[str, str]:
    return {
        "title": topic.title,
        "summary": topic.summary,
        "explanation": " ".join(topic.explanation.split()),
        "tips": " ".join(" ".join(topic.tips).split()),
    }


def _snippet(text: str, words: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """A window of `text` around the first match, and where each word matches inside it."""
    lowered = text.lower()
    first = min((i for word in words if (i := lowered.find(word)) >= 0), default=0)
    start = max(0, first - SNIPPET_CHARS // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + SNIPPET_CHARS)
    cut = text.rfind(" ", start, end)
    if end < len(text) and cut > first:
        end = cut
    prefix, suffix = ("…" if start else ""), ("…" if end < len(text) else "")
    snippet = prefix + text[start:end] + suffix
    spans = []
    lowered_snippet = snippet.lower()
    for word in words:
        at = lowered_snippet.find(word)
        while at >= 0:
            spans.append((at, at + len(word)))
            at = lowered_snippet.find(word, at + len(word))
    return snippet, sorted(spans)


def search(guides: Sequence[Guide], query: Sequence[str]) -> list[SearchHit]:
    """Topics in which every word of `query` appears (case-insensitive), best first."""
    words = [word.casefold() for term in query for word in term.split()]
    if not words:
        return []
    hits = []
    for guide_rank, guide in enumerate(guides):
        for number, topic in enumerate(guide.topics, start=1):
            fields = {name: text for name, text in _fields(topic).items() if text}
            folded = {name: text.casefold() for name, text in fields.items()}
            if not all(any(word in text for text in folded.values()) for word in words):
                continue
            score = sum(FIELD_WEIGHTS[name] for word in words for name, text in folded.items() if word in text)
            # Show the field that matches the most words (a title is already shown, so its summary instead).
            best = max(folded, key=lambda name: (sum(word in folded[name] for word in words), FIELD_WEIGHTS[name]))
            snippet_field = "summary" if best == "title" else best
            snippet, spans = _snippet(fields[snippet_field], words)
            hit = SearchHit(guide.slug, guide.title, number, topic, snippet_field, snippet, score, spans)
            hits.append((-score, guide_rank, number, hit))
    return [hit for *_, hit in sorted(hits, key=lambda item: item[:3])]
