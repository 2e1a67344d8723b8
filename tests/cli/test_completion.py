"""What shell completion offers for each word, asked in this process as bash asks a runacu process (the same
variables, through the same `app`). The protocol itself, a separate process answering bash, and what changes
with the data folder typed on the line are tried as a user runs them: tests/e2e/test_completion.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from runacu.cli import app
from runacu.cli.app import COMPLETE_VARIABLE
from tests.conftest import BACK_PAIN_SLUGS, BENEFITS_SLUGS, COMMAND_NAMES, FIRST_VISIT_SLUGS


def complete(words: str, *, env: dict[str, str] | None = None) -> list[str]:
    """What `runacu` offers for bash when TAB is pressed after `words` (a trailing space: a new word)."""
    cword = len(words.split()) if words.endswith(" ") else len(words.split()) - 1
    request = {COMPLETE_VARIABLE: "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword), **(env or {})}
    result = CliRunner().invoke(app, [], env=request, prog_name="runacu", complete_var=COMPLETE_VARIABLE)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output
    assert result.stderr == "", result.stderr
    return result.stdout.split()


def test_completion_of_benefits_topics() -> None:
    assert complete("runacu benefits ") == BENEFITS_SLUGS
    assert complete("runacu benefits st") == ["stress-and-sleep"]


def test_completion_of_back_pain_topics() -> None:
    assert complete("runacu back-pain ") == BACK_PAIN_SLUGS


def test_completion_of_guides_includes_extra_guides(stretching_dir: Path) -> None:
    assert complete("runacu guide ") == ["benefits", "back-pain", "first-visit"]
    assert complete("runacu guide f") == ["first-visit"]
    assert complete(f"runacu --data-dir {stretching_dir} guide ") == [
        "benefits", "back-pain", "first-visit", "stretching",
    ]  # fmt: skip
    assert "stretching" in complete("runacu guide ", env={"RUNACU_DATA_DIR": str(stretching_dir)})


def test_completion_of_a_guides_topics() -> None:
    assert complete("runacu guide first-visit ") == FIRST_VISIT_SLUGS


def test_completion_of_request_topics() -> None:
    offered = complete("runacu request --topic ")
    assert offered == [*BENEFITS_SLUGS, *BACK_PAIN_SLUGS, *FIRST_VISIT_SLUGS, "other"]


def test_completion_of_command_names() -> None:
    assert complete("runacu be") == ["benefits"]
    assert complete("runacu b") == ["benefits", "back-pain"]
    assert set(COMMAND_NAMES) <= set(complete("runacu "))


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("runacu benefits re", "recovery"),
        ("runacu guide back-pain wh", "when-to-see-a-doctor"),
        ("runacu guide ba", "back-pain"),
    ],
)
def test_topic_and_guide_arguments_complete_in_the_shell(words: str, expected: str) -> None:
    assert complete(words) == [expected]
