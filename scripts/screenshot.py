"""Regenerate docs/*.svg, the README's pictures, from runacu's real Rich output.

Run from the repository: python scripts/screenshot.py
"""

from __future__ import annotations

import io
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
from runacu.words import say

DOCS = Path(__file__).resolve().parents[1] / "docs"
WIDTH = 88


def record(title: str, page: Callable[[], Page]) -> None:
    terminal = Terminal(out=io.StringIO(), err=io.StringIO(), is_terminal=True, width=WIDTH, color=True)
    console = Console(record=True, file=io.StringIO(), width=WIDTH, force_terminal=True, markup=False, highlight=False)
    render_rich(page(), terminal, console)
    name = title.removeprefix("runacu ").replace(" ", "-") or "runacu"
    (DOCS / f"{name}.svg").write_text(console.export_svg(title=title), encoding="utf-8")
    print(f"wrote docs/{name}.svg")


def main() -> None:
    from runacu.cli import CARD_FOR_CLINIC, CARD_FOR_RUNNERS, opener

    DOCS.mkdir(exist_ok=True)
    library = Library()
    clinic = library.load_clinic()
    runners = [CardCommand(words, say(key)) for words, key in CARD_FOR_RUNNERS]
    tools = [CardCommand(words, say(key)) for words, key in CARD_FOR_CLINIC]
    record("runacu", lambda: overview_page(clinic, runners, tools))
    benefits = library.load_guide("benefits")
    # A fixed moment, so the pictures do not change with the day they are made.
    moment = datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo(clinic.timezone))
    contact = ClinicView(clinic, status_at(clinic, moment))
    record(
        "runacu benefits stress-and-sleep",
        lambda: guide_page(benefits, [benefits.find_topic("stress-and-sleep")], contact, opener("benefits")),
    )
    back_pain = library.load_guide("back-pain")
    record(
        "runacu back-pain doctor",
        lambda: guide_page(back_pain, [back_pain.find_topic("doctor")], contact, opener("back-pain")),
    )
    record("runacu contact", lambda: clinic_page(contact))


if __name__ == "__main__":
    main()
