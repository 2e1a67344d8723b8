"""One self-contained HTML5 page, a handout: inline CSS for screens from 320 px wide and for print, no script.

A page built to be handed out (`Page.handout`) names its publisher and phone at the top and in the title,
and ends with the publisher's address and opening hours.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from runacu.views import blocks as b

STYLE = """
:root { color-scheme: light; --accent: #0b6e79; --danger: #a4161a; --warning: #8a5300; --note: #1d4e89;
  --line: #d0d7d9; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1b1b1b; background: #fff; }
main, footer, .masthead > p { max-width: 42rem; margin: 0 auto; padding: 1rem; }
.masthead { border-bottom: 3px solid var(--accent); }
.masthead > p { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1rem;
  margin: 0 auto; padding-block: 0.5rem; }
.publisher { color: var(--accent); font-weight: bold; }
h1 { font-size: 1.75rem; line-height: 1.2; color: var(--accent); margin: 0.5rem 0 1rem; }
h2 { font-size: 1.3rem; line-height: 1.25; margin: 2rem 0 0.5rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.25rem; }
ul, ol { padding-left: 1.5rem; }
a { color: var(--accent); overflow-wrap: break-word; }
a[href^="tel:"] { white-space: nowrap; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.95em; background: #eef3f4;
  padding: 0 0.2em; border-radius: 3px; overflow-wrap: break-word; }
mark { background: #ffe58a; }
.quiet { color: #4a4a4a; font-size: 0.95rem; }
.callout { border-left: 0.4rem solid var(--note); background: #f1f5fb; padding: 0.25rem 1rem 0.5rem; margin: 1rem 0; }
.callout.danger { border-color: var(--danger); background: #fcefef; }
.callout.warning { border-color: var(--warning); background: #fdf5e6; }
.callout > :is(h2, h3, h4) { font-size: 1.05rem; border: 0; margin: 0.5rem 0; }
.callout .level { text-transform: uppercase; letter-spacing: 0.03em; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { text-align: left; padding: 0.3rem 1.5rem 0.3rem 0.5rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
tr.highlight { background: #e2f1f2; font-weight: bold; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.25rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: anywhere; }
footer { border-top: 1px solid var(--line); margin-top: 2rem; }
@media (max-width: 30rem) {
  main, footer, .masthead > p { padding-inline: 0.75rem; }
  .callout { margin-inline: -0.75rem; padding-inline: 0.6rem; border-left-width: 0.3rem; }
  ul, ol { padding-left: 1.25rem; }
  table { font-size: 0.95rem; }
  th, td { padding-inline: 0.4rem; }
  dl { grid-template-columns: minmax(0, 1fr); } dd { margin-bottom: 0.5rem; }
}
@media print {
  @page { margin: 12mm 14mm; }
  html { font-size: 10pt; }
  /* Fonts of one width (Liberation Sans is Arial's metric twin): a handout prints on as many pages anywhere. */
  body { font: 1rem/1.35 Arial, Helvetica, "Liberation Sans", sans-serif; color: #000; }
  p, ul, ol, dl { margin-block: 0.5em; }
  main, footer, .masthead > p { max-width: none; padding: 0; }
  .masthead { margin-bottom: 0.5rem; }
  /* Two columns, as a leaflet: lines a reader's eye can follow, and no paper lost to the ends of short lines. */
  main { columns: 2; column-gap: 7mm; }
  h1 { column-span: all; }
  /* The clinic's card beside its opening hours. */
  footer > section { display: grid; grid-template-columns: 1fr 1fr; column-gap: 7mm; align-items: start; }
  footer > section > h2 { grid-column: 1 / -1; }
  footer > section > dl { grid-column: 1; grid-row: 2 / span 2; margin: 0; }
  footer > section > :is(h3, table) { grid-column: 2; margin-top: 0; }
  h1 { margin-top: 0.75rem; }
  h2 { margin-top: 1.25rem; }
  .quiet { font-size: 0.85rem; }
  a { color: inherit; text-decoration: none; }
  a[data-print]::after { content: " (" attr(data-print) ")"; font-size: 0.9em; }
  h1, h2, h3, h4 { break-after: avoid; }
  .callout, tr { break-inside: avoid; }
  .callout, .callout.danger, .callout.warning { background: none; border: 1px solid var(--line);
    border-left: 0.4rem solid var(--note); }
  .callout.danger { border-left-color: var(--danger); }
  .callout.warning { border-left-color: var(--warning); }
  tr.highlight { background: none; }
}
"""

#: A printed web address longer than this shows only its host: a reader types a site's name, not a path.
_LONGEST_PRINTED_ADDRESS = 30


def render_html(page: b.Page) -> str:
    return _HtmlWriter(page.language).page(page)


def _bare(address: str) -> str:
    """An address as a reader says it: no scheme, no `www.`, no `doi:` or `mailto:`."""
    for prefix in ("https://", "http://", "mailto:", "doi:", "www."):
        address = address.removeprefix(prefix)
    return address.rstrip("/")


def printed_target(link: b.Link) -> str | None:
    """What a printed copy says after a web link, or None when its text already says it (or it is a map)."""
    if not link.print_target or not link.target.startswith(("https://", "http://")):
        return None
    bare = _bare(link.target)
    if _bare(link.text) in bare:
        return None
    if len(bare) > _LONGEST_PRINTED_ADDRESS:
        return (urlsplit(link.target).hostname or bare).removeprefix("www.")
    return bare


def _link(link: b.Link) -> str:
    attributes = f'href="{escape(link.target)}"'
    if (printed := printed_target(link)) is not None:
        attributes += f' data-print="{escape(printed)}"'
    html = f"<a {attributes}>{escape(link.text)}</a>"
    return f"<strong>{html}</strong>" if link.strong else html


#: How each inline piece is written in HTML.
_INLINE: b.InlineWriters[str] = {
    str: escape,
    b.Link: _link,
    b.Strong: lambda strong: f"<strong>{escape(strong.text)}</strong>",
    b.Emphasis: lambda emphasis: f"<em>{escape(emphasis.text)}</em>",
    b.Code: lambda code: f"<code>{escape(code.text)}</code>",
    b.Mark: lambda mark: f"<mark>{escape(mark.text)}</mark>",
}


def inline(parts: b.Inlines) -> str:
    return "".join(b.write_inlines(parts, _INLINE))


class _HtmlWriter:
    """Writes one page; knows the page's language, so a part in another language says which."""

    def __init__(self, language: str) -> None:
        self.language = language

    def page(self, page: b.Page) -> str:
        handout = page.handout
        title = page.title
        header = ""
        if handout is not None:
            if handout.publisher != page.title:
                title = f"{page.title} \u2014 {handout.publisher}"
            header = (
                f'<header class="masthead">\n<p><span class="publisher">{escape(handout.publisher)}</span>'
                f" <span>{inline(handout.contact)}</span></p>\n</header>\n"
            )
        body = self.blocks(page.blocks)
        footer = self.blocks((*page.footer, *(handout.footer if handout is not None else ())))
        return (
            "<!doctype html>\n"
            f'<html lang="{escape(page.language)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"{header}<main>\n<h1>{escape(page.title)}</h1>\n{body}\n</main>\n"
            + (f"<footer>\n{footer}\n</footer>\n" if footer else "")
            + "</body>\n</html>\n"
        )

    def _lang(self, language: str | None) -> str:
        return f' lang="{escape(language)}"' if language is not None and language != self.language else ""

    def blocks(self, blocks: tuple[b.Block, ...], depth: int = 0) -> str:
        return "\n".join(self.block(block, depth) for block in blocks)

    def block(self, block: b.Block, depth: int = 0) -> str:
        """One block; `depth` is 1 inside a section: headings follow the outline, never skipping a level."""
        if isinstance(block, b.Paragraph):
            quiet = ' class="quiet"' if block.quiet else ""
            return f"<p{quiet}{self._lang(block.language)}>{inline(block.parts)}</p>"
        if isinstance(block, b.Heading):
            return f"<h{2 + depth}>{escape(block.text)}</h{2 + depth}>"
        if isinstance(block, b.Section):
            title = f"{block.number}. {block.title}" if block.number else block.title
            anchor = f' id="{escape(block.name)}"' if block.name else ""
            return f"<section{anchor}>\n<h2>{escape(title)}</h2>\n{self.blocks(block.body, 1)}\n</section>"
        if isinstance(block, b.BulletList):
            tag = "ol" if block.ordered else "ul"
            quiet = ' class="quiet"' if block.quiet else ""
            items = "\n".join(self._item(item) for item in block.items)
            return f"<{tag}{quiet}>\n{items}\n</{tag}>"
        if isinstance(block, b.Definitions):
            rows = "\n".join(f"<dt>{escape(label)}</dt><dd>{inline(value)}</dd>" for label, value in block.rows)
            return f"<dl>\n{rows}\n</dl>"
        if isinstance(block, b.Table):
            return _table(block)
        if isinstance(block, b.Callout):
            return self._callout(block, depth)
        if isinstance(block, b.Rule):
            return "<hr>"
        raise TypeError(f"unknown block {block!r}")

    def _callout(self, callout: b.Callout, depth: int) -> str:
        """A box with a heading: its level in words and its lead ('Emergency: Call 911 ...'), so a reader
        who moves from heading to heading finds every warning sign's level."""
        head, *others = callout.body
        label = f'<span class="level">{escape(callout.label)}:</span>'
        if isinstance(head, b.Paragraph):
            heading, body = f"{label} {inline(head.parts)}", self.blocks(tuple(others), depth)
        else:
            heading, body = label, self.blocks(callout.body, depth)
        tag = f"h{2 + depth}"
        return f'<div class="callout {callout.level}">\n<{tag}>{heading}</{tag}>\n{body}\n</div>'

    def _item(self, blocks: tuple[b.Block, ...]) -> str:
        # A one-paragraph item needs no <p>: a compact list.
        if len(blocks) == 1 and isinstance(blocks[0], b.Paragraph):
            return f"<li{self._lang(blocks[0].language)}>{inline(blocks[0].parts)}</li>"
        return f"<li>{self.blocks(blocks)}</li>"


def _table(table: b.Table) -> str:
    caption = f"<caption>{escape(table.caption)}</caption>" if table.caption else ""
    head = "".join(f'<th scope="col">{escape(text)}</th>' for text in table.headers)
    thead = f"\n<thead><tr>{head}</tr></thead>" if head else ""
    rows = []
    for index, row in enumerate(table.rows):
        first, *rest = row
        label = inline(first)
        attributes = ""
        if index == table.highlight:
            attributes = ' class="highlight"'
            if table.highlight_label:
                label += f" ({escape(table.highlight_label)})"
        cells = "".join(f"<td>{inline(cell)}</td>" for cell in rest)
        rows.append(f'<tr{attributes}><th scope="row">{label}</th>{cells}</tr>')
    body = "\n".join(rows)
    return f"<table>{caption}{thead}\n<tbody>\n{body}\n</tbody>\n</table>"
