"""Click's words in the reader's language as `runacu` runs them: the language read from the run's own
arguments (before Click parses them) and locale, and a help page in Spanish stored and replayed as such. Run by
the console script (`runacu.launch.main`), one run after another in a driver process (`shared_driver` in
tests/e2e/test_stored_output.py). In this process: tests/cli/test_spanish_help.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from runacu.exit_status import ExitStatus
from tests.e2e.test_stored_output import Driver, own_folders, shared_driver


@pytest.fixture
def driver(request: pytest.FixtureRequest) -> Driver:
    return shared_driver(request)


def test_a_usage_error_is_spanish_in_a_spanish_locale(driver: Driver) -> None:
    result = driver.launch("benefits", "--nope", env={**own_folders(), "LANG": "es_US.UTF-8", "RUNACU_NO_CACHE": "1"})
    assert result.returncode == ExitStatus.USAGE
    assert result.stderr.decode() == (
        "Uso: runacu benefits [OPCIONES] [TEMA]\n"
        "Para obtener ayuda, ejecute 'runacu benefits -h'.\n\n"
        "Error: No existe la opción: --nope (Opciones posibles: --no-pager, --pager)\n"
    )


def test_help_after_the_command_is_stored_and_replayed_in_its_language(driver: Driver, tmp_path: Path) -> None:
    env = {**own_folders(), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = driver.launch("benefits", "--help", "--lang", "es", env=env)
    again = driver.launch("benefits", "--help", "--lang", "es", env=env)
    english = driver.launch("benefits", "--help", env=env)
    assert first.returncode == again.returncode == english.returncode == ExitStatus.SUCCESS
    assert first.stdout.decode().startswith("Uso: runacu benefits [OPCIONES] [TEMA]")
    assert not first.served and again.served and again.stdout == first.stdout
    assert english.stdout.decode().startswith("Usage: runacu benefits [OPTIONS] [TOPIC]")
