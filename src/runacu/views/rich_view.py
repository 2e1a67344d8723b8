"""Rich output for a terminal: headings, a block per topic, bullet lists, quiet sources, links.

Every string from the data is wrapped in `Text`, never parsed as markup, so `[red]` or
`[/]` in a title prints as it is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import quote_plus

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from runacu.clinic.hours import describe_day
from runacu.content.models import WEEKDAYS
from runacu.views.models import ClinicCard, DraftReceipt, GuidePage, Overview, ValidationReport
from runacu.views.plain import paragraphs, summary
from runacu.views.terminal import Terminal

if TYPE_CHECKING:
    from runacu.content.models import Guide, Source, Topic
    from runacu.content.search import SearchHit

ACCENT = "cyan"
NARROW = 50


def make_console(terminal: Terminal) -> Console:
    console = Console(
        file=terminal.out,
        highlight=False,
        markup=False,
        emoji=False,
        # Our Terminal already knows; otherwise (a pipe) Rich decides, honouring FORCE_COLOR.
        force_terminal=True if terminal.is_terminal else None,
        width=terminal.width,
    )
    console.width = terminal.text_width
    return console


def _bullets(items: Sequence[RenderableType], style: str = "") -> Table:
    """Bullet list whose wrapped lines keep their indent."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style=ACCENT, no_wrap=True)
    table.add_column(style=style, overflow="fold")
    for item in items:
        table.add_row("•", item)
    return table


def _link(text: str, url: str, style: str = "") -> Text:
    return Text(text, style=Style.parse(style) + Style(link=url) if style else Style(link=url))


class RichView:
    def __init__(self, terminal: Terminal, console: Console | None = None) -> None:
        self.terminal = terminal
        self.console = console if console is not None else make_console(terminal)
        # On a narrow terminal boxes and rules would cut titles short: plain headings instead.
        self.narrow = self.console.width < NARROW
        self.padding = (0, 1) if self.narrow else (1, 2)

    def _heading(self, title: str) -> RenderableType:
        text = Text(title, style=f"bold {ACCENT}")
        return text if self.narrow else Rule(text, style=ACCENT)

    def _block(self, title: Text, body: RenderableType) -> RenderableType:
        if self.narrow:
            return Group(title, Padding(body, (0, 0, 1, 2)))
        return Panel(body, title=title, title_align="left", border_style=ACCENT, padding=self.padding)

    def guide(self, page: GuidePage) -> None:
        guide, console = page.guide, self.console
        console.print(self._heading(guide.title))
        if page.is_whole:
            console.print(Padding(Group(*(Text(p) for p in paragraphs(guide.intro))), (1, 1)))
        for number, topic in page.topics:
            console.print(self._topic(number, topic))
        console.print(Padding(Text.assemble(("Disclaimer: ", "bold"), guide.disclaimer, style="dim italic"), (0, 1)))

    def _topic(self, number: int, topic: Topic) -> RenderableType:
        parts: list[RenderableType] = [Text(topic.summary, style="italic")]
        parts += [Text(""), *(Text(p) for p in paragraphs(topic.explanation))]
        if topic.tips:
            parts += [Text(""), Text("Tips", style="bold"), _bullets([Text(tip) for tip in topic.tips])]
        if topic.sources:
            parts += [
                Text(""),
                Text("Sources", style="bold dim"),
                _bullets([self._source(s) for s in topic.sources], "dim"),
            ]
        title = Text.assemble((f"{number}. ", ACCENT), (topic.title, "bold"))
        return self._block(title, Group(*parts))

    def _source(self, source: Source) -> Text:
        text = Text(source.citation)
        if source.link:
            label = f"doi:{source.doi}" if source.doi else source.link
            text.append(" ")
            text.append_text(_link(label, source.link, "underline"))
        if source.note:
            text.append("\nEvidence note: ", style="bold")
            text.append(source.note, style="italic")
        return text

    def slugs(self, slugs: Sequence[str]) -> None:
        for slug in slugs:
            self.console.print(Text(slug))

    def clinic(self, card: ClinicCard) -> None:
        clinic = card.clinic
        details = Table.grid(padding=(0, 2))
        details.add_column(style="bold", no_wrap=True)
        details.add_column(overflow="fold")
        details.add_row("Phone", _link(clinic.phone.display, f"tel:{clinic.phone.e164}", ACCENT))
        map_url = f"https://www.openstreetmap.org/search?query={quote_plus(clinic.address.one_line)}"
        details.add_row("Address", _link(clinic.address.one_line, map_url))
        if clinic.email:
            details.add_row("Email", _link(clinic.email, f"mailto:{clinic.email}"))
        if clinic.website:
            details.add_row("Website", _link(clinic.website, clinic.website))
        parts: list[RenderableType] = []
        if clinic.tagline:
            parts += [Text(clinic.tagline, style="italic"), Text("")]
        parts.append(details)
        if card.status is not None:
            style = "bold green" if card.status.is_open else "bold red"
            parts += [Text(""), Text(card.status.sentence(), style=style)]
        parts += [Text(""), Text(f"Opening hours ({clinic.timezone} time)", style="bold"), self._hours(card)]
        title = Text(clinic.name, style=f"bold {ACCENT}")
        if self.narrow:
            self.console.print(Group(title, *parts))
        else:
            self.console.print(
                Panel(Group(*parts), title=title, border_style=ACCENT, padding=self.padding, expand=False)
            )

    def _hours(self, card: ClinicCard) -> Table:
        today = card.status.weekday if card.status else None
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        table.add_column("Day", overflow="fold")
        table.add_column("Hours", overflow="fold")
        for day in WEEKDAYS:
            label = day.capitalize() + (" (today)" if day == today else "")
            style = "bold reverse" if day == today else ""
            table.add_row(label, describe_day(card.clinic.hours.on(day)), style=style)
        return table

    def overview(self, overview: Overview) -> None:
        console = self.console
        console.print(self._heading("runacu"))
        console.print(Padding(Text(overview.description), (1, 1, 0, 1)))
        commands = Table.grid(padding=(0, 2))
        commands.add_column(style=f"bold {ACCENT}", overflow="fold")
        commands.add_column(overflow="fold")
        for name, help_line in overview.commands:
            commands.add_row(f"runacu {name}", help_line)
        console.print(Padding(commands, (1, 1)))
        console.print(Padding(Text("Run 'runacu COMMAND --help' for a command's options.", style="dim"), (0, 1)))
        line = Text.assemble(("\n" + overview.clinic_name + ": ", "bold"), overview.phone)
        if overview.tagline:
            line.append(f" - {overview.tagline}", style="italic")
        console.print(Padding(line, (0, 1)))

    def guides(self, guides: Sequence[Guide]) -> None:
        if self.narrow:
            for guide in guides:
                self.console.print(Text(guide.slug, style=f"bold {ACCENT}"))
                self.console.print(Padding(Text(f"{guide.title} ({len(guide.topics)} topics)"), (0, 0, 0, 2)))
            return
        table = Table(box=box.SIMPLE_HEAD)
        table.add_column("Slug", style=f"bold {ACCENT}", overflow="fold")
        table.add_column("Title", overflow="fold")
        table.add_column("Topics", justify="right")
        for guide in guides:
            table.add_row(guide.slug, Text(guide.title), str(len(guide.topics)))
        self.console.print(table)

    def search(self, hits: Sequence[SearchHit]) -> None:
        for hit in hits:
            heading = Text.assemble(
                (hit.guide_slug, "dim"), " ", (hit.topic.slug, ACCENT), ": ", (hit.topic.title, "bold")
            )
            snippet = Text(hit.snippet)
            for start, end in hit.spans:
                snippet.stylize("bold reverse", start, end)
            self.console.print(heading)
            self.console.print(Padding(snippet, (0, 0, 1, 4)))

    def problems(self, report: ValidationReport) -> None:
        for problem in report.problems:
            where = Text(problem.file, style="bold")
            if problem.line is not None:
                where.append(f":{problem.line}" + (f":{problem.column}" if problem.column else ""), style=ACCENT)
            field = Text(f" {problem.field}:", style="yellow") if problem.field else Text("")
            self.console.print(Text.assemble(where, ":", field, " ", problem.message))
        style = "bold green" if report.is_valid else "bold red"
        self.console.print(Text(summary(report), style=style))

    def draft_saved(self, receipt: DraftReceipt) -> None:
        self.console.print(Text.assemble(("Saved your request to ", "green"), (receipt.path, "bold")))
        if receipt.mailto:
            self.console.print(Text.assemble("Send it: ", _link(receipt.mailto, receipt.mailto, ACCENT)))
        else:
            self.console.print(Text("Open it in your mail program to send it, or bring it when you call."))
        self.console.print(Text.assemble(f"Or call {receipt.clinic_name}: ", (receipt.phone, f"bold {ACCENT}")))
