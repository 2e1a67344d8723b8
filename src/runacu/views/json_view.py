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
    from runacu.content.models import json_data

    data: dict[str, Any] = json_data(guide)
    del data["slug"]
    if topics is not None:
        data["topics"] = [json_data(topic) for topic in topics]
    return {"slug": guide.slug, **data}
