"""A signal while a new file (`--output`, a request draft) is written, sent at each step of the writing: never a
temporary file left behind; and a signal ignored when runacu started (`nohup`) stays ignored. A cache entry's
writer killed midway leaves its temporary file to eviction, once it is stale.

Each signal is sent by the writing process to itself from inside the step (`os.open`, `os.fsync`, ...), so it
arrives at the same point on every run: no timing, no race. Each writer is a process of its own, forked from runacu
already imported (the `fork_server` of tests/e2e/conftest.py), so that it can die of its signal.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from runacu.cache import sealed
from tests.e2e.conftest import ForkServer

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")]

DATA = b"a whole file\n" * 1000

#: Writes DATA to argv[3] with write_new_file, the signal named argv[2] sent at the step named argv[1].
CHILD = """
import os, signal, sys
from pathlib import Path
from runacu.new_file import write_new_file

step, name, target = sys.argv[1], sys.argv[2], Path(sys.argv[3])
number = getattr(signal, name)

def signalled(real, before):
    def call(*args, **kwargs):
        if before:
            os.kill(os.getpid(), number)
        result = real(*args, **kwargs)
        if not before:
            os.kill(os.getpid(), number)
        return result
    return call

when, _, function = step.partition(" ")
setattr(os, function, signalled(getattr(os, function), when == "before"))
try:
    written = write_new_file(DATA, target)
except KeyboardInterrupt:
    print("interrupted", flush=True)
    sys.exit(130)
print("written" if written else "exists", flush=True)
""".replace("DATA", repr(DATA))

#: Each step of the writing, in order: where the signal comes.
STEPS = ["before open", "after open", "before fsync", "after fsync", "before link", "after link", "before unlink"]


def write_with_a_signal(
    forks: ForkServer, step: str, name: str, target: Path, *, ignored: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run CHILD with the signal `name` at `step`; the signal as a shell leaves it, or ignored (as under nohup)."""
    # As a shell leaves it: pytest run under nohup would pass SIGHUP on ignored.
    return forks.piped([step, name, str(target)], env=dict(os.environ), script=CHILD, ignored=[name] if ignored else [])


def folder(tmp_path: Path) -> Path:
    """An empty folder of the test's own."""
    (tmp_path / "folder").mkdir()
    return tmp_path / "folder"


def left_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_at_any_step_leaves_no_temporary_file(forks: ForkServer, step: str, name: str, tmp_path: Path) -> None:
    target = folder(tmp_path) / "handout.md"
    result = write_with_a_signal(forks, step, name, target)
    assert result.returncode == -getattr(signal, name), result.stderr  # died of it, as it was meant
    assert "Traceback" not in result.stderr
    assert left_in(target.parent) in ([], ["handout.md"]), "no temporary file"
    if target.exists():  # the signal came once the file was in place: it is whole
        assert target.read_bytes() == DATA


@pytest.mark.parametrize("step", STEPS)
def test_ctrl_c_at_any_step_leaves_no_temporary_file(forks: ForkServer, step: str, tmp_path: Path) -> None:
    target = folder(tmp_path) / "handout.md"
    result = write_with_a_signal(forks, step, "SIGINT", target)
    assert (result.returncode, result.stdout) == (130, "interrupted\n"), result.stderr
    assert left_in(target.parent) in ([], ["handout.md"]), "no temporary file"
    if target.exists():
        assert target.read_bytes() == DATA


@pytest.mark.parametrize("step", ["after open", "before fsync", "before link", "before unlink"])
@pytest.mark.parametrize("name", ["SIGHUP", "SIGTERM"])
def test_a_signal_ignored_from_the_start_stays_ignored(forks: ForkServer, step: str, name: str, tmp_path: Path) -> None:
    """`nohup runacu ... --output FILE`: a hang-up mid-write is ignored, as nohup asked, and the file is written."""
    target = folder(tmp_path) / "handout.md"
    result = write_with_a_signal(forks, step, name, target, ignored=True)
    assert (result.returncode, result.stdout) == (0, "written\n"), result.stderr
    assert left_in(target.parent) == ["handout.md"]
    assert target.read_bytes() == DATA


# A cache entry's writer killed midway (`runacu.cache.sealed`)

#: The size cap the entries are written and evicted under.
CACHE_CAP = 1 << 20


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_a_writer_killed_midway_leaves_a_temporary_file_that_eviction_removes_once_stale(
    forks: ForkServer, tmp_path: Path
) -> None:
    folder = tmp_path / "cache" / "things"
    # A writer that dies between creating its temporary file and finishing it (SIGKILL: no cleanup runs).
    script = (
        "import os, signal, sys\n"
        "from runacu.cache import sealed\n"
        "real = os.write\n"
        "def die(fd, data):\n"
        "    real(fd, bytes(data)[:5]); os.kill(os.getpid(), signal.SIGKILL)\n"
        "os.write = die\n"
        f"sealed.write({str(folder / 'one.entry')!r}, 'page', b'payload', {CACHE_CAP})\n"
    )
    assert forks.piped([], env=dict(os.environ), script=script).returncode == -signal.SIGKILL
    left = [path for path in folder.iterdir() if path.suffix == ".tmp"]
    assert len(left) == 1
    sealed.evict(str(folder), CACHE_CAP, ".entry")
    assert left[0].exists()  # not yet stale: a writer may still be at work
    old = time.time() - sealed.STALE_SECONDS - 1
    os.utime(left[0], (old, old))
    sealed.evict(str(folder), CACHE_CAP, ".entry")
    assert list(folder.iterdir()) == []
