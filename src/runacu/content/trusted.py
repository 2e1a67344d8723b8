"""Models rebuilt from data pydantic validated on an earlier run, without validating it again.

The parse cache keeps a model's JSON dump beside each unchanged file. Rebuilding from it skips
pydantic's validation and, on a first command of a run, the building of its validators (several
milliseconds at start-up). The dump is trusted only as far as its digest and its tag (runacu's
version and the models' source) go; every string is still checked for control characters, so
nothing from the cache can reach a terminal raw, and anything unexpected is refused: the caller
then validates as usual.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import date, time
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from runacu import __version__
from runacu.content.text import has_unsafe

ModelT = TypeVar("ModelT", bound=BaseModel)
Convert = Callable[[Any], Any]


class Untrusted(ValueError):
    """The dump does not have the shape the models wrote."""


@cache
def tag(model: type[BaseModel]) -> str:
    """What a dump must have been made by: this model, in this version of runacu and of its models' source."""
    from hashlib import blake2b

    from runacu.content import models

    source = blake2b(Path(models.__file__).read_bytes(), digest_size=12).hexdigest()
    return f"{model.__name__}/{__version__}/{source}"


def rebuild(model: type[ModelT], dump: Any) -> ModelT:
    """The model `dump` (its `model_dump(mode="json")`) came from; Untrusted if it cannot be."""
    texts: list[str] = []
    _collected.append(texts)
    try:
        built = _model_converter(model)(dump)
    finally:
        _collected.pop()
    # One search over every text at once: a control character anywhere refuses the whole dump.
    if has_unsafe("\n".join(texts)):
        raise Untrusted("a control character")
    assert isinstance(built, model)
    return built


#: The texts met by the rebuild under way, checked together at its end.
_collected: list[list[str]] = []


def _text(value: Any) -> str:
    if type(value) is not str:
        raise Untrusted("text")
    _collected[-1].append(value)
    return value


def _plain(kind: type) -> Convert:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise Untrusted(kind.__name__)
        return value

    return check


def _iso(parse: Callable[[str], Any]) -> Convert:
    def convert(value: Any) -> Any:
        try:
            return parse(value)
        except (TypeError, ValueError):
            raise Untrusted("date or time") from None

    return convert


@cache
def _model_converter(model: type[BaseModel]) -> Convert:
    fields = [(name, _converter(info.annotation)) for name, info in model.model_fields.items()]

    def convert(value: Any) -> Any:
        if type(value) is not dict or not set(value) <= {name for name, _ in fields}:
            raise Untrusted(model.__name__)
        return model.model_construct(**{name: convert(value[name]) for name, convert in fields if name in value})

    return convert


def _converter(annotation: Any) -> Convert:
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _converter(arguments[0])
    if origin is typing.Union or origin is types.UnionType:
        options = [argument for argument in arguments if argument is not type(None)]
        inner = _converter(options[0]) if len(options) == 1 else _refuse
        return lambda value: None if value is None else inner(value)
    if origin is list:
        item = _converter(arguments[0])
        return lambda value: [item(element) for element in _plain(list)(value)]
    if origin is dict:
        key, item = _converter(arguments[0]), _converter(arguments[1])
        return lambda value: {key(k): item(v) for k, v in _plain(dict)(value).items()}
    if origin is typing.Literal:
        allowed = set(arguments)
        return lambda value: value if value in allowed else _refuse(value)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lambda value: _model_converter(annotation)(value)
    converters: dict[Any, Convert] = {
        str: _text,
        date: _iso(date.fromisoformat),
        time: _iso(time.fromisoformat),
        int: _plain(int),
        bool: _plain(bool),
    }
    if annotation is float:
        return lambda value: float(value) if type(value) in (int, float) else _refuse(value)
    return converters.get(annotation, _refuse)


def _refuse(value: Any) -> Any:
    raise Untrusted(repr(type(value)))
