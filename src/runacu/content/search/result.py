"""What a search returns: the topics that answer, each with its snippet; the warning sign; what else it says."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runacu.content.models import RedFlags, Topic


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
    #: The topics that answer the query, best first (at most the limit asked for; `total` counts them all). When
    #: the query names a warning sign, the topic that lists it is the first: a warning is never left unanswered.
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
