"""No data string, argument or query yields a raw control, bidi or format character in any output.

Data strings go in through YAML escapes (as a clinic's file can carry them), arguments and queries
through the command line; every format is checked, stdout and stderr alike. Only runacu's own
colour and link sequences may hold an ESC, and a link's address may hold nothing unsafe.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runacu.content.library import builtin_data_dir
from tests.conftest import Result, fake_terminal, run

FORMATS = ("rich", "plain", "markdown", "html", "json")
UNSAFE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}
#: What runacu's Rich writer sends a terminal: colours and styles, and OSC 8 links (their address checked apart).
_OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;([^\x1b\x07]*)\x1b\\")

#: The characters a hostile file or argument reaches for: every kind of control, bidi and format character,
#: the separators YAML writes as \L and \P, and the spaces the views use on purpose.
HOSTILE = (
    "\x00\x07\x08\x0b\x0c\x0d\x1b\x7f\x85\x9b\x9d\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u2028\u2029\u202a\u202e\u2060\u2066\u2069\ufeff\ufff9\U000e0001\U000e0041\u00a0\u202f"
)
hostile_text = st.lists(
    st.one_of(
        st.sampled_from(HOSTILE),
        st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs"]),
        st.characters(codec="utf-8"),
        st.sampled_from("]0;\\`*<&>[ ab"),
    ),
    min_size=1,
    max_size=24,
).map("".join)


def raw_unsafe(text: str) -> list[str]:
    """The unsafe characters in `text` that runacu did not write itself, by code point."""
    found = []
    for match in _OWN_SEQUENCES.finditer(text):
        found += [char for char in match.group(1) or "" if not (char.isascii() and char.isprintable())]
    text = _OWN_SEQUENCES.sub("", text)
    found += [char for char in text if char not in "\n\t" and unicodedata.category(char) in UNSAFE_CATEGORIES]
    return sorted({f"U+{ord(char):04X}" for char in found})


def assert_clean(result: Result) -> None:
    assert raw_unsafe(result.stdout) == [], result.stdout
    assert raw_unsafe(result.stderr) == [], result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: every character outside printable ASCII written as an escape."""
    escaped = "".join(
        char
        if char.isascii() and char.isprintable() and char not in '"\\'
        else (f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        for char in text
    )
    return f'"{escaped}"'


def hostile_data(folder: Path, hostile: str) -> None:
    """A guide and a clinic whose every text holds `hostile` (a search finds the guide by 'zebrafish'), in a
    data folder of their own over the built-in guides."""
    folder.mkdir(parents=True)
    shutil.copyfile(str(builtin_data_dir() / "clinic.yaml"), folder / "clinic.yaml")
    line = "Zebrafish " + hostile.replace("\n", " ").replace("\r", " ") + " end"
    text = "Zebrafish " + hostile + " end"
    (folder / "hostile.yaml").write_text(
        f"title: {yaml_quoted(line)}\n"
        f"intro: {yaml_quoted(text)}\n"
        f"disclaimer: {yaml_quoted(text)}\n"
        "reviewed: 2026-11-23\nnext_review: 2027-11-23\n"
        "topics:\n"
        "  - slug: zebrafish\n"
        f"    title: {yaml_quoted(line)}\n"
        f"    summary: {yaml_quoted(line)}\n"
        f"    evidence: {{kind: practice, note: {yaml_quoted(line)}}}\n"
        f"    explanation: {yaml_quoted(text)}\n"
        f"    red_flags: [{{level: emergency, action: {yaml_quoted('Call 911 ' + line)}, signs: [{yaml_quoted(line)}]}}]\n"
        f"    tips: [{yaml_quoted(text)}]\n"
        f"    lists: [{{heading: {yaml_quoted(line)}, items: [{yaml_quoted(text)}]}}]\n"
        f"    sources: [{{citation: {yaml_quoted(text)}, note: {yaml_quoted(text)}, url: 'https://a.example/x'}}]\n",
        encoding="utf-8",
    )
    clinic = (folder / "clinic.yaml").read_text(encoding="utf-8")
    for old in ("Valencia Sports Medicine", "Regain control of your life", "27430 The Old Rd", "Valencia"):
        clinic = clinic.replace(f": {old}\n", f": {yaml_quoted(old + ' ' + line)}\n", 1)
    clinic = clinic.replace("closures: []", f"closures: [{{date: 2099-12-25, reason: {yaml_quoted(line)}}}]")
    (folder / "clinic.yaml").write_text(clinic, encoding="utf-8")


def every_screen(folder: Path) -> list[Result]:
    results = []
    for output_format in FORMATS:
        for command in (["guide", "hostile"], ["guide", "hostile", "1"], ["contact"], ["search", "zebrafish"]):
            results.append(run("--data-dir", str(folder), *command, "-f", output_format, terminal=fake_terminal()))
    results.append(run("--data-dir", str(folder), "guides", terminal=fake_terminal()))
    results.append(run("--data-dir", str(folder), "check", "hostile", input="yes\n", terminal=fake_terminal()))
    return results


@pytest.mark.slow
def test_bidi_marks_zero_width_characters_and_separators_in_data_reach_no_format(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    hostile_data(folder, HOSTILE + "\nnext\n\nparagraph")
    for result in every_screen(folder):
        assert result.exit_code == 0, result.stderr
        assert_clean(result)
        assert "Zebrafish" in result.stdout + result.stderr


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # each example: 22 screens
@given(hostile=hostile_text)
def test_any_data_string_reaches_every_format_neutralized(
    hostile: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("data") / "data"
    hostile_data(folder, hostile)
    for result in every_screen(folder):
        assert result.exit_code == 0, result.stderr
        assert_clean(result)


@pytest.mark.slow
@pytest.mark.parametrize("output_format", FORMATS)
def test_the_search_title_neutralizes_a_query_that_finds_answers(output_format: str) -> None:
    result = run(
        "search",
        "recovery\x1b]0;title\x07\u200f\u202e\u2028\x9b31m\ufeff",
        "-f",
        output_format,
        terminal=fake_terminal(),
    )
    assert result.exit_code == 0  # "recovery" answers: the page with the hits, and its title, is shown
    assert_clean(result)
    assert "Faster recovery" in result.stdout


@pytest.mark.slow
@settings(max_examples=12, deadline=None)
@given(query=hostile_text, output_format=st.sampled_from(FORMATS))
def test_any_query_reaches_every_format_neutralized(query: str, output_format: str) -> None:
    assert_clean(run("search", "recovery " + query, "-f", output_format, terminal=fake_terminal()))


ARGUMENT_PLACES = [
    ["benefits", "{}"],
    ["guide", "{}"],
    ["benefits", "--{}"],
    ["guides", "{}"],
    ["-f", "{}", "benefits"],
    ["contact", "--at", "{}"],
    ["validate", "{}"],
    ["benefits", "--output", "/no-such-folder-{}/out.txt"],
    ["--data-dir", "/no-such-folder-{}", "benefits"],
    ["{}"],
]


@pytest.mark.slow
@pytest.mark.parametrize("place", ARGUMENT_PLACES, ids=lambda place: " ".join(place))
def test_a_hostile_argument_is_echoed_neutralized(place: list[str]) -> None:
    argument = "x\x1b]0;t\x07\u200f\u202e\u2028\x9b\ufeff\u061cy"
    assert_clean(run(*(word.format(argument) for word in place), terminal=fake_terminal()))


@pytest.mark.slow
@settings(max_examples=12, deadline=None)
@given(argument=hostile_text, place=st.sampled_from(ARGUMENT_PLACES))
def test_any_argument_is_echoed_neutralized(argument: str, place: list[str]) -> None:
    assert_clean(run(*(word.format(argument) for word in place), terminal=fake_terminal()))


def test_a_hostile_answer_to_the_check_is_echoed_neutralized() -> None:
    result = run("check", input="yes\x1b]0;t\x07\u200f\u2028\ufeff\n", terminal=fake_terminal())
    assert result.exit_code == 2
    assert_clean(result)


@pytest.mark.slow
def test_json_escapes_what_no_terminal_may_get_raw_and_keeps_it_exact(tmp_path: Path) -> None:
    target = tmp_path / "r\u200f\u202e\x9b.eml"
    fields = ["--name", "Jo Runner", "--phone", "661 555 0123", "--email", "jo@example.com"]
    fields += ["--contact-method", "email", "--topic", "other", "--message", "Hello"]
    result = run("request", *fields, "--output", str(target), "--json")
    assert result.exit_code == 0, result.stderr
    assert_clean(result)
    assert json.loads(result.stdout)["path"] == str(target)  # a script still gets the real file name
    assert target.exists()
