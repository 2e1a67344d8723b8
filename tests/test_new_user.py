"""What a new user stumbled on in a first run, kept fixed."""

from __future__ import annotations

import os
import stat
from email import message_from_bytes, policy
from pathlib import Path

from tests.conftest import run

GOOD = ["--name", "Jo Runner", "--phone", "661 555 0123", "--email", "jo@example.com", "--message", "Hello"]


def test_a_mistyped_command_suggests_the_right_one() -> None:
    result = run("benefts")
    assert result.exit_code == 2
    assert "Did you mean 'benefits'?" in result.stderr


def test_request_takes_a_topic_as_the_guides_do(tmp_path: Path) -> None:
    for typed, subject in (
        ("sleep", "Less stress, better sleep"),
        ("RESEARCH", "What the research says"),
        ("rec", "Faster recovery"),
    ):
        target = tmp_path / f"{typed}.eml"
        result = run("request", *GOOD, "--contact-method", "Phone", "--topic", typed, "--output", str(target))
        assert result.exit_code == 0, result.stderr
        assert message_from_bytes(target.read_bytes(), policy=policy.default)["Subject"].endswith(subject)


def test_the_no_email_notice_is_said_once_at_the_end(tmp_path: Path) -> None:
    result = run("request", *GOOD, "--contact-method", "phone", "--topic", "other", "--output", str(tmp_path / "r.eml"))
    assert result.exit_code == 0
    assert (result.stdout + result.stderr).count("no email address") == 1


def test_a_handout_is_readable_as_the_umask_says_but_a_draft_stays_private(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        assert run("benefits", "--format", "html", "--output", str(tmp_path / "b.html")).exit_code == 0
        assert run("contact", "--vcard", "--output", str(tmp_path / "c.vcf")).exit_code == 0
        assert (
            run(
                "request", *GOOD, "--contact-method", "phone", "--topic", "other", "-o", str(tmp_path / "r.eml")
            ).exit_code
            == 0
        )
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "b.html").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "c.vcf").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "r.eml").stat().st_mode) == 0o600
