"""Reading runacu's HTML back as a reader sees it: parsed strictly, its words in document order."""

from __future__ import annotations

from xml.etree.ElementTree import Element

import html5lib

HEADINGS = {f"h{level}" for level in range(1, 7)}
#: Elements that stand apart from their neighbours; everything else (links, bold) runs together.
BLOCKS = HEADINGS | {
    "p", "li", "ul", "ol", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "section", "aside", "main", "footer", "header", "nav", "article", "div", "br", "hr", "title", "blockquote",
}  # fmt: skip


def parse_html(text: str) -> Element:
    """The document, parsed strictly: html5lib raises ParseError on the first parse error."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)  # type: ignore[no-any-return]


def text_of(element: Element) -> str:
    """An element's words: block elements apart, inline elements run together, whitespace squashed."""
    parts: list[str] = []

    def walk(node: Element) -> None:
        block = node.tag in BLOCKS
        parts.append(" " if block else "")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        parts.append(" " if block else "")

    walk(element)
    return " ".join("".join(parts).split())
