"""Repeat runs as a user makes them, each in a new process: what is replayed from stored output, what is read
again, and what the fast path of a repeat imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ISOLATED_VARIABLES
from tests.e2e.conftest import run_process


def test_a_scripts_answers_are_read_every_time_never_replayed_from_a_stored_page() -> None:
    # As installed (python -m runacu), where repeat runs may be answered from stored output: the same command
    # line again and again, each answered unlike the run before, so a run replayed from the last says the wrong thing.
    checklist = json.loads(run_process("check", "--json", input=b"").stdout)
    assert "levels" in checklist and "outcome" not in checklist
    assert json.loads(run_process("check", "--json", input=b"y\n").stdout)["outcome"] == "emergency"
    assert json.loads(run_process("check", "--json", input=b"n\n" * 100).stdout)["outcome"] == "none"
    assert json.loads(run_process("check", "--json", input=b"y\n").stdout)["outcome"] == "emergency"


PROBE = "import sys, runpy; sys.argv = ['runacu', *sys.argv[1:]]; runpy.run_module('runacu', run_name='__main__')"


def yaml_was_imported(*args: str, env: dict[str, str]) -> bool:
    """Run runacu and report whether the YAML parser had to be imported."""
    code = f"import atexit, sys; atexit.register(lambda: sys.stderr.write('yaml' in sys.modules and 'YAML' or 'CACHED')); {PROBE}"
    import subprocess

    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return result.stderr.endswith(b"YAML")


def test_an_unchanged_file_is_read_from_the_cache(data_dir: Path, tmp_path: Path) -> None:

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = ("--data-dir", str(data_dir), "benefits")
    assert yaml_was_imported(*args, env=env)
    assert not yaml_was_imported(*args, env=env)
    path = data_dir / "benefits.yaml"
    path.write_text(path.read_text().replace("Faster recovery", "Quicker recovery"))
    assert yaml_was_imported(*args, env=env)
    assert "Quicker recovery" in run_process(*args, env={"XDG_CACHE_HOME": str(tmp_path / "cache")}).stdout.decode()


def _without_memo(tmp_path: Path, name: str) -> Path:
    """The test's cache (tests/e2e/conftest.py warms it) without the memo `name`: as before a first run needed it."""
    cache = tmp_path / "xdg-cache"
    (cache / "runacu" / "parsed" / f"{name}.marshal").unlink(missing_ok=True)
    return cache


def test_a_search_run_again_does_not_import_the_stemmer(tmp_path: Path) -> None:
    cache = _without_memo(tmp_path, "stems")
    env = {"XDG_CACHE_HOME": str(cache), "RUNACU_NO_CACHE": "1", "PYTHONPROFILEIMPORTTIME": "1"}
    first, again = run_process("search", "stretching", env=env), run_process("search", "stretching", env=env)
    assert first.returncode == again.returncode == 0
    assert b"| snowballstemmer\n" in first.stderr
    assert b"snowballstemmer" not in again.stderr
    assert first.stdout == again.stdout and b"stretch" in first.stdout.lower()
    other = run_process("--lang", "es", "search", "estiramientos", env=env)  # a word not stemmed before
    assert other.returncode == 0 and b"| snowballstemmer\n" in other.stderr


def test_a_warm_guide_does_not_import_babel(tmp_path: Path) -> None:
    cache = _without_memo(tmp_path, "cldr")
    environment = {k: v for k, v in os.environ.items() if k not in ISOLATED_VARIABLES}
    environment.update(XDG_CACHE_HOME=str(cache), RUNACU_NO_CACHE="1", PYTHONPROFILEIMPORTTIME="1")
    command = [sys.executable, "-m", "runacu", "benefits", "recovery"]
    first = subprocess.run(command, capture_output=True, env=environment, timeout=60)
    second = subprocess.run(command, capture_output=True, env=environment, timeout=60)
    assert first.stdout == second.stdout and b"Last reviewed December 6, 2026" in second.stdout
    assert b"babel" in first.stderr  # the memo was empty: babel made the strings
    assert b"babel" not in second.stderr


def test_a_warm_contact_does_not_import_babel(tmp_path: Path) -> None:
    """The card names the country, the weekdays and the time zone in CLDR's words, and the clinic's country code is
    checked against CLDR's: a repeat run finds all of it in the memo, in its vCard and JSON too."""
    cache = _without_memo(tmp_path, "cldr")
    env = {"XDG_CACHE_HOME": str(cache), "RUNACU_NO_CACHE": "1", "PYTHONPROFILEIMPORTTIME": "1"}
    for language, country in (("en", b"United States"), ("es", b"Estados Unidos")):
        card = ("--lang", language, "contact", "--at", "2026-11-23T10:00")
        first, again = run_process(*card, env=env), run_process(*card, env=env)
        assert first.returncode == again.returncode == 0
        assert first.stdout == again.stdout and b"CA 91355, " + country in again.stdout
        assert b"| babel\n" in first.stderr  # the memo had none of this language's strings: babel made them
        assert b"babel" not in again.stderr, language
        for kind in ("--vcard", "--json"):
            warm = run_process("--lang", language, "contact", kind, env=env)
            assert warm.returncode == 0 and country in warm.stdout, kind
            assert b"babel" not in warm.stderr, (language, kind)


def test_a_first_run_on_a_warm_parse_cache_imports_no_pydantic(tmp_path: Path) -> None:
    """Only validation needs pydantic: once every file it reads has been validated, a command runs without it."""
    env = {"XDG_CACHE_HOME": str(tmp_path), "RUNACU_NO_CACHE": "1", "PYTHONPROFILEIMPORTTIME": "1"}
    commands = (["benefits"], ["contact", "--at", "2026-11-23T10:00"], ["search", "blood"], ["--json", "back-pain"])
    cold = [run_process(*args, env=env) for args in commands]
    assert b"| pydantic\n" in cold[0].stderr  # it validated, and the measurement sees the import
    for args, first in zip(commands, cold, strict=True):
        warm = run_process(*args, env=env)
        assert first.returncode == warm.returncode == 0, args
        assert b"| pydantic" not in warm.stderr, args
        assert first.stdout == warm.stdout, args


def test_the_fast_path_does_not_import_platformdirs_or_pathlib() -> None:
    code = "import sys; from runacu.cache import dirs, pages; dirs.cache_dir(); print('pathlib' in sys.modules, 'platformdirs' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.split() == ["False", "False"]
