"""Data files and folders that cannot be read as such: a data error or a data-folder error, never a hang or a bare
"Permission denied".

A data file swapped for a FIFO after it was found to be a file is opened without waiting and refused for
what it is. A data folder that may not be searched is a data-folder error (exit 2); a translation folder
that may not be read is a problem `validate` lists (exit 3). The permission tests run twice: for real
(skipped as root, whom permissions do not stop) and with the refusal simulated, so they run everywhere.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from runacu.content.library import builtin_data_dir
from tests.conftest import ISOLATED_VARIABLES, run

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_permissions = pytest.mark.skipif(AS_ROOT, reason="root reads and searches any folder whatever its mode")

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


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "data"
    shutil.copytree(str(builtin_data_dir()), target)
    yield target
    for path in (target, target / "es"):  # let pytest remove what a test made unreadable
        with contextlib.suppress(OSError):
            path.chmod(0o755)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("command", [["benefits"], ["guide", "benefits", "1"], ["search", "recovery"]])
def test_a_data_file_swapped_for_a_fifo_before_it_is_opened_is_refused_at_once(
    command: list[str], folder: Path
) -> None:
    result = run_python("-c", SWAP_THEN_RUN, str(folder), *command)
    assert result.returncode == 3, result.stderr
    assert "benefits.yaml" in result.stderr and "not a file" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_data_file_is_listed_not_waited_on(folder: Path) -> None:
    (folder / "benefits.yaml").unlink()
    os.mkfifo(folder / "benefits.yaml")
    result = run_python("-m", "runacu", "validate", str(folder))
    assert result.returncode == 3, result.stderr
    assert "benefits.yaml" in result.stdout and "not a file" in result.stdout


def _refused(error_path: Path) -> PermissionError:
    return PermissionError(13, "Permission denied", str(error_path))


def test_a_data_folder_that_may_not_be_searched_is_a_data_folder_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As without the execute permission: the folder lists, but nothing in it can be looked at or opened.
    for name in ("stat", "lstat"):
        real = getattr(Path, name)

        def refused(path: Path, *args: object, real: object = real, **kwargs: object) -> os.stat_result:
            if path.parent == folder:
                raise _refused(path)
            return real(path, *args, **kwargs)  # type: ignore[operator, no-any-return]

        monkeypatch.setattr(Path, name, refused)
    for args in (["--data-dir", str(folder), "benefits"], ["validate", str(folder)]):
        result = run(*args)
        assert result.exit_code == 2, result.stderr
        assert f"cannot read data directory '{folder}': Permission denied" in result.stderr


@pytest.mark.slow
def test_a_translation_folder_that_may_not_be_read_is_a_listed_problem(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Path.iterdir

    def refused(path: Path) -> Iterator[Path]:
        if path == folder / "es":
            raise _refused(path)
        return real(path)

    monkeypatch.setattr(Path, "iterdir", refused)
    result = run("validate", str(folder))
    assert result.exit_code == 3, result.stderr
    assert f"{folder / 'es'}: cannot read the folder: Permission denied" in result.stdout
    assert "Traceback" not in result.stderr
    assert run("--data-dir", str(folder), "benefits").exit_code == 0  # English does not need it


def test_a_translation_folder_that_may_not_be_searched_names_the_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("stat", "lstat"):
        real = getattr(Path, name)

        def refused(path: Path, *args: object, real: object = real, **kwargs: object) -> os.stat_result:
            if path.parent == folder / "es":
                raise _refused(path)
            return real(path, *args, **kwargs)  # type: ignore[operator, no-any-return]

        monkeypatch.setattr(Path, name, refused)
    result = run("--data-dir", str(folder), "--lang", "es", "benefits")
    assert result.exit_code == 3, result.stderr
    assert f"{folder / 'es' / 'benefits.yaml'}:" in result.stderr and "Permission denied" in result.stderr
    checked = run("validate", str(folder))
    assert checked.exit_code == 3 and "es/benefits.yaml" in checked.stdout and "Permission denied" in checked.stdout


@needs_permissions
def test_a_data_folder_without_execute_permission_for_real(folder: Path) -> None:
    folder.chmod(0o644)
    for args in (["--data-dir", str(folder), "benefits"], ["validate", str(folder)]):
        result = run(*args)
        assert result.exit_code == 2, result.stderr
        assert "cannot read data directory" in result.stderr and "Permission denied" in result.stderr


@needs_permissions
@pytest.mark.parametrize("mode", [0o000, 0o300, 0o600], ids=["no access", "no read", "no execute"])
def test_a_translation_folder_without_permissions_for_real(mode: int, folder: Path) -> None:
    (folder / "es").chmod(mode)
    result = run("validate", str(folder))
    assert result.exit_code == 3, result.stderr
    assert "es" in result.stdout and "Permission denied" in result.stdout
    spanish = run("--data-dir", str(folder), "--lang", "es", "benefits")
    assert spanish.exit_code in (0, 3) and "Traceback" not in spanish.stderr
    assert "Permission denied" in spanish.stderr or spanish.exit_code == 0
