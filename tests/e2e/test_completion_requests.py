"""A shell completion request runacu cannot read: nothing offered and nothing said, never a traceback.

Bash runs the completion with stderr on the line being typed and ignores its exit status: anything written
there garbles the line. So a request that cannot be read is answered as one that nothing completes: no
words on stdout, nothing on stderr, exit 0.
"""

from __future__ import annotations

import pytest

from runacu.exit_status import ExitStatus
from tests.e2e.conftest import run_process

pytestmark = pytest.mark.slow


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
    request_variables: dict[str, str], cache: str
) -> None:
    result = run_process(env={"_RUNACU_COMPLETE": "complete_bash", "RUNACU_NO_CACHE": cache, **request_variables})
    assert (result.returncode, result.stdout, result.stderr) == (ExitStatus.SUCCESS, b"", b"")


def test_a_completion_request_that_can_be_read_still_completes() -> None:
    result = run_process(env={"_RUNACU_COMPLETE": "complete_bash", "COMP_WORDS": "runacu be", "COMP_CWORD": "1"})
    assert (result.returncode, result.stdout.split()) == (ExitStatus.SUCCESS, [b"benefits"])
