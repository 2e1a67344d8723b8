"""A third language is a catalog and a data folder, with no change to the code: a copy of the source tree is given
French (`locale/fr/LC_MESSAGES/runacu.po`, compiled, with a few entries translated, and `data/fr/` with one guide
of one topic), and runacu speaks French where it was given it and English everywhere else.

The copy and its runs are made once (`made_once`): the runs in French by one driver (`run_each` in test_pipes.py),
each a process of its own forked from it, and the run in a French locale by a Python started in it."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from tests.conftest import REPO
from tests.e2e.conftest import made_once
from tests.e2e.test_pipes import Ran, drive, read_report, runs_of

#: The few entries the French catalog translates (Click's help option among them); the rest stays English.
FRENCH = {
    "Phone": "Téléphone",
    "Address": "Adresse",
    "Disclaimer:": "Avertissement :",
    "Show this message and exit.": "Afficher ce message et quitter.",
}
FRENCH_TITLE = "Les bienfaits de l'acupuncture pour les coureurs"
FRENCH_TOPIC = "Récupération plus rapide"

#: The runs of the copy's runacu, with `--lang fr`; and the run the locale (LANG) makes French.
IN_FRENCH = runs_of(
    ["--lang", "fr", "benefits"],
    ["--lang", "fr", "contact", "--at", "2026-11-23T10:00"],
    ["--lang", "fr", "--help"],
    ["--lang", "fr", "search", "récupérations"],  # Snowball's French stems the plural
)
IN_A_FRENCH_LOCALE = runs_of(["contact", "--at", "2026-11-23T10:00"])


def make_french_tree(root: Path) -> None:
    """A copy of the source tree (its `src/runacu` and `data`) with French added as a translator adds it."""
    # With its compiled modules: Python uses one only while its source has the time and size it was compiled from,
    # which the copy keeps, so the copy runs the same code without compiling it again.
    shutil.copytree(REPO / "src" / "runacu", root / "src" / "runacu")
    shutil.copytree(REPO / "data", root / "data")
    catalog = Catalog(locale="fr", domain="runacu")
    for english, french in FRENCH.items():
        catalog.add(english, french)
    messages = root / "src" / "runacu" / "locale" / "fr" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    with (messages / "runacu.po").open("wb") as po_file:
        write_po(po_file, catalog)
    with (messages / "runacu.mo").open("wb") as mo_file:
        write_mo(mo_file, catalog)
    guide = yaml.safe_load((REPO / "data" / "benefits.yaml").read_text(encoding="utf-8"))
    guide["title"] = FRENCH_TITLE
    guide["topics"] = [{**guide["topics"][0], "title": FRENCH_TOPIC}]  # one topic of five: the others in English
    (root / "data" / "fr").mkdir()
    (root / "data" / "fr" / "benefits.yaml").write_text(
        yaml.safe_dump(guide, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def make_french(folder: Path) -> None:
    """The French copy, in `folder`/tree, and its runs. The runs share a cache (its data is parsed once), with no
    stored pages."""
    tree = folder / "tree"
    make_french_tree(tree)
    env = {"PYTHONPATH": str(tree / "src"), "XDG_CACHE_HOME": str(tree / "cache"), "RUNACU_NO_CACHE": "1"}
    drive(folder / "fr", IN_FRENCH, env=env, cwd=tree)
    drive(folder / "fr_FR", IN_A_FRENCH_LOCALE, env={**env, "LANG": "fr_FR.UTF-8"}, cwd=tree)


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the French copy (`tree`) and of what its runs did: made once per run."""
    return made_once(tmp_path_factory, "french", make_french)


def run_french(french: Path, *args: str, locale: bool = False) -> tuple[str, str]:
    """What a run of the copy's runacu wrote to stdout and stderr, after checking it succeeded."""
    runs: dict[str, Ran] = read_report(french / ("fr_FR" if locale else "fr"))
    result = runs[shlex.join(args)]
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode(), result.stderr.decode()


def test_the_copy_is_the_code_under_test_with_no_change_but_french(french: Path) -> None:
    copied = french / "tree" / "src" / "runacu"
    python = sorted(path.relative_to(copied) for path in copied.rglob("*.py"))
    assert python == sorted(
        path.relative_to(REPO / "src" / "runacu") for path in (REPO / "src" / "runacu").rglob("*.py")
    )
    assert all((copied / path).read_bytes() == (REPO / "src" / "runacu" / path).read_bytes() for path in python)


def test_a_guide_in_french_with_english_where_it_has_no_translation(french: Path) -> None:
    out, err = run_french(french, "--lang", "fr", "benefits")
    assert FRENCH_TITLE in out and FRENCH_TOPIC in out
    assert "Avertissement : This guide is general information" in " ".join(out.split())  # French word, English data
    assert "Last reviewed 6 décembre 2026" in out  # no French for the sentence: CLDR's French date in it
    assert "Injury prevention" in out and "Faster recovery" not in out  # the other topics, from the English guide
    assert "some topics of 'benefits' have no version in this language yet, shown in English" in err


def test_the_clinic_card_in_french_from_the_catalog_and_cldr(french: Path) -> None:
    out, _ = run_french(french, "--lang", "fr", "contact", "--at", "2026-11-23T10:00")
    assert "Téléphone:" in out and "Adresse:" in out
    assert "27430 The Old Rd, Valencia, CA 91355, États-Unis" in out  # CLDR's name of US
    assert "Lundi" in out and "08:00 – 18:00" in out  # CLDR's weekdays and times in French
    assert "Opening hours (" in out and "Monday" not in out  # a sentence with no translation stays English
    # The locale chooses French too, as it does Spanish.
    assert run_french(french, "contact", "--at", "2026-11-23T10:00", locale=True)[0] == out


def test_help_offers_french_and_says_its_translated_words(french: Path) -> None:
    out, _ = run_french(french, "--lang", "fr", "--help")
    assert "--lang <en|es|fr>" in out
    assert "Afficher ce message et quitter." in out
    assert "Show the version and exit." in out  # not translated: English


def test_a_search_in_french_finds_the_french_topic(french: Path) -> None:
    out, _ = run_french(french, "--lang", "fr", "search", "récupérations")  # Snowball's French stems the plural
    assert FRENCH_TOPIC in out
