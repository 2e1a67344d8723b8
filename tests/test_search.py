"""`runacu search`: every word must match, title matches rank first, exit 1 when nothing matches."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ANSI_COLOUR, fake_terminal, run, strip_ansi


def test_search_finds_topics_with_every_word() -> None:
    result = run("search", "blood", "flow")
    assert result.exit_code == 0
    lines = [line.removeprefix("  - ") for line in result.stdout.splitlines() if line.startswith("  - ")]
    assert "benefits recovery: Faster recovery" in lines
    assert all("benefits" in line for line in lines)
    assert "back-pain" not in result.stdout


def test_search_is_case_insensitive_and_covers_tips() -> None:
    assert "back-pain prevention: Prevention tips" in run("search", "FOOTWEAR").stdout
    assert "when-to-see-a-doctor" in run("search", "bladder").stdout


def test_title_matches_rank_first() -> None:
    hits = json.loads(run("search", "recovery", "--json").stdout)
    assert hits[0]["topic"] == "recovery"
    assert hits[0]["title"] == "Faster recovery"
    assert {"guide", "topic", "title", "snippet", "field"} <= set(hits[0])


def test_no_matches_exits_1_with_a_message() -> None:
    result = run("search", "blood", "zebra")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no matches" in result.stderr
    assert json.loads(run("search", "zebra", "--json").stdout) == []


def test_matches_are_highlighted_on_a_terminal() -> None:
    out = run("search", "endorphins", terminal=fake_terminal()).stdout
    assert "\x1b[" in out
    assert "endorphins" in strip_ansi(out)
    assert not ANSI_COLOUR.search(run("search", "endorphins").stdout)


def test_search_covers_extra_guides(tmp_path: Path) -> None:
    from tests.test_content_platform import EXTRA_GUIDE

    (tmp_path / "hamstrings.yaml").write_text(EXTRA_GUIDE)
    assert "hamstrings stretching" in run("--data-dir", str(tmp_path), "search", "bounce").stdout
