"""The YAML reader: core-schema scalars, anchors and tags, exact error places, and agreement with ruamel.yaml."""

from __future__ import annotations

import functools
import math
import random
import re
import tracemalloc
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from runacu.content import yaml_reader
from runacu.content.document import MAX_FILE_BYTES
from runacu.content.problems import DataError
from runacu.content.yaml_reader import parse_yaml
from tests.conftest import BOMB, run

LOADERS = {"pure-python": yaml_reader.PURE_LOADER}


if yaml_reader.LOADER is not yaml_reader.PURE_LOADER:
    LOADERS = {"libyaml": yaml_reader.LOADER, **LOADERS}


@pytest.fixture(params=list(LOADERS))
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test once with each of PyYAML's parsers (libyaml's, when PyYAML has it, and the pure-Python one)."""
    monkeypatch.setattr(yaml_reader, "LOADER", LOADERS[request.param])
    name: str = request.param
    return name


def read(text: str | bytes) -> Any:
    return parse_yaml(text.encode() if isinstance(text, str) else text, "f.yaml").data


def refusal(text: str | bytes) -> tuple[int | None, int | None, str]:
    with pytest.raises(DataError) as caught:
        parse_yaml(text.encode() if isinstance(text, str) else text, "f.yaml")
    [problem] = caught.value.problems
    assert problem.file == "f.yaml"
    return problem.line, problem.column, problem.message


# --- anchors and aliases -----------------------------------------------------------------------------------


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("&a a: b\nc: *a\n", {"a": "b", "c": "a"}),
        ("- &x 1\n- &x k: *x\n", [1, {"k": "k"}]),
        ("k: &a\n  - x\nj: *a\n", {"k": ["x"], "j": ["x"]}),
        ("&k a: 1\nb: *k\n", {"a": 1, "b": "a"}),
        ("a: &x [&x 1, *x]\n", {"a": [1, 1]}),
        ("- &x [&x 1]\n- *x\n", [[1], 1]),
        ("- &x {k: &x v}\n- *x\n", [{"k": "v"}, "v"]),
        ("- &x 1\n- &x 2\n- *x\n", [1, 2, 2]),
        ("- &x [1]\n- *x\n- &x [2]\n- *x\n", [[1], [1], [2], [2]]),
        ("{&a k: 1, x: [*a], y: {*a : 3}}", {"k": 1, "x": ["k"], "y": {"k": 3}}),
    ],
)
def test_an_alias_means_the_latest_node_with_its_anchor(text: str, data: Any) -> None:
    assert read(text) == data


@pytest.mark.usefixtures("loader")
def test_an_aliased_text_can_be_a_key() -> None:
    document = parse_yaml(b"a: &k name\n*k : 2\n", "f.yaml")
    assert document.data == {"a": "name", "name": 2}
    assert document.marks[("name",)] == (2, 1)
    assert refusal("&k a: 1\n*k : 2\n") == (2, 1, "duplicate key 'a' (first given on line 1)")
    assert refusal("a: &k [1]\n*k : 2\n") == (2, 1, "a key must be text, not a list: put it in quotes")


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("title: &t [1, *t]\n", (1, 15)),
        ("- &x 1\n- &x [*x]\n", (2, 7)),
        ("&a\n- x\n- *a\n", (3, 3)),
        ("a: &m\n  b: [1, {c: *m}]\n", (2, 14)),
    ],
)
def test_an_alias_inside_its_own_anchor_is_a_cycle(text: str, where: tuple[int, int]) -> None:
    line, column, message = refusal(text)
    assert (line, column) == where
    assert message.endswith("is inside the value its anchor names (an alias cycle)")


@pytest.mark.usefixtures("loader")
def test_an_alias_needs_an_anchor_before_it() -> None:
    assert refusal("a: *x\nb: &x 1\n") == (1, 4, "the alias '*x' has no anchor '&x' before it")


# --- scalars: YAML 1.2 core schema -------------------------------------------------------------------------


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None), ("nULL", "nULL"),
        ("true", True), ("True", True), ("FALSE", False), ("tRUE", "tRUE"), ("yes", "yes"), ("no", "no"), ("on", "on"),
        ("12", 12), ("-12", -12), ("+12", 12), ("012", 12), ("0o17", 15), ("0x1F", 31), ("0x1f", 31),
        ("-0x1F", "-0x1F"), ("+0o7", "+0o7"), ("0b101", "0b101"), ("1_000", "1_000"), ("0o18", "0o18"),
        ("1.5", 1.5), ("-1.5", -1.5), ("1.", 1.0), (".5", 0.5), ("1e3", 1000.0), ("1E-3", 0.001), ("+1.5e+2", 150.0),
        (".inf", math.inf), ("-.Inf", -math.inf), ("+.INF", math.inf), ("1.e5", 100000.0), ("1e", "1e"),
        ("18:00", "18:00"), ("1:20:30", "1:20:30"), ("2026-01-01", "2026-01-01"), ("1_0.5", "1_0.5"), ("-.nan", "-.nan"),
    ],
)  # fmt: skip
def test_plain_scalars_follow_the_core_schema(plain: str, value: Any) -> None:
    assert read(f"a: {plain}\n") == {"a": value}
    assert type(read(f"a: {plain}\n")["a"]) is type(value)


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize("nan", [".nan", ".NaN", ".NAN", "!!float .nan"])
def test_not_a_number(nan: str) -> None:
    assert math.isnan(read(f"a: {nan}\n")["a"])


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("!!str 1", "1"), ("!!str true", "true"), ("!!str", ""), ("!!str ~", "~"), ('!!int "3"', 3), ("!!int 0x1F", 31),
        ("!!int '-3'", -3), ("!!float 1", 1.0), ("!!float '.inf'", math.inf), ('!!bool "TRUE"', True),
        ("!!bool false", False), ('!!null ""', None), ("!!null ~", None), ("!!null", None), ("! 12", "12"),
        ("! true", "true"), ("!<tag:yaml.org,2002:int> 7", 7), ("!!seq [1]", [1]), ("!!map {b: 1}", {"b": 1}),
        ("! [1]", [1]), ("\"12\"", "12"), ("'null'", "null"), ("|-\n  12", "12"),
    ],
)  # fmt: skip
def test_a_tag_that_matches_its_value(text: str, value: Any) -> None:
    data = read(f"a: {text}\n")["a"]
    assert data == value and type(data) is type(value)


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("!!bool yes", "the tag !!bool needs true or false, not 'yes'"),
        ("!!bool 1", "the tag !!bool needs true or false, not '1'"),
        ("!!null 18:00", "the tag !!null needs null, ~ or nothing, not '18:00'"),
        ("!!int 1_000", "the tag !!int needs a whole number, not '1_000'"),
        ("!!int 1.5", "the tag !!int needs a whole number, not '1.5'"),
        ('!!int "3\\n"', "the tag !!int needs a whole number, not '3\n'"),
        ("!!int", "the tag !!int needs a whole number, not ''"),
        ("!!float 0x1F", "the tag !!float needs a number, not '0x1F'"),
        ("!!float abc", "the tag !!float needs a number, not 'abc'"),
        ("!!int " + "9" * 50 + "x", "the tag !!int needs a whole number, not '" + "9" * 39 + "…'"),
        ("!!bool " + "y" * 50, "the tag !!bool needs true or false, not '" + "y" * 39 + "…'"),
        ("!!binary aGVsbG8=", "the tag 'tag:yaml.org,2002:binary' is not allowed here (plain text, numbers and lists only)"),
        ("!!timestamp 2026-01-01", "the tag 'tag:yaml.org,2002:timestamp' is not allowed here (plain text, numbers and lists only)"),
        ("!local x", "the tag '!local' is not allowed here (plain text, numbers and lists only)"),
        ("!!set {x: null}", "the tag 'tag:yaml.org,2002:set' is not allowed here (plain text, numbers and lists only)"),
        ("!!str [1]", "the tag 'tag:yaml.org,2002:str' is not allowed here (plain text, numbers and lists only)"),
        ("!!python/object/apply:os.system [ls]", "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed here (plain text, numbers and lists only)"),
    ],
)  # fmt: skip
def test_a_tag_its_value_does_not_match_is_refused(text: str, message: str) -> None:
    assert refusal(f"x: 1\na: {text}\n") == (2, 4, message)


@pytest.mark.usefixtures("loader")
def test_a_number_too_long_to_read() -> None:
    line, column, message = refusal("a: " + "9" * 5_000 + "\n")
    assert (line, column) == (1, 4)
    assert message == "a number longer than 4,300 digits"


@pytest.mark.usefixtures("loader")
def test_merge_keys_are_ordinary_keys() -> None:
    assert read("a: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n") == {"a": {"x": 1}, "c": {"<<": {"x": 1}, "y": 2}}


@pytest.mark.usefixtures("loader")
def test_a_yaml_directive_does_not_change_the_schema() -> None:
    assert read("%YAML 1.1\n---\na: yes\nb: 0o7\n") == {"a": "yes", "b": 7}


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("1: x\n", (1, 1), "a number"), ("a:\n  true: x\n", (2, 3), "true or false"), ("~: x\n", (1, 1), "null"),
        ("? [a]\n: b\n", (1, 3), "a list"), ("{a: 1}: b\n", (1, 1), "a mapping"), ("a: {1.5: x}\n", (1, 5), "a number"),
    ],
)  # fmt: skip
def test_a_key_must_be_text(text: str, where: tuple[int, int], what: str) -> None:
    line, column, message = refusal(text)
    assert (line, column) == where
    assert message.startswith(f"a key must be text, not {what}")


@pytest.mark.usefixtures("loader")
def test_quoted_and_tagged_keys_are_text() -> None:
    assert read("\"1\": a\n'true': b\n!!str null: c\n? |\n  long\n: d\n") == {
        "1": "a",
        "true": "b",
        "null": "c",
        "long\n": "d",
    }


@pytest.mark.usefixtures("loader")
def test_every_key_and_item_is_marked() -> None:
    document = parse_yaml(b"a: &x 1\nb:\n  - x\n  - {c: *x}\n", "f.yaml")
    assert document.marks == {
        (): (1, 1), ("a",): (1, 1), ("b",): (2, 1), ("b", 0): (3, 5), ("b", 1): (4, 5), ("b", 1, "c"): (4, 6),
    }  # fmt: skip


@pytest.mark.usefixtures("loader")
def test_duplicate_keys_are_all_reported() -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml(b"a: 1\nb: 2\na: 3\nb: [4]\n", "f.yaml")
    assert [(p.line, p.column, p.message) for p in caught.value.problems] == [
        (3, 1, "duplicate key 'a' (first given on line 1)"),
        (4, 1, "duplicate key 'b' (first given on line 2)"),
    ]


# --- characters, size and depth ----------------------------------------------------------------------------


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(
    ("text", "where", "code"),
    [
        ("a: ééé\x07\n", (1, 7), "0007"),
        ("\x07", (1, 1), "0007"),
        ("a: b\nc: ✓✓\x1b\n", (2, 6), "001B"),
        ("a: 😀😀\x00\n", (1, 6), "0000"),
        ('a: "中文\x7f"\n', (1, 7), "007F"),
        ("a: |\n  ü\n  ü\x9b\n", (3, 4), "009B"),
        ("\ufeffa: é\x01\n", (1, 5), "0001"),
    ],
)
def test_a_forbidden_character_is_placed_by_characters_not_bytes(text: str, where: tuple[int, int], code: str) -> None:
    assert refusal(text) == (*where, f"invalid YAML: the character U+{code} is not allowed in YAML")


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(("char", "escape"), [("\x85", "\\N"), ("\u2028", "\\L"), ("\u2029", "\\P")])
def test_a_line_break_only_to_yaml_1_1_is_refused_unless_escaped(char: str, escape: str) -> None:
    assert refusal(f"a: b\nc: é{char}d\n") == (
        2, 5, f"the character U+{ord(char):04X} is a line break to some YAML readers and text to others: "
        f"remove it, or write it as {escape} inside double quotes",
    )  # fmt: skip
    assert read(f'a: "é{escape}d"\n') == {"a": f"é{char}d"}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('a: "\\ud83d\\ude00"\n', {"libyaml": (1, 7), "pure-python": (1, 4)}),
        ('"\\udfff": 1\n', {"libyaml": (1, 4), "pure-python": (1, 1)}),
        ('a: "\\U00110000"\n', {"libyaml": (1, 7), "pure-python": (1, 7)}),
        ('a: "\\UFFFFFFFF"\n', {"libyaml": (1, 7), "pure-python": (1, 7)}),
    ],
)
def test_an_escape_must_name_a_character(loader: str, text: str, where: dict[str, tuple[int, int]]) -> None:
    line, column, message = refusal(text)
    assert (line, column) == where[loader]
    if loader == "libyaml":
        assert message == "invalid YAML: while parsing a quoted scalar: found invalid Unicode character escape code"
    elif "\\U" in text:
        assert message == "invalid YAML: an escape names no Unicode character"
    else:
        assert (
            message == "an escape names half of a UTF-16 surrogate pair: write a character beyond U+FFFF as \\UXXXXXXXX"
        )
    assert read('a: "\\U0001F600\\u00e9"\n') == {"a": "😀é"}


@pytest.mark.slow
@pytest.mark.usefixtures("loader")
def test_too_many_values_names_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # The limit is 100,000 values, which a file under the size limit can hold: tried here at a lower limit.
    assert yaml_reader.MAX_VALUES == 100_000 and len(b"- 1\n" * 100_001) <= MAX_FILE_BYTES
    monkeypatch.setattr(yaml_reader, "MAX_VALUES", 1_000)
    line, column, message = refusal(b"- 1\n" * 1_000)
    assert (line, column) == (1_000, 3)
    assert message == "more than 1,000 values (the limit for one file)"


@pytest.mark.usefixtures("loader")
def test_the_value_limit_counts_aliases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_reader, "MAX_VALUES", 10)
    assert read("[1, 2, 3, 4, 5, 6, 7, 8, 9]") == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert refusal("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]") == (1, 29, "more than 10 values (the limit for one file)")
    assert refusal("- &a [1, 2, 3]\n- *a\n- *a\n") == (
        3,
        3,
        "more than 10 values once aliases are expanded (an alias bomb?)",
    )


@pytest.mark.usefixtures("loader")
def test_deep_block_nesting_is_refused() -> None:
    text = "".join(f"{'  ' * level}k:\n" for level in range(70)) + "  " * 70 + "v\n"
    assert refusal(text) == (65, 129, "nested more than 64 levels deep")


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a: [1\nb: 2\n", (2, 2), "invalid YAML: while parsing a flow sequence"),
        ("a: 1\n---\nb: 2\n", (2, 1), "the file holds more than one YAML document"),
        ("# nothing\n", (None, None), "the file is empty"),
        ("", (None, None), "the file is empty"),
    ],
)
def test_other_refusals(text: str, where: tuple[int | None, int | None], message: str) -> None:
    line, column, said = refusal(text)
    assert (line, column) == where
    assert said.startswith(message)


# --- agreement with ruamel.yaml ----------------------------------------------------------------------------

# The YAML 1.2.2 core schema (spec 10.3.2), written out again here as the oracle.
CORE_FORMS = [
    r"null|Null|NULL|~|",
    r"true|True|TRUE|false|False|FALSE",
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+",
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)",
]


#: Line breaks to PyYAML's YAML 1.1 scanner but not to YAML 1.2, and the byte order mark: written escaped.
BREAKS_TO_PYYAML = "\r\x85\u2028\u2029\ufeff"


INDICATORS = "-?:,[]{}#&*!|>'\"%@`"


ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0", "\x07": "\\a", "\x08": "\\b",
           "\x0b": "\\v", "\x0c": "\\f", "\x1b": "\\e", "\x85": "\\N", "\xa0": "\\_", "\u2028": "\\L", "\u2029": "\\P"}  # fmt: skip


def is_core_form(text: str) -> bool:
    return any(re.fullmatch(form, text) for form in CORE_FORMS)


def printable(char: str) -> bool:
    code = ord(char)
    return (
        char in "\t\n\r\x85"
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    )


def plain_ok(text: str, *, flow: bool) -> bool:
    """Whether `text` can be written as a plain scalar and read back as this same text."""
    if not text or text != text.strip(" ") or is_core_form(text) or text.startswith(("---", "...")):
        return False
    if any(not printable(char) or char in "\n\t" + BREAKS_TO_PYYAML for char in text):
        return False
    if text[0] in INDICATORS and not (text[0] in "-?:" and not flow and len(text) > 1 and text[1].isalnum()):
        return False
    return not (
        ": " in text or " #" in text or text.endswith(":") or (flow and any(char in ",[]{}:#?" for char in text))
    )


class Emitter:
    """Writes plain data as YAML in randomly chosen styles, and says what the text means.

    The meaning can differ from the data written: an alias stands for whatever its anchor holds,
    and a tag can turn a number into text. The meaning is built as the text is, so it is the truth.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.anchors: dict[str, Any] = {}  # anchor -> value, for anchors whose latest node has ended
        self.count = 0
        self.after_block_scalar = False  # a blank line now would belong to a block scalar's text

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def indent(self, parent: int) -> int:
        return parent + self.rng.choice([1, 2, 2, 2, 3, 4])

    def new_anchor(self) -> str | None:
        if not self.chance(0.15):
            return None
        if self.anchors and self.chance(0.3):
            name = self.rng.choice(sorted(self.anchors))  # redefined: later aliases mean the new node
        else:
            self.count += 1
            name = f"a{self.count}"
        self.anchors.pop(name, None)
        return name

    def ended(self, anchor: str | None, value: Any) -> None:
        if anchor is not None:
            self.anchors[anchor] = value

    def alias(self) -> tuple[str, Any] | None:
        if self.anchors and self.chance(0.08):
            name = self.rng.choice(sorted(self.anchors))
            self.after_block_scalar = False
            return f"*{name}", self.anchors[name]
        return None

    def comment(self) -> str:
        return " #" + self.rng.choice(["", " note", " é ✓ 😀", " # still", " \"quoted\" 'x'", " [a, b]: c", "\t&x *y"])

    # scalars ------------------------------------------------------------------------------------------------

    def scalar(self, value: Any, parent: int, *, flow: bool) -> tuple[str, Any]:
        """A scalar with its properties, and its meaning; continuation lines are deeper than `parent`."""
        self.after_block_scalar = False
        props, anchor = [], self.new_anchor()
        if anchor:
            props.append(f"&{anchor}")
        text, expected, tag = self.scalar_text(value, parent, flow=flow)
        if tag:
            props.insert(self.rng.randrange(len(props) + 1), tag)
        self.ended(anchor, expected)
        return " ".join([*props, text] if text else props), expected

    def scalar_text(self, value: Any, parent: int, *, flow: bool) -> tuple[str, Any, str | None]:
        """The scalar's text, its meaning, and the tag it needs (or shows off)."""
        rng = self.rng
        if value is None:
            return rng.choice(["null", "~", "Null", "NULL", "null" if flow else ""]), None, self.maybe("!!null")
        if isinstance(value, bool):
            text = rng.choice(["true", "True", "TRUE"] if value else ["false", "False", "FALSE"])
            return (self.quoted(text, parent), value, "!!bool") if self.chance(0.2) else (text, value, None)
        if isinstance(value, int):
            forms = [str(value)] + ([f"+{value}", f"0o{value:o}", f"0x{value:x}", f"0x{value:X}", f"00{value}"] if value >= 0 else [])  # fmt: skip
            text = rng.choice(forms)
            if self.chance(0.15):
                return text, text, "!!str"
            if self.chance(0.1) and abs(value) < 2**52 and not text.startswith(("0o", "0x")):
                return text, float(value), "!!float"
            return (self.quoted(text, parent), value, "!!int") if self.chance(0.2) else (text, value, None)
        if isinstance(value, float):
            if math.isnan(value):
                text = rng.choice([".nan", ".NaN", ".NAN"])
            elif math.isinf(value):
                text = rng.choice([".inf", ".Inf", ".INF"])
                text = ("-" if value < 0 else rng.choice(["", "+"])) + text
            else:
                text = repr(value).replace("e", rng.choice("eE"))
                if text.endswith(".0") and self.chance(0.3):
                    text = text[:-1]
            if self.chance(0.15):
                return text, text, "!!str"
            return (self.quoted(text, parent), value, "!!float") if self.chance(0.2) else (text, value, None)
        assert isinstance(value, str)
        tag = rng.choice(["!!str", "!<tag:yaml.org,2002:str>", "!"]) if self.chance(0.15) else None
        if plain_ok(value, flow=flow) and self.chance(0.6):
            return self.plain(value, parent, flow=flow), value, tag
        if not flow and self.chance(0.35) and (block := self.block_scalar(value, parent)) is not None:
            self.after_block_scalar = True
            return block, value, tag
        return self.quoted(value, parent), value, tag

    def maybe(self, tag: str) -> str | None:
        return tag if self.chance(0.2) else None

    def plain(self, text: str, parent: int, *, flow: bool) -> str:
        """Plain text, its spaces sometimes broken across lines (a single break folds to a space)."""
        if flow or not self.chance(0.3):
            return text
        words = text.split(" ")
        out = words[0]
        for word in words[1:]:
            breakable = out and word and not out.endswith(" ") and word[0] not in "#-?:" and not word.startswith("...")
            out += ("\n" + " " * self.indent(parent)) if breakable and self.chance(0.4) else " "
            out += word
        return out

    def quoted(self, text: str, parent: int) -> str:
        single_ok = all(printable(char) and char not in BREAKS_TO_PYYAML for char in text)
        if single_ok and not re.search(r"[ \t]\n|\n[ \t]", text) and self.chance(0.4):
            return "'" + self.fold(text.replace("'", "''"), parent) + "'"
        return '"' + self.escape(text, parent) + '"'

    def fold(self, body: str, parent: int) -> str:
        """Line folding inside quotes: a run of breaks is written with one more, a single space may become a break."""
        pieces = re.split(r"(\n+| )", body)
        out = ""
        for index, piece in enumerate(pieces):
            if piece.startswith("\n"):
                out += "\n" * (len(piece) + 1) + " " * self.indent(parent)
            elif piece == " " and self.breakable(pieces[index - 1], pieces[index + 1]) and self.chance(0.2):
                out += "\n" + " " * self.indent(parent)
            else:
                out += piece
        return out

    @staticmethod
    def breakable(before: str, after: str) -> bool:
        return bool(before) and bool(after) and before[-1] not in " \t\n" and after[0] not in " \t\n"

    def escape(self, text: str, parent: int) -> str:
        pieces = []
        for char in text:
            if char in ESCAPES and not (char in "\xa0\t" and self.chance(0.5)):
                pieces.append(ESCAPES[char])
            elif not printable(char) or char in BREAKS_TO_PYYAML:
                pieces.append(unicode_escape(char))
            elif char == "/" and self.chance(0.3):
                pieces.append("\\/")
            elif ord(char) > 0x7F and self.chance(0.2):
                pieces.append(unicode_escape(char))
            elif char == " " and self.chance(0.1):
                pieces.append("\\ ")
            else:
                pieces.append(char)
        out = ""
        for index, piece in enumerate(pieces):
            before, after = pieces[index - 1] if index else "", pieces[index + 1] if index + 1 < len(pieces) else ""
            if piece == " " and self.breakable(before, after) and self.chance(0.15):
                out += "\n" + " " * self.indent(parent)  # folds back to a space
                continue
            out += piece
            if after and after[0] not in " \t" and self.chance(0.04):
                out += "\\\n" + " " * self.indent(parent)  # an escaped break: joins with nothing
        return out

    def block_scalar(self, text: str, parent: int) -> str | None:
        """`text` as a literal or folded block scalar, if it can be one."""
        if not text.strip("\n") or any(not printable(char) or char in BREAKS_TO_PYYAML for char in text):
            return None
        content = text.rstrip("\n")
        trailing = len(text) - len(content)
        lines = content.split("\n")
        if any(line[:1] in (" ", "\t") or (line and not line.strip()) for line in lines):
            return None
        chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
        folded = self.chance(0.5) and not any(line.endswith((" ", "\t")) for line in lines) and "\t" not in text
        source = lines
        if folded:
            source = []
            for piece in re.split(r"(\n+)", content):
                if piece.startswith("\n"):
                    source += [""] * len(piece)  # n breaks are n empty lines: a lone break would fold to a space
                    continue
                if not piece:  # the text starts with a break
                    continue
                words = piece.split(" ")
                current = words[0]
                for word in words[1:]:
                    if self.breakable(current, word) and self.chance(0.2):
                        source.append(current)
                        current = word
                    else:
                        current += " " + word
                source.append(current)
        indent = " " * self.indent(max(parent, 0))
        body = [indent + line if line else "" for line in source] + [""] * max(trailing - 1, 0)
        header = (">" if folded else "|") + chomp + (self.comment() if self.chance(0.2) else "")
        return header + "\n" + "\n".join(body)

    # collections --------------------------------------------------------------------------------------------

    def flow(self, value: Any, parent: int) -> tuple[str, Any]:
        if (alias := self.alias()) is not None:
            return alias
        if not isinstance(value, (list, dict)):
            return self.scalar(value, parent, flow=True)
        anchor = self.new_anchor()
        props = " ".join(filter(None, [f"&{anchor}" if anchor else "", self.collection_tag(value)]))
        pieces: list[str] = []
        expected: Any
        if isinstance(value, list):
            expected = []
            for item in value:
                text, meaning = self.flow(item, parent)
                pieces.append(text)
                expected.append(meaning)
        else:
            expected = {}
            for key, item in value.items():
                text, meaning = self.flow(item, parent)
                pieces.append(f"{self.flow_key(key)}: {text}".rstrip(" "))
                expected[key] = meaning
        text = "".join(piece + self.separator(parent) for piece in pieces[:-1]) + "".join(pieces[-1:])
        if pieces and self.chance(0.2):
            text += "," + self.rng.choice(["", " ", "\n" + " " * self.indent(parent)])  # a trailing comma is optional
        text = ("[" if isinstance(value, list) else "{") + text + ("]" if isinstance(value, list) else "}")
        self.ended(anchor, expected)
        self.after_block_scalar = False
        return (f"{props} {text}" if props else text), expected

    def separator(self, parent: int) -> str:
        if self.chance(0.15):
            return "," + (self.comment() if self.chance(0.3) else "") + "\n" + " " * self.indent(parent)
        return ", "

    def flow_key(self, key: str) -> str:
        if plain_ok(key, flow=True) and self.chance(0.6):
            return key
        return '"' + "".join(ESCAPES.get(char, char) if printable(char) and char not in BREAKS_TO_PYYAML else unicode_escape(char) for char in key) + '"'  # fmt: skip

    def block_key(self, key: str) -> str:
        if plain_ok(key, flow=False) and self.chance(0.6):
            return key
        if self.chance(0.3) and all(printable(char) and char not in BREAKS_TO_PYYAML + "\n" for char in key):
            return "'" + key.replace("'", "''") + "'"
        return '"' + "".join(ESCAPES.get(char, char) if printable(char) and char not in BREAKS_TO_PYYAML else unicode_escape(char) for char in key) + '"'  # fmt: skip

    def collection_tag(self, value: Any) -> str:
        if not self.chance(0.1):
            return ""
        return self.rng.choice(["!!seq" if isinstance(value, list) else "!!map", "!"])

    def node(self, value: Any, parent: int, context: str) -> tuple[str, Any]:
        """The text after `key:`, `-` or at a document's start (context "value", "item", "root")."""
        if (alias := self.alias()) is not None:
            return " " + alias[0] + (self.comment() if self.chance(0.1) else ""), alias[1]
        if not isinstance(value, (list, dict)) or not value or self.chance(0.2):
            text, expected = self.flow(value, parent) if isinstance(value, (list, dict)) else self.scalar(value, parent, flow=False)  # fmt: skip
            if not self.after_block_scalar and self.chance(0.1):
                text += self.comment()
            return (" " + text if text else ""), expected
        anchor, tag = self.new_anchor(), self.collection_tag(value)
        props = " ".join(filter(None, [f"&{anchor}" if anchor else "", tag]))
        if context == "item" and not props and self.chance(0.5):
            text, expected = self.block(value, parent + 2)  # compact: the collection starts on the dash's line
            self.ended(anchor, expected)
            return " " + text, expected
        if context == "root":
            column = 0
        elif context == "value" and isinstance(value, list) and self.chance(0.5):
            column = parent  # a list under a key may sit at the key's own column
        else:
            column = self.indent(parent)
        head = (" " + props if props else "") + (self.comment() if self.chance(0.1) else "")
        text, expected = self.block(value, column)
        self.ended(anchor, expected)
        return head + "\n" + " " * column + text, expected

    def block(self, value: list[Any] | dict[str, Any], column: int) -> tuple[str, Any]:
        """A block collection whose entries start at `column`; its first line without that indentation."""
        lines: list[str] = []
        expected: Any
        if isinstance(value, list):
            expected = []
            for item in value:
                decoration = self.decoration(column)
                text, meaning = self.node(item, column, "item")
                lines.append(decoration + "-" + text)
                expected.append(meaning)
        else:
            expected = {}
            for key, item in value.items():
                decoration = self.decoration(column)
                key_text, meaning_key = self.key(key, column, taken=expected)
                if meaning_key in expected:
                    continue
                text, meaning = self.node(item, column, "explicit" if key_text.startswith("? ") else "value")
                lines.append(decoration + key_text + ":" + text)
                expected[meaning_key] = meaning
        return ("\n" + " " * column).join(lines), expected

    def decoration(self, column: int) -> str:
        """Sometimes an empty line or a comment line before an entry."""
        if self.after_block_scalar or not self.chance(0.15):
            return ""
        return self.rng.choice(["", "#" + self.comment()[2:], " " * self.rng.randrange(column + 3) + "#"]) + "\n" + " " * column  # fmt: skip

    def key(self, key: str, column: int, taken: dict[str, Any]) -> tuple[str, str]:
        self.after_block_scalar = False
        texts = sorted(name for name, value in self.anchors.items() if isinstance(value, str) and value not in taken)
        if texts and self.chance(0.05):
            name = self.rng.choice(texts)
            return f"*{name} ", self.anchors[name]
        if key in taken:
            return "", key
        if self.chance(0.05):
            text, meaning = self.scalar(key, column, flow=False)
            return "? " + text + "\n" + " " * column, meaning
        anchor = self.new_anchor()
        text = ("!!str " if self.chance(0.05) else "") + self.block_key(key)
        self.ended(anchor, key)
        return (f"&{anchor} {text}" if anchor else text), key

    def document(self, value: Any) -> tuple[str, Any]:
        text, expected = self.node(value, 0, "root")
        start = self.rng.choice(["", "", "", "---", "%YAML 1.2\n---", "# top\n"])
        if text.lstrip(" ").startswith("#") or not text.strip():
            start = "---"  # the document holds a node, even an empty one
        body = start + (text if start.endswith("---") else text.lstrip(" "))
        end = self.rng.choice(["\n", "\n", "\n...\n", "\n# end\n"])
        return body + end, expected


def unicode_escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08x}"


keys = st.one_of(
    st.text(st.sampled_from("abcxyz_-é中 "), min_size=1, max_size=8),
    st.sampled_from(
        ["title", "a b", "1", "true", "null", "~", "", "<<", "x:y", "#", "- a", "? k", "'q'", "k#", "yes", "é✓"]
    ),
)


lines = st.text(st.sampled_from("abc xyz é😀:#-'\"\t\\"), max_size=10)


texts = st.one_of(
    st.text(max_size=12),
    st.text(st.sampled_from(" \n\tab:#-'\"\\é😀\x00\x1b\x85\u2028\ufeff\xa0/"), max_size=12),
    st.builds(lambda body, end: "\n".join(body) + end, st.lists(lines, min_size=2, max_size=4), st.sampled_from(["", "\n", "\n\n"])),
    st.sampled_from(["yes", "No", "18:00", "2026-01-01", "1_000", "0b101", "+0x1F", "-0o7", "1e", "-.nan", "<<", "a: b",
                     "a #b", "- x", "[x]", "&a", "*a", "!x", "%x", "@x", "`x", "|", ">", "---", "...", "a  b", "x\ny\n\n"]),
)  # fmt: skip


scalars = st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats() | texts


trees = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=10,
)


documents = trees | st.lists(trees, min_size=1, max_size=6) | st.dictionaries(keys, trees, min_size=1, max_size=6)


@functools.lru_cache(maxsize=1)  # read once for the readings of both parsers
def ruamel_read(text: str) -> tuple[bool, Any]:
    """What ruamel.yaml (pure Python, YAML 1.2) makes of the text: (accepted, data)."""
    reader = YAML(typ="safe", pure=True)
    reader.version = (1, 2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ReusedAnchorWarning: a redefined anchor is valid YAML
        try:
            return True, reader.load(text)
        except Exception:  # ruamel raises more than its own errors (IndexError, ValueError) on some input
            return False, None


_RUAMEL_RESOLVER = VersionedResolver(version=(1, 2))


def ruamel_reads_as_more_than_text(text: str) -> bool:
    """ruamel.yaml reads more plain forms than the core schema as numbers or dates (`1_000`, `0b1`, `2026-01-01`)."""
    return _RUAMEL_RESOLVER.resolve(ScalarNode, text, (True, False)) != "tag:yaml.org,2002:str"


def same(ours: Any, theirs: Any, *, excused: bool = False, non_specific_tag: bool = False, depth: int = 0) -> bool:
    """Equal data, type for type; `excused` allows runacu's documented differences from ruamel.yaml."""
    assert depth < 100, "a recursive structure"
    if excused and isinstance(ours, str) and not isinstance(theirs, str) and ruamel_reads_as_more_than_text(ours):
        # `1_000` (not a core-schema number), or `! 12` (the non-specific tag makes text): runacu says text
        return not is_core_form(ours) or non_specific_tag
    options = {"excused": excused, "non_specific_tag": non_specific_tag, "depth": depth + 1}
    if isinstance(ours, dict):
        if not isinstance(theirs, dict) or len(ours) != len(theirs):
            return False
        unmatched = list(theirs.items())
        for key, value in ours.items():
            match = next((pair for pair in unmatched if same(key, pair[0], **options)), None)
            if match is None or not same(value, match[1], **options):
                return False
            unmatched.remove(match)
        return True
    if isinstance(ours, list):
        return (
            isinstance(theirs, list)
            and len(ours) == len(theirs)
            and all(map(lambda a, b: same(a, b, **options), ours, theirs))
        )
    if isinstance(ours, float) and isinstance(theirs, float) and math.isnan(ours):
        return math.isnan(theirs)
    return type(ours) is type(theirs) and ours == theirs


def has_merge_key(data: Any) -> bool:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if "<<" in value:
                return True
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def runacu_reads(text: str) -> list[tuple[str, Any]]:
    """Each parser's reading of `text`: its data, or the DataError. Any other exception fails the test."""
    readings: list[tuple[str, Any]] = []
    for name, loader_class in LOADERS.items():
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(yaml_reader, "LOADER", loader_class)
            try:
                readings.append((name, parse_yaml(text.encode("utf-8"), "f.yaml").data))
            except DataError as error:
                assert error.problems and all(problem.file == "f.yaml" for problem in error.problems)
                readings.append((name, error))
    return readings


def check_against_ruamel(text: str, ours: Any) -> None:
    accepted, theirs = ruamel_read(text)
    if not accepted or isinstance(ours, DataError):
        return
    if has_merge_key(ours) or re.search(r"%YAML (?!1\.2\b)", text):
        return  # merge keys, and YAML 1.1 directives: ruamel follows them, runacu does not
    non_specific_tag = re.search(r"(?:^|[\s\[{,])!(?=[\s,\]}]|$)", text) is not None
    assert same(ours, theirs, excused=True, non_specific_tag=non_specific_tag), (text, ours, theirs)


PROPERTY = settings(
    max_examples=100,  # hypothesis' default: the same 100 documents on every run (derandomize)
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


MUTATIONS = [": ", "- ", "? ", "&a ", "*a", "*a1 ", "!!int ", "!!str ", "!!float ", "! ", "!x ", "#", "[", "]", "{", "}",
             ",", "'", '"', "|", ">-", "\t", "\n", " ", "  ", "\x00", "\x85", "\ufeff", "é", "😀", "\\", "---\n", "...\n",
             "%YAML 1.1\n", "<<: ", "0x1F", "1_000", "~", "2026-01-01", "\r\n", "\u2028"]  # fmt: skip


def mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        where = rng.randrange(len(text) + 1)
        choice = rng.randrange(4)
        if choice == 0:
            text = text[:where] + rng.choice(MUTATIONS) + text[where:]
        elif choice == 1:
            text = text[:where] + text[where + rng.randint(1, 4) :]
        else:
            lines = text.split("\n")
            line = rng.randrange(len(lines))
            if choice == 2:
                lines.insert(line, lines[rng.randrange(len(lines))])
            else:
                lines[line] = (
                    " " * rng.randint(0, 3) + lines[line].lstrip(" ")[: rng.randint(0, 3)] + lines[line].lstrip(" ")
                )
            text = "\n".join(lines)
    return text


@pytest.mark.slow
@PROPERTY
@given(documents, st.randoms(use_true_random=False))
def test_written_yaml_reads_back_as_written_and_damaged_as_ruamel_reads_it_or_refused(
    tree: Any, rng: random.Random
) -> None:
    """Each document drawn is written, read back by both parsers as written, then damaged and read as ruamel.yaml
    reads it (or refused): one document drawn for both checks, as drawing one costs more than reading it."""
    text, expected = Emitter(rng).document(tree)
    for name, ours in runacu_reads(text):
        assert not isinstance(ours, DataError), f"{name} refused valid YAML:\n{text}\n{ours}"
        assert same(ours, expected), f"{name} read\n{text}\nas {ours!r}, not {expected!r}"
        check_against_ruamel(text, ours)
    damaged = mutate(text, rng)
    for _, ours in runacu_reads(damaged):
        check_against_ruamel(damaged, ours)


def test_alias_bomb_is_refused_in_bounded_time_and_memory() -> None:
    tracemalloc.start()
    with pytest.raises(DataError, match="alias bomb"):
        parse_yaml(BOMB.encode(), "bomb.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024


@pytest.mark.slow
@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize("depth", [65, 1_001, 10_000, 200_000])
def test_deep_nesting_is_refused_without_crashing(depth: int, pure: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if pure:
        monkeypatch.setattr(yaml_reader, "LOADER", yaml_reader.PURE_LOADER)
    for text in (b"a: " + b"[" * depth + b"]" * depth, b"a: 'it''s' # don't\nb: " + b"{x: " * depth + b"}" * depth):
        with pytest.raises(DataError, match="nested more than 64 levels") as caught:
            parse_yaml(text, "deep.yaml")
        assert caught.value.problems[0].line is not None


def test_deep_nesting_is_a_data_error_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "benefits.yaml").write_bytes(b"a: " + b"[" * 100_000 + b"]" * 100_000)
    result = run("--data-dir", str(tmp_path), "benefits")
    assert result.exit_code == 3
    assert "nested more than 64 levels" in result.stderr
