"""Data files and folders that cannot be read as such: a data error or a data-folder error, never a bare
"Permission denied".

A data folder that may not be searched is a data-folder error (exit 2); a translation folder that may not
be read is a problem `validate` lists (exit 3). The permission tests run twice: for real (skipped as root,
whom permissions do not stop) and with the refusal simulated, so they run everywhere. A FIFO where a data
file should be, which must never be waited on, is tried in a process of its own: tests/e2e/test_data_folder_access.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from runacu.content.data_files import cannot_read
from runacu.content.library import builtin_data_dir
from runacu.words import for_language
from tests.conftest import run

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_permissions = pytest.mark.skipif(AS_ROOT, reason="root reads and searches any folder whatever its mode")


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "data"
    shutil.copytree(str(builtin_data_dir()), target)
    yield target
    for path in (target, target / "es"):  # let pytest remove what a test made unreadable
        with contextlib.suppress(OSError):
            path.chmod(0o755)


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
    # The system's reason, in Spanish too
    assert f"{folder / 'es' / 'benefits.yaml'}:" in result.stderr and "permiso denegado" in result.stderr
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
    assert "permiso denegado" in spanish.stderr or spanish.exit_code == 0


def test_the_systems_reason_is_told_in_the_readers_language() -> None:
    english, spanish = for_language("en"), for_language("es")
    refused = cannot_read(_refused(Path("x.yaml")))
    assert (refused.said(english), refused.said(spanish)) == (
        "cannot read the file: Permission denied",
        "no se puede leer el archivo: permiso denegado",
    )
    assert cannot_read(OSError(5, "Input/output error"), folder=True).said(spanish).endswith("error de entrada/salida")
    # A reason runacu has no words for is told as the system says it.
    assert (
        cannot_read(OSError(99, "Stale lunar handle")).said(spanish)
        == "no se puede leer el archivo: Stale lunar handle"
    )
