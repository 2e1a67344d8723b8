"""Shell completion through the real protocol, in a separate process, as bash asks for it: the words come on stdout,
nothing on stderr, and a data folder given on the line or in the environment is the one completed from (it is
part of what a stored answer is kept under). What is offered for each word is asked in-process:
tests/cli/test_completion.py."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import BENEFITS_SLUGS, a_file, error_line
from tests.e2e.conftest import run_process


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


def test_completion_of_guides_includes_extra_guides(stretching_dir: Path) -> None:
    assert complete(f"runacu --data-dir {stretching_dir} guide ") == [
        "benefits", "back-pain", "first-visit", "stretching",
    ]  # fmt: skip
    assert "stretching" in complete("runacu guide ", env={"RUNACU_DATA_DIR": str(stretching_dir)})


def test_install_completion_with_an_unusable_home(tmp_path: Path) -> None:
    home = a_file(tmp_path) / "home"
    result = run_process("--install-completion", "bash", env={"HOME": str(home), "SHELL": "/bin/bash"})
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert "Not a directory" in error_line(stderr)
