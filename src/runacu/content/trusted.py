"""Models rebuilt from data pydantic validated on an earlier run, without validating it again.

The parse cache (`cache/parsed.py`) keeps a model's JSON data (`models.json_data`) beside each unchanged file.
Rebuilding from it skips pydantic altogether: not imported, no validator built. The data is
trusted only as far as its digest and its tag (runacu's version and the models' source) go:
its shape must be exactly what the models wrote, every field's own rules (`Rule`: one line,
a slug, a web address, dates in order) are applied again, and a control character anywhere
refuses it, so the cache can give no model that validation would not. Anything unexpected is
refused, and the caller then validates the file as usual.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from runacu import __version__
from runacu.content.models.fields import SAFE
from runacu.content.text import has_unsafe
from runacu.content.validation import Model, ModelT, Rule

Convert = Callable[[Any], Any]


class Untrusted(ValueError):
    """The data does not have the shape the models wrote."""


def tag(model: type[Model]) -> str:
    """What cached data must have been made by: this model, in this version of runacu and of its models' source."""
    return f"{model.__name__}/{__version__}/{_models_source()}"


@cache
def _models_source() -> str:
    from hashlib import blake2b

    from runacu.content import models, validation

    source = blake2b(digest_size=12)
    # Every module of the models package (the models, their field types, their JSON data), then their base.
    for path in (*sorted(Path(models.__file__ or "").parent.glob("*.py")), Path(validation.__file__ or "")):
        source.update(path.read_bytes())
    return source.hexdigest()


def rebuild(model: type[ModelT], data: Any) -> ModelT:
    """The model `data` (its `models.json_data`) came from; Untrusted if it cannot be."""
    # One search over every text at once, first: a control character anywhere refuses the whole dump.
    if has_unsafe("\n".join(_texts(data))):
        raise Untrusted("a control character")
    try:
        built = _model_converter(model)(data)
    except Untrusted:
        raise
    except Exception as error:  # a rule refusing the value, or a value no rule expected (a huge number)
        raise Untrusted(f"{type(error).__name__}: {error}") from error
    assert isinstance(built, model)
    return built


def _texts(data: Any) -> Iterator[str]:
    """Every text in JSON data, keys included (the converters below refuse any other shape)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if type(value) is str:
            yield value
        elif type(value) is dict:
            stack.extend(key for key in value if type(key) is str)
            stack.extend(value.values())
        elif type(value) is list:
            stack.extend(value)


def _text(value: Any) -> str:
    if type(value) is not str:
        raise Untrusted("text")
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


#: Each model's converter, worked out once: a memo of what depends on nothing but the model, not state.
_converters: dict[type[Model], Convert] = {}


def _model_converter(model: type[Model]) -> Convert:
    if (known := _converters.get(model)) is not None:
        return known
    hints = typing.get_type_hints(model, include_extras=True)
    fields = [(item.name, _converter(hints[item.name])) for item in dataclasses.fields(model)]
    names = frozenset(name for name, _ in fields)

    def convert(value: Any) -> Any:
        if type(value) is not dict or not value.keys() <= names:
            raise Untrusted(model.__name__)
        # A required field missing is a TypeError, a check of the model's own (dates in order) a ValueError.
        return model(**{name: convert(value[name]) for name, convert in fields if name in value})

    _converters[model] = convert
    return convert


def _converter(annotation: Any) -> Convert:
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        inner = _converter(arguments[0])
        # Text is rebuilt only from a dump with no unsafe character in it (`rebuild`), by `_text`, which refuses
        # anything but text: neutralising it (the `SAFE` rule every text field ends with) would change nothing.
        rules = [
            rule
            for rule in arguments[1:]
            if isinstance(rule, Rule) and (rule.before or rule.check) and not (arguments[0] is str and rule is SAFE)
        ]
        if not rules:
            return inner
        befores = [rule.before for rule in rules if rule.before is not None]
        checks = [rule.check for rule in rules if rule.check is not None]

        def checked(value: Any) -> Any:
            for before in befores:
                value = before(value)
            value = inner(value)
            for check in checks:
                value = check(value)
            return value

        return checked
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
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return lambda value: _model_converter(annotation)(value)
    converters: dict[Any, Convert] = {
        str: _text,
        dt.date: _iso(dt.date.fromisoformat),
        dt.time: _iso(dt.time.fromisoformat),
        int: _plain(int),
        bool: _plain(bool),
    }
    if annotation is float:
        return lambda value: float(value) if type(value) in (int, float) else _refuse(value)
    return converters.get(annotation, _refuse)


def _refuse(value: Any) -> Any:
    raise Untrusted(repr(type(value)))
