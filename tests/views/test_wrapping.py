"""Wrapping to the terminal: the one function that wraps messages, the runs no format breaks (phone numbers, dates,
times, percentages), and what the plain and Rich writers leave in the text a reader copies."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from runacu.views.terminal import MAX_WIDTH, Terminal
from runacu.views.wrapping import UNBREAKABLE, cells, keep_together, wrap
from tests.conftest import fake_terminal, run, strip_ansi

#: A run of each kind in each language, as runacu writes it (CLDR's Spanish times hold a narrow no-break space).
SPANS = [
    "(661) 490-9221",
    "+1 661 490 9221",
    "911",
    "6:00 PM",
    "6:00 p.\u202fm.",
    "6:00 p. m.",
    "November 23, 2026",
    "Dec 25, 2026",
    "23 de noviembre de 2026",
    "27.4 %",
    "27.4%",
    "12 %",
]


@pytest.mark.parametrize("span", SPANS)
def test_each_run_is_found_whole(span: str) -> None:
    found = UNBREAKABLE.search(f"call at {span}, then")
    assert span == "911" or (found is not None and found.group() == span)


def test_keep_together_joins_only_the_runs() -> None:
    text = "Closed now, opens Monday 8:00 AM; call (661) 490-9221 by November 23, 2026 (27.4 % did)."
    kept = keep_together(text, "_")
    assert kept == "Closed now, opens Monday 8:00_AM; call (661)_490-9221 by November_23,_2026 (27.4_% did)."


#: Each of `SPANS` with its digits taken out.
_NO_DIGITS = st.sampled_from([re.sub(r"\d", "", span) for span in SPANS])


@given(st.lists(st.one_of(_NO_DIGITS, st.text(st.characters(blacklist_categories=("Nd",)), max_size=20))))
def test_text_without_a_digit_holds_no_run(pieces: list[str]) -> None:
    """keep_together searches only text with a digit in it: every shape of UNBREAKABLE holds one."""
    text = "".join(pieces)
    assert UNBREAKABLE.search(text) is None
    assert keep_together(text, "~") == text


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        (
            "Yes-or-no questions about warning signs that need a doctor. This is not a diagnosis.",
            40,
            ["Yes-or-no questions about warning signs", "that need a doctor. This is not a", "diagnosis."],
        ),
        (
            "Question 9 of 26: Pain in a bone (a stress fracture must be ruled out)? [y/n/?]",
            40,
            ["Question 9 of 26: Pain in a bone (a", "stress fracture must be ruled out)?", "[y/n/?]"],
        ),
        ("Call (661) 490-9221 at 6:00 PM", 12, ["Call (661)", "490-9221 at", "6:00 PM"]),
        ("abcdefghijklmnopqrstuvwxyz", 10, ["abcdefghij", "klmnopqrst", "uvwxyz"]),
        ("  - an indented line that goes on", 16, ["  - an indented", "  line that goes", "  on"]),
        ("first\n\nsecond", 20, ["first", "", "second"]),
    ],
)
def test_wrap_cuts_at_spaces(text: str, width: int, lines: list[str]) -> None:
    assert wrap(text, width) == lines


def test_wrap_continues_a_line_with_the_indent_given() -> None:
    assert wrap("  1. What the research says (research)", 24, indent="     ") == [
        "  1. What the research",
        "     says (research)",
    ]


def test_a_run_wider_than_the_line_breaks_at_its_own_spaces() -> None:
    assert wrap("23 de noviembre de 2026", 12) == ["23 de", "noviembre de", "2026"]


def test_cells_counts_as_rich_does() -> None:
    for text in ("plain", "canción", "日本語", "e\u0301", "tab\there", "\u202f"):
        assert cells(text) == cell_len(text)


#: Words: letters of several scripts, digits, punctuation, and now and then a character two cells wide.
_WORD = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzáéíñóúüABC0123456789.,:;?!()[]/-'%日本"), min_size=1, max_size=30
)
_RUN = st.sampled_from(SPANS)


@pytest.mark.slow
@given(st.lists(st.one_of(_WORD, _RUN), max_size=40), st.integers(20, 200))
def test_no_line_is_wider_than_the_width_and_no_word_or_run_that_fits_is_split(pieces: list[str], width: int) -> None:
    text = " ".join(pieces)
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines), lines
    for piece in pieces:
        if cell_len(piece) <= width:
            assert any(piece in line for line in lines), (piece, lines)
    # Nothing is lost or added but the spaces where lines break.
    assert "".join("".join(lines).split()) == "".join(text.split())


@pytest.mark.slow
@given(st.text(max_size=300), st.integers(20, 200))
def test_any_text_fits_the_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_len(line) <= width or cell_len(line.strip()) == 2 for line in lines), lines
    assert "".join("".join(lines).split()) == "".join(text.split())


# The error stream's width


def test_messages_are_not_wrapped_when_the_error_stream_is_no_terminal() -> None:
    terminal = Terminal(out=io.StringIO(), err=io.StringIO(), is_terminal=True, width=40)
    text = "a message far longer than forty columns, said on one line as it always was"
    assert terminal.message_width is None
    assert terminal.wrap_message(text) == text


def test_messages_are_wrapped_to_the_error_streams_width_at_most_the_widest() -> None:
    narrow = Terminal(out=io.StringIO(), err=io.StringIO(), is_terminal=False, width=80, err_width=30)
    said = narrow.wrap_message("runacu: error: the guide 'x' has no warning signs to check", room=1)
    assert said == "runacu: error: the guide 'x'\nhas no warning signs to check"
    wide = Terminal(out=io.StringIO(), err=io.StringIO(), is_terminal=False, width=80, err_width=300)
    assert wide.message_width == MAX_WIDTH


@pytest.mark.slow
def test_an_error_is_wrapped_on_a_narrow_terminal_and_keeps_its_prefix() -> None:
    terminal = fake_terminal(width=40)
    terminal.err_width = 40
    result = run("benefits", "no-such-topic-here-at-all", terminal=terminal)
    assert result.exit_code != 0
    lines = result.stderr.splitlines()
    assert lines[0].startswith("runacu: error: ")
    assert all(cell_len(line) <= 40 for line in lines), lines


# What the writers leave in the text


def _screens(output_format: str, width: int, language: str) -> str:
    texts = []
    for command in (["back-pain"], ["contact"]):
        terminal = fake_terminal(width=width)
        result = run("--lang", language, *command, "--format", output_format, terminal=terminal)
        assert result.exit_code == 0, result.stderr
        texts.append(strip_ansi(result.stdout))
    return "\n".join(texts)


#: Widths at which a run of the shipped pages fell at a line's end before: "6:00 p. / m." (23, Spanish),
#: "December / 6, 2027" (57), "8:00 / AM" (67), "6 de diciembre / de 2027" (74, Spanish).
WIDTHS = [23, 57, 67, 74]


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("output_format", ["plain", "rich"])
def test_no_run_is_split_across_lines_on_any_page(output_format: str, language: str) -> None:
    for width in WIDTHS:
        text = _screens(output_format, width, language)
        lines = [" ".join(line.split()) for line in text.splitlines()]
        runs = {found.group() for found in UNBREAKABLE.finditer(" ".join(text.split()))}
        assert runs, "the pages hold phone numbers, dates and times"
        for found in runs:
            if cell_len(found) <= width - 6:  # the narrowest column of a page at this width
                assert any(found in line for line in lines), (width, found)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("output_format", ["plain", "rich"])
def test_a_terminal_screen_writes_no_break_spaces_as_spaces(output_format: str, language: str) -> None:
    """A no-break space holds words together while the screen is wrapped, then is written as a space: a reader who
    copies "6:00 p. m." or "(661) 490-9221" gets the spaces they would type."""
    text = _screens(output_format, 30, language)
    for stand_in in ("\ue000", "\u00a0", "\u202f"):
        assert stand_in not in text
    assert "(661) 490-9221" in text


@pytest.mark.slow
@pytest.mark.parametrize("output_format", ["markdown", "json"])
def test_published_text_holds_no_break_space_runacu_added(output_format: str) -> None:
    """Markdown and JSON are the text as the data writes it: runacu keeps runs whole by wrapping, not by adding
    no-break spaces a reader would copy (the English data has none)."""
    text = _screens(output_format, 30, "en")
    for stand_in in ("\ue000", "\u00a0", "\u202f"):
        assert stand_in not in text
