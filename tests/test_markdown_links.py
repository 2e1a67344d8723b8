"""Markdown links carry any data string as a destination and nothing more: no markup, no lost character."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from runacu.views import blocks as b
from runacu.views.markdown import _link


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


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_destination_gives_one_link_and_no_other_element(tail: str) -> None:
    html = rendered("https://a.b/" + tail)
    assert re.findall(r"<(/?)(\w+)", html) == [("", "p"), ("", "a"), ("/", "a"), ("/", "p")], html
