"""A parsed file validated against its model by pydantic, and pydantic's errors told as located `Problem`s."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runacu.content.problems import DataError, Problem
from runacu.content.text import echo

if TYPE_CHECKING:
    from pydantic import ValidationError

    from runacu.content.document import YamlDocument
    from runacu.content.validation import ModelT
    from runacu.words import Words


def parse_model(document: YamlDocument, model: type[ModelT], file: str, words: Words) -> ModelT:
    from pydantic import ValidationError

    from runacu.content.validation import adapter

    try:
        return adapter(model).validate_python(document.paragraph_data())
    except ValidationError as error:
        raise DataError(_problems(error, document, file, words)) from None


def field_path(loc: tuple[str | int, ...]) -> str:
    """`('topics', 2, 'title')` -> `topics[2].title`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _problems(error: ValidationError, document: YamlDocument, file: str, words: Words) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(part for part in detail["loc"] if isinstance(part, (str, int)))
        message = _message(detail, words)
        cause = detail.get("ctx", {}).get("error")
        loc = (*loc, *getattr(cause, "at", ()))
        line_column = document.locate(loc)
        line, column = line_column if line_column else (None, None)
        owner = loc[:-1] if detail["type"] == "missing" else loc  # the key is absent: name where it belongs
        problems.append(Problem(file, message, line, column, field_path(owner) or None))
    return problems


def _message(detail: Any, words: Words) -> str:
    kind, loc = detail["type"], detail["loc"]
    if kind == "missing":
        return words.say("missing required key '{key}'", key=loc[-1])
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return words.say("unknown key '{key}'", key=loc[-1])
    if kind == "value_error":
        return str(detail["ctx"]["error"])
    message: str = detail["msg"]
    if (kind.endswith("_type") or kind in ("literal_error", "enum")) and not isinstance(detail["input"], (dict, list)):
        message += f", not {echo(repr(detail['input']))}"  # cut short: a number may have thousands of digits
    return message
