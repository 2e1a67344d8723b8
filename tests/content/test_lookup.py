"""Forgiving names: topics and guides by any case, number, alias or prefix; misses and ambiguities that say what
would work; alias checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import runacu.content.library as library_module
from runacu.exit_status import ExitStatus
from tests.conftest import BACK_PAIN_SLUGS, BENEFITS_SLUGS, FIRST_VISIT_SLUGS, STRETCHING_GUIDE, one_line, run

# Topic and guide names


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "heading"),
    [
        (("benefits", "recovery"), "1. Faster recovery"),
        (("benefits", "Recovery"), "1. Faster recovery"),
        (("benefits", "RECOVERY"), "1. Faster recovery"),
        (("benefits", "rec"), "1. Faster recovery"),
        (("benefits", "REC"), "1. Faster recovery"),
        (("benefits", "1"), "1. Faster recovery"),
        (("benefits", "5"), "5. Less stress, better sleep"),
        (("benefits", "sleep"), "5. Less stress, better sleep"),
        (("benefits", "stress"), "5. Less stress, better sleep"),
        (("benefits", "Sleep"), "5. Less stress, better sleep"),
        (("benefits", "immune"), "4. Immune support"),
        (("back-pain", "doctor"), "6. When to see a doctor"),
        (("back-pain", "red-flags"), "6. When to see a doctor"),
        (("back-pain", "RED-FLAGS"), "6. When to see a doctor"),
        (("back-pain", "3"), "3. What the research says"),
        (("back-pain", "5"), "5. Looking after it yourself"),
        (("back-pain", "self"), "5. Looking after it yourself"),
        (("guide", "first-visit", "2"), "2. What it feels like"),
        (("guide", "first-visit", "does-it-hurt"), "2. What it feels like"),
        (("guide", "first-visit", "3"), "3. Is it safe?"),
        (("guide", "first", "safety"), "3. Is it safe?"),
        (("guide", "FIRST-VISIT", "is-it"), "3. Is it safe?"),
        (("guide", "First", "Medicare"), "6. Cost and insurance"),
    ],
)
def test_a_topic_answers_to_any_case_number_alias_or_unique_prefix(args: tuple[str, ...], heading: str) -> None:
    result = run(*args, "--format", "plain")
    assert result.exit_code == 0, result.stderr
    assert heading in result.stdout
    # Only the one topic: no other numbered topic heading.
    headings = re.findall(r"^\d\. .+$", result.stdout, flags=re.MULTILINE)
    assert headings == [heading]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["first", "FIRST", "First-Visit", "first-v", "fIrSt-VISIT"])
def test_a_guide_answers_to_any_case_and_a_unique_prefix(name: str) -> None:
    result = run("guide", name, "--list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == FIRST_VISIT_SLUGS


def test_an_extra_guide_answers_to_a_prefix(stretching_dir: Path) -> None:
    result = run("--data-dir", str(stretching_dir), "guide", "STRETCH", "--list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["stretch-a", "stretch-b"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "title"), [("ham", "1. Stretch A"), ("HAM", "1. Stretch A"), ("hams", "2. Stretch B")]
)
def test_an_alias_wins_over_a_prefix_of_another_name(name: str, title: str, stretching_dir: Path) -> None:
    # 'ham' is one topic's alias and the start of the other's ('hamstrings'): the alias wins.
    result = run("--data-dir", str(stretching_dir), "guide", "stretching", name)
    assert result.exit_code == 0, result.stderr
    assert title in result.stdout


@pytest.mark.parametrize(
    ("args", "candidates"),
    [
        # muscle-balance by its alias 'imbalance', stress-and-sleep by 'insomnia'
        (("benefits", "i"), ["injury-prevention", "muscle-balance", "immune-system", "stress-and-sleep"]),
        (("benefits", "IM"), ["muscle-balance", "immune-system"]),
        (("guide", "b"), ["benefits", "back-pain"]),
        (("guide", "stretching", "stretch"), ["stretch-a", "stretch-b"]),
        (("guide", "stretching", "Stretch-"), ["stretch-a", "stretch-b"]),
    ],
)
def test_an_ambiguous_prefix_is_a_usage_error_listing_the_candidates(
    args: tuple[str, ...], candidates: list[str], stretching_dir: Path
) -> None:
    result = run("--data-dir", str(stretching_dir), *args)
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    listed = re.findall(r"[a-z]+(?:-[a-z]+)*", result.stderr.split(":", 3)[-1])
    for candidate in candidates:
        assert candidate in listed, result.stderr
    others = {*BENEFITS_SLUGS, *BACK_PAIN_SLUGS, "first-visit", "stretch-a", "stretch-b"} - set(candidates)
    assert not others & set(listed), f"only the candidates are listed: {result.stderr}"
    assert "more than one" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "suggestion", "count"),
    [
        (("benefits", "RECOVRY"), "recovery", 5),
        (("benefits", "recovry"), "recovery", 5),
        (("benefits", "Sleeep"), "stress-and-sleep", 5),
        (("back-pain", "DOCTR"), "when-to-see-a-doctor", 6),
        (("guide", "first-visit", "safty"), "is-it-safe", 6),
        (("guide", "stretching", "stretch-c"), "stretch-a", 2),
    ],
)
def test_a_missed_topic_suggests_the_closest_names_and_says_numbers_work(
    args: tuple[str, ...], suggestion: str, count: int, stretching_dir: Path
) -> None:
    result = run("--data-dir", str(stretching_dir), *args)
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    message = one_line(result.stderr)
    did_you_mean = re.search(r"Did you mean ([^?]+)\?", message)
    assert did_you_mean is not None, message
    assert f"'{suggestion}'" in did_you_mean.group(1)
    assert f"Numbers 1 to {count} work" in message
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("number", ["0", "6", "99"])
def test_a_topic_number_out_of_range_says_which_numbers_work(number: str) -> None:
    result = run("benefits", number)
    assert result.exit_code == ExitStatus.USAGE
    assert "Numbers 1 to 5 work" in one_line(result.stderr)


def test_a_missed_guide_suggests_the_closest_guide_and_lists_them() -> None:
    result = run("guide", "FIRSTVISIT")
    assert result.exit_code == ExitStatus.USAGE
    message = one_line(result.stderr)
    assert "'first-visit'" in message
    assert "benefits, back-pain, first-visit" in message
    assert "Numbers" not in message, "guides are not numbered"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["../outside", "..", "./outside", "/etc/passwd", "sub/outside", "..\\outside"])
def test_a_guide_name_that_is_a_path_is_refused_before_any_file_is_read(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    (tmp_path / "outside.yaml").write_text(STRETCHING_GUIDE)
    (data_dir / "sub").mkdir()
    (data_dir / "sub" / "outside.yaml").write_text(STRETCHING_GUIDE)
    opened = _reads_seen(monkeypatch)
    result = run("--data-dir", str(data_dir), "guide", name)
    assert result.exit_code == ExitStatus.USAGE
    assert "not a guide name" in result.stderr
    assert "Stretch" not in result.stdout
    assert opened == [], "no data file is read for a name that is a path"


def test_the_spy_on_reads_sees_a_guide_read(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    """The spy the test above counts reads with sees them: a real guide name reads its file."""
    opened = _reads_seen(monkeypatch)
    assert run("--data-dir", str(data_dir), "guide", "first-visit").exit_code == 0
    assert opened


def _reads_seen(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The data files the library reads from now on, as it reads them."""
    opened: list[object] = []
    original = library_module.read_document

    def spy(data_file: object) -> object:
        opened.append(data_file)
        return original(data_file)  # type: ignore[arg-type]

    monkeypatch.setattr(library_module, "read_document", spy)
    return opened


# Aliases are checked by the model (validate: exit 3, file:line)


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(lines) >= occurrence, f"{needle!r} not in the file"
    return lines[occurrence - 1]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("old", "new", "line_needle", "words"),
    [
        # Each edit writes into the start of an alias list, so it holds whatever aliases follow.
        # the same alias on two topics of a guide: located where it appears the second time
        ("aliases: [cause, why", "aliases: [cause, why, doctor", "aliases: [doctor, red-flags", "'doctor'"),
        # the same alias twice on one topic
        ("aliases: [cause, why", "aliases: [cause, why, cause", "aliases: [cause, why, cause", "'cause'"),
        # an alias that is another topic's slug
        ("aliases: [studies, gerac", "aliases: [studies, gerac, prevention", "gerac, prevention", "'prevention'"),
        # not slug-shaped
        ("aliases: [doctor, red-flags", "aliases: [doctor, Red Flags", "Red Flags", "'Red Flags'"),
        ("aliases: [doctor, red-flags", "aliases: [doctor, red_flags", "red_flags", "'red_flags'"),
    ],
    ids=["duplicate-across-topics", "duplicate-within-a-topic", "another-topics-slug", "spaces", "underscore"],
)
def test_validate_reports_a_bad_alias_with_file_and_line(
    old: str, new: str, line_needle: str, words: str, data_dir: Path
) -> None:
    path = data_dir / "back-pain.yaml"
    text = path.read_text()
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text)
    result = run("validate", str(data_dir))
    assert result.exit_code == ExitStatus.INVALID_DATA, result.stdout
    line = _line_of(text, line_needle)
    problems = [row for row in result.stdout.splitlines() if row.startswith(f"{path}:")]
    assert problems, result.stdout
    assert any(row.startswith(f"{path}:{line}:") and words in row for row in problems), result.stdout
    assert "alias" in result.stdout


@pytest.mark.slow
def test_aliases_may_repeat_across_guides() -> None:
    # 'prevent' is an alias in both benefits and back-pain: each guide is its own namespace.
    assert run("benefits", "prevent").exit_code == 0
    assert run("back-pain", "prevent").exit_code == 0
    assert run("validate", "--today", "2026-12-01").exit_code == 0
