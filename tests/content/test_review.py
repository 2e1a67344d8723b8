"""Warnings `validate` gives about valid guides that need the clinic's attention: overdue reviews, hard reading, translations that drifted."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from runacu.cache import parsed
from runacu.cache.memo import Memo
from runacu.content import review
from runacu.exit_status import ExitStatus
from tests.conftest import edit, line_number, replace, run

#: A paragraph no runner should have to read: long sentences of long words.
LONG_WINDED = (
    "Notwithstanding the considerable methodological heterogeneity characterising contemporary investigations, "
    "acupuncture-associated physiological modifications potentially facilitate musculoskeletal regeneration "
    "through multifactorial microcirculatory augmentation, inflammatory modulation and neuroendocrinological "
    "recalibration, particularly following extraordinarily demanding endurance competitions necessitating "
    "comprehensive rehabilitative interventions administered by appropriately credentialed practitioners."
)

#: The same in Spanish, for the Spanish measure (Fernández-Huerta reading ease).
LARGO = (
    "No obstante la considerable heterogeneidad metodológica que caracteriza las investigaciones contemporáneas, "
    "las modificaciones fisiológicas asociadas a la acupuntura facilitarían potencialmente la regeneración "
    "musculoesquelética mediante el aumento microcirculatorio multifactorial y la recalibración neuroendocrinológica."
)


# Warnings: valid data that needs the clinic's attention


def validate(*args: str) -> tuple[int, int, str]:
    """Exit status without and with --strict, and the plain report."""
    result = run("validate", *args)
    strict = run("validate", "--strict", *args)
    return result.exit_code, strict.exit_code, result.stdout


@pytest.mark.slow
def test_an_overdue_review_is_a_warning(data_dir: Path) -> None:
    status, strict, report = validate(str(data_dir), "--today", "2028-01-01")
    assert (status, strict) == (0, ExitStatus.INVALID_DATA)
    text = (data_dir / "benefits.yaml").read_text()
    line = line_number(text, "next_review:")
    rows = [row for row in report.splitlines() if row.startswith(f"{data_dir / 'benefits.yaml'}:{line}:")]
    assert rows and "2027-12-06" in rows[0] and rows[0].endswith("(warning)"), report
    assert "warning" in report.splitlines()[-1]


@pytest.mark.slow
@pytest.mark.parametrize("today", ["2026-12-01", "2027-12-06"])
def test_a_review_not_yet_due_is_no_warning(today: str, data_dir: Path) -> None:
    status, strict, report = validate(str(data_dir), "--today", today)
    assert (status, strict) == (0, 0), report
    assert "warning" not in report


@pytest.mark.slow
def test_warnings_are_listed_apart_in_json(data_dir: Path) -> None:
    result = run("validate", str(data_dir), "--today", "2028-01-01", "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["valid"] is True and report["problems"] == []
    overdue = [w for w in report["warnings"] if w["file"] == str(data_dir / "benefits.yaml")]
    assert overdue and overdue[0]["field"] == "next_review"
    assert overdue[0]["line"] == line_number((data_dir / "benefits.yaml").read_text(), "next_review:")


@pytest.mark.slow
def test_a_hard_to_read_topic_is_a_warning(data_dir: Path) -> None:
    path = data_dir / "benefits.yaml"
    text = edit(
        path,
        replace(
            "      The clinic says acupuncture can improve circulation.",
            f"      {LONG_WINDED}\n\n      The clinic says acupuncture can improve circulation.",
        ),
    )
    status, strict, report = validate(str(data_dir), "--today", "2026-12-01")
    assert (status, strict) == (0, ExitStatus.INVALID_DATA), report
    line = line_number(text, "- slug: recovery")  # the warning is about the topic's whole text
    rows = [row for row in report.splitlines() if row.startswith(f"{path}:")]
    assert len(rows) == 1, f"only the long-winded topic: {rows}"
    assert rows[0].startswith(f"{path}:{line}:") and "reading grade 8" in rows[0], rows


@pytest.mark.slow
def test_a_lower_reading_grade_flags_the_shipped_topics(data_dir: Path) -> None:
    path = data_dir / "benefits.yaml"
    text = edit(path, replace("next_review: 2027-12-06\n", "next_review: 2027-12-06\nreading_grade: 4\n"))
    status, strict, report = validate(str(data_dir), "--today", "2026-12-01")
    assert (status, strict) == (0, ExitStatus.INVALID_DATA), report
    rows = [row for row in report.splitlines() if row.startswith(f"{path}:")]
    assert rows and all("reading grade 4" in row and row.endswith("(warning)") for row in rows), rows
    topic_lines = {line_number(text, "  - slug: ", n) for n in range(1, 6)}
    assert {int(row.split(":")[1]) for row in rows} <= topic_lines


def _new_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scores' memo as a new process starts it: nothing read yet (in this process it is read once)."""
    memo = review._SCORES
    monkeypatch.setattr(review, "_SCORES", Memo(memo.name, memo.package, memo.limit, memo.accept))


@pytest.mark.slow
def test_reading_scores_are_kept_so_a_later_run_needs_no_textstat(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """textstat loads a pronouncing dictionary to count syllables: a later run reads its scores from the memo."""
    edit(data_dir / "benefits.yaml", replace("    summary: ", f"    summary: {LONG_WINDED} "))
    edit(data_dir / "es" / "benefits.yaml", replace("    summary: ", f"    summary: {LARGO} "))
    args = ("validate", str(data_dir), "--today", "2026-12-01")
    _new_run(monkeypatch)
    first = run(*args)
    assert "reads at grade" in first.stdout and "Fernández-Huerta reading ease" in first.stdout, first.stdout
    memo = Path(review._SCORES.path())
    assert memo.is_file()

    _new_run(monkeypatch)
    monkeypatch.setitem(sys.modules, "textstat", None)  # `import textstat` fails from here on
    again = run(*args)
    assert (again.exit_code, again.stdout, again.stderr) == (first.exit_code, first.stdout, first.stderr)

    # With no memo, or an answer in it that is not a number, there is no score to give: textstat is gone.
    stamp, answers = parsed.read(str(memo))
    parsed.write(str(memo), (stamp, dict.fromkeys(answers, "x")))
    for cache in (tmp_path / "xdg-cache", tmp_path / "empty-cache"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
        _new_run(monkeypatch)
        without = run(*args)
        assert without.exit_code == 0, without.stdout
        assert "reads at grade" not in without.stdout and "Fernández-Huerta" not in without.stdout


def _add_red_flags(text: str) -> str:
    start = text.index("  - slug: recovery")
    end = text.index("    explanation:", start)
    flags = "    red_flags:\n      - level: soon\n        action: Vea a su médico\n        signs: [Dolor que no cede]\n"
    return text[:end] + flags + text[end:]


# name -> (Spanish file, edit, needle locating the warning's line, words of the warning)
MISMATCHES: dict[str, tuple[str, Callable[[str], str], str, str]] = {
    "topic slugs": ("benefits.yaml", replace("- slug: recovery", "- slug: recuperar"), "topics:", "topics differ"),
    "red flags added": ("benefits.yaml", _add_red_flags, "red_flags:", "red flags differ"),
    "a sign missing": (
        "back-pain.yaml", replace("          - Dolor en el pecho\n", ""), "red_flags:", "red flags differ",
    ),
    "a DOI changed": (
        "benefits.yaml", replace("doi: 10.1093/ecam/nem055", "doi: 10.1093/ecam/nem056"), "10.1093/ecam/nem056",
        "DOIs differ",
    ),
}  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(MISMATCHES))
def test_a_translation_that_differs_from_the_english_is_a_warning(kind: str, data_dir: Path) -> None:
    name, change, needle, words = MISMATCHES[kind]
    path = data_dir / "es" / name
    text = edit(path, change)
    status, strict, report = validate(str(data_dir), "--today", "2026-12-01")
    assert (status, strict) == (0, ExitStatus.INVALID_DATA), report
    rows = [row for row in report.splitlines() if row.startswith(f"{path}:") and words in row]
    assert rows and rows[0].endswith("(warning)"), report
    line = int(rows[0].split(":")[1])
    if needle == "10.1093/ecam/nem056":  # located at the topic's sources, just above the DOI
        assert line_number(text, "    sources:", 2) == line < line_number(text, needle)
    else:
        assert line == line_number(text, needle)


@pytest.mark.slow
def test_the_shipped_data_has_no_problems_and_no_warnings() -> None:
    result = run("validate", "--strict", "--today", "2026-12-01")
    assert result.exit_code == 0, result.stdout
    assert "warning" not in result.stdout.lower()
    assert result.stdout.strip().startswith("All ") and result.stdout.strip().endswith("valid.")
