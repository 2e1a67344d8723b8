"""Custom data directories, extra guides, `guides`, `guide`, completion and the pager."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from runacu.content.library import Library
from tests.conftest import fake_terminal, run, run_process, strip_ansi

EXTRA_GUIDE = """\
title: Hamstring care for runners
intro: What to know about tight hamstrings.
disclaimer: General information, not medical advice.
reviewed: 2026-11-23
next_review: 2027-11-23
topics:
  - slug: stretching
    title: Gentle stretching
    summary: Stretch after easy runs.
    evidence: {kind: practice, note: The clinic's experience.}
    explanation: Hold each stretch for thirty seconds.
    tips: [Breathe out as you stretch., Never bounce.]
"""


def last_back_pain_topic() -> str:
    """The heading of the back-pain guide's last topic ("6. When to see a doctor"): output with it is the whole guide.

    Numbered, as only the topic's own heading is: the line under the intro names the topic too.
    """
    topics = Library().load_guide("back-pain").topics
    return f"{len(topics)}. {topics[-1].title}"


@pytest.fixture
def clinic_dir(data_dir: Path) -> Path:
    """A clinic's copy of data/ with a new address and an extra guide."""
    clinic = data_dir / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("27430 The Old Rd", "1 Test Street"))
    (data_dir / "hamstrings.yaml").write_text(EXTRA_GUIDE)
    return data_dir


def test_a_custom_file_replaces_the_built_in_one(clinic_dir: Path) -> None:
    result = run("--data-dir", str(clinic_dir), "contact")
    assert "1 Test Street" in result.stdout
    assert "27430 The Old Rd" not in result.stdout


def test_built_in_files_not_overridden_still_work(tmp_path: Path) -> None:
    (tmp_path / "hamstrings.yaml").write_text(EXTRA_GUIDE)
    assert "27430 The Old Rd" in run("--data-dir", str(tmp_path), "contact").stdout
    assert run("--data-dir", str(tmp_path), "benefits", "--list").stdout.splitlines()[0] == "recovery"


def test_guides_lists_built_in_and_extra_guides(clinic_dir: Path) -> None:
    piped = run("--data-dir", str(clinic_dir), "guides")
    assert piped.stdout.splitlines() == ["benefits", "back-pain", "first-visit", "hamstrings"]
    on_terminal = run("--data-dir", str(clinic_dir), "guides", terminal=fake_terminal()).stdout
    assert "Hamstring care for runners" in on_terminal and "Topics" in on_terminal
    data = json.loads(run("--data-dir", str(clinic_dir), "guides", "--json").stdout)
    assert data[3] == {"slug": "hamstrings", "title": "Hamstring care for runners", "topics": 1}


def test_guide_shows_an_extra_guide_with_the_usual_options(clinic_dir: Path) -> None:
    shown = run("--data-dir", str(clinic_dir), "guide", "hamstrings", "1")
    assert shown.exit_code == 0
    assert "1. Gentle stretching" in shown.stdout and "- Never bounce." in shown.stdout
    assert run("--data-dir", str(clinic_dir), "guide", "hamstrings", "--list").stdout == "stretching\n"
    assert run("guide", "back-pain", "research").exit_code == 0


def test_unknown_guide_is_a_usage_error(clinic_dir: Path) -> None:
    result = run("--data-dir", str(clinic_dir), "guide", "hamstrnigs")
    assert result.exit_code == 2
    assert "Did you mean 'hamstrings'?" in result.stderr
    assert run("guide", "clinic").exit_code == 2


def test_option_wins_over_environment(clinic_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNACU_DATA_DIR", str(tmp_path / "nowhere"))
    assert run("--data-dir", str(clinic_dir), "guide", "hamstrings").exit_code == 0
    result = run("guides")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_a_file_given_as_data_directory_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "file.yaml").write_text("x: 1\n")
    result = run("--data-dir", str(tmp_path / "file.yaml"), "benefits")
    assert result.exit_code == 2
    assert "not a directory" in result.stderr


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("runacu benefits re", "recovery"),
        ("runacu guide back-pain wh", "when-to-see-a-doctor"),
        ("runacu guide ba", "back-pain"),
    ],
)
def test_topic_and_guide_arguments_complete_in_the_shell(words: str, expected: str) -> None:
    env = {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1), "_RUNACU_COMPLETE": "complete_bash"}
    result = run_process(env=env)
    assert result.stdout.decode().split() == [expected]


def test_pager_receives_the_output_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    captured = tmp_path / "paged.txt"
    script = f"import sys; open({str(captured)!r}, 'w', encoding='utf-8').write(sys.stdin.read())"
    monkeypatch.setenv("PAGER", f'{sys.executable} -c "{script}"')
    terminal = fake_terminal()
    result = run("back-pain", "--pager", terminal=terminal)
    assert result.exit_code == 0
    assert last_back_pain_topic() in strip_ansi(captured.read_text(encoding="utf-8"))
    assert result.stdout == ""


def test_pager_is_skipped_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "false")
    assert last_back_pain_topic() in run("back-pain", "--pager").stdout


def test_a_missing_pager_prints_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "no-such-pager-here")
    assert last_back_pain_topic() in strip_ansi(run("back-pain", "--pager", terminal=fake_terminal()).stdout)
