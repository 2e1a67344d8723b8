"""Failure paths end in one clear line and a named exit code: unwritable places, bad moments, hostile data and input."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from typer.testing import CliRunner

from runacu.cli import app
from runacu.content import library as library_module
from runacu.exit_status import ExitStatus
from runacu.words import Words
from tests.conftest import (
    REQUEST,
    REQUEST_MESSAGE,
    REQUEST_NAME,
    a_file,
    drafts_in,
    error_line,
    fake_terminal,
    run,
)

RAW = ("\x1b", "\x07")


def assert_no_raw_controls(*texts: str) -> None:
    for text in texts:
        assert not any(char in text for char in RAW), repr(text)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


# Saving the request where it cannot be saved


@pytest.mark.slow
def test_request_with_an_unwritable_data_folder_prints_the_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(a_file(tmp_path) / "data"))
    result = run("request", *REQUEST)
    assert result.exit_code == 1
    assert "could not save the request" in error_line(result.stderr)
    for text in (REQUEST_NAME, "+16615550123", REQUEST_MESSAGE):
        assert text in result.stdout


@pytest.mark.slow
def test_request_output_into_a_missing_folder_prints_the_request(tmp_path: Path) -> None:
    result = run("request", *REQUEST, "--output", str(tmp_path / "no" / "such" / "r.eml"))
    assert result.exit_code == 1
    assert "does not exist" in error_line(result.stderr)
    assert not (tmp_path / "no").exists()
    for text in (REQUEST_NAME, "+16615550123", REQUEST_MESSAGE):
        assert text in result.stdout


@pytest.mark.slow
def test_a_request_that_could_not_be_saved_is_printed_readable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(a_file(tmp_path) / "data"))
    args = [arg if arg != REQUEST_MESSAGE else "Me duele la espalda después de correr." for arg in REQUEST]
    result = run("request", *args)
    assert result.exit_code == 1
    assert "Me duele la espalda después de correr." in result.stdout


@pytest.mark.slow
def test_the_default_drafts_folder_is_created_when_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh" / "data"))
    assert run("request", *REQUEST).exit_code == 0
    assert len(drafts_in(tmp_path / "fresh" / "data" / "runacu" / "requests")) == 1


# --at


@pytest.mark.parametrize("moment", ["9999-12-31T23:59", "0001-01-01T00:00"])
def test_a_moment_out_of_range(moment: str) -> None:
    result = run("contact", "--at", moment)
    assert result.exit_code == 2
    assert "the year must be from 1900 to 9000" in error_line(result.stderr)


def test_a_moment_skipped_by_daylight_saving() -> None:
    result = run("contact", "--at", "2026-03-08T02:30")
    assert result.exit_code == 2
    assert "does not exist" in error_line(result.stderr)


def test_a_moment_that_happens_twice_is_shown_once() -> None:
    result = run("contact", "--at", "2026-11-01T01:30")
    assert result.exit_code == 0
    said = " ".join(result.stdout.split())
    assert "happens twice" in said and "the first one is shown" in said
    status = json.loads(run("contact", "--at", "2026-11-01T01:30", "--json").stdout)["status"]
    assert status["at"] == "2026-11-01T01:30:00-07:00"


# --output into a folder that is not there


def test_vcard_output_into_a_missing_folder(tmp_path: Path) -> None:
    result = run("contact", "--vcard", "--output", str(tmp_path / "no" / "c.vcf"))
    assert result.exit_code == 1
    assert "does not exist" in error_line(result.stderr)
    assert not (tmp_path / "no").exists()


def test_request_output_into_a_missing_folder_creates_no_folder(tmp_path: Path) -> None:
    result = run("request", *REQUEST, "--output", str(tmp_path / "no" / "r.eml"))
    assert result.exit_code == 1
    assert "does not exist" in error_line(result.stderr)
    assert not (tmp_path / "no").exists()
    assert drafts_in(tmp_path / "xdg-data" / "runacu" / "requests") == []


# Data folders with odd entries


@pytest.mark.slow
def test_a_folder_named_like_a_data_file(tmp_path: Path) -> None:
    (tmp_path / "benefits.yaml").mkdir()
    result = run("--data-dir", str(tmp_path), "benefits")
    assert result.exit_code == 3
    assert "benefits.yaml" in result.stderr and "not a file" in result.stderr
    checked = run("validate", str(tmp_path))
    assert checked.exit_code == 3
    assert "All " not in checked.stdout
    assert "benefits.yaml" in checked.stdout + checked.stderr


@pytest.mark.slow
def test_validate_lists_a_folder_named_like_a_data_file(tmp_path: Path) -> None:
    (tmp_path / "benefits.yaml").mkdir()
    checked = run("validate", str(tmp_path))
    assert checked.exit_code == 3
    assert "benefits.yaml" in checked.stdout and "not a file" in checked.stdout
    assert "run 'runacu validate'" not in checked.stderr


@pytest.mark.parametrize("outside_exists", [False, True])
def test_a_guide_name_cannot_leave_the_data_folder(
    outside_exists: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "d"
    data.mkdir()
    if outside_exists:
        (tmp_path / "outside.yaml").write_text("title: Outside\n")
    read: list[object] = []

    def read_document(data_file: library_module.DataFile, words: Words) -> object:
        read.append(data_file)
        raise AssertionError("no file may be read")

    monkeypatch.setattr(library_module, "read_document", read_document)
    result = run("--data-dir", str(data), "guide", "../outside")
    assert result.exit_code == 2
    assert "is not a guide name" in error_line(result.stderr)
    assert read == []


def test_an_empty_search() -> None:
    result = run("search", "")
    assert result.exit_code == 2
    assert "at least one word" in error_line(result.stderr)


# Hostile data


def hostile_clinic(data_dir: Path, field: str) -> None:
    clinic = data_dir / "clinic.yaml"
    if field == "website":
        edit(clinic, "website:\n", 'website: "https://x.example/\\e]52;c;SGVsbG8=\\a"\n')
        edit(clinic, "email:\n", "email: desk@example.org\n")
    else:
        edit(clinic, "email:\n", 'email: "desk\\e[31m@example.org"\n')


@pytest.mark.slow
@pytest.mark.parametrize("field", ["website", "email"])
def test_hostile_clinic_data_never_reaches_the_terminal(field: str, own_data: Callable[..., Path]) -> None:
    data_dir = own_data("clinic.yaml")
    hostile_clinic(data_dir, field)
    outputs = [run("--data-dir", str(data_dir), "contact", terminal=fake_terminal())]
    outputs += [run("--data-dir", str(data_dir), "contact", "-f", kind) for kind in ("plain", "markdown", "html")]
    outputs += [run("--data-dir", str(data_dir), "contact", "--vcard")]
    outputs += [run("--data-dir", str(data_dir), "request", *REQUEST)]
    for result in outputs:
        assert_no_raw_controls(result.stdout, result.stderr)
        # Refused as invalid data (the only other choice would be neutralised output).
        assert result.exit_code == 3, result.stderr
    checked = run("validate", str(data_dir))
    assert checked.exit_code == 3
    assert field in checked.stdout
    assert_no_raw_controls(checked.stdout)


@pytest.mark.slow
@pytest.mark.parametrize("field", ["doi", "url"])
def test_a_hostile_source_link_never_reaches_the_terminal(field: str, own_data: Callable[..., Path]) -> None:
    data_dir = own_data("benefits.yaml")
    value = '"10.1000/x\\e]8;;https://evil.example\\a"' if field == "doi" else '"https://x.example/\\e[2J"'
    guide = data_dir / "benefits.yaml"
    edit(guide, "    sources:\n", f"    sources:\n      - citation: Hostile.\n        {field}: {value}\n")
    for args in (["benefits"], ["benefits", "-f", "markdown"], ["benefits", "-f", "html"], ["search", "blood"]):
        result = run("--data-dir", str(data_dir), *args, terminal=fake_terminal())
        assert_no_raw_controls(result.stdout, result.stderr)
        assert result.exit_code == 3
    checked = run("validate", str(data_dir))
    assert checked.exit_code == 3 and field in checked.stdout
    assert_no_raw_controls(checked.stdout)


# Arguments echoed back


@pytest.mark.slow
def test_an_escape_sequence_in_a_search_is_not_echoed_raw() -> None:
    result = run("search", "\x1b]52;c;SGVsbG8=\x07")
    assert result.exit_code == 1  # nothing found: the page says so, echoing the query made safe
    assert_no_raw_controls(result.stdout, result.stderr)
    assert "\u241b]52;c;SGVsbG8=\u2407" in result.stdout


def test_a_huge_at_value_is_echoed_short() -> None:
    result = run("contact", "--at", "2026-" + "x" * 100_000)
    assert result.exit_code == 2
    assert len(error_line(result.stderr)) < 300


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "name"),
    [(["contact", "-f", "html"], "c\x1b[31m.html"), (["contact", "--vcard"], "c\x1b]0;x\x07.vcf"),
     (["request", *REQUEST], "r\x1b[2J.eml")],
)  # fmt: skip
def test_an_output_path_with_escapes_is_echoed_neutralised(args: list[str], name: str, tmp_path: Path) -> None:
    target = tmp_path / name
    result = run(*args, "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.exists()
    assert_no_raw_controls(result.stdout, result.stderr)
    assert "\u241b" in result.stdout + result.stderr


# RFC 2047 encoded words in names


EVIL = "=?utf-8?b?PGV2aWxAZXhhbXBsZS5jb20+?="  # decodes to <evil@example.com>


@pytest.mark.slow
def test_an_encoded_word_in_the_name_stays_literal(tmp_path: Path) -> None:
    target = tmp_path / "r.eml"
    args = [EVIL if arg == REQUEST_NAME else arg for arg in REQUEST]
    assert run("request", *args, "--output", str(target)).exit_code == 0
    message = message_from_bytes(target.read_bytes(), policy=policy.default)
    [sender] = message["From"].addresses
    assert (sender.addr_spec, sender.display_name) == ("jo@example.com", EVIL)


@pytest.mark.slow
def test_an_encoded_word_in_the_clinic_data_stays_literal(own_data: Callable[..., Path], tmp_path: Path) -> None:
    data_dir = own_data("clinic.yaml", "benefits.yaml")
    clinic = data_dir / "clinic.yaml"
    edit(clinic, "email:\n", "email: desk@example.org\n")
    edit(clinic, "name: Valencia Sports Medicine", f"name: '{EVIL}'")
    edit(data_dir / "benefits.yaml", "title: Faster recovery", "title: '=?utf-8?q?x=0ABcc:_evil@example.com?='")
    target = tmp_path / "r.eml"
    args = [arg if arg != "research" else "recovery" for arg in REQUEST]
    assert run("--data-dir", str(data_dir), "request", *args, "--output", str(target)).exit_code == 0
    message = message_from_bytes(target.read_bytes(), policy=policy.default)
    [clinic_address] = message["To"].addresses
    assert (clinic_address.addr_spec, clinic_address.display_name) == ("desk@example.org", EVIL)
    assert message["Bcc"] is None
    assert message["Subject"] == "Appointment request: =?utf-8?q?x=0ABcc:_evil@example.com?="


@pytest.mark.slow
@pytest.mark.parametrize(("file", "old"), [("clinic.yaml", "name: Valencia Sports Medicine"),
                                            ("benefits.yaml", "title: Faster recovery")])  # fmt: skip
def test_a_name_or_title_with_a_line_break_is_refused(file: str, old: str, own_data: Callable[..., Path]) -> None:
    data_dir = own_data(file)
    edit(data_dir / file, old, old.split(":")[0] + ': "A\\nB"')
    result = run("validate", str(data_dir))
    assert result.exit_code == 3
    assert "one line" in result.stdout


# Errors that are not bugs: one clear line, never "internal error"


@pytest.mark.slow
@pytest.mark.parametrize("zone", ["America", "A" * 300])
def test_a_time_zone_that_is_not_one(zone: str, own_data: Callable[..., Path]) -> None:
    data_dir = own_data("clinic.yaml")
    edit(data_dir / "clinic.yaml", "timezone: America/Los_Angeles", f"timezone: {zone}")
    result = run("--data-dir", str(data_dir), "contact")
    assert result.exit_code == 3
    assert "unknown time zone" in result.stderr and "internal error" not in result.stderr
    assert len(max(result.stderr.splitlines(), key=len)) < 300
    checked = run("validate", str(data_dir))
    assert checked.exit_code == 3 and "unknown time zone" in checked.stdout


def output_targets(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Where --output cannot write, and what the message says: the reason, and the file the reader named."""
    long_name = tmp_path / ("é" * 250 + ".vcf")  # 500 bytes: more than any file system allows in a name
    return {
        "proc": (Path("/proc/runacu-test.html"), "No such file or directory: /proc/runacu-test.html"),
        "under a file": (a_file(tmp_path) / "x.vcf", f"'{tmp_path / 'a-file'}' is not a folder"),
        "long name": (long_name, f"File name too long: {str(long_name)[:40]}"),
    }


@pytest.mark.slow
@pytest.mark.parametrize("where", ["proc", "under a file", "long name"])
@pytest.mark.parametrize("args", [["contact", "-f", "html"], ["contact", "--vcard"]])
def test_an_output_path_that_cannot_be_written(where: str, args: list[str], tmp_path: Path) -> None:
    target, said = output_targets(tmp_path)[where]
    result = run(*args, "--output", str(target))
    assert result.exit_code == 1
    assert said in error_line(result.stderr)
    assert ".runacu-" not in result.stderr, "the temporary file's name means nothing to the reader"
    assert list(tmp_path.glob(".runacu-*")) == []


@pytest.mark.slow
@pytest.mark.parametrize("where", ["proc", "long name"])
def test_a_request_output_path_that_cannot_be_written(where: str, tmp_path: Path) -> None:
    target, said = output_targets(tmp_path)[where]
    result = run("request", *REQUEST, "--output", str(target))
    assert result.exit_code == 1
    reason = said.split(":")[0]
    assert f"could not save the request ({reason})" in error_line(result.stderr)
    assert REQUEST_MESSAGE in result.stdout, "nothing the reader typed is lost"


def test_a_huge_output_path_is_echoed_short(tmp_path: Path) -> None:
    result = run("contact", "--vcard", "--output", str(tmp_path / ("x" * 100_000) / "c.vcf"))
    assert result.exit_code == 1
    assert len(error_line(result.stderr)) < 300


def test_a_data_home_that_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(a_file(tmp_path)))
    result = run("request", *REQUEST)
    assert result.exit_code == 1
    assert "Not a directory" in error_line(result.stderr)


# File names and values with line breaks or bytes that are not text


@pytest.mark.slow
def test_a_file_name_with_a_line_break_is_no_guide(tmp_path: Path) -> None:
    (tmp_path / "nl\n.yaml").write_text("title: T\n")
    checked = run("validate", str(tmp_path))
    assert checked.exit_code == 3
    assert "a guide's file name is its slug" in checked.stdout
    for args in (["guides", "--json"], ["guide", "nl"]):
        listed = run("--data-dir", str(tmp_path), *args)
        assert listed.exit_code == 3, listed.stderr
        assert listed.stdout == ""
        assert "nl\u240a.yaml: a guide's file name is its slug" in listed.stderr.splitlines()[0]


@pytest.mark.slow
def test_a_file_name_with_a_line_break_is_named_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "nl\n.yaml").write_text("title: T\n")
    checked = run("validate", str(tmp_path))
    [problem] = [line for line in checked.stdout.splitlines() if "file name" in line]
    assert "nl\u240a.yaml" in problem
    shown = run("--data-dir", str(tmp_path), "guides")
    assert shown.exit_code == 3 and "nl\u240a.yaml" in shown.stderr


@pytest.mark.slow
@pytest.mark.parametrize(("old", "new"), [('e164: "+16614909221"', 'e164: "+16614909221\\n"'),
                                          ("website:\n", 'website: "https://x.example/\\n"\n')])  # fmt: skip
def test_a_value_ending_in_a_line_break_is_refused(old: str, new: str, own_data: Callable[..., Path]) -> None:
    data_dir = own_data("clinic.yaml")
    edit(data_dir / "clinic.yaml", old, new)
    result = run("--data-dir", str(data_dir), "contact", "--vcard")
    assert result.exit_code == 3
    assert "\n" not in result.stdout.replace("\r\n", "")
    assert run("validate", str(data_dir)).exit_code == 3


def validate_a_file_name_that_is_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    os.close(os.open(os.fsencode(tmp_path) + b"/\xff.yaml", os.O_WRONLY | os.O_CREAT, 0o600))
    monkeypatch.chdir(tmp_path)  # a short path: the name is never cut to fit the width
    result = CliRunner().invoke(app, ["validate", ".", *args])
    assert result.exit_code == 3, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result.stdout_bytes.decode("utf-8")  # strict: no surrogates, no raw bytes


@pytest.mark.slow
@pytest.mark.parametrize("output_format", ["plain", "rich", "markdown", "html"])
def test_a_file_name_that_is_not_utf8(output_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\ufffd.yaml" in validate_a_file_name_that_is_not_utf8(tmp_path, monkeypatch, "-f", output_format)


@pytest.mark.slow
def test_a_file_name_that_is_not_utf8_in_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\ufffd.yaml" in validate_a_file_name_that_is_not_utf8(tmp_path, monkeypatch, "--json")


def test_ctrl_c_anywhere_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    from runacu.content.library import Library

    def interrupted(self: Library) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Library, "load_clinic", interrupted)
    result = run("contact")
    assert result.exit_code == 130
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_hostile_keys_and_file_names_are_neutralised_in_errors(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text('title: T\nintro: I\ndisclaimer: D\n"\\e[31mkey": 1\ntopics: []\n')
    result = run("validate", str(tmp_path))
    assert result.exit_code == 3
    assert "\x1b" not in result.stdout and "␛[31mkey" in result.stdout
    assert "\x1b" not in run("--data-dir", str(tmp_path), "guide", "x").stderr


def test_a_data_error_in_a_data_folder_says_how_to_validate_that_folder(own_data: Callable[..., Path]) -> None:
    data_dir = own_data()
    (data_dir / "benefits.yaml").write_text("oops: [\n", encoding="utf-8")
    result = run("--data-dir", str(data_dir), "benefits")
    assert result.exit_code == ExitStatus.INVALID_DATA
    assert f"run 'runacu validate {data_dir}' to list every problem" in result.stderr
    assert "run 'runacu validate' to" not in result.stderr
