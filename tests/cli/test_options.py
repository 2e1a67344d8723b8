"""The options the commands share (--format, --json, --output, --lang, --color, ...): values, conflicts, files written."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from runacu.exit_status import ExitStatus
from tests.conftest import REQUEST_FIELDS, error_line, fake_terminal, run

REQUEST_BY_FAX = (
    "request", "--name", "Jo", "--phone", "661 555 0123", "--email", "jo@example.com",
    "--contact-method", "fax", "--topic", "3", "--message", "Hi",
)  # fmt: skip


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (("benefits", "--format", "pdf"), ["rich", "plain", "markdown", "html", "json"]),
        (("--color", "purple", "benefits"), ["auto", "always", "never"]),
        (("--lang", "fr", "benefits"), ["en", "es"]),
        (("contact", "--at", "x"), ["2026-11-23T09:30"]),
        (("contact", "--at", "2026-02-30T10:00"), ["2026-11-23T09:30"]),
        (("validate", "--today", "x"), ["YYYY-MM-DD"]),
        (("schema", "yaml"), ["guide", "clinic"]),
        (REQUEST_BY_FAX, ["phone", "email"]),
    ],
    ids=["format", "color", "lang", "at", "at-no-such-day", "today", "schema", "contact-method"],
)
def test_a_bad_option_value_says_what_is_allowed(args: tuple[str, ...], allowed: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    for value in allowed:
        assert value in result.stderr, f"{value!r} not in {result.stderr!r}"
    assert "Value error" not in result.stderr
    assert "Traceback" not in result.stderr


def test_json_and_another_format_is_a_usage_error_naming_both() -> None:
    result = run("benefits", "--format", "plain", "--json")
    assert result.exit_code == 2
    assert "--json" in result.stderr and "--format" in result.stderr
    assert json.loads(run("benefits", "--format", "json", "--json").stdout)["slug"] == "benefits"


def test_unknown_format_is_a_usage_error() -> None:
    assert run("benefits", "--format", "pdf").exit_code == 2


@pytest.mark.slow
def test_a_handout_is_readable_as_the_umask_says_but_a_draft_stays_private(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        assert run("benefits", "--format", "html", "--output", str(tmp_path / "b.html")).exit_code == 0
        assert run("contact", "--vcard", "--output", str(tmp_path / "c.vcf")).exit_code == 0
        assert (
            run(
                "request",
                *REQUEST_FIELDS,
                "--contact-method",
                "phone",
                "--topic",
                "other",
                "-o",
                str(tmp_path / "r.eml"),
            ).exit_code
            == 0
        )
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "b.html").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "c.vcf").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "r.eml").stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("args", "first", "second"),
    [
        (["contact", "--vcard", "--json"], "--vcard", "--json"),
        (["contact", "--vcard", "--at", "2026-11-23T09:30"], "--vcard", "--at"),
        (["contact", "--vcard", "--format", "markdown"], "--vcard", "--format"),
        (["benefits", "--list", "sleep"], "--list", "TOPIC"),
        (["benefits", "--json", "--format", "plain"], "--json", "--format"),
    ],
)
def test_options_that_conflict(args: list[str], first: str, second: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    line = error_line(result.stderr)
    assert first in line and second in line


@pytest.mark.parametrize("command", [["search", "blood"], ["guides"], ["benefits"], ["contact"]])
def test_every_command_that_may_page_takes_no_pager(command: list[str]) -> None:
    """The README says --no-pager turns the pager off: every command whose screen may be paged takes it."""
    result = run(*command, "--no-pager", terminal=fake_terminal(height=5))
    assert result.exit_code == 0, result.stderr
    assert result.stdout
