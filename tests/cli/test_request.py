"""`runacu request`: validated like the clinic's web form, saved as a private .eml draft, never overwritten."""

from __future__ import annotations

import re
import stat
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.conftest import REQUEST_FIELDS, drafts, fake_terminal, run

GOOD = ["--name", "Jo Runner", "--phone", "(661) 555-0123", "--email", "Jo@Example.com",
        "--contact-method", "email", "--topic", "research", "--message", "My back hurts after long runs."]  # fmt: skip


FORM_MESSAGES = ["Please enter your name.", "This isn't a valid phone number.", "This isn't a valid email address.",
                 "Please make a selection.", "Please enter a message."]  # fmt: skip


def test_a_valid_request_is_saved_as_a_private_draft(tmp_path: Path) -> None:
    result = run("request", *GOOD)
    assert result.exit_code == 0
    [draft] = drafts(tmp_path)
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert str(draft) in result.stdout
    assert "(661) 490-9221" in result.stdout
    message = message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert message["Subject"] == "Appointment request: What the research says"
    assert message["From"] == "Jo Runner <Jo@example.com>"
    assert message["To"] is None
    body = message.get_content()
    assert "Phone: +16615550123" in body
    assert "Preferred contact method: email" in body
    assert "My back hurts after long runs." in body


def test_the_draft_is_an_unsent_message_with_a_date_and_its_own_id(tmp_path: Path) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    for _ in range(2):
        assert run("request", *GOOD).exit_code == 0
    after = datetime.now(UTC)
    messages = [message_from_bytes(draft.read_bytes(), policy=policy.default) for draft in drafts(tmp_path)]
    for message in messages:
        assert message["X-Unsent"] == "1"  # a mail program opens it as a draft to send, not as a sent mail
        assert before <= message["Date"].datetime <= after
        assert re.fullmatch(r"<[^<>@\s]+@runacu\.invalid>", message["Message-ID"])
    assert messages[0]["Message-ID"] != messages[1]["Message-ID"]


def test_every_problem_is_listed_at_once_and_nothing_is_saved(tmp_path: Path) -> None:
    result = run("request", "--phone", "12", "--email", "not-an-email", "--contact-method", "fax", "--topic", "nope")
    assert result.exit_code == 2
    for text in FORM_MESSAGES:
        assert text in result.stderr
    assert result.stderr.count("Please make a selection.") == 2
    assert drafts(tmp_path) == []


@pytest.mark.parametrize(
    ("option", "value", "text"),
    [("--phone", "555-0100", "phone number"), ("--email", "jo@", "email address"), ("--name", "  ", "your name")],
)
def test_one_bad_field(option: str, value: str, text: str) -> None:
    args = list(GOOD)
    args[args.index(option) + 1] = value
    result = run("request", *args)
    assert result.exit_code == 2
    assert text in result.stderr
    assert result.stderr.count("runacu: error:") == 1


def test_the_drafts_folder_is_private_and_a_name_is_written_with_single_spaces(tmp_path: Path) -> None:
    args = list(GOOD)
    args[args.index("Jo Runner")] = "  Jo    Runner "
    assert run("request", *args).exit_code == 0
    [draft] = drafts(tmp_path)
    assert stat.S_IMODE(draft.parent.stat().st_mode) == 0o700  # the drafts hold health questions
    message = message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert message["From"] == "Jo Runner <Jo@example.com>"
    assert "Name: Jo Runner\n" in message.get_content()


@pytest.mark.slow
def test_drafts_are_never_overwritten(tmp_path: Path) -> None:
    for _ in range(3):
        assert run("request", *GOOD).exit_code == 0
    assert len(drafts(tmp_path)) == 3


def test_output_path_is_used_and_an_existing_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "mine.eml"
    assert run("request", *GOOD, "--output", str(target)).exit_code == 0
    assert b"Jo Runner" in target.read_bytes()
    target.write_text("my own notes")
    again = run("request", *GOOD, "--output", str(target))
    assert again.exit_code == 1
    assert target.read_text() == "my own notes"


def test_clinic_email_addresses_the_draft_and_gives_a_mailto_link(data_dir: Path, tmp_path: Path) -> None:
    clinic = data_dir / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("email:\n", "email: desk@example.org\n"))
    result = run("--data-dir", str(data_dir), "request", *GOOD)
    assert "mailto:desk@example.org?subject=Appointment%20request" in result.stdout
    [link] = [word for word in result.stdout.split() if word.startswith("mailto:")]
    assert "&body=Name%3A%20Jo%20Runner%0APhone%3A%20%2B16615550123%0A" in link  # one word, every character encoded
    message = message_from_bytes(drafts(tmp_path)[0].read_bytes(), policy=policy.default)
    assert message["To"] == "Valencia Sports Medicine <desk@example.org>"


def test_interactive_mode_asks_for_missing_fields_and_re_asks_only_the_wrong_one(tmp_path: Path) -> None:
    terminal = fake_terminal()
    terminal.is_interactive = True
    answers = "Jo Runner\n12\n661-555-0123\njo@example.com\nphone\nother\nHello\n"
    result = run("request", input=answers, terminal=terminal)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("Your phone number") == 2
    assert result.stderr.count("Your name") == 1
    assert "This isn't a valid phone number." in result.stderr
    body = drafts(tmp_path)[0].read_text()
    assert "Topic of interest: Other" in body and "Preferred contact method: phone" in body


def test_interactive_mode_re_asks_a_bad_option_value(tmp_path: Path) -> None:
    terminal = fake_terminal()
    terminal.is_interactive = True
    args = [a if a != "(661) 555-0123" else "nope" for a in GOOD]
    result = run("request", *args, input="661 555 0123\n", terminal=terminal)
    assert result.exit_code == 0
    assert "This isn't a valid phone number." in result.stderr
    assert len(drafts(tmp_path)) == 1


@pytest.mark.slow
def test_request_takes_a_topic_as_the_guides_do(tmp_path: Path) -> None:
    for typed, subject in (
        ("sleep", "Less stress, better sleep"),
        ("RESEARCH", "What the research says"),
        ("rec", "Faster recovery"),
    ):
        target = tmp_path / f"{typed}.eml"
        result = run("request", *REQUEST_FIELDS, "--contact-method", "Phone", "--topic", typed, "--output", str(target))
        assert result.exit_code == 0, result.stderr
        assert message_from_bytes(target.read_bytes(), policy=policy.default)["Subject"].endswith(subject)


def test_the_no_email_notice_is_said_once_at_the_end(tmp_path: Path) -> None:
    result = run(
        "request", *REQUEST_FIELDS, "--contact-method", "phone", "--topic", "other", "--output", str(tmp_path / "r.eml")
    )
    assert result.exit_code == 0
    assert (result.stdout + result.stderr).count("no email address") == 1
