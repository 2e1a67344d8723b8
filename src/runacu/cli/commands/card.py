"""The quick card of a bare `runacu`: what it is, commands to try, and how to reach the clinic."""

from __future__ import annotations

from runacu.cli.session import OutputOptions, Session

#: The quick card's examples: (words after `runacu`, the word key of what it does).
CARD_FOR_RUNNERS = (
    (("benefits",), "card_benefits"),
    (("back-pain",), "card_back_pain"),
    (("check",), "card_check"),
    (("guide", "first-visit"), "card_first_visit"),
    (("contact",), "card_contact"),
    (("request",), "card_request"),
    (("search", "WORD"), "card_search"),
)
CARD_FOR_CLINIC = (
    (("guides",), "card_guides"),
    (("validate",), "card_validate"),
    (("schema", "guide"), "card_schema"),
)


def show_card(session: Session, description: str) -> None:
    from runacu.views.pages import CardCommand, overview_page

    clinic = session.library.load_clinic()
    words = session.words

    def card(entries: tuple[tuple[tuple[str, ...], str], ...]) -> list[CardCommand]:
        return [CardCommand(command, words.say(key)) for command, key in entries]

    def data() -> object:
        # The shape 0.1 printed: each command's name (the words after `runacu`) and what it does.
        entries = (*CARD_FOR_RUNNERS, *CARD_FOR_CLINIC)
        commands = [{"name": " ".join(command), "help": words.say(key)} for command, key in entries]
        return {
            "description": description,
            "commands": commands,
            "clinic": {"name": clinic.name, "phone": clinic.phone.display, "tagline": clinic.tagline},
        }

    session.show(
        lambda: overview_page(words, clinic, card(CARD_FOR_RUNNERS), card(CARD_FOR_CLINIC)), data, OutputOptions()
    )
