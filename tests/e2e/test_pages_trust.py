"""The page store, run as a user runs it: it trusts only what its user wrote, and fails as a fresh run does.

Each test here is a case a hostile review found (issue 21): a store another user could write, an entry a
forger wrote, a data folder reached through a link, completion in another data folder, a full disk, a
deleted working directory; that a first run makes the store's folders private is checked with the store's
files in tests/e2e/test_stored_output.py (`test_the_store_is_private`). What a stored page may hold is checked
without a run in tests/cache/test_pages_trust.py.

Most runs here are made by the console script in a driver process (`Driver.launch`, one run after another, as
a user runs runacu again; `shared_driver` in tests/e2e/test_stored_output.py); a full disk and a deleted working
directory are the process's own, so those runs are processes of their own.
"""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from runacu.cache import pages, sealed
from runacu.command_table import data_dir_of
from runacu.content.library import builtin_data_dir
from tests.conftest import ISOLATED_VARIABLES
from tests.e2e.conftest import own_copies
from tests.e2e.test_stored_output import Driver, Launched, own_folders, shared_driver

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX owners, modes, links and /dev/full")


def _cache() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"])


def _pages() -> Path:
    return _cache() / "runacu" / "pages"


@pytest.fixture
def driver(request: pytest.FixtureRequest) -> Driver:
    return shared_driver(request)


def run(driver: Driver, *args: str, env: dict[str, str] | None = None) -> Launched:
    """`runacu *args` as the console script runs it, with this test's cache folder."""
    return driver.launch(*args, env={**own_folders(), **(env or {})})


def _stored() -> list[Path]:
    return sorted(_pages().glob("*.page")) if _pages().is_dir() else []


@pytest.mark.parametrize("where", ["root", "pages"])
def test_a_store_folder_others_can_write_is_not_used(driver: Driver, where: str) -> None:
    """Another local user who made the shared cache folder first (mode 0777) cannot feed the victim pages."""
    folder = _cache() / "runacu" if where == "root" else _pages()
    shutil.rmtree(folder, ignore_errors=True)  # made first by the other user (tests/e2e/conftest.py warms the cache)
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    first = run(driver, "benefits")
    assert first.returncode == 0
    assert _stored() == []  # nothing written into it
    # And what is in it is not replayed: a forged entry for this very run is ignored.
    for entry in _pages().glob("*") if _pages().is_dir() else []:
        entry.unlink()
    again = run(driver, "benefits")
    assert not again.served and again.stdout == first.stdout


def test_an_entry_others_can_write_is_not_replayed(driver: Driver) -> None:
    fresh = run(driver, "benefits")
    [entry] = _stored()
    payload = sealed.unseal(pages.KIND, entry.read_bytes())
    assert payload is not None
    version, key, expires, _ = marshal.loads(payload)
    forged = marshal.dumps((version, key, expires, [("out", b"Call 555-0100 instead.\n")]))
    entry.write_bytes(sealed.seal(pages.KIND, forged))
    entry.chmod(0o666)
    refused = run(driver, "benefits")
    assert not refused.served and refused.stdout == fresh.stdout
    entry.write_bytes(sealed.seal(pages.KIND, forged))  # the same bytes, private to the user: theirs to write
    entry.chmod(0o600)
    assert run(driver, "benefits").stdout == b"Call 555-0100 instead.\n"


def test_a_data_folder_through_a_link_and_dot_dot_is_stamped_where_the_os_reads_it(
    driver: Driver, tmp_path: Path
) -> None:
    """`elsewhere/link/..` reads `data_dir`'s parent's... no: the OS resolves the link first, then `..`."""
    data_dir = own_copies(tmp_path / "data", "benefits.yaml")
    inner = data_dir / "inner"
    inner.mkdir()
    links = tmp_path / "links"
    links.mkdir()
    (links / "to-inner").symlink_to(inner)
    given = str(links / "to-inner" / "..")  # lexically `links`, physically `data_dir`
    args = ["--data-dir", given, "benefits"]
    assert Path(given).samefile(data_dir)
    key = pages.key_for(args, data_dir_of(args))
    guide = data_dir / "benefits.yaml"
    guide.write_text(guide.read_text().replace("Faster recovery", "Quicker recovery"))
    assert pages.key_for(args, data_dir_of(args)) != key
    first = run(driver, *args)
    assert b"Quicker recovery" in first.stdout
    guide.unlink()
    assert b"Quicker recovery" not in run(driver, *args).stdout


def test_completion_sees_guides_added_in_the_data_folder_it_was_typed_with(driver: Driver, tmp_path: Path) -> None:
    data_dir = own_copies(tmp_path / "data")
    words = f"runacu --data-dir {data_dir} guide "
    env = {"_RUNACU_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "4"}

    def completions() -> bytes:
        return run(driver, env=env).stdout

    before = completions()
    assert b"first-visit" in before and b"extra-guide" not in before
    (data_dir / "extra-guide.yaml").write_bytes((builtin_data_dir() / "first-visit.yaml").read_bytes())
    assert b"extra-guide" in completions()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_replayed_page_on_a_full_disk_says_so_as_a_fresh_run_does() -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ISOLATED_VARIABLES}
    environment.update(XDG_CACHE_HOME=str(_cache()), LANG="C.UTF-8")
    command = [sys.executable, "-m", "runacu", "benefits"]
    assert subprocess.run(command, capture_output=True, env=environment, timeout=60, check=False).returncode == 0
    [entry] = _stored()  # stored for this very command line and environment
    os.utime(entry, ns=(0, 0))  # a replay marks the entry it serves as used (its times), and leaves the file be
    inode = entry.stat().st_ino
    results = []
    for _ in range(2):  # the replay, then (store off) a fresh run
        with Path("/dev/full").open("wb") as full:
            results.append(
                subprocess.run(command, stdout=full, stderr=subprocess.PIPE, env=environment, timeout=60, check=False)
            )  # fmt: skip
        environment["RUNACU_NO_CACHE"] = "1"
    assert entry.stat().st_mtime_ns > 0 and entry.stat().st_ino == inode  # the first was served from the store
    for result in results:
        assert result.returncode == 1, result.stderr
        assert b"No space left on device" in result.stderr
        assert b"Traceback" not in result.stderr


def test_a_run_from_a_deleted_working_directory_still_works(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    environment = {k: v for k, v in os.environ.items() if k not in ISOLATED_VARIABLES}
    environment.update(XDG_CACHE_HOME=str(_cache()), LANG="C.UTF-8")
    script = f'mkdir "{gone}" && cd "{gone}" && rmdir "{gone}" && exec "{sys.executable}" -m runacu benefits'
    result = subprocess.run(["sh", "-c", script], capture_output=True, env=environment, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr and b"Faster recovery" in result.stdout
