"""The neutralizer is one pattern over Unicode categories: every control, format and separator character."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from runacu.content.text import echo, has_unsafe, neutralize, neutralize_line

#: Controls (C0, DEL, C1), format characters (bidi marks and controls, zero-width characters, the byte
#: order mark, tag characters), line and paragraph separators, and surrogates.
UNSAFE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}


@pytest.mark.slow
def test_unsafe_is_exactly_the_control_format_and_separator_categories() -> None:
    wrong = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        unsafe = category in UNSAFE_CATEGORIES and char not in "\t\n"
        # The list also covers characters a newer Unicode than this Python's made format characters.
        if has_unsafe(char) != unsafe and not (category == "Cn" and has_unsafe(char)):
            wrong.append(f"U+{code:04X} ({category})")
    assert wrong == []
    assert has_unsafe("\t\n") is False
    assert neutralize_line("\t\n") == "\u2409\u240a"


@pytest.mark.parametrize(
    ("name", "char"),
    [
        ("left-to-right mark", "\u200e"),
        ("right-to-left mark", "\u200f"),
        ("Arabic letter mark", "\u061c"),
        ("zero-width space", "\u200b"),
        ("zero-width no-break space (byte order mark)", "\ufeff"),
        ("line separator, written \\L", "\u2028"),
        ("paragraph separator, written \\P", "\u2029"),
        ("right-to-left override", "\u202e"),
        ("first strong isolate", "\u2068"),
        ("word joiner", "\u2060"),
        ("language tag", "\U000e0001"),
        ("next line (C1)", "\x85"),
        ("8-bit CSI (C1)", "\x9b"),
    ],
)
def test_an_invisible_or_reordering_character_is_shown_as_a_replacement(name: str, char: str) -> None:
    assert neutralize(f"Call{char} 911") == "Call\ufffd 911"
    assert neutralize_line(f"a{char}b") == "a\ufffdb"
    assert char not in echo(f"benefits{char}")


def test_a_soft_hyphen_and_a_zero_width_joiner_are_dropped() -> None:
    # Invisible by design, and the text reads the same without them: no replacement mark mid-word.
    assert neutralize("acu\u00adpuncture") == "acupuncture"
    assert neutralize("runner \U0001f3c3\u200d\u2640\ufe0f") == "runner \U0001f3c3\u2640\ufe0f"
    assert has_unsafe("acu\u00adpuncture") and has_unsafe("\u200d")


def test_spaces_the_views_write_on_purpose_are_text() -> None:
    for text in ("27.4\u00a0%", "9:00\u202fAM", "thin\u2009space", "ideographic\u3000space"):
        assert neutralize(text) == text and not has_unsafe(text)


def test_controls_keep_their_pictures() -> None:
    assert neutralize("\x1b]0;x\x07") == "\u241b]0;x\u2407"
    assert neutralize("\x7f") == "\u2421"
    assert neutralize("a\tb\nc") == "a\tb\nc"
