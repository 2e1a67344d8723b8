"""The warning-sign levels in colour read as well on a dark terminal as on a light one (WCAG contrast of the colours
Rich writes), and without colour the level is still said in words."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from rich.style import Style

from runacu.views.blocks import Page
from runacu.views.pages.red_flags import red_flag_callout
from runacu.views.rich_view import LEVEL_BORDERS, LEVEL_LABELS, render_rich
from runacu.views.terminal import Terminal
from runacu.words import for_language
from tests.conftest import ANSI, ANSI_COLOUR, fake_terminal, red_flags, run, strip_ansi

BLACK, WHITE = (0, 0, 0), (255, 255, 255)
LABELS = ["EMERGENCY", "TODAY", "SOON"]


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rendered(color_system: str) -> str:
    """The three levels' callouts as Rich writes them to a terminal of `color_system`."""
    words = for_language("en")
    page = Page("Warning signs", tuple(red_flag_callout(words, flags) for flags in red_flags()), language="en")
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system=color_system, width=80)  # type: ignore[arg-type]
    render_rich(page, Terminal(buffer, io.StringIO(), is_terminal=True, width=80, color=True), console)
    return buffer.getvalue()


def truecolor(definition: str) -> dict[str, tuple[int, int, int]]:
    """The RGB a Rich style definition's text and background are, as a 256-colour or true-colour terminal shows them."""
    style = Style.parse(definition)
    found = {}
    if style.color is not None:
        found["fg"] = tuple(style.color.get_truecolor())
    if style.bgcolor is not None:
        found["bg"] = tuple(style.bgcolor.get_truecolor())
    return found  # type: ignore[return-value]


def test_each_level_label_reads_on_dark_and_light_terminals() -> None:
    for level, definition in LEVEL_LABELS.items():
        said = truecolor(definition)
        # Its own text and background: what surrounds it on the screen does not matter.
        assert set(said) == {"fg", "bg"}, level
        assert contrast(said["fg"], said["bg"]) >= 4.5, (level, said)


def test_each_level_border_stands_out_on_dark_and_light_terminals() -> None:
    borders = [truecolor(definition)["fg"] for definition in LEVEL_BORDERS.values()]
    assert len(set(borders)) == len(LABELS)  # each level its own colour
    for border in borders:
        # WCAG's 3 to 1 for the parts of a screen that are not text.
        assert contrast(border, BLACK) >= 3 and contrast(border, WHITE) >= 3, border


@pytest.mark.parametrize("color_system", ["256", "truecolor"])
def test_each_level_is_written_in_its_colours(color_system: str) -> None:
    """What Rich writes: each label with a text and a background colour of its own, each border in colour.
    (Rich keeps a style's codes from the first terminal it was written to, so a 16-colour run earlier in this
    process may show the nearest 16 colours here: any colour code is accepted.)"""
    text = rendered(color_system)
    for label in LABELS:
        found = re.search(r"\x1b\[([0-9;]*)m" + label + r"\x1b\[0m: ", text)
        assert found is not None, label
        codes = [int(code) for code in found.group(1).split(";") if code]
        assert any(30 <= code <= 38 or 90 <= code <= 97 for code in codes), (label, codes)
        assert any(40 <= code <= 48 or 100 <= code <= 107 for code in codes), (label, codes)
    assert len(re.findall(r"\x1b\[[0-9;]*m╭", text)) == len(LABELS)


def _levels_page(terminal: Terminal, *options: str) -> str:
    result = run("back-pain", "when-to-see-a-doctor", "--no-pager", *options, terminal=terminal)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("output_format", ["plain", "rich"])
def test_without_colour_each_level_is_said_in_words(output_format: str) -> None:
    """Piped (plain), or on a terminal without colour (rich: NO_COLOR, --color never)."""
    terminal = fake_terminal()
    terminal.color = False
    text = _levels_page(terminal, "--format", output_format)
    assert not ANSI_COLOUR.search(text)
    flat = " ".join(strip_ansi(text).split())
    for label in LABELS:
        assert f"{label}: " in flat


@pytest.mark.slow
def test_color_never_and_no_color_write_no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not ANSI.search(run("--color", "never", "back-pain", "when-to-see-a-doctor").stdout)
    monkeypatch.setenv("NO_COLOR", "1")
    text = run("back-pain", "when-to-see-a-doctor").stdout
    assert not ANSI.search(text)
    for label in LABELS:
        assert f"{label}: " in text
