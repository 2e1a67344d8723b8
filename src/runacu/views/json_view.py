"""JSON for scripts: the data models as they are, always UTF-8, one document per command."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from runacu.content.models import Guide, Topic


def to_json(data: object) -> str:
    """`data` as JSON, its text as written but for what no terminal may get raw (a bidi mark, a C1 control,
    a file name's stray byte), which is escaped (`\\u200f`): a script reads back exactly what was there."""
    from runacu.content.text import replace_unsafe

    return replace_unsafe(json.dumps(data, ensure_ascii=False, indent=2), _escaped) + "\n"


def _escaped(char: str) -> str:
    return json.dumps(char)[1:-1]  # `\\u200f`; beyond U+FFFF, its UTF-16 surrogate pair, as JSON writes it


def guide_json(guide: Guide, topics: Sequence[Topic] | None = None) -> dict[str, Any]:
    from runacu.content.models import json_data

    data: dict[str, Any] = json_data(guide)
    del data["slug"]
    if topics is not None:
        data["topics"] = [json_data(topic) for topic in topics]
    return {"slug": guide.slug, **data}
