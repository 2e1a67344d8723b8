"""runacu run as its own process (`run_process`, a pseudo-terminal, a shell): every test here is slow (the `slow`
marker, see pyproject.toml).

Each test's runacu starts as on a reader's machine after its first run: the shipped data already parsed,
validated and indexed in its cache, so a process spends its time on what the test is about, not on parsing
YAML. Stored pages are never carried over, so no run is replayed from another test's, and data a test copies
or writes lives at another path, so it is read afresh. A test that needs a cold cache names a cache folder
of its own, or empties the one it was given.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from runacu.content import review
from runacu.content.library import builtin_data_dir
from runacu.content.search import words
from runacu.views import dates
from tests.conftest import ISOLATED_VARIABLES, run

HERE = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.slow)


def run_process(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m runacu` as a separate process, its output piped (not a terminal)."""
    environment = {key: value for key, value in os.environ.items() if key not in ISOLATED_VARIABLES}
    environment.update(env or {})
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "runacu", *args], capture_output=True, env=environment, cwd=cwd, timeout=60, **kwargs
    )


def own_copies(folder: Path, *names: str) -> Path:
    """A data folder holding copies of the built-in files `names` only (to edit, or none: to add to). runacu
    reads the rest of the built-in data underneath it, already parsed in the test's cache."""
    folder.mkdir(parents=True)
    for name in names:
        shutil.copyfile(str(builtin_data_dir() / name), folder / name)
    return folder


#: Runs that leave the shipped data of both languages parsed, validated, summarised, indexed and memoised
#: (`validate`: its reading scores).
WARMING_RUNS = [
    ["guides"], ["benefits"], ["back-pain"], ["guide", "first-visit"], ["contact"], ["search", "blood"],
    ["check", "--json"], ["--lang", "es", "guides"], ["--lang", "es", "benefits"], ["--lang", "es", "back-pain"],
    ["--lang", "es", "guide", "first-visit"], ["--lang", "es", "contact"], ["--lang", "es", "search", "sangre"],
    ["validate"],
]  # fmt: skip


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """The folder `name`, filled by `make` once per run: by the first pytest-xdist worker that asks for it, while
    the others wait, then read by them all. It is made whole in a folder of its own, then renamed into place, so a
    worker that failed midway leaves nothing behind. Without xdist (or without fcntl's locks), each makes its own."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None or sys.platform == "win32":
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    import fcntl

    shared = tmp_path_factory.getbasetemp().parent  # this run's folder, which every worker's is in
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not (shared / name).is_dir():
            folder = tmp_path_factory.mktemp(name)
            make(folder)
            folder.rename(shared / name)
    return shared / name


@pytest.fixture(scope="session")
def warm_cache_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder (an XDG_CACHE_HOME) holding the shipped data parsed: made in-process, once (`made_once`)."""
    return made_once(tmp_path_factory, "warm-cache", lambda cache: _make_warm_cache(cache, tmp_path_factory))


def _make_warm_cache(cache: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    with pytest.MonkeyPatch.context() as patch:
        for name in ISOLATED_VARIABLES:
            patch.delenv(name, raising=False)
        patch.setenv("XDG_CACHE_HOME", str(cache))
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("warm-data")))
        patch.setenv("HOME", str(tmp_path_factory.mktemp("warm-home")))
        patch.setenv("LANG", "C.UTF-8")
        # A process reads each memo once and writes it only when a run adds to it: here the memos start as in a
        # new process, so the template gets every memo whatever the tests before it in this worker looked up.
        for memo in (dates._MEMO, words._STEMS, review._SCORES):
            patch.setattr(memo, "_answers", None)
            patch.setattr(memo, "_used", set())
            patch.setattr(memo, "_changed", False)
        words._word_key.cache_clear()  # the stems this process already looked up, in front of the memo
        for args in WARMING_RUNS:
            assert run(*args, input="").exit_code == 0, args


def warm_cache(cache_home: Path, template: Path) -> None:
    """Give `cache_home` (an XDG_CACHE_HOME) the template's parsed data, never a stored page.

    Each file is a hard link to the template's, not a copy: runacu replaces a cache file (a new file renamed
    into place) and never writes into one, so no run can change what the next test is given.
    """
    for folder in template.iterdir():
        shutil.copytree(
            folder, cache_home / folder.name, ignore=shutil.ignore_patterns("pages"), copy_function=os.link,
            dirs_exist_ok=True,
        )  # fmt: skip


@pytest.fixture(autouse=True)
def warm_caches(isolated_environment: None, tmp_path: Path, warm_cache_template: Path) -> None:
    """Both places a test's runacu may keep its cache: XDG_CACHE_HOME, and ~/.cache when that is unset."""
    warm_cache(tmp_path / "xdg-cache", warm_cache_template)
    warm_cache(tmp_path / "home" / ".cache", warm_cache_template)
