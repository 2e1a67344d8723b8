"""Reads one YAML data file safely and remembers where each value stands, for file:line messages.

Safe means: a bounded size, UTF-8 only, plain data only (no tags that build objects),
no duplicate keys, no alias cycles, and aliases expanded only up to a fixed budget, so
an "alias bomb" is refused quickly in bounded memory.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from runacu.content.document import KeyPath, YamlDocument
from runacu.errors import DataError, Problem

MAX_FILE_BYTES = 1024 * 1024
MAX_VALUES = 100_000
MAX_DEPTH = 64
_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"


def _content_loader(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """`base` (libyaml's or PyYAML's own loader) resolving plain scalars as YAML 1.2's core schema does.

    YAML 1.1 (PyYAML's default) reads `no` as false, `18:00` as the number 1080
    and `2026-01-01` as a date object: a clinic writing opening hours or a title
    like "No" would get surprises. Here only true/false, numbers and null are special.
    """
    resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    loader: type[yaml.SafeLoader] = type(f"Content{base.__name__}", (base,), {"yaml_implicit_resolvers": resolvers})
    for tag, regex, first in _CORE_SCHEMA:
        loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(regex), first)
    return loader


_CORE_SCHEMA = (
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
)
#: libyaml's loader when PyYAML was built with it (faster), else PyYAML's pure-Python one.
PURE_LOADER = _content_loader(yaml.SafeLoader)
LOADER = _content_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _scalar(tag: str, value: str) -> Any:
    kind = tag.removeprefix("tag:yaml.org,2002:")
    if kind == "str":
        return value
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() == "true"
    if kind == "int":
        if value.startswith(("0o", "0x")):
            return int(value[2:], 8 if value[1] == "o" else 16)
        return int(value)
    if kind == "float":
        lowered = value.lower()
        if lowered.endswith(".inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        return math.nan if lowered == ".nan" else float(value)
    raise ValueError(f"the tag '{tag}' is not allowed here (plain text, numbers and lists only)")


class _Refused(Exception):
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.mark = mark


_DISCARD = object()  # the value of a duplicate key: reported, then dropped


@dataclass
class _Open:
    """A list or mapping whose end event has not come yet."""

    value: list[Any] | dict[str, Any]
    path: KeyPath
    anchor: str | None
    size: int = 1
    key: object = None


class _Composer:
    """Builds plain data from parser events without recursion.

    libyaml's own composer recurses in C and crashes the interpreter on deeply
    nested input, so the tree is built here, iteratively, with a depth limit,
    a budget for alias expansion and a check for alias cycles.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.document = YamlDocument(data=None)
        self.problems: list[Problem] = []
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.values = 0
        self.documents = 0

    def compose(self, loader: yaml.SafeLoader) -> YamlDocument:
        while (event := loader.get_event()) is not None:  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise _Refused("the file holds more than one YAML document", event.start_mark)
            elif isinstance(event, yaml.ScalarEvent):
                self._scalar(loader, event)
            elif isinstance(event, yaml.AliasEvent):
                self._alias(event)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                self._start(event)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                done = self.stack.pop()
                if done.anchor is not None:
                    self.anchors[done.anchor] = (done.value, done.size)
                self._place(done.value, done.size)
        return self.document

    def _count(self, size: int, mark: Any) -> None:
        self.values += size
        if self.values > MAX_VALUES:
            raise _Refused(f"more than {MAX_VALUES:,} values once aliases are expanded (an alias bomb?)", mark)

    def _wants_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].value, dict) and self.stack[-1].key is None

    def _child_path(self) -> KeyPath:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        return (*top.path, top.key if isinstance(top.key, str) else "")

    def _scalar(self, loader: yaml.SafeLoader, event: yaml.ScalarEvent) -> None:
        if event.tag == "!":  # the non-specific tag: a string
            tag = "tag:yaml.org,2002:str"
        elif event.tag is None:
            tag = loader.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        else:
            tag = event.tag
        if self._wants_key():
            self._key(tag, event)
            return
        self._count(1, event.start_mark)
        self.document.marks.setdefault(self._child_path(), _position(event.start_mark))
        try:
            value = _scalar(tag, event.value)
        except ValueError as error:
            raise _Refused(str(error), event.start_mark) from None
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self._place(value, 1)

    def _key(self, tag: str, event: yaml.ScalarEvent) -> None:
        top = self.stack[-1]
        assert isinstance(top.value, dict)
        if tag != "tag:yaml.org,2002:str":
            raise _Refused("keys must be plain words", event.start_mark)
        if event.value in top.value:
            first_line = self.document.marks[(*top.path, event.value)][0]
            line, column = _position(event.start_mark)
            message = f"duplicate key '{event.value}' (first given on line {first_line})"
            self.problems.append(Problem(self.file, message, line, column))
            top.key = _DISCARD
            return
        top.key = event.value
        self.document.marks[(*top.path, event.value)] = _position(event.start_mark)

    def _alias(self, event: yaml.AliasEvent) -> None:
        if self._wants_key():
            raise _Refused("keys must be plain words", event.start_mark)
        if any(open_.anchor == event.anchor for open_ in self.stack):
            raise _Refused("an alias refers to a value that contains it (an alias cycle)", event.start_mark)
        if event.anchor not in self.anchors:
            raise _Refused(f"the alias '*{event.anchor}' has no anchor '&{event.anchor}' before it", event.start_mark)
        value, size = self.anchors[event.anchor]
        self._count(size, event.start_mark)
        self.document.marks.setdefault(self._child_path(), _position(event.start_mark))
        self._place(value, size)

    def _start(self, event: yaml.SequenceStartEvent | yaml.MappingStartEvent) -> None:
        if self._wants_key():
            raise _Refused("keys must be plain words", event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(_TOO_DEEP, event.start_mark)
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (None, "!", f"tag:yaml.org,2002:{'map' if is_mapping else 'seq'}"):
            raise _Refused(
                f"the tag '{event.tag}' is not allowed here (plain text, numbers and lists only)", event.start_mark
            )
        self._count(1, event.start_mark)
        path = self._child_path()
        self.document.marks.setdefault(path, _position(event.start_mark))
        self.stack.append(_Open({} if is_mapping else [], path, event.anchor))

    def _place(self, value: Any, size: int) -> None:
        if not self.stack:
            self.document.data = value
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            top.value.append(value)
            return
        if isinstance(top.key, str):
            top.value[top.key] = value
        top.key = None


def _flow_too_deep(text: str) -> tuple[int, int] | None:
    """Where flow brackets (`[`, `{`) first nest deeper than MAX_DEPTH, outside quotes and comments."""
    depth, line, column, quote = 0, 1, 0, ""
    previous = "\n"
    chars = iter(text)
    for char in chars:
        column += 1
        if char == "\n":
            line, column, quote = line + 1, 0, ("" if quote == "#" else quote)
        elif quote == "#":
            pass
        elif quote:
            if char == "\\" and quote == '"':
                next(chars, None)
                column += 1
            elif char == quote:
                quote = ""
        elif (char in "\"'" and previous in " \t\n[{,:-?") or (char == "#" and previous in " \t\n"):
            quote = char
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, column
        elif char in "]}":
            depth = max(0, depth - 1)
        previous = char
    return None


def _position(mark: Any) -> tuple[int, int]:
    # libyaml's C marks and PyYAML's pure-Python marks have the same fields
    return mark.line + 1, mark.column + 1


def _decode(raw: bytes, file: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start : error.start + 1].hex()
        problem = Problem(file, f"not valid UTF-8 (byte 0x{byte}); save the file as UTF-8", line, column)
        raise DataError([problem]) from None


def _syntax_problem(error: yaml.YAMLError, text: str, file: str) -> Problem:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark, context_mark = error.problem_mark, error.context_mark
        message = f"{error.context}: {error.problem}" if error.context else str(error.problem)
        if context_mark is not None and context_mark.line != mark.line:
            message += f" (the construct began on line {context_mark.line + 1})"
        return Problem(file, f"invalid YAML: {message}", mark.line + 1, mark.column + 1)
    if isinstance(error, yaml.reader.ReaderError):
        before = text[: error.position]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        return Problem(file, f"invalid YAML: the character U+{code:04X} is not allowed in YAML", line, column)
    return Problem(file, f"invalid YAML: {error}")


def parse_yaml(raw: bytes, file: str) -> YamlDocument:
    """Parse a data file's bytes; raise DataError listing everything wrong with its YAML."""
    if len(raw) > MAX_FILE_BYTES:
        raise DataError([Problem(file, f"the file is larger than {MAX_FILE_BYTES // 1024} KiB")])
    text = _decode(raw, file)
    loader = LOADER(text)
    composer = _Composer(file)
    try:
        document = composer.compose(loader)
    except yaml.YAMLError as error:
        # PyYAML's scanner reads ahead and, from 6.0.4, stops deep flow nesting with its own error
        # before the composer sees that depth: report runacu's limit, whatever the installed version says.
        if (deep := _flow_too_deep(text)) is not None:
            raise DataError([Problem(file, _TOO_DEEP, *deep)]) from None
        raise DataError([_syntax_problem(error, text, file)]) from None
    except _Refused as refused:
        composer.problems.append(Problem(file, str(refused), *_position(refused.mark)))
    finally:
        loader.dispose()
    if composer.problems:
        raise DataError(composer.problems)
    if document.data is None and not document.marks:
        raise DataError([Problem(file, "the file is empty")])
    return document
