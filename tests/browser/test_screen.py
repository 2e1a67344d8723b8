"""The handouts on screens from a phone's 320 px to a desktop's 1280 px, and axe-core's accessibility rules."""

from __future__ import annotations

import pytest

from tests.browser.chromium import Browser
from tests.browser.conftest import HANDOUTS, Handouts

#: A small phone, and a desktop.
WIDTHS = (320, 1280)

#: How a page lies on a screen: how wide it is against the window, what sticks out of it, and which phone
#: numbers, emergency numbers and times of day are broken across two lines.
LAID_OUT = r"""(() => {
  const width = document.documentElement.clientWidth;
  const lines = rects => new Set([...rects].map(rect => Math.round(rect.top))).size;
  const broken = [...document.querySelectorAll('a[href^="tel:"]')]
    .filter(link => lines(link.getClientRects()) > 1).map(link => link.textContent);
  const time = /\d{1,2}:\d{2}\s?(?:[AP]M|[ap]\.\s?m\.)/g;
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = texts.nextNode());) {
    for (const found of node.data.matchAll(time)) {
      const range = document.createRange();
      range.setStart(node, found.index);
      range.setEnd(node, found.index + found[0].length);
      if (lines(range.getClientRects()) > 1) broken.push(found[0]);
    }
  }
  const outside = [...document.querySelectorAll("body *")]
    .filter(element => element.getBoundingClientRect().right > width + 0.5)
    .map(element => `<${element.tagName.toLowerCase()}> ${element.textContent.trim().slice(0, 60)}`);
  return {scrollWidth: document.documentElement.scrollWidth, width, outside: outside.slice(0, 5), broken};
})()"""

#: axe-core's verdict: each rule the page breaks, with the first few places it breaks it.
AXE = """axe.run(document, {resultTypes: ["violations"]}).then(results => results.violations.map(rule => ({
  rule: rule.id, impact: rule.impact, help: rule.help,
  where: rule.nodes.slice(0, 3).map(node => node.target.join(" ") + ": " + node.failureSummary)})))"""


@pytest.mark.parametrize("name", HANDOUTS)
def test_a_handout_fits_a_phone_and_a_desktop(browser: Browser, handouts: Handouts, name: str) -> None:
    tab = browser.show(handouts[name])
    for width in WIDTHS:
        tab.resize(width)
        laid_out = tab.evaluate(LAID_OUT)
        assert laid_out["width"] == width
        assert laid_out["scrollWidth"] <= width and not laid_out["outside"], (width, laid_out)
        # A phone number, 911 and a time of day are each read whole, on one line.
        assert laid_out["broken"] == [], width


@pytest.mark.parametrize("name", HANDOUTS)
def test_axe_core_finds_no_violations(axe_core: str, browser: Browser, handouts: Handouts, name: str) -> None:
    tab = browser.show(handouts[name])
    if tab.evaluate("typeof axe") == "undefined":  # not yet run on this page
        tab.evaluate(f"{axe_core}\n;true")
    assert tab.evaluate(AXE) == []
