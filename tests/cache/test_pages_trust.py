"""The page store trusts only what its user wrote, replays only what runacu writes, and fails as a fresh run does.

Each test here is a case a hostile review found (issue 21): a store another user could write, bytes a
forger chose, a data folder reached through a link, completion in another data folder, a full disk,
a deleted working directory.
"""

from __future__ import annotations

import marshal
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from runacu.cache import pages, sealed
from runacu.command_table import data_dir_of
from tests.conftest import ISOLATED_VARIABLES, run_process

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX owners, modes, links and /dev/full")


def _cache() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"])


def _pages() -> Path:
    return _cache() / "runacu" / "pages"


def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return run_process(*args, env={"XDG_CACHE_HOME": str(_cache())}, **kwargs)  # type: ignore[arg-type]


def _stored() -> list[Path]:
    return sorted(_pages().glob("*.page")) if _pages().is_dir() else []


@pytest.mark.slow
@pytest.mark.parametrize("where", ["root", "pages"])
def test_a_store_folder_others_can_write_is_not_used(where: str) -> None:
    """Another local user who made the shared cache folder first (mode 0777) cannot feed the victim pages."""
    folder = _cache() / "runacu" if where == "root" else _pages()
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    first = run("benefits")
    assert first.returncode == 0
    assert _stored() == []  # nothing written into it
    # And what is in it is not replayed: a forged entry for this very run is ignored.
    for entry in _pages().glob("*") if _pages().is_dir() else []:
        entry.unlink()
    assert run("benefits").stdout == first.stdout


@pytest.mark.slow
def test_an_entry_others_can_write_is_not_replayed() -> None:
    fresh = run("benefits")
    [entry] = _stored()
    payload = sealed.unseal(pages.KIND, entry.read_bytes())
    assert payload is not None
    version, key, expires, _ = marshal.loads(payload)
    forged = marshal.dumps((version, key, expires, [("out", b"Call 555-0100 instead.\n")]))
    entry.write_bytes(sealed.seal(pages.KIND, forged))
    entry.chmod(0o666)
    assert run("benefits").stdout == fresh.stdout
    entry.write_bytes(sealed.seal(pages.KIND, forged))  # the same bytes, private to the user: theirs to write
    entry.chmod(0o600)
    assert run("benefits").stdout == b"Call 555-0100 instead.\n"


@pytest.mark.parametrize(
    "data",
    [
        b"\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\\n",  # a link to anything but web, mail and phone
        b"\x1b]8;;javascript:alert(1)\x1b\\x\x1b]8;;\x1b\\\n",
        b"visible\x1b[8mconcealed\x1b[0m\n",  # concealed text runacu never writes
        b"\x1b[5mblinking\x1b[0m\n",
        "Clinic \u202eenohp\n".encode(),  # right-to-left override
        "a\u200bzero\u200fwidth\ufeff\n".encode(),
        "line\u2028separator\n".encode(),
        "\u0085next line\n".encode(),
    ],
)
def test_replay_refuses_what_runacu_would_not_write(data: bytes) -> None:
    assert not pages.is_clean(data, "utf-8")


def test_a_raw_c1_byte_is_refused_when_stdout_is_latin_1() -> None:
    assert not pages.is_clean(b"\x9b2J cleared\n", "latin-1")
    assert pages.is_clean("caf\u00e9 27.4\u00a0%\n".encode("latin-1"), "latin-1")


@pytest.mark.parametrize(
    "data",
    [
        b"plain\ttext\n",
        "Espa\u00f1ol 27,4\u00a0% \u2014 (661)\u00a0490-9221\n".encode(),
        b"\x1b[1;38;5;208mcoloured\x1b[0m \x1b[38;2;10;20;30mtrue\x1b[39m\n",
        b"\x1b]8;id=12;tel:+16614909221\x1b\\(661) 490-9221\x1b]8;;\x1b\\\n",
        b"\x1b]8;;https://www.nice.org.uk/guidance/ng59\x1b\\NICE\x1b]8;;\x1b\\\r\n",
    ],
)
def test_replay_accepts_what_runacu_writes(data: bytes) -> None:
    assert pages.is_clean(data, "utf-8")


def test_a_pager_event_is_never_replayed_on_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    key = "5" * 40
    recorder = pages.Recorder(key)
    recorder.events = [("pager", b"long text\n")]
    recorder.store()
    monkeypatch.setattr(pages, "_is_terminal", lambda descriptor: True)
    assert pages.load(key) == [("pager", b"long text\n")]
    monkeypatch.setattr(pages, "_is_terminal", lambda descriptor: False)
    assert pages.load(key) is None


@pytest.mark.slow
def test_a_data_folder_through_a_link_and_dot_dot_is_stamped_where_the_os_reads_it(
    data_dir: Path, tmp_path: Path
) -> None:
    """`elsewhere/link/..` reads `data_dir`'s parent's... no: the OS resolves the link first, then `..`."""
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
    first = run(*args)
    assert b"Quicker recovery" in first.stdout
    guide.unlink()
    assert b"Quicker recovery" not in run(*args).stdout


@pytest.mark.slow
def test_completion_sees_guides_added_in_the_data_folder_it_was_typed_with(data_dir: Path) -> None:
    words = f"runacu --data-dir {data_dir} guide "
    env = {"_RUNACU_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "4"}

    def completions() -> bytes:
        return run_process(env={"XDG_CACHE_HOME": str(_cache()), **env}).stdout

    before = completions()
    assert b"first-visit" in before and b"extra-guide" not in before
    (data_dir / "extra-guide.yaml").write_bytes((data_dir / "first-visit.yaml").read_bytes())
    assert b"extra-guide" in completions()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_replayed_page_on_a_full_disk_says_so_as_a_fresh_run_does() -> None:
    assert run("benefits").returncode == 0
    assert _stored()
    environment = {k: v for k, v in os.environ.items() if k not in ISOLATED_VARIABLES}
    environment.update(XDG_CACHE_HOME=str(_cache()), LANG="C.UTF-8")
    results = []
    for _ in range(2):  # the replay, then (store off) a fresh run
        with Path("/dev/full").open("wb") as full:
            results.append(
                subprocess.run([sys.executable, "-m", "runacu", "benefits"], stdout=full, stderr=subprocess.PIPE,
                               env=environment, timeout=60, check=False)
            )  # fmt: skip
        environment["RUNACU_NO_CACHE"] = "1"
    for result in results:
        assert result.returncode == 1, result.stderr
        assert b"No space left on device" in result.stderr
        assert b"Traceback" not in result.stderr


@pytest.mark.slow
def test_a_run_from_a_deleted_working_directory_still_works(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    environment = {k: v for k, v in os.environ.items() if k not in ISOLATED_VARIABLES}
    environment.update(XDG_CACHE_HOME=str(_cache()), LANG="C.UTF-8")
    script = f'mkdir "{gone}" && cd "{gone}" && rmdir "{gone}" && exec "{sys.executable}" -m runacu benefits'
    result = subprocess.run(["sh", "-c", script], capture_output=True, env=environment, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr and b"Faster recovery" in result.stdout


@pytest.mark.slow
def test_store_folders_are_created_private() -> None:
    assert run("benefits").returncode == 0
    for folder in (_cache() / "runacu", _pages()):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
