"""Repeat runs as a user makes them, through runacu's console script: what is replayed from stored output, what is
read again, and what the fast path of a repeat imports.

What a run imports needs a process that has not run runacu before, but not one process per run: a driver
(`Driver` in tests/e2e/test_stored_output.py) starts importing nothing of runacu's but the console script's fast
path, runs one command line after another as the console script does, and after each tells which of the modules
asked about are imported. A module not imported after a run was imported by none of the runs so far, that one
included; one imported after the first run of a new driver was imported by that run. So the runs a check is about
come first in a new driver, or after runs that did not import what it looks for. Where a run must be seen to need
babel or the stemmer after another run imported it, what it needed is seen in the memo instead: the memo gains
answers only from the library it keeps them for (`runacu/cache/memo.py`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from runacu.cache import parsed
from tests.e2e.conftest import own_copies
from tests.e2e.test_stored_output import Driver, Launched, made_once_json, own_folders, shared_driver

#: The modules a warm run must not need: the YAML parser and pydantic (a parse cache), babel and the stemmer (memos).
WATCHED = ("yaml", "pydantic", "babel", "snowballstemmer")


def _driver(folder: Path) -> Driver:
    """A new driver process (its files in a new folder under `folder`)."""
    started = folder / f"driver-{len(list(folder.glob('driver-*')))}"
    started.mkdir()
    return Driver(started)


def _ok(run: Launched) -> Launched:
    assert run.returncode == 0 and b"Traceback" not in run.stderr, run.stderr
    return run


def test_a_scripts_answers_are_read_every_time_never_replayed_from_a_stored_page(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    # As installed (the console script), where repeat runs may be answered from stored output: the same command
    # line again and again, each answered unlike the run before, so a run replayed from the last says the wrong thing.
    driver = shared_driver(request)  # runs with the page store on, in this test's cache

    def answered(stdin: str) -> dict[str, object]:
        run = _ok(driver.launch("check", "--json", stdin=stdin, env=own_folders()))
        assert not run.served
        found: dict[str, object] = json.loads(run.stdout)
        return found

    checklist = answered("")
    assert "levels" in checklist and "outcome" not in checklist
    assert answered("y\n")["outcome"] == "emergency"
    assert answered("n\n" * 100)["outcome"] == "none"
    assert answered("y\n")["outcome"] == "emergency"


# One scenario, three new processes in turn on one cache folder, the page store off (so each run is made afresh):
#   cold:  a reader's first runs on an empty cache: every file they read is parsed and validated (and the memos
#          of what babel and the stemmer answered are written);
#   warm:  the memos deleted, as before a first run needed them: the runs that need them; then the first runs
#          again, on the warm parse cache; and a data file of the reader's own, unchanged, then edited;
#   again: the runs that needed the memos, again, reading what the warm step wrote in them.

WARM_COMMANDS = (("benefits",), ("contact", "--at", "2026-11-23T10:00"), ("search", "blood"), ("--json", "back-pain"))
CARD = ("contact", "--at", "2026-11-23T10:00")
STEM_RUNS = (("search", "stretching"), ("--lang", "es", "search", "estiramientos"))
MEMO_RUNS = (("benefits", "recovery"), STEM_RUNS[0], ("--lang", "en", *CARD), STEM_RUNS[1], ("--lang", "es", *CARD))
CARD_RUNS = tuple(("--lang", language, "contact", kind) for language in ("en", "es") for kind in ("--vcard", "--json"))
MEMOS = ("cldr", "stems")


@dataclass(frozen=True)
class Scenario:
    """Each run of the scenario, by step and command line (or "mine" and "mine, edited"), and what the memos
    gained in each run of the warm step (`cldr`: babel's answers, `stems`: the stemmer's)."""

    runs: dict[tuple[str, str], Launched]
    gained: dict[str, dict[str, set[str]]]

    def __call__(self, step: str, *args: str) -> Launched:
        return self.runs[step, " ".join(args)]


def _answers(cache: Path, memo: str) -> set[str]:
    """What the memo `memo` in `cache` holds answers for."""
    entry = parsed.read(str(cache / "runacu" / "parsed" / f"{memo}.marshal"))
    return set(entry[1]) if isinstance(entry, tuple) else set()


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """The scenario, run once per run (`made_once_json`)."""

    def make(folder: Path) -> list[list[Any]]:
        cache = folder / "cache"
        env = {"XDG_CACHE_HOME": str(cache), "RUNACU_NO_CACHE": "1"}
        data_dir = own_copies(folder / "data", "benefits.yaml")
        mine = ("--data-dir", str(data_dir), "benefits")
        made: list[list[Any]] = []

        def run(driver: Driver, step: str, args: tuple[str, ...], name: str | None = None) -> None:
            before = {memo: _answers(cache, memo) for memo in MEMOS}
            launched = _ok(driver.launch(*args, env=env, modules=WATCHED))
            gained = {memo: sorted(_answers(cache, memo) - known) for memo, known in before.items()}
            made.append([step, name or " ".join(args), launched.to_json(), gained])

        with _driver(folder) as driver:  # the Spanish runs too, so that their files are parsed
            for args in (*WARM_COMMANDS, MEMO_RUNS[3], MEMO_RUNS[4]):
                run(driver, "cold", args)
            run(driver, "cold", mine, "mine")
        for memo in MEMOS:
            (cache / "runacu" / "parsed" / f"{memo}.marshal").unlink(missing_ok=True)
        with _driver(folder) as driver:
            for args in (*MEMO_RUNS, *WARM_COMMANDS):
                run(driver, "warm", args)
            run(driver, "warm", mine, "mine")
            guide = data_dir / "benefits.yaml"
            guide.write_text(guide.read_text().replace("Faster recovery", "Quicker recovery"))
            run(driver, "warm", mine, "mine, edited")
        with _driver(folder) as driver:
            for args in (*MEMO_RUNS, *CARD_RUNS):
                if args != STEM_RUNS[1]:  # looked at in its first run only
                    run(driver, "again", args)
        return made

    _, made = made_once_json(tmp_path_factory, "scenario", make)
    return Scenario(
        {(step, name): Launched.from_json(launched) for step, name, launched, _ in made},
        {name: {memo: set(keys) for memo, keys in gained.items()} for step, name, _, gained in made if step == "warm"},
    )


def test_an_unchanged_file_is_read_from_the_cache(scenario: Scenario) -> None:
    assert "yaml" in scenario("cold", "benefits").modules  # parsed, and the measurement sees the import
    assert "yaml" not in scenario("warm", "mine").modules  # after every warm run and this one: read from the cache
    edited = scenario("warm", "mine, edited")
    assert "yaml" in edited.modules and b"Quicker recovery" in edited.stdout


def test_a_first_run_on_a_warm_parse_cache_imports_no_pydantic(scenario: Scenario) -> None:
    """Only validation needs pydantic: once every file it reads has been validated, a command runs without it."""
    assert "pydantic" in scenario("cold", "benefits").modules  # it validated, and the measurement sees the import
    for args in WARM_COMMANDS:
        warm = scenario("warm", *args)
        assert not {"pydantic", "yaml"} & warm.modules, args
        assert warm.stdout == scenario("cold", *args).stdout, args


def test_a_search_run_again_does_not_import_the_stemmer(scenario: Scenario) -> None:
    first, again = scenario("warm", *STEM_RUNS[0]), scenario("again", *STEM_RUNS[0])
    assert "snowballstemmer" in first.modules  # the memo was empty: the stemmer stemmed the words
    assert "snowballstemmer" not in again.modules
    assert first.stdout == again.stdout and b"stretch" in first.stdout.lower()
    # A word not stemmed before (after the stemmer was imported): the stemmer stems it, the memo keeps it.
    gained = scenario.gained[" ".join(STEM_RUNS[1])]
    assert scenario("warm", *STEM_RUNS[1]).returncode == 0 and "es|estiramientos" in gained["stems"], gained


def test_a_warm_guide_does_not_import_babel(scenario: Scenario) -> None:
    first, second = scenario("warm", "benefits", "recovery"), scenario("again", "benefits", "recovery")
    assert first.stdout == second.stdout and b"Last reviewed December 6, 2026" in second.stdout
    assert "babel" in first.modules  # the memo was empty: babel made the strings
    assert "babel" not in second.modules


def test_a_warm_contact_does_not_import_babel(scenario: Scenario) -> None:
    """The card names the country, the weekdays and the time zone in CLDR's words, and the clinic's country code is
    checked against CLDR's: a repeat run finds all of it in the memo, in its vCard and JSON too."""
    for language, country in (("en", b"United States"), ("es", b"Estados Unidos")):
        card = ("--lang", language, *CARD)
        first, again = scenario("warm", *card), scenario("again", *card)
        assert first.stdout == again.stdout and b"CA 91355, " + country in again.stdout
        # The memo had none of this language's strings for the card (after babel was imported): babel made them.
        gained = scenario.gained[" ".join(card)]["cldr"]
        assert gained and all(f"|{language}|" in key for key in gained), gained
        assert "babel" not in again.modules, language
        for kind in ("--vcard", "--json"):
            warm = scenario("again", "--lang", language, "contact", kind)
            assert country in warm.stdout, kind
            assert "babel" not in warm.modules, (language, kind)


def test_the_fast_path_does_not_import_platformdirs_or_pathlib() -> None:
    code = "import sys; from runacu.cache import dirs, pages; dirs.cache_dir(); print('pathlib' in sys.modules, 'platformdirs' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.split() == ["False", "False"]
