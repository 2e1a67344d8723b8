"""Markdown written by runacu is published by clinics: no data string may become markup.

Checked through a CommonMark parser (markdown-it-py, with GitHub's tables and strikethrough): a page
holding any string renders to the same HTML elements as the page holding a plain word, and the string
itself comes out as text, character for character.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from runacu.views import blocks as b
from runacu.views.markdown import render_markdown
from tests.conftest import run

COMMONMARK = MarkdownIt("commonmark")
GITHUB = MarkdownIt("commonmark").enable(["table", "strikethrough"])
Page = functools.partial(b.Page, language="en")


class _Elements(HTMLParser):
    """The elements of some HTML, in order, each with its attribute names; and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[str, ...]]] = []
        self.text: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(sorted(name for name, _ in attrs))))
        self.hrefs += [value or "" for name, value in attrs if name == "href"]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.elements.append(("<!--", ()))

    def handle_decl(self, decl: str) -> None:
        self.elements.append(("<!", ()))

    def handle_pi(self, data: str) -> None:
        self.elements.append(("<?", ()))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(markdown: str, parser: MarkdownIt = COMMONMARK) -> _Elements:
    elements = _Elements()
    elements.feed(parser.render(markdown))
    elements.close()
    return elements


#: Every place a page puts a data string, as a page holding `text` there.
PLACES: dict[str, Callable[[str], b.Page]] = {
    "page title": lambda text: Page(text, ()),
    "paragraph": lambda text: Page("T", (b.Paragraph((text,)),)),
    "strong": lambda text: Page("T", (b.Paragraph(("a ", b.Strong(text), " z")),)),
    "strong first": lambda text: Page("T", (b.Paragraph((b.Strong(text), " (guide)")),)),
    "emphasis": lambda text: Page("T", (b.Paragraph((b.Emphasis(text),)),)),
    "search match": lambda text: Page("T", (b.Paragraph(("a ", b.Mark(text), " z")),)),
    "code": lambda text: Page("T", (b.Paragraph(("a ", b.Code(text), " z")),)),
    "link text": lambda text: Page("T", (b.Paragraph((b.Link(text, "https://a.example/"),)),)),
    "link target": lambda text: Page("T", (b.Paragraph((b.Link("site", "https://a.example/" + text),)),)),
    "strong link": lambda text: Page("T", (b.Paragraph((b.Link(text, "tel:" + text, strong=True), " z")),)),
    "heading": lambda text: Page("T", (b.Heading(text),)),
    "section": lambda text: Page("T", (b.Section(1, text, (b.Paragraph((text,)),)),)),
    "list items": lambda text: Page(
        "T", (b.BulletList(((b.Paragraph((text,)),), (b.Paragraph((text,)), b.Paragraph((text,))))),)
    ),
    "numbered list": lambda text: Page("T", (b.BulletList(((b.Paragraph((text,)),),), ordered=True),)),
    "definitions": lambda text: Page("T", (b.Definitions(((text, (text,)),)),)),
    "table": lambda text: Page(
        "T", (b.Table(("Day", "Hours"), (((text,), (b.Code(text),)), ((text,), (text,))), 0, "today"),)
    ),
    "plain table": lambda text: Page("T", (b.Table((), (((b.Code(text),), (text,)),)),)),
    "callout": lambda text: Page(
        "T", (b.Callout("danger", "Emergency", (b.Paragraph((b.Strong(text),)), b.Paragraph((text,)))),)
    ),
    "footer": lambda text: Page("T", (b.Paragraph((text,)),), footer=(b.Paragraph((text,), quiet=True),)),
}

markup = st.sampled_from(
    [
        *"`*_<>&[]()!#|~\\-+=.:;/'\" \n\t\u00a0",
        *("&amp;", "&rlm;", "&#x200F;", "<img src=x onerror=alert(1)>", "``", "<script>", "</p>", "<!-- x -->"),
        *("<?x?>", "<![CDATA[x]]>", "[x](javascript:y)", "<https://a.example>", "1. "),
    ]
)
data_strings = (
    st.lists(st.one_of(markup, st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"])), max_size=14)
    .map("".join)
    .filter(str.strip)
)


@functools.cache
def plain_elements(place: str, parser: MarkdownIt) -> list[tuple[str, tuple[str, ...]]]:
    """The elements of the page holding a plain word at `place`: what every data string must give."""
    return parsed(render_markdown(PLACES[place]("x")), parser).elements


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=data_strings)
def test_no_data_string_becomes_an_element_runacu_did_not_write(text: str) -> None:
    for place, page in PLACES.items():
        written = render_markdown(page(text))
        for parser in (COMMONMARK, GITHUB):
            assert parsed(written, parser).elements == plain_elements(place, parser), (place, written)


def _collapsed(text: str) -> str:
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip()  # a parser may strip any space at a block's ends


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(text=data_strings)
def test_a_data_string_comes_out_as_the_same_text(text: str) -> None:
    for place in ("paragraph", "strong", "emphasis", "link text", "heading", "definitions"):
        assert _collapsed(text) in _collapsed("".join(parsed(render_markdown(PLACES[place](text))).text)), place
    code = "".join(parsed(render_markdown(PLACES["code"](text))).text)
    assert re.sub(r"\r\n?|\n", " ", text) in code


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(tail=data_strings)
def test_a_link_destination_keeps_every_character(tail: str) -> None:
    from urllib.parse import unquote

    [href] = parsed(render_markdown(PLACES["link target"](tail))).hrefs
    assert unquote(href) == unquote("https://a.example/" + tail)  # as written, or percent-encoded


@pytest.mark.parametrize(
    ("text", "shown"),
    [("AT&amp;T", "AT&amp;T"), ("&rlm;", "&rlm;"), ("&#x200F;", "&#x200F;"), ("&copy; 2026", "&copy; 2026")],
)
def test_an_entity_in_data_is_text_not_a_character(text: str, shown: str) -> None:
    for place in ("paragraph", "strong", "heading", "link text"):
        found = parsed(render_markdown(PLACES[place](text)))
        assert shown in "".join(found.text), place
        assert "\u200f" not in "".join(found.text)


def test_an_entity_in_a_link_destination_is_kept_as_written() -> None:
    [href] = parsed(render_markdown(PLACES["link target"]("?q=&rlm;&amp;"))).hrefs
    assert href == "https://a.example/?q=&rlm;&amp;"


@pytest.mark.parametrize("key", ["x``<img src=x onerror=alert(1)>``", "`<b>`", "a```b<i>x</i>", "`` ` ``"])
def test_a_field_path_holding_backticks_stays_one_code_span(key: str) -> None:
    page = Page("T", (b.Paragraph((b.Strong("f.yaml:3:1"), ": ", b.Code(f"topics[0].{key}"), ": unknown key")),))
    found = parsed(render_markdown(page))
    assert [tag for tag, _ in found.elements] == ["h1", "p", "strong", "code"]
    assert f"topics[0].{key}" in found.text


@pytest.mark.slow
def test_validate_in_markdown_writes_a_hostile_key_as_text(tmp_path: Path) -> None:
    (tmp_path / "clinic.yaml").write_text(
        (Path(__file__).parents[2] / "data" / "clinic.yaml").read_text() + '"x``<img src=x onerror=alert(1)>``": 1\n'
    )
    result = run("validate", str(tmp_path), "--format", "markdown")
    assert result.exit_code == 3
    found = parsed(result.stdout)
    assert "img" not in {tag for tag, _ in found.elements}
    assert "x``<img src=x onerror=alert(1)>``" in "".join(found.text)


HOSTILE_LINKS = [
    "https://clinic.example/<style>body{display:none}</style>",
    "https://clinic.example/x><img/src=x/onerror=alert(1)>",
    "https://clinic.example/?a=1&rlm;&amp;b=<script>",
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("file", "key", "command"),
    [
        ("clinic.yaml", "website:", "contact"),
        ("benefits.yaml", "url: https://www.cdc.gov/nchs/data/nhsr/nhsr012.pdf", "benefits"),
        ("back-pain.yaml", "doi: 10.1038/srep45975", "back-pain"),
    ],
)
@pytest.mark.parametrize("value", HOSTILE_LINKS)
def test_a_link_with_markup_in_a_valid_file_stays_one_link(
    file: str, key: str, command: str, value: str, data_dir: Path
) -> None:
    from urllib.parse import unquote

    path = data_dir / file
    if key.startswith("doi"):
        value = "10.1038/" + value.removeprefix("https://")
    path.write_text(path.read_text().replace(key + "\n", f"{key.split(':')[0]}: '{value}'\n", 1))
    result = run("--data-dir", str(data_dir), command, "--format", "markdown")
    assert result.exit_code == 0, result.stderr  # the file is valid: runacu's own checks let the value through
    found = parsed(result.stdout)
    written = {"h1", "h2", "h3", "hr", "p", "ul", "ol", "li", "blockquote", "strong", "em", "a", "code"}
    assert {tag for tag, _ in found.elements} <= written
    link = f"https://doi.org/{value}" if key.startswith("doi") else value
    assert link in [unquote(href) for href in found.hrefs]
