"""What PyYAML says is wrong with a file's YAML, as messages of runacu's catalog: told in the reader's language.

A syntax error of PyYAML is a `context` (what it was reading: "while parsing a block mapping") and a
`problem` (what it found: "did not find expected key"), each from a finite set: those of PyYAML's
pure-Python scanner and parser (yaml/scanner.py, yaml/parser.py) and those of libyaml, which its
faster loader uses (scanner.c, parser.c). runacu reads only the parser's events and composes the
values itself (`yaml_reader.py`), so neither PyYAML's composer nor its constructor speaks. Each phrase
is marked here in PyYAML's English, a phrase with a value in it (a character, a token) as a template;
a phrase not listed (another PyYAML's) is kept as PyYAML says it.
"""

from __future__ import annotations

import re
from functools import cache

from runacu.content.message import Message, message, verbatim
from runacu.words import N_

#: What a file's YAML is, when PyYAML's words follow.
INVALID_YAML = N_("invalid YAML: {problem}")

#: Phrases with nothing in them that changes: contexts, then problems, of either parser.
_PHRASES = frozenset(
    (
        # What PyYAML was reading (both parsers)
        N_("while scanning for the next token"),
        N_("while scanning a simple key"),
        N_("while scanning a directive"),
        N_("while scanning a %YAML directive"),
        N_("while scanning a %TAG directive"),
        N_("while scanning a tag directive"),
        N_("while parsing a directive"),
        N_("while parsing a tag directive"),
        N_("while parsing a %TAG directive"),
        N_("while scanning an anchor"),
        N_("while scanning an alias"),
        N_("while scanning a tag"),
        N_("while parsing a tag"),
        N_("while scanning a block scalar"),
        N_("while scanning a double-quoted scalar"),
        N_("while scanning a quoted scalar"),
        N_("while parsing a quoted scalar"),
        N_("while scanning a plain scalar"),
        N_("while parsing a node"),
        N_("while parsing a block node"),
        N_("while parsing a flow node"),
        N_("while parsing a block collection"),
        N_("while parsing a block mapping"),
        N_("while parsing a flow sequence"),
        N_("while parsing a flow mapping"),
        N_("while increasing block level"),
        N_("while increasing flow level"),
        # What PyYAML found wrong: its pure-Python parser
        N_("could not find expected ':'"),
        N_("sequence entries are not allowed here"),
        N_("mapping keys are not allowed here"),
        N_("mapping values are not allowed here"),
        N_("expected indentation indicator in the range 1-9, but found 0"),
        N_("found unexpected end of stream"),
        N_("found unexpected document separator"),
        N_("found duplicate YAML directive"),
        N_("found incompatible YAML document (version 1.* is required)"),
        # ... and libyaml
        N_("block sequence entries are not allowed in this context"),
        N_("mapping keys are not allowed in this context"),
        N_("mapping values are not allowed in this context"),
        N_("could not find expected directive name"),
        N_("did not find URI escaped octet"),
        N_("did not find expected '!'"),
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}'"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected <document start>"),
        N_("did not find expected <stream-start>"),
        N_("did not find expected alphabetic or numeric character"),
        N_("did not find expected comment or line break"),
        N_("did not find expected digit or '.' character"),
        N_("did not find expected hexdecimal number"),
        N_("did not find expected key"),
        N_("did not find expected node content"),
        N_("did not find expected tag URI"),
        N_("did not find expected version number"),
        N_("did not find expected whitespace"),
        N_("did not find expected whitespace or line break"),
        N_("did not find the expected '>'"),
        N_("exceeded maximum nesting depth"),
        N_("found a tab character that violates indentation"),
        N_("found a tab character where an indentation space is expected"),
        N_("found an indentation indicator equal to 0"),
        N_("found character that cannot start any token"),
        N_("found duplicate %TAG directive"),
        N_("found duplicate %YAML directive"),
        N_("found extremely long version number"),
        N_("found incompatible YAML document"),
        N_("found invalid Unicode character escape code"),
        N_("found undefined tag handle"),
        N_("found unexpected ':'"),
        N_("found unexpected document indicator"),
        N_("found unexpected non-alphabetical character"),
        N_("found unknown directive name"),
        N_("found unknown escape character"),
    )
)

#: Phrases of PyYAML's pure-Python parser with a value in them: `{char}` a character as Python writes it
#: (`'\t'`), `{token}` what it read instead, `{handle}` a tag handle, `{count}` a number. A brace PyYAML
#: writes is doubled, as in any template (`'}}'`).
_TEMPLATES = (
    N_("found character {char} that cannot start any token"),
    N_("expected alphabetic or numeric character, but found {char}"),
    N_("expected a digit or '.', but found {char}"),
    N_("expected a digit or ' ', but found {char}"),
    N_("expected a digit, but found {char}"),
    N_("expected ' ', but found {char}"),
    N_("expected a comment or a line break, but found {char}"),
    N_("expected '>', but found {char}"),
    N_("expected chomping or indentation indicators, but found {char}"),
    N_("expected escape sequence of {count} hexadecimal numbers, but found {char}"),
    N_("found unknown escape character {char}"),
    N_("expected '!', but found {char}"),
    N_("expected URI, but found {char}"),
    N_("expected URI escape sequence of 2 hexadecimal numbers, but found {char}"),
    N_("expected '<document start>', but found {token}"),
    N_("duplicate tag handle {handle}"),
    N_("found undefined tag handle {handle}"),
    N_("expected the node content, but found {token}"),
    N_("expected <block end>, but found {token}"),
    N_("expected ',' or ']', but got {token}"),
    N_("expected ',' or '}}', but got {token}"),
)

#: What the pure-Python parser read instead, as it names it (`'-'` and the other punctuation are the same
#: in every language).
_TOKENS = frozenset(
    (
        N_("'<directive>'"),
        N_("'<document start>'"),
        N_("'<document end>'"),
        N_("'<stream start>'"),
        N_("'<stream end>'"),
        N_("'<block sequence start>'"),
        N_("'<block mapping start>'"),
        N_("'<block end>'"),
        N_("'<alias>'"),
        N_("'<anchor>'"),
        N_("'<tag>'"),
        N_("'<scalar>'"),
    )
)


def yaml_phrase(text: str) -> Message:
    """A context or a problem of PyYAML's as a message of runacu's: as it is, if it is none of those above."""
    if text in _PHRASES:
        return message(text)
    for template, form in _forms():
        if (found := form.fullmatch(text)) is not None:
            values = {name: message(value) if value in _TOKENS else value for name, value in found.groupdict().items()}
            return message(template, **values)
    return verbatim(text)


@cache
def _forms() -> list[tuple[str, re.Pattern[str]]]:
    """Each template, and the form of the text it stands for (its placeholders standing for anything)."""
    forms = []
    for template in _TEMPLATES:
        parts = re.split(r"(?<!\{)\{(\w+)\}(?!\})", template)  # literal text, a name, literal text...
        pattern = "".join(
            re.escape(part.replace("{{", "{").replace("}}", "}")) if index % 2 == 0 else f"(?P<{part}>.+)"
            for index, part in enumerate(parts)
        )
        forms.append((template, re.compile(pattern, re.DOTALL)))
    return forms
