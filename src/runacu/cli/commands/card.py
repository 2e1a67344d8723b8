"""The quick card of a bare `runacu`: what it is, commands to try, and how to reach the clinic."""

from __future__ import annotations

from runacu.cli.session import OutputOptions, Session
from runacu.words import N_

#: The quick card's examples: (words after `runacu`, what it does).
CARD_FOR_RUNNERS = (
    (("benefits",), N_("how acupuncture may help runners")),
    (("back-pain",), N_("running-induced back pain")),
    (("check",), N_("warning signs that need a doctor")),
    (("guide", "first-visit"), N_("what a first session involves")),
    (("contact",), N_("phone, address, hours, open now")),
    (("request",), N_("ask for an appointment")),
    (("search", "WORD"), N_("find a topic")),
)
CARD_FOR_CLINIC = (
    (("guides",), N_("every guide, extra ones included")),
    (("validate",), N_("check your edited data files")),
    (("schema", "guide"), N_("JSON Schema for your editor")),
)


def show_card(session: Session, description: str) -> None:
    from runacu.views.pages import CardCommand, overview_page

    clinic = session.library.load_clinic()
    words = session.words

    def card(entries: tuple[tuple[tuple[str, ...], str], ...]) -> list[CardCommand]:
        return [CardCommand(command, words.say(what)) for command, what in entries]

    def data() -> object:
        # The shape 0.1 printed: each command's name (the words after `runacu`) and what it does.
        entries = (*CARD_FOR_RUNNERS, *CARD_FOR_CLINIC)
        commands = [{"name": " ".join(command), "help": words.say(what)} for command, what in entries]
        return {
            "description": description,
            "commands": commands,
            "clinic": {"name": clinic.name, "phone": clinic.phone.display, "tagline": clinic.tagline},
        }

    session.show(
        lambda: overview_page(words, clinic, card(CARD_FOR_RUNNERS), card(CARD_FOR_CLINIC)), data, OutputOptions()
    )
