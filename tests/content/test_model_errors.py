"""Every rule of the models and every kind of error pydantic raises for them is told in the reader's language,
at its file:line, and in English as pydantic and the rules have always said it."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from runacu.content.document import YamlDocument
from runacu.content.model_errors import parse_model, pydantic_message
from runacu.content.models import Clinic, EverydayWords, GuideFile
from runacu.content.problems import DataError, Problem
from runacu.content.validation import adapter
from runacu.content.yaml_reader import parse_yaml
from runacu.words import for_language
from tests.content.conftest import SMALL_GUIDE, english_left, marked_in, untranslated

ENGLISH, SPANISH = for_language("en"), for_language("es")
SOURCE = Path(__file__).resolve().parents[2] / "src" / "runacu" / "content"

SMALL_CLINIC = """\
name: Clinic
phone: {display: (661) 490-9221, e164: "+16614909221"}
address: {street: 1 Main St, city: Valencia, region: CA, postal_code: "91355", country: US}
timezone: America/Los_Angeles
hours:
  monday: [{opens: "08:00", closes: "18:00"}]
"""
SMALL_WORDS = "words:\n  hurt: [pain]\nwarning_signs: [numb]\n"
TOPIC = "  - {slug: two, title: Two, summary: S., evidence: {kind: study, note: N.}, explanation: E.}\n"
BASES: dict[type[Any], str] = {GuideFile: SMALL_GUIDE, Clinic: SMALL_CLINIC, EverydayWords: SMALL_WORDS}


def guide(old: str, new: str) -> str:
    assert old in SMALL_GUIDE
    return SMALL_GUIDE.replace(old, new, 1)


def clinic(old: str, new: str) -> str:
    assert old in SMALL_CLINIC
    return SMALL_CLINIC.replace(old, new, 1)


#: A file with one mistake, by the English its message holds: the model, the file's text, and the kind of
#: pydantic error it is (value_error: a rule of runacu's).
CASES: dict[str, tuple[type[Any], str, str]] = {
    # pydantic's own kinds
    "missing required key 'intro'": (GuideFile, guide("intro: An intro.\n", ""), "missing"),
    "unknown key 'colour'": (GuideFile, SMALL_GUIDE + "colour: red\n", "unexpected_keyword_argument"),
    "Input should be a valid string": (GuideFile, guide("title: Small guide", "title: [1]"), "string_type"),
    "Input should be a valid string, not None": (GuideFile, guide("title: Small guide", "title:"), "string_type"),
    "Input should be a valid list, not 'Tips'": (GuideFile, SMALL_GUIDE + "    tips: Tips\n", "list_type"),
    "Input should be a valid dictionary": (EverydayWords, "words: [hurt]\n", "dict_type"),
    "Input should be a dictionary or an instance of Evidence, not 'study'": (
        GuideFile, guide("evidence: {kind: practice, note: The clinic's experience.}", "evidence: study"),
        "dataclass_type",
    ),
    "Input should be 'review', 'trial', 'study', 'lab', 'guidance' or 'practice', not 'anecdote'": (
        GuideFile, guide("kind: practice", "kind: anecdote"), "literal_error",
    ),
    "Input should be 'emergency', 'today' or 'soon', not 'urgent'": (
        GuideFile, SMALL_GUIDE + "    red_flags: [{level: urgent, action: Go, signs: [Pain]}]\n", "literal_error",
    ),
    "year 0 is out of range": (GuideFile, guide("reviewed: 2026-11-23", "reviewed: 0000-11-23"), "date_parsing"),
    "month value is outside expected range of 1-12": (
        GuideFile, guide("reviewed: 2026-11-23", "reviewed: 2026-13-23"), "date_from_datetime_parsing",
    ),
    "day value is outside expected range": (
        GuideFile, guide("reviewed: 2026-11-23", "reviewed: 2026-02-30"), "date_from_datetime_parsing",
    ),
    "hour value is outside expected range of 0-23": (Clinic, clinic('opens: "08:00"', 'opens: "24:00"'), "time_parsing"),
    "minute value is outside expected range of 0-59": (
        Clinic, clinic('closes: "18:00"', 'closes: "18:60"'), "time_parsing",
    ),
    # runacu's rules: the fields
    "should have at least 1 character": (GuideFile, guide("summary: A summary.", "summary: ' '"), "value_error"),
    "must be one line, with no line breaks": (GuideFile, guide("title: One", 'title: "O\\nne"'), "value_error"),
    "should have at least 1 item": (
        GuideFile, SMALL_GUIDE + "    red_flags: [{level: soon, action: Go, signs: []}]\n", "value_error",
    ),
    "should have at most 64 characters": (GuideFile, guide("slug: one", "slug: " + "o" * 65), "value_error"),
    "'One Two' is not a valid slug": (GuideFile, guide("slug: one", "slug: One Two"), "value_error"),
    "'Uno' is not a valid alias": (GuideFile, SMALL_GUIDE + "    aliases: [Uno]\n", "value_error"),
    "'661' is not a phone number in E.164 form": (Clinic, clinic('"+16614909221"', '"661"'), "value_error"),
    "'ftp://x.org' is not a web address": (Clinic, SMALL_CLINIC + "website: ftp://x.org\n", "value_error"),
    "'doi' is not a DOI": (GuideFile, SMALL_GUIDE + "    sources: [{citation: C., doi: doi}]\n", "value_error"),
    "'desk' is not an email address": (Clinic, SMALL_CLINIC + "email: desk\n", "value_error"),
    "is not an email address alone": (Clinic, SMALL_CLINIC + "email: desk@example.com?bcc=x@example.com\n", "value_error"),
    "'hurt!' is not a word or a few": (EverydayWords, "warning_signs: [hurt!]\n", "value_error"),
    "should be text, not true or false": (GuideFile, guide("title: One", "title: true"), "value_error"),
    "should be text, not a number": (GuideFile, guide("title: One", "title: 1"), "value_error"),
    "should be a date written YYYY-MM-DD, like 2026-11-23": (
        GuideFile, guide("reviewed: 2026-11-23", "reviewed: 20261123"), "value_error",
    ),
    "should be a time written HH:MM, like 09:00 or 18:30": (Clinic, clinic('opens: "08:00"', "opens: 8"), "value_error"),
    # ... a guide's
    "red-flag levels must each appear once, in the order emergency, today, soon": (
        GuideFile,
        SMALL_GUIDE + "    red_flags: [{level: soon, action: A, signs: [S]}, {level: today, action: B, signs: [T]}]\n",
        "value_error",
    ),
    "duplicate topic slug 'one' (topic 1 has it too)": (GuideFile, SMALL_GUIDE + TOPIC.replace("two", "one", 1), "value_error"),
    "the alias '12' is a number": (GuideFile, SMALL_GUIDE + "    aliases: ['12']\n", "value_error"),
    "the alias 'úno' repeats a name topic 1 already has": (
        GuideFile, SMALL_GUIDE + "    aliases: [uno, úno]\n", "value_error",
    ),
    "the alias 'two' is already the name of topic 2": (
        GuideFile, SMALL_GUIDE + "    aliases: [two]\n" + TOPIC, "value_error",
    ),
    "should be a number": (GuideFile, SMALL_GUIDE + "reading_grade: easy\n", "value_error"),
    "should be a grade from 1 to 20": (GuideFile, SMALL_GUIDE + "reading_grade: 21\n", "value_error"),
    "'next_review' must be later than 'reviewed'": (
        GuideFile, guide("next_review: 2027-11-23", "next_review: 2026-11-23"), "value_error",
    ),
    # ... the everyday words'
    "'Hurt' is 'hurt' again (case and accents do not count)": (
        EverydayWords, "words:\n  hurt: [pain]\n  Hurt: [pain]\n", "value_error",
    ),
    # ... the clinic's
    "'opens' must be earlier than 'closes'": (Clinic, clinic('opens: "08:00"', 'opens: "19:00"'), "value_error"),
    "opening intervals must be in order and must not overlap": (
        Clinic, SMALL_CLINIC + '  friday: [{opens: "08:00", closes: "12:00"}, {opens: "11:00", closes: "13:00"}]\n',
        "value_error",
    ),
    "unknown time zone 'Mars/Olympus'": (Clinic, clinic("America/Los_Angeles", "Mars/Olympus"), "value_error"),
}  # fmt: skip


def problems_of(model: type[Any], text: str) -> list[Problem]:
    with pytest.raises(DataError) as refused:
        parse_model(parse_yaml(text.encode(), "f.yaml"), model, "f.yaml")
    return refused.value.problems


def error_types(model: type[Any], text: str) -> set[str]:
    try:
        adapter(model).validate_python(parse_yaml(text.encode(), "f.yaml").paragraph_data())
    except ValidationError as error:
        return {detail["type"] for detail in error.errors()}
    return set()


def assert_said_in_spanish(problem: Problem) -> None:
    """The problem in Spanish: at the same place, with no English of runacu's left, every template translated."""
    english, spanish = problem.said(ENGLISH), problem.said(SPANISH)
    prefix = f"{problem.where}:" + (f" {problem.field}:" if problem.field else "")
    assert english.startswith(prefix + " ") and spanish.startswith(prefix + " ")
    assert spanish != english
    assert english_left(problem.message_in(SPANISH), problem.what.templates()) == []  # type: ignore[union-attr]
    assert untranslated(problem.what.templates()) == []  # type: ignore[union-attr]


def test_the_bases_are_valid() -> None:
    for model, text in BASES.items():
        parse_model(parse_yaml(text.encode(), "f.yaml"), model, "f.yaml")


@pytest.mark.parametrize("english", list(CASES))
def test_each_rule_and_error_kind_is_told_in_spanish_at_its_line(english: str) -> None:
    model, text, kind = CASES[english]
    assert kind in error_types(model, text)
    problems = problems_of(model, text)
    [problem] = [problem for problem in problems if english in problem.message]
    assert problem.line is not None
    assert_said_in_spanish(problem)


def test_the_spanish_of_some_mistakes_as_a_reader_sees_them() -> None:
    said = {english: problems_of(*CASES[english][:2])[0].message_in(SPANISH) for english in list(CASES)[:9]}
    assert said["missing required key 'intro'"] == "falta la clave obligatoria 'intro'"
    assert said["Input should be a valid string, not None"] == "La entrada debe ser un texto válido, no None"
    assert said["Input should be a dictionary or an instance of Evidence, not 'study'"] == (
        "La entrada debe ser un diccionario (claves con sus valores) de tipo Evidencia, no 'study'"
    )
    assert said["Input should be 'review', 'trial', 'study', 'lab', 'guidance' or 'practice', not 'anecdote'"] == (
        "La entrada debe ser 'review', 'trial', 'study', 'lab', 'guidance' o 'practice', no 'anecdote'"
    )


def test_every_model_is_named_in_the_readers_language_where_a_mapping_is_wanted() -> None:
    where = {
        GuideFile: ["", "topics[0]", "topics[0].evidence", "sources[0]"],
        Clinic: ["phone", "address", "hours", "hours.monday[0]", "closures[0]", "translations.es"],
        EverydayWords: [""],
    }
    # A list item, a red flag and a list with a heading, in a topic of the small guide.
    extra = "    red_flags: [{level: soon, action: A, signs: [S]}]\n    lists: [{heading: H, items: [I]}]\n"
    named = set()
    for model, paths in where.items():
        base = parse_yaml((BASES[model] + (extra if model is GuideFile else "")).encode(), "f.yaml").data
        paths += ["topics[0].red_flags[0]", "topics[0].lists[0]"] if model is GuideFile else []
        for path in paths:
            data = _with(base, path, "x")
            problems = problems_of_data(model, data)
            problem = next(p for p in problems if "an instance of" in p.message)
            named.add(problem.message.split("an instance of ")[1].split(",")[0])
            assert_said_in_spanish(problem)
    assert named == {
        "GuideFile", "Topic", "Evidence", "Source", "RedFlags", "ItemList", "Phone", "Address", "WeeklyHours",
        "Interval", "Closure", "ClinicTexts", "EverydayWords",
    }  # fmt: skip


def _with(data: Any, path: str, value: Any) -> Any:
    """`data` with the value at `path` (`topics[0].evidence`; "" is the whole) replaced by `value`."""
    if not path:
        return value
    data = copy.deepcopy(data)
    parts: list[Any] = [int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", path)]
    holder = data
    for part, following in itertools.pairwise(parts):
        if isinstance(part, str) and part not in holder:
            holder[part] = [None] if isinstance(following, int) else {}
        holder = holder[part]
    holder[parts[-1]] = value
    return data


def problems_of_data(model: type[Any], data: Any) -> list[Problem]:
    with pytest.raises(DataError) as refused:
        parse_model(YamlDocument(data=data, marks={(): (1, 1)}), model, "f.yaml")
    return refused.value.problems


def test_keys_that_are_not_text_are_told_in_spanish() -> None:
    # The YAML reader refuses such a key first; pydantic's words for it are runacu's too.
    [problem] = [p for p in problems_of_data(EverydayWords, {5: ["pain"]}) if p.field == "[5]"]
    assert problem.message == "Keys should be strings"
    assert_said_in_spanish(problem)


def test_a_kind_of_error_runacu_has_no_words_for_keeps_pydantics_english() -> None:
    # No model of runacu's has a whole number, a truth value or bytes: pydantic's English is kept, whole.
    for validator, value in ((TypeAdapter(int), "x"), (TypeAdapter(bool), "maybe")):
        [detail] = _errors(validator, value)
        said = pydantic_message(detail)
        assert str(said) == said.said(SPANISH) == detail["msg"]
    # ... and a wrong type's value after it, in the reader's words
    [detail] = _errors(TypeAdapter(bytes), 5)
    assert pydantic_message(detail).said(SPANISH) == "Input should be a valid bytes, no 5"


def test_a_date_refused_for_a_reason_runacu_has_no_words_for_keeps_pydantics_english() -> None:
    [detail] = _errors(TypeAdapter(dt.date), "2026-01")
    assert detail["type"] == "date_from_datetime_parsing"
    said = pydantic_message(detail)
    assert (
        str(said)
        == said.said(SPANISH)
        == detail["msg"]
        == "Input should be a valid date or datetime, input is too short"
    )


def test_words_written_for_another_version_of_pydantics_message_give_way_to_pydantics() -> None:
    detail = {"type": "list_type", "loc": ("tips",), "msg": "Input must be a list", "input": {}, "ctx": {}}
    assert pydantic_message(detail).said(SPANISH) == "Input must be a list"


def _errors(validator: TypeAdapter[Any], value: Any) -> list[Any]:
    with pytest.raises(ValidationError) as refused:
        validator.validate_python(value)
    return refused.value.errors(include_url=False)


def test_every_message_of_the_models_and_of_pydantics_errors_has_a_case() -> None:
    """Each template marked in the models (the clinic's own texts aside) and in model_errors.py is said above."""
    said: set[str] = set()
    for model, text, _ in CASES.values():
        for problem in problems_of(model, text):
            said.update(problem.what.templates())  # type: ignore[union-attr]
    files = [
        SOURCE / "model_errors.py",
        *(SOURCE / "models" / f"{name}.py" for name in ("fields", "guide", "everyday_words")),
    ]
    names = {"Address", "Clinic", "ClinicTexts", "Closure", "EverydayWords", "Evidence", "GuideFile", "Interval"}
    names |= {"ItemList", "Phone", "RedFlags", "Source", "Topic", "WeeklyHours", "Keys should be strings"}
    assert marked_in(files) - said - names == set()


def test_a_key_in_error_is_named_by_its_own_path() -> None:
    [problem] = problems_of(EverydayWords, "words:\n  hurt: [pain]\n  hurt/ache: [pain]\n")
    assert (problem.where, problem.field) == ("f.yaml:3:3", "words.hurt/ache")  # no "[key]" of pydantic's
    assert problem.message.startswith("'hurt/ache' is not a word or a few")
    assert_said_in_spanish(problem)
