"""The data ships inside the wheel and is found from anywhere; a source checkout reads data/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest

from runacu.content.library import builtin_data_dir
from tests.conftest import REPO, run
from tests.e2e.conftest import made_once
from tests.e2e.test_stored_output import Driver, Launched, made_once_json

#: The PEP 517 call a build frontend (`pip wheel --no-build-isolation`) makes of the checkout's build backend, in
#: the checkout: `build_wheel` of the `build-backend` pyproject.toml names, with the build requirements installed here.
BUILD_WHEEL = "import importlib, sys; importlib.import_module(sys.argv[1]).build_wheel(sys.argv[2])"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout: built once per run, whichever worker's test asks first (`made_once`)."""

    def build(out: Path) -> None:
        backend = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["build-backend"]
        command = [sys.executable, "-c", BUILD_WHEEL, backend, str(out)]
        subprocess.run(command, cwd=REPO, check=True, capture_output=True, timeout=300)

    return next(made_once(tmp_path_factory, "dist", build).glob("runacu-*.whl"))


def test_wheel_carries_every_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for data_file in sorted((REPO / "data").glob("*.yaml")):
        assert f"runacu/data/{data_file.name}" in names
    assert "runacu/py.typed" in names


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed into a folder of its own (on PYTHONPATH, it is runacu as a user installs it): once per run."""

    def install(site: Path) -> None:
        subprocess.run(
            [sys.executable, "-m", "pip", "--disable-pip-version-check", "install", "--no-deps", "-q", "--target",
             str(site), str(wheel)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip

    return made_once(tmp_path_factory, "site", install)


def test_installed_wheel_runs_from_another_directory(installed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(installed)}
    # As a user runs it, its page store on (each command also runs outside the checkout, the store off, in
    # test_a_fresh_install_parses_and_validates_nothing).
    result = subprocess.run(
        [sys.executable, "-m", "runacu", "benefits"], cwd=elsewhere, env=env, capture_output=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"Benefits of acupuncture")
    where = subprocess.run(
        [sys.executable, "-c", "import runacu.content.library as l; print(l.builtin_data_dir())"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(installed)


def test_source_checkout_reads_the_top_level_data_directory() -> None:
    import runacu

    if not Path(runacu.__file__).is_relative_to(REPO / "src"):
        pytest.skip("runacu is installed from a wheel here, not from the checkout")
    assert Path(str(builtin_data_dir())) == REPO / "data"


PROBE = (
    "import atexit, runpy, sys; sys.argv = ['runacu', *sys.argv[1:]]; "
    "atexit.register(lambda: sys.stderr.write('IMPORTED ' + ' '.join(m for m in ('yaml', 'pydantic') if m in sys.modules)));"
    "runpy.run_module('runacu', run_name='__main__')"
)


def _fresh_run(site: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """A first run right after installing: an empty cache folder, nothing stored."""
    cache = tmp_path / f"cache-{len(list(tmp_path.iterdir()))}"
    env = {**os.environ, "PYTHONPATH": str(site), "RUNACU_CACHE_DIR": str(cache), "RUNACU_NO_CACHE": "1"}
    env.pop("RUNACU_DATA_DIR", None)
    return subprocess.run([sys.executable, "-c", PROBE, *args], cwd=tmp_path, env=env, capture_output=True, timeout=60)


def test_the_wheel_ships_the_built_in_data_validated(wheel: Path) -> None:
    assert "runacu/data/validated.marshal" in zipfile.ZipFile(wheel).namelist()


#: Command lines run right after installing.
FIRST_RUNS = [
    ("benefits",),
    ("--lang", "es", "back-pain"),
    ("guide", "first-visit"),
    ("contact", "--at", "2026-11-23T10:00"),
    ("guides",),
    ("search", "blood"),
    ("--lang", "es", "search", "dolor de espalda"),
]


@pytest.fixture(scope="module")
def first_runs(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, ...], Launched]:
    """Each of FIRST_RUNS as the installed console script makes it, right after installing: an empty cache folder
    of its own, nothing stored. One after another in one driver process (`Driver` in test_stored_output.py), which
    has the installed wheel on PYTHONPATH, works outside the checkout, and imports neither the YAML parser nor
    pydantic itself: after each run, whether either was imported, by that run or one before it. Made once per run
    (`made_once_json`)."""

    def make(folder: Path) -> list[dict[str, Any]]:
        with Driver(folder, env={"PYTHONPATH": str(installed)}) as driver:
            return [
                driver.launch(
                    *args, env={"RUNACU_CACHE_DIR": str(folder / f"cache-{number}"), "RUNACU_NO_CACHE": "1"},
                    modules=("yaml", "pydantic"),
                ).to_json()
                for number, args in enumerate(FIRST_RUNS)
            ]  # fmt: skip

    _, runs = made_once_json(tmp_path_factory, "first-runs", make)
    return {args: Launched.from_json(run) for args, run in zip(FIRST_RUNS, runs, strict=True)}


@pytest.mark.parametrize("args", FIRST_RUNS)
def test_a_fresh_install_parses_and_validates_nothing(
    installed: Path, first_runs: dict[tuple[str, ...], Launched], args: tuple[str, ...]
) -> None:
    result = first_runs[args]
    assert result.returncode == 0, result.stderr
    assert result.package.is_relative_to(installed)
    assert not result.modules  # neither the YAML parser nor pydantic
    # The same bytes as the source checkout gives, which parses and validates the same files: run in this
    # process, whose runacu is the checkout's (test_source_checkout_reads_the_top_level_data_directory).
    checkout = run(*args)
    assert checkout.exit_code == 0 and result.stdout == checkout.stdout.encode()


def test_an_edited_built_in_file_is_read_afresh(installed: Path, tmp_path: Path) -> None:
    """The shipped copy holds for the very bytes it was made from: an edit is parsed and validated as usual."""
    edited = tmp_path / "site"
    shutil.copytree(installed, edited)
    guide = edited / "runacu" / "data" / "benefits.yaml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("Faster recovery", "Quicker recovery"), encoding="utf-8")
    result = _fresh_run(edited, tmp_path, "benefits", "recovery")
    assert result.returncode == 0, result.stderr
    assert b"Quicker recovery" in result.stdout and b"IMPORTED yaml pydantic" in result.stderr
