"""runacu's data: guides (topics with sources) and the clinic, as immutable dataclasses.

Reading them needs no pydantic. What each field must be is declared on its type with `Rule`s,
which pydantic applies when a file is validated (`content/validation.py`); a file validated
once is rebuilt from the parse cache (`content/trusted.py`) without validating it again.

One module per kind of data file (`guide.py`, `clinic.py`, `everyday_words.py`), the field types
they are made of (`fields.py`), and any model's data as JSON data (`as_json.py`). Every module
here is part of the models' source that tags their cached data (`trusted.tag`).
"""

from __future__ import annotations

from runacu.content.models.as_json import json_data
from runacu.content.models.clinic import (
    WEEKDAYS,
    Address,
    Clinic,
    ClinicTexts,
    Closure,
    Interval,
    Phone,
    WeeklyHours,
)
from runacu.content.models.everyday_words import EverydayWords
from runacu.content.models.fields import SAFE, Line, Text, is_slug
from runacu.content.models.guide import (
    RED_FLAG_LEVELS,
    Evidence,
    Guide,
    GuideFile,
    ItemList,
    RedFlags,
    Source,
    Topic,
)

__all__ = [
    "RED_FLAG_LEVELS",
    "SAFE",
    "WEEKDAYS",
    "Address",
    "Clinic",
    "ClinicTexts",
    "Closure",
    "EverydayWords",
    "Evidence",
    "Guide",
    "GuideFile",
    "Interval",
    "ItemList",
    "Line",
    "Phone",
    "RedFlags",
    "Source",
    "Text",
    "Topic",
    "WeeklyHours",
    "is_slug",
    "json_data",
]
