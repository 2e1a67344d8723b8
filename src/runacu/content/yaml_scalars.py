"""A YAML scalar's value under YAML 1.2's core schema, exactly (see `runacu.content.yaml_reader` for what
that means and where other readers differ): plain scalars resolved, explicit core tags checked against their form."""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from typing import Any

import yaml

from runacu.content.message import InvalidValue, message
from runacu.words import N_

CORE_TAG = "tag:yaml.org,2002:"
_SURROGATE = re.compile("[\ud800-\udfff]")
TAG_NOT_ALLOWED = N_("the tag '{tag}' is not allowed here (plain text, numbers and lists only)")


def _int(value: str) -> int:
    # Python writes no whole number of more than `limit` decimal digits as text (nor reads one): such a
    # number, however it is written (in hex, `0x` and thousands of digits), could be neither shown nor checked.
    limit = sys.get_int_max_str_digits()
    too_long = InvalidValue(N_("a number longer than {limit} digits"), limit=f"{limit:,}")
    if not value.startswith(("0o", "0x")):
        if limit and len(value.lstrip("+-")) > limit:
            raise too_long
        return int(value)
    number = int(value[2:], 8 if value[1] == "o" else 16)
    if limit and number.bit_length() > 3 * limit and number >= 10**limit:
        raise too_long
    return number


def _float(value: str) -> float:
    if value.lower().endswith(".inf"):
        return -math.inf if value.startswith("-") else math.inf
    return math.nan if value.lower() == ".nan" else float(value)


#: YAML 1.2 core schema: each non-text type, the form its scalars take, what they mean, and
#: (for messages, marked for translation) what the form allows. A plain scalar takes the first type whose form it has.
_CORE_SCHEMA: dict[str, tuple[re.Pattern[str], Callable[[str], Any], str]] = {
    "null": (re.compile(r"~|null|Null|NULL|"), lambda value: None, N_("null, ~ or nothing")),
    "bool": (re.compile(r"true|True|TRUE|false|False|FALSE"), lambda value: value[0] in "tT", N_("true or false")),
    "int": (re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"), _int, N_("a whole number")),
    "float": (
        re.compile(
            r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        ),
        _float,
        N_("a number"),
    ),
}


def _resolve(value: str) -> Any:
    """A plain (untagged, unquoted) scalar's value."""
    for form, construct, _ in _CORE_SCHEMA.values():
        if form.fullmatch(value):
            return construct(value)
    return value


def _tagged(tag: str, value: str) -> Any:
    """A scalar's value under an explicit tag, which must be a core tag its value matches."""
    kind = tag.removeprefix(CORE_TAG) if tag.startswith(CORE_TAG) else None
    if kind == "str":
        return value
    if kind not in _CORE_SCHEMA:
        raise InvalidValue(TAG_NOT_ALLOWED, tag=tag)
    form, construct, allowed = _CORE_SCHEMA[kind]
    if not form.fullmatch(value):
        shown = value if len(value) <= 40 else value[:39] + "…"
        raise InvalidValue(
            N_("the tag !!{kind} needs {allowed}, not '{value}'"), kind=kind, allowed=message(allowed), value=shown
        )
    return construct(value)


def scalar_value(event: yaml.ScalarEvent) -> Any:
    if not event.value.isascii() and _SURROGATE.search(event.value):
        # PyYAML's pure-Python scanner lets an escape like \ud83d through; libyaml refuses it
        raise InvalidValue(
            N_("an escape names half of a UTF-16 surrogate pair: write a character beyond U+FFFF as \\UXXXXXXXX")
        )
    if event.tag == "!":  # the non-specific tag: text, even when plain
        return event.value
    if event.tag is not None:
        return _tagged(event.tag, event.value)
    return _resolve(event.value) if event.implicit[0] else event.value
