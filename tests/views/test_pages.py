"""What every guide page shows, in every format: the evidence label in words, red flags first, the clinic's call to action and the review date."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import edit, fake_terminal, one_line, red_flag_levels, replace, run, strip_ansi
from tests.views.conftest import shown

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


# The evidence label: near the topic title, in words, in every format


def test_the_evidence_label_is_in_words_in_plain_text_right_under_the_title() -> None:
    result = run("benefits", "sleep", "--format", "plain")
    text = one_line(result.stdout)
    title = text.index("5. Less stress, better sleep")
    label = text.index("Evidence: Systematic review of trials.")
    explanation = text.index("The clinic says relaxation")
    assert title < label < explanation
    assert label - title < 250, "the label sits just under the title and summary"


@pytest.mark.slow
@pytest.mark.parametrize("command", [("benefits",), ("back-pain",), ("guide", "first-visit")])
def test_every_topic_shows_its_evidence_label_in_words(command: tuple[str, ...]) -> None:
    data = json.loads(shown(*command, "--json").stdout)
    text = one_line(shown(*command, "--format", "plain").stdout)
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


def test_red_flag_levels_are_spelled_out_before_the_explanation() -> None:
    text = one_line(shown("back-pain", "doctor", "--format", "plain").stdout)
    headings = [f"{str(level['level']).upper()}: {level['action']}" for level in red_flag_levels()]
    assert headings[0] == "EMERGENCY: Call 911 or go to the emergency room"
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    title = text.index("6. When to see a doctor")
    explanation = text.index("The clinic says to listen to your body")
    assert title < positions[0] and positions[-1] < explanation


def test_red_flags_come_before_the_explanation_in_the_whole_guide_too() -> None:
    text = one_line(shown("back-pain", "--format", "plain").stdout)
    section = text[text.index("6. When to see a doctor") :]
    assert section.index("EMERGENCY: Call 911") < section.index("The clinic says to listen to your body")


@pytest.mark.slow
def test_the_intro_points_to_the_warning_signs_and_the_check_in_every_format() -> None:
    pointer = "Warning signs that need a doctor: see topic 6, When to see a doctor, or run runacu check"
    plain = one_line(shown("back-pain", "--format", "plain").stdout)
    assert pointer in plain
    assert plain.index(pointer) < plain.index("1. What causes it")  # before the first topic
    markdown = shown("back-pain", "--format", "markdown").stdout
    assert "**Warning signs that need a doctor: see topic 6, When to see a doctor, or run** `runacu check`" in markdown
    html = shown("back-pain", "--format", "html").stdout  # a handout: the topic's title links to it, no command
    assert "<strong>Warning signs that need a doctor: see topic 6,</strong>" in html
    assert '<strong><a href="#when-to-see-a-doctor">When to see a doctor</a></strong>' in html
    assert "runacu check" not in html
    rich = one_line(strip_ansi(shown("back-pain", width=80).stdout))
    assert pointer in rich
    single = one_line(shown("back-pain", "research", "--format", "plain").stdout)
    assert "Warning signs that need a doctor" not in single  # one line under the intro, not on every topic


def test_a_guide_without_red_flags_has_no_pointer() -> None:
    assert "Warning signs that need a doctor" not in shown("benefits", "--format", "plain").stdout


def test_the_text_around_red_flags_does_not_point_below_them() -> None:
    # The warning signs are shown before the explanation: it must not send the reader to "the list below".
    text = one_line(shown("back-pain", "doctor", "--format", "plain").stdout)
    after = text[text.index("SOON: Book an appointment") :]
    assert not re.search(r"\b(lists?|signs?) below\b", after), re.search(r"[^.]*\bbelow\b[^.]*\.", after)


# Every guide ends with the clinic's call to action and its review date


def _ending(text: str, last_title: str) -> str:
    """What follows the last topic's title."""
    flat = one_line(text)
    return flat[flat.rindex(last_title) :]


CALL = f"For questions about acupuncture, or to book a visit, call {CLINIC} at {PHONE}."


#: On a screen the call to action says whether the clinic is open now; a handout does not.
OPEN_OR_CLOSED = re.compile(r"(Open now, closes|Closed now, opens) [^.]*(AM|PM)\. Run runacu contact for the address")


@pytest.mark.slow
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
    text = shown("back-pain", "--format", output_format).stdout
    tail = text[text.rindex("When to see a doctor") :]
    assert CLINIC in tail and PHONE in tail and "tel:+16614909221" in tail
    # Markdown names the command that shows the address and hours; an HTML handout shows them.
    assert ("runacu contact" in tail) == (output_format == "markdown") and REVIEWED in tail
    assert "Open now" not in tail and "Closed now" not in tail  # a handout outlives this moment
    assert "Regain control" not in text


def test_the_tagline_is_shown_once_on_contact() -> None:
    assert shown("contact", "--format", "plain").stdout.count("Regain control of your life") == 1


@pytest.mark.slow
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
