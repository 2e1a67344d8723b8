"""The everyday-words tables: data the clinic edits, checked by `validate`, read by search, never a guide."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runacu.content.library import Library
from tests.conftest import run


def test_the_shipped_tables_are_valid_and_read_in_each_language() -> None:
    for language in ("en", "es"):
        words = Library(language=language).load_everyday_words()
        assert words is not None and words.words and words.warning_signs, language
    english = Library().load_everyday_words()
    assert english is not None and english.words["hurt"] == ["pain", "sore"]


@pytest.mark.slow
def test_a_table_is_never_a_guide(data_dir: Path) -> None:
    listed = json.loads(run("--data-dir", str(data_dir), "guides", "--json").stdout)
    assert "everyday-words" not in [guide["slug"] for guide in listed]
    result = run("--data-dir", str(data_dir), "guide", "everyday-words")
    assert result.exit_code == 2 and "unknown guide 'everyday-words'" in result.stderr
    checked = json.loads(run("validate", str(data_dir), "--json").stdout)
    assert checked["valid"]
    assert {str(data_dir / "everyday-words.yaml"), str(data_dir / "es" / "everyday-words.yaml")} <= set(
        checked["files"]
    )


@pytest.mark.slow
def test_validate_points_at_each_mistake_in_a_table(tmp_path: Path) -> None:
    (tmp_path / "es").mkdir()
    (tmp_path / "everyday-words.yaml").write_text(
        "words:\n  hurt: [pain]\n  empty: []\nwarning_signs: [numbness, 'what?']\nwarnings: []\n", encoding="utf-8"
    )
    (tmp_path / "es" / "everyday-words.yaml").write_text("words:\n  duele: dolor\n", encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert f"{tmp_path / 'everyday-words.yaml'}:3:3: words.empty: should have at least 1 item" in lines
    assert any(line.startswith(f"{tmp_path / 'everyday-words.yaml'}:4:27: warning_signs[1]: ") for line in lines)
    assert f"{tmp_path / 'everyday-words.yaml'}:5:1: warnings: unknown key 'warnings'" in lines
    assert any(line.startswith(f"{tmp_path / 'es' / 'everyday-words.yaml'}:2:3: words.duele: ") for line in lines)


@pytest.mark.slow
def test_the_same_word_twice_in_any_case_or_accent_is_a_mistake(tmp_path: Path) -> None:
    (tmp_path / "everyday-words.yaml").write_text("words:\n  médico: [doctor]\n  Medico: [doctor]\n", encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 3
    assert f"{tmp_path / 'everyday-words.yaml'}:3:3: words.Medico: 'Medico' is 'médico' again" in result.stdout


def test_a_bad_table_stops_search_as_bad_data_does(tmp_path: Path) -> None:
    (tmp_path / "everyday-words.yaml").write_text("words:\n  hurt: pain\n", encoding="utf-8")
    result = run("--data-dir", str(tmp_path), "search", "hurt")
    assert result.exit_code == 3
    assert "everyday-words.yaml:2:3: words.hurt" in result.stderr


@pytest.mark.slow
def test_a_clinic_table_replaces_the_built_in_one(tmp_path: Path) -> None:
    assert run("search", "zzzleep").exit_code == 1
    (tmp_path / "everyday-words.yaml").write_text("words:\n  zzzleep: [insomnia]\n", encoding="utf-8")
    result = run("--data-dir", str(tmp_path), "search", "zzzleep")
    assert result.exit_code == 0
    assert "runacu benefits stress-and-sleep" in result.stdout
    # The built-in table is replaced, not merged: its words no longer apply.
    built_in = Library().load_everyday_words()
    assert built_in is not None and "sneakers" in built_in.words
    assert "Not in the guides: 'sneakers'" in run("--data-dir", str(tmp_path), "search", "sneakers", "sleep").stdout


@pytest.mark.slow
def test_phrases_the_guides_do_not_cover_are_checked_and_said_to_be_not_covered(tmp_path: Path) -> None:
    (tmp_path / "everyday-words.yaml").write_text("not_covered: [training plan, 'what?']\n", encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 3
    assert any(
        line.startswith(f"{tmp_path / 'everyday-words.yaml'}:1:30: not_covered[1]: ")
        for line in result.stdout.splitlines()
    )
    (tmp_path / "everyday-words.yaml").write_text("not_covered: [training plan]\n", encoding="utf-8")
    assert run("search", "training plan").exit_code == 1  # the built-in table lists it
    (tmp_path / "everyday-words.yaml").write_text("not_covered: [strength training]\n", encoding="utf-8")
    assert run("search", "strength training").exit_code == 0
    result = run("--data-dir", str(tmp_path), "search", "strength training")
    assert result.exit_code == 1
    assert "Not covered here: 'strength training'." in result.stdout
    # The shipped tables list some, in each language.
    for language in ("en", "es"):
        words = Library(language=language).load_everyday_words()
        assert words is not None and words.not_covered, language
