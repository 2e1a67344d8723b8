"""Regenerate docs/*.svg, the pictures of the README and docs/using.md, from runacu's real Rich output.

Run from the repository: python scripts/screenshot.py. A test fails when they drift.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.console import Console

from runacu.clinic.hours import status_at
from runacu.content.library import Library
from runacu.views.blocks import Page
from runacu.views.pages import CardCommand, ClinicView, clinic_page, guide_page, overview_page
from runacu.views.rich_view import render_rich
from runacu.views.terminal import Terminal

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
WIDTH, HEIGHT = 88, 25
#: What the Rich view puts in place of a space that must not break a line (`_KEEP` in runacu/views/rich_view.py),
#: which its text writer turns back into a space: a picture, recorded from the console, must do the same.
KEPT_SPACE = "\ue000"


def picture(title: str, page: Callable[[], Page]) -> tuple[Path, str]:
    """The SVG of `page` on a terminal WIDTH columns wide, and where it goes (named for the command in `title`)."""
    terminal = Terminal(out=io.StringIO(), err=io.StringIO(), is_terminal=True, width=WIDTH, color=True)
    # Size and colours given, so that the pictures are the same whatever terminal they are made on (even TERM=dumb).
    console = Console(
        record=True,
        file=io.StringIO(),
        width=WIDTH,
        height=HEIGHT,
        force_terminal=True,
        color_system="truecolor",
        markup=False,
        highlight=False,
    )
    render_rich(page(), terminal, console)
    name = title.removeprefix("runacu ").replace(" ", "-") or "runacu"
    # Rich writes every space of a picture as a no-break space (&#160;): a kept space is one too.
    return DOCS / f"{name}.svg", console.export_svg(title=title).replace(KEPT_SPACE, "&#160;")


def pictures() -> dict[Path, str]:
    """Every picture the README and docs/using.md show, in English, at one fixed moment."""
    from runacu.cli.commands.card import CARD_FOR_CLINIC, CARD_FOR_RUNNERS
    from runacu.cli.options import opener

    library = Library(language="en")
    words = library.words
    clinic = library.load_clinic()
    runners = [CardCommand(command, words.say(key)) for command, key in CARD_FOR_RUNNERS]
    tools = [CardCommand(command, words.say(key)) for command, key in CARD_FOR_CLINIC]
    benefits = library.load_guide("benefits")
    back_pain = library.load_guide("back-pain")
    # A fixed moment, so the pictures do not change with the day they are made.
    moment = datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo(clinic.timezone))
    contact = ClinicView(clinic, status_at(clinic, moment))
    return dict(
        [
            picture("runacu", lambda: overview_page(words, clinic, runners, tools)),
            picture(
                "runacu benefits stress-and-sleep",
                lambda: guide_page(
                    words, benefits, [benefits.find_topic("stress-and-sleep", words)], contact, opener("benefits")
                ),
            ),
            picture(
                "runacu back-pain doctor",
                lambda: guide_page(
                    words, back_pain, [back_pain.find_topic("doctor", words)], contact, opener("back-pain")
                ),
            ),
            picture("runacu contact", lambda: clinic_page(words, contact)),
        ]
    )


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    for path, svg in pictures().items():
        path.write_text(svg, encoding="utf-8")
        print(f"wrote {os.path.relpath(path, REPO)}")


if __name__ == "__main__":
    main()
