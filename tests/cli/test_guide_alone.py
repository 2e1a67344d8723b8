"""`runacu guide` with no guide: a usage error (exit 2) that lists the guides to choose from, as `git` lists its
commands."""

from __future__ import annotations

from pathlib import Path

from runacu.exit_status import ExitStatus
from tests.conftest import HAMSTRING_GUIDE, run


def test_guide_alone_lists_the_guides_with_the_usage_line() -> None:
    result = run("guide")
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""  # a usage error: nothing for a script to read as a guide
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Usage: ") and " guide [OPTIONS] " in lines[0] and "GUIDE" in lines[0]
    assert "Error: Missing argument 'GUIDE'. Choose one of these guides:" in result.stderr
    listed = lines[lines.index("Error: Missing argument 'GUIDE'. Choose one of these guides:") + 1 :]
    assert [line.split()[0] for line in listed] == ["benefits", "back-pain", "first-visit"]
    assert "  first-visit  Your first acupuncture visit" in listed


def test_guide_alone_lists_an_extra_guide_too(tmp_path: Path) -> None:
    (tmp_path / "hamstrings.yaml").write_text(HAMSTRING_GUIDE, encoding="utf-8")
    result = run("--data-dir", str(tmp_path), "guide")
    assert result.exit_code == ExitStatus.USAGE
    assert "  hamstrings   Hamstring care for runners" in result.stderr.splitlines()


def test_guide_alone_in_spanish() -> None:
    result = run("--lang", "es", "guide")
    assert result.exit_code == ExitStatus.USAGE
    assert "Elija una de estas guías:" in result.stderr
    assert "  benefits     Beneficios de la acupuntura para corredores" in result.stderr.splitlines()


def test_a_guide_that_is_not_there_is_still_its_own_error() -> None:
    result = run("guide", "no-such-guide")
    assert result.exit_code != 0
    assert "Choose one of these guides" not in result.stderr
