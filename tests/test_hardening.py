"""Closed pipes, non-UTF-8 and narrow terminals, Ctrl-C, and hostile data in every output format."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from runacu.content import yaml_reader
from runacu.content.problems import DataError
from runacu.content.text import ECHO_CHARS, echo, neutralize, neutralize_line
from runacu.content.yaml_reader import parse_yaml
from tests.conftest import ANSI, ISOLATED_VARIABLES, fake_terminal, run, run_process, strip_ansi
from tests.test_validate import BOMB

COMMANDS = [["benefits"], ["back-pain"], ["contact"], ["guides"], ["search", "blood"], []]


def big_guide(directory: Path, topics: int = 300) -> Path:
    lines = ["title: Big", "intro: Many topics.", "disclaimer: Not medical advice.", "reviewed: 2026-11-23",
             "next_review: 2027-11-23", "topics:"]  # fmt: skip
    for index in range(topics):
        lines += [f"  - slug: topic-{index}", f"    title: Topic {index}", "    summary: A summary.",
                  "    evidence: {kind: practice, note: Experience.}",
                  "    explanation: " + "Words and more words about running. " * 10]  # fmt: skip
    (directory / "benefits.yaml").write_text("\n".join(lines) + "\n")
    return directory


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_a_closed_pipe_is_a_quiet_success(tmp_path: Path) -> None:
    # Far more output than a pipe holds, so runacu is still writing when the reader goes away.
    data_dir = big_guide(tmp_path)
    environment = {k: v for k, v in __import__("os").environ.items() if k not in ISOLATED_VARIABLES}
    process = subprocess.Popen([sys.executable, "-m", "runacu", "--data-dir", str(data_dir), "benefits"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"Big")
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert stderr == b""


def test_head_in_a_shell_pipeline(tmp_path: Path) -> None:
    data_dir = big_guide(tmp_path)
    command = f"'{sys.executable}' -m runacu --data-dir '{data_dir}' benefits | head -n 1; exit ${{PIPESTATUS[0]}}"
    result = subprocess.run(["bash", "-c", command], capture_output=True, timeout=60)
    assert result.stdout == b"Big\n"
    assert result.stderr == b""
    assert result.returncode == 0


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("command", COMMANDS)
def test_non_utf8_stdout_gets_readable_ascii(encoding: str, command: list[str]) -> None:
    result = run_process(*command, env={"PYTHONIOENCODING": encoding, "LANG": "C", "LC_ALL": "C"})
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode(encoding)
    utf8 = run_process(*command, env={"PYTHONIOENCODING": "utf-8"}).stdout.decode("utf-8")
    assert text.count("?") == utf8.count("?"), "no character became a question mark"
    assert b"Traceback" not in result.stderr


def test_typographic_characters_become_close_ascii() -> None:
    result = run_process("contact", env={"PYTHONIOENCODING": "ascii"})
    assert "8:00 AM - 6:00 PM" in result.stdout.decode("ascii")


def test_rich_on_an_ascii_terminal_draws_ascii_boxes() -> None:
    result = run_process("back-pain", "prevention", "-f", "rich", env={"PYTHONIOENCODING": "ascii", "FORCE_COLOR": "1"})
    text = strip_ansi(result.stdout.decode("ascii"))
    assert "+-" in text and "*" in text


@pytest.mark.parametrize("width", [20, 27, 40, 60, 200])
@pytest.mark.parametrize("command", COMMANDS)
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


@pytest.mark.parametrize(
    "environment", [{"TERM": "dumb"}, {"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}, {"TERM": "dumb", "FORCE_COLOR": "1"}]
)
def test_strange_terminal_settings(environment: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    for command in COMMANDS:
        assert run(*command, terminal=fake_terminal()).exit_code == 0
        piped = run(*command)
        # FORCE_COLOR asks for colour even in a pipe; otherwise a pipe gets plain text.
        assert piped.exit_code == 0 and bool(ANSI.search(piped.stdout)) == (
            "FORCE_COLOR" in environment and environment.get("TERM") != "dumb"
        )


def test_ctrl_c_anywhere_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    from runacu.content.library import Library

    def interrupted(self: Library) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Library, "load_clinic", interrupted)
    result = run("contact")
    assert result.exit_code == 130
    assert "Traceback" not in result.stderr


HOSTILE = {
    "colour": ("\\e[31m", "\x1b[31m"),
    "cursor": ("\\e[2J\\e[H", "\x1b[2J"),
    "title": ("\\e]0;pwned\\a", "\x1b]0;"),
    "clipboard": ("\\e]52;c;cm0gLXJmIH4=\\a", "\x1b]52"),
    "C1 CSI": ("\\x9b31m", "\x9b"),
    "carriage return": ("\\r", "\r"),
    "bidi override": ("\\u202e", "\u202e"),
}


@pytest.mark.parametrize("output_format", ["rich", "plain", "markdown", "json"])
@pytest.mark.parametrize("kind", list(HOSTILE))
def test_escape_sequences_never_reach_the_terminal(kind: str, output_format: str, data_dir: Path) -> None:
    escaped, raw = HOSTILE[kind]
    path = data_dir / "benefits.yaml"
    text = path.read_text().replace("title: Faster recovery", f'title: "Faster {escaped} recovery"')
    text = text.replace("    tips: []", "")
    path.write_text(text.replace("  - slug: recovery\n", f'  - slug: recovery\n    tips: ["tip {escaped} here"]\n'))
    result = run("--data-dir", str(data_dir), "benefits", "recovery", "-f", output_format, terminal=fake_terminal())
    if kind == "carriage return":  # a title is one line: a line break in it is a data error, named
        assert result.exit_code == 3 and "one line" in result.stderr
        return
    assert result.exit_code == 0
    out = result.stdout if output_format != "json" else json.dumps(json.loads(result.stdout), ensure_ascii=False)
    assert raw not in out
    assert "Faster" in out and "recovery" in out


def test_hostile_keys_and_file_names_are_neutralised_in_errors(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text('title: T\nintro: I\ndisclaimer: D\n"\\e[31mkey": 1\ntopics: []\n')
    result = run("validate", str(tmp_path))
    assert result.exit_code == 3
    assert "\x1b" not in result.stdout and "␛[31mkey" in result.stdout
    assert "\x1b" not in run("--data-dir", str(tmp_path), "guide", "x").stderr


def test_alias_bomb_is_refused_in_bounded_time_and_memory() -> None:
    tracemalloc.start()
    with pytest.raises(DataError, match="alias bomb"):
        parse_yaml(BOMB.encode(), "bomb.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize("depth", [65, 1_001, 10_000, 200_000])
def test_deep_nesting_is_refused_without_crashing(depth: int, pure: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if pure:
        monkeypatch.setattr(yaml_reader, "LOADER", yaml_reader.PURE_LOADER)
    for text in (b"a: " + b"[" * depth + b"]" * depth, b"a: 'it''s' # don't\nb: " + b"{x: " * depth + b"}" * depth):
        with pytest.raises(DataError, match="nested more than 64 levels") as caught:
            parse_yaml(text, "deep.yaml")
        assert caught.value.problems[0].line is not None


def test_deep_nesting_through_the_cli(tmp_path: Path) -> None:
    (tmp_path / "benefits.yaml").write_bytes(b"a: " + b"[" * 100_000 + b"]" * 100_000)
    result = run_process("--data-dir", str(tmp_path), "benefits")
    assert result.returncode == 3
    assert b"nested more than 64 levels" in result.stderr


#: What `neutralize` must replace, listed here independently of its pattern: C0 controls but tab and
#: newline, DEL and the C1 controls, the bidi embeddings, overrides and isolates, and lone surrogates.
UNSAFE_CODES = {
    *range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A),
    *range(0xD800, 0xE000),
}  # fmt: skip


def test_neutralize_replaces_exactly_the_unsafe_characters_each_with_its_stand_in() -> None:
    for code in [*range(0x3000), *range(0xD7F0, 0xE010)]:
        char = chr(code)
        if code not in UNSAFE_CODES:
            assert neutralize(char) == char, hex(code)
        elif code < 0x20:
            assert neutralize(char) == chr(0x2400 + code), hex(code)  # its control picture: ESC is ␛
        elif code == 0x7F:
            assert neutralize(char) == "\u2421", hex(code)  # ␡
        else:
            assert neutralize(char) == "\ufffd", hex(code)
    assert neutralize("a\tb\nc") == "a\tb\nc"


def test_text_quoted_in_one_line_shows_its_tabs_and_line_breaks_and_is_cut_short() -> None:
    assert neutralize_line("a\tb\nc\x1b") == "a\u2409b\u240ac\u241b"
    assert echo("x" * ECHO_CHARS) == "x" * ECHO_CHARS
    assert echo("x" * (ECHO_CHARS + 1)) == "x" * (ECHO_CHARS - 1) + "\u2026"
    assert echo("caf\udcc3\udca9 \udcff") == "café \ufffd"  # a file name's bytes: UTF-8 where they are
