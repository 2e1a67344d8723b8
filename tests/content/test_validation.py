"""`validate` catches content that would mislead a runner, with file and line: no evidence, an unknown evidence
kind, red-flag levels out of order, a title or summary broken over lines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from runacu.exit_status import ExitStatus
from tests.conftest import edit, line_number, replace, run

#: Every evidence kind a guide may name; the label must say it in words.
EVIDENCE_KINDS = ("review", "trial", "study", "lab", "guidance", "practice")


def _drop_evidence(text: str) -> str:
    start = text.index("    evidence:\n      kind: practice\n")
    end = text.index("    explanation:", start)
    return text[:start] + text[end:]


def _empty_signs(text: str) -> str:
    start = text.index("      - level: soon\n")
    end = text.index("    sources:", start)
    return (
        text[:start]
        + "      - level: soon\n        action: Book an appointment with your doctor\n        signs: []\n"
        + text[end:]
    )


def _swap_first_two_levels(text: str) -> str:
    text = text.replace("      - level: emergency\n", "      - level: SWAP\n", 1)
    text = text.replace("      - level: today\n", "      - level: emergency\n", 1)
    return text.replace("      - level: SWAP\n", "      - level: today\n", 1)


# name -> (file, edit, (needle, occurrence) locating the line in the edited file, words of the message).
# A misplaced red-flag level is located at the level that breaks the order emergency, today, soon:
# after [today, emergency] that is the second entry; in [emergency, today, today] the third.
MISTAKES: dict[str, tuple[str, Callable[[str], str], tuple[str, int], str]] = {
    "no evidence": ("benefits.yaml", _drop_evidence, ("- slug: recovery", 1), "missing required key 'evidence'"),
    "unknown evidence kind": (
        "benefits.yaml", replace("kind: practice", "kind: anecdote"), ("kind: anecdote", 1), "'review'",
    ),
    "empty signs": ("back-pain.yaml", _empty_signs, ("signs: []", 1), "at least 1"),
    "levels out of order": ("back-pain.yaml", _swap_first_two_levels, ("- level:", 2), "in the order emergency, today, soon"),
    "level repeated": (
        "back-pain.yaml", replace("      - level: soon", "      - level: today"), ("- level:", 3), "each appear once",
    ),
    "title with a line break": (
        "benefits.yaml", replace("title: Faster recovery", 'title: "Faster\\nrecovery"'), ('"Faster', 1), "one line",
    ),
    "summary with a line break": (
        "back-pain.yaml",
        replace(
            "summary: Real and sham acupuncture both beat standard care in a large trial.",
            'summary: "Real and sham acupuncture both beat\\nstandard care in a large trial."',
        ),
        ("summary: \"Real and sham", 1),
        "one line",
    ),
}  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(MISTAKES))
def test_validate_catches_content_that_would_mislead_with_file_and_line(kind: str, data_dir: Path) -> None:
    name, change, (needle, occurrence), words = MISTAKES[kind]
    path = data_dir / name
    text = edit(path, change)
    result = run("validate", str(data_dir))
    assert result.exit_code == ExitStatus.INVALID_DATA, result.stdout
    line = line_number(text, needle, occurrence)
    problems = [row for row in result.stdout.splitlines() if row.startswith(str(path))]
    assert any(row.startswith(f"{path}:{line}:") and words in row for row in problems), (
        f"want {path.name}:{line}: ... {words}, got {problems}"
    )
    assert "(warning)" not in "".join(problems)


def test_the_unknown_evidence_kind_message_lists_every_kind(data_dir: Path) -> None:
    edit(data_dir / "benefits.yaml", replace("kind: practice", "kind: anecdote"))
    result = run("validate", str(data_dir))
    assert result.exit_code == ExitStatus.INVALID_DATA
    row = next(row for row in result.stdout.splitlines() if "evidence.kind" in row)
    for kind in EVIDENCE_KINDS:
        assert kind in row
