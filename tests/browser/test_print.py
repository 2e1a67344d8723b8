"""The handouts printed by Chromium on A4 and Letter: few pages, and what is printed beside a link."""

from __future__ import annotations

import pytest

from tests.browser.chromium import PAPER, Browser, pdf_pages
from tests.browser.conftest import HANDOUTS, Handouts

#: The most pages each handout may print on, on either paper: the text flows from page to page, only a heading
#: is kept with what follows it and a callout whole. Spanish runs longer than English.
MOST_PAGES = {
    "benefits": 3,
    "back-pain": 5,
    "first-visit": 3,
    "benefits-es": 3,
    "back-pain-es": 5,
    "first-visit-es": 4,
    "contact": 1,
}

#: What print styles make of a page: what is printed after each link, which elements are kept whole, and whether
#: each heading is kept with what follows it.
PRINTED = """({
  links: [...document.querySelectorAll("a")].map(a => ({
    text: a.textContent, href: a.getAttribute("href"), after: getComputedStyle(a, "::after").content})),
  whole: [...new Set([...document.querySelectorAll("body *")]
    .filter(e => getComputedStyle(e).breakInside === "avoid").map(e => e.tagName.toLowerCase()))],
  headings: [...new Set([...document.querySelectorAll("h1, h2, h3, h4")].map(h => getComputedStyle(h).breakAfter))],
})"""
#: What a printed link says after its text, when it says anything.
NOTHING = ("none", "normal")


@pytest.mark.parametrize("name", HANDOUTS)
def test_a_handout_prints_on_few_pages(browser: Browser, handouts: Handouts, name: str) -> None:
    tab = browser.show(handouts[name])
    pages = {paper: pdf_pages(tab.print_to_pdf(paper)) for paper in PAPER}
    tab.media("print")
    printed = tab.evaluate(PRINTED)
    assert all(1 <= count <= MOST_PAGES[name] for count in pages.values()), pages
    # Nothing is kept whole but a callout (a <div>) and a table's rows; a heading stays with what follows it.
    assert set(printed["whole"]) <= {"div", "thead", "tr"}, printed["whole"]
    assert printed["headings"] == ["avoid"]
    # A printed link says where it points once, briefly, and only when its text does not say it already.
    for link in printed["links"]:
        text, href, after = link["text"], link["href"], link["after"]
        if href.startswith(("tel:", "mailto:", "#")) or "openstreetmap.org" in href or text == href:
            assert after in NOTHING, link
        elif text.startswith("doi:"):
            assert after in NOTHING, link  # the DOI is the address
        elif after not in NOTHING:
            shown = after.removeprefix('" (').removesuffix(')"')
            assert shown not in text and len(shown) <= 30, link
