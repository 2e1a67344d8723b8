"""`runacu validate` and `runacu schema`: every kind of mistake caught with file, line, column and field."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from runacu.content.library import builtin_data_dir
from runacu.exit_status import ExitStatus
from tests.conftest import BOMB, Result, run

VALID_GUIDE = """\
title: T
intro: I
disclaimer: D
reviewed: 2026-11-23
next_review: 2027-11-23
topics:
  - slug: one
    title: One
    summary: S
    evidence: {kind: practice, note: N.}
    explanation: E
  - slug: two
    title: Two
    summary: S
    evidence: {kind: practice, note: N.}
    explanation: E
"""


# name -> (file content, expected line:column, field path or None, words of the message)
MISTAKES: dict[str, tuple[bytes, str, str | None, str]] = {
    "syntax": (b"title: [T\nintro: I\n", ":2:6", None, "invalid YAML: while parsing a flow sequence"),
    "wrong type": (VALID_GUIDE.replace("title: Two", "title: [Two]").encode(), ":13:5", "topics[1].title", "string"),
    "missing key": (VALID_GUIDE.replace("    summary: S\n", "", 1).encode(), ":7:5", "topics[0]", "missing required key 'summary'"),
    "unknown key": (VALID_GUIDE.replace("  - slug: two", "  - slug: two\n    colour: red").encode(), ":13:5", "topics[1].colour", "unknown key 'colour'"),
    "duplicate key": (VALID_GUIDE.replace("title: T\n", "title: T\ntitle: U\n").encode(), ":2:1", None, "duplicate key 'title'"),
    "duplicate slug": (VALID_GUIDE.replace("slug: two", "slug: one").encode(), ":12:5", "topics[1].slug", "duplicate topic slug 'one'"),
    "alias cycle": (b"title: &t [1, *t]\n", ":1:15", None, "alias cycle"),
    "alias bomb": (BOMB.encode(), ":", None, "alias bomb"),
    "not UTF-8": (VALID_GUIDE.replace("intro: I", "intro: caf\xe9").encode("latin-1"), ":2:11", None, "not valid UTF-8"),
    "too large": (b"title: " + b"x" * (1024 * 1024 + 10), "", None, "larger than 1024 KiB"),
    "no topics": (VALID_GUIDE.split("topics:")[0].encode() + b"topics: []\n", ":6:1", "topics", "at least 1 item"),
    "python object": (b"title: !!python/object/apply:os.system [ls]\n", ":1:8", None, "not allowed"),
}  # fmt: skip


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding one extra guide of each kind of mistake, each named for its kind."""
    folder = tmp_path_factory.mktemp("mistakes")
    for kind, (content, *_) in MISTAKES.items():
        (folder / mistake_file(kind)).write_bytes(content)
    return folder


def mistake_file(kind: str) -> str:
    return kind.lower().replace(" ", "-") + ".yaml"


@cache
def validated(folder: Path) -> Result:
    """`runacu validate folder`, run once per test process: each test of a kind of mistake reads its own lines."""
    return run("validate", str(folder))


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(MISTAKES))
def test_validate_catches_each_kind_of_mistake(kind: str, mistakes: Path) -> None:
    """Each file's problem is told on its line with the file, line and column: one run checks the folder of them all."""
    _, position, field, message = MISTAKES[kind]
    path = mistakes / mistake_file(kind)
    result = validated(mistakes)
    assert result.exit_code == ExitStatus.INVALID_DATA
    [problem] = [line for line in result.stdout.splitlines() if line.startswith(str(path))]
    assert problem.startswith(f"{path}{position}")
    assert message in problem
    if field:
        assert f" {field}: " in problem
    assert "Traceback" not in result.stdout + result.stderr


def test_the_same_checks_guard_every_command(tmp_path: Path) -> None:
    (tmp_path / "benefits.yaml").write_bytes(BOMB.encode())
    result = run("--data-dir", str(tmp_path), "benefits")
    assert result.exit_code == 3 and "alias bomb" in result.stderr


@pytest.mark.slow
def test_validate_reports_every_problem_at_once(own_data: Callable[..., Path]) -> None:
    data_dir = own_data("benefits.yaml", "clinic.yaml")
    benefits = data_dir / "benefits.yaml"
    benefits.write_text(benefits.read_text().replace("title: Faster recovery", "titel: Faster recovery"))
    clinic = data_dir / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("timezone: America/Los_Angeles", "timezone: Nowhere/Town"))
    (data_dir / "Bad Name.yaml").write_text(VALID_GUIDE)
    result = run("validate", str(data_dir))
    assert result.exit_code == 3
    assert "unknown key 'titel'" in result.stdout
    assert "missing required key 'title'" in result.stdout
    assert "unknown time zone 'Nowhere/Town'" in result.stdout
    assert "file name is its slug" in result.stdout
    assert f"4 problems in {yaml_files(Path(str(builtin_data_dir())), data_dir)} files." in result.stdout


def yaml_files(*folders: Path) -> int:
    """How many data files validate has to read in `folders` laid over one another (language folders included)."""
    count = len({path.relative_to(folder) for folder in folders for path in folder.rglob("*.yaml")})
    assert count >= 7, "the three guides in English and Spanish, and the clinic"
    return count


@pytest.mark.slow
def test_validate_passes_the_shipped_data() -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert f"All {yaml_files(Path(str(builtin_data_dir())))} files valid." in result.stdout


@pytest.mark.slow
def test_validate_json(tmp_path: Path) -> None:
    (tmp_path / "extra.yaml").write_text(VALID_GUIDE.replace("title: Two", "title: [Two]"))
    result = run("validate", str(tmp_path), "--json")
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert data["problems"] == [
        {
            "file": str(tmp_path / "extra.yaml"),
            "line": 13,
            "column": 5,
            "field": "topics[1].title",
            "message": "Input should be a valid string",
        }
    ]


@pytest.mark.slow
def test_validate_uses_the_active_data_directory(tmp_path: Path) -> None:
    (tmp_path / "extra.yaml").write_text("title: [\n")
    assert run("--data-dir", str(tmp_path), "validate").exit_code == 3
    assert run("validate", str(tmp_path / "missing")).exit_code == 2


@pytest.mark.parametrize(
    ("kind", "required"),
    [
        ("guide", {"title", "intro", "disclaimer", "reviewed", "next_review", "topics"}),
        ("clinic", {"name", "phone", "address", "timezone", "hours"}),
    ],
)
def test_schema_is_a_json_schema_of_the_file(kind: str, required: set[str]) -> None:
    result = run("schema", kind)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["required"]) == required
    assert schema["additionalProperties"] is False


def test_schema_needs_a_known_kind() -> None:
    assert run("schema", "topic").exit_code == 2


# Values YAML reads as something other than what was meant: refused with the line, never converted.
WRITTEN: dict[str, tuple[str, str, str, str, str]] = {
    "time with seconds": ("clinic.yaml", 'monday: [{opens: "08:00", ', 'monday: [{opens: "08:00:59", ', "hours.monday[0].opens", "a time written HH:MM"),
    "time with an offset": ("clinic.yaml", 'monday: [{opens: "08:00", ', 'monday: [{opens: "08:00+05:00", ', "hours.monday[0].opens", "a time written HH:MM"),
    "time as a number": ("clinic.yaml", 'monday: [{opens: "08:00", ', "monday: [{opens: 540, ", "hours.monday[0].opens", "a time written HH:MM"),
    "date as a number": ("benefits.yaml", "reviewed: 2026-12-06", "reviewed: 0", "reviewed", "a date written YYYY-MM-DD"),
    "date with a time": ("benefits.yaml", "reviewed: 2026-12-06", "reviewed: 2026-12-06T00:00:00", "reviewed", "a date written YYYY-MM-DD"),
    "grade as true": ("benefits.yaml", "reviewed:", "reading_grade: true\nreviewed:", "reading_grade", "should be a number"),
    "grade as text": ("benefits.yaml", "reviewed:", 'reading_grade: "12"\nreviewed:', "reading_grade", "should be a number"),
}  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(WRITTEN))
def test_a_value_written_in_the_wrong_form_is_refused_where_it_stands(kind: str, own_data: Callable[..., Path]) -> None:
    name, old, new, field, words = WRITTEN[kind]
    data_dir = own_data(name)
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run("validate", str(data_dir))
    assert result.exit_code == ExitStatus.INVALID_DATA, result.stdout
    line = 1 + text.count("\n", 0, text.index(old))
    assert f"{path}:{line}:" in result.stdout
    assert f" {field}: " in result.stdout and words in result.stdout
    assert "Traceback" not in result.stdout + result.stderr and "internal error" not in result.stderr


@pytest.mark.slow
def test_aliases_that_a_reader_cannot_tell_apart_are_refused(tmp_path: Path) -> None:
    guide = VALID_GUIDE.replace("  - slug: one\n", "  - slug: one\n    aliases: [médico]\n").replace(
        "  - slug: two\n", "  - slug: two\n    aliases: [medico]\n"
    )
    (tmp_path / "extra.yaml").write_text(guide, encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.exit_code == ExitStatus.INVALID_DATA
    assert "topics[1].aliases[0]: the alias 'medico' is already the name of topic 1" in result.stdout


@pytest.mark.slow
def test_long_text_repeated_by_aliases_is_refused(tmp_path: Path) -> None:
    text = "x" * 400_000
    topic = "  - {{slug: t{}, title: T, summary: S, evidence: {{kind: practice, note: N}}, explanation: *e}}\n"
    topics = "".join(topic.format(number) for number in range(20))
    (tmp_path / "bomb.yaml").write_text(
        f"title: T\nintro: &e {text}\ndisclaimer: D\nreviewed: 2026-11-23\nnext_review: 2027-11-23\ntopics:\n{topics}",
        encoding="utf-8",
    )
    result = run("validate", str(tmp_path))
    assert result.exit_code == ExitStatus.INVALID_DATA
    assert "characters of text once aliases are expanded" in result.stdout


@pytest.mark.slow
def test_a_source_a_reader_cannot_find_is_a_warning_where_it_stands(tmp_path: Path) -> None:
    guide = VALID_GUIDE.replace("topics:\n", "sources:\n  - citation: A book.\ntopics:\n", 1).replace(
        "    explanation: E\n",
        "    explanation: E\n    sources:\n      - {citation: Found., doi: 10.1000/x}\n      - citation: Lost.\n",
        1,
    )
    path = tmp_path / "extra.yaml"
    path.write_text(guide, encoding="utf-8")
    result = run("validate", str(tmp_path), "--today", "2026-12-01")
    assert result.exit_code == ExitStatus.SUCCESS, "a warning, not a problem"
    unfindable = [line for line in result.stdout.splitlines() if "neither a DOI nor a web address" in line]
    assert unfindable == [
        f"{path}:7:5: sources[0]: this source has neither a DOI nor a web address (url): a reader cannot find it"
        " (warning)",
        f"{path}:16:9: topics[0].sources[1]: this source has neither a DOI nor a web address (url): a reader cannot"
        " find it (warning)",
    ]
    assert run("validate", str(tmp_path), "--today", "2026-12-01", "--strict").exit_code == ExitStatus.INVALID_DATA
