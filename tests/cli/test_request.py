"""`runacu request`: validated like the clinic's web form, saved as a private .eml draft, never overwritten."""

from __future__ import annotations

import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, tzinfo
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from runacu.cli import session as session_module
from runacu.cli.commands import request as request_command
from runacu.views.terminal import Terminal
from tests.cli.conftest import read_only_run
from tests.conftest import REQUEST_FIELDS, drafts, error_line, fake_terminal, one_line, run

GOOD = ["--name", "Jo Runner", "--phone", "(661) 555-0123", "--email", "Jo@Example.com",
        "--contact-method", "email", "--topic", "research", "--message", "My back hurts after long runs."]  # fmt: skip


FORM_MESSAGES = ["Please enter your name.", "This isn't a valid phone number.", "This isn't a valid email address.",
                 "Please make a selection.", "Please enter a message."]  # fmt: skip


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_every_problem_is_listed_at_once_and_nothing_is_saved(tmp_path: Path) -> None:
    result = run("request", "--phone", "12", "--email", "not-an-email", "--contact-method", "fax", "--topic", "nope")
    assert result.exit_code == 2
    for text in FORM_MESSAGES:
        assert text in result.stderr
    assert result.stderr.count("Please make a selection.") == 2
    assert drafts(tmp_path) == []


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_output_path_is_used_and_an_existing_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "mine.eml"
    assert run("request", *GOOD, "--output", str(target)).exit_code == 0
    assert b"Jo Runner" in target.read_bytes()
    target.write_text("my own notes")
    again = run("request", *GOOD, "--output", str(target))
    assert again.exit_code == 1
    assert target.read_text() == "my own notes"


@pytest.mark.slow
def test_clinic_email_addresses_the_draft_and_gives_a_mailto_link(
    own_data: Callable[..., Path], tmp_path: Path
) -> None:
    data_dir = own_data("clinic.yaml")
    clinic = data_dir / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("email:\n", "email: desk@example.org\n"))
    result = run("--data-dir", str(data_dir), "request", *GOOD)
    assert "mailto:desk@example.org?subject=Appointment%20request" in result.stdout
    [link] = [word for word in result.stdout.split() if word.startswith("mailto:")]
    assert "&body=Name%3A%20Jo%20Runner%0APhone%3A%20%2B16615550123%0A" in link  # one word, every character encoded
    message = message_from_bytes(drafts(tmp_path)[0].read_bytes(), policy=policy.default)
    assert message["To"] == "Valencia Sports Medicine <desk@example.org>"


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_the_no_email_notice_is_said_once_at_the_end(tmp_path: Path) -> None:
    result = run(
        "request", *REQUEST_FIELDS, "--contact-method", "phone", "--topic", "other", "--output", str(tmp_path / "r.eml")
    )
    assert result.exit_code == 0
    assert (result.stdout + result.stderr).count("no email address") == 1


# The interactive form: in the form's words, topics under their guides, forgiving answers


def interactive() -> Terminal:
    terminal = fake_terminal()
    terminal.is_interactive = True
    return terminal


#: Typed answers up to the topic question (the email at first wrongly), and the message after it.
BEFORE_TOPIC = "Jo Runner\n661 555 0123\njo@\njo@example.com\nphone\n"


@pytest.mark.slow
def test_a_wrong_answer_typed_at_a_prompt_names_the_field_and_one_given_as_an_option_names_the_option() -> None:
    result = run("request", "--phone", "12", input="Jo Runner\n661 555 0123\njo@\njo@example.com\nphone\nother\nHi\n",
                 terminal=interactive())  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "--phone: This isn't a valid phone number.\n" in result.stderr  # given as --phone 12
    # typed at the prompt (the answer is not echoed here, so the message follows the prompt on its line)
    assert "Your email address: Email: This isn't a valid email address.\n" in result.stderr
    assert "--email" not in result.stderr and "runacu: Email" not in result.stderr


@pytest.mark.slow
def test_a_question_has_one_question_mark() -> None:
    result = run("request", input=BEFORE_TOPIC + "other\nHi\n", terminal=interactive())
    assert result.exit_code == 0
    assert "How should the clinic contact you? " in result.stderr and "What is it about? " in result.stderr
    assert "?:" not in result.stderr
    assert "Your name: " in result.stderr  # the others keep their colon


@pytest.mark.slow  # searches for the answer no topic is called
def test_the_topic_question_lists_topics_under_their_guides_once(tmp_path: Path) -> None:
    result = run("request", input=BEFORE_TOPIC + "xyzzy\n6\nHi\n", terminal=interactive())
    assert result.exit_code == 0, result.stderr
    listing = result.stderr.split("How should the clinic contact you? ", 1)[1]
    lines = listing.splitlines()
    for heading, first in [("Benefits of acupuncture for runners", "  1. Faster recovery (recovery)"),
                           ("Acupuncture for running-induced back pain", "  6. What causes it (causes)"),
                           ("Your first acupuncture visit", " 12. What happens at a session (what-happens)")]:  # fmt: skip
        assert lines[lines.index(heading) + 1] == first
    assert " 18. Other" in lines
    assert listing.count("Faster recovery") == 1  # a wrong answer does not print the whole list again
    assert "Please make a selection." not in result.stderr
    # (the answers typed are not echoed here: what follows a prompt is on its line)
    assert "? Topic: No topic is called 'xyzzy'. Type a number from the list, a topic's name, or 'Other'.\n" in listing
    assert "Topic of interest: What causes it" in drafts(tmp_path)[0].read_text()


@pytest.mark.slow
def test_a_guides_name_at_the_topic_question_offers_its_topics(tmp_path: Path) -> None:
    result = run("request", input=BEFORE_TOPIC + "back pain\n7\nHi\n", terminal=interactive())
    assert result.exit_code == 0, result.stderr
    offered = result.stderr.split("Topic: 'back pain' is a guide with these topics:\n", 1)[1].split("Which one? ")[0]
    assert offered.splitlines() == [
        "Acupuncture for running-induced back pain",
        "  6. What causes it (causes)",
        "  7. How acupuncture helps (how-it-helps)",
        "  8. What the research says (research)",
        "  9. Prevention tips (prevention)",
        " 10. Looking after it yourself (self-care)",
        " 11. When to see a doctor (when-to-see-a-doctor)",
        "     Type a number or a name",
    ]
    assert "Topic of interest: How acupuncture helps" in drafts(tmp_path)[0].read_text()


@pytest.mark.slow
def test_sleep_at_the_topic_question_is_stress_and_sleep(tmp_path: Path) -> None:
    result = run("request", input=BEFORE_TOPIC + "sleep\nHi\n", terminal=interactive())
    assert result.exit_code == 0, result.stderr
    assert "Topic:" not in result.stderr  # taken at once
    assert "Topic of interest: Less stress, better sleep" in drafts(tmp_path)[0].read_text()


@pytest.mark.slow  # searches for the typo
def test_a_typo_at_the_topic_question_gets_a_suggestion(tmp_path: Path) -> None:
    result = run("request", input=BEFORE_TOPIC + "slep\n5\nHi\n", terminal=interactive())
    assert result.exit_code == 0, result.stderr
    after = result.stderr.split("What is it about? ", 1)[1]
    assert after.splitlines()[:4] == [
        "Topic: No topic is called 'slep'. Did you mean this topic?",
        "Benefits of acupuncture for runners",
        "  5. Less stress, better sleep (stress-and-sleep)",
        "     Type a number or a name",
    ]
    assert "Topic of interest: Less stress, better sleep" in drafts(tmp_path)[0].read_text()


@pytest.mark.slow
def test_a_topic_option_naming_a_guide_is_asked_about_naming_the_option(tmp_path: Path) -> None:
    result = run("request", "--topic", "back-pain", input="Jo\n661 555 0123\njo@example.com\nphone\nresearch\nHi\n",
                 terminal=interactive())  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "--topic: 'back-pain' is a guide with these topics:" in result.stderr
    assert "Faster recovery" not in result.stderr  # only the guide's topics
    assert "Topic of interest: What the research says" in drafts(tmp_path)[0].read_text()


@pytest.mark.slow  # searches for the answer no topic is called
def test_the_interactive_form_speaks_spanish() -> None:
    answers = "Jo\n661 555 0123\njo@\njo@example.com\nteléfono\nespalda\n6\nHola\n"
    result = run("--lang", "es", "request", input=answers, terminal=interactive())
    assert result.exit_code == 0, result.stderr
    assert ": Correo electrónico: Esta dirección de correo electrónico no es válida.\n" in result.stderr
    assert "? Beneficios de la acupuntura para corredores\n" in result.stderr and "?:" not in result.stderr
    assert "? Tema: Ningún tema se llama 'espalda'. ¿Quiso decir uno de estos temas?\n" in result.stderr
    assert "Please" not in result.stderr and "Type" not in result.stderr


# The draft's date and the call script, by the reader's clock


@pytest.fixture
def in_california(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """The machine in Los Angeles (TZ); calling the fixture stops runacu's clock at a moment given in UTC."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()

    def stop(utc: str) -> None:
        moment = datetime.fromisoformat(utc)

        class Stopped(datetime):
            @classmethod
            def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
                return moment.astimezone(tz) if tz is not None else moment.astimezone().replace(tzinfo=None)

        for module in (request_command, session_module):
            monkeypatch.setattr(module, "datetime", Stopped)

    yield stop
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_the_draft_is_dated_and_named_by_the_local_clock(tmp_path: Path, in_california: Callable[[str], None]) -> None:
    in_california("2026-12-06T02:30:00+00:00")  # already the 6th in UTC, still the 5th in California
    assert run("request", *GOOD).exit_code == 0
    [draft] = drafts(tmp_path)
    assert draft.name == "appointment-request-2026-12-05-183000.eml"
    assert "\nDate: Sat, 05 Dec 2026 18:30:00 -0800\n" in draft.read_text()


@pytest.mark.slow  # two runs
@pytest.mark.parametrize(
    ("utc", "status"),
    [
        ("2026-12-06T02:30:00+00:00", "Closed now, opens Monday 8:00 AM."),
        ("2026-12-07T18:00:00+00:00", "Open now, closes 6:00 PM."),
    ],
    ids=["closed", "open"],
)
def test_with_no_clinic_email_the_receipt_says_what_to_say_when_you_call(
    tmp_path: Path, in_california: Callable[[str], None], utc: str, status: str
) -> None:
    in_california(utc)
    result = run("request", *REQUEST_FIELDS, "--contact-method", "email", "--topic", "sleep", "--format", "plain")
    assert result.exit_code == 0, result.stderr
    [draft] = drafts(tmp_path)
    assert result.stdout.split("\n\n")[1:] == [
        "The clinic has no email address yet. Call Valencia Sports Medicine:\n(661) 490-9221",
        status,
        "What to say:",
        "I'd like to ask for an appointment.",
        "Name:                     Jo Runner\n"
        "Phone:                    (661) 555-0123\n"
        "Topic:                    Less stress, better sleep\n"
        "Preferred contact method: email (jo@example.com)\n"
        "Message:                  Hello",
        "A copy is saved for your records:",
        f"{draft}\n",
    ]


@pytest.mark.slow
def test_a_call_script_in_a_file_says_nothing_of_now(tmp_path: Path) -> None:
    result = run("request", *REQUEST_FIELDS, "--contact-method", "phone", "--topic", "other", "--format", "markdown")
    assert result.exit_code == 0
    assert "Phone:** (661) 555-0123" in result.stdout
    assert " now" not in result.stdout  # a handout is read later


@pytest.mark.slow
def test_the_call_script_in_spanish(tmp_path: Path) -> None:
    result = run("--lang", "es", "request", *REQUEST_FIELDS, "--contact-method", "phone", "--topic", "sueño",
                 "--format", "plain")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = one_line(result.stdout)
    for said in ["La clínica aún no tiene dirección de correo electrónico. Llame a Valencia Sports Medicine: (661) 490-9221",
                 "Qué decir:", "Quisiera pedir una cita.", "Tema: Menos estrés, mejor sueño",
                 "Forma de contacto preferida: teléfono", "Se guardó una copia para sus registros:"]:  # fmt: skip
        assert said in text, said
    assert "ahora" in text  # abierto o cerrado ahora


@pytest.mark.slow
def test_json_keeps_its_fields_and_adds_the_request_and_the_call_script(tmp_path: Path) -> None:
    data = json.loads(run("request", *GOOD, "--json").stdout)
    [draft] = drafts(tmp_path)
    assert data == {
        "path": str(draft),
        "mailto": None,
        "phone": "(661) 490-9221",
        "request": {"name": "Jo Runner", "phone": "+16615550123", "email": "Jo@example.com",
                    "contact_method": "email", "topic": "research", "message": "My back hurts after long runs."},
        "call_script": ["Name: Jo Runner", "Phone: (661) 555-0123", "Topic: What the research says",
                        "Preferred contact method: email (Jo@example.com)", "Message: My back hurts after long runs."],
        "warning": None,  # the message names no warning sign
    }  # fmt: skip


@pytest.mark.slow
def test_json_with_a_clinic_email_has_no_call_script(own_data: Callable[..., Path]) -> None:
    data_dir = own_data("clinic.yaml")
    clinic = data_dir / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("email:\n", "email: desk@example.org\n"))
    data = json.loads(run("--data-dir", str(data_dir), "request", *GOOD, "--json").stdout)
    assert data["call_script"] is None and data["mailto"].startswith("mailto:desk@example.org")


def test_help_says_what_happens_to_the_request() -> None:
    result = read_only_run("request", "--help")
    assert result.exit_code == 0
    text = one_line(result.stdout)
    assert "saves your request as a draft (.eml) for you to email the clinic, or to read out when you call" in text
    assert "if the clinic has no email address, it shows what to say when you call" in text
    assert "email draft for the clinic" not in text


@pytest.mark.slow  # a run in each format
@pytest.mark.parametrize("output_format", ["plain", "rich", "markdown", "html"])
def test_what_was_typed_is_shown_safe_in_the_call_script(output_format: str) -> None:
    fields = [a if a != "Hello" else "Hi\x1b]0;t\x07\u202e\x9b there" for a in REQUEST_FIELDS]
    result = run("request", *fields, "--contact-method", "phone", "--topic", "other", "--format", output_format,
                 terminal=fake_terminal() if output_format == "rich" else None)  # fmt: skip
    assert result.exit_code == 0
    assert "there" in result.stdout
    for unsafe in ("\x1b]0", "\x07", "\u202e", "\x9b"):  # (rich writes its own links as OSC 8 sequences)
        assert unsafe not in result.stdout


def test_a_topic_option_naming_a_guide_with_no_one_to_ask_is_a_usage_error(tmp_path: Path) -> None:
    result = run("request", *REQUEST_FIELDS, "--contact-method", "phone", "--topic", "back pain")
    assert result.exit_code == 2
    assert error_line(result.stderr) == (
        "runacu: error: --topic: Please make a selection. 'back pain' is a guide: choose one of its topics: 'causes',"
        " 'how-it-helps', 'research', 'prevention', 'self-care', 'when-to-see-a-doctor'."
    )
    assert drafts(tmp_path) == []


# A warning sign in the message: a doctor, not an appointment, said before anything about the appointment


def with_message(message: str, *args: str) -> list[str]:
    """The request's options with `message`, to be called back, about research."""
    fields = [a if a != "Hello" else message for a in REQUEST_FIELDS]
    return [*fields, "--contact-method", "phone", "--topic", "research", *args]


#: A message naming a sign, in each language, as `runacu search` recognises it; the callout's first line, the sign.
NAMED_SIGNS = [
    ("en", "I have numbness in both legs since my long run",
     "EMERGENCY: Call 911 or go to the emergency room",
     "Your message names a warning sign listed under “When to see a doctor”: Pain, tingling, weakness or numbness"
     " in both legs."),
    ("en", "Loss of bladder control after a fall last week",
     "EMERGENCY: Call 911 or go to the emergency room",
     "Your message names a warning sign listed under “When to see a doctor”: Loss of bladder or bowel control."),
    ("en", "I have a fever and my back hurts",
     "TODAY: See a doctor today (your doctor or urgent care), or go to the emergency room if you cannot be seen"
     " today",
     "Your message names a warning sign listed under “When to see a doctor”: A fever."),
    ("es", "Tengo entumecimiento en las dos piernas y no puedo orinar",
     "EMERGENCIA: Llame al 911 o vaya a la sala de emergencias",
     "Su mensaje nombra una señal de alarma de «Cuándo consultar a un médico»: Dolor, hormigueo, debilidad o"
     " entumecimiento en las dos piernas."),
    ("es", "Tengo fiebre y dolor de espalda",
     "HOY: Consulte a un médico hoy (su médico o un centro de atención de urgencia), o vaya a la sala de emergencias"
     " si no puede recibir atención hoy",
     "Su mensaje nombra una señal de alarma de «Cuándo consultar a un médico»: Fiebre."),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("language", "message", "lead", "named"), NAMED_SIGNS, ids=["legs", "bladder", "fever",
                         "es-legs", "es-fever"])  # fmt: skip
def test_a_warning_sign_in_the_message_comes_first_on_the_receipt(
    tmp_path: Path, language: str, message: str, lead: str, named: str
) -> None:
    result = run("--lang", language, "request", *with_message(message, "--format", "plain"))
    assert result.exit_code == 0, result.stderr  # the request is still made: nothing typed is lost
    [draft] = drafts(tmp_path)
    assert message in draft.read_text()
    title, callout, *rest = result.stdout.split("\n\n")
    assert title.splitlines()[0] == ("Appointment request" if language == "en" else "Solicitud de cita")
    said = one_line(callout)
    assert said.startswith(lead + " " + named)  # the level and its action, then the sign
    assert "runacu check" in said
    after = one_line("\n\n".join(rest))
    for appointment in ("Call Valencia Sports Medicine", "Llame a Valencia Sports Medicine"):
        assert appointment not in said
    assert ("I'd like to ask for an appointment." if language == "en" else "Quisiera pedir una cita.") in after
    assert result.stderr == ""  # the receipt says it: not twice


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "My back hurts after long runs."), ("es", "Me duele la espalda después de correr.")],
)
def test_a_message_with_no_warning_sign_gets_the_receipt_as_before(language: str, message: str) -> None:
    result = run("--lang", language, "request", *with_message(message, "--format", "plain"))
    assert result.exit_code == 0, result.stderr
    text = one_line(result.stdout)
    for level in ("EMERGENCY", "TODAY", "SOON", "EMERGENCIA", "HOY", "PRONTO", "911", "runacu check"):
        assert level not in text
    assert result.stdout.split("\n\n")[1].startswith(
        "The clinic has no email address yet." if language == "en" else "La clínica aún no tiene"
    )


@pytest.mark.slow
def test_json_names_the_warning_signs_level_and_says_it_on_stderr_too(tmp_path: Path) -> None:
    result = run("request", *with_message("numbness in both legs", "--json"))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["warning"] == {
        "level": "emergency",
        "action": "Call 911 or go to the emergency room",
        "sign": "Pain, tingling, weakness or numbness in both legs",
        "guide": "back-pain",
        "topic": "when-to-see-a-doctor",
    }
    assert next(iter(data)) == "warning"  # the first thing a script reads
    assert data["path"] == str(drafts(tmp_path)[0]) and data["request"]["message"] == "numbness in both legs"
    assert error_line(result.stderr) == (
        "runacu: warning sign: Pain, tingling, weakness or numbness in both legs: Call 911 or go to the emergency"
        " room (then run 'runacu check')"
    )


@pytest.mark.slow
def test_json_in_spanish_names_the_level_in_the_data_words() -> None:
    result = run("--lang", "es", "request", *with_message("tengo fiebre", "--json"))
    assert result.exit_code == 0
    warning = json.loads(result.stdout)["warning"]
    assert warning["level"] == "today" and warning["sign"] == "Fiebre"
    assert "Consulte a un médico hoy" in result.stderr


@pytest.mark.slow  # a run in each format
@pytest.mark.parametrize("output_format", ["rich", "markdown", "html"])
def test_the_warning_callout_comes_first_in_every_format(output_format: str) -> None:
    terminal = fake_terminal() if output_format == "rich" else None
    result = run("request", *with_message("loss of bladder control", "--format", output_format), terminal=terminal)
    assert result.exit_code == 0
    text = result.stdout
    callout = text.index("911")
    assert text.index("Appointment request") < callout < text.index("bladder") < text.index("Valencia Sports")
    assert text.index("bladder") < text.index("ask for an appointment")
    if output_format == "html":
        assert '<div class="callout danger">' in text and 'href="tel:911"' in text


@pytest.mark.slow
def test_the_warning_signs_topic_with_no_sign_named_starts_with_the_way_to_a_doctor() -> None:
    args = [a if a != "research" else "11" for a in with_message("Can acupuncture help?", "--format", "plain")]
    result = run("request", *args)
    assert result.exit_code == 0
    assert one_line(result.stdout.split("\n\n")[1]) == (
        "Warning signs need a doctor, not an appointment: in an emergency, call 911; to go through them one by one,"
        " run 'runacu check'."
    )
    assert json.loads(run("request", *args[:-2], "--json").stdout)["warning"] is None  # no sign, no level


@pytest.mark.slow
def test_a_warning_sign_is_said_even_when_the_draft_cannot_be_saved(tmp_path: Path) -> None:
    result = run("request", *with_message("chest pain", "--output", str(tmp_path / "missing" / "r.eml")))
    assert result.exit_code == 1
    assert "chest pain" in result.stdout  # the request in full
    warning, error = result.stderr.index("runacu: warning sign: Chest pain"), result.stderr.index("runacu: error:")
    assert warning < error


@pytest.mark.slow
def test_the_interactive_form_says_a_warning_sign_as_soon_as_the_message_is_typed(tmp_path: Path) -> None:
    result = run("request", input=BEFORE_TOPIC + "research\nI have numbness in both legs\n", terminal=interactive())
    assert result.exit_code == 0, result.stderr
    first_screen = result.stderr.split("Your name: ", 1)[0]
    assert "Warning signs need a doctor, not an appointment" in first_screen and "runacu check" in first_screen
    after_message = result.stderr.split("Your message: ", 1)[1].strip().splitlines()
    assert after_message[:2] == [
        "EMERGENCY: Call 911 or go to the emergency room",
        "Your message names a warning sign listed under “When to see a doctor”: Pain, tingling, weakness or numbness"
        " in both legs.",
    ]
    assert "runacu: warning sign" not in result.stderr  # said once, in full
    assert "I have numbness in both legs" in drafts(tmp_path)[0].read_text()  # and the request is saved
    assert result.stdout.index("EMERGENCY") < result.stdout.index("Call Valencia Sports Medicine")


@pytest.mark.slow
def test_the_interactive_form_in_spanish_points_the_warning_signs_topic_to_a_doctor(tmp_path: Path) -> None:
    answers = "Jo\n661 555 0123\njo@example.com\nteléfono\n11\nTengo entumecimiento en las dos piernas\n"
    result = run("--lang", "es", "request", input=answers, terminal=interactive())
    assert result.exit_code == 0, result.stderr
    pointer = "Las señales de alarma requieren atención médica, no una cita"
    assert result.stderr.split("Su nombre: ", 1)[0].count(pointer) == 1  # the first screen
    after_topic = result.stderr.split("¿De qué se trata? ", 1)[1]
    assert after_topic.startswith(pointer)  # the topic of warning signs: at once, before the message
    assert "EMERGENCIA: Llame al 911 o vaya a la sala de emergencias\n" in after_topic
    assert "Please" not in result.stderr and "Your message" not in result.stderr
    assert len(drafts(tmp_path)) == 1


@pytest.mark.parametrize("language", ["en", "es"])
def test_help_points_warning_signs_to_a_doctor(language: str) -> None:
    result = read_only_run("--lang", language, "request", "--help")
    assert result.exit_code == 0
    text = one_line(result.stdout)
    if language == "en":
        assert "Warning signs need a doctor, not an appointment: in an emergency, call 911;" in text
    else:
        assert "Las señales de alarma requieren atención médica, no una cita: en una emergencia, llame al 911;" in text
    assert "'runacu check'" in text
