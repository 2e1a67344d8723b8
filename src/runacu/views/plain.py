"""Plain text for pipes, files and scripts: no escape codes, wrapped to a readable width."""

from __future__ import annotations

import textwrap

from runacu.views import blocks as b
from runacu.views.terminal import Terminal
from runacu.views.wrapping import keep_together

#: Holds a link's or a command's words together while wrapping: textwrap splits on ASCII spaces only.
_KEEP = "\u00a0"
#: The no-break spaces written as plain spaces: they hold words together while wrapping, and a reader who copies
#: "6:00 p. m." or "27.4 %" from plain text gets the spaces they would type.
_NO_BREAK = str.maketrans({_KEEP: " ", "\u202f": " "})


def _text(parts: b.Inlines) -> str:
    """The words of inline pieces; a phone number, a date, a time, a percentage or a command is never broken across
    lines."""
    return "".join(
        part.text.replace(" ", _KEEP)
        if isinstance(part, b.Link | b.Code)
        else keep_together(b.plain_text((part,)), _KEEP)
        for part in parts
    )


def render_plain(page: b.Page, terminal: Terminal) -> str:
    """The page as plain text; a page with a one-per-line form prints just that in a pipe."""
    if page.lines is not None and not terminal.is_terminal:
        return "".join(f"{line}\n" for line in page.lines)
    writer = _PlainWriter(terminal.text_width, _first_column_width(page))
    writer.title(page.title)
    writer.blocks(page.blocks, "")
    if page.footer:
        writer.blocks(page.footer, "")
    return "\n".join(writer.lines).rstrip("\n").translate(_NO_BREAK) + "\n"


def _first_column_width(page: b.Page) -> int:
    """How wide the first column of a table without headers is: as wide as the widest of the page's, so that such
    tables read as one list (the quick card's commands for runners and for the clinic)."""
    tables = [block for block in (*page.blocks, *page.footer) if isinstance(block, b.Table) and not block.headers]
    return max((len(_text(row[0])) for table in tables for row in table.rows if row), default=0)


class _PlainWriter:
    def __init__(self, width: int, first_column: int = 0) -> None:
        self.width = width
        self.first_column = first_column
        self.lines: list[str] = []
        self.after_label = False

    def _gap(self) -> None:
        if self.after_label:  # a block follows its label ("Tips:") directly
            self.after_label = False
            return
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def _fill(self, text: str, first: str, rest: str) -> None:
        room = self.width - len(rest)
        if any(len(word) > room for word in text.split(" ") if _KEEP in word):
            text = text.replace(_KEEP, " ")  # a command longer than the line may break at its own spaces
        # Hyphenated words (a phone number, a slug) stay whole; only a word longer than a line is cut.
        self.lines += textwrap.wrap(
            text, max(self.width, len(first) + 10), initial_indent=first, subsequent_indent=rest,
            break_on_hyphens=False, break_long_words=" " in text.strip(),
        ) or [first.rstrip()]  # fmt: skip

    def title(self, text: str) -> None:
        self._underlined(text, "=")

    def _underlined(self, text: str, underline: str) -> None:
        self._gap()
        wrapped = textwrap.wrap(keep_together(text, _KEEP), self.width, break_long_words=False) or [""]
        self.lines += [*wrapped, underline * min(self.width, max(len(line) for line in wrapped)), ""]

    def blocks(self, blocks: tuple[b.Block, ...], indent: str) -> None:
        for block in blocks:
            self.block(block, indent)

    def block(self, block: b.Block, indent: str) -> None:
        if isinstance(block, b.Paragraph):
            self._gap()
            self._fill(_text(block.parts), indent, indent)
        elif isinstance(block, b.Heading):
            if block.level <= 2 and not indent:
                self._underlined(block.text, "-")
            else:
                self._gap()
                self._fill(keep_together(f"{block.text}:", _KEEP), indent, indent)
                self.after_label = True
        elif isinstance(block, b.Section):
            self._underlined(f"{block.number}. {block.title}" if block.number else block.title, "-")
            self.blocks(block.body, indent)
        elif isinstance(block, b.BulletList):
            self._list(block, indent)
        elif isinstance(block, b.Definitions):
            self._gap()
            width = max(len(label) for label, _ in block.rows) + 2
            for label, value in block.rows:
                marker = f"{indent}{label + ':':<{width}}"
                if len(marker) > self.width // 2:
                    self._fill(marker.strip(), indent, indent)
                    marker = indent + "  "
                self._fill(_text(value), marker, " " * len(marker))
        elif isinstance(block, b.Table):
            self._table(block, indent)
        elif isinstance(block, b.Callout):
            self._callout(block, indent)
        elif isinstance(block, b.Rule):
            self._gap()
            self.lines.append(indent + "-" * max(10, self.width - len(indent)))

    def _list(self, block: b.BulletList, indent: str) -> None:
        self._gap()
        narrow = self.width - len(indent) < 30
        for number, item in enumerate(block.items, start=1):
            marker = f"{number}." if block.ordered else "-"
            first = f"{indent}{'' if narrow else '  '}{marker} "
            rest = " " * len(first)
            head, *more = item
            if isinstance(head, b.Paragraph):
                self._fill(_text(head.parts), first, rest)
            else:
                self.lines.append(first.rstrip())
                more = [head, *more]
            for extra in more:
                if isinstance(extra, b.Paragraph):
                    self._fill(_text(extra.parts), rest, rest)
                else:
                    self.block(extra, rest)
                    if self.lines and self.lines[-1] == "":
                        self.lines.pop()

    def _table(self, table: b.Table, indent: str) -> None:
        self._gap()
        cells = [[_text(cell) for cell in row] for row in table.rows]
        if table.headers:
            cells.insert(0, list(table.headers))
        widths = [max(len(text) for text in column) for column in zip(*cells, strict=True)]
        if not table.headers:
            widths[0] = max(widths[0], self.first_column)
        if not table.headers and len(indent) + 2 + widths[0] + 2 + 20 > self.width:
            # Too narrow for two columns: each row's first cell on a line, the rest indented below it.
            for row in cells:
                self._fill(row[0], indent + "  ", indent + "  ")
                self._fill("  ".join(row[1:]), indent + "    ", indent + "    ")
            return
        mark = table.highlight is not None
        highlight = table.highlight + 1 if table.headers and mark else table.highlight  # type: ignore[operator]
        for index, row in enumerate(cells):
            star = ("* " if index == highlight else "  ") if mark else ""
            first = f"{indent}{star or '  '}{row[0]:<{widths[0]}}  "
            if len(first) > self.width // 2:
                self.lines.append(first.rstrip())
                first = " " * (len(indent) + len(star) + 2)
            self._fill("  ".join(row[1:]), first, " " * len(first))
        if mark and table.highlight_label:
            self.lines.append(f"{indent}(* {table.highlight_label})")

    def _callout(self, callout: b.Callout, indent: str) -> None:
        """The level in words, then the lead: 'EMERGENCY: Call 911 or go to the emergency room'."""
        self._gap()
        head, *rest = callout.body
        lead = _text(head.parts) if isinstance(head, b.Paragraph) else ""
        label = callout.label.upper() + ":"
        self._fill(f"{label} {lead}".rstrip(), indent, indent + "  ")
        body = tuple(rest) if isinstance(head, b.Paragraph) else callout.body
        for block in body:
            if isinstance(block, b.Paragraph):
                self._fill(_text(block.parts), indent + "  ", indent + "  ")
            else:
                self.block(block, indent)
                if self.lines and self.lines[-1] == "":
                    self.lines.pop()
