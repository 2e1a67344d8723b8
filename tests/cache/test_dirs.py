"""The user's folders (`runacu.cache.dirs`) are where platformdirs would put them (that finding them imports
neither platformdirs nor pathlib is checked in a new process: tests/e2e/test_repeat_runs.py)."""

from __future__ import annotations

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
