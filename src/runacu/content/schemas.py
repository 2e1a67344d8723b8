"""JSON Schemas of the data files, generated from the pydantic models."""

from __future__ import annotations

from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str) -> dict[str, Any]:
    """The schema of a guide file (`guide`) or of the clinic file (`clinic`)."""
    from runacu.content.models import Clinic, GuideFile, StrictModel

    models: dict[str, type[StrictModel]] = {"guide": GuideFile, "clinic": Clinic}
    model = models[kind]
    return {"$schema": SCHEMA_DIALECT, **model.model_json_schema(mode="validation")}
