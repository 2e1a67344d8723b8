"""CommonMark the clinic can paste into a web page or a newsletter."""

from __future__ import annotations

import re
from urllib.parse import quote

from runacu.views import blocks as b

#: Every ASCII character that can start markup: emphasis, code, links and images, HTML, entities (`&amp;`),
#: headings, tables and strikethrough (GitHub's); a backslash makes each literal.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~&])")
_BLOCK_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")
#: Whitespace that wraps: a no-break space (as in "27.4 %") is kept as written.
_WRAPPING = re.compile(r"[ \t\n\r\f\v]+")
_LINE_BREAK = re.compile(r"\r\n?|\n")
_BACKTICKS = re.compile(r"`+")
_IN_DESTINATION = re.compile(r"[\\<>\s\x00-\x1f\x7f]")


def escape(text: str) -> str:
    """Data text as literal Markdown: no emphasis, links, HTML, entities or headings sneak in."""
    return _SPECIAL.sub(r"\\\1", _WRAPPING.sub(" ", text))


def _line_start(text: str) -> str:
    """A block's first characters that would start a list or a heading, escaped."""
    return _BLOCK_START.sub(
        lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2).isdigit() else "\\" + m.group(2)), text
    )


def _code(text: str) -> str:
    """A code span holding exactly `text`: its fence is longer than any run of backticks inside, and a space
    pads a text that starts or ends with a backtick or with spaces (CommonMark strips one from each end)."""
    text = _LINE_BREAK.sub(" ", text)
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    padded = text[0] == "`" or text[-1] == "`" or (text[0] == " " and text[-1] == " " and text.strip(" "))
    return f"{fence} {text} {fence}" if padded else f"{fence}{text}{fence}"


def _around(text: str, delimiter: str) -> str:
    """Emphasis around `text`: spaces at its ends go outside, where CommonMark lets the delimiters work."""
    inner = text.strip()  # any Unicode space: a no-break one at an end keeps a delimiter from working too
    if not inner:
        return escape(text)
    start = len(text) - len(text.lstrip())
    return escape(text[:start]) + delimiter + escape(inner) + delimiter + escape(text[start + len(inner) :])


def _link(link: b.Link) -> str:
    # In a <...> destination only <, >, a backslash, an entity's & and line breaks are special, and a parser may
    # trim spaces: encoded (& escaped), no data can close the destination early (and so become markup) or lose a
    # character.
    target = _IN_DESTINATION.sub(lambda found: quote(found.group(), safe=""), link.target).replace("&", "\\&")
    written = f"[{escape(link.text)}](<{target}>)"
    return f"**{written}**" if link.strong else written


#: How each inline piece is written in Markdown (a search match is bold: CommonMark has no highlight).
_INLINE: b.InlineWriters[str] = {
    str: escape,
    b.Link: _link,
    b.Strong: lambda strong: _around(strong.text, "**"),
    b.Mark: lambda mark: _around(mark.text, "**"),
    b.Emphasis: lambda emphasis: _around(emphasis.text, "*"),
    b.Code: lambda code: _code(code.text),
}


def inline(parts: b.Inlines) -> str:
    return _line_start("".join(b.write_inlines(parts, _INLINE)))


def render_markdown(page: b.Page) -> str:
    chunks = [f"# {escape(page.title)}", *_blocks(page.blocks)]
    if page.footer:
        chunks += ["---", *_blocks(page.footer)]
    return "\n\n".join(chunk for chunk in chunks if chunk) + "\n"


def _blocks(blocks: tuple[b.Block, ...], depth: int = 0) -> list[str]:
    return [_block(block, depth) for block in blocks]


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else prefix.rstrip() for line in text.split("\n"))


def _block(block: b.Block, depth: int = 0) -> str:
    """One block; `depth` is 1 inside a section, so its headings sit one level below the section's."""
    if isinstance(block, b.Paragraph):
        return inline(block.parts)
    if isinstance(block, b.Heading):
        return f"{'#' * (2 + depth)} {escape(block.text)}"
    if isinstance(block, b.Section):
        title = f"{block.number}. {block.title}" if block.number else block.title
        return "\n\n".join([f"## {escape(title)}", *_blocks(block.body, 1)])
    if isinstance(block, b.BulletList):
        items = []
        for number, item in enumerate(block.items, start=1):
            marker = f"{number}. " if block.ordered else "- "
            body = "\n\n".join(_blocks(item))
            items.append(marker + _indent(body, " " * len(marker)).lstrip())
        # Items with more than one paragraph need blank lines between items to stay one list.
        loose = any(len(item) > 1 for item in block.items)
        return ("\n\n" if loose else "\n").join(items)
    if isinstance(block, b.Definitions):
        return "\n".join(f"- {_around(label + ':', '**')} {inline(value)}" for label, value in block.rows)
    if isinstance(block, b.Table) and not block.headers:
        return "\n".join("- " + ": ".join(inline(cell) for cell in row) for row in block.rows)
    if isinstance(block, b.Table):
        rows = [
            "| " + " | ".join(escape(h) for h in block.headers) + " |",
            "|" + " --- |" * len(block.headers),
        ]
        for index, row in enumerate(block.rows):
            cells = [inline(cell).strip() for cell in row]  # a cell's own spaces would undo its bold
            if index == block.highlight:
                cells = [f"**{cell}**" if cell else cell for cell in cells]
                if block.highlight_label:
                    cells[0] += f" ({escape(block.highlight_label)})"
            rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        return "\n".join(rows)
    if isinstance(block, b.Callout):
        head, *others = block.body
        lead = f"**{escape(block.label.upper())}:** " + (inline(head.parts) if isinstance(head, b.Paragraph) else "")
        parts = [lead, *_blocks(tuple(others) if isinstance(head, b.Paragraph) else block.body)]
        return _indent("\n\n".join(parts), "> ")
    if isinstance(block, b.Rule):
        return "---"
    raise TypeError(f"unknown block {block!r}")
