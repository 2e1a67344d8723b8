"""JSON for scripts: the data models as they are, always UTF-8, one document per command."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from runacu.content.models import Guide, Topic


def to_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def guide_json(guide: Guide, topics: Sequence[Topic] | None = None) -> dict[str, Any]:
    data = guide.model_dump(mode="json", exclude={"slug"})
    if topics is not None:
        data["topics"] = [topic.model_dump(mode="json") for topic in topics]
    return {"slug": guide.slug, **data}
