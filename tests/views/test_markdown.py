"""Markdown: CommonMark that parses as meant, data text escaped, and links that carry any data string as a
destination and nothing more."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from runacu.views import blocks as b
from runacu.views.markdown import _link
from tests.conftest import run
from tests.views.conftest import shown


def rendered(target: str) -> str:
    return MarkdownIt().render(_link(b.Link("site", target)))


@pytest.mark.parametrize(
    "target", ["https://a.b/<script", "https://a.b/<plaintext>x", "https://a.b/x\\>y", "https://a.b/a b", "10.1/<img"]
)
def test_a_destination_with_markup_characters_stays_one_link(target: str) -> None:
    html = rendered(target)
    assert html.count("<a ") == 1
    assert "<script" not in html and "<plaintext" not in html and "<img" not in html
    assert ">site</a>" in html


@pytest.mark.slow
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_destination_gives_one_link_and_no_other_element(tail: str) -> None:
    html = rendered("https://a.b/" + tail)
    assert re.findall(r"<(/?)(\w+)", html) == [("", "p"), ("", "a"), ("/", "a"), ("/", "p")], html


def test_markdown_is_clean_commonmark_with_links() -> None:
    text = shown("back-pain", "--format", "markdown").stdout
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open"]
    assert headings[0] == "Acupuncture for running-induced back pain"
    assert "3. What the research says" in headings
    html = MarkdownIt("commonmark").render(text)
    assert '<a href="https://doi.org/10.1001/archinte.167.17.1892">doi:10.1001/archinte.167.17.1892</a>' in html
    assert "<li>Keep a good posture.</li>" in html


def test_markdown_escapes_data_text(data_dir: object) -> None:
    from pathlib import Path

    path = Path(str(data_dir)) / "benefits.yaml"
    path.write_text(path.read_text().replace("title: Faster recovery", 'title: "*Fast* <b>recovery</b> [x](y)"'))
    html = MarkdownIt("commonmark").render(run("--data-dir", str(data_dir), "benefits", "1", "-f", "markdown").stdout)
    assert "<em>" not in html.split("</h2>")[0]
    assert "&lt;b&gt;recovery&lt;/b&gt;" in html
    assert "<a href" not in html.split("</h2>")[0]
