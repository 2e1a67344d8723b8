"""--format html: one self-contained, well-formed, accessible HTML5 page for every content command.

Every page is parsed with html5lib in strict mode, so any parse error fails the test.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from runacu.content.library import Library
from runacu.views.blocks import Link
from runacu.views.html import printed_target
from tests.conftest import run
from tests.html_text import HEADINGS, parse_html, text_of
from tests.views.conftest import shown

#: Every command that shows a page, as a reader types it, with `--format html`.
PAGES = {
    "overview": ("--format", "html"),
    "benefits": ("benefits", "--format", "html"),
    "benefits-topic": ("benefits", "stress-and-sleep", "--format", "html"),
    "back-pain": ("back-pain", "--format", "html"),
    "first-visit": ("guide", "first-visit", "--format", "html"),
    "contact": ("contact", "--format", "html"),
    "guides": ("guides", "--format", "html"),
    "search": ("search", "blood", "--format", "html"),
    "check": ("check", "--format", "html"),
}
GUIDE_PAGES = {"benefits": "benefits", "back-pain": "back-pain", "first-visit": "first-visit"}
#: The pages a clinic hands out: the clinic's name and phone at the top, its address and hours at the end.
HANDOUTS = ["benefits", "benefits-topic", "back-pain", "first-visit", "search", "check"]
CLINIC = "Valencia Sports Medicine"
PHONE = "(661) 490-9221"


def html_of(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def shown_html(*args: str) -> str:
    """`html_of`, for a page of the built-in data: run once, however many tests read it."""
    result = shown(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


#: `parse_html`, once for each page: the tests only read the tree it gives.
parsed = cache(parse_html)


def find(document: Element, tag: str) -> list[Element]:
    return list(document.iter(tag))


def one(document: Element, tag: str) -> Element:
    found = find(document, tag)
    assert len(found) == 1, f"expected one <{tag}>, found {len(found)}"
    return found[0]


@pytest.fixture
def pages() -> dict[str, str]:
    """Each page's HTML, each rendered once for every test that reads it (the built-in data does not change)."""
    return {name: shown_html(*args) for name, args in PAGES.items()}


@pytest.mark.slow
@pytest.mark.parametrize("name", PAGES)
def test_page_is_a_strictly_valid_html5_document(pages: dict[str, str], name: str) -> None:
    text = pages[name]
    assert text.startswith("<!doctype html>\n"), text[:40]
    document = parsed(text)
    assert document.tag == "html"
    assert document.get("lang") == "en"
    head = one(document, "head")
    assert '<meta charset="utf-8">' in text
    charsets = [meta.get("charset") for meta in head.iter("meta") if meta.get("charset") is not None]
    assert charsets == ["utf-8"]
    title = (one(head, "title").text or "").strip()
    h1 = text_of(one(document, "h1"))
    assert h1
    # A handout's title names the clinic too, as a browser's tab and a printout's header show it.
    assert title == (f"{h1} \u2014 {CLINIC}" if name in HANDOUTS else h1)


@pytest.mark.slow
@pytest.mark.parametrize("name", PAGES)
def test_headings_start_at_h1_and_never_skip_a_level(pages: dict[str, str], name: str) -> None:
    levels = [int(element.tag[1]) for element in parsed(pages[name]).iter() if element.tag in HEADINGS]
    assert levels[0] == 1, levels
    assert levels.count(1) == 1, levels
    for previous, level in pairwise(levels):
        assert level <= previous + 1, f"h{previous} is followed by h{level}: {levels}"


@pytest.mark.slow
@pytest.mark.parametrize("name", PAGES)
def test_lists_are_real_lists(pages: dict[str, str], name: str) -> None:
    document = parsed(pages[name])
    parents = {child: parent for parent in document.iter() for child in parent}
    for item in find(document, "li"):
        assert parents[item].tag in ("ul", "ol"), f"<li> inside <{parents[item].tag}>"
    for tag in ("ul", "ol"):
        for element in find(document, tag):
            assert [child.tag for child in element] and all(child.tag == "li" for child in element)
    # No list faked with dashes or bullets in a paragraph or a cell.
    for element in document.iter():
        if element.tag in ("p", "td", "dd"):
            assert not re.match(r"[-*\u2022] ", text_of(element)), text_of(element)


@pytest.mark.parametrize("name", ["benefits", "back-pain", "first-visit", "search", "check"])
def test_pages_with_lists_have_list_items(pages: dict[str, str], name: str) -> None:
    document = parsed(pages[name])
    assert find(document, "ul") or find(document, "ol")
    assert find(document, "li")


def test_hours_table_has_column_and_row_headers(pages: dict[str, str]) -> None:
    document = parsed(pages["contact"])
    table = one(document, "table")
    columns = [th for th in table.iter("th") if th.get("scope") == "col"]
    rows = [th for th in table.iter("th") if th.get("scope") == "row"]
    assert [text_of(th) for th in columns] == ["Day", "Hours"]
    assert len(rows) == 7
    assert all(th.get("scope") in ("col", "row") for th in table.iter("th"))
    assert all(row in list(one(table, "tbody").iter("th")) for row in rows)
    assert '<th scope="col">' in pages["contact"] and '<th scope="row">' in pages["contact"]


@pytest.mark.slow
@pytest.mark.parametrize("name", GUIDE_PAGES)
def test_doi_links_read_doi_and_point_to_doi_org(pages: dict[str, str], name: str) -> None:
    document = parsed(pages[name])
    guide = Library().load_guide(GUIDE_PAGES[name])
    expected = {source.doi for topic in guide.topics for source in topic.sources if source.doi}
    found = set()
    for link in find(document, "a"):
        text, href = text_of(link), link.get("href") or ""
        if text.startswith("doi:") or "doi.org" in href:
            assert re.fullmatch(r"doi:10\.\S+", text), text
            assert href == f"https://doi.org/{text.removeprefix('doi:')}", (text, href)
            found.add(text.removeprefix("doi:"))
    assert found == expected


@pytest.mark.slow
@pytest.mark.parametrize("name", GUIDE_PAGES)
def test_disclaimer_is_in_the_footer(pages: dict[str, str], name: str) -> None:
    document = parsed(pages[name])
    guide = Library().load_guide(GUIDE_PAGES[name])
    disclaimer = " ".join(guide.disclaimer.split())
    footer = text_of(one(document, "footer"))
    assert f"{'Disclaimer:'} {disclaimer}" in footer
    assert disclaimer not in text_of(one(document, "main"))


@pytest.mark.parametrize("name", PAGES)
def test_page_is_self_contained_with_print_styles(pages: dict[str, str], name: str) -> None:
    text = pages[name]
    document = parsed(text)
    for tag in ("script", "link", "iframe", "object", "embed", "img", "base"):
        assert not find(document, tag), f"<{tag}> in the page"
    for element in document.iter():
        assert "src" not in element.attrib and "srcset" not in element.attrib, element.tag
        assert "url(" not in (element.get("style") or "")
    style = one(document, "style").text or ""
    for forbidden in ("url(", "@import", "@font-face", "fonts.googleapis"):
        assert forbidden not in style.lower()
    assert re.search(r"@media print\s*\{", style)
    assert "<script" not in text.lower()


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [("benefits",), ("contact",), ("guides",), ()], ids=["benefits", "contact", "guides", "overview"]
)
def test_lang_attribute_follows_lang_option(args: tuple[str, ...]) -> None:
    document = parsed(shown_html("--lang", "es", *args, "--format", "html"))
    assert document.get("lang") == "es"


def test_spanish_guide_page_is_valid() -> None:
    document = parsed(shown_html("--lang", "es", "benefits", "--format", "html"))
    assert text_of(one(document, "h1")) == Library(language="es").load_guide("benefits").title


HOSTILE = '<script>alert(1)</script> "quoted" & more'


def yaml_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture
def hostile_data(data_dir: Path) -> Path:
    """A data copy whose first benefits topic (title and text), and the guide itself, are full of HTML syntax."""
    path = data_dir / "benefits.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Faster recovery", f"title: {yaml_quoted(HOSTILE)}", 1)
    text = text.replace("title: Benefits of acupuncture for runners", f"title: {yaml_quoted(HOSTILE + ' guide')}", 1)
    explanation = re.compile(r"    explanation: .*\n(?:(?:      .*)?\n)*").search(text, text.index("- slug: recovery"))
    assert explanation is not None
    text = f"{text[: explanation.start()]}    explanation: {yaml_quoted(HOSTILE + ' explained')}\n\n{text[explanation.end() :]}"
    assert text.count(HOSTILE) == 3
    path.write_text(text, encoding="utf-8")
    return data_dir


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [("benefits",), ("benefits", "1"), ("search", "quoted")], ids=["guide", "topic", "search"]
)
def test_data_text_is_escaped_and_round_trips(hostile_data: Path, args: tuple[str, ...]) -> None:
    text = html_of("--data-dir", str(hostile_data), *args, "--format", "html")
    assert "&lt;script&gt;" in text
    assert "<script>alert" not in text
    document = parse_html(text)
    assert not find(document, "script")
    if args[0] == "search":
        assert HOSTILE in [text_of(strong) for strong in find(document, "strong")]
        return
    assert text_of(one(document, "title")) == f"{HOSTILE} guide \u2014 {CLINIC}"
    assert text_of(one(document, "h1")) == f"{HOSTILE} guide"
    assert f"1. {HOSTILE}" in [text_of(h2) for h2 in find(document, "h2")]
    assert f"{HOSTILE} explained" in [text_of(p) for p in find(document, "p")]


def test_output_writes_the_page_to_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "benefits.html"
    result = run("benefits", "--format", "html", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    written = target.read_text(encoding="utf-8")
    assert written == html_of("benefits", "--format", "html")
    parse_html(written)


def test_output_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "benefits.html"
    target.write_text("keep me\n", encoding="utf-8")
    result = run("benefits", "--format", "html", "--output", str(target))
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"


# A handout: who publishes it, how to reach them, and nothing to type


@pytest.mark.parametrize("name", HANDOUTS)
def test_a_handout_names_the_clinic_and_its_phone_at_the_top(pages: dict[str, str], name: str) -> None:
    document = parsed(pages[name])
    body = one(document, "body")
    header = body[0]
    assert header.tag == "header" and body[1].tag == "main", [child.tag for child in body]
    assert text_of(header) == f"{CLINIC} {PHONE}"
    assert [link.get("href") for link in find(header, "a")] == ["tel:+16614909221"]


@pytest.mark.parametrize("name", HANDOUTS)
def test_a_handout_ends_with_the_address_and_this_weeks_hours(pages: dict[str, str], name: str) -> None:
    document = parsed(pages[name])
    footer = one(document, "footer")
    words = text_of(footer)
    assert "Address 27430 The Old Rd, Valencia, CA 91355, United States" in words
    assert "Opening hours (Pacific Time)" in words
    table = one(footer, "table")
    days = [text_of(th) for th in table.iter("th") if th.get("scope") == "row"]
    assert sorted(days) == sorted(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
    # Times are never broken across lines: "6:00" and "PM" are held together.
    assert "8:00\u00a0AM \u2013 6:00\u00a0PM" in [cell.text for cell in table.iter("td")]
    assert "Open now" not in words and "Closed now" not in words, "a handout outlives this moment"


@pytest.mark.parametrize("name", ["benefits", "benefits-topic", "back-pain", "first-visit", "check"])
def test_a_handout_tells_nobody_to_run_a_command(pages: dict[str, str], name: str) -> None:
    words = text_of(parsed(pages[name]))
    assert "runacu" not in words
    assert "Run" not in words.split()


@pytest.mark.slow
def test_the_other_formats_still_say_which_command_shows_the_address() -> None:
    for output_format in ("plain", "markdown"):
        text = " ".join(shown_html("back-pain", "--format", output_format).split()).replace("`", "")
        assert "Run runacu contact for the address and opening hours." in text, output_format
        assert "Opening hours" not in text, output_format


@pytest.mark.slow
def test_the_contact_page_is_its_own_header() -> None:
    document = parsed(shown_html("contact", "--format", "html"))
    assert text_of(one(document, "title")) == text_of(one(document, "h1")) == CLINIC
    assert not find(document, "header") and not find(document, "footer")
    hours = [cell.text for cell in one(document, "table").iter("td")]
    assert "8:00\u00a0AM \u2013 6:00\u00a0PM" in hours


@pytest.mark.slow
def test_screens_get_no_handout() -> None:
    for args in (("--format", "html"), ("guides", "--format", "html")):
        document = parsed(shown_html(*args))
        assert not find(document, "header") and not find(document, "footer"), args


# Warning signs: a level is a heading, the emergency number a link


@pytest.mark.parametrize(("name", "level"), [("back-pain", "h3"), ("check", "h2")])
def test_each_red_flag_level_is_a_heading(pages: dict[str, str], name: str, level: str) -> None:
    document = parsed(pages[name])
    assert not find(document, "aside")
    headings = [text_of(h) for h in find(document, level)]
    levels = [heading for heading in headings if heading.split(":")[0] in ("Emergency", "Today", "Soon")]
    assert [heading.split(":")[0] for heading in levels] == ["Emergency", "Today", "Soon"]
    assert levels[0] == "Emergency: Call 911 or go to the emergency room"
    callouts = [div for div in find(document, "div") if "callout" in (div.get("class") or "")]
    assert [div[0].tag for div in callouts] == [level] * 3
    assert [(div.get("class") or "").split()[1] for div in callouts] == ["danger", "warning", "note"]


@pytest.mark.parametrize("name", ["back-pain", "check"])
def test_the_emergency_number_is_a_tel_link(pages: dict[str, str], name: str) -> None:
    document = parsed(pages[name])
    links = [link for link in find(document, "a") if link.get("href") == "tel:911"]
    assert [text_of(link) for link in links] == ["911"]


def test_the_pointer_to_the_warning_signs_links_to_them(pages: dict[str, str]) -> None:
    document = parsed(pages["back-pain"])
    link = next(a for a in find(document, "a") if (a.get("href") or "").startswith("#"))
    assert text_of(link) == "When to see a doctor"
    assert any(section.get("id") == "when-to-see-a-doctor" for section in find(document, "section"))


# Parts in another language than the page's


@pytest.mark.slow
def test_english_citations_in_a_spanish_guide_say_they_are_english() -> None:
    document = parsed(shown_html("--lang", "es", "benefits", "--format", "html"))
    guide = Library(language="es").load_guide("benefits")
    citations = [" ".join(s.citation.split()) for s in [*guide.sources, *(s for t in guide.topics for s in t.sources)]]
    marked = [text_of(element) for element in document.iter() if element.get("lang") == "en"]
    assert citations and all(any(marked_text.startswith(c) for marked_text in marked) for c in citations)
    assert not [element.tag for element in document.iter() if element.get("lang") not in (None, "en", "es")]
    # The evidence notes beside them are Spanish, as the page is.
    assert any(text_of(p).startswith("Nota sobre la evidencia:") and p.get("lang") is None for p in find(document, "p"))


def test_an_english_page_marks_no_part_as_english(pages: dict[str, str]) -> None:
    document = parsed(pages["benefits"])
    assert [element.tag for element in document.iter() if element.get("lang") is not None] == ["html"]


# Printed links


@pytest.mark.parametrize(
    ("text", "target", "printed"),
    [
        ("https://www.nhs.uk/conditions/back-pain/", "https://www.nhs.uk/conditions/back-pain/", None),
        ("doi:10.1038/srep45975", "https://doi.org/10.1038/srep45975", None),
        ("desk@example.org", "mailto:desk@example.org", None),
        ("(661) 490-9221", "tel:+16614909221", None),
        ("the NHS", "https://www.nhs.uk/", "nhs.uk"),
        ("the NHS page", "https://www.nhs.uk/conditions/back-pain/what-to-do/", "nhs.uk"),
    ],
)
def test_a_printed_link_shows_its_address_only_when_its_text_does_not(text: str, target: str, printed: str) -> None:
    assert printed_target(Link(text, target)) == printed


@pytest.mark.slow
def test_a_map_link_prints_no_address(pages: dict[str, str]) -> None:
    document = parsed(shown_html("contact", "--format", "html"))
    (address,) = [a for a in find(document, "a") if "openstreetmap.org" in (a.get("href") or "")]
    assert address.get("data-print") is None
    assert (
        printed_target(Link("27430 The Old Rd", "https://www.openstreetmap.org/search?q=x", print_target=False)) is None
    )
    for name in HANDOUTS:  # every link of the shipped guides says where it points
        assert not [a for a in find(parsed(pages[name]), "a") if a.get("data-print") is not None], name


@pytest.mark.slow
def test_a_search_handout_that_finds_nothing_sends_the_reader_to_its_end() -> None:
    result = run("search", "xyzzy", "--format", "html")
    assert result.exit_code == 1
    document = parse_html(result.stdout)
    assert "see a clinician; the clinic's phone and hours are at the end." in text_of(one(document, "main"))
    assert "runacu contact" not in result.stdout
    assert "Opening hours (Pacific Time)" in text_of(one(document, "footer"))
