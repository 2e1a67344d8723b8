"""`runacu:` starts an error or a warning on stderr, and nothing else: a line that only informs has no prefix."""

from __future__ import annotations

from pathlib import Path

from runacu.exit_status import ExitStatus
from tests.conftest import fake_terminal, run


def test_saved_to_a_file_is_said_without_the_prefix(tmp_path: Path) -> None:
    target = tmp_path / "benefits.md"
    result = run("benefits", "--format", "markdown", "--output", str(target))
    assert result.exit_code == ExitStatus.SUCCESS
    assert result.stderr.startswith("saved to /")  # the path, cut short when long
    assert len(result.stderr.splitlines()) == 1


def test_saved_vcard_is_said_without_the_prefix(tmp_path: Path) -> None:
    target = tmp_path / "clinic.vcf"
    result = run("contact", "--vcard", "--output", str(target))
    assert result.exit_code == ExitStatus.SUCCESS
    assert result.stderr.startswith("saved the vCard to /")
    assert len(result.stderr.splitlines()) == 1


def test_an_error_keeps_its_prefix_and_label(tmp_path: Path) -> None:
    target = tmp_path / "taken.md"
    target.write_text("mine")
    result = run("benefits", "--output", str(target))
    assert result.exit_code != ExitStatus.SUCCESS
    assert result.stderr.startswith("runacu: error: ")


def test_a_warning_keeps_its_prefix() -> None:
    result = run("search", "numbness", "--json")
    assert result.stderr.startswith("runacu: warning sign: ")


def test_the_check_s_questions_are_no_errors() -> None:
    terminal = fake_terminal()
    terminal.is_interactive = True
    result = run("check", terminal=terminal, input="y\n")
    assert result.exit_code == ExitStatus.SUCCESS
    assert "runacu:" not in result.stderr
    assert "This is not a diagnosis." in result.stderr
