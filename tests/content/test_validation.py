"""`validate` catches content that would mislead a runner, with file and line: no evidence, an unknown evidence
kind, red-flag levels out of order, a title or summary broken over lines."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from runacu.content.library import builtin_data_dir
from runacu.exit_status import ExitStatus
from runacu.words import catalog_path
from tests.conftest import edit, fake_terminal, line_number, replace, run, strip_ansi
from tests.content.conftest import english_left

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


@pytest.mark.slow
def test_the_unknown_evidence_kind_message_lists_every_kind(data_dir: Path) -> None:
    edit(data_dir / "benefits.yaml", replace("kind: practice", "kind: anecdote"))
    result = run("validate", str(data_dir))
    assert result.exit_code == ExitStatus.INVALID_DATA
    row = next(row for row in result.stdout.splitlines() if "evidence.kind" in row)
    for kind in EVIDENCE_KINDS:
        assert kind in row


# --- every mistake at once, in each language -----------------------------------------------------------------

#: `validate` over the broken files (tests/content/conftest.py) as runacu said it in English before its data
#: errors were translated, the broken folder written `broken` and the built-in one `{builtin}`.
BROKEN_FILES_IN_ENGLISH = Path(__file__).with_name("validate_broken_files.en.txt")
BROKEN_FILES_IN_JSON = Path(__file__).with_name("validate_broken_files.en.json")
#: The day the broken files are checked as of: the review of `valid.yaml` is overdue, the others are not.
TODAY = "2026-12-01"


def validate_broken(broken_dir: Path, *args: str) -> str:
    result = run(*args, "validate", str(broken_dir), "--today", TODAY)
    assert result.exit_code == ExitStatus.INVALID_DATA
    return result.stdout.replace(str(broken_dir), "broken").replace(str(builtin_data_dir()), "{builtin}")


def runacus_own_english() -> list[str]:
    """Every message of runacu's own in the Spanish catalog (Click's and Typer's aside)."""
    from babel.messages.pofile import read_po

    with Path(catalog_path("es")).with_suffix(".po").open("rb") as po_file:
        catalog = read_po(po_file, locale="es")
    return [
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalog
        if message.id and any(location.startswith("runacu/") for location, _ in message.locations)
    ]


@pytest.mark.slow
def test_validate_says_every_mistake_in_english_as_it_always_has(broken_dir: Path) -> None:
    assert validate_broken(broken_dir) == BROKEN_FILES_IN_ENGLISH.read_text(encoding="utf-8")
    assert json.loads(validate_broken(broken_dir, "--json")) == json.loads(BROKEN_FILES_IN_JSON.read_text())


@pytest.mark.slow
def test_validate_says_every_mistake_in_spanish_with_no_english_of_runacus(broken_dir: Path) -> None:
    english = BROKEN_FILES_IN_ENGLISH.read_text(encoding="utf-8").splitlines()
    spanish = validate_broken(broken_dir, "--lang", "es").splitlines()
    assert spanish[-1] == "62 problemas en 35 archivos. 4 advertencias."
    assert len(spanish) == len(english) == 62 + 4 + 1
    for said, english_line in zip(spanish[:-1], english[:-1], strict=True):
        where = english_line.split(": ")[0]  # the file, line and column: as they were
        assert said.startswith(where + ": ") and said != english_line
    assert english_left("\n".join(spanish), runacus_own_english()) == []
    assert "(advertencia)" in spanish[-2]
    problems = json.loads(validate_broken(broken_dir, "--lang", "es", "--json"))["problems"]
    assert (
        problems[1]["message"]
        == "debe ser texto, no un número: póngalo entre comillas para conservarlo tal como está escrito"
    )
    assert english_left(json.dumps(problems, ensure_ascii=False), runacus_own_english()) == []


@pytest.mark.slow
def test_validate_on_a_terminal_says_every_mistake_in_spanish(broken_dir: Path) -> None:
    result = run("--lang", "es", "validate", str(broken_dir), "--today", TODAY, terminal=fake_terminal(width=200))
    shown = " ".join(strip_ansi(result.stdout).split())
    assert "Problemas" in shown and "Advertencias" in shown
    assert "YAML no válido: al analizar un bloque de claves y valores: se esperaba una clave" in shown
    assert english_left(shown, runacus_own_english()) == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_validate_reads_each_data_file_once(monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    """It checks every file, reviews every guide and compares each translation with its English, from one read:
    a file read twice is parsed, or rebuilt from the cache, and validated twice."""
    from runacu.content import library

    reads: Counter[str] = Counter()
    original = library.read_document

    def counted(data_file: library.DataFile) -> object:
        reads[str(data_file.location)] += 1
        return original(data_file)

    monkeypatch.setattr(library, "read_document", counted)
    assert run("--lang", language, "validate").exit_code == ExitStatus.SUCCESS
    shipped = {str(path) for path in Path(str(builtin_data_dir())).rglob("*.yaml")}
    assert set(reads) == shipped
    assert set(reads.values()) == {1}, reads
