"""A broken data file gets one clear message naming the file, line and problem: exit 3, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from runacu.exit_status import ExitStatus
from tests.conftest import fake_terminal, run, strip_ansi


def break_file(data_dir: Path, name: str, old: str, new: str) -> Path:
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    """The last line holding `needle` (a repeated key or slug is reported where it repeats)."""
    return max(number for number, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "old", "new", "needle", "message"),
    [
        # the unclosed list is reported where it began: the line of the topic it broke
        ("benefits.yaml", "  - slug: muscle-balance", "  - slug: [muscle-balance", "title: Muscle",
         "began on line {new}"),
        ("benefits.yaml", "    title: Immune support", "    title: [1, 2]", "title: [1, 2]", "valid string"),
        ("benefits.yaml", "    title: Immune support", "    titel: Immune support", "titel:", "unknown key 'titel'"),
        ("benefits.yaml", "    summary: Regular acupuncture may help fend", "    x_summary: Regular", "x_summary", "unknown key"),
        ("back-pain.yaml", "  - slug: prevention", "  - slug: Prevention Tips", "Prevention Tips", "not a valid slug"),
        ("back-pain.yaml", "  - slug: research", "  - slug: causes", "slug: causes", "duplicate topic slug"),
        ("clinic.yaml", 'e164: "+16614909221"', 'e164: "661-490"', "e164", "E.164"),
        ("clinic.yaml", 'friday: [{opens: "08:00", closes: "18:00"}]', 'friday: [{opens: "18:00", closes: "08:00"}]',
         "friday", "earlier than"),
        ("clinic.yaml", "timezone: America/Los_Angeles", "timezone: Mars/Olympus", "timezone", "unknown time zone"),
        ("clinic.yaml", "name: Valencia Sports Medicine\n", "name: A\nname: B\n", "name: B", "duplicate key 'name'"),
    ],
)  # fmt: skip
def test_broken_file_names_file_line_and_problem(
    data_dir: Path, name: str, old: str, new: str, needle: str, message: str
) -> None:
    path = break_file(data_dir, name, old, new)
    command = {"benefits.yaml": "benefits", "back-pain.yaml": "back-pain", "clinic.yaml": "contact"}[name]
    result = run("--data-dir", str(data_dir), command)
    assert result.exit_code == ExitStatus.INVALID_DATA == 3
    assert f"{path}:{line_of(path, needle)}:" in result.stderr
    if "{new}" in message:  # the line where the changed text now stands
        message = message.replace("{new}", str(line_of(path, new)))
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_missing_key_names_the_topic(data_dir: Path) -> None:
    # The first topic's summary (the intro, disclaimer and dates come before it), whatever its words.
    path = break_file(data_dir, "benefits.yaml", "\n    summary: ", "\n    note: ")
    result = run("--data-dir", str(data_dir), "benefits")
    assert result.exit_code == 3
    assert "topics[0]: missing required key 'summary'" in result.stderr
    assert "unknown key 'note'" in result.stderr
    assert str(path) in result.stderr


def test_a_command_reads_only_its_own_file(data_dir: Path) -> None:
    (data_dir / "back-pain.yaml").write_text("title: [unclosed\n")
    assert run("--data-dir", str(data_dir), "benefits").exit_code == 0
    assert run("--data-dir", str(data_dir), "back-pain").exit_code == 3


def test_markup_in_data_prints_literally(data_dir: Path) -> None:
    break_file(data_dir, "benefits.yaml", "title: Faster recovery", 'title: "[bold red]Faster[/] recovery [/]"')
    for terminal in (None, fake_terminal()):
        result = run("--data-dir", str(data_dir), "benefits", "recovery", terminal=terminal)
        assert result.exit_code == 0
        assert "[bold red]Faster[/] recovery [/]" in strip_ansi(result.stdout)


def test_escape_sequences_in_data_never_reach_the_terminal(data_dir: Path) -> None:
    break_file(data_dir, "benefits.yaml", "title: Faster recovery", 'title: "Faster \\e[31mrecovery\\e]0;pwned\\a"')
    for terminal in (None, fake_terminal()):
        result = run("--data-dir", str(data_dir), "benefits", "recovery", terminal=terminal)
        assert "\x1b[31m" not in result.stdout and "\x1b]0;" not in result.stdout and "\a" not in result.stdout
        assert "␛[31mrecovery" in result.stdout
