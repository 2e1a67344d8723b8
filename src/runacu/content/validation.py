"""Validation of data files by pydantic: the field rules the models declare, and the adapters that apply them.

The models (`content/models/`) are plain dataclasses, so reading content never imports pydantic:
a file validated once is rebuilt from the parse cache (`content/trusted.py`). What a field must be
is written on its type as a `Rule`, a piece of `Annotated` metadata that pydantic picks up, through
its `__get_pydantic_core_schema__` and `__get_pydantic_json_schema__` hooks, only when a file is
validated or a schema is written. Both hooks import pydantic's core where they run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, TypeAdapter
    from pydantic_core import CoreSchema


class Model:
    """What every model shares: its pydantic settings.

    A misspelt key is an error, not silently ignored. A number where text is expected is an error too
    (`models.SAFE` says so): read as a number, `02134` would be the text "2134".
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}
    if TYPE_CHECKING:  # every model is a dataclass
        __dataclass_fields__: ClassVar[dict[str, Any]]

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        """The model's schema, described by its docstring (as every pydantic version does for its own models)."""
        described: dict[str, Any] = handler.resolve_ref_schema(handler(schema))
        if cls.__doc__:
            described["description"] = " ".join(cls.__doc__.split())
        return described


ModelT = TypeVar("ModelT", bound=Model)


class Rule:
    """What a field's value must be: `check` returns the value (perhaps cleaned) or raises `InvalidValue` (a
    ValueError carrying what is wrong as a message of runacu's catalog, `content/message.py`).

    `before` does the same with the value as written, before pydantic converts it (a date must be
    written as a date, not as a number of seconds). `schema` is what the JSON Schema says of the
    field (a pattern, a description), so editors can check a file as it is typed. A rule without
    `check` or `before` only describes. The rebuild from the parse cache (`trusted.py`) applies the
    same checks, so the cache can give no model that validation would refuse.
    """

    __slots__ = ("before", "check", "schema")

    def __init__(
        self, check: Callable[[Any], Any] | None = None, *, before: Callable[[Any], Any] | None = None, **schema: Any
    ) -> None:
        self.check = check
        self.before = before
        self.schema = schema

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        inner = handler(source)
        if self.before is not None:
            inner = core_schema.no_info_before_validator_function(self.before, inner)
        return inner if self.check is None else core_schema.no_info_after_validator_function(self.check, inner)

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        described: dict[str, Any] = handler(schema)
        described.update(self.schema)
        return described


def described(description: str) -> Rule:
    return Rule(description=description)


_adapters: dict[type[Model], Any] = {}


def adapter(model: type[ModelT]) -> TypeAdapter[ModelT]:
    """The pydantic validator of `model`, built once per run (building one takes milliseconds)."""
    if model not in _adapters:
        from pydantic import TypeAdapter

        _adapters[model] = TypeAdapter(model)
    return cast("TypeAdapter[ModelT]", _adapters[model])
