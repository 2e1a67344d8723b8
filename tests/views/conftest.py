"""Helpers of the view tests: a screen of the built-in data, run once for every test that reads it; each test's
cache starting warm, as the CLI tests' does.

A view test is about what a page looks like, not about reading the data: each test's runacu starts with its cache
as a reader's first run leaves it (`warm_parse_cache`: the shipped data of both languages parsed, validated,
summarised, indexed), so its runs render rather than parse YAML. Data a test writes lives at another path and is
read afresh. How runacu reads a cold, damaged or hostile cache is tested in `tests/cache/` and `tests/e2e/`.
"""

from __future__ import annotations

import os
from functools import cache

from tests.cli.conftest import warm_cache_template, warm_parse_cache
from tests.conftest import ISOLATED_VARIABLES, Result, fake_terminal, run

#: Fixtures: pytest finds them here for the tests of this folder (the CLI tests' own, autouse as there).
__all__ = ["warm_cache_template", "warm_parse_cache"]


#: The variables of the isolated environment that differ from test to test (each test's own folders).
_PER_TEST = {"XDG_DATA_HOME", "XDG_CACHE_HOME"}


def shown(*args: str, width: int | None = None) -> Result:
    """`run(*args)` on a fake terminal `width` columns wide, or piped when `width` is None.

    Run once per process for each command line, terminal and environment (every variable runacu reads that a
    test may set), and shared by every test that asks: a screen of the built-in data is the same each time it
    is run. Only for commands that write no file and read no data a test changed; never in a test that changes
    runacu's code or its clock (a patched `datetime`), nor to compare with a run made now (whether the clinic
    is open, and so the screen, changes with the time of day): run those with `run`.
    """
    environment = tuple((name, os.environ.get(name)) for name in ISOLATED_VARIABLES if name not in _PER_TEST)
    return _shown(args, width, environment)


@cache
def _shown(args: tuple[str, ...], width: int | None, environment: tuple[tuple[str, str | None], ...]) -> Result:
    return run(*args, terminal=None if width is None else fake_terminal(width=width))
