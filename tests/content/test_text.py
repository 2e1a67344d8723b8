"""Untrusted text from data files made safe to print (`runacu.content.text`): which characters are replaced,
and by what. The neutralizer is one pattern over Unicode categories: every control, format and separator
character; and every string field of every model goes through it.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
import unicodedata
from typing import Annotated

import pytest

from runacu.content import models
from runacu.content.text import ECHO_CHARS, echo, has_unsafe, neutralize, neutralize_line
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


#: Controls (C0, DEL, C1), format characters (bidi marks and controls, zero-width characters, the byte
#: order mark, tag characters), line and paragraph separators, and surrogates.
UNSAFE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}


@pytest.mark.slow
def test_unsafe_is_exactly_the_control_format_and_separator_categories() -> None:
    wrong = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Cn":
            # Unassigned in this Python's Unicode: safe here, and the list may cover it (a newer Unicode made
            # it a format character), so has_unsafe may say either.
            continue
        unsafe = category in UNSAFE_CATEGORIES and char not in "\t\n"
        if has_unsafe(char) != unsafe:
            wrong.append(f"U+{code:04X} ({category})")
    assert wrong == []
    assert has_unsafe("\t\n") is False
    assert neutralize_line("\t\n") == "\u2409\u240a"


@pytest.mark.parametrize(
    ("name", "char"),
    [
        ("left-to-right mark", "\u200e"),
        ("right-to-left mark", "\u200f"),
        ("Arabic letter mark", "\u061c"),
        ("zero-width space", "\u200b"),
        ("zero-width no-break space (byte order mark)", "\ufeff"),
        ("line separator, written \\L", "\u2028"),
        ("paragraph separator, written \\P", "\u2029"),
        ("right-to-left override", "\u202e"),
        ("first strong isolate", "\u2068"),
        ("word joiner", "\u2060"),
        ("language tag", "\U000e0001"),
        ("next line (C1)", "\x85"),
        ("8-bit CSI (C1)", "\x9b"),
    ],
)
def test_an_invisible_or_reordering_character_is_shown_as_a_replacement(name: str, char: str) -> None:
    assert neutralize(f"Call{char} 911") == "Call\ufffd 911"
    assert neutralize_line(f"a{char}b") == "a\ufffdb"
    assert char not in echo(f"benefits{char}")


def test_a_soft_hyphen_and_a_zero_width_joiner_are_dropped() -> None:
    # Invisible by design, and the text reads the same without them: no replacement mark mid-word.
    assert neutralize("acu\u00adpuncture") == "acupuncture"
    assert neutralize("runner \U0001f3c3\u200d\u2640\ufe0f") == "runner \U0001f3c3\u2640\ufe0f"
    assert has_unsafe("acu\u00adpuncture") and has_unsafe("\u200d")


def test_spaces_the_views_write_on_purpose_are_text() -> None:
    for text in ("27.4\u00a0%", "9:00\u202fAM", "thin\u2009space", "ideographic\u3000space"):
        assert neutralize(text) == text and not has_unsafe(text)


def test_controls_keep_their_pictures() -> None:
    assert neutralize("\x1b]0;x\x07") == "\u241b]0;x\u2407"
    assert neutralize("\x7f") == "\u2421"
    assert neutralize("a\tb\nc") == "a\tb\nc"
