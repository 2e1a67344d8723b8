"""What a view is given: data gathered by the CLI before any rendering starts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runacu.clinic.hours import OpenStatus
    from runacu.content.models import Clinic, Guide, Topic
    from runacu.errors import Problem


@dataclass(frozen=True)
class GuidePage:
    """A guide, or some of its topics, each with its 1-based number in the guide."""

    guide: Guide
    topics: list[tuple[int, Topic]]

    @property
    def is_whole(self) -> bool:
        return len(self.topics) == len(self.guide.topics)


@dataclass(frozen=True)
class ClinicCard:
    clinic: Clinic
    status: OpenStatus | None = None


@dataclass(frozen=True)
class Overview:
    """What `runacu` with no command shows."""

    description: str
    commands: list[tuple[str, str]]
    clinic_name: str
    phone: str
    tagline: str | None = None


@dataclass(frozen=True)
class ValidationReport:
    """What `runacu validate` found: the files it checked and every problem in them."""

    files: list[str]
    problems: list[Problem]

    @property
    def is_valid(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class DraftReceipt:
    """Where `runacu request` saved the draft, and how to reach the clinic with it."""

    path: str
    clinic_name: str
    phone: str
    mailto: str | None = None
