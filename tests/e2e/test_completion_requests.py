"""A shell completion request runacu cannot read: nothing offered and nothing said, never a traceback.

Bash runs the completion with stderr on the line being typed and ignores its exit status: anything written
there garbles the line. So a request that cannot be read is answered as one that nothing completes: no
words on stdout, nothing on stderr, exit 0. Each request is answered by the console script (`runacu.launch.main`,
its page store on or off), one after another in a driver process (`shared_driver` in
tests/e2e/test_stored_output.py).
"""

from __future__ import annotations

import pytest

from runacu.exit_status import ExitStatus
from tests.e2e.test_stored_output import Driver, own_folders, shared_driver

pytestmark = pytest.mark.slow


@pytest.fixture
def driver(request: pytest.FixtureRequest) -> Driver:
    return shared_driver(request)


def complete(driver: Driver, request_variables: dict[str, str], cache: str = "") -> tuple[int, bytes, bytes]:
    """The console script's answer to a bash completion request: exit status, stdout and stderr."""
    env = {**own_folders(), "_RUNACU_COMPLETE": "complete_bash", "RUNACU_NO_CACHE": cache, **request_variables}
    result = driver.launch(env=env)
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize(
    "request_variables",
    [
        {"COMP_WORDS": "runacu ", "COMP_CWORD": "abc"},
        {"COMP_WORDS": "runacu be", "COMP_CWORD": ""},
        {"COMP_WORDS": "runacu be"},  # no COMP_CWORD
        {"COMP_CWORD": "1"},  # no COMP_WORDS
    ],
)
@pytest.mark.parametrize("cache", [pytest.param("1", id="fresh"), pytest.param("", id="may-be-stored")])
def test_a_completion_request_that_cannot_be_read_completes_nothing(
    driver: Driver, request_variables: dict[str, str], cache: str
) -> None:
    assert complete(driver, request_variables, cache) == (ExitStatus.SUCCESS, b"", b"")


def test_a_completion_request_that_can_be_read_still_completes(driver: Driver) -> None:
    code, stdout, _ = complete(driver, {"COMP_WORDS": "runacu be", "COMP_CWORD": "1"})
    assert (code, stdout.split()) == (ExitStatus.SUCCESS, [b"benefits"])
