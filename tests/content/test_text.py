"""Untrusted text from data files made safe to print: which characters are replaced, and by what."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Annotated

from runacu.content import models
from runacu.content.text import ECHO_CHARS, echo, neutralize, neutralize_line
from runacu.content.validation import Model, Rule

#: What `neutralize` must replace, listed here independently of its pattern: C0 controls but tab and
#: newline, DEL and the C1 controls, the soft hyphen, Arabic and Syriac format characters, the zero-width
#: characters and bidi marks, the line and paragraph separators, the bidi embeddings, overrides and
#: isolates, invisible operators, lone surrogates, the byte order mark and the interlinear annotations.
UNSAFE_CODES = {
    *range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0xAD, *range(0x600, 0x606), 0x61C, 0x6DD, 0x70F,
    0x890, 0x891, 0x8E2, 0x180E, *range(0x200B, 0x2010), *range(0x2028, 0x202F), *range(0x2060, 0x2065),
    *range(0x2066, 0x2070), *range(0xD800, 0xE000), 0xFEFF, *range(0xFFF9, 0xFFFC),
}  # fmt: skip
#: Invisible by design and read the same without: the soft hyphen and the zero-width joiner are dropped.
DROPPED_CODES = {0xAD, 0x200D}


def test_neutralize_replaces_exactly_the_unsafe_characters_each_with_its_stand_in() -> None:
    for code in [*range(0x3000), *range(0xD7F0, 0xE010), *range(0xFEF0, 0x10000)]:
        char = chr(code)
        if code not in UNSAFE_CODES:
            assert neutralize(char) == char, hex(code)
        elif code in DROPPED_CODES:
            assert neutralize(char) == "", hex(code)
        elif code < 0x20:
            assert neutralize(char) == chr(0x2400 + code), hex(code)  # its control picture: ESC is ␛
        elif code == 0x7F:
            assert neutralize(char) == "\u2421", hex(code)  # ␡
        else:
            assert neutralize(char) == "\ufffd", hex(code)
    assert neutralize("a\tb\nc") == "a\tb\nc"


def test_text_quoted_in_one_line_shows_its_tabs_and_line_breaks_and_is_cut_short() -> None:
    assert neutralize_line("a\tb\nc\x1b") == "a\u2409b\u240ac\u241b"
    assert echo("x" * ECHO_CHARS) == "x" * ECHO_CHARS
    assert echo("x" * (ECHO_CHARS + 1)) == "x" * (ECHO_CHARS - 1) + "\u2026"
    assert echo("caf\udcc3\udca9 \udcff") == "café \ufffd"  # a file name's bytes: UTF-8 where they are


def _string_leaves(annotation: object, metadata: tuple[object, ...], where: str, seen: set[type]) -> list[str]:
    """Every place a `str` is validated under `annotation`, that does not end in the neutralising rule."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return _string_leaves(inner, (*metadata, *extra), where, seen)
    if annotation is str:
        checks = [item.check for item in metadata if isinstance(item, Rule) and item.check is not None]
        return [] if checks and checks[-1] is neutralize else [where]
    if origin is typing.Literal:
        return []
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return _model_leaves(annotation, seen)
    if origin in (typing.Union, types.UnionType):
        return [leaf for arg in typing.get_args(annotation) for leaf in _string_leaves(arg, metadata, where, seen)]
    if origin is not None:  # list, dict, tuple, set: each argument is validated on its own
        return [leaf for arg in typing.get_args(annotation) for leaf in _string_leaves(arg, (), f"{where}[]", seen)]
    return []


def _model_leaves(model: type, seen: set[type]) -> list[str]:
    if model in seen:
        return []
    seen.add(model)
    hints = typing.get_type_hints(model, include_extras=True)
    return [
        leaf
        for item in dataclasses.fields(model)
        for leaf in _string_leaves(hints[item.name], (), f"{model.__name__}.{item.name}", seen)
    ]


def test_every_string_field_of_every_model_is_neutralised() -> None:
    found = [
        value
        for value in vars(models).values()
        if isinstance(value, type)
        and dataclasses.is_dataclass(value)
        and value.__module__.startswith(f"{models.__name__}.")
    ]
    assert {"Clinic", "Guide", "Topic", "Source"} <= {model.__name__ for model in found}
    unsafe = [leaf for model in found for leaf in _model_leaves(model, set())]
    assert unsafe == []


@dataclasses.dataclass
class Careless(Model):
    safe: models.Line
    names: dict[str, list[models.Line | None]]
    nested: list[models.Source]
    notes: list[str | None]
    late: Annotated[str, models.SAFE, Rule(str.upper)]


def test_the_model_walk_finds_a_field_without_the_rule() -> None:
    assert _model_leaves(Careless, set()) == ["Careless.names[]", "Careless.notes[]", "Careless.late"]
