"""Any model's data as JSON data."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from runacu.content.validation import Model


def json_data(value: Any) -> Any:
    """A model's data as JSON data: what `--json` prints and the parse cache keeps (`trusted.rebuild` reverses it)."""
    if isinstance(value, Model):
        return {name: json_data(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, list):
        return [json_data(item) for item in value]
    if isinstance(value, dict):
        return {key: json_data(item) for key, item in value.items()}
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(model: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(model)
    if names is None:
        names = _FIELD_NAMES[model] = tuple(item.name for item in dataclasses.fields(model))
    return names
