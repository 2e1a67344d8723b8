"""The user's folders (`runacu.cache.dirs`) are where platformdirs would put them, without importing it."""

from __future__ import annotations

import subprocess
import sys

import platformdirs
import pytest

from runacu.cache import dirs


@pytest.mark.parametrize("value", [None, "", "   ", "relative/path", "/somewhere/else"])
def test_the_folders_are_platformdirs_folders(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    for variable in ("XDG_CACHE_HOME", "XDG_DATA_HOME"):
        if value is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, value)
    assert dirs.cache_dir() == platformdirs.user_cache_dir("runacu", appauthor=False)
    assert dirs.data_dir() == platformdirs.user_data_dir("runacu", appauthor=False)


def test_runacu_cache_dir_overrides_the_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNACU_CACHE_DIR", "/tmp/runacu-cache-here")
    assert dirs.cache_dir() == "/tmp/runacu-cache-here"


@pytest.mark.slow
def test_the_fast_path_does_not_import_platformdirs_or_pathlib() -> None:
    code = "import sys; from runacu.cache import dirs, pages; dirs.cache_dir(); print('pathlib' in sys.modules, 'platformdirs' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.split() == ["False", "False"]
