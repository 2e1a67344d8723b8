"""A FIFO where a data file should be, in runacu run as its own process: opened without waiting and refused for
what it is, never a hang (the driver's timeout turns a regression, blocked in open() for good, into a failure).

The runs are made by one driver (`run_each` in test_pipes.py), each a process of its own forked from it, each with
its own copy of the built-in data. The data folder's other refusals, which cannot hang, are tried in this process:
tests/content/test_data_folder_access.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from runacu.content.library import builtin_data_dir
from tests.e2e.test_pipes import Ran, Run, run_each

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


def copy_of_the_data(home: Path) -> None:
    """`{home}/data`: a copy of the built-in data, at a path of its own (so it is read afresh)."""
    shutil.copytree(str(builtin_data_dir()), home / "data")


def copy_with_a_fifo(home: Path) -> None:
    """`{home}/data`: a copy of the built-in data, its benefits.yaml a FIFO."""
    copy_of_the_data(home)
    (home / "data" / "benefits.yaml").unlink()
    os.mkfifo(home / "data" / "benefits.yaml")


SWAPPED = [["benefits"], ["guide", "benefits", "1"], ["search", "recovery"]]
RUNS = {
    **{
        " ".join(command): Run(("{home}/data", *command), prepare=copy_of_the_data, code=SWAP_THEN_RUN)
        for command in SWAPPED
    },
    "validate": Run(("validate", "{home}/data"), prepare=copy_with_a_fifo),
}


@pytest.fixture(scope="module")
def fifo_runs(tmp_path_factory: pytest.TempPathFactory, warm_cache_template: Path) -> dict[str, Ran]:
    """What each of RUNS did: run once, read by every test here."""
    return run_each(tmp_path_factory, "fifo-data", RUNS, cache=warm_cache_template)


@pytest.mark.parametrize("command", SWAPPED)
def test_a_data_file_swapped_for_a_fifo_before_it_is_opened_is_refused_at_once(
    command: list[str], fifo_runs: dict[str, Ran]
) -> None:
    result = fifo_runs[" ".join(command)]
    stderr = result.stderr.decode()
    assert result.returncode == 3, stderr
    assert "benefits.yaml" in stderr and "not a file" in stderr
    assert "Traceback" not in stderr


def test_a_fifo_named_like_a_data_file_is_listed_not_waited_on(fifo_runs: dict[str, Ran]) -> None:
    result = fifo_runs["validate"]
    assert result.returncode == 3, result.stderr.decode()
    stdout = result.stdout.decode()
    assert "benefits.yaml" in stdout and "not a file" in stdout
