"""Rich output for a terminal: a rule per page, a panel per topic, callouts, bullet lists, links.

Every string from the data is wrapped in `Text`, never parsed as markup, so `[red]` or `[/]`
in a title prints as it is written.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule as RichRule
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text

from runacu.views import blocks as b
from runacu.views.terminal import Terminal
from runacu.views.wrapping import keep_together

ACCENT = "cyan"
#: Below this width boxes and rules would cut titles short: plain headings instead.
NARROW = 50
#: A callout's level ("EMERGENCY", "TODAY", "SOON") in bold on its colour's background: text and background both
#: set, so it reads as well on a dark terminal as on a light one (contrast 7.4, 11.4 and 6.5 to 1). 256-colour
#: numbers, so that 256-colour and true-colour terminals show the same; without colour the level is still said.
LEVEL_LABELS = {
    "danger": "bold color(231) on color(124)",
    "warning": "bold color(16) on color(214)",
    "note": "bold color(231) on color(25)",
}
#: A callout's border: a colour with at least 3 to 1 contrast on black and on white.
LEVEL_BORDERS = {"danger": "color(160)", "warning": "color(130)", "note": "color(63)"}


def make_console(terminal: Terminal) -> Console:
    console = Console(
        file=terminal.out,
        highlight=False,
        markup=False,
        emoji=False,
        force_terminal=bool(terminal.color),
        no_color=not terminal.color,
        width=terminal.width,
    )
    console.width = terminal.text_width
    return console


#: Stands in for a space that must not break a line ("27.4 %", a phone number, a date, a time, a command) while
#: Rich wraps: Rich breaks at any whitespace, a no-break space included. `render_rich_text` puts spaces back.
_KEEP = "\ue000"


def _kept(text: str, every_space: bool = False) -> str:
    if every_space:
        return text.replace(" ", _KEEP).replace("\u00a0", _KEEP).replace("\u202f", _KEEP)
    return keep_together(text, _KEEP).replace("\u00a0", _KEEP).replace("\u202f", _KEEP)


def inline(parts: b.Inlines, style: str = "") -> Text:
    text = Text(style=style)
    for part in parts:
        if isinstance(part, str):
            text.append(_kept(part))
        elif isinstance(part, b.Link):
            link = Style(link=part.target, underline=part.target.startswith("http"), bold=part.strong or None)
            # Its words wrap as any others (an address is longer than a narrow line); a phone number's never do.
            text.append(_kept(part.text), style=link)
        elif isinstance(part, b.Strong):
            text.append(_kept(part.text), style="bold")
        elif isinstance(part, b.Emphasis):
            text.append(_kept(part.text), style="italic")
        elif isinstance(part, b.Code):
            text.append(_kept(part.text, every_space=True), style=f"bold {ACCENT}")
        elif isinstance(part, b.Mark):
            text.append(_kept(part.text), style="bold reverse")
    return text


def render_rich(page: b.Page, terminal: Terminal, console: Console | None = None) -> None:
    console = console if console is not None else make_console(terminal)
    writer = _RichWriter(console.width < NARROW, _first_column_width(page))
    title = Text(page.title, style=f"bold {ACCENT}")
    console.print(title if writer.narrow else RichRule(title, style=ACCENT))
    for renderable in writer.blocks(page.blocks):
        console.print(renderable, crop=False)
    if page.footer:
        console.print(RichRule(style=ACCENT) if not writer.narrow else Text(""))
        for renderable in writer.blocks(page.footer):
            console.print(renderable, crop=False)


def _first_column_width(page: b.Page) -> int:
    """How wide the first column of a table without headers is: as wide as the widest of the page's, so that such
    tables read as one list (the quick card's commands for runners and for the clinic)."""
    tables = [block for block in (*page.blocks, *page.footer) if isinstance(block, b.Table) and not block.headers]
    return max((inline(row[0]).cell_len for table in tables for row in table.rows if row), default=0)


class _RichWriter:
    def __init__(self, narrow: bool, first_column: int = 0) -> None:
        self.narrow = narrow
        self.first_column = first_column
        self.padding = (0, 1) if narrow else (1, 2)

    def blocks(self, blocks: tuple[b.Block, ...]) -> list[RenderableType]:
        rendered = []
        for index, block in enumerate(blocks):
            item = self.block(block)
            label = blocks[index - 1] if index else None
            if isinstance(label, b.Heading) and label.level > 2 and isinstance(item, Padding):
                item = item.renderable  # a block follows its label ("Tips") directly
            rendered.append(item)
        return rendered

    def block(self, block: b.Block) -> RenderableType:
        if isinstance(block, b.Paragraph):
            text = inline(block.parts, "dim" if block.quiet else "")
            if len(block.parts) == 1 and isinstance(block.parts[0], b.Code | b.Link):
                # A path or a link alone on its line is never broken or cut by Rich: the terminal may
                # wrap it, and it is still one line to copy. (Padding would crop it: a blank line instead.)
                text.no_wrap, text.overflow = True, "ignore"
                return Group(Text(""), text)
            return Padding(text, (1, 0, 0, 0))
        if isinstance(block, b.Heading):
            style = f"bold {ACCENT}" if block.level <= 2 else "bold"
            return Padding(Text(block.text, style=style), (1, 0, 0, 0))
        if isinstance(block, b.Section):
            title = Text.assemble((f"{block.number}. " if block.number else "", ACCENT), (block.title, "bold"))
            body = Group(*self.blocks(block.body))
            if self.narrow:
                return Group(Text(""), title, Padding(body, (0, 0, 0, 2)))
            return Padding(
                Panel(body, title=title, title_align="left", border_style=ACCENT, padding=(0, 2, 1, 2)),
                (1, 0, 0, 0),
            )
        if isinstance(block, b.BulletList):
            return Padding(self._list(block), (1, 0, 0, 0))
        if isinstance(block, b.Definitions) and self.narrow:  # the value under its label: a phone is never folded
            rows = (
                Group(Text(label, style="bold"), Padding(inline(value), (0, 0, 0, 2))) for label, value in block.rows
            )
            return Padding(Group(*rows), (1, 0, 0, 0))
        if isinstance(block, b.Definitions):
            grid = RichTable.grid(padding=(0, 2))
            grid.add_column(style="bold", no_wrap=not self.narrow)
            grid.add_column(overflow="fold")
            for label, value in block.rows:
                grid.add_row(label, inline(value))
            return Padding(grid, (1, 0, 0, 0))
        if isinstance(block, b.Table):
            return Padding(self._table(block), (1, 0, 0, 0))
        if isinstance(block, b.Callout):
            return self._callout(block)
        if isinstance(block, b.Rule):
            return RichRule(style=ACCENT)
        raise TypeError(f"unknown block {block!r}")

    def _list(self, block: b.BulletList) -> RichTable:
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(style=ACCENT, no_wrap=True)
        grid.add_column(overflow="fold")
        for number, item in enumerate(block.items, start=1):
            parts: list[RenderableType] = []
            for index, piece in enumerate(item):
                if isinstance(piece, b.Paragraph):
                    parts.append(inline(piece.parts, "dim" if block.quiet or piece.quiet else ""))
                else:
                    rendered = self.block(piece)
                    parts.append(rendered.renderable if isinstance(rendered, Padding) and index == 0 else rendered)
            grid.add_row(f"{number}." if block.ordered else "•", Group(*parts))
        return grid

    def _table(self, table: b.Table) -> RenderableType:
        rows = []
        for index, row in enumerate(table.rows):
            cells = [inline(cell) for cell in row]
            highlighted = index == table.highlight
            if highlighted and table.highlight_label:  # in words too, for a terminal without colour
                cells[0].append(f" ({table.highlight_label})")
            rows.append((cells, "bold reverse" if highlighted else ""))
        if self.narrow:  # one column: each row's first cell, the rest indented below it
            for (first, *_), style in rows:
                first.stylize(style)
            return Group(*(Group(first, Padding(Group(*rest), (0, 0, 0, 2))) for (first, *rest), _ in rows))
        if table.headers:
            grid = RichTable(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
            for header in table.headers:
                grid.add_column(header, overflow="fold")
        else:
            grid = RichTable.grid(padding=(0, 2))
            grid.add_column(no_wrap=True, min_width=self.first_column)
            grid.add_column(overflow="fold")
        for cells, style in rows:
            grid.add_row(*cells, style=style)
        return grid

    def _callout(self, callout: b.Callout) -> RenderableType:
        head, *rest = callout.body
        lead = Text.assemble((callout.label.upper(), LEVEL_LABELS[callout.level]), ": ")
        if isinstance(head, b.Paragraph):
            lead.append_text(inline(head.parts))
            body = [lead, *self.blocks(tuple(rest))]
        else:
            body = [lead, *self.blocks(callout.body)]
        group = Group(*body)
        if self.narrow:
            return Padding(group, (1, 0, 0, 0))
        return Padding(Panel(group, border_style=LEVEL_BORDERS[callout.level], padding=(0, 1)), (1, 0, 0, 0))


class _Capture(io.StringIO):
    """A text buffer that reports the real stream's encoding, so Rich picks ASCII boxes for an ASCII terminal."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def render_rich_text(page: b.Page, terminal: Terminal) -> str:
    buffer = _Capture(getattr(terminal.out, "encoding", None) or "utf-8")
    console = make_console(terminal)
    console.file = buffer
    render_rich(page, terminal, console)
    return buffer.getvalue().replace(_KEEP, " ")
