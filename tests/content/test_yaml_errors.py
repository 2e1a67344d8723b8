"""What is wrong with a file's YAML is told in the reader's language at its file:line:column: PyYAML's syntax
errors (of either of its parsers) and the YAML reader's own refusals; English as PyYAML and runacu said it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from runacu.content import yaml_reader
from runacu.content.message import Message
from runacu.content.problems import DataError, Problem
from runacu.content.yaml_errors import yaml_phrase
from runacu.content.yaml_reader import parse_yaml
from runacu.words import for_language
from tests.content.conftest import english_left, marked_in, untranslated

ENGLISH, SPANISH = for_language("en"), for_language("es")
SOURCE = Path(__file__).resolve().parents[2] / "src" / "runacu" / "content"
LOADERS = {"libyaml": getattr(yaml, "CSafeLoader", None), "pure-python": yaml.SafeLoader}

#: Broken YAML, and what each parser says of it (line:column: message), as runacu has always said it in English.
SYNTAX_ERRORS = {
    "indent": ("title: T\n  intro: I\ndisclaimer: D\n", "2:8: invalid YAML: mapping values are not allowed in this context", "2:8: invalid YAML: mapping values are not allowed here"),
    "unclosed": ("title: [unclosed\nintro: I\n", "2:6: invalid YAML: while parsing a flow sequence: did not find expected ',' or ']' (the construct began on line 1)", "2:6: invalid YAML: while parsing a flow sequence: expected ',' or ']', but got ':' (the construct began on line 1)"),
    "unclosedmap": ("title: {a: 1\nintro: I\n", "2:6: invalid YAML: while parsing a flow mapping: did not find expected ',' or '}' (the construct began on line 1)", "2:6: invalid YAML: while parsing a flow mapping: expected ',' or '}', but got ':' (the construct began on line 1)"),
    "quote": ('title: "unfinished\nintro: I\n', "3:1: invalid YAML: while scanning a quoted scalar: found unexpected end of stream (the construct began on line 1)", "3:1: invalid YAML: while scanning a quoted scalar: found unexpected end of stream (the construct began on line 1)"),
    "tab": ("title: T\n\tintro: I\n", "2:1: invalid YAML: while scanning a plain scalar: found a tab character that violates indentation (the construct began on line 1)", "2:1: invalid YAML: while scanning for the next token: found character '\\t' that cannot start any token"),
    "colon": ("title: a: b\n", "1:9: invalid YAML: mapping values are not allowed in this context", "1:9: invalid YAML: mapping values are not allowed here"),
    "dash": ("title: T\n- item\n", "2:1: invalid YAML: while parsing a block mapping: did not find expected key (the construct began on line 1)", "2:1: invalid YAML: while parsing a block mapping: expected <block end>, but found '-' (the construct began on line 1)"),
    "seq": ("- a\nb: c\n", "2:1: invalid YAML: while parsing a block collection: did not find expected '-' indicator (the construct began on line 1)", "2:1: invalid YAML: while parsing a block collection: expected <block end>, but found '?' (the construct began on line 1)"),
    "at": ("title: @x\n", "1:8: invalid YAML: while scanning for the next token: found character that cannot start any token", "1:8: invalid YAML: while scanning for the next token: found character '@' that cannot start any token"),
    "escape": ('title: "\\q"\n', "1:9: invalid YAML: while parsing a quoted scalar: found unknown escape character", "1:10: invalid YAML: while scanning a double-quoted scalar: found unknown escape character 'q'"),
    "hexescape": ('title: "\\xZZ"\n', "1:11: invalid YAML: while parsing a quoted scalar: did not find expected hexdecimal number", "1:11: invalid YAML: while scanning a double-quoted scalar: expected escape sequence of 2 hexadecimal numbers, but found 'Z'"),
    "anchor": ("title: & x\n", "1:9: invalid YAML: while scanning an anchor: did not find expected alphabetic or numeric character", "1:9: invalid YAML: while scanning an anchor: expected alphabetic or numeric character, but found ' '"),
    "aliasbad": ("title: * x\n", "1:9: invalid YAML: while scanning an alias: did not find expected alphabetic or numeric character", "1:9: invalid YAML: while scanning an alias: expected alphabetic or numeric character, but found ' '"),
    "tag": ("title: !<x\n", "1:11: invalid YAML: while scanning a tag: did not find the expected '>'", "1:11: invalid YAML: while parsing a tag: expected '>', but found '\\n'"),
    "taghandle": ("title: !x!y z\n", "1:8: invalid YAML: while parsing a node: found undefined tag handle", "1:8: invalid YAML: while parsing a node: found undefined tag handle '!x!'"),
    "directive": ("%YAML 2.0\n---\na: 1\n", "1:1: invalid YAML: found incompatible YAML document", "1:1: invalid YAML: found incompatible YAML document (version 1.* is required)"),
    "directive2": ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "2:1: invalid YAML: found duplicate %YAML directive", "2:1: invalid YAML: found duplicate YAML directive"),
    "tagdir": ("%TAG !x! tag:x,2000:\n%TAG !x! tag:y,2000:\n---\na: 1\n", "2:1: invalid YAML: found duplicate %TAG directive", "2:1: invalid YAML: duplicate tag handle '!x!'"),
    "docsep": ("a: 'x\n---\n'\n", "2:1: invalid YAML: while scanning a quoted scalar: found unexpected document indicator (the construct began on line 1)", "2:1: invalid YAML: while scanning a quoted scalar: found unexpected document separator (the construct began on line 1)"),
    "block": ("a: |0\n  x\n", "1:5: invalid YAML: while scanning a block scalar: found an indentation indicator equal to 0", "1:5: invalid YAML: while scanning a block scalar: expected indentation indicator in the range 1-9, but found 0"),
    "blockind": ("a: |x\n  x\n", "1:5: invalid YAML: while scanning a block scalar: did not find expected comment or line break", "1:5: invalid YAML: while scanning a block scalar: expected chomping or indentation indicators, but found 'x'"),
    "blockcomment": ("a: |- x\n  y\n", "1:7: invalid YAML: while scanning a block scalar: did not find expected comment or line break", "1:7: invalid YAML: while scanning a block scalar: expected a comment or a line break, but found 'x'"),
    "key": ("? a\n? b\n: c\nd\n", "5:1: invalid YAML: while scanning a simple key: could not find expected ':' (the construct began on line 4)", "5:1: invalid YAML: while scanning a simple key: could not find expected ':' (the construct began on line 4)"),
    "closing": ("a: 1\n]\n", "2:1: invalid YAML: while parsing a block mapping: did not find expected key (the construct began on line 1)", "2:1: invalid YAML: while parsing a block mapping: expected <block end>, but found ']' (the construct began on line 1)"),
    "docstart": ("%YAML 1.2\na: 1\n", "2:1: invalid YAML: did not find expected <document start>", "2:1: invalid YAML: expected '<document start>', but found '<scalar>'"),
    "flowseq": ("[a, b\n", "2:1: invalid YAML: while parsing a flow sequence: did not find expected ',' or ']' (the construct began on line 1)", "2:1: invalid YAML: while parsing a flow sequence: expected ',' or ']', but got '<stream end>' (the construct began on line 1)"),
    "flowmap": ("{a: b\n", "2:1: invalid YAML: while parsing a flow mapping: did not find expected ',' or '}' (the construct began on line 1)", "2:1: invalid YAML: while parsing a flow mapping: expected ',' or '}', but got '<stream end>' (the construct began on line 1)"),
    "uri": ("a: !<%zz> b\n", "1:6: invalid YAML: while parsing a tag: did not find URI escaped octet", "1:7: invalid YAML: while scanning a tag: expected URI escape sequence of 2 hexadecimal numbers, but found 'z'"),
}  # fmt: skip

#: The YAML reader's own refusals: a file (text or bytes), the pure-Python loader if it needs it, and the English.
REFUSALS: dict[str, tuple[str | bytes, bool, str]] = {
    "deep flow": ("a: " + "[" * 70 + "\n", False, "1:67: nested more than 64 levels deep"),
    "deep block": ("".join("  " * level + f"k{level}:\n" for level in range(70)), False, "65:129: nested more than 64 levels deep"),
    "long number": ("a: " + "9" * 4301 + "\n", False, "1:4: a number longer than 4,300 digits"),
    "tag null": ("a: !!null x\n", False, "1:4: the tag !!null needs null, ~ or nothing, not 'x'"),
    "tag bool": ("a: !!bool yes\n", False, "1:4: the tag !!bool needs true or false, not 'yes'"),
    "tag int": ("a: !!int ten\n", False, "1:4: the tag !!int needs a whole number, not 'ten'"),
    "tag float": ("a: !!float ten\n", False, "1:4: the tag !!float needs a number, not 'ten'"),
    "tag binary": ("a: !!binary aGk=\n", False, "1:4: the tag 'tag:yaml.org,2002:binary' is not allowed here (plain text, numbers and lists only)"),
    "tag on a list": ("a: !x [1]\n", False, "1:4: the tag '!x' is not allowed here (plain text, numbers and lists only)"),
    "surrogate": ('a: "\\ud83d"\n', True, "1:4: an escape names half of a UTF-16 surrogate pair: write a character beyond U+FFFF as \\UXXXXXXXX"),
    "no such character": ('a: "\\U00110000"\n', True, "1:7: invalid YAML: an escape names no Unicode character"),
    "documents": ("a: 1\n---\nb: 2\n", False, "2:1: the file holds more than one YAML document"),
    "number key": ("1: a\n", False, "1:1: a key must be text, not a number: put it in quotes"),
    "null key": ("~: a\n", False, "1:1: a key must be text, not null: put it in quotes"),
    "bool key": ("true: a\n", False, "1:1: a key must be text, not true or false: put it in quotes"),
    "list key": ("[a]: b\n", False, "1:1: a key must be text, not a list"),
    "mapping key": ("{a: 1}: b\n", False, "1:1: a key must be text, not a mapping"),
    "duplicate key": ("a: 1\na: 2\n", False, "2:1: duplicate key 'a' (first given on line 1)"),
    "no anchor": ("a: *x\n", False, "1:4: the alias '*x' has no anchor '&x' before it"),
    "cycle": ("a: &x [*x]\n", False, "1:8: the alias '*x' is inside the value its anchor names (an alias cycle)"),
    "latin-1": (b"a: caf\xe9\n", False, "1:7: not valid UTF-8 (byte 0xe9); save the file as UTF-8"),
    "line separator": ("a: b\u2028c\n", False, "1:5: the character U+2028 is a line break to some YAML readers and text to others: remove it, or write it as \\L inside double quotes"),
    "control character": ("a: b\x07\n", False, "1:5: invalid YAML: the character U+0007 is not allowed in YAML"),
    "empty": ("# nothing\n", False, "the file is empty"),
}  # fmt: skip

#: Refusals of the limits, lowered here: the limit (a module attribute of yaml_reader, and its lowered value), the file.
LIMITS = {
    "values": ("MAX_VALUES", 3, "a: [1, 2, 3]\n", "1:8: more than 3 values (the limit for one file)"),
    "values aliased": ("MAX_VALUES", 5, "a: &x [1, 2]\nb: [*x, *x]\n", "2:5: more than 5 values once aliases are expanded (an alias bomb?)"),
    "text": ("MAX_TEXT", 5, "a: abc\nb: def\n", "2:4: more than 5 characters of text (the limit for one file)"),
    "text aliased": ("MAX_TEXT", 8, "a: &x abc\nb: [*x, *x]\n", "2:9: more than 8 characters of text once aliases are expanded (an alias bomb?)"),
    "file size": ("MAX_FILE_BYTES", 2048, "a: " + "x" * 3000 + "\n", "the file is larger than 2 KiB"),
}  # fmt: skip


def refused(text: str | bytes) -> Problem:
    with pytest.raises(DataError) as refusal:
        parse_yaml(text.encode() if isinstance(text, str) else text, "f.yaml")
    [problem] = refusal.value.problems
    return problem


def assert_said_in_spanish(problem: Problem) -> None:
    assert isinstance(problem.what, Message)
    english, spanish = problem.said(ENGLISH), problem.said(SPANISH)
    assert english.startswith(f"{problem.where}: ") and spanish.startswith(f"{problem.where}: ")
    assert spanish != english
    assert english_left(problem.message_in(SPANISH), problem.what.templates()) == []
    assert untranslated(problem.what.templates()) == []


@pytest.mark.parametrize("loader", [name for name, loader in LOADERS.items() if loader is not None])
@pytest.mark.parametrize("name", list(SYNTAX_ERRORS))
def test_pyyamls_syntax_errors_are_told_in_spanish_at_their_place(
    name: str, loader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yaml_reader, "LOADER", LOADERS[loader])
    text, libyaml, pure = SYNTAX_ERRORS[name]
    problem = refused(text)
    assert f"{problem.line}:{problem.column}: {problem.message}" == (libyaml if loader == "libyaml" else pure)
    assert_said_in_spanish(problem)


def test_a_syntax_error_as_a_spanish_reader_sees_it() -> None:
    problem = refused(SYNTAX_ERRORS["dash"][0])
    assert problem.said(SPANISH) == (
        "f.yaml:2:1: YAML no válido: al analizar un bloque de claves y valores: se esperaba una clave y no se"
        " encontró (la estructura empezaba en la línea 1)"
    )


def test_a_token_pyyaml_names_is_told_in_spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_reader, "LOADER", yaml.SafeLoader)
    assert "se encontró '<fin del archivo>'" in refused(SYNTAX_ERRORS["flowseq"][0]).message_in(SPANISH)
    assert "se encontró '-'" in refused(SYNTAX_ERRORS["dash"][0]).message_in(SPANISH)


class _Unheard(yaml.SafeLoader):  # type: ignore[misc]
    """A PyYAML whose parser says what no PyYAML runacu knows has said."""

    def get_event(self) -> Any:
        mark = yaml.Mark("f.yaml", 7, 1, 3, None, None)
        raise yaml.MarkedYAMLError("while reading a future", mark, "found a new kind of mistake", mark)


def test_what_pyyaml_says_that_runacu_has_no_words_for_keeps_pyyamls_english_after_spanish(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yaml_reader, "LOADER", _Unheard)
    problem = refused("a: 1\n")
    assert (problem.line, problem.column) == (2, 4)
    assert problem.message == "invalid YAML: while reading a future: found a new kind of mistake"
    assert problem.message_in(SPANISH) == "YAML no válido: while reading a future: found a new kind of mistake"
    assert str(yaml_phrase("found a new kind of mistake")) == "found a new kind of mistake"


@pytest.mark.parametrize("name", list(REFUSALS))
def test_the_yaml_readers_refusals_are_told_in_spanish_at_their_place(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, pure, english = REFUSALS[name]
    if pure:
        monkeypatch.setattr(yaml_reader, "LOADER", yaml.SafeLoader)
    problem = refused(text)
    assert (f"{problem.line}:{problem.column}: " if problem.line else "") + problem.message == english
    assert_said_in_spanish(problem)


@pytest.mark.parametrize("name", list(LIMITS))
def test_the_limits_are_told_in_spanish(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    limit, value, text, english = LIMITS[name]
    monkeypatch.setattr(yaml_reader, limit, value)
    problem = refused(text)
    assert (f"{problem.line}:{problem.column}: " if problem.line else "") + problem.message == english
    assert_said_in_spanish(problem)


def test_every_message_of_the_yaml_reader_has_a_case(monkeypatch: pytest.MonkeyPatch) -> None:
    said: set[str] = set()
    for text, pure, _ in REFUSALS.values():
        with monkeypatch.context() as patch:
            if pure:
                patch.setattr(yaml_reader, "LOADER", yaml.SafeLoader)
            said.update(refused(text).what.templates())  # type: ignore[union-attr]
    for limit, value, text, _ in LIMITS.values():
        with monkeypatch.context() as patch:
            patch.setattr(yaml_reader, limit, value)
            said.update(refused(text).what.templates())  # type: ignore[union-attr]
    said.update(refused(SYNTAX_ERRORS["dash"][0]).what.templates())  # type: ignore[union-attr]
    assert marked_in([SOURCE / "yaml_reader.py"]) - said == set()


def test_every_phrase_of_pyyaml_runacu_knows_is_in_spanish() -> None:
    phrases = marked_in([SOURCE / "yaml_errors.py"])
    assert len(phrases) > 100
    assert untranslated(phrases) == []
    for phrase in phrases:
        assert english_left(SPANISH.say(phrase), [phrase]) == []
