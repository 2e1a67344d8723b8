"""Content a runner can trust: `validate` catches what would mislead (with file and line), warns about
what needs the clinic's attention, and every guide shows its evidence, red flags and call to action."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from runacu.exit_status import ExitStatus
from tests.conftest import fake_terminal, run, strip_ansi

CLINIC = "Valencia Sports Medicine"
PHONE = "(661) 490-9221"
REVIEWED = "Last reviewed December 6, 2026"
#: Every evidence kind a guide may name; the label must say it in words.
EVIDENCE_KINDS = ("review", "trial", "study", "lab", "guidance", "practice")

EXTRA_GUIDE = """\
title: Stretching for runners
intro: Two ways to stretch.
disclaimer: General information, not medical advice.
reviewed: 2026-10-05
next_review: 2027-10-05
topics:
  - slug: calves
    title: Calf stretches
    summary: Stretch your calves after a run.
    evidence: {kind: practice, note: The clinic's experience.}
    explanation: Lean on a wall and keep the back heel down.
  - slug: hamstrings
    title: Hamstring stretches
    summary: Stretch your hamstrings gently.
    evidence: {kind: trial, note: Trials found stretching does not prevent injuries.}
    explanation: Reach for your toes without bouncing.
"""
#: A paragraph no runner should have to read: long sentences of long words.
LONG_WINDED = (
    "Notwithstanding the considerable methodological heterogeneity characterising contemporary investigations, "
    "acupuncture-associated physiological modifications potentially facilitate musculoskeletal regeneration "
    "through multifactorial microcirculatory augmentation, inflammatory modulation and neuroendocrinological "
    "recalibration, particularly following extraordinarily demanding endurance competitions necessitating "
    "comprehensive rehabilitative interventions administered by appropriately credentialed practitioners."
)


def one_line(text: str) -> str:
    return " ".join(text.split())


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based number of the line holding the `occurrence`-th `needle`."""
    lines = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(lines) >= occurrence, f"{needle!r} is not in the file {occurrence} times"
    return lines[occurrence - 1]


def edit(path: Path, change: Callable[[str], str]) -> str:
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, "the edit changed nothing: has the shipped data moved?"
    path.write_text(after, encoding="utf-8")
    return after


def replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, f"{old!r} is not in the file"
        return text.replace(old, new, 1)

    return change


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


@pytest.mark.parametrize("kind", list(MISTAKES))
def test_validate_catches_content_that_would_mislead_with_file_and_line(kind: str, data_dir: Path) -> None:
    name, change, (needle, occurrence), words = MISTAKES[kind]
    path = data_dir / name
    text = edit(path, change)
    result = run("validate", str(data_dir))
    assert result.exit_code == ExitStatus.INVALID_DATA, result.stdout
    line = line_of(text, needle, occurrence)
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


# Warnings: valid data that needs the clinic's attention


def validate(*args: str) -> tuple[int, int, str]:
    """Exit status without and with --strict, and the plain report."""
    result = run("validate", *args)
    strict = run("validate", "--strict", *args)
    return result.exit_code, strict.exit_code, result.stdout


def test_an_overdue_review_is_a_warning(data_dir: Path) -> None:
    status, strict, report = validate(str(data_dir), "--today", "2028-01-01")
    assert (status, strict) == (0, ExitStatus.INVALID_DATA)
    text = (data_dir / "benefits.yaml").read_text()
    line = line_of(text, "next_review:")
    rows = [row for row in report.splitlines() if row.startswith(f"{data_dir / 'benefits.yaml'}:{line}:")]
    assert rows and "2027-12-06" in rows[0] and rows[0].endswith("(warning)"), report
    assert "warning" in report.splitlines()[-1]


@pytest.mark.parametrize("today", ["2026-12-01", "2027-12-06"])
def test_a_review_not_yet_due_is_no_warning(today: str, data_dir: Path) -> None:
    status, strict, report = validate(str(data_dir), "--today", today)
    assert (status, strict) == (0, 0), report
    assert "warning" not in report


def test_warnings_are_listed_apart_in_json(data_dir: Path) -> None:
    result = run("validate", str(data_dir), "--today", "2028-01-01", "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["valid"] is True and report["problems"] == []
    overdue = [w for w in report["warnings"] if w["file"] == str(data_dir / "benefits.yaml")]
    assert overdue and overdue[0]["field"] == "next_review"
    assert overdue[0]["line"] == line_of((data_dir / "benefits.yaml").read_text(), "next_review:")


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
    line = line_of(text, "- slug: recovery")  # the warning is about the topic's whole text
    rows = [row for row in report.splitlines() if row.startswith(f"{path}:")]
    assert len(rows) == 1, f"only the long-winded topic: {rows}"
    assert rows[0].startswith(f"{path}:{line}:") and "reading grade 8" in rows[0], rows


def test_a_lower_reading_grade_flags_the_shipped_topics(data_dir: Path) -> None:
    path = data_dir / "benefits.yaml"
    text = edit(path, replace("next_review: 2027-12-06\n", "next_review: 2027-12-06\nreading_grade: 4\n"))
    status, strict, report = validate(str(data_dir), "--today", "2026-12-01")
    assert (status, strict) == (0, ExitStatus.INVALID_DATA), report
    rows = [row for row in report.splitlines() if row.startswith(f"{path}:")]
    assert rows and all("reading grade 4" in row and row.endswith("(warning)") for row in rows), rows
    topic_lines = {line_of(text, "  - slug: ", n) for n in range(1, 6)}
    assert {int(row.split(":")[1]) for row in rows} <= topic_lines


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
        assert line_of(text, "    sources:", 2) == line < line_of(text, needle)
    else:
        assert line == line_of(text, needle)


def test_the_shipped_data_has_no_problems_and_no_warnings() -> None:
    result = run("validate", "--strict", "--today", "2026-12-01")
    assert result.exit_code == 0, result.stdout
    assert "warning" not in result.stdout.lower()
    assert result.stdout.strip().startswith("All ") and result.stdout.strip().endswith("valid.")


# The evidence label: near the topic title, in words, in every format


def test_the_evidence_label_is_in_words_in_plain_text_right_under_the_title() -> None:
    result = run("benefits", "sleep", "--format", "plain")
    text = one_line(result.stdout)
    title = text.index("5. Less stress, better sleep")
    label = text.index("Evidence: Systematic review of trials.")
    explanation = text.index("The clinic says relaxation")
    assert title < label < explanation
    assert label - title < 250, "the label sits just under the title and summary"


@pytest.mark.parametrize("command", [("benefits",), ("back-pain",), ("guide", "first-visit")])
def test_every_topic_shows_its_evidence_label_in_words(command: tuple[str, ...]) -> None:
    data = json.loads(run(*command, "--json").stdout)
    text = one_line(run(*command, "--format", "plain").stdout)
    for number, topic in enumerate(data["topics"], start=1):
        title = text.index(f"{number}. {topic['title']}")
        match = re.compile(r"Evidence: ([^.]+)\.").search(text, title)
        assert match is not None
        words = match.group(1)
        assert words.lower() != topic["evidence"]["kind"], "the label is in words, not the bare kind"
        assert len(words.split()) >= 2
        explanation = text.index(" ".join(topic["explanation"].split()[:10]), title)
        assert title < match.start() < explanation


def test_each_evidence_kind_has_its_own_words(tmp_path: Path) -> None:
    topics = "".join(
        f"  - slug: t-{kind}\n    title: T {kind}\n    summary: S.\n"
        f"    evidence: {{kind: {kind}, note: N.}}\n    explanation: E.\n"
        for kind in EVIDENCE_KINDS
    )
    (tmp_path / "kinds.yaml").write_text(EXTRA_GUIDE.split("topics:")[0] + "topics:\n" + topics)
    result = run("--data-dir", str(tmp_path), "guide", "kinds", "--format", "plain")
    assert result.exit_code == 0, result.stderr
    labels = re.findall(r"Evidence: ([^.]+)\.", one_line(result.stdout))
    assert len(labels) == len(EVIDENCE_KINDS)
    assert len(set(labels)) == len(EVIDENCE_KINDS), labels
    assert labels[EVIDENCE_KINDS.index("lab")] == "Animal or lab studies only"


def test_the_evidence_label_in_markdown() -> None:
    text = run("benefits", "sleep", "--format", "markdown").stdout
    title = text.index("## 5. Less stress, better sleep")
    label = text.index("**Evidence: Systematic review of trials.**")
    assert title < label < text.index("The clinic says relaxation")


def test_the_evidence_label_in_html() -> None:
    text = run("benefits", "sleep", "--format", "html").stdout
    title = text.index("5. Less stress, better sleep</h2>")
    label = text.index("Evidence: Systematic review of trials.")
    assert title < label < text.index("The clinic says relaxation")
    section = text[text.index('<section id="stress-and-sleep">') :]
    assert label > text.index('<section id="stress-and-sleep">') and "</section>" in section


def test_the_evidence_label_in_json() -> None:
    data = json.loads(run("benefits", "sleep", "--json").stdout)
    assert [topic["slug"] for topic in data["topics"]] == ["stress-and-sleep"]
    evidence = data["topics"][0]["evidence"]
    assert evidence["kind"] == "review"
    assert "inconclusive" in evidence["note"]  # a review label alone reads as support


def _dim_at(raw: str, position: int) -> bool:
    """Whether text written at `position` of `raw` is dim (faint), following every SGR sequence before it."""
    dim = False
    for match in re.finditer(r"\x1b\[([0-9;]*)m", raw[:position]):
        for code in (match.group(1) or "0").split(";"):
            if code == "2":
                dim = True
            elif code in ("0", "22", ""):
                dim = False
    return dim


def test_the_evidence_label_in_the_rich_view_is_not_dim() -> None:
    terminal = fake_terminal()
    raw = run("benefits", "sleep", terminal=terminal).stdout
    position = raw.index("Evidence: Systematic review of trials.")
    assert not raw[:position].endswith("\x1b[2m")
    assert not _dim_at(raw, position), "the label is read, not skimmed past"
    text = one_line(strip_ansi(raw))
    title = text.index("Less stress, better sleep", text.index("5."))
    assert title < text.index("Evidence: Systematic review of trials.") < text.index("The clinic says relaxation")


# Red flags


def red_flag_levels() -> list[dict[str, object]]:
    data = yaml.safe_load((Path(__file__).parents[1] / "data" / "back-pain.yaml").read_text(encoding="utf-8"))
    flags: list[dict[str, object]] = next(topic["red_flags"] for topic in data["topics"] if topic.get("red_flags"))
    return flags


def test_red_flag_levels_are_spelled_out_before_the_explanation() -> None:
    text = one_line(run("back-pain", "doctor", "--format", "plain").stdout)
    headings = [f"{str(level['level']).upper()}: {level['action']}" for level in red_flag_levels()]
    assert headings[0] == "EMERGENCY: Call 911 or go to the emergency room"
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    title = text.index("6. When to see a doctor")
    explanation = text.index("The clinic says to listen to your body")
    assert title < positions[0] and positions[-1] < explanation


def test_red_flags_come_before_the_explanation_in_the_whole_guide_too() -> None:
    text = one_line(run("back-pain", "--format", "plain").stdout)
    section = text[text.index("6. When to see a doctor") :]
    assert section.index("EMERGENCY: Call 911") < section.index("The clinic says to listen to your body")


def test_the_intro_points_to_the_warning_signs_and_the_check_in_every_format() -> None:
    pointer = "Warning signs that need a doctor: see topic 6, When to see a doctor, or run runacu check"
    plain = one_line(run("back-pain", "--format", "plain").stdout)
    assert pointer in plain
    assert plain.index(pointer) < plain.index("1. What causes it")  # before the first topic
    markdown = run("back-pain", "--format", "markdown").stdout
    assert "**Warning signs that need a doctor: see topic 6, When to see a doctor, or run** `runacu check`" in markdown
    html = run("back-pain", "--format", "html").stdout
    assert "<strong>Warning signs that need a doctor: see topic 6, When to see a doctor, or run</strong>" in html
    assert "<code>runacu check</code>" in html
    rich = one_line(strip_ansi(run("back-pain", terminal=fake_terminal()).stdout))
    assert pointer in rich
    single = one_line(run("back-pain", "research", "--format", "plain").stdout)
    assert "Warning signs that need a doctor" not in single  # one line under the intro, not on every topic


def test_a_guide_without_red_flags_has_no_pointer() -> None:
    assert "Warning signs that need a doctor" not in run("benefits", "--format", "plain").stdout


def test_the_text_around_red_flags_does_not_point_below_them() -> None:
    # The warning signs are shown before the explanation: it must not send the reader to "the list below".
    text = one_line(run("back-pain", "doctor", "--format", "plain").stdout)
    after = text[text.index("SOON: Book an appointment") :]
    assert not re.search(r"\b(lists?|signs?) below\b", after), re.search(r"[^.]*\bbelow\b[^.]*\.", after)


def test_check_json_lists_the_three_levels_in_order() -> None:
    result = run("check", "--json")
    assert result.exit_code == 0, result.stderr
    levels = json.loads(result.stdout)["levels"]
    assert [level["level"] for level in levels] == ["emergency", "today", "soon"]
    flags = red_flag_levels()
    assert [len(level["signs"]) for level in levels] == [len(level["signs"]) for level in flags]  # type: ignore[arg-type]
    assert levels[0]["action"] == "Call 911 or go to the emergency room"


# Every guide ends with the clinic's call to action and its review date


def _ending(text: str, last_title: str) -> str:
    """What follows the last topic's title."""
    flat = one_line(text)
    return flat[flat.rindex(last_title) :]


CALL = f"For questions about acupuncture, or to book a visit, call {CLINIC} at {PHONE}."
#: On a screen the call to action says whether the clinic is open now; a handout does not.
OPEN_OR_CLOSED = re.compile(r"(Open now, closes|Closed now, opens) [^.]*(AM|PM)\. Run runacu contact for the address")


@pytest.mark.parametrize(
    ("command", "last_title"),
    [
        (("benefits",), "5. Less stress, better sleep"),
        (("benefits", "sleep"), "5. Less stress, better sleep"),
        (("back-pain",), "6. When to see a doctor"),
        (("guide", "first-visit"), "6. Cost and insurance"),
        (("guide", "stretching"), "2. Hamstring stretches"),
    ],
)
def test_every_guide_ends_with_the_clinics_call_to_action(
    command: tuple[str, ...], last_title: str, data_dir: Path
) -> None:
    (data_dir / "stretching.yaml").write_text(EXTRA_GUIDE)
    result = run("--data-dir", str(data_dir), *command, "--format", "plain")
    assert result.exit_code == 0, result.stderr
    ending = _ending(result.stdout, last_title)
    call = ending.index(CALL)
    assert OPEN_OR_CLOSED.search(ending, call)
    reviewed = "Last reviewed October 5, 2026" if "stretching" in command else REVIEWED
    assert call < ending.index(reviewed)
    assert not re.search(r"\b\d\. [A-Z]", ending[call:]), "no topic after the call to action"
    assert "Regain control" not in result.stdout  # the tagline is marketing: only `contact` shows it


@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_the_call_to_action_in_markdown_and_html(output_format: str) -> None:
    text = run("back-pain", "--format", output_format).stdout
    tail = text[text.rindex("When to see a doctor") :]
    assert CLINIC in tail and PHONE in tail and "tel:+16614909221" in tail
    assert "runacu contact" in tail and REVIEWED in tail
    assert "Open now" not in tail and "Closed now" not in tail  # a handout outlives this moment
    assert "Regain control" not in text


def test_the_tagline_is_shown_once_on_contact() -> None:
    assert run("contact", "--format", "plain").stdout.count("Regain control of your life") == 1


def test_the_call_to_action_is_built_from_the_clinic_file(data_dir: Path) -> None:
    edit(
        data_dir / "clinic.yaml",
        lambda text: (
            text.replace("(661) 490-9221", "(805) 555-0142")
            .replace("+16614909221", "+18055550142")
            .replace("name: Valencia Sports Medicine", "name: Santa Clarita Running Clinic")
        ),
    )
    for command in (("benefits",), ("back-pain", "doctor"), ("guide", "first-visit")):
        result = run("--data-dir", str(data_dir), *command, "--format", "plain")
        text = one_line(result.stdout)
        assert "or to book a visit, call Santa Clarita Running Clinic at (805) 555-0142." in text
        assert PHONE not in text and CLINIC not in text
    markdown = run("--data-dir", str(data_dir), "benefits", "--format", "markdown").stdout
    assert "tel:+18055550142" in markdown and "tel:+16614909221" not in markdown


def test_the_review_date_comes_from_the_guide(data_dir: Path) -> None:
    edit(data_dir / "benefits.yaml", replace("reviewed: 2026-12-06", "reviewed: 2026-11-02"))
    text = one_line(run("--data-dir", str(data_dir), "benefits", "--format", "plain").stdout)
    assert "Last reviewed November 2, 2026" in text and REVIEWED not in text
