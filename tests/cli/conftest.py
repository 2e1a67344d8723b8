"""Each test here starts with runacu's cache as a reader's first run leaves it, as each test of `tests/e2e/` does:
the shipped data of both languages parsed, validated, summarised, indexed and memoised.

Reading the shipped data afresh (parse, validate, index, stem, score) is most of what a command costs in this
process, and it is the same for every test: the template is made once per run, by the runs of `WARMING_RUNS`
(`tests/e2e/conftest.py`: `warm_cache_template`, shared with `tests/e2e/`), and each test's cache folder gets
its files as hard links (runacu replaces a cache file, never writes into one). The warming runs go through a
cold cache, and must succeed for any test here to start. A data folder a test makes or changes lives at
another path, so it is read afresh as ever. What runacu does with a cold, damaged or hostile cache is checked
in `tests/cache/` and, as a process, in `tests/e2e/`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from runacu.content.library import builtin_data_dir
from tests.conftest import ISOLATED_VARIABLES, Result, run
from tests.e2e.conftest import warm_cache, warm_cache_template

__all__ = ["warm_cache_template"]  # a fixture: pytest finds it here for the tests of this folder


@pytest.fixture(autouse=True)
def warm_parse_cache(isolated_environment: None, tmp_path: Path, warm_cache_template: Path) -> None:
    """The test's cache (XDG_CACHE_HOME, from `isolated_environment`) starts as the warm template."""
    warm_cache(tmp_path / "xdg-cache", warm_cache_template)


@pytest.fixture
def own_data(tmp_path: Path) -> Callable[..., Path]:
    """`own_data("clinic.yaml", ...)`: a data folder holding copies of those built-in files only, for the test to
    change. runacu reads the rest of the built-in data underneath it (a data folder overlays the built-in data),
    already parsed in the test's cache; the copies, at their own path, are read afresh."""
    folder = tmp_path / "data"

    def copies(*names: str) -> Path:
        folder.mkdir(exist_ok=True)
        for name in names:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(str(builtin_data_dir() / name), folder / name)
        return folder

    return copies


def read_only_run(*args: str) -> Result:
    """`run(*args)` for a run that reads no data and writes no file (a help text, a usage error), made once per
    test process for each environment a test gives it: several tests check the same help, each its own part."""
    return _read_only_run(args, tuple(os.environ.get(name) for name in SAID_BY))


#: What a help text or a usage error may depend on besides the arguments: the test's own folders (XDG_*, HOME)
#: are in none.
SAID_BY = (*sorted(set(ISOLATED_VARIABLES) - {"XDG_DATA_HOME", "XDG_CACHE_HOME", "RUNACU_CACHE_DIR"}), "LANGUAGE")


@cache
def _read_only_run(args: tuple[str, ...], environment: tuple[str | None, ...]) -> Result:
    return run(*args)
