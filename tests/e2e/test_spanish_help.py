"""Click's words in the reader's language as `runacu` runs them: the language read from the process's own
arguments (before Click parses them) and locale, and a help page in Spanish stored and replayed as such.
In this process: tests/cli/test_spanish_help.py."""

from __future__ import annotations

from pathlib import Path

from runacu.exit_status import ExitStatus
from tests.e2e.conftest import run_process


def test_a_usage_error_is_spanish_in_a_spanish_locale() -> None:
    result = run_process("benefits", "--nope", env={"LANG": "es_US.UTF-8", "RUNACU_NO_CACHE": "1"})
    assert result.returncode == ExitStatus.USAGE
    assert result.stderr.decode() == (
        "Uso: runacu benefits [OPCIONES] [TEMA]\n"
        "Para obtener ayuda, ejecute 'runacu benefits -h'.\n\n"
        "Error: No existe la opción: --nope (Opciones posibles: --no-pager, --pager)\n"
    )


def test_help_after_the_command_is_stored_and_replayed_in_its_language(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = run_process("benefits", "--help", "--lang", "es", env=env)
    again = run_process("benefits", "--help", "--lang", "es", env=env)
    english = run_process("benefits", "--help", env=env)
    assert first.returncode == again.returncode == english.returncode == ExitStatus.SUCCESS
    assert first.stdout.decode().startswith("Uso: runacu benefits [OPCIONES] [TEMA]")
    assert again.stdout == first.stdout
    assert english.stdout.decode().startswith("Usage: runacu benefits [OPTIONS] [TOPIC]")
