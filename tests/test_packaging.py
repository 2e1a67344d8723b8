"""The data ships inside the wheel and is found from anywhere; a source checkout reads data/."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from runacu.content.library import builtin_data_dir
from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("runacu-*.whl"))


def test_wheel_carries_every_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for data_file in sorted((REPO / "data").glob("*.yaml")):
        assert f"runacu/data/{data_file.name}" in names
    assert "runacu/py.typed" in names


def test_installed_wheel_runs_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    for command in ("benefits", "back-pain", "contact"):
        result = subprocess.run(
            [sys.executable, "-m", "runacu", command], cwd=elsewhere, env=env, capture_output=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert b"Valencia" in result.stdout or b"acupuncture" in result.stdout.lower()
    where = subprocess.run(
        [sys.executable, "-c", "import runacu.content.library as l; print(l.builtin_data_dir())"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(site)


def test_source_checkout_reads_the_top_level_data_directory() -> None:
    import runacu

    if not Path(runacu.__file__).is_relative_to(REPO / "src"):
        pytest.skip("runacu is installed from a wheel here, not from the checkout")
    assert Path(str(builtin_data_dir())) == REPO / "data"
