"""Regenerate docs/*.svg, the README's pictures, from runacu's real Rich output.

Run from the repository: python scripts/screenshot.py
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.console import Console

from runacu.clinic.hours import status_at
from runacu.content.library import Library
from runacu.views.models import ClinicCard, GuidePage
from runacu.views.rich_view import RichView
from runacu.views.terminal import Terminal

DOCS = Path(__file__).resolve().parents[1] / "docs"
WIDTH = 88


def record(title: str, draw: object) -> None:
    terminal = Terminal(out=io.StringIO(), err=io.StringIO(), is_terminal=True, width=WIDTH)
    console = Console(record=True, file=io.StringIO(), width=WIDTH, force_terminal=True, markup=False, highlight=False)
    view = RichView(terminal, console)
    draw(view)  # type: ignore[operator]
    name = title.removeprefix("runacu ").replace(" ", "-")
    (DOCS / f"{name}.svg").write_text(console.export_svg(title=title), encoding="utf-8")
    print(f"wrote docs/{name}.svg")


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    library = Library()
    benefits = library.load_guide("benefits")
    record("runacu benefits stress-and-sleep", lambda view: view.guide(GuidePage(benefits, [benefits.find_topic("5")])))
    clinic = library.load_clinic()
    # A fixed moment, so the picture does not change with the day it is made.
    moment = datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo(clinic.timezone))
    record("runacu contact", lambda view: view.clinic(ClinicCard(clinic, status_at(clinic, moment))))


if __name__ == "__main__":
    main()
