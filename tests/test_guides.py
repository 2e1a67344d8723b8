"""`runacu benefits` and `runacu back-pain`: the facts from the brief, topics, --list, --json, errors."""

from __future__ import annotations

import json

import pytest

from runacu.exit_status import ExitStatus
from tests.conftest import ANSI, ANSI_COLOUR, fake_terminal, run, strip_ansi

BENEFIT_SLUGS = ["recovery", "injury-prevention", "muscle-balance", "immune-system", "stress-and-sleep"]
BACK_PAIN_SLUGS = ["causes", "how-it-helps", "research", "prevention", "when-to-see-a-doctor"]

# Facts from ../shared/content/brief.md that the guides must carry, as they must appear.
BENEFIT_FACTS = [
    "acupoints", "3 million", "marathoners", "ligaments and tendons", "overuse injuries",
    "myofascial", "white blood cells", "four days", "better sleep",
    "Eshkevari L", "10.1530/JOE-12-0404", "animal study in rats",
]  # fmt: skip
BACK_PAIN_FACTS = [
    "posture", "footwear", "endorphins", "Archives of Internal Medicine", "1,162", "47.6%", "44.2%", "27.4%",
    "10.1001/archinte.167.17.1892", "could be due to chance", "Stretch regularly", "strengthening exercises", "911",
    "bladder or bowel", "worse at night", "not a diagnosis",
]  # fmt: skip


def words(text: str) -> str:
    return " ".join(text.split())


def test_benefits_shows_every_topic_the_intro_and_the_disclaimer() -> None:
    result = run("benefits")
    assert result.exit_code == ExitStatus.SUCCESS
    for title in ["Faster recovery", "Injury prevention", "Muscle rebalancing", "Immune support", "Less stress"]:
        assert title in result.stdout
    for fact in BENEFIT_FACTS:
        assert fact in words(result.stdout), fact
    assert "not medical advice" in result.stdout


def test_back_pain_carries_the_brief_facts_and_evidence_note() -> None:
    result = run("back-pain")
    assert result.exit_code == ExitStatus.SUCCESS
    for fact in BACK_PAIN_FACTS:
        assert fact in words(result.stdout), fact


@pytest.mark.parametrize(("command", "slugs"), [("benefits", BENEFIT_SLUGS), ("back-pain", BACK_PAIN_SLUGS)])
def test_list_prints_slugs_one_per_line(command: str, slugs: list[str]) -> None:
    result = run(command, "--list")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == slugs


@pytest.mark.parametrize("name", ["immune-system", "4"])
def test_one_topic_by_slug_or_number(name: str) -> None:
    result = run("benefits", name)
    assert result.exit_code == 0
    assert "4. Immune support" in result.stdout
    assert "Faster recovery" not in result.stdout
    assert "not medical advice" in result.stdout


def test_unknown_topic_is_a_usage_error_with_a_suggestion() -> None:
    result = run("benefits", "recovry")
    assert result.exit_code == ExitStatus.USAGE == 2
    assert "unknown topic 'recovry'" in result.stderr
    assert "Did you mean 'recovery'?" in result.stderr
    assert "stress-and-sleep" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name", ["0", "6", "-1"])
def test_topic_numbers_out_of_range_are_usage_errors(name: str) -> None:
    assert run("back-pain", "--", name).exit_code == 2


def test_json_mirrors_the_data_model() -> None:
    result = run("back-pain", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["slug"] == "back-pain"
    assert data["title"] == "Acupuncture for running-induced back pain"
    assert [topic["slug"] for topic in data["topics"]] == BACK_PAIN_SLUGS
    research = data["topics"][2]
    assert set(research) == {
        "slug",
        "title",
        "aliases",
        "summary",
        "evidence",
        "explanation",
        "red_flags",
        "tips",
        "sources",
    }
    assert research["evidence"]["kind"] == "trial"
    assert research["sources"][0]["doi"] == "10.1001/archinte.167.17.1892"
    assert "could be due to chance" in research["sources"][0]["note"]


def test_json_for_one_topic_keeps_the_guide_shape() -> None:
    data = json.loads(run("benefits", "recovery", "--json").stdout)
    assert [topic["slug"] for topic in data["topics"]] == ["recovery"]
    assert data["disclaimer"]


def test_list_with_json_is_a_json_array() -> None:
    assert json.loads(run("benefits", "--list", "--json").stdout) == BENEFIT_SLUGS


def test_piped_output_is_plain_and_wrapped() -> None:
    result = run("benefits")
    assert not ANSI.search(result.stdout)
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_terminal_output_is_styled_with_panels_and_bullets() -> None:
    terminal = fake_terminal(width=100)
    result = run("back-pain", "prevention", terminal=terminal)
    assert result.exit_code == 0
    assert ANSI_COLOUR.search(result.stdout), "a terminal gets colour"
    assert "╭" in result.stdout
    assert "• Keep a good posture." in strip_ansi(result.stdout)


def test_no_color_is_honoured_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    result = run("benefits", "recovery", terminal=fake_terminal())
    assert not ANSI_COLOUR.search(result.stdout)
    assert "Faster recovery" in strip_ansi(result.stdout)


def test_overview_names_the_commands_and_the_phone_number() -> None:
    result = run()
    assert result.exit_code == 0
    for command in ("benefits", "back-pain", "contact"):
        assert f"runacu {command}" in result.stdout
    assert "(661) 490-9221" in result.stdout


def test_version() -> None:
    from runacu import __version__

    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"runacu {__version__}"


def test_unknown_command_is_a_usage_error() -> None:
    result = run("benefit")
    assert result.exit_code == 2


def test_an_unexpected_error_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from runacu.content.library import Library

    def broken(self: Library, slug: str) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Library, "load_guide", broken)
    result = run("benefits")
    assert result.exit_code == ExitStatus.ERROR == 1
    assert result.stderr.splitlines()[0] == "runacu: internal error: RuntimeError: disk on fire"
    assert "Traceback" not in result.stderr
