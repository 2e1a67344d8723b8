"""Shell completion through the real protocol, in a separate process, as bash asks for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import (
    BACK_PAIN_SLUGS,
    BENEFITS_SLUGS,
    COMMAND_NAMES,
    FIRST_VISIT_SLUGS,
    a_file,
    error_line,
)
from tests.e2e.conftest import run_process

# Shell completion, through the real protocol in a separate process


def complete(words: str, *, env: dict[str, str] | None = None) -> list[str]:
    """What `runacu` offers for bash when TAB is pressed after `words` (a trailing space: a new word)."""
    cword = len(words.split()) if words.endswith(" ") else len(words.split()) - 1
    environment = {"_RUNACU_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    result = run_process(env={**environment, **(env or {})})
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b"", result.stderr.decode()
    return result.stdout.decode().split()


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
    env = {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1), "_RUNACU_COMPLETE": "complete_bash"}
    result = run_process(env=env)
    assert result.stdout.decode().split() == [expected]


def test_install_completion_with_an_unusable_home(tmp_path: Path) -> None:
    home = a_file(tmp_path) / "home"
    result = run_process("--install-completion", "bash", env={"HOME": str(home), "SHELL": "/bin/bash"})
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert "Not a directory" in error_line(stderr)
