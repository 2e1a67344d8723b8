"""The pager: used on a terminal when asked for, skipped in a pipe, and never a dead end when it cannot run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from runacu.content.library import Library
from tests.conftest import fake_terminal, run, strip_ansi


def last_back_pain_topic() -> str:
    """The heading of the back-pain guide's last topic ("6. When to see a doctor"): output with it is the whole guide.

    Numbered, as only the topic's own heading is: the line under the intro names the topic too.
    """
    topics = Library().load_guide("back-pain").topics
    return f"{len(topics)}. {topics[-1].title}"


@pytest.mark.slow
def test_pager_receives_the_output_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    captured = tmp_path / "paged.txt"
    script = f"import sys; open({str(captured)!r}, 'w', encoding='utf-8').write(sys.stdin.read())"
    monkeypatch.setenv("PAGER", f'{sys.executable} -c "{script}"')
    terminal = fake_terminal()
    result = run("back-pain", "--pager", terminal=terminal)
    assert result.exit_code == 0
    assert last_back_pain_topic() in strip_ansi(captured.read_text(encoding="utf-8"))
    assert result.stdout == ""


def test_pager_is_skipped_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "false")
    assert last_back_pain_topic() in run("back-pain", "--pager").stdout


@pytest.mark.slow
def test_a_missing_pager_prints_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "no-such-pager-here")
    assert last_back_pain_topic() in strip_ansi(run("back-pain", "--pager", terminal=fake_terminal()).stdout)


@pytest.mark.slow
@pytest.mark.parametrize("pager", ["   ", 'less "'])
def test_a_pager_setting_that_cannot_be_run(pager: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", pager)
    result = run("benefits", terminal=fake_terminal(height=5))
    assert result.exit_code == 0
    assert "Benefits of acupuncture for runners" in result.stdout
