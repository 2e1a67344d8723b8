"""The parse cache: used when a file is unchanged, missed when it changes, harmless to delete or damage."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import run, run_process

PROBE = "import sys, runpy; sys.argv = ['runacu', *sys.argv[1:]]; runpy.run_module('runacu', run_name='__main__')"


def yaml_was_imported(*args: str, env: dict[str, str]) -> bool:
    """Run runacu and report whether the YAML parser had to be imported."""
    code = f"import atexit, sys; atexit.register(lambda: sys.stderr.write('yaml' in sys.modules and 'YAML' or 'CACHED')); {PROBE}"
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return result.stderr.endswith(b"YAML")


def test_an_unchanged_file_is_read_from_the_cache(data_dir: Path, tmp_path: Path) -> None:
    import os

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = ("--data-dir", str(data_dir), "benefits")
    assert yaml_was_imported(*args, env=env)
    assert not yaml_was_imported(*args, env=env)
    path = data_dir / "benefits.yaml"
    path.write_text(path.read_text().replace("Faster recovery", "Quicker recovery"))
    assert yaml_was_imported(*args, env=env)
    assert "Quicker recovery" in run_process(*args, env={"XDG_CACHE_HOME": str(tmp_path / "cache")}).stdout.decode()


def test_errors_are_still_located_from_a_cached_file(data_dir: Path) -> None:
    assert run("--data-dir", str(data_dir), "benefits").exit_code == 0
    path = data_dir / "benefits.yaml"
    path.write_text(path.read_text().replace("title: Faster recovery", "titel: Faster recovery"))
    result = run("--data-dir", str(data_dir), "benefits")
    assert result.exit_code == 3 and f"{path}:27:5:" in result.stderr


def test_the_cache_is_safe_to_delete_or_damage(data_dir: Path, tmp_path: Path) -> None:
    assert run("--data-dir", str(data_dir), "benefits").exit_code == 0
    cache = tmp_path / "xdg-cache" / "runacu" / "parsed"
    entries = list(cache.iterdir())
    assert entries
    for entry in entries:
        entry.write_bytes(b"\x00garbage")
    assert run("--data-dir", str(data_dir), "benefits").exit_code == 0
    shutil.rmtree(cache)
    assert run("--data-dir", str(data_dir), "benefits").exit_code == 0


def test_an_unwritable_cache_is_skipped(data_dir: Path, tmp_path: Path, monkeypatch: object) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory would be")
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("RUNACU_CACHE_DIR", str(blocked))
    assert run("--data-dir", str(data_dir), "benefits").exit_code == 0
