"""Custom data directories and extra guides: what replaces the built-in files, and what `guides` and `guide` find."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import HAMSTRING_GUIDE, fake_terminal, run


@pytest.fixture
def clinic_dir(data_dir: Path) -> Path:
    """A clinic's copy of data/ with a new address and an extra guide."""
    clinic = data_dir / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("27430 The Old Rd", "1 Test Street"))
    (data_dir / "hamstrings.yaml").write_text(HAMSTRING_GUIDE)
    return data_dir


def test_a_custom_file_replaces_the_built_in_one(clinic_dir: Path) -> None:
    result = run("--data-dir", str(clinic_dir), "contact")
    assert "1 Test Street" in result.stdout
    assert "27430 The Old Rd" not in result.stdout


def test_built_in_files_not_overridden_still_work(tmp_path: Path) -> None:
    (tmp_path / "hamstrings.yaml").write_text(HAMSTRING_GUIDE)
    assert "27430 The Old Rd" in run("--data-dir", str(tmp_path), "contact").stdout
    assert run("--data-dir", str(tmp_path), "benefits", "--list").stdout.splitlines()[0] == "recovery"


def test_guides_lists_built_in_and_extra_guides(clinic_dir: Path) -> None:
    piped = run("--data-dir", str(clinic_dir), "guides")
    assert piped.stdout.splitlines() == ["benefits", "back-pain", "first-visit", "hamstrings"]
    on_terminal = run("--data-dir", str(clinic_dir), "guides", terminal=fake_terminal()).stdout
    assert "Hamstring care for runners" in on_terminal and "Topics" in on_terminal
    data = json.loads(run("--data-dir", str(clinic_dir), "guides", "--json").stdout)
    assert data[3] == {"slug": "hamstrings", "title": "Hamstring care for runners", "topics": 1}


@pytest.mark.slow
def test_guide_shows_an_extra_guide_with_the_usual_options(clinic_dir: Path) -> None:
    shown = run("--data-dir", str(clinic_dir), "guide", "hamstrings", "1")
    assert shown.exit_code == 0
    assert "1. Gentle stretching" in shown.stdout and "- Never bounce." in shown.stdout
    assert run("--data-dir", str(clinic_dir), "guide", "hamstrings", "--list").stdout == "stretching\n"
    assert run("guide", "back-pain", "research").exit_code == 0


def test_unknown_guide_is_a_usage_error(clinic_dir: Path) -> None:
    result = run("--data-dir", str(clinic_dir), "guide", "hamstrnigs")
    assert result.exit_code == 2
    assert "Did you mean 'hamstrings'?" in result.stderr
    assert run("guide", "clinic").exit_code == 2


def test_option_wins_over_environment(clinic_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNACU_DATA_DIR", str(tmp_path / "nowhere"))
    assert run("--data-dir", str(clinic_dir), "guide", "hamstrings").exit_code == 0
    result = run("guides")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_a_file_given_as_data_directory_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "file.yaml").write_text("x: 1\n")
    result = run("--data-dir", str(tmp_path / "file.yaml"), "benefits")
    assert result.exit_code == 2
    assert "not a directory" in result.stderr
