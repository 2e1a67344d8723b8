"""Shell completion through the real protocol, as bash asks for it: the words come on stdout, nothing on stderr,
and a data folder given on the line or in the environment is the one completed from (it is part of what a stored
answer is kept under). Each request is answered by the console script (`runacu.launch.main`), one after another in
a driver process (`shared_driver` in tests/e2e/test_stored_output.py). What is offered for each word is asked
in-process: tests/cli/test_completion.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BENEFITS_SLUGS, a_file, error_line
from tests.e2e.test_stored_output import Driver, own_folders, shared_driver


@pytest.fixture
def driver(request: pytest.FixtureRequest) -> Driver:
    return shared_driver(request)


def complete(driver: Driver, words: str, *, env: dict[str, str] | None = None) -> list[str]:
    """What `runacu` offers for bash when TAB is pressed after `words` (a trailing space: a new word)."""
    cword = len(words.split()) if words.endswith(" ") else len(words.split()) - 1
    environment = {"_RUNACU_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    result = driver.launch(env={**own_folders(), **environment, **(env or {})})
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b"", result.stderr.decode()
    return result.stdout.decode().split()


def test_completion_of_benefits_topics(driver: Driver) -> None:
    assert complete(driver, "runacu benefits ") == BENEFITS_SLUGS


def test_completion_of_guides_includes_extra_guides(driver: Driver, stretching_dir: Path) -> None:
    assert complete(driver, f"runacu --data-dir {stretching_dir} guide ") == [
        "benefits", "back-pain", "first-visit", "stretching",
    ]  # fmt: skip
    assert "stretching" in complete(driver, "runacu guide ", env={"RUNACU_DATA_DIR": str(stretching_dir)})


def test_install_completion_with_an_unusable_home(driver: Driver, tmp_path: Path) -> None:
    home = a_file(tmp_path) / "home"
    result = driver.launch(
        "--install-completion", "bash", env={**own_folders(), "HOME": str(home), "SHELL": "/bin/bash"}
    )
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert "Not a directory" in error_line(stderr)
