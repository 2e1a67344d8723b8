"""`runacu request` in a real pseudo-terminal, as a person fills it in: the form's own words, topics under their
guides, forgiving answers, what to say when calling a clinic with no email address, and the draft dated by the
reader's clock (their time zone, runacu's clock stopped at a given moment: nothing waits for a real time)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from runacu.words import for_language
from tests.e2e.conftest import Child, ForkServer, prose, screen_text, terminal_environment

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals need a POSIX system")

#: `python -m runacu`, but with the clock runacu reads (`datetime.now`) stopped at the moment given first.
STOPPED_CLOCK = """
import sys
from datetime import datetime

moment = datetime.fromisoformat(sys.argv.pop(1))


class Stopped(datetime):
    @classmethod
    def now(cls, tz=None):
        return moment.astimezone(tz) if tz is not None else moment.astimezone().replace(tzinfo=None)


import runacu.cli.commands.request
import runacu.cli.session

runacu.cli.commands.request.datetime = runacu.cli.session.datetime = Stopped
from runacu.launch import main

main()
"""

#: 02:30 UTC on Sunday the 6th: still Saturday the 5th, 18:30, in California, and the clinic is closed.
SATURDAY_EVENING = "2026-12-06T02:30:00+00:00"
#: 10:00 on Monday the 7th in California: the clinic is open.
MONDAY_MORNING = "2026-12-07T18:00:00+00:00"


Start = Callable[..., Child]


@pytest.fixture
def started(forks: ForkServer, tmp_path: Path) -> Start:
    """`started(MOMENT, *ARGS)`: `runacu ARGS` on a 100-column terminal in Los Angeles, its clock stopped at
    `moment` (UTC), its files in this test's folder; a run still going when the test ends is ended."""

    def begin(moment: str, *args: str) -> Child:
        env = terminal_environment(tmp_path, TZ="America/Los_Angeles")
        return forks.on_terminal([moment, *args], env=env, rows=60, cols=100, script=STOPPED_CLOCK)

    return begin


def the_draft(tmp_path: Path) -> Path:
    [draft] = (tmp_path / "xdg-data" / "runacu" / "requests").glob("*.eml")
    return draft


def test_a_request_typed_in_a_terminal(started: Start, tmp_path: Path) -> None:
    child = started(SATURDAY_EVENING, "request")
    child.answer("Your name: ", "Jo Runner")
    child.answer("Your phone number: ", "661 555 0123")
    child.answer("Your email address: ", "jo@")
    said = child.answer("Your email address: ", "jo@example.com")
    assert "Email: This isn't a valid email address." in said  # the field, not a flag never typed
    assert "--email" not in said
    child.answer("How should the clinic contact you? ", "phone")  # one question mark, no colon

    listed = screen_text(child.answer("What is it about? ", "back pain"))
    assert re.search(r"^Acupuncture for running-induced back pain\n +6\. What causes it \(causes\)$", listed, re.M)
    assert re.search(r"^Your first acupuncture visit\n +12\. What happens at a session", listed, re.M)

    offered = screen_text(child.answer("Which one? ", "slep"))
    assert "Topic: 'back pain' is a guide with these topics:" in offered
    assert re.search(r"^ +11\. When to see a doctor \(when-to-see-a-doctor\)$", offered, re.M)
    assert "Faster recovery" not in offered  # the guide's topics only

    suggested = screen_text(child.answer("What is it about? ", "sleep"))
    assert "Topic: No topic is called 'slep'. Did you mean this topic?" in suggested
    assert re.search(r"^ +5\. Less stress, better sleep \(stress-and-sleep\)$", suggested, re.M)
    assert "Please make a selection." not in suggested and "What causes it" not in suggested

    child.answer("Your message: ", "My back hurts after long runs.")
    out, status = child.finish()
    assert status == 0
    receipt = prose(screen_text(out).split("My back hurts after long runs.", 1)[1])
    for line in [
        "The clinic has no email address yet. Call Valencia Sports Medicine: (661) 490-9221",
        "Closed now, opens Monday 8:00 AM.",
        "What to say: I'd like to ask for an appointment.",
        "Name Jo Runner Phone (661) 555-0123 Topic Less stress, better sleep Preferred contact method phone"
        " Message My back hurts after long runs.",
        "A copy is saved for your records:",
    ]:
        assert line in receipt, line

    draft = the_draft(tmp_path)
    assert draft.name == "appointment-request-2026-12-05-183000.eml"  # the 5th, as in California
    message = message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert message["Date"] == "Sat, 05 Dec 2026 18:30:00 -0800"
    assert "Topic of interest: Less stress, better sleep" in message.get_content()


def test_a_request_typed_in_spanish_while_the_clinic_is_open(started: Start, tmp_path: Path) -> None:
    spanish = for_language("es")
    child = started(MONDAY_MORNING, "--lang", "es", "request", "--name", "Jo", "--email", "jo@", "--topic", "sueño")
    child.answer(spanish.say("Your phone number") + ": ", "661 555 0123")
    said = screen_text(child.answer(spanish.say("Your email address") + ": ", "jo@example.com"))
    assert "--email: Esta dirección de correo electrónico no es válida." in said  # given as --email
    child.answer(spanish.say("How should the clinic contact you?") + " ", "teléfono")
    child.answer(spanish.say("Your message") + ": ", "Hola")
    out, status = child.finish()
    assert status == 0
    text = prose(screen_text(out))
    assert "Llame a Valencia Sports Medicine: (661) 490-9221 Abierto ahora, cierra a las 6:00 p. m." in text
    assert "Tema Menos estrés, mejor sueño" in text
    assert "Please" not in text and "Topic" not in text
    draft = the_draft(tmp_path)
    assert draft.name == "appointment-request-2026-12-07-100000.eml"
    assert message_from_bytes(draft.read_bytes(), policy=policy.default)["Date"] == "Mon, 07 Dec 2026 10:00:00 -0800"


def test_a_warning_sign_typed_in_the_message_is_said_at_once_and_first_on_the_receipt(
    started: Start, tmp_path: Path
) -> None:
    child = started(MONDAY_MORNING, "request", "--name", "Jo", "--phone", "661 555 0123", "--email", "jo@example.com",
                    "--contact-method", "phone", "--topic", "research")  # fmt: skip
    first_screen = prose(screen_text(child.expect("Your message: ")))
    assert "Warning signs need a doctor, not an appointment: in an emergency, call 911;" in first_screen
    child.process.sendline("Since my fall I have numbness in both legs")
    said = prose(screen_text(child.expect("Appointment request")))  # before the receipt: as soon as it is typed
    assert said.startswith("Since my fall I have numbness in both legs")  # the terminal's echo of what was typed
    assert said.removeprefix("Since my fall I have numbness in both legs ").startswith(
        "EMERGENCY: Call 911 or go to the emergency room Your message names a warning sign listed under “When to see"
        " a doctor”: Pain, tingling, weakness or numbness in both legs."
    )
    out, status = child.finish()
    assert status == 0
    receipt = prose(screen_text(out).split("Appointment request", 1)[1])
    assert receipt.startswith("EMERGENCY: Call 911 or go to the emergency room")  # the callout, in its box, first
    assert receipt.index("numbness in both legs") < receipt.index("Call Valencia Sports Medicine")
    assert "Since my fall I have numbness in both legs" in the_draft(tmp_path).read_text()  # nothing typed is lost
