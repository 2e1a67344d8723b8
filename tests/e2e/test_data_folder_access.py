"""A FIFO where a data file should be, in runacu run as its own process: opened without waiting and refused for
what it is, never a hang (the process's timeout turns a regression, blocked in open() for good, into a failure).

The data folder's other refusals, which cannot hang, are tried in this process: tests/content/test_data_folder_access.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ISOLATED_VARIABLES

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")

#: Runs runacu on the folder argv[1], with the data file `benefits.yaml` swapped for a FIFO after it was
#: found to be a file and before it is opened: the race a real swap wins now and then, won every time.
SWAP_THEN_RUN = """
import os, sys
from runacu.cli import main
from runacu.content import library

read = library.read_document

def swapped_first(data_file, *args, **kwargs):
    path = str(data_file.location)
    if path.endswith("benefits.yaml") and os.path.isfile(path):
        os.unlink(path)
        os.mkfifo(path)
    return read(data_file, *args, **kwargs)

library.read_document = swapped_first
sys.argv = ["runacu", "--data-dir", sys.argv[1], *sys.argv[2:]]
main()
"""


def run_python(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key not in ISOLATED_VARIABLES}
    # A regression blocks in open() for good: the timeout turns that into a failure.
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=environment, timeout=30, check=False
    )


@pytest.mark.parametrize("command", [["benefits"], ["guide", "benefits", "1"], ["search", "recovery"]])
def test_a_data_file_swapped_for_a_fifo_before_it_is_opened_is_refused_at_once(
    command: list[str], data_dir: Path
) -> None:
    result = run_python("-c", SWAP_THEN_RUN, str(data_dir), *command)
    assert result.returncode == 3, result.stderr
    assert "benefits.yaml" in result.stderr and "not a file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_fifo_named_like_a_data_file_is_listed_not_waited_on(data_dir: Path) -> None:
    (data_dir / "benefits.yaml").unlink()
    os.mkfifo(data_dir / "benefits.yaml")
    result = run_python("-m", "runacu", "validate", str(data_dir))
    assert result.returncode == 3, result.stderr
    assert "benefits.yaml" in result.stdout and "not a file" in result.stdout
