"""One self-contained HTML5 page: inline CSS for screens from 320 px wide and for print, no script."""

from __future__ import annotations

from html import escape

from runacu.views import blocks as b

STYLE = """
:root { color-scheme: light; --accent: #0b6e79; --danger: #a4161a; --warning: #8a5300; --note: #1d4e89; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1b1b1b; background: #fff; }
main, footer { max-width: 42rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.75rem; line-height: 1.2; color: var(--accent); margin: 0.5rem 0 1rem; }
h2 { font-size: 1.3rem; line-height: 1.25; margin: 2rem 0 0.5rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.25rem; }
a { color: var(--accent); overflow-wrap: anywhere; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.95em; background: #eef3f4;
  padding: 0 0.2em; border-radius: 3px; overflow-wrap: anywhere; }
mark { background: #ffe58a; }
.quiet { color: #4a4a4a; font-size: 0.95rem; }
.callout { border-left: 0.4rem solid var(--note); background: #f1f5fb; padding: 0.5rem 1rem; margin: 1rem 0; }
.callout.danger { border-color: var(--danger); background: #fcefef; }
.callout.warning { border-color: var(--warning); background: #fdf5e6; }
.callout .level { text-transform: uppercase; letter-spacing: 0.03em; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #d0d7d9; vertical-align: top; }
tr.highlight { background: #e2f1f2; font-weight: bold; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: anywhere; }
footer { border-top: 1px solid #d0d7d9; margin-top: 2rem; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.5rem; } }
@media print {
  body { font-size: 11pt; color: #000; }
  main, footer { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after, a[href^="mailto:"]::after { content: " (" attr(href) ")"; font-size: 0.9em; }
  section, .callout, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .callout { border: 1px solid #000; border-left-width: 0.4rem; background: none; }
  tr.highlight { background: none; }
}
"""


def _strong(html: str, strong: bool) -> str:
    return f"<strong>{html}</strong>" if strong else html


#: How each inline piece is written in HTML.
_INLINE: b.InlineWriters[str] = {
    str: escape,
    b.Link: lambda link: _strong(f'<a href="{escape(link.target)}">{escape(link.text)}</a>', link.strong),
    b.Strong: lambda strong: f"<strong>{escape(strong.text)}</strong>",
    b.Emphasis: lambda emphasis: f"<em>{escape(emphasis.text)}</em>",
    b.Code: lambda code: f"<code>{escape(code.text)}</code>",
    b.Mark: lambda mark: f"<mark>{escape(mark.text)}</mark>",
}


def inline(parts: b.Inlines) -> str:
    return "".join(b.write_inlines(parts, _INLINE))


def render_html(page: b.Page) -> str:
    body = "\n".join(_block(block) for block in page.blocks)
    footer = "\n".join(_block(block) for block in page.footer)
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(page.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(page.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<main>\n<h1>{escape(page.title)}</h1>\n{body}\n</main>\n"
        + (f"<footer>\n{footer}\n</footer>\n" if footer else "")
        + "</body>\n</html>\n"
    )


def _blocks(blocks: tuple[b.Block, ...], depth: int = 0) -> str:
    return "\n".join(_block(block, depth) for block in blocks)


def _block(block: b.Block, depth: int = 0) -> str:
    """One block; `depth` is 1 inside a section: headings follow the outline, never skipping a level."""
    if isinstance(block, b.Paragraph):
        quiet = ' class="quiet"' if block.quiet else ""
        return f"<p{quiet}>{inline(block.parts)}</p>"
    if isinstance(block, b.Heading):
        return f"<h{2 + depth}>{escape(block.text)}</h{2 + depth}>"
    if isinstance(block, b.Section):
        title = f"{block.number}. {block.title}" if block.number else block.title
        anchor = f' id="{escape(block.name)}"' if block.name else ""
        return f"<section{anchor}>\n<h2>{escape(title)}</h2>\n{_blocks(block.body, 1)}\n</section>"
    if isinstance(block, b.BulletList):
        tag = "ol" if block.ordered else "ul"
        quiet = ' class="quiet"' if block.quiet else ""
        items = "\n".join(f"<li>{_item(item)}</li>" for item in block.items)
        return f"<{tag}{quiet}>\n{items}\n</{tag}>"
    if isinstance(block, b.Definitions):
        rows = "\n".join(f"<dt>{escape(label)}</dt><dd>{inline(value)}</dd>" for label, value in block.rows)
        return f"<dl>\n{rows}\n</dl>"
    if isinstance(block, b.Table):
        return _table(block)
    if isinstance(block, b.Callout):
        head, *others = block.body
        label = f'<strong class="level">{escape(block.label)}:</strong> '
        if isinstance(head, b.Paragraph):
            first = f"<p>{label}{inline(head.parts)}</p>"
            body = _blocks(tuple(others))
        else:
            first, body = f"<p>{label}</p>", _blocks(block.body)
        return f'<aside class="callout {block.level}">\n{first}\n{body}\n</aside>'
    if isinstance(block, b.Rule):
        return "<hr>"
    raise TypeError(f"unknown block {block!r}")


def _item(blocks: tuple[b.Block, ...]) -> str:
    # A one-paragraph item needs no <p>: a compact list.
    if len(blocks) == 1 and isinstance(blocks[0], b.Paragraph):
        return inline(blocks[0].parts)
    return _blocks(blocks)


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
