"""How output fits where it goes: a pipe or a terminal of any width, odd terminal settings, and no escape sequence
from the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ANSI, ANSI_COLOUR, PAGE_COMMANDS, fake_terminal, run, strip_ansi


@pytest.mark.slow
@pytest.mark.parametrize("width", [20, 27, 40, 60, 200])
@pytest.mark.parametrize("command", PAGE_COMMANDS)
def test_any_width_from_20_columns(width: int, command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    piped = run(*command)
    assert piped.exit_code == 0
    assert max(len(line) for line in piped.stdout.splitlines()) <= max(width, 20)
    terminal = run(*command, terminal=fake_terminal(width=width))
    assert terminal.exit_code == 0
    lines = strip_ansi(terminal.stdout).splitlines()
    assert max(len(line) for line in lines) <= min(width, 100)
    if command[:1] != ["search"]:  # search snippets end in "…" on purpose
        assert "…" not in "".join(lines), "nothing is cut short"


def test_wrapped_bullets_keep_their_indent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    lines = run("back-pain", "when-to-see-a-doctor").stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("EMERGENCY: Call 911"))
    wrapped = [i for i, line in enumerate(lines) if line.startswith("  - ") and lines[i + 1].startswith("    ")]
    assert wrapped and wrapped[0] > first
    assert all(lines[i + 1].strip() for i in wrapped)


STRANGE_SETTINGS = [{"TERM": "dumb"}, {"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}, {"TERM": "dumb", "FORCE_COLOR": "1"}]


@pytest.mark.slow
@pytest.mark.parametrize("environment", STRANGE_SETTINGS)
def test_strange_terminal_settings(environment: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page under every setting, on a terminal or piped, sampled pairwise: each page and each setting
    meets both. Whether there is colour is decided from the settings and the stream, the same way for every page
    (`color_wanted`, `choose_format`, then Rich): the page decides only what is written."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    for number, command in enumerate(PAGE_COMMANDS):
        if (STRANGE_SETTINGS.index(environment) + number) % 2 == 0:
            assert run(*command, terminal=fake_terminal()).exit_code == 0
            continue
        piped = run(*command)
        # FORCE_COLOR asks for colour even in a pipe; otherwise a pipe gets plain text.
        assert piped.exit_code == 0 and bool(ANSI.search(piped.stdout)) == (
            "FORCE_COLOR" in environment and environment.get("TERM") != "dumb"
        )


HOSTILE = {
    "colour": ("\\e[31m", "\x1b[31m"),
    "cursor": ("\\e[2J\\e[H", "\x1b[2J"),
    "title": ("\\e]0;pwned\\a", "\x1b]0;"),
    "clipboard": ("\\e]52;c;cm0gLXJmIH4=\\a", "\x1b]52"),
    "C1 CSI": ("\\x9b31m", "\x9b"),
    "carriage return": ("\\r", "\r"),
    "bidi override": ("\\u202e", "\u202e"),
}


def _hostile_recovery(data_dir: Path, escaped: str) -> None:
    """The benefits guide with `escaped` (YAML escapes) in its first topic's title and in a tip of it."""
    path = data_dir / "benefits.yaml"
    text = path.read_text().replace("title: Faster recovery", f'title: "Faster {escaped} recovery"')
    text = text.replace("    tips: []", "")
    path.write_text(text.replace("  - slug: recovery\n", f'  - slug: recovery\n    tips: ["tip {escaped} here"]\n'))


#: Every kind of sequence above but the line break (a data error of its own, below), one after another.
IN_ONE_LINE = [kind for kind in HOSTILE if kind != "carriage return"]
ALL_SEQUENCES = " ".join(HOSTILE[kind][0] for kind in IN_ONE_LINE)


@pytest.mark.parametrize("output_format", ["rich", "plain", "markdown", "json"])
def test_escape_sequences_never_reach_the_terminal(output_format: str, data_dir: Path) -> None:
    """Every kind at once, in one title and one tip: each character is made safe on its own, so one run shows what
    a run for each kind would."""
    _hostile_recovery(data_dir, ALL_SEQUENCES)
    result = run("--data-dir", str(data_dir), "benefits", "recovery", "-f", output_format, terminal=fake_terminal())
    assert result.exit_code == 0
    out = result.stdout if output_format != "json" else json.dumps(json.loads(result.stdout), ensure_ascii=False)
    assert [kind for kind in IN_ONE_LINE if HOSTILE[kind][1] in out] == []
    assert "Faster" in out and "recovery" in out


@pytest.mark.parametrize("output_format", ["rich", "plain", "markdown", "json"])
def test_a_carriage_return_in_a_title_is_a_data_error(output_format: str, data_dir: Path) -> None:
    _hostile_recovery(data_dir, HOSTILE["carriage return"][0])
    result = run("--data-dir", str(data_dir), "benefits", "recovery", "-f", output_format, terminal=fake_terminal())
    assert result.exit_code == 3 and "one line" in result.stderr  # a title is one line: a line break is named


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


@pytest.mark.slow
@pytest.mark.parametrize("columns", ["abc", "²", "0", "-60", "100000", "60.5", " "])
def test_columns_that_is_not_a_number_is_ignored(columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    unset = run("benefits").stdout  # no COLUMNS and not a terminal: 80 columns
    assert max(len(line) for line in unset.splitlines()) == 80
    monkeypatch.setenv("COLUMNS", columns)
    result = run("benefits")
    assert result.exit_code == 0
    assert result.stdout == unset


def test_spanish_on_an_ascii_stream_keeps_its_meaning() -> None:
    """Dropping the tilde would make "año" (year) "ano" (anus): the ñ becomes "ni", which sounds as it does."""
    import codecs

    from runacu.views.terminal import TRANSLITERATE

    written = codecs.encode("En el último año, 15 a 98 años. AÑO, niño, señal.", "ascii", TRANSLITERATE)
    assert written == b"En el ultimo anio, 15 a 98 anios. ANIO, ninio, senial."
