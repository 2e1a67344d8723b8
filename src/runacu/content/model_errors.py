"""A parsed file validated against its model by pydantic, and pydantic's errors told as located `Problem`s.

Each kind of error pydantic raises for runacu's models is said in runacu's words, marked for translation
(in English they are pydantic's own words, so English is said as pydantic says it); a kind with no words
of runacu's keeps pydantic's English message. A rule's own error (`InvalidValue`) carries its message.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from runacu.content.message import InvalidValue, Message, message, verbatim
from runacu.content.problems import DataError, Problem
from runacu.content.text import echo
from runacu.words import N_

if TYPE_CHECKING:
    from pydantic import ValidationError

    from runacu.content.document import YamlDocument
    from runacu.content.validation import ModelT


def parse_model(document: YamlDocument, model: type[ModelT], file: str) -> ModelT:
    from pydantic import ValidationError

    from runacu.content.validation import adapter

    try:
        return adapter(model).validate_python(document.paragraph_data())
    except ValidationError as error:
        raise DataError(_problems(error, document, file)) from None


def field_path(loc: tuple[str | int, ...]) -> str:
    """`('topics', 2, 'title')` -> `topics[2].title`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _problems(error: ValidationError, document: YamlDocument, file: str) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        # pydantic's "[key]" says the error is in a key, not its value: the key's own path says as much
        loc = tuple(part for part in detail["loc"] if isinstance(part, (str, int)) and part != "[key]")
        cause = detail.get("ctx", {}).get("error")
        loc = (*loc, *getattr(cause, "at", ()))
        line_column = document.locate(loc)
        line, column = line_column if line_column else (None, None)
        owner = loc[:-1] if detail["type"] == "missing" else loc  # the key is absent: name where it belongs
        problems.append(Problem(file, pydantic_message(detail), line, column, field_path(owner) or None))
    return problems


#: pydantic's message for each kind of error runacu's models can raise (those told apart below aside),
#: with the same placeholders as pydantic's context.
_SAID: dict[str, str] = {
    "string_type": N_("Input should be a valid string"),
    "list_type": N_("Input should be a valid list"),
    "dict_type": N_("Input should be a valid dictionary"),
    "invalid_key": N_("Keys should be strings"),
    "dataclass_type": N_("Input should be a dictionary or an instance of {class_name}"),
    "literal_error": N_("Input should be {expected}"),
    "date_parsing": N_("Input should be a valid date in the format YYYY-MM-DD, {error}"),
    "date_from_datetime_parsing": N_("Input should be a valid date or datetime, {error}"),
    "time_parsing": N_("Input should be in a valid time format, {error}"),
}

#: The models' names, as a `dataclass_type` error names the model a mapping was expected for.
_MODEL_NAMES = frozenset(
    (
        N_("Address"),
        N_("Clinic"),
        N_("ClinicTexts"),
        N_("Closure"),
        N_("EverydayWords"),
        N_("Evidence"),
        N_("GuideFile"),
        N_("Interval"),
        N_("ItemList"),
        N_("Phone"),
        N_("RedFlags"),
        N_("Source"),
        N_("Topic"),
        N_("WeeklyHours"),
    )
)

#: Why a date or a time written in runacu's form (YYYY-MM-DD, HH:MM) is none, as pydantic's parser says.
_NO_SUCH_DATE_OR_TIME = frozenset(
    (
        N_("year 0 is out of range"),
        N_("month value is outside expected range of 1-12"),
        N_("day value is outside expected range"),
        N_("hour value is outside expected range of 0-23"),
        N_("minute value is outside expected range of 0-59"),
    )
)


def pydantic_message(detail: Any) -> Message:
    """One of pydantic's errors in runacu's words (pydantic's English for a kind runacu has no words for)."""
    kind, loc = detail["type"], detail["loc"]
    if kind == "missing":
        return message(N_("missing required key '{key}'"), key=loc[-1])
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return message(N_("unknown key '{key}'"), key=loc[-1])
    if kind == "value_error":
        cause = detail["ctx"]["error"]
        return cause.message if isinstance(cause, InvalidValue) else verbatim(str(cause))
    said = _said(kind, detail.get("ctx", {}))
    if said is None or str(said) != detail["msg"]:  # no words of runacu's, or words for another pydantic's
        said = verbatim(detail["msg"])
    if (kind.endswith("_type") or kind in ("literal_error", "enum")) and not isinstance(detail["input"], (dict, list)):
        # cut short: a number may have thousands of digits
        return message(N_("{message}, not {input}"), message=said, input=echo(repr(detail["input"])))
    return said


def _said(kind: str, context: dict[str, Any]) -> Message | None:
    if kind not in _SAID:
        return None
    params: dict[str, object] = {}
    if "class_name" in context:
        name = str(context["class_name"])
        params["class_name"] = message(name) if name in _MODEL_NAMES else verbatim(name)
    if "expected" in context:
        params["expected"] = _choices(str(context["expected"]))
    if "error" in context:
        reason = str(context["error"])
        if reason not in _NO_SUCH_DATE_OR_TIME:
            return None
        params["error"] = message(reason)
    return message(_SAID[kind], **params)


def _choices(expected: str) -> Message:
    """pydantic's list of the values a literal may take (`'a', 'b' or 'c'`), with the "or" in the reader's words."""
    values = [f"'{value}'" for value in re.findall(r"'([^'\\]*)'", expected)]
    if len(values) < 2:
        return verbatim(expected)
    return message(N_("{items} or {last}"), items=", ".join(values[:-1]), last=values[-1])
