"""The types a model's fields are made of (text, a slug, a web address, a date), each with the rules it applies."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from runacu.content.message import InvalidValue, message
from runacu.content.text import echo, has_unsafe, neutralize
from runacu.content.validation import Rule
from runacu.words import N_


def _filled(value: str) -> str:
    value = value.strip()
    if not value:
        raise InvalidValue(N_("should have at least 1 character"))
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise InvalidValue(N_("must be one line, with no line breaks"))
    return value


def not_empty(values: list[Any]) -> list[Any]:
    if not values:
        raise InvalidValue(N_("should have at least 1 item"))
    return values


def _pattern(regex: str, explanation: str, max_length: int | None = None, format: str | None = None) -> Rule:
    """A rule that the text has the form `regex`, which `explanation` (marked with `N_`) names for a reader."""
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if max_length is not None and len(value) > max_length:
            raise InvalidValue(N_("should have at most {count} characters"), count=max_length)
        # fullmatch, not match with `$`: a `$` also matches before a final newline.
        if compiled.fullmatch(value) is None or has_unsafe(value):
            raise InvalidValue(
                N_("'{value}' is not {explanation}"), value=neutralize(value), explanation=message(explanation)
            )
        return value

    # The JSON Schema keeps the pattern so editors can check it as the YAML is typed.
    schema: dict[str, Any] = {"pattern": f"^{regex}$"}
    if max_length is not None:
        schema["maxLength"] = max_length
    if format is not None:
        schema["format"] = format
    return Rule(check, **schema)


def _written_as_text(value: object) -> object:
    """Text must be written as text: YAML reads `02134` as the number 2134 and `true` as a truth value."""
    if isinstance(value, bool):
        raise InvalidValue(N_("should be text, not true or false: put it in quotes to keep it as written"))
    if isinstance(value, (int, float)):
        raise InvalidValue(N_("should be text, not a number: put it in quotes to keep it as written"))
    return value


# Every string read from a data file is one of the types below, and each ends by neutralising
# control, bidi and format characters: no field can be declared that lets one reach a terminal, a
# vCard or a mail header. Each is written as text: a number is refused, never turned into text.
SAFE = Rule(neutralize, before=_written_as_text)
FILLED = Rule(_filled, minLength=1)
#: Text that may hold paragraphs (separated by a blank line).
Text = Annotated[str, FILLED, SAFE]
#: A title, a summary, a name: one line.
Line = Annotated[str, FILLED, Rule(_one_line), SAFE]

SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SLUG = N_("a valid slug: use lower-case letters and digits joined by hyphens, like 'injury-prevention'")
Slug = Annotated[str, _pattern(SLUG_PATTERN, _SLUG, 64), SAFE]
# An alias is a slug in any script: `sueño` is as good as `sleep`.
_ALIAS = N_("a valid alias: lower-case words joined by hyphens, like 'red-flags'")
Alias = Annotated[str, _pattern(r"[^\W_A-Z]+(?:-[^\W_A-Z]+)*", _ALIAS, 64), SAFE]
E164 = Annotated[str, _pattern(r"\+[1-9]\d{6,14}", N_("a phone number in E.164 form, like '+16614909221'")), SAFE]
# A plain pattern, not pydantic's HttpUrl: that one imports importlib.metadata and email (10 ms of start-up).
_URL = r"https?://[^\s/?#]+\.[^\s/?#]+[^\s]*"
WebAddress = Annotated[
    str, _pattern(_URL, N_("a web address starting with https:// or http://"), 2000, format="uri"), SAFE
]
Doi = Annotated[str, _pattern(r"10\.\d{4,9}/\S+", N_("a DOI, like '10.1001/archinte.167.17.1892'"), 300), SAFE]
_DOMAIN_LABEL = r"[^\W_]+(?:-+[^\W_]+)*"
_EMAIL = rf"[^@\s\"<>(),;:?]+@{_DOMAIN_LABEL}(?:\.{_DOMAIN_LABEL})+"


def _address_alone(value: str) -> str:
    # A mailto: link would read what follows a `?` as headers: `desk@example.com?bcc=...` copies every message.
    if "?" in value:
        raise InvalidValue(
            N_(
                "'{value}' is not an email address alone: what follows '?' would add headers such as bcc"
                " to every message sent from a link to it; give the address only, like 'desk@example.com'"
            ),
            value=echo(value),
        )
    return value


Email = Annotated[
    str,
    Rule(_address_alone),
    _pattern(_EMAIL, N_("an email address, like 'desk@example.com'"), 254, format="email"),
    SAFE,
]


def _written(pattern: str, explanation: str) -> Rule:
    """The value must be written as text of this form (`explanation`, marked with `N_`, says which to a reader):
    YAML's numbers and other readings are refused."""
    compiled = re.compile(pattern)

    def check(value: object) -> object:
        if not isinstance(value, str) or compiled.fullmatch(value) is None:
            raise InvalidValue(explanation)
        return value

    return Rule(before=check)


#: A calendar day, written YYYY-MM-DD.
Day = Annotated[dt.date, _written(r"\d{4}-\d{2}-\d{2}", N_("should be a date written YYYY-MM-DD, like 2026-11-23"))]
#: A time of day on the clinic's clock, in hours and minutes.
ClockTime = Annotated[dt.time, _written(r"\d{2}:\d{2}", N_("should be a time written HH:MM, like 09:00 or 18:30"))]


def is_slug(text: str) -> bool:
    return re.fullmatch(SLUG_PATTERN, text) is not None


_PHRASE = N_("a word or a few (at most 4, letters and digits), like 'hurt' or 'pins and needles'")
#: A word or a few, as a reader types them: `hurt`, `pins and needles`, `can't pee`.
Phrase = Annotated[
    str, _pattern(r"[^\W_]+(?:['\u2019-][^\W_]+)*(?: [^\W_]+(?:['\u2019-][^\W_]+)*){0,3}", _PHRASE, 60), SAFE
]
