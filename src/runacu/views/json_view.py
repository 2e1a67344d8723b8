"""JSON for scripts: the data model as it is, UTF-8, one document per command."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from runacu.views.models import ClinicCard, DraftReceipt, GuidePage, Overview, ValidationReport
from runacu.views.terminal import Terminal

if TYPE_CHECKING:
    from runacu.content.models import Guide
    from runacu.content.search import SearchHit


def guide_json(guide: Guide, topics: Sequence[Any] | None = None) -> dict[str, Any]:
    data = guide.model_dump(mode="json", exclude={"slug"})
    if topics is not None:
        data["topics"] = [topic.model_dump(mode="json") for topic in topics]
    return {"slug": guide.slug, **data}


def write_json(terminal: Terminal, data: object) -> None:
    terminal.write_utf8(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


class JsonView:
    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal

    def _dump(self, data: object) -> None:
        write_json(self.terminal, data)

    def guide(self, page: GuidePage) -> None:
        self._dump(guide_json(page.guide, [topic for _, topic in page.topics]))

    def slugs(self, slugs: Sequence[str]) -> None:
        self._dump(list(slugs))

    def clinic(self, card: ClinicCard) -> None:
        data = card.clinic.model_dump(mode="json")
        if card.status is not None:
            data["status"] = card.status.to_json()
        self._dump(data)

    def overview(self, overview: Overview) -> None:
        self._dump(
            {
                "description": overview.description,
                "commands": [{"name": name, "help": summary} for name, summary in overview.commands],
                "clinic": {"name": overview.clinic_name, "phone": overview.phone, "tagline": overview.tagline},
            }
        )

    def guides(self, guides: Sequence[Guide]) -> None:
        self._dump([{"slug": g.slug, "title": g.title, "topics": len(g.topics)} for g in guides])

    def search(self, hits: Sequence[SearchHit]) -> None:
        self._dump(
            [
                {
                    "guide": hit.guide_slug,
                    "guide_title": hit.guide_title,
                    "topic": hit.topic.slug,
                    "topic_number": hit.topic_number,
                    "title": hit.topic.title,
                    "field": hit.field_name,
                    "snippet": hit.snippet,
                }
                for hit in hits
            ]
        )

    def problems(self, report: ValidationReport) -> None:
        self._dump(
            {
                "valid": report.is_valid,
                "files": report.files,
                "problems": [
                    {"file": p.file, "line": p.line, "column": p.column, "field": p.field, "message": p.message}
                    for p in report.problems
                ],
            }
        )

    def draft_saved(self, receipt: DraftReceipt) -> None:
        self._dump({"path": receipt.path, "mailto": receipt.mailto, "phone": receipt.phone})
