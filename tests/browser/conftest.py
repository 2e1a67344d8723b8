"""runacu's HTML handouts in a real browser, Debian's Chromium: every test here is marked `browser` and `slow`.

Without Chromium (`apt-get install chromium`) or axe-core (`npm install --prefix .ci/node`, or a path in
RUNACU_AXE_CORE), the tests that need them are skipped and say so; `.ci/run` installs both.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.chromium import Browser, find_chromium
from tests.conftest import REPO, run

HERE = Path(__file__).parent
#: Where `.ci/run` installs axe-core (`npm install --prefix .ci/node`).
AXE_CORE = REPO / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"

#: The handouts looked at, by name: each guide in English and in Spanish, and the clinic's card.
HANDOUTS = {
    "benefits": ("benefits",),
    "back-pain": ("back-pain",),
    "first-visit": ("guide", "first-visit"),
    "benefits-es": ("--lang", "es", "benefits"),
    "back-pain-es": ("--lang", "es", "back-pain"),
    "first-visit-es": ("--lang", "es", "guide", "first-visit"),
    "contact": ("contact",),
}


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


class Handouts:
    """The handouts, each written with `--format html -o` (as a clinic makes it) the first time a test asks."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def __getitem__(self, name: str) -> Path:
        target = self._folder / f"{name}.html"
        if not target.exists():
            result = run(*HANDOUTS[name], "--format", "html", "--output", str(target))
            assert result.exit_code == 0, result.stderr
        return target


@pytest.fixture(scope="session")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> Handouts:
    return Handouts(tmp_path_factory.mktemp("handouts"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for all the tests a worker runs, each page shown in its one tab (`Browser.show`)."""
    executable = find_chromium()
    if executable is None:
        pytest.skip("chromium not installed: apt-get install chromium")
    started = Browser(executable)
    yield started
    started.close()


@pytest.fixture(scope="session")
def axe_core() -> str:
    """The source of axe-core's `axe.min.js`, to run in a page."""
    path = Path(os.environ.get("RUNACU_AXE_CORE") or AXE_CORE)
    if not path.is_file():
        pytest.skip(f"axe-core not installed: npm install --prefix .ci/node axe-core (looked for {path})")
    return path.read_text(encoding="utf-8")
