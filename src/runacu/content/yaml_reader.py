"""Reads one YAML data file safely and remembers where each value stands, for file:line messages.

Safe means: a bounded size, UTF-8 only, plain data only (no tags that build objects),
no duplicate keys, no alias cycles, and aliases expanded only up to a fixed budget, so
an "alias bomb" is refused quickly in bounded memory.

Scalars follow YAML 1.2's core schema exactly, whatever a `%YAML` directive says: only
`true`/`false`, `null`/`~`/nothing, whole numbers (`12`, `0o17`, `0x1F`) and decimal numbers
(`1.5`, `1e3`, `.inf`, `.nan`) are anything but text. An explicit core tag (`!!int "3"`)
must match its type's core form; `!!str` makes anything text. Readers that go further
(ruamel.yaml, which also reads YAML 1.1 directives) disagree on purpose here:

- `1_000`, `0b101`, `+0x1F`, `-0o7` and `2026-01-01` are text, not numbers or dates;
- the non-specific tag `!` makes a plain scalar text (`! 12` is "12");
- `<<` is an ordinary key: there are no merge keys;
- an explicit core tag whose value does not have its form (`!!bool yes`, `!!int 1_0`)
  is refused rather than converted;
- only the core tags (str, null, bool, int, float, seq, map) are allowed: no `!!binary`,
  `!!timestamp`, `!!set`, `!!omap` or local `!tags`;
- a key is text (a plain word, quoted text, `!!str`, or an alias of text): a number,
  true/false, null, list or mapping as a key is refused;
- duplicate keys, alias cycles (an alias inside the very node its anchor names) and more
  than one document are refused;
- U+0085, U+2028 and U+2029 written as themselves are refused: line breaks to YAML 1.1 (and
  to PyYAML's parsers), text to YAML 1.2, so the file would mean different things to
  different readers; inside double quotes `\\N`, `\\L` and `\\P` still write them;
- an escape naming a surrogate (`"\\ud83d"`) is refused rather than read as half a character;
- limits: at most MAX_FILE_BYTES bytes (1 MiB), MAX_DEPTH (64) levels of nesting,
  MAX_VALUES (100,000) values and MAX_TEXT (4 Mi) characters of text, counting every value
  and every character an alias repeats.

Where PyYAML's two parsers themselves differ, a file one of them refuses is a DataError:
the pure-Python one refuses a tab between `key:` and its value, and `?` inside a plain
scalar within brackets, both of which libyaml reads.

An alias names the most recent node carrying its anchor, as the YAML specification says:
a redefined anchor (`&x [&x 1, *x]`) is not an error, and an alias of an anchor whose node
has not ended yet is that node inside itself, a cycle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from runacu.content.document import MAX_FILE_BYTES, KeyPath, YamlDocument
from runacu.content.message import InvalidValue, Message, message, verbatim
from runacu.content.problems import DataError, Problem
from runacu.content.yaml_errors import INVALID_YAML, yaml_phrase
from runacu.content.yaml_scalars import CORE_TAG, TAG_NOT_ALLOWED, scalar_value
from runacu.words import N_

MAX_VALUES = 100_000
#: Characters of text in all, counting what aliases repeat: four times what the largest file can hold,
#: so a long text anchored once and aliased a thousand times is refused before anything copies it.
MAX_TEXT = 4 * MAX_FILE_BYTES
MAX_DEPTH = 64
_TOO_DEEP = message(N_("nested more than {depth} levels deep"), depth=MAX_DEPTH)

#: PyYAML's pure-Python loader; runacu only reads its parser events.
PURE_LOADER: type[Any] = yaml.SafeLoader
#: libyaml's loader when PyYAML was built with it (faster), else the pure-Python one.
LOADER: type[Any] = getattr(yaml, "CSafeLoader", PURE_LOADER)


class _Refused(Exception):
    def __init__(self, what: Message, mark: Any) -> None:
        super().__init__(str(what))
        self.what = what
        self.mark = mark


_DISCARD = object()  # the value of a duplicate key: reported, then dropped


@dataclass
class _Open:
    """A list or mapping whose end event has not come yet."""

    value: list[Any] | dict[str, Any]
    path: KeyPath
    anchor: str | None
    size: int = 1
    text: int = 0
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
        # anchor -> the (value, size, text) of its latest node, or that node itself while it is still open
        self.anchors: dict[str, tuple[Any, int, int] | _Open] = {}
        self.values = 0
        self.text = 0
        self.aliased = 0
        self.documents = 0

    def compose(self, loader: Any) -> YamlDocument:
        while (event := self._next_event(loader)) is not None:
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise _Refused(message(N_("the file holds more than one YAML document")), event.start_mark)
            elif isinstance(event, yaml.ScalarEvent):
                self._scalar(event)
            elif isinstance(event, yaml.AliasEvent):
                self._alias(event)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                self._start(event)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                self._end()
        return self.document

    @staticmethod
    def _next_event(loader: Any) -> Any:
        try:
            return loader.get_event()
        except (ValueError, OverflowError):
            # PyYAML's pure-Python scanner turns an escape's number into a character unchecked (libyaml checks it)
            raise _Refused(
                message(N_("invalid YAML: an escape names no Unicode character")), loader.get_mark()
            ) from None

    def _count(self, size: int, text: int, mark: Any, *, aliased: bool = False) -> None:
        self.values += size
        self.text += text
        self.aliased += size if aliased else 0
        if self.values > MAX_VALUES:
            too_many = (
                N_("more than {count} values once aliases are expanded (an alias bomb?)")
                if self.aliased
                else N_("more than {count} values (the limit for one file)")
            )
            raise _Refused(message(too_many, count=f"{MAX_VALUES:,}"), mark)
        if self.text > MAX_TEXT:
            too_long = (
                N_("more than {count} characters of text once aliases are expanded (an alias bomb?)")
                if self.aliased
                else N_("more than {count} characters of text (the limit for one file)")
            )
            raise _Refused(message(too_long, count=f"{MAX_TEXT:,}"), mark)

    def _wants_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].value, dict) and self.stack[-1].key is None

    def _child_path(self) -> KeyPath:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        return (*top.path, top.key if isinstance(top.key, str) else "")

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        try:
            value = scalar_value(event)
        except ValueError as error:
            what = error.message if isinstance(error, InvalidValue) else verbatim(str(error))
            raise _Refused(what, event.start_mark) from None
        text = len(value) if isinstance(value, str) else 0
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1, text)
        if self._wants_key():
            self._key(value, event.start_mark)
            return
        self._count(1, text, event.start_mark)
        path = self._child_path()
        self.document.marks.setdefault(path, _position(event.start_mark))
        if event.style == ">" and isinstance(value, str) and "\n" in value:
            self.document.folded.add(path)
        self._place(value, 1, text)

    def _key(self, key: Any, mark: Any) -> None:
        top = self.stack[-1]
        assert isinstance(top.value, dict)
        if not isinstance(key, str):
            raise _Refused(message(N_("a key must be text, not {kind}: put it in quotes"), kind=_kind_of(key)), mark)
        if key in top.value:
            first_line = self.document.marks[(*top.path, key)][0]
            line, column = _position(mark)
            duplicate = message(N_("duplicate key '{key}' (first given on line {line})"), key=key, line=first_line)
            self.problems.append(Problem(self.file, duplicate, line, column))
            top.key = _DISCARD
            return
        top.key = key
        self.document.marks[(*top.path, key)] = _position(mark)

    def _alias(self, event: yaml.AliasEvent) -> None:
        name = event.anchor or ""
        target = self.anchors.get(name)
        if target is None:
            raise _Refused(
                message(N_("the alias '*{name}' has no anchor '&{name}' before it"), name=name), event.start_mark
            )
        if isinstance(target, _Open):
            cycle = message(N_("the alias '*{name}' is inside the value its anchor names (an alias cycle)"), name=name)
            raise _Refused(cycle, event.start_mark)
        value, size, text = target
        if self._wants_key():
            self._key(value, event.start_mark)
            return
        self._count(size, text, event.start_mark, aliased=True)
        self.document.marks.setdefault(self._child_path(), _position(event.start_mark))
        self._place(value, size, text)

    def _start(self, event: yaml.SequenceStartEvent | yaml.MappingStartEvent) -> None:
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        if self._wants_key():
            kind = message(N_("a mapping") if is_mapping else N_("a list"))
            raise _Refused(message(N_("a key must be text, not {kind}"), kind=kind), event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(_TOO_DEEP, event.start_mark)
        if event.tag not in (None, "!", f"{CORE_TAG}{'map' if is_mapping else 'seq'}"):
            raise _Refused(message(TAG_NOT_ALLOWED, tag=event.tag), event.start_mark)
        self._count(1, 0, event.start_mark)
        path = self._child_path()
        self.document.marks.setdefault(path, _position(event.start_mark))
        opened = _Open({} if is_mapping else [], path, event.anchor)
        if event.anchor is not None:
            self.anchors[event.anchor] = opened
        self.stack.append(opened)

    def _end(self) -> None:
        done = self.stack.pop()
        # A node inside this one may have taken the anchor over: the alias then means that node.
        if done.anchor is not None and self.anchors.get(done.anchor) is done:
            self.anchors[done.anchor] = (done.value, done.size, done.text)
        self._place(done.value, done.size, done.text)

    def _place(self, value: Any, size: int, text: int) -> None:
        if not self.stack:
            self.document.data = value
            return
        top = self.stack[-1]
        top.size += size
        top.text += text
        if isinstance(top.value, list):
            top.value.append(value)
            return
        if isinstance(top.key, str):
            top.value[top.key] = value
        top.key = None


def _kind_of(value: Any) -> Message:
    if value is None:
        return message(N_("null"))
    if isinstance(value, bool):
        return message(N_("true or false"))
    if isinstance(value, (int, float)):
        return message(N_("a number"))
    return message(N_("a list") if isinstance(value, list) else N_("a mapping"))


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
    # libyaml's C marks and PyYAML's pure-Python marks have the same fields, both counting characters
    return mark.line + 1, mark.column + 1


def _decode(raw: bytes, file: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start : error.start + 1].hex()
        not_utf8 = message(N_("not valid UTF-8 (byte 0x{byte}); save the file as UTF-8"), byte=byte)
        raise DataError([Problem(file, not_utf8, line, column)]) from None


#: Line breaks to YAML 1.1 (and so to PyYAML's parsers) but ordinary text to YAML 1.2: refused, as
#: the file would mean different things to different readers. Inside double quotes, write them escaped.
_AMBIGUOUS_BREAKS = re.compile("[\x85\u2028\u2029]")
_BREAK_ESCAPES = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def _ambiguous_break(text: str, file: str) -> Problem | None:
    if (found := _AMBIGUOUS_BREAKS.search(text)) is None:
        return None
    before = text[: found.start()]
    line, column = before.count("\n") + 1, found.start() - (before.rfind("\n") + 1) + 1
    char = found.group()
    ambiguous = message(
        N_(
            "the character U+{code} is a line break to some YAML readers and text to others:"
            " remove it, or write it as {escape} inside double quotes"
        ),
        code=f"{ord(char):04X}",
        escape=_BREAK_ESCAPES[char],
    )
    return Problem(file, ambiguous, line, column)


def _syntax_problem(error: yaml.YAMLError, text: str, file: str, loader: type[Any]) -> Problem:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark, context_mark = error.problem_mark, error.context_mark
        what = yaml_phrase(str(error.problem))
        if error.context:
            # Translators: what PyYAML was reading, and what it found wrong there (two messages of this catalog).
            what = message(N_("{context}: {problem}"), context=yaml_phrase(error.context), problem=what)
        if context_mark is not None and context_mark.line != mark.line:
            what = message(
                N_("{problem} (the construct began on line {line})"), problem=what, line=context_mark.line + 1
            )
        return Problem(file, message(INVALID_YAML, problem=what), mark.line + 1, mark.column + 1)
    if isinstance(error, yaml.reader.ReaderError):
        offset = error.position
        if not issubclass(loader, yaml.reader.Reader):
            # libyaml reads the text as UTF-8 and counts bytes, not characters
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        before = text[:offset]
        line, column = before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        not_allowed = message(N_("invalid YAML: the character U+{code} is not allowed in YAML"), code=f"{code:04X}")
        return Problem(file, not_allowed, line, column)
    return Problem(file, message(INVALID_YAML, problem=verbatim(str(error))))


def parse_yaml(raw: bytes, file: str) -> YamlDocument:
    """Parse a data file's bytes; raise DataError listing everything wrong with its YAML."""
    if len(raw) > MAX_FILE_BYTES:
        raise DataError([Problem(file, message(N_("the file is larger than {size} KiB"), size=MAX_FILE_BYTES // 1024))])
    text = _decode(raw, file)
    if (ambiguous := _ambiguous_break(text, file)) is not None:
        raise DataError([ambiguous])
    loader_class = LOADER
    composer = _Composer(file)
    loader = None
    try:
        loader = loader_class(text)  # the pure-Python reader checks every character here
        document = composer.compose(loader)
    except yaml.YAMLError as error:
        # PyYAML's scanner reads ahead and, from 6.0.4, stops deep flow nesting with its own error
        # before the composer sees that depth: report runacu's limit, whatever the installed version says.
        if (deep := _flow_too_deep(text)) is not None:
            raise DataError([Problem(file, _TOO_DEEP, *deep)]) from None
        raise DataError([_syntax_problem(error, text, file, loader_class)]) from None
    except _Refused as refused:
        composer.problems.append(Problem(file, refused.what, *_position(refused.mark)))
    finally:
        if loader is not None:
            loader.dispose()
    if composer.problems:
        raise DataError(composer.problems)
    if document.data is None and not document.marks:
        raise DataError([Problem(file, N_("the file is empty"))])
    return document
